//===- ProgramDescTest.cpp - reading ProgramDesc bytes ----------------------===//

#include "pd/Frontend/ProgramDesc.h"

#include <gtest/gtest.h>

using namespace pd;

namespace {

proto::ProgramDesc tinyProgram() {
  proto::ProgramDesc program;
  proto::BlockDesc &block = *program.add_blocks();
  block.set_idx(0);
  block.set_parent_idx(-1);
  proto::VarDesc &var = *block.add_vars();
  var.set_name("x");
  var.mutable_type()->set_type(proto::VarType::LOD_TENSOR);
  auto *tensor = var.mutable_type()->mutable_lod_tensor()->mutable_tensor();
  tensor->set_data_type(proto::VarType::FP32);
  tensor->add_dims(-1);
  tensor->add_dims(4);
  return program;
}

std::string errorOf(llvm::StringRef bytes) {
  auto program = parseProgramDesc(bytes, "m.pdmodel");
  if (program)
    return "";
  return llvm::toString(program.takeError());
}

TEST(ProgramDesc, ParsesWhatProtobufWrites) {
  std::string bytes = tinyProgram().SerializeAsString();
  auto program = parseProgramDesc(bytes, "m.pdmodel");
  ASSERT_TRUE(bool(program)) << llvm::toString(program.takeError());
  EXPECT_EQ(program->blocks(0).vars(0).name(), "x");
}

TEST(ProgramDesc, NegativeInt32IsATenByteVarint) {
  std::string bytes = tinyProgram().SerializeAsString();
  // parent_idx = -1 right after idx = 0 (FORMATS.md 1.4).
  EXPECT_NE(bytes.find(std::string("\x10\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11)),
            std::string::npos);
}

TEST(ProgramDesc, TruncatedNamesTheOffsetAndField) {
  std::string bytes = tinyProgram().SerializeAsString();
  EXPECT_EQ(errorOf(llvm::StringRef(bytes).drop_back(3)),
            "m.pdmodel: at byte 0: length " +
                std::to_string(bytes.size() - 2) +
                " of ProgramDesc.blocks runs past the end (" +
                std::to_string(bytes.size() - 5) + " bytes left)");
}

TEST(ProgramDesc, WrongWireTypeIsReported) {
  std::string bytes = tinyProgram().SerializeAsString();
  bytes[0] = 0x08; // blocks (field 1) as a varint
  EXPECT_NE(errorOf(bytes).find("m.pdmodel: at byte 0: field "
                                "ProgramDesc.blocks has wire type 0"),
            std::string::npos)
      << errorOf(bytes);
}

TEST(ProgramDesc, MissingRequiredFieldIsNamed) {
  proto::ProgramDesc program = tinyProgram();
  program.mutable_blocks(0)->mutable_vars(0)->clear_type();
  EXPECT_EQ(errorOf(program.SerializePartialAsString()),
            "m.pdmodel: missing required field blocks[0].vars[0].type");
}

TEST(ProgramDesc, EmptyAndGarbageInput) {
  EXPECT_EQ(errorOf(""), "m.pdmodel: empty file, not a Paddle program");
  EXPECT_NE(errorOf("\xff\xff\xff").find("m.pdmodel: at byte 0: malformed "
                                         "field key"),
            std::string::npos);
  proto::ProgramDesc empty;
  EXPECT_EQ(errorOf(std::string("\x22\x00", 2)),
            "m.pdmodel: the program has no blocks");
}

} // namespace

//===- RoundTripTest.cpp - import then export gives the same bytes ----------===//

#include "pd/Codegen/Paddle/ProgramExporter.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Frontend/ProgramImporter.h"

#include "mlir/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

using namespace pd;

namespace {

std::string exportBytes(mlir::ModuleOp module) {
  auto program = exportProgram(
      module, *module.getOps<mlir::func::FuncOp>().begin());
  EXPECT_TRUE(bool(program)) << llvm::toString(program.takeError());
  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  EXPECT_FALSE(bool(writeProgram(*program, os)));
  return bytes;
}

/// A program that exercises the layout records: unsorted attributes, an
/// empty slot, an attribute stored with another kind than the op table's,
/// a custom op, and is_target.
proto::ProgramDesc unusualProgram() {
  proto::ProgramDesc program;
  proto::BlockDesc &block = *program.add_blocks();
  block.set_idx(0);
  block.set_parent_idx(-1);
  auto addVar = [&](const char *name, bool persistable) {
    proto::VarDesc &var = *block.add_vars();
    var.set_name(name);
    var.mutable_type()->set_type(proto::VarType::LOD_TENSOR);
    auto *t = var.mutable_type()->mutable_lod_tensor()->mutable_tensor();
    t->set_data_type(proto::VarType::FP32);
    t->add_dims(2);
    if (persistable)
      var.set_persistable(true);
  };
  addVar("x", false);
  addVar("y", false);
  addVar("z", false);
  proto::OpDesc &relu = *block.add_ops();
  relu.set_type("relu");
  auto *in = relu.add_inputs();
  in->set_parameter("X");
  in->add_arguments("x");
  relu.add_inputs()->set_parameter("Unused"); // unknown empty slot
  auto *out = relu.add_outputs();
  out->set_parameter("Out");
  out->add_arguments("y");
  auto *isTest = relu.add_attrs();
  isTest->set_name("is_test");
  isTest->set_type(proto::INT); // BOOLEAN elsewhere
  isTest->set_i(1);
  auto *role = relu.add_attrs();
  role->set_name("op_role");
  role->set_type(proto::INT);
  role->set_i(0);
  relu.set_is_target(true);

  proto::OpDesc &softmax = *block.add_ops();
  softmax.set_type("softmax");
  auto *sin = softmax.add_inputs();
  sin->set_parameter("X");
  sin->add_arguments("y");
  auto *sout = softmax.add_outputs();
  sout->set_parameter("Out");
  sout->add_arguments("z");
  auto *axis = softmax.add_attrs();
  axis->set_name("axis");
  axis->set_type(proto::LONG); // INT in the op table
  axis->set_l(-1);
  auto *callstack = softmax.add_attrs();
  callstack->set_name("op_callstack");
  callstack->set_type(proto::STRINGS);
  callstack->add_strings("  File \"a.py\", line 3, in f");
  callstack->add_strings("  File \"a.py\", line 3, in f"); // duplicates kept
  return program;
}

TEST(RoundTrip, LayoutRecordsReproduceUnusualPrograms) {
  mlir::MLIRContext context;
  proto::ProgramDesc program = unusualProgram();
  auto module = importProgram(context, program, "unusual.pdmodel", {});
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  ASSERT_TRUE(mlir::succeeded(mlir::verify(**module)));
  EXPECT_EQ(exportBytes(**module), program.SerializeAsString());
}

TEST(RoundTrip, EveryRealFixtureIsByteIdentical) {
  std::string root = std::string(PD_SHARED_DIR) + "/fixtures/real";
  if (!llvm::sys::fs::is_directory(root))
    GTEST_SKIP() << "shared fixtures not found at " << root;
  for (const char *rel : {"fit_a_line_legacy/__model__",
                          "resnet_cifar_legacy/__model__",
                          "mnist_mlp_legacy/__model__",
                          "model_params_combined/model",
                          "simple_conv_bn/model.pdmodel",
                          "custom_op_gap/custom_gap.pdmodel",
                          "ocr_attention_noweights/inference.pdmodel"}) {
    SCOPED_TRACE(rel);
    std::string path = root + "/" + rel;
    auto bytes = llvm::MemoryBuffer::getFile(path);
    ASSERT_TRUE(bool(bytes));
    auto program = parseProgramDesc((*bytes)->getBuffer(), path);
    ASSERT_TRUE(bool(program)) << llvm::toString(program.takeError());
    mlir::MLIRContext context;
    auto module = importProgram(context, *program, path, {});
    ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
    EXPECT_TRUE(exportBytes(**module) == (*bytes)->getBuffer());
  }
}

} // namespace

namespace {

/// A while loop whose body (block 1) holds a conditional_block (block 2),
/// and an op with two sub-blocks (a BLOCKS attribute):
/// sub-blocks become regions of pd.generic and are written back as blocks
/// with their indices, parents and variables.
proto::ProgramDesc programWithSubBlocks() {
  proto::ProgramDesc program;
  auto addVar = [](proto::BlockDesc &block, const char *name,
                   proto::VarType::Type type) {
    proto::VarDesc &var = *block.add_vars();
    var.set_name(name);
    var.mutable_type()->set_type(proto::VarType::LOD_TENSOR);
    auto *t = var.mutable_type()->mutable_lod_tensor()->mutable_tensor();
    t->set_data_type(type);
    t->add_dims(1);
  };
  auto addOp = [](proto::BlockDesc &block, const char *type,
                  std::vector<std::pair<const char *, const char *>> ins,
                  std::vector<std::pair<const char *, const char *>> outs)
      -> proto::OpDesc & {
    proto::OpDesc &op = *block.add_ops();
    op.set_type(type);
    for (auto [slot, arg] : ins) {
      auto *v = op.add_inputs();
      v->set_parameter(slot);
      v->add_arguments(arg);
    }
    for (auto [slot, arg] : outs) {
      auto *v = op.add_outputs();
      v->set_parameter(slot);
      v->add_arguments(arg);
    }
    return op;
  };
  proto::BlockDesc &main = *program.add_blocks();
  main.set_idx(0);
  main.set_parent_idx(-1);
  proto::BlockDesc &body = *program.add_blocks();
  body.set_idx(1);
  body.set_parent_idx(0);
  body.set_forward_block_idx(-1);
  proto::BlockDesc &branch = *program.add_blocks();
  branch.set_idx(2);
  branch.set_parent_idx(1);
  addVar(main, "i", proto::VarType::INT64);
  addVar(main, "cond", proto::VarType::BOOL);
  addVar(body, "j", proto::VarType::INT64);
  addVar(branch, "k", proto::VarType::INT64);

  proto::OpDesc &loop =
      addOp(main, "while", {{"Condition", "cond"}, {"X", "i"}}, {{"Out", "i"}});
  auto *sub = loop.add_attrs();
  sub->set_name("sub_block");
  sub->set_type(proto::BLOCK);
  sub->set_block_idx(1);
  auto *isTest = loop.add_attrs();
  isTest->set_name("is_test");
  isTest->set_type(proto::BOOLEAN);
  isTest->set_b(true);

  addOp(body, "increment", {{"X", "i"}}, {{"Out", "j"}});
  proto::OpDesc &cond = addOp(body, "conditional_block",
                              {{"Cond", "cond"}, {"Input", "j"}}, {{"Out", "j"}});
  auto *blocks = cond.add_attrs();
  blocks->set_name("sub_block");
  blocks->set_type(proto::BLOCK);
  blocks->set_block_idx(2);
  addOp(branch, "assign", {{"X", "j"}}, {{"Out", "k"}});

  // A BLOCKS attribute: one op owning two sub-blocks (3 and 4).
  for (int idx : {3, 4}) {
    proto::BlockDesc &block = *program.add_blocks();
    block.set_idx(idx);
    block.set_parent_idx(0);
    addOp(block, "assign", {{"X", "i"}}, {{"Out", "i"}});
  }
  proto::OpDesc &layer = addOp(main, "pylayer", {{"X", "i"}}, {{"Out", "i"}});
  auto *both = layer.add_attrs();
  both->set_name("blocks");
  both->set_type(proto::BLOCKS);
  both->add_blocks_idx(3);
  both->add_blocks_idx(4);
  return program;
}

TEST(RoundTrip, SubBlocksBecomeRegionsAndComeBack) {
  mlir::MLIRContext context;
  proto::ProgramDesc program = programWithSubBlocks();
  auto module = importProgram(context, program, "loop.pdmodel", {});
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  ASSERT_TRUE(mlir::succeeded(mlir::verify(**module)));

  // while -> generic with one region holding increment and the
  // conditional_block, whose region holds the (typed) assign.
  GenericOp loop;
  (**module).walk([&](GenericOp op) {
    if (op.getType() == "while")
      loop = op;
  });
  ASSERT_TRUE(loop);
  ASSERT_EQ(loop->getNumRegions(), 1u);
  mlir::Block &body = loop->getRegion(0).front();
  ASSERT_EQ(std::distance(body.begin(), body.end()), 2);
  auto inner = llvm::dyn_cast<GenericOp>(*std::next(body.begin()));
  ASSERT_TRUE(inner);
  EXPECT_EQ(inner.getType(), "conditional_block");
  EXPECT_TRUE(llvm::isa<AssignOp>(inner->getRegion(0).front().front()));

  GenericOp layer;
  (**module).walk([&](GenericOp op) {
    if (op.getType() == "pylayer")
      layer = op;
  });
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer->getNumRegions(), 2u);

  EXPECT_EQ(exportBytes(**module), program.SerializeAsString());
}

} // namespace

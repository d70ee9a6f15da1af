//===- ParameterFileTest.cpp - combined and per-variable parameter files ----===//

#include "pd/Frontend/ParameterFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace pd;

namespace {

class ParameterFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("pd-params", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  std::string write(llvm::StringRef name, const std::string &bytes) {
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, name);
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    os << bytes;
    return std::string(path);
  }

  static std::string tensor(std::vector<int64_t> dims, size_t bytes) {
    return runtime::encodeTensorRecordHeader(5, dims) +
           std::string(bytes, '\x01');
  }

  std::string error(llvm::Error err) { return llvm::toString(std::move(err)); }

  llvm::SmallString<128> dir;
};

TEST_F(ParameterFileTest, ReadsRecordsBackToBack) {
  std::string path = write("p", tensor({2}, 8) + tensor({3, 1}, 12));
  auto tensors = readCombinedParameters(path, {"a", "b"});
  ASSERT_TRUE(bool(tensors)) << error(tensors.takeError());
  ASSERT_EQ(tensors->size(), 2u);
  EXPECT_EQ((*tensors)[1].name, "b");
  EXPECT_EQ((*tensors)[1].record.offset, 32u);
  EXPECT_EQ((*tensors)[1].record.dims, (std::vector<int64_t>{3, 1}));
}

TEST_F(ParameterFileTest, MapsInsteadOfCopying) {
  // Big enough for MemoryBuffer to mmap: the record's data then points into
  // the mapping (after the 20-byte header and 6-byte descriptor), which the
  // tensor keeps alive.
  std::string path = write("big", tensor({1 << 16}, 4 << 16));
  auto tensors = readCombinedParameters(path, {"w"});
  ASSERT_TRUE(bool(tensors)) << error(tensors.takeError());
  const MappedTensor &t = (*tensors)[0];
  EXPECT_EQ(t.file->getBufferKind(), llvm::MemoryBuffer::MemoryBuffer_MMap);
  EXPECT_EQ(reinterpret_cast<const char *>(t.record.data),
            t.file->getBufferStart() + 26);
}

TEST_F(ParameterFileTest, TooShortNamesTheMissingParameter) {
  std::string path = write("p", tensor({2}, 8));
  auto tensors = readCombinedParameters(path, {"a", "b"});
  ASSERT_FALSE(bool(tensors));
  EXPECT_EQ(error(tensors.takeError()),
            path + ": ends at byte 32 after 1 of 2 parameters; no record for "
                   "'b'");
}

TEST_F(ParameterFileTest, TruncatedRecordNamesParameterAndOffset) {
  std::string path = write("p", tensor({2}, 8) + tensor({4}, 5));
  auto tensors = readCombinedParameters(path, {"a", "b"});
  ASSERT_FALSE(bool(tensors));
  EXPECT_EQ(error(tensors.takeError()),
            path + ": parameter 'b' (record 2 of 2): at byte 56: truncated "
                   "tensor data: expected 16 bytes, 5 left");
}

TEST_F(ParameterFileTest, TooLongNamesTheTrailingBytes) {
  std::string path = write("p", tensor({2}, 8) + "junk");
  auto tensors = readCombinedParameters(path, {"a"});
  ASSERT_FALSE(bool(tensors));
  EXPECT_EQ(error(tensors.takeError()),
            path + ": at byte 32: 4 bytes follow the last of the 1 parameters "
                   "the program declares");
}

TEST_F(ParameterFileTest, PerVariableFileMustHoldOneRecord) {
  std::string ok = write("w", tensor({2}, 8));
  auto tensor1 = readTensorFile(ok, "w");
  ASSERT_TRUE(bool(tensor1)) << error(tensor1.takeError());
  std::string extra = write("v", tensor({2}, 8) + "x");
  auto tensor2 = readTensorFile(extra, "v");
  ASSERT_FALSE(bool(tensor2));
  EXPECT_EQ(error(tensor2.takeError()),
            extra + ": parameter 'v': at byte 32: 1 bytes follow the tensor "
                    "record");
}

TEST_F(ParameterFileTest, MissingFile) {
  auto tensors = readTensorFile(std::string(dir) + "/nope", "nope");
  ASSERT_FALSE(bool(tensors));
  EXPECT_NE(error(tensors.takeError()).find("/nope: No such file"),
            std::string::npos);
}

} // namespace

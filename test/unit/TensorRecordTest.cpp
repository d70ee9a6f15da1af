//===- TensorRecordTest.cpp - the tensor record codec -----------------------===//

#include "pd/Runtime/TensorRecord.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace pd::runtime;

namespace {

std::string record(int32_t dtype, std::vector<int64_t> dims,
                   const std::string &data,
                   std::vector<std::vector<uint64_t>> lod = {}) {
  return encodeTensorRecordHeader(dtype, dims, lod) + data;
}

bool parse(const std::string &bytes, TensorRecordView &view,
           std::string &error, size_t offset = 0) {
  return parseTensorRecord(reinterpret_cast<const uint8_t *>(bytes.data()),
                           bytes.size(), offset, view, error);
}

TEST(TensorRecord, HeaderMatchesPaddleBytes) {
  // fit_a_line's fc_0.b_0 (FORMATS.md 2.1): ver 0, lod 0, ver 0, desc size 4,
  // desc {FP32, [1]}.
  const char expected[] = "\0\0\0\0"
                          "\0\0\0\0\0\0\0\0"
                          "\0\0\0\0"
                          "\x04\0\0\0"
                          "\x08\x05\x10\x01";
  EXPECT_EQ(encodeTensorRecordHeader(5, {1}),
            std::string(expected, sizeof(expected) - 1));
}

TEST(TensorRecord, RoundTrip) {
  float values[6] = {1, 2, 3, 4, 5, 6};
  std::string bytes = record(5, {2, 3}, std::string((char *)values, 24),
                             {{0, 1, 2}});
  TensorRecordView view;
  std::string error;
  ASSERT_TRUE(parse(bytes, view, error)) << error;
  EXPECT_EQ(view.dataType, 5);
  EXPECT_EQ(view.dims, (std::vector<int64_t>{2, 3}));
  ASSERT_EQ(view.lod.size(), 1u);
  EXPECT_EQ(view.lod[0], (std::vector<uint64_t>{0, 1, 2}));
  EXPECT_EQ(view.dataSize, 24u);
  EXPECT_EQ(view.size, bytes.size());
  EXPECT_EQ(std::memcmp(view.data, values, 24), 0);
}

TEST(TensorRecord, ZeroDimTensorHasOneElement) {
  std::string bytes = record(3, {}, std::string(8, '\x7'));
  TensorRecordView view;
  std::string error;
  ASSERT_TRUE(parse(bytes, view, error)) << error;
  EXPECT_EQ(view.dataSize, 8u);
}

TEST(TensorRecord, PackedDimsAreAccepted) {
  // desc {data_type FP32, dims packed [2, 3]}
  std::string header("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x06\0\0\0", 20);
  std::string bytes = header + "\x08\x05\x12\x02\x02\x03" + std::string(24, 0);
  TensorRecordView view;
  std::string error;
  ASSERT_TRUE(parse(bytes, view, error)) << error;
  EXPECT_EQ(view.dims, (std::vector<int64_t>{2, 3}));
}

TEST(TensorRecord, TruncatedDataNamesOffset) {
  std::string bytes = record(5, {4}, std::string(10, 0));
  TensorRecordView view;
  std::string error;
  EXPECT_FALSE(parse(bytes, view, error));
  EXPECT_EQ(error, "at byte 24: truncated tensor data: expected 16 bytes, "
                   "10 left");
}

TEST(TensorRecord, LyingDescriptorSize) {
  std::string bytes = record(5, {1}, std::string(4, 0));
  bytes[16] = '\x7f'; // desc size 127, far past the end
  TensorRecordView view;
  std::string error;
  EXPECT_FALSE(parse(bytes, view, error));
  EXPECT_NE(error.find("at byte 16: descriptor size 127 exceeds"),
            std::string::npos)
      << error;
}

TEST(TensorRecord, LyingLodCountDoesNotAllocate) {
  std::string bytes = record(5, {1}, std::string(4, 0));
  std::memset(&bytes[4], 0xff, 8); // 2^64-1 LoD levels
  TensorRecordView view;
  std::string error;
  EXPECT_FALSE(parse(bytes, view, error));
  EXPECT_NE(error.find("at byte 4: LoD level count"), std::string::npos)
      << error;
}

TEST(TensorRecord, UnknownDataType) {
  std::string bytes = record(99, {1}, std::string(4, 0));
  TensorRecordView view;
  std::string error;
  EXPECT_FALSE(parse(bytes, view, error));
  EXPECT_EQ(error, "at byte 20: unknown data type 99");
}

TEST(TensorRecord, OverflowingDimsAreRejected) {
  std::string bytes = record(5, {int64_t(1) << 40, int64_t(1) << 40}, "");
  TensorRecordView view;
  std::string error;
  EXPECT_FALSE(parse(bytes, view, error));
  EXPECT_NE(error.find("invalid dims"), std::string::npos) << error;
}

TEST(TensorRecord, NonZeroVersionIsRejected) {
  std::string bytes = record(5, {1}, std::string(4, 0));
  bytes[0] = 1;
  TensorRecordView view;
  std::string error;
  EXPECT_FALSE(parse(bytes, view, error));
  EXPECT_EQ(error, "at byte 0: unsupported tensor version 1 (expected 0)");
}

TEST(TensorRecord, EmptyBuffer) {
  TensorRecordView view;
  std::string error;
  EXPECT_FALSE(parse("", view, error));
  EXPECT_NE(error.find("at byte 0: truncated"), std::string::npos) << error;
}

} // namespace

namespace {

TEST(DataTypes, EverySpellingRoundTrips) {
  for (int32_t code : {0, 1, 2, 3, 4, 5, 6, 20, 21, 22, 23, 24, 32, 33, 36,
                       37, 38}) {
    SCOPED_TRACE(code);
    EXPECT_EQ(dataTypeFromPythonName(pythonDataTypeName(code)), code);
    EXPECT_EQ(dataTypeFromPirElement(pirElementName(code)), code);
    std::string numpy = numpyDataType(code);
    if (!numpy.empty() && code != 22) {
      EXPECT_EQ(dataTypeFromNumpy(numpy), code);
    }
  }
  EXPECT_EQ(pythonDataTypeName(5), "float32");
  EXPECT_EQ(pirElementName(3), "0.t_i64");
  EXPECT_EQ(numpyDataType(5), "<f4");
  EXPECT_EQ(numpyDataType(0), "|b1");
}

TEST(DataTypes, NumpyRules) {
  // Paddle hands bfloat16 to numpy as uint16; uint16 comes back.
  EXPECT_EQ(numpyDataType(22), "<u2");
  EXPECT_EQ(dataTypeFromNumpy("<u2"), 36);
  // Big-endian data is refused, except where byte order means nothing.
  EXPECT_EQ(dataTypeFromNumpy(">f4"), std::nullopt);
  EXPECT_EQ(dataTypeFromNumpy(">i1"), 21);
  EXPECT_EQ(dataTypeFromNumpy("|O"), std::nullopt);
  EXPECT_EQ(dataTypeFromPythonName("float128"), std::nullopt);
  EXPECT_EQ(dataTypeFromPirElement("f32"), std::nullopt); // needs "0.t_"
}

} // namespace

//===- TensorRecord.h - Paddle's serialized tensor record -------*- C++ -*-===//
//
// One DenseTensor as Paddle's SerializeToStream writes it (FORMATS.md 2.1):
//
//   u32 version 0 | u64 lod_level L | L x (u64 bytes, offsets) |
//   u32 version 0 | i32 desc size D | TensorDesc (D bytes) | raw data
//
// Combined parameter files are these records back to back; per-variable
// files hold one each. This codec is shared by the compiler and the runtime,
// so it depends on nothing but the C++ standard library.
//
//===----------------------------------------------------------------------===//
#ifndef PD_RUNTIME_TENSORRECORD_H
#define PD_RUNTIME_TENSORRECORD_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pd::runtime {

/// Size in bytes of one element of Paddle VarType.Type `dataType`, or 0 when
/// the type is not a tensor element type.
size_t elementSize(int32_t dataType);

/// Paddle's name of VarType.Type `dataType` ("FP32"), or null when unknown.
const char *dataTypeName(int32_t dataType);

/// Other spellings of a data type, each a round trip with its inverse; empty
/// or none where there is none:
/// - Python's paddle dtype ("float32");
/// - numpy's array dtype ("<f4"; bfloat16 goes out as uint16, and "<u2"
///   comes back as uint16; big-endian is refused);
/// - PIR's element type ("0.t_f32").
std::string pythonDataTypeName(int32_t dataType);
std::optional<int32_t> dataTypeFromPythonName(const std::string &name);
std::string numpyDataType(int32_t dataType);
std::optional<int32_t> dataTypeFromNumpy(const std::string &dtype);
std::string pirElementName(int32_t dataType);
std::optional<int32_t> dataTypeFromPirElement(const std::string &name);

/// A parsed record; `data` points into the parsed buffer.
struct TensorRecordView {
  int32_t dataType = 0;
  std::vector<int64_t> dims;
  std::vector<std::vector<uint64_t>> lod;
  const uint8_t *data = nullptr;
  uint64_t dataSize = 0;
  /// Where the record starts and how many bytes it spans in the buffer.
  uint64_t offset = 0;
  uint64_t size = 0;
};

/// Parses the record that starts at `offset` of `buffer[0, bufferSize)`.
/// On failure returns false and sets `error` to one line that names the byte
/// offset of the problem. Never reads outside the buffer, and rejects any
/// length field that points past its end.
bool parseTensorRecord(const uint8_t *buffer, size_t bufferSize, size_t offset,
                       TensorRecordView &record, std::string &error);

/// The bytes of a record up to (not including) its raw data.
std::string encodeTensorRecordHeader(
    int32_t dataType, const std::vector<int64_t> &dims,
    const std::vector<std::vector<uint64_t>> &lod = {});

/// Number of elements of `dims` (1 for a 0-D tensor), or -1 when a dim is
/// negative or the product overflows.
int64_t numElements(const std::vector<int64_t> &dims);

/// Copies the elements of an array stored in Fortran order (first index
/// fastest, as numpy's `fortran_order` arrays, a transposed weight) to `dst`
/// in C order. `dims` must describe `src`'s bytes exactly.
void copyFortranToC(const uint8_t *src, uint8_t *dst,
                    const std::vector<int64_t> &dims, size_t elementSize);

} // namespace pd::runtime

#endif // PD_RUNTIME_TENSORRECORD_H

//===- TensorRecord.cpp - Paddle's serialized tensor record -----------------===//

#include "pd/Runtime/TensorRecord.h"
#include "pd/Runtime/Varint.h"

#include <cstring>

using namespace pd::runtime;

namespace {

/// Everything pd knows of one Paddle data type, in one place: its
/// VarType.Type code and name, its size in tensor files, and how Python
/// (paddle dtype), numpy (array dtype, without byte order) and PIR (element
/// type, after "0.t_") spell it. Empty where there is no spelling.
struct DataTypeInfo {
  int32_t code;
  const char *name;
  size_t size;
  const char *python;
  const char *numpy;
  const char *pir;
};

// VarType.Type codes that tensor files use (FORMATS.md 1.2). Paddle hands
// bfloat16 to numpy as uint16.
constexpr DataTypeInfo kDataTypes[] = {
    {0, "BOOL", 1, "bool", "b1", "bool"},
    {1, "INT16", 2, "int16", "i2", "i16"},
    {2, "INT32", 4, "int32", "i4", "i32"},
    {3, "INT64", 8, "int64", "i8", "i64"},
    {4, "FP16", 2, "float16", "f2", "f16"},
    {5, "FP32", 4, "float32", "f4", "f32"},
    {6, "FP64", 8, "float64", "f8", "f64"},
    {19, "SIZE_T", 8, "", "", ""},
    {20, "UINT8", 1, "uint8", "u1", "ui8"},
    {21, "INT8", 1, "int8", "i1", "i8"},
    {22, "BF16", 2, "bfloat16", "u2", "bf16"},
    {23, "COMPLEX64", 8, "complex64", "c8", "c64"},
    {24, "COMPLEX128", 16, "complex128", "c16", "c128"},
    {32, "FP8_E4M3FN", 1, "float8_e4m3fn", "", "f8e4m3fn"},
    {33, "FP8_E5M2", 1, "float8_e5m2", "", "f8e5m2"},
    {36, "UINT16", 2, "uint16", "u2", "ui16"},
    {37, "UINT32", 4, "uint32", "u4", "ui32"},
    {38, "UINT64", 8, "uint64", "u8", "ui64"},
};

const DataTypeInfo *findDataType(int32_t code) {
  for (const DataTypeInfo &info : kDataTypes)
    if (info.code == code)
      return &info;
  return nullptr;
}

template <typename Field>
std::optional<int32_t> findByName(const std::string &name, Field field,
                                  int32_t skip = -1) {
  if (name.empty())
    return std::nullopt;
  for (const DataTypeInfo &info : kDataTypes)
    if (info.code != skip && name == info.*field)
      return info.code;
  return std::nullopt;
}

/// Bounds-checked little-endian reader over one buffer.
class Reader {
public:
  Reader(const uint8_t *buffer, size_t size, size_t offset)
      : buffer(buffer), size(size), pos(offset) {}

  size_t position() const { return pos; }
  size_t remaining() const { return pos <= size ? size - pos : 0; }

  template <typename T> bool read(T &value) {
    if (remaining() < sizeof(T))
      return false;
    std::memcpy(&value, buffer + pos, sizeof(T)); // little-endian hosts only
    pos += sizeof(T);
    return true;
  }
  bool skip(uint64_t n) {
    if (remaining() < n)
      return false;
    pos += n;
    return true;
  }
  const uint8_t *here() const { return buffer + pos; }

private:
  const uint8_t *buffer;
  size_t size;
  size_t pos;
};

/// Parses VarType.TensorDesc {1: data_type, 2: repeated int64 dims}.
bool parseTensorDesc(const uint8_t *p, const uint8_t *end, int32_t &dataType,
                     std::vector<int64_t> &dims, std::string &why) {
  bool sawType = false;
  while (p < end) {
    uint64_t key;
    if (!readVarint(p, end, key))
      return why = "malformed TensorDesc field key", false;
    uint64_t field = key >> 3, wire = key & 7;
    if (wire == 0) {
      uint64_t value;
      if (!readVarint(p, end, value))
        return why = "malformed TensorDesc varint", false;
      if (field == 1) {
        dataType = int32_t(value);
        sawType = true;
      } else if (field == 2) {
        dims.push_back(int64_t(value));
      }
    } else if (wire == 2) {
      uint64_t length;
      if (!readVarint(p, end, length) || length > uint64_t(end - p))
        return why = "TensorDesc length field points past the descriptor",
               false;
      const uint8_t *fieldEnd = p + length;
      if (field == 2) { // packed dims, accepted as any protobuf reader would
        while (p < fieldEnd) {
          uint64_t value;
          if (!readVarint(p, fieldEnd, value))
            return why = "malformed packed TensorDesc dims", false;
          dims.push_back(int64_t(value));
        }
      }
      p = fieldEnd;
    } else if (wire == 5 && end - p >= 4) {
      p += 4;
    } else if (wire == 1 && end - p >= 8) {
      p += 8;
    } else {
      return why = "unsupported wire type in TensorDesc", false;
    }
  }
  if (!sawType)
    return why = "TensorDesc has no data_type", false;
  return true;
}

std::string at(size_t offset, const std::string &what) {
  return "at byte " + std::to_string(offset) + ": " + what;
}

} // namespace

size_t pd::runtime::elementSize(int32_t dataType) {
  const DataTypeInfo *info = findDataType(dataType);
  return info ? info->size : 0;
}

const char *pd::runtime::dataTypeName(int32_t dataType) {
  const DataTypeInfo *info = findDataType(dataType);
  return info ? info->name : nullptr;
}

std::string pd::runtime::pythonDataTypeName(int32_t dataType) {
  const DataTypeInfo *info = findDataType(dataType);
  return info ? info->python : "";
}

std::optional<int32_t>
pd::runtime::dataTypeFromPythonName(const std::string &name) {
  return findByName(name, &DataTypeInfo::python);
}

std::string pd::runtime::numpyDataType(int32_t dataType) {
  const DataTypeInfo *info = findDataType(dataType);
  if (!info || !*info->numpy)
    return "";
  // numpy writes '|' (no byte order) for one-byte types, '<' otherwise.
  return std::string(info->size == 1 ? "|" : "<") + info->numpy;
}

std::optional<int32_t> pd::runtime::dataTypeFromNumpy(const std::string &dtype) {
  if (dtype.empty())
    return std::nullopt;
  std::string kind = dtype;
  char order = dtype.front();
  if (order == '<' || order == '|' || order == '=' || order == '>')
    kind = dtype.substr(1);
  std::optional<int32_t> code =
      findByName(kind, &DataTypeInfo::numpy, /*skip=*/22); // u2 is uint16
  // Big-endian data is not read, except where byte order means nothing.
  if (code && order == '>' && elementSize(*code) != 1)
    return std::nullopt;
  return code;
}

std::string pd::runtime::pirElementName(int32_t dataType) {
  const DataTypeInfo *info = findDataType(dataType);
  return info && *info->pir ? std::string("0.t_") + info->pir : "";
}

std::optional<int32_t> pd::runtime::dataTypeFromPirElement(const std::string &name) {
  if (name.rfind("0.t_", 0) != 0)
    return std::nullopt;
  return findByName(name.substr(4), &DataTypeInfo::pir);
}

int64_t pd::runtime::numElements(const std::vector<int64_t> &dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0)
      return -1;
    if (d != 0 && n > INT64_MAX / d)
      return -1;
    n *= d;
  }
  return n;
}

void pd::runtime::copyFortranToC(const uint8_t *src, uint8_t *dst,
                                 const std::vector<int64_t> &dims,
                                 size_t elementSize) {
  int64_t count = numElements(dims);
  if (count <= 0)
    return;
  size_t rank = dims.size();
  // Walk the C-order output; `index` is the odometer, `from` the Fortran
  // offset (in elements) of the same element.
  std::vector<int64_t> index(rank, 0), fortranStride(rank, 1);
  for (size_t k = 1; k < rank; ++k)
    fortranStride[k] = fortranStride[k - 1] * dims[k - 1];
  int64_t from = 0;
  for (int64_t i = 0; i < count; ++i) {
    std::memcpy(dst + size_t(i) * elementSize, src + size_t(from) * elementSize,
                elementSize);
    for (size_t k = rank; k-- > 0;) {
      if (++index[k] < dims[k]) {
        from += fortranStride[k];
        break;
      }
      from -= fortranStride[k] * (dims[k] - 1);
      index[k] = 0;
    }
  }
}

bool pd::runtime::parseTensorRecord(const uint8_t *buffer, size_t bufferSize,
                                    size_t offset, TensorRecordView &record,
                                    std::string &error) {
  record = TensorRecordView();
  record.offset = offset;
  Reader in(buffer, bufferSize, offset);
  auto fail = [&](size_t where, const std::string &what) {
    error = at(where, what);
    return false;
  };

  uint32_t version;
  if (!in.read(version))
    return fail(in.position(), "truncated tensor record (expected the "
                               "4-byte version, " +
                                   std::to_string(in.remaining()) +
                                   " bytes left)");
  if (version != 0)
    return fail(offset, "unsupported tensor version " +
                            std::to_string(version) + " (expected 0)");
  uint64_t lodLevels;
  if (!in.read(lodLevels))
    return fail(in.position(), "truncated tensor record (LoD level count)");
  // Each level needs at least its 8-byte size word: bound the count by the
  // bytes that are left before allocating anything.
  if (lodLevels > in.remaining() / 8)
    return fail(offset + 4, "LoD level count " + std::to_string(lodLevels) +
                                " exceeds the file");
  for (uint64_t level = 0; level < lodLevels; ++level) {
    size_t where = in.position();
    uint64_t bytes;
    if (!in.read(bytes))
      return fail(where, "truncated LoD level");
    if (bytes % 8 != 0 || bytes > in.remaining())
      return fail(where, "LoD level of " + std::to_string(bytes) +
                             " bytes does not fit the file");
    std::vector<uint64_t> offsets(bytes / 8);
    if (!offsets.empty())
      std::memcpy(offsets.data(), in.here(), bytes);
    in.skip(bytes);
    record.lod.push_back(std::move(offsets));
  }
  size_t tensorVersionAt = in.position();
  if (!in.read(version))
    return fail(tensorVersionAt, "truncated tensor record (tensor version)");
  if (version != 0)
    return fail(tensorVersionAt, "unsupported tensor version " +
                                     std::to_string(version) +
                                     " (expected 0)");
  size_t descSizeAt = in.position();
  int32_t descSize;
  if (!in.read(descSize))
    return fail(descSizeAt, "truncated tensor record (descriptor size)");
  if (descSize < 0 || uint64_t(descSize) > in.remaining())
    return fail(descSizeAt, "descriptor size " + std::to_string(descSize) +
                                " exceeds the file (" +
                                std::to_string(in.remaining()) +
                                " bytes left)");
  std::string why;
  const uint8_t *desc = in.here();
  if (!parseTensorDesc(desc, desc + descSize, record.dataType, record.dims,
                       why))
    return fail(in.position(), why);
  in.skip(descSize);

  size_t elemSize = elementSize(record.dataType);
  if (elemSize == 0)
    return fail(descSizeAt + 4, "unknown data type " +
                                    std::to_string(record.dataType));
  int64_t numel = numElements(record.dims);
  if (numel < 0 || uint64_t(numel) > UINT64_MAX / elemSize)
    return fail(descSizeAt + 4, "invalid dims in tensor descriptor");
  uint64_t dataSize = uint64_t(numel) * elemSize;
  size_t dataAt = in.position();
  if (dataSize > in.remaining())
    return fail(dataAt, "truncated tensor data: expected " +
                            std::to_string(dataSize) + " bytes, " +
                            std::to_string(in.remaining()) + " left");
  record.data = in.here();
  record.dataSize = dataSize;
  in.skip(dataSize);
  record.size = in.position() - offset;
  return true;
}

std::string pd::runtime::encodeTensorRecordHeader(
    int32_t dataType, const std::vector<int64_t> &dims,
    const std::vector<std::vector<uint64_t>> &lod) {
  std::string desc;
  writeVarint(desc, (1 << 3) | 0);
  writeVarint(desc, uint64_t(int64_t(dataType)));
  for (int64_t d : dims) {
    writeVarint(desc, (2 << 3) | 0);
    writeVarint(desc, uint64_t(d));
  }

  std::string out;
  auto put = [&](const auto &value) {
    out.append(reinterpret_cast<const char *>(&value), sizeof(value));
  };
  put(uint32_t(0));
  put(uint64_t(lod.size()));
  for (const std::vector<uint64_t> &level : lod) {
    put(uint64_t(level.size() * 8));
    for (uint64_t o : level)
      put(o);
  }
  put(uint32_t(0));
  put(int32_t(desc.size()));
  out += desc;
  return out;
}

//===- Npy.cpp - numpy .npy files for pd-run ------------------------------===//

#include "Npy.h"

#include "pd/Runtime/TensorRecord.h"

#include <cstring>
#include <fstream>
#include <sstream>

using namespace pd;

/// The value of `'key': ` in a .npy header dict, up to the next ',' or '}'
/// (or the matching ')' for a tuple).
static std::string headerField(const std::string &header, const std::string &key) {
  size_t at = header.find("'" + key + "'");
  if (at == std::string::npos)
    return "";
  size_t colon = header.find(':', at);
  if (colon == std::string::npos)
    return "";
  size_t start = header.find_first_not_of(' ', colon + 1);
  if (start == std::string::npos)
    return "";
  size_t end = header[start] == '(' ? header.find(')', start) + 1
                                    : header.find_first_of(",}", start);
  return end == std::string::npos ? "" : header.substr(start, end - start);
}

bool npy::read(const std::string &path, Array &out, std::string &error) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return error = path + ": cannot open", false;
  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    return error = path + ": not a .npy file", false;
  uint32_t headerLength = 0;
  if (magic[6] == 1) {
    uint8_t len[2];
    in.read(reinterpret_cast<char *>(len), 2);
    headerLength = len[0] | (len[1] << 8);
  } else {
    uint8_t len[4];
    in.read(reinterpret_cast<char *>(len), 4);
    headerLength = len[0] | (len[1] << 8) | (len[2] << 16) | (uint32_t(len[3]) << 24);
  }
  if (!in || headerLength > (1 << 20))
    return error = path + ": bad .npy header length", false;
  std::string header(headerLength, '\0');
  if (!in.read(header.data(), headerLength))
    return error = path + ": truncated .npy header", false;
  std::string descr = headerField(header, "descr");
  if (descr.size() < 2)
    return error = path + ": .npy header has no descr", false;
  auto dtype = runtime::dataTypeFromNumpy(descr.substr(1, descr.size() - 2));
  if (!dtype)
    return error = path + ": unsupported dtype " + descr, false;
  if (headerField(header, "fortran_order") != "False")
    return error = path + ": Fortran-order arrays are not supported", false;
  std::string shape = headerField(header, "shape");
  if (shape.size() < 2)
    return error = path + ": .npy header has no shape", false;
  out.dims.clear();
  std::stringstream dims(shape.substr(1, shape.size() - 2));
  for (std::string item; std::getline(dims, item, ',');)
    if (item.find_first_not_of(' ') != std::string::npos)
      out.dims.push_back(std::stoll(item));
  out.dtype = *dtype;
  int64_t n = runtime::numElements(out.dims);
  if (n < 0)
    return error = path + ": bad shape " + shape, false;
  out.bytes = size_t(n) * runtime::elementSize(*dtype);
  out.data.assign((out.bytes + 7) / 8, 0);
  if (!in.read(reinterpret_cast<char *>(out.data.data()), out.bytes))
    return error = path + ": data shorter than its shape " + shape, false;
  return true;
}

bool npy::write(const std::string &path, int32_t dtype,
                const std::vector<int64_t> &dims, const void *data,
                size_t bytes, std::string &error) {
  std::string shape = "(";
  for (int64_t d : dims)
    shape += std::to_string(d) + ",";
  if (dims.size() > 1)
    shape.pop_back();
  shape += ")";
  std::string header = "{'descr': '" + runtime::numpyDataType(dtype) +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64)
    header += ' ';
  header += '\n';
  std::ofstream os(path, std::ios::binary);
  uint16_t len = uint16_t(header.size());
  os.write("\x93NUMPY\x01\x00", 8);
  os.put(char(len & 0xff)).put(char(len >> 8));
  os << header;
  os.write(static_cast<const char *>(data), std::streamsize(bytes));
  if (!os)
    return error = path + ": write failed", false;
  return true;
}

//===- Npy.cpp - numpy .npy files for pd-run ------------------------------===//
//
// The format (numpy.lib.format): "\x93NUMPY", version, header length (2
// bytes in version 1, 4 in versions 2 and 3), a Python dict literal
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } padded with
// spaces and a newline, then the raw elements. Everything the header claims
// is checked against the file before anything is allocated from it.
//
//===----------------------------------------------------------------------===//

#include "Npy.h"

#include "pd/Runtime/Signature.h"
#include "pd/Runtime/TensorRecord.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <unistd.h>

using namespace pd;

namespace {

/// Parses the header's dict literal: string keys; values that are strings,
/// True/False, or tuples of non-negative integers.
class HeaderParser {
public:
  explicit HeaderParser(const std::string &text) : text(text) {}

  struct Value {
    enum Kind { String, Bool, Tuple } kind = String;
    std::string string;
    bool boolean = false;
    std::vector<int64_t> tuple;
  };

  bool parse(std::map<std::string, Value> &out, std::string &why) {
    skip();
    if (!eat('{'))
      return why = "the header is not a dict", false;
    while (true) {
      skip();
      if (eat('}'))
        break;
      std::string key;
      if (!string(key))
        return why = "a header key is not a string", false;
      skip();
      if (!eat(':'))
        return why = "no ':' after header key '" + key + "'", false;
      skip();
      Value value;
      if (!parseValue(value))
        return why = "header value of '" + key + "' is not a string, bool "
                     "or tuple of sizes",
               false;
      out[key] = std::move(value);
      skip();
      if (eat(','))
        continue;
      skip();
      if (eat('}'))
        break;
      return why = "malformed header dict", false;
    }
    skip();
    return pos == text.size() ? true : (why = "text after the header dict", false);
  }

private:
  void skip() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n'))
      ++pos;
  }
  bool eat(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool string(std::string &out) {
    if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
      return false;
    char quote = text[pos++];
    size_t end = text.find(quote, pos);
    if (end == std::string::npos)
      return false;
    out = text.substr(pos, end - pos);
    pos = end + 1;
    return true;
  }
  bool parseValue(Value &v) {
    if (text.compare(pos, 4, "True") == 0 || text.compare(pos, 5, "False") == 0) {
      v.kind = Value::Bool;
      v.boolean = text[pos] == 'T';
      pos += v.boolean ? 4 : 5;
      return true;
    }
    if (eat('(')) {
      v.kind = Value::Tuple;
      while (true) {
        skip();
        if (eat(')'))
          return true;
        size_t start = pos;
        int64_t n = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          int digit = text[pos++] - '0';
          if (n > (INT64_MAX - digit) / 10)
            return false;
          n = n * 10 + digit;
        }
        if (pos == start || v.tuple.size() >= 64)
          return false;
        v.tuple.push_back(n);
        skip();
        if (eat(','))
          continue;
        skip();
        if (eat(')'))
          return true;
        return false;
      }
    }
    v.kind = Value::String;
    return string(v.string);
  }

  const std::string &text;
  size_t pos = 0;
};

} // namespace

namespace {

/// What a .npy header says about the data that follows it.
struct Header {
  int32_t dtype = 0;
  std::vector<int64_t> dims;
  bool fortranOrder = false;
  uint64_t dataOffset = 0;
  uint64_t dataBytes = 0;
};

/// Parses the header at the start of `head` (at least the first 12 bytes, and
/// the whole header when it fits) of a file of `fileSize` bytes, and checks
/// that the data it promises is exactly what the file holds.
bool parseHeader(const char *head, size_t headSize, uint64_t fileSize,
                 Header &out, std::string &why) {
  if (headSize < 10 || std::memcmp(head, "\x93NUMPY", 6) != 0)
    return why = "not a .npy file", false;
  uint8_t version = uint8_t(head[6]);
  if (version < 1 || version > 3)
    return why = "unsupported .npy version " + std::to_string(version), false;
  size_t lengthBytes = version == 1 ? 2 : 4;
  if (headSize < 8 + lengthBytes)
    return why = "truncated .npy header", false;
  const auto *len = reinterpret_cast<const uint8_t *>(head + 8);
  uint64_t headerLength = len[0] | (len[1] << 8);
  if (lengthBytes == 4)
    headerLength |= (uint32_t(len[2]) << 16) | (uint32_t(len[3]) << 24);
  out.dataOffset = 8 + lengthBytes + headerLength;
  if (out.dataOffset > fileSize)
    return why = "header length " + std::to_string(headerLength) +
                 " runs past the end of the file",
           false;
  if (out.dataOffset > headSize)
    return why = "truncated .npy header", false;
  std::string header(head + 8 + lengthBytes, headerLength);

  std::map<std::string, HeaderParser::Value> fields;
  std::string problem;
  if (!HeaderParser(header).parse(fields, problem))
    return why = ".npy header: " + problem, false;
  auto descr = fields.find("descr");
  auto fortran = fields.find("fortran_order");
  auto shape = fields.find("shape");
  if (descr == fields.end() || descr->second.kind != HeaderParser::Value::String)
    return why = ".npy header has no descr", false;
  if (fortran == fields.end() || fortran->second.kind != HeaderParser::Value::Bool)
    return why = ".npy header has no fortran_order", false;
  if (shape == fields.end() || shape->second.kind != HeaderParser::Value::Tuple)
    return why = ".npy header has no shape (a tuple of sizes)", false;
  std::optional<int32_t> dtype = runtime::dataTypeFromNumpy(descr->second.string);
  if (!dtype || !runtime::isRuntimeType(*dtype))
    return why = "unsupported dtype '" + descr->second.string +
                 "' (pd runs bool, int8/16/32/64, uint8 and float16/32/64)",
           false;
  out.dtype = *dtype;
  out.dims = shape->second.tuple;
  out.fortranOrder = fortran->second.boolean;
  int64_t n = runtime::numElements(out.dims);
  size_t elem = runtime::elementSize(*dtype);
  uint64_t available = fileSize - out.dataOffset;
  if (n < 0 || uint64_t(n) > available / elem ||
      uint64_t(n) * elem != available)
    return why = "shape needs " +
                 (n < 0 || uint64_t(n) > UINT64_MAX / elem
                      ? std::string("more than 2^64")
                      : std::to_string(uint64_t(n) * elem)) +
                 " bytes of data, the file holds " + std::to_string(available),
           false;
  out.dataBytes = uint64_t(n) * elem;
  return true;
}

/// The array of a parsed header whose data `fill` reads into place.
template <typename Fill>
bool makeArray(const Header &header, npy::Array &out, Fill fill) {
  out.dtype = header.dtype;
  out.dims = header.dims;
  out.bytes = size_t(header.dataBytes);
  out.data.assign((out.bytes + 7) / 8, 0);
  if (!fill(reinterpret_cast<char *>(out.data.data()), out.bytes))
    return false;
  if (header.fortranOrder && out.dims.size() > 1) {
    // Stored first index fastest (numpy.asfortranarray): one copy to C order.
    std::vector<uint64_t> c(out.data.size());
    runtime::copyFortranToC(reinterpret_cast<const uint8_t *>(out.data.data()),
                            reinterpret_cast<uint8_t *>(c.data()), out.dims,
                            runtime::elementSize(header.dtype));
    out.data.swap(c);
  }
  return true;
}

} // namespace

bool npy::parse(const char *bytes, size_t size, Array &out,
                std::string &error) {
  Header header;
  if (!parseHeader(bytes, size, size, header, error))
    return false;
  return makeArray(header, out, [&](char *to, size_t n) {
    if (n)
      std::memcpy(to, bytes + header.dataOffset, n);
    return true;
  });
}

bool npy::read(const std::string &path, Array &out, std::string &error) {
  auto fail = [&](const std::string &why) {
    error = path + ": " + why;
    return false;
  };
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in)
    return fail(std::string("cannot open: ") + std::strerror(errno));
  uint64_t fileSize = uint64_t(in.tellg());
  in.seekg(0);
  // The header is at most 64 KiB (version 1) or its length says more.
  std::string head(size_t(std::min<uint64_t>(fileSize, 1 << 16)), '\0');
  if (!in.read(head.data(), std::streamsize(head.size())))
    return fail("cannot read the header");
  Header header;
  std::string why;
  if (!parseHeader(head.data(), head.size(), fileSize, header, why)) {
    if (why != "truncated .npy header" || head.size() == fileSize)
      return fail(why);
    // A version 2/3 header longer than 64 KiB: read it whole.
    head.resize(size_t(std::min<uint64_t>(fileSize, header.dataOffset)));
    in.seekg(0);
    if (!in.read(head.data(), std::streamsize(head.size())) ||
        !parseHeader(head.data(), head.size(), fileSize, header, why))
      return fail(why);
  }
  in.seekg(std::streamoff(header.dataOffset));
  if (!makeArray(header, out, [&](char *to, size_t n) {
        return bool(in.read(to, std::streamsize(n)));
      }))
    return fail("cannot read the data");
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
  // Written beside its final name and renamed into place: a failed write
  // (a full disk) leaves no file.
  std::string temp = path + ".tmp-" + std::to_string(getpid());
  std::ofstream os(temp, std::ios::binary);
  if (!os)
    return error = path + ": cannot create: " + std::strerror(errno), false;
  uint16_t len = uint16_t(header.size());
  os.write("\x93NUMPY\x01\x00", 8);
  os.put(char(len & 0xff)).put(char(len >> 8));
  os << header;
  os.write(static_cast<const char *>(data), std::streamsize(bytes));
  os.close();
  if (!os || std::rename(temp.c_str(), path.c_str()) != 0) {
    error = path + ": write failed: " + std::strerror(errno);
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

//===- Varint.h - protobuf base-128 varints ---------------------*- C++ -*-===//
//
// The one varint codec of the project: tensor records embed a protobuf
// TensorDesc, and the ProgramDesc reader walks protobuf wire bytes.
//
//===----------------------------------------------------------------------===//
#ifndef PD_RUNTIME_VARINT_H
#define PD_RUNTIME_VARINT_H

#include <cstdint>
#include <string>

namespace pd::runtime {

/// Reads a varint at `p`, advancing it; false when it runs past `end` or
/// over 10 bytes.
inline bool readVarint(const uint8_t *&p, const uint8_t *end,
                       uint64_t &value) {
  value = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (p == end)
      return false;
    uint8_t byte = *p++;
    value |= uint64_t(byte & 0x7f) << shift;
    if (!(byte & 0x80))
      return true;
  }
  return false;
}

inline void writeVarint(std::string &out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(char(value | 0x80));
    value >>= 7;
  }
  out.push_back(char(value));
}

} // namespace pd::runtime

#endif // PD_RUNTIME_VARINT_H

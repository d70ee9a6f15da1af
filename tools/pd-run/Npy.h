//===- Npy.h - numpy .npy files for pd-run ----------------------*- C++ -*-===//
#ifndef PD_RUN_NPY_H
#define PD_RUN_NPY_H

#include <cstdint>
#include <string>
#include <vector>

namespace pd::npy {

struct Array {
  int32_t dtype = 0; // Paddle VarType code
  std::vector<int64_t> dims;
  std::vector<uint64_t> data; // 8-byte aligned storage
  size_t bytes = 0;
};

/// Reads a little-endian .npy file (C or Fortran order; the array comes out
/// in C order); false with `error` on failure.
bool read(const std::string &path, Array &out, std::string &error);
/// The same for a .npy file's bytes in memory.
bool parse(const char *bytes, size_t size, Array &out, std::string &error);
/// Writes `bytes` at `data` with `dims` as a .npy file.
bool write(const std::string &path, int32_t dtype,
           const std::vector<int64_t> &dims, const void *data, size_t bytes,
           std::string &error);

} // namespace pd::npy

#endif // PD_RUN_NPY_H

//===- FileNames.h - names from a model that become file names --*- C++ -*-===//
//
// A variable, method or file name read from a model becomes a path where
// Paddle's layouts put one file per variable (`dir/<variable>`) or per method
// (`prefix.<method>.pdmodel`). Such a name must be one plain path component,
// or reading and writing could leave the model's folder.
//
//===----------------------------------------------------------------------===//
#ifndef PD_RUNTIME_FILENAMES_H
#define PD_RUNTIME_FILENAMES_H

#include <string_view>

namespace pd {

/// True for a non-empty name that is not "." or "..", holds no '/' and no
/// NUL, and fits NAME_MAX (255 bytes).
inline bool isPlainFileName(std::string_view name) {
  return !name.empty() && name.size() <= 255 && name != "." && name != ".." &&
         name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

} // namespace pd

#endif // PD_RUNTIME_FILENAMES_H

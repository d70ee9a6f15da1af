//===- MappedFiles.h - which file a mapped byte comes from ------*- C++ -*-===//
//
// Parameters are views into mapped files. A writer that knows a view's file
// and offset can ask the kernel to copy file to file (copy_file_range)
// instead of faulting the pages in and writing them back out. The reader
// that maps a file registers it here; the registration ends with the
// mapping.
//
//===----------------------------------------------------------------------===//
#ifndef PD_RUNTIME_MAPPEDFILES_H
#define PD_RUNTIME_MAPPEDFILES_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace pd::runtime {

struct FileRegion {
  std::string path;
  uint64_t offset;
};

/// Records that [begin, begin + size) maps file `path` from its start.
void registerMappedFile(const void *begin, size_t size, const std::string &path);
void unregisterMappedFile(const void *begin);

/// The file and offset `[data, data + size)` maps, if a registered mapping
/// holds all of it.
std::optional<FileRegion> findMappedRegion(const void *data, size_t size);

} // namespace pd::runtime

#endif // PD_RUNTIME_MAPPEDFILES_H

//===- MappedFiles.cpp - which file a mapped byte comes from ----------------===//

#include "pd/Runtime/MappedFiles.h"

#include <map>
#include <mutex>

using namespace pd::runtime;

namespace {
struct Mapping {
  size_t size;
  std::string path;
};
std::mutex mutex;
std::map<uintptr_t, Mapping> &mappings() {
  static std::map<uintptr_t, Mapping> m;
  return m;
}
} // namespace

void pd::runtime::registerMappedFile(const void *begin, size_t size,
                                     const std::string &path) {
  std::lock_guard<std::mutex> lock(mutex);
  mappings()[reinterpret_cast<uintptr_t>(begin)] = {size, path};
}

void pd::runtime::unregisterMappedFile(const void *begin) {
  std::lock_guard<std::mutex> lock(mutex);
  mappings().erase(reinterpret_cast<uintptr_t>(begin));
}

std::optional<FileRegion> pd::runtime::findMappedRegion(const void *data,
                                                        size_t size) {
  std::lock_guard<std::mutex> lock(mutex);
  uintptr_t p = reinterpret_cast<uintptr_t>(data);
  auto it = mappings().upper_bound(p);
  if (it == mappings().begin())
    return std::nullopt;
  --it;
  if (p + size > it->first + it->second.size)
    return std::nullopt;
  return FileRegion{it->second.path, p - it->first};
}

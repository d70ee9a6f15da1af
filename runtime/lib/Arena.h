//===- Arena.h - the memory one run of a model works in ---------*- C++ -*-===//
//
// The compiled code allocates its intermediate buffers through the runtime
// (the artifact ABI's alloc/release). An arena serves them from chunks it
// keeps: a released block goes on a free list of its size and the next
// request of that size takes it back. A method allocates the same sizes in
// the same order on every run of a shape, so once the first run has grown
// the arena, later runs take no memory from the system and touch no new
// page. Each concurrent run of a model has an arena of its own.
//
//===----------------------------------------------------------------------===//
#ifndef PD_RUNTIME_ARENA_H
#define PD_RUNTIME_ARENA_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace pd::runtime {

class Arena {
public:
  Arena() = default;
  ~Arena();
  Arena(const Arena &) = delete;
  Arena &operator=(const Arena &) = delete;

  /// A block of at least `bytes`, aligned to `align` (at most 4096).
  void *allocate(uint64_t bytes, uint64_t align);
  /// Takes back a block `allocate` gave.
  void release(void *block);

  /// Whether `block` lies in one of the arena's chunks.
  bool owns(const void *block) const {
    for (const Chunk &chunk : chunks)
      if (block >= chunk.base && block < chunk.base + chunk.size)
        return true;
    return false;
  }

  /// How many chunks the arena took from the system, and their bytes.
  size_t chunkCount() const { return chunks.size(); }
  size_t chunkBytes() const { return reserved; }

private:
  struct Chunk {
    char *base;
    size_t size, used;
  };
  std::vector<Chunk> chunks;
  size_t reserved = 0;
  /// Released blocks by their size (rounded up to 64 bytes).
  std::map<uint64_t, std::vector<void *>> free;
};

} // namespace pd::runtime

#endif // PD_RUNTIME_ARENA_H

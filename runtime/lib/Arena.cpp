//===- Arena.cpp - the memory one run of a model works in -------------------===//

#include "Arena.h"

#include <cstdlib>
#include <cstring>

using namespace pd::runtime;

namespace {

/// Each block is preceded by a header, one alignment unit wide, holding
/// its size, so that `release` knows the free list it goes to.
struct Header {
  uint64_t size;
  uint64_t align;
};

constexpr uint64_t kUnit = 64;
constexpr size_t kFirstChunk = size_t(1) << 20;

uint64_t roundUp(uint64_t v, uint64_t to) { return (v + to - 1) / to * to; }

} // namespace

Arena::~Arena() {
  for (Chunk &chunk : chunks)
    std::free(chunk.base);
}

void *Arena::allocate(uint64_t bytes, uint64_t align) {
  align = align < kUnit ? kUnit : align;
  uint64_t size = roundUp(bytes ? bytes : 1, kUnit);
  auto it = free.find(size);
  if (it != free.end()) {
    // Blocks of a size share an alignment unless asked otherwise: check.
    std::vector<void *> &blocks = it->second;
    for (size_t i = blocks.size(); i-- > 0;) {
      if (reinterpret_cast<uintptr_t>(blocks[i]) % align == 0) {
        void *block = blocks[i];
        blocks[i] = blocks.back();
        blocks.pop_back();
        return block;
      }
    }
  }
  uint64_t need = size + align; // the header takes one alignment unit
  Chunk *chunk = chunks.empty() ? nullptr : &chunks.back();
  uint64_t start = 0;
  if (chunk)
    start = roundUp(reinterpret_cast<uintptr_t>(chunk->base) + chunk->used + sizeof(Header), align) -
            reinterpret_cast<uintptr_t>(chunk->base);
  if (!chunk || start + size > chunk->size) {
    // A new chunk: at least twice the last, and room for this block.
    size_t last = chunks.empty() ? kFirstChunk / 2 : chunks.back().size;
    size_t chunkSize = roundUp(need + sizeof(Header) > 2 * last ? need + sizeof(Header) : 2 * last, 4096);
    void *base = std::aligned_alloc(4096, chunkSize);
    if (!base)
      return nullptr;
    chunks.push_back({static_cast<char *>(base), chunkSize, 0});
    reserved += chunkSize;
    chunk = &chunks.back();
    start = roundUp(reinterpret_cast<uintptr_t>(chunk->base) + sizeof(Header), align) -
            reinterpret_cast<uintptr_t>(chunk->base);
  }
  char *block = chunk->base + start;
  Header header{size, align};
  std::memcpy(block - sizeof(Header), &header, sizeof header);
  chunk->used = start + size;
  return block;
}

void Arena::release(void *block) {
  if (!block)
    return;
  Header header;
  std::memcpy(&header, static_cast<char *>(block) - sizeof(Header), sizeof header);
  std::vector<void *> &blocks = free[header.size];
  blocks.push_back(block);
}

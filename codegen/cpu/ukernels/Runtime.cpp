//===- Runtime.cpp - the runtime's callbacks and the artifact's allocators ===//
//
// What pd_artifact_bind hands the kernels, and the allocation functions the
// compiled code calls.
//
//===----------------------------------------------------------------------===//

#include "Runtime.h"
#include "Ukernels.h"

namespace pd::uk {

const pd_runtime_abi *runtimeAbi = nullptr;

extern "C" void *malloc(size_t);
extern "C" void free(void *);
extern "C" int posix_memalign(void **, size_t, size_t);

void *allocate(uint64_t bytes, uint64_t align) {
  if (runtimeAbi)
    return runtimeAbi->alloc(bytes, align);
  void *p = nullptr;
  return posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align,
                        bytes ? bytes : 1) == 0
             ? p
             : nullptr;
}

void release(void *p) {
  if (runtimeAbi)
    runtimeAbi->release(p);
  else
    free(p);
}

void parallelFor(int64_t n, int64_t grain, pd_task_fn fn, void *data) {
  if (n <= 0)
    return;
  if (runtimeAbi && n > grain)
    runtimeAbi->parallel_for(n, grain, fn, data);
  else
    fn(data, 0, n);
}

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

// The one entry point of the kernels the runtime looks up (they are built
// with hidden visibility: an artifact exports no kernel).
__attribute__((visibility("default"))) void
pd_artifact_bind(const pd_runtime_abi *abi) {
  runtimeAbi = abi && abi->version == PD_ARTIFACT_ABI_VERSION ? abi : nullptr;
}

// Buffers of the compiled code (finalize-memref-to-llvm's generic
// allocation functions). Declared like malloc, and kept as calls, so that
// LLVM knows two buffers never overlap: loops over several need no runtime
// alias checks and versioned copies.
__attribute__((malloc, noinline, alloc_size(1))) void *
_mlir_memref_to_llvm_alloc(uint64_t bytes) {
  return allocate(bytes, 64);
}
__attribute__((malloc, noinline, alloc_size(2))) void *
_mlir_memref_to_llvm_aligned_alloc(uint64_t align, uint64_t bytes) {
  return allocate(bytes, align < 64 ? 64 : align);
}
void _mlir_memref_to_llvm_free(void *p) { release(p); }

// The buffer of a method's result #index (pdcpu.output_alloc): maybe the
// caller's output tensor, so that the result needs no copy.
__attribute__((malloc, noinline, alloc_size(2))) void *
pd_output_alloc(int64_t index, uint64_t bytes) {
  if (runtimeAbi)
    return runtimeAbi->output_alloc(index, bytes, 64);
  return allocate(bytes, 64);
}

} // extern "C"

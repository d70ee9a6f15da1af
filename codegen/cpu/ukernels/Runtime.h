//===- Runtime.h - what the microkernels ask of the runtime -----*- C++ -*-===//
//
// The runtime's callbacks (ArtifactAbi.h) as the microkernels use them: memory,
// parallel loops and the cache size; and how entry points take their
// arguments (addresses as integers).
//
//===----------------------------------------------------------------------===//

#ifndef PD_CODEGEN_CPU_UKERNELS_RUNTIME_H
#define PD_CODEGEN_CPU_UKERNELS_RUNTIME_H

#include "pd/Runtime/ArtifactAbi.h"

#include <stddef.h>
#include <stdint.h>

// The kernels are called, not inlined: one copy each per artifact, whatever
// the number of call sites, keeps artifacts small and quick to compile; a
// call costs nothing next to a kernel's work.
#define PD_UKERNEL extern "C" __attribute__((noinline))

namespace pd::uk {

/// What pd_artifact_bind was given, or null (memory from the C library, one
/// thread).
extern const pd_runtime_abi *runtimeAbi;

/// Memory of `bytes`, aligned to `align`, from the runtime's arena.
void *allocate(uint64_t bytes, uint64_t align);
void release(void *p);

/// fn(data, begin, end) over [0, n), pieces of at least `grain` tasks on the
/// runtime's threads.
void parallelFor(int64_t n, int64_t grain, pd_task_fn fn, void *data);

// Helpers have internal linkage in each file that includes them, as IREE's
// ukernel headers' static inline functions do, and as they had when the
// kernels were one file: LLVM's inliner then takes one with a single caller
// for free. With `inline` alone the register tile's epilogue, then in a
// header, was outlined, and mobilenet_block's 1x1 convolution took 12 %
// longer.
namespace {

/// Grain: tasks per piece of a parallel loop, so that a piece is worth
/// waking a thread for (about 100k multiply-adds).
inline int64_t grainFor(int64_t macsPerTask) {
  int64_t g = macsPerTask > 0 ? 100000 / macsPerTask : 1;
  return g < 1 ? 1 : g;
}

/// One core's L2 cache, as the runtime reports it; else 1 MiB.
inline int64_t l2CacheBytes() {
  return runtimeAbi && runtimeAbi->l2_cache_bytes
             ? int64_t(runtimeAbi->l2_cache_bytes)
             : int64_t(1) << 20;
}

template <typename T> inline T *ptr(int64_t address) {
  return reinterpret_cast<T *>(static_cast<intptr_t>(address));
}

} // namespace

} // namespace pd::uk

#endif // PD_CODEGEN_CPU_UKERNELS_RUNTIME_H

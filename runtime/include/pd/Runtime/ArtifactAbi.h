/*===- ArtifactAbi.h - what the runtime hands a compiled artifact -*- C -*-===//
 *
 * A compiled artifact (OUT.so) calls back into the runtime for memory and
 * threads. The runtime passes these callbacks once, right after loading the
 * library, through the artifact's `pd_artifact_bind`; an artifact that was
 * never bound falls back to malloc/free and runs its loops on one thread.
 *
 * The callbacks act for the run the calling thread is in: the runtime knows
 * which model and arena that is.
 *===----------------------------------------------------------------------===*/
#ifndef PD_RUNTIME_ARTIFACTABI_H
#define PD_RUNTIME_ARTIFACTABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PD_ARTIFACT_ABI_VERSION 3

/* A piece of a parallel loop: iterations [begin, end). */
typedef void (*pd_task_fn)(void *data, int64_t begin, int64_t end);

typedef struct pd_runtime_abi {
  uint32_t version; /* PD_ARTIFACT_ABI_VERSION */
  /* Memory for a buffer of the running method: from its arena (no malloc
   * once the arena has grown to the method's needs); for the load-time
   * entry, memory the model keeps. `align` is a power of two. */
  void *(*alloc)(uint64_t bytes, uint64_t align);
  void (*release)(void *ptr);
  /* Memory for result `index` of the running method, `bytes` long: the
   * caller's output tensor when it was given with exactly this size,
   * aligned to `align` and overlapping no input or other output (the
   * result is then computed in place and not copied), else as `alloc`. */
  void *(*output_alloc)(int64_t index, uint64_t bytes, uint64_t align);
  /* Runs fn over [0, n) on the model's threads, in pieces of at least
   * `grain` iterations, and returns when all are done. Each iteration is
   * independent of the others (an output tile), so the result does not
   * depend on how the range is split. */
  void (*parallel_for)(int64_t n, int64_t grain, pd_task_fn fn, void *data);
  /* The number of threads parallel_for may use (1 or more). */
  int32_t (*thread_count)(void);
  /* Bytes of one core's L2 cache (0: unknown). The kernels choose their
   * loop orders by it; results do not depend on it. */
  uint64_t l2_cache_bytes;
} pd_runtime_abi;

/* The microkernels' packed weights come in panels of this many output
 * columns (zero-padded): two 16-float vectors, or one for a narrow output.
 * The compiler sizes packed buffers by it; the kernels read them by it. */
static inline int64_t pd_panel_width(int64_t columns) {
  return columns <= 16 ? 16 : 32;
}

/* Winograd's output tile: 4 for F(4x4, 3x3), any other request 2 for
 * F(2x2, 3x3). The packer, the kernel and the compiler read a tile through
 * this, so that they agree on one whatever a caller passes. */
static inline int64_t pd_winograd_tile(int64_t tile) {
  return tile == 4 ? 4 : 2;
}

/* Winograd's F(tile x tile, 3x3) multiplies (tile + 2)^2 matrices per
 * layer: its packed filter holds that many sets of panels. */
static inline int64_t pd_winograd_products(int64_t tile) {
  int64_t m = pd_winograd_tile(tile);
  return (m + 2) * (m + 2);
}

/* The activations a kernel's epilogue applies (the compiler's pdcpu ops
 * carry these numbers; the microkernels compute them):
 *   relu        max(x, 0)
 *   relu6       min(max(x, 0), 6)
 *   hard_swish  x * min(max(x + 3, 0), 6) / 6 (Paddle's defaults)
 *   hard_sigmoid min(max(x / 6 + 0.5, 0), 1) (nn.Hardsigmoid's slope
 *               0.1666667 and offset 0.5, as MobileNetV3 uses it) */
enum pd_activation {
  PD_ACTIVATION_NONE = 0,
  PD_ACTIVATION_RELU = 1,
  PD_ACTIVATION_RELU6 = 2,
  PD_ACTIVATION_HARD_SWISH = 3,
  PD_ACTIVATION_HARD_SIGMOID = 4,
};
#define PD_HARD_SIGMOID_SLOPE 0.1666667f

/* A row-band chain (pd_uk_band_chain) describes each of its stages in
 * PD_CHAIN_WORDS int64 words, at these positions; addresses are integers,
 * 0 for none. Paddings are top, bottom, left, right. */
#define PD_CHAIN_MAX_STAGES 8
enum pd_chain_stage_kind {
  PD_CHAIN_POINTWISE = 0, /* a 1x1 convolution: a GEMM over pixels */
  PD_CHAIN_DEPTHWISE = 1,
};
enum pd_chain_word {
  PD_CHAIN_KIND = 0,
  PD_CHAIN_OUT_CHANNELS,
  PD_CHAIN_KERNEL_H,
  PD_CHAIN_KERNEL_W,
  PD_CHAIN_STRIDE_H,
  PD_CHAIN_STRIDE_W,
  PD_CHAIN_PAD_TOP,
  PD_CHAIN_PAD_BOTTOM,
  PD_CHAIN_PAD_LEFT,
  PD_CHAIN_PAD_RIGHT,
  PD_CHAIN_DILATION_H,
  PD_CHAIN_DILATION_W,
  PD_CHAIN_WEIGHTS,  /* packed: pd_uk_pack_b or pd_uk_pack_depthwise */
  PD_CHAIN_BIAS,
  PD_CHAIN_RESIDUAL, /* NHWC, the stage's output shape */
  PD_CHAIN_ACTIVATION,
  PD_CHAIN_POST_ACTIVATION,
  PD_CHAIN_WORDS
};

/* Exported by every artifact. */
typedef void (*pd_artifact_bind_fn)(const pd_runtime_abi *abi);

#ifdef __cplusplus
}
#endif

#endif /* PD_RUNTIME_ARTIFACTABI_H */

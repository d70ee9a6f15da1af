//===- Vectors.h - vectors, activations and epilogues -----------*- C++ -*-===//
//
// The vector types the microkernels are written with (16 floats: one zmm
// register with AVX-512, two ymm with AVX2), their loads and stores, and the
// epilogue every kernel ends with.
//
//===----------------------------------------------------------------------===//

#ifndef PD_CODEGEN_CPU_UKERNELS_VECTORS_H
#define PD_CODEGEN_CPU_UKERNELS_VECTORS_H

#include "Runtime.h"

namespace pd::uk {

typedef float v16 __attribute__((ext_vector_type(16)));
typedef float v8 __attribute__((ext_vector_type(8)));
typedef float v1 __attribute__((ext_vector_type(1)));

enum Activation : int64_t {
  None = PD_ACTIVATION_NONE,
  Relu = PD_ACTIVATION_RELU,
  Relu6 = PD_ACTIVATION_RELU6,
  HardSwish = PD_ACTIVATION_HARD_SWISH,
  HardSigmoid = PD_ACTIVATION_HARD_SIGMOID,
};

/// The epilogue every tile ends with: out = act2(act1(acc + bias) + residual).
struct Epilogue {
  const float *bias = nullptr;     // [N], or null
  const float *residual = nullptr; // like the output, or null
  int64_t ldr = 0;
  int64_t act1 = None, act2 = None;
};

namespace { // internal in each file: see Runtime.h

/// f(V(), c0, c1) over the ranges c channels split into: groups of 16
/// lanes, then of 8, then single channels (each range's size a multiple
/// of V's lanes; empty ranges skipped).
template <typename F> inline void forEachChannelRange(int64_t c, F &&f) {
  int64_t c16 = c / 16 * 16, c8 = c16 + (c - c16) / 8 * 8;
  if (c16)
    f(v16(), 0, c16);
  if (c8 > c16)
    f(v8(), c16, c8);
  if (c > c8)
    f(v1(), c8, c);
}

/// f(V(), c0) for each group of those ranges: the vector width for each
/// group's kernel instance.
template <typename F> inline void forEachChannelGroup(int64_t c, F &&f) {
  forEachChannelRange(c, [&](auto lanes, int64_t c0, int64_t c1) {
    constexpr int64_t step = sizeof(lanes) / sizeof(float);
    for (int64_t group = c0; group < c1; group += step)
      f(lanes, group);
  });
}

/// A tile size as a type, for the generic lambdas that pick a kernel
/// instance by it.
template <int MR> struct TileWidth {
  static constexpr int value = MR;
};

/// Loads and stores of any of the vector types (unaligned).
template <typename V = v16> inline V loadv(const float *p) {
  V v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
template <typename V> inline void storev(float *p, V v) {
  __builtin_memcpy(p, &v, sizeof v);
}
inline v16 load(const float *p) { return loadv<v16>(p); }
inline void store(float *p, v16 v) { storev(p, v); }
inline v16 splat(float x) { return v16(x); }
template <typename V> inline V fma(V a, V b, V c) {
  return __builtin_elementwise_fma(a, b, c);
}
template <typename V> inline V vmax(V a, V b) { return __builtin_elementwise_max(a, b); }
template <typename V> inline V vmin(V a, V b) { return __builtin_elementwise_min(a, b); }

/// As pd's lowering of the standalone ops computes them, operation for
/// operation, so that fusing changes no bit.
template <typename V> inline V activate(V x, int64_t act) {
  switch (act) {
  case Relu:
    return vmax(x, V(0.0f));
  case Relu6:
    return vmin(vmax(x, V(0.0f)), V(6.0f));
  case HardSwish:
    return x * vmin(vmax(x + V(3.0f), V(0.0f)), V(6.0f)) / V(6.0f);
  case HardSigmoid:
    return vmin(vmax(V(PD_HARD_SIGMOID_SLOPE) * x + V(0.5f), V(0.0f)), V(1.0f));
  default:
    return x;
  }
}

/// An entry point's epilogue arguments (addresses as integers).
inline Epilogue epilogueOf(int64_t bias, int64_t residual, int64_t ldr,
                           int64_t act1, int64_t act2) {
  Epilogue e;
  e.bias = ptr<const float>(bias);
  e.residual = ptr<const float>(residual);
  e.ldr = ldr;
  e.act1 = act1;
  e.act2 = act2;
  return e;
}

/// acc = act(acc) for a known activation: one branch per tile, not one per
/// register.
template <int MR, int NV, int64_t Act>
__attribute__((always_inline)) inline void activateTile(v16 (&acc)[MR][NV]) {
#pragma clang loop unroll(full)
  for (int i = 0; i < MR; ++i)
#pragma clang loop unroll(full)
    for (int v = 0; v < NV; ++v)
      acc[i][v] = activate(acc[i][v], Act);
}

template <int MR, int NV>
__attribute__((always_inline)) inline void activateTile(v16 (&acc)[MR][NV],
                                                        int64_t act) {
  switch (act) {
  case Relu:
    return activateTile<MR, NV, Relu>(acc);
  case Relu6:
    return activateTile<MR, NV, Relu6>(acc);
  case HardSwish:
    return activateTile<MR, NV, HardSwish>(acc);
  case HardSigmoid:
    return activateTile<MR, NV, HardSigmoid>(acc);
  default:
    return;
  }
}

/// The same for a row of MR vectors of any width (the depthwise tiles).
template <int64_t Act, typename V, int MR>
__attribute__((always_inline)) inline void activateRow(V (&acc)[MR]) {
#pragma clang loop unroll(full)
  for (int i = 0; i < MR; ++i)
    acc[i] = activate(acc[i], Act);
}

template <typename V, int MR>
__attribute__((always_inline)) inline void activateRow(V (&acc)[MR],
                                                       int64_t act) {
  switch (act) {
  case Relu:
    return activateRow<Relu>(acc);
  case Relu6:
    return activateRow<Relu6>(acc);
  case HardSwish:
    return activateRow<HardSwish>(acc);
  case HardSigmoid:
    return activateRow<HardSigmoid>(acc);
  default:
    return;
  }
}

} // namespace

} // namespace pd::uk

#endif // PD_CODEGEN_CPU_UKERNELS_VECTORS_H

//===- Ukernels.cpp - the microkernels compiled artifacts inline ----------===//
//
// pd's lowering turns matmuls and convolutions into calls of the functions
// here (pd_uk_*). This file is compiled to LLVM bitcode when pd is built;
// pd-export links that bitcode into every artifact before LLVM's O3
// pipeline, which specializes and inlines it for the target CPU (IREE's
// ukernel approach). The code is written with vector types of 16 floats:
// one zmm register with AVX-512, two ymm with AVX2.
//
// The core is one register tile: MR rows of C by NV * 16 columns, the
// accumulators kept in registers over the whole reduction, B read from
// panels packed at load time ([panel][k][NR], zero-padded), A broadcast one
// element at a time. A convolution in NHWC is the same tile over an
// implicit im2col: a row of the tile is an output pixel, and the reduction
// runs over (kh, kw) segments of input channels. Work is split over
// independent output tiles only, never over a reduction, so outputs are
// bit-identical whatever the number of threads.
//
// Only the compiler's lowering calls these; sizes are trusted.
//
//===----------------------------------------------------------------------===//

#include "Ukernels.h"
#include "pd/Runtime/ArtifactAbi.h"

#include <stddef.h>
#include <stdint.h>

typedef float v16 __attribute__((ext_vector_type(16)));

namespace {

//===----------------------------------------------------------------------===//
// The runtime's callbacks
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// Vectors
//===----------------------------------------------------------------------===//

typedef float v8 __attribute__((ext_vector_type(8)));
typedef float v1 __attribute__((ext_vector_type(1)));

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

enum Activation : int64_t {
  None = PD_ACTIVATION_NONE,
  Relu = PD_ACTIVATION_RELU,
  Relu6 = PD_ACTIVATION_RELU6,
  HardSwish = PD_ACTIVATION_HARD_SWISH,
  HardSigmoid = PD_ACTIVATION_HARD_SIGMOID,
};

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

/// The epilogue every tile ends with: out = act2(act1(acc + bias) + residual).
struct Epilogue {
  const float *bias = nullptr;     // [N], or null
  const float *residual = nullptr; // like the output, or null
  int64_t ldr = 0;
  int64_t act1 = None, act2 = None;
};

inline int64_t panelWidth(int64_t n) { return pd_panel_width(n); }

/// The columns panel p of n columns packed nr wide holds: the last panel is
/// 16 wide where what is left fits, so that 40 or 48 output channels take
/// three vectors a row, not four (a 16-column tile of 12 rows runs slower
/// than a 32-column one, but not half as fast).
inline int64_t panelColumns(int64_t n, int64_t nr, int64_t p) {
  return nr == 32 && n - p * nr <= 16 ? 16 : nr;
}

//===----------------------------------------------------------------------===//
// The register tile
//===----------------------------------------------------------------------===//

/// The most rows a register tile takes.
constexpr int kMaxRows = 12;

/// Memory a tile pulls toward L2 while it computes, two cache lines a step
/// of its reduction: a share of the panel that comes next, so that the
/// panel is in L2 when its first tile starts.
struct Prefetch {
  const float *from = nullptr;
  int64_t steps = 0; // 128-byte pieces from `from`
};

/// acc[MR][NV] = sum over segments s, k < kc of
///   a[rows[i] + segA[s] + k] * bp[(segB[s] + k) * NR + v * 16 ...].
/// With few rows the reduction is split into interleaved partial sums (then
/// added in a fixed order) so that FMA latency does not serialize it.
template <int MR, int NV>
inline void tile(const float *a, const int64_t *rows, int64_t nseg,
                 const int64_t *segA, const int64_t *segB, int64_t kc,
                 const float *bp, v16 (&acc)[MR][NV],
                 const Prefetch &pf = Prefetch()) {
  constexpr int64_t NR = NV * 16;
  constexpr int SPLIT = MR <= 2 ? 4 : 1;
  v16 part[SPLIT][MR][NV];
#pragma clang loop unroll(full)
  for (int s = 0; s < SPLIT; ++s)
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
#pragma clang loop unroll(full)
      for (int v = 0; v < NV; ++v)
        part[s][i][v] = splat(0.0f);
  for (int64_t g = 0; g < nseg; ++g) {
    const float *ap[MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
      ap[i] = a + rows[i] + segA[g];
    const float *b = bp + segB[g] * NR;
    int64_t k = 0;
    if (SPLIT > 1) {
      for (; k + SPLIT <= kc; k += SPLIT) {
#pragma clang loop unroll(full)
        for (int s = 0; s < SPLIT; ++s) {
          v16 bv[NV];
#pragma clang loop unroll(full)
          for (int v = 0; v < NV; ++v)
            bv[v] = load(b + (k + s) * NR + v * 16);
#pragma clang loop unroll(full)
          for (int i = 0; i < MR; ++i) {
            v16 av = splat(ap[i][k + s]);
#pragma clang loop unroll(full)
            for (int v = 0; v < NV; ++v)
              part[s][i][v] = fma(av, bv[v], part[s][i][v]);
          }
        }
      }
    }
    // Not unrolled: a second step's B vectors would push the 12 x 32 tile
    // past the 32 vector registers.
    int64_t step = g * kc; // steps of the whole reduction, for pf
#pragma clang loop unroll(disable)
    for (; k < kc; ++k) {
      v16 bv[NV];
#pragma clang loop unroll(full)
      for (int v = 0; v < NV; ++v)
        bv[v] = load(b + k * NR + v * 16);
      if (step + k < pf.steps) {
        __builtin_prefetch(pf.from + (step + k) * 32, 0, 2);
        __builtin_prefetch(pf.from + (step + k) * 32 + 16, 0, 2);
      }
#pragma clang loop unroll(full)
      for (int i = 0; i < MR; ++i) {
        v16 av = splat(ap[i][k]);
#pragma clang loop unroll(full)
        for (int v = 0; v < NV; ++v)
          part[0][i][v] = fma(av, bv[v], part[0][i][v]);
      }
    }
  }
#pragma clang loop unroll(full)
  for (int i = 0; i < MR; ++i)
#pragma clang loop unroll(full)
    for (int v = 0; v < NV; ++v) {
      v16 sum = part[0][i][v];
#pragma clang loop unroll(full)
      for (int s = 1; s < SPLIT; ++s)
        sum += part[s][i][v];
      acc[i][v] = sum;
    }
}

/// Two A values, a and a[1], in every pair of lanes.
inline v16 splatPair(const float *a) {
  typedef double v8d __attribute__((ext_vector_type(8)));
  double pair;
  __builtin_memcpy(&pair, a, sizeof pair);
  return __builtin_bit_cast(v16, v8d(pair));
}

/// B's rows k and k + 1 of a panel 16 wide, paired lane by lane: columns
/// 0-7 in `lo`, 8-15 in `hi` (B[k][j] in lane 2j, B[k + 1][j] in 2j + 1).
/// Without a row k + 1 (an odd last step), zeros take its lanes.
template <bool Single = false>
inline void pairedRows(const float *b, v16 &lo, v16 &hi) {
  v16 b0 = load(b), b1 = Single ? splat(0.0f) : load(b + 16);
  lo = __builtin_shufflevector(b0, b1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5,
                               21, 6, 22, 7, 23);
  hi = __builtin_shufflevector(b0, b1, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28,
                               13, 29, 14, 30, 15, 31);
}

/// tile for a panel 16 wide, two steps of the reduction at a time: one
/// broadcast of a row's two A values feeds two FMAs (lanes 2j and 2j + 1
/// of its two accumulators sum column j over the even and the odd steps),
/// where the 16-column tile of tile() broadcasts once per FMA.
/// mobilenet_v3_small's stem (3x3 taps of 3 channels into 16) 88 -> 80 us,
/// its 14x14 projections to 40 and 48 channels (whose last panels are 16
/// wide) 7-8 % faster. Each column's sum is its even steps' plus its odd
/// steps', whatever MR.
template <int MR>
inline void tilePairs(const float *a, const int64_t *rows, int64_t nseg,
                      const int64_t *segA, const int64_t *segB, int64_t kc,
                      const float *bp, v16 (&acc)[MR][1], const Prefetch &pf) {
  constexpr int SPLIT = MR <= 2 ? 4 : 1; // chains for FMA latency (see tile)
  v16 lo[SPLIT][MR], hi[SPLIT][MR];
#pragma clang loop unroll(full)
  for (int s = 0; s < SPLIT; ++s)
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
      lo[s][i] = hi[s][i] = splat(0.0f);
  for (int64_t g = 0; g < nseg; ++g) {
    const float *ap[MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
      ap[i] = a + rows[i] + segA[g];
    const float *b = bp + segB[g] * 16;
    int64_t step = g * kc; // steps of the whole reduction, for pf
    // Steps k and k + 1 into chain s.
    auto pairStep = [&](int64_t k, int s) {
      v16 bl, bh;
      pairedRows(b + k * 16, bl, bh);
#pragma clang loop unroll(full)
      for (int i = 0; i < MR; ++i) {
        v16 av = splatPair(ap[i] + k);
        lo[s][i] = fma(av, bl, lo[s][i]);
        hi[s][i] = fma(av, bh, hi[s][i]);
      }
    };
    int64_t k = 0;
#pragma clang loop unroll(disable)
    for (; k + 2 * SPLIT <= kc; k += 2 * SPLIT) {
      if (step + k + 1 < pf.steps)
#pragma clang loop unroll(full)
        for (int piece = 0; piece < 4; ++piece)
          __builtin_prefetch(pf.from + (step + k) * 32 + piece * 16, 0, 2);
#pragma clang loop unroll(full)
      for (int s = 0; s < SPLIT; ++s)
        pairStep(k + 2 * s, s);
    }
#pragma clang loop unroll(disable)
    for (; k + 2 <= kc; k += 2)
      pairStep(k, 0);
    if (k < kc) { // an odd last step
      v16 bl, bh;
      pairedRows<true>(b + k * 16, bl, bh);
#pragma clang loop unroll(full)
      for (int i = 0; i < MR; ++i) {
        // Zeros in the odd lanes, not the next value in memory (which may
        // lie past the input, or be an infinity that 0 * B makes NaN).
        v16 av = __builtin_shufflevector(splat(ap[i][k]), splat(0.0f), 0, 16,
                                         0, 16, 0, 16, 0, 16, 0, 16, 0, 16, 0,
                                         16, 0, 16);
        lo[0][i] = fma(av, bl, lo[0][i]);
        hi[0][i] = fma(av, bh, hi[0][i]);
      }
    }
  }
#pragma clang loop unroll(full)
  for (int i = 0; i < MR; ++i) {
    v16 l = lo[0][i], h = hi[0][i];
#pragma clang loop unroll(full)
    for (int s = 1; s < SPLIT; ++s) {
      l += lo[s][i];
      h += hi[s][i];
    }
    v16 even = __builtin_shufflevector(l, h, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18,
                                       20, 22, 24, 26, 28, 30);
    v16 odd = __builtin_shufflevector(l, h, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19,
                                      21, 23, 25, 27, 29, 31);
    acc[i][0] = even + odd;
  }
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

/// The first `count` (< 16) lanes of v to p, in pieces of 8, 4, 2 and 1
/// lanes: a memcpy of a variable size would call the C library's for a few
/// bytes (3.5 % of mobilenet_v3_small's time, whose channel counts leave
/// partial panels everywhere).
inline void storeFirst(float *p, v16 v, int64_t count) {
  float lanes[16];
  store(lanes, v);
  int64_t j = 0;
  if (count & 8) {
    __builtin_memcpy(p, lanes, 8 * sizeof(float));
    j = 8;
  }
  if (count & 4) {
    __builtin_memcpy(p + j, lanes + j, 4 * sizeof(float));
    j += 4;
  }
  if (count & 2) {
    __builtin_memcpy(p + j, lanes + j, 2 * sizeof(float));
    j += 2;
  }
  if (count & 1)
    p[j] = lanes[j];
}

/// Writes a tile's accumulators through the epilogue to rows out[i] (each
/// the first of `cols` valid columns of the panel). Stage by stage over the
/// whole tile, so that each stage branches once.
template <int MR, int NV>
inline void finish(v16 (&acc)[MR][NV], float *out, const int64_t *outRows,
                   int64_t cols, int64_t n0, const Epilogue &e,
                   const int64_t *resRows) {
  bool whole = cols == NV * 16;
  if (e.bias) {
    v16 bias[NV];
#pragma clang loop unroll(full)
    for (int v = 0; v < NV; ++v) {
      if (whole || (v + 1) * 16 <= cols) {
        bias[v] = load(e.bias + n0 + v * 16);
      } else {
        bias[v] = splat(0.0f);
        for (int64_t j = v * 16; j < cols; ++j)
          bias[v][j - v * 16] = e.bias[n0 + j];
      }
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
#pragma clang loop unroll(full)
      for (int v = 0; v < NV; ++v)
        acc[i][v] += bias[v];
  }
  activateTile(acc, e.act1);
  if (e.residual) {
    if (whole) {
#pragma clang loop unroll(full)
      for (int i = 0; i < MR; ++i)
#pragma clang loop unroll(full)
        for (int v = 0; v < NV; ++v)
          acc[i][v] += load(e.residual + resRows[i] + v * 16);
    } else {
#pragma clang loop unroll(full)
      for (int i = 0; i < MR; ++i)
#pragma clang loop unroll(full)
        for (int v = 0; v < NV; ++v) {
          const float *r = e.residual + resRows[i] + v * 16;
          v16 rv = splat(0.0f);
          for (int64_t j = v * 16; j < cols && j < (v + 1) * 16; ++j)
            rv[j - v * 16] = r[j - v * 16];
          acc[i][v] += rv;
        }
    }
  }
  activateTile(acc, e.act2);
  if (whole) {
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
#pragma clang loop unroll(full)
      for (int v = 0; v < NV; ++v)
        store(out + outRows[i] + v * 16, acc[i][v]);
    return;
  }
  // A partial panel: its whole vectors, then the first lanes of the next.
#pragma clang loop unroll(full)
  for (int i = 0; i < MR; ++i) {
    float *o = out + outRows[i];
#pragma clang loop unroll(full)
    for (int v = 0; v < NV; ++v) {
      int64_t left = cols - v * 16;
      if (left >= 16)
        store(o + v * 16, acc[i][v]);
      else if (left > 0)
        storeFirst(o + v * 16, acc[i][v], left);
    }
  }
}

/// The packed right-hand side a tile sweeps: `count` panels from `bp`,
/// `stride` floats apart, the first for output columns from `n0`; the
/// output has `n` columns.
struct Panels {
  const float *bp;
  int64_t count, stride, n0, n;
  Prefetch next; // for the first panel's tile of MR 12
};

/// One tile of MR rows through `tile` and `finish`, for each panel in turn:
/// the rows' addresses are set up once for them all, and stay in L1. `out`
/// and the epilogue's residual are at column 0. Not inlined: the drivers
/// share one copy of each, which keeps artifacts small and quick to compile.
template <int MR, int NV>
__attribute__((noinline)) void tileOf(const float *a, const int64_t *rows,
                                      int64_t nseg, const int64_t *segA,
                                      const int64_t *segB, int64_t kc,
                                      const Panels &b, float *out,
                                      const int64_t *outRows,
                                      const Epilogue &e,
                                      const int64_t *resRows) {
  constexpr int64_t NR = NV * 16;
  for (int64_t p = 0; p < b.count; ++p) {
    int64_t n0 = b.n0 + p * NR, cols = b.n - n0 < NR ? b.n - n0 : NR;
    Epilogue ep = e;
    if (ep.residual)
      ep.residual += n0;
    v16 acc[MR][NV];
    const Prefetch &pf = MR == kMaxRows && p == 0 ? b.next : Prefetch();
    if constexpr (NV == 1)
      tilePairs<MR>(a, rows, nseg, segA, segB, kc, b.bp + p * b.stride, acc, pf);
    else
      tile<MR, NV>(a, rows, nseg, segA, segB, kc, b.bp + p * b.stride, acc, pf);
    finish<MR, NV>(acc, out + n0, outRows, cols, n0, ep, resRows);
  }
}

/// `mr` rows (up to 12) in tiles of 12, 8, 4, 2 and 1 rows.
template <int NV>
void tileRows(int mr, const float *a, const int64_t *rows, int64_t nseg,
              const int64_t *segA, const int64_t *segB, int64_t kc,
              const Panels &b, float *out, const int64_t *outRows,
              const Epilogue &e, const int64_t *resRows) {
  int done = 0;
  auto run = [&](auto tileFn, int r) {
    tileFn(a, rows + done, nseg, segA, segB, kc, b, out, outRows + done, e,
           resRows + done);
    done += r;
  };
  if (mr - done >= 12) run(tileOf<12, NV>, 12);
  if (mr - done >= 8) run(tileOf<8, NV>, 8);
  if (mr - done >= 4) run(tileOf<4, NV>, 4);
  if (mr - done >= 2) run(tileOf<2, NV>, 2);
  if (mr - done >= 1) run(tileOf<1, NV>, 1);
}

/// tileRows for the panel width `nr` (16 or 32): a last panel 16 wide
/// (panelColumns) in tiles of one vector.
inline void tileRowsOf(int64_t nr, int mr, const float *a,
                       const int64_t *rows, int64_t nseg, const int64_t *segA,
                       const int64_t *segB, int64_t kc, const Panels &b,
                       float *out, const int64_t *outRows, const Epilogue &e,
                       const int64_t *resRows) {
  if (nr == 16)
    return tileRows<1>(mr, a, rows, nseg, segA, segB, kc, b, out, outRows, e, resRows);
  int64_t last = b.count - 1;
  if (panelColumns(b.n, nr, b.n0 / nr + last) == nr)
    return tileRows<2>(mr, a, rows, nseg, segA, segB, kc, b, out, outRows, e, resRows);
  Panels wide = b, narrow = b;
  wide.count = last;
  narrow.bp += last * b.stride;
  narrow.count = 1;
  narrow.n0 += last * nr;
  if (last) {
    narrow.next = Prefetch();
    tileRows<2>(mr, a, rows, nseg, segA, segB, kc, wide, out, outRows, e, resRows);
  }
  tileRows<1>(mr, a, rows, nseg, segA, segB, kc, narrow, out, outRows, e, resRows);
}


//===----------------------------------------------------------------------===//
// Matrix multiplication
//===----------------------------------------------------------------------===//

struct GemmTask {
  int64_t batch, m, n, k;
  const float *a;
  int64_t lda, strideA;
  const float *bp;
  int64_t strideB;
  float *c;
  int64_t ldc, strideC;
  Epilogue e;
  int64_t strideR;
  int64_t mBlocks, panels, nr;
  int64_t blockRows; // rows per task: see blockRowsFor
  bool rowsFirst;    // task order: see taskOrderRowsFirst
};

/// One core's L2 cache, as the runtime reports it; else 1 MiB.
inline int64_t l2CacheBytes() {
  return runtimeAbi && runtimeAbi->l2_cache_bytes
             ? int64_t(runtimeAbi->l2_cache_bytes)
             : int64_t(1) << 20;
}

/// The order of (panel, row block) tasks. Panel-major keeps one panel of B
/// in cache while the rows stream past: right when B is large. When B fits
/// in half the L2, row-major reads each block of A once, from L1, for every
/// panel: A (the activations) then crosses memory once, not once a panel
/// (resnet50's stride-2 1x1 conv of 256 -> 512 channels, a 512 KiB B: 3.2
/// ms panel-major, 2.4 row-major, on a 2 MiB L2). `rows` of one register
/// tile at most (a matrix-vector product) have nothing to keep in L1
/// across panels: panel-major, each panel is a task the threads can share
/// (row-major, the whole product was one task).
inline bool taskOrderRowsFirst(int64_t packedBFloats, int64_t rows) {
  return rows > kMaxRows &&
         packedBFloats * int64_t(sizeof(float)) <= l2CacheBytes() / 2;
}

/// Grain: tasks per piece of a parallel loop, so that a piece is worth
/// waking a thread for (about 100k multiply-adds).
int64_t grainFor(int64_t macsPerTask) {
  int64_t g = macsPerTask > 0 ? 100000 / macsPerTask : 1;
  return g < 1 ? 1 : g;
}

/// The grain of GEMM tasks of `rows` rows each (at most a block) by `cols`
/// columns of B, over k: grainFor's, with a task of fewer than 4 rows
/// counted as 4. Such a task is bound by streaming its panels of B, not by
/// its multiply-adds (mobilenet_v3_small's 576 x 1024 classifier: ~5x the
/// time a multiply-add of 12 rows takes).
int64_t gemmGrain(int64_t rows, int64_t cols, int64_t k) {
  return grainFor((rows > 4 ? rows : 4) * cols * k);
}

/// Rows per task: enough work to be worth a thread, a multiple of the tile.
constexpr int64_t kGemmBlockRows = 4 * kMaxRows;

/// Panel-major tasks over a B too large for L2: the share of the next panel
/// (`floats` long, from `next`) that the tile of rows [m0, m0 + 12) of
/// `m` prefetches. Spread over all of a panel's tiles, the next panel
/// arrives at a rate memory sustains; its first tile then reads it from
/// L2, not from memory (resnet50's 7x7 3x3 conv: 590 KB panels).
Prefetch nextPanelShare(const float *next, int64_t floats, int64_t m0,
                        int64_t m) {
  int64_t tiles = m / kMaxRows; // the tiles of 12 rows
  int64_t j = m0 / kMaxRows, pieces = floats / 32;
  if (!next || j >= tiles)
    return Prefetch();
  int64_t lo = pieces * j / tiles, hi = pieces * (j + 1) / tiles;
  return Prefetch{next + lo * 32, hi - lo};
}

/// Rows per task of `items` matrices of `rows` rows: kGemmBlockRows, or one
/// register tile's when rows-first tasks that size would be too few for the
/// threads to share evenly (resnet50's 14x14 layers: 5 blocks of 48 rows on
/// 2 threads). The tiles, and so the results, are the same either way.
int64_t blockRowsFor(int64_t items, int64_t rows, bool rowsFirst) {
  int64_t threads = runtimeAbi ? runtimeAbi->thread_count() : 1;
  int64_t blocks = items * ((rows + kGemmBlockRows - 1) / kGemmBlockRows);
  return rowsFirst && threads > 1 && blocks < 4 * threads ? kMaxRows : kGemmBlockRows;
}

void gemmTasks(void *data, int64_t begin, int64_t end) {
  const GemmTask &t = *static_cast<const GemmTask *>(data);
  // Rows first: a task is a block of rows times every panel. Otherwise a
  // task is (panel, block of rows), panel-major within a batch: a panel
  // of B stays in cache while the blocks pass.
  int64_t panelTasks = t.rowsFirst ? 1 : t.panels;
  for (int64_t task = begin; task < end; ++task) {
    int64_t b = task / (panelTasks * t.mBlocks);
    int64_t rest = task % (panelTasks * t.mBlocks);
    int64_t p = t.rowsFirst ? 0 : rest / t.mBlocks;
    int64_t mb = t.rowsFirst ? rest : rest % t.mBlocks;
    Panels panels{t.bp + b * t.strideB + p * t.k * t.nr,
                  t.rowsFirst ? t.panels : 1, t.k * t.nr, p * t.nr, t.n};
    const float *a = t.a + b * t.strideA;
    float *c = t.c + b * t.strideC;
    Epilogue e = t.e;
    if (e.residual)
      e.residual += b * t.strideR;
    int64_t segA = 0, segB = 0;
    int64_t mEnd = (mb + 1) * t.blockRows < t.m ? (mb + 1) * t.blockRows : t.m;
    for (int64_t m0 = mb * t.blockRows; m0 < mEnd; m0 += kMaxRows) {
      int mr = int(mEnd - m0 < kMaxRows ? mEnd - m0 : kMaxRows);
      int64_t rows[kMaxRows], outRows[kMaxRows], resRows[kMaxRows];
      for (int i = 0; i < mr; ++i) {
        rows[i] = (m0 + i) * t.lda;
        outRows[i] = (m0 + i) * t.ldc;
        resRows[i] = (m0 + i) * e.ldr;
      }
      if (!t.rowsFirst)
        panels.next = nextPanelShare(p + 1 < t.panels ? panels.bp + t.k * t.nr : nullptr,
                                     t.k * t.nr, m0, t.m);
      else if (t.lda == t.k && m0 + kMaxRows < t.m)
        // Rows first over dense rows: the next tile's rows, while this
        // tile's first panel runs.
        panels.next = Prefetch{a + (m0 + kMaxRows) * t.lda,
                               (t.m - m0 - kMaxRows < kMaxRows ? t.m - m0 - kMaxRows
                                                               : kMaxRows) * t.k / 32};
      tileRowsOf(t.nr, mr, a, rows, 1, &segA, &segB, t.k, panels, c, outRows,
                 e, resRows);
    }
  }
}

//===----------------------------------------------------------------------===//
// Convolution, NHWC
//===----------------------------------------------------------------------===//

struct ConvTask {
  int64_t n, h, w, ic, oh, ow, oc, sh, sw;
  // Segments of the reduction: offsets into a pixel's input window and
  // into a panel of the packed filter, each `kc` floats long.
  int64_t nseg, kc;
  const int64_t *segA, *segB;
  const float *in, *bp; // `in` padded: every window lies inside
  float *out;
  Epilogue e;
  int64_t panels, nr, mBlocks;
  int64_t blockPixels; // pixels per task: see blockRowsFor
  bool rowsFirst;      // task order: see taskOrderRowsFirst
};

/// Tasks: (panel of output channels, block of output pixels), panel-major
/// so that a filter panel stays in cache while the pixels pass. A tile's
/// pixels may span output rows: with the input padded, every pixel is a
/// row of the same implicit im2col matrix.
void convTasks(void *data, int64_t begin, int64_t end) {
  const ConvTask &t = *static_cast<const ConvTask *>(data);
  int64_t pixels = t.n * t.oh * t.ow;
  for (int64_t task = begin; task < end; ++task) {
    // As gemmTasks: rows first, or (panel, block of pixels).
    int64_t p = t.rowsFirst ? 0 : task / t.mBlocks;
    int64_t mb = t.rowsFirst ? task : task % t.mBlocks;
    int64_t panelFloats = t.nseg * t.kc * t.nr;
    Panels panels{t.bp + p * panelFloats, t.rowsFirst ? t.panels : 1,
                  panelFloats, p * t.nr, t.oc};
    int64_t mEnd = (mb + 1) * t.blockPixels < pixels ? (mb + 1) * t.blockPixels
                                                      : pixels;
    for (int64_t m0 = mb * t.blockPixels; m0 < mEnd; m0 += kMaxRows) {
      int mr = int(mEnd - m0 < kMaxRows ? mEnd - m0 : kMaxRows);
      int64_t rows[kMaxRows], outRows[kMaxRows];
      // The tile's first pixel by division, the rest by stepping.
      int64_t ox = m0 % t.ow, rest = m0 / t.ow, oy = rest % t.oh, b = rest / t.oh;
      for (int i = 0; i < mr; ++i) {
        rows[i] = ((b * t.h + oy * t.sh) * t.w + ox * t.sw) * t.ic;
        outRows[i] = (m0 + i) * t.oc;
        if (++ox == t.ow) {
          ox = 0;
          if (++oy == t.oh) {
            oy = 0;
            ++b;
          }
        }
      }
      if (!t.rowsFirst)
        panels.next = nextPanelShare(p + 1 < t.panels ? panels.bp + panelFloats : nullptr,
                                     panelFloats, m0, pixels);
      tileRowsOf(t.nr, mr, t.in, rows, t.nseg, t.segA, t.segB, t.kc, panels,
                 t.out, outRows, t.e, outRows);
    }
  }
}

void stageChannelsLast(const float *image, int64_t c, int64_t h, int64_t width,
                       int64_t left, int64_t stagedWidth, int64_t y0, int64_t y1,
                       float *stage);

struct PadTask {
  const float *in;
  float *padded;
  int64_t h, w, c, top, left, right, ph, pw;
  bool channelsFirst; // `in` is [N, C, H, W]
};

/// Rows [begin, end) of the padded tensor, counted over all images.
void padRows(void *data, int64_t begin, int64_t end) {
  const PadTask &t = *static_cast<const PadTask *>(data);
  for (int64_t row = begin; row < end; ++row) {
    int64_t b = row / t.ph, y = row % t.ph;
    float *dst = t.padded + row * t.pw * t.c;
    int64_t iy = y - t.top;
    if (iy < 0 || iy >= t.h) {
      __builtin_memset(dst, 0, sizeof(float) * t.pw * t.c);
      continue;
    }
    if (t.channelsFirst) {
      stageChannelsLast(t.in + b * t.c * t.h * t.w, t.c, t.h, t.w, t.left, t.pw,
                        iy, iy + 1, dst);
      continue;
    }
    __builtin_memset(dst, 0, sizeof(float) * t.left * t.c);
    __builtin_memcpy(dst + t.left * t.c, t.in + (b * t.h + iy) * t.w * t.c,
                     sizeof(float) * t.w * t.c);
    __builtin_memset(dst + (t.left + t.w) * t.c, 0, sizeof(float) * t.right * t.c);
  }
}

/// Copies `in` [N, H, W, C] (or, `channelsFirst`, [N, C, H, W]) into
/// `padded` [N, H + top + bottom, W + left + right, C] with zeros around,
/// rows shared by the threads (a piece copies 64 KB at least): on one
/// thread resnet50's and mobilenet_v3_small's stems waited ~10 us for it.
void padInput(const float *in, float *padded, int64_t n, int64_t h, int64_t w,
              int64_t c, int64_t top, int64_t bottom, int64_t left,
              int64_t right, bool channelsFirst = false) {
  PadTask t{in, padded, h, w, c, top, left, right, h + top + bottom,
            w + left + right, channelsFirst};
  int64_t rowFloats = t.pw * c;
  parallelFor(n * t.ph, rowFloats < 16384 ? 16384 / rowFloats : 1, padRows, &t);
}

//===----------------------------------------------------------------------===//
// Winograd convolution F(MxM, 3x3), NHWC
//===----------------------------------------------------------------------===//
//
// A 3x3 stride-1 convolution computed per MxM output tile from its AxA input
// patch d (A = M + 2): Y = A^T [(G g G^T) . (B^T d B)] A, A^2 products per
// tile and channel pair instead of 9 M^2. The filter transform U = G g G^T is
// done when packing (load time); per block of tiles the input transform
// V = B^T d B is gathered into A^2 matrices [tiles, IC], multiplied by the
// A^2 [IC, OC] matrices of U with the GEMM tile, and the output transform
// applies the epilogue. F(2x2, 3x3) (16 products for 4 outputs) only adds,
// subtracts and halves; F(4x4, 3x3) (36 for 16) multiplies by up to 8 and,
// in U, by 1/6 and 1/24, and rounds about ten times more: ~5e-6 of the
// largest output on resnet50's layers (pd-kernel-bench), against ~5e-7.

/// The one-dimensional transforms of F(M, 3), applied to the columns and
/// then the rows of a tile: B^T (input, A -> A), A^T (output, A -> M) and
/// G (filter, 3 -> A).
template <int M> struct WinogradF;

template <> struct WinogradF<2> {
  static constexpr int kAlpha = 4;
  template <typename T> static void input(const T (&d)[4], T (&v)[4]) {
    v[0] = d[0] - d[2];
    v[1] = d[1] + d[2];
    v[2] = d[2] - d[1];
    v[3] = d[1] - d[3];
  }
  template <typename T> static void output(const T (&m)[4], T (&y)[2]) {
    y[0] = m[0] + m[1] + m[2];
    y[1] = m[1] - m[2] - m[3];
  }
  static void filter(const double (&g)[3], double (&u)[4]) {
    u[0] = g[0];
    u[1] = 0.5 * (g[0] + g[1] + g[2]);
    u[2] = 0.5 * (g[0] - g[1] + g[2]);
    u[3] = g[2];
  }
};

// Lavin and Gray's points 0, 1, -1, 2, -2 and infinity.
template <> struct WinogradF<4> {
  static constexpr int kAlpha = 6;
  template <typename T> static void input(const T (&d)[6], T (&v)[6]) {
    T s12 = d[1] + d[2], d12 = d[1] - d[2], s34 = d[3] + d[4];
    T d43 = d[4] - d[3], d31 = d[3] - d[1], d42 = d[4] - d[2];
    v[0] = T(4.0f) * d[0] - T(5.0f) * d[2] + d[4];
    v[1] = s34 - T(4.0f) * s12;
    v[2] = d43 + T(4.0f) * d12;
    v[3] = d42 + T(2.0f) * d31;
    v[4] = d42 - T(2.0f) * d31;
    v[5] = T(4.0f) * d[1] - T(5.0f) * d[3] + d[5];
  }
  template <typename T> static void output(const T (&m)[6], T (&y)[4]) {
    T s12 = m[1] + m[2], d12 = m[1] - m[2];
    T s34 = m[3] + m[4], d34 = m[3] - m[4];
    y[0] = m[0] + s12 + s34;
    y[1] = d12 + T(2.0f) * d34;
    y[2] = s12 + T(4.0f) * s34;
    y[3] = d12 + T(8.0f) * d34 + m[5];
  }
  static void filter(const double (&g)[3], double (&u)[6]) {
    u[0] = g[0] / 4;
    u[1] = -(g[0] + g[1] + g[2]) / 6;
    u[2] = -(g[0] - g[1] + g[2]) / 6;
    u[3] = g[0] / 24 + g[1] / 12 + g[2] / 6;
    u[4] = g[0] / 24 - g[1] / 12 + g[2] / 6;
    u[5] = g[2];
  }
};

/// out[k * outStride] = T(in[k * inStride]): one line of a tile, N values
/// into ON.
template <int N, int ON, typename T, typename F>
inline void winogradLine(const T *in, int inStride, T *out, int outStride,
                         F &oneD) {
  T x[N], y[ON];
#pragma clang loop unroll(full)
  for (int k = 0; k < N; ++k)
    x[k] = in[k * inStride];
  oneD(x, y);
#pragma clang loop unroll(full)
  for (int k = 0; k < ON; ++k)
    out[k * outStride] = y[k];
}

/// out = T(in) down the columns, then across the rows, of an R x C tile
/// stored row-major; T maps R (and C) values to OR (and OC).
template <int R, int C, int OR, int OC, typename T, typename F>
inline void winogradTwoD(const T (&in)[R * C], T (&out)[OR * OC], F &&oneD) {
  T cols[OR * C];
#pragma clang loop unroll(full)
  for (int j = 0; j < C; ++j)
    winogradLine<R, OR>(in + j, C, cols + j, C, oneD);
#pragma clang loop unroll(full)
  for (int i = 0; i < OR; ++i)
    winogradLine<C, OC>(cols + i * C, 1, out + i * OC, 1, oneD);
}

/// U = G g G^T of one filter [3][3] (in float64: it is computed once).
template <int M>
void winogradFilter(const float *g, float *u) {
  using F = WinogradF<M>;
  constexpr int A = F::kAlpha;
  double in[9], out[A * A];
  for (int i = 0; i < 9; ++i)
    in[i] = g[i];
  winogradTwoD<3, 3, A, A>(in, out, [](auto &x, auto &y) { F::filter(x, y); });
  for (int i = 0; i < A * A; ++i)
    u[i] = float(out[i]);
}

struct WinogradTask {
  int64_t m;                       // the output tile: F(m x m, 3x3)
  int64_t n, h, w, ic, oh, ow, oc; // h, w: the padded input
  int64_t tilesH, tilesW, tiles, blockTiles;
  const float *in, *up; // up: U packed [A^2][panel][IC][NR]
  float *out;
  Epilogue e;
  int64_t panels, nr;

  int64_t products() const { return pd_winograd_products(m); }
  /// The tiles of block `task` (blockTiles, the last one fewer).
  int64_t blockCount(int64_t task) const {
    int64_t t0 = task * blockTiles;
    return tiles - t0 < blockTiles ? tiles - t0 : blockTiles;
  }
};

/// Tiles per task: enough rows for the GEMM tile, scratch within L2.
int64_t winogradBlockTiles(int64_t products, int64_t ic, int64_t oc) {
  int64_t widest = ic > oc ? ic : oc;
  int64_t tiles = (192 * 1024) / (products * widest * int64_t(sizeof(float)));
  tiles = tiles / kMaxRows * kMaxRows;
  return tiles < kMaxRows ? kMaxRows : tiles > 4 * kMaxRows ? 4 * kMaxRows : tiles;
}

/// Input transform of tiles [t0, t0 + count) into vt [A^2][perXi][IC], the
/// first at row 0 of each of the A^2.
template <typename V, int M>
void winogradGather(const WinogradTask &t, int64_t t0, int64_t count,
                    int64_t perXi, int64_t c0, float *vt) {
  using F = WinogradF<M>;
  constexpr int A = F::kAlpha;
  for (int64_t i = 0; i < count; ++i) {
    int64_t tile = t0 + i, tx = tile % t.tilesW, rest = tile / t.tilesW;
    int64_t ty = rest % t.tilesH, b = rest / t.tilesH;
    const float *p = t.in + ((b * t.h + M * ty) * t.w + M * tx) * t.ic + c0;
    V d[A * A], v[A * A];
#pragma clang loop unroll(full)
    for (int y = 0; y < A; ++y)
#pragma clang loop unroll(full)
      for (int x = 0; x < A; ++x)
        d[y * A + x] = loadv<V>(p + (y * t.w + x) * t.ic);
    winogradTwoD<A, A, A, A>(d, v, [](auto &x, auto &y) { F::input(x, y); });
#pragma clang loop unroll(full)
    for (int xi = 0; xi < A * A; ++xi)
      storev(vt + (xi * perXi + i) * t.ic + c0, v[xi]);
  }
}

/// Output transform of tiles [t0, t0 + count) from mt [A^2][perXi][OC]
/// (the first at row 0 of each), through the epilogue, for channels
/// [c0, c0 + lanes of V).
template <typename V, int M>
void winogradScatter(const WinogradTask &t, int64_t t0, int64_t count,
                     int64_t perXi, int64_t c0, const float *mt) {
  using F = WinogradF<M>;
  constexpr int A = F::kAlpha;
  V bias = t.e.bias ? loadv<V>(t.e.bias + c0) : V(0.0f);
  for (int64_t i = 0; i < count; ++i) {
    int64_t tile = t0 + i, tx = tile % t.tilesW, rest = tile / t.tilesW;
    int64_t ty = rest % t.tilesH, b = rest / t.tilesH;
    V m[A * A], y[M * M];
#pragma clang loop unroll(full)
    for (int xi = 0; xi < A * A; ++xi)
      m[xi] = loadv<V>(mt + (xi * perXi + i) * t.oc + c0);
    winogradTwoD<A, A, M, M>(m, y, [](auto &x, auto &z) { F::output(x, z); });
#pragma clang loop unroll(full)
    for (int k = 0; k < M * M; ++k) {
      int64_t oy = M * ty + k / M, ox = M * tx + k % M;
      if (oy >= t.oh || ox >= t.ow)
        continue;
      int64_t o = ((b * t.oh + oy) * t.ow + ox) * t.oc + c0;
      V x = activate(y[k] + bias, t.e.act1);
      if (t.e.residual)
        x += loadv<V>(t.e.residual + o);
      storev(t.out + o, activate(x, t.e.act2));
    }
  }
}

/// The transforms for channels [0, IC) (or [0, OC)), in groups of 16
/// lanes, then 8, then 1, at the task's tile size.
template <typename Body> void winogradForEachGroup(const WinogradTask &t, int64_t c, Body &&body) {
  forEachChannelGroup(c, [&](auto lanes, int64_t c0) {
    if (t.m == 4)
      body(lanes, TileWidth<4>(), c0);
    else
      body(lanes, TileWidth<2>(), c0);
  });
}

/// The product of one of the A^2 matrices: mt[xi] [count, OC] = vt[xi]
/// [count, IC] x U[xi] [IC, OC], in tiles of 12 rows.
void winogradProduct(const WinogradTask &t, int xi, int64_t count,
                     int64_t perXi, const float *vt, float *mt) {
  int64_t zero = 0;
  Epilogue none;
  Panels panels{t.up + xi * t.panels * t.ic * t.nr, t.panels, t.ic * t.nr, 0, t.oc};
  for (int64_t r0 = 0; r0 < count; r0 += kMaxRows) {
    int mr = int(count - r0 < kMaxRows ? count - r0 : kMaxRows);
    int64_t rows[kMaxRows], outRows[kMaxRows];
    for (int i = 0; i < mr; ++i) {
      rows[i] = (xi * perXi + r0 + i) * t.ic;
      outRows[i] = (xi * perXi + r0 + i) * t.oc;
    }
    tileRowsOf(t.nr, mr, vt, rows, 1, &zero, &zero, t.ic, panels, mt, outRows,
               none, outRows);
  }
}

void winogradTasks(void *data, int64_t begin, int64_t end) {
  const WinogradTask &t = *static_cast<const WinogradTask *>(data);
  // Scratch for one block: V [A^2][tiles][IC] and M [A^2][tiles][OC], on
  // this thread's stack (winogradBlockTiles bounds it to 384 KiB).
  int64_t products = t.products();
  float *vt = static_cast<float *>(
      __builtin_alloca(sizeof(float) * products * t.blockTiles * t.ic + 64));
  float *mt = static_cast<float *>(
      __builtin_alloca(sizeof(float) * products * t.blockTiles * t.oc + 64));
  for (int64_t task = begin; task < end; ++task) {
    int64_t t0 = task * t.blockTiles, count = t.blockCount(task);
    winogradForEachGroup(t, t.ic, [&](auto lanes, auto m, int64_t c0) {
      winogradGather<decltype(lanes), decltype(m)::value>(t, t0, count, count, c0, vt);
    });
    for (int xi = 0; xi < products; ++xi)
      winogradProduct(t, xi, count, count, vt, mt);
    winogradForEachGroup(t, t.oc, [&](auto lanes, auto m, int64_t c0) {
      winogradScatter<decltype(lanes), decltype(m)::value>(t, t0, count, count, c0, mt);
    });
  }
}

/// Whether a layer runs in three phases over all of its tiles (the input
/// transform, then each of the A^2 products for every tile, then the output
/// transform) rather than block by block. Block by block, each block reads
/// all of U, which for 128 channels and more (1 MB and more) no longer
/// stays in L2: resnet50's 28x28x128 layer read its U 9 times a run, its
/// 14x14x256 one 5 times. By products, U is read once, and the products
/// are tasks of their own, which share out better among threads than
/// resnet50's 5 blocks at 14x14. The cost is V and M for the whole layer
/// (kWinogradPhaseBytes at most, in the arena): 28x28x128 0.57 -> 0.48 ms,
/// 14x14x256 0.53 -> 0.47 ms (one core, medians of 3 interleaved runs).
/// Each product's rows are the same sums either way: results do not change.
constexpr int64_t kWinogradPhaseBytes = 8 << 20;
bool winogradByProducts(int64_t products, int64_t ic, int64_t oc, int64_t vmBytes) {
  int64_t uBytes = products * ic * oc * int64_t(sizeof(float));
  return uBytes > (512 << 10) && vmBytes <= kWinogradPhaseBytes;
}

/// The three phases over all tiles at once (see winogradByProducts):
/// V and M hold every tile, [A^2][tiles][IC] and [A^2][tiles][OC].
struct WinogradPhases {
  WinogradTask t;
  float *v, *m;
};

/// The transforms' tasks are tiles, not blocks: resnet50's 14x14 layers
/// have 49 tiles, 5 blocks, which two threads shared 3 to 2.
void winogradGatherTasks(void *data, int64_t begin, int64_t end) {
  const WinogradPhases &p = *static_cast<const WinogradPhases *>(data);
  const WinogradTask &t = p.t;
  winogradForEachGroup(t, t.ic, [&](auto lanes, auto m, int64_t c0) {
    winogradGather<decltype(lanes), decltype(m)::value>(
        t, begin, end - begin, t.tiles, c0, p.v + begin * t.ic);
  });
}

void winogradProductTasks(void *data, int64_t begin, int64_t end) {
  const WinogradPhases &p = *static_cast<const WinogradPhases *>(data);
  for (int64_t xi = begin; xi < end; ++xi)
    winogradProduct(p.t, int(xi), p.t.tiles, p.t.tiles, p.v, p.m);
}

void winogradScatterTasks(void *data, int64_t begin, int64_t end) {
  const WinogradPhases &p = *static_cast<const WinogradPhases *>(data);
  const WinogradTask &t = p.t;
  winogradForEachGroup(t, t.oc, [&](auto lanes, auto m, int64_t c0) {
    winogradScatter<decltype(lanes), decltype(m)::value>(
        t, begin, end - begin, t.tiles, c0, p.m + begin * t.oc);
  });
}

//===----------------------------------------------------------------------===//
// Depthwise convolution, NHWC
//===----------------------------------------------------------------------===//

struct DepthwiseTask {
  int64_t n, h, w, c, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw;
  const float *in, *filter; // filter [kh][kw][c]
  float *out;
  Epilogue e;

  // `in` holds the input rows from this one on (of all images, counted
  // n * h + iy): a staged band of rows has its first here.
  int64_t firstRow = 0;
  // In a row-band chain, `in` and `out` are rings of this many rows (row y
  // at y % rows); 0: not a ring.
  int64_t inRing = 0, outRing = 0;

  int64_t pixel(int64_t n, int64_t oy, int64_t ox) const {
    return ((n * oh + oy) * ow + ox) * c;
  }
  float *outputAt(int64_t n, int64_t oy, int64_t ox) const {
    int64_t y = n * oh + oy;
    return out + ((outRing ? y % outRing : y) * ow + ox) * c;
  }
  const float *inputRow(int64_t n, int64_t iy) const {
    int64_t y = n * h + iy;
    return in + (inRing ? y % inRing : y - firstRow) * w * c;
  }
};

/// Pixels [ox0, ox1) of output row (n, oy), channels [c0, c0 + lanes of V):
/// MR pixels at a time, the filter's K x K vectors in registers (K = 0: any
/// size, read as it goes). With `checkColumns`, taps outside the input are
/// skipped (the edge columns).
template <typename V, int K, int MR, bool checkColumns>
__attribute__((noinline)) void depthwisePixels(const DepthwiseTask &t,
                                               int64_t n, int64_t oy,
                                               int64_t ox0, int64_t ox1,
                                               int64_t c0) {
  constexpr int KK = K ? K * K : 1;
  const int64_t kh = K ? K : t.kh, kw = K ? K : t.kw;
  V w[KK];
  if (K) {
#pragma clang loop unroll(full)
    for (int j = 0; j < KK; ++j)
      w[j] = loadv<V>(t.filter + j * t.c + c0);
  }
  V bias = t.e.bias ? loadv<V>(t.e.bias + c0) : V(0.0f);
  for (int64_t ox = ox0; ox + MR <= ox1; ox += MR) {
    V acc[MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
      acc[i] = V(0.0f);
    for (int64_t ky = 0; ky < kh; ++ky) {
      int64_t iy = oy * t.sh - t.ph + ky * t.dh;
      if (iy < 0 || iy >= t.h)
        continue;
      const float *inRow = t.inputRow(n, iy) + c0;
      for (int64_t kx = 0; kx < kw; ++kx) {
        V wv = K ? w[K ? ky * K + kx : 0]
                 : loadv<V>(t.filter + (ky * kw + kx) * t.c + c0);
#pragma clang loop unroll(full)
        for (int i = 0; i < MR; ++i) {
          int64_t ix = (ox + i) * t.sw - t.pw + kx * t.dw;
          if (checkColumns && (ix < 0 || ix >= t.w))
            continue;
          acc[i] = fma(loadv<V>(inRow + ix * t.c), wv, acc[i]);
        }
      }
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i) {
      V x = activate(acc[i] + bias, t.e.act1);
      if (t.e.residual)
        x += loadv<V>(t.e.residual + t.pixel(n, oy, ox + i) + c0);
      storev(t.outputAt(n, oy, ox + i) + c0, activate(x, t.e.act2));
    }
  }
}

/// The filter taps of a channel group, in registers for 3 x 3 filters (a
/// larger filter is read from L1 as it goes).
template <typename V, int K> struct DepthwiseTaps {
  static constexpr bool kInRegisters = K == 3;
  V w[kInRegisters ? K * K : 1];
  const float *filter;
  int64_t c, c0;
  DepthwiseTaps(const DepthwiseTask &t, int64_t c0)
      : filter(t.filter), c(t.c), c0(c0) {
    if constexpr (kInRegisters) {
#pragma clang loop unroll(full)
      for (int j = 0; j < K * K; ++j)
        w[j] = loadv<V>(filter + j * c + c0);
    }
  }
  V operator[](int j) const {
    if constexpr (kInRegisters)
      return w[j];
    else
      return loadv<V>(filter + j * c + c0);
  }
};

/// What the tiles of ROWS output rows from (n, oy) read and write, worked
/// out once per span: the input rows under them (null outside the image),
/// the output and residual rows, each at column 0, channel 0.
template <int K, int S, int ROWS> struct DepthwiseRowBand {
  static constexpr int kInputRows = (ROWS - 1) * S + K;
  const float *in[kInputRows];
  float *out[ROWS];
  const float *residual[ROWS];
  int64_t c, w, pw;
  DepthwiseRowBand() = default;
  DepthwiseRowBand(const DepthwiseTask &t, int64_t n, int64_t oy)
      : c(t.c), w(t.w), pw(t.pw) {
#pragma clang loop unroll(full)
    for (int r = 0; r < kInputRows; ++r) {
      int64_t iy = oy * t.sh - t.ph + r;
      in[r] = iy >= 0 && iy < t.h ? t.inputRow(n, iy) : nullptr;
    }
#pragma clang loop unroll(full)
    for (int q = 0; q < ROWS; ++q) {
      out[q] = t.outputAt(n, oy + q, 0);
      residual[q] = t.e.residual ? t.e.residual + t.pixel(n, oy + q, 0) : nullptr;
    }
  }
};

/// One tile: MR pixels from ox of a band's ROWS output rows, channels
/// [c0, c0 + lanes of V), for a K x K
/// filter, stride S, dilation 1. Each input vector is loaded once and used
/// by every tap of every row that reads it: two rows share their K - S
/// common input rows, and two accumulator sets keep more multiply-adds in
/// flight. With `checkColumns`, input columns outside the image read as
/// zero (the edges). Each output sums its taps in the same order whatever
/// MR, ROWS and checkColumns are, so results do not depend on them.
template <typename V, int K, int S, int MR, int ROWS, bool checkColumns>
__attribute__((always_inline)) inline void
depthwiseTile(const DepthwiseRowBand<K, S, ROWS> &band, int64_t ox, int64_t c0,
              const DepthwiseTaps<V, K> &taps, V bias, const Epilogue &e) {
  constexpr int SPAN = (MR - 1) * S + K;
  const int64_t c = band.c;
  V acc[ROWS][MR];
#pragma clang loop unroll(full)
  for (int q = 0; q < ROWS; ++q)
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
      acc[q][i] = V(0.0f);
  int64_t ix0 = ox * S - band.pw;
#pragma clang loop unroll(full)
  for (int r = 0; r < band.kInputRows; ++r) {
    if (!band.in[r])
      continue;
    // Walk the row with one pointer: offsets j * c would each take a
    // register.
    const float *p = band.in[r] + ix0 * c + c0;
    V in[SPAN];
#pragma clang loop unroll(full)
    for (int j = 0; j < SPAN; ++j, p += c)
      in[j] = !checkColumns || (ix0 + j >= 0 && ix0 + j < band.w)
                  ? loadv<V>(p)
                  : V(0.0f);
#pragma clang loop unroll(full)
    for (int q = 0; q < ROWS; ++q) {
      const int ky = r - q * S; // this input row's filter row for row q
      if (ky < 0 || ky >= K)
        continue;
#pragma clang loop unroll(full)
      for (int kx = 0; kx < K; ++kx) {
        V wv = taps[ky * K + kx];
#pragma clang loop unroll(full)
        for (int i = 0; i < MR; ++i)
          acc[q][i] = fma(in[i * S + kx], wv, acc[q][i]);
      }
    }
  }
  // The epilogue stage by stage over each row: one branch per stage.
#pragma clang loop unroll(full)
  for (int q = 0; q < ROWS; ++q) {
    float *o = band.out[q] + ox * c + c0;
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
      acc[q][i] += bias;
    activateRow(acc[q], e.act1);
    if (band.residual[q]) {
      const float *res = band.residual[q] + ox * c + c0;
#pragma clang loop unroll(full)
      for (int i = 0; i < MR; ++i)
        acc[q][i] += loadv<V>(res + i * c);
    }
    activateRow(acc[q], e.act2);
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; ++i)
      storev(o + i * c, acc[q][i]);
  }
}

/// The tiles of MR pixels from ox of each of `bands` row bands, every
/// channel group in [c0, c1) (lanes of V apart) in turn: a tile's input
/// lines serve all of its channels while they are in L1 (a band's rows of
/// all channels are not), and a group's taps serve every band.
template <typename V, int K, int S, int MR, int ROWS, bool checkColumns>
__attribute__((always_inline)) inline void
depthwiseColumns(const DepthwiseTask &t, const DepthwiseRowBand<K, S, ROWS> *band,
                 int64_t bands, int64_t ox, int64_t c0, int64_t c1) {
  constexpr int64_t lanes = sizeof(V) / sizeof(float);
  for (int64_t channel = c0; channel < c1; channel += lanes) {
    // Opaque to LLVM's loop strength reduction, which would otherwise keep
    // every load address of the tile as its own induction variable across
    // this loop and spill them (the 3 x 3 stride-1 tile took ~30 % longer).
    int64_t c = channel;
    __asm__("" : "+r"(c));
    const DepthwiseTaps<V, K> taps(t, c);
    V bias = t.e.bias ? loadv<V>(t.e.bias + c) : V(0.0f);
    for (int64_t b = 0; b < bands; ++b)
      depthwiseTile<V, K, S, MR, ROWS, checkColumns>(band[b], ox, c, taps, bias, t.e);
  }
}

/// Row bands of ROWS output rows that one span walks together, column
/// tile by column tile: the input rows two bands share (K - S of them) are
/// then read from L1 by the second, not again from L2. At stride 1 (two of
/// a band's four rows shared) four bands took the 8-row band benchmark from
/// 6.3 to 5.4 us. At stride 2 a 3 x 3 band's 5 input rows share one: two
/// bands took the 16-row band from 5.0 to 3.9 us on the AMD EPYC, three or
/// four to 5.5 (on the Intel Xeon before it four had cost more than they
/// saved); 5 x 5 at stride 2 was mixed (28 columns 5 % slower, 14 columns
/// 8 % faster) and keeps one.
template <int K, int S>
constexpr int64_t kDepthwiseBandsPerSpan = S == 1 ? 4 : K == 3 ? 2 : 1;

/// Pixels [ox0, ox1) of `bands` row bands of ROWS output rows from (n, oy),
/// channels [c0, c1): MR pixels at a time, then 4, 2 and 1; each column
/// tile of every band before the next.
template <typename V, int K, int S, int MR, int ROWS, bool checkColumns>
__attribute__((noinline)) void depthwiseSpan(const DepthwiseTask &t,
                                             int64_t n, int64_t oy,
                                             int64_t bands, int64_t ox0,
                                             int64_t ox1, int64_t c0,
                                             int64_t c1) {
  if (ox0 >= ox1)
    return;
  DepthwiseRowBand<K, S, ROWS> band[kDepthwiseBandsPerSpan<K, S>];
  for (int64_t b = 0; b < bands; ++b)
    band[b] = DepthwiseRowBand<K, S, ROWS>(t, n, oy + b * ROWS);
  auto columns = [&](auto width, int64_t ox) {
    depthwiseColumns<V, K, S, decltype(width)::value, ROWS, checkColumns>(
        t, band, bands, ox, c0, c1);
  };
  int64_t ox = ox0;
  for (; ox + MR <= ox1; ox += MR)
    columns(TileWidth<MR>(), ox);
  if constexpr (MR > 4) {
    if (ox + 4 <= ox1) {
      columns(TileWidth<4>(), ox);
      ox += 4;
    }
  }
  if constexpr (MR > 2) {
    if (ox + 2 <= ox1) {
      columns(TileWidth<2>(), ox);
      ox += 2;
    }
  }
  if constexpr (MR > 1) {
    for (; ox < ox1; ++ox)
      columns(TileWidth<1>(), ox);
  }
}

/// Pixels [x0, x1) of `bands` row bands of ROWS output rows from (n, oy),
/// channels [c0, c1) (lanes of V apart), MR pixels a tile: the tiles that
/// cover the edge columns [x0, owL) and [owR, x1), whose taps may fall
/// outside the input, check their columns; the tiles between them do not.
template <typename V, int K, int S, int MR, int ROWS>
void depthwiseRowSpans(const DepthwiseTask &t, int64_t n, int64_t oy,
                       int64_t bands, int64_t c0, int64_t c1, int64_t x0,
                       int64_t x1, int64_t owL, int64_t owR) {
  int64_t left = owL > x0 ? x0 + (owL - x0 + MR - 1) / MR * MR : x0;
  left = left < x1 ? left : x1;
  int64_t right = owR > left ? left + (owR - left) / MR * MR : left;
  right = right < x1 ? right : x1;
  // A narrow row (a 5 x 5 filter on 14 or 7 columns) would leave no whole
  // tile between edge tiles and check every column: the edges then take
  // only their own columns, the interior its remainder tiles unchecked.
  if (right - left < MR && owR - owL >= MR / 2) {
    left = owL > x0 ? (owL < x1 ? owL : x1) : x0;
    right = owR > left ? (owR < x1 ? owR : x1) : left;
  }
  for (int64_t b = 0; b < bands; b += kDepthwiseBandsPerSpan<K, S>) {
    int64_t y = oy + b * ROWS;
    int64_t count = bands - b < kDepthwiseBandsPerSpan<K, S> ? bands - b : kDepthwiseBandsPerSpan<K, S>;
    depthwiseSpan<V, K, S, MR, ROWS, true>(t, n, y, count, x0, left, c0, c1);
    depthwiseSpan<V, K, S, MR, ROWS, false>(t, n, y, count, left, right, c0, c1);
    depthwiseSpan<V, K, S, MR, ROWS, true>(t, n, y, count, right, x1, c0, c1);
  }
}

/// Output rows [oy, oy + rows), channels [c0, c1) (lanes of V apart): in
/// tiles of two rows by 4 pixels (by 8 for some 5 x 5 rows: see below;
/// 3 x 3 at stride 2: ~60 to ~75 GFLOP/s
/// against one row; 5 x 5, its 25 taps read from L1 as it goes: 8
/// accumulators' chains of 25 FMAs alone left the FMA pipes idle, two rows
/// of 4 took mobilenet_v3_small's 5 x 5 layers 8-80 % faster), a last odd
/// row in tiles of one row by 8 (stride 1) or 6 pixels.
template <typename V, int K, int S>
void depthwiseRows(const DepthwiseTask &t, int64_t n, int64_t oy, int64_t rows,
                   int64_t c0, int64_t c1, int64_t x0, int64_t x1, int64_t owL,
                   int64_t owR) {
  if constexpr (K == 3 || K == 5) {
    if (int64_t pairs = rows / 2) {
      // 5 x 5 at stride 1: 8 pixels a tile (16 accumulators) where the
      // interior holds two such tiles or the row is too narrow for any
      // (then checked whole, in fewer tiles): 28x28x120 +21 %, 7x7x576
      // +13 %; 14 columns split into 2 + 8 + 2 + 2 that way, 3-5 % slower
      // than 4-pixel tiles.
      constexpr bool wideTiles = K == 5 && S == 1; // no 8-pixel instances else
      if (wideTiles && (owR - owL >= 16 || owR - owL < 4))
        depthwiseRowSpans<V, K, S, wideTiles ? 8 : 4, 2>(t, n, oy, pairs, c0, c1, x0, x1, owL, owR);
      else
        depthwiseRowSpans<V, K, S, 4, 2>(t, n, oy, pairs, c0, c1, x0, x1, owL, owR);
      oy += 2 * pairs;
      rows -= 2 * pairs;
    }
    if (!rows)
      return;
  }
  constexpr int MR = S == 1 ? 8 : 6;
  depthwiseRowSpans<V, K, S, MR, 1>(t, n, oy, rows, c0, c1, x0, x1, owL, owR);
}

template <typename V>
void depthwiseRowsAnyK(const DepthwiseTask &t, int64_t n, int64_t oy,
                       int64_t rows, int64_t c0, int64_t c1, int64_t x0,
                       int64_t x1, int64_t owL, int64_t owR) {
  bool dense = t.dh == 1 && t.dw == 1 && t.sh == t.sw && t.kh == t.kw;
  int64_t k = dense ? t.kh : 0, s = t.sw;
  if (k == 3 && s == 1)
    depthwiseRows<V, 3, 1>(t, n, oy, rows, c0, c1, x0, x1, owL, owR);
  else if (k == 3 && s == 2)
    depthwiseRows<V, 3, 2>(t, n, oy, rows, c0, c1, x0, x1, owL, owR);
  else if (k == 5 && s == 1)
    depthwiseRows<V, 5, 1>(t, n, oy, rows, c0, c1, x0, x1, owL, owR);
  else if (k == 5 && s == 2)
    depthwiseRows<V, 5, 2>(t, n, oy, rows, c0, c1, x0, x1, owL, owR);
  else // any other filter, stride or dilation: a pixel at a time
    for (int64_t c = c0; c < c1; c += sizeof(V) / sizeof(float))
      for (int64_t y = oy; y < oy + rows; ++y)
        depthwisePixels<V, 0, 1, true>(t, n, y, x0, x1, c);
}

/// The output columns [owL, owR) whose taps all fall inside the input.
void depthwiseInterior(const DepthwiseTask &t, int64_t &owL, int64_t &owR) {
  owL = (t.pw + t.sw - 1) / t.sw;
  int64_t lastCol = t.w - 1 - (t.kw - 1) * t.dw + t.pw;
  owR = lastCol < 0 ? 0 : lastCol / t.sw + 1;
  if (owR > t.ow) owR = t.ow;
  if (owL > owR) owL = owR;
}

/// Pixels [x0, x1) of output rows [oy, oy + rows) of image n, every
/// channel: in vectors of 16, then 8, then one at a time.
void depthwisePixelsOfRows(const DepthwiseTask &t, int64_t n, int64_t oy,
                           int64_t rows, int64_t x0, int64_t x1, int64_t owL,
                           int64_t owR) {
  forEachChannelRange(t.c, [&](auto lanes, int64_t c0, int64_t c1) {
    using V = decltype(lanes);
    if constexpr (sizeof(V) > sizeof(float)) {
      depthwiseRowsAnyK<V>(t, n, oy, rows, c0, c1, x0, x1, owL, owR);
    } else { // the last few channels: not worth tiled instances of their own
      for (int64_t c = c0; c < c1; ++c)
        for (int64_t y = oy; y < oy + rows; ++y)
          depthwisePixels<v1, 0, 1, true>(t, n, y, x0, x1, c);
    }
  });
}

/// Output rows go to tasks in pairs, which the two-row tiles take; a
/// thread's consecutive tasks of one image run as one span of rows.
constexpr int64_t kDepthwiseTaskRows = 2;

void depthwiseTasks(void *data, int64_t begin, int64_t end) {
  const DepthwiseTask &t = *static_cast<const DepthwiseTask *>(data);
  int64_t owL, owR;
  depthwiseInterior(t, owL, owR);
  int64_t pairs = (t.oh + kDepthwiseTaskRows - 1) / kDepthwiseTaskRows;
  for (int64_t task = begin; task < end;) {
    int64_t n = task / pairs, last = end < (n + 1) * pairs ? end : (n + 1) * pairs;
    int64_t oy = task % pairs * kDepthwiseTaskRows;
    int64_t oyEnd = (last - n * pairs) * kDepthwiseTaskRows;
    oyEnd = oyEnd < t.oh ? oyEnd : t.oh;
    depthwisePixelsOfRows(t, n, oy, oyEnd - oy, 0, t.ow, owL, owR);
    task = last;
  }
}

//===----------------------------------------------------------------------===//
// Pooling, NHWC
//===----------------------------------------------------------------------===//

struct PoolTask {
  int64_t h, w, c, oh, ow, kh, kw, sh, sw, ph, pw;
  bool average, exclusive;
  const float *in;
  float *out;
};

/// IEEE 754-2019 maximum, as arith.maximumf (and so the generic pooling
/// lowering) computes it: a NaN wins, +0 over -0.
template <typename V> inline V maximumf(V a, V b) {
  using I = int __attribute__((ext_vector_type(sizeof(V) / sizeof(float))));
  I ai = __builtin_bit_cast(I, a), bi = __builtin_bit_cast(I, b);
  I m = a > b ? ai : (b > a ? bi : (ai & bi));
  return ((a != a) | (b != b)) ? a + b : __builtin_bit_cast(V, m);
}

/// Output rows [begin, end) (counted n * OH + oy), every pixel and channel
/// group: each window's taps inside the input in row-major order (a tap
/// outside is -inf for the maximum and 0 for the sum, which changes
/// neither), the sum then divided by the taps counted.
void poolTasks(void *data, int64_t begin, int64_t end) {
  const PoolTask &t = *static_cast<const PoolTask *>(data);
  for (int64_t row = begin; row < end; ++row) {
    int64_t n = row / t.oh, oy = row % t.oh;
    int64_t y0 = oy * t.sh - t.ph, y1 = y0 + t.kh;
    y0 = y0 > 0 ? y0 : 0;
    y1 = y1 < t.h ? y1 : t.h;
    const float *image = t.in + n * t.h * t.w * t.c;
    float *out = t.out + row * t.ow * t.c;
    for (int64_t ox = 0; ox < t.ow; ++ox) {
      int64_t x0 = ox * t.sw - t.pw, x1 = x0 + t.kw;
      x0 = x0 > 0 ? x0 : 0;
      x1 = x1 < t.w ? x1 : t.w;
      float count = float(t.exclusive ? (y1 - y0) * (x1 - x0) : t.kh * t.kw);
      forEachChannelGroup(t.c, [&](auto lanes, int64_t c0) {
        using V = decltype(lanes);
        if (t.average) {
          V sum = V(0.0f);
          for (int64_t y = y0; y < y1; ++y)
            for (int64_t x = x0; x < x1; ++x)
              sum += loadv<V>(image + (y * t.w + x) * t.c + c0);
          storev(out + ox * t.c + c0, sum / V(count));
          return;
        }
        V m = V(-__builtin_inff());
        for (int64_t y = y0; y < y1; ++y)
          for (int64_t x = x0; x < x1; ++x)
            m = maximumf(m, loadv<V>(image + (y * t.w + x) * t.c + c0));
        storev(out + ox * t.c + c0, m);
      });
    }
  }
}

//===----------------------------------------------------------------------===//
// Transposition
//===----------------------------------------------------------------------===//

struct TransposeTask {
  int64_t a, b, inner, bytes; // [n][a][b][inner] -> [n][b][a][inner]
  const char *src;
  char *dst;
};

constexpr int64_t kTransposeBlock = 16;
/// Source rows per task: each destination row gets 64 contiguous elements
/// (whole cache lines) per column block, not 16.
constexpr int64_t kTransposeTaskRows = 4 * kTransposeBlock;

template <typename T, T... J> struct Lanes {};
using Lanes16 = __make_integer_seq<Lanes, int, 16>;

/// One butterfly stage of a 16 x 16 transpose held in 16 vectors: rows i
/// and i | B swap the sub-blocks where bit B of the row and of the column
/// differ. Four stages (B = 8, 4, 2, 1) transpose.
template <int B, int... J>
inline void butterfly(v16 (&r)[16], Lanes<int, J...>) {
#pragma clang loop unroll(full)
  for (int i = 0; i < 16; ++i) {
    if (i & B)
      continue;
    v16 a = r[i], b = r[i | B];
    r[i] = __builtin_shufflevector(a, b, ((J & B) ? 16 + (J ^ B) : J)...);
    r[i | B] = __builtin_shufflevector(a, b, ((J & B) ? 16 + J : (J ^ B))...);
  }
}

/// dst[j][i] = src[i][j] for a 16 x 16 block of 4-byte elements. Plain
/// stores: a model's NCHW output written with non-temporal ones went to
/// memory and took mobilenet_block's last 1x1 convolution ~10 us longer on
/// the AMD EPYC than stores that leave it in L3.
inline void transpose16x16(const float *src, int64_t lds, float *dst,
                           int64_t ldd) {
  v16 r[16];
#pragma clang loop unroll(full)
  for (int i = 0; i < 16; ++i)
    r[i] = load(src + i * lds);
  butterfly<8>(r, Lanes16());
  butterfly<4>(r, Lanes16());
  butterfly<2>(r, Lanes16());
  butterfly<1>(r, Lanes16());
#pragma clang loop unroll(full)
  for (int i = 0; i < 16; ++i)
    store(dst + i * ldd, r[i]);
}

/// One block of up to 16 x 16 elements of T (a partial block at the edges).
template <typename T>
void transposeBlock(const T *src, T *dst, int64_t a, int64_t b, int64_t i0,
                    int64_t iEnd, int64_t j0, int64_t jEnd) {
  for (int64_t j = j0; j < jEnd; ++j)
    for (int64_t i = i0; i < iEnd; ++i)
      dst[j * a + i] = src[i * b + j];
}

typedef float v64 __attribute__((ext_vector_type(64)));

/// Four vectors as one: x[16 * i + k] = r[i][k].
inline v64 concat4(v16 r0, v16 r1, v16 r2, v16 r3) {
  using v32 = float __attribute__((ext_vector_type(32)));
  v32 lo = __builtin_shufflevector(r0, r1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                   11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                   22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
  v32 hi = __builtin_shufflevector(r2, r3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                   11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                   22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
  return __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                                 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                                 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
                                 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
                                 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
                                 60, 61, 62, 63);
}

/// Element e of A interleaved rows of 16 (x[16 * i + k] = row i, column k):
/// e = A * k + i.
template <int A, int V, int... K>
inline v16 interleaved(v64 x, Lanes<int, K...>) {
  return __builtin_shufflevector(x, x, (((V * 16 + K) % A) * 16 + (V * 16 + K) / A)...);
}

/// Row i of A rows interleaved in x (x[A * k + i]): the inverse.
template <int A, int I, int... K>
inline v16 deinterleaved(v64 x, Lanes<int, K...>) {
  return __builtin_shufflevector(x, x, (K * A + I)...);
}

/// A matrix of A (2 to 4) rows, 16 columns at a time: dst[j][i] =
/// src[i][j] for j in [j0, j0 + 16), as A loads and A stores of 16
/// elements. An image's 3 channels to channels-last would otherwise move
/// one element at a time.
template <int A>
void transposeFewRows(const float *src, float *dst, int64_t b, int64_t j0) {
  v16 r[4];
#pragma clang loop unroll(full)
  for (int i = 0; i < 4; ++i)
    r[i] = load(src + (i < A ? i : A - 1) * b + j0);
  v64 x = concat4(r[0], r[1], r[2], r[3]);
  float *out = dst + j0 * A;
  store(out, interleaved<A, 0>(x, Lanes16()));
  store(out + 16, interleaved<A, 1>(x, Lanes16()));
  if constexpr (A > 2)
    store(out + 32, interleaved<A, 2>(x, Lanes16()));
  if constexpr (A > 3)
    store(out + 48, interleaved<A, 3>(x, Lanes16()));
}

/// The reverse: a matrix of B (2 to 4) columns, 16 rows at a time:
/// dst[j][i] = src[i][j] for i in [i0, i0 + 16).
template <int B>
void transposeFewColumns(const float *src, float *dst, int64_t a, int64_t i0) {
  const float *in = src + i0 * B;
  v16 r[4];
#pragma clang loop unroll(full)
  for (int v = 0; v < 4; ++v)
    r[v] = v < B ? load(in + 16 * v) : splat(0.0f);
  v64 x = concat4(r[0], r[1], r[2], r[3]);
  store(dst + i0, deinterleaved<B, 0>(x, Lanes16()));
  store(dst + a + i0, deinterleaved<B, 1>(x, Lanes16()));
  if constexpr (B > 2)
    store(dst + 2 * a + i0, deinterleaved<B, 2>(x, Lanes16()));
  if constexpr (B > 3)
    store(dst + 3 * a + i0, deinterleaved<B, 3>(x, Lanes16()));
}

/// Whether a 4-byte matrix [a][b] goes through the kernels above: 2 to 4
/// rows, or else 2 to 4 columns.
inline bool fewRows(int64_t a) { return a >= 2 && a <= 4; }
inline bool hasSmallSide(int64_t a, int64_t b) {
  return fewRows(a) || (b >= 2 && b <= 4);
}

/// The part of a task's block [r0, rEnd) x [c0, cEnd) of such a matrix
/// (every row, or every column, of it) in 16-element steps along the long
/// side, then the rest one element at a time.
void transposeSmallSide(const float *src, float *dst, int64_t a, int64_t b,
                        int64_t r0, int64_t rEnd, int64_t c0, int64_t cEnd) {
  if (fewRows(a)) {
    int64_t j = c0;
    for (; j + 16 <= cEnd; j += 16)
      a == 2 ? transposeFewRows<2>(src, dst, b, j)
      : a == 3 ? transposeFewRows<3>(src, dst, b, j)
               : transposeFewRows<4>(src, dst, b, j);
    transposeBlock(src, dst, a, b, 0, a, j, cEnd);
    return;
  }
  int64_t i = r0;
  for (; i + 16 <= rEnd; i += 16)
    b == 2 ? transposeFewColumns<2>(src, dst, a, i)
    : b == 3 ? transposeFewColumns<3>(src, dst, a, i)
             : transposeFewColumns<4>(src, dst, a, i);
  transposeBlock(src, dst, a, b, i, rEnd, 0, b);
}

/// Source columns per task: a few rows (an image's channels) still make
/// enough tasks for every thread.
constexpr int64_t kTransposeTaskColumns = 1024;

/// Tasks: (matrix, block of kTransposeTaskRows source rows, block of
/// kTransposeTaskColumns columns), in blocks of 16 x 16 elements, column
/// block by column block.
void transposeTasks(void *data, int64_t begin, int64_t end) {
  const TransposeTask &t = *static_cast<const TransposeTask *>(data);
  int64_t rowBlocks = (t.a + kTransposeTaskRows - 1) / kTransposeTaskRows;
  int64_t colBlocks = (t.b + kTransposeTaskColumns - 1) / kTransposeTaskColumns;
  int64_t unit = t.inner * t.bytes; // bytes moved as one element
  for (int64_t task = begin; task < end; ++task) {
    int64_t m = task / (rowBlocks * colBlocks), rest = task % (rowBlocks * colBlocks);
    int64_t r0 = rest / colBlocks * kTransposeTaskRows;
    int64_t c0 = rest % colBlocks * kTransposeTaskColumns;
    int64_t rEnd = r0 + kTransposeTaskRows < t.a ? r0 + kTransposeTaskRows : t.a;
    int64_t cEnd = c0 + kTransposeTaskColumns < t.b ? c0 + kTransposeTaskColumns : t.b;
    const char *src = t.src + m * t.a * t.b * unit;
    char *dst = t.dst + m * t.a * t.b * unit;
    if (unit == 4 && hasSmallSide(t.a, t.b)) {
      transposeSmallSide(reinterpret_cast<const float *>(src),
                         reinterpret_cast<float *>(dst), t.a, t.b, r0, rEnd,
                         c0, cEnd);
      continue;
    }
    for (int64_t j0 = c0; j0 < cEnd; j0 += kTransposeBlock)
    for (int64_t i0 = r0; i0 < rEnd; i0 += kTransposeBlock) {
      int64_t iEnd = i0 + kTransposeBlock < rEnd ? i0 + kTransposeBlock : rEnd;
      int64_t jEnd = j0 + kTransposeBlock < cEnd ? j0 + kTransposeBlock : cEnd;
      bool whole = iEnd - i0 == kTransposeBlock && jEnd - j0 == kTransposeBlock;
      switch (unit) {
      case 4:
        if (whole) {
          transpose16x16(reinterpret_cast<const float *>(src) + i0 * t.b + j0,
                         t.b, reinterpret_cast<float *>(dst) + j0 * t.a + i0,
                         t.a);
          break;
        }
        transposeBlock(reinterpret_cast<const uint32_t *>(src),
                       reinterpret_cast<uint32_t *>(dst), t.a, t.b, i0, iEnd,
                       j0, jEnd);
        break;
      case 8:
        transposeBlock(reinterpret_cast<const uint64_t *>(src),
                       reinterpret_cast<uint64_t *>(dst), t.a, t.b, i0, iEnd,
                       j0, jEnd);
        break;
      default:
        for (int64_t j = j0; j < jEnd; ++j)
          for (int64_t i = i0; i < iEnd; ++i)
            __builtin_memcpy(dst + (j * t.a + i) * unit,
                             src + (i * t.b + j) * unit, unit);
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// Depthwise convolution of a channels-first input
//===----------------------------------------------------------------------===//
//
// The first depthwise convolution of a channels-last region reads the
// model's NCHW input itself: a task takes a band of output rows, stages the
// input rows under it channels-last in a buffer on its stack (columns
// padded with zeros, so that every pixel takes the interior path), and runs
// the row kernels on the buffer. No NHWC copy of the input crosses memory.

struct DepthwiseStagedTask {
  DepthwiseTask t;            // of the staged view: w padded, pw 0
  const float *nchw;          // [n][c][h][w]
  int64_t width, left;        // the input's width; zero columns on the left
  int64_t bandRows, bands;    // output rows per task, tasks per image
};

/// Rows [y0, y1) of one NCHW image ([c][h][width]) channels-last in
/// `stage` ([rows][stagedWidth][c]): `left` zero columns before each row's
/// pixels, zeros after them.
void stageChannelsLast(const float *image, int64_t c, int64_t h, int64_t width,
                       int64_t left, int64_t stagedWidth, int64_t y0, int64_t y1,
                       float *stage) {
  int64_t plane = h * width;
  for (int64_t y = y0; y < y1; ++y) {
    float *row = stage + (y - y0) * stagedWidth * c;
    __builtin_memset(row, 0, sizeof(float) * left * c);
    __builtin_memset(row + (left + width) * c, 0,
                     sizeof(float) * (stagedWidth - left - width) * c);
    const float *src = image + y * width;
    float *dst = row + left * c;
    if (fewRows(c)) { // 2 to 4 channels (an image's colours): 16 pixels a step
      int64_t x = 0;
      for (; x + 16 <= width; x += 16)
        c == 2   ? transposeFewRows<2>(src, dst, plane, x)
        : c == 3 ? transposeFewRows<3>(src, dst, plane, x)
                 : transposeFewRows<4>(src, dst, plane, x);
      for (; x < width; ++x)
        for (int64_t ch = 0; ch < c; ++ch)
          dst[x * c + ch] = src[ch * plane + x];
      continue;
    }
    int64_t c0 = 0;
    for (; c0 + 16 <= c; c0 += 16) {
      int64_t x0 = 0;
      for (; x0 + 16 <= width; x0 += 16)
        transpose16x16(src + c0 * plane + x0, plane, dst + x0 * c + c0, c);
      for (int64_t x = x0; x < width; ++x)
        for (int64_t ch = c0; ch < c0 + 16; ++ch)
          dst[x * c + ch] = src[ch * plane + x];
    }
    for (int64_t x = 0; x < width; ++x)
      for (int64_t ch = c0; ch < c; ++ch)
        dst[x * c + ch] = src[ch * plane + x];
  }
}

/// Input rows [y0, y1) of image n, channels-last with `left` zero columns
/// before and the rest of the staged width after.
void stageRows(const DepthwiseStagedTask &s, int64_t n, int64_t y0,
               int64_t y1, float *stage) {
  const DepthwiseTask &t = s.t;
  stageChannelsLast(s.nchw + n * t.c * t.h * s.width, t.c, t.h, s.width, s.left,
                    t.w, y0, y1, stage);
}

void depthwiseStagedTasks(void *data, int64_t begin, int64_t end) {
  const DepthwiseStagedTask &s = *static_cast<const DepthwiseStagedTask *>(data);
  const DepthwiseTask &t = s.t;
  int64_t span = (s.bandRows - 1) * t.sh + (t.kh - 1) * t.dh + 1;
  float *stage = static_cast<float *>(
      __builtin_alloca_with_align(sizeof(float) * span * t.w * t.c, 512));
  int64_t owL, owR;
  depthwiseInterior(t, owL, owR);
  for (int64_t task = begin; task < end; ++task) {
    int64_t n = task / s.bands, oy0 = task % s.bands * s.bandRows;
    int64_t oy1 = oy0 + s.bandRows < t.oh ? oy0 + s.bandRows : t.oh;
    int64_t y0 = oy0 * t.sh - t.ph, y1 = (oy1 - 1) * t.sh - t.ph + (t.kh - 1) * t.dh + 1;
    y0 = y0 < 0 ? 0 : y0;
    y1 = y1 > t.h ? t.h : y1;
    if (y0 >= y1)
      y0 = y1 = 0;
    stageRows(s, n, y0, y1, stage);
    DepthwiseTask view = t;
    view.in = stage;
    view.firstRow = n * t.h + y0;
    depthwisePixelsOfRows(view, n, oy0, oy1 - oy0, 0, t.ow, owL, owR);
  }
}

/// Stack bytes a task may stage: rows of a band, at least the filter's.
constexpr int64_t kDepthwiseStageBytes = 128 * 1024;

//===----------------------------------------------------------------------===//
// Matrix multiplication written channels-first
//===----------------------------------------------------------------------===//
//
// The last 1x1 convolution of a channels-last region, whose output the
// model wants as NCHW: a block of pixels goes through the GEMM tiles into a
// buffer in L1 ([pixels][N], the epilogue applied there), then 16 x 16
// in-register transposes write it to [N][pixels]. The NHWC product never
// crosses memory and no separate transpose reads it back.

struct ChannelsFirstTask {
  int64_t images, pixels, n, k, nr, panels, blockRows, blocksPerImage;
  const float *a, *bp;
  float *c;
  Epilogue e;
};

/// One block of `rows` pixels: A's rows from `a` (K apart), the residual's
/// from `residual` (N apart, or none), through the tiles into `block` (in
/// L1), then transposed to `out` ([N][pixels], at the block's first pixel).
void channelsFirstBlock(const ChannelsFirstTask &t, const float *a,
                        const float *residual, float *out, int64_t rows,
                        float *block) {
  int64_t ldb = t.panels * t.nr; // the buffer's row: every panel's columns
  Panels panels{t.bp, t.panels, t.k * t.nr, 0, t.n};
  int64_t segA = 0, segB = 0;
  Epilogue e = t.e;
  e.residual = residual;
  for (int64_t m0 = 0; m0 < rows; m0 += kMaxRows) {
    int mr = int(rows - m0 < kMaxRows ? rows - m0 : kMaxRows);
    int64_t aRows[kMaxRows], outRows[kMaxRows], resRows[kMaxRows];
    for (int i = 0; i < mr; ++i) {
      aRows[i] = (m0 + i) * t.k;
      outRows[i] = (m0 + i) * ldb;
      resRows[i] = (m0 + i) * t.n;
    }
    tileRowsOf(t.nr, mr, a, aRows, 1, &segA, &segB, t.k, panels, block,
               outRows, e, resRows);
  }
  // [rows][N] -> out[N][rows].
  int64_t r0 = 0;
  for (; r0 + 16 <= rows; r0 += 16) {
    int64_t c0 = 0;
    for (; c0 + 16 <= t.n; c0 += 16)
      transpose16x16(block + r0 * ldb + c0, ldb, out + c0 * t.pixels + r0, t.pixels);
    for (; c0 < t.n; ++c0)
      for (int64_t r = r0; r < r0 + 16; ++r)
        out[c0 * t.pixels + r] = block[r * ldb + c0];
  }
  for (int64_t c0 = 0; c0 < t.n; ++c0)
    for (int64_t r = r0; r < rows; ++r)
      out[c0 * t.pixels + r] = block[r * ldb + c0];
}

ChannelsFirstTask channelsFirstTaskOf(int64_t images, int64_t pixels,
                                      int64_t n, int64_t k, const float *a,
                                      const float *bp, float *c, Epilogue e) {
  ChannelsFirstTask t;
  t.images = images;
  t.pixels = pixels;
  t.n = n;
  t.k = k;
  t.nr = panelWidth(n);
  t.panels = (n + t.nr - 1) / t.nr;
  // Blocks of 48 pixels (a multiple of the 16-row transposes and of the
  // 12-row tiles), fewer when the buffer would pass 96 KiB.
  t.blockRows = 48;
  while (t.blockRows > 16 &&
         t.blockRows * t.panels * t.nr * int64_t(sizeof(float)) > 96 * 1024)
    t.blockRows -= 16;
  t.blocksPerImage = (pixels + t.blockRows - 1) / t.blockRows;
  t.a = a;
  t.bp = bp;
  t.c = c;
  t.e = e;
  return t;
}

/// The floats of channelsFirstBlock's buffer.
int64_t channelsFirstBlockFloats(const ChannelsFirstTask &t) {
  return t.blockRows * t.panels * t.nr;
}

void channelsFirstTasks(void *data, int64_t begin, int64_t end) {
  const ChannelsFirstTask &t = *static_cast<const ChannelsFirstTask *>(data);
  float *block = static_cast<float *>(__builtin_alloca_with_align(
      sizeof(float) * channelsFirstBlockFloats(t), 512));
  for (int64_t task = begin; task < end; ++task) {
    int64_t image = task / t.blocksPerImage;
    int64_t p0 = task % t.blocksPerImage * t.blockRows;
    int64_t rows = t.pixels - p0 < t.blockRows ? t.pixels - p0 : t.blockRows;
    int64_t first = image * t.pixels + p0; // the block's first row of A
    channelsFirstBlock(t, t.a + first * t.k,
                       t.e.residual ? t.e.residual + first * t.n : nullptr,
                       t.c + image * t.n * t.pixels + p0, rows, block);
  }
}

//===----------------------------------------------------------------------===//
// Row-wise softmax and layer normalization
//===----------------------------------------------------------------------===//
//
// Along the last dim, a row per task piece: the rows of attention scores
// and of a transformer's activations spread over the threads, each row in
// 16-lane vectors (the tail through a padded vector). Sums run in a fixed
// order, so results do not depend on the thread count.

typedef int32_t vi16 __attribute__((ext_vector_type(16)));

/// exp(x) in float, within 2 ulp (Cephes' expf): x = n ln2 + r with
/// |r| <= ln2 / 2, a degree-6 polynomial in r, scaled by 2^n.
inline v16 expv(v16 x) {
  x = vmin(vmax(x, v16(-87.3365448f)), v16(88.3762626f));
  v16 n = __builtin_elementwise_floor(fma(x, v16(1.44269504088896341f), v16(0.5f)));
  v16 r = fma(n, v16(-0.693359375f), x);
  r = fma(n, v16(2.12194440e-4f), r);
  v16 p = v16(1.9875691500e-4f);
  p = fma(p, r, v16(1.3981999507e-3f));
  p = fma(p, r, v16(8.3334519073e-3f));
  p = fma(p, r, v16(4.1665795894e-2f));
  p = fma(p, r, v16(1.6666665459e-1f));
  p = fma(p, r, v16(5.0000001201e-1f));
  p = fma(p, r * r, r + v16(1.0f));
  vi16 bits = (__builtin_convertvector(n, vi16) + 127) << 23;
  return p * __builtin_bit_cast(v16, bits);
}

inline float hsum(v16 v) {
  float s = 0.0f;
#pragma clang loop unroll(full)
  for (int i = 0; i < 16; ++i)
    s += v[i];
  return s;
}
inline float hmax(v16 v) {
  float m = v[0];
#pragma clang loop unroll(full)
  for (int i = 1; i < 16; ++i)
    m = m > v[i] ? m : v[i];
  return m;
}

/// The `count` (< 16) values at p, the other lanes `fill`.
inline v16 loadTail(const float *p, int64_t count, float fill) {
  v16 v = v16(fill);
  for (int64_t i = 0; i < count; ++i)
    v[i] = p[i];
  return v;
}
inline void storeTail(float *p, int64_t count, v16 v) {
  for (int64_t i = 0; i < count; ++i)
    p[i] = v[i];
}
inline v16 laneMask(int64_t count) { // 1 in lanes below count, else 0
  v16 m = v16(0.0f);
  for (int64_t i = 0; i < count && i < 16; ++i)
    m[i] = 1.0f;
  return m;
}

struct RowTask {
  int64_t cols;
  const float *in, *scale, *bias;
  float *out;
  float epsilon;
};

void softmaxRows(void *data, int64_t begin, int64_t end) {
  const RowTask &t = *static_cast<const RowTask *>(data);
  int64_t n = t.cols, whole = n / 16 * 16, rest = n - whole;
  for (int64_t row = begin; row < end; ++row) {
    const float *x = t.in + row * n;
    float *y = t.out + row * n;
    v16 m = v16(-__builtin_inff());
    for (int64_t j = 0; j < whole; j += 16)
      m = vmax(m, load(x + j));
    if (rest)
      m = vmax(m, loadTail(x + whole, rest, -__builtin_inff()));
    v16 max = v16(hmax(m)), sum = v16(0.0f);
    for (int64_t j = 0; j < whole; j += 16) {
      v16 e = expv(load(x + j) - max);
      store(y + j, e);
      sum += e;
    }
    if (rest) {
      v16 e = expv(loadTail(x + whole, rest, 0.0f) - max) * laneMask(rest);
      storeTail(y + whole, rest, e);
      sum += e;
    }
    v16 total = v16(hsum(sum));
    for (int64_t j = 0; j < whole; j += 16)
      store(y + j, load(y + j) / total);
    if (rest)
      storeTail(y + whole, rest, loadTail(y + whole, rest, 0.0f) / total);
  }
}

void layerNormRows(void *data, int64_t begin, int64_t end) {
  const RowTask &t = *static_cast<const RowTask *>(data);
  int64_t n = t.cols, whole = n / 16 * 16, rest = n - whole;
  for (int64_t row = begin; row < end; ++row) {
    const float *x = t.in + row * n;
    float *y = t.out + row * n;
    v16 s = v16(0.0f);
    for (int64_t j = 0; j < whole; j += 16)
      s += load(x + j);
    if (rest)
      s += loadTail(x + whole, rest, 0.0f);
    v16 mean = v16(hsum(s) / float(n)), q = v16(0.0f);
    for (int64_t j = 0; j < whole; j += 16) {
      v16 d = load(x + j) - mean;
      q += d * d;
    }
    if (rest) {
      v16 d = (loadTail(x + whole, rest, 0.0f) - mean) * laneMask(rest);
      q += d * d;
    }
    v16 deviation = v16(__builtin_sqrtf(hsum(q) / float(n) + t.epsilon));
    auto normalize = [&](v16 v, int64_t j, bool tail) {
      v16 r = (v - mean) / deviation;
      if (t.scale)
        r *= tail ? loadTail(t.scale + j, rest, 0.0f) : load(t.scale + j);
      if (t.bias)
        r += tail ? loadTail(t.bias + j, rest, 0.0f) : load(t.bias + j);
      return r;
    };
    for (int64_t j = 0; j < whole; j += 16)
      store(y + j, normalize(load(x + j), j, false));
    if (rest)
      storeTail(y + whole, rest,
                normalize(loadTail(x + whole, rest, 0.0f), whole, true));
  }
}

template <typename T> inline T *ptr(int64_t address) {
  return reinterpret_cast<T *>(static_cast<intptr_t>(address));
}

/// An entry point's epilogue arguments (addresses as integers).
Epilogue epilogueOf(int64_t bias, int64_t residual, int64_t ldr, int64_t act1,
                    int64_t act2) {
  Epilogue e;
  e.bias = ptr<const float>(bias);
  e.residual = ptr<const float>(residual);
  e.ldr = ldr;
  e.act1 = act1;
  e.act2 = act2;
  return e;
}

//===----------------------------------------------------------------------===//
// Row-band chains
//===----------------------------------------------------------------------===//
//
// A chain of NHWC stages, each feeding only the next (1x1 convolutions as
// GEMMs over pixels, depthwise convolutions), run band by band of the last
// stage's output rows. Each stage keeps only the rows its consumer still
// needs, in a window that stays in L2, so no intermediate tensor crosses
// memory (mobilenet_block's 3.2 MB expansion among them). Stages run
// pull-wise: producing a band asks the stage before for the input rows it
// lacks, which drops the rows no band will read again.
//
// An image's output rows are split into parts of a size fixed by the
// shapes, not by the thread count, and each part runs the chain on its own
// (recomputing the rows its windows overlap): a row's tiles are then the
// same whatever the threads, and so are the results, bit for bit.

constexpr int64_t kMaxChainStages = PD_CHAIN_MAX_STAGES;

struct ChainStage {
  int64_t kind;
  int64_t h, w, c, oh, ow, oc; // one image's input and output
  int64_t kh, kw, sh, sw, top, left, dh, dw;
  const float *weights;
  Epilogue e;      // the residual is the whole tensor's
  int64_t step;    // output rows a band adds

  /// The input rows output rows [a, b) read, within the input.
  int64_t inputBegin(int64_t a) const {
    int64_t y = a * sh - top;
    return y < 0 ? 0 : y > h ? h : y;
  }
  int64_t inputEnd(int64_t b) const {
    int64_t y = (b - 1) * sh - top + (kh - 1) * dh + 1;
    return y < 0 ? 0 : y > h ? h : y;
  }
  /// The input rows a band reads at most: its window's height.
  int64_t windowRows() const { return (step - 1) * sh + (kh - 1) * dh + 1; }
};

/// A stage's output rows (or the staged input's) up to `hi`, the last
/// `cap` of them at most, in a ring of `cap` rows of `rowFloats` from
/// `data`: row y at y % cap, so dropping rows moves none (a band's rows at
/// most fill the ring).
struct RowWindow {
  float *data = nullptr;
  int64_t hi = 0, cap = 0, rowFloats = 0;

  float *row(int64_t y) const { return data + y % cap * rowFloats; }
  /// How many of the rows [y, b) lie one after another from row(y): up to
  /// the ring's end.
  int64_t runFrom(int64_t y, int64_t b) const {
    int64_t end = y - y % cap + cap;
    return (b < end ? b : end) - y;
  }
  /// Drops the rows before y: the ring's slots are free for rows to come,
  /// and when every row held is before y the next one produced is y.
  void keepFrom(int64_t y) {
    if (y > hi)
      hi = y;
  }
};

struct Chain {
  const ChainStage *stages;
  int64_t count, n, partRows, parts;
  const float *in;          // [n][h][w][c], or [n][c][h][w]
  float *out;               // [n][oh][ow][oc], or [n][oc][oh][ow]
  bool channelsFirstInput, channelsFirstOutput;
  int64_t windowFloats;     // a part's windows and buffers, all together
};

/// What a part of one image runs on: stage i's output window at
/// windows[i + 1], the chain's input (staged or in place) at windows[0].
struct ChainRun {
  const Chain &chain;
  int64_t image;            // which image
  const float *input;       // the chain's input of this image
  float *output;            // the chain's output of this image
  RowWindow windows[kMaxChainStages + 1];
  float *block;             // the channels-first write's buffer
  int64_t lastDone;         // the last stage's output rows done

  RowWindow &source(int64_t i) { return windows[i]; }
  RowWindow &target(int64_t i) { return windows[i + 1]; }
  void produce(int64_t i, int64_t upTo);
  void ensureInput(int64_t upTo);
  void run(int64_t i, int64_t a, int64_t b);
  void runGemm(int64_t i, int64_t a, int64_t b);
};

/// Makes the chain's input rows up to `upTo` available: staged
/// channels-last when the input is NCHW, else read in place.
void ChainRun::ensureInput(int64_t upTo) {
  RowWindow &win = windows[0];
  if (!chain.channelsFirstInput || win.hi >= upTo)
    return;
  const ChainStage &first = chain.stages[0];
  for (int64_t y = win.hi; y < upTo;) {
    int64_t rows = win.runFrom(y, upTo);
    stageChannelsLast(input, first.c, first.h, first.w, 0, first.w, y, y + rows,
                      win.row(y));
    y += rows;
  }
  win.hi = upTo;
}

/// Produces stage i's output rows up to `upTo`, a band at a time.
void ChainRun::produce(int64_t i, int64_t upTo) {
  const ChainStage &s = chain.stages[i];
  bool last = i == chain.count - 1;
  int64_t done = last ? lastDone : target(i).hi;
  while (done < upTo) {
    int64_t a = done, b = a + s.step < upTo ? a + s.step : upTo;
    int64_t from = s.inputBegin(a), to = s.inputEnd(b);
    source(i).keepFrom(from);
    if (i == 0)
      ensureInput(to);
    else
      produce(i - 1, to);
    run(i, a, b);
    done = b;
    if (last)
      lastDone = b;
    else
      target(i).hi = b;
  }
}

/// A depthwise stage's output rows [a, b) of one band, in tasks of
/// kDepthwiseTaskRows rows (a thread's consecutive tasks as one span).
struct DepthwiseBand {
  DepthwiseTask t;
  int64_t a, b, owL, owR;
};

void depthwiseBandTasks(void *data, int64_t begin, int64_t end) {
  const DepthwiseBand &band = *static_cast<const DepthwiseBand *>(data);
  int64_t oy = band.a + begin * kDepthwiseTaskRows;
  int64_t oyEnd = band.a + end * kDepthwiseTaskRows;
  oyEnd = oyEnd < band.b ? oyEnd : band.b;
  depthwisePixelsOfRows(band.t, 0, oy, oyEnd - oy, 0, band.t.ow, band.owL, band.owR);
}

/// Output rows [a, b) of stage i, from its source window into its target
/// window (or the chain's output). A chain of one part (a small image) has
/// the threads share each band's stages, tile by tile: the tiles, and so
/// the results, are those of one thread (inside a multi-part chain the
/// pool is busy and they run on the part's thread).
void ChainRun::run(int64_t i, int64_t a, int64_t b) {
  const ChainStage &s = chain.stages[i];
  bool last = i == chain.count - 1;
  const RowWindow &src = source(i);
  if (s.kind == PD_CHAIN_DEPTHWISE) {
    // The depthwise tiles index the residual by (row, column) in the image.
    DepthwiseTask t;
    t.n = 1; t.h = s.h; t.w = s.w; t.c = s.c; t.oh = s.oh; t.ow = s.ow;
    t.kh = s.kh; t.kw = s.kw; t.sh = s.sh; t.sw = s.sw; t.ph = s.top;
    t.pw = s.left; t.dh = s.dh; t.dw = s.dw;
    t.in = src.data;
    t.inRing = src.cap;
    t.filter = s.weights;
    t.e = s.e;
    if (t.e.residual)
      t.e.residual += image * s.oh * s.ow * s.oc;
    t.out = last ? output : target(i).data;
    t.outRing = last ? 0 : target(i).cap;
    DepthwiseBand band{t, a, b, 0, 0};
    depthwiseInterior(t, band.owL, band.owR);
    parallelFor((b - a + kDepthwiseTaskRows - 1) / kDepthwiseTaskRows,
                grainFor(kDepthwiseTaskRows * s.ow * s.c * s.kh * s.kw),
                depthwiseBandTasks, &band);
    return;
  }
  // A 1x1 stage's rows go through the GEMM in runs that lie one after
  // another in both windows (a ring wraps between two).
  for (int64_t y = a; y < b;) {
    int64_t rows = src.runFrom(y, b);
    if (int64_t out = last ? rows : target(i).runFrom(y, b); out < rows)
      rows = out;
    runGemm(i, y, y + rows);
    y += rows;
  }
}

/// Output rows [a, b) of 1x1 stage i, lying one after another in its
/// source and target windows.
void ChainRun::runGemm(int64_t i, int64_t a, int64_t b) {
  const ChainStage &s = chain.stages[i];
  bool last = i == chain.count - 1;
  // The GEMMs index the residual from the run's first row.
  Epilogue e = s.e;
  if (e.residual)
    e.residual += (image * s.oh + a) * s.ow * s.oc;
  const float *x = source(i).row(a);
  int64_t pixels = (b - a) * s.ow;
  if (last && chain.channelsFirstOutput) {
    ChannelsFirstTask t = channelsFirstTaskOf(1, s.oh * s.ow, s.oc, s.c, x,
                                              s.weights, output, e);
    for (int64_t p = 0; p < pixels; p += t.blockRows) {
      int64_t rows = pixels - p < t.blockRows ? pixels - p : t.blockRows;
      channelsFirstBlock(t, x + p * s.c, e.residual ? e.residual + p * s.oc : nullptr,
                         output + a * s.ow + p, rows, block);
    }
    return;
  }
  GemmTask t;
  t.batch = 1; t.m = pixels; t.n = s.oc; t.k = s.c;
  t.a = x; t.lda = s.c; t.strideA = 0;
  t.bp = s.weights; t.strideB = 0;
  t.c = last ? output + a * s.ow * s.oc : target(i).row(a);
  t.ldc = s.oc; t.strideC = 0;
  t.e = e;
  t.e.ldr = s.oc;
  t.strideR = 0;
  t.nr = panelWidth(s.oc);
  t.panels = (s.oc + t.nr - 1) / t.nr;
  t.blockRows = kMaxRows; // a task: one register tile's rows
  t.mBlocks = (pixels + kMaxRows - 1) / kMaxRows;
  // The tile's rows stay in L1 for every panel; a squeeze-excitation's
  // single pixel shares its panels out instead.
  t.rowsFirst = pixels > kMaxRows;
  int64_t panelTasks = t.rowsFirst ? 1 : t.panels;
  parallelFor(panelTasks * t.mBlocks,
              gemmGrain(pixels < kMaxRows ? pixels : kMaxRows,
                        t.nr * (t.panels / panelTasks), t.k),
              gemmTasks, &t);
}

void chainParts(void *data, int64_t begin, int64_t end) {
  const Chain &chain = *static_cast<const Chain *>(data);
  float *memory = static_cast<float *>(
      __builtin_alloca_with_align(sizeof(float) * chain.windowFloats, 512));
  const ChainStage &first = chain.stages[0], &lastStage = chain.stages[chain.count - 1];
  for (int64_t task = begin; task < end; ++task) {
    int64_t image = task / chain.parts, part = task % chain.parts;
    ChainRun r{chain, image,
               chain.in + image * first.h * first.w * first.c,
               chain.out + image * lastStage.oh * lastStage.ow * lastStage.oc,
               {}, nullptr, 0};
    // The windows: the staged input's, then each stage's but the last.
    float *next = memory;
    for (int64_t i = 0; i < chain.count; ++i) {
      const ChainStage &s = chain.stages[i];
      RowWindow &w = r.windows[i];
      w.rowFloats = s.w * s.c;
      w.cap = s.windowRows();
      if (i == 0 && !chain.channelsFirstInput) {
        w.data = const_cast<float *>(r.input); // read in place
        w.hi = w.cap = s.h;
        continue;
      }
      w.data = next;
      next += w.cap * w.rowFloats;
    }
    r.block = next;
    int64_t y0 = part * chain.partRows;
    int64_t y1 = y0 + chain.partRows < lastStage.oh ? y0 + chain.partRows : lastStage.oh;
    // Each window starts empty at the first row its consumer reads.
    r.lastDone = y0;
    int64_t from = y0, to = y1;
    for (int64_t i = chain.count - 1; i >= 0; --i) {
      const ChainStage &s = chain.stages[i];
      int64_t inFrom = s.inputBegin(from), inTo = s.inputEnd(to);
      RowWindow &w = r.windows[i];
      if (!(i == 0 && !chain.channelsFirstInput))
        w.hi = inFrom;
      from = inFrom;
      to = inTo;
    }
    r.produce(chain.count - 1, y1);
  }
}

/// The floats chainParts keeps per part: the windows of the staged input
/// and of every stage's output but the last, and the channels-first
/// write's buffer.
int64_t chainWindowFloats(const Chain &chain) {
  int64_t floats = 0;
  for (int64_t i = 0; i < chain.count; ++i) {
    const ChainStage &s = chain.stages[i];
    if (i == 0 && !chain.channelsFirstInput)
      continue;
    floats += s.windowRows() * s.w * s.c;
  }
  const ChainStage &last = chain.stages[chain.count - 1];
  if (chain.channelsFirstOutput)
    floats += channelsFirstBlockFloats(channelsFirstTaskOf(
        1, last.oh * last.ow, last.oc, last.c, nullptr, nullptr, nullptr, last.e));
  return floats + 16; // the row-band windows' tails
}

/// The chain one stage after another over whole tensors: for rows too
/// wide for a part's windows on a stack.
void runChainByStages(const Chain &chain) {
  auto address = [](const void *p) { return int64_t(intptr_t(p)); };
  const float *x = chain.in;
  float *previous = nullptr, *transposed = nullptr;
  bool nchw = chain.channelsFirstInput;
  for (int64_t i = 0; i < chain.count; ++i) {
    const ChainStage &s = chain.stages[i];
    bool last = i == chain.count - 1;
    float *y = last ? chain.out
                    : static_cast<float *>(allocate(
                          sizeof(float) * chain.n * s.oh * s.ow * s.oc, 64));
    const Epilogue &e = s.e;
    if (s.kind == PD_CHAIN_DEPTHWISE) {
      pd_uk_depthwise_nhwc(chain.n, s.h, s.w, s.c, s.oh, s.ow, s.kh, s.kw, s.sh,
                           s.sw, s.top, s.left, s.dh, s.dw, address(x),
                           address(s.weights), address(y), address(e.bias),
                           address(e.residual), e.act1, e.act2, nchw);
    } else {
      if (nchw) { // a GEMM reads channels-last rows
        transposed = static_cast<float *>(
            allocate(sizeof(float) * chain.n * s.h * s.w * s.c, 64));
        pd_uk_transpose(chain.n, s.c, s.h * s.w, 1, sizeof(float), address(x),
                        address(transposed));
        x = transposed;
      }
      int64_t pixels = s.oh * s.ow;
      if (last && chain.channelsFirstOutput)
        pd_uk_gemm_channels_first(chain.n, pixels, s.oc, s.c, address(x),
                                  address(s.weights), address(y), address(e.bias),
                                  address(e.residual), e.act1, e.act2);
      else
        pd_uk_gemm(1, chain.n * pixels, s.oc, s.c, address(x), s.c, 0,
                   address(s.weights), 0, address(y), s.oc, 0, address(e.bias),
                   address(e.residual), s.oc, 0, e.act1, e.act2);
    }
    if (transposed)
      release(transposed);
    if (previous)
      release(previous);
    transposed = nullptr;
    previous = last ? nullptr : y;
    x = y;
    nchw = false;
  }
}

/// A part's windows live on its thread's stack up to this size; a chain
/// whose rows are wider runs stage by stage instead.
constexpr int64_t kChainStackBytes = 1024 * 1024;

/// Output rows per part, at least: parts recompute the rows where their
/// windows overlap, so they should not be small.
constexpr int64_t kChainPartRows = 24;

/// Pixels a band of the last stage takes, about.
constexpr int64_t kChainBandPixels = 96;

//===----------------------------------------------------------------------===//
// Non-maximum suppression (multiclass_nms3), as Paddle's CPU kernel does it
//===----------------------------------------------------------------------===//

/// Sorts `items[0, count)` by `key` descending, keeping the order of equal
/// keys (std::stable_sort, as Paddle sorts), through `tmp` of `count`.
template <typename Key>
void stableSortDescending(int64_t *items, int64_t *tmp, int64_t count, Key key) {
  for (int64_t width = 1; width < count; width *= 2) {
    for (int64_t lo = 0; lo < count; lo += 2 * width) {
      int64_t mid = lo + width < count ? lo + width : count;
      int64_t hi = lo + 2 * width < count ? lo + 2 * width : count;
      int64_t i = lo, j = mid, o = lo;
      while (i < mid && j < hi)
        tmp[o++] = key(items[j]) > key(items[i]) ? items[j++] : items[i++];
      while (i < mid)
        tmp[o++] = items[i++];
      while (j < hi)
        tmp[o++] = items[j++];
    }
    for (int64_t k = 0; k < count; ++k)
      items[k] = tmp[k];
  }
}

/// The boxes of one class (scores `s` of `m` boxes) above `threshold`, best
/// first (ties in box order), at most `topK` of them (-1: all), into
/// `candidates` (`tmp` the sort's scratch); returns how many.
int64_t bestCandidates(const float *s, int64_t m, float threshold, int64_t topK,
                       int64_t *candidates, int64_t *tmp) {
  int64_t count = 0;
  for (int64_t j = 0; j < m; ++j)
    if (s[j] > threshold)
      candidates[count++] = j;
  stableSortDescending(candidates, tmp, count, [&](int64_t j) { return s[j]; });
  return topK > -1 && count > topK ? topK : count;
}

float boxArea(const float *b, bool normalized) {
  if (b[2] < b[0] || b[3] < b[1])
    return 0.0f;
  float w = b[2] - b[0], h = b[3] - b[1];
  return normalized ? w * h : (w + 1) * (h + 1);
}

/// Intersection over union of boxes (x1, y1, x2, y2); pixel boxes
/// (`normalized` false) include their last row and column.
float jaccard(const float *a, const float *b, bool normalized) {
  if (b[0] > a[2] || b[2] < a[0] || b[1] > a[3] || b[3] < a[1])
    return 0.0f;
  float xmin = a[0] > b[0] ? a[0] : b[0], ymin = a[1] > b[1] ? a[1] : b[1];
  float xmax = a[2] < b[2] ? a[2] : b[2], ymax = a[3] < b[3] ? a[3] : b[3];
  float norm = normalized ? 0.0f : 1.0f;
  float inter = (xmax - xmin + norm) * (ymax - ymin + norm);
  return inter / (boxArea(a, normalized) + boxArea(b, normalized) - inter);
}

struct NmsParams {
  int64_t m, c;
  float scoreThreshold, nmsThreshold, eta;
  int64_t nmsTopK, keepTopK, background;
  bool normalized;
};

/// One image: boxes [M, 4], scores [C, M]. Writes its kept boxes as rows
/// from `rows` and returns how many. `work` holds 4 * C * M + 2 * M items.
int64_t nmsImage(const NmsParams &p, const float *boxes, const float *scores,
                 int64_t image, float *rows, int32_t *index, int64_t *work) {
  int64_t m = p.m;
  int64_t *candidates = work, *tmp = work + m;
  int64_t *kept = work + 2 * m;               // label * M + box, label-major
  int64_t *order = kept + p.c * m, *orderTmp = order + p.c * m;
  int64_t keptCount = 0;
  for (int64_t label = 0; label < p.c; ++label) {
    if (label == p.background)
      continue;
    const float *s = scores + label * m;
    int64_t count = bestCandidates(s, m, p.scoreThreshold, p.nmsTopK, candidates, tmp);
    float threshold = p.nmsThreshold;
    int64_t first = keptCount;
    for (int64_t k = 0; k < count; ++k) {
      int64_t box = candidates[k];
      bool keep = true;
      for (int64_t q = first; q < keptCount && keep; ++q)
        keep = jaccard(boxes + box * 4, boxes + (kept[q] - label * m) * 4,
                       p.normalized) <= threshold;
      if (!keep)
        continue;
      kept[keptCount++] = label * m + box;
      if (p.eta < 1 && threshold > 0.5f)
        threshold *= p.eta;
    }
  }
  auto score = [&](int64_t entry) { return scores[entry]; };
  // Over keep_top_k: the best by score (ties in label-major order) stay,
  // still written label by label.
  int64_t limit = keptCount;
  if (p.keepTopK > -1 && keptCount > p.keepTopK) {
    for (int64_t k = 0; k < keptCount; ++k)
      order[k] = k;
    stableSortDescending(order, orderTmp, keptCount,
                         [&](int64_t k) { return score(kept[k]); });
    for (int64_t k = 0; k < keptCount; ++k)
      orderTmp[k] = 0;
    for (int64_t k = 0; k < p.keepTopK; ++k)
      orderTmp[order[k]] = 1;
    limit = p.keepTopK;
  }
  int64_t written = 0;
  for (int64_t k = 0; k < keptCount; ++k) {
    if (limit < keptCount && !orderTmp[k])
      continue;
    int64_t label = kept[k] / m, box = kept[k] % m;
    float *row = rows + written * 6;
    row[0] = float(label);
    row[1] = score(kept[k]);
    for (int64_t e = 0; e < 4; ++e)
      row[2 + e] = boxes[box * 4 + e];
    index[written] = int32_t(image * m + box);
    ++written;
  }
  return written;
}


//===----------------------------------------------------------------------===//
// Matrix non-maximum suppression (matrix_nms), as Paddle's CPU kernel does it
//===----------------------------------------------------------------------===//

struct MatrixNmsParams {
  int64_t m, c;
  float scoreThreshold, postThreshold, sigma;
  int64_t nmsTopK, keepTopK, background;
  bool gaussian, normalized;
};

/// The scratch of one image: `ints` holds 2 * M + 4 * C * M items,
/// `floats` K * (K - 1) / 2 + K + C * M, K the most candidates per class.
struct MatrixNmsWork {
  int64_t *candidates, *tmp, *detectionBox, *detectionLabel, *order, *orderTmp;
  float *iou, *iouMax, *detectionScore;

  MatrixNmsWork(int64_t *ints, float *floats, int64_t m, int64_t c, int64_t k)
      : candidates(ints), tmp(ints + m), detectionBox(ints + 2 * m),
        detectionLabel(detectionBox + c * m), order(detectionLabel + c * m),
        orderTmp(order + c * m), iou(floats), iouMax(floats + k * (k - 1) / 2),
        detectionScore(iouMax + k) {}
};

/// Paddle's decay of a score by its overlap `iou` with a better box whose
/// own largest overlap is `maxIou`: Gaussian in float, linear in double.
inline float decayOf(const MatrixNmsParams &p, float iou, float maxIou) {
  if (p.gaussian)
    return __builtin_expf((maxIou * maxIou - iou * iou) * p.sigma);
  return float((1.0 - double(iou)) / (1.0 - double(maxIou)));
}

/// One image: boxes [M, 4], scores [C, M]. Writes its kept boxes as rows
/// from `rows`, best decayed score first, and returns how many.
int64_t matrixNmsImage(const MatrixNmsParams &p, const float *boxes,
                       const float *scores, int64_t image, float *rows,
                       int32_t *index, const MatrixNmsWork &w) {
  int64_t m = p.m, found = 0;
  for (int64_t label = 0; label < p.c; ++label) {
    if (label == p.background)
      continue;
    const float *s = scores + label * m;
    int64_t count = bestCandidates(s, m, p.scoreThreshold, p.nmsTopK, w.candidates, w.tmp);
    if (count <= 0)
      continue;
    auto box = [&](int64_t i) { return boxes + w.candidates[i] * 4; };
    // The overlaps of each candidate with the better ones, and the largest.
    w.iouMax[0] = 0.0f;
    for (int64_t i = 1; i < count; ++i) {
      float most = 0.0f;
      for (int64_t j = 0; j < i; ++j) {
        float iou = jaccard(box(i), box(j), p.normalized);
        most = most < iou ? iou : most;
        w.iou[i * (i - 1) / 2 + j] = iou;
      }
      w.iouMax[i] = most;
    }
    auto keep = [&](int64_t i, float score) {
      w.detectionBox[found] = w.candidates[i];
      w.detectionLabel[found] = label;
      w.detectionScore[found] = score;
      ++found;
    };
    if (s[w.candidates[0]] > p.postThreshold)
      keep(0, s[w.candidates[0]]);
    for (int64_t i = 1; i < count; ++i) {
      float least = 1.0f;
      for (int64_t j = 0; j < i; ++j) {
        float decay = decayOf(p, w.iou[i * (i - 1) / 2 + j], w.iouMax[j]);
        least = decay < least ? decay : least;
      }
      float decayed = least * s[w.candidates[i]];
      if (decayed > p.postThreshold)
        keep(i, decayed);
    }
  }
  int64_t written = found;
  if (p.keepTopK > -1 && written > p.keepTopK)
    written = p.keepTopK;
  for (int64_t k = 0; k < found; ++k)
    w.order[k] = k;
  stableSortDescending(w.order, w.orderTmp, found,
                       [&](int64_t k) { return w.detectionScore[k]; });
  for (int64_t k = 0; k < written; ++k) {
    int64_t d = w.order[k], b = w.detectionBox[d];
    float *row = rows + k * 6;
    row[0] = float(w.detectionLabel[d]);
    row[1] = w.detectionScore[d];
    for (int64_t e = 0; e < 4; ++e)
      row[2 + e] = boxes[b * 4 + e];
    index[k] = int32_t(image * m + b);
  }
  return written;
}


/// Runs `image(boxes, scores, n, rows, index)` (an NMS of one image, which
/// returns how many rows it wrote) on each of `n` images, packing their rows
/// one after another and writing each image's count.
template <typename ImageFn>
void eachNmsImage(int64_t n, int64_t m, int64_t c, int64_t boxes,
                  int64_t scores, int64_t rows, int64_t index, int64_t counts,
                  ImageFn image) {
  float *out = ptr<float>(rows);
  int32_t *outIndex = ptr<int32_t>(index);
  int32_t *outCounts = ptr<int32_t>(counts);
  for (int64_t i = 0; i < n; ++i) {
    int64_t written = image(ptr<const float>(boxes) + i * m * 4,
                            ptr<const float>(scores) + i * c * m, i, out, outIndex);
    outCounts[i] = int32_t(written);
    out += written * 6;
    outIndex += written;
  }
}

} // namespace

//===----------------------------------------------------------------------===//
// Entry points (the lowering's calls). Pointers come as integers.
//===----------------------------------------------------------------------===//

// The kernels are called, not inlined: one copy each per artifact, whatever
// the number of call sites, keeps artifacts small and quick to compile; a
// call costs nothing next to a kernel's work.
#define PD_UKERNEL extern "C" __attribute__((noinline))

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

/// Bytes of B packed for pd_uk_gemm: panels of NR columns, zero-padded.
PD_UKERNEL int64_t pd_uk_packed_b_size(int64_t k, int64_t n) {
  int64_t nr = panelWidth(n);
  return (n + nr - 1) / nr * k * nr;
}

/// Packs B [K, N] (or, transposed, [N, K]) with leading dimension ldb into
/// panels. `batch` matrices, `strideB` and `strideBp` apart.
PD_UKERNEL void pd_uk_pack_b(int64_t batch, int64_t k, int64_t n, int64_t b, int64_t ldb,
                  int64_t strideB, int64_t transposed, int64_t bp,
                  int64_t strideBp) {
  int64_t nr = panelWidth(n), panels = (n + nr - 1) / nr;
  for (int64_t i = 0; i < batch; ++i) {
    const float *src = ptr<const float>(b) + i * strideB;
    float *dst = ptr<float>(bp) + i * strideBp;
    for (int64_t p = 0; p < panels; ++p)
      for (int64_t kk = 0; kk < k; ++kk) {
        int64_t width = panelColumns(n, nr, p);
        float *row = dst + p * k * nr + kk * width;
        for (int64_t j = 0; j < width; ++j) {
          int64_t col = p * nr + j;
          row[j] = col >= n ? 0.0f
                   : transposed ? src[col * ldb + kk]
                                : src[kk * ldb + col];
        }
      }
  }
}

/// C = act2(act1(A B + bias) + R) for `batch` matrices: A [M, K] with lda,
/// B packed (pd_uk_pack_b; strideBp 0 for one B shared by the batch),
/// C [M, N] with ldc, R like C with ldr.
PD_UKERNEL void pd_uk_gemm(int64_t batch, int64_t m, int64_t n, int64_t k, int64_t a,
                int64_t lda, int64_t strideA, int64_t bp, int64_t strideBp,
                int64_t c, int64_t ldc, int64_t strideC, int64_t bias,
                int64_t residual, int64_t ldr, int64_t strideR, int64_t act1,
                int64_t act2) {
  GemmTask t;
  t.batch = batch;
  t.m = m;
  t.n = n;
  t.k = k;
  t.a = ptr<const float>(a);
  t.lda = lda;
  t.strideA = strideA;
  t.bp = ptr<const float>(bp);
  t.strideB = strideBp;
  t.c = ptr<float>(c);
  t.ldc = ldc;
  t.strideC = strideC;
  t.e = epilogueOf(bias, residual, ldr, act1, act2);
  t.strideR = strideR;
  t.nr = panelWidth(n);
  t.panels = (n + t.nr - 1) / t.nr;
  t.rowsFirst = taskOrderRowsFirst(t.panels * k * t.nr, m);
  t.blockRows = blockRowsFor(batch, m, t.rowsFirst);
  t.mBlocks = (m + t.blockRows - 1) / t.blockRows;
  int64_t panelTasks = t.rowsFirst ? 1 : t.panels;
  int64_t tasks = batch * panelTasks * t.mBlocks;
  parallelFor(tasks,
              gemmGrain(m < t.blockRows ? m : t.blockRows,
                        t.nr * (t.panels / panelTasks), k),
              gemmTasks, &t);
}

/// C [images, N, pixels] = act2(act1(A B + bias) + R), each image's
/// product transposed: A [images * pixels, K] (channels-last rows), B
/// packed (pd_uk_pack_b), R [images * pixels, N] like the product.
PD_UKERNEL void pd_uk_gemm_channels_first(int64_t images, int64_t pixels,
                                          int64_t n, int64_t k, int64_t a,
                                          int64_t bp, int64_t c, int64_t bias,
                                          int64_t residual, int64_t act1,
                                          int64_t act2) {
  ChannelsFirstTask t = channelsFirstTaskOf(
      images, pixels, n, k, ptr<const float>(a), ptr<const float>(bp),
      ptr<float>(c), epilogueOf(bias, residual, n, act1, act2));
  parallelFor(images * t.blocksPerImage,
              grainFor(t.blockRows * t.panels * t.nr * k), channelsFirstTasks,
              &t);
}

/// out [rows, cols] = softmax of each row of in [rows, cols].
PD_UKERNEL void pd_uk_softmax_rows(int64_t rows, int64_t cols, int64_t in,
                                   int64_t out) {
  RowTask t{cols, ptr<const float>(in), nullptr, nullptr, ptr<float>(out), 0.0f};
  parallelFor(rows, grainFor(cols * 16), softmaxRows, &t);
}

/// out [rows, cols] = (row - mean) / sqrt(var + epsilon) * scale + bias
/// for each row of in; scale and bias [cols] or null; `epsilonBits` is the
/// float's bit pattern.
PD_UKERNEL void pd_uk_layer_norm_rows(int64_t rows, int64_t cols, int64_t in,
                                      int64_t scale, int64_t bias,
                                      int64_t epsilonBits, int64_t out) {
  RowTask t{cols, ptr<const float>(in), ptr<const float>(scale),
            ptr<const float>(bias), ptr<float>(out),
            __builtin_bit_cast(float, uint32_t(epsilonBits))};
  parallelFor(rows, grainFor(cols * 8), layerNormRows, &t);
}

/// Bytes of a conv2d filter packed for pd_uk_conv2d_nhwc.
PD_UKERNEL int64_t pd_uk_packed_conv_size(int64_t oc, int64_t ic, int64_t kh,
                               int64_t kw) {
  int64_t nr = panelWidth(oc);
  return (oc + nr - 1) / nr * kh * kw * ic * nr;
}

/// Packs a filter [OC, IC, KH, KW] (Paddle's layout) into panels of output
/// channels: [panel][kh][kw][ic][NR], zero-padded.
PD_UKERNEL void pd_uk_pack_conv(int64_t oc, int64_t ic, int64_t kh, int64_t kw,
                     int64_t filter, int64_t packed) {
  const float *f = ptr<const float>(filter);
  float *dst = ptr<float>(packed);
  int64_t nr = panelWidth(oc), panels = (oc + nr - 1) / nr;
  for (int64_t p = 0; p < panels; ++p)
    for (int64_t y = 0; y < kh; ++y)
      for (int64_t x = 0; x < kw; ++x)
        for (int64_t c = 0; c < ic; ++c) {
          int64_t width = panelColumns(oc, nr, p);
          float *row = dst + p * kh * kw * ic * nr + ((y * kw + x) * ic + c) * width;
          for (int64_t j = 0; j < width; ++j) {
            int64_t o = p * nr + j;
            row[j] = o < oc ? f[((o * ic + c) * kh + y) * kw + x] : 0.0f;
          }
        }
}

/// out [N, OH, OW, OC] = conv(in [N, H, W, IC], filter) through the epilogue;
/// residual, if any, is like out.
PD_UKERNEL void pd_uk_conv2d_nhwc(int64_t n, int64_t h, int64_t w, int64_t ic, int64_t oh,
                       int64_t ow, int64_t oc, int64_t kh, int64_t kw,
                       int64_t sh, int64_t sw, int64_t ph, int64_t pw,
                       int64_t dh, int64_t dw, int64_t in, int64_t packed,
                       int64_t out, int64_t bias, int64_t residual,
                       int64_t act1, int64_t act2, int64_t channelsFirstInput) {
  if (n * oh * ow == 0)
    return;
  // Pad the input so that every window lies inside it (bottom and right
  // as far as the last window reaches); an NCHW input is made NHWC there.
  int64_t bottom = (oh - 1) * sh + (kh - 1) * dh + 1 - (h + ph);
  int64_t right = (ow - 1) * sw + (kw - 1) * dw + 1 - (w + pw);
  bottom = bottom > 0 ? bottom : 0;
  right = right > 0 ? right : 0;
  const float *src = ptr<const float>(in);
  float *padded = nullptr;
  int64_t h2 = h + ph + bottom, w2 = w + pw + right;
  if (ph || pw || bottom || right || channelsFirstInput) {
    padded = static_cast<float *>(allocate(sizeof(float) * n * h2 * w2 * ic, 64));
    padInput(src, padded, n, h, w, ic, ph, bottom, pw, right, channelsFirstInput != 0);
    src = padded;
  }
  // Segments: a filter row's taps are contiguous when columns are not
  // dilated (KW * IC floats); else one tap each.
  int64_t rowSegs = dw == 1 ? kh : kh * kw, kc = dw == 1 ? kw * ic : ic;
  int64_t *segA = static_cast<int64_t *>(allocate(sizeof(int64_t) * 2 * rowSegs, 64));
  int64_t *segB = segA + rowSegs;
  for (int64_t s = 0; s < rowSegs; ++s) {
    int64_t ky = dw == 1 ? s : s / kw, kx = dw == 1 ? 0 : s % kw;
    segA[s] = (ky * dh * w2 + kx * dw) * ic;
    segB[s] = (ky * kw + kx) * ic;
  }
  ConvTask t;
  t.n = n; t.h = h2; t.w = w2; t.ic = ic; t.oh = oh; t.ow = ow; t.oc = oc;
  t.sh = sh; t.sw = sw;
  t.nseg = rowSegs; t.kc = kc; t.segA = segA; t.segB = segB;
  t.in = src;
  t.bp = ptr<const float>(packed);
  t.out = ptr<float>(out);
  t.e = epilogueOf(bias, residual, oc, act1, act2);
  t.nr = panelWidth(oc);
  t.panels = (oc + t.nr - 1) / t.nr;
  t.rowsFirst = taskOrderRowsFirst(t.panels * rowSegs * kc * t.nr, n * oh * ow);
  t.blockPixels = blockRowsFor(1, n * oh * ow, t.rowsFirst);
  t.mBlocks = (n * oh * ow + t.blockPixels - 1) / t.blockPixels;
  int64_t panelTasks = t.rowsFirst ? 1 : t.panels;
  parallelFor(panelTasks * t.mBlocks,
              grainFor(t.blockPixels * t.nr * (t.panels / panelTasks) * kh *
                       kw * ic),
              convTasks, &t);
  release(segA);
  if (padded)
    release(padded);
}

/// Floats of a 3x3 filter packed for pd_uk_conv2d_winograd_nhwc with output
/// tiles of `tile` x `tile` (2 or 4).
PD_UKERNEL int64_t pd_uk_packed_winograd_size(int64_t tile, int64_t oc, int64_t ic) {
  int64_t nr = panelWidth(oc);
  return pd_winograd_products(tile) * ((oc + nr - 1) / nr) * ic * nr;
}

/// Packs a 3x3 filter [OC, IC, 3, 3] as U = G g G^T for F(tile x tile,
/// 3x3), [A^2][panel][IC][NR] (A = tile + 2), zero-padded.
PD_UKERNEL void pd_uk_pack_winograd(int64_t tile, int64_t oc, int64_t ic,
                                    int64_t filter, int64_t packed) {
  const float *f = ptr<const float>(filter);
  float *dst = ptr<float>(packed);
  int64_t nr = panelWidth(oc), panels = (oc + nr - 1) / nr;
  tile = pd_winograd_tile(tile);
  int64_t products = pd_winograd_products(tile);
  for (int64_t o = 0; o < panels * nr; ++o) {
    int64_t p = o / nr, j = o % nr, width = panelColumns(oc, nr, p);
    if (j >= width) // past a last panel 16 wide
      continue;
    for (int64_t c = 0; c < ic; ++c) {
      float u[WinogradF<4>::kAlpha * WinogradF<4>::kAlpha] = {};
      if (o < oc && tile == 4)
        winogradFilter<4>(f + (o * ic + c) * 9, u);
      else if (o < oc)
        winogradFilter<2>(f + (o * ic + c) * 9, u);
      for (int64_t xi = 0; xi < products; ++xi)
        dst[(xi * panels + p) * ic * nr + c * width + j] = u[xi];
    }
  }
}

/// pd_uk_conv2d_nhwc for a 3x3 filter at stride 1, undilated, with a
/// filter packed by pd_uk_pack_winograd for output tiles of `tile` x `tile`.
PD_UKERNEL void pd_uk_conv2d_winograd_nhwc(
    int64_t tile, int64_t n, int64_t h, int64_t w, int64_t ic, int64_t oh,
    int64_t ow, int64_t oc, int64_t ph, int64_t pw, int64_t in,
    int64_t packed, int64_t out, int64_t bias, int64_t residual, int64_t act1,
    int64_t act2, int64_t channelsFirstInput) {
  if (n * oh * ow == 0)
    return;
  WinogradTask t;
  t.m = pd_winograd_tile(tile);
  t.tilesH = (oh + t.m - 1) / t.m;
  t.tilesW = (ow + t.m - 1) / t.m;
  // Pad so that every tile's patch lies inside.
  int64_t bottom = t.m * t.tilesH + 2 - (h + ph), right = t.m * t.tilesW + 2 - (w + pw);
  bottom = bottom > 0 ? bottom : 0;
  right = right > 0 ? right : 0;
  int64_t h2 = h + ph + bottom, w2 = w + pw + right;
  float *padded = static_cast<float *>(allocate(sizeof(float) * n * h2 * w2 * ic, 64));
  padInput(ptr<const float>(in), padded, n, h, w, ic, ph, bottom, pw, right,
           channelsFirstInput != 0);
  t.n = n; t.h = h2; t.w = w2; t.ic = ic; t.oh = oh; t.ow = ow; t.oc = oc;
  t.tiles = n * t.tilesH * t.tilesW;
  int64_t products = t.products();
  t.blockTiles = winogradBlockTiles(products, ic, oc);
  t.in = padded;
  t.up = ptr<const float>(packed);
  t.out = ptr<float>(out);
  t.e = epilogueOf(bias, residual, oc, act1, act2);
  t.nr = panelWidth(oc);
  t.panels = (oc + t.nr - 1) / t.nr;
  int64_t blocks = (t.tiles + t.blockTiles - 1) / t.blockTiles;
  int64_t vmBytes = products * t.tiles * (ic + oc) * int64_t(sizeof(float));
  if (blocks > 1 && winogradByProducts(products, ic, oc, vmBytes)) {
    WinogradPhases p{t, static_cast<float *>(allocate(vmBytes, 64)), nullptr};
    p.m = p.v + products * t.tiles * ic;
    parallelFor(t.tiles, grainFor(products * ic), winogradGatherTasks, &p);
    parallelFor(products, grainFor(t.tiles * ic * oc), winogradProductTasks, &p);
    parallelFor(t.tiles, grainFor(products * oc), winogradScatterTasks, &p);
    release(p.v);
  } else {
    parallelFor(blocks, grainFor(t.blockTiles * products * ic * oc), winogradTasks, &t);
  }
  release(padded);
}

/// Packs a depthwise filter [C, 1, KH, KW] as [KH][KW][C].
PD_UKERNEL void pd_uk_pack_depthwise(int64_t c, int64_t kh, int64_t kw, int64_t filter,
                          int64_t packed) {
  const float *f = ptr<const float>(filter);
  float *dst = ptr<float>(packed);
  for (int64_t y = 0; y < kh; ++y)
    for (int64_t x = 0; x < kw; ++x)
      for (int64_t ch = 0; ch < c; ++ch)
        dst[(y * kw + x) * c + ch] = f[(ch * kh + y) * kw + x];
}

PD_UKERNEL void pd_uk_transpose(int64_t n, int64_t a, int64_t b, int64_t inner,
                                int64_t bytes, int64_t src, int64_t dst);

/// out [N, OH, OW, C] = depthwise conv(in, filter [KH][KW][C]), `in`
/// [N, H, W, C], or with `channelsFirstInput` [N, C, H, W].
PD_UKERNEL void pd_uk_depthwise_nhwc(int64_t n, int64_t h, int64_t w, int64_t c,
                          int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                          int64_t sh, int64_t sw, int64_t ph, int64_t pw,
                          int64_t dh, int64_t dw, int64_t in, int64_t filter,
                          int64_t out, int64_t bias, int64_t residual,
                          int64_t act1, int64_t act2,
                          int64_t channelsFirstInput) {
  DepthwiseTask t;
  t.n = n; t.h = h; t.w = w; t.c = c; t.oh = oh; t.ow = ow; t.kh = kh;
  t.kw = kw; t.sh = sh; t.sw = sw; t.ph = ph; t.pw = pw; t.dh = dh; t.dw = dw;
  t.in = ptr<const float>(in);
  t.filter = ptr<const float>(filter);
  t.out = ptr<float>(out);
  t.e = epilogueOf(bias, residual, c, act1, act2);
  if (channelsFirstInput) {
    int64_t right = (ow - 1) * sw + (kw - 1) * dw + 1 - (w + pw);
    right = right > 0 ? right : 0;
    DepthwiseStagedTask s;
    s.t = t;
    s.t.w = w + pw + right;
    s.t.pw = 0;
    s.nchw = t.in;
    s.width = w;
    s.left = pw;
    int64_t rowBytes = int64_t(sizeof(float)) * s.t.w * c;
    int64_t rows = kDepthwiseStageBytes / (rowBytes > 0 ? rowBytes : 1);
    int64_t window = (kh - 1) * dh + 1;
    s.bandRows = rows > window ? (rows - window) / sh + 1 : 1;
    if (window * rowBytes <= 4 * kDepthwiseStageBytes && n * oh * ow) {
      s.bands = (oh + s.bandRows - 1) / s.bandRows;
      parallelFor(n * s.bands, grainFor(s.bandRows * ow * c * kh * kw),
                  depthwiseStagedTasks, &s);
      return;
    }
    // Rows too wide to stage on a stack: the whole input channels-last
    // first.
    float *nhwc = static_cast<float *>(allocate(sizeof(float) * n * h * w * c, 64));
    pd_uk_transpose(n, c, h * w, 1, sizeof(float), in, int64_t(intptr_t(nhwc)));
    pd_uk_depthwise_nhwc(n, h, w, c, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw,
                         int64_t(intptr_t(nhwc)), filter, out, bias, residual,
                         act1, act2, 0);
    release(nhwc);
    return;
  }
  int64_t pairs = (oh + kDepthwiseTaskRows - 1) / kDepthwiseTaskRows;
  parallelFor(n * pairs, grainFor(kDepthwiseTaskRows * ow * c * kh * kw),
              depthwiseTasks, &t);
}

/// A row-band chain of `count` stages (PD_CHAIN_WORDS words each at
/// `words`, see ArtifactAbi.h) over n images: the input [n][h][w][c] (NCHW
/// with channelsFirstInput), the last stage's output NHWC (NCHW with
/// channelsFirstOutput). Each stage's output dims follow from its input's.
PD_UKERNEL void pd_uk_band_chain(int64_t count, int64_t words, int64_t n,
                                 int64_t h, int64_t w, int64_t c, int64_t in,
                                 int64_t out, int64_t channelsFirstInput,
                                 int64_t channelsFirstOutput) {
  ChainStage stages[kMaxChainStages];
  const int64_t *d = ptr<const int64_t>(words);
  for (int64_t i = 0; i < count; ++i, d += PD_CHAIN_WORDS) {
    ChainStage &s = stages[i];
    s.kind = d[PD_CHAIN_KIND];
    s.h = h; s.w = w; s.c = c;
    s.oc = d[PD_CHAIN_OUT_CHANNELS];
    s.kh = d[PD_CHAIN_KERNEL_H]; s.kw = d[PD_CHAIN_KERNEL_W];
    s.sh = d[PD_CHAIN_STRIDE_H]; s.sw = d[PD_CHAIN_STRIDE_W];
    s.top = d[PD_CHAIN_PAD_TOP]; s.left = d[PD_CHAIN_PAD_LEFT];
    s.dh = d[PD_CHAIN_DILATION_H]; s.dw = d[PD_CHAIN_DILATION_W];
    s.oh = (h + s.top + d[PD_CHAIN_PAD_BOTTOM] - (s.kh - 1) * s.dh - 1) / s.sh + 1;
    s.ow = (w + s.left + d[PD_CHAIN_PAD_RIGHT] - (s.kw - 1) * s.dw - 1) / s.sw + 1;
    s.weights = ptr<const float>(d[PD_CHAIN_WEIGHTS]);
    s.e = epilogueOf(d[PD_CHAIN_BIAS], d[PD_CHAIN_RESIDUAL], s.oc,
                     d[PD_CHAIN_ACTIVATION], d[PD_CHAIN_POST_ACTIVATION]);
    if (s.oh <= 0 || s.ow <= 0)
      return; // an empty output (an image smaller than a filter's reach)
    h = s.oh; w = s.ow; c = s.oc;
  }
  // Bands: about kChainBandPixels pixels of the last stage (in whole
  // pairs of rows for a depthwise stage, its tiles' rows), at most the
  // image; the stages before add as many rows as the stage after them reads
  // anew. Narrow images take several rows a band, so that the GEMM stages
  // before a depthwise one still get rows for whole register tiles.
  ChainStage &last = stages[count - 1];
  int64_t rows = (kChainBandPixels + last.ow - 1) / (last.ow ? last.ow : 1);
  if (last.kind == PD_CHAIN_DEPTHWISE)
    rows = (rows + kDepthwiseTaskRows - 1) / kDepthwiseTaskRows * kDepthwiseTaskRows;
  last.step = rows < last.oh ? rows : last.oh;
  for (int64_t i = count - 2; i >= 0; --i)
    stages[i].step = stages[i + 1].step * stages[i + 1].sh;
  Chain chain{stages, count, n, 0, 1, ptr<const float>(in), ptr<float>(out),
              channelsFirstInput != 0, channelsFirstOutput != 0, 0};
  chain.parts = last.oh / kChainPartRows > 1 ? last.oh / kChainPartRows : 1;
  chain.partRows = (last.oh + chain.parts - 1) / chain.parts;
  chain.windowFloats = chainWindowFloats(chain);
  if (n == 0)
    return;
  if (chain.windowFloats * int64_t(sizeof(float)) <= kChainStackBytes) {
    parallelFor(n * chain.parts, 1, chainParts, &chain);
    return;
  }
  runChainByStages(chain);
}

/// multiclass_nms3 of boxes [n, m, 4] and scores [n, c, m]: each image's
/// kept boxes as rows [label, score, x1, y1, x2, y2] (and index n * m +
/// box), image after image, and each image's count. The float attributes
/// come as bit patterns.
PD_UKERNEL void pd_uk_multiclass_nms(int64_t n, int64_t m, int64_t c,
                                     int64_t boxes, int64_t scores,
                                     int64_t scoreThresholdBits, int64_t nmsTopK,
                                     int64_t keepTopK, int64_t nmsThresholdBits,
                                     int64_t etaBits, int64_t normalized,
                                     int64_t background, int64_t rows,
                                     int64_t index, int64_t counts) {
  auto bits = [](int64_t v) { return __builtin_bit_cast(float, uint32_t(v)); };
  NmsParams p{m, c, bits(scoreThresholdBits), bits(nmsThresholdBits),
              bits(etaBits), nmsTopK, keepTopK, background, normalized != 0};
  auto *work = static_cast<int64_t *>(
      allocate(uint64_t(4 * c * m + 2 * m + 1) * sizeof(int64_t), 64));
  eachNmsImage(n, m, c, boxes, scores, rows, index, counts,
               [&](const float *b, const float *s, int64_t i, float *out,
                   int32_t *outIndex) {
                 return nmsImage(p, b, s, i, out, outIndex, work);
               });
  release(work);
}

/// matrix_nms of boxes [n, m, 4] and scores [n, c, m]: each image's kept
/// boxes as rows [label, score, x1, y1, x2, y2] (and index n * m + box),
/// best decayed score first, image after image, and each image's count.
/// The float attributes come as bit patterns.
PD_UKERNEL void pd_uk_matrix_nms(int64_t n, int64_t m, int64_t c, int64_t boxes,
                                 int64_t scores, int64_t scoreThresholdBits,
                                 int64_t postThresholdBits, int64_t nmsTopK,
                                 int64_t keepTopK, int64_t useGaussian,
                                 int64_t sigmaBits, int64_t normalized,
                                 int64_t background, int64_t rows, int64_t index,
                                 int64_t counts) {
  auto bits = [](int64_t v) { return __builtin_bit_cast(float, uint32_t(v)); };
  MatrixNmsParams p{m, c, bits(scoreThresholdBits), bits(postThresholdBits),
                    bits(sigmaBits), nmsTopK, keepTopK, background,
                    useGaussian != 0, normalized != 0};
  int64_t k = nmsTopK > -1 && nmsTopK < m ? nmsTopK : m;
  auto *ints = static_cast<int64_t *>(
      allocate(uint64_t(2 * m + 4 * c * m + 1) * sizeof(int64_t), 64));
  auto *floats = static_cast<float *>(
      allocate(uint64_t(k * (k - 1) / 2 + k + c * m + 1) * sizeof(float), 64));
  MatrixNmsWork work(ints, floats, m, c, k);
  eachNmsImage(n, m, c, boxes, scores, rows, index, counts,
               [&](const float *b, const float *s, int64_t i, float *out,
                   int32_t *outIndex) {
                 return matrixNmsImage(p, b, s, i, out, outIndex, work);
               });
  release(floats);
  release(ints);
}

/// out [N, OH, OW, C] = the maximum (or with `average` the mean) of each
/// kh x kw window of in [N, H, W, C], windows (sh, sw) apart from (-ph,
/// -pw); output rows on the threads.
PD_UKERNEL void pd_uk_pool_nhwc(int64_t n, int64_t h, int64_t w, int64_t c,
                                int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                                int64_t sh, int64_t sw, int64_t ph, int64_t pw,
                                int64_t average, int64_t exclusive, int64_t in,
                                int64_t out) {
  PoolTask t{h,  w,  c,  oh, ow, kh, kw, sh, sw, ph, pw, average != 0, exclusive != 0,
             ptr<const float>(in), ptr<float>(out)};
  parallelFor(n * oh, grainFor(ow * c * kh * kw), poolTasks, &t);
}

/// dst [n][b][a][inner] = src [n][a][b][inner], elements of `bytes` bytes:
/// any transpose that swaps two adjacent groups of dims.
PD_UKERNEL void pd_uk_transpose(int64_t n, int64_t a, int64_t b, int64_t inner,
                     int64_t bytes, int64_t src, int64_t dst) {
  TransposeTask t;
  t.a = a; t.b = b; t.inner = inner; t.bytes = bytes;
  t.src = ptr<const char>(src);
  t.dst = ptr<char>(dst);
  int64_t rowBlocks = (a + kTransposeTaskRows - 1) / kTransposeTaskRows;
  int64_t colBlocks = (b + kTransposeTaskColumns - 1) / kTransposeTaskColumns;
  parallelFor(n * rowBlocks * colBlocks,
              grainFor(kTransposeTaskRows * kTransposeTaskColumns * inner),
              transposeTasks, &t);
}

} // extern "C"

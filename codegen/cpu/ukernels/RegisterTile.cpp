//===- RegisterTile.cpp - the register tile every product runs ------------===//
//
// MR rows of C by NV * 16 columns, the accumulators kept in registers over
// the whole reduction, B read from panels packed at load time, A broadcast
// one element at a time. A convolution in NHWC is the same tile over an
// implicit im2col: a row of the tile is an output pixel, and the reduction
// runs over (kh, kw) segments of input channels. One copy of each tile
// instance, which every driver calls, keeps artifacts small and quick to
// compile.
//
//===----------------------------------------------------------------------===//

#include "RegisterTile.h"

namespace pd::uk {
namespace {

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

} // namespace

/// One tile of MR rows through `tile` and `finish`, for each panel in turn:
/// the rows' addresses are set up once for them all, and stay in L1. `out`
/// and the epilogue's residual are at column 0. Not inlined: the drivers
/// share one copy of each, instantiated here, which keeps artifacts small
/// and quick to compile.
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

// Every tile tileRows calls.
#define PD_TILE(MR, NV)                                                        \
  template void tileOf<MR, NV>(const float *, const int64_t *, int64_t,        \
                               const int64_t *, const int64_t *, int64_t,      \
                               const Panels &, float *, const int64_t *,       \
                               const Epilogue &, const int64_t *);
PD_TILE(12, 2) PD_TILE(8, 2) PD_TILE(4, 2) PD_TILE(2, 2) PD_TILE(1, 2)
PD_TILE(12, 1) PD_TILE(8, 1) PD_TILE(4, 1) PD_TILE(2, 1) PD_TILE(1, 1)
#undef PD_TILE

} // namespace pd::uk

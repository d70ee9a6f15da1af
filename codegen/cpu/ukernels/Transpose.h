//===- Transpose.h - 16 x 16 transposes in registers ------------*- C++ -*-===//
//
// Transposes of 4-byte elements through 16 vectors, shared by the kernels
// that change a tensor's layout at the edges of an NHWC region.
//
//===----------------------------------------------------------------------===//

#ifndef PD_CODEGEN_CPU_UKERNELS_TRANSPOSE_H
#define PD_CODEGEN_CPU_UKERNELS_TRANSPOSE_H

#include "Vectors.h"

namespace pd::uk {

namespace { // internal in each file: see Runtime.h

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

} // namespace

/// Rows [y0, y1) of one NCHW image ([c][h][width]) channels-last in
/// `stage` ([rows][stagedWidth][c]), `left` zero columns before each row's
/// pixels, zeros after them.
void stageChannelsLast(const float *image, int64_t c, int64_t h, int64_t width,
                       int64_t left, int64_t stagedWidth, int64_t y0, int64_t y1,
                       float *stage);

} // namespace pd::uk

#endif // PD_CODEGEN_CPU_UKERNELS_TRANSPOSE_H

//===- Depthwise.h - depthwise convolution over NHWC rows -------*- C++ -*-===//
//
// The depthwise kernel's task and the row kernels the row-band chains call.
//
//===----------------------------------------------------------------------===//

#ifndef PD_CODEGEN_CPU_UKERNELS_DEPTHWISE_H
#define PD_CODEGEN_CPU_UKERNELS_DEPTHWISE_H

#include "Vectors.h"

namespace pd::uk {

/// out = depthwise conv(in, filter) over NHWC, the epilogue applied; in
/// and out may be rings of rows (a row-band chain's windows).
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

/// Output rows go to tasks in pairs, which the two-row tiles take; a
/// thread's consecutive tasks of one image run as one span of rows.
constexpr int64_t kDepthwiseTaskRows = 2;

/// The output columns [owL, owR) whose taps all fall inside the input.
void depthwiseInterior(const DepthwiseTask &t, int64_t &owL, int64_t &owR);
/// Pixels [x0, x1) of output rows [oy, oy + rows) of image n, every channel.
void depthwisePixelsOfRows(const DepthwiseTask &t, int64_t n, int64_t oy,
                           int64_t rows, int64_t x0, int64_t x1, int64_t owL,
                           int64_t owR);

} // namespace pd::uk

#endif // PD_CODEGEN_CPU_UKERNELS_DEPTHWISE_H

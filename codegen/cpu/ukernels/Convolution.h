//===- Convolution.h - direct convolution, NHWC -----------------*- C++ -*-===//
//
// The padded copy of a convolution's input, which Winograd's kernel reads
// too.
//
//===----------------------------------------------------------------------===//

#ifndef PD_CODEGEN_CPU_UKERNELS_CONVOLUTION_H
#define PD_CODEGEN_CPU_UKERNELS_CONVOLUTION_H

#include <stdint.h>

namespace pd::uk {

/// Copies `in` [N, H, W, C] (or, `channelsFirst`, [N, C, H, W]) into
/// `padded` [N, H + top + bottom, W + left + right, C] with zeros around.
void padInput(const float *in, float *padded, int64_t n, int64_t h, int64_t w,
              int64_t c, int64_t top, int64_t bottom, int64_t left,
              int64_t right, bool channelsFirst = false);

} // namespace pd::uk

#endif // PD_CODEGEN_CPU_UKERNELS_CONVOLUTION_H

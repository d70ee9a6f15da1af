//===- Ukernels.h - the microkernels' entry points ------------------------===//
//
// pd's lowering turns matmuls, convolutions and a few row and box kernels
// into calls of the pd_uk_* functions declared here. Their sources (this
// directory's .cpp files, a concept each) are compiled to LLVM bitcode when
// pd is built and linked into one module; pd-export links that module's
// object beside an artifact for the CPU it was built for, or its bitcode
// into the artifact before LLVM's O3 pipeline, which specializes it for the
// target CPU (IREE's ukernel approach).
//
// The core is one register tile (RegisterTile.h): MR rows of C by NV * 16
// columns, the accumulators in registers over the whole reduction, B read
// from panels packed at load time, A broadcast one element at a time. Work
// is split over independent output tiles only, never over a reduction, so
// outputs are bit-identical whatever the number of threads.
//
// Every definition includes this header, so one that drifts from it does
// not compile; so does every other C++ caller (the kernel benchmark).
// Addresses travel as int64_t, as the lowering passes them. Each function's
// comment is at its definition. Only the compiler's lowering calls these;
// sizes are trusted.
//
//===----------------------------------------------------------------------===//

#ifndef PD_CODEGEN_CPU_UKERNELS_H
#define PD_CODEGEN_CPU_UKERNELS_H

#include <stdint.h>

#include "pd/Runtime/ArtifactAbi.h"

#ifdef __cplusplus
extern "C" {
#endif

// The runtime's callbacks (pd_artifact_bind_fn).
void pd_artifact_bind(const pd_runtime_abi *abi);

// GEMM
int64_t pd_uk_packed_b_size(int64_t k, int64_t n);
void pd_uk_pack_b(int64_t batch, int64_t k, int64_t n, int64_t b, int64_t ldb,
                  int64_t strideB, int64_t transposed, int64_t bp,
                  int64_t strideBp);
void pd_uk_gemm(int64_t batch, int64_t m, int64_t n, int64_t k, int64_t a,
                int64_t lda, int64_t strideA, int64_t bp, int64_t strideBp,
                int64_t c, int64_t ldc, int64_t strideC, int64_t bias,
                int64_t residual, int64_t ldr, int64_t strideR, int64_t act1,
                int64_t act2);
void pd_uk_gemm_channels_first(int64_t images, int64_t pixels, int64_t n,
                               int64_t k, int64_t a, int64_t bp, int64_t c,
                               int64_t bias, int64_t residual, int64_t act1,
                               int64_t act2);

// Rows
void pd_uk_softmax_rows(int64_t rows, int64_t cols, int64_t in, int64_t out);
void pd_uk_layer_norm_rows(int64_t rows, int64_t cols, int64_t in,
                           int64_t scale, int64_t bias, int64_t epsilonBits,
                           int64_t out);

// Convolution
int64_t pd_uk_packed_conv_size(int64_t oc, int64_t ic, int64_t kh, int64_t kw);
void pd_uk_pack_conv(int64_t oc, int64_t ic, int64_t kh, int64_t kw,
                     int64_t filter, int64_t packed);
void pd_uk_conv2d_nhwc(int64_t n, int64_t h, int64_t w, int64_t ic, int64_t oh,
                       int64_t ow, int64_t oc, int64_t kh, int64_t kw,
                       int64_t sh, int64_t sw, int64_t ph, int64_t pw,
                       int64_t dh, int64_t dw, int64_t in, int64_t packed,
                       int64_t out, int64_t bias, int64_t residual,
                       int64_t act1, int64_t act2, int64_t channelsFirstInput);
// Winograd's F(tile x tile, 3x3), tile 2 or 4.
int64_t pd_uk_packed_winograd_size(int64_t tile, int64_t oc, int64_t ic);
void pd_uk_pack_winograd(int64_t tile, int64_t oc, int64_t ic, int64_t filter,
                         int64_t packed);
void pd_uk_conv2d_winograd_nhwc(int64_t tile, int64_t n, int64_t h, int64_t w,
                                int64_t ic, int64_t oh, int64_t ow, int64_t oc,
                                int64_t ph, int64_t pw, int64_t in,
                                int64_t packed, int64_t out, int64_t bias,
                                int64_t residual, int64_t act1, int64_t act2,
                                int64_t channelsFirstInput);

// Depthwise convolution
void pd_uk_pack_depthwise(int64_t c, int64_t kh, int64_t kw, int64_t filter,
                          int64_t packed);
void pd_uk_depthwise_nhwc(int64_t n, int64_t h, int64_t w, int64_t c,
                          int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                          int64_t sh, int64_t sw, int64_t ph, int64_t pw,
                          int64_t dh, int64_t dw, int64_t in, int64_t filter,
                          int64_t out, int64_t bias, int64_t residual,
                          int64_t act1, int64_t act2,
                          int64_t channelsFirstInput);

// Row-band chains (stages described as in ArtifactAbi.h)
void pd_uk_band_chain(int64_t count, int64_t words, int64_t n, int64_t h,
                      int64_t w, int64_t c, int64_t in, int64_t out,
                      int64_t channelsFirstInput, int64_t channelsFirstOutput);

// Detection
void pd_uk_multiclass_nms(int64_t n, int64_t m, int64_t c, int64_t boxes,
                          int64_t scores, int64_t scoreThresholdBits,
                          int64_t nmsTopK, int64_t keepTopK,
                          int64_t nmsThresholdBits, int64_t etaBits,
                          int64_t normalized, int64_t background, int64_t rows,
                          int64_t index, int64_t counts);
void pd_uk_matrix_nms(int64_t n, int64_t m, int64_t c, int64_t boxes,
                      int64_t scores, int64_t scoreThresholdBits,
                      int64_t postThresholdBits, int64_t nmsTopK,
                      int64_t keepTopK, int64_t useGaussian, int64_t sigmaBits,
                      int64_t normalized, int64_t background, int64_t rows,
                      int64_t index, int64_t counts);

// Pooling
void pd_uk_pool_nhwc(int64_t n, int64_t h, int64_t w, int64_t c, int64_t oh,
                     int64_t ow, int64_t kh, int64_t kw, int64_t sh, int64_t sw,
                     int64_t ph, int64_t pw, int64_t average, int64_t exclusive,
                     int64_t in, int64_t out);

// Data movement
void pd_uk_transpose(int64_t n, int64_t a, int64_t b, int64_t inner,
                     int64_t bytes, int64_t src, int64_t dst);

#ifdef __cplusplus
}
#endif

#endif // PD_CODEGEN_CPU_UKERNELS_H

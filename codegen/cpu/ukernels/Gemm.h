//===- Gemm.h - matrix multiplication tasks ---------------------*- C++ -*-===//
//
// The GEMM's task description and task order, shared by the entry points
// that multiply (GEMMs, 1x1 convolutions, row-band chains), and the GEMM
// written channels-first (the last 1x1 convolution of an NHWC region).
//
//===----------------------------------------------------------------------===//

#ifndef PD_CODEGEN_CPU_UKERNELS_GEMM_H
#define PD_CODEGEN_CPU_UKERNELS_GEMM_H

#include "RegisterTile.h"

namespace pd::uk {

/// batch products C = A B (the epilogue applied), B packed in panels of nr
/// columns; a task is a block of rows times one panel or every panel.
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

namespace { // internal in each file: see Runtime.h

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

/// The grain of GEMM tasks of `rows` rows each (at most a block) by `cols`
/// columns of B, over k: grainFor's, with a task of fewer than 4 rows
/// counted as 4. Such a task is bound by streaming its panels of B, not by
/// its multiply-adds (mobilenet_v3_small's 576 x 1024 classifier: ~5x the
/// time a multiply-add of 12 rows takes).
inline int64_t gemmGrain(int64_t rows, int64_t cols, int64_t k) {
  return grainFor((rows > 4 ? rows : 4) * cols * k);
}

/// Rows per task: enough work to be worth a thread, a multiple of the tile.
constexpr int64_t kGemmBlockRows = 4 * kMaxRows;

/// Panel-major tasks over a B too large for L2: the share of the next panel
/// (`floats` long, from `next`) that the tile of rows [m0, m0 + 12) of
/// `m` prefetches. Spread over all of a panel's tiles, the next panel
/// arrives at a rate memory sustains; its first tile then reads it from
/// L2, not from memory (resnet50's 7x7 3x3 conv: 590 KB panels).
inline Prefetch nextPanelShare(const float *next, int64_t floats, int64_t m0,
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
inline int64_t blockRowsFor(int64_t items, int64_t rows, bool rowsFirst) {
  int64_t threads = runtimeAbi ? runtimeAbi->thread_count() : 1;
  int64_t blocks = items * ((rows + kGemmBlockRows - 1) / kGemmBlockRows);
  return rowsFirst && threads > 1 && blocks < 4 * threads ? kMaxRows : kGemmBlockRows;
}

} // namespace

/// Tasks [begin, end) of a GemmTask: see Gemm.cpp.
void gemmTasks(void *data, int64_t begin, int64_t end);

/// images x pixels rows of A times packed B, written [image][n][pixels] in
/// blocks of blockRows pixels.
struct ChannelsFirstTask {
  int64_t images, pixels, n, k, nr, panels, blockRows, blocksPerImage;
  const float *a, *bp;
  float *c;
  Epilogue e;
};

/// The task of images x pixels rows of A ([pixels][k]) times packed B,
/// written to c ([images][n][pixels]).
ChannelsFirstTask channelsFirstTaskOf(int64_t images, int64_t pixels,
                                      int64_t n, int64_t k, const float *a,
                                      const float *bp, float *c, Epilogue e);
/// One block of `rows` pixels through the tiles into `block`, then
/// transposed to `out`.
void channelsFirstBlock(const ChannelsFirstTask &t, const float *a,
                        const float *residual, float *out, int64_t rows,
                        float *block);
/// The floats of channelsFirstBlock's buffer.
int64_t channelsFirstBlockFloats(const ChannelsFirstTask &t);

} // namespace pd::uk

#endif // PD_CODEGEN_CPU_UKERNELS_GEMM_H

//===- Gemm.cpp - matrix multiplication -----------------------------------===//
//
// Products of packed B (panels of NR columns) with rows of A, tile by tile,
// and the GEMM written channels-first.
//
//===----------------------------------------------------------------------===//

#include "Gemm.h"
#include "Transpose.h"
#include "Ukernels.h"

namespace pd::uk {

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

// The GEMM written channels-first: the last 1x1 convolution of a
// channels-last region, whose output the model wants as NCHW. A block of
// pixels goes through the GEMM tiles into a buffer in L1 ([pixels][N], the
// epilogue applied there), then 16 x 16 in-register transposes write it to
// [N][pixels]. The NHWC product never crosses memory and no separate
// transpose reads it back.

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


namespace {

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

} // namespace

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

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

} // extern "C"

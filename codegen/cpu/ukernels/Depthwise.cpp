//===- Depthwise.cpp - depthwise convolution, NHWC ------------------------===//
//
// Tiles of two output rows by a few pixels, a channel group at a time, the
// filter's taps in registers.
//
// The first depthwise convolution of a channels-last region reads the
// model's NCHW input itself: a task takes a band of output rows, stages the
// input rows under it channels-last in a buffer on its stack (columns
// padded with zeros, so that every pixel takes the interior path), and runs
// the row kernels on the buffer. No NHWC copy of the input crosses memory.
//
//===----------------------------------------------------------------------===//

#include "Depthwise.h"
#include "Transpose.h"
#include "Ukernels.h"

namespace pd::uk {
namespace {

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

} // namespace

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


namespace {

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

struct DepthwiseStagedTask {
  DepthwiseTask t;            // of the staged view: w padded, pw 0
  const float *nchw;          // [n][c][h][w]
  int64_t width, left;        // the input's width; zero columns on the left
  int64_t bandRows, bands;    // output rows per task, tasks per image
};

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

} // namespace

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

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

} // extern "C"

//===- Convolution.cpp - direct convolution, NHWC -------------------------===//
//
// The register tile over an implicit im2col of the padded input: a row of
// the tile is an output pixel, the reduction runs over (kh, kw) segments of
// input channels.
//
//===----------------------------------------------------------------------===//

#include "Convolution.h"
#include "Gemm.h"
#include "Transpose.h"
#include "Ukernels.h"

namespace pd::uk {
namespace {

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

} // namespace

/// Copies `in` [N, H, W, C] (or, `channelsFirst`, [N, C, H, W]) into
/// `padded` [N, H + top + bottom, W + left + right, C] with zeros around,
/// rows shared by the threads (a piece copies 64 KB at least): on one
/// thread resnet50's and mobilenet_v3_small's stems waited ~10 us for it.
void padInput(const float *in, float *padded, int64_t n, int64_t h, int64_t w,
              int64_t c, int64_t top, int64_t bottom, int64_t left,
              int64_t right, bool channelsFirst) {
  PadTask t{in, padded, h, w, c, top, left, right, h + top + bottom,
            w + left + right, channelsFirst};
  int64_t rowFloats = t.pw * c;
  parallelFor(n * t.ph, rowFloats < 16384 ? 16384 / rowFloats : 1, padRows, &t);
}

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

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

} // extern "C"

//===- BandChain.cpp - row-band chains of 1x1 and depthwise convolutions --===//
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
//
//===----------------------------------------------------------------------===//

#include "Depthwise.h"
#include "Gemm.h"
#include "Transpose.h"
#include "Ukernels.h"

namespace pd::uk {
namespace {

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

} // namespace

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

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

} // extern "C"

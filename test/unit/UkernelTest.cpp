//===- UkernelTest.cpp - the microkernels against float64 references ------===//
//
// The microkernels (codegen/cpu/ukernels), compiled for this CPU as an
// artifact gets them, called directly on many small shapes: the ones whose
// edges (padding, the last few columns of a row, channels that fill no
// vector) take other code paths than the zoo's layers do. Each result is
// compared with a float64 reference computed here (pooling: exactly, with
// NaNs and signed zeros in its windows), and (depthwise, Winograd, row-band
// chains) with itself when the runtime hands the tasks out one at a time.
//
//===----------------------------------------------------------------------===//

#include "Ukernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

int64_t addr(const void *p) { return int64_t(intptr_t(p)); }

/// Tasks per call of the test runtime's parallelFor: all at once (one
/// thread) or one at a time (the tasks a pool's threads would each take).
int64_t tasksPerCall = 0;

void *testAlloc(uint64_t bytes, uint64_t align) {
  return std::aligned_alloc(align < 64 ? 64 : align, (bytes + 63) / 64 * 64);
}
void *testOutputAlloc(int64_t, uint64_t bytes, uint64_t align) {
  return testAlloc(bytes, align);
}
void testParallelFor(int64_t n, int64_t, pd_task_fn fn, void *data) {
  int64_t step = tasksPerCall > 0 ? tasksPerCall : n;
  for (int64_t begin = 0; begin < n; begin += step)
    fn(data, begin, begin + step < n ? begin + step : n);
}
int32_t testThreadCount() { return 1; }

/// Binds the test runtime once (as pd_model_load binds an artifact).
struct BindRuntime : ::testing::Environment {
  void SetUp() override {
    static const pd_runtime_abi abi = {PD_ARTIFACT_ABI_VERSION, testAlloc,
                                       std::free,        testOutputAlloc,
                                       testParallelFor,  testThreadCount,
                                       2u << 20};
    pd_artifact_bind(&abi);
  }
};
const auto *const bound =
    ::testing::AddGlobalTestEnvironment(new BindRuntime);

/// Floats aligned as the arena aligns a buffer.
struct Buffer {
  explicit Buffer(size_t n, uint32_t seed = 0)
      : size(n), data(static_cast<float *>(testAlloc(n ? n * 4 : 4, 64))) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    for (size_t i = 0; i < n; ++i)
      data[i] = seed ? uniform(rng) : 0.0f;
  }
  ~Buffer() { std::free(data); }
  Buffer(const Buffer &) = delete;
  size_t size;
  float *data;
};

/// Runs `kernel` into a buffer of `floats` with the test runtime handing
/// out its tasks all at once, then one and three at a time (as a pool's
/// threads may take them); expects every result equal to the first, bit for
/// bit, and returns the first.
std::vector<float> resultOfEveryTaskSplit(size_t floats,
                                          const std::function<void(float *)> &kernel) {
  std::vector<float> first;
  for (int64_t perCall : {0, 1, 3}) {
    tasksPerCall = perCall;
    Buffer out(floats);
    kernel(out.data);
    if (!perCall)
      first.assign(out.data, out.data + floats);
    else
      EXPECT_EQ(std::memcmp(first.data(), out.data, floats * sizeof(float)), 0)
          << "tasks handed out " << perCall << " at a time changed the result";
  }
  tasksPerCall = 0;
  return first;
}

double activate(double x, int64_t act) {
  switch (act) {
  case PD_ACTIVATION_RELU:
    return x > 0 ? x : 0;
  case PD_ACTIVATION_RELU6:
    return x < 0 ? 0 : x > 6 ? 6 : x;
  default:
    return x;
  }
}

struct DepthwiseCase {
  int64_t n, h, w, c, k, s, p, d;
  bool bias, residual, channelsFirst;
  int64_t act1, act2;

  int64_t oh() const { return (h + 2 * p - d * (k - 1) - 1) / s + 1; }
  int64_t ow() const { return (w + 2 * p - d * (k - 1) - 1) / s + 1; }
  std::string name() const {
    return "n" + std::to_string(n) + " h" + std::to_string(h) + " w" +
           std::to_string(w) + " c" + std::to_string(c) + " k" +
           std::to_string(k) + " s" + std::to_string(s) + " p" +
           std::to_string(p) + " d" + std::to_string(d) +
           (bias ? " bias" : "") + (residual ? " residual" : "") +
           (channelsFirst ? " nchw-input" : "");
  }
};

/// Runs pd_uk_depthwise_nhwc on one case and checks every output against a
/// float64 reference, then against itself with the tasks handed out one and
/// three at a time.
void checkDepthwise(const DepthwiseCase &t) {
  SCOPED_TRACE(t.name());
  const int64_t oh = t.oh(), ow = t.ow();
  Buffer in(t.n * t.h * t.w * t.c, 1), filter(t.c * t.k * t.k, 2);
  Buffer packed(t.c * t.k * t.k), bias(t.c, 3);
  Buffer residual(t.n * oh * ow * t.c, 4);
  pd_uk_pack_depthwise(t.c, t.k, t.k, addr(filter.data), addr(packed.data));
  // The input as NHWC, or NCHW for the staged path.
  auto input = [&](int64_t n, int64_t y, int64_t x, int64_t ch) {
    return t.channelsFirst ? in.data[((n * t.c + ch) * t.h + y) * t.w + x]
                           : in.data[((n * t.h + y) * t.w + x) * t.c + ch];
  };
  auto run = [&](float *result) {
    pd_uk_depthwise_nhwc(t.n, t.h, t.w, t.c, oh, ow, t.k, t.k, t.s, t.s, t.p,
                         t.p, t.d, t.d, addr(in.data), addr(packed.data),
                         addr(result), t.bias ? addr(bias.data) : 0,
                         t.residual ? addr(residual.data) : 0, t.act1, t.act2,
                         t.channelsFirst);
  };
  std::vector<float> out = resultOfEveryTaskSplit(t.n * oh * ow * t.c, run);
  int64_t wrong = 0;
  for (int64_t n = 0; n < t.n; ++n)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x)
        for (int64_t ch = 0; ch < t.c; ++ch) {
          double sum = 0, magnitude = 0;
          for (int64_t ky = 0; ky < t.k; ++ky)
            for (int64_t kx = 0; kx < t.k; ++kx) {
              int64_t iy = y * t.s - t.p + ky * t.d;
              int64_t ix = x * t.s - t.p + kx * t.d;
              if (iy < 0 || iy >= t.h || ix < 0 || ix >= t.w)
                continue;
              double term = double(input(n, iy, ix, ch)) *
                            filter.data[(ch * t.k + ky) * t.k + kx];
              sum += term;
              magnitude += std::fabs(term);
            }
          int64_t at = ((n * oh + y) * ow + x) * t.c + ch;
          double expected = activate(sum + (t.bias ? bias.data[ch] : 0), t.act1);
          expected = activate(expected + (t.residual ? residual.data[at] : 0),
                              t.act2);
          double tolerance = 1e-6 * (magnitude + 1);
          if (std::fabs(out[at] - expected) > tolerance && wrong++ < 3)
            ADD_FAILURE() << "output (" << n << ", " << y << ", " << x << ", "
                          << ch << "): " << out[at] << ", expected "
                          << expected;
        }
  EXPECT_EQ(wrong, 0);
}

// Filters of 3 and 5 (the tiled paths) and of 1 and 7 (a pixel at a time),
// strides 1 and 2, with and without padding, on widths that leave every
// remainder of the 8-, 6-, 4- and 2-pixel tiles and edge tiles that overlap
// both sides; channels that fill vectors of 16 and 8 and leave a scalar tail.
TEST(DepthwiseUkernel, MatchesReferenceOnEdgeShapes) {
  int variant = 0;
  for (int64_t k : {1, 3, 5, 7})
    for (int64_t s : {1, 2})
      for (int64_t p : {int64_t(0), k / 2})
        for (int64_t h : {1, 2, 5, 8})
          for (int64_t w : {1, 2, 3, 5, 9, 14, 17, 33})
            for (int64_t c : {1, 16, 24, 35}) {
              if (h + 2 * p < k || w + 2 * p < k)
                continue;
              ++variant;
              // The epilogue's stages in turn.
              bool bias = variant % 2, residual = variant % 3 == 0;
              int64_t act1 = variant % 4 == 1 ? PD_ACTIVATION_RELU6 : 0;
              int64_t act2 = residual && variant % 5 < 2 ? PD_ACTIVATION_RELU : 0;
              checkDepthwise({1, h, w, c, k, s, p, 1, bias, residual, false,
                              act1, act2});
            }
}

TEST(DepthwiseUkernel, MatchesReferenceWithBatchAndDilation) {
  for (int64_t d : {1, 2})
    for (int64_t w : {4, 11, 20})
      for (int64_t c : {8, 16, 40})
        checkDepthwise({3, 7, w, c, 3, d == 1 ? 2 : 1, d, d, true, true, false,
                        PD_ACTIVATION_RELU6, 0});
}

// A thread's consecutive tasks run as spans of up to four row bands walked
// column by column: tall images leave every count of bands in the last
// span and an odd row after the pairs, and a batch makes the tasks of one
// thread cross from one image into the next.
TEST(DepthwiseUkernel, MatchesReferenceOnTallImagesAndBatches) {
  for (int64_t k : {3, 5})
    for (int64_t s : {1, 2})
      for (int64_t h : {9, 16, 19, 23, 37})
        checkDepthwise({2, h, 13, 24, k, s, k / 2, 1, true, s == 1, false,
                        PD_ACTIVATION_RELU6, 0});
}

// The first depthwise convolution of a channels-last region reads NCHW and
// stages it channels-last band by band.
TEST(DepthwiseUkernel, MatchesReferenceFromChannelsFirstInput) {
  for (int64_t k : {3, 5})
    for (int64_t s : {1, 2})
      for (int64_t w : {3, 16, 21, 40})
        for (int64_t c : {1, 16, 19})
          checkDepthwise({2, 9, w, c, k, s, k / 2, 1, true, false, true,
                          PD_ACTIVATION_RELU, 0});
}

} // namespace

namespace {

// pd_uk_gemm's tiles write a partial panel (n not a multiple of the panel
// width) vector by vector, the last in pieces of 8, 4, 2 and 1 lanes:
// every column count from 1 to 40 and row counts that leave every register
// tile's remainder, with bias, residual and an activation, C's rows wider
// than n so that a store past a row's last column shows.
TEST(GemmUkernel, MatchesReferenceOnEveryPartialPanel) {
  const int64_t k = 13;
  for (int64_t m : {1, 5, 13, 25})
    for (int64_t n = 1; n <= 40; ++n) {
      SCOPED_TRACE("m " + std::to_string(m) + " n " + std::to_string(n));
      const int64_t ldc = n + 7;
      Buffer a(m * k, 11), b(k * n, 12), bias(n, 13), residual(m * ldc, 14);
      Buffer packed(pd_uk_packed_b_size(k, n)), c(m * ldc);
      for (size_t i = 0; i < c.size; ++i)
        c.data[i] = -12345.0f; // sentinel between rows
      pd_uk_pack_b(1, k, n, addr(b.data), n, 0, /*transposed=*/0, addr(packed.data), 0);
      pd_uk_gemm(1, m, n, k, addr(a.data), k, 0, addr(packed.data), 0, addr(c.data), ldc, 0,
                 addr(bias.data), addr(residual.data), ldc, 0, PD_ACTIVATION_RELU, 0);
      int64_t wrong = 0;
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < ldc; ++j) {
          double expected = -12345.0;
          if (j < n) {
            double sum = 0;
            for (int64_t p = 0; p < k; ++p)
              sum += double(a.data[i * k + p]) * b.data[p * n + j];
            expected = activate(sum + bias.data[j], PD_ACTIVATION_RELU) +
                       residual.data[i * ldc + j];
          }
          if (std::fabs(c.data[i * ldc + j] - expected) > 1e-5 && wrong++ < 3)
            ADD_FAILURE() << "C(" << i << ", " << j << "): " << c.data[i * ldc + j]
                          << ", expected " << expected;
        }
      EXPECT_EQ(wrong, 0);
    }
}

} // namespace

namespace {

/// `nhwc` [n, h, w, c] as [n, c, h, w].
std::vector<float> channelsFirst(const Buffer &nhwc, int64_t n, int64_t h,
                                 int64_t w, int64_t c) {
  std::vector<float> nchw(n * c * h * w);
  for (int64_t b = 0; b < n; ++b)
    for (int64_t y = 0; y < h; ++y)
      for (int64_t x = 0; x < w; ++x)
        for (int64_t ch = 0; ch < c; ++ch)
          nchw[((b * c + ch) * h + y) * w + x] = nhwc.data[((b * h + y) * w + x) * c + ch];
  return nchw;
}

/// A convolution's NHWC output (n images, [oh, ow, oc]) against a float64
/// direct convolution of `in` [n, h, w, ic] by `filter` [oc, ic, k, k]
/// (Paddle's layout) at `stride`, padded by `pad`, with bias, relu and the
/// residual, within `tolerance` of each value's scale: 1 + its magnitude +
/// the root of its squared terms (what a sum's rounding grows with, also
/// where the terms cancel).
void expectConvolution(const std::vector<float> &out, const Buffer &in,
                       const Buffer &filter, const Buffer &bias,
                       const Buffer &residual, int64_t n, int64_t h, int64_t w,
                       int64_t ic, int64_t oc, int64_t k, int64_t stride,
                       int64_t pad, double tolerance) {
  int64_t oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
  int64_t wrong = 0;
  for (int64_t b = 0; b < n; ++b)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox)
        for (int64_t o = 0; o < oc; ++o) {
          double sum = bias.data[o], squares = 0;
          for (int64_t ky = 0; ky < k; ++ky)
            for (int64_t kx = 0; kx < k; ++kx) {
              int64_t y = oy * stride - pad + ky, x = ox * stride - pad + kx;
              if (y < 0 || y >= h || x < 0 || x >= w)
                continue;
              for (int64_t c = 0; c < ic; ++c) {
                double term = double(in.data[((b * h + y) * w + x) * ic + c]) *
                              filter.data[((o * ic + c) * k + ky) * k + kx];
                sum += term;
                squares += term * term;
              }
            }
          int64_t at = ((b * oh + oy) * ow + ox) * oc + o;
          double want = activate(sum, PD_ACTIVATION_RELU) + residual.data[at];
          double scale = 1 + std::fabs(want) + std::sqrt(squares);
          if (std::fabs(out[at] - want) > tolerance * scale && wrong++ < 3)
            ADD_FAILURE() << "out(" << b << ", " << oy << ", " << ox << ", " << o
                          << "): " << out[at] << ", expected " << want;
        }
  EXPECT_EQ(wrong, 0);
}

/// pd_uk_conv2d_winograd_nhwc (3x3, stride 1) against expectConvolution,
/// and against itself with its tasks handed out one and three at a time;
/// with `nchw`, on the input given channels-first.
void checkWinograd(int64_t tile, int64_t n, int64_t h, int64_t w, int64_t ic,
                   int64_t oc, int64_t pad, bool nchw = false) {
  SCOPED_TRACE("F(" + std::to_string(tile) + "x" + std::to_string(tile) +
               ", 3x3) n " + std::to_string(n) + " " + std::to_string(h) + "x" +
               std::to_string(w) + "x" + std::to_string(ic) + " -> " +
               std::to_string(oc) + " pad " + std::to_string(pad) +
               (nchw ? " NCHW" : ""));
  int64_t oh = h + 2 * pad - 2, ow = w + 2 * pad - 2;
  Buffer in(n * h * w * ic, 21), filter(oc * ic * 9, 22), bias(oc, 23);
  Buffer residual(n * oh * ow * oc, 24);
  Buffer packed(pd_uk_packed_winograd_size(tile, oc, ic));
  pd_uk_pack_winograd(tile, oc, ic, addr(filter.data), addr(packed.data));
  std::vector<float> input = nchw ? channelsFirst(in, n, h, w, ic)
                                  : std::vector<float>(in.data, in.data + in.size);
  std::vector<float> out = resultOfEveryTaskSplit(n * oh * ow * oc, [&](float *result) {
    pd_uk_conv2d_winograd_nhwc(tile, n, h, w, ic, oh, ow, oc, pad, pad, addr(input.data()),
                               addr(packed.data), addr(result), addr(bias.data),
                               addr(residual.data), PD_ACTIVATION_RELU, 0, nchw);
  });
  expectConvolution(out, in, filter, bias, residual, n, h, w, ic, oc, 3, 1, pad, 2e-4);
}

// Few channels: block by block (each block's products in turn). Output
// sizes that are no multiple of the tile leave tiles partly outside the
// image; channels that fill no vector of 16 take the narrower transforms.
TEST(WinogradUkernel, MatchesReferenceBlockByBlock) {
  for (int64_t tile : {2, 4}) {
    for (int64_t hw : {3, 6, 9})
      for (int64_t c : {8, 24, 40})
        checkWinograd(tile, 2, hw, hw + 2, c, c + 16, 1);
    checkWinograd(tile, 1, 5, 7, 16, 16, 0);
    checkWinograd(tile, 1, 1, 1, 16, 16, 1); // one pixel, one tile
  }
}

// A tile the kernels have no transforms for (3) is F(2x2, 3x3) in the
// packer's size, the packing and the convolution alike, so a caller's
// stray value cannot pair one packing with another's reader.
TEST(WinogradUkernel, AnyOtherTileIsTwo) {
  EXPECT_EQ(pd_uk_packed_winograd_size(3, 40, 24),
            pd_uk_packed_winograd_size(2, 40, 24));
  EXPECT_NE(pd_uk_packed_winograd_size(4, 40, 24),
            pd_uk_packed_winograd_size(2, 40, 24));
  checkWinograd(3, 2, 6, 8, 24, 40, 1);
}

// 128 channels and more (U past 512 KB) with more tiles than a block
// holds: the three phases over all tiles, the products as tasks.
TEST(WinogradUkernel, MatchesReferenceProductByProduct) {
  for (int64_t tile : {2, 4}) {
    checkWinograd(tile, 1, 14, 14, 128, 128, 1); // 49 or 16 tiles
    checkWinograd(tile, 2, 9, 11, 144, 136, 1);  // odd sizes, partial panels
    checkWinograd(tile, 1, 7, 7, 512, 256, 1);   // blocks of 12
    checkWinograd(tile, 1, 28, 28, 64, 64, 1);   // 196 or 49 tiles
  }
}

/// pd_uk_conv2d_nhwc (n images of h x w x ic, k x k, padded by `pad`)
/// against expectConvolution, and against itself with its tasks handed out
/// one and three at a time; with `nchw`, on the input given channels-first.
void checkConv(int64_t h, int64_t w, int64_t ic, int64_t oc, int64_t k,
               int64_t stride, int64_t pad, bool nchw = false) {
  SCOPED_TRACE(std::to_string(h) + "x" + std::to_string(w) + "x" +
               std::to_string(ic) + " -> " + std::to_string(oc) + " k " +
               std::to_string(k) + " s " + std::to_string(stride) + " pad " +
               std::to_string(pad) + (nchw ? " NCHW" : ""));
  const int64_t n = 2;
  int64_t oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
  Buffer in(n * h * w * ic, 31), filter(oc * ic * k * k, 32), bias(oc, 33);
  Buffer residual(n * oh * ow * oc, 34);
  Buffer packed(pd_uk_packed_conv_size(oc, ic, k, k));
  pd_uk_pack_conv(oc, ic, k, k, addr(filter.data), addr(packed.data));
  std::vector<float> input = nchw ? channelsFirst(in, n, h, w, ic)
                                  : std::vector<float>(in.data, in.data + in.size);
  std::vector<float> out = resultOfEveryTaskSplit(n * oh * ow * oc, [&](float *result) {
    pd_uk_conv2d_nhwc(n, h, w, ic, oh, ow, oc, k, k, stride, stride, pad, pad, 1, 1,
                      addr(input.data()), addr(packed.data), addr(result),
                      addr(bias.data), addr(residual.data), PD_ACTIVATION_RELU, 0, nchw);
  });
  expectConvolution(out, in, filter, bias, residual, n, h, w, ic, oc, k, stride, pad, 1e-4);
}

// Output channels that end in a full panel of 32 (32, 64), in a last panel
// of 16 (40, 48: packed 16 wide) or in a partial one of 32 (56), and a
// 16-wide layer, at stride 1 and 2.
TEST(ConvUkernel, MatchesReferenceOnEveryLastPanelWidth) {
  for (int64_t oc : {16, 32, 40, 48, 56, 64})
    for (int64_t stride : {1, 2}) {
      checkConv(9, 11, 3, oc, 3, stride, 1);
      checkConv(7, 6, 20, oc, 1, stride, 0);
    }
}

// An NCHW input (the model's, at the start of a channels-last region),
// made channels-last in the padded copy: 1, 3 (an image's colours, 16
// pixels at a time), 16 and 20 channels; rows of 37 pixels (two steps of
// 16 and a rest); unpadded too, where the kernel copies it all the same.
TEST(ConvUkernel, ReadsChannelsFirstInput) {
  for (int64_t ic : {1, 3, 16, 20})
    for (int64_t pad : {0, 1}) {
      checkConv(6, 37, ic, 24, 3, 2, pad, /*nchw=*/true);
      checkConv(5, 7, ic, 16, 1, 1, pad, /*nchw=*/true);
    }
  for (int64_t tile : {2, 4}) {
    checkWinograd(tile, 2, 9, 37, 20, 40, 1, /*nchw=*/true);
    checkWinograd(tile, 1, 14, 14, 128, 128, 1, /*nchw=*/true); // by products
  }
}

} // namespace

namespace {

/// The maximum as arith.maximumf (the generic pooling lowering) takes it:
/// a NaN wins, +0 over -0.
float maximumf(float a, float b) {
  if (std::isnan(a) || std::isnan(b))
    return NAN;
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

/// pd_uk_pool_nhwc against windows walked here: the maximum over -inf
/// padding, or the sum (over 0 padding, in the window's order) over the
/// taps inside the input (`exclusive`) or the whole window; its tasks all
/// at once and one output row at a time.
void checkPool(int64_t n, int64_t h, int64_t w, int64_t c, int64_t k,
               int64_t s, int64_t p, bool average, bool exclusive) {
  int64_t oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1;
  Buffer in(n * h * w * c, 11);
  // Ties of +0 and -0, and a NaN, where windows meet them.
  for (size_t i = 0; i < in.size; i += 7)
    in.data[i] = i % 2 ? 0.0f : -0.0f;
  in.data[in.size / 2] = NAN;
  std::vector<float> want(n * oh * ow * c, average ? 0.0f : -INFINITY);
  for (int64_t b = 0; b < n; ++b)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox)
        for (int64_t ch = 0; ch < c; ++ch) {
          float &m = want[((b * oh + oy) * ow + ox) * c + ch];
          int64_t inside = 0;
          for (int64_t ky = 0; ky < k; ++ky)
            for (int64_t kx = 0; kx < k; ++kx) {
              int64_t y = oy * s - p + ky, x = ox * s - p + kx;
              bool outside = y < 0 || y >= h || x < 0 || x >= w;
              float v = outside ? (average ? 0.0f : -INFINITY)
                                : in.data[((b * h + y) * w + x) * c + ch];
              inside += !outside;
              m = average ? m + v : maximumf(m, v);
            }
          if (average)
            m /= float(exclusive ? inside : k * k);
        }
  for (int64_t perCall : {int64_t(0), int64_t(1)}) {
    tasksPerCall = perCall;
    Buffer out(want.size());
    pd_uk_pool_nhwc(n, h, w, c, oh, ow, k, k, s, s, p, p, average, exclusive,
                    addr(in.data), addr(out.data));
    for (size_t i = 0; i < want.size(); ++i)
      ASSERT_EQ(std::memcmp(&want[i], &out.data[i], sizeof(float)) == 0 ||
                    (std::isnan(want[i]) && std::isnan(out.data[i])),
                true)
          << "element " << i << ": " << out.data[i] << ", want " << want[i]
          << " (n " << n << " h " << h << " w " << w << " c " << c << " k " << k
          << " s " << s << " p " << p << (average ? " average" : " max")
          << (exclusive ? " exclusive" : "") << ", tasks per call " << perCall << ")";
  }
  tasksPerCall = 0;
}

// Windows of 1 to 3 at strides 1 and 2, padded or not, on images that
// leave windows hanging over every edge; channels that fill vectors of 16
// and 8 and leave single channels, or pass a task's 64; a batch; the
// maximum, and the mean over the taps inside or over the whole window.
TEST(PoolUkernel, MatchesReferenceOnEdgeShapes) {
  for (int64_t k : {1, 2, 3})
    for (int64_t s : {1, 2})
      for (int64_t p : {int64_t(0), k / 2})
        for (int64_t h : {1, 4, 7})
          for (int64_t w : {3, 8, 13})
            for (int64_t c : {1, 16, 27, 80})
              if (h + 2 * p >= k && w + 2 * p >= k)
                for (int mode = 0; mode < 3; ++mode)
                  checkPool(2, h, w, c, k, s, p, mode > 0, mode == 1);
}

// The global pool of a squeeze-excitation block: the window is the image.
TEST(PoolUkernel, MatchesReferenceOverWholeImages) {
  for (int64_t h : {1, 7, 14})
    for (int64_t c : {16, 72, 5})
      checkPool(3, h, h, c, h, 1, 0, true, true);
}

} // namespace

namespace {

/// One stage of a row-band chain in pd_uk_band_chain's words: a 3x3
/// depthwise convolution (padding 1) or a 1x1 convolution, relu6.
std::vector<int64_t> chainStage(int64_t kind, int64_t oc, int64_t stride,
                                const Buffer &packed, const Buffer &bias,
                                const float *residual) {
  std::vector<int64_t> d(PD_CHAIN_WORDS, 0);
  int64_t k = kind == PD_CHAIN_DEPTHWISE ? 3 : 1;
  d[PD_CHAIN_KIND] = kind;
  d[PD_CHAIN_OUT_CHANNELS] = oc;
  d[PD_CHAIN_KERNEL_H] = d[PD_CHAIN_KERNEL_W] = k;
  d[PD_CHAIN_STRIDE_H] = d[PD_CHAIN_STRIDE_W] = stride;
  d[PD_CHAIN_PAD_TOP] = d[PD_CHAIN_PAD_BOTTOM] = d[PD_CHAIN_PAD_LEFT] =
      d[PD_CHAIN_PAD_RIGHT] = k / 2;
  d[PD_CHAIN_DILATION_H] = d[PD_CHAIN_DILATION_W] = 1;
  d[PD_CHAIN_WEIGHTS] = addr(packed.data);
  d[PD_CHAIN_BIAS] = addr(bias.data);
  d[PD_CHAIN_RESIDUAL] = addr(residual);
  d[PD_CHAIN_ACTIVATION] = PD_ACTIVATION_RELU6;
  return d;
}

/// NHWC [n][h][w][c] in float64, the stages of checkChain.
using Image = std::vector<double>;
Image depthwiseRef(const Image &in, int64_t n, int64_t h, int64_t w,
                   int64_t c, int64_t s, const Buffer &f, const Buffer &b) {
  int64_t oh = (h - 1) / s + 1, ow = (w - 1) / s + 1;
  Image out(n * oh * ow * c);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x)
        for (int64_t ch = 0; ch < c; ++ch) {
          double sum = b.data[ch];
          for (int64_t ky = 0; ky < 3; ++ky)
            for (int64_t kx = 0; kx < 3; ++kx) {
              int64_t iy = y * s - 1 + ky, ix = x * s - 1 + kx;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                sum += in[((i * h + iy) * w + ix) * c + ch] * f.data[(ch * 3 + ky) * 3 + kx];
            }
          out[((i * oh + y) * ow + x) * c + ch] = activate(sum, PD_ACTIVATION_RELU6);
        }
  return out;
}
Image pointwiseRef(const Image &in, int64_t pixels, int64_t c, int64_t oc,
                   const Buffer &f, const Buffer &b, const float *residual) {
  Image out(pixels * oc);
  for (int64_t p = 0; p < pixels; ++p)
    for (int64_t o = 0; o < oc; ++o) {
      double sum = b.data[o];
      for (int64_t i = 0; i < c; ++i)
        sum += in[p * c + i] * f.data[o * c + i];
      out[p * oc + o] = activate(sum, PD_ACTIVATION_RELU6) +
                        (residual ? residual[p * oc + o] : 0.0);
    }
  return out;
}

/// pd_uk_band_chain against its stages computed one after another in
/// float64, and against itself with the tasks handed out one and three at a
/// time. `expanding`:
/// depthwise 3x3 -> 1x1 -> depthwise 3x3 stride 2 -> 1x1, NCHW in and out
/// (mobilenet's separable pair twice); else 1x1 -> depthwise 3x3 -> 1x1
/// plus the input, NHWC (an inverted residual block). Heights and widths
/// that leave the windows' rings wrapping at every row, several rows a
/// band on narrow images, and parts on tall ones.
void checkChain(bool expanding, int64_t n, int64_t h, int64_t w) {
  SCOPED_TRACE(std::string(expanding ? "separable" : "residual") + " n " +
               std::to_string(n) + " " + std::to_string(h) + "x" + std::to_string(w));
  const int64_t c0 = 16, c1 = 40, c2 = expanding ? 24 : c0;
  Buffer in(n * h * w * c0, 31);
  Buffer f1(c0 * 9, 32), b1(c0, 33), f2(c1 * c0, 34), b2(c1, 35);
  Buffer f3(c1 * 9, 36), b3(c1, 37), f4(c2 * c1, 38), b4(c2, 39);
  Buffer p1(c0 * 9), p3(c1 * 9);
  Buffer p2(pd_uk_packed_b_size(c0, c1)), p4(pd_uk_packed_b_size(c1, c2));
  pd_uk_pack_depthwise(c0, 3, 3, addr(f1.data), addr(p1.data));
  pd_uk_pack_b(1, c0, c1, addr(f2.data), c0, 0, 1, addr(p2.data), 0);
  pd_uk_pack_depthwise(c1, 3, 3, addr(f3.data), addr(p3.data));
  pd_uk_pack_b(1, c1, c2, addr(f4.data), c1, 0, 1, addr(p4.data), 0);
  // The input as NHWC doubles, whichever layout the chain reads.
  Image x(n * h * w * c0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t p = 0; p < h * w; ++p)
      for (int64_t ch = 0; ch < c0; ++ch)
        x[(i * h * w + p) * c0 + ch] =
            expanding ? in.data[(i * c0 + ch) * h * w + p] : in.data[(i * h * w + p) * c0 + ch];
  std::vector<int64_t> words;
  Image want;
  int64_t oh = h, ow = w;
  if (expanding) {
    oh = (h - 1) / 2 + 1;
    ow = (w - 1) / 2 + 1;
    for (auto d : {chainStage(PD_CHAIN_DEPTHWISE, c0, 1, p1, b1, nullptr),
                   chainStage(PD_CHAIN_POINTWISE, c1, 1, p2, b2, nullptr),
                   chainStage(PD_CHAIN_DEPTHWISE, c1, 2, p3, b3, nullptr),
                   chainStage(PD_CHAIN_POINTWISE, c2, 1, p4, b4, nullptr)})
      words.insert(words.end(), d.begin(), d.end());
    want = depthwiseRef(x, n, h, w, c0, 1, f1, b1);
    want = pointwiseRef(want, n * h * w, c0, c1, f2, b2, nullptr);
    want = depthwiseRef(want, n, h, w, c1, 2, f3, b3);
    want = pointwiseRef(want, n * oh * ow, c1, c2, f4, b4, nullptr);
  } else {
    for (auto d : {chainStage(PD_CHAIN_POINTWISE, c1, 1, p2, b2, nullptr),
                   chainStage(PD_CHAIN_DEPTHWISE, c1, 1, p3, b3, nullptr),
                   chainStage(PD_CHAIN_POINTWISE, c2, 1, p4, b4, in.data)})
      words.insert(words.end(), d.begin(), d.end());
    want = pointwiseRef(x, n * h * w, c0, c1, f2, b2, nullptr);
    want = depthwiseRef(want, n, h, w, c1, 1, f3, b3);
    want = pointwiseRef(want, n * h * w, c1, c2, f4, b4, in.data);
  }
  std::vector<float> out = resultOfEveryTaskSplit(n * oh * ow * c2, [&](float *result) {
    pd_uk_band_chain(expanding ? 4 : 3, addr(words.data()), n, h, w, c0,
                     addr(in.data), addr(result), expanding, expanding);
  });
  int64_t wrong = 0;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t p = 0; p < oh * ow; ++p)
      for (int64_t o = 0; o < c2; ++o) {
        double expect = want[(i * oh * ow + p) * c2 + o];
        float got = expanding ? out[(i * c2 + o) * oh * ow + p]
                              : out[(i * oh * ow + p) * c2 + o];
        if (std::fabs(got - expect) > 1e-4 * (1 + std::fabs(expect)) && wrong++ < 3)
          ADD_FAILURE() << "image " << i << " pixel " << p << " channel " << o
                        << ": " << got << ", expected " << expect;
      }
  EXPECT_EQ(wrong, 0);
}

TEST(BandChainUkernel, MatchesStagesOneAfterAnother) {
  for (bool expanding : {true, false})
    for (int64_t h : {1, 3, 10, 31, 64})
      for (int64_t w : {4, 19})
        checkChain(expanding, 2, h, w);
}

} // namespace

//===- kernel_bench.cpp - the microkernels on the zoo's layers ------------===//
//
// Times pd's microkernels (codegen/cpu/ukernels, compiled here with the
// same clang and -O3 for this CPU, as pd-export compiles them into an
// artifact) on the layers of the zoo's transformer, resnet_block and
// mobilenet_block, one thread, thread CPU time. Each kernel's result is
// checked against a float64 reference on sampled outputs first. Prints one
// line per kernel:
//   kernel <name> <shape> flops <F> median_ms <M> min_ms <m> maxerr <e>
// (e: the largest error over the largest sampled output's magnitude, or
// over 1 where that is smaller)
// and the FMA peak of this core and the rate at which it reads L2:
//   peak_fma gflops <G>
//   l2_read gbps <B>
// bench/kernels.py runs it next to an sgemm roof and prints the table.
//
//   pd-kernel-bench [--seconds S] [--only NAME-PART]
//   (S per kernel, default 0.3; only the kernels whose names contain
//   NAME-PART)
//
//===----------------------------------------------------------------------===//

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <time.h>
#include <unistd.h>
#include <vector>

#include "Ukernels.h"
#include "pd/Runtime/ArtifactAbi.h"

namespace {

int64_t addr(const void *p) { return int64_t(intptr_t(p)); }

/// Memory aligned as the runtime's arena aligns a buffer (64 bytes): a
/// vector of 16 floats then never straddles two cache lines.
template <typename T> struct ArenaAligned {
  using value_type = T;
  ArenaAligned() = default;
  template <typename U> ArenaAligned(const ArenaAligned<U> &) {}
  T *allocate(size_t n) {
    return static_cast<T *>(std::aligned_alloc(64, (n * sizeof(T) + 63) / 64 * 64));
  }
  void deallocate(T *p, size_t) { std::free(p); }
  bool operator==(const ArenaAligned &) const { return true; }
  bool operator!=(const ArenaAligned &) const { return false; }
};
using Buffer = std::vector<float, ArenaAligned<float>>;

double threadSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

Buffer values(size_t n, uint32_t seed) {
  Buffer v(n);
  for (float &x : v) {
    seed = seed * 1664525u + 1013904223u;
    x = float(seed >> 8) / float(1u << 24) - 0.5f;
  }
  return v;
}

double seconds = 0.3;
std::string only; // run the kernels whose names contain this


/// Runs `kernel` for about `seconds` of thread CPU time after a warm-up;
/// prints its line. Each sample times enough calls back to back to last
/// 0.2 ms at least: reading the thread CPU clock is a system call (~0.4 us
/// in this VM), which would add several percent to one call of a kernel
/// that takes a few microseconds.
/// The largest error of sampled outputs, relative to the largest of them:
/// a long sum's rounding grows with its terms, not with the output it ends
/// at, which may be near 0.
struct MaxError {
  double diff = 0, scale = 1;
  void add(double want, double got) {
    diff = std::max(diff, std::fabs(want - got));
    scale = std::max(scale, std::fabs(want));
  }
  double relative() const { return diff / scale; }
};

void report(const std::string &name, const std::string &shape, double flops,
            double maxErr, const std::function<void()> &kernel) {
  if (name.find(only) == std::string::npos)
    return;
  double t0 = threadSeconds();
  kernel();
  double once = threadSeconds() - t0;
  int calls = once >= 2e-4 ? 1 : int(2e-4 / std::max(once, 1e-7)) + 1;
  std::vector<double> times;
  double start = threadSeconds();
  while (threadSeconds() - start < seconds || times.size() < 5) {
    double s = threadSeconds();
    for (int i = 0; i < calls; ++i)
      kernel();
    times.push_back((threadSeconds() - s) / calls);
  }
  std::sort(times.begin(), times.end());
  std::printf("kernel %s %s flops %.0f median_ms %.5f min_ms %.5f maxerr %.2e\n",
              name.c_str(), shape.c_str(), flops, 1e3 * times[times.size() / 2],
              1e3 * times.front(), maxErr);
  std::fflush(stdout);
}

/// C [M, N] = A [M, K] B ([N, K] when transposed: a Linear's or a 1x1
/// conv's weight as Paddle stores it).
void gemm(const std::string &name, int64_t m, int64_t n, int64_t k,
          bool transposed) {
  Buffer a = values(m * k, 1), b = values(k * n, 2);
  Buffer c(m * n), packed(pd_uk_packed_b_size(k, n));
  pd_uk_pack_b(1, k, n, addr(b.data()), transposed ? k : n, 0, transposed,
               addr(packed.data()), 0);
  auto run = [&] {
    pd_uk_gemm(1, m, n, k, addr(a.data()), k, 0, addr(packed.data()), 0,
               addr(c.data()), n, 0, 0, 0, 0, 0, 0, 0);
  };
  run();
  MaxError err;
  for (int64_t i = 0; i < m; i += 7)
    for (int64_t j = 0; j < n; j += 5) {
      double s = 0;
      for (int64_t p = 0; p < k; ++p)
        s += double(a[i * k + p]) * (transposed ? b[j * k + p] : b[p * n + j]);
      err.add(s, c[i * n + j]);
    }
  report(name, std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k),
         2.0 * m * n * k, err.relative(), run);
}

/// NHWC convolution, 3x3 (Winograd's F(tile x tile, 3x3) at stride 1 when
/// `winogradTile` is 2 or 4) or 1x1.
void conv(const std::string &name, int64_t h, int64_t w, int64_t ic,
          int64_t oc, int64_t kk, int64_t stride, int64_t pad,
          int64_t winogradTile) {
  bool winograd = winogradTile != 0;
  int64_t oh = (h + 2 * pad - kk) / stride + 1, ow = (w + 2 * pad - kk) / stride + 1;
  Buffer in = values(h * w * ic, 3), f = values(oc * ic * kk * kk, 4);
  Buffer out(oh * ow * oc);
  Buffer packed(winograd ? pd_uk_packed_winograd_size(winogradTile, oc, ic)
                                     : pd_uk_packed_conv_size(oc, ic, kk, kk));
  if (winograd)
    pd_uk_pack_winograd(winogradTile, oc, ic, addr(f.data()), addr(packed.data()));
  else
    pd_uk_pack_conv(oc, ic, kk, kk, addr(f.data()), addr(packed.data()));
  auto run = [&] {
    if (winograd)
      pd_uk_conv2d_winograd_nhwc(winogradTile, 1, h, w, ic, oh, ow, oc, pad, pad,
                                 addr(in.data()), addr(packed.data()),
                                 addr(out.data()), 0, 0, 0, 0, 0);
    else
      pd_uk_conv2d_nhwc(1, h, w, ic, oh, ow, oc, kk, kk, stride, stride, pad, pad,
                        1, 1, addr(in.data()), addr(packed.data()),
                        addr(out.data()), 0, 0, 0, 0, 0);
  };
  run();
  MaxError err;
  for (int64_t y = 0; y < oh; y += 5)
    for (int64_t x = 0; x < ow; x += 3)
      for (int64_t o = 0; o < oc; o += 7) {
        double s = 0;
        for (int64_t ky = 0; ky < kk; ++ky)
          for (int64_t kx = 0; kx < kk; ++kx) {
            int64_t iy = y * stride - pad + ky, ix = x * stride - pad + kx;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w)
              continue;
            for (int64_t c = 0; c < ic; ++c)
              s += double(in[(iy * w + ix) * ic + c]) *
                   f[((o * ic + c) * kk + ky) * kk + kx];
          }
        err.add(s, out[(y * ow + x) * oc + o]);
      }
  report(name,
         std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(ic) +
             "->" + std::to_string(oc) + ",k" + std::to_string(kk) + "s" +
             std::to_string(stride),
         2.0 * oh * ow * oc * ic * kk * kk, err.relative(), run);
}

void depthwise(const std::string &name, int64_t h, int64_t w, int64_t c,
               int64_t stride, int64_t k = 3) {
  int64_t p = k / 2;
  int64_t oh = (h + 2 * p - k) / stride + 1, ow = (w + 2 * p - k) / stride + 1;
  Buffer in = values(h * w * c, 5), f = values(c * k * k, 6);
  Buffer out(oh * ow * c), packed(c * k * k);
  pd_uk_pack_depthwise(c, k, k, addr(f.data()), addr(packed.data()));
  auto run = [&] {
    pd_uk_depthwise_nhwc(1, h, w, c, oh, ow, k, k, stride, stride, p, p, 1, 1,
                         addr(in.data()), addr(packed.data()), addr(out.data()),
                         0, 0, 0, 0, /*channelsFirstInput=*/0);
  };
  run();
  MaxError err;
  for (int64_t y = 0; y < oh; ++y)
    for (int64_t x = 0; x < ow; ++x)
      for (int64_t ch = 0; ch < c; ch += 3) {
        double s = 0;
        for (int64_t ky = 0; ky < k; ++ky)
          for (int64_t kx = 0; kx < k; ++kx) {
            int64_t iy = y * stride - p + ky, ix = x * stride - p + kx;
            if (iy >= 0 && iy < h && ix >= 0 && ix < w)
              s += double(in[(iy * w + ix) * c + ch]) * f[(ch * k + ky) * k + kx];
          }
        err.add(s, out[(y * ow + x) * c + ch]);
      }
  report(name,
         std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c) +
             ",k" + std::to_string(k) + "s" + std::to_string(stride),
         2.0 * oh * ow * c * k * k, err.relative(), run);
}

/// mobilenet_block whole, as the model runs it: NCHW in, depthwise 3x3
/// (relu6) -> 1x1 conv (relu6) -> depthwise 3x3 stride 2 (relu6) -> 1x1
/// conv (relu6), NCHW out. `chained`: one pd_uk_band_chain (the
/// intermediates stay in L2); else the four kernels, each over the whole
/// tensor. Checked against a float64 reference on sampled outputs.
void mobilenetBlock(const std::string &name, bool chained) {
  const int64_t h = 112, w = 112, c0 = 32, c1 = 64, c2 = 128, h2 = 56, w2 = 56;
  Buffer in = values(c0 * h * w, 11);
  Buffer f1 = values(c0 * 9, 12), f2 = values(c1 * c0, 13),
         f3 = values(c1 * 9, 14), f4 = values(c2 * c1, 15);
  Buffer b1 = values(c0, 16), b2 = values(c1, 17), b3 = values(c1, 18),
         b4 = values(c2, 19);
  Buffer p1(c0 * 9), p2(pd_uk_packed_b_size(c0, c1)), p3(c1 * 9),
      p4(pd_uk_packed_b_size(c1, c2));
  pd_uk_pack_depthwise(c0, 3, 3, addr(f1.data()), addr(p1.data()));
  pd_uk_pack_b(1, c0, c1, addr(f2.data()), c0, 0, 1, addr(p2.data()), 0);
  pd_uk_pack_depthwise(c1, 3, 3, addr(f3.data()), addr(p3.data()));
  pd_uk_pack_b(1, c1, c2, addr(f4.data()), c1, 0, 1, addr(p4.data()), 0);
  Buffer t1(h * w * c0), t2(h * w * c1), t3(h2 * w2 * c1), out(c2 * h2 * w2);
  const int64_t relu6 = 2;
  auto stage = [&](int64_t kind, int64_t oc, int64_t k, int64_t s,
                   const Buffer &packed, const Buffer &bias) {
    std::vector<int64_t> d(PD_CHAIN_WORDS, 0);
    d[PD_CHAIN_KIND] = kind;
    d[PD_CHAIN_OUT_CHANNELS] = oc;
    d[PD_CHAIN_KERNEL_H] = d[PD_CHAIN_KERNEL_W] = k;
    d[PD_CHAIN_STRIDE_H] = d[PD_CHAIN_STRIDE_W] = s;
    d[PD_CHAIN_PAD_TOP] = d[PD_CHAIN_PAD_BOTTOM] = d[PD_CHAIN_PAD_LEFT] =
        d[PD_CHAIN_PAD_RIGHT] = k / 2;
    d[PD_CHAIN_DILATION_H] = d[PD_CHAIN_DILATION_W] = 1;
    d[PD_CHAIN_WEIGHTS] = addr(packed.data());
    d[PD_CHAIN_BIAS] = addr(bias.data());
    d[PD_CHAIN_ACTIVATION] = relu6;
    return d;
  };
  std::vector<int64_t> words;
  for (auto d : {stage(PD_CHAIN_DEPTHWISE, c0, 3, 1, p1, b1),
                 stage(PD_CHAIN_POINTWISE, c1, 1, 1, p2, b2),
                 stage(PD_CHAIN_DEPTHWISE, c1, 3, 2, p3, b3),
                 stage(PD_CHAIN_POINTWISE, c2, 1, 1, p4, b4)})
    words.insert(words.end(), d.begin(), d.end());
  auto run = [&] {
    if (chained) {
      pd_uk_band_chain(4, addr(words.data()), 1, h, w, c0, addr(in.data()),
                       addr(out.data()), 1, 1);
      return;
    }
    pd_uk_depthwise_nhwc(1, h, w, c0, h, w, 3, 3, 1, 1, 1, 1, 1, 1, addr(in.data()),
                         addr(p1.data()), addr(t1.data()), addr(b1.data()), 0,
                         relu6, 0, 1);
    pd_uk_gemm(1, h * w, c1, c0, addr(t1.data()), c0, 0, addr(p2.data()), 0,
               addr(t2.data()), c1, 0, addr(b2.data()), 0, 0, 0, relu6, 0);
    pd_uk_depthwise_nhwc(1, h, w, c1, h2, w2, 3, 3, 2, 2, 1, 1, 1, 1,
                         addr(t2.data()), addr(p3.data()), addr(t3.data()),
                         addr(b3.data()), 0, relu6, 0, 0);
    pd_uk_gemm_channels_first(1, h2 * w2, c2, c1, addr(t3.data()), addr(p4.data()),
                              addr(out.data()), addr(b4.data()), 0, relu6, 0);
  };
  run();
  // float64 reference of every stage (NCHW input, NHWC intermediates).
  auto r6 = [](double x) { return std::min(std::max(x, 0.0), 6.0); };
  std::vector<double> r1(h * w * c0), r2(h * w * c1), r3(h2 * w2 * c1);
  auto depthwiseRef = [&](auto at, int64_t ih, int64_t iw, int64_t c, int64_t s,
                          const Buffer &f, const Buffer &b, std::vector<double> &o) {
    int64_t oh = (ih - 1) / s + 1, ow = (iw - 1) / s + 1;
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x)
        for (int64_t ch = 0; ch < c; ++ch) {
          double sum = b[ch];
          for (int64_t ky = 0; ky < 3; ++ky)
            for (int64_t kx = 0; kx < 3; ++kx) {
              int64_t iy = y * s - 1 + ky, ix = x * s - 1 + kx;
              if (iy >= 0 && iy < ih && ix >= 0 && ix < iw)
                sum += at(iy, ix, ch) * f[(ch * 3 + ky) * 3 + kx];
            }
          o[(y * ow + x) * c + ch] = r6(sum);
        }
  };
  depthwiseRef([&](int64_t y, int64_t x, int64_t ch) { return double(in[(ch * h + y) * w + x]); },
               h, w, c0, 1, f1, b1, r1);
  for (int64_t p = 0; p < h * w; ++p)
    for (int64_t o = 0; o < c1; ++o) {
      double sum = b2[o];
      for (int64_t i = 0; i < c0; ++i)
        sum += r1[p * c0 + i] * f2[o * c0 + i];
      r2[p * c1 + o] = r6(sum);
    }
  depthwiseRef([&](int64_t y, int64_t x, int64_t ch) { return r2[(y * w + x) * c1 + ch]; },
               h, w, c1, 2, f3, b3, r3);
  MaxError err;
  for (int64_t p = 0; p < h2 * w2; p += 3)
    for (int64_t o = 0; o < c2; o += 5) {
      double sum = b4[o];
      for (int64_t i = 0; i < c1; ++i)
        sum += r3[p * c1 + i] * f4[o * c1 + i];
      err.add(r6(sum), out[o * h2 * w2 + p]);
    }
  double flops = 2.0 * (h * w * c0 * 9 + h * w * c0 * c1 + h2 * w2 * c1 * 9 +
                        h2 * w2 * c1 * c2);
  report(name, "1x32x112x112", flops, err.relative(), run);
}

/// The FMA peak of one core: 12 independent chains of 16-lane FMAs.
typedef float v16 __attribute__((ext_vector_type(16)));
__attribute__((noinline)) double peakFma() {
  v16 acc[12];
  for (int i = 0; i < 12; ++i)
    acc[i] = v16(float(i) * 1e-3f);
  v16 x = v16(0.999999f), y = v16(1e-7f);
  const long iterations = 20000000;
  double t0 = threadSeconds();
  for (long it = 0; it < iterations; ++it) {
#pragma clang loop unroll(full)
    for (int i = 0; i < 12; ++i)
      acc[i] = __builtin_elementwise_fma(acc[i], x, y);
    __asm__ volatile("" : "+v"(acc[0]), "+v"(acc[1]), "+v"(acc[2]), "+v"(acc[3]),
                     "+v"(acc[4]), "+v"(acc[5]), "+v"(acc[6]), "+v"(acc[7]),
                     "+v"(acc[8]), "+v"(acc[9]), "+v"(acc[10]), "+v"(acc[11]));
  }
  double t = threadSeconds() - t0;
  float sink = 0;
  for (int i = 0; i < 12; ++i)
    sink += acc[i][0];
  if (sink == 12345.0f)
    std::puts("");
  return 2.0 * 16 * 12 * double(iterations) / t / 1e9;
}

/// GB/s at which this core reads a buffer the size of the stride-2
/// depthwise band's input (458 KB: in L2, not in L1), 64-byte vectors in
/// order; the median of repeated passes, thread CPU time.
__attribute__((noinline)) double l2ReadGBs() {
  const int64_t floats = 16 * 112 * 64;
  Buffer b = values(floats, 7);
  std::vector<double> times;
  v16 sum[8] = {};
  for (int pass = 0; pass < 2000; ++pass) {
    double t0 = threadSeconds();
    for (int64_t i = 0; i < floats; i += 128)
#pragma clang loop unroll(full)
      for (int j = 0; j < 8; ++j) {
        v16 x;
        std::memcpy(&x, b.data() + i + 16 * j, sizeof x);
        sum[j] += x;
      }
    __asm__ volatile("" : "+v"(sum[0]), "+v"(sum[1]), "+v"(sum[2]), "+v"(sum[3]),
                     "+v"(sum[4]), "+v"(sum[5]), "+v"(sum[6]), "+v"(sum[7]));
    times.push_back(threadSeconds() - t0);
  }
  std::sort(times.begin(), times.end());
  return double(floats) * sizeof(float) / times[times.size() / 2] / 1e9;
}

} // namespace

/// What the runtime hands an artifact, for a bench with no runtime: memory
/// from the C library, one thread, and this core's L2 (which the kernels
/// choose loop orders by).
void *benchAlloc(uint64_t bytes, uint64_t align) {
  return std::aligned_alloc(align < 64 ? 64 : align, (bytes + 63) / 64 * 64);
}
void *benchOutputAlloc(int64_t, uint64_t bytes, uint64_t align) {
  return benchAlloc(bytes, align);
}
void benchParallelFor(int64_t n, int64_t, pd_task_fn fn, void *data) { fn(data, 0, n); }
int32_t benchThreadCount() { return 1; }

int main(int argc, char **argv) {
  long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
  static const pd_runtime_abi abi = {PD_ARTIFACT_ABI_VERSION, benchAlloc, std::free,
                                     benchOutputAlloc, benchParallelFor,
                                     benchThreadCount, l2 > 0 ? uint64_t(l2) : 0};
  pd_artifact_bind(&abi);
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) {
      only = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--seconds S] [--only NAME-PART]\n", argv[0]);
      return 2;
    }
  }
  std::printf("peak_fma gflops %.1f\n", peakFma());
  std::printf("l2_read gbps %.1f\n", l2ReadGBs());
  // transformer (d 256, 4 heads, sequence 128, feed-forward 1024): the
  // projections, one head's attention products, the feed-forward pair.
  gemm("transformer.qkv", 128, 768, 256, true);
  gemm("transformer.out_proj", 128, 256, 256, true);
  gemm("transformer.scores", 128, 128, 64, true);
  gemm("transformer.context", 128, 64, 128, false);
  gemm("transformer.ffn1", 128, 1024, 256, true);
  gemm("transformer.ffn2", 128, 256, 1024, true);
  // resnet_block's 3x3 conv, 64 -> 64 on 56x56: as compiled (Winograd's
  // F(4x4, 3x3)), through F(2x2, 3x3), and direct.
  conv("resnet_block.conv3x3.winograd4", 56, 56, 64, 64, 3, 1, 1, 4);
  conv("resnet_block.conv3x3.winograd2", 56, 56, 64, 64, 3, 1, 1, 2);
  conv("resnet_block.conv3x3.direct", 56, 56, 64, 64, 3, 1, 1, 0);
  // mobilenet_block: depthwise 3x3 at stride 1 and 2, and the 1x1 convs
  // (GEMMs over NHWC pixels).
  depthwise("mobilenet_block.dw_s1", 112, 112, 32, 1);
  depthwise("mobilenet_block.dw_s2", 112, 112, 64, 2);
  // The same layers on 8 output rows, whose input and output stay in L2:
  // the row-band chain the model runs them in hands each one a few rows at
  // a time, so these rows measure the tiles, not this machine's memory.
  depthwise("mobilenet_block.dw_s1.band", 8, 112, 32, 1);
  depthwise("mobilenet_block.dw_s2.band", 16, 112, 64, 2);
  gemm("mobilenet_block.pw1", 112 * 112, 64, 32, true);
  gemm("mobilenet_block.pw2", 56 * 56, 128, 64, true);
  // The whole block, NCHW at its edges: kernel by kernel, and as one
  // row-band chain (what pd-export compiles it to).
  mobilenetBlock("mobilenet_block.block.kernels", false);
  mobilenetBlock("mobilenet_block.block.chain", true);
  // paddle.vision resnet50's layers, one of each shape class per stage.
  // mobilenet_v3_small's classifier at batch 1: matrix-vector products
  // that stream their weights.
  gemm("mobilenet_v3_small.fc1", 1, 1024, 576, true);
  gemm("mobilenet_v3_small.fc2", 1, 1000, 1024, true);
  // Its stem: 3x3 taps of 3 channels a pixel, 16 output channels.
  conv("mobilenet_v3_small.stem3x3s2", 226, 226, 3, 16, 3, 2, 0, 0);
  // Its 1x1 convolutions whose output channels end in a panel of 16 (packed
  // 16 wide, not 32): the 56x56 expansion to 72, the 14x14 projections to
  // 40 and 48.
  gemm("mobilenet_v3_small.pw56.16to72", 56 * 56, 72, 16, true);
  gemm("mobilenet_v3_small.pw14.240to40", 14 * 14, 40, 240, true);
  gemm("mobilenet_v3_small.pw14.144to48", 14 * 14, 48, 144, true);
  // Its 5x5 depthwise convolutions: the stride-2 ones that enter the
  // 14x14 and 7x7 stages, one of the 14x14 stage's and the 7x7 stage's.
  depthwise("mobilenet_v3_small.dw5x5s2.28", 28, 28, 96, 2, 5);
  depthwise("mobilenet_v3_small.dw5x5.14", 14, 14, 240, 1, 5);
  depthwise("mobilenet_v3_small.dw5x5s2.14", 14, 14, 288, 2, 5);
  depthwise("mobilenet_v3_small.dw5x5.7", 7, 7, 576, 1, 5);
  conv("resnet50.stem7x7s2", 230, 230, 3, 64, 7, 2, 0, 0);
  // Each stage of `width` channels on h x h maps: its 1x1 reduce (from 4x
  // width) and expand, its 3x3 conv as compiled (Winograd's F(4x4, 3x3) on
  // 56x56 and 28x28, F(2x2, 3x3) on 14x14, direct on 7x7) and the other
  // ways, and from stage 2 on the stride-2 layers that enter it from the
  // previous stage's 2h x 2h maps.
  for (int stage = 1; stage <= 4; ++stage) {
    int64_t h = 56 >> (stage - 1), width = 64 << (stage - 1);
    std::string l = "resnet50.l" + std::to_string(stage) + ".";
    gemm(l + "reduce", h * h, width, 4 * width, true);
    conv(l + "conv3x3.winograd4", h, h, width, width, 3, 1, 1, 4);
    conv(l + "conv3x3.winograd2", h, h, width, width, 3, 1, 1, 2);
    if (stage >= 3)
      conv(l + "conv3x3.direct", h, h, width, width, 3, 1, 1, 0);
    if (stage >= 2)
      conv(l + "conv3x3s2", 2 * h, 2 * h, width, width, 3, 2, 1, 0);
    gemm(l + "expand", h * h, 4 * width, width, true);
    if (stage >= 2)
      conv(l + "downsample", 2 * h, 2 * h, 2 * width, 4 * width, 1, 2, 0, 0);
  }
  return 0;
}

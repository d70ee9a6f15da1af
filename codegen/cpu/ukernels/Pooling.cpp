//===- Pooling.cpp - max and average pooling, NHWC ------------------------===//
//
// Windows of a channel group at a time, output rows on the threads.
//
//===----------------------------------------------------------------------===//

#include "Vectors.h"
#include "Ukernels.h"

namespace pd::uk {
namespace {

struct PoolTask {
  int64_t h, w, c, oh, ow, kh, kw, sh, sw, ph, pw;
  bool average, exclusive;
  const float *in;
  float *out;
};

/// IEEE 754-2019 maximum, as arith.maximumf (and so the generic pooling
/// lowering) computes it: a NaN wins, +0 over -0.
template <typename V> inline V maximumf(V a, V b) {
  using I = int __attribute__((ext_vector_type(sizeof(V) / sizeof(float))));
  I ai = __builtin_bit_cast(I, a), bi = __builtin_bit_cast(I, b);
  I m = a > b ? ai : (b > a ? bi : (ai & bi));
  return ((a != a) | (b != b)) ? a + b : __builtin_bit_cast(V, m);
}

/// Output rows [begin, end) (counted n * OH + oy), every pixel and channel
/// group: each window's taps inside the input in row-major order (a tap
/// outside is -inf for the maximum and 0 for the sum, which changes
/// neither), the sum then divided by the taps counted.
void poolTasks(void *data, int64_t begin, int64_t end) {
  const PoolTask &t = *static_cast<const PoolTask *>(data);
  for (int64_t row = begin; row < end; ++row) {
    int64_t n = row / t.oh, oy = row % t.oh;
    int64_t y0 = oy * t.sh - t.ph, y1 = y0 + t.kh;
    y0 = y0 > 0 ? y0 : 0;
    y1 = y1 < t.h ? y1 : t.h;
    const float *image = t.in + n * t.h * t.w * t.c;
    float *out = t.out + row * t.ow * t.c;
    for (int64_t ox = 0; ox < t.ow; ++ox) {
      int64_t x0 = ox * t.sw - t.pw, x1 = x0 + t.kw;
      x0 = x0 > 0 ? x0 : 0;
      x1 = x1 < t.w ? x1 : t.w;
      float count = float(t.exclusive ? (y1 - y0) * (x1 - x0) : t.kh * t.kw);
      forEachChannelGroup(t.c, [&](auto lanes, int64_t c0) {
        using V = decltype(lanes);
        if (t.average) {
          V sum = V(0.0f);
          for (int64_t y = y0; y < y1; ++y)
            for (int64_t x = x0; x < x1; ++x)
              sum += loadv<V>(image + (y * t.w + x) * t.c + c0);
          storev(out + ox * t.c + c0, sum / V(count));
          return;
        }
        V m = V(-__builtin_inff());
        for (int64_t y = y0; y < y1; ++y)
          for (int64_t x = x0; x < x1; ++x)
            m = maximumf(m, loadv<V>(image + (y * t.w + x) * t.c + c0));
        storev(out + ox * t.c + c0, m);
      });
    }
  }
}

} // namespace

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

/// out [N, OH, OW, C] = the maximum (or with `average` the mean) of each
/// kh x kw window of in [N, H, W, C], windows (sh, sw) apart from (-ph,
/// -pw); output rows on the threads.
PD_UKERNEL void pd_uk_pool_nhwc(int64_t n, int64_t h, int64_t w, int64_t c,
                                int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                                int64_t sh, int64_t sw, int64_t ph, int64_t pw,
                                int64_t average, int64_t exclusive, int64_t in,
                                int64_t out) {
  PoolTask t{h,  w,  c,  oh, ow, kh, kw, sh, sw, ph, pw, average != 0, exclusive != 0,
             ptr<const float>(in), ptr<float>(out)};
  parallelFor(n * oh, grainFor(ow * c * kh * kw), poolTasks, &t);
}

} // extern "C"

//===- Rows.cpp - row-wise softmax and layer normalization ----------------===//
//
// Along the last dim, a row per task piece: the rows of attention scores
// and of a transformer's activations spread over the threads, each row in
// 16-lane vectors (the tail through a padded vector). Sums run in a fixed
// order, so results do not depend on the thread count.
//
//===----------------------------------------------------------------------===//

#include "Vectors.h"
#include "Ukernels.h"

namespace pd::uk {
namespace {

typedef int32_t vi16 __attribute__((ext_vector_type(16)));

/// exp(x) in float, within 2 ulp (Cephes' expf): x = n ln2 + r with
/// |r| <= ln2 / 2, a degree-6 polynomial in r, scaled by 2^n.
inline v16 expv(v16 x) {
  x = vmin(vmax(x, v16(-87.3365448f)), v16(88.3762626f));
  v16 n = __builtin_elementwise_floor(fma(x, v16(1.44269504088896341f), v16(0.5f)));
  v16 r = fma(n, v16(-0.693359375f), x);
  r = fma(n, v16(2.12194440e-4f), r);
  v16 p = v16(1.9875691500e-4f);
  p = fma(p, r, v16(1.3981999507e-3f));
  p = fma(p, r, v16(8.3334519073e-3f));
  p = fma(p, r, v16(4.1665795894e-2f));
  p = fma(p, r, v16(1.6666665459e-1f));
  p = fma(p, r, v16(5.0000001201e-1f));
  p = fma(p, r * r, r + v16(1.0f));
  vi16 bits = (__builtin_convertvector(n, vi16) + 127) << 23;
  return p * __builtin_bit_cast(v16, bits);
}

inline float hsum(v16 v) {
  float s = 0.0f;
#pragma clang loop unroll(full)
  for (int i = 0; i < 16; ++i)
    s += v[i];
  return s;
}
inline float hmax(v16 v) {
  float m = v[0];
#pragma clang loop unroll(full)
  for (int i = 1; i < 16; ++i)
    m = m > v[i] ? m : v[i];
  return m;
}

/// The `count` (< 16) values at p, the other lanes `fill`.
inline v16 loadTail(const float *p, int64_t count, float fill) {
  v16 v = v16(fill);
  for (int64_t i = 0; i < count; ++i)
    v[i] = p[i];
  return v;
}
inline void storeTail(float *p, int64_t count, v16 v) {
  for (int64_t i = 0; i < count; ++i)
    p[i] = v[i];
}
inline v16 laneMask(int64_t count) { // 1 in lanes below count, else 0
  v16 m = v16(0.0f);
  for (int64_t i = 0; i < count && i < 16; ++i)
    m[i] = 1.0f;
  return m;
}

struct RowTask {
  int64_t cols;
  const float *in, *scale, *bias;
  float *out;
  float epsilon;
};

void softmaxRows(void *data, int64_t begin, int64_t end) {
  const RowTask &t = *static_cast<const RowTask *>(data);
  int64_t n = t.cols, whole = n / 16 * 16, rest = n - whole;
  for (int64_t row = begin; row < end; ++row) {
    const float *x = t.in + row * n;
    float *y = t.out + row * n;
    v16 m = v16(-__builtin_inff());
    for (int64_t j = 0; j < whole; j += 16)
      m = vmax(m, load(x + j));
    if (rest)
      m = vmax(m, loadTail(x + whole, rest, -__builtin_inff()));
    v16 max = v16(hmax(m)), sum = v16(0.0f);
    for (int64_t j = 0; j < whole; j += 16) {
      v16 e = expv(load(x + j) - max);
      store(y + j, e);
      sum += e;
    }
    if (rest) {
      v16 e = expv(loadTail(x + whole, rest, 0.0f) - max) * laneMask(rest);
      storeTail(y + whole, rest, e);
      sum += e;
    }
    v16 total = v16(hsum(sum));
    for (int64_t j = 0; j < whole; j += 16)
      store(y + j, load(y + j) / total);
    if (rest)
      storeTail(y + whole, rest, loadTail(y + whole, rest, 0.0f) / total);
  }
}

void layerNormRows(void *data, int64_t begin, int64_t end) {
  const RowTask &t = *static_cast<const RowTask *>(data);
  int64_t n = t.cols, whole = n / 16 * 16, rest = n - whole;
  for (int64_t row = begin; row < end; ++row) {
    const float *x = t.in + row * n;
    float *y = t.out + row * n;
    v16 s = v16(0.0f);
    for (int64_t j = 0; j < whole; j += 16)
      s += load(x + j);
    if (rest)
      s += loadTail(x + whole, rest, 0.0f);
    v16 mean = v16(hsum(s) / float(n)), q = v16(0.0f);
    for (int64_t j = 0; j < whole; j += 16) {
      v16 d = load(x + j) - mean;
      q += d * d;
    }
    if (rest) {
      v16 d = (loadTail(x + whole, rest, 0.0f) - mean) * laneMask(rest);
      q += d * d;
    }
    v16 deviation = v16(__builtin_sqrtf(hsum(q) / float(n) + t.epsilon));
    auto normalize = [&](v16 v, int64_t j, bool tail) {
      v16 r = (v - mean) / deviation;
      if (t.scale)
        r *= tail ? loadTail(t.scale + j, rest, 0.0f) : load(t.scale + j);
      if (t.bias)
        r += tail ? loadTail(t.bias + j, rest, 0.0f) : load(t.bias + j);
      return r;
    };
    for (int64_t j = 0; j < whole; j += 16)
      store(y + j, normalize(load(x + j), j, false));
    if (rest)
      storeTail(y + whole, rest,
                normalize(loadTail(x + whole, rest, 0.0f), whole, true));
  }
}

} // namespace

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

/// out [rows, cols] = softmax of each row of in [rows, cols].
PD_UKERNEL void pd_uk_softmax_rows(int64_t rows, int64_t cols, int64_t in,
                                   int64_t out) {
  RowTask t{cols, ptr<const float>(in), nullptr, nullptr, ptr<float>(out), 0.0f};
  parallelFor(rows, grainFor(cols * 16), softmaxRows, &t);
}

/// out [rows, cols] = (row - mean) / sqrt(var + epsilon) * scale + bias
/// for each row of in; scale and bias [cols] or null; `epsilonBits` is the
/// float's bit pattern.
PD_UKERNEL void pd_uk_layer_norm_rows(int64_t rows, int64_t cols, int64_t in,
                                      int64_t scale, int64_t bias,
                                      int64_t epsilonBits, int64_t out) {
  RowTask t{cols, ptr<const float>(in), ptr<const float>(scale),
            ptr<const float>(bias), ptr<float>(out),
            __builtin_bit_cast(float, uint32_t(epsilonBits))};
  parallelFor(rows, grainFor(cols * 8), layerNormRows, &t);
}

} // extern "C"

//===- Transpose.cpp - transposes -----------------------------------------===//
//
// Any transpose that swaps two adjacent groups of dims, in 16 x 16 blocks
// through registers, and an NCHW image's rows staged channels-last.
//
//===----------------------------------------------------------------------===//

#include "Transpose.h"
#include "Ukernels.h"

namespace pd::uk {
namespace {

struct TransposeTask {
  int64_t a, b, inner, bytes; // [n][a][b][inner] -> [n][b][a][inner]
  const char *src;
  char *dst;
};

constexpr int64_t kTransposeBlock = 16;
/// Source rows per task: each destination row gets 64 contiguous elements
/// (whole cache lines) per column block, not 16.
constexpr int64_t kTransposeTaskRows = 4 * kTransposeBlock;

/// One block of up to 16 x 16 elements of T (a partial block at the edges).
template <typename T>
void transposeBlock(const T *src, T *dst, int64_t a, int64_t b, int64_t i0,
                    int64_t iEnd, int64_t j0, int64_t jEnd) {
  for (int64_t j = j0; j < jEnd; ++j)
    for (int64_t i = i0; i < iEnd; ++i)
      dst[j * a + i] = src[i * b + j];
}

typedef float v64 __attribute__((ext_vector_type(64)));

/// Four vectors as one: x[16 * i + k] = r[i][k].
inline v64 concat4(v16 r0, v16 r1, v16 r2, v16 r3) {
  using v32 = float __attribute__((ext_vector_type(32)));
  v32 lo = __builtin_shufflevector(r0, r1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                   11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                   22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
  v32 hi = __builtin_shufflevector(r2, r3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                   11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                   22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
  return __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                                 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                                 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
                                 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
                                 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
                                 60, 61, 62, 63);
}

/// Element e of A interleaved rows of 16 (x[16 * i + k] = row i, column k):
/// e = A * k + i.
template <int A, int V, int... K>
inline v16 interleaved(v64 x, Lanes<int, K...>) {
  return __builtin_shufflevector(x, x, (((V * 16 + K) % A) * 16 + (V * 16 + K) / A)...);
}

/// Row i of A rows interleaved in x (x[A * k + i]): the inverse.
template <int A, int I, int... K>
inline v16 deinterleaved(v64 x, Lanes<int, K...>) {
  return __builtin_shufflevector(x, x, (K * A + I)...);
}

/// A matrix of A (2 to 4) rows, 16 columns at a time: dst[j][i] =
/// src[i][j] for j in [j0, j0 + 16), as A loads and A stores of 16
/// elements. An image's 3 channels to channels-last would otherwise move
/// one element at a time.
template <int A>
void transposeFewRows(const float *src, float *dst, int64_t b, int64_t j0) {
  v16 r[4];
#pragma clang loop unroll(full)
  for (int i = 0; i < 4; ++i)
    r[i] = load(src + (i < A ? i : A - 1) * b + j0);
  v64 x = concat4(r[0], r[1], r[2], r[3]);
  float *out = dst + j0 * A;
  store(out, interleaved<A, 0>(x, Lanes16()));
  store(out + 16, interleaved<A, 1>(x, Lanes16()));
  if constexpr (A > 2)
    store(out + 32, interleaved<A, 2>(x, Lanes16()));
  if constexpr (A > 3)
    store(out + 48, interleaved<A, 3>(x, Lanes16()));
}

/// The reverse: a matrix of B (2 to 4) columns, 16 rows at a time:
/// dst[j][i] = src[i][j] for i in [i0, i0 + 16).
template <int B>
void transposeFewColumns(const float *src, float *dst, int64_t a, int64_t i0) {
  const float *in = src + i0 * B;
  v16 r[4];
#pragma clang loop unroll(full)
  for (int v = 0; v < 4; ++v)
    r[v] = v < B ? load(in + 16 * v) : splat(0.0f);
  v64 x = concat4(r[0], r[1], r[2], r[3]);
  store(dst + i0, deinterleaved<B, 0>(x, Lanes16()));
  store(dst + a + i0, deinterleaved<B, 1>(x, Lanes16()));
  if constexpr (B > 2)
    store(dst + 2 * a + i0, deinterleaved<B, 2>(x, Lanes16()));
  if constexpr (B > 3)
    store(dst + 3 * a + i0, deinterleaved<B, 3>(x, Lanes16()));
}

/// Whether a 4-byte matrix [a][b] goes through the kernels above: 2 to 4
/// rows, or else 2 to 4 columns.
inline bool fewRows(int64_t a) { return a >= 2 && a <= 4; }
inline bool hasSmallSide(int64_t a, int64_t b) {
  return fewRows(a) || (b >= 2 && b <= 4);
}

/// The part of a task's block [r0, rEnd) x [c0, cEnd) of such a matrix
/// (every row, or every column, of it) in 16-element steps along the long
/// side, then the rest one element at a time.
void transposeSmallSide(const float *src, float *dst, int64_t a, int64_t b,
                        int64_t r0, int64_t rEnd, int64_t c0, int64_t cEnd) {
  if (fewRows(a)) {
    int64_t j = c0;
    for (; j + 16 <= cEnd; j += 16)
      a == 2 ? transposeFewRows<2>(src, dst, b, j)
      : a == 3 ? transposeFewRows<3>(src, dst, b, j)
               : transposeFewRows<4>(src, dst, b, j);
    transposeBlock(src, dst, a, b, 0, a, j, cEnd);
    return;
  }
  int64_t i = r0;
  for (; i + 16 <= rEnd; i += 16)
    b == 2 ? transposeFewColumns<2>(src, dst, a, i)
    : b == 3 ? transposeFewColumns<3>(src, dst, a, i)
             : transposeFewColumns<4>(src, dst, a, i);
  transposeBlock(src, dst, a, b, i, rEnd, 0, b);
}

/// Source columns per task: a few rows (an image's channels) still make
/// enough tasks for every thread.
constexpr int64_t kTransposeTaskColumns = 1024;

/// Tasks: (matrix, block of kTransposeTaskRows source rows, block of
/// kTransposeTaskColumns columns), in blocks of 16 x 16 elements, column
/// block by column block.
void transposeTasks(void *data, int64_t begin, int64_t end) {
  const TransposeTask &t = *static_cast<const TransposeTask *>(data);
  int64_t rowBlocks = (t.a + kTransposeTaskRows - 1) / kTransposeTaskRows;
  int64_t colBlocks = (t.b + kTransposeTaskColumns - 1) / kTransposeTaskColumns;
  int64_t unit = t.inner * t.bytes; // bytes moved as one element
  for (int64_t task = begin; task < end; ++task) {
    int64_t m = task / (rowBlocks * colBlocks), rest = task % (rowBlocks * colBlocks);
    int64_t r0 = rest / colBlocks * kTransposeTaskRows;
    int64_t c0 = rest % colBlocks * kTransposeTaskColumns;
    int64_t rEnd = r0 + kTransposeTaskRows < t.a ? r0 + kTransposeTaskRows : t.a;
    int64_t cEnd = c0 + kTransposeTaskColumns < t.b ? c0 + kTransposeTaskColumns : t.b;
    const char *src = t.src + m * t.a * t.b * unit;
    char *dst = t.dst + m * t.a * t.b * unit;
    if (unit == 4 && hasSmallSide(t.a, t.b)) {
      transposeSmallSide(reinterpret_cast<const float *>(src),
                         reinterpret_cast<float *>(dst), t.a, t.b, r0, rEnd,
                         c0, cEnd);
      continue;
    }
    for (int64_t j0 = c0; j0 < cEnd; j0 += kTransposeBlock)
    for (int64_t i0 = r0; i0 < rEnd; i0 += kTransposeBlock) {
      int64_t iEnd = i0 + kTransposeBlock < rEnd ? i0 + kTransposeBlock : rEnd;
      int64_t jEnd = j0 + kTransposeBlock < cEnd ? j0 + kTransposeBlock : cEnd;
      bool whole = iEnd - i0 == kTransposeBlock && jEnd - j0 == kTransposeBlock;
      switch (unit) {
      case 4:
        if (whole) {
          transpose16x16(reinterpret_cast<const float *>(src) + i0 * t.b + j0,
                         t.b, reinterpret_cast<float *>(dst) + j0 * t.a + i0,
                         t.a);
          break;
        }
        transposeBlock(reinterpret_cast<const uint32_t *>(src),
                       reinterpret_cast<uint32_t *>(dst), t.a, t.b, i0, iEnd,
                       j0, jEnd);
        break;
      case 8:
        transposeBlock(reinterpret_cast<const uint64_t *>(src),
                       reinterpret_cast<uint64_t *>(dst), t.a, t.b, i0, iEnd,
                       j0, jEnd);
        break;
      default:
        for (int64_t j = j0; j < jEnd; ++j)
          for (int64_t i = i0; i < iEnd; ++i)
            __builtin_memcpy(dst + (j * t.a + i) * unit,
                             src + (i * t.b + j) * unit, unit);
      }
    }
  }
}

} // namespace

/// Rows [y0, y1) of one NCHW image ([c][h][width]) channels-last in
/// `stage` ([rows][stagedWidth][c]): `left` zero columns before each row's
/// pixels, zeros after them.
void stageChannelsLast(const float *image, int64_t c, int64_t h, int64_t width,
                       int64_t left, int64_t stagedWidth, int64_t y0, int64_t y1,
                       float *stage) {
  int64_t plane = h * width;
  for (int64_t y = y0; y < y1; ++y) {
    float *row = stage + (y - y0) * stagedWidth * c;
    __builtin_memset(row, 0, sizeof(float) * left * c);
    __builtin_memset(row + (left + width) * c, 0,
                     sizeof(float) * (stagedWidth - left - width) * c);
    const float *src = image + y * width;
    float *dst = row + left * c;
    if (fewRows(c)) { // 2 to 4 channels (an image's colours): 16 pixels a step
      int64_t x = 0;
      for (; x + 16 <= width; x += 16)
        c == 2   ? transposeFewRows<2>(src, dst, plane, x)
        : c == 3 ? transposeFewRows<3>(src, dst, plane, x)
                 : transposeFewRows<4>(src, dst, plane, x);
      for (; x < width; ++x)
        for (int64_t ch = 0; ch < c; ++ch)
          dst[x * c + ch] = src[ch * plane + x];
      continue;
    }
    int64_t c0 = 0;
    for (; c0 + 16 <= c; c0 += 16) {
      int64_t x0 = 0;
      for (; x0 + 16 <= width; x0 += 16)
        transpose16x16(src + c0 * plane + x0, plane, dst + x0 * c + c0, c);
      for (int64_t x = x0; x < width; ++x)
        for (int64_t ch = c0; ch < c0 + 16; ++ch)
          dst[x * c + ch] = src[ch * plane + x];
    }
    for (int64_t x = 0; x < width; ++x)
      for (int64_t ch = c0; ch < c; ++ch)
        dst[x * c + ch] = src[ch * plane + x];
  }
}

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

/// dst [n][b][a][inner] = src [n][a][b][inner], elements of `bytes` bytes:
/// any transpose that swaps two adjacent groups of dims.
PD_UKERNEL void pd_uk_transpose(int64_t n, int64_t a, int64_t b, int64_t inner,
                     int64_t bytes, int64_t src, int64_t dst) {
  TransposeTask t;
  t.a = a; t.b = b; t.inner = inner; t.bytes = bytes;
  t.src = ptr<const char>(src);
  t.dst = ptr<char>(dst);
  int64_t rowBlocks = (a + kTransposeTaskRows - 1) / kTransposeTaskRows;
  int64_t colBlocks = (b + kTransposeTaskColumns - 1) / kTransposeTaskColumns;
  parallelFor(n * rowBlocks * colBlocks,
              grainFor(kTransposeTaskRows * kTransposeTaskColumns * inner),
              transposeTasks, &t);
}

} // extern "C"

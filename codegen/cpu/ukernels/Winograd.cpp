//===- Winograd.cpp - Winograd convolution F(MxM, 3x3), NHWC --------------===//
//
// A 3x3 stride-1 convolution computed per MxM output tile from its AxA input
// patch d (A = M + 2): Y = A^T [(G g G^T) . (B^T d B)] A, A^2 products per
// tile and channel pair instead of 9 M^2. The filter transform U = G g G^T is
// done when packing (load time); per block of tiles the input transform
// V = B^T d B is gathered into A^2 matrices [tiles, IC], multiplied by the
// A^2 [IC, OC] matrices of U with the GEMM tile, and the output transform
// applies the epilogue. F(2x2, 3x3) (16 products for 4 outputs) only adds,
// subtracts and halves; F(4x4, 3x3) (36 for 16) multiplies by up to 8 and,
// in U, by 1/6 and 1/24, and rounds about ten times more: ~5e-6 of the
// largest output on resnet50's layers (pd-kernel-bench), against ~5e-7.
//
//===----------------------------------------------------------------------===//

#include "Convolution.h"
#include "Gemm.h"
#include "Ukernels.h"

namespace pd::uk {
namespace {

/// The one-dimensional transforms of F(M, 3), applied to the columns and
/// then the rows of a tile: B^T (input, A -> A), A^T (output, A -> M) and
/// G (filter, 3 -> A).
template <int M> struct WinogradF;

template <> struct WinogradF<2> {
  static constexpr int kAlpha = 4;
  template <typename T> static void input(const T (&d)[4], T (&v)[4]) {
    v[0] = d[0] - d[2];
    v[1] = d[1] + d[2];
    v[2] = d[2] - d[1];
    v[3] = d[1] - d[3];
  }
  template <typename T> static void output(const T (&m)[4], T (&y)[2]) {
    y[0] = m[0] + m[1] + m[2];
    y[1] = m[1] - m[2] - m[3];
  }
  static void filter(const double (&g)[3], double (&u)[4]) {
    u[0] = g[0];
    u[1] = 0.5 * (g[0] + g[1] + g[2]);
    u[2] = 0.5 * (g[0] - g[1] + g[2]);
    u[3] = g[2];
  }
};

// Lavin and Gray's points 0, 1, -1, 2, -2 and infinity.
template <> struct WinogradF<4> {
  static constexpr int kAlpha = 6;
  template <typename T> static void input(const T (&d)[6], T (&v)[6]) {
    T s12 = d[1] + d[2], d12 = d[1] - d[2], s34 = d[3] + d[4];
    T d43 = d[4] - d[3], d31 = d[3] - d[1], d42 = d[4] - d[2];
    v[0] = T(4.0f) * d[0] - T(5.0f) * d[2] + d[4];
    v[1] = s34 - T(4.0f) * s12;
    v[2] = d43 + T(4.0f) * d12;
    v[3] = d42 + T(2.0f) * d31;
    v[4] = d42 - T(2.0f) * d31;
    v[5] = T(4.0f) * d[1] - T(5.0f) * d[3] + d[5];
  }
  template <typename T> static void output(const T (&m)[6], T (&y)[4]) {
    T s12 = m[1] + m[2], d12 = m[1] - m[2];
    T s34 = m[3] + m[4], d34 = m[3] - m[4];
    y[0] = m[0] + s12 + s34;
    y[1] = d12 + T(2.0f) * d34;
    y[2] = s12 + T(4.0f) * s34;
    y[3] = d12 + T(8.0f) * d34 + m[5];
  }
  static void filter(const double (&g)[3], double (&u)[6]) {
    u[0] = g[0] / 4;
    u[1] = -(g[0] + g[1] + g[2]) / 6;
    u[2] = -(g[0] - g[1] + g[2]) / 6;
    u[3] = g[0] / 24 + g[1] / 12 + g[2] / 6;
    u[4] = g[0] / 24 - g[1] / 12 + g[2] / 6;
    u[5] = g[2];
  }
};

/// out[k * outStride] = T(in[k * inStride]): one line of a tile, N values
/// into ON.
template <int N, int ON, typename T, typename F>
inline void winogradLine(const T *in, int inStride, T *out, int outStride,
                         F &oneD) {
  T x[N], y[ON];
#pragma clang loop unroll(full)
  for (int k = 0; k < N; ++k)
    x[k] = in[k * inStride];
  oneD(x, y);
#pragma clang loop unroll(full)
  for (int k = 0; k < ON; ++k)
    out[k * outStride] = y[k];
}

/// out = T(in) down the columns, then across the rows, of an R x C tile
/// stored row-major; T maps R (and C) values to OR (and OC).
template <int R, int C, int OR, int OC, typename T, typename F>
inline void winogradTwoD(const T (&in)[R * C], T (&out)[OR * OC], F &&oneD) {
  T cols[OR * C];
#pragma clang loop unroll(full)
  for (int j = 0; j < C; ++j)
    winogradLine<R, OR>(in + j, C, cols + j, C, oneD);
#pragma clang loop unroll(full)
  for (int i = 0; i < OR; ++i)
    winogradLine<C, OC>(cols + i * C, 1, out + i * OC, 1, oneD);
}

/// U = G g G^T of one filter [3][3] (in float64: it is computed once).
template <int M>
void winogradFilter(const float *g, float *u) {
  using F = WinogradF<M>;
  constexpr int A = F::kAlpha;
  double in[9], out[A * A];
  for (int i = 0; i < 9; ++i)
    in[i] = g[i];
  winogradTwoD<3, 3, A, A>(in, out, [](auto &x, auto &y) { F::filter(x, y); });
  for (int i = 0; i < A * A; ++i)
    u[i] = float(out[i]);
}

struct WinogradTask {
  int64_t m;                       // the output tile: F(m x m, 3x3)
  int64_t n, h, w, ic, oh, ow, oc; // h, w: the padded input
  int64_t tilesH, tilesW, tiles, blockTiles;
  const float *in, *up; // up: U packed [A^2][panel][IC][NR]
  float *out;
  Epilogue e;
  int64_t panels, nr;

  int64_t products() const { return pd_winograd_products(m); }
  /// The tiles of block `task` (blockTiles, the last one fewer).
  int64_t blockCount(int64_t task) const {
    int64_t t0 = task * blockTiles;
    return tiles - t0 < blockTiles ? tiles - t0 : blockTiles;
  }
};

/// Tiles per task: enough rows for the GEMM tile, scratch within L2.
int64_t winogradBlockTiles(int64_t products, int64_t ic, int64_t oc) {
  int64_t widest = ic > oc ? ic : oc;
  int64_t tiles = (192 * 1024) / (products * widest * int64_t(sizeof(float)));
  tiles = tiles / kMaxRows * kMaxRows;
  return tiles < kMaxRows ? kMaxRows : tiles > 4 * kMaxRows ? 4 * kMaxRows : tiles;
}

/// Input transform of tiles [t0, t0 + count) into vt [A^2][perXi][IC], the
/// first at row 0 of each of the A^2.
template <typename V, int M>
void winogradGather(const WinogradTask &t, int64_t t0, int64_t count,
                    int64_t perXi, int64_t c0, float *vt) {
  using F = WinogradF<M>;
  constexpr int A = F::kAlpha;
  for (int64_t i = 0; i < count; ++i) {
    int64_t tile = t0 + i, tx = tile % t.tilesW, rest = tile / t.tilesW;
    int64_t ty = rest % t.tilesH, b = rest / t.tilesH;
    const float *p = t.in + ((b * t.h + M * ty) * t.w + M * tx) * t.ic + c0;
    V d[A * A], v[A * A];
#pragma clang loop unroll(full)
    for (int y = 0; y < A; ++y)
#pragma clang loop unroll(full)
      for (int x = 0; x < A; ++x)
        d[y * A + x] = loadv<V>(p + (y * t.w + x) * t.ic);
    winogradTwoD<A, A, A, A>(d, v, [](auto &x, auto &y) { F::input(x, y); });
#pragma clang loop unroll(full)
    for (int xi = 0; xi < A * A; ++xi)
      storev(vt + (xi * perXi + i) * t.ic + c0, v[xi]);
  }
}

/// Output transform of tiles [t0, t0 + count) from mt [A^2][perXi][OC]
/// (the first at row 0 of each), through the epilogue, for channels
/// [c0, c0 + lanes of V).
template <typename V, int M>
void winogradScatter(const WinogradTask &t, int64_t t0, int64_t count,
                     int64_t perXi, int64_t c0, const float *mt) {
  using F = WinogradF<M>;
  constexpr int A = F::kAlpha;
  V bias = t.e.bias ? loadv<V>(t.e.bias + c0) : V(0.0f);
  for (int64_t i = 0; i < count; ++i) {
    int64_t tile = t0 + i, tx = tile % t.tilesW, rest = tile / t.tilesW;
    int64_t ty = rest % t.tilesH, b = rest / t.tilesH;
    V m[A * A], y[M * M];
#pragma clang loop unroll(full)
    for (int xi = 0; xi < A * A; ++xi)
      m[xi] = loadv<V>(mt + (xi * perXi + i) * t.oc + c0);
    winogradTwoD<A, A, M, M>(m, y, [](auto &x, auto &z) { F::output(x, z); });
#pragma clang loop unroll(full)
    for (int k = 0; k < M * M; ++k) {
      int64_t oy = M * ty + k / M, ox = M * tx + k % M;
      if (oy >= t.oh || ox >= t.ow)
        continue;
      int64_t o = ((b * t.oh + oy) * t.ow + ox) * t.oc + c0;
      V x = activate(y[k] + bias, t.e.act1);
      if (t.e.residual)
        x += loadv<V>(t.e.residual + o);
      storev(t.out + o, activate(x, t.e.act2));
    }
  }
}

/// The transforms for channels [0, IC) (or [0, OC)), in groups of 16
/// lanes, then 8, then 1, at the task's tile size.
template <typename Body> void winogradForEachGroup(const WinogradTask &t, int64_t c, Body &&body) {
  forEachChannelGroup(c, [&](auto lanes, int64_t c0) {
    if (t.m == 4)
      body(lanes, TileWidth<4>(), c0);
    else
      body(lanes, TileWidth<2>(), c0);
  });
}

/// The product of one of the A^2 matrices: mt[xi] [count, OC] = vt[xi]
/// [count, IC] x U[xi] [IC, OC], in tiles of 12 rows.
void winogradProduct(const WinogradTask &t, int xi, int64_t count,
                     int64_t perXi, const float *vt, float *mt) {
  int64_t zero = 0;
  Epilogue none;
  Panels panels{t.up + xi * t.panels * t.ic * t.nr, t.panels, t.ic * t.nr, 0, t.oc};
  for (int64_t r0 = 0; r0 < count; r0 += kMaxRows) {
    int mr = int(count - r0 < kMaxRows ? count - r0 : kMaxRows);
    int64_t rows[kMaxRows], outRows[kMaxRows];
    for (int i = 0; i < mr; ++i) {
      rows[i] = (xi * perXi + r0 + i) * t.ic;
      outRows[i] = (xi * perXi + r0 + i) * t.oc;
    }
    tileRowsOf(t.nr, mr, vt, rows, 1, &zero, &zero, t.ic, panels, mt, outRows,
               none, outRows);
  }
}

void winogradTasks(void *data, int64_t begin, int64_t end) {
  const WinogradTask &t = *static_cast<const WinogradTask *>(data);
  // Scratch for one block: V [A^2][tiles][IC] and M [A^2][tiles][OC], on
  // this thread's stack (winogradBlockTiles bounds it to 384 KiB).
  int64_t products = t.products();
  float *vt = static_cast<float *>(
      __builtin_alloca(sizeof(float) * products * t.blockTiles * t.ic + 64));
  float *mt = static_cast<float *>(
      __builtin_alloca(sizeof(float) * products * t.blockTiles * t.oc + 64));
  for (int64_t task = begin; task < end; ++task) {
    int64_t t0 = task * t.blockTiles, count = t.blockCount(task);
    winogradForEachGroup(t, t.ic, [&](auto lanes, auto m, int64_t c0) {
      winogradGather<decltype(lanes), decltype(m)::value>(t, t0, count, count, c0, vt);
    });
    for (int xi = 0; xi < products; ++xi)
      winogradProduct(t, xi, count, count, vt, mt);
    winogradForEachGroup(t, t.oc, [&](auto lanes, auto m, int64_t c0) {
      winogradScatter<decltype(lanes), decltype(m)::value>(t, t0, count, count, c0, mt);
    });
  }
}

/// Whether a layer runs in three phases over all of its tiles (the input
/// transform, then each of the A^2 products for every tile, then the output
/// transform) rather than block by block. Block by block, each block reads
/// all of U, which for 128 channels and more (1 MB and more) no longer
/// stays in L2: resnet50's 28x28x128 layer read its U 9 times a run, its
/// 14x14x256 one 5 times. By products, U is read once, and the products
/// are tasks of their own, which share out better among threads than
/// resnet50's 5 blocks at 14x14. The cost is V and M for the whole layer
/// (kWinogradPhaseBytes at most, in the arena): 28x28x128 0.57 -> 0.48 ms,
/// 14x14x256 0.53 -> 0.47 ms (one core, medians of 3 interleaved runs).
/// Each product's rows are the same sums either way: results do not change.
constexpr int64_t kWinogradPhaseBytes = 8 << 20;
bool winogradByProducts(int64_t products, int64_t ic, int64_t oc, int64_t vmBytes) {
  int64_t uBytes = products * ic * oc * int64_t(sizeof(float));
  return uBytes > (512 << 10) && vmBytes <= kWinogradPhaseBytes;
}

/// The three phases over all tiles at once (see winogradByProducts):
/// V and M hold every tile, [A^2][tiles][IC] and [A^2][tiles][OC].
struct WinogradPhases {
  WinogradTask t;
  float *v, *m;
};

/// The transforms' tasks are tiles, not blocks: resnet50's 14x14 layers
/// have 49 tiles, 5 blocks, which two threads shared 3 to 2.
void winogradGatherTasks(void *data, int64_t begin, int64_t end) {
  const WinogradPhases &p = *static_cast<const WinogradPhases *>(data);
  const WinogradTask &t = p.t;
  winogradForEachGroup(t, t.ic, [&](auto lanes, auto m, int64_t c0) {
    winogradGather<decltype(lanes), decltype(m)::value>(
        t, begin, end - begin, t.tiles, c0, p.v + begin * t.ic);
  });
}

void winogradProductTasks(void *data, int64_t begin, int64_t end) {
  const WinogradPhases &p = *static_cast<const WinogradPhases *>(data);
  for (int64_t xi = begin; xi < end; ++xi)
    winogradProduct(p.t, int(xi), p.t.tiles, p.t.tiles, p.v, p.m);
}

void winogradScatterTasks(void *data, int64_t begin, int64_t end) {
  const WinogradPhases &p = *static_cast<const WinogradPhases *>(data);
  const WinogradTask &t = p.t;
  winogradForEachGroup(t, t.oc, [&](auto lanes, auto m, int64_t c0) {
    winogradScatter<decltype(lanes), decltype(m)::value>(
        t, begin, end - begin, t.tiles, c0, p.m + begin * t.oc);
  });
}

} // namespace

} // namespace pd::uk

using namespace pd::uk;

extern "C" {

/// Floats of a 3x3 filter packed for pd_uk_conv2d_winograd_nhwc with output
/// tiles of `tile` x `tile` (2 or 4).
PD_UKERNEL int64_t pd_uk_packed_winograd_size(int64_t tile, int64_t oc, int64_t ic) {
  int64_t nr = panelWidth(oc);
  return pd_winograd_products(tile) * ((oc + nr - 1) / nr) * ic * nr;
}

/// Packs a 3x3 filter [OC, IC, 3, 3] as U = G g G^T for F(tile x tile,
/// 3x3), [A^2][panel][IC][NR] (A = tile + 2), zero-padded.
PD_UKERNEL void pd_uk_pack_winograd(int64_t tile, int64_t oc, int64_t ic,
                                    int64_t filter, int64_t packed) {
  const float *f = ptr<const float>(filter);
  float *dst = ptr<float>(packed);
  int64_t nr = panelWidth(oc), panels = (oc + nr - 1) / nr;
  tile = pd_winograd_tile(tile);
  int64_t products = pd_winograd_products(tile);
  for (int64_t o = 0; o < panels * nr; ++o) {
    int64_t p = o / nr, j = o % nr, width = panelColumns(oc, nr, p);
    if (j >= width) // past a last panel 16 wide
      continue;
    for (int64_t c = 0; c < ic; ++c) {
      float u[WinogradF<4>::kAlpha * WinogradF<4>::kAlpha] = {};
      if (o < oc && tile == 4)
        winogradFilter<4>(f + (o * ic + c) * 9, u);
      else if (o < oc)
        winogradFilter<2>(f + (o * ic + c) * 9, u);
      for (int64_t xi = 0; xi < products; ++xi)
        dst[(xi * panels + p) * ic * nr + c * width + j] = u[xi];
    }
  }
}

/// pd_uk_conv2d_nhwc for a 3x3 filter at stride 1, undilated, with a
/// filter packed by pd_uk_pack_winograd for output tiles of `tile` x `tile`.
PD_UKERNEL void pd_uk_conv2d_winograd_nhwc(
    int64_t tile, int64_t n, int64_t h, int64_t w, int64_t ic, int64_t oh,
    int64_t ow, int64_t oc, int64_t ph, int64_t pw, int64_t in,
    int64_t packed, int64_t out, int64_t bias, int64_t residual, int64_t act1,
    int64_t act2, int64_t channelsFirstInput) {
  if (n * oh * ow == 0)
    return;
  WinogradTask t;
  t.m = pd_winograd_tile(tile);
  t.tilesH = (oh + t.m - 1) / t.m;
  t.tilesW = (ow + t.m - 1) / t.m;
  // Pad so that every tile's patch lies inside.
  int64_t bottom = t.m * t.tilesH + 2 - (h + ph), right = t.m * t.tilesW + 2 - (w + pw);
  bottom = bottom > 0 ? bottom : 0;
  right = right > 0 ? right : 0;
  int64_t h2 = h + ph + bottom, w2 = w + pw + right;
  float *padded = static_cast<float *>(allocate(sizeof(float) * n * h2 * w2 * ic, 64));
  padInput(ptr<const float>(in), padded, n, h, w, ic, ph, bottom, pw, right,
           channelsFirstInput != 0);
  t.n = n; t.h = h2; t.w = w2; t.ic = ic; t.oh = oh; t.ow = ow; t.oc = oc;
  t.tiles = n * t.tilesH * t.tilesW;
  int64_t products = t.products();
  t.blockTiles = winogradBlockTiles(products, ic, oc);
  t.in = padded;
  t.up = ptr<const float>(packed);
  t.out = ptr<float>(out);
  t.e = epilogueOf(bias, residual, oc, act1, act2);
  t.nr = panelWidth(oc);
  t.panels = (oc + t.nr - 1) / t.nr;
  int64_t blocks = (t.tiles + t.blockTiles - 1) / t.blockTiles;
  int64_t vmBytes = products * t.tiles * (ic + oc) * int64_t(sizeof(float));
  if (blocks > 1 && winogradByProducts(products, ic, oc, vmBytes)) {
    WinogradPhases p{t, static_cast<float *>(allocate(vmBytes, 64)), nullptr};
    p.m = p.v + products * t.tiles * ic;
    parallelFor(t.tiles, grainFor(products * ic), winogradGatherTasks, &p);
    parallelFor(products, grainFor(t.tiles * ic * oc), winogradProductTasks, &p);
    parallelFor(t.tiles, grainFor(products * oc), winogradScatterTasks, &p);
    release(p.v);
  } else {
    parallelFor(blocks, grainFor(t.blockTiles * products * ic * oc), winogradTasks, &t);
  }
  release(padded);
}

} // extern "C"

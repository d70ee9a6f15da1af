//===- RegisterTile.h - the register tile every product runs ----*- C++ -*-===//
//
// MR rows of C by NV * 16 columns (RegisterTile.cpp), B packed at load time
// in panels of NR columns ([panel][k][NR], zero-padded): what a driver
// (GEMM, convolution, Winograd's products) hands the tiles.
//
//===----------------------------------------------------------------------===//

#ifndef PD_CODEGEN_CPU_UKERNELS_REGISTERTILE_H
#define PD_CODEGEN_CPU_UKERNELS_REGISTERTILE_H

#include "Vectors.h"

namespace pd::uk {

/// The most rows a register tile takes.
constexpr int kMaxRows = 12;

/// Memory a tile pulls toward L2 while it computes, two cache lines a step
/// of its reduction: a share of the panel that comes next, so that the
/// panel is in L2 when its first tile starts.
struct Prefetch {
  const float *from = nullptr;
  int64_t steps = 0; // 128-byte pieces from `from`
};

/// The packed right-hand side a tile sweeps: `count` panels from `bp`,
/// `stride` floats apart, the first for output columns from `n0`; the
/// output has `n` columns.
struct Panels {
  const float *bp;
  int64_t count, stride, n0, n;
  Prefetch next; // for the first panel's tile of MR 12
};

/// One tile of MR rows times each panel of b in turn (RegisterTile.cpp).
template <int MR, int NV>
void tileOf(const float *a, const int64_t *rows, int64_t nseg,
            const int64_t *segA, const int64_t *segB, int64_t kc,
            const Panels &b, float *out, const int64_t *outRows,
            const Epilogue &e, const int64_t *resRows);

namespace { // internal in each file: see Runtime.h

inline int64_t panelWidth(int64_t n) { return pd_panel_width(n); }

/// The columns panel p of n columns packed nr wide holds: the last panel is
/// 16 wide where what is left fits, so that 40 or 48 output channels take
/// three vectors a row, not four (a 16-column tile of 12 rows runs slower
/// than a 32-column one, but not half as fast).
inline int64_t panelColumns(int64_t n, int64_t nr, int64_t p) {
  return nr == 32 && n - p * nr <= 16 ? 16 : nr;
}

/// `mr` rows (up to 12) in tiles of 12, 8, 4, 2 and 1 rows.
template <int NV>
void tileRows(int mr, const float *a, const int64_t *rows, int64_t nseg,
              const int64_t *segA, const int64_t *segB, int64_t kc,
              const Panels &b, float *out, const int64_t *outRows,
              const Epilogue &e, const int64_t *resRows) {
  int done = 0;
  auto run = [&](auto tileFn, int r) {
    tileFn(a, rows + done, nseg, segA, segB, kc, b, out, outRows + done, e,
           resRows + done);
    done += r;
  };
  if (mr - done >= 12) run(tileOf<12, NV>, 12);
  if (mr - done >= 8) run(tileOf<8, NV>, 8);
  if (mr - done >= 4) run(tileOf<4, NV>, 4);
  if (mr - done >= 2) run(tileOf<2, NV>, 2);
  if (mr - done >= 1) run(tileOf<1, NV>, 1);
}

/// tileRows for the panel width `nr` (16 or 32): a last panel 16 wide
/// (panelColumns) in tiles of one vector.
inline void tileRowsOf(int64_t nr, int mr, const float *a,
                       const int64_t *rows, int64_t nseg, const int64_t *segA,
                       const int64_t *segB, int64_t kc, const Panels &b,
                       float *out, const int64_t *outRows, const Epilogue &e,
                       const int64_t *resRows) {
  if (nr == 16)
    return tileRows<1>(mr, a, rows, nseg, segA, segB, kc, b, out, outRows, e, resRows);
  int64_t last = b.count - 1;
  if (panelColumns(b.n, nr, b.n0 / nr + last) == nr)
    return tileRows<2>(mr, a, rows, nseg, segA, segB, kc, b, out, outRows, e, resRows);
  Panels wide = b, narrow = b;
  wide.count = last;
  narrow.bp += last * b.stride;
  narrow.count = 1;
  narrow.n0 += last * nr;
  if (last) {
    narrow.next = Prefetch();
    tileRows<2>(mr, a, rows, nseg, segA, segB, kc, wide, out, outRows, e, resRows);
  }
  tileRows<1>(mr, a, rows, nseg, segA, segB, kc, narrow, out, outRows, e, resRows);
}

} // namespace

} // namespace pd::uk

#endif // PD_CODEGEN_CPU_UKERNELS_REGISTERTILE_H

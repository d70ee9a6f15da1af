//===- LowerShifts.cpp - roll, tril_triu, repeat_interleave, unfold, ... -===//
//
// Ops whose output element reads X at a shifted, repeated or windowed
// place (or is zero where that place is outside X or masked off): roll,
// tril_triu, repeat_interleave, unfold (im2col) and temporal_shift. Each is
// one linalg.generic over the output (gatherElements).
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <tuple>

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// (a - b) mod n in [0, n), for a in [0, n) and any shift b.
Value cyclicMinus(OpBuilder &b, Location loc, Value a, Value shift, Value n) {
  Value r = b.create<arith::RemSIOp>(loc, b.create<arith::SubIOp>(loc, a, shift), n);
  Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, r,
                                           b.create<arith::ConstantIndexOp>(loc, 0));
  return b.create<arith::SelectOp>(loc, negative, b.create<arith::AddIOp>(loc, r, n), r);
}

/// roll: out[.., i, ..] = X[.., (i - shift) mod n, ..] along each axis;
/// with no axis, along X's elements in row-major order.
struct LowerRoll : OpConversionPattern<RollOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RollOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    SmallVector<int64_t> axes = intsAttr(op, "axis");
    FailureOr<SmallVector<OpFoldResult>> shifts =
        adaptor.getShiftsTensor()
            ? integersFromTensors(rewriter, loc, op, adaptor.getShiftsTensor(), {},
                                  -1, "ShiftsTensor")
            : FailureOr<SmallVector<OpFoldResult>>(
                  indexConstants(rewriter, intsAttr(op, "shifts")));
    if (failed(shifts))
      return failure();
    if (shifts->size() != (axes.empty() ? 1 : axes.size()))
      return op->emitOpError("has ") << shifts->size() << " shifts for "
                                     << axes.size() << " axes";
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    SmallVector<int64_t> rolled;
    for (int64_t a : axes) {
      std::optional<int64_t> axis = paddleAxis(a, rank);
      if (!axis)
        return op->emitOpError("axis ") << a << " out of range";
      rolled.push_back(*axis);
    }
    auto index = [&](OpBuilder &b, Location l, OpFoldResult v) {
      return getValueOrCreateConstantIndexOp(b, l, v);
    };
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          SmallVector<Value> indices(at);
          if (rolled.empty()) {
            // The row-major position, rolled, back to indices.
            Value flat = b.create<arith::ConstantIndexOp>(l, 0);
            Value count = b.create<arith::ConstantIndexOp>(l, 1);
            for (int64_t i = 0; i < rank; ++i) {
              Value d = index(b, l, dims[i]);
              flat = b.create<arith::AddIOp>(l, b.create<arith::MulIOp>(l, flat, d), at[i]);
              count = b.create<arith::MulIOp>(l, count, d);
            }
            flat = cyclicMinus(b, l, flat, index(b, l, (*shifts)[0]), count);
            for (int64_t i = rank - 1; i >= 0; --i) {
              Value d = index(b, l, dims[i]);
              indices[i] = b.create<arith::RemSIOp>(l, flat, d);
              flat = b.create<arith::DivSIOp>(l, flat, d);
            }
            return indices;
          }
          // Each axis in turn, as Paddle applies repeated axes.
          for (auto [axis, shift] : llvm::zip(rolled, *shifts))
            indices[axis] = cyclicMinus(b, l, indices[axis], index(b, l, shift),
                                        index(b, l, dims[axis]));
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// tril_triu: X where the column minus the row (of the last two dims) is
/// at most `diagonal` (lower) or at least it (upper), else zero.
struct LowerTrilTriu : OpConversionPattern<TrilTriuOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TrilTriuOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    if (rank < 2)
      return op->emitOpError("takes a tensor of rank 2 or more");
    int64_t diagonal = intAttr(op, "diagonal", 0);
    bool lower = boolAttr(op, "lower", true);
    Value out = gatherElements(
        rewriter, loc, dimsOf(rewriter, loc, x), x, {}, {},
        [](OpBuilder &, Location, ValueRange at, ValueRange) {
          return SmallVector<Value>(at);
        },
        [&](OpBuilder &b, Location l, ValueRange at, Value element) -> Value {
          Value offset = b.create<arith::SubIOp>(l, at[rank - 1], at[rank - 2]);
          Value d = b.create<arith::ConstantIndexOp>(l, diagonal);
          Value keep = b.create<arith::CmpIOp>(
              l, lower ? arith::CmpIPredicate::sle : arith::CmpIPredicate::sge, offset, d);
          return b.create<arith::SelectOp>(
              l, keep, element, constantOf(b, l, type.getElementType(), 0));
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// `dim` times `factor`, a constant where `dim` is one.
OpFoldResult scaledDim(OpBuilder &b, Location loc, OpFoldResult dim, int64_t factor) {
  if (std::optional<int64_t> c = getConstantIntValue(dim))
    return b.getIndexAttr(*c * factor);
  return b.create<arith::MulIOp>(loc, cast<Value>(dim),
                                 b.create<arith::ConstantIndexOp>(loc, factor))
      .getResult();
}

/// repeat_interleave: out[.., i, ..] = X[.., i / Repeats, ..] along `dim`.
struct LowerRepeatInterleave : OpConversionPattern<RepeatInterleaveOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RepeatInterleaveOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getRepeatsTensor())
      return op->emitOpError("with a tensor of repeats has no lowering (its "
                             "size would depend on the data)");
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    std::optional<int64_t> dim = paddleAxis(intAttr(op, "dim", 0), rank);
    int64_t repeats = intAttr(op, "Repeats", 1);
    if (!dim || repeats <= 0)
      return op->emitOpError("needs a dim in range and positive Repeats");
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    dims[*dim] = scaledDim(rewriter, loc, dims[*dim], repeats);
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          SmallVector<Value> indices(at);
          indices[*dim] = b.create<arith::DivUIOp>(
              l, at[*dim], b.create<arith::ConstantIndexOp>(l, repeats));
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// unfold: out[n, (c * kh + i) * kw + j, y * ow + x] = X[n, c, y * sh - top
/// + i * dh, x * sw - left + j * dw], zero in the padding.
struct LowerUnfold : OpConversionPattern<UnfoldOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(UnfoldOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> k = intsAttr(op, "kernel_sizes"), s = intsAttr(op, "strides"),
                         p = intsAttr(op, "paddings"), d = intsAttr(op, "dilations");
    if (type.getRank() != 4 || k.size() != 2 || s.size() != 2 || p.size() != 4 ||
        d.size() != 2)
      return op->emitOpError("needs a 4-D X and 2 kernel sizes, strides and "
                             "dilations and 4 paddings");
    SmallVector<OpFoldResult> in = dimsOf(rewriter, loc, x);
    auto idx = [&](OpBuilder &b, Location l, int64_t v) -> Value {
      return b.create<arith::ConstantIndexOp>(l, v);
    };
    // Window positions per dim: (in + pads - span) / stride + 1.
    Value outH, outW;
    for (int i = 0; i < 2; ++i) {
      Value size = getValueOrCreateConstantIndexOp(rewriter, loc, in[2 + i]);
      Value room = rewriter.create<arith::SubIOp>(
          loc, rewriter.create<arith::AddIOp>(loc, size, idx(rewriter, loc, p[i] + p[i + 2])),
          idx(rewriter, loc, d[i] * (k[i] - 1) + 1));
      Value count = rewriter.create<arith::AddIOp>(
          loc, rewriter.create<arith::DivSIOp>(loc, room, idx(rewriter, loc, s[i])),
          idx(rewriter, loc, 1));
      (i ? outW : outH) = count;
    }
    SmallVector<OpFoldResult> dims{
        in[0], scaledDim(rewriter, loc, in[1], k[0] * k[1]),
        rewriter.createOrFold<arith::MulIOp>(loc, outH, outW)};
    Value height = getValueOrCreateConstantIndexOp(rewriter, loc, in[2]);
    Value width = getValueOrCreateConstantIndexOp(rewriter, loc, in[3]);
    auto inside = [&](OpBuilder &b, Location l, Value v, Value size) -> Value {
      Value zero = idx(b, l, 0);
      return b.create<arith::AndIOp>(
          l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, v, zero),
          b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, v, size));
    };
    // Where the window element falls in X: its row and column (maybe
    // outside), from the output's channel and position.
    auto source = [&](OpBuilder &b, Location l, ValueRange at) {
      Value c = b.create<arith::DivUIOp>(l, at[1], idx(b, l, k[0] * k[1]));
      Value tap = b.create<arith::RemUIOp>(l, at[1], idx(b, l, k[0] * k[1]));
      Value i = b.create<arith::DivUIOp>(l, tap, idx(b, l, k[1]));
      Value j = b.create<arith::RemUIOp>(l, tap, idx(b, l, k[1]));
      Value y = b.create<arith::DivUIOp>(l, at[2], outW);
      Value xo = b.create<arith::RemUIOp>(l, at[2], outW);
      auto coordinate = [&](Value o, Value t, int dim) -> Value {
        return b.create<arith::AddIOp>(
            l,
            b.create<arith::SubIOp>(l, b.create<arith::MulIOp>(l, o, idx(b, l, s[dim])),
                                    idx(b, l, p[dim])),
            b.create<arith::MulIOp>(l, t, idx(b, l, d[dim])));
      };
      return std::make_tuple(c, coordinate(y, i, 0), coordinate(xo, j, 1));
    };
    Type element = type.getElementType();
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          auto [c, row, col] = source(b, l, at);
          // Clamped into X: the padding reads a real element, then zero.
          Value zero = idx(b, l, 0);
          auto clamp = [&](Value v, Value size) -> Value {
            return b.create<arith::MinSIOp>(
                l, b.create<arith::MaxSIOp>(l, v, zero),
                b.create<arith::SubIOp>(l, size, idx(b, l, 1)));
          };
          return SmallVector<Value>{at[0], c, clamp(row, height), clamp(col, width)};
        },
        [&](OpBuilder &b, Location l, ValueRange at, Value element_) -> Value {
          auto [c, row, col] = source(b, l, at);
          Value valid = b.create<arith::AndIOp>(l, inside(b, l, row, height),
                                                inside(b, l, col, width));
          return b.create<arith::SelectOp>(l, valid, element_,
                                           constantOf(b, l, element, 0));
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// temporal_shift: X [N * T, C, H, W] (or channels last); channel c of
/// segment t reads segment t - 1 for c < C * ratio, t + 1 for c < 2 * C *
/// ratio, else t; zero past the first or last segment.
struct LowerTemporalShift : OpConversionPattern<TemporalShiftOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TemporalShiftOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t segments = intAttr(op, "seg_num", 0);
    bool channelsLast = strAttr(op, "data_format", "NCHW") == "NHWC";
    int64_t channelDim = channelsLast ? 3 : 1;
    if (type.getRank() != 4 || segments <= 0 || type.isDynamicDim(channelDim))
      return op->emitOpError("needs a 4-D X with static channels and a positive seg_num");
    int64_t channels = type.getDimSize(channelDim);
    double ratio = floatAttr(op, "shift_ratio", 0.25);
    int64_t back = int64_t(channels * ratio), forth = int64_t(channels * 2 * ratio);
    auto idx = [](OpBuilder &b, Location l, int64_t v) -> Value {
      return b.create<arith::ConstantIndexOp>(l, v);
    };
    // The segment an output element reads, maybe outside [0, T).
    auto sourceSegment = [&](OpBuilder &b, Location l, ValueRange at) -> Value {
      Value t = b.create<arith::RemUIOp>(l, at[0], idx(b, l, segments));
      Value c = at[channelDim];
      Value shift = b.create<arith::SelectOp>(
          l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::ult, c, idx(b, l, back)),
          idx(b, l, -1),
          b.create<arith::SelectOp>(
              l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::ult, c, idx(b, l, forth)),
              idx(b, l, 1), idx(b, l, 0)));
      return b.create<arith::AddIOp>(l, t, shift);
    };
    auto valid = [&](OpBuilder &b, Location l, Value segment) -> Value {
      return b.create<arith::AndIOp>(
          l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, segment, idx(b, l, 0)),
          b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, segment, idx(b, l, segments)));
    };
    Value out = gatherElements(
        rewriter, loc, dimsOf(rewriter, loc, x), x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          Value segment = sourceSegment(b, l, at);
          Value t = b.create<arith::RemUIOp>(l, at[0], idx(b, l, segments));
          // Out of range: read the element itself, then zero it.
          Value row = b.create<arith::SelectOp>(
              l, valid(b, l, segment),
              b.create<arith::AddIOp>(l, b.create<arith::SubIOp>(l, at[0], t), segment),
              at[0]);
          SmallVector<Value> indices(at);
          indices[0] = row;
          return indices;
        },
        [&](OpBuilder &b, Location l, ValueRange at, Value element) -> Value {
          return b.create<arith::SelectOp>(l, valid(b, l, sourceSegment(b, l, at)), element,
                                           constantOf(b, l, type.getElementType(), 0));
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateShiftLowering(RewritePatternSet &patterns) {
  patterns.add<LowerRoll, LowerTrilTriu, LowerRepeatInterleave, LowerUnfold,
               LowerTemporalShift>(patterns.getContext());
}

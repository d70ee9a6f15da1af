//===- LowerSorting.cpp - top_k_v2, argsort -> scf loops ------------------===//
//
// Both take, along an axis, elements in the order Paddle's CPU kernels
// sort them: by value (largest or smallest first; a NaN counts as the
// largest), equal values by index. A few elements (a constant k up to
// kMostPasses) take k passes over each line, each taking the best element
// after the one the last pass took: no scratch memory, O(k n) per line,
// quick for the classifier heads and detectors that take one or five.
// More, and argsort, sort each line's positions with a stable merge sort,
// O(n log n), in two index tensors made once and reused by every line. Equal values by index is what argsort with `stable` does;
// without it (and in top_k) Paddle sorts with std::sort, nth_element or
// partial_sort, which keep that order only on lines of up to 16 elements
// (insertion sort): on longer lines equal values may come in another order
// than Paddle's, with the same values.
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// Up to this constant k, top_k passes over each line k times rather than
/// sorting it.
constexpr int64_t kMostPasses = 8;

/// Where a line's elements are: its indices in the other dims, and its
/// element i.
struct Line {
  SmallVector<Value> at;
  int64_t axis;
  SmallVector<Value> of(Value i) const {
    SmallVector<Value> where(at);
    where[axis] = i;
    return where;
  }
};

/// Whether `a` goes before `other` as Paddle's CPU sorts compare: larger
/// (with `largest`) or smaller values first, a NaN after every number when
/// smallest come first and before them when largest do.
Value paddleBefore(OpBuilder &b, Location loc, Value a, Value other,
                   bool largest) {
  Value ordered = orderedBefore(b, loc, a, other, largest);
  if (!isa<FloatType>(a.getType()))
    return ordered;
  auto isNan = [&](Value v) -> Value {
    return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, v, v);
  };
  auto isNumber = [&](Value v) -> Value {
    return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ORD, v, v);
  };
  Value nanOrder = largest ? b.create<arith::AndIOp>(loc, isNan(a), isNumber(other))
                           : b.create<arith::AndIOp>(loc, isNumber(a), isNan(other));
  return b.create<arith::OrIOp>(loc, nanOrder, ordered);
}

/// Writes the first `count` elements of `line` in the order to `outs`
/// (values, indices): `count` passes, each taking the best element after
/// the one the last pass took.
SmallVector<Value> takeByPasses(OpBuilder &b, Location loc, Value x,
                                const Line &line, Value size, Value count,
                                ValueRange outs, bool largest) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  Value noIndex = b.create<arith::ConstantIndexOp>(loc, -1);
  Value yes = b.create<arith::ConstantIntOp>(loc, 1, 1);
  Value none = b.create<arith::ConstantIntOp>(loc, 0, 1);
  Value anyValue = b.create<arith::ConstantOp>(loc, b.getZeroAttr(element));
  auto before = [&](OpBuilder &cb, Location cl, Value a, Value other) {
    return paddleBefore(cb, cl, a, other, largest);
  };
  auto passes = b.create<scf::ForOp>(
      loc, zero, count, one, ValueRange{outs[0], outs[1], anyValue, noIndex},
      [&](OpBuilder &pb, Location pl, Value j, ValueRange carried) {
        Value lastValue = carried[2], lastIndex = carried[3];
        Value first = pb.create<arith::CmpIOp>(pl, arith::CmpIPredicate::slt,
                                               lastIndex, zero);
        auto scan = pb.create<scf::ForOp>(
            pl, zero, size, one, ValueRange{lastValue, noIndex, none},
            [&](OpBuilder &sb, Location sl, Value i, ValueRange best) {
              Value v = sb.create<tensor::ExtractOp>(sl, x, line.of(i));
              // After the last one taken (any, in the first pass): later in
              // the order, or equal (neither before the other) and later in
              // index.
              Value lastFirst = before(sb, sl, lastValue, v);
              Value equal = sb.create<arith::AndIOp>(
                  sl, sb.create<arith::XOrIOp>(sl, lastFirst, yes),
                  sb.create<arith::XOrIOp>(sl, before(sb, sl, v, lastValue), yes));
              Value after = sb.create<arith::OrIOp>(
                  sl, sb.create<arith::OrIOp>(sl, first, lastFirst),
                  sb.create<arith::AndIOp>(
                      sl, equal,
                      sb.create<arith::CmpIOp>(sl, arith::CmpIPredicate::sgt, i,
                                               lastIndex)));
              // Better than the best so far (the first seen wins ties).
              Value better = sb.create<arith::OrIOp>(
                  sl, sb.create<arith::XOrIOp>(sl, best[2], yes),
                  before(sb, sl, v, best[0]));
              Value take = sb.create<arith::AndIOp>(sl, after, better);
              sb.create<scf::YieldOp>(
                  sl, ValueRange{sb.create<arith::SelectOp>(sl, take, v, best[0]),
                                 sb.create<arith::SelectOp>(sl, take, i, best[1]),
                                 sb.create<arith::OrIOp>(sl, best[2], take)});
            });
        Value bestValue = scan.getResult(0), bestIndex = scan.getResult(1);
        Value vs = pb.create<tensor::InsertOp>(pl, bestValue, carried[0], line.of(j));
        Value is = pb.create<tensor::InsertOp>(
            pl, pb.create<arith::IndexCastOp>(pl, pb.getI64Type(), bestIndex),
            carried[1], line.of(j));
        pb.create<scf::YieldOp>(pl, ValueRange{vs, is, bestValue, bestIndex});
      });
  return {passes.getResult(0), passes.getResult(1)};
}

/// The same by sorting the line's positions (stable: equal values in the
/// order of their indices) in the sort space outs[2..3], then writing the
/// first `count`. Yields the outputs and the space.
SmallVector<Value> takeBySorting(OpBuilder &b, Location loc, Value x,
                                 const Line &line, Value count,
                                 ValueRange outs, bool largest) {
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  SortSpace space = stableSortedPositions(
      b, loc, SortSpace{outs[2], outs[3]},
      [&](OpBuilder &vb, Location vl, Value i) -> Value {
        return vb.create<tensor::ExtractOp>(vl, x, line.of(i));
      },
      [&](OpBuilder &cb, Location cl, Value a, Value other) {
        return paddleBefore(cb, cl, a, other, largest);
      });
  Value sorted = space.positions;
  auto write = b.create<scf::ForOp>(
      loc, zero, count, one, outs.take_front(2),
      [&](OpBuilder &wb, Location wl, Value j, ValueRange carried) {
        Value i = wb.create<tensor::ExtractOp>(wl, sorted, j);
        Value v = wb.create<tensor::ExtractOp>(wl, x, line.of(i));
        Value vs = wb.create<tensor::InsertOp>(wl, v, carried[0], line.of(j));
        Value is = wb.create<tensor::InsertOp>(
            wl, wb.create<arith::IndexCastOp>(wl, wb.getI64Type(), i), carried[1],
            line.of(j));
        wb.create<scf::YieldOp>(wl, ValueRange{vs, is});
      });
  return {write.getResult(0), write.getResult(1), space.positions, space.scratch};
}

/// The first `k` elements of each line of `x` along `axis` in the order,
/// and their indices (int64).
std::pair<Value, Value> takeInOrder(OpBuilder &b, Location loc, Value x,
                                    int64_t axis, OpFoldResult k, bool largest) {
  auto type = cast<RankedTensorType>(x.getType());
  Type element = type.getElementType(), i64 = b.getI64Type();
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> outDims = dimsOf(b, loc, x);
  outDims[axis] = k;
  SmallVector<Value> dims;
  for (OpFoldResult d : dimsOf(b, loc, x))
    dims.push_back(getValueOrCreateConstantIndexOp(b, loc, d));
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  Value lines = one;
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis)
      lines = b.create<arith::MulIOp>(loc, lines, dims[d]);
  // Two tensors the loop over lines writes in place: of one type (int64
  // values), two tensor.empty would fold into one under CSE and
  // bufferization would copy one of them per call.
  Value values = freshTensor(b, loc, outDims, element);
  Value indices = freshTensor(b, loc, outDims, i64);
  Value count = getValueOrCreateConstantIndexOp(b, loc, k);
  std::optional<int64_t> constantK = getConstantIntValue(k);
  bool byPasses = constantK && *constantK <= kMostPasses;
  SmallVector<Value> carried{values, indices};
  if (!byPasses) {
    SortSpace space = SortSpace::make(b, loc, dims[axis]);
    carried.append({space.positions, space.scratch});
  }
  auto perLine = b.create<scf::ForOp>(
      loc, zero, lines, one, carried,
      [&](OpBuilder &lb, Location l, Value lineNumber, ValueRange outs) {
        // The line's indices in the other dims (row-major).
        Line line{SmallVector<Value>(rank, zero), axis};
        Value rest = lineNumber;
        for (int64_t d = rank - 1; d >= 0; --d) {
          if (d == axis)
            continue;
          line.at[d] = lb.create<arith::RemUIOp>(l, rest, dims[d]);
          rest = lb.create<arith::DivUIOp>(l, rest, dims[d]);
        }
        lb.create<scf::YieldOp>(
            l, byPasses ? takeByPasses(lb, l, x, line, dims[axis], count, outs, largest)
                        : takeBySorting(lb, l, x, line, count, outs, largest));
      });
  return {perLine.getResult(0), perLine.getResult(1)};
}

/// Replaces a two-result op (values, indices) with takeInOrder's, taking
/// `k` (given the axis) elements of each line.
LogicalResult replaceWithOrdered(
    ConversionPatternRewriter &rewriter, Operation *op, Value x,
    function_ref<OpFoldResult(int64_t axis)> count, bool largest) {
  auto type = cast<RankedTensorType>(x.getType());
  if (!type.getElementType().isIntOrFloat() || type.getElementType().isInteger(1))
    return op->emitOpError("of ") << type << " has no lowering";
  std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", -1), type.getRank());
  if (!axis)
    return op->emitOpError("axis out of range");
  auto [values, indices] =
      takeInOrder(rewriter, op->getLoc(), x, *axis, count(*axis), largest);
  replaceWithResults(rewriter, op, {values, indices});
  return success();
}

/// top_k_v2, and top_k (v1: no axis or largest attributes, so the last
/// dim, largest first). A k given by a tensor is read at run time and
/// clamped into [0, the axis's size] (Paddle reports an error outside it;
/// compiled code reads no memory outside its tensors).
template <typename OpTy>
struct LowerTopK : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;
  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), kTensor = adaptor.getK_();
    if (kTensor && !cast<RankedTensorType>(kTensor.getType()).getElementType().isSignlessInteger())
      return op->emitOpError("takes an integer K");
    return replaceWithOrdered(
        rewriter, op, x,
        [&](int64_t axis) -> OpFoldResult {
          if (!kTensor)
            return rewriter.getIndexAttr(intAttr(op, "k", 1));
          Value k = rewriter.create<arith::IndexCastOp>(
              loc, rewriter.getIndexType(), onlyElement(rewriter, loc, kTensor));
          Value size = getValueOrCreateConstantIndexOp(rewriter, loc,
                                                       dimsOf(rewriter, loc, x)[axis]);
          Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
          return rewriter
              .create<arith::MinSIOp>(loc, rewriter.create<arith::MaxSIOp>(loc, k, zero), size)
              .getResult();
        },
        boolAttr(op, "largest", true));
  }
};

struct LowerArgsort : OpConversionPattern<ArgsortOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ArgsortOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // All of each line: the axis's size.
    Value x = adaptor.getX();
    return replaceWithOrdered(
        rewriter, op, x,
        [&](int64_t axis) { return dimsOf(rewriter, op.getLoc(), x)[axis]; },
        boolAttr(op, "descending", false));
  }
};

} // namespace

void pd::cpu::populateSortingLowering(RewritePatternSet &patterns) {
  patterns.add<LowerTopK<TopKV2Op>, LowerTopK<TopKOp>, LowerArgsort>(
      patterns.getContext());
}

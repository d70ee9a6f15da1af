//===- LowerUnique.cpp - unique -> a stable merge sort and a scan ---------===//
//
// unique with the results Paddle's CPU kernel defines (a std::set of the
// values; maps from each value to its first position, its rank and its
// count): the positions of the flattened X sorted by value with a stable
// bottom-up merge sort (O(n log n), one scratch buffer), then one scan over
// the sorted positions that starts a new value wherever the value grows, so
// that the first position of each run is the value's first occurrence and
// equal values that differ in their bits (0 and -0) keep the first one's, as
// std::set does. Fluid's unique (`is_sorted` false) orders the values by
// first occurrence: a second scan over X renumbers the runs.
//
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

/// a < c as std::less compares: floats ordered (a NaN is less than nothing).
Value less(OpBuilder &b, Location loc, Value a, Value c) {
  return orderedBefore(b, loc, a, c, /*largest=*/false);
}

Value toIndex(OpBuilder &b, Location loc, Value integer) {
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(), integer);
}

/// What the scans build: per distinct value (the first `count` entries)
/// the value, its first position and its count; per element the number of
/// its value (the inverse).
struct Runs {
  Value count, values, firsts, counts, inverse;
};

/// Runs of equal values along the sorted positions, numbered in ascending
/// order. `indexType` is the element type of firsts, counts and inverse.
Runs ascendingRuns(OpBuilder &b, Location loc, Value x, Value sorted, Value n,
                   Type indexType) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  auto empty = [&](Type t) { return emptyTensor(b, loc, {n}, t); };
  auto scan = b.create<scf::ForOp>(
      loc, zero, n, one,
      ValueRange{zero, empty(element), empty(indexType), empty(indexType), empty(indexType)},
      [&](OpBuilder &sb, Location l, Value k, ValueRange s) {
        Value position = sb.create<tensor::ExtractOp>(l, sorted, k);
        Value value = sb.create<tensor::ExtractOp>(l, x, position);
        Value before = sb.create<arith::MaxSIOp>(l, sb.create<arith::SubIOp>(l, k, one), zero);
        Value previous = sb.create<tensor::ExtractOp>(
            l, x, ValueRange{sb.create<tensor::ExtractOp>(l, sorted, before).getResult()});
        Value fresh = sb.create<arith::OrIOp>(
            l, sb.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, k, zero),
            less(sb, l, previous, value));
        Value count = sb.create<arith::SelectOp>(
            l, fresh, sb.create<arith::AddIOp>(l, s[0], one), s[0]);
        Value run = sb.create<arith::SubIOp>(l, count, one);
        // A new run takes this element's value and position; a run's later
        // elements keep the first one's (reads of a new run's slot are
        // discarded).
        auto keepOrTake = [&](Value tensor, Value taken) {
          Value kept = sb.create<tensor::ExtractOp>(l, tensor, run);
          return sb.create<tensor::InsertOp>(
              l, sb.create<arith::SelectOp>(l, fresh, taken, kept), tensor, run).getResult();
        };
        Value values = keepOrTake(s[1], value);
        Value firsts = keepOrTake(s[2], sb.create<arith::IndexCastOp>(l, indexType, position));
        Value counted = sb.create<arith::SelectOp>(
            l, fresh, sb.create<arith::ConstantOp>(l, sb.getIntegerAttr(indexType, 0)),
            sb.create<tensor::ExtractOp>(l, s[3], run));
        Value counts = sb.create<tensor::InsertOp>(
            l,
            sb.create<arith::AddIOp>(
                l, counted, sb.create<arith::ConstantOp>(l, sb.getIntegerAttr(indexType, 1))),
            s[3], run);
        Value inverse = sb.create<tensor::InsertOp>(
            l, sb.create<arith::IndexCastOp>(l, indexType, run), s[4], position);
        sb.create<scf::YieldOp>(l, ValueRange{count, values, firsts, counts, inverse});
      });
  return {scan.getResult(0), scan.getResult(1), scan.getResult(2), scan.getResult(3),
          scan.getResult(4)};
}

/// `sorted` runs renumbered by their first occurrence in X.
Runs byFirstOccurrence(OpBuilder &b, Location loc, Value x, Value n, const Runs &sorted,
                       Type indexType) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  auto empty = [&](Type t) { return emptyTensor(b, loc, {n}, t); };
  Type index = b.getIndexType();
  auto scan = b.create<scf::ForOp>(
      loc, zero, n, one,
      ValueRange{zero, empty(index), empty(element), empty(indexType), empty(indexType),
                 empty(indexType)},
      [&](OpBuilder &sb, Location l, Value i, ValueRange s) {
        Value run = toIndex(sb, l, sb.create<tensor::ExtractOp>(l, sorted.inverse, i));
        Value first = sb.create<arith::CmpIOp>(
            l, arith::CmpIPredicate::eq,
            toIndex(sb, l, sb.create<tensor::ExtractOp>(l, sorted.firsts, run)), i);
        // A run's first element comes before its others: it numbers the run.
        Value number = sb.create<arith::SelectOp>(
            l, first, s[0], sb.create<tensor::ExtractOp>(l, s[1], run));
        Value numbers = sb.create<tensor::InsertOp>(l, number, s[1], run);
        auto keepOrTake = [&](Value tensor, Value taken) {
          Value kept = sb.create<tensor::ExtractOp>(l, tensor, number);
          return sb.create<tensor::InsertOp>(
              l, sb.create<arith::SelectOp>(l, first, taken, kept), tensor, number).getResult();
        };
        Value values = keepOrTake(s[2], sb.create<tensor::ExtractOp>(l, x, i));
        Value firsts = keepOrTake(s[3], sb.create<arith::IndexCastOp>(l, indexType, i));
        Value counts = sb.create<tensor::InsertOp>(
            l, sb.create<tensor::ExtractOp>(l, sorted.counts, run), s[4], number);
        Value inverse = sb.create<tensor::InsertOp>(
            l, sb.create<arith::IndexCastOp>(l, indexType, number), s[5], i);
        Value count = sb.create<arith::SelectOp>(
            l, first, sb.create<arith::AddIOp>(l, s[0], one), s[0]);
        sb.create<scf::YieldOp>(l, ValueRange{count, numbers, values, firsts, counts, inverse});
      });
  return {scan.getResult(0), scan.getResult(2), scan.getResult(3), scan.getResult(4),
          scan.getResult(5)};
}

struct LowerUnique : OpConversionPattern<UniqueOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(UniqueOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Type element = cast<RankedTensorType>(x.getType()).getElementType();
    if (!intsAttr(op, "axis").empty())
      return op->emitOpError("along an axis has no lowering (only the flattened X, axis None)");
    if (!isa<FloatType>(element) && !element.isSignlessInteger(32) &&
        !element.isSignlessInteger(64))
      return op->emitOpError("is lowered for float, int32 and int64 tensors only");
    Type indexType = rewriter.getIntegerType(intAttr(op, "dtype", 3) == 2 ? 32 : 64);
    Value flat = flattened(rewriter, loc, x);
    Value n = rewriter.create<tensor::DimOp>(loc, flat, 0);
    Value sorted =
        stableSortedPositions(
            rewriter, loc, SortSpace::make(rewriter, loc, n),
            [&](OpBuilder &vb, Location vl, Value position) -> Value {
              return vb.create<tensor::ExtractOp>(vl, flat, position);
            },
            less)
            .positions;
    Runs runs = ascendingRuns(rewriter, loc, flat, sorted, n, indexType);
    if (!boolAttr(op, "is_sorted", false))
      runs = byFirstOccurrence(rewriter, loc, flat, n, runs, indexType);
    auto first = [&](Value perElement, Value result) -> Value {
      Value slice = rewriter.create<tensor::ExtractSliceOp>(
          loc, perElement, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0)},
          ArrayRef<OpFoldResult>{runs.count}, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
      return castTo(rewriter, loc, slice, result.getType());
    };
    SmallVector<Value> results{first(runs.values, op.getOut())};
    if (Value indices = op.getIndices())
      results.push_back(first(runs.firsts, indices));
    if (Value index = op.getIndex())
      results.push_back(castTo(rewriter, loc, runs.inverse, index.getType()));
    if (Value counts = op.getCounts())
      results.push_back(first(runs.counts, counts));
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void pd::cpu::populateUniqueLowering(RewritePatternSet &patterns) {
  patterns.add<LowerUnique>(patterns.getContext());
}

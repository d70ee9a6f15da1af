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
// first occurrence: a second scan over X renumbers the runs. Along an axis
// (Paddle's UniqueDim) the slices are sorted and scanned the same way,
// compared lexicographically in Paddle's order of their elements.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
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

/// Whether the element or slice at sorted position `position` starts a new
/// run after the one at `previous` (an i1).
using StartsRunFn = function_ref<Value(OpBuilder &, Location, Value previous,
                                       Value position)>;

/// Runs along the sorted positions (a run starts where `startsRun` says),
/// numbered in ascending order. `indexType` is the element type of firsts,
/// counts and inverse; each run's value is `valueAt` its first position
/// (no values without it: unique along an axis gathers whole slices).
Runs ascendingRuns(OpBuilder &b, Location loc, Value sorted, Value n,
                   Type indexType, StartsRunFn startsRun, Type element = {},
                   ValueAtFn valueAt = nullptr) {
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  auto empty = [&](Type t) { return freshTensor(b, loc, {n}, t); };
  SmallVector<Value> inits{zero, empty(indexType), empty(indexType), empty(indexType)};
  if (valueAt)
    inits.push_back(empty(element));
  auto scan = b.create<scf::ForOp>(
      loc, zero, n, one, inits,
      [&](OpBuilder &sb, Location l, Value k, ValueRange s) {
        Value position = sb.create<tensor::ExtractOp>(l, sorted, k);
        Value before = sb.create<arith::MaxSIOp>(l, sb.create<arith::SubIOp>(l, k, one), zero);
        Value previous = sb.create<tensor::ExtractOp>(l, sorted, before);
        Value fresh = sb.create<arith::OrIOp>(
            l, sb.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, k, zero),
            startsRun(sb, l, previous, position));
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
        Value firsts = keepOrTake(s[1], sb.create<arith::IndexCastOp>(l, indexType, position));
        Value counted = sb.create<arith::SelectOp>(
            l, fresh, sb.create<arith::ConstantOp>(l, sb.getIntegerAttr(indexType, 0)),
            sb.create<tensor::ExtractOp>(l, s[2], run));
        Value counts = sb.create<tensor::InsertOp>(
            l,
            sb.create<arith::AddIOp>(
                l, counted, sb.create<arith::ConstantOp>(l, sb.getIntegerAttr(indexType, 1))),
            s[2], run);
        Value inverse = sb.create<tensor::InsertOp>(
            l, sb.create<arith::IndexCastOp>(l, indexType, run), s[3], position);
        SmallVector<Value> next{count, firsts, counts, inverse};
        if (valueAt)
          next.push_back(keepOrTake(s[4], valueAt(sb, l, position)));
        sb.create<scf::YieldOp>(l, next);
      });
  return {scan.getResult(0), valueAt ? scan.getResult(4) : Value(), scan.getResult(1),
          scan.getResult(2), scan.getResult(3)};
}

/// The first column j of rows `row` and `other` of a [rows, cols] tensor
/// where `goesOn` (their elements at j) fails, and that failing test's
/// extra result (false past the last column).
std::pair<Value, Value>
firstColumnWhereNot(OpBuilder &b, Location loc, Value rows, Value row, Value other,
                    function_ref<std::pair<Value, Value>(OpBuilder &, Location, Value,
                                                         Value)> goesOn) {
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  Value cols = b.create<tensor::DimOp>(loc, rows, 1);
  Value no = b.create<arith::ConstantIntOp>(loc, 0, 1);
  auto walk = b.create<scf::WhileOp>(
      loc, TypeRange{b.getIndexType(), b.getI1Type()}, ValueRange{zero, no},
      [&](OpBuilder &cb, Location l, ValueRange args) {
        Value j = args[0];
        Value inside = cb.create<arith::CmpIOp>(l, arith::CmpIPredicate::ult, j, cols);
        auto test = cb.create<scf::IfOp>(
            l, inside,
            [&](OpBuilder &tb, Location tl) {
              Value a = tb.create<tensor::ExtractOp>(tl, rows, ValueRange{row, j});
              Value c = tb.create<tensor::ExtractOp>(tl, rows, ValueRange{other, j});
              auto [more, extra] = goesOn(tb, tl, a, c);
              tb.create<scf::YieldOp>(tl, ValueRange{more, extra});
            },
            [&](OpBuilder &eb, Location el) {
              Value never = eb.create<arith::ConstantIntOp>(el, 0, 1);
              eb.create<scf::YieldOp>(el, ValueRange{never, never});
            });
        cb.create<scf::ConditionOp>(l, test.getResult(0), ValueRange{j, test.getResult(1)});
      },
      [&](OpBuilder &ab, Location l, ValueRange args) {
        ab.create<scf::YieldOp>(
            l, ValueRange{ab.create<arith::AddIOp>(l, args[0], one), args[1]});
      });
  return {walk.getResult(0), walk.getResult(1)};
}

/// Row `row` before row `other` as Paddle's UniqueDim sorts slices:
/// lexicographically, the first column where one is less decides (where
/// neither is, NaNs among them, the next column does).
Value rowBefore(OpBuilder &b, Location loc, Value rows, Value row, Value other) {
  return firstColumnWhereNot(
             b, loc, rows, row, other,
             [](OpBuilder &tb, Location tl, Value a, Value c) -> std::pair<Value, Value> {
               Value lt = less(tb, tl, a, c), gt = less(tb, tl, c, a);
               Value tie = tb.create<arith::XOrIOp>(
                   tl, tb.create<arith::OrIOp>(tl, lt, gt),
                   tb.create<arith::ConstantIntOp>(tl, 1, 1));
               return {tie, lt};
             })
      .second;
}

/// Rows `row` and `other` differ as Paddle's Equal compares slices: in
/// some column whose elements are not equal (a NaN equals nothing).
Value rowsDiffer(OpBuilder &b, Location loc, Value rows, Value row, Value other) {
  Value stop = firstColumnWhereNot(
                   b, loc, rows, row, other,
                   [](OpBuilder &tb, Location tl, Value a, Value c) -> std::pair<Value, Value> {
                     Value same =
                         isa<FloatType>(a.getType())
                             ? tb.create<arith::CmpFOp>(tl, arith::CmpFPredicate::OEQ, a, c)
                                   .getResult()
                             : tb.create<arith::CmpIOp>(tl, arith::CmpIPredicate::eq, a, c)
                                   .getResult();
                     return {same, same};
                   })
                   .first;
  Value cols = b.create<tensor::DimOp>(loc, rows, 1);
  return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, stop, cols);
}

/// `sorted` runs renumbered by their first occurrence in X.
Runs byFirstOccurrence(OpBuilder &b, Location loc, Value x, Value n, const Runs &sorted,
                       Type indexType) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  auto empty = [&](Type t) { return freshTensor(b, loc, {n}, t); };
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

/// The first runs.count entries of a per-run tensor, as `type`.
Value ofRuns(OpBuilder &b, Location loc, const Runs &runs, Value perRun, Type type) {
  Value slice = b.create<tensor::ExtractSliceOp>(
      loc, perRun, ArrayRef<OpFoldResult>{b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{runs.count}, ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
  return castTo(b, loc, slice, type);
}

/// unique's results: `out` (the distinct values or slices), then those of
/// Indices, Index and Counts that the op has.
SmallVector<Value> uniqueResults(OpBuilder &b, Location loc, UniqueOp op, const Runs &runs,
                                 Value out) {
  SmallVector<Value> results{castTo(b, loc, out, op.getOut().getType())};
  if (Value indices = op.getIndices())
    results.push_back(ofRuns(b, loc, runs, runs.firsts, indices.getType()));
  if (Value index = op.getIndex())
    results.push_back(castTo(b, loc, runs.inverse, index.getType()));
  if (Value counts = op.getCounts())
    results.push_back(ofRuns(b, loc, runs, runs.counts, counts.getType()));
  return results;
}

/// X viewed as Paddle's UniqueDim compares its slices along `axis`: dims 0
/// and `axis` swapped, then [rows, the rest flattened in that order].
Value slicesAsRows(OpBuilder &b, Location loc, Value x, int64_t axis) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  if (rank == 1) {
    SmallVector<OpFoldResult> shape{dimsOf(b, loc, x)[0], b.getIndexAttr(1)};
    auto rowsType = RankedTensorType::get({type.getDimSize(0), 1}, type.getElementType());
    return b.create<tensor::ExpandShapeOp>(loc, rowsType, x,
                                           ArrayRef<ReassociationIndices>{{0, 1}}, shape);
  }
  SmallVector<int64_t> permutation = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(permutation[0], permutation[axis]);
  Value swapped = x;
  if (axis != 0) {
    SmallVector<OpFoldResult> dims = dimsOf(b, loc, x), swappedDims;
    for (int64_t d : permutation)
      swappedDims.push_back(dims[d]);
    swapped = b.create<linalg::TransposeOp>(
                   loc, x, emptyTensor(b, loc, swappedDims, type.getElementType()),
                   permutation)
                  ->getResult(0);
  }
  if (rank == 2)
    return swapped;
  ReassociationIndices rest = llvm::to_vector(llvm::seq<int64_t>(1, rank));
  return b.create<tensor::CollapseShapeOp>(loc, swapped,
                                           ArrayRef<ReassociationIndices>{{0}, rest});
}

/// unique along one axis as Paddle's UniqueDim defines it: the slices
/// along the axis sorted lexicographically (stably here), runs of equal
/// slices (a slice with a NaN equals no other), and each run's first
/// slice. Results: X's slices at the runs' first positions, those
/// positions, each slice's run, each run's size.
SmallVector<Value> uniqueSlices(OpBuilder &b, Location loc, Value x, int64_t axis,
                                Type indexType, UniqueOp op) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  Value rows = slicesAsRows(b, loc, x, axis);
  Value n = b.create<tensor::DimOp>(loc, rows, 0);
  Value sorted = stableSortedPositions(
                     b, loc, SortSpace::make(b, loc, n),
                     [](OpBuilder &, Location, Value row) { return row; },
                     [&](OpBuilder &cb, Location l, Value row, Value other) {
                       return rowBefore(cb, l, rows, row, other);
                     })
                     .positions;
  Runs runs = ascendingRuns(b, loc, sorted, n, indexType,
                            [&](OpBuilder &sb, Location l, Value previous, Value row) {
                              return rowsDiffer(sb, l, rows, previous, row);
                            });
  SmallVector<OpFoldResult> outDims = dimsOf(b, loc, x);
  outDims[axis] = runs.count;
  Value out = generateElements(
      b, loc, outDims, element, [&](OpBuilder &gb, Location gl, ValueRange at) -> Value {
        SmallVector<Value> from(at);
        from[axis] = toIndex(gb, gl, gb.create<tensor::ExtractOp>(gl, runs.firsts, at[axis]));
        return gb.create<tensor::ExtractOp>(gl, x, from);
      });
  return uniqueResults(b, loc, op, runs, out);
}

struct LowerUnique : OpConversionPattern<UniqueOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(UniqueOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Type element = cast<RankedTensorType>(x.getType()).getElementType();
    if (!isa<FloatType>(element) && !element.isSignlessInteger(32) &&
        !element.isSignlessInteger(64))
      return op->emitOpError("is lowered for float, int32 and int64 tensors only");
    Type indexType = rewriter.getIntegerType(intAttr(op, "dtype", 3) == 2 ? 32 : 64);
    SmallVector<int64_t> axes = intsAttr(op, "axis");
    if (!axes.empty()) {
      int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
      std::optional<int64_t> axis = paddleAxis(axes[0], rank);
      if (axes.size() != 1 || !axis)
        return op->emitOpError("takes one axis of a rank-") << rank << " X";
      rewriter.replaceOp(op, uniqueSlices(rewriter, loc, x, *axis, indexType, op));
      return success();
    }
    Value flat = flattened(rewriter, loc, x);
    Value n = rewriter.create<tensor::DimOp>(loc, flat, 0);
    Value sorted = stableSortedPositions(
                       rewriter, loc, SortSpace::make(rewriter, loc, n),
                       [&](OpBuilder &vb, Location vl, Value position) -> Value {
                         return vb.create<tensor::ExtractOp>(vl, flat, position);
                       },
                       less)
                       .positions;
    auto valueAt = [&](OpBuilder &vb, Location vl, Value position) -> Value {
      return vb.create<tensor::ExtractOp>(vl, flat, position);
    };
    Runs runs = ascendingRuns(
        rewriter, loc, sorted, n, indexType,
        [&](OpBuilder &sb, Location l, Value previous, Value position) {
          return less(sb, l, valueAt(sb, l, previous), valueAt(sb, l, position));
        },
        element, valueAt);
    if (!boolAttr(op, "is_sorted", false))
      runs = byFirstOccurrence(rewriter, loc, flat, n, runs, indexType);
    Value values = ofRuns(rewriter, loc, runs, runs.values, op.getOut().getType());
    rewriter.replaceOp(op, uniqueResults(rewriter, loc, op, runs, values));
    return success();
  }
};

} // namespace

void pd::cpu::populateUniqueLowering(RewritePatternSet &patterns) {
  patterns.add<LowerUnique>(patterns.getContext());
}

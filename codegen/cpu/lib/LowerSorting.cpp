//===- LowerSorting.cpp - top_k_v2, argsort -> scf loops ------------------===//
//
// Both take, along an axis, elements in a total order: by value (largest
// or smallest first), ties to the lower index, which is how Paddle's
// kernels order them (partial_sort on (value, index) pairs; argsort's
// stable sort). k passes over each line, each taking the best element
// after the one the last pass took: no scratch memory, O(k n) per line,
// meant for the short lines of classifier heads and detectors.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

Value valueEqual(OpBuilder &b, Location loc, Value a, Value other) {
  if (isa<FloatType>(a.getType()))
    return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, a, other);
  return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, a, other);
}

/// The first value of the order's opposite end: every element comes after it.
Value orderStart(OpBuilder &b, Location loc, Type element, bool largest) {
  if (auto f = dyn_cast<FloatType>(element))
    return b.create<arith::ConstantOp>(
        loc, b.getFloatAttr(f, largest ? std::numeric_limits<double>::infinity()
                                       : -std::numeric_limits<double>::infinity()));
  unsigned bits = element.getIntOrFloatBitWidth();
  APInt v = largest ? APInt::getSignedMaxValue(bits) : APInt::getSignedMinValue(bits);
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(element, v));
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
  Value values = b.create<tensor::EmptyOp>(loc, outDims, element);
  Value indices = b.create<tensor::EmptyOp>(loc, outDims, i64);
  Value count = getValueOrCreateConstantIndexOp(b, loc, k);
  auto perLine = b.create<scf::ForOp>(
      loc, zero, lines, one, ValueRange{values, indices},
      [&](OpBuilder &lb, Location l, Value line, ValueRange outs) {
        // The line's indices in the other dims (row-major).
        SmallVector<Value> at(rank, zero);
        Value rest = line;
        for (int64_t d = rank - 1; d >= 0; --d) {
          if (d == axis)
            continue;
          at[d] = lb.create<arith::RemUIOp>(l, rest, dims[d]);
          rest = lb.create<arith::DivUIOp>(l, rest, dims[d]);
        }
        Value noIndex = lb.create<arith::ConstantIndexOp>(l, -1);
        auto passes = lb.create<scf::ForOp>(
            l, zero, count, one,
            ValueRange{outs[0], outs[1], orderStart(lb, l, element, largest), noIndex},
            [&](OpBuilder &pb, Location pl, Value j, ValueRange carried) {
              Value lastValue = carried[2], lastIndex = carried[3];
              Value none = pb.create<arith::ConstantIntOp>(pl, 0, 1);
              auto scan = pb.create<scf::ForOp>(
                  pl, zero, dims[axis], one,
                  ValueRange{lastValue, noIndex, none},
                  [&](OpBuilder &sb, Location sl, Value i, ValueRange best) {
                    SmallVector<Value> where(at);
                    where[axis] = i;
                    Value v = sb.create<tensor::ExtractOp>(sl, x, where);
                    // After the last one taken: later in value, or equal
                    // and later in index.
                    Value after = sb.create<arith::OrIOp>(
                        sl, orderedBefore(sb, sl, lastValue, v, largest),
                        sb.create<arith::AndIOp>(
                            sl, valueEqual(sb, sl, v, lastValue),
                            sb.create<arith::CmpIOp>(sl, arith::CmpIPredicate::sgt,
                                                     i, lastIndex)));
                    // Better than the best so far (the first seen wins ties).
                    Value better = sb.create<arith::OrIOp>(
                        sl, sb.create<arith::XOrIOp>(
                                sl, best[2], sb.create<arith::ConstantIntOp>(sl, 1, 1)),
                        orderedBefore(sb, sl, v, best[0], largest));
                    Value take = sb.create<arith::AndIOp>(sl, after, better);
                    sb.create<scf::YieldOp>(
                        sl, ValueRange{sb.create<arith::SelectOp>(sl, take, v, best[0]),
                                       sb.create<arith::SelectOp>(sl, take, i, best[1]),
                                       sb.create<arith::OrIOp>(sl, best[2], take)});
                  });
              Value bestValue = scan.getResult(0), bestIndex = scan.getResult(1);
              SmallVector<Value> where(at);
              where[axis] = j;
              Value vs = pb.create<tensor::InsertOp>(pl, bestValue, carried[0], where);
              Value is = pb.create<tensor::InsertOp>(
                  pl, pb.create<arith::IndexCastOp>(pl, i64, bestIndex), carried[1], where);
              pb.create<scf::YieldOp>(pl, ValueRange{vs, is, bestValue, bestIndex});
            });
        lb.create<scf::YieldOp>(
            l, ValueRange{passes.getResult(0), passes.getResult(1)});
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
  SmallVector<Value> results;
  for (auto [value, result] : llvm::zip(ValueRange{values, indices}, op->getResults()))
    results.push_back(value.getType() == result.getType()
                          ? value
                          : rewriter.create<tensor::CastOp>(op->getLoc(),
                                                            result.getType(), value));
  rewriter.replaceOp(op, results);
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

//===- LowerIndexing.cpp - index_sample, take_along_axis, gather_nd -------===//
//
// Gathers whose indices come per output element from an index tensor: one
// linalg.generic over the output reads the index, clamps it into X (the
// compiled code reads no memory outside its tensors; Paddle reports an
// error there) and extracts the element.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// An integer index read from a tensor, as an index clamped to [0, size);
/// a negative one counts from the end first, as Paddle's kernels allow.
Value clampedIndex(OpBuilder &b, Location loc, Value raw, Value size) {
  Value i = b.create<arith::IndexCastOp>(loc, b.getIndexType(), raw);
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, zero);
  i = b.create<arith::SelectOp>(loc, negative, b.create<arith::AddIOp>(loc, i, size), i);
  Value last = b.create<arith::SubIOp>(loc, size, b.create<arith::ConstantIndexOp>(loc, 1));
  return b.create<arith::MinSIOp>(loc, b.create<arith::MaxSIOp>(loc, i, zero), last);
}

/// index_sample: out[n, k] = X[n, Index[n, k]].
struct LowerIndexSample : OpConversionPattern<IndexSampleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(IndexSampleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), index = adaptor.getIndex();
    if (cast<RankedTensorType>(x.getType()).getRank() != 2 ||
        cast<RankedTensorType>(index.getType()).getRank() != 2)
      return op->emitOpError("takes a 2-D X and a 2-D Index");
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, index);
    Value columns = rewriter.create<tensor::DimOp>(loc, x, 1);
    Value out = gatherElements(
        rewriter, loc, dims, x, index, rewriter.getMultiDimIdentityMap(2),
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange args) {
          return SmallVector<Value>{at[0], clampedIndex(b, l, args[0], columns)};
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// take_along_axis: out[.., i, ..] = Input[.., Index[.., i, ..], ..] along
/// Axis; the other dims index both alike.
struct LowerTakeAlongAxis : OpConversionPattern<TakeAlongAxisOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TakeAlongAxisOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput(), index = adaptor.getIndex();
    int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "Axis", 0), rank);
    if (!axis)
      return op->emitOpError("Axis out of range");
    if (cast<RankedTensorType>(index.getType()).getRank() != rank)
      return op->emitOpError("takes an Index of Input's rank");
    Value size = rewriter.create<tensor::DimOp>(loc, input, *axis);
    Value out = gatherElements(
        rewriter, loc, dimsOf(rewriter, loc, index), input, index,
        rewriter.getMultiDimIdentityMap(rank),
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange args) {
          SmallVector<Value> indices(at);
          indices[*axis] = clampedIndex(b, l, args[0], size);
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// gather_nd: out[i.., j..] = X[Index[i.., 0], .., Index[i.., K-1], j..].
struct LowerGatherNd : OpConversionPattern<GatherNdOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherNdOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), index = adaptor.getIndex();
    auto indexType = cast<RankedTensorType>(index.getType());
    int64_t lead = indexType.getRank() - 1;
    int64_t k = indexType.getDimSize(lead);
    if (ShapedType::isDynamic(k))
      return op->emitOpError("needs Index's last dim static");
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, index);
    dims.pop_back();
    dims.append(xDims.begin() + k, xDims.end());
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          SmallVector<Value> coordinate(at.take_front(lead));
          coordinate.push_back(Value());
          SmallVector<Value> indices;
          for (int64_t c = 0; c < k; ++c) {
            coordinate.back() = b.create<arith::ConstantIndexOp>(l, c);
            Value raw = b.create<tensor::ExtractOp>(l, index, coordinate);
            indices.push_back(clampedIndex(
                b, l, raw, getValueOrCreateConstantIndexOp(b, l, xDims[c])));
          }
          llvm::append_range(indices, at.drop_front(lead));
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateIndexingLowering(RewritePatternSet &patterns) {
  patterns.add<LowerIndexSample, LowerTakeAlongAxis, LowerGatherNd>(
      patterns.getContext());
}

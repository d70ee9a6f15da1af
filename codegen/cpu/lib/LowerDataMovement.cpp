//===- LowerDataMovement.cpp - gather, expand_v2, tile, pixel_shuffle, ... ===//
//
// Ops that copy elements to new places: each is one linalg.generic over
// its output that reads the element it needs (by an indexing map where one
// exists, else by tensor.extract at computed indices). An index from the
// data (gather's) is clamped into X: compiled code reads no memory outside
// its tensors.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// A linalg.generic over `dims` whose body yields the element of `source`
/// at the indices `where` computes from the output's indices.
Value gatherElements(
    OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims, Value source,
    ValueRange inputs, ArrayRef<AffineMap> inputMaps,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange, ValueRange)>
        where) {
  Type element = cast<RankedTensorType>(source.getType()).getElementType();
  Value init = emptyTensor(b, loc, dims, element);
  int64_t rank = dims.size();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), inputs, init, maps,
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [&](OpBuilder &nb, Location l, ValueRange args) {
            SmallVector<Value> indices;
            for (int64_t i = 0; i < rank; ++i)
              indices.push_back(nb.create<linalg::IndexOp>(l, i));
            SmallVector<Value> at = where(nb, l, indices, args.drop_back());
            nb.create<linalg::YieldOp>(
                l, nb.create<tensor::ExtractOp>(l, source, at).getResult());
          })
      .getResult(0);
}

/// gather: out[.., i, ..] = X[.., Index[i], ..] along `axis`.
struct LowerGather : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    if (adaptor.getAxis_())
      return op->emitOpError("with its axis given by a tensor has no lowering");
    Value x = adaptor.getX(), index = adaptor.getIndex();
    auto xType = cast<RankedTensorType>(x.getType());
    auto indexType = cast<RankedTensorType>(index.getType());
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", 0), xType.getRank());
    if (!axis)
      return op->emitOpError("axis out of range");
    if (indexType.getRank() == 2) // [K, 1]: fluid's form
      index = rewriter.create<tensor::CollapseShapeOp>(
          loc, index, ArrayRef<ReassociationIndices>{{0, 1}});
    if (cast<RankedTensorType>(index.getType()).getRank() != 1)
      return op->emitOpError("takes a 1-D Index");
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    dims[*axis] = dimsOf(rewriter, loc, index)[0];
    Value rows = rewriter.create<tensor::DimOp>(loc, x, *axis);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap indexMap = AffineMap::get(xType.getRank(), 0,
                                        getAffineDimExpr(*axis, ctx));
    Value out = gatherElements(
        rewriter, loc, dims, x, index, indexMap,
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange args) {
          Value i = b.create<arith::IndexCastOp>(l, b.getIndexType(), args[0]);
          Value zero = b.create<arith::ConstantIndexOp>(l, 0);
          Value last = b.create<arith::SubIOp>(
              l, rows, b.create<arith::ConstantIndexOp>(l, 1));
          SmallVector<Value> indices(at);
          indices[*axis] = b.create<arith::MinSIOp>(
              l, b.create<arith::MaxSIOp>(l, i, zero), last);
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// expand_v2: X (aligned at the end) broadcast to `shape`.
struct LowerExpand : OpConversionPattern<ExpandV2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ExpandV2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getShape_() || !adaptor.getExpandShapesTensor().empty())
      return op->emitOpError("with its shape given by tensors has no lowering");
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto xType = cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> shape = intsAttr(op, "shape");
    int64_t lead = int64_t(shape.size()) - xType.getRank();
    if (lead < 0)
      return op->emitOpError("shape has fewer dims than X");
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x), dims;
    for (auto [i, d] : llvm::enumerate(shape))
      dims.push_back(d == -1 ? xDims[i - lead] : rewriter.getIndexAttr(d));
    // mapElements broadcasts X's dims of static size 1.
    Value out = mapElements(rewriter, loc, dims, xType.getElementType(), x,
                            [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// tile: out[i...] = X[i mod dim...], X's dims padded with 1s in front.
struct LowerTile : OpConversionPattern<TileOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getRepeatTimes_() || !adaptor.getRepeatTimesTensor().empty())
      return op->emitOpError("with its repeats given by tensors has no lowering");
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t xRank = cast<RankedTensorType>(x.getType()).getRank();
    SmallVector<int64_t> repeats = intsAttr(op, "repeat_times");
    int64_t rank = std::max<int64_t>(xRank, repeats.size());
    repeats.insert(repeats.begin(), rank - repeats.size(), 1);
    int64_t lead = rank - xRank;
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x), dims;
    SmallVector<Value> sizes;
    for (int64_t i = 0; i < rank; ++i) {
      if (i < lead) {
        dims.push_back(rewriter.getIndexAttr(repeats[i]));
        continue;
      }
      Value size = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[i - lead]);
      sizes.push_back(size);
      dims.push_back(getAsOpFoldResult(rewriter.create<arith::MulIOp>(
          loc, size, rewriter.create<arith::ConstantIndexOp>(loc, repeats[i]))));
    }
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          SmallVector<Value> indices;
          for (int64_t i = lead; i < rank; ++i)
            indices.push_back(b.create<arith::RemUIOp>(l, at[i], sizes[i - lead]));
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// pixel_shuffle: out[n, c, h r + i, w r + j] = X[n, c r^2 + i r + j, h, w]
/// (NHWC alike, channels last).
struct LowerPixelShuffle : OpConversionPattern<PixelShuffleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PixelShuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t r = intAttr(op, "upscale_factor", 1);
    bool nhwc = strAttr(op, "data_format", "NCHW") == "NHWC";
    if (cast<RankedTensorType>(x.getType()).getRank() != 4 || r < 1)
      return op->emitOpError("takes a 4-D X and an upscale_factor of at least 1");
    int64_t cAt = nhwc ? 3 : 1, hAt = nhwc ? 1 : 2, wAt = nhwc ? 2 : 3;
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x), dims(xDims);
    auto scaled = [&](OpFoldResult d, bool up) {
      Value v = getValueOrCreateConstantIndexOp(rewriter, loc, d);
      Value factor = rewriter.create<arith::ConstantIndexOp>(loc, up ? r : r * r);
      return getAsOpFoldResult(
          up ? rewriter.create<arith::MulIOp>(loc, v, factor).getResult()
             : rewriter.create<arith::DivUIOp>(loc, v, factor).getResult());
    };
    dims[cAt] = scaled(xDims[cAt], false);
    dims[hAt] = scaled(xDims[hAt], true);
    dims[wAt] = scaled(xDims[wAt], true);
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          Value factor = b.create<arith::ConstantIndexOp>(l, r);
          Value i = b.create<arith::RemUIOp>(l, at[hAt], factor);
          Value j = b.create<arith::RemUIOp>(l, at[wAt], factor);
          // c r^2 + i r + j
          Value c = b.create<arith::AddIOp>(
              l,
              b.create<arith::MulIOp>(
                  l, b.create<arith::AddIOp>(l, b.create<arith::MulIOp>(l, at[cAt], factor), i),
                  factor),
              j);
          SmallVector<Value> indices(at);
          indices[cAt] = c;
          indices[hAt] = b.create<arith::DivUIOp>(l, at[hAt], factor);
          indices[wAt] = b.create<arith::DivUIOp>(l, at[wAt], factor);
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// meshgrid: Out[i] is X[i] broadcast along dim i of [len(X[0]), ...].
struct LowerMeshgrid : OpConversionPattern<MeshgridOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MeshgridOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<Value> inputs;
    SmallVector<OpFoldResult> dims;
    for (Value v : adaptor.getX()) {
      auto type = cast<RankedTensorType>(v.getType());
      if (type.getRank() == 0)
        v = rewriter.create<tensor::ExpandShapeOp>(
            loc, RankedTensorType::get({1}, type.getElementType()), v,
            ArrayRef<ReassociationIndices>{});
      else if (type.getRank() != 1)
        return op->emitOpError("takes 1-D tensors");
      inputs.push_back(v);
      dims.push_back(dimsOf(rewriter, loc, v)[0]);
    }
    SmallVector<Value> outs;
    for (auto [i, v] : llvm::enumerate(inputs)) {
      Type element = cast<RankedTensorType>(v.getType()).getElementType();
      Value out = mapElements(rewriter, loc, dims, element, v, {int64_t(i)},
                              [](OpBuilder &, Location, ValueRange a) { return a[0]; });
      Type want = op.getOut()[i].getType();
      outs.push_back(out.getType() == want
                         ? out
                         : rewriter.create<tensor::CastOp>(loc, want, out).getResult());
    }
    rewriter.replaceOp(op, outs);
    return success();
  }
};

} // namespace

void pd::cpu::populateDataMovementLowering(RewritePatternSet &patterns) {
  patterns.add<LowerGather, LowerExpand, LowerTile, LowerPixelShuffle, LowerMeshgrid>(
      patterns.getContext());
}

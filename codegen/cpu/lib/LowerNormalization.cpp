//===- LowerNormalization.cpp - softmax, norms, reduce_mean -> linalg -----===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

Value add(OpBuilder &b, Location l, ValueRange a) {
  return b.create<arith::AddFOp>(l, a[0], a[1]);
}
Value maximum(OpBuilder &b, Location l, ValueRange a) {
  return b.create<arith::MaximumFOp>(l, a[0], a[1]);
}

struct LowerSoftmax : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    int64_t axis = intAttr(op, "axis", -1);
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return op->emitOpError("axis out of range");
    if (!isa<FloatType>(type.getElementType()))
      return op->emitOpError("is lowered for floating-point tensors only");
    SmallVector<bool> reduced(rank, false);
    reduced[axis] = true;
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    Type element = type.getElementType();
    // exp(x - max) / sum(exp(x - max)), max and sum along `axis`.
    Value max = reduceDims(rewriter, loc, x, reduced, -INFINITY, true, maximum);
    Value e = mapElements(rewriter, loc, dims, element, {x, max},
                          [](OpBuilder &b, Location l, ValueRange a) -> Value {
                            return b.create<math::ExpOp>(
                                l, b.create<arith::SubFOp>(l, a[0], a[1]));
                          });
    Value sum = reduceDims(rewriter, loc, e, reduced, 0, true, add);
    Value y = mapElements(rewriter, loc, dims, element, {e, sum},
                          [](OpBuilder &b, Location l, ValueRange a) -> Value {
                            return b.create<arith::DivFOp>(l, a[0], a[1]);
                          });
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

/// Inference batch_norm with the running statistics:
/// y = x * (scale / sqrt(var + eps)) + (bias - mean * scale / sqrt(var + eps)).
struct LowerBatchNorm : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    if (!isa<FloatType>(element) || type.getRank() < 2)
      return op->emitOpError("is lowered for floating-point tensors of rank >= 2");
    int64_t channel =
        strAttr(op, "data_layout", "NCHW") == "NHWC" ? type.getRank() - 1 : 1;
    double eps = floatAttr(op, "epsilon", 1e-5);
    Value stats[] = {adaptor.getScale(), adaptor.getBias(), adaptor.getMean(),
                     adaptor.getVariance()};
    SmallVector<OpFoldResult> c = dimsOf(rewriter, loc, adaptor.getScale());
    Value mul = mapElements(
        rewriter, loc, c, element, {stats[0], stats[3]},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value v = b.create<arith::AddFOp>(l, a[1], constantOf(b, l, a[1].getType(), eps));
          return b.create<arith::DivFOp>(l, a[0], b.create<math::SqrtOp>(l, v));
        });
    Value shift = mapElements(
        rewriter, loc, c, element, {stats[1], stats[2], mul},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<arith::SubFOp>(
              l, a[0], b.create<arith::MulFOp>(l, a[1], a[2]));
        });
    Value y = mapElements(
        rewriter, loc, dimsOf(rewriter, loc, x), element, {x, mul, shift},
        {0, channel, channel},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<arith::AddFOp>(
              l, b.create<arith::MulFOp>(l, a[0], a[1]), a[2]);
        });
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

/// layer_norm over the dims from begin_norm_axis; Scale and Bias hold one
/// value per normalised element.
struct LowerLayerNorm : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    int64_t rank = type.getRank();
    int64_t begin = intAttr(op, "begin_norm_axis", 1);
    if (begin < 0)
      begin += rank;
    if (!isa<FloatType>(element) || begin < 0 || begin >= rank)
      return op->emitOpError("begin_norm_axis out of range (or not a float)");
    double eps = floatAttr(op, "epsilon", 1e-5);
    SmallVector<bool> reduced(rank, false);
    for (int64_t i = begin; i < rank; ++i)
      reduced[i] = true;
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    Value count = countOf(rewriter, loc, x, reduced, element);
    auto divide = [&](Value sum) {
      return mapElements(rewriter, loc, dimsOf(rewriter, loc, sum), element,
                         sum, [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           return b.create<arith::DivFOp>(l, a[0], count);
                         });
    };
    Value mean = divide(reduceDims(rewriter, loc, x, reduced, 0, true, add));
    Value centred = mapElements(rewriter, loc, dims, element, {x, mean},
                                [](OpBuilder &b, Location l, ValueRange a) -> Value {
                                  return b.create<arith::SubFOp>(l, a[0], a[1]);
                                });
    Value squares = mapElements(rewriter, loc, dims, element, centred,
                                [](OpBuilder &b, Location l, ValueRange a) -> Value {
                                  return b.create<arith::MulFOp>(l, a[0], a[0]);
                                });
    Value variance =
        divide(reduceDims(rewriter, loc, squares, reduced, 0, true, add));
    Value y = mapElements(
        rewriter, loc, dims, element, {centred, variance},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value v = b.create<arith::AddFOp>(l, a[1], constantOf(b, l, a[1].getType(), eps));
          return b.create<arith::DivFOp>(l, a[0], b.create<math::SqrtOp>(l, v));
        });
    // Scale and bias: [prod(dims[begin:])], viewed with the normalised dims.
    auto affine = [&](Value param, bool isScale) -> FailureOr<Value> {
      if (!param)
        return y;
      if (rank - begin > 1) {
        SmallVector<int64_t> shape(type.getShape().begin() + begin,
                                   type.getShape().end());
        if (llvm::any_of(shape, ShapedType::isDynamic))
          return op->emitOpError("with several dynamic normalised dims has no lowering");
        ReassociationIndices all;
        for (int64_t i = 0; i < rank - begin; ++i)
          all.push_back(i);
        param = rewriter.create<tensor::ExpandShapeOp>(
            loc, RankedTensorType::get(shape, element), param,
            SmallVector<ReassociationIndices>{all});
      }
      return mapElements(rewriter, loc, dims, element, {y, param},
                         [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           if (isScale)
                             return b.create<arith::MulFOp>(l, a[0], a[1]);
                           return b.create<arith::AddFOp>(l, a[0], a[1]);
                         });
    };
    FailureOr<Value> scaled = affine(adaptor.getScale(), true);
    if (failed(scaled))
      return failure();
    y = *scaled;
    FailureOr<Value> shifted = affine(adaptor.getBias(), false);
    if (failed(shifted))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *shifted);
  }
};

} // namespace

void pd::cpu::populateNormalizationLowering(RewritePatternSet &patterns) {
  patterns.add<LowerSoftmax, LowerBatchNorm, LowerLayerNorm>(
      patterns.getContext());
}

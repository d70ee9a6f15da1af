//===- LowerNormalization.cpp - softmax, norms, reduce_mean -> linalg -----===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
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
    Value e = expAboveMax(rewriter, loc, x, maxKeepingDims(rewriter, loc, x, reduced));
    Value sum = reduceDims(rewriter, loc, e, reduced, 0, true, add);
    Value y = mapElements(rewriter, loc, dims, element, {e, sum},
                          [](OpBuilder &b, Location l, ValueRange a) -> Value {
                            return b.create<arith::DivFOp>(l, a[0], a[1]);
                          });
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

/// softmax_with_cross_entropy as Paddle's CPU kernels compute it: the
/// softmax with x - max clipped at -64 before exp (SoftmaxFunctor's
/// ValueClip), logs of 0 as -1e20 (TolerableValue), a hard label equal to
/// `ignore_index` giving a loss of 0. A hard label outside [0, classes) is
/// clamped into it (Paddle reports an error; compiled code reads no memory
/// outside its tensors).
struct LowerSoftmaxWithCrossEntropy : OpConversionPattern<SoftmaxWithCrossEntropyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxWithCrossEntropyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value logits = adaptor.getLogits(), label = adaptor.getLabel();
    auto type = cast<RankedTensorType>(logits.getType());
    auto labelType = cast<RankedTensorType>(label.getType());
    int64_t rank = type.getRank();
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", -1), rank);
    if (!axis || labelType.getRank() != rank)
      return op->emitOpError("axis out of range, or Label of another rank than Logits");
    Type element = type.getElementType();
    bool soft = boolAttr(op, "soft_label", false);
    if (!isa<FloatType>(element) ||
        (soft ? labelType.getElementType() != element
              : !labelType.getElementType().isSignlessInteger()))
      return op->emitOpError("is lowered for float Logits with integer (hard) or "
                             "same-typed float (soft) labels only");
    SmallVector<bool> reduced(rank, false);
    reduced[*axis] = true;
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, logits);
    auto f = [&](OpBuilder &b, Location l, double v) { return constantOf(b, l, element, v); };
    Value softmax = logits;
    if (boolAttr(op, "use_softmax", true)) {
      Value max = maxKeepingDims(rewriter, loc, logits, reduced);
      Value e = mapElements(rewriter, loc, dims, element, {logits, max},
                            [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                              Value shifted = b.create<arith::SubFOp>(l, a[0], a[1]);
                              return b.create<math::ExpOp>(
                                  l, b.create<arith::MaximumFOp>(l, shifted, f(b, l, -64)));
                            });
      Value sum = reduceDims(rewriter, loc, e, reduced, 0, true, add);
      softmax = mapElements(rewriter, loc, dims, element, {e, sum},
                            [](OpBuilder &b, Location l, ValueRange a) -> Value {
                              return b.create<arith::DivFOp>(l, a[0], a[1]);
                            });
    }
    // log(p) with infinities as -+1e20.
    auto tolerableLog = [&](OpBuilder &b, Location l, Value p) -> Value {
      Value log = b.create<math::LogOp>(l, p);
      return b.create<arith::MinimumFOp>(
          l, b.create<arith::MaximumFOp>(l, log, f(b, l, -1e20)), f(b, l, 1e20));
    };
    Value loss;
    if (soft) {
      Value terms = mapElements(rewriter, loc, dims, element, {label, softmax},
                                [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                                  return b.create<arith::MulFOp>(l, a[0],
                                                                 tolerableLog(b, l, a[1]));
                                });
      Value sum = reduceDims(rewriter, loc, terms, reduced, 0, true, add);
      loss = mapElements(rewriter, loc, dimsOf(rewriter, loc, sum), element, sum,
                         [](OpBuilder &b, Location l, ValueRange a) -> Value {
                           return b.create<arith::NegFOp>(l, a[0]);
                         });
    } else {
      SmallVector<OpFoldResult> lossDims = dims;
      lossDims[*axis] = rewriter.getIndexAttr(1);
      Value classes = getValueOrCreateConstantIndexOp(rewriter, loc, dims[*axis]);
      Type labelElement = labelType.getElementType();
      int64_t ignore = intAttr(op, "ignore_index", -100);
      loss = generateElements(
          rewriter, loc, lossDims, element, [&](OpBuilder &b, Location l, ValueRange at) -> Value {
            Value c = b.create<tensor::ExtractOp>(l, label, at);
            Value ignored = b.create<arith::CmpIOp>(
                l, arith::CmpIPredicate::eq, c,
                b.create<arith::ConstantOp>(l, b.getIntegerAttr(labelElement, ignore)));
            Value index = b.create<arith::IndexCastOp>(l, b.getIndexType(), c);
            Value zero = b.create<arith::ConstantIndexOp>(l, 0);
            Value last = b.create<arith::SubIOp>(l, classes, b.create<arith::ConstantIndexOp>(l, 1));
            index = b.create<arith::MinSIOp>(l, b.create<arith::MaxSIOp>(l, index, zero), last);
            SmallVector<Value> where(at);
            where[*axis] = index;
            Value p = b.create<tensor::ExtractOp>(l, softmax, where);
            Value value = b.create<arith::NegFOp>(l, tolerableLog(b, l, p));
            return b.create<arith::SelectOp>(l, ignored, f(b, l, 0), value);
          });
    }
    replaceWithResults(rewriter, op, {softmax, loss});
    return success();
  }
};

/// log_softmax: (x - max) - ln(sum(exp(x - max))) along `axis`.
struct LowerLogSoftmax : OpConversionPattern<LogSoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LogSoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", -1), type.getRank());
    if (!axis)
      return op->emitOpError("axis out of range");
    if (!isa<FloatType>(type.getElementType()))
      return op->emitOpError("is lowered for floating-point tensors only");
    SmallVector<bool> reduced(type.getRank(), false);
    reduced[*axis] = true;
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    Type element = type.getElementType();
    Value max = maxKeepingDims(rewriter, loc, x, reduced);
    Value shifted = mapElements(rewriter, loc, dims, element, {x, max},
                                [](OpBuilder &b, Location l, ValueRange a) -> Value {
                                  return b.create<arith::SubFOp>(l, a[0], a[1]);
                                });
    Value e = mapElements(rewriter, loc, dims, element, shifted,
                          [](OpBuilder &b, Location l, ValueRange a) -> Value {
                            return b.create<math::ExpOp>(l, a[0]);
                          });
    Value sum = reduceDims(rewriter, loc, e, reduced, 0, true, add);
    Value y = mapElements(rewriter, loc, dims, element, {shifted, sum},
                          [](OpBuilder &b, Location l, ValueRange a) -> Value {
                            return b.create<arith::SubFOp>(
                                l, a[0], b.create<math::LogOp>(l, a[1]));
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

/// affine_channel: x * scale + bias, one scale and bias per channel (dim 1,
/// or the last with NHWC), in one pass as Paddle's kernel computes it.
struct LowerAffineChannel : OpConversionPattern<AffineChannelOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AffineChannelOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    auto elementOf = [](Value v) { return cast<ShapedType>(v.getType()).getElementType(); };
    if (!isa<FloatType>(element) || elementOf(adaptor.getScale()) != element ||
        elementOf(adaptor.getBias()) != element)
      return op->emitOpError("is lowered for floating-point tensors of one type only");
    int64_t channel =
        strAttr(op, "data_layout", "NCHW") == "NHWC" ? type.getRank() - 1 : 1;
    Value y = mapElements(
        rewriter, loc, dimsOf(rewriter, loc, x), element,
        {x, adaptor.getScale(), adaptor.getBias()}, {0, channel, channel},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<arith::AddFOp>(l, b.create<arith::MulFOp>(l, a[0], a[1]), a[2]);
        });
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

/// data_norm as Paddle's CPU kernel computes it. Per column, from the
/// parameters alone (so computed once, at load time): Means = BatchSum /
/// BatchSize, Scales = sqrt(BatchSize / BatchSquareSum). Per element:
/// (x - mean) * scale; with enable_scale_and_shift, Paddle's folded form
/// x * (scale * w) + (bias - mean * scale * w); with slot_dim, each slot's
/// elements are 0 where its first value (the show count) lies within 1e-7
/// of 0, and else (x - mean) * scale, then * w + bias when shifted.
struct LowerDataNorm : OpConversionPattern<DataNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DataNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    bool shift = boolAttr(op, "enable_scale_and_shift", false);
    if (shift && (!adaptor.getScaleW() || !adaptor.getBias()))
      return op->emitOpError("with enable_scale_and_shift needs scale_w and bias");
    for (Value v : adaptor.getOperands())
      if (cast<ShapedType>(v.getType()).getElementType() != element || !isa<FloatType>(element))
        return op->emitOpError("is lowered for floating-point tensors of one type only");
    if (type.getRank() != 2)
      return op->emitOpError("is lowered for a 2-D X only, as Paddle's kernel");
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    auto perColumn = [&](ValueRange operands, BodyFn body) {
      return mapElements(rewriter, loc, {dims[1]}, element, operands, body);
    };
    Value means = perColumn({adaptor.getBatchSum(), adaptor.getBatchSize()},
                            [](OpBuilder &b, Location l, ValueRange a) -> Value {
                              return b.create<arith::DivFOp>(l, a[0], a[1]);
                            });
    Value scales = perColumn(
        {adaptor.getBatchSize(), adaptor.getBatchSquareSum()},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<math::SqrtOp>(l, b.create<arith::DivFOp>(l, a[0], a[1]));
        });
    int64_t slot = intAttr(op, "slot_dim", -1);
    Value y;
    if (slot <= 0 && shift) {
      Value w = adaptor.getScaleW(), bias = adaptor.getBias();
      Value scale = perColumn({scales, w}, [](OpBuilder &b, Location l, ValueRange a) -> Value {
        return b.create<arith::MulFOp>(l, a[0], a[1]);
      });
      Value shifted = perColumn(
          {bias, means, scales, w}, [](OpBuilder &b, Location l, ValueRange a) -> Value {
            Value meanScaled = b.create<arith::MulFOp>(l, a[1], a[2]);
            return b.create<arith::SubFOp>(l, a[0], b.create<arith::MulFOp>(l, meanScaled, a[3]));
          });
      y = mapElements(rewriter, loc, dims, element, {x, scale, shifted},
                      [](OpBuilder &b, Location l, ValueRange a) -> Value {
                        return b.create<arith::AddFOp>(l, b.create<arith::MulFOp>(l, a[0], a[1]), a[2]);
                      });
    } else {
      SmallVector<Value> operands{x, means, scales};
      if (shift)
        operands.append({adaptor.getScaleW(), adaptor.getBias()});
      y = mapElements(rewriter, loc, dims, element, operands,
                      [&](OpBuilder &b, Location l, ValueRange a) -> Value {
        Value v = b.create<arith::MulFOp>(l, b.create<arith::SubFOp>(l, a[0], a[1]), a[2]);
        if (shift)
          v = b.create<arith::AddFOp>(l, b.create<arith::MulFOp>(l, v, a[3]), a[4]);
        if (slot <= 0)
          return v;
        // The slot's show count: x at the slot's first column of this row.
        Value row = b.create<linalg::IndexOp>(l, 0);
        Value column = b.create<linalg::IndexOp>(l, 1);
        Value first = b.create<arith::SubIOp>(
            l, column, b.create<arith::RemUIOp>(l, column, b.create<arith::ConstantIndexOp>(l, slot)));
        Value show = b.create<tensor::ExtractOp>(l, x, ValueRange{row, first});
        Value low = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, show,
                                            constantOf(b, l, element, -1e-7));
        Value high = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OLT, show,
                                             constantOf(b, l, element, 1e-7));
        return b.create<arith::SelectOp>(l, b.create<arith::AndIOp>(l, low, high),
                                         constantOf(b, l, element, 0), v);
      });
    }
    SmallVector<Value> results{y};
    if (op.getMeans())
      results.push_back(means);
    if (op.getScales())
      results.push_back(scales);
    replaceWithResults(rewriter, op, results);
    return success();
  }
};

/// (x - mean) / sqrt(variance + eps), the statistics over the dims where
/// `reduced` is set (two passes: the mean, then the mean squared deviation).
Value normalize(OpBuilder &b, Location loc, Value x, ArrayRef<bool> reduced,
                double eps) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, x);
  Value count = countOf(b, loc, x, reduced, element);
  auto divide = [&](Value sum) {
    return mapElements(b, loc, dimsOf(b, loc, sum), element, sum,
                       [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                         return nb.create<arith::DivFOp>(l, a[0], count);
                       });
  };
  Value mean = divide(reduceDims(b, loc, x, reduced, 0, true, add));
  Value centred = mapElements(b, loc, dims, element, {x, mean},
                              [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                                return nb.create<arith::SubFOp>(l, a[0], a[1]);
                              });
  Value squares = mapElements(b, loc, dims, element, centred,
                              [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                                return nb.create<arith::MulFOp>(l, a[0], a[0]);
                              });
  Value variance = divide(reduceDims(b, loc, squares, reduced, 0, true, add));
  return mapElements(
      b, loc, dims, element, {centred, variance},
      [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
        Value v = nb.create<arith::AddFOp>(l, a[1], constantOf(nb, l, a[1].getType(), eps));
        return nb.create<arith::DivFOp>(l, a[0], nb.create<math::SqrtOp>(l, v));
      });
}

/// y * scale + bias with one scale and bias per channel (dim `channel`);
/// either may be absent.
Value scaleChannels(OpBuilder &b, Location loc, Value y, Value scale, Value bias,
                    int64_t channel) {
  Type element = cast<RankedTensorType>(y.getType()).getElementType();
  for (auto [param, isScale] : {std::pair{scale, true}, std::pair{bias, false}}) {
    if (!param)
      continue;
    y = mapElements(b, loc, dimsOf(b, loc, y), element, {y, param}, {0, channel},
                    [isScale = isScale](OpBuilder &nb, Location l, ValueRange a) -> Value {
                      if (isScale)
                        return nb.create<arith::MulFOp>(l, a[0], a[1]);
                      return nb.create<arith::AddFOp>(l, a[0], a[1]);
                    });
  }
  return y;
}

/// instance_norm: each channel of each image [N, C, spatial...] normalised
/// over its spatial dims.
struct LowerInstanceNorm : OpConversionPattern<InstanceNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(InstanceNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    if (!isa<FloatType>(type.getElementType()) || type.getRank() < 3)
      return op->emitOpError("is lowered for floating-point tensors of rank >= 3");
    SmallVector<bool> reduced(type.getRank(), true);
    reduced[0] = reduced[1] = false;
    Location loc = op.getLoc();
    Value y = normalize(rewriter, loc, x, reduced, floatAttr(op, "epsilon", 1e-5));
    return replaceWithPrimaryResult(
        rewriter, op,
        scaleChannels(rewriter, loc, y, adaptor.getScale(), adaptor.getBias(), 1));
  }
};

/// group_norm (NCHW): X viewed as [N, groups, C / groups, spatial...], each
/// group of each image normalised, then scaled per channel.
struct LowerGroupNorm : OpConversionPattern<GroupNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GroupNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank(), groups = intAttr(op, "groups", 1);
    if (!isa<FloatType>(type.getElementType()) || rank < 2)
      return op->emitOpError("is lowered for floating-point tensors of rank >= 2");
    if (strAttr(op, "data_layout", "NCHW") != "NCHW")
      return op->emitOpError("is lowered for the NCHW layout only");
    int64_t channels = type.getDimSize(1);
    if (ShapedType::isDynamic(channels))
      return op->emitOpError("needs a static channel count");
    if (groups < 1 || channels % groups)
      return op->emitOpError("groups (") << groups << ") does not divide the "
                                         << channels << " channels";
    Location loc = op.getLoc();
    // [N, C, rest...] -> [N, G, C / G, rest...]
    SmallVector<int64_t> shape{type.getDimSize(0), groups, channels / groups};
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> grouped{dims[0], rewriter.getIndexAttr(groups),
                                      rewriter.getIndexAttr(channels / groups)};
    SmallVector<ReassociationIndices> reassociation{{0}, {1, 2}};
    for (int64_t i = 2; i < rank; ++i) {
      shape.push_back(type.getDimSize(i));
      grouped.push_back(dims[i]);
      reassociation.push_back({i + 1});
    }
    auto groupedType = RankedTensorType::get(shape, type.getElementType());
    Value view = rewriter.create<tensor::ExpandShapeOp>(loc, groupedType, x,
                                                        reassociation, grouped);
    SmallVector<bool> reduced(rank + 1, true);
    reduced[0] = reduced[1] = false;
    Value y = normalize(rewriter, loc, view, reduced, floatAttr(op, "epsilon", 1e-5));
    y = rewriter.create<tensor::CollapseShapeOp>(loc, type, y, reassociation);
    return replaceWithPrimaryResult(
        rewriter, op,
        scaleChannels(rewriter, loc, y, adaptor.getScale(), adaptor.getBias(), 1));
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
    Value y = normalize(rewriter, loc, x, reduced, eps);
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
  patterns.add<LowerSoftmax, LowerLogSoftmax, LowerSoftmaxWithCrossEntropy, LowerBatchNorm, LowerAffineChannel, LowerDataNorm,
               LowerLayerNorm, LowerInstanceNorm, LowerGroupNorm>(patterns.getContext());
}

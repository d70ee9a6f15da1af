//===- LowerQuantization.cpp - quantize-dequantize ops of QAT models ------===//
//
// Each element is rounded to one of the 2^(bit_length-1)-1 steps of its
// scale s and back, in the order of Paddle's CPU kernels so that the float
// results are Paddle's bit for bit:
//   round_type 0: q = roundeven((bin * inv(s)) * x), clamped to
//                 [-bin - 1, bin]; out = q * s / bin
//   round_type 1: q = round((bin * inv(s)) * clip(x, -s, s));
//                 out = q * s / bin
// with inv(s) = 1 / s, or 1 / (s + 1e-6) for s <= 1e-30. A weight's
// quantization reads parameters only: pd-cpu-hoist-load-time moves it to
// load time. quantize_linear stops at q (a float); dequantize_linear
// takes such a q back: q * s / bin.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// Paddle's quantization steps and rounding of one op.
struct Steps {
  double bins; // the largest step: 2^(bit_length-1) - 1, or qmax
  int64_t roundType;
};

FailureOr<Steps> stepsOf(Operation *op) {
  int64_t bits = intAttr(op, "bit_length", 8);
  int64_t roundType = intAttr(op, "round_type", 0);
  if (bits < 1 || bits > 16)
    return op->emitOpError("bit_length ") << bits << " is not in [1, 16]";
  if (roundType != 0 && roundType != 1)
    return op->emitOpError("round_type ") << roundType << " is not 0 or 1";
  return Steps{double((int64_t(1) << (bits - 1)) - 1), roundType};
}

/// quantize_linear's and dequantize_linear's steps: qmax where Paddle 3
/// wrote it, else from bit_length. (Paddle's kernels read qmin nowhere: the
/// lowest step is -qmax - 1.)
FailureOr<Steps> linearStepsOf(Operation *op) {
  FailureOr<Steps> steps = stepsOf(op);
  if (failed(steps) || !op->hasAttr("qmax"))
    return steps;
  int64_t qmax = intAttr(op, "qmax", 127);
  if (qmax == 448 || qmax == 57344)
    return op->emitOpError("quantizes to float8 (qmax ")
           << qmax << "), which is not lowered";
  if (qmax < 1 || qmax > 32767)
    return op->emitOpError("qmax ") << qmax << " is not in [1, 32767]";
  steps->bins = double(qmax);
  return steps;
}

/// `x` rounded to a step of scale `s` (one element), kept as a float.
Value quantizeStep(OpBuilder &b, Location loc, Value x, Value s,
                   const Steps &steps) {
  Type t = x.getType();
  auto c = [&](double v) { return constantOf(b, loc, t, v); };
  Value tiny = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLE, s, c(1e-30));
  Value inv = b.create<arith::DivFOp>(
      loc, c(1), b.create<arith::SelectOp>(
                     loc, tiny, b.create<arith::AddFOp>(loc, s, c(1e-6)), s));
  Value factor = b.create<arith::MulFOp>(loc, c(steps.bins), inv);
  if (steps.roundType == 0) {
    Value q = b.create<math::RoundEvenOp>(loc, b.create<arith::MulFOp>(loc, factor, x));
    Value high = c(steps.bins), low = c(-steps.bins - 1);
    q = b.create<arith::SelectOp>(
        loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, q, high), high, q);
    return b.create<arith::SelectOp>(
        loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, q, low), low, q);
  }
  Value negative = b.create<arith::NegFOp>(loc, s);
  Value clipped = b.create<arith::SelectOp>(
      loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x, negative),
      negative,
      b.create<arith::SelectOp>(
          loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, s), s, x));
  return b.create<math::RoundOp>(loc, b.create<arith::MulFOp>(loc, factor, clipped));
}

/// A step `q` of scale `s` back to its value: q * s / bins, in that order.
Value dequantizeStep(OpBuilder &b, Location loc, Value q, Value s,
                     const Steps &steps) {
  return b.create<arith::DivFOp>(loc, b.create<arith::MulFOp>(loc, q, s),
                                 constantOf(b, loc, q.getType(), steps.bins));
}

/// `x` quantized to the steps of scale `s` and back (one element).
Value quantizeDequantize(OpBuilder &b, Location loc, Value x, Value s,
                         const Steps &steps) {
  return dequantizeStep(b, loc, quantizeStep(b, loc, x, s, steps), s, steps);
}

/// The largest |x| over the dims where `reduced` is set.
Value absMax(OpBuilder &b, Location loc, Value x, ArrayRef<bool> reduced) {
  return reduceDims(b, loc, x, reduced, 0, /*keepDims=*/false,
                    [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                      return nb.create<arith::MaximumFOp>(
                          l, nb.create<math::AbsFOp>(l, a[0]), a[1]);
                    });
}

/// f(x, s) for each element x of `x`, s the element of `scale` (one, or
/// one per index of dim `axis`).
using ElementWithScale = function_ref<Value(OpBuilder &, Location, Value, Value)>;
Value mapWithScale(OpBuilder &b, Location loc, Value x, Value scale,
                   std::optional<int64_t> axis, ElementWithScale f) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, x);
  if (!axis) {
    Value s = onlyElement(b, loc, scale);
    return mapElements(b, loc, dims, type.getElementType(), x,
                       [&](OpBuilder &nb, Location l, ValueRange a) {
                         return f(nb, l, a[0], s);
                       });
  }
  return mapElements(b, loc, dims, type.getElementType(), {x, scale}, {0, *axis},
                     [&](OpBuilder &nb, Location l, ValueRange a) {
                       return f(nb, l, a[0], a[1]);
                     });
}

/// `x` quantized with `scale` (one element, or one per dim `axis`).
Value quantizeTensor(OpBuilder &b, Location loc, Value x, Value scale,
                     std::optional<int64_t> axis, const Steps &steps) {
  return mapWithScale(b, loc, x, scale, axis,
                      [&](OpBuilder &nb, Location l, Value e, Value s) {
                        return quantizeDequantize(nb, l, e, s, steps);
                      });
}

/// `isTestDefault`: the op's default when the file leaves is_test out.
LogicalResult refuseTraining(Operation *op, bool isTestDefault = false) {
  if (!boolAttr(op, "is_test", isTestDefault))
    return op->emitOpError(
        "is in training mode (is_test false): its scale would follow the "
        "data; export the model for inference");
  return success();
}

LogicalResult checkFloat(Operation *op, Value x) {
  if (!getElementTypeOrSelf(x.getType()).isF32())
    return op->emitOpError("is lowered for f32 tensors only");
  return success();
}

struct LowerMovingAverageQuantDequant
    : OpConversionPattern<FakeQuantizeDequantizeMovingAverageAbsMaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FakeQuantizeDequantizeMovingAverageAbsMaxOp op,
                  OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Steps> steps = stepsOf(op);
    if (failed(steps) || failed(refuseTraining(op)) ||
        failed(checkFloat(op, adaptor.getX())))
      return failure();
    Value out = quantizeTensor(rewriter, op.getLoc(), adaptor.getX(),
                               adaptor.getInScale(), std::nullopt, *steps);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

struct LowerAbsMaxQuantDequant
    : OpConversionPattern<FakeQuantizeDequantizeAbsMaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FakeQuantizeDequantizeAbsMaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Steps> steps = stepsOf(op);
    Value x = adaptor.getX();
    if (failed(steps) || failed(checkFloat(op, x)))
      return failure();
    Location loc = op.getLoc();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    Value scale = absMax(rewriter, loc, x, SmallVector<bool>(rank, true));
    Value out = quantizeTensor(rewriter, loc, x, scale, std::nullopt, *steps);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

struct LowerChannelWiseQuantDequant
    : OpConversionPattern<FakeChannelWiseQuantizeDequantizeAbsMaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FakeChannelWiseQuantizeDequantizeAbsMaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Steps> steps = stepsOf(op);
    Value x = adaptor.getX();
    if (failed(steps) || failed(checkFloat(op, x)))
      return failure();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    int64_t axis = intAttr(op, "quant_axis", 0);
    if ((axis != 0 && axis != 1) || axis >= rank)
      return op->emitOpError("quant_axis ") << axis << " is not 0 or 1 of X";
    Location loc = op.getLoc();
    SmallVector<bool> reduced(rank, true);
    reduced[axis] = false;
    Value scale = absMax(rewriter, loc, x, reduced);
    Value out = quantizeTensor(rewriter, loc, x, scale, axis, *steps);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// At inference the op passes X through.
struct LowerMovingAverageScale : OpConversionPattern<MovingAverageAbsMaxScaleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MovingAverageAbsMaxScaleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(refuseTraining(op)))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, adaptor.getX());
  }
};

/// quantize_linear (`Quantize`) and dequantize_linear: per tensor
/// (quant_axis < 0) or per channel along quant_axis 0 or 1; with
/// only_observer, X passes through.
template <typename LinearOp, bool Quantize>
struct LowerLinearQuantization : OpConversionPattern<LinearOp> {
  using OpConversionPattern<LinearOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LinearOp op, typename LinearOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Steps> steps = linearStepsOf(op);
    Value x = adaptor.getX(), scale = adaptor.getScale();
    if (failed(steps) || failed(refuseTraining(op, /*isTestDefault=*/true)) ||
        failed(checkFloat(op, x)) || failed(checkFloat(op, scale)))
      return failure();
    if (boolAttr(op, "only_observer", false))
      return replaceWithPrimaryResult(rewriter, op, x);
    auto type = cast<RankedTensorType>(x.getType());
    auto scaleType = cast<RankedTensorType>(scale.getType());
    int64_t axis = intAttr(op, "quant_axis", 0);
    std::optional<int64_t> channelAxis;
    if (axis >= 0) {
      if (axis > 1 || axis >= type.getRank())
        return op->emitOpError("quant_axis ") << axis << " is not 0 or 1 of X";
      int64_t channels = type.getDimSize(axis);
      if (scaleType.getRank() != 1 ||
          (!ShapedType::isDynamic(channels) && !scaleType.isDynamicDim(0) &&
           scaleType.getDimSize(0) != channels))
        return op->emitOpError("needs a Scale of X's dim ")
               << axis << " (" << channels << " channels), not " << scaleType;
      channelAxis = axis;
    }
    const Steps &s = *steps;
    Value out = mapWithScale(
        rewriter, op.getLoc(), x, scale, channelAxis,
        [&](OpBuilder &b, Location loc, Value e, Value sc) {
          return Quantize ? quantizeStep(b, loc, e, sc, s)
                          : dequantizeStep(b, loc, e, sc, s);
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateQuantizationLowering(RewritePatternSet &patterns) {
  patterns.add<LowerMovingAverageQuantDequant, LowerAbsMaxQuantDequant,
               LowerChannelWiseQuantDequant, LowerMovingAverageScale,
               LowerLinearQuantization<QuantizeLinearOp, true>,
               LowerLinearQuantization<DequantizeLinearOp, false>>(
      patterns.getContext());
}

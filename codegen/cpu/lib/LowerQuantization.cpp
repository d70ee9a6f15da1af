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
// load time.
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
  double bins; // 2^(bit_length-1) - 1
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

/// `x` quantized to the steps of scale `s` and back (one element).
Value quantizeDequantize(OpBuilder &b, Location loc, Value x, Value s,
                         const Steps &steps) {
  Type t = x.getType();
  auto c = [&](double v) { return constantOf(b, loc, t, v); };
  Value tiny = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLE, s, c(1e-30));
  Value inv = b.create<arith::DivFOp>(
      loc, c(1), b.create<arith::SelectOp>(
                     loc, tiny, b.create<arith::AddFOp>(loc, s, c(1e-6)), s));
  Value factor = b.create<arith::MulFOp>(loc, c(steps.bins), inv);
  Value q;
  if (steps.roundType == 0) {
    q = b.create<math::RoundEvenOp>(loc, b.create<arith::MulFOp>(loc, factor, x));
    Value high = c(steps.bins), low = c(-steps.bins - 1);
    q = b.create<arith::SelectOp>(
        loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, q, high), high, q);
    q = b.create<arith::SelectOp>(
        loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, q, low), low, q);
  } else {
    Value negative = b.create<arith::NegFOp>(loc, s);
    Value clipped = b.create<arith::SelectOp>(
        loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x, negative),
        negative,
        b.create<arith::SelectOp>(
            loc, b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, s), s, x));
    q = b.create<math::RoundOp>(loc, b.create<arith::MulFOp>(loc, factor, clipped));
  }
  return b.create<arith::DivFOp>(loc, b.create<arith::MulFOp>(loc, q, s),
                                 c(steps.bins));
}

/// The largest |x| over the dims where `reduced` is set.
Value absMax(OpBuilder &b, Location loc, Value x, ArrayRef<bool> reduced) {
  return reduceDims(b, loc, x, reduced, 0, /*keepDims=*/false,
                    [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                      return nb.create<arith::MaximumFOp>(
                          l, nb.create<math::AbsFOp>(l, a[0]), a[1]);
                    });
}

/// `x` quantized with `scale` (one element, or one per dim `axis`).
Value quantizeTensor(OpBuilder &b, Location loc, Value x, Value scale,
                     std::optional<int64_t> axis, const Steps &steps) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, x);
  if (!axis) {
    Value s = onlyElement(b, loc, scale);
    return mapElements(b, loc, dims, type.getElementType(), x,
                       [&](OpBuilder &nb, Location l, ValueRange a) {
                         return quantizeDequantize(nb, l, a[0], s, steps);
                       });
  }
  return mapElements(b, loc, dims, type.getElementType(), {x, scale}, {0, *axis},
                     [&](OpBuilder &nb, Location l, ValueRange a) {
                       return quantizeDequantize(nb, l, a[0], a[1], steps);
                     });
}

LogicalResult refuseTraining(Operation *op) {
  if (!boolAttr(op, "is_test", false))
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

} // namespace

void pd::cpu::populateQuantizationLowering(RewritePatternSet &patterns) {
  patterns.add<LowerMovingAverageQuantDequant, LowerAbsMaxQuantDequant,
               LowerChannelWiseQuantDequant, LowerMovingAverageScale>(
      patterns.getContext());
}

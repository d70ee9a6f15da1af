//===- LowerElementwise.cpp - element-wise pd ops -> linalg.generic -------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// The scalar computation of a unary op, given the op for its attributes.
using ScalarFn = Value (*)(OpBuilder &, Location, Operation *, Value);

/// A math dialect op of x (sin, log1p, ...).
template <typename MathOp>
Value mathOf(OpBuilder &b, Location loc, Operation *, Value x) {
  return b.create<MathOp>(loc, x);
}

Value relu(OpBuilder &b, Location loc, Operation *, Value x) {
  return b.create<arith::MaximumFOp>(loc, x, constantOf(b, loc, x.getType(), 0));
}
Value relu6(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  Value low = b.create<arith::MaximumFOp>(loc, x, constantOf(b, loc, t, 0));
  return b.create<arith::MinimumFOp>(
      loc, low, constantOf(b, loc, t, floatAttr(op, "threshold", 6)));
}
Value sigmoid(OpBuilder &b, Location loc, Operation *, Value x) {
  return sigmoidOf(b, loc, x);
}
Value squareOf(OpBuilder &b, Location loc, Operation *, Value x) {
  return b.create<arith::MulFOp>(loc, x, x);
}
Value reciprocalOf(OpBuilder &b, Location loc, Operation *, Value x) {
  return b.create<arith::DivFOp>(loc, constantOf(b, loc, x.getType(), 1), x);
}
/// log(1 + exp(beta x)) / beta, or x where beta x > threshold (Paddle's
/// SoftplusFunctor).
Value softplus(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  Value beta = constantOf(b, loc, t, floatAttr(op, "beta", 1));
  Value scaled = b.create<arith::MulFOp>(loc, x, beta);
  Value smooth = b.create<arith::DivFOp>(
      loc, b.create<math::Log1pOp>(loc, b.create<math::ExpOp>(loc, scaled)), beta);
  Value linear = b.create<arith::CmpFOp>(
      loc, arith::CmpFPredicate::OGT, scaled,
      constantOf(b, loc, t, floatAttr(op, "threshold", 20)));
  return b.create<arith::SelectOp>(loc, linear, x, smooth);
}
/// x / (1 + exp(-x)), as Paddle's SiluFunctor computes it.
Value silu(OpBuilder &b, Location loc, Operation *, Value x) {
  Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
  return b.create<arith::DivFOp>(
      loc, x, b.create<arith::AddFOp>(loc, constantOf(b, loc, x.getType(), 1), e));
}
Value leakyRelu(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  Value scaled = b.create<arith::MulFOp>(
      loc, constantOf(b, loc, t, floatAttr(op, "alpha", 0.02)), x);
  Value positive = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x,
                                           constantOf(b, loc, t, 0));
  return b.create<arith::SelectOp>(loc, positive, x, scaled);
}
/// x ** factor; a square is x * x (what pow gives, without the call).
Value power(OpBuilder &b, Location loc, Operation *op, Value x) {
  double factor = floatAttr(op, "factor", 1);
  if (factor == 2)
    return b.create<arith::MulFOp>(loc, x, x);
  return b.create<math::PowFOp>(loc, x, constantOf(b, loc, x.getType(), factor));
}
/// x below min is min, above max is max (Paddle's ClipFunctor).
Value clip(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  Value low = constantOf(b, loc, t, floatAttr(op, "min", 0));
  Value high = constantOf(b, loc, t, floatAttr(op, "max", 0));
  Value below = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x, low);
  Value above = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, high);
  return b.create<arith::SelectOp>(loc, below, low,
                                   b.create<arith::SelectOp>(loc, above, high, x));
}
/// brelu: clip to [t_min, t_max] (fluid's defaults 0 and 24).
Value brelu(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  Value low = b.create<arith::MaximumFOp>(loc, x, constantOf(b, loc, t, floatAttr(op, "t_min", 0)));
  return b.create<arith::MinimumFOp>(loc, low, constantOf(b, loc, t, floatAttr(op, "t_max", 24)));
}
Value gelu(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  auto c = [&](double v) { return constantOf(b, loc, t, v); };
  Value inner;
  if (boolAttr(op, "approximate", false)) {
    // tanh(sqrt(2/pi) * (x + 0.044715 x^3))
    Value x3 = b.create<arith::MulFOp>(loc, b.create<arith::MulFOp>(loc, x, x), x);
    Value sum = b.create<arith::AddFOp>(
        loc, x, b.create<arith::MulFOp>(loc, c(0.044715), x3));
    inner = b.create<math::TanhOp>(
        loc, b.create<arith::MulFOp>(loc, c(std::sqrt(2.0 / M_PI)), sum));
  } else {
    inner = b.create<math::ErfOp>(loc, b.create<arith::MulFOp>(loc, x, c(M_SQRT1_2)));
  }
  Value half = b.create<arith::MulFOp>(loc, c(0.5), x);
  return b.create<arith::MulFOp>(loc, half,
                                 b.create<arith::AddFOp>(loc, c(1), inner));
}
Value hardSwish(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  auto c = [&](double v) { return constantOf(b, loc, t, v); };
  Value shifted = b.create<arith::AddFOp>(loc, x, c(floatAttr(op, "offset", 3)));
  Value clipped = b.create<arith::MinimumFOp>(
      loc, b.create<arith::MaximumFOp>(loc, shifted, c(0)),
      c(floatAttr(op, "threshold", 6)));
  return b.create<arith::DivFOp>(loc, b.create<arith::MulFOp>(loc, x, clipped),
                                 c(floatAttr(op, "scale", 6)));
}
Value hardSigmoid(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  auto c = [&](double v) { return constantOf(b, loc, t, v); };
  Value y = b.create<arith::AddFOp>(
      loc, b.create<arith::MulFOp>(loc, c(floatAttr(op, "slope", 0.2)), x),
      c(floatAttr(op, "offset", 0.5)));
  return b.create<arith::MinimumFOp>(
      loc, b.create<arith::MaximumFOp>(loc, y, c(0)), c(1));
}
Value swish(OpBuilder &b, Location loc, Operation *op, Value x) {
  Value beta = constantOf(b, loc, x.getType(), floatAttr(op, "beta", 1));
  return b.create<arith::MulFOp>(
      loc, x, sigmoidOf(b, loc, b.create<arith::MulFOp>(loc, beta, x)));
}
Value scale(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  Value s = constantOf(b, loc, t, floatAttr(op, "scale", 1));
  Value bias = constantOf(b, loc, t, floatAttr(op, "bias", 0));
  if (!isa<FloatType>(t)) {
    if (boolAttr(op, "bias_after_scale", true))
      return b.create<arith::AddIOp>(loc, b.create<arith::MulIOp>(loc, s, x), bias);
    return b.create<arith::MulIOp>(loc, s, b.create<arith::AddIOp>(loc, x, bias));
  }
  if (boolAttr(op, "bias_after_scale", true))
    return b.create<arith::AddFOp>(loc, b.create<arith::MulFOp>(loc, s, x), bias);
  return b.create<arith::MulFOp>(loc, s, b.create<arith::AddFOp>(loc, x, bias));
}
Value dropout(OpBuilder &b, Location loc, Operation *op, Value x) {
  // At inference, upscale_in_train is the identity; downgrade_in_infer
  // scales by the keep probability.
  if (strAttr(op, "dropout_implementation", "downgrade_in_infer") ==
      "upscale_in_train")
    return x;
  return b.create<arith::MulFOp>(
      loc, x,
      constantOf(b, loc, x.getType(), 1 - floatAttr(op, "dropout_prob", 0.5)));
}

/// Scalar helpers for the piecewise functions below.
Value greater(OpBuilder &b, Location loc, Value x, double bound) {
  return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x,
                                 constantOf(b, loc, x.getType(), bound));
}
Value less(OpBuilder &b, Location loc, Value x, double bound) {
  return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x,
                                 constantOf(b, loc, x.getType(), bound));
}
Value select(OpBuilder &b, Location loc, Value condition, Value a, Value other) {
  return b.create<arith::SelectOp>(loc, condition, a, other);
}
Value signOf(OpBuilder &b, Location loc, Operation *, Value x) {
  Type t = x.getType();
  return select(b, loc, greater(b, loc, x, 0), constantOf(b, loc, t, 1),
                select(b, loc, less(b, loc, x, 0), constantOf(b, loc, t, -1),
                       constantOf(b, loc, t, 0)));
}
/// -m - ln(exp(-m) + exp(-x - m)), m = max(-x, 0): Paddle's
/// LogSigmoidFunctor, which neither overflows nor loses small values.
Value logSigmoid(OpBuilder &b, Location loc, Operation *, Value x) {
  Type t = x.getType();
  Value negX = b.create<arith::NegFOp>(loc, x);
  Value m = b.create<arith::MaximumFOp>(loc, negX, constantOf(b, loc, t, 0));
  Value sum = b.create<arith::AddFOp>(
      loc, b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, m)),
      b.create<math::ExpOp>(loc, b.create<arith::SubFOp>(loc, negX, m)));
  return b.create<arith::SubFOp>(loc, b.create<arith::NegFOp>(loc, m),
                                 b.create<math::LogOp>(loc, sum));
}
Value softsign(OpBuilder &b, Location loc, Operation *, Value x) {
  Value one = constantOf(b, loc, x.getType(), 1);
  return b.create<arith::DivFOp>(
      loc, x, b.create<arith::AddFOp>(loc, one, b.create<math::AbsFOp>(loc, x)));
}
Value tanhShrink(OpBuilder &b, Location loc, Operation *, Value x) {
  return b.create<arith::SubFOp>(loc, x, b.create<math::TanhOp>(loc, x));
}
/// Halves to even (Paddle 3's rint); `decimals` scales by a power of ten
/// first, as Paddle's RoundFunctor does.
Value roundOf(OpBuilder &b, Location loc, Operation *op, Value x) {
  int64_t decimals = intAttr(op, "decimals", 0);
  if (decimals == 0)
    return b.create<math::RoundEvenOp>(loc, x);
  Value ten = constantOf(b, loc, x.getType(),
                         std::pow(10.0, double(std::abs(decimals))));
  if (decimals > 0)
    return b.create<arith::DivFOp>(
        loc, b.create<math::RoundEvenOp>(loc, b.create<arith::MulFOp>(loc, x, ten)),
        ten);
  return b.create<arith::MulFOp>(
      loc, b.create<math::RoundEvenOp>(loc, b.create<arith::DivFOp>(loc, x, ten)),
      ten);
}
/// alpha * (exp(x) - 1), the negative side of elu, selu and celu.
Value expMinusOne(OpBuilder &b, Location loc, Value x, double alpha) {
  Type t = x.getType();
  return b.create<arith::MulFOp>(
      loc, constantOf(b, loc, t, alpha),
      b.create<arith::SubFOp>(loc, b.create<math::ExpOp>(loc, x),
                              constantOf(b, loc, t, 1)));
}
Value elu(OpBuilder &b, Location loc, Operation *op, Value x) {
  return select(b, loc, less(b, loc, x, 0),
                expMinusOne(b, loc, x, floatAttr(op, "alpha", 1)), x);
}
Value selu(OpBuilder &b, Location loc, Operation *op, Value x) {
  Value inner = select(b, loc, greater(b, loc, x, 0), x,
                       expMinusOne(b, loc, x, floatAttr(op, "alpha", 1.6732632423543772)));
  return b.create<arith::MulFOp>(
      loc, inner, constantOf(b, loc, x.getType(), floatAttr(op, "scale", 1.0507009873554805)));
}
Value celu(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  double alpha = floatAttr(op, "alpha", 1);
  Value zero = constantOf(b, loc, t, 0);
  Value scaled = b.create<arith::DivFOp>(loc, x, constantOf(b, loc, t, alpha));
  return b.create<arith::AddFOp>(
      loc, b.create<arith::MaximumFOp>(loc, zero, x),
      b.create<arith::MinimumFOp>(loc, zero, expMinusOne(b, loc, scaled, alpha)));
}
/// x * tanh(softplus(x)); softplus is x above the threshold and exp(x)
/// below its negative (Paddle's MishFunctor).
Value mish(OpBuilder &b, Location loc, Operation *op, Value x) {
  double threshold = floatAttr(op, "threshold", 20);
  Value e = b.create<math::ExpOp>(loc, x);
  Value softplus = select(b, loc, greater(b, loc, x, threshold), x,
                          select(b, loc, less(b, loc, x, -threshold), e,
                                 b.create<math::Log1pOp>(loc, e)));
  return b.create<arith::MulFOp>(loc, x, b.create<math::TanhOp>(loc, softplus));
}
Value hardShrink(OpBuilder &b, Location loc, Operation *op, Value x) {
  double t = floatAttr(op, "threshold", 0.5);
  Value outside = b.create<arith::OrIOp>(loc, less(b, loc, x, -t), greater(b, loc, x, t));
  return select(b, loc, outside, x, constantOf(b, loc, x.getType(), 0));
}
Value softShrink(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  double lambda = floatAttr(op, "lambda", 0.5);
  Value l = constantOf(b, loc, t, lambda);
  return select(b, loc, greater(b, loc, x, lambda), b.create<arith::SubFOp>(loc, x, l),
                select(b, loc, less(b, loc, x, -lambda),
                       b.create<arith::AddFOp>(loc, x, l), constantOf(b, loc, t, 0)));
}
Value thresholdedRelu(OpBuilder &b, Location loc, Operation *op, Value x) {
  return select(b, loc, greater(b, loc, x, floatAttr(op, "threshold", 1)), x,
                constantOf(b, loc, x.getType(), floatAttr(op, "value", 0)));
}

/// cast: each element converted as Paddle converts (see convertScalar).
Value castElement(OpBuilder &b, Location loc, Operation *op, Value x) {
  return convertScalar(b, loc, x, getElementTypeOrSelf(op->getResult(0).getType()));
}
/// logical_not of anything: x == 0.
Value logicalNot(OpBuilder &b, Location loc, Operation *, Value x) {
  Type i1 = b.getI1Type();
  return b.create<arith::XOrIOp>(loc, convertScalar(b, loc, x, i1),
                                 constantOf(b, loc, i1, 1));
}

/// What a unary op's lowering accepts besides a float tensor X.
struct UnaryOptions {
  bool integers = false;  // integer tensors too
  bool refuseOthers = false; // operands besides X would change the result
};

template <typename OpTy>
struct LowerUnary : OpConversionPattern<OpTy> {
  LowerUnary(MLIRContext *ctx, ScalarFn fn, UnaryOptions options = {})
      : OpConversionPattern<OpTy>(ctx), fn(fn), options(options) {}
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Operation *raw = op.getOperation();
    Value x = adaptor.getOperands().front();
    auto type = cast<RankedTensorType>(x.getType());
    if (!isa<FloatType>(type.getElementType()) && !options.integers)
      return raw->emitOpError("is lowered for floating-point tensors only");
    if (options.refuseOthers && raw->getNumOperands() > 1)
      return raw->emitOpError("with operands besides X has no lowering");
    Location loc = op.getLoc();
    // The result's element type: the input's, but for cast and logical_not.
    Value y = mapElements(rewriter, loc, dimsOf(rewriter, loc, x),
                          getElementTypeOrSelf(raw->getResult(0).getType()), x,
                          [&](OpBuilder &b, Location l, ValueRange args) {
                            return fn(b, l, raw, args[0]);
                          });
    return replaceWithPrimaryResult(rewriter, raw, y);
  }
  ScalarFn fn;
  UnaryOptions options;
};

template <typename OpTy>
struct Forward : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return replaceWithPrimaryResult(rewriter, op, adaptor.getOperands().front());
  }
};

/// elementwise_* with Paddle's broadcast: `FloatOp` on floats, `IntOp` on
/// integers.
template <typename OpTy, typename FloatOp, typename IntOp>
struct LowerBinary : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type element = getElementTypeOrSelf(adaptor.getX().getType());
    bool isFloat = isa<FloatType>(element);
    FailureOr<Value> out = mapBroadcastPair(
        rewriter, op, adaptor.getX(), adaptor.getY(), element,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          if (isFloat)
            return b.create<FloatOp>(l, a[0], a[1]);
          return b.create<IntOp>(l, a[0], a[1]);
        });
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// The scalar computation of a binary op on floats or integers.
using BinaryFn = Value (*)(OpBuilder &, Location, Value, Value, bool isFloat);

/// x mod y with the divisor's sign (Paddle's RemainderFunctor): the
/// truncated remainder, plus y where it is not zero and its sign differs
/// from y's.
Value floorRemainder(OpBuilder &b, Location loc, Value x, Value y, bool isFloat) {
  Value zero = constantOf(b, loc, x.getType(), 0);
  auto negative = [&](Value v) -> Value {
    if (isFloat)
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, v, zero);
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, v, zero);
  };
  Value r = isFloat ? b.create<arith::RemFOp>(loc, x, y).getResult()
                    : b.create<arith::RemSIOp>(loc, x, y).getResult();
  Value nonzero = isFloat
                      ? b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, r, zero)
                            .getResult()
                      : b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, r, zero)
                            .getResult();
  Value adjust = b.create<arith::AndIOp>(
      loc, nonzero, b.create<arith::XOrIOp>(loc, negative(r), negative(y)));
  Value shifted = isFloat ? b.create<arith::AddFOp>(loc, r, y).getResult()
                          : b.create<arith::AddIOp>(loc, r, y).getResult();
  return select(b, loc, adjust, shifted, r);
}
/// floor(x / y) as Python computes it, which Paddle's FloorDivideFunctor
/// follows: (x - fmod(x, y)) / y, one less where the remainder's sign
/// differs from y's, rounded to the nearest integer.
Value floorDivide(OpBuilder &b, Location loc, Value x, Value y, bool isFloat) {
  Type t = x.getType();
  Value zero = constantOf(b, loc, t, 0);
  if (!isFloat) {
    Value q = b.create<arith::DivSIOp>(loc, x, y);
    Value r = b.create<arith::RemSIOp>(loc, x, y);
    Value signsDiffer = b.create<arith::XOrIOp>(
        loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, x, zero),
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, y, zero));
    Value adjust = b.create<arith::AndIOp>(
        loc, signsDiffer, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, r, zero));
    return select(b, loc, adjust,
                  b.create<arith::SubIOp>(loc, q, constantOf(b, loc, t, 1)), q);
  }
  auto cmp = [&](arith::CmpFPredicate p, Value a, Value c) {
    return b.create<arith::CmpFOp>(loc, p, a, c);
  };
  Value mod = b.create<arith::RemFOp>(loc, x, y);
  Value div = b.create<arith::DivFOp>(loc, b.create<arith::SubFOp>(loc, x, mod), y);
  Value adjust = b.create<arith::AndIOp>(
      loc, cmp(arith::CmpFPredicate::UNE, mod, zero),
      b.create<arith::XOrIOp>(loc, cmp(arith::CmpFPredicate::OLT, y, zero),
                              cmp(arith::CmpFPredicate::OLT, mod, zero)));
  div = select(b, loc, adjust,
               b.create<arith::SubFOp>(loc, div, constantOf(b, loc, t, 1)), div);
  Value floored = b.create<math::FloorOp>(loc, div);
  Value roundUp = cmp(arith::CmpFPredicate::OGT,
                      b.create<arith::SubFOp>(loc, div, floored),
                      constantOf(b, loc, t, 0.5));
  floored = select(b, loc, roundUp,
                   b.create<arith::AddFOp>(loc, floored, constantOf(b, loc, t, 1)),
                   floored);
  // A zero quotient keeps the sign of x / y.
  Value signedZero = b.create<math::CopySignOp>(
      loc, zero, b.create<arith::DivFOp>(loc, x, y));
  return select(b, loc, cmp(arith::CmpFPredicate::UNE, div, zero), floored,
                signedZero);
}

template <typename OpTy>
struct LowerBinaryFn : OpConversionPattern<OpTy> {
  LowerBinaryFn(MLIRContext *ctx, BinaryFn fn)
      : OpConversionPattern<OpTy>(ctx), fn(fn) {}
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type element = getElementTypeOrSelf(adaptor.getX().getType());
    bool isFloat = isa<FloatType>(element);
    if (element.isInteger(1))
      return op->emitOpError("of bool tensors has no lowering");
    FailureOr<Value> out = mapBroadcastPair(
        rewriter, op, adaptor.getX(), adaptor.getY(), element,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return fn(b, l, a[0], a[1], isFloat);
        });
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
  BinaryFn fn;
};

/// atan2(x1, x2) of floats, as Paddle's kernel computes it (atan2f of
/// float, atan2 of double).
struct LowerAtan2 : OpConversionPattern<Atan2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Atan2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Type> element = floatPairElement(op, adaptor.getX1(), adaptor.getX2());
    if (failed(element))
      return failure();
    FailureOr<Value> out = mapBroadcastPair(
        rewriter, op, adaptor.getX1(), adaptor.getX2(), *element,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<math::Atan2Op>(l, a[0], a[1]);
        });
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// prelu: x where x > 0, else alpha * x; alpha is one value (mode "all"),
/// one per channel ("channel") or one per element of an image ("element").
struct LowerPRelu : OpConversionPattern<PReluOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PReluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX(), alpha = adaptor.getAlpha();
    auto xType = cast<RankedTensorType>(x.getType());
    auto alphaType = cast<RankedTensorType>(alpha.getType());
    int64_t rank = xType.getRank(), alphaRank = alphaType.getRank();
    if (!isa<FloatType>(xType.getElementType()) || rank < 1)
      return op->emitOpError("is lowered for floating-point tensors only");
    StringRef mode = strAttr(op, "mode", "all");
    int64_t offset;
    if (mode == "channel" && alphaRank == 1 && rank >= 2)
      offset = strAttr(op, "data_format", "NCHW") == "NHWC" ? rank - 1 : 1;
    else if (mode == "element" && alphaRank <= rank)
      offset = rank - alphaRank; // [1, C, H, W] or [C, H, W]
    else if (mode == "all" && alphaType.getNumElements() == 1)
      offset = rank - alphaRank;
    else
      return op->emitOpError("mode '") << mode << "' with Alpha " << alphaType
                                       << " has no lowering";
    Location loc = op.getLoc();
    SmallVector<int64_t> offsets{0, offset};
    if (offset < 0)
      return op->emitOpError("Alpha has more dims than X");
    Value out = mapElements(
        rewriter, loc, dimsOf(rewriter, loc, x), xType.getElementType(),
        {x, alpha}, offsets, [](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value positive = greater(b, l, a[0], 0);
          return select(b, l, positive, a[0], b.create<arith::MulFOp>(l, a[1], a[0]));
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// sum(X...): x0 + x1 + ..., added in order as Paddle's kernel adds them.
struct LowerSum : OpConversionPattern<SumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ValueRange inputs = adaptor.getX();
    auto type = cast<RankedTensorType>(op.getOut().getType());
    Type element = type.getElementType();
    if (!element.isIntOrFloat() || element.isInteger(1))
      return op->emitOpError("of ") << element << " has no lowering";
    Location loc = op.getLoc();
    bool isFloat = isa<FloatType>(element);
    Value out = mapElements(
        rewriter, loc, dimsOf(rewriter, loc, inputs.front()), element, inputs,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value acc = a[0];
          for (Value v : a.drop_front())
            acc = isFloat ? b.create<arith::AddFOp>(l, acc, v).getResult()
                          : b.create<arith::AddIOp>(l, acc, v).getResult();
          return acc;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateElementwiseLowering(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<Forward<FeedOp>, Forward<FetchOp>, Forward<AssignOp>,
               Forward<ShareDataOp>, LowerSum>(ctx);
  patterns.add<LowerBinary<ElementwiseAddOp, arith::AddFOp, arith::AddIOp>,
               LowerBinary<ElementwiseSubOp, arith::SubFOp, arith::SubIOp>,
               LowerBinary<ElementwiseMulOp, arith::MulFOp, arith::MulIOp>,
               LowerBinary<ElementwiseDivOp, arith::DivFOp, arith::DivSIOp>,
               LowerBinary<ElementwisePowOp, math::PowFOp, math::IPowIOp>,
               LowerBinary<ElementwiseMaxOp, arith::MaximumFOp, arith::MaxSIOp>,
               LowerBinary<ElementwiseMinOp, arith::MinimumFOp, arith::MinSIOp>>(ctx);
  patterns.add<LowerUnary<ReluOp>>(ctx, relu);
  patterns.add<LowerUnary<Relu6Op>>(ctx, relu6);
  patterns.add<LowerUnary<BReluOp>>(ctx, brelu);
  patterns.add<LowerUnary<SigmoidOp>>(ctx, sigmoid);
  patterns.add<LowerUnary<TanhOp>>(ctx, mathOf<math::TanhOp>);
  patterns.add<LowerUnary<ExpOp>>(ctx, mathOf<math::ExpOp>);
  patterns.add<LowerUnary<SqrtOp>>(ctx, mathOf<math::SqrtOp>);
  patterns.add<LowerUnary<GeluOp>>(ctx, gelu);
  patterns.add<LowerUnary<HardSwishOp>>(ctx, hardSwish);
  patterns.add<LowerUnary<HardSigmoidOp>>(ctx, hardSigmoid);
  patterns.add<LowerUnary<SwishOp>>(ctx, swish);
  patterns.add<LowerUnary<AbsOp>>(ctx, mathOf<math::AbsFOp>);
  patterns.add<LowerUnary<SiluOp>>(ctx, silu);
  patterns.add<LowerUnary<LeakyReluOp>>(ctx, leakyRelu);
  patterns.add<LowerUnary<LogOp>>(ctx, mathOf<math::LogOp>);
  patterns.add<LowerUnary<FloorOp>>(ctx, mathOf<math::FloorOp>);
  patterns.add<LowerUnary<CeilOp>>(ctx, mathOf<math::CeilOp>);
  patterns.add<LowerUnary<SquareOp>>(ctx, squareOf);
  patterns.add<LowerUnary<ReciprocalOp>>(ctx, reciprocalOf);
  patterns.add<LowerUnary<RsqrtOp>>(ctx, mathOf<math::RsqrtOp>);
  patterns.add<LowerUnary<ErfOp>>(ctx, mathOf<math::ErfOp>);
  patterns.add<LowerUnary<SinOp>>(ctx, mathOf<math::SinOp>);
  patterns.add<LowerUnary<CosOp>>(ctx, mathOf<math::CosOp>);
  patterns.add<LowerUnary<SoftplusOp>>(ctx, softplus);
  patterns.add<LowerUnary<AcosOp>>(ctx, mathOf<math::AcosOp>);
  patterns.add<LowerUnary<AsinOp>>(ctx, mathOf<math::AsinOp>);
  patterns.add<LowerUnary<AtanOp>>(ctx, mathOf<math::AtanOp>);
  patterns.add<LowerUnary<TanOp>>(ctx, mathOf<math::TanOp>);
  patterns.add<LowerUnary<SinhOp>>(ctx, mathOf<math::SinhOp>);
  patterns.add<LowerUnary<CoshOp>>(ctx, mathOf<math::CoshOp>);
  patterns.add<LowerUnary<Expm1Op>>(ctx, mathOf<math::ExpM1Op>);
  patterns.add<LowerUnary<Log1pOp>>(ctx, mathOf<math::Log1pOp>);
  patterns.add<LowerUnary<Log2Op>>(ctx, mathOf<math::Log2Op>);
  patterns.add<LowerUnary<Log10Op>>(ctx, mathOf<math::Log10Op>);
  patterns.add<LowerUnary<SignOp>>(ctx, signOf);
  patterns.add<LowerUnary<LogSigmoidOp>>(ctx, logSigmoid);
  patterns.add<LowerUnary<SoftsignOp>>(ctx, softsign);
  patterns.add<LowerUnary<TanhShrinkOp>>(ctx, tanhShrink);
  patterns.add<LowerUnary<RoundOp>>(ctx, roundOf);
  patterns.add<LowerUnary<EluOp>>(ctx, elu);
  patterns.add<LowerUnary<SeluOp>>(ctx, selu);
  patterns.add<LowerUnary<CeluOp>>(ctx, celu);
  patterns.add<LowerUnary<MishOp>>(ctx, mish);
  patterns.add<LowerUnary<HardShrinkOp>>(ctx, hardShrink);
  patterns.add<LowerUnary<SoftShrinkOp>>(ctx, softShrink);
  patterns.add<LowerUnary<ThresholdedReluOp>>(ctx, thresholdedRelu);
  patterns.add<LowerBinaryFn<ElementwiseModOp>>(ctx, floorRemainder);
  patterns.add<LowerBinaryFn<ElementwiseFloorDivOp>>(ctx, floorDivide);
  patterns.add<LowerPRelu, LowerAtan2>(ctx);
  // FactorTensor, Min and Max would replace the attributes.
  UnaryOptions attributesOnly{/*integers=*/false, /*refuseOthers=*/true};
  patterns.add<LowerUnary<PowOp>>(ctx, power, attributesOnly);
  patterns.add<LowerUnary<ClipOp>>(ctx, clip, attributesOnly);
  // ScaleTensor and BiasTensor would replace the attributes.
  patterns.add<LowerUnary<ScaleOp>>(
      ctx, scale, UnaryOptions{/*integers=*/true, /*refuseOthers=*/true});
  patterns.add<LowerUnary<DropoutOp>>(ctx, dropout);
  UnaryOptions anyType{/*integers=*/true};
  patterns.add<LowerUnary<CastOp>>(ctx, castElement, anyType);
  patterns.add<LowerUnary<LogicalNotOp>>(ctx, logicalNot, anyType);
}

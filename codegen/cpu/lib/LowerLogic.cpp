//===- LowerLogic.cpp - comparisons, bit ops, select_input -----------------===//
//
// The ops that compute conditions and join the branches of an `if`
// (logical_not is a unary elementwise op), and the bitwise ops.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// less_than, equal, ...: a bool tensor, with Paddle's broadcast. Floats
/// compare ordered (NaN compares false) except `!=`, which is true for NaN.
template <typename OpTy, arith::CmpFPredicate FloatPredicate,
          arith::CmpIPredicate IntPredicate>
struct LowerCompare : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX(), y = adaptor.getY();
    if (getElementTypeOrSelf(x.getType()) != getElementTypeOrSelf(y.getType()))
      return op->emitOpError("compares tensors of different element types");
    bool isFloat = isa<FloatType>(getElementTypeOrSelf(x.getType()));
    FailureOr<Value> out = mapBroadcastPair(
        rewriter, op, x, y, rewriter.getI1Type(),
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          if (isFloat)
            return b.create<arith::CmpFOp>(l, FloatPredicate, a[0], a[1]);
          return b.create<arith::CmpIOp>(l, IntPredicate, a[0], a[1]);
        });
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// logical_and, _or, _xor: each operand is true where it is not zero.
template <typename OpTy, typename CombineOp>
struct LowerLogicalBinary : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type i1 = rewriter.getI1Type();
    FailureOr<Value> out = mapBroadcastPair(
        rewriter, op, adaptor.getX(), adaptor.getY(), i1,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<CombineOp>(l, convertScalar(b, l, a[0], i1),
                                     convertScalar(b, l, a[1], i1));
        });
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// bitwise_and, _or, _xor of integers or bools, numpy's broadcast.
template <typename OpTy, typename CombineOp>
struct LowerBitwiseBinary : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type element = getElementTypeOrSelf(adaptor.getX().getType());
    if (!isa<IntegerType>(element) ||
        element != getElementTypeOrSelf(adaptor.getY().getType()))
      return op->emitOpError("takes two integer or bool tensors of one type");
    FailureOr<Value> out = mapBroadcastPair(
        rewriter, op, adaptor.getX(), adaptor.getY(), element,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<CombineOp>(l, a[0], a[1]);
        });
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// bitwise_not: every bit flipped (x xor all ones; of a bool, not).
struct LowerBitwiseNot : OpConversionPattern<BitwiseNotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BitwiseNotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Type element = getElementTypeOrSelf(x.getType());
    if (!isa<IntegerType>(element))
      return op->emitOpError("takes an integer or bool tensor");
    Value out = mapElements(
        rewriter, loc, dimsOf(rewriter, loc, x), element, x,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value ones = b.create<arith::ConstantOp>(
              l, b.getIntegerAttr(element, APInt::getAllOnes(element.getIntOrFloatBitWidth())));
          return b.create<arith::XOrIOp>(l, a[0], ones);
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// where: X where Condition holds, else Y, all three broadcast (numpy's
/// rule: aligned at the end).
struct LowerWhere : OpConversionPattern<WhereOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(WhereOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<Value> operands{adaptor.getCondition(), adaptor.getX(), adaptor.getY()};
    int64_t rank = cast<RankedTensorType>(op.getOut().getType()).getRank();
    SmallVector<int64_t> offsets;
    for (Value v : operands)
      offsets.push_back(rank - cast<RankedTensorType>(v.getType()).getRank());
    Type element = cast<RankedTensorType>(op.getOut().getType()).getElementType();
    if (!getElementTypeOrSelf(operands[0].getType()).isInteger(1))
      return op->emitOpError("takes a bool Condition");
    SmallVector<OpFoldResult> dims = broadcastDims(rewriter, loc, operands, offsets, rank);
    Value out = mapElements(rewriter, loc, dims, element, operands, offsets,
                            [](OpBuilder &b, Location l, ValueRange a) -> Value {
                              return b.create<arith::SelectOp>(l, a[0], a[1], a[2]);
                            });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// select_input: X[Mask], a chain of selects on the mask's one element.
struct LowerSelectInput : OpConversionPattern<SelectInputOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SelectInputOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getOut().getType());
    if (cast<RankedTensorType>(adaptor.getMask().getType()).getNumElements() != 1)
      return op->emitOpError("needs a mask of one element");
    Value mask = onlyElement(rewriter, loc, adaptor.getMask());
    mask = convertScalar(rewriter, loc, mask, rewriter.getI64Type());
    auto asResult = [&](Value v) { return castTo(rewriter, loc, v, type); };
    ValueRange inputs = adaptor.getX();
    if (inputs.empty())
      return op->emitOpError("has no inputs to select from");
    // An out-of-range mask selects the first input.
    Value out = asResult(inputs.front());
    for (auto [i, input] : llvm::enumerate(inputs.drop_front())) {
      Value isThis = rewriter.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq, mask,
          constantOf(rewriter, loc, rewriter.getI64Type(), double(i + 1)));
      out = rewriter.create<arith::SelectOp>(loc, isThis, asResult(input), out);
    }
    rewriter.replaceOp(op, out);
    return success();
  }
};

} // namespace

void pd::cpu::populateLogicLowering(RewritePatternSet &patterns) {
  using F = arith::CmpFPredicate;
  using I = arith::CmpIPredicate;
  patterns.add<LowerWhere>(patterns.getContext());
  patterns.add<LowerCompare<LessThanOp, F::OLT, I::slt>,
               LowerCompare<LessEqualOp, F::OLE, I::sle>,
               LowerCompare<GreaterThanOp, F::OGT, I::sgt>,
               LowerCompare<GreaterEqualOp, F::OGE, I::sge>,
               LowerCompare<EqualOp, F::OEQ, I::eq>,
               LowerCompare<NotEqualOp, F::UNE, I::ne>, LowerSelectInput,
               LowerLogicalBinary<LogicalAndOp, arith::AndIOp>,
               LowerLogicalBinary<LogicalOrOp, arith::OrIOp>,
               LowerLogicalBinary<LogicalXorOp, arith::XOrIOp>,
               LowerBitwiseBinary<BitwiseAndOp, arith::AndIOp>,
               LowerBitwiseBinary<BitwiseOrOp, arith::OrIOp>,
               LowerBitwiseBinary<BitwiseXorOp, arith::XOrIOp>, LowerBitwiseNot>(
      patterns.getContext());
}

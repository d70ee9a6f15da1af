//===- LowerCreation.cpp - range and fill_any_like ------------------------===//
//
// Tensors made from scalars: range's length comes from its start, end and
// step at run time (Paddle's GetSize), fill_any_like and fluid's
// fill_zeros_like take their input's dims.
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

/// range(Start, End, Step): Out[i] = start + i * step for i < size, where
/// size is (|end - start| + |step| - 1) / |step| for integers and
/// ceil(|(end - start) / step|) for floats, as Paddle's GetSize.
struct LowerRange : OpConversionPattern<RangeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RangeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value start = onlyElement(rewriter, loc, adaptor.getStart());
    Value end = onlyElement(rewriter, loc, adaptor.getEnd());
    Value step = onlyElement(rewriter, loc, adaptor.getStep());
    Type element = start.getType();
    if (end.getType() != element || step.getType() != element)
      return op->emitOpError("start, end and step differ in type");
    Value size;
    if (isa<FloatType>(element)) {
      Value span = rewriter.create<arith::DivFOp>(
          loc, rewriter.create<arith::SubFOp>(loc, end, start), step);
      Value n = rewriter.create<math::CeilOp>(
          loc, rewriter.create<math::AbsFOp>(loc, span));
      size = rewriter.create<arith::FPToSIOp>(loc, rewriter.getI64Type(), n);
    } else if (element.isInteger(32) || element.isInteger(64)) {
      Value distance = rewriter.create<math::AbsIOp>(
          loc, rewriter.create<arith::SubIOp>(loc, end, start));
      Value stride = rewriter.create<math::AbsIOp>(loc, step);
      Value one = constantOf(rewriter, loc, element, 1);
      size = rewriter.create<arith::DivSIOp>(
          loc,
          rewriter.create<arith::SubIOp>(
              loc, rewriter.create<arith::AddIOp>(loc, distance, stride), one),
          stride);
    } else {
      return op->emitOpError("of ") << element << " has no lowering";
    }
    // A zero step (Paddle's error) makes an empty range, not a trap.
    Value zeroStep = isa<FloatType>(element)
        ? rewriter.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, step,
                                         constantOf(rewriter, loc, element, 0))
              .getResult()
        : rewriter.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, step,
                                         constantOf(rewriter, loc, element, 0))
              .getResult();
    Value length = rewriter.create<arith::IndexCastOp>(loc, rewriter.getIndexType(), size);
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    length = rewriter.create<arith::SelectOp>(loc, zeroStep, zero, length);
    length = rewriter.create<arith::MaxSIOp>(loc, length, zero);
    // The values are computed in the operands' type, then converted to
    // `dtype`'s (PIR's arange takes float64 bounds for a float32 range).
    Type resultElement =
        cast<RankedTensorType>(op.getOut().getType()).getElementType();
    Value init = emptyTensor(rewriter, loc, {OpFoldResult(length)}, resultElement);
    SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(1)};
    Value out =
        rewriter
            .create<linalg::GenericOp>(
                loc, init.getType(), ValueRange{}, init, maps,
                SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
                [&](OpBuilder &b, Location l, ValueRange) {
                  Value i = b.create<arith::IndexCastOp>(
                      l, b.getI64Type(), b.create<linalg::IndexOp>(l, 0));
                  Value v = convertScalar(b, l, i, element);
                  Value r = isa<FloatType>(element)
                      ? b.create<arith::AddFOp>(l, start,
                                                b.create<arith::MulFOp>(l, v, step))
                            .getResult()
                      : b.create<arith::AddIOp>(l, start,
                                                b.create<arith::MulIOp>(l, v, step))
                            .getResult();
                  b.create<linalg::YieldOp>(l, convertScalar(b, l, r, resultElement));
                })
            .getResult(0);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// fill_any_like(X): X's dims filled with `value`, of the result's type;
/// fill_zeros_like and fill_zeros_like2 the same with no value (0).
template <typename OpTy>
struct LowerFillLike : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;
  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type element = cast<RankedTensorType>(op.getOut().getType()).getElementType();
    if (!element.isIntOrFloat())
      return op->emitOpError("of ") << element << " has no lowering";
    Value init = emptyTensor(rewriter, loc, dimsOf(rewriter, loc, adaptor.getX()),
                             element);
    Value filled = rewriter
                       .create<linalg::FillOp>(
                           loc, constantOf(rewriter, loc, element,
                                           floatAttr(op, "value", 0)),
                           init)
                       .getResult(0);
    return replaceWithPrimaryResult(rewriter, op, filled);
  }
};

/// fill_constant_batch_size_like(Input): `shape` filled with `value`, its
/// dim output_dim_idx Input's dim input_dim_idx.
struct LowerFillBatchSizeLike : OpConversionPattern<FillConstantBatchSizeLikeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FillConstantBatchSizeLikeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type element = cast<RankedTensorType>(op.getOut().getType()).getElementType();
    if (!element.isIntOrFloat())
      return op->emitOpError("of ") << element << " has no lowering";
    double number = floatAttr(op, "value", 0);
    StringRef text = strAttr(op, "str_value", "");
    if (!text.empty() && text.getAsDouble(number))
      return op->emitOpError("str_value '") << text << "' is not a number";
    SmallVector<int64_t> shape = intsAttr(op, "shape");
    int64_t in = intAttr(op, "input_dim_idx", 0), out = intAttr(op, "output_dim_idx", 0);
    SmallVector<OpFoldResult> inputDims = dimsOf(rewriter, loc, adaptor.getInput());
    if (in < 0 || in >= int64_t(inputDims.size()) || out < 0 ||
        out >= int64_t(shape.size()))
      return op->emitOpError("input_dim_idx or output_dim_idx out of range");
    SmallVector<OpFoldResult> dims;
    for (auto [i, d] : llvm::enumerate(shape)) {
      if (int64_t(i) != out && d < 0)
        return op->emitOpError("shape has ") << d << " at a dim Input does not give";
      dims.push_back(int64_t(i) == out ? inputDims[in] : rewriter.getIndexAttr(d));
    }
    Value filled = rewriter
                       .create<linalg::FillOp>(loc, constantOf(rewriter, loc, element, number),
                                               emptyTensor(rewriter, loc, dims, element))
                       .getResult(0);
    return replaceWithPrimaryResult(rewriter, op, filled);
  }
};

/// assign_value: an arith.constant of its values.
struct LowerAssignValue : OpConversionPattern<AssignValueOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AssignValueOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getOut().getType());
    if (!type || !type.hasStaticShape())
      return op->emitOpError("has no static shape");
    Type element = type.getElementType();
    SmallVector<Attribute> values = valueListOf(rewriter, op, element);
    if (int64_t(values.size()) != type.getNumElements())
      return op->emitOpError("has ") << values.size() << " values for "
                                     << type.getNumElements() << " elements";
    Value constant = rewriter.create<arith::ConstantOp>(
        op.getLoc(), DenseElementsAttr::get(type, values));
    return replaceWithPrimaryResult(rewriter, op, constant);
  }
};

/// eye: one where the row is the column.
struct LowerEye : OpConversionPattern<EyeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(EyeOp op, OpAdaptor, ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getOut().getType());
    Type element = type.getElementType();
    if (!type.hasStaticShape() || !element.isIntOrFloat())
      return op->emitOpError("of ") << type << " has no lowering";
    Value out = generateElements(
        rewriter, op.getLoc(), indexConstants(rewriter, type.getShape()), element,
        [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Value diagonal = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, at[0], at[1]);
          return convertScalar(b, l, diagonal, element);
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// one_hot_v2: out[.., d] = (X[..] == d); an integer outside [0, depth)
/// gives a row of zeros (Paddle reports an error unless allow_out_of_range
/// is set, which gives the same zeros).
struct LowerOneHot : OpConversionPattern<OneHotV2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OneHotV2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Type element = cast<RankedTensorType>(op.getOut().getType()).getElementType();
    if (!element.isIntOrFloat())
      return op->emitOpError("of ") << element << " has no lowering";
    int64_t depthAttr = intAttr(op, "depth", 0);
    if (!adaptor.getDepthTensor() && depthAttr < 0)
      return op->emitOpError("depth ") << depthAttr << " is negative";
    OpFoldResult depth = rewriter.getIndexAttr(depthAttr);
    if (Value given = adaptor.getDepthTensor())
      depth = rewriter.create<arith::IndexCastOp>(loc, rewriter.getIndexType(),
                                                  onlyElement(rewriter, loc, given))
                  .getResult();
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    dims.push_back(depth);
    int64_t rank = dims.size();
    Value out = generateElements(
        rewriter, loc, dims, element, [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Value id = b.create<tensor::ExtractOp>(l, x, at.drop_back());
          Value column = b.create<arith::IndexCastOp>(l, id.getType(), at[rank - 1]);
          Value hot = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, id, column);
          return convertScalar(b, l, hot, element);
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// linspace as Paddle's kernel computes it: in double, step = (stop -
/// start) / (num - 1); the first num / 2 values start + step * i, the rest
/// stop - step * (num - 1 - i); one value is start.
struct LowerLinspace : OpConversionPattern<LinspaceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LinspaceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getOut().getType());
    Type element = type.getElementType();
    if (!element.isIntOrFloat() || element.isInteger(1))
      return op->emitOpError("of ") << element << " has no lowering";
    Type f64 = rewriter.getF64Type(), i64 = rewriter.getI64Type();
    Value start = convertScalar(rewriter, loc, onlyElement(rewriter, loc, adaptor.getStart()), f64);
    Value stop = convertScalar(rewriter, loc, onlyElement(rewriter, loc, adaptor.getStop()), f64);
    Value num = convertScalar(rewriter, loc, onlyElement(rewriter, loc, adaptor.getNum()), i64);
    OpFoldResult length = type.isDynamicDim(0)
                              ? OpFoldResult(rewriter.create<arith::IndexCastOp>(
                                    loc, rewriter.getIndexType(), num).getResult())
                              : rewriter.getIndexAttr(type.getDimSize(0));
    Value one = rewriter.create<arith::ConstantIntOp>(loc, 1, 64);
    Value intervals = rewriter.create<arith::SIToFPOp>(
        loc, f64, rewriter.create<arith::SubIOp>(loc, num, one));
    Value step = rewriter.create<arith::DivFOp>(
        loc, rewriter.create<arith::SubFOp>(loc, stop, start), intervals);
    Value half = rewriter.create<arith::DivSIOp>(
        loc, num, rewriter.create<arith::ConstantIntOp>(loc, 2, 64));
    Value single = rewriter.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sle, num, one);
    Value out = generateElements(
        rewriter, loc, {length}, element, [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Value i = b.create<arith::IndexCastOp>(l, i64, at[0]);
          Value fromStart = b.create<arith::AddFOp>(
              l, start, b.create<arith::MulFOp>(l, step, b.create<arith::SIToFPOp>(l, f64, i)));
          Value left = b.create<arith::SubIOp>(l, b.create<arith::SubIOp>(l, num, one), i);
          Value fromStop = b.create<arith::SubFOp>(
              l, stop, b.create<arith::MulFOp>(l, step, b.create<arith::SIToFPOp>(l, f64, left)));
          Value firstHalf = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, i, half);
          Value v = b.create<arith::SelectOp>(l, firstHalf, fromStart, fromStop);
          v = b.create<arith::SelectOp>(l, single, start, v);
          return convertScalar(b, l, v, element);
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateCreationLowering(RewritePatternSet &patterns) {
  patterns.add<LowerRange, LowerFillLike<FillAnyLikeOp>, LowerFillLike<FillZerosLikeOp>,
               LowerFillLike<FillZerosLike2Op>, LowerFillBatchSizeLike, LowerAssignValue,
               LowerEye, LowerOneHot, LowerLinspace>(patterns.getContext());
}

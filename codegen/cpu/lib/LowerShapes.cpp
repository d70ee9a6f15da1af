//===- LowerShapes.cpp - reshapes, transpose, fill_constant ---------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// `x` with dims `dims` (same number of elements), by tensor.reshape.
Value reshapeTo(OpBuilder &b, Location loc, Value x,
                ArrayRef<OpFoldResult> dims) {
  SmallVector<Value> sizes;
  SmallVector<int64_t> shape;
  for (OpFoldResult d : dims) {
    sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, d));
    shape.push_back(getConstantIntValue(d).value_or(ShapedType::kDynamic));
  }
  Value shapeTensor = b.create<tensor::FromElementsOp>(loc, sizes);
  auto element = cast<RankedTensorType>(x.getType()).getElementType();
  return b.create<tensor::ReshapeOp>(loc, RankedTensorType::get(shape, element),
                                     x, shapeTensor);
}

Value product(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims) {
  Value p = b.create<arith::ConstantIndexOp>(loc, 1);
  for (OpFoldResult d : dims)
    p = b.create<arith::MulIOp>(loc, p, getValueOrCreateConstantIndexOp(b, loc, d));
  return p;
}

/// reshape2's dims from its entries as Paddle reads them: 0 copies the
/// input's dim, -1 takes what the others leave. Entries read at run time
/// are decided at run time.
FailureOr<SmallVector<OpFoldResult>>
reshapeDims(OpBuilder &b, Location loc, Operation *op, ArrayRef<OpFoldResult> in,
            ArrayRef<OpFoldResult> shape) {
  SmallVector<OpFoldResult> dims;
  int64_t inferred = -1;
  bool runtime = false;
  for (auto [i, entry] : llvm::enumerate(shape)) {
    std::optional<int64_t> s = getConstantIntValue(entry);
    if (!s)
      runtime = true, dims.push_back(entry);
    else if (*s == 0 && i < in.size())
      dims.push_back(in[i]);
    else if (*s == -1 && inferred < 0)
      inferred = i, dims.push_back(b.getIndexAttr(1));
    else if (*s > 0)
      dims.push_back(b.getIndexAttr(*s));
    else
      return op->emitOpError("shape entry ") << *s << " is not valid";
  }
  auto index = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); };
  auto is = [&](Value v, int64_t c) {
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, v, index(c));
  };
  // An entry read at run time: 0 copies, -1 counts as 1 until inferred.
  SmallVector<Value> wildcards(dims.size());
  for (auto [i, d] : llvm::enumerate(dims)) {
    if (getConstantIntValue(shape[i]))
      continue;
    Value v = cast<Value>(d);
    Value copied = i < in.size() ? getValueOrCreateConstantIndexOp(b, loc, in[i]) : v;
    Value size = b.create<arith::SelectOp>(loc, is(v, 0), copied, v);
    wildcards[i] = is(v, -1);
    dims[i] = b.create<arith::SelectOp>(loc, wildcards[i], index(1), size).getResult();
  }
  if (inferred < 0 && !runtime)
    return dims;
  Value known = b.create<arith::MaxSIOp>(loc, product(b, loc, dims), index(1));
  Value rest = b.create<arith::DivUIOp>(loc, product(b, loc, in), known);
  if (inferred >= 0)
    dims[inferred] = getAsOpFoldResult(rest);
  for (auto [i, wildcard] : llvm::enumerate(wildcards))
    if (wildcard)
      dims[i] = b.create<arith::SelectOp>(
                     loc, wildcard, rest, getValueOrCreateConstantIndexOp(b, loc, dims[i]))
                    .getResult();
  return dims;
}

/// reshape2, its shape from the ShapeTensor list, else the Shape tensor,
/// else the `shape` attribute (Paddle's order).
struct LowerReshape2 : OpConversionPattern<Reshape2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Reshape2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    SmallVector<OpFoldResult> shape;
    ValueRange list = adaptor.getShapeTensor();
    if (!list.empty() || adaptor.getShape_()) {
      FailureOr<SmallVector<OpFoldResult>> given = integersFromTensors(
          rewriter, loc, op, list.empty() ? adaptor.getShape_() : Value(), list,
          cast<RankedTensorType>(op.getOut().getType()).getRank(),
          list.empty() ? "Shape" : "ShapeTensor");
      if (failed(given))
        return failure();
      shape = *given;
    } else {
      shape = indexConstants(rewriter, intsAttr(op, "shape"));
    }
    FailureOr<SmallVector<OpFoldResult>> dims =
        reshapeDims(rewriter, loc, op, dimsOf(rewriter, loc, x), shape);
    if (failed(dims))
      return failure();
    // Dims shape inference knows stay static (a -1 it resolved): a
    // reshaped parameter then keeps a static type through load time.
    auto outType = cast<RankedTensorType>(op.getOut().getType());
    for (auto [i, d] : llvm::enumerate(*dims))
      if (!outType.isDynamicDim(i))
        d = rewriter.getIndexAttr(outType.getDimSize(i));
    return replaceWithPrimaryResult(rewriter, op, reshapeTo(rewriter, loc, x, *dims));
  }
};

struct LowerFlatten : OpConversionPattern<FlattenContiguousRangeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FlattenContiguousRangeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    int64_t start = intAttr(op, "start_axis", 1), stop = intAttr(op, "stop_axis", 1);
    if (start < 0)
      start += rank;
    if (stop < 0)
      stop += rank;
    if (rank == 0 || start < 0 || stop >= rank || start > stop)
      return op->emitOpError("start_axis/stop_axis out of range");
    SmallVector<ReassociationIndices> groups;
    for (int64_t i = 0; i < rank; ++i)
      if (i <= start || i > stop)
        groups.push_back({i});
      else
        groups.back().push_back(i);
    Value y = rewriter.create<tensor::CollapseShapeOp>(op.getLoc(), x, groups);
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

struct LowerSqueeze2 : OpConversionPattern<Squeeze2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Squeeze2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    SmallVector<int64_t> axes = intsAttr(op, "axes");
    SmallVector<bool> drop(rank, axes.empty());
    for (int64_t a : axes)
      if (std::optional<int64_t> i = paddleAxis(a, rank))
        drop[*i] = true;
    SmallVector<OpFoldResult> in = dimsOf(rewriter, loc, x), dims;
    for (int64_t i = 0; i < rank; ++i)
      if (!drop[i] || type.getDimSize(i) != 1) // only size-1 dims go
        dims.push_back(in[i]);
    return replaceWithPrimaryResult(rewriter, op, reshapeTo(rewriter, loc, x, dims));
  }
};

struct LowerUnsqueeze2 : OpConversionPattern<Unsqueeze2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Unsqueeze2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getAxesTensor() || !op.getAxesTensorList().empty())
      return op->emitOpError("with AxesTensor operands has no lowering");
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    // Paddle inserts the axes one after another, each into the grown shape.
    for (int64_t a : intsAttr(op, "axes")) {
      std::optional<int64_t> i = paddleAxis(a, dims.size() + 1);
      if (!i)
        return op->emitOpError("axis ") << a << " out of range";
      dims.insert(dims.begin() + *i, rewriter.getIndexAttr(1));
    }
    return replaceWithPrimaryResult(rewriter, op, reshapeTo(rewriter, loc, x, dims));
  }
};

struct LowerTranspose2 : OpConversionPattern<Transpose2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Transpose2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> perm = intsAttr(op, "axis");
    if (int64_t(perm.size()) != type.getRank() || !isPermutationVector(perm))
      return op->emitOpError("axis is not a permutation of the dims");
    SmallVector<OpFoldResult> in = dimsOf(rewriter, loc, x), dims;
    for (int64_t p : perm)
      dims.push_back(in[p]);
    Value init = emptyTensor(rewriter, loc, dims, type.getElementType());
    Value y = rewriter.create<linalg::TransposeOp>(loc, x, init, perm)->getResult(0);
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

/// fill_constant: its value is `str_value` when set (Paddle keeps large or
/// exact values there), else `value`, else the ValueTensor's element; its
/// dims are `shape`, else the ShapeTensor's elements, else one element of
/// each ShapeTensorList tensor (sizes known only at run time). A static
/// shape and value make a splat constant.
/// flatten2: [product of dims before axis, product of dims from axis].
struct LowerFlatten2 : OpConversionPattern<Flatten2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Flatten2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    int64_t axis = intAttr(op, "axis", 1);
    if (axis < 0 || axis > int64_t(dims.size()))
      return op->emitOpError("axis out of range");
    ArrayRef<OpFoldResult> all(dims);
    Value y = reshapeTo(rewriter, loc, x,
                        {getAsOpFoldResult(product(rewriter, loc, all.take_front(axis))),
                         getAsOpFoldResult(product(rewriter, loc, all.drop_front(axis)))});
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

struct LowerFillConstant : OpConversionPattern<FillConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FillConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getOut().getType());
    Type element = type.getElementType();
    if (!element.isIntOrFloat())
      return op->emitOpError("of ") << element << " has no lowering";
    double number = floatAttr(op, "value", 0);
    StringRef text = strAttr(op, "str_value", "");
    if (!text.empty() && text.getAsDouble(number))
      return op->emitOpError("str_value '") << text << "' is not a number";
    Value valueTensor = adaptor.getValueTensor();
    Value shapeTensor = adaptor.getShapeTensor();
    ValueRange shapeList = adaptor.getShapeTensorList();
    if (!valueTensor && !shapeTensor && shapeList.empty()) {
      if (!type.hasStaticShape())
        return op->emitOpError("has a dynamic shape but no shape tensors");
      TypedAttr scalar;
      if (auto f = dyn_cast<FloatType>(element))
        scalar = rewriter.getFloatAttr(f, number);
      else if (element.isInteger(1))
        scalar = rewriter.getBoolAttr(number != 0);
      else
        scalar = rewriter.getIntegerAttr(element, int64_t(number));
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(
          op, DenseElementsAttr::get(type, scalar));
      return success();
    }
    SmallVector<OpFoldResult> dims;
    if (shapeTensor || !shapeList.empty()) {
      FailureOr<SmallVector<OpFoldResult>> given = integersFromTensors(
          rewriter, loc, op, shapeTensor, shapeList, type.getRank(),
          shapeTensor ? "ShapeTensor" : "ShapeTensorList");
      if (failed(given))
        return failure();
      dims = *given;
    } else {
      for (int64_t d : type.getShape())
        if (ShapedType::isDynamic(d))
          return op->emitOpError("has a dynamic shape but no shape tensors");
        else
          dims.push_back(rewriter.getIndexAttr(d));
    }
    Value value = valueTensor
                      ? convertScalar(rewriter, loc, onlyElement(rewriter, loc, valueTensor),
                                      element)
                      : constantOf(rewriter, loc, element, number);
    Value filled = rewriter
                       .create<linalg::FillOp>(loc, value,
                                               emptyTensor(rewriter, loc, dims, element))
                       .getResult(0);
    return replaceWithPrimaryResult(rewriter, op, filled);
  }
};

} // namespace

void pd::cpu::populateShapeLowering(RewritePatternSet &patterns) {
  patterns.add<LowerReshape2, LowerFlatten, LowerFlatten2, LowerSqueeze2,
               LowerUnsqueeze2, LowerTranspose2, LowerFillConstant>(
      patterns.getContext());
}

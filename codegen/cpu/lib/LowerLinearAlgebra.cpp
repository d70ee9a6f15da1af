//===- LowerLinearAlgebra.cpp - matmul, mul, bmm, mv, dot, einsum -> linalg ===//

#include "LoweringHelpers.h"

#include "pd/Dialect/Einsum.h"
#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// A vector [k] as the matrix [1, k] (`asRow`) or [k, 1].
Value vectorAsMatrix(OpBuilder &b, Location loc, Value v, bool asRow) {
  auto type = cast<RankedTensorType>(v.getType());
  int64_t k = type.getDimSize(0);
  SmallVector<OpFoldResult> dims{b.getIndexAttr(1), dimsOf(b, loc, v)[0]};
  SmallVector<int64_t> shape{1, k};
  if (!asRow) {
    std::swap(dims[0], dims[1]);
    std::swap(shape[0], shape[1]);
  }
  return b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), v,
      SmallVector<ReassociationIndices>{{0, 1}}, dims);
}

FailureOr<Value> batchedMatmul(OpBuilder &b, Location loc, Operation *op,
                               Value x, Value y, bool transX, bool transY);

/// numpy's matmul: a 1-D X is a row, a 1-D Y a column (transposes ignored),
/// and that dim is dropped from the product.
FailureOr<Value> matmulOfVectors(OpBuilder &b, Location loc, Operation *op,
                                 Value x, Value y, bool transX, bool transY) {
  bool xVector = cast<RankedTensorType>(x.getType()).getRank() == 1;
  bool yVector = cast<RankedTensorType>(y.getType()).getRank() == 1;
  if (!xVector && !yVector)
    return batchedMatmul(b, loc, op, x, y, transX, transY);
  if (xVector)
    x = vectorAsMatrix(b, loc, x, /*asRow=*/true);
  if (yVector)
    y = vectorAsMatrix(b, loc, y, /*asRow=*/false);
  FailureOr<Value> product = batchedMatmul(b, loc, op, x, y, transX && !xVector,
                                           transY && !yVector);
  if (failed(product))
    return failure();
  int64_t rank = cast<RankedTensorType>(product->getType()).getRank();
  SmallVector<bool> drop(rank, false);
  drop[rank - 2] = xVector;
  drop[rank - 1] = yVector;
  return dropUnitDims(b, loc, *product, drop);
}

/// out[batch..., m, n] = sum_k x[batch..., m, k] * y[batch..., k, n], with
/// numpy's broadcast of the batch dims and optional transposes.
FailureOr<Value> batchedMatmul(OpBuilder &b, Location loc, Operation *op,
                               Value x, Value y, bool transX, bool transY) {
  auto xt = cast<RankedTensorType>(x.getType());
  auto yt = cast<RankedTensorType>(y.getType());
  if (xt.getRank() < 2 || yt.getRank() < 2)
    return op->emitOpError("with a 1-D operand has no lowering");
  if (!isa<FloatType>(xt.getElementType()))
    return op->emitOpError("is lowered for floating-point tensors only");
  int64_t batch = std::max(xt.getRank(), yt.getRank()) - 2;
  int64_t loops = batch + 3; // batch..., m, n, k
  MLIRContext *ctx = b.getContext();
  SmallVector<OpFoldResult> xDims = dimsOf(b, loc, x), yDims = dimsOf(b, loc, y);
  auto d = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
  AffineExpr m = d(batch), n = d(batch + 1), k = d(batch + 2);

  SmallVector<OpFoldResult> outDims;
  for (int64_t i = 0; i < batch; ++i) {
    OpFoldResult size = b.getIndexAttr(1);
    for (auto [type, dims] : {std::pair(xt, &xDims), std::pair(yt, &yDims)}) {
      int64_t j = i - (batch - (type.getRank() - 2));
      if (j < 0)
        continue;
      if (type.getDimSize(j) != 1) {
        size = (*dims)[j];
        if (!type.isDynamicDim(j))
          break;
      }
    }
    outDims.push_back(size);
  }
  outDims.push_back(xDims[xt.getRank() - (transX ? 1 : 2)]);
  outDims.push_back(yDims[yt.getRank() - (transY ? 2 : 1)]);

  auto operandMap = [&](RankedTensorType type, AffineExpr row, AffineExpr col) {
    SmallVector<AffineExpr> exprs;
    int64_t own = type.getRank() - 2;
    for (int64_t j = 0; j < own; ++j) {
      int64_t i = batch - own + j;
      std::optional<int64_t> out = getConstantIntValue(outDims[i]);
      exprs.push_back(type.getDimSize(j) == 1 && (!out || *out != 1)
                          ? getAffineConstantExpr(0, ctx)
                          : d(i));
    }
    exprs.push_back(row);
    exprs.push_back(col);
    return AffineMap::get(loops, 0, exprs, ctx);
  };
  SmallVector<AffineExpr> outExprs;
  for (int64_t i = 0; i < batch; ++i)
    outExprs.push_back(d(i));
  outExprs.push_back(m);
  outExprs.push_back(n);
  SmallVector<AffineMap> maps{
      operandMap(xt, transX ? k : m, transX ? m : k),
      operandMap(yt, transY ? n : k, transY ? k : n),
      AffineMap::get(loops, 0, outExprs, ctx)};
  SmallVector<utils::IteratorType> iterators(loops - 1,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);

  Type element = xt.getElementType();
  Value init = b.create<linalg::FillOp>(
                    loc, constantOf(b, loc, element, 0),
                    emptyTensor(b, loc, outDims, element))
                   .getResult(0);
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), ValueRange{x, y}, init, maps, iterators,
          [&](OpBuilder &nb, Location l, ValueRange a) {
            Value product = nb.create<arith::MulFOp>(l, a[0], a[1]);
            nb.create<linalg::YieldOp>(
                l, nb.create<arith::AddFOp>(l, a[2], product).getResult());
          })
      .getResult(0);
}

struct LowerMatmulV2 : OpConversionPattern<MatmulV2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulV2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Value> out = matmulOfVectors(
        rewriter, op.getLoc(), op, adaptor.getX(), adaptor.getY(),
        boolAttr(op, "trans_x", false), boolAttr(op, "trans_y", false));
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

struct LowerMatmul : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    FailureOr<Value> out = batchedMatmul(
        rewriter, loc, op, adaptor.getX(), adaptor.getY(),
        boolAttr(op, "transpose_X", false), boolAttr(op, "transpose_Y", false));
    if (failed(out))
      return failure();
    double alpha = floatAttr(op, "alpha", 1);
    Value result = *out;
    if (alpha != 1) {
      auto type = cast<RankedTensorType>(result.getType());
      result = mapElements(rewriter, loc, dimsOf(rewriter, loc, result),
                           type.getElementType(), result,
                           [&](OpBuilder &b, Location l, ValueRange a) {
                             return b.create<arith::MulFOp>(
                                 l, a[0], constantOf(b, l, a[0].getType(), alpha));
                           });
    }
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

/// bmm: [B, M, K] x [B, K, N].
struct LowerBmm : OpConversionPattern<BmmOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BmmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (cast<RankedTensorType>(adaptor.getX().getType()).getRank() != 3 ||
        cast<RankedTensorType>(adaptor.getY().getType()).getRank() != 3)
      return op->emitOpError("takes two 3-D tensors");
    FailureOr<Value> out = batchedMatmul(rewriter, op.getLoc(), op, adaptor.getX(),
                                         adaptor.getY(), false, false);
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// mv: [M, N] x [N] -> [M].
struct LowerMv : OpConversionPattern<MvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (cast<RankedTensorType>(adaptor.getX().getType()).getRank() != 2 ||
        cast<RankedTensorType>(adaptor.getVec().getType()).getRank() != 1)
      return op->emitOpError("takes a matrix and a vector");
    FailureOr<Value> out = matmulOfVectors(rewriter, op.getLoc(), op, adaptor.getX(),
                                           adaptor.getVec(), false, false);
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// dot: sum over the last dim of x * y (X and Y of one shape, 1-D or 2-D).
struct LowerDot : OpConversionPattern<DotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), y = adaptor.getY();
    auto type = cast<RankedTensorType>(x.getType());
    FailureOr<Type> element = floatPairElement(op, x, y);
    if (failed(element))
      return failure();
    Value products = mapElements(rewriter, loc, dimsOf(rewriter, loc, x), *element,
                                 ValueRange{x, y},
                                 [](OpBuilder &b, Location l, ValueRange a) -> Value {
                                   return b.create<arith::MulFOp>(l, a[0], a[1]);
                                 });
    SmallVector<bool> reduced(type.getRank(), false);
    reduced.back() = true;
    Value out = reduceDims(rewriter, loc, products, reduced, 0, false,
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return b.create<arith::AddFOp>(l, a[0], a[1]);
                           });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// einsum as one linalg.generic: a loop per label, the output's labels
/// parallel and the others reduced (in order of first appearance), each
/// operand read through its labels (a repeated label reads a diagonal; an
/// ellipsis dim of static size 1 broadcasts), and the product of the
/// operands added up.
struct LowerEinsum : OpConversionPattern<EinsumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(EinsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange operands = adaptor.getOperands();
    SmallVector<int64_t> ranks;
    Type element;
    for (Value v : operands) {
      auto t = cast<RankedTensorType>(v.getType());
      if (element && t.getElementType() != element)
        return op->emitOpError("takes operands of one element type");
      element = t.getElementType();
      ranks.push_back(t.getRank());
    }
    if (operands.empty() || !element.isIntOrFloat())
      return op->emitOpError("needs numeric operands");
    EinsumEquation eq;
    std::string error;
    if (!parseEinsum(op.getEquation().value_or(""), ranks, eq, error))
      return op->emitOpError() << "equation " << error;
    // Loops: the output's labels, then the reduced ones.
    SmallVector<int> loops(eq.output.begin(), eq.output.end());
    for (int label : eq.labels)
      if (!llvm::is_contained(loops, label))
        loops.push_back(label);
    auto loopOf = [&](int label) {
      return unsigned(llvm::find(loops, label) - loops.begin());
    };
    // A loop's extent: an operand dim that does not broadcast (else 1, and
    // the operands read that loop's dim: it stays in the iteration space).
    auto broadcasts = [&](int label, int64_t size) {
      return EinsumEquation::isEllipsis(label) && size == 1;
    };
    SmallVector<OpFoldResult> extents(loops.size(), rewriter.getIndexAttr(1));
    SmallVector<bool> known(loops.size(), false);
    for (auto [v, labels] : llvm::zip(operands, eq.inputs)) {
      auto t = cast<RankedTensorType>(v.getType());
      for (auto [d, label] : llvm::enumerate(labels)) {
        unsigned l = loopOf(label);
        if (known[l] || broadcasts(label, t.getDimSize(d)))
          continue;
        extents[l] = dimsOf(rewriter, loc, v)[d];
        known[l] = true;
      }
    }
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineMap> maps;
    for (auto [v, labels] : llvm::zip(operands, eq.inputs)) {
      auto t = cast<RankedTensorType>(v.getType());
      SmallVector<AffineExpr> exprs;
      for (auto [d, label] : llvm::enumerate(labels)) {
        unsigned l = loopOf(label);
        exprs.push_back(broadcasts(label, t.getDimSize(d)) && known[l]
                            ? getAffineConstantExpr(0, ctx)
                            : getAffineDimExpr(l, ctx));
      }
      maps.push_back(AffineMap::get(loops.size(), 0, exprs, ctx));
    }
    SmallVector<AffineExpr> outExprs;
    SmallVector<OpFoldResult> outDims;
    for (size_t i = 0; i < eq.output.size(); ++i) {
      outExprs.push_back(getAffineDimExpr(i, ctx));
      outDims.push_back(extents[i]);
    }
    maps.push_back(AffineMap::get(loops.size(), 0, outExprs, ctx));
    SmallVector<utils::IteratorType> iterators(eq.output.size(),
                                               utils::IteratorType::parallel);
    iterators.append(loops.size() - eq.output.size(),
                     utils::IteratorType::reduction);
    bool isFloat = isa<FloatType>(element);
    Value init = rewriter
                     .create<linalg::FillOp>(
                         loc, constantOf(rewriter, loc, element, 0),
                         emptyTensor(rewriter, loc, outDims, element))
                     .getResult(0);
    Value out = rewriter
                    .create<linalg::GenericOp>(
                        loc, init.getType(), operands, init, maps, iterators,
                        [&](OpBuilder &b, Location l, ValueRange a) {
                          Value product = a[0];
                          for (Value v : a.drop_front().drop_back())
                            product = isFloat ? b.create<arith::MulFOp>(l, product, v).getResult()
                                              : b.create<arith::MulIOp>(l, product, v).getResult();
                          Value sum = isFloat ? b.create<arith::AddFOp>(l, a.back(), product).getResult()
                                              : b.create<arith::AddIOp>(l, a.back(), product).getResult();
                          b.create<linalg::YieldOp>(l, sum);
                        })
                    .getResult(0);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// Collapses `value` to a matrix: dims [0, split) and [split, rank).
Value toMatrix(OpBuilder &b, Location loc, Value value, int64_t split) {
  auto type = cast<RankedTensorType>(value.getType());
  ReassociationIndices rows, cols;
  for (int64_t i = 0; i < type.getRank(); ++i)
    (i < split ? rows : cols).push_back(i);
  return b.create<tensor::CollapseShapeOp>(
      loc, value, SmallVector<ReassociationIndices>{rows, cols});
}

/// mul (the old fc): X and Y flattened to matrices at x_num_col_dims and
/// y_num_col_dims; the result has X's leading and Y's trailing dims.
struct LowerMul : OpConversionPattern<MulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), y = adaptor.getY();
    auto xt = cast<RankedTensorType>(x.getType());
    auto yt = cast<RankedTensorType>(y.getType());
    int64_t xn = intAttr(op, "x_num_col_dims", 1);
    int64_t yn = intAttr(op, "y_num_col_dims", 1);
    if (xn < 1 || xn >= xt.getRank() || yn < 1 || yn >= yt.getRank())
      return op->emitOpError("num_col_dims out of range");
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> yDims = dimsOf(rewriter, loc, y);
    FailureOr<Value> product =
        batchedMatmul(rewriter, loc, op, toMatrix(rewriter, loc, x, xn),
                      toMatrix(rewriter, loc, y, yn), false, false);
    if (failed(product))
      return failure();
    SmallVector<OpFoldResult> outDims(xDims.begin(), xDims.begin() + xn);
    outDims.append(yDims.begin() + yn, yDims.end());
    ReassociationIndices rows, cols;
    for (int64_t i = 0; i < int64_t(outDims.size()); ++i)
      (i < xn ? rows : cols).push_back(i);
    SmallVector<int64_t> staticDims;
    for (OpFoldResult dim : outDims)
      staticDims.push_back(getConstantIntValue(dim).value_or(ShapedType::kDynamic));
    Value out = rewriter.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get(staticDims, xt.getElementType()), *product,
        SmallVector<ReassociationIndices>{rows, cols}, outDims);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateLinearAlgebraLowering(RewritePatternSet &patterns) {
  patterns.add<LowerMatmulV2, LowerMatmul, LowerMul, LowerBmm, LowerMv, LowerDot,
               LowerEinsum>(
      patterns.getContext());
}

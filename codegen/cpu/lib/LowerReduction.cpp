//===- LowerReduction.cpp - reduce_*, arg_max/arg_min, cumsum -------------===//
//
// Reductions fold X over `dim` (all dims when it is empty or reduce_all is
// set) in one linalg.generic; arg_max/arg_min carry the best value and its
// index together; cumsum walks its axis with a running sum of the other
// dims.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// The dims `dim` (or the attribute `name`) names (all of them when it is
/// empty or reduce_all is set).
FailureOr<SmallVector<bool>> reducedDims(Operation *op, int64_t rank,
                                         StringRef name = "dim") {
  SmallVector<int64_t> dims = intsAttr(op, name);
  SmallVector<bool> reduced(rank, boolAttr(op, "reduce_all", false) || dims.empty());
  for (int64_t d : dims) {
    std::optional<int64_t> i = paddleAxis(d, rank);
    if (!i)
      return op->emitOpError("dim ") << d << " out of range";
    reduced[*i] = true;
  }
  return reduced;
}

enum class Fold { Sum, Prod, Max, Min };

/// reduce_sum, reduce_prod (any number type, into out_dtype's), reduce_max
/// and reduce_min (floats).
template <typename OpTy, Fold fold>
struct LowerReduce : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = cast<RankedTensorType>(op.getOut().getType()).getElementType();
    bool isFloat = isa<FloatType>(element);
    bool ordered = fold == Fold::Max || fold == Fold::Min;
    if (!element.isIntOrFloat() || element.isInteger(1) || (ordered && !isFloat) ||
        (ordered && element != type.getElementType()))
      return op->emitOpError("of ") << type << " into " << element
                                    << " has no lowering";
    FailureOr<SmallVector<bool>> reduced = reducedDims(op, type.getRank());
    if (failed(reduced))
      return failure();
    double init = fold == Fold::Sum    ? 0.0
                  : fold == Fold::Prod ? 1.0
                  : fold == Fold::Max  ? -INFINITY
                                       : INFINITY;
    Value out = reduceDims(
        rewriter, op.getLoc(), x, *reduced, init, boolAttr(op, "keep_dim", false),
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          switch (fold) {
          case Fold::Sum:
            return isFloat ? b.create<arith::AddFOp>(l, a[0], a[1]).getResult()
                           : b.create<arith::AddIOp>(l, a[0], a[1]).getResult();
          case Fold::Prod:
            return isFloat ? b.create<arith::MulFOp>(l, a[0], a[1]).getResult()
                           : b.create<arith::MulIOp>(l, a[0], a[1]).getResult();
          case Fold::Max:
            return b.create<arith::MaximumFOp>(l, a[0], a[1]);
          case Fold::Min:
            return b.create<arith::MinimumFOp>(l, a[0], a[1]);
          }
          llvm_unreachable("a fold of four kinds");
        },
        element);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// reduce_all / reduce_any of any tensor (non-zero is true), as bool.
template <typename OpTy, bool all>
struct LowerReduceLogic : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getAxisTensor() || !adaptor.getAxisTensorList().empty())
      return op->emitOpError("with its dims given as tensors has no lowering "
                             "(the result's rank would depend on them)");
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    FailureOr<SmallVector<bool>> reduced = reducedDims(op, type.getRank());
    if (failed(reduced))
      return failure();
    Type i1 = rewriter.getI1Type();
    Value out = reduceDims(
        rewriter, op.getLoc(), x, *reduced, all ? 1 : 0,
        boolAttr(op, "keep_dim", false),
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          if (all)
            return b.create<arith::AndIOp>(l, a[0], a[1]);
          return b.create<arith::OrIOp>(l, a[0], a[1]);
        },
        i1);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// logsumexp over `axis`: max + log(sum(exp(x - max))), Paddle's formula
/// (an infinite max gives what Paddle gives).
struct LowerLogsumexp : OpConversionPattern<LogsumexpOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LogsumexpOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    if (!isa<FloatType>(element))
      return op->emitOpError("is lowered for floating-point tensors only");
    FailureOr<SmallVector<bool>> reduced = reducedDims(op, type.getRank(), "axis");
    if (failed(reduced))
      return failure();
    bool keep = boolAttr(op, "keepdim", false);
    Value maxKept = maxKeepingDims(rewriter, loc, x, *reduced);
    Value sum = reduceDims(rewriter, loc, expAboveMax(rewriter, loc, x, maxKept),
                           *reduced, 0, keep,
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return b.create<arith::AddFOp>(l, a[0], a[1]);
                           });
    Value max = keep ? maxKept : dropUnitDims(rewriter, loc, maxKept, *reduced);
    Value out = mapElements(
        rewriter, loc, dimsOf(rewriter, loc, sum), element, ValueRange{max, sum},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<arith::AddFOp>(l, a[0], b.create<math::LogOp>(l, a[1]));
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// (sum |x|^p)^(1/p) over the `reduced` dims of float `x`; p = inf and
/// -inf: the largest and smallest |x|; p = 0: the count of non-zero
/// elements (Paddle's PNormKernel).
Value pNorm(OpBuilder &rewriter, Location loc, Value x, ArrayRef<bool> reduced,
            double p, bool keep) {
  Type element = getElementTypeOrSelf(x.getType());
  auto c = [&](OpBuilder &b, Location l, double v) { return constantOf(b, l, element, v); };
  if (std::isinf(p))
    return reduceDims(rewriter, loc, x, reduced, p > 0 ? 0.0 : INFINITY, keep,
                      [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                        Value v = b.create<math::AbsFOp>(l, a[0]);
                        if (p > 0)
                          return b.create<arith::MaximumFOp>(l, v, a[1]);
                        return b.create<arith::MinimumFOp>(l, v, a[1]);
                      });
  Value sum = reduceDims(
      rewriter, loc, x, reduced, 0, keep,
      [&](OpBuilder &b, Location l, ValueRange a) -> Value {
        Value v = b.create<math::AbsFOp>(l, a[0]), term;
        if (p == 0)
          term = b.create<arith::UIToFPOp>(
              l, element,
              b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNE, a[0], c(b, l, 0)));
        else if (p == 2)
          term = b.create<arith::MulFOp>(l, v, v);
        else if (p == 1)
          term = v;
        else
          term = b.create<math::PowFOp>(l, v, c(b, l, p));
        return b.create<arith::AddFOp>(l, term, a[1]);
      });
  return mapElements(rewriter, loc, dimsOf(rewriter, loc, sum), element, sum,
                     [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                       if (p == 0 || p == 1)
                         return a[0];
                       if (p == 2)
                         return b.create<math::SqrtOp>(l, a[0]);
                       return b.create<math::PowFOp>(l, a[0], c(b, l, 1.0 / p));
                     });
}

/// p_norm along `axis` (every dim with asvector).
struct LowerPNorm : OpConversionPattern<PNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    if (!isa<FloatType>(type.getElementType()))
      return op->emitOpError("is lowered for floating-point tensors only");
    int64_t rank = type.getRank();
    SmallVector<bool> reduced(rank, true);
    if (!boolAttr(op, "asvector", false)) {
      std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", -1), rank);
      if (!axis)
        return op->emitOpError("axis out of range");
      reduced.assign(rank, false);
      reduced[*axis] = true;
    }
    Value out = pNorm(rewriter, op.getLoc(), x, reduced, floatAttr(op, "porder", 2),
                      boolAttr(op, "keepdim", false));
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// norm (fluid's L2 normalisation): Norm = sqrt(sum of x^2 along `axis` +
/// epsilon), kept as a dim of size 1, and Out = x / Norm, as Paddle's
/// NormKernel computes them (Norm is a result only where the program
/// keeps it, and is left unset with is_test, as Paddle leaves it).
struct LowerNorm : OpConversionPattern<NormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(NormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    if (!isa<FloatType>(element))
      return op->emitOpError("is lowered for floating-point tensors only");
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", 0), type.getRank());
    if (!axis)
      return op->emitOpError("axis out of range");
    SmallVector<bool> reduced(type.getRank(), false);
    reduced[*axis] = true;
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    Value squares = mapElements(rewriter, loc, dims, element, x,
                                [](OpBuilder &b, Location l, ValueRange a) -> Value {
                                  return b.create<arith::MulFOp>(l, a[0], a[0]);
                                });
    Value sum = reduceDims(rewriter, loc, squares, reduced, 0, /*keepDims=*/true,
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return b.create<arith::AddFOp>(l, a[0], a[1]);
                           });
    double eps = floatAttr(op, "epsilon", 1e-10);
    Value norm = mapElements(
        rewriter, loc, dimsOf(rewriter, loc, sum), element, sum,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value v = b.create<arith::AddFOp>(l, a[0], constantOf(b, l, a[0].getType(), eps));
          return b.create<math::SqrtOp>(l, v);
        });
    Value out = mapElements(rewriter, loc, dims, element, {x, norm},
                            [](OpBuilder &b, Location l, ValueRange a) -> Value {
                              return b.create<arith::DivFOp>(l, a[0], a[1]);
                            });
    auto cast = [&](Value v, Value result) {
      return castTo(rewriter, loc, v, result.getType());
    };
    if (boolAttr(op, "is_test", false))
      return replaceWithPrimaryResult(rewriter, op, out); // Norm is unset
    SmallVector<Value> results{cast(out, op.getOut())};
    if (Value kept = op.getNorm())
      results.push_back(cast(norm, kept));
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// dist: the p-norm of every element of X - Y (broadcast), as Paddle's
/// DistKernel takes it.
struct LowerDist : OpConversionPattern<DistOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DistOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Type> element = floatPairElement(op, adaptor.getX(), adaptor.getY());
    if (failed(element))
      return failure();
    FailureOr<Value> difference = mapBroadcastPair(
        rewriter, op, adaptor.getX(), adaptor.getY(), *element,
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          return b.create<arith::SubFOp>(l, a[0], a[1]);
        });
    if (failed(difference))
      return failure();
    int64_t rank = cast<RankedTensorType>(difference->getType()).getRank();
    Value out = pNorm(rewriter, op.getLoc(), *difference, SmallVector<bool>(rank, true),
                      floatAttr(op, "p", 2), false);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// reduce_mean (and fluid's mean: no attributes, so every dim): the sum
/// over the count.
template <typename OpTy>
struct LowerReduceMean : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;
  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    if (!isa<FloatType>(element))
      return op->emitOpError("is lowered for floating-point tensors only");
    FailureOr<SmallVector<bool>> reduced = reducedDims(op, type.getRank());
    if (failed(reduced))
      return failure();
    Value count = countOf(rewriter, loc, x, *reduced, element);
    Value sum = reduceDims(rewriter, loc, x, *reduced, 0,
                           boolAttr(op, "keep_dim", false),
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             return b.create<arith::AddFOp>(l, a[0], a[1]);
                           });
    Value mean = mapElements(rewriter, loc, dimsOf(rewriter, loc, sum), element,
                             sum, [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                               return b.create<arith::DivFOp>(l, a[0], count);
                             });
    return replaceWithPrimaryResult(rewriter, op, mean);
  }
};


/// arg_max / arg_min: the first index of the largest (smallest) element
/// along `axis`, as Paddle's kernel picks it.
template <typename OpTy, bool largest>
struct LowerArg : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Type element = cast<RankedTensorType>(x.getType()).getElementType();
    if (!element.isIntOrFloat() || element.isInteger(1))
      return op->emitOpError("of ") << element << " has no lowering";
    bool flatten = boolAttr(op, "flatten", false);
    if (flatten)
      x = flattened(rewriter, loc, x);
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    if (rank == 0) { // one element: index 0
      x = flattened(rewriter, loc, x);
      type = cast<RankedTensorType>(x.getType());
      rank = 1;
    }
    std::optional<int64_t> axis = flatten ? 0 : paddleAxis(intAttr(op, "axis", -1), rank);
    if (!axis)
      return op->emitOpError("axis out of range");
    auto resultType = cast<RankedTensorType>(op.getOut().getType());
    Type indexElement = resultType.getElementType();
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x), outDims;
    SmallVector<AffineExpr> outExprs;
    SmallVector<utils::IteratorType> iterators;
    for (int64_t i = 0; i < rank; ++i) {
      iterators.push_back(i == *axis ? utils::IteratorType::reduction
                                     : utils::IteratorType::parallel);
      if (i != *axis) {
        outDims.push_back(dims[i]);
        outExprs.push_back(getAffineDimExpr(i, ctx));
      }
    }
    // The starting best: the first element along the axis would do, but
    // the extreme of the type is simpler and loses nothing.
    TypedAttr worst;
    if (auto f = dyn_cast<FloatType>(element))
      worst = rewriter.getFloatAttr(f, largest ? -INFINITY : INFINITY);
    else
      worst = rewriter.getIntegerAttr(
          element, largest ? APInt::getSignedMinValue(element.getIntOrFloatBitWidth())
                           : APInt::getSignedMaxValue(element.getIntOrFloatBitWidth()));
    Value best = rewriter.create<linalg::FillOp>(
                           loc, rewriter.create<arith::ConstantOp>(loc, worst).getResult(),
                           emptyTensor(rewriter, loc, outDims, element))
                     .getResult(0);
    Value where = rewriter.create<linalg::FillOp>(
                            loc, constantOf(rewriter, loc, indexElement, 0),
                            emptyTensor(rewriter, loc, outDims, indexElement))
                      .getResult(0);
    AffineMap outMap = AffineMap::get(rank, 0, outExprs, ctx);
    SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(rank), outMap, outMap};
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{best.getType(), where.getType()}, x, ValueRange{best, where},
        maps, iterators, [&](OpBuilder &b, Location l, ValueRange a) {
          Value better;
          if (isa<FloatType>(element))
            better = b.create<arith::CmpFOp>(
                l, largest ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT,
                a[0], a[1]);
          else
            better = b.create<arith::CmpIOp>(
                l, largest ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::slt,
                a[0], a[1]);
          // The first element is taken even when it equals the start.
          Value i = b.create<linalg::IndexOp>(l, *axis);
          Value first = b.create<arith::CmpIOp>(
              l, arith::CmpIPredicate::eq, i, b.create<arith::ConstantIndexOp>(l, 0));
          better = b.create<arith::OrIOp>(l, better, first);
          Value index = b.create<arith::IndexCastOp>(l, indexElement, i);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, better, a[0], a[1]),
                            b.create<arith::SelectOp>(l, better, index, a[2])});
        });
    Value out = generic.getResult(1);
    if (boolAttr(op, "keepdims", false)) {
      // The reduced dim (every dim, with flatten) comes back as size 1.
      int64_t outRank = resultType.getRank();
      SmallVector<AffineExpr> inExprs;
      SmallVector<OpFoldResult> keptDims;
      for (int64_t i = 0, j = 0; i < outRank; ++i) {
        bool reducedHere = flatten || i == *axis;
        keptDims.push_back(reducedHere ? rewriter.getIndexAttr(1) : outDims[j]);
        if (!reducedHere)
          inExprs.push_back(getAffineDimExpr(i, ctx)), ++j;
      }
      Value init = emptyTensor(rewriter, loc, keptDims, indexElement);
      out = rewriter
                .create<linalg::GenericOp>(
                    loc, init.getType(), out, init,
                    SmallVector<AffineMap>{AffineMap::get(outRank, 0, inExprs, ctx),
                                           rewriter.getMultiDimIdentityMap(outRank)},
                    SmallVector<utils::IteratorType>(outRank, utils::IteratorType::parallel),
                    [](OpBuilder &b, Location l, ValueRange a) {
                      b.create<linalg::YieldOp>(l, a[0]);
                    })
                .getResult(0);
    }
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// cumsum: out[.., i, ..] = x[.., 0, ..] + ... + x[.., i, ..] along the
/// axis (from the end with `reverse`; without x[.., i, ..] itself with
/// `exclusive`), one step of the axis at a time over the other dims.
struct LowerCumsum : OpConversionPattern<CumsumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CumsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Type element = cast<RankedTensorType>(x.getType()).getElementType();
    if (!element.isIntOrFloat() || element.isInteger(1))
      return op->emitOpError("of ") << element << " has no lowering";
    bool isFloat = isa<FloatType>(element);
    if (boolAttr(op, "flatten", false) || cast<RankedTensorType>(x.getType()).getRank() == 0)
      x = flattened(rewriter, loc, x);
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    std::optional<int64_t> axis = boolAttr(op, "flatten", false)
                                      ? std::optional<int64_t>(0)
                                      : paddleAxis(intAttr(op, "axis", -1), rank);
    if (!axis)
      return op->emitOpError("axis out of range");
    bool reverse = boolAttr(op, "reverse", false);
    bool exclusive = boolAttr(op, "exclusive", false);

    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> rowDims(dims);
    rowDims.erase(rowDims.begin() + *axis);
    auto rowType = RankedTensorType::get(
        [&] {
          SmallVector<int64_t> shape(type.getShape());
          shape.erase(shape.begin() + *axis);
          return shape;
        }(),
        element);
    auto sliceAt = [&](OpBuilder &b, Value i) {
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)), sizes(dims),
          strides(rank, b.getIndexAttr(1));
      offsets[*axis] = i;
      sizes[*axis] = b.getIndexAttr(1);
      return std::pair(offsets, sizes);
    };
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    Value length = getValueOrCreateConstantIndexOp(rewriter, loc, dims[*axis]);
    Value last = rewriter.create<arith::SubIOp>(loc, length, one);
    Value running = rewriter
                        .create<linalg::FillOp>(loc, constantOf(rewriter, loc, element, 0),
                                                emptyTensor(rewriter, loc, rowDims, element))
                        .getResult(0);
    Value out = emptyTensor(rewriter, loc, dims, element);
    auto loop = rewriter.create<scf::ForOp>(
        loc, zero, length, one, ValueRange{running, out},
        [&](OpBuilder &b, Location l, Value step, ValueRange carried) {
          Value i = reverse ? b.create<arith::SubIOp>(l, last, step).getResult() : step;
          auto [offsets, sizes] = sliceAt(b, i);
          SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
          Value row = b.create<tensor::ExtractSliceOp>(l, rowType, x, offsets, sizes,
                                                       strides);
          Value sum = mapElements(b, l, rowDims, element, ValueRange{carried[0], row},
                                  [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
                                    return isFloat
                                               ? nb.create<arith::AddFOp>(nl, a[0], a[1]).getResult()
                                               : nb.create<arith::AddIOp>(nl, a[0], a[1]).getResult();
                                  });
          Value written = b.create<tensor::InsertSliceOp>(
              l, exclusive ? carried[0] : sum, carried[1], offsets, sizes, strides);
          b.create<scf::YieldOp>(l, ValueRange{sum, written});
        });
    Value result = loop.getResult(1);
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

} // namespace

void pd::cpu::populateReductionLowering(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<LowerReduce<ReduceSumOp, Fold::Sum>, LowerReduce<ReduceProdOp, Fold::Prod>,
               LowerReduce<ReduceMaxOp, Fold::Max>, LowerReduce<ReduceMinOp, Fold::Min>,
               LowerReduceMean<ReduceMeanOp>, LowerReduceMean<MeanOp>,
               LowerArg<ArgMaxOp, true>, LowerArg<ArgMinOp, false>,
               LowerCumsum, LowerPNorm, LowerNorm, LowerDist, LowerLogsumexp,
               LowerReduceLogic<ReduceAllOp, true>,
               LowerReduceLogic<ReduceAnyOp, false>>(ctx);
}

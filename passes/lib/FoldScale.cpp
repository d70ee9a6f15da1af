//===- FoldScale.cpp - the pd-fold-scale pass ------------------------------===//
//
// A scale op (a * x + b) applied to the output of a matrix product with
// parameter weights, possibly through a bias add and reshapes/transposes
// (attention scales its queries that way), goes into the weights:
// a * (x W + c) + b = x (a W) + (a c + b). The scaled weights are computed
// from parameters only, so the CPU backend computes them at load time, and
// the bias add stays one its kernel's epilogue takes.
//
//===----------------------------------------------------------------------===//

#include "PdBuilder.h"

#include "pd/Passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd {
#define GEN_PASS_DEF_FOLDSCALE
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

/// Ops that move elements without computing on them: a scale commutes.
bool movesElements(Operation *op) {
  if (isa<Transpose2Op, Reshape2Op, FlattenContiguousRangeOp, Squeeze2Op,
          Unsqueeze2Op>(op))
    return llvm::all_of(op->getResults().drop_front(),
                        [](Value r) { return r.use_empty(); });
  return false;
}

struct FoldScalePattern : OpRewritePattern<ScaleOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ScaleOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getScaleTensor() || op.getBiasTensor())
      return failure();
    auto type = dyn_cast<RankedTensorType>(op.getX().getType());
    if (!type || !type.getElementType().isF32())
      return failure();
    double a = op.getScale() ? op.getScale()->convertToDouble() : 1.0;
    double b = op.getBias() ? op.getBias()->convertToDouble() : 0.0;
    if (!op.getBiasAfterScale().value_or(true))
      b *= a;

    // Up through element moves, each the only user of its input.
    Value v = op.getX();
    while (v.hasOneUse() && v.getDefiningOp() && movesElements(v.getDefiningOp()))
      v = v.getDefiningOp()->getOperand(0);
    if (!v.hasOneUse())
      return failure();
    Operation *def = v.getDefiningOp();
    ElementwiseAddOp biasAdd = dyn_cast_or_null<ElementwiseAddOp>(def);
    Value product = biasAdd ? biasAdd.getX() : v;
    auto matmul = product.getDefiningOp<MatmulV2Op>();
    if (!matmul || !product.hasOneUse() || !isParameterOnly(matmul.getY()))
      return rewriter.notifyMatchFailure(op, "not after a product with parameter weights");
    if (biasAdd) {
      auto biasType = dyn_cast<RankedTensorType>(biasAdd.getY().getType());
      if (!biasType || biasType.getRank() != 1 ||
          intAttrOr(biasAdd, "axis", -1) != -1 || !isParameterOnly(biasAdd.getY()))
        return failure();
    } else if (b != 0.0) {
      return rewriter.notifyMatchFailure(op, "a bias with no bias add to take it");
    }

    Location loc = op.getLoc();
    rewriter.setInsertionPoint(matmul);
    Value weight = createScale(rewriter, loc, matmul.getY(), a, 0.0,
                               derivedName(matmul.getY(), "scaled"));
    rewriter.modifyOpInPlace(matmul, [&] { matmul->setOperand(1, weight); });
    if (biasAdd) {
      rewriter.setInsertionPoint(biasAdd);
      Value bias = createScale(rewriter, loc, biasAdd.getY(), a, b,
                               derivedName(biasAdd.getY(), "scaled"));
      rewriter.modifyOpInPlace(biasAdd, [&] { biasAdd->setOperand(1, bias); });
    }
    rewriter.replaceOp(op, op.getX());
    return success();
  }
};

struct FoldScale : pd::impl::FoldScaleBase<FoldScale> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldScalePattern>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

//===- FoldBatchNorm.cpp - the pd-fold-batch-norm pass ---------------------===//
//
// At inference batch_norm is y = x * s + t per channel, with
// s = Scale / sqrt(Variance + epsilon) and t = Bias - Mean * s. After a
// convolution (or a matrix product) s goes into the weights and t becomes
// a bias add, which the CPU backend takes into the kernel's epilogue; else
// the op becomes that multiply-add. s, t and the scaled weights are
// computed from parameters only, so the CPU backend computes them once, at
// load time.
//
//===----------------------------------------------------------------------===//

#include "PdBuilder.h"

#include "pd/Passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

bool isF32(Value v, int64_t rank) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.getElementType().isF32() && t.getRank() == rank;
}

bool isChannelsFirst(std::optional<StringRef> layout) {
  return !layout || *layout == "NCHW" || *layout == "NCDHW" ||
         *layout == "AnyLayout";
}

/// The conv2d, depthwise_conv2d or conv3d that only feeds `x`, in the
/// layout the batch norm reads, without fused Bias/ResidualData: its filter
/// [C, ...] can take the scale.
Operation *foldableConv(Value x, bool channelsFirst, int64_t channels) {
  Operation *def = x.getDefiningOp();
  if (!def || !x.hasOneUse() || !isa<Conv2dOp, DepthwiseConv2dOp, Conv3dOp>(def) ||
      def->getNumOperands() != 2 ||
      !isF32(def->getOperand(1), cast<ShapedType>(x.getType()).getRank()))
    return nullptr;
  auto layout = def->getAttrOfType<StringAttr>("data_format");
  if (isChannelsFirst(layout ? std::optional<StringRef>(layout.getValue())
                             : std::nullopt) != channelsFirst)
    return nullptr;
  auto filter = cast<RankedTensorType>(def->getOperand(1).getType());
  return filter.getDimSize(0) == channels ? def : nullptr;
}

/// The matmul_v2 [+ bias add] that only feeds `x` ([N, C]): x = a * W [+ c]
/// with W [K, C] can take the scale; `bias` is c, `biasAdd` its add.
Operation *foldableMatmul(Value x, int64_t channels, Value &bias,
                          Operation *&biasAdd) {
  Operation *def = x.getDefiningOp();
  if (auto add = dyn_cast_or_null<ElementwiseAddOp>(def);
      add && x.hasOneUse() && add.getX().getDefiningOp<MatmulV2Op>() &&
      isF32(add.getY(), 1) && intAttrOr(add, "axis", -1) == -1) {
    bias = add.getY();
    biasAdd = add;
    x = add.getX();
    def = x.getDefiningOp();
  }
  auto matmul = dyn_cast_or_null<MatmulV2Op>(def);
  if (!matmul || !x.hasOneUse() || matmul.getTransX().value_or(false) ||
      matmul.getTransY().value_or(false) || !isF32(matmul.getY(), 2) ||
      cast<RankedTensorType>(matmul.getY().getType()).getDimSize(1) != channels)
    return nullptr;
  return matmul;
}

struct FoldBatchNormPattern : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    // Only the inference form: running statistics, Y alone used.
    if (!bn.getIsTest().value_or(false) && !bn.getUseGlobalStats().value_or(false))
      return rewriter.notifyMatchFailure(bn, "training-mode batch_norm");
    for (OpResult r : bn->getResults().drop_front())
      if (!r.use_empty())
        return rewriter.notifyMatchFailure(bn, "statistics outputs are used");
    Value x = bn.getX();
    auto type = dyn_cast<RankedTensorType>(x.getType());
    if (!type || !type.getElementType().isF32() || type.getRank() < 2)
      return failure();
    for (Value p : {bn.getScale(), bn.getBias(), bn.getMean(), bn.getVariance()})
      if (!isF32(p, 1))
        return failure();
    bool channelsFirst = isChannelsFirst(bn.getDataLayout());
    int64_t axis = channelsFirst ? 1 : type.getRank() - 1;
    int64_t channels = type.getDimSize(axis);
    if (ShapedType::isDynamic(channels) ||
        cast<RankedTensorType>(bn.getScale().getType()).getDimSize(0) != channels)
      return failure();

    Location loc = bn.getLoc();
    Value y = bn.getY();
    std::string yName = variableName(y).str();
    auto name = [&](StringRef suffix) { return derivedName(y, suffix); };
    // s = Scale / sqrt(Variance + epsilon)
    double epsilon = bn.getEpsilon() ? bn.getEpsilon()->convertToDouble() : 1e-5;
    Value variance = createScale(rewriter, loc, bn.getVariance(), 1.0, epsilon,
                                 name("var_eps"));
    Value stddev = createNamed<SqrtOp>(rewriter, loc, variance.getType(),
                                       {variance}, {}, name("std"))
                       ->getResult(0);
    Value s = createElementwise<ElementwiseDivOp>(rewriter, loc, bn.getScale(),
                                                  stddev, -1, name("scale"));
    Value meanScaled = createElementwise<ElementwiseMulOp>(
        rewriter, loc, bn.getMean(), s, -1, name("mean_scaled"));
    // t = Bias - Mean * s
    Value shift = createElementwise<ElementwiseSubOp>(
        rewriter, loc, bn.getBias(), meanScaled, -1, name("shift"));

    Value scaled, bias;
    Operation *biasAdd = nullptr, *matmul = nullptr;
    if (type.getRank() == 2)
      matmul = foldableMatmul(x, channels, bias, biasAdd);
    if (matmul) {
      // x * W * s + c * s + t
      Value weight = createElementwise<ElementwiseMulOp>(
          rewriter, loc, matmul->getOperand(1), s, 1, name("weight"));
      Operation *folded = rewriter.clone(*matmul);
      folded->setOperand(1, weight);
      scaled = folded->getResult(0);
      if (bias)
        shift = createElementwise<ElementwiseAddOp>(
            rewriter, loc, shift,
            createElementwise<ElementwiseMulOp>(rewriter, loc, bias, s, -1,
                                                name("bias_scaled")),
            -1, name("bias"));
    } else if (Operation *conv = foldableConv(x, channelsFirst, channels)) {
      Value filter = createElementwise<ElementwiseMulOp>(
          rewriter, loc, conv->getOperand(1), s, 0, name("filter"));
      Operation *folded = rewriter.clone(*conv);
      folded->setOperand(1, filter);
      scaled = folded->getResult(0);
    } else {
      scaled = createElementwise<ElementwiseMulOp>(rewriter, loc, x, s, axis,
                                                   name("scaled"));
    }
    Value out = createElementwise<ElementwiseAddOp>(
        rewriter, loc, scaled, shift, axis, yName);
    rewriter.replaceAllUsesWith(y, out);
    // The replaced ops, users first: each only fed the next.
    SmallVector<Operation *> dead{bn};
    if (biasAdd)
      dead.push_back(biasAdd);
    if (matmul)
      dead.push_back(matmul);
    else if (Operation *conv = x.getDefiningOp();
             conv && isa<Conv2dOp, DepthwiseConv2dOp, Conv3dOp>(conv))
      dead.push_back(conv);
    for (Operation *op : dead)
      if (op->use_empty())
        rewriter.eraseOp(op);
    return success();
  }
};

struct FoldBatchNorm : pd::impl::FoldBatchNormBase<FoldBatchNorm> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNormPattern>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

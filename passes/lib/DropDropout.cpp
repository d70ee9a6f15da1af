//===- DropDropout.cpp - the pd-drop-dropout pass --------------------------===//
//
// At inference dropout keeps every element: upscale_in_train is the
// identity, downgrade_in_infer (Paddle's default) scales by the keep
// probability 1 - dropout_prob. The mask output must be unused.
//
//===----------------------------------------------------------------------===//

#include "PdBuilder.h"

#include "pd/Passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd {
#define GEN_PASS_DEF_DROPDROPOUT
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

struct DropDropoutPattern : OpRewritePattern<DropoutOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DropoutOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getSeed_() || (op.getMask() && !op.getMask().use_empty()))
      return rewriter.notifyMatchFailure(op, "the mask is used");
    Value out = op.getOut();
    Value kept = op.getX();
    if (op.getDropoutImplementation().value_or("downgrade_in_infer") !=
        "upscale_in_train") {
      double keep = 1.0 - (op.getDropoutProb()
                               ? op.getDropoutProb()->convertToDouble()
                               : 0.5);
      kept = createScale(rewriter, op.getLoc(), kept, keep, 0.0,
                         variableName(out));
    }
    if (kept.getType() != out.getType())
      return failure();
    rewriter.replaceAllUsesWith(out, kept);
    rewriter.eraseOp(op);
    return success();
  }
};

struct DropDropout : pd::impl::DropDropoutBase<DropDropout> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DropDropoutPattern>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

//===- WriteResultsInPlace.cpp - the pd-cpu-results-in-place pass ---------===//
//
// A method's result used to be computed into a buffer of the run's arena
// and copied into the caller's output tensor after the run (1.6 MB, 5 % of
// mobilenet_block's run). Here the buffer the method returns becomes
// `pdcpu.output_alloc`, which the runtime may answer with the caller's
// tensor itself.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Cpu/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd::cpu {
#define GEN_PASS_DEF_WRITERESULTSINPLACE
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd::cpu;

namespace {

/// The result index under which `func` returns all of `buffer`, if it
/// returns it once, whole and not freed: views that keep every element
/// (cast, collapse_shape, expand_shape) are followed; anything else that
/// reads it is fine.
std::optional<int64_t> returnedWholeAs(Value buffer) {
  std::optional<int64_t> index;
  int64_t uses = 0;
  SmallVector<Value> worklist{buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (isa<func::ReturnOp>(user)) {
        index = use.getOperandNumber();
        ++uses;
      } else if (isa<memref::CastOp, memref::CollapseShapeOp,
                     memref::ExpandShapeOp>(user)) {
        worklist.push_back(user->getResult(0));
      } else if (isa<memref::DeallocOp>(user)) {
        return std::nullopt; // freed on some path: not the result's buffer
      }
    }
  }
  if (uses != 1)
    return std::nullopt;
  return index;
}

struct AllocateResultInPlace : OpRewritePattern<memref::AllocOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(memref::AllocOp alloc,
                                PatternRewriter &rewriter) const override {
    auto func = dyn_cast<func::FuncOp>(alloc->getParentOp());
    if (!func || func.isPrivate() ||
        func.getSymName().ends_with(kLoadFunctionSuffix))
      return rewriter.notifyMatchFailure(alloc, "not in a method's body");
    if (!alloc.getType().getLayout().isIdentity())
      return rewriter.notifyMatchFailure(alloc, "not a dense buffer");
    std::optional<int64_t> index = returnedWholeAs(alloc.getResult());
    if (!index)
      return rewriter.notifyMatchFailure(alloc, "not a result's whole buffer");
    rewriter.replaceOpWithNewOp<OutputAllocOp>(
        alloc, alloc.getType(), rewriter.getI64IntegerAttr(*index),
        alloc.getDynamicSizes());
    return success();
  }
};

struct WriteResultsInPlace
    : pd::cpu::impl::WriteResultsInPlaceBase<WriteResultsInPlace> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<AllocateResultInPlace>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace

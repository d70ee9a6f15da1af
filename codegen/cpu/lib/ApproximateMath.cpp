//===- ApproximateMath.cpp - the pd-cpu-approximate-math pass --------------===//

#include "pd/Codegen/Cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd::cpu {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;

namespace {
struct ApproximateMath : pd::cpu::impl::ApproximateMathBase<ApproximateMath> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

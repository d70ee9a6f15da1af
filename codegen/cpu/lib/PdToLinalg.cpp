//===- PdToLinalg.cpp - the pd-convert-to-linalg pass ---------------------===//

#include "LoweringHelpers.h"
#include "pd/Codegen/Cpu/Passes.h"

#include "pd/Dialect/PdOps.h"
#include "pd/Dialect/SourceLocation.h"
#include "pd/Passes/PaddleOpInfo.h"

#include "llvm/ADT/DenseSet.h"

namespace pd::cpu {
#define GEN_PASS_DEF_CONVERTPDTOLINALG
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd;

namespace {

/// "conv2d at train.py:12" (or "at model.pdmodel: block 0 op #4 (conv2d)"
/// where the program kept no Python line) for an op the lowering lacks.
std::string describe(Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  StringRef type = paddleOpType(op);
  os << (type.empty() ? op->getName().getStringRef() : type);
  std::string where = userFacingLocation(op->getLoc());
  if (!where.empty())
    os << " at " << where;
  return s;
}

struct ConvertPdToLinalg
    : pd::cpu::impl::ConvertPdToLinalgBase<ConvertPdToLinalg> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    pd::cpu::populateElementwiseLowering(patterns);
    pd::cpu::populateLinearAlgebraLowering(patterns);
    pd::cpu::populateNormalizationLowering(patterns);
    pd::cpu::populateConvolutionLowering(patterns);
    pd::cpu::populateShapeLowering(patterns);
    pd::cpu::populateConcatSliceLowering(patterns);
    pd::cpu::populateLogicLowering(patterns);

    // Every op without a pattern, in one error, before anything changes.
    llvm::DenseSet<OperationName> lowered;
    for (const auto &pattern : patterns.getNativePatterns())
      if (std::optional<OperationName> root = pattern->getRootKind())
        lowered.insert(*root);
    std::string missing;
    unsigned count = 0;
    module.walk([&](Operation *op) {
      if (isa<PdDialect>(op->getDialect()) && !lowered.contains(op->getName())) {
        missing += (missing.empty() ? "" : "; ") + describe(op);
        ++count;
      }
    });
    if (count) {
      module.emitError() << count << " op(s) have no CPU lowering: " << missing;
      return signalPassFailure();
    }

    ConversionTarget target(*ctx);
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           func::FuncDialect, scf::SCFDialect>();
    target.addIllegalDialect<PdDialect>();
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

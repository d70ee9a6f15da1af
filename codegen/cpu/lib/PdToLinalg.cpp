//===- PdToLinalg.cpp - the pd-convert-to-linalg pass ---------------------===//

#include "LoweringHelpers.h"
#include "pd/Codegen/Cpu/OpCoverage.h"
#include "pd/Codegen/Cpu/Passes.h"
#include "pd/Codegen/Cpu/PdCpuOps.h"

#include "pd/Dialect/PdOps.h"
#include "pd/Dialect/SourceLocation.h"
#include "pd/Passes/PaddleOpInfo.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"

namespace pd::cpu {
#define GEN_PASS_DEF_CONVERTPDTOLINALG
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd;

namespace {

/// Where an op is, as a user reads it: "train.py:12", or "model.pdmodel:
/// block 0 op #4 (conv2d)" where the program kept no Python line.
std::string whereIs(Operation *op) {
  std::string where = userFacingLocation(op->getLoc());
  return where.empty() ? "an unknown place" : where;
}

/// fluid's ops over LoD tensors (batches of variable-length sequences kept
/// as offsets), which pd does not compile.
bool readsLoD(StringRef type) {
  return type.starts_with("sequence_") ||
         llvm::is_contained({"lstm", "gru", "lstmp", "dynamic_lstm", "dynamic_gru",
                             "lod_reset", "lod_rank_table", "im2sequence",
                             "linear_chain_crf", "crf_decoding", "warpctc",
                             "edit_distance", "beam_search", "beam_search_decode"},
                            type);
}

/// Every pd op lowering pattern of the CPU backend.
RewritePatternSet cpuLoweringPatterns(MLIRContext *ctx) {
  RewritePatternSet patterns(ctx);
  pd::cpu::populateElementwiseLowering(patterns);
  pd::cpu::populateLinearAlgebraLowering(patterns);
  pd::cpu::populateNormalizationLowering(patterns);
  pd::cpu::populateConvolutionLowering(patterns);
  pd::cpu::populateShapeLowering(patterns);
  pd::cpu::populateConcatSliceLowering(patterns);
  pd::cpu::populateLogicLowering(patterns);
  pd::cpu::populateInterpolationLowering(patterns);
  pd::cpu::populateEmbeddingLowering(patterns);
  pd::cpu::populateCreationLowering(patterns);
  pd::cpu::populateRecurrentLowering(patterns);
  pd::cpu::populateReductionLowering(patterns);
  pd::cpu::populateDataMovementLowering(patterns);
  pd::cpu::populateIndexingLowering(patterns);
  pd::cpu::populateShiftLowering(patterns);
  pd::cpu::populateQuantizationLowering(patterns);
  pd::cpu::populateDetectionLowering(patterns);
  pd::cpu::populateSortingLowering(patterns);
  pd::cpu::populateUniqueLowering(patterns);
  pd::cpu::populateDeformableConvLowering(patterns);
  return patterns;
}

llvm::StringSet<> rootsOf(RewritePatternSet &patterns) {
  llvm::StringSet<> roots;
  for (const auto &pattern : patterns.getNativePatterns())
    if (std::optional<OperationName> root = pattern->getRootKind())
      roots.insert(root->getStringRef());
  return roots;
}

struct ConvertPdToLinalg
    : pd::cpu::impl::ConvertPdToLinalgBase<ConvertPdToLinalg> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns = cpuLoweringPatterns(ctx);

    // Every op without a pattern, in one error before anything changes:
    // one line per op type, with its count and first place (a densenet has
    // 58 of one type).
    llvm::StringSet<> lowered = rootsOf(patterns);
    llvm::MapVector<StringRef, std::pair<unsigned, Operation *>> missing;
    unsigned count = 0;
    module.walk([&](Operation *op) {
      if (!isa<PdDialect>(op->getDialect()) ||
          lowered.contains(op->getName().getStringRef()))
        return;
      StringRef type = paddleOpType(op);
      auto &entry = missing[type.empty() ? op->getName().getStringRef() : type];
      if (!entry.first++)
        entry.second = op;
      ++count;
    });
    if (count) {
      InFlightDiagnostic error = module.emitError();
      error << count << " op(s) of " << missing.size()
            << " type(s) have no CPU lowering:";
      for (auto &[type, entry] : missing) {
        error << "\n  " << type << ": " << entry.first << ", first at "
              << whereIs(entry.second);
        if (readsLoD(type))
          error << " (it reads LoD sequences, which pd does not compile: "
                   "save the model with padded tensors and their lengths, as "
                   "paddle.nn.LSTM's sequence_length)";
      }
      return signalPassFailure();
    }

    ConversionTarget target(*ctx);
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           func::FuncDialect, scf::SCFDialect,
                           pd::cpu::PdCpuDialect,
                           bufferization::BufferizationDialect>();
    target.addIllegalDialect<PdDialect>();
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

llvm::StringSet<> pd::cpu::opsWithCpuLowering(MLIRContext *ctx) {
  RewritePatternSet patterns = cpuLoweringPatterns(ctx);
  return rootsOf(patterns);
}

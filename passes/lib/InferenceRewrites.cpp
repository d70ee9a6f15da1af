//===- InferenceRewrites.cpp - the passes a compiled model gets -----------===//

#include "pd/Passes/Passes.h"

#include "mlir/Pass/PassRegistry.h"

void pd::addInferenceRewrites(mlir::OpPassManager &pm) {
  // Dropout first: a scale it leaves may fold into weights. Folds before
  // the layout change, which then moves fewer ops.
  pm.addPass(createDropDropout());
  pm.addPass(createEinsumToMatmul());
  pm.addPass(createFoldBatchNorm());
  pm.addPass(createFoldScale());
  pm.addPass(createChannelsLast());
}

void pd::registerPdPassesAndPipelines() {
  registerPdPasses();
  mlir::PassPipelineRegistration<>(
      "pd-inference-rewrites",
      "What pd-export --emit=cpu does to a program before lowering: "
      "pd-drop-dropout, pd-einsum-to-matmul, pd-fold-batch-norm, "
      "pd-fold-scale, pd-channels-last",
      addInferenceRewrites);
}

//===- Passes.h - pd dialect passes -----------------------------*- C++ -*-===//
#ifndef PD_PASSES_PASSES_H
#define PD_PASSES_PASSES_H

#include "pd/Dialect/PdDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace pd {

#define GEN_PASS_DECL
#include "pd/Passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "pd/Passes/Passes.h.inc"

/// The inference rewrites a compiled model gets, in order: pd-drop-dropout,
/// pd-fold-batch-norm, pd-fold-scale, pd-channels-last. Also the pd-opt
/// pipeline `pd-inference-rewrites`.
void addInferenceRewrites(mlir::OpPassManager &pm);

/// Registers the pd passes and the `pd-inference-rewrites` pipeline.
void registerPdPassesAndPipelines();

/// Whether pd-raise-pir rewrites PIR op `pirType` ("pd_op.matmul") into
/// ProgramDesc-era ops: the op table's mapped ops, feeds, fetches,
/// constants and control flow.
bool canRaisePirOp(llvm::StringRef pirType);

} // namespace pd

#endif // PD_PASSES_PASSES_H

//===- RaisePirControlFlow.h - PIR if/while -> sub-blocks -------*- C++ -*-===//
#ifndef PD_PASSES_RAISEPIRCONTROLFLOW_H
#define PD_PASSES_RAISEPIRCONTROLFLOW_H

#include "pd/Passes/PirRecords.h"

#include "mlir/IR/PatternMatch.h"

namespace pd {

/// pd_op.if -> conditional_blocks joined by select_input; pd_op.while ->
/// while with a sub-block. Part of pd-raise-pir.
void populateRaisePirControlFlowPatterns(mlir::RewritePatternSet &patterns,
                                         pir::Namer &namer);

} // namespace pd

#endif // PD_PASSES_RAISEPIRCONTROLFLOW_H

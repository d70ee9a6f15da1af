//===- OpCoverage.h - pd-export --op-coverage -------------------*- C++ -*-===//
#ifndef PD_TOOLS_PDEXPORT_OPCOVERAGE_H
#define PD_TOOLS_PDEXPORT_OPCOVERAGE_H

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

namespace pd {

/// The op table as the README shows it, in Markdown: every typed Paddle op
/// with the PIR ops that raise to it, its shape rule, and whether
/// `--emit=cpu` compiles it; the counts first.
void printOpCoverage(mlir::MLIRContext &context, llvm::raw_ostream &os);

} // namespace pd

#endif // PD_TOOLS_PDEXPORT_OPCOVERAGE_H

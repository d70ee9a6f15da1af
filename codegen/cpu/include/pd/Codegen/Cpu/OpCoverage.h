//===- OpCoverage.h - which pd ops the CPU backend compiles -----*- C++ -*-===//
#ifndef PD_CODEGEN_CPU_OPCOVERAGE_H
#define PD_CODEGEN_CPU_OPCOVERAGE_H

#include "llvm/ADT/StringSet.h"

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace pd::cpu {

/// The names of the pd ops (`pd.conv2d`) pd-convert-to-linalg has a
/// lowering for, read from its patterns: what `--emit=cpu` can compile, by
/// op type.
llvm::StringSet<> opsWithCpuLowering(mlir::MLIRContext *ctx);

} // namespace pd::cpu

#endif // PD_CODEGEN_CPU_OPCOVERAGE_H

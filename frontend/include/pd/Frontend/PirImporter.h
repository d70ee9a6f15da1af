//===- PirImporter.h - Paddle 3 PIR programs -> pd dialect ------*- C++ -*-===//
//
// Paddle 3 saves programs as PIR JSON (`prefix.json`, FORMATS.md 10). PIR is
// already SSA: values are numbered, ops name their operands by number. The
// importer checks the structure (every value defined before it is used,
// every dialect known) and keeps each op losslessly: `builtin.parameter`
// ops become `pd.parameter` symbols with their data from `prefix.pdiparams`,
// every other op a `pd.generic` whose type is the PIR op name
// ("pd_op.matmul") and whose `pd.pir` attribute records the op's JSON
// (attributes, result types and attributes) for the exporter.
//
//===----------------------------------------------------------------------===//
#ifndef PD_FRONTEND_PIRIMPORTER_H
#define PD_FRONTEND_PIRIMPORTER_H

#include "pd/Frontend/ProgramImporter.h"

namespace pd {

/// Reads the PIR model at `location` (its program, parameters and other
/// methods, `prefix.<method>.json`). Errors are one line naming the file and
/// the op (its `#`).
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importPirModel(mlir::MLIRContext &context, const ModelLocation &location,
               const ImportOptions &options = {});

/// Reads one PIR program from its JSON text (named `fileName` in errors),
/// without parameter data.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importPirProgramText(mlir::MLIRContext &context, llvm::StringRef text,
                     llvm::StringRef fileName);

} // namespace pd

#endif // PD_FRONTEND_PIRIMPORTER_H

//===- PirExporter.h - pd dialect -> Paddle 3 PIR JSON ----------*- C++ -*-===//
#ifndef PD_CODEGEN_PADDLE_PIREXPORTER_H
#define PD_CODEGEN_PADDLE_PIREXPORTER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"

namespace pd {

/// Writes `func` as a PIR program: each op from its `pd.pir` record, with
/// operands, results, regions and blocks numbered as Paddle's serializer
/// numbers them. An op without a record (not imported from PIR) is an error
/// naming it.
llvm::Expected<llvm::json::Value> exportPirProgram(mlir::ModuleOp module,
                                                   mlir::func::FuncOp func);

/// The names of the parameters a PIR program reads, sorted: the records of
/// its parameter file.
std::vector<std::string> pirParameterNames(mlir::func::FuncOp func);

} // namespace pd

#endif // PD_CODEGEN_PADDLE_PIREXPORTER_H

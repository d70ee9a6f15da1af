//===- PirExporter.h - pd dialect -> Paddle 3 PIR JSON ----------*- C++ -*-===//
#ifndef PD_CODEGEN_PADDLE_PIREXPORTER_H
#define PD_CODEGEN_PADDLE_PIREXPORTER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace pd {

/// Writes `func` as a PIR program, in Paddle's compact JSON: each op from its
/// `pd.pir` record, with operands, results, regions and blocks numbered as
/// Paddle's serializer numbers them. An op without a record (not imported
/// from PIR) is an error naming it.
llvm::Error writePirProgram(mlir::ModuleOp module, mlir::func::FuncOp func,
                            llvm::raw_ostream &os);

/// The names of the parameters a PIR program's parameter file holds, sorted:
/// the persistable parameters it reads.
std::vector<std::string> pirParameterNames(mlir::func::FuncOp func);

} // namespace pd

#endif // PD_CODEGEN_PADDLE_PIREXPORTER_H

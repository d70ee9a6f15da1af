//===- ProgramExporter.h - pd dialect -> Paddle files -----------*- C++ -*-===//
#ifndef PD_CODEGEN_PADDLE_PROGRAMEXPORTER_H
#define PD_CODEGEN_PADDLE_PROGRAMEXPORTER_H

#include "framework.pb.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace pd {
namespace proto = ::paddle::framework::proto;

/// Writes `func` of `module` as a ProgramDesc, byte-compatible with what
/// Paddle writes (FORMATS.md 1.4).
llvm::Expected<proto::ProgramDesc> exportProgram(mlir::ModuleOp module,
                                                 mlir::func::FuncOp func);

/// Serializes `program` as Paddle does (fields in number order, repeated
/// scalars unpacked).
llvm::Error writeProgram(const proto::ProgramDesc &program,
                         llvm::raw_ostream &os);

/// Writes the combined parameter file of `program`: every saved persistable,
/// sorted by name, as tensor records with no padding.
llvm::Error writeCombinedParameters(mlir::ModuleOp module,
                                    const proto::ProgramDesc &program,
                                    llvm::raw_ostream &os);

/// Writes one tensor record for parameter `name`.
llvm::Error writeParameter(mlir::ModuleOp module, llvm::StringRef name,
                           llvm::raw_ostream &os);

/// True when at least one parameter of `module` has data (a program imported
/// without its parameter file has none).
bool hasParameterData(mlir::ModuleOp module);

} // namespace pd

#endif // PD_CODEGEN_PADDLE_PROGRAMEXPORTER_H

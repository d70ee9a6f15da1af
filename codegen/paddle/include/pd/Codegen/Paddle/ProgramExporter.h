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
/// Writes parameters `names`, in that order, as one combined file.
llvm::Error writeCombinedParameters(mlir::ModuleOp module,
                                    llvm::ArrayRef<std::string> names,
                                    llvm::raw_ostream &os);

/// A parameter's element type, shape and bytes as Paddle stores them.
struct ParameterData {
  mlir::RankedTensorType type;
  int32_t dataType = 0;
  llvm::ArrayRef<char> bytes;
  std::vector<std::vector<uint64_t>> lod;
  /// Holds `bytes` when they had to be converted (splats, i1).
  std::shared_ptr<std::vector<char>> storage;
};

/// The data of parameter `name`; an error when it has none.
llvm::Expected<ParameterData> parameterData(mlir::ModuleOp module,
                                            llvm::StringRef name);

/// Writes one tensor record for parameter `name`.
llvm::Error writeParameter(mlir::ModuleOp module, llvm::StringRef name,
                           llvm::raw_ostream &os);

/// True when at least one parameter of `module` has data (a program imported
/// without its parameter file has none).
bool hasParameterData(mlir::ModuleOp module);

/// Writes `.pdiparams.info` (what paddle.jit.save writes, a protocol-2
/// pickle) from the parameters' structured names and flags; false when no
/// parameter has any, and nothing is written.
llvm::Expected<bool> writeParamsInfo(mlir::ModuleOp module,
                                     llvm::raw_ostream &os);

/// Writes the parameters as a paddle.save state dict (protocol 4): structured
/// names (or variable names) to arrays, and the name table.
llvm::Error writeStateDict(mlir::ModuleOp module, llvm::raw_ostream &os);

} // namespace pd

#endif // PD_CODEGEN_PADDLE_PROGRAMEXPORTER_H

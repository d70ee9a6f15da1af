//===- ProgramImporter.h - Paddle program -> pd dialect ---------*- C++ -*-===//
#ifndef PD_FRONTEND_PROGRAMIMPORTER_H
#define PD_FRONTEND_PROGRAMIMPORTER_H

#include "pd/Frontend/ModelLocation.h"
#include "pd/Frontend/ParameterFile.h"
#include "pd/Frontend/ProgramDesc.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <functional>

namespace pd {

struct ImportOptions {
  /// Receives warnings (a program without its parameter file, ...).
  std::function<void(const llvm::Twine &)> warn;
  /// Parameters come from elsewhere (a state dict): a program found without
  /// its parameter file is then no reason to warn.
  bool parametersFromElsewhere = false;
};

/// Reads the model at `location` (program and parameters) into a module.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importPaddleModel(mlir::MLIRContext &context, const ModelLocation &location,
                  const ImportOptions &options = {});

/// The function of a model's main program (jit.save's `forward`).
constexpr llvm::StringLiteral kForwardFuncName = "forward";

/// Adds `program` to `module` as function `funcName`, its parameters as
/// module symbols shared with the module's other functions.
llvm::Error importProgramInto(mlir::ModuleOp module,
                              const proto::ProgramDesc &program,
                              llvm::StringRef fileName,
                              llvm::ArrayRef<MappedTensor> params,
                              llvm::StringRef funcName);

/// Imports `program` with the given parameter records (possibly none).
/// `fileName` names the program in errors and locations.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importProgram(mlir::MLIRContext &context, const proto::ProgramDesc &program,
              llvm::StringRef fileName, llvm::ArrayRef<MappedTensor> params);

} // namespace pd

#endif // PD_FRONTEND_PROGRAMIMPORTER_H

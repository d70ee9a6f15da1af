//===- ParameterBinding.h - parameters from pickles and .info ---*- C++ -*-===//
#ifndef PD_FRONTEND_PARAMETERBINDING_H
#define PD_FRONTEND_PARAMETERBINDING_H

#include "pd/Frontend/StateDict.h"

#include "mlir/IR/BuiltinOps.h"

#include <functional>

namespace pd {

/// Reads `prefix.pdiparams.info` (what paddle.jit.save writes next to a
/// model) onto the module's parameters: `structured_name`, `trainable`,
/// `stop_gradient`, and the file's order in the module's `pd.params_info`
/// (a parameter's name, or a dictionary for a variable the program does not
/// have, so that the file is written back as it was).
llvm::Error readParamsInfo(mlir::ModuleOp module, llvm::StringRef path);

/// The same for an already parsed `.pdiparams.info` named `fileName`.
llvm::Error applyParamsInfo(mlir::ModuleOp module,
                            const pickle::Document &info,
                            llvm::StringRef fileName);

/// Binds the tensors of a state dict to the module's parameters, by
/// variable name (the name table, or the name saved with a tensor), then by
/// structured name, then by key. Missing parameters and tensors whose dtype
/// or dims disagree are one error that lists them all; tensors no parameter
/// takes are reported through `warn`. Bound data is not copied: the
/// parameters point into the mapped pickle.
llvm::Error bindStateDict(mlir::ModuleOp module, const StateDict &dict,
                          llvm::StringRef fileName,
                          const std::function<void(const llvm::Twine &)> &warn);

} // namespace pd

#endif // PD_FRONTEND_PARAMETERBINDING_H

//===- Describe.h - pd-export --describe ------------------------*- C++ -*-===//
#ifndef PD_TOOLS_PDEXPORT_DESCRIBE_H
#define PD_TOOLS_PDEXPORT_DESCRIBE_H

#include "pd/Frontend/StateDict.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace pd {

/// Methods with their feeds and fetches, an op histogram, the ops no typed
/// definition covers, and every parameter: as text, or as JSON.
void describeModel(mlir::ModuleOp module, llvm::StringRef source, bool json,
                   llvm::raw_ostream &os);

/// Every tensor of a paddle.save pickle (key, variable name, dtype, dims,
/// bytes) and its other values.
void describeStateDict(const StateDict &dict, llvm::StringRef source,
                       bool json, llvm::raw_ostream &os);

} // namespace pd

#endif // PD_TOOLS_PDEXPORT_DESCRIBE_H

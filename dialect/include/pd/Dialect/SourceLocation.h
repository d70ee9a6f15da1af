//===- SourceLocation.h - locations as a user reads them ---------*- C++ -*-===//
#ifndef PD_DIALECT_SOURCELOCATION_H
#define PD_DIALECT_SOURCELOCATION_H

#include "mlir/IR/Location.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace pd {
/// The location of an op that has no Python call stack (jit.save drops
/// them; PIR keeps none): its `place` in `file`, e.g. "block 0 op #3 (mul)".
/// A fused location tagged with the place, so that it cannot be taken for a
/// call-stack frame (a NameLoc), which export writes back as op_callstack.
mlir::Location placeInFile(mlir::MLIRContext *ctx, llvm::StringRef file,
                           llvm::StringRef place);

/// "train.py:12" for an op whose location is a Python call stack (the
/// innermost frame of the model's own code: not Paddle's, an installed
/// package's or Python's standard library's), "model.pdmodel: block 0
/// op #3 (mul)" for one the importer could only place in its file; empty
/// when the location names no file.
std::string userFacingLocation(mlir::Location loc);
} // namespace pd

#endif // PD_DIALECT_SOURCELOCATION_H

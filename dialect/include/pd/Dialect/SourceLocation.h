//===- SourceLocation.h - locations as a user reads them ---------*- C++ -*-===//
#ifndef PD_DIALECT_SOURCELOCATION_H
#define PD_DIALECT_SOURCELOCATION_H

#include "mlir/IR/Location.h"

#include <string>

namespace pd {
/// "train.py:12" for an op whose location is a Python call stack (the
/// innermost frame outside Paddle's own sources), "model.pdmodel" for one
/// that only knows its file; empty when the location names no file.
std::string userFacingLocation(mlir::Location loc);
} // namespace pd

#endif // PD_DIALECT_SOURCELOCATION_H

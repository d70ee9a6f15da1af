//===- PdOps.h - pd types, attributes and ops -------------------*- C++ -*-===//
#ifndef PD_DIALECT_PDOPS_H
#define PD_DIALECT_PDOPS_H

#include "pd/Dialect/PdDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace pd {
/// Gives each result of a pd op the SSA name of the Paddle variable it
/// defines (from `pd.names`), so printed IR reads like the Paddle program.
void nameResultsAfterVariables(mlir::Operation *op,
                               mlir::OpAsmSetValueNameFn setNameFn);
} // namespace pd

#define GET_TYPEDEF_CLASSES
#include "pd/Dialect/PdTypes.h.inc"
#define GET_ATTRDEF_CLASSES
#include "pd/Dialect/PdAttrs.h.inc"
#define GET_OP_CLASSES
#include "pd/Dialect/PdOps.h.inc"

#endif // PD_DIALECT_PDOPS_H

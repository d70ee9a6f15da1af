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

/// The Paddle variable a value stands for: a result's entry in `pd.names`,
/// a function argument's `pd.name`, a parameter read's symbol; empty when
/// nothing names it.
llvm::StringRef variableName(mlir::Value value);
} // namespace pd

namespace pd::trait {
/// An op some of whose result dims depend on its data (the rows an NMS
/// keeps): what its shape rule leaves dynamic stays dynamic, whatever size
/// the program declared.
template <typename ConcreteType>
class DataDependentShape
    : public mlir::OpTrait::TraitBase<ConcreteType, DataDependentShape> {};
/// An op whose declared result dims Paddle writes wrongly when an input dim
/// is unknown (conv2d_transpose: -1 + output_padding): its computed dims
/// win over the declared ones.
template <typename ConcreteType>
class ComputedShapeWins
    : public mlir::OpTrait::TraitBase<ConcreteType, ComputedShapeWins> {};
} // namespace pd::trait

#include "pd/Dialect/PdInterfaces.h.inc"
#include "pd/Dialect/ShapeRules.h"

#define GET_TYPEDEF_CLASSES
#include "pd/Dialect/PdTypes.h.inc"
#define GET_ATTRDEF_CLASSES
#include "pd/Dialect/PdAttrs.h.inc"
#define GET_OP_CLASSES
#include "pd/Dialect/PdOps.h.inc"

#endif // PD_DIALECT_PDOPS_H

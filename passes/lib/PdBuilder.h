//===- PdBuilder.h - creating Paddle ops inside rewrites --------*- C++ -*-===//
//
// Rewrites that add Paddle ops (inference rewrites, layout) give every new
// result a variable name derived from one the program already has, so that
// the rewritten program still exports to a ProgramDesc Paddle loads.
//
//===----------------------------------------------------------------------===//
#ifndef PD_PASSES_PDBUILDER_H
#define PD_PASSES_PDBUILDER_H

#include "pd/Dialect/PdOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace pd {

/// A name for a new variable computed from `base`'s: "<base-name>.<suffix>",
/// or "" when `base` has no name (IR not from a Paddle program).
std::string derivedName(mlir::Value base, llvm::StringRef suffix);

/// Creates Paddle op `OpTy` with one result of `type`, named `name` (when
/// not empty).
/// `attrs` are its Paddle attributes; optional slots are left empty.
template <typename OpTy>
OpTy createNamed(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type,
                 mlir::ValueRange operands,
                 llvm::ArrayRef<mlir::NamedAttribute> attrs,
                 llvm::StringRef name) {
  mlir::OperationState state(loc, OpTy::getOperationName());
  state.addOperands(operands);
  state.addTypes(type);
  state.addAttributes(attrs);
  if (!name.empty())
    state.addAttribute(PdDialect::kNamesAttrName, b.getStrArrayAttr({name}));
  return mlir::cast<OpTy>(b.create(state));
}

/// `x * scale + bias` (Paddle's scale op, bias after scale).
mlir::Value createScale(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                        double scale, double bias, llvm::StringRef name);

/// elementwise `OpTy` of x and y, y's dims aligned to x's from `axis`
/// (-1: trailing); the result has x's type.
template <typename OpTy>
mlir::Value createElementwise(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Value x, mlir::Value y, int64_t axis,
                              llvm::StringRef name) {
  return createNamed<OpTy>(b, loc, x.getType(), {x, y},
                           {b.getNamedAttr("axis", b.getI32IntegerAttr(axis))},
                           name)
      ->getResult(0);
}

/// transpose2 of `x` by `perm`: result dim i is x's dim perm[i].
mlir::Value createTranspose(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value x, llvm::ArrayRef<int64_t> perm,
                            llvm::StringRef name);

/// A Paddle INT/LONG attribute as a signed value (ODS gives I32Attr
/// unsigned), `fallback` when absent.
int64_t intAttrOr(mlir::Operation *op, llvm::StringRef name, int64_t fallback);

/// Whether `value` is computed from parameters alone (reads of
/// `pd.parameter`s and ops on them), so that work on it can move to load
/// time.
bool isParameterOnly(mlir::Value value);

} // namespace pd

#endif // PD_PASSES_PDBUILDER_H

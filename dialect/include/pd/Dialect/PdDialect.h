//===- PdDialect.h - the pd dialect -----------------------------*- C++ -*-===//
#ifndef PD_DIALECT_PDDIALECT_H
#define PD_DIALECT_PDDIALECT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dialect.h"

#include "pd/Dialect/PdDialect.h.inc"

#endif // PD_DIALECT_PDDIALECT_H

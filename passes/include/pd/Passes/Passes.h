//===- Passes.h - pd dialect passes -----------------------------*- C++ -*-===//
#ifndef PD_PASSES_PASSES_H
#define PD_PASSES_PASSES_H

#include "pd/Dialect/PdDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace pd {

#define GEN_PASS_DECL
#include "pd/Passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "pd/Passes/Passes.h.inc"

} // namespace pd

#endif // PD_PASSES_PASSES_H

//===- ControlFlowOps.h - Paddle's ops with sub-blocks -----------*- C++ -*-===//
//
// conditional_block and while run a sub-block; pd keeps them as pd.generic
// with a region (their slots hold variables the sub-block reads and writes
// by name). Their names and slots, for the passes that build and lower them.
//
//===----------------------------------------------------------------------===//
#ifndef PD_DIALECT_CONTROLFLOWOPS_H
#define PD_DIALECT_CONTROLFLOWOPS_H

#include "llvm/ADT/StringRef.h"

namespace pd::control_flow {

/// Both ops' output slot for the variables their sub-block writes.
inline constexpr llvm::StringLiteral kOut = "Out";

inline constexpr llvm::StringLiteral kConditionalBlock = "conditional_block";
/// Input slots: the condition and the variables the sub-block reads; output
/// slots: kOut and its scope.
inline constexpr llvm::StringLiteral kCond = "Cond", kInput = "Input",
                                     kScope = "Scope";
inline constexpr llvm::StringLiteral kIsScalarCondition = "is_scalar_condition";

inline constexpr llvm::StringLiteral kWhile = "while";
inline constexpr llvm::StringLiteral kCondition = "Condition", kX = "X",
                                     kStepScopes = "StepScopes";

/// Whether `type` is one of these ops, which pd handles although the op
/// table does not type them.
inline bool isControlFlowOp(llvm::StringRef type) {
  return type == kConditionalBlock || type == kWhile;
}

} // namespace pd::control_flow

#endif // PD_DIALECT_CONTROLFLOWOPS_H

//===- PaddleOpInfo.h - what passes ask of any Paddle op --------*- C++ -*-===//
//
// Typed ops and pd.generic answer the same questions (type, attributes,
// role) in different ways; passes ask here.
//
//===----------------------------------------------------------------------===//
#ifndef PD_PASSES_PADDLEOPINFO_H
#define PD_PASSES_PADDLEOPINFO_H

#include "mlir/IR/Operation.h"

namespace pd {

/// OpRole bits (Paddle's op_proto_maker.h).
enum OpRole : int64_t {
  kRoleForward = 0x0,
  kRoleBackward = 0x1,
  kRoleOptimize = 0x2,
  kRoleLRSched = 0x10,
  kRoleLoss = 0x100,
};

/// The Paddle op type of a pd op ("conv2d"), empty for non-Paddle ops.
llvm::StringRef paddleOpType(mlir::Operation *op);

/// A Paddle attribute of the op, typed or generic; null when absent.
mlir::Attribute paddleAttr(mlir::Operation *op, llvm::StringRef name);

/// Sets a Paddle attribute of the op, typed or generic.
void setPaddleAttr(mlir::Operation *op, llvm::StringRef name,
                   mlir::Attribute value);

/// The op's op_role (0 when absent).
int64_t opRole(mlir::Operation *op);

/// A backward, optimizer or LR-schedule op: never part of inference.
bool isTrainingOp(mlir::Operation *op);

/// A loss op: the Loss role, or a loss type (cross_entropy, ...).
bool isLossOp(mlir::Operation *op);

} // namespace pd

#endif // PD_PASSES_PADDLEOPINFO_H

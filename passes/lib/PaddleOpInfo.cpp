//===- PaddleOpInfo.cpp - what passes ask of any Paddle op ------------------===//

#include "pd/Passes/PaddleOpInfo.h"

#include "pd/Dialect/OpTable.h"
#include "pd/Dialect/PdOps.h"

#include "llvm/ADT/StringSet.h"

using namespace mlir;

StringRef pd::paddleOpType(Operation *op) {
  if (auto generic = dyn_cast<GenericOp>(op))
    return generic.getType();
  if (const OpSchema *schema = lookupOpSchemaByOpName(op->getName().getStringRef()))
    return schema->paddleType;
  return {};
}

Attribute pd::paddleAttr(Operation *op, StringRef name) {
  if (auto generic = dyn_cast<GenericOp>(op))
    return generic.getAttrs().get(name);
  return op->getAttr(name);
}

void pd::setPaddleAttr(Operation *op, StringRef name, Attribute value) {
  if (auto generic = dyn_cast<GenericOp>(op)) {
    NamedAttrList attrs(generic.getAttrs());
    attrs.set(name, value);
    generic.setAttrsAttr(attrs.getDictionary(op->getContext()));
    return;
  }
  op->setAttr(name, value);
}

int64_t pd::opRole(Operation *op) {
  auto role = dyn_cast_if_present<IntegerAttr>(paddleAttr(op, "op_role"));
  return role ? role.getInt() : 0;
}

bool pd::isTrainingOp(Operation *op) {
  // The optimizers and gradient utilities of FORMATS.md 8.3.
  static const llvm::StringSet<> optimizers = {
      "sgd", "momentum", "lars_momentum", "adam", "adamw", "adamax",
      "adagrad", "decayed_adagrad", "adadelta", "rmsprop", "lamb", "ftrl",
      "dpsgd", "dgc_momentum", "merged_adam", "merged_momentum", "fused_adam",
      "average_accumulates", "check_finite_and_unscale",
      "update_loss_scaling", "increment"};
  StringRef type = paddleOpType(op);
  int64_t role = opRole(op);
  // kNotSpecified (0x1000) carries no other bits.
  bool trainingRole =
      role != 0x1000 && (role & (kRoleBackward | kRoleOptimize | kRoleLRSched));
  return trainingRole || type.ends_with("_grad") || type.contains("_grad_") ||
         optimizers.contains(type);
}

bool pd::isLossOp(Operation *op) {
  static const llvm::StringSet<> losses = {
      "cross_entropy", "cross_entropy2", "softmax_with_cross_entropy",
      "sigmoid_cross_entropy_with_logits", "bce_loss", "huber_loss",
      "log_loss", "kldiv_loss", "nll_loss", "warpctc", "margin_cross_entropy",
      "smooth_l1_loss", "mse_loss", "hinge_loss", "rank_loss"};
  int64_t role = opRole(op);
  return (role != 0x1000 && (role & kRoleLoss)) ||
         losses.contains(paddleOpType(op));
}

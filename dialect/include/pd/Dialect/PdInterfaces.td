//===- PdInterfaces.td - pd op interfaces -----------------------*- tablegen -*-===//
#ifndef PD_INTERFACES_TD
#define PD_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Pd_ShapeInferenceOpInterface : OpInterface<"ShapeInferenceOpInterface"> {
  let cppNamespace = "::pd";
  let description = [{
    Computes the types of an op's results from its operand types and
    attributes, as Paddle's InferShape does: a dim that cannot be known is
    dynamic. Results the rule does not determine (side outputs such as
    batch_norm's saved statistics) keep their current type.
  }];
  let methods = [
    InterfaceMethod<
      "Fills `resultTypes` (one per result) or fails with a diagnostic when "
      "the operands contradict each other or the attributes.",
      "::mlir::LogicalResult", "inferResultTypes",
      (ins "::llvm::SmallVectorImpl<::mlir::Type> &":$resultTypes)>,
  ];
}

#endif // PD_INTERFACES_TD

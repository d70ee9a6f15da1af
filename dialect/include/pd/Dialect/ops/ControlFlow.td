//===- ControlFlow.td - joins of branches ------------------*- tablegen -*-===//
//
// select_input joins the branches of a ProgramDesc `if`.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_CONTROLFLOW_TD
#define PD_OPS_CONTROLFLOW_TD

include "pd/Dialect/PdBase.td"

def Pd_SelectInputOp : Pd_PaddleOp<"select_input",
    (ins Variadic<Pd_Tensor>:$X, Pd_Tensor:$Mask), (ins),
    (outs Pd_Tensor:$Out)> {
  let shapeRule = Pd_SameAsX;
  let summary = "X[Mask]: joins the branches of an if (conditional_blocks)";
}

#endif // PD_OPS_CONTROLFLOW_TD

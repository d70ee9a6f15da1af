//===- MatrixProduct.td - matrix products ------------------*- tablegen -*-===//
//
// mul (old fc), matmul and matmul_v2.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_MATRIXPRODUCT_TD
#define PD_OPS_MATRIXPRODUCT_TD

include "pd/Dialect/PdBase.td"

def Pd_MulOp : Pd_BinaryOp<"mul",
    (ins Pd_INT:$x_num_col_dims, Pd_INT:$y_num_col_dims)> {
  let shapeRule = [{ return mul(*this, resultTypes); }];
  let summary = "flatten X and Y to matrices, then X * Y (old fc)";
}
def Pd_MatmulOp : Pd_BinaryOp<"matmul",
    (ins Pd_BOOLEAN:$transpose_X, Pd_BOOLEAN:$transpose_Y, Pd_FLOAT:$alpha)> {
  let shapeRule = [{ return matmul(*this, "transpose_X", "transpose_Y", resultTypes); }];
  let summary = "batched matrix product (v1), scaled by alpha";
}
def Pd_MatmulV2Op : Pd_BinaryOp<"matmul_v2",
    (ins Pd_BOOLEAN:$trans_x, Pd_BOOLEAN:$trans_y)> {
  let pirName = "pd_op.matmul";
  let pirOperands = ["X", "Y"];
  let pirAttrs = ["trans_x=transpose_x", "trans_y=transpose_y"];
  let shapeRule = [{ return matmul(*this, "trans_x", "trans_y", resultTypes); }];
  let summary = "batched matrix product with numpy broadcasting";
}

#endif // PD_OPS_MATRIXPRODUCT_TD

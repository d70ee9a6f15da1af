//===- MatrixProduct.td - matrix products ------------------*- tablegen -*-===//
//
// mul (old fc), matmul, matmul_v2, bmm, mv, dot and einsum.
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

// Batched product of 3-D tensors of one batch: [B, M, K] x [B, K, N].
def Pd_BmmOp : Pd_BinaryOp<"bmm"> {
  let pirName = "pd_op.bmm";
  let pirOperands = ["X", "Y"];
  let shapeRule = [{ return matmul(*this, "trans_x", "trans_y", resultTypes); }];
  let summary = "batched matrix product of 3-D tensors";
}

// Sums of products named by an equation ("bij,bjk->bik"); Paddle's Python
// rewrites most ellipses to letters, its kernel takes them too. InnerCache
// and XShape are for the backward pass.
def Pd_EinsumOp : Pd_PaddleOp<"einsum", (ins Variadic<Pd_Tensor>:$Operands),
    (ins Pd_STRING:$equation),
    (outs Pd_Tensor:$Out, Variadic<Pd_Tensor>:$InnerCache,
          Variadic<Pd_Tensor>:$XShape), [AttrSizedResultSegments]> {
  let pirName = "pd_op.einsum";
  let pirOperands = ["Operands"];
  let shapeRule = [{ return einsum(*this, resultTypes); }];
  let summary = "Einstein summation";
}

// Matrix [M, N] times vector [N].
def Pd_MvOp : Pd_PaddleOp<"mv", (ins Pd_Tensor:$X, Pd_Tensor:$Vec), (ins),
                          (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.mv";
  let pirOperands = ["X", "Vec"];
  let shapeRule = [{ return matmul(*this, "trans_x", "trans_y", resultTypes); }];
  let summary = "matrix-vector product";
}

// Inner products along the last dim of two tensors of one shape (1-D: a
// scalar; 2-D: one per row).
def Pd_DotOp : Pd_BinaryOp<"dot"> {
  let pirName = "pd_op.dot";
  let pirOperands = ["X", "Y"];
  let shapeRule = [{ return dot(*this, resultTypes); }];
  let summary = "inner products along the last dim";
}

#endif // PD_OPS_MATRIXPRODUCT_TD

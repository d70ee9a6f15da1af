//===- Elementwise.td - binary ops, logic, reductions ------*- tablegen -*-===//
//
// Ops with Paddle's axis broadcasting, logic, and reductions.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_ELEMENTWISE_TD
#define PD_OPS_ELEMENTWISE_TD

include "pd/Dialect/PdBase.td"

class Pd_ElementwiseOp<string paddleType>
    : Pd_BinaryOp<paddleType, (ins Pd_INT:$axis)> {
  let summary = "element-wise op with Paddle's axis broadcasting";
  let shapeRule = [{ return elementwise(*this, resultTypes); }];
}
def Pd_ElementwiseAddOp : Pd_ElementwiseOp<"elementwise_add"> {
  let pirName = "pd_op.add";
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
}
def Pd_ElementwiseSubOp : Pd_ElementwiseOp<"elementwise_sub"> {
  let pirName = "pd_op.subtract";
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
}
def Pd_ElementwiseMulOp : Pd_ElementwiseOp<"elementwise_mul"> {
  let pirName = "pd_op.multiply";
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
}
def Pd_ElementwiseDivOp : Pd_ElementwiseOp<"elementwise_div"> {
  let pirName = "pd_op.divide";
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
}

// PIR's add_n takes its inputs as one vector (builtin.combine).
def Pd_SumOp : Pd_PaddleOp<"sum", (ins Variadic<Pd_Tensor>:$X), (ins),
                           (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.add_n";
  let pirOperands = ["X"];
  let shapeRule = [{ return sum(*this, resultTypes); }];
  let summary = "x0 + x1 + ... of tensors of one shape";
}

// Comparisons give bool tensors of the broadcast shape.
class Pd_CompareOp<string paddleType, string pir>
    : Pd_BinaryOp<paddleType, (ins Pd_INT:$axis, Pd_BOOLEAN:$force_cpu)> {
  let pirName = pir;
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
  let shapeRule = [{ return compare(*this, resultTypes); }];
  let summary = "element-wise comparison with Paddle's broadcast";
}
def Pd_LessThanOp : Pd_CompareOp<"less_than", "pd_op.less_than">;
def Pd_LessEqualOp : Pd_CompareOp<"less_equal", "pd_op.less_equal">;
def Pd_GreaterThanOp : Pd_CompareOp<"greater_than", "pd_op.greater_than">;
def Pd_GreaterEqualOp : Pd_CompareOp<"greater_equal", "pd_op.greater_equal">;
def Pd_EqualOp : Pd_CompareOp<"equal", "pd_op.equal">;
def Pd_NotEqualOp : Pd_CompareOp<"not_equal", "pd_op.not_equal">;

def Pd_LogicalNotOp : Pd_UnaryOp<"logical_not"> {
  let pirName = "pd_op.logical_not";
  let pirOperands = ["X"];
  let shapeRule = [{ return logical(*this, resultTypes); }];
  let summary = "element-wise not, as bool";
}

def Pd_ReduceMeanOp : Pd_UnaryOp<"reduce_mean",
    (ins Pd_INTS:$dim, Pd_BOOLEAN:$keep_dim, Pd_BOOLEAN:$reduce_all)> {
  let pirName = "pd_op.mean";
  let pirOperands = ["X", "=dim"];
  let pirAttrs = ["keep_dim=keepdim"];
  let shapeRule = [{ return reduce(*this, resultTypes); }];
  let summary = "mean over `dim` (all dims when empty or reduce_all)";
}

#endif // PD_OPS_ELEMENTWISE_TD

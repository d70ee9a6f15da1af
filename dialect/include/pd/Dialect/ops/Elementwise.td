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
def Pd_ElementwisePowOp : Pd_ElementwiseOp<"elementwise_pow"> {
  let pirName = "pd_op.elementwise_pow";
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
}
def Pd_ElementwiseMaxOp : Pd_ElementwiseOp<"elementwise_max"> {
  let pirName = "pd_op.maximum";
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
}
def Pd_ElementwiseMinOp : Pd_ElementwiseOp<"elementwise_min"> {
  let pirName = "pd_op.minimum";
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
}

// Python's rules: the remainder has the divisor's sign, the quotient is
// floored.
def Pd_ElementwiseModOp : Pd_ElementwiseOp<"elementwise_mod"> {
  let pirName = "pd_op.remainder";
  let pirOperands = ["X", "Y"];
  let pirDefaults = ["axis=-1"];
}
def Pd_ElementwiseFloorDivOp : Pd_ElementwiseOp<"elementwise_floordiv"> {
  let pirName = "pd_op.floor_divide";
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

// fluid's sum of a window of columns (CTR models' feature pooling).
def Pd_PartialSumOp : Pd_PaddleOp<"partial_sum", (ins Variadic<Pd_Tensor>:$X),
    (ins Pd_INT:$start_index, Pd_INT:$length), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.partial_sum";
  let pirOperands = ["X"];
  let shapeRule = [{ return partial(*this, resultTypes, false); }];
  let summary = "x0 + x1 + ... over columns [start_index, + length) of [N, D] tensors";
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

// and, or, xor of any two tensors (non-zero is true), numpy's broadcast.
class Pd_LogicalBinaryOp<string paddleType> : Pd_BinaryOp<paddleType> {
  let pirName = "pd_op." # paddleType;
  let pirOperands = ["X", "Y"];
  let shapeRule = [{ return compare(*this, resultTypes); }];
  let summary = "element-wise logic, as bool";
}
def Pd_LogicalAndOp : Pd_LogicalBinaryOp<"logical_and">;
def Pd_LogicalOrOp : Pd_LogicalBinaryOp<"logical_or">;
def Pd_LogicalXorOp : Pd_LogicalBinaryOp<"logical_xor">;

// Bits of integers (or bools), numpy's broadcast.
class Pd_BitwiseBinaryOp<string paddleType> : Pd_BinaryOp<paddleType> {
  let pirName = "pd_op." # paddleType;
  let pirOperands = ["X", "Y"];
  let shapeRule = [{ return elementwise(*this, resultTypes); }];
  let summary = "element-wise bit operation of integers or bools";
}
def Pd_BitwiseAndOp : Pd_BitwiseBinaryOp<"bitwise_and">;
def Pd_BitwiseOrOp : Pd_BitwiseBinaryOp<"bitwise_or">;
def Pd_BitwiseXorOp : Pd_BitwiseBinaryOp<"bitwise_xor">;
def Pd_BitwiseNotOp : Pd_UnaryOp<"bitwise_not"> {
  let pirName = "pd_op.bitwise_not";
  let pirOperands = ["X"];
  let summary = "element-wise complement of integers (not, of bools)";
}

// atan2(X1, X2) of two tensors of one shape; Paddle's kernel computes in
// float (atan2f) whatever the float type.
def Pd_Atan2Op : Pd_PaddleOp<"atan2", (ins Pd_Tensor:$X1, Pd_Tensor:$X2), (ins),
                             (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.atan2";
  let pirOperands = ["X1", "X2"];
  let shapeRule = [{ return elementwise(*this, resultTypes); }];
  let summary = "the angle of the point (X2, X1), element-wise";
}

// Reductions over `dim` (all dims when it is empty or reduce_all is set).
class Pd_ReduceOp<string paddleType, string pir, string summaryText>
    : Pd_UnaryOp<paddleType, (ins Pd_INTS:$dim, Pd_BOOLEAN:$keep_dim,
                                  Pd_BOOLEAN:$reduce_all, Pd_INT:$in_dtype,
                                  Pd_INT:$out_dtype)> {
  let pirName = pir;
  let pirOperands = ["X", "=dim"];
  let pirAttrs = ["keep_dim=keepdim"];
  let shapeRule = [{ return reduce(*this, resultTypes); }];
  let summary = summaryText;
}
def Pd_ReduceSumOp : Pd_ReduceOp<"reduce_sum", "pd_op.sum", "sum over `dim`"> {
  let pirAttrs = ["keep_dim=keepdim", "out_dtype=dtype"];
}
def Pd_ReduceMaxOp : Pd_ReduceOp<"reduce_max", "pd_op.max", "maximum over `dim`">;
def Pd_ReduceMinOp : Pd_ReduceOp<"reduce_min", "pd_op.min", "minimum over `dim`">;
def Pd_ReduceProdOp : Pd_ReduceOp<"reduce_prod", "pd_op.prod", "product over `dim`"> {
  let pirAttrs = [];
}

// Whether all (any) elements over `dim` are true (non-zero), as bool.
// Paddle 2.6 gives these ops slots for dims as tensors (left empty by
// paddle.all and paddle.any).
class Pd_ReduceLogicOp<string paddleType, string pir, string summaryText>
    : Pd_PaddleOp<paddleType,
        (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$AxisTensor,
             Variadic<Pd_Tensor>:$AxisTensorList),
        (ins Pd_INTS:$dim, Pd_BOOLEAN:$keep_dim, Pd_BOOLEAN:$reduce_all,
             Pd_INT:$in_dtype, Pd_INT:$out_dtype),
        (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = pir;
  let pirOperands = ["X"];
  let pirAttrs = ["dim=axis", "keep_dim=keepdim"];
  let shapeRule = [{ return reduceLogic(*this, resultTypes); }];
  let summary = summaryText;
}
def Pd_ReduceAllOp : Pd_ReduceLogicOp<"reduce_all", "pd_op.all", "whether all elements over `dim` are true">;
def Pd_ReduceAnyOp : Pd_ReduceLogicOp<"reduce_any", "pd_op.any", "whether any element over `dim` is true">;

// log(sum(exp(X))) over `axis` (all dims when empty or reduce_all), as
// Paddle computes it: max + log(sum(exp(X - max))).
def Pd_LogsumexpOp : Pd_UnaryOp<"logsumexp",
    (ins Pd_INTS:$axis, Pd_BOOLEAN:$keepdim, Pd_BOOLEAN:$reduce_all)> {
  let pirName = "pd_op.logsumexp";
  let pirOperands = ["X"];
  let shapeRule = [{ return reduce(*this, resultTypes, "axis", "keepdim"); }];
  let summary = "log of the sum of exponentials over `axis`";
}

// The element count of Input, as an int64 scalar (paddle.numel).
def Pd_SizeOp : Pd_PaddleOp<"size", (ins Pd_Tensor:$Input), (ins),
                            (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.numel";
  let pirOperands = ["Input"];
  let shapeRule = [{ return size(*this, resultTypes); }];
  let summary = "the number of elements of Input";
}

// The index of the largest (smallest) element along `axis` (of all
// elements with `flatten`), as `dtype` (int64 unless 2, int32).
class Pd_ArgOp<string paddleType, string pir, string summaryText>
    : Pd_UnaryOp<paddleType, (ins Pd_LONG:$axis, Pd_BOOLEAN:$keepdims,
                                  Pd_BOOLEAN:$flatten, Pd_INT:$dtype)> {
  let pirName = pir;
  let pirOperands = ["X", "=axis"];
  let shapeRule = [{ return argMinMax(*this, resultTypes); }];
  let summary = summaryText;
}
def Pd_ArgMaxOp : Pd_ArgOp<"arg_max", "pd_op.argmax", "index of the maximum along `axis`">;
def Pd_ArgMinOp : Pd_ArgOp<"arg_min", "pd_op.argmin", "index of the minimum along `axis`">;

// The k largest (smallest) elements along `axis` and their indices, in
// that order, ties to the lower index; argsort orders all of them.
def Pd_TopKV2Op : Pd_PaddleOp<"top_k_v2", (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$K_),
    (ins Pd_INT:$k, Pd_INT:$axis, Pd_BOOLEAN:$largest, Pd_BOOLEAN:$sorted),
    (outs Pd_Tensor:$Out, Pd_Tensor:$Indices)> {
  let pirName = "pd_op.topk";
  let pirOperands = ["X", "=k|K"];
  let shapeRule = [{ return topK(*this, resultTypes); }];
  let summary = "the k largest (or smallest) elements along `axis`, and their indices";
}
// v1: along the last dim, largest first, sorted.
def Pd_TopKOp : Pd_PaddleOp<"top_k", (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$K_),
    (ins Pd_INT:$k), (outs Pd_Tensor:$Out, Pd_Tensor:$Indices)> {
  let shapeRule = [{ return topK(*this, resultTypes); }];
  let summary = "the k largest elements along the last dim, and their indices";
}
def Pd_ArgsortOp : Pd_PaddleOp<"argsort", (ins Pd_Tensor:$X),
    (ins Pd_INT:$axis, Pd_BOOLEAN:$descending, Pd_BOOLEAN:$stable),
    (outs Pd_Tensor:$Out, Pd_Tensor:$Indices)> {
  let pirName = "pd_op.argsort";
  let pirOperands = ["X"];
  let shapeRule = [{ return topK(*this, resultTypes); }];
  let summary = "X sorted along `axis`, and the indices that sort it";
}

// Running sums along `axis` (of all elements with `flatten`), maybe from
// the end (`reverse`), maybe leaving out each element itself (`exclusive`).
def Pd_CumsumOp : Pd_UnaryOp<"cumsum", (ins Pd_INT:$axis, Pd_BOOLEAN:$flatten,
                                            Pd_BOOLEAN:$exclusive,
                                            Pd_BOOLEAN:$reverse)> {
  let pirName = "pd_op.cumsum";
  let pirOperands = ["X", "=axis"];
  let shapeRule = [{ return cumsum(*this, resultTypes); }];
  let summary = "running sums along `axis`";
}

// X where Condition holds, else Y; all three broadcast.
def Pd_WhereOp : Pd_PaddleOp<"where",
    (ins Pd_Tensor:$Condition, Pd_Tensor:$X, Pd_Tensor:$Y), (ins),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.where";
  let pirOperands = ["Condition", "X", "Y"];
  let shapeRule = [{ return where(*this, resultTypes); }];
  let summary = "X where Condition holds, else Y";
}

// fluid's mean: of every element, a 0-D result (as Paddle 2.5+ computes it).
def Pd_MeanOp : Pd_UnaryOp<"mean"> {
  let shapeRule = [{ return reduce(*this, resultTypes); }];
  let summary = "mean of all elements, 0-D";
}
def Pd_ReduceMeanOp : Pd_UnaryOp<"reduce_mean",
    (ins Pd_INTS:$dim, Pd_BOOLEAN:$keep_dim, Pd_BOOLEAN:$reduce_all)> {
  let pirName = "pd_op.mean";
  let pirOperands = ["X", "=dim"];
  let pirAttrs = ["keep_dim=keepdim"];
  let shapeRule = [{ return reduce(*this, resultTypes); }];
  let summary = "mean over `dim` (all dims when empty or reduce_all)";
}

// The forward pass does not use epsilon (the gradient does).
def Pd_PNormOp : Pd_UnaryOp<"p_norm",
    (ins Pd_FLOAT:$porder, Pd_INT:$axis, Pd_FLOAT:$epsilon,
         Pd_BOOLEAN:$keepdim, Pd_BOOLEAN:$asvector)> {
  let pirName = "pd_op.p_norm";
  let pirOperands = ["X"];
  let shapeRule = [{ return pNorm(*this, resultTypes); }];
  let summary = "(sum |x|^p)^(1/p) along `axis` (p = inf: max |x|, 0: nonzero count)";
}

// fluid's L2 normalisation (SSD's conv4_3 norm). Norm is for the backward
// pass: Paddle's inference programs drop it.
def Pd_NormOp : Pd_PaddleOp<"norm", (ins Pd_Tensor:$X),
    (ins Pd_INT:$axis, Pd_FLOAT:$epsilon, Pd_BOOLEAN:$is_test),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$Norm)> {
  let pirName = "pd_op.norm";
  let pirOperands = ["X"];
  let shapeRule = [{ return l2Normalize(*this, resultTypes); }];
  let summary = "X / sqrt(sum of X^2 along `axis` + epsilon), and that norm";
}

// The p-norm of X - Y (broadcast): p = inf the largest |x - y|, -inf the
// smallest, 0 the count of unequal elements.
def Pd_DistOp : Pd_BinaryOp<"dist", (ins Pd_FLOAT:$p)> {
  let pirName = "pd_op.dist";
  let pirOperands = ["X", "Y"];
  let shapeRule = [{ return scalarOfX(*this, resultTypes); }];
  let summary = "the p-norm of X - Y";
}

#endif // PD_OPS_ELEMENTWISE_TD

//===- Creation.td - copies, casts, constants --------------*- tablegen -*-===//
//
// assign, cast and fill_constant.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_CREATION_TD
#define PD_OPS_CREATION_TD

include "pd/Dialect/PdBase.td"

def Pd_AssignOp : Pd_UnaryOp<"assign"> { let summary = "copy X"; }
def Pd_ShareDataOp : Pd_UnaryOp<"share_data"> {
  let summary = "X itself (Paddle shares the buffer; a value here)";
}
// PIR has only the target dtype; in_dtype is the input's.
def Pd_CastOp : Pd_UnaryOp<"cast", (ins Pd_INT:$in_dtype, Pd_INT:$out_dtype)> {
  let pirName = "pd_op.cast";
  let pirOperands = ["X"];
  let pirAttrs = ["out_dtype=dtype"];
  let pirDefaults = ["in_dtype=dtype(X)"];
  let shapeRule = [{ return cast(*this, resultTypes); }];
  let summary = "convert the element type (VarType.Type codes)";
}
def Pd_FillConstantOp : Pd_PaddleOp<"fill_constant",
    (ins Optional<Pd_Tensor>:$ValueTensor, Optional<Pd_Tensor>:$ShapeTensor,
         Variadic<Pd_Tensor>:$ShapeTensorList),
    (ins Pd_LONGS:$shape, Pd_FLOAT:$value, Pd_STRING:$str_value,
         Pd_INT:$dtype, Pd_BOOLEAN:$force_cpu, Pd_INT:$place_type),
    (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  // A pd_op.full whose value is data (not an attribute of its user); a
  // full_with_tensor takes the value and the shape as tensors.
  let pirName = "pd_op.full";
  let pirForms = [Pd_PirForm<"pd_op.full_with_tensor",
                             ["ValueTensor", "ShapeTensor"]>];
  let shapeRule = [{ return fillConstant(*this, resultTypes); }];
  let summary = "a tensor of `shape` filled with `value` (or `str_value`)";
}

// A constant of the program: its values as Paddle's Scalars (`values`,
// what Paddle 3 writes) or in the attribute of its dtype (Paddle 2). PIR
// keeps them as one list of doubles (`values`), which raising spreads into
// the attribute of the dtype; PIR's in-place form takes a placeholder
// tensor first.
def Pd_AssignValueOp : Pd_PaddleOp<"assign_value", (ins),
    (ins Pd_INTS:$shape, Pd_INT:$dtype, Pd_INTS:$bool_values,
         Pd_FLOATS:$fp32_values, Pd_FLOAT64S:$fp64_values,
         Pd_INTS:$int32_values, Pd_LONGS:$int64_values, Pd_SCALARS:$values),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.assign_value_";
  let pirOperands = ["-"];
  let pirForms = [Pd_PirForm<"pd_op.assign_value", []>];
  let shapeRule = [{ return assignValue(*this, resultTypes); }];
  let summary = "a constant tensor of `shape` and `dtype` from its values attribute";
}

// PIR's full_like gives the value as a pd_op.full.
// A constant of `shape` whose dim output_dim_idx is Input's input_dim_idx.
def Pd_FillConstantBatchSizeLikeOp : Pd_PaddleOp<"fill_constant_batch_size_like",
    (ins Pd_Tensor:$Input),
    (ins Pd_INTS:$shape, Pd_FLOAT:$value, Pd_STRING:$str_value, Pd_INT:$dtype,
         Pd_INT:$input_dim_idx, Pd_INT:$output_dim_idx, Pd_BOOLEAN:$force_cpu),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.full_batch_size_like";
  let pirOperands = ["Input"];
  let shapeRule = [{ return fillBatchSizeLike(*this, resultTypes); }];
  let summary = "a constant of `shape` with one dim of Input's";
}
def Pd_FillAnyLikeOp : Pd_UnaryOp<"fill_any_like", (ins Pd_FLOAT:$value, Pd_INT:$dtype)> {
  let pirName = "pd_op.full_like";
  let pirOperands = ["X", "=value"];
  let shapeRule = [{ return fillAnyLike(*this, resultTypes); }];
  let summary = "a tensor of X's shape filled with `value`, of `dtype` (-1: X's)";
}
// fluid's zeros of X's shape: of X's type (fill_zeros_like; PIR writes
// full_like), of `dtype` (fill_zeros_like2).
def Pd_FillZerosLikeOp : Pd_UnaryOp<"fill_zeros_like"> {
  let summary = "zeros of X's shape and type";
}
def Pd_FillZerosLike2Op : Pd_UnaryOp<"fill_zeros_like2", (ins Pd_INT:$dtype)> {
  let shapeRule = [{ return fillAnyLike(*this, resultTypes); }];
  let summary = "zeros of X's shape, of `dtype`";
}
// PIR's arange is this op (start, end and step as tensors).
def Pd_RangeOp : Pd_PaddleOp<"range",
    (ins Pd_Tensor:$Start, Pd_Tensor:$End, Pd_Tensor:$Step), (ins),
    (outs Pd_Tensor:$Out)> {
  // Out's element type is the one the program declares (PIR's arange
  // computes from float64 bounds into its dtype), else the operands'.
  let pirName = "pd_op.arange";
  let pirOperands = ["Start", "End", "Step"];
  let shapeRule = [{ return range(*this, resultTypes); }];
  let summary = "start, start + step, ... up to (not including) end";
}

// An identity matrix of num_rows x num_columns (-1: square), of `dtype`.
def Pd_EyeOp : Pd_PaddleOp<"eye", (ins),
    (ins Pd_LONG:$num_rows, Pd_LONG:$num_columns, Pd_INT:$dtype),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.eye";
  let pirOperands = ["=num_rows", "=num_columns"];
  let shapeRule = [{ return eye(*this, resultTypes); }];
  let summary = "ones on the diagonal, zeros elsewhere";
}

// X's integers as rows of `depth` with a one at the integer (all zeros for
// one outside [0, depth)), of `dtype`.
def Pd_OneHotV2Op : Pd_PaddleOp<"one_hot_v2",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$depth_tensor),
    (ins Pd_INT:$depth, Pd_INT:$dtype, Pd_BOOLEAN:$allow_out_of_range),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.one_hot";
  let pirOperands = ["X", "=depth|depth_tensor"];
  let pirDefaults = ["dtype=5"];
  let shapeRule = [{ return oneHot(*this, resultTypes); }];
  let summary = "one-hot rows of `depth` for X's integers";
}

// Num evenly spaced values from Start to Stop, of `dtype` (Paddle fills the
// first half from Start and the second from Stop).
def Pd_LinspaceOp : Pd_PaddleOp<"linspace",
    (ins Pd_Tensor:$Start, Pd_Tensor:$Stop, Pd_Tensor:$Num), (ins Pd_INT:$dtype),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.linspace";
  let pirOperands = ["Start", "Stop", "Num"];
  let shapeRule = [{ return linspace(*this, resultTypes); }];
  let summary = "Num evenly spaced values from Start to Stop";
}

#endif // PD_OPS_CREATION_TD

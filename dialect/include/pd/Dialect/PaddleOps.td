//===- PaddleOps.td - the Paddle op table -----------------------*- tablegen -*-===//
//
// The one table of Paddle op types the dialect knows. Slot and attribute
// names and kinds are Paddle's (op_compat.yaml, legacy ProgramDesc names);
// the importer and the exporter are driven by the table pd-tblgen emits from
// these definitions. Extra attributes that Paddle registers for particular
// kernels (use_mkldnn, use_cudnn, Scale_*, ...) are not declared: they are
// kept on the op as discardable attributes.
//
//===----------------------------------------------------------------------===//
#ifndef PD_PADDLE_OPS_TD
#define PD_PADDLE_OPS_TD

include "pd/Dialect/PdBase.td"

//===----------------------------------------------------------------------===//
// Feeds and fetches
//===----------------------------------------------------------------------===//

def Pd_FeedOp : Pd_PaddleOp<"feed", (ins Pd_AnyVar:$X), (ins Pd_INT:$col),
                            (outs Pd_AnyVar:$Out)> {
  let shapeRule = Pd_SameAsX;
  let summary = "reads feed column `col` into a variable";
  let description = [{
    `X` is the function argument that stands for the feed holder's column
    `col`; the result is the fed variable.
  }];
}

def Pd_FetchOp : Pd_PaddleOp<"fetch", (ins Pd_AnyVar:$X), (ins Pd_INT:$col),
                             (outs Pd_AnyVar:$Out)> {
  let shapeRule = Pd_SameAsX;
  let summary = "writes a variable to fetch column `col`";
  let description = [{
    The result stands for the fetch holder's column `col`; the function
    returns it.
  }];
}

//===----------------------------------------------------------------------===//
// Convolution, pooling, normalisation
//===----------------------------------------------------------------------===//

defvar Pd_ConvAttrs = (ins Pd_INTS:$strides, Pd_INTS:$paddings,
  Pd_STRING:$padding_algorithm, Pd_INTS:$dilations, Pd_INT:$groups,
  Pd_STRING:$data_format);

def Pd_Conv2dOp : Pd_PaddleOp<"conv2d",
    (ins Pd_Tensor:$Input, Pd_Tensor:$Filter, Optional<Pd_Tensor>:$Bias,
         Optional<Pd_Tensor>:$ResidualData),
    Pd_ConvAttrs, (outs Pd_Tensor:$Output), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.conv2d";
  let pirOperands = ["Input", "Filter"];
  let shapeRule = [{ return conv2d(*this, resultTypes); }];
  let summary = "2-D convolution";
}

def Pd_DepthwiseConv2dOp : Pd_PaddleOp<"depthwise_conv2d",
    (ins Pd_Tensor:$Input, Pd_Tensor:$Filter, Optional<Pd_Tensor>:$Bias,
         Optional<Pd_Tensor>:$ResidualData),
    Pd_ConvAttrs, (outs Pd_Tensor:$Output), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.depthwise_conv2d";
  let pirOperands = ["Input", "Filter"];
  let shapeRule = [{ return conv2d(*this, resultTypes); }];
  let summary = "depthwise 2-D convolution (groups = input channels)";
}

def Pd_Pool2dOp : Pd_UnaryOp<"pool2d", (ins Pd_STRING:$pooling_type,
    Pd_INTS:$ksize, Pd_BOOLEAN:$global_pooling, Pd_INTS:$strides,
    Pd_INTS:$paddings, Pd_BOOLEAN:$exclusive, Pd_BOOLEAN:$adaptive,
    Pd_BOOLEAN:$ceil_mode, Pd_STRING:$data_format,
    Pd_STRING:$padding_algorithm)> {
  let pirName = "pd_op.pool2d";
  let pirOperands = ["X", "=ksize"];
  let shapeRule = [{ return pool2d(*this, resultTypes); }];
  let summary = "2-D max or average pooling";
}

def Pd_BatchNormOp : Pd_PaddleOp<"batch_norm",
    (ins Pd_Tensor:$X, Pd_Tensor:$Scale, Pd_Tensor:$Bias, Pd_Tensor:$Mean,
         Pd_Tensor:$Variance, Optional<Pd_Tensor>:$MomentumTensor),
    (ins Pd_FLOAT:$epsilon, Pd_FLOAT:$momentum, Pd_STRING:$data_layout,
         Pd_BOOLEAN:$is_test, Pd_BOOLEAN:$use_global_stats,
         Pd_BOOLEAN:$trainable_statistics),
    (outs Pd_Tensor:$Y, Pd_Tensor:$MeanOut, Pd_Tensor:$VarianceOut,
          Pd_Tensor:$SavedMean, Pd_Tensor:$SavedVariance,
          Optional<Pd_Tensor>:$ReserveSpace)> {
  let pirName = "pd_op.batch_norm_";
  let pirOperands = ["X", "Mean", "Variance", "Scale", "Bias"];
  let pirAttrs = ["data_layout=data_format"];
  let pirInplace = ["MeanOut=Mean", "VarianceOut=Variance"];
  let shapeRule = Pd_SameAsX;
  let summary = "batch normalisation; MeanOut/VarianceOut update Mean/Variance";
}

def Pd_LayerNormOp : Pd_PaddleOp<"layer_norm",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Scale, Optional<Pd_Tensor>:$Bias),
    (ins Pd_FLOAT:$epsilon, Pd_INT:$begin_norm_axis),
    (outs Pd_Tensor:$Y, Optional<Pd_Tensor>:$Mean, Optional<Pd_Tensor>:$Variance),
    [AttrSizedOperandSegments, AttrSizedResultSegments]> {
  let pirName = "pd_op.layer_norm";
  let pirOperands = ["X", "Scale", "Bias"];
  let shapeRule = Pd_SameAsX;
  let summary = "layer normalisation over the dims from begin_norm_axis";
}

//===----------------------------------------------------------------------===//
// Activations and element-wise math
//===----------------------------------------------------------------------===//

def Pd_ReluOp : Pd_UnaryOp<"relu"> {
  let pirName = "pd_op.relu";
  let pirOperands = ["X"]; let summary = "max(x, 0)"; }
// PIR's relu6 has no threshold: it is 6.
def Pd_Relu6Op : Pd_UnaryOp<"relu6", (ins Pd_FLOAT:$threshold)> {
  let pirName = "pd_op.relu6";
  let pirOperands = ["X"];
  let pirDefaults = ["threshold=6.0"];
  let summary = "min(max(x, 0), threshold)";
}
class Pd_MathOp<string paddleType, string summaryText>
    : Pd_UnaryOp<paddleType> {
  let pirName = "pd_op." # paddleType;
  let pirOperands = ["X"];
  let summary = summaryText;
}
def Pd_SigmoidOp : Pd_MathOp<"sigmoid", "1 / (1 + exp(-x))">;
def Pd_TanhOp : Pd_MathOp<"tanh", "tanh(x)">;
def Pd_ExpOp : Pd_MathOp<"exp", "exp(x)">;
def Pd_SqrtOp : Pd_MathOp<"sqrt", "sqrt(x)">;
def Pd_AbsOp : Pd_MathOp<"abs", "|x|">;
def Pd_SiluOp : Pd_MathOp<"silu", "x * sigmoid(x)">;
def Pd_LeakyReluOp : Pd_UnaryOp<"leaky_relu", (ins Pd_FLOAT:$alpha)> {
  let pirName = "pd_op.leaky_relu";
  let pirOperands = ["X"];
  let pirAttrs = ["alpha=negative_slope"];
  let summary = "x where x >= 0, alpha * x elsewhere";
}
def Pd_PowOp : Pd_PaddleOp<"pow",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$FactorTensor),
    (ins Pd_FLOAT:$factor), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.pow";
  let pirOperands = ["X"];
  let pirAttrs = ["factor=y"];
  let shapeRule = Pd_SameAsX;
  let summary = "x to the power `factor` (or FactorTensor)";
}
// PIR gives the bounds as operands, each a pd_op.full.
def Pd_ClipOp : Pd_PaddleOp<"clip",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Min_, Optional<Pd_Tensor>:$Max_),
    (ins Pd_FLOAT:$min, Pd_FLOAT:$max), (outs Pd_Tensor:$Out),
    [AttrSizedOperandSegments]> {
  let pirName = "pd_op.clip";
  let pirOperands = ["X", "=min", "=max"];
  let shapeRule = Pd_SameAsX;
  let summary = "min(max(x, min), max) (or the Min and Max tensors)";
}
def Pd_GeluOp : Pd_UnaryOp<"gelu", (ins Pd_BOOLEAN:$approximate)> {
  let pirName = "pd_op.gelu";
  let pirOperands = ["X"];
  let summary = "GELU, exact (erf) or tanh-approximated";
}
// PIR's hardswish has Paddle's constants, not attributes.
def Pd_HardSwishOp : Pd_UnaryOp<"hard_swish",
    (ins Pd_FLOAT:$threshold, Pd_FLOAT:$scale, Pd_FLOAT:$offset)> {
  let pirName = "pd_op.hardswish";
  let pirOperands = ["X"];
  let pirDefaults = ["threshold=6.0", "scale=6.0", "offset=3.0"];
  let summary = "x * min(max(x + offset, 0), threshold) / scale";
}
def Pd_HardSigmoidOp : Pd_UnaryOp<"hard_sigmoid",
    (ins Pd_FLOAT:$slope, Pd_FLOAT:$offset)> {
  let pirName = "pd_op.hardsigmoid";
  let pirOperands = ["X"];
  let summary = "min(max(slope * x + offset, 0), 1)";
}
def Pd_SwishOp : Pd_UnaryOp<"swish", (ins Pd_FLOAT:$beta)> {
  let summary = "x * sigmoid(beta * x)";
}
def Pd_SoftmaxOp : Pd_UnaryOp<"softmax", (ins Pd_INT:$axis)> {
  let pirName = "pd_op.softmax";
  let pirOperands = ["X"];
  let summary = "softmax along `axis`";
}
// Paddle 3 lists an (empty) BiasTensor slot in the programs it writes.
def Pd_ScaleOp : Pd_PaddleOp<"scale",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$ScaleTensor,
         Optional<Pd_Tensor>:$BiasTensor),
    (ins Pd_FLOAT:$scale, Pd_FLOAT:$bias, Pd_BOOLEAN:$bias_after_scale),
    (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.scale";
  let pirOperands = ["X", "=scale"];
  let shapeRule = Pd_SameAsX;
  let summary = "scale * x + bias (or scale * (x + bias))";
}
def Pd_DropoutOp : Pd_PaddleOp<"dropout",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Seed_),
    (ins Pd_FLOAT:$dropout_prob, Pd_BOOLEAN:$is_test,
         Pd_STRING:$dropout_implementation, Pd_BOOLEAN:$fix_seed, Pd_INT:$seed),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$Mask)> {
  let pirName = "pd_op.dropout";
  let pirOperands = ["X", "Seed_", "=dropout_prob"];
  let pirAttrs = ["dropout_implementation=mode"];
  let shapeRule = Pd_SameAsX;
  let summary = "dropout; identity or a scale at inference";
}

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

def Pd_SelectInputOp : Pd_PaddleOp<"select_input",
    (ins Variadic<Pd_Tensor>:$X, Pd_Tensor:$Mask), (ins),
    (outs Pd_Tensor:$Out)> {
  let shapeRule = Pd_SameAsX;
  let summary = "X[Mask]: joins the branches of an if (conditional_blocks)";
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// Shapes and data movement
//===----------------------------------------------------------------------===//

def Pd_Reshape2Op : Pd_PaddleOp<"reshape2",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Shape_,
         Variadic<Pd_Tensor>:$ShapeTensor),
    (ins Pd_INTS:$shape),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape),
    [AttrSizedOperandSegments]> {
  let pirName = "pd_op.reshape";
  let pirOperands = ["X", "=shape"];
  let shapeRule = [{ return reshape(*this, resultTypes); }];
  let summary = "reshape (0 copies a dim, -1 infers one)";
}
def Pd_Transpose2Op : Pd_PaddleOp<"transpose2", (ins Pd_Tensor:$X),
    (ins Pd_INTS:$axis), (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape)> {
  let pirName = "pd_op.transpose";
  let pirOperands = ["X"];
  let pirAttrs = ["axis=perm"];
  let shapeRule = [{ return transpose(*this, resultTypes); }];
  let summary = "permute dims by `axis`";
}
def Pd_FlattenContiguousRangeOp : Pd_PaddleOp<"flatten_contiguous_range",
    (ins Pd_Tensor:$X), (ins Pd_INT:$start_axis, Pd_INT:$stop_axis),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape)> {
  let pirName = "pd_op.flatten";
  let pirOperands = ["X"];
  let shapeRule = [{ return flatten(*this, resultTypes); }];
  let summary = "merge dims start_axis..stop_axis into one";
}
def Pd_Squeeze2Op : Pd_PaddleOp<"squeeze2", (ins Pd_Tensor:$X),
    (ins Pd_INTS:$axes), (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape)> {
  let pirName = "pd_op.squeeze";
  let pirOperands = ["X", "=axes"];
  let shapeRule = [{ return squeeze(*this, resultTypes); }];
  let summary = "drop size-1 dims listed in `axes` (all when empty)";
}
def Pd_Unsqueeze2Op : Pd_PaddleOp<"unsqueeze2",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$AxesTensor,
         Variadic<Pd_Tensor>:$AxesTensorList),
    (ins Pd_INTS:$axes), (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$XShape),
    [AttrSizedOperandSegments]> {
  let pirName = "pd_op.unsqueeze";
  let pirOperands = ["X", "=axes"];
  let shapeRule = [{ return unsqueeze(*this, resultTypes); }];
  let summary = "insert size-1 dims at `axes`";
}
def Pd_ConcatOp : Pd_PaddleOp<"concat",
    (ins Variadic<Pd_Tensor>:$X, Optional<Pd_Tensor>:$AxisTensor),
    (ins Pd_INT:$axis), (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let shapeRule = [{ return concat(*this, resultTypes); }];
  let summary = "concatenate along `axis`";
}
def Pd_SliceOp : Pd_PaddleOp<"slice",
    (ins Pd_Tensor:$Input, Optional<Pd_Tensor>:$StartsTensor,
         Optional<Pd_Tensor>:$EndsTensor, Variadic<Pd_Tensor>:$StartsTensorList,
         Variadic<Pd_Tensor>:$EndsTensorList),
    (ins Pd_INTS:$axes, Pd_INTS:$starts, Pd_INTS:$ends,
         Pd_INTS:$decrease_axis, Pd_INTS:$infer_flags),
    (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.slice";
  let pirOperands = ["Input", "=starts", "=ends"];
  let shapeRule = [{ return slice(*this, resultTypes); }];
  let summary = "slice [starts, ends) along `axes`";
}
def Pd_ShapeOp : Pd_PaddleOp<"shape", (ins Pd_Tensor:$Input), (ins),
                             (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.shape";
  let pirOperands = ["Input"];
  let shapeRule = [{ return shapeOf(*this, resultTypes); }];
  let summary = "the dims of Input as an int32 tensor";
}
def Pd_AssignOp : Pd_UnaryOp<"assign"> { let summary = "copy X"; }
def Pd_CastOp : Pd_UnaryOp<"cast", (ins Pd_INT:$in_dtype, Pd_INT:$out_dtype)> {
  let shapeRule = [{ return cast(*this, resultTypes); }];
  let summary = "convert the element type (VarType.Type codes)";
}
def Pd_FillConstantOp : Pd_PaddleOp<"fill_constant",
    (ins Optional<Pd_Tensor>:$ValueTensor, Optional<Pd_Tensor>:$ShapeTensor,
         Variadic<Pd_Tensor>:$ShapeTensorList),
    (ins Pd_LONGS:$shape, Pd_FLOAT:$value, Pd_STRING:$str_value,
         Pd_INT:$dtype, Pd_BOOLEAN:$force_cpu, Pd_INT:$place_type),
    (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  // A pd_op.full whose value is data (not an attribute of its user).
  let pirName = "pd_op.full";
  let shapeRule = [{ return fillConstant(*this, resultTypes); }];
  let summary = "a tensor of `shape` filled with `value` (or `str_value`)";
}

#endif // PD_PADDLE_OPS_TD

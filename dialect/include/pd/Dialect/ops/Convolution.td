//===- Convolution.td - convolution, pooling, norms --------*- tablegen -*-===//
//
// Ops over NCHW feature maps and the normalisations.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_CONVOLUTION_TD
#define PD_OPS_CONVOLUTION_TD

include "pd/Dialect/PdBase.td"

defvar Pd_ConvAttrs = (ins Pd_INTS:$strides, Pd_INTS:$paddings,
  Pd_STRING:$padding_algorithm, Pd_INTS:$dilations, Pd_INT:$groups,
  Pd_STRING:$data_format);

def Pd_Conv2dOp : Pd_PaddleOp<"conv2d",
    (ins Pd_Tensor:$Input, Pd_Tensor:$Filter, Optional<Pd_Tensor>:$Bias,
         Optional<Pd_Tensor>:$ResidualData),
    Pd_ConvAttrs, (outs Pd_Tensor:$Output), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.conv2d";
  let pirOperands = ["Input", "Filter"];
  let shapeRule = [{ return convolution(*this, resultTypes, 2); }];
  let summary = "2-D convolution";
}

def Pd_DepthwiseConv2dOp : Pd_PaddleOp<"depthwise_conv2d",
    (ins Pd_Tensor:$Input, Pd_Tensor:$Filter, Optional<Pd_Tensor>:$Bias,
         Optional<Pd_Tensor>:$ResidualData),
    Pd_ConvAttrs, (outs Pd_Tensor:$Output), [AttrSizedOperandSegments]> {
  let pirName = "pd_op.depthwise_conv2d";
  let pirOperands = ["Input", "Filter"];
  let shapeRule = [{ return convolution(*this, resultTypes, 2); }];
  let summary = "depthwise 2-D convolution (groups = input channels)";
}

// Video and volume models' convolution: NCDHW or NDHWC, filter [F, C / groups,
// KD, KH, KW]; paddings one value a dim or a (before, after) pair.
def Pd_Conv3dOp : Pd_PaddleOp<"conv3d",
    (ins Pd_Tensor:$Input, Pd_Tensor:$Filter), Pd_ConvAttrs,
    (outs Pd_Tensor:$Output)> {
  let pirName = "pd_op.conv3d";
  let pirOperands = ["Input", "Filter"];
  let shapeRule = [{ return convolution(*this, resultTypes, 3); }];
  let summary = "3-D convolution";
}

// Deformable convolution (DCN, PP-YOLO's backbones): each filter tap reads
// the input bilinearly at its place moved by a learned Offset [N, DG * 2 *
// KH * KW, OH, OW], times Mask [N, DG * KH * KW, OH, OW] in v2. PIR writes
// both as deformable_conv, a v1 with a null mask.
defvar Pd_DeformableConvAttrs = (ins Pd_INTS:$strides, Pd_INTS:$paddings,
  Pd_INTS:$dilations, Pd_INT:$deformable_groups, Pd_INT:$groups,
  Pd_INT:$im2col_step);
def Pd_DeformableConvOp : Pd_PaddleOp<"deformable_conv",
    (ins Pd_Tensor:$Input, Pd_Tensor:$Offset, Pd_Tensor:$Filter,
         Optional<Pd_Tensor>:$Mask),
    Pd_DeformableConvAttrs, (outs Pd_Tensor:$Output)> {
  let pirName = "pd_op.deformable_conv";
  let pirOperands = ["Input", "Offset", "Filter", "Mask"];
  let shapeRule = [{ return deformableConv(*this, resultTypes); }];
  let summary = "deformable 2-D convolution with a modulation mask (DCN v2)";
}
def Pd_DeformableConvV1Op : Pd_PaddleOp<"deformable_conv_v1",
    (ins Pd_Tensor:$Input, Pd_Tensor:$Offset, Pd_Tensor:$Filter),
    Pd_DeformableConvAttrs, (outs Pd_Tensor:$Output)> {
  let shapeRule = [{ return deformableConv(*this, resultTypes); }];
  let summary = "deformable 2-D convolution (DCN v1)";
}

// Paddle's filter is [IC, OC / groups, KH, KW]. PIR gives output_size as a
// full_int_array.
class Pd_ConvTransposeOp<string paddleType, string summaryText>
    : Pd_PaddleOp<paddleType,
        (ins Pd_Tensor:$Input, Pd_Tensor:$Filter, Optional<Pd_Tensor>:$Bias),
        (ins Pd_INTS:$strides, Pd_INTS:$paddings, Pd_INTS:$output_padding,
             Pd_INTS:$output_size, Pd_STRING:$padding_algorithm,
             Pd_INTS:$dilations, Pd_INT:$groups, Pd_STRING:$data_format),
        (outs Pd_Tensor:$Output), [Pd_ComputedShapeWins]> {
  let pirName = "pd_op." # paddleType;
  let pirOperands = ["Input", "Filter", "=output_size"];
  let shapeRule = [{ return conv2dTranspose(*this, resultTypes); }];
  let summary = summaryText;
}
def Pd_Conv2dTransposeOp : Pd_ConvTransposeOp<"conv2d_transpose",
    "2-D transposed convolution (the gradient of conv2d by its input)">;
// What paddle.nn.functional.conv2d_transpose writes when groups equals the
// input channels and each group has one output channel.
def Pd_DepthwiseConv2dTransposeOp : Pd_ConvTransposeOp<"depthwise_conv2d_transpose",
    "depthwise 2-D transposed convolution (groups = input channels)">;

def Pd_Pool2dOp : Pd_UnaryOp<"pool2d", (ins Pd_STRING:$pooling_type,
    Pd_INTS:$ksize, Pd_BOOLEAN:$global_pooling, Pd_INTS:$strides,
    Pd_INTS:$paddings, Pd_BOOLEAN:$exclusive, Pd_BOOLEAN:$adaptive,
    Pd_BOOLEAN:$ceil_mode, Pd_STRING:$data_format,
    Pd_STRING:$padding_algorithm)> {
  let pirName = "pd_op.pool2d";
  let pirOperands = ["X", "=ksize"];
  let shapeRule = [{ return pooling(*this, resultTypes, 2); }];
  let summary = "2-D max or average pooling";
}

// PIR gives pool3d's window as an attribute (pool2d's is an operand).
def Pd_Pool3dOp : Pd_UnaryOp<"pool3d", (ins Pd_STRING:$pooling_type,
    Pd_INTS:$ksize, Pd_BOOLEAN:$global_pooling, Pd_INTS:$strides,
    Pd_INTS:$paddings, Pd_BOOLEAN:$exclusive, Pd_BOOLEAN:$adaptive,
    Pd_BOOLEAN:$ceil_mode, Pd_STRING:$data_format,
    Pd_STRING:$padding_algorithm)> {
  let pirName = "pd_op.pool3d";
  let pirOperands = ["X"];
  let pirAttrs = ["ksize=kernel_size"];
  let shapeRule = [{ return pooling(*this, resultTypes, 3); }];
  let summary = "3-D max or average pooling";
}

// Max pooling that also gives each maximum's position (h * W + w in its
// image; -1 for a window without a value above -FLT_MAX): what
// F.max_pool2d(return_mask=True) writes, for max_unpool2d. NCHW only.
def Pd_MaxPool2dWithIndexOp : Pd_PaddleOp<"max_pool2d_with_index",
    (ins Pd_Tensor:$X),
    (ins Pd_INTS:$ksize, Pd_BOOLEAN:$global_pooling, Pd_INTS:$strides,
         Pd_INTS:$paddings, Pd_BOOLEAN:$adaptive, Pd_BOOLEAN:$ceil_mode),
    (outs Pd_Tensor:$Out, Pd_Tensor:$Mask)> {
  let pirName = "pd_op.max_pool2d_with_index";
  let pirOperands = ["X"];
  let pirAttrs = ["ksize=kernel_size"];
  let shapeRule = [{ return maxPoolWithIndex(*this, resultTypes, 2); }];
  let summary = "2-D max pooling with the position of each maximum";
}

// adaptive_max_pool3d and max_pool3d(return_mask=True); Mask holds
// d * H * W + h * W + w.
def Pd_MaxPool3dWithIndexOp : Pd_PaddleOp<"max_pool3d_with_index",
    (ins Pd_Tensor:$X),
    (ins Pd_INTS:$ksize, Pd_BOOLEAN:$global_pooling, Pd_INTS:$strides,
         Pd_INTS:$paddings, Pd_BOOLEAN:$adaptive, Pd_BOOLEAN:$ceil_mode),
    (outs Pd_Tensor:$Out, Pd_Tensor:$Mask)> {
  let pirName = "pd_op.max_pool3d_with_index";
  let pirOperands = ["X"];
  let pirAttrs = ["ksize=kernel_size"];
  let shapeRule = [{ return maxPoolWithIndex(*this, resultTypes, 3); }];
  let summary = "3-D max pooling with the position of each maximum";
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

// fluid's per-channel affine map (detection backbones' frozen batch norm).
def Pd_AffineChannelOp : Pd_PaddleOp<"affine_channel",
    (ins Pd_Tensor:$X, Pd_Tensor:$Scale, Pd_Tensor:$Bias),
    (ins Pd_STRING:$data_layout), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.affine_channel";
  let pirOperands = ["X", "Scale", "Bias"];
  let shapeRule = [{ return affineChannel(*this, resultTypes); }];
  let summary = "X * Scale + Bias per channel (dim 1; the last with NHWC)";
}

// fluid's data_norm (CTR models; Paddle 3 no longer registers it): each
// column of a 2-D X centred and scaled by statistics kept as parameters,
// Means = BatchSum / BatchSize, Scales = sqrt(BatchSize / BatchSquareSum);
// with enable_scale_and_shift, then * scale_w + bias; with slot_dim > 0, a
// slot (slot_dim columns) whose first value, its show count, is 0 is 0.
def Pd_DataNormOp : Pd_PaddleOp<"data_norm",
    (ins Optional<Pd_Tensor>:$scale_w, Optional<Pd_Tensor>:$bias, Pd_Tensor:$X,
         Pd_Tensor:$BatchSize, Pd_Tensor:$BatchSum, Pd_Tensor:$BatchSquareSum),
    (ins Pd_FLOAT:$epsilon, Pd_INT:$slot_dim, Pd_FLOAT:$summary_decay_rate,
         Pd_BOOLEAN:$enable_scale_and_shift, Pd_STRING:$data_layout,
         Pd_BOOLEAN:$sync_stats),
    (outs Pd_Tensor:$Y, Optional<Pd_Tensor>:$Means, Optional<Pd_Tensor>:$Scales),
    [AttrSizedOperandSegments, AttrSizedResultSegments]> {
  let shapeRule = [{ return dataNorm(*this, getX(), resultTypes); }];
  let summary = "(X - Means) * Scales per column, statistics kept as parameters";
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

// Normalisation over each image's channel (instance_norm) or group of
// channels (group_norm), NCHW; the statistics outputs are for training.
def Pd_InstanceNormOp : Pd_PaddleOp<"instance_norm",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Scale, Optional<Pd_Tensor>:$Bias),
    (ins Pd_FLOAT:$epsilon),
    (outs Pd_Tensor:$Y, Optional<Pd_Tensor>:$SavedMean,
          Optional<Pd_Tensor>:$SavedVariance),
    [AttrSizedOperandSegments, AttrSizedResultSegments]> {
  let pirName = "pd_op.instance_norm";
  let pirOperands = ["X", "Scale", "Bias"];
  let shapeRule = Pd_SameAsX;
  let summary = "normalisation over each channel of each image";
}
def Pd_GroupNormOp : Pd_PaddleOp<"group_norm",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$Scale, Optional<Pd_Tensor>:$Bias),
    (ins Pd_FLOAT:$epsilon, Pd_INT:$groups, Pd_STRING:$data_layout),
    (outs Pd_Tensor:$Y, Optional<Pd_Tensor>:$Mean, Optional<Pd_Tensor>:$Variance),
    [AttrSizedOperandSegments, AttrSizedResultSegments]> {
  let pirName = "pd_op.group_norm";
  let pirOperands = ["X", "Scale", "Bias"];
  let pirAttrs = ["data_layout=data_format"];
  let shapeRule = Pd_SameAsX;
  let summary = "normalisation over each group of channels of each image";
}

#endif // PD_OPS_CONVOLUTION_TD

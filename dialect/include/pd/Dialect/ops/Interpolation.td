//===- Interpolation.td - resizing images ------------------*- tablegen -*-===//
//
// The v2 interpolation ops (paddle.nn.functional.interpolate): the output
// size from SizeTensor, OutSize, the Scale tensor, the `scale` attribute or
// out_d/out_h/out_w, in that order of precedence. Each resizes the trailing
// 1, 2 or 3 spatial dims of a 3-, 4- or 5-D tensor (`ranks`); data_layout
// is NCHW or NHWC whatever the rank, as paddle.nn.functional writes it.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_INTERPOLATION_TD
#define PD_OPS_INTERPOLATION_TD

include "pd/Dialect/PdBase.td"

class Pd_InterpOp<string paddleType, string pir, string ranks, string summaryText>
    : Pd_PaddleOp<paddleType,
        (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$OutSize,
             Variadic<Pd_Tensor>:$SizeTensor, Optional<Pd_Tensor>:$Scale_),
        (ins Pd_STRING:$data_layout, Pd_INT:$out_d, Pd_INT:$out_h,
             Pd_INT:$out_w, Pd_FLOATS:$scale, Pd_STRING:$interp_method,
             Pd_BOOLEAN:$align_corners, Pd_INT:$align_mode),
        (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let pirName = pir;
  let pirOperands = ["X", "OutSize", "SizeTensor", "Scale"];
  let pirAttrs = ["data_layout=data_format"];
  let shapeRule = "return interpolate(*this, resultTypes, {" # ranks # "});";
  let summary = summaryText;
}
def Pd_NearestInterpV2Op : Pd_InterpOp<"nearest_interp_v2", "pd_op.nearest_interp",
    "4, 5", "resize images or volumes to the nearest input pixel">;
def Pd_LinearInterpV2Op : Pd_InterpOp<"linear_interp_v2", "pd_op.linear_interp",
    "3", "resize the width of [N, C, W] linearly (align_corners, align_mode)">;
def Pd_BilinearInterpV2Op : Pd_InterpOp<"bilinear_interp_v2", "pd_op.bilinear_interp",
    "4", "resize height and width bilinearly (align_corners, align_mode as Paddle's)">;
def Pd_BicubicInterpV2Op : Pd_InterpOp<"bicubic_interp_v2", "pd_op.bicubic_interp",
    "4", "resize height and width by cubic convolution (Keys, A = -0.75)">;
def Pd_TrilinearInterpV2Op : Pd_InterpOp<"trilinear_interp_v2", "pd_op.trilinear_interp",
    "5", "resize depth, height and width trilinearly (align_corners, align_mode)">;

// fluid 1.x's interpolation ops: the v2 ops' slots with one float `scale`
// for every spatial dim. Paddle 3 runs them through the v2 kernels (a
// positive scale resizes each dim by it and its inverse is the ratio);
// Paddle 3's PIR has no op they raise from.
class Pd_InterpV1Op<string paddleType, string summaryText>
    : Pd_PaddleOp<paddleType,
        (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$OutSize,
             Variadic<Pd_Tensor>:$SizeTensor, Optional<Pd_Tensor>:$Scale_),
        (ins Pd_STRING:$data_layout, Pd_INT:$out_d, Pd_INT:$out_h,
             Pd_INT:$out_w, Pd_FLOAT:$scale, Pd_STRING:$interp_method,
             Pd_BOOLEAN:$align_corners, Pd_INT:$align_mode),
        (outs Pd_Tensor:$Out), [AttrSizedOperandSegments]> {
  let shapeRule = [{ return interpolate(*this, resultTypes, {4}); }];
  let summary = summaryText;
}
def Pd_NearestInterpOp : Pd_InterpV1Op<"nearest_interp",
    "fluid's nearest resizing of height and width">;
def Pd_BilinearInterpOp : Pd_InterpV1Op<"bilinear_interp",
    "fluid's bilinear resizing of height and width">;

// X [N, C, H, W] sampled at Grid [N, OH, OW, 2] ((x, y) in [-1, 1]: the
// corner pixels' centres with align_corners, their outer edges without):
// Output [N, C, OH, OW], bilinear or nearest; a point outside the image
// reads 0 (padding_mode zeros), the nearest edge (border) or its mirror
// image (reflection). (A 5-D X samples volumes.)
def Pd_GridSamplerOp : Pd_PaddleOp<"grid_sampler",
    (ins Pd_Tensor:$X, Pd_Tensor:$Grid),
    (ins Pd_STRING:$mode, Pd_STRING:$padding_mode, Pd_BOOLEAN:$align_corners),
    (outs Pd_Tensor:$Output)> {
  let pirName = "pd_op.grid_sample";
  let pirOperands = ["X", "Grid"];
  let shapeRule = [{ return gridSample(*this, resultTypes); }];
  let summary = "X sampled at Grid's points (bilinear or nearest)";
}

// The sampling grid of an affine map Theta [N, 2, 3] (or [N, 3, 4] for
// volumes): for each output point of `output_shape` [N, C, H, W] (or
// [N, C, D, H, W], also given as a tensor) its normalized coordinates
// (x, y[, z], 1) in [-1, 1] times Theta's rows. Paddle declares the
// result's rank wrongly when the shape is a tensor: the computed one wins.
def Pd_AffineGridOp : Pd_PaddleOp<"affine_grid",
    (ins Pd_Tensor:$Theta, Optional<Pd_Tensor>:$OutputShape_),
    (ins Pd_INTS:$output_shape, Pd_BOOLEAN:$align_corners),
    (outs Pd_Tensor:$Output), [Pd_ComputedShapeWins]> {
  let pirName = "pd_op.affine_grid";
  let pirOperands = ["Theta", "=output_shape|OutputShape"];
  let shapeRule = [{ return affineGrid(*this, resultTypes); }];
  let summary = "the sampling grid [N, H, W, 2] of affine maps Theta";
}

#endif // PD_OPS_INTERPOLATION_TD

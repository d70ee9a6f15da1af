//===- Interpolation.td - resizing images ------------------*- tablegen -*-===//
//
// The v2 interpolation ops (paddle.nn.functional.interpolate): the output
// size from OutSize, the Scale tensor, the `scale` attribute or
// out_h/out_w, in that order of precedence.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_INTERPOLATION_TD
#define PD_OPS_INTERPOLATION_TD

include "pd/Dialect/PdBase.td"

class Pd_InterpOp<string paddleType, string pir, string summaryText>
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
  let shapeRule = [{ return interpolate(*this, resultTypes); }];
  let summary = summaryText;
}
def Pd_NearestInterpV2Op : Pd_InterpOp<"nearest_interp_v2", "pd_op.nearest_interp",
    "resize height and width to the nearest input pixel">;
def Pd_BilinearInterpV2Op : Pd_InterpOp<"bilinear_interp_v2", "pd_op.bilinear_interp",
    "resize height and width bilinearly (align_corners, align_mode as Paddle's)">;

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

#endif // PD_OPS_INTERPOLATION_TD

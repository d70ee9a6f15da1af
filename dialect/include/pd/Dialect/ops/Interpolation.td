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

#endif // PD_OPS_INTERPOLATION_TD

//===- Quantization.td - quantization-aware training's ops -*- tablegen -*-===//
//
// The ops PaddleSlim's quantization-aware training leaves in a model: each
// rounds a tensor to 2^(bit_length-1)-1 steps of its scale and back, so
// that the float model computes what the int8 one will. The scale is a
// recorded one (InScale) or the tensor's own abs max, per channel along
// quant_axis for weights. round_type 0 rounds ties to even, 1 away from
// zero. The other outputs update training's statistics.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_QUANTIZATION_TD
#define PD_OPS_QUANTIZATION_TD

include "pd/Dialect/PdBase.td"

def Pd_FakeQuantizeDequantizeMovingAverageAbsMaxOp
    : Pd_PaddleOp<"fake_quantize_dequantize_moving_average_abs_max",
    (ins Pd_Tensor:$X, Pd_Tensor:$InScale, Optional<Pd_Tensor>:$InAccum,
         Optional<Pd_Tensor>:$InState),
    (ins Pd_FLOAT:$moving_rate, Pd_INT:$bit_length, Pd_BOOLEAN:$is_test,
         Pd_INT:$round_type),
    (outs Pd_Tensor:$Out, Pd_Tensor:$OutScale, Optional<Pd_Tensor>:$OutState,
          Optional<Pd_Tensor>:$OutAccum),
    [AttrSizedOperandSegments, AttrSizedResultSegments]> {
  let pirName = "pd_op.fake_quantize_dequantize_moving_average_abs_max";
  let pirOperands = ["X", "InScale", "InAccum", "InState"];
  let pirInplace = ["OutScale=InScale", "OutState=InState", "OutAccum=InAccum"];
  let shapeRule = Pd_SameAsX;
  let summary = "X rounded to the steps of the recorded scale InScale";
}
def Pd_FakeQuantizeDequantizeAbsMaxOp
    : Pd_PaddleOp<"fake_quantize_dequantize_abs_max", (ins Pd_Tensor:$X),
    (ins Pd_INT:$bit_length, Pd_INT:$round_type),
    (outs Pd_Tensor:$Out, Pd_Tensor:$OutScale)> {
  let pirName = "pd_op.fake_quantize_dequantize_abs_max";
  let pirOperands = ["X"];
  let shapeRule = Pd_SameAsX;
  let summary = "X rounded to the steps of its own abs max";
}
def Pd_FakeChannelWiseQuantizeDequantizeAbsMaxOp
    : Pd_PaddleOp<"fake_channel_wise_quantize_dequantize_abs_max",
    (ins Pd_Tensor:$X), (ins Pd_INT:$bit_length, Pd_INT:$round_type,
                             Pd_INT:$quant_axis),
    (outs Pd_Tensor:$Out, Pd_Tensor:$OutScale)> {
  let pirName = "pd_op.fake_channel_wise_quantize_dequantize_abs_max";
  let pirOperands = ["X"];
  let shapeRule = Pd_SameAsX;
  let summary = "X rounded per channel (quant_axis 0 or 1) to its abs max's steps";
}
// Records the abs max of X for the int8 model; X passes through. (Out is
// optional to Paddle, but a model without it computes nothing with it.)
def Pd_MovingAverageAbsMaxScaleOp
    : Pd_PaddleOp<"moving_average_abs_max_scale",
    (ins Pd_Tensor:$X, Optional<Pd_Tensor>:$InAccum, Optional<Pd_Tensor>:$InState),
    (ins Pd_FLOAT:$moving_rate, Pd_BOOLEAN:$is_test),
    (outs Pd_Tensor:$Out, Pd_Tensor:$OutScale,
          Optional<Pd_Tensor>:$OutState, Optional<Pd_Tensor>:$OutAccum),
    [AttrSizedOperandSegments, AttrSizedResultSegments]> {
  let pirName = "pd_op.moving_average_abs_max_scale";
  let pirOperands = ["X", "InAccum", "InState"];
  let pirInplace = ["OutState=InState", "OutAccum=InAccum"];
  let shapeRule = Pd_SameAsX;
  let summary = "X, recording its abs max (training)";
}

// The ONNX-style pair a converted QAT model carries (paddle.quantization's
// convert, PaddleSlim's onnx_format): quantize_linear rounds X to integer
// steps of Scale (per tensor, or per channel along quant_axis 0 or 1) and
// keeps them as floats; dequantize_linear scales them back. Paddle's CPU
// kernels ignore ZeroPoint. Paddle 3 adds qmin and qmax (the steps; Paddle
// 2.6 has them from bit_length).
class Pd_LinearQuantizationOp<string paddleType, string summaryText>
    : Pd_PaddleOp<paddleType,
    (ins Pd_Tensor:$X, Pd_Tensor:$Scale, Pd_Tensor:$ZeroPoint,
         Optional<Pd_Tensor>:$InAccum, Optional<Pd_Tensor>:$InState),
    (ins Pd_INT:$quant_axis, Pd_INT:$bit_length, Pd_INT:$qmin, Pd_INT:$qmax,
         Pd_INT:$round_type, Pd_BOOLEAN:$is_test, Pd_BOOLEAN:$only_observer),
    (outs Pd_Tensor:$Y, Optional<Pd_Tensor>:$OutState,
          Optional<Pd_Tensor>:$OutAccum, Optional<Pd_Tensor>:$OutScale),
    [AttrSizedOperandSegments, AttrSizedResultSegments]> {
  let pirName = "pd_op." # paddleType;
  let pirOperands = ["X", "Scale", "ZeroPoint", "InAccum", "InState"];
  let shapeRule = Pd_SameAsX;
  let summary = summaryText;
}
def Pd_QuantizeLinearOp : Pd_LinearQuantizationOp<"quantize_linear",
    "X rounded to integer steps of Scale, as floats">;
def Pd_DequantizeLinearOp : Pd_LinearQuantizationOp<"dequantize_linear",
    "X's integer steps scaled back by Scale">;

#endif // PD_OPS_QUANTIZATION_TD

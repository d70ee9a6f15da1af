//===- Activation.td - activations and unary math ----------*- tablegen -*-===//
//
// Element-wise functions of one tensor, softmax, scale and dropout.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_ACTIVATION_TD
#define PD_OPS_ACTIVATION_TD

include "pd/Dialect/PdBase.td"

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
def Pd_LogOp : Pd_MathOp<"log", "ln(x)">;
def Pd_FloorOp : Pd_MathOp<"floor", "the largest integer not above x">;
def Pd_CeilOp : Pd_MathOp<"ceil", "the smallest integer not below x">;
def Pd_SquareOp : Pd_MathOp<"square", "x * x">;
def Pd_ReciprocalOp : Pd_MathOp<"reciprocal", "1 / x">;
def Pd_RsqrtOp : Pd_MathOp<"rsqrt", "1 / sqrt(x)">;
def Pd_ErfOp : Pd_MathOp<"erf", "the error function">;
def Pd_SinOp : Pd_MathOp<"sin", "sin(x)">;
def Pd_CosOp : Pd_MathOp<"cos", "cos(x)">;
def Pd_AcosOp : Pd_MathOp<"acos", "arccos(x)">;
def Pd_AsinOp : Pd_MathOp<"asin", "arcsin(x)">;
def Pd_AtanOp : Pd_MathOp<"atan", "arctan(x)">;
def Pd_TanOp : Pd_MathOp<"tan", "tan(x)">;
def Pd_SinhOp : Pd_MathOp<"sinh", "sinh(x)">;
def Pd_CoshOp : Pd_MathOp<"cosh", "cosh(x)">;
def Pd_Expm1Op : Pd_MathOp<"expm1", "exp(x) - 1">;
def Pd_Log1pOp : Pd_MathOp<"log1p", "ln(1 + x)">;
def Pd_Log2Op : Pd_MathOp<"log2", "log2(x)">;
def Pd_Log10Op : Pd_MathOp<"log10", "log10(x)">;
def Pd_SignOp : Pd_MathOp<"sign", "1 where x > 0, -1 where x < 0, else 0">;
def Pd_LogSigmoidOp : Pd_MathOp<"logsigmoid", "ln(sigmoid(x))">;
def Pd_SoftsignOp : Pd_MathOp<"softsign", "x / (1 + |x|)">;
def Pd_TanhShrinkOp : Pd_MathOp<"tanh_shrink", "x - tanh(x)">;
// Paddle 2.x rounds halves away from zero, Paddle 3 to even (and has
// `decimals`); pd computes Paddle 3's.
def Pd_RoundOp : Pd_UnaryOp<"round", (ins Pd_INT:$decimals)> {
  let pirName = "pd_op.round";
  let pirOperands = ["X"];
  let summary = "x rounded to `decimals` places, halves to even";
}
def Pd_EluOp : Pd_UnaryOp<"elu", (ins Pd_FLOAT:$alpha)> {
  let pirName = "pd_op.elu";
  let pirOperands = ["X"];
  let summary = "x where x > 0, alpha * (exp(x) - 1) elsewhere";
}
def Pd_SeluOp : Pd_UnaryOp<"selu", (ins Pd_FLOAT:$scale, Pd_FLOAT:$alpha)> {
  let pirName = "pd_op.selu";
  let pirOperands = ["X"];
  let summary = "scale * elu(x) with its alpha";
}
def Pd_CeluOp : Pd_UnaryOp<"celu", (ins Pd_FLOAT:$alpha)> {
  let pirName = "pd_op.celu";
  let pirOperands = ["X"];
  let summary = "max(0, x) + min(0, alpha * (exp(x / alpha) - 1))";
}
def Pd_MishOp : Pd_UnaryOp<"mish", (ins Pd_FLOAT:$threshold)> {
  let pirName = "pd_op.mish";
  let pirOperands = ["X"];
  let pirAttrs = ["threshold=lambda"];
  let summary = "x * tanh(softplus(x)), softplus linear above threshold";
}
def Pd_HardShrinkOp : Pd_UnaryOp<"hard_shrink", (ins Pd_FLOAT:$threshold)> {
  let pirName = "pd_op.hardshrink";
  let pirOperands = ["X"];
  let summary = "x where |x| > threshold, else 0";
}
def Pd_SoftShrinkOp : Pd_UnaryOp<"softshrink", (ins Pd_FLOAT:$lambda)> {
  let pirName = "pd_op.softshrink";
  let pirOperands = ["X"];
  let pirAttrs = ["lambda=threshold"];
  let summary = "x - lambda above lambda, x + lambda below -lambda, else 0";
}
// fluid's bounded relu (Paddle2ONNX maps it; no 2.x API writes it).
def Pd_BReluOp : Pd_UnaryOp<"brelu", (ins Pd_FLOAT:$t_min, Pd_FLOAT:$t_max)> {
  let summary = "min(max(x, t_min), t_max) (0 and 24 by default)";
}
// Paddle 3 added `value` (the output at or below the threshold).
def Pd_ThresholdedReluOp : Pd_UnaryOp<"thresholded_relu",
    (ins Pd_FLOAT:$threshold, Pd_FLOAT:$value)> {
  let pirName = "pd_op.thresholded_relu";
  let pirOperands = ["X"];
  let summary = "x where x > threshold, else value (0)";
}
def Pd_PReluOp : Pd_PaddleOp<"prelu", (ins Pd_Tensor:$X, Pd_Tensor:$Alpha),
    (ins Pd_STRING:$mode, Pd_STRING:$data_format), (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.prelu";
  let pirOperands = ["X", "Alpha"];
  let shapeRule = Pd_SameAsX;
  let summary = "x where x > 0, alpha * x elsewhere (alpha: one, per channel or per element)";
}
def Pd_SoftplusOp : Pd_UnaryOp<"softplus", (ins Pd_FLOAT:$beta, Pd_FLOAT:$threshold)> {
  let pirName = "pd_op.softplus";
  let pirOperands = ["X"];
  let summary = "log(1 + exp(beta x)) / beta, x where beta x > threshold";
}
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
def Pd_LogSoftmaxOp : Pd_UnaryOp<"log_softmax", (ins Pd_INT:$axis)> {
  let pirName = "pd_op.log_softmax";
  let pirOperands = ["X"];
  let summary = "x - max - ln(sum(exp(x - max))) along `axis`";
}
// A loss that training programs fetch (inference programs prune it):
// Softmax along `axis` (Logits themselves without `use_softmax`), and Loss
// with size 1 at `axis`: minus the log of the label's probability (hard
// labels; `ignore_index` gives 0), or the label-weighted sum of the logs
// (soft labels).
def Pd_SoftmaxWithCrossEntropyOp : Pd_PaddleOp<"softmax_with_cross_entropy",
    (ins Pd_Tensor:$Logits, Pd_Tensor:$Label),
    (ins Pd_BOOLEAN:$soft_label, Pd_BOOLEAN:$use_softmax,
         Pd_BOOLEAN:$numeric_stable_mode, Pd_INT:$ignore_index, Pd_INT:$axis),
    (outs Pd_Tensor:$Softmax, Pd_Tensor:$Loss)> {
  let pirName = "pd_op.cross_entropy_with_softmax";
  let pirOperands = ["Logits", "Label"];
  let shapeRule = [{ return softmaxWithCrossEntropy(*this, resultTypes); }];
  let summary = "softmax, then the cross entropy with hard or soft labels";
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

#endif // PD_OPS_ACTIVATION_TD

//===- Recurrent.td - recurrent networks -------------------*- tablegen -*-===//
//
// rnn: the op of paddle.nn.LSTM, GRU and SimpleRNN (cuDNN's layout of
// weights, on every device).
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_RECURRENT_TD
#define PD_OPS_RECURRENT_TD

include "pd/Dialect/PdBase.td"

// Input is time-major [T, N, input_size]. WeightList holds, for each layer
// and direction (forward first), weight_ih [G*H, in] and weight_hh [G*H, H],
// then all the biases in the same order (bias_ih, bias_hh), with G gates
// (LSTM 4: i f g o; GRU 3: r z c; RNN_TANH/RNN_RELU 1). PreState is h0 (and
// c0 for LSTM), each [layers*directions, N, H]. Out is [T, N, directions*H];
// State the last h (and c). SequenceLength [N] masks the steps past each
// sequence's end. PIR's dropout_state_in is the variable DropoutState
// updates in place: nothing an inference reads.
def Pd_RnnOp : Pd_PaddleOp<"rnn",
    (ins Pd_Tensor:$Input, Variadic<Pd_Tensor>:$PreState,
         Variadic<Pd_Tensor>:$WeightList, Optional<Pd_Tensor>:$SequenceLength),
    (ins Pd_FLOAT:$dropout_prob, Pd_BOOLEAN:$is_bidirec, Pd_INT:$input_size,
         Pd_INT:$hidden_size, Pd_INT:$num_layers, Pd_STRING:$mode,
         Pd_INT:$seed, Pd_BOOLEAN:$is_test),
    (outs Pd_Tensor:$Out, Optional<Pd_Tensor>:$DropoutState,
          Variadic<Pd_Tensor>:$State, Optional<Pd_Tensor>:$Reserve),
    [AttrSizedOperandSegments, AttrSizedResultSegments]> {
  let pirName = "pd_op.rnn";
  let pirOperands = ["Input", "PreState", "WeightList", "SequenceLength", "-"];
  let shapeRule = [{
    return rnn(*this, getInput(), getPreState(), getWeightList(),
               getODSResultIndexAndLength(2), resultTypes);
  }];
  let summary = "multi-layer, maybe bidirectional LSTM, GRU or simple RNN";
}

#endif // PD_OPS_RECURRENT_TD

// RUN: pd-opt %s --pd-prune=fetch=g -verify-diagnostics

// A fetch target computed by a backward op cannot be an inference output.
func.func @grad(%x: tensor<4xf32> {pd.name = "x"}) {
  // expected-error@+1 {{a fetch target depends on the training op 'relu_grad'}}
  %g = "pd.generic"(%x) <{type = "relu_grad", inputs = ["Out@GRAD"], input_sizes = array<i32: 1>,
      outputs = ["X@GRAD"], output_sizes = array<i32: 1>, attrs = {}}> {pd.names = ["g"]}
      : (tensor<4xf32>) -> tensor<4xf32>
  return
}

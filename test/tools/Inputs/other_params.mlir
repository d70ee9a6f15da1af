// Parameters of a model that does not match examples/fit_a_line.mlir:
// fc_0.w_0 has another shape, fc_0.b_0 is absent, fc_9.w_0 is extra.
module {
  pd.parameter @fc_0.w_0 : tensor<13x2xf32> = dense<0.5> : tensor<13x2xf32>
  pd.parameter @fc_9.w_0 : tensor<1xf32> = dense<1.0> : tensor<1xf32>
}

// fit_a_line: the fluid book's linear regression, y = x W + b over the 13
// features of the UCI housing data, written directly in the pd dialect.
//
//   pd-export examples/fit_a_line.mlir --emit=pdmodel -o fit_a_line
//
// writes fit_a_line.pdmodel + fit_a_line.pdiparams, which
// paddle.static.load_inference_model reads. Variables that no `pd.vars`
// table declares get their VarDesc from the IR types.
module attributes {pd.version = 2005001 : i64} {
  pd.parameter @fc_0.b_0 : tensor<1xf32> = dense<22.53> : tensor<1xf32>
  pd.parameter @fc_0.w_0 : tensor<13x1xf32> = dense<[
      [-0.93], [1.08], [0.14], [0.68], [-2.06], [2.67], [0.02],
      [-3.10], [2.66], [-2.08], [-2.06], [0.86], [-3.75]]> : tensor<13x1xf32>

  func.func @forward(%feed: tensor<?x13xf32> {pd.name = "x"})
      -> (tensor<?x1xf32> {pd.name = "fc_0.tmp_1"}) {
    %w = pd.get_parameter @fc_0.w_0 : tensor<13x1xf32>
    %b = pd.get_parameter @fc_0.b_0 : tensor<1xf32>
    %x = pd.feed %feed {col = 0 : i32, pd.names = ["x"]}
        : (tensor<?x13xf32>) -> tensor<?x13xf32>
    %xw = pd.mul %x, %w {x_num_col_dims = 1 : i32, y_num_col_dims = 1 : i32,
                         pd.names = ["fc_0.tmp_0"]}
        : (tensor<?x13xf32>, tensor<13x1xf32>) -> tensor<?x1xf32>
    %y = pd.elementwise_add %xw, %b {axis = 1 : i32, pd.names = ["fc_0.tmp_1"]}
        : (tensor<?x1xf32>, tensor<1xf32>) -> tensor<?x1xf32>
    %fetch = pd.fetch %y {col = 0 : i32, pd.names = ["fetch"]}
        : (tensor<?x1xf32>) -> tensor<?x1xf32>
    return %fetch : tensor<?x1xf32>
  }
}

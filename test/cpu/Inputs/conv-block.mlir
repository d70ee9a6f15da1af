// A 3x3 convolution with a relu, then a 1x1 convolution, NCHW at the edges,
// any batch. Weights are splats: these tests look at the code, not values.
module attributes {pd.version = 2005001 : i64} {
  pd.parameter @w3 : tensor<16x16x3x3xf32> = dense<0.01> : tensor<16x16x3x3xf32>
  pd.parameter @w1 : tensor<32x16x1x1xf32> = dense<0.02> : tensor<32x16x1x1xf32>
  func.func @forward(%feed: tensor<?x16x12x12xf32> {pd.name = "x"})
      -> (tensor<?x32x12x12xf32> {pd.name = "y"}) {
    %w3 = pd.get_parameter @w3 : tensor<16x16x3x3xf32>
    %w1 = pd.get_parameter @w1 : tensor<32x16x1x1xf32>
    %x = pd.feed %feed {col = 0 : i32, pd.names = ["x"]}
        : (tensor<?x16x12x12xf32>) -> tensor<?x16x12x12xf32>
    %c = pd.conv2d %x, %w3 {paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]}
        : (tensor<?x16x12x12xf32>, tensor<16x16x3x3xf32>) -> tensor<?x16x12x12xf32>
    %r = pd.relu %c {pd.names = ["r"]} : (tensor<?x16x12x12xf32>) -> tensor<?x16x12x12xf32>
    %y = pd.conv2d %r, %w1 {operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["y"]}
        : (tensor<?x16x12x12xf32>, tensor<32x16x1x1xf32>) -> tensor<?x32x12x12xf32>
    %fetch = pd.fetch %y {col = 0 : i32, pd.names = ["fetch"]}
        : (tensor<?x32x12x12xf32>) -> tensor<?x32x12x12xf32>
    return %fetch : tensor<?x32x12x12xf32>
  }
}

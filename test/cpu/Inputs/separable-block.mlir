// A depthwise 3x3 convolution (stride 2) with a relu6, then a 1x1
// convolution, NCHW at the edges, any batch: MobileNet's separable block.
// Weights are splats: these tests look at the code, not values.
module attributes {pd.version = 2005001 : i64} {
  pd.parameter @wd : tensor<16x1x3x3xf32> = dense<0.01> : tensor<16x1x3x3xf32>
  pd.parameter @w1 : tensor<32x16x1x1xf32> = dense<0.02> : tensor<32x16x1x1xf32>
  func.func @forward(%feed: tensor<?x16x12x12xf32> {pd.name = "x"})
      -> (tensor<?x32x6x6xf32> {pd.name = "y"}) {
    %wd = pd.get_parameter @wd : tensor<16x1x3x3xf32>
    %w1 = pd.get_parameter @w1 : tensor<32x16x1x1xf32>
    %x = pd.feed %feed {col = 0 : i32, pd.names = ["x"]}
        : (tensor<?x16x12x12xf32>) -> tensor<?x16x12x12xf32>
    %d = pd.depthwise_conv2d %x, %wd {groups = 16 : i32, paddings = array<i32: 1, 1>, strides = array<i32: 2, 2>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["d"]}
        : (tensor<?x16x12x12xf32>, tensor<16x1x3x3xf32>) -> tensor<?x16x6x6xf32>
    %r = pd.relu6 %d {pd.names = ["r"]} : (tensor<?x16x6x6xf32>) -> tensor<?x16x6x6xf32>
    %y = pd.conv2d %r, %w1 {operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["y"]}
        : (tensor<?x16x6x6xf32>, tensor<32x16x1x1xf32>) -> tensor<?x32x6x6xf32>
    %fetch = pd.fetch %y {col = 0 : i32, pd.names = ["fetch"]}
        : (tensor<?x32x6x6xf32>) -> tensor<?x32x6x6xf32>
    return %fetch : tensor<?x32x6x6xf32>
  }
}

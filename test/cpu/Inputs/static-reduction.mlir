// Two sums of all of x into one static shape (a scalar): their
// accumulators start from the same constant fill.
func.func @forward(%x: tensor<?x3xf32> {pd.name = "x"}) -> (tensor<f32>, tensor<f32>) {
  %y = pd.reduce_sum %x {reduce_all = true, pd.names = ["y"]} : (tensor<?x3xf32>) -> tensor<f32>
  %x2 = pd.scale %x {scale = 2.0 : f32, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["x2"]} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %z = pd.reduce_sum %x2 {reduce_all = true, pd.names = ["z"]} : (tensor<?x3xf32>) -> tensor<f32>
  %f = pd.fetch %y {col = 0 : i32, pd.names = ["fetch"]} : (tensor<f32>) -> tensor<f32>
  %g = pd.fetch %z {col = 1 : i32, pd.names = ["fetch"]} : (tensor<f32>) -> tensor<f32>
  return %f, %g : tensor<f32>, tensor<f32>
}

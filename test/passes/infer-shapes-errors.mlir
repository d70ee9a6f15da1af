// RUN: pd-opt %s -split-input-file --pd-infer-shapes -verify-diagnostics

// A program whose declared shapes contradict its ops.
func.func @declared(%x: tensor<?x8xf32> {pd.name = "x"}, %w: tensor<8x3xf32>) {
  // expected-error@+1 {{shape mismatch: the program declares 'tensor<?x4xf32>' for 'y' but the op computes 'tensor<?x3xf32>'}}
  %y = pd.matmul_v2 %x, %w {pd.names = ["y"]} : (tensor<?x8xf32>, tensor<8x3xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func @contradiction(%x: tensor<?x8xf32> {pd.name = "x"}, %w: tensor<6x3xf32>) {
  // expected-error@+1 {{inner dims differ: 'tensor<?x8xf32>' and 'tensor<6x3xf32>'}}
  %y = pd.matmul_v2 %x, %w {pd.names = ["y"]} : (tensor<?x8xf32>, tensor<6x3xf32>) -> tensor<?x3xf32>
  return
}

// -----

func.func @reshape(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{cannot reshape 'tensor<2x6xf32>' (12 elements) to 10 elements}}
  %y:2 = pd.reshape2 %x {shape = array<i32: 2, 5>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["y", "yx"]}
      : (tensor<2x6xf32>) -> (tensor<2x5xf32>, tensor<0x2x6xf32>)
  return
}

// -----

// A window that cannot fit any input, and attributes that are not sizes.
func.func @conv_too_big(%x: tensor<1x1x2x2xf32> {pd.name = "x"}, %f: tensor<1x1x3x3xf32>) {
  // expected-error@+1 {{the filter is larger than the padded input 'tensor<1x1x2x2xf32>' (or a stride, dilation or padding is not a size)}}
  %y = pd.conv2d %x, %f {strides = array<i32: 1, 1>, paddings = array<i32: 0, 0>, dilations = array<i32: 1, 1>, groups = 1 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["y"]}
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x?x?xf32>
  return
}

// -----

func.func @pool_zero_stride(%x: tensor<1x1x4x4xf32> {pd.name = "x"}) {
  // expected-error@+1 {{the window is larger than the padded input 'tensor<1x1x4x4xf32>' (or a stride or padding is not a size)}}
  %y = pd.pool2d %x {pooling_type = "max", ksize = array<i32: 2, 2>, strides = array<i32: 0, 0>,
      paddings = array<i32: 0, 0>, pd.names = ["y"]} : (tensor<1x1x4x4xf32>) -> tensor<1x1x?x?xf32>
  return
}

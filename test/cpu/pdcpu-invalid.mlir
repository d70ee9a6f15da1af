// RUN: pd-opt %s --split-input-file --verify-diagnostics

func.func @winograd_5x5(%x: tensor<1x8x8x16xf32>, %f: tensor<16x16x16xf32>, %o: tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32> {
  // expected-error @+1 {{computes Winograd's F(m x m, 3x3) for 3x3 filters at stride 1, undilated, only}}
  %r = pdcpu.conv2d %x, %f into %o {dilations = array<i64: 1, 1>, kernel_size = array<i64: 5, 5>, paddings = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, winograd_tile = 2 : i64} : tensor<1x8x8x16xf32>, tensor<16x16x16xf32>, tensor<1x4x4x16xf32> -> tensor<1x4x4x16xf32>
  return %r : tensor<1x4x4x16xf32>
}

// -----

func.func @winograd_strided(%x: tensor<1x8x8x16xf32>, %f: tensor<16x16x16xf32>, %o: tensor<1x3x3x16xf32>) -> tensor<1x3x3x16xf32> {
  // expected-error @+1 {{computes Winograd's F(m x m, 3x3) for 3x3 filters at stride 1, undilated, only}}
  %r = pdcpu.conv2d %x, %f into %o {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>, winograd_tile = 2 : i64} : tensor<1x8x8x16xf32>, tensor<16x16x16xf32>, tensor<1x3x3x16xf32> -> tensor<1x3x3x16xf32>
  return %r : tensor<1x3x3x16xf32>
}

// -----

func.func @winograd_tile_3(%x: tensor<1x8x8x16xf32>, %f: tensor<25x16x16xf32>, %o: tensor<1x6x6x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{computes Winograd's F(m x m, 3x3) for m = 2 or 4, not 3}}
  %r = pdcpu.conv2d %x, %f into %o {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, winograd_tile = 3 : i64} : tensor<1x8x8x16xf32>, tensor<25x16x16xf32>, tensor<1x6x6x16xf32> -> tensor<1x6x6x16xf32>
  return %r : tensor<1x6x6x16xf32>
}

// -----

func.func @pack_winograd_tile_6(%f: tensor<16x16x3x3xf32>, %p: tensor<64x16x16xf32>) -> tensor<64x16x16xf32> {
  // expected-error @+1 {{computes Winograd's F(m x m, 3x3) for m = 2 or 4, not 6}}
  %r = pdcpu.pack_conv %f into %p {winograd_tile = 6 : i64} : tensor<16x16x3x3xf32>, tensor<64x16x16xf32> -> tensor<64x16x16xf32>
  return %r : tensor<64x16x16xf32>
}

// -----

// A filter packed for F(2x2, 3x3) (16 panels) given to F(4x4, 3x3) (36).
func.func @winograd_tile_mismatch(%x: tensor<1x8x8x16xf32>, %f: tensor<16x16x16xf32>, %o: tensor<1x6x6x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{needs a filter packed for its Winograd tile: 36 panels, not 16}}
  %r = pdcpu.conv2d %x, %f into %o {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, winograd_tile = 4 : i64} : tensor<1x8x8x16xf32>, tensor<16x16x16xf32>, tensor<1x6x6x16xf32> -> tensor<1x6x6x16xf32>
  return %r : tensor<1x6x6x16xf32>
}

// -----

// A direct convolution's filter has one panel per 32 output channels.
func.func @direct_panels(%x: tensor<1x8x8x16xf32>, %f: tensor<2x144x32xf32>, %o: tensor<1x6x6x32xf32>) -> tensor<1x6x6x32xf32> {
  // expected-error @+1 {{needs a filter packed for a direct convolution: 1 panels, not 2}}
  %r = pdcpu.conv2d %x, %f into %o {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : tensor<1x8x8x16xf32>, tensor<2x144x32xf32>, tensor<1x6x6x32xf32> -> tensor<1x6x6x32xf32>
  return %r : tensor<1x6x6x32xf32>
}

// -----

func.func @channels_first_shape(%a: tensor<2x7x9x16xf32>, %b: tensor<1x16x32xf32>, %o: tensor<2x24x9x7xf32>) -> tensor<2x24x9x7xf32> {
  // expected-error @+1 {{with channels_first multiplies [images, pixels..., K] by a shared B into [images, N, pixels...]}}
  %r = pdcpu.gemm %a, %b into %o {channels_first} : tensor<2x7x9x16xf32>, tensor<1x16x32xf32>, tensor<2x24x9x7xf32> -> tensor<2x24x9x7xf32>
  return %r : tensor<2x24x9x7xf32>
}

// -----

func.func @channels_first_batched_b(%a: tensor<2x7x16xf32>, %b: tensor<2x1x16x32xf32>, %o: tensor<2x24x7xf32>) -> tensor<2x24x7xf32> {
  // expected-error @+1 {{with channels_first multiplies [images, pixels..., K] by a shared B into [images, N, pixels...]}}
  %r = pdcpu.gemm %a, %b into %o {channels_first} : tensor<2x7x16xf32>, tensor<2x1x16x32xf32>, tensor<2x24x7xf32> -> tensor<2x24x7xf32>
  return %r : tensor<2x24x7xf32>
}

// -----

func.func @conv_batch(%x: tensor<2x8x8x16xf32>, %f: tensor<1x144x16xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{needs the input's batch to be the output's}}
  %r = pdcpu.conv2d %x, %f into %o {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<2x8x8x16xf32>, tensor<1x144x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

// A dynamic size matches any: a batch the input leaves open verifies
// against an output's 1 (no diagnostic here).
func.func @conv_dynamic_batch(%x: tensor<?x8x8x16xf32>, %f: tensor<1x144x16xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  %r = pdcpu.conv2d %x, %f into %o {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<?x8x8x16xf32>, tensor<1x144x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

// A channels-first input's channels are dim 1: 3 x 3 taps of 16 channels
// are not the 72 rows of a filter packed for 8.
func.func @conv_channels_first(%x: tensor<1x16x8x8xf32>, %f: tensor<1x72x16xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{needs the input's channels (dim 1) to be the packed filter's}}
  %r = pdcpu.conv2d %x, %f into %o {channels_first_input, dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x16x8x8xf32>, tensor<1x72x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @conv_unpacked(%x: tensor<1x8x8x16xf32>, %f: tensor<16x16x3x3xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{takes a filter packed by pdcpu.pack_conv, [P, K, NR]}}
  %r = pdcpu.conv2d %x, %f into %o {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x8x8x16xf32>, tensor<16x16x3x3xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @depthwise_channels(%x: tensor<1x8x8x16xf32>, %f: tensor<3x3x16xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{needs the input's batch and channels (dim 1) to be the output's}}
  %r = pdcpu.depthwise_conv2d %x, %f into %o {channels_first_input, dilations = array<i64: 1, 1>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x8x8x16xf32>, tensor<3x3x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @softmax_shapes(%x: tensor<4x16xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{takes an input and an output of one shape, rank >= 1}}
  %r = pdcpu.row_softmax %x into %o : tensor<4x16xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

func.func @layer_norm_scale(%x: tensor<4x16xf32>, %g: tensor<8xf32>, %o: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{takes a scale and a bias of the last dim's size}}
  %r = pdcpu.row_layer_norm %x scale %g into %o {epsilon = 1.0e-5 : f32} : tensor<4x16xf32>, tensor<8xf32>, tensor<4x16xf32> -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

func.func @output_alloc_sizes(%n: index) -> memref<?x?xf32> {
  // expected-error @+1 {{takes one size per dynamic dim: 2, got 1}}
  %r = pdcpu.output_alloc(%n) {index = 0 : i64} : memref<?x?xf32>
  return %r : memref<?x?xf32>
}

// -----

func.func @output_alloc_layout() -> memref<4xf32, strided<[2]>> {
  // expected-error @+1 {{allocates a memref of the identity layout}}
  %r = pdcpu.output_alloc() {index = 0 : i64} : memref<4xf32, strided<[2]>>
  return %r : memref<4xf32, strided<[2]>>
}

// -----

func.func @output_alloc_index() -> memref<4xf32> {
  // expected-error @+1 {{names a result index, not -1}}
  %r = pdcpu.output_alloc() {index = -1 : i64} : memref<4xf32>
  return %r : memref<4xf32>
}

// -----

func.func @chain_words(%x: tensor<1x8x8x16xf32>, %f: tensor<3x3x16xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{takes 1 to 8 stages of 17 words}}
  %r = pdcpu.band_chain %x weights(%f) into %o {stages = array<i64: 1, 16, 3>} : tensor<1x8x8x16xf32>, tensor<3x3x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @chain_kind(%x: tensor<1x8x8x16xf32>, %f: tensor<3x3x16xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{stage 0 has kind 7}}
  %r = pdcpu.band_chain %x weights(%f) into %o {stages = array<i64: 7, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>} : tensor<1x8x8x16xf32>, tensor<3x3x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @chain_operands(%x: tensor<1x8x8x16xf32>, %f: tensor<3x3x16xf32>, %o: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{needs one weights operand per stage and the biases and residuals its stages name}}
  %r = pdcpu.band_chain %x weights(%f) into %o {stages = array<i64: 1, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0>} : tensor<1x8x8x16xf32>, tensor<3x3x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @chain_channels_first_depthwise(%x: tensor<1x8x8x16xf32>, %f: tensor<3x3x16xf32>, %o: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{writes channels-first from a 1x1 convolution only}}
  %r = pdcpu.band_chain %x weights(%f) into %o {channels_first_output, stages = array<i64: 1, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>} : tensor<1x8x8x16xf32>, tensor<3x3x16xf32>, tensor<1x16x8x8xf32> -> tensor<1x16x8x8xf32>
  return %r : tensor<1x16x8x8xf32>
}

// -----

func.func @chain_channels(%x: tensor<1x8x8x16xf32>, %f: tensor<3x3x16xf32>, %o: tensor<1x8x8x24xf32>) -> tensor<1x8x8x24xf32> {
  // expected-error @+1 {{writes 24 channels, its last stage makes 16}}
  %r = pdcpu.band_chain %x weights(%f) into %o {stages = array<i64: 1, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>} : tensor<1x8x8x16xf32>, tensor<3x3x16xf32>, tensor<1x8x8x24xf32> -> tensor<1x8x8x24xf32>
  return %r : tensor<1x8x8x24xf32>
}

// -----

func.func @pool_rank(%x: tensor<1x8x16xf32>, %o: tensor<1x4x16xf32>) -> tensor<1x4x16xf32> {
  // expected-error @+1 {{pools [N, H, W, C] into [N, OH, OW, C]}}
  %r = pdcpu.pool %x into %o {ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, paddings = array<i64: 1, 1, 1, 1>} : tensor<1x8x16xf32>, tensor<1x4x16xf32> -> tensor<1x4x16xf32>
  return %r : tensor<1x4x16xf32>
}

// -----

func.func @pool_attrs(%x: tensor<1x8x8x16xf32>, %o: tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32> {
  // expected-error @+1 {{takes 2 window sizes and strides and 4 paddings}}
  %r = pdcpu.pool %x into %o {ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, paddings = array<i64: 1, 1>} : tensor<1x8x8x16xf32>, tensor<1x4x4x16xf32> -> tensor<1x4x4x16xf32>
  return %r : tensor<1x4x4x16xf32>
}

// -----

func.func @pool_window(%x: tensor<1x8x8x16xf32>, %o: tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32> {
  // expected-error @+1 {{takes positive window sizes and strides and paddings of 0 or more}}
  %r = pdcpu.pool %x into %o {ksize = array<i64: 0, 3>, strides = array<i64: 2, 2>, paddings = array<i64: 1, 1, 1, 1>} : tensor<1x8x8x16xf32>, tensor<1x4x4x16xf32> -> tensor<1x4x4x16xf32>
  return %r : tensor<1x4x4x16xf32>
}

// -----

func.func @pool_channels(%x: tensor<1x8x8x16xf32>, %o: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  // expected-error @+1 {{needs the input's batch and channels to be the output's}}
  %r = pdcpu.pool %x into %o {ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, paddings = array<i64: 1, 1, 1, 1>} : tensor<1x8x8x16xf32>, tensor<1x4x4x8xf32> -> tensor<1x4x4x8xf32>
  return %r : tensor<1x4x4x8xf32>
}

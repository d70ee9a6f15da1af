// RUN: pd-opt %s --pd-cpu-form-kernels --split-input-file | FileCheck %s

// A matmul with a bias and a relu after it: one pdcpu.gemm, its epilogue
// carrying both; the weight is packed into panels of 32 columns (48 -> 2,
// zero-padded), which pd-cpu-hoist-load-time moves to load time.
// CHECK-LABEL: func.func @matmul
// CHECK:      %[[P:.*]] = pdcpu.pack_b %arg1 into %{{.*}} : tensor<64x48xf32>, tensor<2x64x32xf32>
// CHECK:      %[[G:.*]] = pdcpu.gemm %arg0, %[[P]] bias %arg2 into %{{.*}} {activation = 1 : i64} : tensor<?x64xf32>, tensor<2x64x32xf32>, tensor<48xf32>, tensor<?x48xf32> -> tensor<?x48xf32>
// CHECK-NEXT: return %[[G]]
// CHECK-NOT:  pd.
func.func @matmul(%x: tensor<?x64xf32> {pd.name = "x"}, %w: tensor<64x48xf32>, %b: tensor<48xf32>) -> tensor<?x48xf32> {
  %m = pd.matmul_v2 %x, %w {pd.names = ["m"]} : (tensor<?x64xf32>, tensor<64x48xf32>) -> tensor<?x48xf32>
  %a = pd.elementwise_add %m, %b {axis = -1 : i32, pd.names = ["a"]} : (tensor<?x48xf32>, tensor<48xf32>) -> tensor<?x48xf32>
  %r = pd.relu %a {pd.names = ["r"]} : (tensor<?x48xf32>) -> tensor<?x48xf32>
  return %r : tensor<?x48xf32>
}

// -----

// NHWC convolutions of any batch, height and width:
// - 3x3 at stride 1 with 16 channels in and out, on images of any size
//   (taken to be large): Winograd F(4x4, 3x3), its filter transformed into
//   36 panels; the residual add and the relu after it are its epilogue;
// - 1x1: the GEMM, every leading dim of the input a row;
// - depthwise: the depthwise kernel;
// - 3x3 at stride 2 (8 filters: one 16-wide panel): the direct kernel.
// CHECK-LABEL: func.func @conv
// CHECK:      %[[W:.*]] = pdcpu.pack_conv %arg1 into %{{.*}} {winograd_tile = 4 : i64} : tensor<16x16x3x3xf32>, tensor<36x16x16xf32>
// CHECK:      %[[C:.*]] = pdcpu.conv2d %arg0, %[[W]] residual %arg0 into %{{.*}} {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, post_activation = 1 : i64, strides = array<i64: 1, 1>, winograd_tile = 4 : i64}
// CHECK:      %[[F:.*]] = tensor.collapse_shape %arg2 {{\[}}[0], [1, 2, 3]] : tensor<32x16x1x1xf32> into tensor<32x16xf32>
// CHECK:      %[[B:.*]] = pdcpu.pack_b %[[F]] into %{{.*}} {transposed} : tensor<32x16xf32>, tensor<1x16x32xf32>
// CHECK:      %[[P:.*]] = pdcpu.gemm %arg0, %[[B]] into %{{.*}} : tensor<?x?x?x16xf32>, tensor<1x16x32xf32>, tensor<?x?x?x32xf32> -> tensor<?x?x?x32xf32>
// CHECK:      %[[DW:.*]] = pdcpu.pack_depthwise %arg3 into %{{.*}} : tensor<16x1x3x3xf32>, tensor<3x3x16xf32>
// CHECK:      %[[D:.*]] = pdcpu.depthwise_conv2d %arg0, %[[DW]] into %{{.*}} {dilations = array<i64: 1, 1>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
// CHECK:      %[[S:.*]] = pdcpu.pack_conv %arg4 into %{{.*}} : tensor<8x16x3x3xf32>, tensor<1x144x16xf32>
// CHECK:      %[[E:.*]] = pdcpu.conv2d %arg0, %[[S]] into %{{.*}} {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}
// CHECK:      return %[[C]], %[[P]], %[[D]], %[[E]]
// CHECK-NOT:  pd.
func.func @conv(%x: tensor<?x?x?x16xf32> {pd.name = "x"}, %w: tensor<16x16x3x3xf32>, %w1: tensor<32x16x1x1xf32>, %wd: tensor<16x1x3x3xf32>, %ws: tensor<8x16x3x3xf32>) -> (tensor<?x?x?x16xf32>, tensor<?x?x?x32xf32>, tensor<?x?x?x16xf32>, tensor<?x?x?x8xf32>) {
  %c = pd.conv2d %x, %w {data_format = "NHWC", paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]} : (tensor<?x?x?x16xf32>, tensor<16x16x3x3xf32>) -> tensor<?x?x?x16xf32>
  %s = pd.elementwise_add %c, %x {axis = -1 : i32, pd.names = ["s"]} : (tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  %r = pd.relu %s {pd.names = ["r"]} : (tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  %p = pd.conv2d %x, %w1 {data_format = "NHWC", operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["p"]} : (tensor<?x?x?x16xf32>, tensor<32x16x1x1xf32>) -> tensor<?x?x?x32xf32>
  %d = pd.depthwise_conv2d %x, %wd {data_format = "NHWC", groups = 16 : i32, strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["d"]} : (tensor<?x?x?x16xf32>, tensor<16x1x3x3xf32>) -> tensor<?x?x?x16xf32>
  %e = pd.conv2d %x, %ws {data_format = "NHWC", strides = array<i32: 2, 2>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["e"]} : (tensor<?x?x?x16xf32>, tensor<8x16x3x3xf32>) -> tensor<?x?x?x8xf32>
  return %r, %p, %d, %e : tensor<?x?x?x16xf32>, tensor<?x?x?x32xf32>, tensor<?x?x?x16xf32>, tensor<?x?x?x8xf32>
}

// -----

// Winograd's tile by the image's tiles: 28x28 (49 tiles of 4x4) takes
// F(4x4, 3x3); 14x14 (16 of 4x4, 49 of 2x2) F(2x2, 3x3), as does a 64 -> 64
// filter (256 KiB transformed) on a 7x7 image; a 7x7 image (16 tiles of
// 2x2) with a 512 -> 512 filter (16 MiB transformed) goes direct.
// CHECK-LABEL: func.func @winograd_reuse
// CHECK:      pdcpu.pack_conv %arg1 into %{{.*}} : tensor<512x512x3x3xf32>, tensor<16x4608x32xf32>
// CHECK:      pdcpu.conv2d %arg0, %{{.*}} into %{{.*}} {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x7x7x512xf32>
// CHECK:      pdcpu.pack_conv %arg1 into %{{.*}} {winograd_tile = 2 : i64} : tensor<512x512x3x3xf32>, tensor<256x512x32xf32>
// CHECK:      pdcpu.conv2d %arg2, %{{.*}} {{.*}}winograd_tile = 2 : i64} : tensor<1x14x14x512xf32>
// CHECK:      pdcpu.pack_conv %arg4 into %{{.*}} {winograd_tile = 2 : i64} : tensor<64x64x3x3xf32>, tensor<32x64x32xf32>
// CHECK:      pdcpu.conv2d %arg3, %{{.*}} {{.*}}winograd_tile = 2 : i64} : tensor<1x7x7x64xf32>
// CHECK:      pdcpu.pack_conv %arg4 into %{{.*}} {winograd_tile = 4 : i64} : tensor<64x64x3x3xf32>, tensor<72x64x32xf32>
// CHECK:      pdcpu.conv2d %arg5, %{{.*}} {{.*}}winograd_tile = 4 : i64} : tensor<1x28x28x64xf32>
func.func @winograd_reuse(%x: tensor<1x7x7x512xf32> {pd.name = "x"}, %w: tensor<512x512x3x3xf32>, %y: tensor<1x14x14x512xf32> {pd.name = "y"}, %z: tensor<1x7x7x64xf32> {pd.name = "z"}, %v: tensor<64x64x3x3xf32>, %u: tensor<1x28x28x64xf32> {pd.name = "u"}) -> (tensor<1x7x7x512xf32>, tensor<1x14x14x512xf32>, tensor<1x7x7x64xf32>, tensor<1x28x28x64xf32>) {
  %a = pd.conv2d %x, %w {data_format = "NHWC", paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["a"]} : (tensor<1x7x7x512xf32>, tensor<512x512x3x3xf32>) -> tensor<1x7x7x512xf32>
  %b = pd.conv2d %y, %w {data_format = "NHWC", paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["b"]} : (tensor<1x14x14x512xf32>, tensor<512x512x3x3xf32>) -> tensor<1x14x14x512xf32>
  %c = pd.conv2d %z, %v {data_format = "NHWC", paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]} : (tensor<1x7x7x64xf32>, tensor<64x64x3x3xf32>) -> tensor<1x7x7x64xf32>
  %d = pd.conv2d %u, %v {data_format = "NHWC", paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["d"]} : (tensor<1x28x28x64xf32>, tensor<64x64x3x3xf32>) -> tensor<1x28x28x64xf32>
  return %a, %b, %c, %d : tensor<1x7x7x512xf32>, tensor<1x14x14x512xf32>, tensor<1x7x7x64xf32>, tensor<1x28x28x64xf32>
}

// -----

// What the kernels do not take stays: an NCHW convolution (pd-channels-last
// moves convolutions to NHWC first) and a transposed left-hand side.
// CHECK-LABEL: func.func @left_alone
// CHECK: pd.conv2d
// CHECK: pd.matmul_v2
// CHECK-NOT: pdcpu.
func.func @left_alone(%x: tensor<1x4x8x8xf32> {pd.name = "x"}, %w: tensor<4x4x3x3xf32>, %a: tensor<8x4xf32>, %b: tensor<8x6xf32>) -> (tensor<1x4x6x6xf32>, tensor<4x6xf32>) {
  %c = pd.conv2d %x, %w {operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  %m = pd.matmul_v2 %a, %b {trans_x = true, pd.names = ["m"]} : (tensor<8x4xf32>, tensor<8x6xf32>) -> tensor<4x6xf32>
  return %c, %m : tensor<1x4x6x6xf32>, tensor<4x6xf32>
}

// -----

// The transpose back to NCHW after a 1x1 convolution (pd-channels-last's
// edge): the GEMM writes channels-first itself, its epilogue kept.
// CHECK-LABEL: func.func @nchw_output
// CHECK:     %[[G:.*]] = pdcpu.gemm %arg0, %{{.*}} bias %arg2 into %{{.*}} {activation = 1 : i64, channels_first} : tensor<?x7x9x16xf32>, tensor<1x16x32xf32>, tensor<24xf32>, tensor<?x24x7x9xf32> -> tensor<?x24x7x9xf32>
// CHECK-NOT: pd.transpose2
// CHECK:     return %[[G]]
func.func @nchw_output(%x: tensor<?x7x9x16xf32> {pd.name = "x"}, %w: tensor<24x16x1x1xf32>, %b: tensor<24xf32>) -> tensor<?x24x7x9xf32> {
  %c = pd.conv2d %x, %w {data_format = "NHWC", operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]} : (tensor<?x7x9x16xf32>, tensor<24x16x1x1xf32>) -> tensor<?x7x9x24xf32>
  %a = pd.elementwise_add %c, %b {axis = -1 : i32, pd.names = ["a"]} : (tensor<?x7x9x24xf32>, tensor<24xf32>) -> tensor<?x7x9x24xf32>
  %r = pd.relu %a {pd.names = ["r"]} : (tensor<?x7x9x24xf32>) -> tensor<?x7x9x24xf32>
  %t = pd.transpose2 %r {axis = array<i32: 0, 3, 1, 2>, pd.names = ["t"]} : (tensor<?x7x9x24xf32>) -> tensor<?x24x7x9xf32>
  return %t : tensor<?x24x7x9xf32>
}

// -----

// A depthwise convolution whose input is only a transpose to NHWC reads the
// NCHW tensor itself (the sizes the output's init takes come from it too);
// a [1, 1, 1, C] bias (a convolution's, made channels-last) is the
// epilogue's [C] bias.
// CHECK-LABEL: func.func @nchw_input
// CHECK-NOT:   pd.transpose2
// CHECK:       %[[B:.*]] = tensor.collapse_shape %arg2 {{\[}}[0, 1, 2, 3]] : tensor<1x1x1x16xf32> into tensor<16xf32>
// CHECK:       pdcpu.depthwise_conv2d %arg0, %{{.*}} bias %[[B]] into %{{.*}} {activation = 2 : i64, channels_first_input, {{.*}}} : tensor<?x16x?x?xf32>, tensor<3x3x16xf32>, tensor<16xf32>, tensor<?x?x?x16xf32>
func.func @nchw_input(%x: tensor<?x16x?x?xf32> {pd.name = "x"}, %w: tensor<16x1x3x3xf32>, %b: tensor<1x1x1x16xf32>) -> tensor<?x?x?x16xf32> {
  %t = pd.transpose2 %x {axis = array<i32: 0, 2, 3, 1>, pd.names = ["t"]} : (tensor<?x16x?x?xf32>) -> tensor<?x?x?x16xf32>
  %d = pd.depthwise_conv2d %t, %w {data_format = "NHWC", groups = 16 : i32, paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["d"]} : (tensor<?x?x?x16xf32>, tensor<16x1x3x3xf32>) -> tensor<?x?x?x16xf32>
  %a = pd.elementwise_add %d, %b {axis = -1 : i32, pd.names = ["a"]} : (tensor<?x?x?x16xf32>, tensor<1x1x1x16xf32>) -> tensor<?x?x?x16xf32>
  %r = pd.relu6 %a {pd.names = ["r"]} : (tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  return %r : tensor<?x?x?x16xf32>
}

// -----

// So does a convolution (the stem of a CNN): it makes the NCHW tensor
// channels-last in the padded copy it makes anyway.
// CHECK-LABEL: func.func @nchw_conv_input
// CHECK-NOT:   pd.transpose2
// CHECK:       pdcpu.conv2d %arg0, %{{.*}} into %{{.*}} {channels_first_input, dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x3x?x?xf32>, tensor<1x27x16xf32>, tensor<?x?x?x16xf32>
func.func @nchw_conv_input(%x: tensor<?x3x?x?xf32> {pd.name = "x"}, %w: tensor<16x3x3x3xf32>) -> tensor<?x?x?x16xf32> {
  %t = pd.transpose2 %x {axis = array<i32: 0, 2, 3, 1>, pd.names = ["t"]} : (tensor<?x3x?x?xf32>) -> tensor<?x?x?x3xf32>
  %c = pd.conv2d %t, %w {data_format = "NHWC", strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]} : (tensor<?x?x?x3xf32>, tensor<16x3x3x3xf32>) -> tensor<?x?x?x16xf32>
  return %c : tensor<?x?x?x16xf32>
}

// -----

// Not when the convolution's residual is the same NHWC tensor (x + conv(x)):
// the transpose stays for it, and the convolution reads its output.
// CHECK-LABEL: func.func @nchw_conv_input_and_residual
// CHECK:       %[[T:.*]] = pd.transpose2 %arg0
// CHECK:       pdcpu.conv2d %[[T]], %{{.*}} residual %[[T]] into %{{.*}} {dilations
// CHECK-NOT:   channels_first_input
func.func @nchw_conv_input_and_residual(%x: tensor<?x16x?x?xf32> {pd.name = "x"}, %w: tensor<16x16x3x3xf32>) -> tensor<?x?x?x16xf32> {
  %t = pd.transpose2 %x {axis = array<i32: 0, 2, 3, 1>, pd.names = ["t"]} : (tensor<?x16x?x?xf32>) -> tensor<?x?x?x16xf32>
  %c = pd.conv2d %t, %w {data_format = "NHWC", paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]} : (tensor<?x?x?x16xf32>, tensor<16x16x3x3xf32>) -> tensor<?x?x?x16xf32>
  %a = pd.elementwise_add %c, %t {axis = -1 : i32, pd.names = ["a"]} : (tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  return %a : tensor<?x?x?x16xf32>
}

// -----

// Softmax along the last dim and layer_norm over the last dim (mean and
// variance unused) run row by row on the threads; over other dims they stay.
// CHECK-LABEL: func.func @rows
// CHECK:       %[[S:.*]] = pdcpu.row_softmax %arg0 into %{{.*}} : tensor<?x4x16xf32>, tensor<?x4x16xf32>
// CHECK:       %[[L:.*]] = pdcpu.row_layer_norm %arg0 scale %arg1 bias %arg2 into %{{.*}} {epsilon = 9.99999974E-6 : f32}
// CHECK:       pd.softmax %arg0 {axis = 1 : i32
// CHECK:       pd.layer_norm %arg0, %arg1, %arg2 {begin_norm_axis = 1 : i32
func.func @rows(%x: tensor<?x4x16xf32> {pd.name = "x"}, %g: tensor<16xf32>, %b: tensor<16xf32>, %g2: tensor<64xf32>, %b2: tensor<64xf32>)
    -> (tensor<?x4x16xf32>, tensor<?x4x16xf32>, tensor<?x4x16xf32>, tensor<?x4x16xf32>) {
  %s = pd.softmax %x {axis = -1 : i32, pd.names = ["s"]} : (tensor<?x4x16xf32>) -> tensor<?x4x16xf32>
  %l:3 = pd.layer_norm %x, %g, %b {begin_norm_axis = 2 : i32, epsilon = 1.0e-5 : f32, operandSegmentSizes = array<i32: 1, 1, 1>, resultSegmentSizes = array<i32: 1, 1, 1>, pd.names = ["l", "m", "v"]}
      : (tensor<?x4x16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<?x4x16xf32>, tensor<?x4xf32>, tensor<?x4xf32>)
  %s1 = pd.softmax %x {axis = 1 : i32, pd.names = ["s1"]} : (tensor<?x4x16xf32>) -> tensor<?x4x16xf32>
  %l1:3 = pd.layer_norm %x, %g, %b {begin_norm_axis = 1 : i32, epsilon = 1.0e-5 : f32, operandSegmentSizes = array<i32: 1, 1, 1>, resultSegmentSizes = array<i32: 1, 1, 1>, pd.names = ["l1", "m1", "v1"]}
      : (tensor<?x4x16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<?x4x16xf32>, tensor<?xf32>, tensor<?xf32>)
  return %s, %l#0, %s1, %l1#0 : tensor<?x4x16xf32>, tensor<?x4x16xf32>, tensor<?x4x16xf32>, tensor<?x4x16xf32>
}

// -----

// Pooling of NHWC images of any size runs on the threads through the
// kernel, its output size computed from the input's: max over 3x3 windows
// at stride 2, padding 1 (resnet's), average (exclusive by default, or
// not), and the global average of squeeze-excitation blocks (adaptive to
// 1 x 1: the window is the image, [N, 1, 1, C]). Ceil-mode, NCHW, other
// adaptive pooling and channel counts not a multiple of 8 (LeNet's 6: the
// kernel would pool them one by one) stay for the generic lowering.
// CHECK-LABEL: func.func @pool
// CHECK:       %[[H:.*]] = tensor.dim %arg0, %c1
// CHECK:       %[[HP:.*]] = arith.addi %[[H]], %c-1
// CHECK:       %[[HQ:.*]] = arith.divsi %[[HP]], %c2
// CHECK:       %[[OH:.*]] = arith.addi %[[HQ]], %c1
// CHECK:       pdcpu.pool %arg0 into %{{.*}} {ksize = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>
// CHECK:       pdcpu.pool %arg0 into %{{.*}} {average, exclusive, ksize = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
// CHECK:       pdcpu.pool %arg0 into %{{.*}} {average, ksize = array<i64: 2, 2>, paddings = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}
// CHECK:       pdcpu.pool %arg0 into %{{.*}} {average, exclusive, global, ksize = array<i64: 1, 1>, paddings = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : tensor<?x?x?x16xf32>, tensor<?x1x1x16xf32>
// CHECK:       pd.pool2d %arg0 {{.*}}ceil_mode = true
// CHECK:       pd.pool2d %arg0 {{.*}}adaptive = true, {{.*}}ksize = array<i32: 2, 2>
// CHECK:       pd.pool2d %arg1 {{.*}}data_format = "NCHW"
// CHECK:       pd.pool2d %arg2 {{.*}}data_format = "NHWC"
func.func @pool(%x: tensor<?x?x?x16xf32> {pd.name = "x"}, %y: tensor<?x16x?x?xf32> {pd.name = "y"}, %z: tensor<?x28x28x6xf32> {pd.name = "z"})
    -> (tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>, tensor<?x1x1x16xf32>, tensor<?x?x?x16xf32>, tensor<?x2x2x16xf32>, tensor<?x16x?x?xf32>, tensor<?x14x14x6xf32>) {
  %m = pd.pool2d %x {pooling_type = "max", ksize = array<i32: 3, 3>, strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, data_format = "NHWC", pd.names = ["m"]} : (tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  %a = pd.pool2d %x {pooling_type = "avg", ksize = array<i32: 3, 3>, strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, data_format = "NHWC", pd.names = ["a"]} : (tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  %e = pd.pool2d %x {pooling_type = "avg", ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, exclusive = false, data_format = "NHWC", pd.names = ["e"]} : (tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  %g = pd.pool2d %x {pooling_type = "avg", ksize = array<i32: 1, 1>, adaptive = true, data_format = "NHWC", pd.names = ["g"]} : (tensor<?x?x?x16xf32>) -> tensor<?x1x1x16xf32>
  %c = pd.pool2d %x {pooling_type = "max", ksize = array<i32: 3, 3>, strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, ceil_mode = true, data_format = "NHWC", pd.names = ["c"]} : (tensor<?x?x?x16xf32>) -> tensor<?x?x?x16xf32>
  %d = pd.pool2d %x {pooling_type = "avg", ksize = array<i32: 2, 2>, adaptive = true, data_format = "NHWC", pd.names = ["d"]} : (tensor<?x?x?x16xf32>) -> tensor<?x2x2x16xf32>
  %n = pd.pool2d %y {pooling_type = "max", ksize = array<i32: 3, 3>, strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, data_format = "NCHW", pd.names = ["n"]} : (tensor<?x16x?x?xf32>) -> tensor<?x16x?x?xf32>
  %l = pd.pool2d %z {pooling_type = "max", ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, data_format = "NHWC", pd.names = ["l"]} : (tensor<?x28x28x6xf32>) -> tensor<?x14x14x6xf32>
  return %m, %a, %e, %g, %c, %d, %n, %l : tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>, tensor<?x?x?x16xf32>, tensor<?x1x1x16xf32>, tensor<?x?x?x16xf32>, tensor<?x2x2x16xf32>, tensor<?x16x?x?xf32>, tensor<?x14x14x6xf32>
}

// -----

// A one-channel image between NCHW and NHWC moves no element: a reshape.
// CHECK-LABEL: func.func @one_channel
// CHECK-NOT:   pd.transpose2
// CHECK:       %[[C:.*]] = tensor.collapse_shape %arg0 {{\[}}[0], [1, 2], [3]] : tensor<?x1x?x?xf32> into tensor<?x?x?xf32>
// CHECK:       tensor.expand_shape %[[C]] {{\[}}[0], [1], [2, 3]] output_shape [%{{.*}}, %{{.*}}, %{{.*}}, 1] : tensor<?x?x?xf32> into tensor<?x?x?x1xf32>
func.func @one_channel(%x: tensor<?x1x?x?xf32> {pd.name = "x"}) -> tensor<?x?x?x1xf32> {
  %t = pd.transpose2 %x {axis = array<i32: 0, 2, 3, 1>, pd.names = ["t"]} : (tensor<?x1x?x?xf32>) -> tensor<?x?x?x1xf32>
  return %t : tensor<?x?x?x1xf32>
}

// RUN: pd-opt %s --pd-cpu-form-band-chains --split-input-file | FileCheck %s

// mobilenet_block's four kernels: NCHW in, depthwise 3x3 -> 1x1 -> depthwise
// 3x3 stride 2 -> 1x1 written NCHW. One chain; its stage words follow
// ArtifactAbi.h (kind, channels, kernel, strides, paddings, dilations, then
// 1 where the stage has weights / bias / residual, then the activations).
// The sizes asked of an intermediate are asked of its output buffer (and
// fold to the batch size).
// CHECK-LABEL: func.func @mobilenet
// CHECK:      %[[N:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x16x8x8xf32>
// CHECK-NOT:  tensor.dim
// CHECK:      %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x48x4x4xf32>
// CHECK:      %[[C:.*]] = pdcpu.band_chain %arg0 weights(%arg1, %arg2, %arg3, %arg4) biases(%arg5, %arg6) into %[[E]] {channels_first_input, channels_first_output, stages = array<i64:
// CHECK-SAME:   1, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 2, 0,
// CHECK-SAME:   0, 32, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 2, 0,
// CHECK-SAME:   1, 32, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0,
// CHECK-SAME:   0, 48, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0>}
// CHECK-SAME:   -> tensor<?x48x4x4xf32>
// CHECK-NOT:  pdcpu.gemm
// CHECK-NOT:  pdcpu.depthwise_conv2d
// CHECK:      return %[[C]]
func.func @mobilenet(%x: tensor<?x16x8x8xf32>, %f0: tensor<3x3x16xf32>, %b1: tensor<1x16x32xf32>, %f2: tensor<3x3x32xf32>, %b3: tensor<2x32x32xf32>, %bias0: tensor<16xf32>, %bias1: tensor<32xf32>) -> tensor<?x48x4x4xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x16x8x8xf32>
  %e0 = tensor.empty(%n) : tensor<?x8x8x16xf32>
  %d0 = pdcpu.depthwise_conv2d %x, %f0 bias %bias0 into %e0 {activation = 2 : i64, channels_first_input, dilations = array<i64: 1, 1>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<?x16x8x8xf32>, tensor<3x3x16xf32>, tensor<16xf32>, tensor<?x8x8x16xf32> -> tensor<?x8x8x16xf32>
  %n1 = tensor.dim %d0, %c0 : tensor<?x8x8x16xf32>
  %e1 = tensor.empty(%n1) : tensor<?x8x8x32xf32>
  %p1 = pdcpu.gemm %d0, %b1 bias %bias1 into %e1 {activation = 2 : i64} : tensor<?x8x8x16xf32>, tensor<1x16x32xf32>, tensor<32xf32>, tensor<?x8x8x32xf32> -> tensor<?x8x8x32xf32>
  %e2 = tensor.empty(%n) : tensor<?x4x4x32xf32>
  %d2 = pdcpu.depthwise_conv2d %p1, %f2 into %e2 {dilations = array<i64: 1, 1>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<?x8x8x32xf32>, tensor<3x3x32xf32>, tensor<?x4x4x32xf32> -> tensor<?x4x4x32xf32>
  %e3 = tensor.empty(%n) : tensor<?x48x4x4xf32>
  %p3 = pdcpu.gemm %d2, %b3 into %e3 {activation = 1 : i64, channels_first} : tensor<?x4x4x32xf32>, tensor<2x32x32xf32>, tensor<?x48x4x4xf32> -> tensor<?x48x4x4xf32>
  return %p3 : tensor<?x48x4x4xf32>
}

// -----

// An intermediate something else reads stays whole: the chain starts
// after it. A residual goes with its stage.
// CHECK-LABEL: func.func @shared
// CHECK:      %[[P:.*]] = pdcpu.gemm %arg0, %arg1 into
// CHECK:      tensor.empty() : tensor<1x5x5x32xf32>
// CHECK-NEXT: %[[R:.*]] = tensor.empty() : tensor<1x5x5x32xf32>
// CHECK-NEXT: %[[C:.*]] = pdcpu.band_chain %[[P]] weights(%arg2, %arg3) residuals(%[[R]]) into %{{.*}} {stages = array<i64:
// CHECK-SAME:   1, 32, 5, 5, 2, 2, 2, 2, 2, 2, 1, 1, 1, 0, 0, 1, 0,
// CHECK-SAME:   0, 32, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0>}
// CHECK:      return %[[P]], %[[C]]
func.func @shared(%x: tensor<1x9x9x16xf32>, %b0: tensor<1x16x32xf32>, %f1: tensor<5x5x32xf32>, %b2: tensor<1x32x32xf32>) -> (tensor<1x9x9x32xf32>, tensor<1x5x5x32xf32>) {
  %e0 = tensor.empty() : tensor<1x9x9x32xf32>
  %p0 = pdcpu.gemm %x, %b0 into %e0 : tensor<1x9x9x16xf32>, tensor<1x16x32xf32>, tensor<1x9x9x32xf32> -> tensor<1x9x9x32xf32>
  %e1 = tensor.empty() : tensor<1x5x5x32xf32>
  %d1 = pdcpu.depthwise_conv2d %p0, %f1 into %e1 {activation = 1 : i64, dilations = array<i64: 1, 1>, paddings = array<i64: 2, 2, 2, 2>, strides = array<i64: 2, 2>} : tensor<1x9x9x32xf32>, tensor<5x5x32xf32>, tensor<1x5x5x32xf32> -> tensor<1x5x5x32xf32>
  %e2 = tensor.empty() : tensor<1x5x5x32xf32>
  %r = tensor.empty() : tensor<1x5x5x32xf32>
  %p2 = pdcpu.gemm %d1, %b2 residual %r into %e2 : tensor<1x5x5x32xf32>, tensor<1x32x32xf32>, tensor<1x5x5x32xf32>, tensor<1x5x5x32xf32> -> tensor<1x5x5x32xf32>
  return %p0, %p2 : tensor<1x9x9x32xf32>, tensor<1x5x5x32xf32>
}

// -----

// What a chain cannot take breaks it: a full convolution between two
// depthwise ones (the second then starts a chain, which may end in a
// channels-first write), a stage that reads channels-first after one that
// writes so, a GEMM that is not over NHWC pixels. A lone stage stays as it
// is.
// CHECK-LABEL: func.func @breaks
// CHECK:      %[[D0:.*]] = pdcpu.depthwise_conv2d %arg0
// CHECK:      %[[C:.*]] = pdcpu.conv2d %[[D0]]
// CHECK:      %[[G:.*]] = pdcpu.band_chain %[[C]] weights(%arg1, %arg3) into %{{.*}} {channels_first_output, stages = array<i64: 1, 16, 3, 3, {{.*}}, 0, 16, 1, 1, {{.*}}>}
// CHECK:      %[[D2:.*]] = pdcpu.depthwise_conv2d %[[G]], %arg1 into %{{.*}} {channels_first_input
// CHECK:      pdcpu.gemm %{{.*}}, %arg3 into %{{.*}} : tensor<1x8x16xf32>
// CHECK-NOT:  pdcpu.band_chain
func.func @breaks(%x: tensor<1x8x8x16xf32>, %f: tensor<3x3x16xf32>, %w: tensor<16x16x16xf32>, %b: tensor<1x16x16xf32>) -> (tensor<1x8x16xf32>, tensor<1x8x8x16xf32>) {
  %e = tensor.empty() : tensor<1x8x8x16xf32>
  %d0 = pdcpu.depthwise_conv2d %x, %f into %e {dilations = array<i64: 1, 1>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x8x8x16xf32>, tensor<3x3x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  %c = pdcpu.conv2d %d0, %w into %e {dilations = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, winograd_tile = 2 : i64} : tensor<1x8x8x16xf32>, tensor<16x16x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  %d1 = pdcpu.depthwise_conv2d %c, %f into %e {dilations = array<i64: 1, 1>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x8x8x16xf32>, tensor<3x3x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  %ef = tensor.empty() : tensor<1x16x8x8xf32>
  %g = pdcpu.gemm %d1, %b into %ef {channels_first} : tensor<1x8x8x16xf32>, tensor<1x16x16xf32>, tensor<1x16x8x8xf32> -> tensor<1x16x8x8xf32>
  %d2 = pdcpu.depthwise_conv2d %g, %f into %e {channels_first_input, dilations = array<i64: 1, 1>, paddings = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x16x8x8xf32>, tensor<3x3x16xf32>, tensor<1x8x8x16xf32> -> tensor<1x8x8x16xf32>
  %flat = tensor.collapse_shape %d2 [[0], [1], [2, 3]] : tensor<1x8x8x16xf32> into tensor<1x8x128xf32>
  %rows = tensor.extract_slice %flat[0, 0, 0] [1, 8, 16] [1, 1, 1] : tensor<1x8x128xf32> to tensor<1x8x16xf32>
  %e3 = tensor.empty() : tensor<1x8x16xf32>
  %g2 = pdcpu.gemm %rows, %b into %e3 : tensor<1x8x16xf32>, tensor<1x16x16xf32>, tensor<1x8x16xf32> -> tensor<1x8x16xf32>
  return %g2, %d2 : tensor<1x8x16xf32>, tensor<1x8x8x16xf32>
}

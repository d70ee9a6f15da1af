// RUN: pd-opt %s --split-input-file --pd-fold-batch-norm | FileCheck %s

// A conv2d followed by an inference batch_norm: the scale goes into the
// filter (axis 0, its output channels), the shift is a bias add on the
// channel axis (1 in NCHW), named as the batch_norm's output was.
// CHECK-LABEL: func.func @conv_nchw
// CHECK:      %[[VE:.*]] = pd.scale %[[VAR:[^ ]*]] {bias = 1.000000e-03 : f32, bias_after_scale = true
// CHECK-SAME:     scale = 1.000000e+00 : f32
// CHECK:      %[[STD:.*]] = pd.sqrt %[[VE]]
// CHECK:      %[[S:.*]] = pd.elementwise_div %[[SCALE:[^ ]*]], %[[STD]] {axis = -1 : i32
// CHECK:      %[[MS:.*]] = pd.elementwise_mul %[[MEAN:[^ ]*]], %[[S]] {axis = -1 : i32
// CHECK:      %[[T:.*]] = pd.elementwise_sub %[[BIAS:[^ ]*]], %[[MS]] {axis = -1 : i32
// CHECK:      %[[F:.*]] = pd.elementwise_mul %[[W:[^ ]*]], %[[S]] {axis = 0 : i32
// CHECK:      %[[C:.*]] = pd.conv2d %arg0, %[[F]] {data_format = "NCHW"
// CHECK:      %[[Y:.*]] = pd.elementwise_add %[[C]], %[[T]] {axis = 1 : i32, pd.names = ["bn.y"]}
// CHECK-NOT:  pd.batch_norm
// CHECK:      return %[[Y]]
func.func @conv_nchw(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>,
    %scale: tensor<4xf32>, %bias: tensor<4xf32>, %mean: tensor<4xf32>,
    %var: tensor<4xf32>) -> tensor<?x4x6x6xf32> {
  %c = pd.conv2d %x, %w {data_format = "NCHW", operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]}
      : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32>
  %y, %m, %v, %sm, %sv = pd.batch_norm %c, %scale, %bias, %mean, %var
      {epsilon = 1.0e-3 : f32, is_test = true, pd.names = ["bn.y", "m", "v", "sm", "sv"]}
      : (tensor<?x4x6x6xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> (tensor<?x4x6x6xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %y : tensor<?x4x6x6xf32>
}

// -----

// NHWC: the shift goes on the last axis.
// CHECK-LABEL: func.func @depthwise_nhwc
// CHECK:      %[[F:.*]] = pd.elementwise_mul %arg1, %{{.*}} {axis = 0 : i32
// CHECK:      %[[C:.*]] = pd.depthwise_conv2d %arg0, %[[F]]
// CHECK:      pd.elementwise_add %[[C]], %{{.*}} {axis = 3 : i32
// CHECK-NOT:  pd.batch_norm
func.func @depthwise_nhwc(%x: tensor<1x8x8x4xf32>, %w: tensor<4x1x3x3xf32>,
    %p: tensor<4xf32>) -> tensor<1x6x6x4xf32> {
  %c = pd.depthwise_conv2d %x, %w {data_format = "NHWC", groups = 4 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>}
      : (tensor<1x8x8x4xf32>, tensor<4x1x3x3xf32>) -> tensor<1x6x6x4xf32>
  %y, %m, %v, %sm, %sv = pd.batch_norm %c, %p, %p, %p, %p {data_layout = "NHWC", is_test = true}
      : (tensor<1x6x6x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> (tensor<1x6x6x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %y : tensor<1x6x6x4xf32>
}

// -----

// A product with a bias add: W' = W * s over its columns (axis 1), the
// bias is scaled into the shift, and the bias add goes.
// CHECK-LABEL: func.func @matmul_bias
// CHECK:      %[[S:.*]] = pd.elementwise_div
// CHECK:      %[[T:.*]] = pd.elementwise_sub
// CHECK:      %[[W:.*]] = pd.elementwise_mul %arg1, %[[S]] {axis = 1 : i32
// CHECK:      %[[P:.*]] = pd.matmul_v2 %arg0, %[[W]]
// CHECK:      %[[BS:.*]] = pd.elementwise_mul %arg2, %[[S]] {axis = -1 : i32
// CHECK:      %[[T2:.*]] = pd.elementwise_add %[[T]], %[[BS]] {axis = -1 : i32
// CHECK:      %[[Y:.*]] = pd.elementwise_add %[[P]], %[[T2]] {axis = 1 : i32
// CHECK-NOT:  pd.batch_norm
// CHECK:      return %[[Y]]
func.func @matmul_bias(%x: tensor<?x8xf32>, %w: tensor<8x4xf32>, %b: tensor<4xf32>,
    %p: tensor<4xf32>) -> tensor<?x4xf32> {
  %mm = pd.matmul_v2 %x, %w : (tensor<?x8xf32>, tensor<8x4xf32>) -> tensor<?x4xf32>
  %a = pd.elementwise_add %mm, %b {axis = -1 : i32} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %y, %m, %v, %sm, %sv = pd.batch_norm %a, %p, %p, %p, %p {is_test = true}
      : (tensor<?x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> (tensor<?x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %y : tensor<?x4xf32>
}

// -----

// Not after a convolution it can fold into (the conv result has another
// use): a per-channel multiply and add; the conv stays.
// CHECK-LABEL: func.func @standalone
// CHECK:      %[[C:.*]] = pd.conv2d
// CHECK:      %[[S:.*]] = pd.elementwise_div
// CHECK:      %[[T:.*]] = pd.elementwise_sub
// CHECK:      %[[M:.*]] = pd.elementwise_mul %[[C]], %[[S]] {axis = 1 : i32
// CHECK:      %[[Y:.*]] = pd.elementwise_add %[[M]], %[[T]] {axis = 1 : i32
// CHECK:      return %[[Y]], %[[C]]
func.func @standalone(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %p: tensor<4xf32>)
    -> (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) {
  %c = pd.conv2d %x, %w {operandSegmentSizes = array<i32: 1, 1, 0, 0>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  %y, %m, %v, %sm, %sv = pd.batch_norm %c, %p, %p, %p, %p {is_test = true}
      : (tensor<1x4x6x6xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> (tensor<1x4x6x6xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %y, %c : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>
}

// -----

// Training mode (batch statistics), or running statistics that are used:
// left alone.
// CHECK-LABEL: func.func @not_inference
// CHECK:      pd.batch_norm
// CHECK:      pd.batch_norm
// CHECK-NOT:  pd.elementwise
func.func @not_inference(%x: tensor<2x4xf32>, %p: tensor<4xf32>) -> (tensor<2x4xf32>, tensor<4xf32>) {
  %y, %m, %v, %sm, %sv = pd.batch_norm %x, %p, %p, %p, %p {is_test = false}
      : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  %y2, %m2, %v2, %sm2, %sv2 = pd.batch_norm %y, %p, %p, %p, %p {is_test = true}
      : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %y2, %m2 : tensor<2x4xf32>, tensor<4xf32>
}

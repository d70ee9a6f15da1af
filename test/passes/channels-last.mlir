// RUN: pd-opt %s --split-input-file --pd-channels-last | FileCheck %s

// conv -> bias add (axis 1) -> relu -> conv -> residual add -> relu -> pool:
// NHWC inside, one transpose in (shared by the conv and the residual), one
// out after the pool. The bias axis moves from C (1) to 3; filters stay
// [OC, IC, KH, KW].
// CHECK-LABEL: func.func @block
// CHECK-SAME:  (%[[X:.*]]: tensor<?x4x8x8xf32>
// CHECK:      %[[XT:.*]] = pd.transpose2 %[[X]] {axis = array<i32: 0, 2, 3, 1>, pd.names = ["x.nhwc"]} : (tensor<?x4x8x8xf32>) -> tensor<?x8x8x4xf32>
// CHECK:      %[[C0:.*]] = pd.conv2d %[[XT]], %arg1 {data_format = "NHWC", {{.*}}pd.names = ["c0.nhwc"]{{.*}} : (tensor<?x8x8x4xf32>, tensor<4x4x3x3xf32>) -> tensor<?x8x8x4xf32>
// CHECK:      %[[B:.*]] = pd.elementwise_add %[[C0]], %arg2 {axis = 3 : i32
// CHECK:      %[[R:.*]] = pd.relu %[[B]] {{.*}}: (tensor<?x8x8x4xf32>) -> tensor<?x8x8x4xf32>
// CHECK:      %[[C1:.*]] = pd.conv2d %[[R]], %arg1 {data_format = "NHWC"
// CHECK:      %[[A:.*]] = pd.elementwise_add %[[C1]], %[[XT]] {axis = -1 : i32
// CHECK:      %[[R2:.*]] = pd.relu %[[A]]
// CHECK:      %[[P:.*]] = pd.pool2d %[[R2]] {data_format = "NHWC"{{.*}} : (tensor<?x8x8x4xf32>) -> tensor<?x4x4x4xf32>
// CHECK:      %[[OUT:.*]] = pd.transpose2 %[[P]] {axis = array<i32: 0, 3, 1, 2>, pd.names = ["p"]} : (tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
// CHECK-NOT:  pd.transpose2
// CHECK:      return %[[OUT]]
func.func @block(%x: tensor<?x4x8x8xf32> {pd.name = "x"}, %w: tensor<4x4x3x3xf32>,
                 %b: tensor<4xf32>) -> tensor<?x4x4x4xf32> {
  %c0 = pd.conv2d %x, %w {data_format = "NCHW", paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c0"]}
      : (tensor<?x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x8x8xf32>
  %a0 = pd.elementwise_add %c0, %b {axis = 1 : i32, pd.names = ["a0"]} : (tensor<?x4x8x8xf32>, tensor<4xf32>) -> tensor<?x4x8x8xf32>
  %r0 = pd.relu %a0 {pd.names = ["r0"]} : (tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  %c1 = pd.conv2d %r0, %w {paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c1"]}
      : (tensor<?x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x8x8xf32>
  %a1 = pd.elementwise_add %c1, %x {axis = -1 : i32, pd.names = ["a1"]} : (tensor<?x4x8x8xf32>, tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  %r1 = pd.relu %a1 {pd.names = ["r1"]} : (tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  %p = pd.pool2d %r1 {pooling_type = "max", ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>, pd.names = ["p"]}
      : (tensor<?x4x8x8xf32>) -> tensor<?x4x4x4xf32>
  return %p : tensor<?x4x4x4xf32>
}

// -----

// A per-channel vector given with axis -1 is aligned to W (the last dim):
// it moves to axis 2. A broadcast operand of the same rank ([N, C, 1, 1],
// squeeze-excitation) is transposed with the rest.
// New transposes of an operand are placed right after it is defined.
// CHECK-LABEL: func.func @broadcasts
// CHECK-DAG:  %[[ST:.*]] = pd.transpose2 %arg3 {axis = array<i32: 0, 2, 3, 1>} : (tensor<1x4x1x1xf32>) -> tensor<1x1x1x4xf32>
// CHECK-DAG:  %[[XT:.*]] = pd.transpose2 %arg0 {axis = array<i32: 0, 2, 3, 1>}
// CHECK:      %[[D:.*]] = pd.depthwise_conv2d %[[XT]], {{.*}}data_format = "NHWC"
// CHECK:      %[[M:.*]] = pd.elementwise_mul %[[D]], %arg2 {axis = 2 : i32
// CHECK:      %[[S:.*]] = pd.elementwise_mul %[[M]], %[[ST]] {axis = -1 : i32} : (tensor<1x6x6x4xf32>, tensor<1x1x1x4xf32>)
// CHECK:      pd.transpose2 %[[S]] {axis = array<i32: 0, 3, 1, 2>}
func.func @broadcasts(%x: tensor<1x4x8x8xf32>, %w: tensor<4x1x3x3xf32>,
                      %v: tensor<6xf32>, %se: tensor<1x4x1x1xf32>) -> tensor<1x4x6x6xf32> {
  %d = pd.depthwise_conv2d %x, %w {groups = 4 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>}
      : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
  %m = pd.elementwise_mul %d, %v {axis = -1 : i32} : (tensor<1x4x6x6xf32>, tensor<6xf32>) -> tensor<1x4x6x6xf32>
  %s = pd.elementwise_mul %m, %se {axis = -1 : i32} : (tensor<1x4x6x6xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x6x6xf32>
  return %s : tensor<1x4x6x6xf32>
}

// -----

// What stays NCHW: a grouped convolution that is not depthwise, and the
// transposes before a layout-sensitive op (flatten) stay where they are.
// CHECK-LABEL: func.func @kept
// CHECK:      %[[G:.*]] = pd.conv2d %arg0, %arg1 {groups = 2 : i32
// CHECK-SAME:     (tensor<1x4x8x8xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x8x8xf32>
// CHECK:      pd.transpose2 %[[G]] {axis = array<i32: 0, 2, 3, 1>}
// CHECK:      %[[P:.*]] = pd.pool2d {{.*}}data_format = "NHWC"
// CHECK:      %[[T:.*]] = pd.transpose2 %[[P]] {axis = array<i32: 0, 3, 1, 2>}
// CHECK:      pd.flatten_contiguous_range %[[T]]
func.func @kept(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x1x1xf32>) -> tensor<1x64xf32> {
  %g = pd.conv2d %x, %w {groups = 2 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>}
      : (tensor<1x4x8x8xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x8x8xf32>
  %p = pd.pool2d %g {pooling_type = "avg", ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>}
      : (tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
  %f = pd.flatten_contiguous_range %p {start_axis = 1 : i32, stop_axis = 3 : i32}
      : (tensor<1x4x4x4xf32>) -> tensor<1x64xf32>
  return %f : tensor<1x64xf32>
}

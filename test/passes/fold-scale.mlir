// RUN: pd-opt %s --split-input-file --pd-fold-scale | FileCheck %s

// Attention's query scale, after the projection, its bias add, a reshape
// and a transpose: a * (x W + c) + b = x (a W) + (a c + b).
// CHECK-LABEL: func.func @query_scale
// CHECK:      %[[W:.*]] = pd.get_parameter @w
// CHECK:      %[[C:.*]] = pd.get_parameter @c
// CHECK:      %[[WS:.*]] = pd.scale %[[W]] {bias = 0.000000e+00 : f32, bias_after_scale = true, {{.*}}pd.names = ["w.scaled"], scale = 1.250000e-01 : f32}
// CHECK:      %[[P:.*]] = pd.matmul_v2 %arg0, %[[WS]]
// CHECK:      %[[CS:.*]] = pd.scale %[[C]] {bias = 5.000000e-01 : f32, bias_after_scale = true, {{.*}}pd.names = ["c.scaled"], scale = 1.250000e-01 : f32}
// CHECK:      %[[A:.*]] = pd.elementwise_add %[[P]], %[[CS]]
// CHECK:      %[[R:.*]]:2 = pd.reshape2 %[[A]]
// CHECK:      %[[T:.*]] = pd.transpose2 %[[R]]#0
// CHECK-NOT:  pd.scale
// CHECK:      return %[[T]]
pd.parameter @w : tensor<8x8xf32>
pd.parameter @c : tensor<8xf32>
func.func @query_scale(%x: tensor<?x4x8xf32>) -> tensor<?x2x4x4xf32> {
  %w = pd.get_parameter @w : tensor<8x8xf32>
  %c = pd.get_parameter @c : tensor<8xf32>
  %p = pd.matmul_v2 %x, %w : (tensor<?x4x8xf32>, tensor<8x8xf32>) -> tensor<?x4x8xf32>
  %a = pd.elementwise_add %p, %c {axis = -1 : i32} : (tensor<?x4x8xf32>, tensor<8xf32>) -> tensor<?x4x8xf32>
  %r, %xs = pd.reshape2 %a {shape = array<i32: 0, 4, 2, 4>, operandSegmentSizes = array<i32: 1, 0, 0>}
      : (tensor<?x4x8xf32>) -> (tensor<?x4x2x4xf32>, tensor<0x?x4x8xf32>)
  %t = pd.transpose2 %r {axis = array<i32: 0, 2, 1, 3>} : (tensor<?x4x2x4xf32>) -> tensor<?x2x4x4xf32>
  %s = pd.scale %t {scale = 0.125 : f32, bias = 0.5 : f32, bias_after_scale = true, operandSegmentSizes = array<i32: 1, 0, 0>}
      : (tensor<?x2x4x4xf32>) -> tensor<?x2x4x4xf32>
  return %s : tensor<?x2x4x4xf32>
}

// -----

// Left alone: weights that are not parameters; a bias with no bias add to
// take it; a product whose result is also used elsewhere.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-3: pd.scale %
// CHECK-NOT:  pd.scale
pd.parameter @w : tensor<8x8xf32>
func.func @kept(%x: tensor<2x8xf32>, %y: tensor<8x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %w = pd.get_parameter @w : tensor<8x8xf32>
  %p0 = pd.matmul_v2 %x, %y : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
  %s0 = pd.scale %p0 {scale = 2.0 : f32, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %p1 = pd.matmul_v2 %x, %w : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
  %s1 = pd.scale %p1 {scale = 2.0 : f32, bias = 1.0 : f32, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %p2 = pd.matmul_v2 %x, %w : (tensor<2x8xf32>, tensor<8x8xf32>) -> tensor<2x8xf32>
  %s2 = pd.scale %p2 {scale = 2.0 : f32, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %s0, %s1, %s2, %p2 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

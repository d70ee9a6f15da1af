// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// affine_channel: x * scale + bias in one pass, scale and bias read along
// the channel dim (1 for NCHW, the last for NHWC).
// CHECK-DAG:   #[[X4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[C1:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG:   #[[C3:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @affine_channel
// CHECK:       linalg.generic {indexing_maps = [#[[X4]], #[[C1]], #[[C1]], #[[X4]]]
// CHECK:         %[[M:.*]] = arith.mulf %in, %in_{{.*}} : f32
// CHECK:         arith.addf %[[M]], %in_{{.*}} : f32
// CHECK:       linalg.generic {indexing_maps = [#[[X4]], #[[C3]], #[[C3]], #[[X4]]]
func.func @affine_channel(%x: tensor<?x4x5x6xf32> {pd.name = "x"}, %y: tensor<?x5x6x4xf32> {pd.name = "y"},
                          %s: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<?x4x5x6xf32>, tensor<?x5x6x4xf32>) {
  %a = pd.affine_channel %x, %s, %b {data_layout = "NCHW", pd.names = ["a"]} : (tensor<?x4x5x6xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x4x5x6xf32>
  %c = pd.affine_channel %y, %s, %b {data_layout = "NHWC", pd.names = ["c"]} : (tensor<?x5x6x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x5x6x4xf32>
  return %a, %c : tensor<?x4x5x6xf32>, tensor<?x5x6x4xf32>
}

// -----

// norm: the squares summed along `axis` (kept as a dim of 1), plus epsilon,
// square-rooted: that is Norm; Out divides x by it, broadcast along axis.
// CHECK-LABEL: func.func @norm
// CHECK:       linalg.generic
// CHECK:         arith.mulf %in, %in : f32
// CHECK:       linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "parallel", "parallel"]
// CHECK:         arith.addf
// CHECK:       %[[N:.*]] = linalg.generic
// CHECK:         %[[E:.*]] = arith.constant 9.99999971E-10 : f32
// CHECK:         %[[V:.*]] = arith.addf %in, %[[E]] : f32
// CHECK:         math.sqrt %[[V]] : f32
// CHECK:       %[[O:.*]] = linalg.generic
// CHECK:         arith.divf %in, %in_{{.*}} : f32
// CHECK:       return %[[O]], %[[N]] : tensor<?x4x5x6xf32>, tensor<?x1x5x6xf32>
func.func @norm(%x: tensor<?x4x5x6xf32> {pd.name = "x"}) -> (tensor<?x4x5x6xf32>, tensor<?x1x5x6xf32>) {
  %o, %n = pd.norm %x {axis = 1 : i32, epsilon = 1.0e-9 : f32, pd.names = ["o", "n"]} : (tensor<?x4x5x6xf32>) -> (tensor<?x4x5x6xf32>, tensor<?x1x5x6xf32>)
  return %o, %n : tensor<?x4x5x6xf32>, tensor<?x1x5x6xf32>
}

// -----

// partial_sum: the window [1, 4) of each input's columns, added in input
// order; partial_concat: windows from a start counted from the end (-4,
// length -1: the last four columns), side by side.
// CHECK-LABEL: func.func @partial
// CHECK:       %[[A:.*]] = tensor.extract_slice %arg0[0, 1] [%{{.*}}, 3] [1, 1] : tensor<?x6xf32> to tensor<?x3xf32>
// CHECK:       %[[B:.*]] = tensor.extract_slice %arg1[0, 1] [%{{.*}}, 3] [1, 1] : tensor<?x6xf32> to tensor<?x3xf32>
// CHECK:       %[[S:.*]] = linalg.generic {{.*}} ins(%[[A]], %[[B]] : tensor<?x3xf32>, tensor<?x3xf32>)
// CHECK:         arith.addf %in, %in_{{.*}} : f32
// CHECK:       %[[C:.*]] = tensor.extract_slice %arg0[0, 2] [%{{.*}}, 4] [1, 1] : tensor<?x6xf32> to tensor<?x4xf32>
// CHECK:       %[[D:.*]] = tensor.extract_slice %arg1[0, 2] [%{{.*}}, 4] [1, 1] : tensor<?x6xf32> to tensor<?x4xf32>
// CHECK:       %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x8xf32>
// CHECK:       %[[F:.*]] = tensor.insert_slice %[[C]] into %[[E]][0, 0] [%{{.*}}, 4] [1, 1]
// CHECK:       %[[G:.*]] = tensor.insert_slice %[[D]] into %[[F]][0, 4] [%{{.*}}, 4] [1, 1]
// CHECK:       return %[[S]], %[[G]]
func.func @partial(%a: tensor<?x6xf32> {pd.name = "a"}, %b: tensor<?x6xf32> {pd.name = "b"}) -> (tensor<?x3xf32>, tensor<?x8xf32>) {
  %s = pd.partial_sum %a, %b {start_index = 1 : i32, length = 3 : i32, pd.names = ["s"]} : (tensor<?x6xf32>, tensor<?x6xf32>) -> tensor<?x3xf32>
  %c = pd.partial_concat %a, %b {start_index = -4 : i32, length = -1 : i32, pd.names = ["c"]} : (tensor<?x6xf32>, tensor<?x6xf32>) -> tensor<?x8xf32>
  return %s, %c : tensor<?x3xf32>, tensor<?x8xf32>
}

// -----

// norm with is_test: Paddle leaves Norm unset (PIR declares it 0-D), so
// only Out is computed and the unused Norm is an empty tensor.
// CHECK-LABEL: func.func @norm_is_test
// CHECK:       math.sqrt
// CHECK:       %[[O:.*]] = linalg.generic
// CHECK:         arith.divf
// CHECK:       return %[[O]] : tensor<?x4xf32>
func.func @norm_is_test(%x: tensor<?x4xf32> {pd.name = "x"}) -> tensor<?x4xf32> {
  %o, %n = pd.norm %x {axis = -1 : i32, epsilon = 1.0e-10 : f32, is_test = true, pd.names = ["o", "n"]} : (tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<f32>)
  return %o : tensor<?x4xf32>
}

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

// data_norm: per column Means = BatchSum / BatchSize and Scales =
// sqrt(BatchSize / BatchSquareSum) (from parameters only), then per
// element (x - mean) * scale.
// CHECK-DAG:   #[[ROW:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @data_norm
// CHECK:       %[[MEANS:.*]] = linalg.generic
// CHECK:         arith.divf %in, %in_{{.*}} : f32
// CHECK:       %[[SCALES:.*]] = linalg.generic
// CHECK:         %[[Q:.*]] = arith.divf %in, %in_{{.*}} : f32
// CHECK:         math.sqrt %[[Q]] : f32
// CHECK:       %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ROW]], #[[COL]], #[[COL]], #[[ROW]]]{{.*}} ins(%arg0, %[[MEANS]], %[[SCALES]]
// CHECK:         %[[C:.*]] = arith.subf %in, %in_{{.*}} : f32
// CHECK:         arith.mulf %[[C]], %in_{{.*}} : f32
// CHECK:       return %[[Y]], %[[MEANS]], %[[SCALES]]
func.func @data_norm(%x: tensor<?x6xf32> {pd.name = "x"}, %size: tensor<6xf32>, %sum: tensor<6xf32>,
                     %square: tensor<6xf32>) -> (tensor<?x6xf32>, tensor<6xf32>, tensor<6xf32>) {
  %y, %m, %s = pd.data_norm %x, %size, %sum, %square {epsilon = 1.0e-05 : f32, slot_dim = -1 : i32, operandSegmentSizes = array<i32: 0, 0, 1, 1, 1, 1>, resultSegmentSizes = array<i32: 1, 1, 1>} : (tensor<?x6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<?x6xf32>, tensor<6xf32>, tensor<6xf32>)
  return %y, %m, %s : tensor<?x6xf32>, tensor<6xf32>, tensor<6xf32>
}

// -----

// data_norm with enable_scale_and_shift, as Paddle folds it: per column
// scale * w and bias - mean * scale * w, then x * the first + the second.
// CHECK-LABEL: func.func @data_norm_shifted
// CHECK:       %[[MEANS:.*]] = linalg.generic
// CHECK:         arith.divf
// CHECK:       %[[SCALES:.*]] = linalg.generic
// CHECK:         math.sqrt
// CHECK:       %[[SCALE:.*]] = linalg.generic {{.*}} ins(%[[SCALES]], %arg1
// CHECK:         arith.mulf %in, %in_{{.*}} : f32
// CHECK:       %[[SHIFT:.*]] = linalg.generic {{.*}} ins(%arg2, %[[MEANS]], %[[SCALES]], %arg1
// CHECK:         %[[MS:.*]] = arith.mulf %in_{{.*}}, %in_{{.*}} : f32
// CHECK:         %[[MSW:.*]] = arith.mulf %[[MS]], %in_{{.*}} : f32
// CHECK:         arith.subf %in, %[[MSW]] : f32
// CHECK:       linalg.generic {{.*}} ins(%arg0, %[[SCALE]], %[[SHIFT]]
// CHECK:         %[[XS:.*]] = arith.mulf %in, %in_{{.*}} : f32
// CHECK:         arith.addf %[[XS]], %in_{{.*}} : f32
func.func @data_norm_shifted(%x: tensor<?x6xf32> {pd.name = "x"}, %w: tensor<6xf32>, %b: tensor<6xf32>,
                             %size: tensor<6xf32>, %sum: tensor<6xf32>, %square: tensor<6xf32>) -> tensor<?x6xf32> {
  %y = pd.data_norm %w, %b, %x, %size, %sum, %square {enable_scale_and_shift = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<6xf32>, tensor<6xf32>, tensor<?x6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// data_norm with slots of 2: an element is 0 where its slot's first value
// (x at column j - j % 2 of its row) lies within 1e-7 of 0.
// CHECK-LABEL: func.func @data_norm_slots
// CHECK:       linalg.generic
// CHECK:         %[[ROWI:.*]] = linalg.index 0 : index
// CHECK:         %[[COLI:.*]] = linalg.index 1 : index
// CHECK:         %[[R:.*]] = arith.remui %[[COLI]], %c2 : index
// CHECK:         %[[FIRST:.*]] = arith.subi %[[COLI]], %[[R]] : index
// CHECK:         %[[SHOW:.*]] = tensor.extract %arg0[%[[ROWI]], %[[FIRST]]]
// CHECK:         %[[NEG:.*]] = arith.constant -1.000000e-07 : f32
// CHECK:         %[[LOW:.*]] = arith.cmpf ogt, %[[SHOW]], %[[NEG]]
// CHECK:         %[[POS:.*]] = arith.constant 1.000000e-07 : f32
// CHECK:         %[[HIGH:.*]] = arith.cmpf olt, %[[SHOW]], %[[POS]]
// CHECK:         %[[IN:.*]] = arith.andi %[[LOW]], %[[HIGH]] : i1
// CHECK:         arith.select %[[IN]], %cst_{{.*}}, %{{.*}} : f32
func.func @data_norm_slots(%x: tensor<?x6xf32> {pd.name = "x"}, %size: tensor<6xf32>, %sum: tensor<6xf32>,
                           %square: tensor<6xf32>) -> tensor<?x6xf32> {
  %y = pd.data_norm %x, %size, %sum, %square {slot_dim = 2 : i32, operandSegmentSizes = array<i32: 0, 0, 1, 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x6xf32>, tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
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

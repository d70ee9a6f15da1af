// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// concat along a dynamic axis: a tensor of the summed size, each input
// inserted at its running offset.
// CHECK-LABEL: func.func @concat
// CHECK-DAG:  %[[D0:.*]] = tensor.dim %arg0, %c1
// CHECK-DAG:  %[[D1:.*]] = tensor.dim %arg1, %c1
// CHECK:      %[[SUM:.*]] = arith.addi %[[D0]], %[[D1]]
// CHECK:      %[[E:.*]] = tensor.empty(%[[SUM]], %{{.*}}) : tensor<2x?x?xf32>
// CHECK:      %[[A:.*]] = tensor.insert_slice %arg0 into %[[E]][0, 0, 0] [2, %[[D0]], %{{.*}}] [1, 1, 1]
// CHECK:      tensor.insert_slice %arg1 into %[[A]][0, %[[D0]], 0] [2, %[[D1]], %{{.*}}] [1, 1, 1]
func.func @concat(%x: tensor<2x?x?xf32> {pd.name = "x"}, %y: tensor<2x?x?xf32> {pd.name = "y"}) -> tensor<2x?x?xf32> {
  %c = pd.concat %x, %y {axis = -2 : i32, operandSegmentSizes = array<i32: 2, 0>, pd.names = ["c"]} : (tensor<2x?x?xf32>, tensor<2x?x?xf32>) -> tensor<2x?x?xf32>
  return %c : tensor<2x?x?xf32>
}

// -----

// Static bounds fold: x[:, 2:-3] of 16 channels is channels [2, 13).
// CHECK-LABEL: func.func @slice_static
// CHECK-NOT:  arith.{{(max|min|add|sub)}}
// CHECK:      tensor.extract_slice %arg0[0, 2, 0] [%{{.*}}, 11, 5] [1, 1, 1] : tensor<?x16x5xf32> to tensor<?x11x5xf32>
func.func @slice_static(%x: tensor<?x16x5xf32> {pd.name = "x"}) -> tensor<?x11x5xf32> {
  %s = pd.slice %x {axes = array<i32: 1>, starts = array<i32: 2>, ends = array<i32: -3>, decrease_axis = array<i32>, infer_flags = array<i32: 1>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["s"]} : (tensor<?x16x5xf32>) -> tensor<?x11x5xf32>
  return %s : tensor<?x11x5xf32>
}

// -----

// A dynamic dim clamps at run time: x[:, -1:INT_MAX] starts at dim - 1
// (at least 0) and is max(end - start, 0) long; the decreased axis goes.
// CHECK-LABEL: func.func @slice_dynamic
// CHECK:      %[[D:.*]] = tensor.dim %arg0, %c1
// CHECK:      %[[S:.*]] = arith.addi %{{.*}}, %[[D]]
// CHECK:      %[[S0:.*]] = arith.maxsi %[[S]], %c0
// CHECK:      %[[FROM:.*]] = arith.minsi %[[S0]], %[[D]]
// CHECK:      %[[W:.*]] = tensor.extract_slice %arg0[0, %[[FROM]]] [3, %{{.*}}] [1, 1] : tensor<3x?xf32> to tensor<3x?xf32>
// CHECK:      %[[C:.*]] = tensor.cast %[[W]] : tensor<3x?xf32> to tensor<3x1xf32>
// CHECK:      tensor.collapse_shape %[[C]] {{\[\[}}0, 1]] : tensor<3x1xf32> into tensor<3xf32>
func.func @slice_dynamic(%x: tensor<3x?xf32> {pd.name = "x"}) -> tensor<3xf32> {
  %s = pd.slice %x {axes = array<i32: 1>, starts = array<i32: -1>, ends = array<i32: 2147483647>, decrease_axis = array<i32: 1>, infer_flags = array<i32: 1>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["s"]} : (tensor<3x?xf32>) -> tensor<3xf32>
  return %s : tensor<3xf32>
}

// -----

// shape: the dims as int32, dynamic ones read at run time.
// CHECK-LABEL: func.func @shape
// CHECK:      %[[D:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[D32:.*]] = arith.index_cast %[[D]] : index to i32
// CHECK:      %[[C8:.*]] = arith.constant 8 : i32
// CHECK:      tensor.from_elements %[[D32]], %[[C8]] : tensor<2xi32>
func.func @shape(%x: tensor<?x8xf32> {pd.name = "x"}) -> tensor<2xi32> {
  %s = pd.shape %x {pd.names = ["s"]} : (tensor<?x8xf32>) -> tensor<2xi32>
  return %s : tensor<2xi32>
}

// -----

// split into sections, one of them -1: windows at running offsets, the -1
// taking what the others leave.
// CHECK-LABEL: func.func @split_sections
// CHECK:      tensor.extract_slice %arg0[0, 0, 0] [%{{.*}}, 2, 5] [1, 1, 1] : tensor<?x10x5xf32> to tensor<?x2x5xf32>
// CHECK:      tensor.extract_slice %arg0[0, 2, 0] [%{{.*}}, 5, 5] [1, 1, 1] : tensor<?x10x5xf32> to tensor<?x5x5xf32>
// CHECK:      tensor.extract_slice %arg0[0, 7, 0] [%{{.*}}, 3, 5] [1, 1, 1] : tensor<?x10x5xf32> to tensor<?x3x5xf32>
func.func @split_sections(%x: tensor<?x10x5xf32> {pd.name = "x"}) -> (tensor<?x2x5xf32>, tensor<?x5x5xf32>, tensor<?x3x5xf32>) {
  %a, %b, %c = pd.split %x {axis = 1 : i32, num = 0 : i32, sections = array<i32: 2, -1, 3>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a", "b", "c"]} : (tensor<?x10x5xf32>) -> (tensor<?x2x5xf32>, tensor<?x5x5xf32>, tensor<?x3x5xf32>)
  return %a, %b, %c : tensor<?x2x5xf32>, tensor<?x5x5xf32>, tensor<?x3x5xf32>
}

// -----

// split into `num` equal parts of a dynamic dim: each dim / num long.
// CHECK-LABEL: func.func @split_num_dynamic
// CHECK:      %[[D:.*]] = tensor.dim %arg0, %c1
// CHECK:      %[[P:.*]] = arith.divui %[[D]], %c2
// CHECK:      tensor.extract_slice %arg0[0, 0] [4, %[[P]]] [1, 1]
// CHECK:      tensor.extract_slice %arg0[0, %[[P]]] [4, %[[P]]] [1, 1]
func.func @split_num_dynamic(%x: tensor<4x?xf32> {pd.name = "x"}) -> (tensor<4x?xf32>, tensor<4x?xf32>) {
  %a, %b = pd.split %x {axis = -1 : i32, num = 2 : i32, sections = array<i32>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a", "b"]} : (tensor<4x?xf32>) -> (tensor<4x?xf32>, tensor<4x?xf32>)
  return %a, %b : tensor<4x?xf32>, tensor<4x?xf32>
}

// -----

// stack along a new last dim: each input inserted (rank-reducing) at
// index i of it.
// CHECK-LABEL: func.func @stack
// CHECK:      %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x3x2xf32>
// CHECK:      %[[A:.*]] = tensor.insert_slice %arg0 into %[[E]][0, 0, 0] [%{{.*}}, 3, 1] [1, 1, 1] : tensor<?x3xf32> into tensor<?x3x2xf32>
// CHECK:      tensor.insert_slice %arg1 into %[[A]][0, 0, 1] [%{{.*}}, 3, 1] [1, 1, 1] : tensor<?x3xf32> into tensor<?x3x2xf32>
func.func @stack(%x: tensor<?x3xf32> {pd.name = "x"}, %y: tensor<?x3xf32> {pd.name = "y"}) -> tensor<?x3x2xf32> {
  %s = pd.stack %x, %y {axis = -1 : i32, pd.names = ["s"]} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3x2xf32>
  return %s : tensor<?x3x2xf32>
}

// -----

// Every axis decreased: a 0-D tensor, as Paddle 2.5 and later make
// paddle.shape(x)[1].
// CHECK-LABEL: func.func @slice_to_scalar
// CHECK:      %[[W:.*]] = tensor.extract_slice %arg0[1] [1] [1] : tensor<2xi64> to tensor<1xi64>
// CHECK:      %[[C:.*]] = tensor.cast %[[W]]
// CHECK:      tensor.collapse_shape %[[C]] [] : tensor<1xi64> into tensor<i64>
func.func @slice_to_scalar(%x: tensor<2xi64> {pd.name = "x"}) -> tensor<i64> {
  %s = pd.slice %x {axes = array<i32: 0>, starts = array<i32: 1>, ends = array<i32: 2>, decrease_axis = array<i32: 0>, infer_flags = array<i32: 1>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["s"]} : (tensor<2xi64>) -> tensor<i64>
  return %s : tensor<i64>
}

// -----

// strided_slice: [1, 9) every 3rd element along dim 1 (1, 4, 7) is one
// strided extract_slice of ceil(8 / 3) = 3 elements.
// CHECK-LABEL: func.func @strided_slice
// CHECK:      tensor.extract_slice %arg0[0, 1] [%{{.*}}, 3] [1, 3] : tensor<?x10xf32> to tensor<?x3xf32>
func.func @strided_slice(%x: tensor<?x10xf32>) -> tensor<?x3xf32> {
  %y = pd.strided_slice %x {axes = array<i32: 1>, starts = array<i32: 1>, ends = array<i32: 9>, strides = array<i32: 3>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0>} : (tensor<?x10xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// A dynamic dim: the size is ceil((end - start) / stride) at run time.
// CHECK-LABEL: func.func @strided_slice_dynamic
// CHECK:      %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[B:.*]] = arith.minsi %{{.*}}, %[[N]]
// CHECK:      %[[E:.*]] = arith.minsi %{{.*}}, %[[N]]
// CHECK:      %[[D:.*]] = arith.subi %[[E]], %[[B]]
// CHECK:      %[[W:.*]] = arith.maxsi %[[D]]
// CHECK:      %[[S:.*]] = arith.ceildivsi %[[W]], %c2
// CHECK:      tensor.extract_slice %arg0[%[[B]]] [%[[S]]] [2]
func.func @strided_slice_dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = pd.strided_slice %x {axes = array<i32: 0>, starts = array<i32: 0>, ends = array<i32: 2147483647>, strides = array<i32: 2>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0>} : (tensor<?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}


// -----

// set_value of a tensor: the window's bounds clamp (start -2 of 3, end past
// the dim; every second column from 2), the [?, 1, 1] value broadcasts
// (its dynamic batch too, when it is 1 at run time), and Paddle's
// 0 - (0 - v) is what the window gets.
// CHECK-LABEL: func.func @set_value_window
// CHECK:      %[[VN:.*]] = tensor.dim %arg1, %c0
// CHECK:      %[[W:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x2x2xf32>)
// CHECK:        %[[N:.*]] = linalg.index 0
// CHECK:        %[[ONE:.*]] = arith.cmpi eq, %[[VN]], %c1
// CHECK:        %[[I:.*]] = arith.select %[[ONE]], %{{.*}}, %[[N]]
// CHECK:        %[[V:.*]] = tensor.extract %arg1[%[[I]], %{{.*}}, %{{.*}}]
// CHECK:        %[[NEG:.*]] = arith.subf %{{.*}}, %[[V]]
// CHECK:        %[[POS:.*]] = arith.subf %{{.*}}, %[[NEG]]
// CHECK:        linalg.yield %[[POS]]
// CHECK:      tensor.insert_slice %[[W]] into %arg0[0, 1, 2] [%{{.*}}, 2, 2] [1, 1, 2]
func.func @set_value_window(%x: tensor<?x3x6xf32> {pd.name = "x"}, %v: tensor<?x1x1xf32> {pd.name = "v"}) -> tensor<?x3x6xf32> {
  %y = pd.set_value %x, %v {axes = array<i64: 1, 2>, starts = array<i64: -2, 2>, ends = array<i64: 10, 2147483647>, steps = array<i64: 1, 2>, decrease_axes = array<i64>, none_axes = array<i64>, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<?x3x6xf32>, tensor<?x1x1xf32>) -> tensor<?x3x6xf32>
  return %y : tensor<?x3x6xf32>
}

// -----

// set_value of a scalar from its Scalars attribute into a decreased axis.
// CHECK-LABEL: func.func @set_value_scalar
// CHECK:      %[[C:.*]] = arith.constant dense<2.500000e+00> : tensor<1xf32>
// CHECK:      %[[W:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x1x6xf32>)
// CHECK:        tensor.extract %[[C]]
// CHECK:      tensor.insert_slice %[[W]] into %arg0[0, 1, 0] [%{{.*}}, 1, 6] [1, 1, 1]
func.func @set_value_scalar(%x: tensor<?x3x6xf32> {pd.name = "x"}) -> tensor<?x3x6xf32> {
  %y = pd.set_value %x {axes = array<i64: 1>, starts = array<i64: 1>, ends = array<i64: 2>, steps = array<i64: 1>, decrease_axes = array<i64: 1>, none_axes = array<i64>, shape = array<i64: 1>, dtype = 5 : i32, values = [{r = 2.5 : f64, type = 3 : i32}], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["y"]} : (tensor<?x3x6xf32>) -> tensor<?x3x6xf32>
  return %y : tensor<?x3x6xf32>
}

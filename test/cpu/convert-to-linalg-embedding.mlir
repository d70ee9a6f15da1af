// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// An embedding: one loop per index dim and one over the row; the index is
// clamped into W, and padding_idx's rows are zeros.
// CHECK:      #[[IDS:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @lookup_v2
// CHECK:      linalg.generic {indexing_maps = [#[[IDS]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<?x?xi64>) outs(%{{.*}} : tensor<?x?x8xf32>)
// CHECK:        %[[I:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:        %[[LO:.*]] = arith.maxsi %[[I]], %c0
// CHECK:        %[[ROW:.*]] = arith.minsi %[[LO]], %{{.*}}
// CHECK:        %[[D:.*]] = linalg.index 2
// CHECK:        %[[V:.*]] = tensor.extract %arg1[%[[ROW]], %[[D]]] : tensor<10x8xf32>
// CHECK:        %[[PAD:.*]] = arith.cmpi eq, %[[I]], %c0
// CHECK:        arith.select %[[PAD]], %{{.*}}, %[[V]] : f32
func.func @lookup_v2(%ids: tensor<?x?xi64> {pd.name = "ids"}, %w: tensor<10x8xf32>) -> tensor<?x?x8xf32> {
  %y = pd.lookup_table_v2 %ids, %w {padding_idx = 0 : i64, pd.names = ["y"]} : (tensor<?x?xi64>, tensor<10x8xf32>) -> tensor<?x?x8xf32>
  return %y : tensor<?x?x8xf32>
}

// -----

// fluid's lookup_table reads Ids [N, 1]: its index map adds the 0.
// CHECK:      #[[IDS:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @lookup_v1
// CHECK:      linalg.generic {indexing_maps = [#[[IDS]], #{{.*}}]{{.*}} outs(%{{.*}} : tensor<?x8xf32>)
// CHECK-NOT:    arith.cmpi
func.func @lookup_v1(%ids: tensor<?x1xi64> {pd.name = "ids"}, %w: tensor<10x8xf32>) -> tensor<?x8xf32> {
  %y = pd.lookup_table %w, %ids {padding_idx = -1 : i64, pd.names = ["y"]} : (tensor<10x8xf32>, tensor<?x1xi64>) -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// range of integers: (|end - start| + |step| - 1) / |step| elements (none
// for a zero step), start + i * step each.
// CHECK-LABEL: func.func @range_int
// CHECK:      %[[S:.*]] = tensor.extract %arg0
// CHECK:      %[[E:.*]] = tensor.extract %arg1
// CHECK:      %[[T:.*]] = tensor.extract %arg2
// CHECK:      %[[DIST:.*]] = math.absi
// CHECK:      %[[STRIDE:.*]] = math.absi %[[T]]
// CHECK:      arith.divsi %{{.*}}, %[[STRIDE]] : i64
// CHECK:      %[[ZERO:.*]] = arith.cmpi eq, %[[T]]
// CHECK:      arith.select %[[ZERO]]
// CHECK:      linalg.generic
// CHECK:        %[[M:.*]] = arith.muli %{{.*}}, %[[T]] : i64
// CHECK:        arith.addi %[[S]], %[[M]] : i64
func.func @range_int(%s: tensor<1xi64> {pd.name = "s"}, %e: tensor<i64> {pd.name = "e"}, %t: tensor<1xi64> {pd.name = "t"}) -> tensor<?xi64> {
  %y = pd.range %s, %e, %t {pd.names = ["y"]} : (tensor<1xi64>, tensor<i64>, tensor<1xi64>) -> tensor<?xi64>
  return %y : tensor<?xi64>
}

// -----

// range of floats: ceil(|(end - start) / step|) elements.
// CHECK-LABEL: func.func @range_float
// CHECK:      arith.divf
// CHECK:      math.absf
// CHECK:      math.ceil
// CHECK:      linalg.generic
// CHECK:        arith.mulf
// CHECK:        arith.addf
func.func @range_float(%s: tensor<1xf32> {pd.name = "s"}, %e: tensor<1xf32> {pd.name = "e"}, %t: tensor<1xf32> {pd.name = "t"}) -> tensor<?xf32> {
  %y = pd.range %s, %e, %t {pd.names = ["y"]} : (tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// fill_any_like: the input's dims, the result's dtype.
// CHECK-LABEL: func.func @fill_any_like
// CHECK:      %[[D0:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[D1:.*]] = tensor.dim %arg0, %c1
// CHECK:      %[[E:.*]] = tensor.empty(%[[D0]], %[[D1]]) : tensor<?x?xi64>
// CHECK:      linalg.fill ins(%c7_i64 : i64) outs(%[[E]] : tensor<?x?xi64>)
func.func @fill_any_like(%x: tensor<?x?xf32> {pd.name = "x"}) -> tensor<?x?xi64> {
  %y = pd.fill_any_like %x {value = 7.0 : f32, dtype = 3 : i32, pd.names = ["y"]} : (tensor<?x?xf32>) -> tensor<?x?xi64>
  return %y : tensor<?x?xi64>
}

// -----

// fill_zeros_like: zeros of the input's dims and type; fill_zeros_like2:
// of its dtype.
// CHECK-LABEL: func.func @fill_zeros_like
// CHECK:      %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x4xf32>
// CHECK:      %[[Z:.*]] = linalg.fill ins(%cst : f32) outs(%[[E]] : tensor<?x4xf32>)
// CHECK:      %[[E2:.*]] = tensor.empty(%{{.*}}) : tensor<?x4xi64>
// CHECK:      %[[Z2:.*]] = linalg.fill ins(%c0_i64 : i64) outs(%[[E2]] : tensor<?x4xi64>)
// CHECK:      return %[[Z]], %[[Z2]]
func.func @fill_zeros_like(%x: tensor<?x4xf32> {pd.name = "x"}) -> (tensor<?x4xf32>, tensor<?x4xi64>) {
  %y = pd.fill_zeros_like %x {pd.names = ["y"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %z = pd.fill_zeros_like2 %x {dtype = 3 : i32, pd.names = ["z"]} : (tensor<?x4xf32>) -> tensor<?x4xi64>
  return %y, %z : tensor<?x4xf32>, tensor<?x4xi64>
}

// -----

// sum: the inputs added in order, element by element.
// CHECK-LABEL: func.func @sum
// CHECK:      linalg.generic {{.*}} ins(%arg0, %arg1, %arg2 : tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK:      ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[C:.*]]: f32, %{{.*}}: f32):
// CHECK:        %[[AB:.*]] = arith.addf %[[A]], %[[B]] : f32
// CHECK:        %[[ABC:.*]] = arith.addf %[[AB]], %[[C]] : f32
// CHECK:        linalg.yield %[[ABC]]
func.func @sum(%x: tensor<?x4xf32> {pd.name = "x"}, %y: tensor<?x4xf32> {pd.name = "y"}, %z: tensor<?x4xf32> {pd.name = "z"}) -> tensor<?x4xf32> {
  %s = pd.sum %x, %y, %z {pd.names = ["s"]} : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %s : tensor<?x4xf32>
}

// -----

// fill_constant of a shape known at run time: one element of each
// ShapeTensorList tensor, the value from the attribute.
// CHECK-LABEL: func.func @fill_shape_list
// CHECK:      %[[B:.*]] = tensor.extract %arg0[] : tensor<i64>
// CHECK:      %[[BI:.*]] = arith.index_cast %[[B]] : i64 to index
// CHECK:      %[[F:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<1xi32>
// CHECK:      %[[F64:.*]] = arith.extsi %[[F]] : i32 to i64
// CHECK:      %[[FI:.*]] = arith.index_cast %[[F64]] : i64 to index
// CHECK:      %[[E:.*]] = tensor.empty(%[[BI]], %[[FI]]) : tensor<?x?xf32>
// CHECK:      linalg.fill ins(%cst : f32) outs(%[[E]] : tensor<?x?xf32>)
func.func @fill_shape_list(%b: tensor<i64> {pd.name = "b"}, %f: tensor<1xi32> {pd.name = "f"}) -> tensor<?x?xf32> {
  %y = pd.fill_constant %b, %f {shape = array<i64>, value = 1.5 : f32, str_value = "", dtype = 5 : i32, force_cpu = false, operandSegmentSizes = array<i32: 0, 0, 2>, pd.names = ["y"]} : (tensor<i64>, tensor<1xi32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// full_with_tensor's form: the value and the shape as tensors.
// CHECK-LABEL: func.func @fill_shape_tensor
// CHECK:      tensor.extract %arg1
// CHECK:      tensor.extract %arg1
// CHECK:      %[[V:.*]] = tensor.extract %arg0
// CHECK:      %[[E:.*]] = tensor.empty
// CHECK:      linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<?x?xf32>)
func.func @fill_shape_tensor(%v: tensor<1xf32> {pd.name = "v"}, %s: tensor<2xi64> {pd.name = "s"}) -> tensor<?x?xf32> {
  %y = pd.fill_constant %v, %s {shape = array<i64>, value = 0.0 : f32, str_value = "", dtype = 5 : i32, force_cpu = false, operandSegmentSizes = array<i32: 1, 1, 0>, pd.names = ["y"]} : (tensor<1xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

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

// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file | FileCheck %s

// bitwise ops broadcast as elementwise ops do; not is xor with all ones.
// CHECK-LABEL: func.func @bits
// CHECK:      %[[AND:.*]] = linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<?x4xi32>, tensor<4xi32>) outs(%{{.*}} : tensor<?x4xi32>)
// CHECK:        arith.andi
// CHECK:      linalg.generic {{.*}} ins(%[[AND]] : tensor<?x4xi32>)
// CHECK:        %[[ONES:.*]] = arith.constant -1 : i32
// CHECK:        arith.xori %{{.*}}, %[[ONES]] : i32
func.func @bits(%x: tensor<?x4xi32>, %y: tensor<4xi32>) -> tensor<?x4xi32> {
  %a = pd.bitwise_and %x, %y : (tensor<?x4xi32>, tensor<4xi32>) -> tensor<?x4xi32>
  %n = pd.bitwise_not %a : (tensor<?x4xi32>) -> tensor<?x4xi32>
  return %n : tensor<?x4xi32>
}

// -----

// Of bools, xor with true.
// CHECK-LABEL: func.func @bool_bits
// CHECK:        arith.ori %{{.*}}, %{{.*}} : i1
// CHECK:        arith.xori %{{.*}}, %true : i1
func.func @bool_bits(%x: tensor<3xi1>, %y: tensor<3xi1>) -> tensor<3xi1> {
  %o = pd.bitwise_or %x, %y : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %n = pd.bitwise_not %o : (tensor<3xi1>) -> tensor<3xi1>
  return %n : tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @atan2
// CHECK:        math.atan2 %{{.*}}, %{{.*}} : f32
func.func @atan2(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %z = pd.atan2 %x, %y : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %z : tensor<?x4xf32>
}

// -----

// bmm: one batch dim, k reduced innermost.
// CHECK: #[[X:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK: #[[Y:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-LABEL: func.func @bmm
// CHECK:      linalg.generic {indexing_maps = [#[[X]], #[[Y]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%arg0, %arg1 : tensor<?x4x6xf32>, tensor<?x6x3xf32>) outs(%{{.*}} : tensor<?x4x3xf32>)
func.func @bmm(%x: tensor<?x4x6xf32>, %y: tensor<?x6x3xf32>) -> tensor<?x4x3xf32> {
  %z = pd.bmm %x, %y : (tensor<?x4x6xf32>, tensor<?x6x3xf32>) -> tensor<?x4x3xf32>
  return %z : tensor<?x4x3xf32>
}

// -----

// mv: the vector as a column, the product's unit column dropped.
// CHECK-LABEL: func.func @mv
// CHECK:      %[[COL:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1]] output_shape [6, 1] : tensor<6xf32> into tensor<6x1xf32>
// CHECK:      %[[P:.*]] = linalg.generic {{.*}} ins(%arg0, %[[COL]] : tensor<4x6xf32>, tensor<6x1xf32>) outs(%{{.*}} : tensor<4x1xf32>)
// CHECK:      tensor.collapse_shape %[[P]] {{\[}}[0, 1]] : tensor<4x1xf32> into tensor<4xf32>
func.func @mv(%x: tensor<4x6xf32>, %v: tensor<6xf32>) -> tensor<4xf32> {
  %z = pd.mv %x, %v : (tensor<4x6xf32>, tensor<6xf32>) -> tensor<4xf32>
  return %z : tensor<4xf32>
}

// -----

// matmul_v2 of two vectors (numpy's rule): a row times a column, a scalar.
// CHECK-LABEL: func.func @vector_product
// CHECK:      tensor.expand_shape %arg0 {{\[}}[0, 1]] output_shape [1, %{{.*}}] : tensor<?xf32> into tensor<1x?xf32>
// CHECK:      tensor.expand_shape %arg1 {{\[}}[0, 1]] output_shape [%{{.*}}, 1] : tensor<?xf32> into tensor<?x1xf32>
// CHECK:      tensor.collapse_shape %{{.*}} [] : tensor<1x1xf32> into tensor<f32>
func.func @vector_product(%x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<f32> {
  %z = pd.matmul_v2 %x, %y {trans_x = true} : (tensor<?xf32>, tensor<?xf32>) -> tensor<f32>
  return %z : tensor<f32>
}

// -----

// dot of rows: products, then a sum over the last dim.
// CHECK-LABEL: func.func @dot
// CHECK:      %[[M:.*]] = linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<?x6xf32>, tensor<?x6xf32>)
// CHECK:        arith.mulf
// CHECK:      linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[M]] : tensor<?x6xf32>) outs(%{{.*}} : tensor<?xf32>)
// CHECK:        arith.addf
func.func @dot(%x: tensor<?x6xf32>, %y: tensor<?x6xf32>) -> tensor<?xf32> {
  %z = pd.dot %x, %y : (tensor<?x6xf32>, tensor<?x6xf32>) -> tensor<?xf32>
  return %z : tensor<?xf32>
}

// -----

// logsumexp: the max (dims kept) shifts the exponentials; the kept max is
// collapsed to add it back.
// CHECK-LABEL: func.func @logsumexp
// CHECK:      %[[MAX:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x1xf32>)
// CHECK:        arith.maximumf
// CHECK:      %[[E:.*]] = linalg.generic {{.*}} ins(%arg0, %[[MAX]] : tensor<?x4x6xf32>, tensor<?x4x1xf32>)
// CHECK:        arith.subf
// CHECK:        math.exp
// CHECK:      %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[E]] : tensor<?x4x6xf32>) outs(%{{.*}} : tensor<?x4xf32>)
// CHECK:      %[[M:.*]] = tensor.collapse_shape %[[MAX]] {{\[}}[0], [1, 2]] : tensor<?x4x1xf32> into tensor<?x4xf32>
// CHECK:      linalg.generic {{.*}} ins(%[[M]], %[[SUM]] : tensor<?x4xf32>, tensor<?x4xf32>)
// CHECK:        math.log
// CHECK:        arith.addf
func.func @logsumexp(%x: tensor<?x4x6xf32>) -> tensor<?x4xf32> {
  %z = pd.logsumexp %x {axis = array<i32: -1>} : (tensor<?x4x6xf32>) -> tensor<?x4xf32>
  return %z : tensor<?x4xf32>
}

// -----

// reduce_any of floats: each element is true where it is not zero.
// CHECK-LABEL: func.func @any
// CHECK:      linalg.fill ins(%false : i1)
// CHECK:      iterator_types = ["reduction", "parallel"]
// CHECK:        arith.cmpf une
// CHECK:        arith.ori
func.func @any(%x: tensor<?x4xf32>) -> tensor<1x4xi1> {
  %z = pd.reduce_any %x {dim = array<i32: 0>, keep_dim = true, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x4xf32>) -> tensor<1x4xi1>
  return %z : tensor<1x4xi1>
}

// -----

// size: the product of the dims, one int64.
// CHECK-LABEL: func.func @size
// CHECK:      %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[P:.*]] = arith.muli %{{.*}}, %[[N]] : index
// CHECK:      %[[Q:.*]] = arith.muli %[[P]], %c6 : index
// CHECK:      %[[I:.*]] = arith.index_cast %[[Q]] : index to i64
// CHECK:      tensor.from_elements %[[I]] : tensor<i64>
func.func @size(%x: tensor<?x6xf32>) -> tensor<i64> {
  %z = pd.size %x : (tensor<?x6xf32>) -> tensor<i64>
  return %z : tensor<i64>
}

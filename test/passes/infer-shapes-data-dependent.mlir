// RUN: pd-opt %s --pd-infer-shapes | FileCheck %s
// Rows an op keeps by its data stay dynamic whatever the program declared:
// Paddle declares matrix_nms's rows as the box count (12 here).

// CHECK-LABEL: func.func @declared_rows
// CHECK:      pd.matrix_nms {{.*}} -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>)
// CHECK:      pd.scale {{.*}} : (tensor<?x6xf32>) -> tensor<?x6xf32>
func.func @declared_rows(%b: tensor<?x12x4xf32>, %s: tensor<?x3x12xf32>) -> tensor<12x6xf32> {
  %o, %i, %n = pd.matrix_nms %b, %s {resultSegmentSizes = array<i32: 1, 1, 1>} : (tensor<?x12x4xf32>, tensor<?x3x12xf32>) -> (tensor<12x6xf32>, tensor<12x1xi32>, tensor<?xi32>)
  %y = pd.scale %o {operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<12x6xf32>) -> tensor<12x6xf32>
  return %y : tensor<12x6xf32>
}

// An op without the trait keeps a declared static dim its rule leaves open.
// CHECK-LABEL: func.func @declared_kept
// CHECK:      pd.scale {{.*}} : (tensor<?x6xf32>) -> tensor<4x6xf32>
func.func @declared_kept(%x: tensor<?x6xf32>) -> tensor<4x6xf32> {
  %y = pd.scale %x {operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x6xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

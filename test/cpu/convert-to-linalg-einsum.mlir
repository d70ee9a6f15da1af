// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// A batched product: loops b, i, k (the output's) then j, reduced; one
// generic multiplies the operands and adds into the zero-filled output.
// CHECK-DAG:  #[[X:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:  #[[Y:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG:  #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @batched_product
// CHECK:      %[[B:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[INIT:.*]] = linalg.fill {{.*}} outs(%{{.*}} : tensor<?x3x5xf32>)
// CHECK:      linalg.generic {indexing_maps = [#[[X]], #[[Y]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%arg0, %arg1 : tensor<?x3x4xf32>, tensor<?x4x5xf32>) outs(%[[INIT]] : tensor<?x3x5xf32>)
// CHECK:        arith.mulf
// CHECK:        arith.addf
func.func @batched_product(%x: tensor<?x3x4xf32> {pd.name = "x"}, %y: tensor<?x4x5xf32> {pd.name = "y"}) -> tensor<?x3x5xf32> {
  %o = pd.einsum %x, %y {equation = "bij,bjk->bik", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]}
      : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<?x3x5xf32>
  return %o : tensor<?x3x5xf32>
}

// -----

// A repeated label reads a diagonal; an implicit output keeps the labels
// that appear once, in ASCII order ("ji" transposes).
// CHECK-DAG:  #[[Z:.*]] = affine_map<(d0, d1) -> (d0, d1, d1)>
// CHECK-DAG:  #[[D:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:  #[[T:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @diagonal
// CHECK:      linalg.generic {indexing_maps = [#[[Z]], #[[D]]], iterator_types = ["parallel", "parallel"]}
// CHECK-LABEL: func.func @implicit_output
// CHECK:      linalg.generic {indexing_maps = [#[[T]], #[[D]]], iterator_types = ["parallel", "parallel"]} ins(%arg0 : tensor<4x3xf32>) outs(%{{.*}} : tensor<3x4xf32>)
func.func @diagonal(%z: tensor<?x3x3xf32> {pd.name = "z"}) -> tensor<?x3xf32> {
  %o = pd.einsum %z {equation = "bii->bi", operandSegmentSizes = array<i32: 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]}
      : (tensor<?x3x3xf32>) -> tensor<?x3xf32>
  return %o : tensor<?x3xf32>
}
func.func @implicit_output(%z: tensor<4x3xf32> {pd.name = "z"}) -> tensor<3x4xf32> {
  %o = pd.einsum %z {equation = "ji", operandSegmentSizes = array<i32: 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]}
      : (tensor<4x3xf32>) -> tensor<3x4xf32>
  return %o : tensor<3x4xf32>
}

// -----

// An ellipsis stands for the leading dims, right-aligned across operands;
// a dim of 1 there broadcasts (read at 0).
// CHECK-DAG:  #[[A:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:  #[[B:.*]] = affine_map<(d0, d1, d2, d3) -> (0, d3, d2)>
// CHECK-DAG:  #[[O:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @ellipsis_broadcast
// CHECK:      linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[O]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
func.func @ellipsis_broadcast(%a: tensor<2x3x4xf32> {pd.name = "a"}, %b: tensor<1x4x5xf32> {pd.name = "b"}) -> tensor<2x3x5xf32> {
  %o = pd.einsum %a, %b {equation = "...ij,...jk->...ik", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]}
      : (tensor<2x3x4xf32>, tensor<1x4x5xf32>) -> tensor<2x3x5xf32>
  return %o : tensor<2x3x5xf32>
}

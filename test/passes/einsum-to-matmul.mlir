// RUN: pd-opt %s --split-input-file --pd-einsum-to-matmul | FileCheck %s

// A batched product is matmul_v2 as it stands; attention's scores read
// the keys transposed (trans_y), with no copy.
// CHECK-LABEL: func.func @products
// CHECK:      %[[A:.*]] = pd.matmul_v2 %arg0, %arg1 {pd.names = ["a"], trans_x = false, trans_y = false} : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<?x3x5xf32>
// CHECK:      %[[S:.*]] = pd.matmul_v2 %arg2, %arg3 {pd.names = ["s"], trans_x = false, trans_y = true} : (tensor<?x2x6x8xf32>, tensor<?x2x7x8xf32>) -> tensor<?x2x6x7xf32>
// CHECK-NOT:  pd.einsum
// CHECK:      return %[[A]], %[[S]]
func.func @products(%x: tensor<?x3x4xf32>, %y: tensor<?x4x5xf32>, %q: tensor<?x2x6x8xf32>, %k: tensor<?x2x7x8xf32>)
    -> (tensor<?x3x5xf32>, tensor<?x2x6x7xf32>) {
  %a = pd.einsum %x, %y {equation = "bij,bjk->bik", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a"]}
      : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<?x3x5xf32>
  %s = pd.einsum %q, %k {equation = "bhqd,bhkd->bhqk", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["s"]}
      : (tensor<?x2x6x8xf32>, tensor<?x2x7x8xf32>) -> tensor<?x2x6x7xf32>
  return %a, %s : tensor<?x3x5xf32>, tensor<?x2x6x7xf32>
}

// -----

// A weight through an ellipsis: every other dim of x is a row of one
// product with the shared [K, N] weight. With the operands the other way
// round and the output's dims in another order, x is transposed to
// [rows, K] and the product to the output's order.
// CHECK-LABEL: func.func @shared_weight
// CHECK:      %[[P:.*]] = pd.matmul_v2 %arg0, %arg1 {pd.names = ["p"], trans_x = false, trans_y = false} : (tensor<?x3x4xf32>, tensor<4x5xf32>) -> tensor<?x3x5xf32>
// CHECK:      %[[L:.*]] = pd.transpose2 %arg0 {axis = array<i32: 1, 0, 2>, pd.names = ["r.lhs"]}
// CHECK:      %[[M:.*]] = pd.matmul_v2 %[[L]], %arg1 {pd.names = ["r.product"], trans_x = false, trans_y = false} : (tensor<3x?x4xf32>, tensor<4x5xf32>) -> tensor<3x?x5xf32>
// CHECK:      %[[R:.*]] = pd.transpose2 %[[M]] {axis = array<i32: 2, 0, 1>, pd.names = ["r"]} : (tensor<3x?x5xf32>) -> tensor<5x3x?xf32>
// CHECK:      return %[[P]], %[[R]]
func.func @shared_weight(%x: tensor<?x3x4xf32>, %w: tensor<4x5xf32>) -> (tensor<?x3x5xf32>, tensor<5x3x?xf32>) {
  %p = pd.einsum %x, %w {equation = "...j,jk->...k", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["p"]}
      : (tensor<?x3x4xf32>, tensor<4x5xf32>) -> tensor<?x3x5xf32>
  %r = pd.einsum %w, %x {equation = "jk,bij->kib", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["r"]}
      : (tensor<4x5xf32>, tensor<?x3x4xf32>) -> tensor<5x3x?xf32>
  return %p, %r : tensor<?x3x5xf32>, tensor<5x3x?xf32>
}

// -----

// What is not one matrix product stays: a diagonal, a sum over one
// operand's own dim, an outer product (no contracted label), two
// contracted labels, a dim of 1 broadcast against the other operand's.
// CHECK-LABEL: func.func @not_products
// CHECK-COUNT-5: pd.einsum
// CHECK-NOT:  pd.matmul_v2
func.func @not_products(%z: tensor<?x3x3xf32>, %x: tensor<?x3x4xf32>, %y: tensor<?x4x5xf32>,
                        %a: tensor<2x3x4xf32>, %b: tensor<1x4x5xf32>) {
  %0 = pd.einsum %z {equation = "bii->bi", operandSegmentSizes = array<i32: 1>, resultSegmentSizes = array<i32: 1, 0, 0>}
      : (tensor<?x3x3xf32>) -> tensor<?x3xf32>
  %1 = pd.einsum %x, %y {equation = "bij,bjk->bk", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>}
      : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<?x5xf32>
  %2 = pd.einsum %x, %y {equation = "bij,bkl->bijkl", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>}
      : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<?x3x4x4x5xf32>
  %3 = pd.einsum %x, %x {equation = "bij,bij->b", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>}
      : (tensor<?x3x4xf32>, tensor<?x3x4xf32>) -> tensor<?xf32>
  %4 = pd.einsum %a, %b {equation = "...ij,...jk->...ik", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>}
      : (tensor<2x3x4xf32>, tensor<1x4x5xf32>) -> tensor<2x3x5xf32>
  return
}

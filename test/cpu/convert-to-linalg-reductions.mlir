// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file | FileCheck %s

// reduce_sum over dim 1, kept as size 1: the reduced dim maps to 0.
// CHECK: #[[KEPT:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-LABEL: func.func @sum
// CHECK:      %[[ZERO:.*]] = linalg.fill ins(%cst : f32)
// CHECK:      linalg.generic {indexing_maps = [#{{.*}}, #[[KEPT]]], iterator_types = ["parallel", "reduction", "parallel"]} ins(%arg0 : {{.*}}) outs(%[[ZERO]]
// CHECK:        arith.addf
func.func @sum(%x: tensor<?x4x5xf32>) -> tensor<?x1x5xf32> {
  %y = pd.reduce_sum %x {dim = array<i32: 1>, keep_dim = true} : (tensor<?x4x5xf32>) -> tensor<?x1x5xf32>
  return %y : tensor<?x1x5xf32>
}

// -----

// out_dtype: bools summed as int64.
// CHECK-LABEL: func.func @sum_into
// CHECK:        %[[ONE:.*]] = arith.extui %in : i1 to i64
// CHECK:        arith.addi %[[ONE]], %out : i64
func.func @sum_into(%x: tensor<3x4xi1>) -> tensor<3xi64> {
  %y = pd.reduce_sum %x {dim = array<i32: 1>, out_dtype = 3 : i32} : (tensor<3x4xi1>) -> tensor<3xi64>
  return %y : tensor<3xi64>
}

// -----

// reduce_max starts from -inf; reduce_all folds every dim.
// CHECK-LABEL: func.func @max
// CHECK:      %[[LOW:.*]] = arith.constant 0xFF800000 : f32
// CHECK:      linalg.fill ins(%[[LOW]]
// CHECK:      iterator_types = ["reduction", "reduction"]
// CHECK:        arith.maximumf
func.func @max(%x: tensor<?x4xf32>) -> tensor<f32> {
  %y = pd.reduce_max %x {reduce_all = true} : (tensor<?x4xf32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

// arg_max carries the best value and its index; the first of equal values
// wins (a strictly greater one replaces it); keepdims gives the dim back.
// CHECK-LABEL: func.func @argmax
// CHECK:      %[[BEST:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK:        %[[GT:.*]] = arith.cmpf ogt, %in, %out : f32
// CHECK:        %[[I:.*]] = linalg.index 1 : index
// CHECK:        %[[FIRST:.*]] = arith.cmpi eq, %[[I]]
// CHECK:        %[[TAKE:.*]] = arith.ori %[[GT]], %[[FIRST]]
// CHECK:        %[[IDX:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK:        arith.select %[[TAKE]], %[[IDX]], %out_0 : i64
// CHECK:      linalg.generic {{.*}} ins(%[[BEST]]#1 : tensor<?x5xi64>) outs(%{{.*}} : tensor<?x1x5xi64>)
func.func @argmax(%x: tensor<?x4x5xf32>) -> tensor<?x1x5xi64> {
  %y = pd.arg_max %x {axis = 1 : i64, keepdims = true, dtype = 3 : i32} : (tensor<?x4x5xf32>) -> tensor<?x1x5xi64>
  return %y : tensor<?x1x5xi64>
}

// -----

// cumsum walks its axis (from the end with reverse) with a running sum of
// the other dims; exclusive writes the sum before adding the step's slice.
// CHECK-LABEL: func.func @cumsum
// CHECK:      %[[LAST:.*]] = arith.subi %c6, %c1
// CHECK:      scf.for %[[STEP:.*]] = %{{.*}} to %c6 step %c1 iter_args(%[[SUM:.*]] = %{{.*}}, %[[OUT:.*]] = %{{.*}})
// CHECK:        %[[AT:.*]] = arith.subi %[[LAST]], %[[STEP]]
// CHECK:        %[[ROW:.*]] = tensor.extract_slice %arg0[0, %[[AT]]] [%{{.*}}, 1] [1, 1] : tensor<?x6xf32> to tensor<?xf32>
// CHECK:        %[[NEXT:.*]] = linalg.generic {{.*}} ins(%[[SUM]], %[[ROW]]
// CHECK:        %[[W:.*]] = tensor.insert_slice %[[SUM]] into %[[OUT]][0, %[[AT]]]
// CHECK:        scf.yield %[[NEXT]], %[[W]]
func.func @cumsum(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %y = pd.cumsum %x {axis = 1 : i32, reverse = true, exclusive = true} : (tensor<?x6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

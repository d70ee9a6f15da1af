// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// Comparisons broadcast as elementwise ops do (y aligned with x's last dim)
// and give bools; logical_not flips them.
// CHECK-LABEL: func.func @compare
// CHECK: %[[LT:.*]] = linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<?x4xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<?x4xi1>)
// CHECK:   arith.cmpf olt
// CHECK: linalg.generic {{.*}} ins(%[[LT]] : tensor<?x4xi1>)
// CHECK:   arith.xori %{{.*}}, %true
func.func @compare(%x: tensor<?x4xf32> {pd.name = "x"}, %y: tensor<4xf32> {pd.name = "y"}) -> tensor<?x4xi1> {
  %c = pd.less_than %x, %y {axis = -1 : i32, pd.names = ["c"]} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xi1>
  %n = pd.logical_not %c {pd.names = ["n"]} : (tensor<?x4xi1>) -> tensor<?x4xi1>
  return %n : tensor<?x4xi1>
}

// -----

// A bool becomes 0 or 1.
// CHECK-LABEL: func.func @cast
// CHECK: arith.extui %{{.*}} : i1 to i32
func.func @cast(%x: tensor<3xi1> {pd.name = "x"}) -> tensor<3xi32> {
  %y = pd.cast %x {in_dtype = 0 : i32, out_dtype = 2 : i32, pd.names = ["y"]} : (tensor<3xi1>) -> tensor<3xi32>
  return %y : tensor<3xi32>
}

// -----

// select_input picks X[Mask]; inputs with more static dims are cast to the
// result type.
// CHECK-LABEL: func.func @select
// CHECK: %[[M:.*]] = tensor.extract %arg2[%{{.*}}] : tensor<1xi32>
// CHECK: %[[M64:.*]] = arith.extsi %[[M]] : i32 to i64
// CHECK: %[[IS1:.*]] = arith.cmpi eq, %[[M64]], %c1_i64
// CHECK: %[[B:.*]] = tensor.cast %arg1 : tensor<2x4xf32> to tensor<?x4xf32>
// CHECK: %[[S:.*]] = arith.select %[[IS1]], %[[B]], %arg0 : tensor<?x4xf32>
// CHECK: return %[[S]]
func.func @select(%a: tensor<?x4xf32> {pd.name = "a"}, %b: tensor<2x4xf32> {pd.name = "b"}, %m: tensor<1xi32> {pd.name = "m"}) -> tensor<?x4xf32> {
  %s = pd.select_input %a, %b, %m {pd.names = ["s"]} : (tensor<?x4xf32>, tensor<2x4xf32>, tensor<1xi32>) -> tensor<?x4xf32>
  return %s : tensor<?x4xf32>
}

// -----

// fill_constant takes str_value over value when it is set.
// CHECK-LABEL: func.func @fill
// CHECK: %[[C:.*]] = arith.constant dense<7> : tensor<2xi64>
// CHECK: return %[[C]]
func.func @fill() -> tensor<2xi64> {
  %f = pd.fill_constant {dtype = 3 : i32, shape = array<i64: 2>, value = 0.0 : f32, str_value = "7", pd.names = ["f"], operandSegmentSizes = array<i32: 0, 0, 0>} : () -> tensor<2xi64>
  return %f : tensor<2xi64>
}

// -----

// reduce_mean with no dims: the sum over all of them over their count,
// which is dynamic here.
// CHECK-LABEL: func.func @mean
// CHECK: %[[DIM:.*]] = tensor.dim %arg0
// CHECK: %[[COUNT:.*]] = arith.sitofp
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK:   arith.addf
// CHECK: linalg.generic {{.*}} ins(%[[SUM]] : tensor<f32>)
// CHECK:   arith.divf %{{.*}}, %[[COUNT]]
func.func @mean(%x: tensor<?x4xf32> {pd.name = "x"}) -> tensor<f32> {
  %m = pd.reduce_mean %x {dim = array<i32>, keep_dim = false, pd.names = ["m"]} : (tensor<?x4xf32>) -> tensor<f32>
  return %m : tensor<f32>
}

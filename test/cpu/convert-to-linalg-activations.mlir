// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// silu as Paddle's SiluFunctor computes it, x / (1 + exp(-x)); abs.
// CHECK-LABEL: func.func @silu_abs
// CHECK:       linalg.generic
// CHECK:         %[[N:.*]] = arith.negf %in
// CHECK:         %[[E:.*]] = math.exp %[[N]]
// CHECK:         %[[D:.*]] = arith.addf %{{.*}}, %[[E]]
// CHECK:         arith.divf %in, %[[D]]
// CHECK:       linalg.generic
// CHECK:         math.absf
func.func @silu_abs(%x: tensor<?x8xf32> {pd.name = "x"}) -> tensor<?x8xf32> {
  %s = pd.silu %x {pd.names = ["s"]} : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %a = pd.abs %s {pd.names = ["a"]} : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %a : tensor<?x8xf32>
}

// -----

// leaky_relu: x where x > 0, alpha * x elsewhere.
// CHECK-LABEL: func.func @leaky_relu
// CHECK:         %[[ALPHA:.*]] = arith.constant 1.000000e-01 : f32
// CHECK:         %[[S:.*]] = arith.mulf %[[ALPHA]], %in : f32
// CHECK:         %[[P:.*]] = arith.cmpf ogt, %in, %{{.*}} : f32
// CHECK:         arith.select %[[P]], %in, %[[S]] : f32
func.func @leaky_relu(%x: tensor<4xf32> {pd.name = "x"}) -> tensor<4xf32> {
  %y = pd.leaky_relu %x {alpha = 0.1 : f32, pd.names = ["y"]} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// clip: below min is min, above max is max; pow 2 is a product, other
// powers math.powf.
// CHECK-LABEL: func.func @clip_pow
// CHECK-DAG:     %[[LO:.*]] = arith.constant -5.000000e-01 : f32
// CHECK-DAG:     %[[HI:.*]] = arith.constant 2.500000e+00 : f32
// CHECK:         %[[B:.*]] = arith.cmpf olt, %in, %[[LO]]
// CHECK:         %[[A:.*]] = arith.cmpf ogt, %in, %[[HI]]
// CHECK:         %[[M:.*]] = arith.select %[[A]], %[[HI]], %in
// CHECK:         arith.select %[[B]], %[[LO]], %[[M]]
// CHECK:       linalg.generic
// CHECK:         arith.mulf %in, %in
// CHECK:       linalg.generic
// CHECK:         math.powf %in, %{{.*}} : f32
func.func @clip_pow(%x: tensor<4xf32> {pd.name = "x"}) -> tensor<4xf32> {
  %c = pd.clip %x {min = -0.5 : f32, max = 2.5 : f32, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["c"]} : (tensor<4xf32>) -> tensor<4xf32>
  %s = pd.pow %c {factor = 2.0 : f32, pd.names = ["s"]} : (tensor<4xf32>) -> tensor<4xf32>
  %p = pd.pow %s {factor = 1.5 : f32, pd.names = ["p"]} : (tensor<4xf32>) -> tensor<4xf32>
  return %p : tensor<4xf32>
}

// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// A recorded scale (InScale's one element), ties to even: the step factor
// is bin * inv(s) (inv(s) = 1 / (s + 1e-6) for s <= 1e-30), the rounded
// value is clamped to [-bin - 1, bin], then scaled back as q * s / bin:
// Paddle's order of operations, so the floats are its.
// CHECK-LABEL: func.func @recorded
// CHECK:      %[[S:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<1xf32>
// CHECK:      linalg.generic
// CHECK:        %[[TINY:.*]] = arith.cmpf ole, %[[S]], %{{.*}} : f32
// CHECK:        %[[EPS:.*]] = arith.addf %[[S]], %{{.*}} : f32
// CHECK:        %[[D:.*]] = arith.select %[[TINY]], %[[EPS]], %[[S]]
// CHECK:        %[[INV:.*]] = arith.divf %{{.*}}, %[[D]]
// CHECK:        %[[F:.*]] = arith.mulf %[[BIN:.*]], %[[INV]] : f32
// CHECK:        %[[X:.*]] = arith.mulf %[[F]], %in : f32
// CHECK:        %[[Q:.*]] = math.roundeven %[[X]] : f32
// CHECK:        arith.cmpf ogt, %[[Q]]
// CHECK:        %[[LOW:.*]] = arith.select
// CHECK:        %[[C:.*]] = arith.select
// CHECK:        %[[QS:.*]] = arith.mulf %[[C]], %[[S]] : f32
// CHECK:        %[[OUT:.*]] = arith.divf %[[QS]], %{{.*}} : f32
// CHECK:        linalg.yield %[[OUT]]
func.func @recorded(%x: tensor<?x6xf32>, %s: tensor<1xf32>) -> tensor<?x6xf32> {
  %o, %os = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {bit_length = 8 : i32, is_test = true, round_type = 0 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<?x6xf32>, tensor<1xf32>) -> (tensor<?x6xf32>, tensor<1xf32>)
  return %o : tensor<?x6xf32>
}

// -----

// Channel-wise along dim 1 (a Linear's weight [in, out]), ties away from
// zero: each column's abs max is its scale; X is clipped to [-s, s] first.
// CHECK-LABEL: func.func @channel_wise
// CHECK:      %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK:        math.absf
// CHECK:        arith.maximumf
// CHECK:      linalg.generic {{.*}} ins(%arg0, %[[MAX]] : tensor<8x5xf32>, tensor<5xf32>)
// CHECK:        %[[NEG:.*]] = arith.negf %in_0
// CHECK:        %[[ABOVE:.*]] = arith.cmpf ogt, %in, %in_0
// CHECK:        %[[HIGH:.*]] = arith.select %[[ABOVE]], %in_0, %in
// CHECK:        %[[BELOW:.*]] = arith.cmpf olt, %in, %[[NEG]]
// CHECK:        %[[CLIP:.*]] = arith.select %[[BELOW]], %[[NEG]], %[[HIGH]]
// CHECK:        %[[X:.*]] = arith.mulf %{{.*}}, %[[CLIP]]
// CHECK:        math.round %[[X]] : f32
func.func @channel_wise(%w: tensor<8x5xf32>) -> tensor<8x5xf32> {
  %o, %os = pd.fake_channel_wise_quantize_dequantize_abs_max %w {bit_length = 8 : i32, round_type = 1 : i32, quant_axis = 1 : i32} : (tensor<8x5xf32>) -> (tensor<8x5xf32>, tensor<5xf32>)
  return %o : tensor<8x5xf32>
}

// -----

// quantize_linear stops at the step q (a float), its bins from qmax where
// the op has it (bit_length says 8, qmax 7 wins).
// CHECK-LABEL: func.func @quantize_linear
// CHECK:      %[[S:.*]] = tensor.extract %arg1
// CHECK:      linalg.generic
// CHECK:        arith.constant 7.000000e+00 : f32
// CHECK-NEXT:   %[[F:.*]] = arith.mulf
// CHECK-NEXT:   %[[X:.*]] = arith.mulf %[[F]], %in : f32
// CHECK:        %[[Q:.*]] = math.roundeven %[[X]] : f32
// CHECK:        arith.select
// CHECK:        %[[C:.*]] = arith.select
// CHECK-NEXT:   linalg.yield %[[C]]
func.func @quantize_linear(%x: tensor<?x6xf32>, %s: tensor<1xf32>, %z: tensor<1xf32>) -> tensor<?x6xf32> {
  %y = pd.quantize_linear %x, %s, %z {bit_length = 8 : i32, qmax = 7 : i32, quant_axis = -1 : i32, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<?x6xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<?x6xf32>)
  return %y : tensor<?x6xf32>
}

// -----

// dequantize_linear along dim 0 (a conv's output channels): q * s / bins
// with s the channel's scale; quant_axis defaults to 0.
// CHECK-LABEL: func.func @dequantize_linear
// CHECK:      linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<8x3x3x3xf32>, tensor<8xf32>)
// CHECK:        %[[QS:.*]] = arith.mulf %in, %in_0 : f32
// CHECK:        %[[OUT:.*]] = arith.divf %[[QS]], %cst : f32
// CHECK:        linalg.yield %[[OUT]]
func.func @dequantize_linear(%w: tensor<8x3x3x3xf32>, %s: tensor<8xf32>, %z: tensor<8xf32>) -> tensor<8x3x3x3xf32> {
  %y = pd.dequantize_linear %w, %s, %z {operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<8x3x3x3xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<8x3x3x3xf32>)
  return %y : tensor<8x3x3x3xf32>
}

// -----

// only_observer: X passes through.
// CHECK-LABEL: func.func @observer
// CHECK-NOT:  linalg.generic
// CHECK:      return %arg0
func.func @observer(%x: tensor<?x6xf32>, %s: tensor<1xf32>, %z: tensor<1xf32>) -> tensor<?x6xf32> {
  %y = pd.quantize_linear %x, %s, %z {only_observer = true, quant_axis = -1 : i32, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<?x6xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<?x6xf32>)
  return %y : tensor<?x6xf32>
}

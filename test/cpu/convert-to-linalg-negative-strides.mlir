// RUN: pd-opt %s --pd-convert-to-linalg --canonicalize --split-input-file | FileCheck %s

// strided_slice with negative strides, bounds folded (canonicalized).

// A negative stride: the same elements taken upwards (rows 0, 2, 4 of 5
// for x[::-2]; Paddle 3's bounds: the end INT_MIN is "past index 0"), then
// read in reverse.
// CHECK-LABEL: func.func @downwards
// CHECK:      %[[UP:.*]] = tensor.extract_slice %arg0[0, 0] [3, 3] [2, 1]
// CHECK:      linalg.generic
// CHECK:        %[[I:.*]] = linalg.index 0
// CHECK:        %[[J:.*]] = linalg.index 1
// CHECK:        %[[FROM_TOP:.*]] = arith.subi %c2{{.*}}, %[[I]]
// CHECK:        tensor.extract %[[UP]][%[[FROM_TOP]], %[[J]]]
func.func @downwards(%x: tensor<5x3xf32>) -> tensor<?x3xf32> {
  %y = pd.strided_slice %x {axes = array<i32: 0>, starts = array<i32: 2147483647>, ends = array<i32: -2147483648>, strides = array<i32: -2>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0>} : (tensor<5x3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// Paddle 3 reads an end of -1 as dim - 1: x[4:-1:-1] takes nothing.
// CHECK-LABEL: func.func @end_minus_one_paddle3
// CHECK:      tensor.extract_slice %arg0[0, 0] [0, 3] [1, 1]
func.func @end_minus_one_paddle3(%x: tensor<5x3xf32>) -> tensor<?x3xf32> {
  %y = pd.strided_slice %x {axes = array<i32: 0>, starts = array<i32: 4>, ends = array<i32: -1>, strides = array<i32: -1>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0>} : (tensor<5x3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// A program Paddle 2 wrote (pd.version 2.6.2) meant -1 as "to index 0":
// all five rows, reversed (the window is all of X: no slice left).
// CHECK-LABEL: func.func @end_minus_one_paddle2
// CHECK:      tensor.empty() : tensor<5x3xf32>
// CHECK:      linalg.generic
// CHECK:        arith.subi %c4{{.*}}, %{{.*}} : index
// CHECK:        tensor.extract %arg0
module attributes {pd.version = 2006002 : i64} {
  func.func @end_minus_one_paddle2(%x: tensor<5x3xf32>) -> tensor<?x3xf32> {
    %y = pd.strided_slice %x {axes = array<i32: 0>, starts = array<i32: 4>, ends = array<i32: -1>, strides = array<i32: -1>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0>} : (tensor<5x3xf32>) -> tensor<?x3xf32>
    return %y : tensor<?x3xf32>
  }
}

// -----

// set_value with negative steps (a Paddle 3 program: normalize_interval's
// bounds): rows from 2 down, every column from 4 down by 2 (4, 2). The
// window is inserted upwards from its lowest index with the step's size,
// so the value is read backwards along those axes: value[i] goes to the
// window's index count - 1 - i.
// CHECK-LABEL: func.func @set_value_downward
// CHECK:      %[[W:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3x2xf32>)
// CHECK:        %[[R:.*]] = linalg.index 1
// CHECK:        %[[C:.*]] = linalg.index 2
// CHECK:        %[[RV:.*]] = arith.subi %c2, %[[R]]
// CHECK:        %[[CV:.*]] = arith.subi %c1, %[[C]]
// CHECK:        tensor.extract %arg1[%{{.*}}, %[[RV]], %[[CV]]]
// CHECK:      tensor.insert_slice %[[W]] into %arg0[0, 0, 2] [2, 3, 2] [1, 1, 2]
func.func @set_value_downward(%x: tensor<2x3x6xf32> {pd.name = "x"}, %v: tensor<2x3x2xf32> {pd.name = "v"}) -> tensor<2x3x6xf32> {
  %y = pd.set_value %x, %v {axes = array<i64: 1, 2>, starts = array<i64: -1, 4>, ends = array<i64: -2147483648, 0>, steps = array<i64: -1, -2>, decrease_axes = array<i64>, none_axes = array<i64>, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<2x3x6xf32>, tensor<2x3x2xf32>) -> tensor<2x3x6xf32>
  return %y : tensor<2x3x6xf32>
}

// RUN: pd-opt %s | pd-opt | FileCheck %s
// Typed ops, parameters and the generic op print and parse back.

// CHECK-LABEL: module
// CHECK: pd.parameter @w : tensor<4x2xf32> = dense<1.000000e+00> : tensor<4x2xf32>
// CHECK: pd.parameter @bn.mean : tensor<2xf32>
pd.parameter @w : tensor<4x2xf32> = dense<1.0> : tensor<4x2xf32>
pd.parameter @"bn.mean" : tensor<2xf32>

// CHECK-LABEL: func.func @main
func.func @main(%arg0: tensor<?x4xf32> {pd.name = "x"}) -> tensor<?x2xf32> {
  // CHECK: %w = pd.get_parameter @w : tensor<4x2xf32>
  %w = pd.get_parameter @w : tensor<4x2xf32>
  // CHECK: %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]}
  %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  // CHECK: %y = pd.matmul_v2 %x, %w {pd.names = ["y"], trans_x = false, trans_y = false}
  %y = pd.matmul_v2 %x, %w {trans_x = false, trans_y = false, pd.names = ["y"]}
      : (tensor<?x4xf32>, tensor<4x2xf32>) -> tensor<?x2xf32>
  // Optional and variadic slots carry their segment sizes.
  // CHECK: %r = pd.reshape2 %y {operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["r"], shape = array<i32: -1, 2>}
  %r = pd.reshape2 %y {shape = array<i32: -1, 2>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["r"]}
      : (tensor<?x2xf32>) -> tensor<?x2xf32>
  // CHECK: %g = "pd.generic"(%r) <{attrs = {test_attr2 = 1 : i32}, input_sizes = array<i32: 1>, inputs = ["X"], output_sizes = array<i32: 1>, outputs = ["Out"], type = "gap"}>
  %g = "pd.generic"(%r) <{type = "gap", inputs = ["X"], input_sizes = array<i32: 1>,
      outputs = ["Out"], output_sizes = array<i32: 1>, attrs = {test_attr2 = 1 : i32}}>
      {pd.names = ["g"]} : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %out = pd.fetch %g {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?x2xf32>) -> tensor<?x2xf32>
  return %out : tensor<?x2xf32>
}

// CHECK: #pd.var<"x" : tensor<?x4xf32>, {lod_level = 0 : i32}>
// CHECK-SAME: #pd.var<"arr" : !pd.object<"LOD_TENSOR_ARRAY", tensor<?xf32>>>
func.func private @vars() attributes {pd.vars = [
  #pd.var<"x" : tensor<?x4xf32>, {lod_level = 0 : i32}>,
  #pd.var<"arr" : !pd.object<"LOD_TENSOR_ARRAY", tensor<?xf32>>>]}

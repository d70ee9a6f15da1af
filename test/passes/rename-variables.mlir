// RUN: pd-opt %s -split-input-file --pd-rename-variables=mode=structured | FileCheck %s --check-prefix=STRUCT
// RUN: pd-opt %s -split-input-file --pd-rename-variables=mode=jit-load | FileCheck %s --check-prefix=JIT
// RUN: echo '{"w_7": "weight", "y": "out"}' > %t.json
// RUN: pd-opt %s -split-input-file --pd-rename-variables="mode=map map-file=%t.json" | FileCheck %s --check-prefix=MAP

// STRUCT: pd.parameter @fc.weight : tensor<4x4xf32> {structured_name = "fc.weight"}
// STRUCT: pd.parameter @bias_3 : tensor<4xf32>
// STRUCT: #pd.var<"fc.weight" : tensor<4x4xf32>, {persistable = true}>
// STRUCT: %fc.weight = pd.get_parameter @fc.weight

// jit.load drops the numeric suffix and counts again from 0, skipping names
// other variables have: w_7 -> w_0; bias_3 -> bias_0 is taken by a
// temporary, so bias_1.
// JIT: pd.parameter @w_0 : tensor<4x4xf32>
// JIT: pd.parameter @bias_1 : tensor<4xf32>
// JIT: pd.matmul_v2 %x, %w_0

// MAP: pd.parameter @weight
// MAP: -> (tensor<?x4xf32> {pd.name = "out"})
// MAP: pd.names = ["out"]
pd.parameter @w_7 : tensor<4x4xf32> {structured_name = "fc.weight"}
pd.parameter @bias_3 : tensor<4xf32>
func.func @forward(%arg0: tensor<?x4xf32> {pd.name = "x"}) -> (tensor<?x4xf32> {pd.name = "y"})
    attributes {pd.vars = [#pd.var<"w_7" : tensor<4x4xf32>, {persistable = true}>]} {
  %w = pd.get_parameter @w_7 : tensor<4x4xf32>
  %b = pd.get_parameter @bias_3 : tensor<4xf32>
  %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %t = pd.matmul_v2 %x, %w {pd.names = ["bias_0"]} : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32>
  %y = pd.elementwise_add %t, %b {axis = -1 : i32, pd.names = ["y"]} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

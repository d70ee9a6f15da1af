// RUN: not pd-translate --export-paddle %s -split-input-file 2>&1 | FileCheck %s
// What cannot be written as a Paddle program is an error naming the op.

// CHECK: result of 'pd.relu' at {{.*}} has no variable name (pd.names)
func.func @unnamed(%x: tensor<4xf32> {pd.name = "x"}) {
  %0 = pd.relu %x : (tensor<4xf32>) -> tensor<4xf32>
  %1 = pd.relu %0 {pd.names = ["y"]} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// CHECK: attribute 'ratio' of 'pd.generic' at {{.*}} cannot be written as a Paddle attribute
func.func @f16_attr(%x: tensor<4xf32> {pd.name = "x"}) {
  %0 = "pd.generic"(%x) <{type = "custom", inputs = ["X"], input_sizes = array<i32: 1>,
      outputs = ["Out"], output_sizes = array<i32: 1>, attrs = {ratio = 1.0 : f16}}>
      {pd.names = ["y"]} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// CHECK: argument #0 of @anonymous has no variable name (pd.name)
func.func @anonymous(%x: tensor<4xf32>) {
  %0 = pd.relu %x {pd.names = ["y"]} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// CHECK: variable 'v' has a type Paddle cannot describe
func.func @bad_var() attributes {pd.vars = [#pd.var<"v" : tensor<4xf80>>]} {
  return
}

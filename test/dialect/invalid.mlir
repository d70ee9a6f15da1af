// RUN: pd-opt %s -split-input-file -verify-diagnostics
// The verifiers reject wrong slot arity, wrong attribute kinds and dangling
// parameter references.

func.func @missing_slot(%x: tensor<4xf32>) {
  // expected-error@+1 {{expected 2 operands, but found 1}}
  %0 = pd.matmul_v2 %x : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @wrong_attr_kind(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute 'axis' failed to satisfy constraint: 32-bit signless integer attribute}}
  %0 = pd.softmax %x {axis = 1.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @ints_not_longs(%x: tensor<4xf32>) {
  // expected-error@+1 {{attribute 'axis' failed to satisfy constraint: i32 dense array attribute}}
  %0 = pd.transpose2 %x {axis = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @not_a_tensor(%x: !pd.object<"STEP_SCOPES">) {
  // expected-error@+1 {{operand #0 must be tensor of any type values}}
  %0 = pd.relu %x : (!pd.object<"STEP_SCOPES">) -> tensor<4xf32>
  return
}

// -----

func.func @segments(%x: tensor<4xf32>, %w: tensor<4xf32>) {
  // expected-error@+1 {{operand count (2) does not match with the total size (3) specified in attribute 'operandSegmentSizes'}}
  %0 = pd.conv2d %x, %w {operandSegmentSizes = array<i32: 1, 1, 1, 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @unknown_parameter() {
  // expected-error@+1 {{'missing' is not a pd.parameter}}
  %0 = pd.get_parameter @missing : tensor<4xf32>
  return
}

// -----

pd.parameter @w : tensor<4xf32>
func.func @parameter_type() {
  // expected-error@+1 {{result type 'tensor<2xf32>' does not match parameter type 'tensor<4xf32>'}}
  %0 = pd.get_parameter @w : tensor<2xf32>
  return
}

// -----

// expected-error@+1 {{value of type 'tensor<2xf32>' does not match the parameter type 'tensor<4xf32>'}}
pd.parameter @v : tensor<4xf32> = dense<0.0> : tensor<2xf32>

// -----

func.func @generic_sizes(%x: tensor<4xf32>) {
  // expected-error@+1 {{inputs: slot sizes add up to 2 but the op has 1}}
  %0 = "pd.generic"(%x) <{type = "gap", inputs = ["X"], input_sizes = array<i32: 2>,
      outputs = ["Out"], output_sizes = array<i32: 1>, attrs = {}}> : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @generic_names(%x: tensor<4xf32>) {
  // expected-error@+1 {{outputs: 2 slot names but 1 sizes}}
  %0 = "pd.generic"(%x) <{type = "gap", inputs = ["X"], input_sizes = array<i32: 1>,
      outputs = ["Out", "Y"], output_sizes = array<i32: 1>, attrs = {}}> : (tensor<4xf32>) -> tensor<4xf32>
  return
}

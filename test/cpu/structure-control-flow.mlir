// RUN: pd-opt %s --pd-structure-control-flow --split-input-file | FileCheck %s

// A conditional_block yields what its sub-block writes (y, z); else what the
// variables held before: y its outer value, z (no value yet) a stand-in.
// CHECK-LABEL: func.func @if_else
// CHECK: %[[Y:.*]] = pd.relu
// CHECK: %[[BIT:.*]] = tensor.extract %arg1[] : tensor<i1>
// CHECK: %[[IF:.*]]:2 = scf.if %[[BIT]] -> (tensor<?x4xf32>, tensor<?x4xf32>) {
// CHECK:   %[[S:.*]] = pd.scale %[[Y]]
// CHECK:   %[[W:.*]] = pd.assign %[[S]] {pd.names = ["y"]}
// CHECK:   %[[Z:.*]] = pd.assign %[[S]] {pd.names = ["z"]}
// CHECK:   scf.yield %[[W]], %[[Z]]
// CHECK: } else {
// CHECK:   %[[E:.*]] = tensor.empty() : tensor<0x4xf32>
// CHECK:   %[[C:.*]] = tensor.cast %[[E]]
// CHECK:   scf.yield %[[Y]], %[[C]]
// CHECK: } {pd.names = ["y", "z"]}
// CHECK: return %[[IF]]#0, %[[IF]]#1
func.func @if_else(%x: tensor<?x4xf32> {pd.name = "x"}, %c: tensor<i1> {pd.name = "c"}) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %y = pd.relu %x {pd.names = ["y"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %out:3 = "pd.generic"(%c, %y) <{attrs = {is_scalar_condition = true, sub_block = 1 : index}, input_sizes = array<i32: 1, 1>, inputs = ["Cond", "Input"], output_sizes = array<i32: 2, 1>, outputs = ["Out", "Scope"], type = "conditional_block"}> ({
    %s = pd.scale %y {bias = 0.0 : f32, bias_after_scale = true, scale = 2.0 : f32, pd.names = ["s"], operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    %w = pd.assign %s {pd.names = ["y"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    %z = pd.assign %s {pd.names = ["z"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  }) {pd.names = ["y", "z", "scope"]} : (tensor<i1>, tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>, !pd.object<"STEP_SCOPES">)
  return %out#0, %out#1 : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// A while carries what its body writes (i, y) and its condition c. Reads of
// their outer values in the body read the iteration's values; n is not
// written, so the body keeps reading the outer n.
// CHECK-LABEL: func.func @loop
// CHECK: %[[I0:.*]] = pd.fill_constant {{.*}}pd.names = ["i"]
// CHECK: %[[N:.*]] = pd.fill_constant {{.*}}pd.names = ["n"]
// CHECK: %[[C0:.*]] = pd.less_than
// CHECK: %[[Y0:.*]] = pd.assign
// CHECK: %[[W:.*]]:3 = scf.while (%[[I:.*]] = %[[I0]], %[[Y:.*]] = %[[Y0]], %[[C:.*]] = %[[C0]])
// CHECK:   %[[BIT:.*]] = tensor.extract %[[C]]
// CHECK:   scf.condition(%[[BIT]]) %[[I]], %[[Y]], %[[C]]
// CHECK: } do {
// CHECK: ^bb0(%[[I:.*]]: tensor<1xi64>, %[[Y:.*]]: tensor<?x4xf32>, %[[C:.*]]: tensor<1xi1>):
// CHECK:   %[[Y1:.*]] = pd.scale %[[Y]]
// CHECK:   %[[I1:.*]] = pd.scale %[[I]]
// CHECK:   %[[C1:.*]] = pd.less_than %[[I1]], %[[N]]
// CHECK:   scf.yield %[[I1]], %[[Y1]], %[[C1]]
// CHECK: } attributes {pd.names = ["i", "y", "c"]}
// CHECK: return %[[W]]#1
func.func @loop(%x: tensor<?x4xf32> {pd.name = "x"}) -> tensor<?x4xf32> {
  %i0 = pd.fill_constant {dtype = 3 : i32, shape = array<i64: 1>, value = 0.0 : f32, pd.names = ["i"], operandSegmentSizes = array<i32: 0, 0, 0>} : () -> tensor<1xi64>
  %n = pd.fill_constant {dtype = 3 : i32, shape = array<i64: 1>, value = 3.0 : f32, pd.names = ["n"], operandSegmentSizes = array<i32: 0, 0, 0>} : () -> tensor<1xi64>
  %c0 = pd.less_than %i0, %n {axis = -1 : i32, pd.names = ["c"]} : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
  %y0 = pd.assign %x {pd.names = ["y"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %r:4 = "pd.generic"(%c0, %y0, %i0, %n) <{attrs = {is_test = true, sub_block = 1 : index}, input_sizes = array<i32: 1, 3>, inputs = ["Condition", "X"], output_sizes = array<i32: 3, 1>, outputs = ["Out", "StepScopes"], type = "while"}> ({
    %y1 = pd.scale %y0 {bias = 1.0 : f32, bias_after_scale = true, scale = 1.0 : f32, pd.names = ["y"], operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    %i1 = pd.scale %i0 {bias = 1.0 : f32, bias_after_scale = true, scale = 1.0 : f32, pd.names = ["i"], operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<1xi64>) -> tensor<1xi64>
    %c1 = pd.less_than %i1, %n {axis = -1 : i32, pd.names = ["c"]} : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
  }) {pd.names = ["i", "y", "c", "scopes"]} : (tensor<1xi1>, tensor<?x4xf32>, tensor<1xi64>, tensor<1xi64>) -> (tensor<1xi64>, tensor<?x4xf32>, tensor<1xi1>, !pd.object<"STEP_SCOPES">)
  return %r#1 : tensor<?x4xf32>
}

// -----

// Innermost first: the if in the loop body becomes scf.if reading the
// iteration's y, and the loop yields its result (named y).
// CHECK-LABEL: func.func @nested
// CHECK: scf.while (%{{.*}} = %{{.*}}, %{{.*}} = %arg1)
// CHECK: ^bb0(%[[Y:.*]]: tensor<4xf32>, %[[C:.*]]: tensor<1xi1>):
// CHECK:   %[[IF:.*]] = scf.if
// CHECK:     pd.relu %[[Y]]
// CHECK:   } else {
// CHECK:     scf.yield %[[Y]]
// CHECK:   } {pd.names = ["y"]}
// CHECK:   %[[NOT:.*]] = pd.logical_not %[[C]]
// CHECK:   scf.yield %[[IF]], %[[NOT]]
func.func @nested(%x: tensor<4xf32> {pd.name = "x"}, %c0: tensor<1xi1> {pd.name = "c"}, %p: tensor<i1> {pd.name = "p"}) -> tensor<4xf32> {
  %y0 = pd.assign %x {pd.names = ["y"]} : (tensor<4xf32>) -> tensor<4xf32>
  %r:3 = "pd.generic"(%c0, %y0, %p) <{attrs = {is_test = true, sub_block = 1 : index}, input_sizes = array<i32: 1, 2>, inputs = ["Condition", "X"], output_sizes = array<i32: 2, 1>, outputs = ["Out", "StepScopes"], type = "while"}> ({
    %in:2 = "pd.generic"(%p, %y0) <{attrs = {is_scalar_condition = true, sub_block = 2 : index}, input_sizes = array<i32: 1, 1>, inputs = ["Cond", "Input"], output_sizes = array<i32: 1, 1>, outputs = ["Out", "Scope"], type = "conditional_block"}> ({
      %y2 = pd.relu %y0 {pd.names = ["y"]} : (tensor<4xf32>) -> tensor<4xf32>
    }) {pd.names = ["y", "scope"]} : (tensor<i1>, tensor<4xf32>) -> (tensor<4xf32>, !pd.object<"STEP_SCOPES">)
    %c1 = pd.logical_not %c0 {pd.names = ["c"]} : (tensor<1xi1>) -> tensor<1xi1>
  }) {pd.names = ["y", "c", "scopes"]} : (tensor<1xi1>, tensor<4xf32>, tensor<i1>) -> (tensor<4xf32>, tensor<1xi1>, !pd.object<"STEP_SCOPES">)
  return %r#0 : tensor<4xf32>
}

// -----

// A conditional_block without a scalar condition (Paddle runs it when its
// inputs are not empty) stays as it is.
// CHECK-LABEL: func.func @not_scalar
// CHECK: "pd.generic"
// CHECK-SAME: type = "conditional_block"
// CHECK-NOT: scf.if
func.func @not_scalar(%x: tensor<4xf32> {pd.name = "x"}, %c: tensor<i1> {pd.name = "c"}) -> tensor<4xf32> {
  %out:2 = "pd.generic"(%c, %x) <{attrs = {is_scalar_condition = false, sub_block = 1 : index}, input_sizes = array<i32: 1, 1>, inputs = ["Cond", "Input"], output_sizes = array<i32: 1, 1>, outputs = ["Out", "Scope"], type = "conditional_block"}> ({
    %w = pd.relu %x {pd.names = ["x"]} : (tensor<4xf32>) -> tensor<4xf32>
  }) {pd.names = ["x", "scope"]} : (tensor<i1>, tensor<4xf32>) -> (tensor<4xf32>, !pd.object<"STEP_SCOPES">)
  return %out#0 : tensor<4xf32>
}

// -----

// A while that writes a variable with no value before the loop (t) has
// nothing to start the loop with: it stays, and the CPU lowering lists it.
// CHECK-LABEL: func.func @no_initial_value
// CHECK: "pd.generic"
// CHECK-SAME: type = "while"
// CHECK-NOT: scf.while
func.func @no_initial_value(%c0: tensor<1xi1> {pd.name = "c"}) -> tensor<1xi1> {
  %r:3 = "pd.generic"(%c0) <{attrs = {is_test = true, sub_block = 1 : index}, input_sizes = array<i32: 1, 0>, inputs = ["Condition", "X"], output_sizes = array<i32: 2, 1>, outputs = ["Out", "StepScopes"], type = "while"}> ({
    %t = pd.logical_not %c0 {pd.names = ["t"]} : (tensor<1xi1>) -> tensor<1xi1>
    %c1 = pd.logical_not %t {pd.names = ["c"]} : (tensor<1xi1>) -> tensor<1xi1>
  }) {pd.names = ["t", "c", "scopes"]} : (tensor<1xi1>) -> (tensor<1xi1>, tensor<1xi1>, !pd.object<"STEP_SCOPES">)
  return %r#0 : tensor<1xi1>
}

// -----

// A step scope someone reads cannot be dropped: the op stays.
// CHECK-LABEL: func.func @scope_used
// CHECK: "pd.generic"
// CHECK-SAME: type = "conditional_block"
// CHECK-NOT: scf.if
func.func @scope_used(%x: tensor<4xf32> {pd.name = "x"}, %c: tensor<i1> {pd.name = "c"}) -> !pd.object<"STEP_SCOPES"> {
  %out:2 = "pd.generic"(%c, %x) <{attrs = {is_scalar_condition = true, sub_block = 1 : index}, input_sizes = array<i32: 1, 1>, inputs = ["Cond", "Input"], output_sizes = array<i32: 1, 1>, outputs = ["Out", "Scope"], type = "conditional_block"}> ({
    %w = pd.relu %x {pd.names = ["x"]} : (tensor<4xf32>) -> tensor<4xf32>
  }) {pd.names = ["x", "scope"]} : (tensor<i1>, tensor<4xf32>) -> (tensor<4xf32>, !pd.object<"STEP_SCOPES">)
  return %out#1 : !pd.object<"STEP_SCOPES">
}

// RUN: pd-opt --pd-raise-pir=require-all %s | FileCheck %s
// RUN: pd-opt --pd-raise-pir=require-all %s | pd-translate --export-paddle -o %t.pdmodel
// RUN: pd-export --describe %t.pdmodel | FileCheck %s --check-prefix=PROGRAM

// PIR's SSA control flow becomes ProgramDesc's, by variable: an `if` two
// conditional_blocks (the second on the negated condition) whose sub-blocks
// assign the yielded values, joined by select_input; a `while` a while op
// over fresh copies of its carried values, whose sub-block assigns the next
// values and the next condition.

// CHECK-LABEL: func.func @forward
// CHECK: %[[C:.*]] = pd.greater_than
// CHECK: %[[T:.*]], %{{.*}} = "pd.generic"(%[[C]], %[[X:.*]]) <{attrs = {is_scalar_condition = true, sub_block = 0 : index}, input_sizes = array<i32: 1, 1>, inputs = ["Cond", "Input"], output_sizes = array<i32: 1, 1>, outputs = ["Out", "Scope"], type = "conditional_block"}> ({
// CHECK:   %[[S:.*]] = pd.scale %[[X]]
// CHECK:   pd.assign %[[S]] {pd.names = ["[[T]]"]}
// CHECK: }) {pd.names = ["[[T]]", "conditional_block_0.tmp_1"]} : (tensor<i1>, tensor<?x4xf32>) -> (tensor<?x4xf32>, !pd.object<"STEP_SCOPES">)
// CHECK: %[[NC:.*]] = pd.logical_not %[[C]]
// CHECK: %[[F:.*]], %{{.*}} = "pd.generic"(%[[NC]], %[[X]]) <{{.*}}type = "conditional_block"}> ({
// CHECK:   pd.assign %[[X]] {pd.names = ["[[F]]"]}
// CHECK: })
// CHECK: %[[M:.*]] = pd.cast %[[C]] {in_dtype = 0 : i32, out_dtype = 2 : i32
// CHECK: %[[R:.*]] = pd.select_input %[[F]], %[[T]], %[[M]]

// The loop: copies of the condition and the carried values; the swap of
// the two carried values goes through temporaries so that no write clobbers
// a value a later write reads.
// CHECK: %[[WC:.*]] = pd.assign %[[C]] {pd.names = ["[[WC]]"]}
// CHECK: %[[A:.*]] = pd.assign %[[R]] {pd.names = ["[[A]]"]}
// CHECK: %[[B:.*]] = pd.assign %[[X]] {pd.names = ["[[B]]"]}
// CHECK: = "pd.generic"(%[[WC]], %[[A]], %[[B]]) <{attrs = {is_test = true, sub_block = 0 : index}, input_sizes = array<i32: 1, 2>, inputs = ["Condition", "X"], output_sizes = array<i32: 3, 1>, outputs = ["Out", "StepScopes"], type = "while"}> ({
// CHECK:   %[[N:.*]] = pd.less_than %[[A]], %[[B]]
// CHECK:   %[[TB:.*]] = pd.assign %[[B]]
// CHECK:   %[[TA:.*]] = pd.assign %[[A]]
// CHECK:   pd.assign %[[N]] {pd.names = ["[[WC]]"]}
// CHECK:   pd.assign %[[TB]] {pd.names = ["[[A]]"]}
// CHECK:   pd.assign %[[TA]] {pd.names = ["[[B]]"]}
// CHECK: }) {pd.names = ["[[A]]", "[[B]]", "[[WC]]", "while_0.tmp_0"]}
// CHECK-NOT: pd_op.
// CHECK-NOT: cf.yield

// The program Paddle reads, sub-blocks included.
// PROGRAM: ops: 22 (12 types): assign 10, cast 1, conditional_block 2, feed 1, fetch 1, fill_constant 1, greater_than 1, less_than 1, logical_not 1, scale 1, select_input 1, while 1

module {
  func.func @forward() {
    %x = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.data"}> {pd.pir = {A = [{AT = {"#" = "0.a_str", D = "x"}, N = "name"}]}} : () -> tensor<?x4xf32>
    %zero = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.full"}> {pd.pir = {A = [{AT = {"#" = "1.a_intarray", D = []}, N = "shape"}, {AT = {"#" = "0.a_f64", D = 0.0 : f64}, N = "value"}, {AT = {"#" = "1.a_dtype", D = "float32"}, N = "dtype"}]}} : () -> tensor<f32>
    %c = "pd.generic"(%zero, %zero) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.greater_than"}> {pd.pir = {}} : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %r = "pd.generic"(%c) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.if"}> ({
      %two = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.full"}> {pd.pir = {A = [{AT = {"#" = "1.a_intarray", D = [1]}, N = "shape"}, {AT = {"#" = "0.a_f64", D = 2.0 : f64}, N = "value"}, {AT = {"#" = "1.a_dtype", D = "float32"}, N = "dtype"}]}} : () -> tensor<1xf32>
      %s = "pd.generic"(%x, %two) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.scale"}> {pd.pir = {A = [{AT = {"#" = "0.a_f32", D = 0.0 : f64}, N = "bias"}, {AT = {"#" = "0.a_bool", D = true}, N = "bias_after_scale"}]}} : (tensor<?x4xf32>, tensor<1xf32>) -> tensor<?x4xf32>
      "pd.generic"(%s) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32>, outputs = [], type = "cf.yield"}> {pd.pir = {}} : (tensor<?x4xf32>) -> ()
    }, {
      "pd.generic"(%x) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32>, outputs = [], type = "cf.yield"}> {pd.pir = {}} : (tensor<?x4xf32>) -> ()
    }) {pd.pir = {}} : (tensor<i1>) -> tensor<?x4xf32>
    %w:2 = "pd.generic"(%c, %r, %x) <{attrs = {}, input_sizes = array<i32: 3>, inputs = ["I"], output_sizes = array<i32: 2>, outputs = ["O"], type = "pd_op.while"}> ({
    ^bb0(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>):
      %n = "pd.generic"(%a, %b) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.less_than"}> {pd.pir = {}} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<i1>
      "pd.generic"(%n, %b, %a) <{attrs = {}, input_sizes = array<i32: 3>, inputs = ["I"], output_sizes = array<i32>, outputs = [], type = "cf.yield"}> {pd.pir = {}} : (tensor<i1>, tensor<?x4xf32>, tensor<?x4xf32>) -> ()
    }) {pd.pir = {}} : (tensor<i1>, tensor<?x4xf32>, tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>)
    "pd.generic"(%w#0) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.fetch"}> {pd.pir = {A = [{AT = {"#" = "0.a_str", D = "out"}, N = "name"}]}} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    return
  }
}

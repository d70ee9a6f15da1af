// RUN: not pd-opt %s --pd-raise-pir=require-all --split-input-file 2>&1 | FileCheck %s

// A vector for a slot of one value, and a vector no builtin.split takes
// apart, stay unmapped and are reported.
// A vector for a slot of one value, and a vector no builtin.split takes
// apart, stay unmapped and are reported.
// CHECK: error: PIR ops with no mapping to ProgramDesc ops: builtin.combine (1), pd_op.relu (1)
func.func @vector_for_single(%x: tensor<3xf32>) -> tensor<3xf32> {
  %v = "pd.generic"(%x) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "builtin.combine"}> {pd.pir = {A = []}} : (tensor<3xf32>) -> !pd.object<"pir:0.t_vec">
  %r = "pd.generic"(%v) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.relu"}> {pd.pir = {A = []}} : (!pd.object<"pir:0.t_vec">) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// CHECK: error: PIR ops with no mapping to ProgramDesc ops: pd_op.full (1), pd_op.split_with_num (1)
func.func @vector_kept(%x: tensor<?x6xf32>) -> !pd.object<"pir:0.t_vec"> {
  %axis = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.full"}> {pd.pir = {A = [{AT = {"#" = "0.a_f64", D = 1.0 : f64}, N = "value"}]}} : () -> tensor<1xi32>
  %w = "pd.generic"(%x, %axis) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.split_with_num"}> {pd.pir = {A = [{AT = {"#" = "0.a_i32", D = 3 : i64}, N = "num"}]}} : (tensor<?x6xf32>, tensor<1xi32>) -> !pd.object<"pir:0.t_vec">
  return %w : !pd.object<"pir:0.t_vec">
}

// -----

// A vector result that nothing takes apart, whose record does not say what
// it holds, stays unmapped.
// CHECK: error: PIR ops with no mapping to ProgramDesc ops: builtin.combine (2), pd_op.rnn (1)
func.func @vector_result_untyped(%x: tensor<?x?x3xf32>, %h0: tensor<1x?x2xf32>, %c0: tensor<1x?x2xf32>, %wi: tensor<8x3xf32>, %wh: tensor<8x2xf32>, %bi: tensor<8xf32>, %bh: tensor<8xf32>, %drop: tensor<ui8>) -> tensor<?x?x2xf32> {
  %s = "pd.generic"(%h0, %c0) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "builtin.combine"}> {pd.pir = {A = []}} : (tensor<1x?x2xf32>, tensor<1x?x2xf32>) -> !pd.object<"pir:0.t_vec">
  %w = "pd.generic"(%wi, %wh, %bi, %bh) <{attrs = {}, input_sizes = array<i32: 4>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "builtin.combine"}> {pd.pir = {A = []}} : (tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> !pd.object<"pir:0.t_vec">
  %r:4 = "pd.generic"(%x, %s, %w, %drop) <{attrs = {}, input_sizes = array<i32: 4>, inputs = ["I"], output_sizes = array<i32: 4>, outputs = ["O"], type = "pd_op.rnn"}> {pd.pir = {A = [{AT = {"#" = "0.a_i32", D = 2 : i64}, N = "hidden_size"}, {AT = {"#" = "0.a_str", D = "LSTM"}, N = "mode"}], nulls = array<i32: 3>, O = [{TT = {"#" = "0.t_dtensor", D = [{"#" = "0.t_f32"}, [-1, -1, 2], "NCHW", [], 0]}}, {TT = {"#" = "0.t_dtensor", D = [{"#" = "0.t_f32"}, [], "NCHW", [], 0]}}, {TT = {"#" = "0.t_vec", D = [{"#" = "0.t_selected_rows", D = []}]}}, {TT = {"#" = "0.t_dtensor", D = [{"#" = "0.t_f32"}, [], "NCHW", [], 0]}}]}} : (tensor<?x?x3xf32>, !pd.object<"pir:0.t_vec">, !pd.object<"pir:0.t_vec">, tensor<ui8>) -> (tensor<?x?x2xf32>, tensor<f32>, !pd.object<"pir:0.t_vec">, tensor<f32>)
  return %r#0 : tensor<?x?x2xf32>
}

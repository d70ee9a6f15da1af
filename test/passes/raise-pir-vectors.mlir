// RUN: pd-opt %s --pd-raise-pir=require-all --split-input-file | FileCheck %s

// PIR passes several values to one op as a vector: builtin.combine makes
// it (concat's inputs, stack's), builtin.split takes one apart (split's
// outputs). They raise to the variadic slots of the typed ops; the axis
// (a pd_op.full, a double in PIR) and the sections (a full_int_array)
// become attributes.
// CHECK-LABEL: func.func @concat
// CHECK:      %[[C:.*]] = pd.concat %arg0, %arg1 {axis = 1 : i32, operandSegmentSizes = array<i32: 2, 0>
// CHECK-SAME:   : (tensor<?x2xf32>, tensor<?x3xf32>) -> tensor<?x5xf32>
// CHECK:      return %[[C]]
func.func @concat(%x: tensor<?x2xf32>, %y: tensor<?x3xf32>) -> tensor<?x5xf32> {
  %v = "pd.generic"(%x, %y) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "builtin.combine"}> {pd.pir = {A = []}} : (tensor<?x2xf32>, tensor<?x3xf32>) -> !pd.object<"pir:0.t_vec">
  %axis = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.full"}> {pd.pir = {A = [{AT = {"#" = "1.a_intarray", D = [1]}, N = "shape"}, {AT = {"#" = "0.a_f64", D = 1.0 : f64}, N = "value"}, {AT = {"#" = "1.a_dtype", D = "int32"}, N = "dtype"}]}} : () -> tensor<1xi32>
  %c = "pd.generic"(%v, %axis) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.concat"}> {pd.pir = {A = []}} : (!pd.object<"pir:0.t_vec">, tensor<1xi32>) -> tensor<?x5xf32>
  return %c : tensor<?x5xf32>
}

// -----

// CHECK-LABEL: func.func @split
// CHECK:      %[[S:[^,]*]], %{{.*}} = pd.split %arg0 {axis = 1 : i32, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["split_{{[0-9]}}.tmp_0", "split_{{[0-9]}}.tmp_1"], sections = array<i32: 2, -1>}
// CHECK-SAME:   : (tensor<?x6xf32>) -> (tensor<?x2xf32>, tensor<?x4xf32>)
// CHECK:      %{{[^,]*}}, %{{[^,]*}}, %[[N:[^ ]*]] = pd.split %arg0 {axis = 1 : i32, num = 3 : i32
// CHECK:      return %{{.*}}, %[[N]]
func.func @split(%x: tensor<?x6xf32>) -> (tensor<?x4xf32>, tensor<?x2xf32>) {
  %sections = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.full_int_array"}> {pd.pir = {A = [{AT = {"#" = "0.a_array", D = [{"#" = "0.a_i64", D = 2 : i64}, {"#" = "0.a_i64", D = -1 : i64}]}, N = "value"}]}} : () -> tensor<2xi64>
  %axis = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.full"}> {pd.pir = {A = [{AT = {"#" = "0.a_f64", D = 1.0 : f64}, N = "value"}]}} : () -> tensor<1xi32>
  %v = "pd.generic"(%x, %sections, %axis) <{attrs = {}, input_sizes = array<i32: 3>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.split"}> {pd.pir = {A = []}} : (tensor<?x6xf32>, tensor<2xi64>, tensor<1xi32>) -> !pd.object<"pir:0.t_vec">
  %a:2 = "pd.generic"(%v) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32: 2>, outputs = ["O"], type = "builtin.split"}> {pd.pir = {A = []}} : (!pd.object<"pir:0.t_vec">) -> (tensor<?x2xf32>, tensor<?x4xf32>)
  %axis2 = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.full"}> {pd.pir = {A = [{AT = {"#" = "0.a_f64", D = 1.0 : f64}, N = "value"}]}} : () -> tensor<1xi32>
  %w = "pd.generic"(%x, %axis2) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.split_with_num"}> {pd.pir = {A = [{AT = {"#" = "0.a_i32", D = 3 : i64}, N = "num"}]}} : (tensor<?x6xf32>, tensor<1xi32>) -> !pd.object<"pir:0.t_vec">
  %b:3 = "pd.generic"(%w) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32: 3>, outputs = ["O"], type = "builtin.split"}> {pd.pir = {A = []}} : (!pd.object<"pir:0.t_vec">) -> (tensor<?x2xf32>, tensor<?x2xf32>, tensor<?x2xf32>)
  return %a#1, %b#2 : tensor<?x4xf32>, tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @stack
// CHECK:      pd.stack %arg0, %arg1 {axis = 0 : i32
// CHECK-SAME:   : (tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @stack(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %v = "pd.generic"(%x, %y) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "builtin.combine"}> {pd.pir = {A = []}} : (tensor<3xf32>, tensor<3xf32>) -> !pd.object<"pir:0.t_vec">
  %s = "pd.generic"(%v) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.stack"}> {pd.pir = {A = [{AT = {"#" = "0.a_i32", D = 0 : i64}, N = "axis"}]}} : (!pd.object<"pir:0.t_vec">) -> tensor<2x3xf32>
  return %s : tensor<2x3xf32>
}

// -----

// rnn: pre_state and weight_list are vectors; sequence_length is PIR's null
// (no SequenceLength); dropout_state_in is PIR's own operand (no slot). Its
// State vector, which nothing takes apart, gives one result per tensor its
// record declares.
// CHECK-LABEL: func.func @rnn
// CHECK:      %[[OUT:[^,]*]], %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^ ]*}} = pd.rnn %arg0, %arg1, %arg2, %arg3, %arg4, %arg5, %arg6
// CHECK-SAME:   hidden_size = 2 : i32
// CHECK-SAME:   mode = "LSTM"
// CHECK-SAME:   operandSegmentSizes = array<i32: 1, 2, 4, 0>
// CHECK-SAME:   resultSegmentSizes = array<i32: 1, 1, 2, 1>
// CHECK-SAME:   -> (tensor<?x?x2xf32>, tensor<f32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>, tensor<f32>)
// CHECK:      return %[[OUT]]
func.func @rnn(%x: tensor<?x?x3xf32>, %h0: tensor<1x?x2xf32>, %c0: tensor<1x?x2xf32>, %wi: tensor<8x3xf32>, %wh: tensor<8x2xf32>, %bi: tensor<8xf32>, %bh: tensor<8xf32>, %drop: tensor<ui8>) -> tensor<?x?x2xf32> {
  %s = "pd.generic"(%h0, %c0) <{attrs = {}, input_sizes = array<i32: 2>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "builtin.combine"}> {pd.pir = {A = []}} : (tensor<1x?x2xf32>, tensor<1x?x2xf32>) -> !pd.object<"pir:0.t_vec">
  %w = "pd.generic"(%wi, %wh, %bi, %bh) <{attrs = {}, input_sizes = array<i32: 4>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "builtin.combine"}> {pd.pir = {A = []}} : (tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> !pd.object<"pir:0.t_vec">
  %r:4 = "pd.generic"(%x, %s, %w, %drop) <{attrs = {}, input_sizes = array<i32: 4>, inputs = ["I"], output_sizes = array<i32: 4>, outputs = ["O"], type = "pd_op.rnn"}> {pd.pir = {A = [{AT = {"#" = "0.a_i32", D = 2 : i64}, N = "hidden_size"}, {AT = {"#" = "0.a_str", D = "LSTM"}, N = "mode"}, {AT = {"#" = "0.a_i32", D = 1 : i64}, N = "num_layers"}], nulls = array<i32: 3>, O = [{TT = {"#" = "0.t_dtensor", D = [{"#" = "0.t_f32"}, [-1, -1, 2], "NCHW", [], 0]}}, {TT = {"#" = "0.t_dtensor", D = [{"#" = "0.t_f32"}, [], "NCHW", [], 0]}}, {TT = {"#" = "0.t_vec", D = [{"#" = "0.t_dtensor", D = [{"#" = "0.t_f32"}, [1, -1, 2], "NCHW", [], 0]}, {"#" = "0.t_dtensor", D = [{"#" = "0.t_f32"}, [1, -1, 2], "NCHW", [], 0]}]}}, {TT = {"#" = "0.t_dtensor", D = [{"#" = "0.t_f32"}, [], "NCHW", [], 0]}}]}} : (tensor<?x?x3xf32>, !pd.object<"pir:0.t_vec">, !pd.object<"pir:0.t_vec">, tensor<ui8>) -> (tensor<?x?x2xf32>, tensor<f32>, !pd.object<"pir:0.t_vec">, tensor<f32>)
  return %r#0 : tensor<?x?x2xf32>
}

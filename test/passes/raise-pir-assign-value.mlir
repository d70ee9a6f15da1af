// RUN: pd-opt %s --pd-raise-pir=require-all --split-input-file | FileCheck %s

// PIR's assign_value_ keeps its values as one list of doubles and takes a
// placeholder tensor (a pd_op.full) to write: raising puts the values in
// the ProgramDesc attribute of the dtype and drops the placeholder.
// CHECK-LABEL: func.func @int64
// CHECK:      %[[C:.*]] = pd.assign_value {dtype = 3 : i32, int64_values = array<i64: 0, 2, 2, 5>, {{.*}}shape = array<i32: 4>} : () -> tensor<4xi64>
// CHECK:      return %[[C]]
func.func @int64() -> tensor<4xi64> {
  %p = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.full"}> {pd.pir = {A = [{AT = {"#" = "1.a_intarray", D = [4]}, N = "shape"}, {AT = {"#" = "0.a_f64", D = 0.0 : f64}, N = "value"}, {AT = {"#" = "1.a_dtype", D = "int64"}, N = "dtype"}]}} : () -> tensor<4xi64>
  %c = "pd.generic"(%p) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["I"], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.assign_value_"}> {pd.pir = {A = [{AT = {"#" = "0.a_array", D = [{"#" = "0.a_i32", D = 4}]}, N = "shape"}, {AT = {"#" = "1.a_dtype", D = "int64"}, N = "dtype"}, {AT = {"#" = "0.a_array", D = [{"#" = "0.a_f64", D = 0.0 : f64}, {"#" = "0.a_f64", D = 2.0 : f64}, {"#" = "0.a_f64", D = 2.0 : f64}, {"#" = "0.a_f64", D = 5.0 : f64}]}, N = "values"}]}} : (tensor<4xi64>) -> tensor<4xi64>
  return %c : tensor<4xi64>
}

// -----

// float32: fp32_values.
// CHECK-LABEL: func.func @float32
// CHECK:      pd.assign_value {dtype = 5 : i32, fp32_values = array<f32: 1.000000e+00, 5.000000e-01>
func.func @float32() -> tensor<2xf32> {
  %c = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.assign_value"}> {pd.pir = {A = [{AT = {"#" = "0.a_array", D = [{"#" = "0.a_i32", D = 2}]}, N = "shape"}, {AT = {"#" = "1.a_dtype", D = "float32"}, N = "dtype"}, {AT = {"#" = "0.a_array", D = [{"#" = "0.a_f64", D = 1.0 : f64}, {"#" = "0.a_f64", D = 0.5 : f64}]}, N = "values"}]}} : () -> tensor<2xf32>
  return %c : tensor<2xf32>
}

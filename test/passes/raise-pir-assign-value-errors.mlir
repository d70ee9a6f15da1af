// RUN: not pd-opt %s --pd-raise-pir=require-all 2>&1 | FileCheck %s

// Values without a list, or of an element type no attribute holds
// (complex64 here), stay unmapped and are reported.
// CHECK: error: PIR ops with no mapping to ProgramDesc ops: pd_op.assign_value (1)
func.func @complex() -> tensor<1xf32> {
  %c = "pd.generic"() <{attrs = {}, input_sizes = array<i32>, inputs = [], output_sizes = array<i32: 1>, outputs = ["O"], type = "pd_op.assign_value"}> {pd.pir = {A = [{AT = {"#" = "0.a_array", D = [{"#" = "0.a_i32", D = 1}]}, N = "shape"}, {AT = {"#" = "1.a_dtype", D = "complex64"}, N = "dtype"}, {AT = {"#" = "0.a_array", D = [{"#" = "0.a_f64", D = 1.0 : f64}]}, N = "values"}]}} : () -> tensor<1xf32>
  return %c : tensor<1xf32>
}

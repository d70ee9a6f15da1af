// RUN: pd-opt %s --pd-prune=fetch=h | FileCheck %s

// A training program, pruned to fetch=h: no backward or optimizer op is
// kept, the read data variable gets a feed op, unread parameters go.
// CHECK-LABEL: func.func @train(%arg0: tensor<?x4xf32> {pd.name = "x"}) -> (tensor<?x4xf32> {pd.name = "h"})
// CHECK-NEXT: %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]}
// CHECK-NEXT: %w = pd.get_parameter @w
// CHECK-NEXT: %h = pd.matmul_v2 %x, %w
// CHECK-NEXT: %fetch = pd.fetch %h {col = 0 : i32, pd.names = ["fetch"]}
// CHECK-NOT: sgd
// CHECK-NOT: @moment
pd.parameter @w : tensor<4x4xf32>
pd.parameter @moment : tensor<4x4xf32>
func.func @train(%x: tensor<?x4xf32> {pd.name = "x"}, %label: tensor<?x4xf32> {pd.name = "label"}) {
  %w = pd.get_parameter @w : tensor<4x4xf32>
  %m = pd.get_parameter @moment : tensor<4x4xf32>
  %h = pd.matmul_v2 %x, %w {pd.names = ["h"], op_role = 0 : i32} : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32>
  %d = pd.elementwise_sub %h, %label {pd.names = ["d"], op_role = 256 : i32} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  %g = "pd.generic"(%d) <{type = "elementwise_sub_grad", inputs = ["Out@GRAD"], input_sizes = array<i32: 1>,
      outputs = ["X@GRAD"], output_sizes = array<i32: 1>, attrs = {op_role = 1 : i32}}> {pd.names = ["h@GRAD"]}
      : (tensor<?x4xf32>) -> tensor<?x4xf32>
  "pd.generic"(%w, %g, %m) <{type = "sgd", inputs = ["Param", "Grad", "Moment"], input_sizes = array<i32: 1, 1, 1>,
      outputs = [], output_sizes = array<i32>, attrs = {op_role = 2 : i32}}> : (tensor<4x4xf32>, tensor<?x4xf32>, tensor<4x4xf32>) -> ()
  return
}

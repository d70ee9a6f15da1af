// RUN: pd-opt %s --pd-drop-wire-layout | FileCheck %s
// RUN: pd-opt %s --pd-drop-wire-layout | pd-translate --export-paddle-text | FileCheck %s --check-prefix=TEXT

// CHECK-LABEL: func.func @main
// CHECK: pd.relu
// CHECK-NOT: pd.wire
// CHECK: "pd.generic"
// CHECK: }) {pd.wire = {blocks = [{idx = 1 : i32, parent_idx = 0 : i32, vars = []}]}}

// With the layout gone, the relu's attributes are written sorted, and is_test
// as the BOOLEAN it is held as rather than the INT the file had.
// TEXT: type: "relu"
// TEXT: name: "is_test"
// TEXT-NEXT: type: BOOLEAN
// TEXT: name: "use_mkldnn"
func.func @main(%x: tensor<4xf32> {pd.name = "x"}) {
  %0 = pd.relu %x {use_mkldnn = false, is_test = true, pd.names = ["y"],
                   pd.wire = {attrs = ["use_mkldnn", "is_test"], types = {is_test = 0 : i32}}}
      : (tensor<4xf32>) -> tensor<4xf32>
  "pd.generic"(%0) <{type = "conditional_block", inputs = ["Input"], input_sizes = array<i32: 1>,
      outputs = [], output_sizes = array<i32>, attrs = {sub_block = 0 : index}}>
      ({}) {pd.wire = {attrs = ["sub_block"], blocks = [{idx = 1 : i32, parent_idx = 0 : i32, vars = []}]}}
      : (tensor<4xf32>) -> ()
  return
}

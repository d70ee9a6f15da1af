// RUN: pd-translate --export-paddle-text %s | FileCheck %s
// The writer's layout: non-empty slots sorted by name, attributes sorted by
// name with op_callstack from the location, each attribute as its kind;
// variables that no pd.vars declares get a VarDesc from their type, in the
// order the ops first use them, feed/fetch holders included.

// CHECK: blocks {
// CHECK-NEXT: idx: 0
// CHECK-NEXT: parent_idx: -1
// CHECK: name: "feed"
// CHECK-NEXT: type {
// CHECK-NEXT: type: FEED_MINIBATCH
// CHECK: name: "x"
// CHECK: dims: -1
// CHECK-NEXT: dims: 4
// CHECK: persistable: false
// CHECK: name: "w"
// CHECK: persistable: true
// CHECK: name: "fetch"
// CHECK-NEXT: type {
// CHECK-NEXT: type: FETCH_LIST

// CHECK: ops {
// CHECK: type: "feed"
// CHECK: ops {
// CHECK-NEXT: inputs {
// CHECK-NEXT: parameter: "X"
// CHECK-NEXT: arguments: "x"
// CHECK: inputs {
// CHECK-NEXT: parameter: "Y"
// CHECK-NEXT: arguments: "w"
// CHECK: outputs {
// CHECK-NEXT: parameter: "Out"
// CHECK-NEXT: arguments: "y"
// CHECK: type: "matmul_v2"
// CHECK-NEXT: attrs {
// CHECK-NEXT: name: "op_callstack"
// CHECK-NEXT: type: STRINGS
// CHECK-NEXT: strings: "  File \"net.py\", line 7, in forward"
// CHECK: name: "op_role"
// CHECK-NEXT: type: INT
// CHECK-NEXT: i: 0
// CHECK: name: "trans_x"
// CHECK-NEXT: type: BOOLEAN
// CHECK-NEXT: b: false

// A recorded layout is written back as recorded: here Y before X, the empty
// slot kept, attributes unsorted and `axis` as a LONG.
// CHECK: ops {
// CHECK-NEXT: inputs {
// CHECK-NEXT: parameter: "Y"
// CHECK: inputs {
// CHECK-NEXT: parameter: "X"
// CHECK: inputs {
// CHECK-NEXT: parameter: "Unused"
// CHECK-NEXT: }
// CHECK: type: "elementwise_add"
// CHECK-NEXT: attrs {
// CHECK-NEXT: name: "op_role"
// CHECK: name: "axis"
// CHECK-NEXT: type: LONG
// CHECK-NEXT: l: -1
// CHECK: is_target: true

// CHECK: type: "fetch"
// CHECK: version {
// CHECK-NEXT: version: 0
module attributes {pd.version = 0 : i64} {
  pd.parameter @w : tensor<4x4xf32>
  func.func @main(%feed: tensor<?x4xf32> {pd.name = "x"}) -> tensor<?x4xf32> {
    %w = pd.get_parameter @w : tensor<4x4xf32>
    %x = pd.feed %feed {col = 0 : i32, pd.names = ["x"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    %y = pd.matmul_v2 %x, %w {trans_x = false, trans_y = false, op_role = 0 : i32, pd.names = ["y"]}
        : (tensor<?x4xf32>, tensor<4x4xf32>) -> tensor<?x4xf32> loc(#frame)
    %z = "pd.generic"(%w, %y) <{type = "elementwise_add", inputs = ["Y", "X", "Unused"],
        input_sizes = array<i32: 1, 1, 0>, outputs = ["Out"], output_sizes = array<i32: 1>,
        attrs = {op_role = 0 : i32, axis = -1 : i64}}>
        {pd.names = ["z"], pd.wire = {attrs = ["op_role", "axis"], is_target = true}}
        : (tensor<4x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
    %out = pd.fetch %z {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    return %out : tensor<?x4xf32>
  }
}
#frame = loc("  File \22net.py\22, line 7, in forward"("net.py":7:0))

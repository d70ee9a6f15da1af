// RUN: pd-export %S/../frontend/Inputs/pir_linear.json --emit=mlir -o - 2>/dev/null | pd-opt --pd-raise-pir | FileCheck %s
// RUN: pd-export %S/../frontend/Inputs/pir_linear.json --emit=mlir -o - 2>/dev/null | sed -e 's/pd_op.add/pd_op.no_such_op/' | not pd-opt --pd-raise-pir=require-all 2>&1 | FileCheck %s --check-prefix=UNMAPPED
// RUN: pd-export %S/../frontend/Inputs/pir_linear.json --emit=pdmodel -o %t --quiet 2>/dev/null
// RUN: pd-export --describe %t.pdmodel 2>/dev/null | FileCheck %s --check-prefix=PDMODEL
// PDMODEL: ops: 4 (4 types): elementwise_add 1, feed 1, fetch 1, matmul_v2 1

// PIR's data/fetch become the function's feed and fetch; matmul and add the
// typed ops the op table maps them to, with Paddle's attribute names and
// variable names.
// CHECK-LABEL: func.func @forward(%arg0: tensor<?x3xf32> {pd.name = "x"}) -> (tensor<?x2xf32> {pd.name = "elementwise_add_0.tmp_0"})
// CHECK: %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]}
// CHECK: %matmul_v2_0.tmp_0 = pd.matmul_v2 %x, %w {pd.names = ["matmul_v2_0.tmp_0"]}
// CHECK: %elementwise_add_0.tmp_0 = pd.elementwise_add %matmul_v2_0.tmp_0, %b {axis = -1 : i32
// CHECK: %fetch = pd.fetch %elementwise_add_0.tmp_0 {col = 0 : i32
// CHECK: return %fetch

// UNMAPPED: error: PIR ops with no mapping to ProgramDesc ops: pd_op.no_such_op (1)

// A constant operand whose recorded value is not what PIR writes (hostile or
// damaged) leaves the op unmapped, reported, never a crash.
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); ops=d['program']['regions'][0]['blocks'][0]['ops']; ops.insert(4, {'#': '1.full_int_array', 'A': [{'AT': {'#': '1.a_intarray', 'D': 'oops'}, 'N': 'value'}], 'I': [], 'O': [{'%%': 9, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_i64'}, [2], 'NCHW', [], 0]}}], 'OA': []}); ops.insert(5, {'#': '1.reshape', 'A': [], 'I': [{'%%': 3}, {'%%': 9}], 'O': [{'%%': 10, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_f32'}, [-1, 3], 'NCHW', [], 0]}}], 'OA': []}); json.dump(d, open(sys.argv[2], 'w'))" %S/../frontend/Inputs/pir_linear.json %t.hostile.json
// RUN: not pd-export %t.hostile.json -o %t.x 2>&1 | FileCheck %s --check-prefix=HOSTILE
// HOSTILE: pd-export: error: {{.*}}hostile.json: PIR ops with no mapping to ProgramDesc ops: pd_op.full_int_array (1), pd_op.reshape (1)

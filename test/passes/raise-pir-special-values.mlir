// Paddle writes a float attribute JSON cannot hold as "VD" (void data):
// "INF", "-INF" or "NaN". They raise to the infinities and NaN; a VD that
// is none of them leaves the op unraised, never a default in its place.
// An undefined dtype ("Undefined(ALL_DTYPE)", sum's when none is given) is
// ProgramDesc's -1, the input's.
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); ops=d['program']['regions'][0]['blocks'][0]['ops']; dist=lambda v,o: {'#': '1.dist', 'A': [{'AT': {'#': '0.a_f32', 'VD': v}, 'N': 'p'}], 'I': [{'%%': 4}, {'%%': 4}], 'O': [{'%%': o, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_f32'}, [], 'NCHW', [], 0]}}], 'OA': []}; ops[4:4] = [dist('INF', 20), dist('-INF', 21), dist('NaN', 22), dist(sys.argv[3], 23), {'#': '1.full_int_array', 'A': [{'AT': {'#': '1.a_intarray', 'D': [1]}, 'N': 'value'}], 'I': [], 'O': [{'%%': 24, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_i64'}, [1], 'NCHW', [], 0]}}], 'OA': []}, {'#': '1.sum', 'A': [{'AT': {'#': '1.a_dtype', 'D': 'Undefined(ALL_DTYPE)'}, 'N': 'dtype'}, {'AT': {'#': '0.a_bool', 'D': False}, 'N': 'keepdim'}], 'I': [{'%%': 4}, {'%%': 24}], 'O': [{'%%': 25, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_f32'}, [-1], 'NCHW', [], 0]}}], 'OA': []}]; json.dump(d, open(sys.argv[2], 'w'))" %S/../frontend/Inputs/pir_linear.json %t.json NaN
// RUN: pd-export %t.json --emit=mlir -o - 2>/dev/null | pd-opt --pd-raise-pir=require-all | FileCheck %s
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); ops=d['program']['regions'][0]['blocks'][0]['ops']; dist=lambda v,o: {'#': '1.dist', 'A': [{'AT': {'#': '0.a_f32', 'VD': v}, 'N': 'p'}], 'I': [{'%%': 4}, {'%%': 4}], 'O': [{'%%': o, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_f32'}, [], 'NCHW', [], 0]}}], 'OA': []}; ops[4:4] = [dist(sys.argv[3], 20)]; json.dump(d, open(sys.argv[2], 'w'))" %S/../frontend/Inputs/pir_linear.json %t.bad.json Infinity
// RUN: pd-export %t.bad.json --emit=mlir -o - 2>/dev/null | not pd-opt --pd-raise-pir=require-all 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: pd.dist %{{.*}}, %{{.*}} {p = 0x7F800000 : f32
// CHECK: pd.dist %{{.*}}, %{{.*}} {p = 0xFF800000 : f32
// CHECK: pd.dist %{{.*}}, %{{.*}} {p = 0x7FC00000 : f32
// CHECK: pd.reduce_sum %{{.*}} {dim = array<i32: 1>, keep_dim = false, out_dtype = -1 : i32

// BAD: error: PIR ops with no mapping to ProgramDesc ops: pd_op.dist (1)

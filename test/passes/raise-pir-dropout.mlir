// A PIR dropout (Paddle 3's nn.Dropout in a saved model) has a null operand,
// its absent seed tensor, and its probability as a full op's scalar: it
// raises to dropout with dropout_prob and dropout_implementation, and the
// CPU compile drops it (upscale_in_train is the identity at inference).
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); ops=d['program']['regions'][0]['blocks'][0]['ops']; ops[4]['I'][0]['%%'] = 8; ops.insert(4, {'#': '1.full', 'A': [{'AT': {'#': '1.a_intarray', 'D': [1]}, 'N': 'shape'}, {'AT': {'#': '0.a_f64', 'D': 0.25}, 'N': 'value'}, {'AT': {'#': '1.a_dtype', 'D': 'float32'}, 'N': 'dtype'}, {'AT': {'#': '1.a_place', 'D': [1, 0, '']}, 'N': 'place'}], 'I': [], 'O': [{'%%': 7, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_f32'}, [1], 'NCHW', [], 0]}}], 'OA': []}); ops.insert(5, {'#': '1.dropout', 'A': [{'AT': {'#': '0.a_bool', 'D': True}, 'N': 'is_test'}, {'AT': {'#': '0.a_str', 'D': 'upscale_in_train'}, 'N': 'mode'}, {'AT': {'#': '0.a_i32', 'D': 0}, 'N': 'seed'}, {'AT': {'#': '0.a_bool', 'D': False}, 'N': 'fix_seed'}], 'I': [{'%%': 4}, {'%%': 0}, {'%%': 7}], 'O': [{'%%': 8, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_f32'}, [-1, 2], 'NCHW', [], 0]}}, {'%%': 9, 'TT': {'#': '0.t_dtensor', 'D': [{'#': '0.t_ui8'}, [-1, 2], 'NCHW', [], 0]}}], 'OA': []}); json.dump(d, open(sys.argv[2], 'w'))" %S/../frontend/Inputs/pir_linear.json %t.json
// RUN: pd-export %t.json --emit=mlir -o - 2>/dev/null | pd-opt --pd-raise-pir=require-all | FileCheck %s
// RUN: pd-export %t.json --emit=mlir -o - 2>/dev/null | pd-opt --pd-raise-pir --pd-drop-dropout | FileCheck %s --check-prefix=DROPPED

// CHECK: %[[P:[^ ]*]] = pd.matmul_v2
// CHECK: %[[D:[^,]*]], %{{.*}} = pd.dropout %[[P]] {dropout_implementation = "upscale_in_train", dropout_prob = 2.500000e-01 : f32, fix_seed = false, is_test = true
// CHECK: pd.elementwise_add %[[D]], %b

// DROPPED: %[[P:[^ ]*]] = pd.matmul_v2
// DROPPED-NOT: pd.dropout
// DROPPED: pd.elementwise_add %[[P]], %b

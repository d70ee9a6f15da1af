// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// A bidirectional LSTM: per direction, the weights packed (transposed, as
// the GEMM kernel reads them), the input's projection for every step in one
// GEMM with bias_ih, then a time loop: one GEMM of the previous h with
// bias_hh and the step's projection in its epilogue, one loop nest for the
// cell (gates i f g o: four column blocks of the GEMM's result) that writes
// the new h and c over the old, and h written into Out's columns of its
// direction. The backward loop walks time from the end.
// CHECK-LABEL: func.func @lstm
// CHECK:      %[[T:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[LAST:.*]] = arith.subi %[[T]], %c1
// CHECK:      %[[PI:.*]] = pdcpu.pack_b %arg3 into %{{.*}} {transposed} : tensor<16x3xf32>, tensor<1x3x16xf32>
// CHECK:      %[[PH:.*]] = pdcpu.pack_b %arg4 into %{{.*}} {transposed} : tensor<16x4xf32>, tensor<1x4x16xf32>
// CHECK:      %[[PROJ:.*]] = pdcpu.gemm %arg0, %[[PI]] bias %arg7 into
// CHECK:      %[[H0:.*]] = tensor.extract_slice %arg1[0, 0, 0] [1, %{{.*}}, 4] [1, 1, 1] : tensor<2x?x4xf32> to tensor<?x4xf32>
// CHECK:      %[[FWD:.*]]:4 = scf.for %[[STEP:.*]] = %c0{{.*}} to %[[T]] step %c1{{.*}} iter_args(%[[H:.*]] = %[[H0]], %[[C:.*]] = %{{.*}}, %[[OUT:.*]] = %{{.*}}, %[[G:.*]] = %{{.*}})
// CHECK:        %[[X:.*]] = tensor.extract_slice %[[PROJ]][%[[STEP]], 0, 0]
// CHECK:        %[[GATES:.*]] = pdcpu.gemm %[[H]], %[[PH]] bias %arg8 residual %[[X]] into %[[G]]
// CHECK:        %[[I:.*]] = tensor.extract_slice %[[GATES]][0, 0] [%{{.*}}, 4]
// CHECK:        %[[F:.*]] = tensor.extract_slice %[[GATES]][0, 4] [%{{.*}}, 4]
// CHECK:        %[[GG:.*]] = tensor.extract_slice %[[GATES]][0, 8] [%{{.*}}, 4]
// CHECK:        %[[O:.*]] = tensor.extract_slice %[[GATES]][0, 12] [%{{.*}}, 4]
// CHECK:        %[[CELL:.*]]:2 = linalg.generic {{.*}} ins(%[[I]], %[[F]], %[[GG]], %[[O]], %[[H]], %[[C]] : {{.*}}) outs(%[[H]], %[[C]] : {{.*}})
// CHECK:          math.tanh %in
// CHECK:          %[[TC:.*]] = math.tanh %[[NEWC:[0-9]+]] : f32
// CHECK:          %[[NEWH:.*]] = arith.mulf %{{.*}}, %[[TC]] : f32
// CHECK:          linalg.yield %[[NEWH]], %[[NEWC]]
// CHECK:        %[[W:.*]] = tensor.insert_slice %[[CELL]]#0 into %[[OUT]][%[[STEP]], 0, 0] [1, %{{.*}}, 4]
// CHECK:        scf.yield %[[CELL]]#0, %[[CELL]]#1, %[[W]], %[[GATES]]
// CHECK:      pdcpu.pack_b %arg5
// CHECK:      %[[BWD:.*]]:4 = scf.for %[[STEP2:[^ ]*]] = {{.*}} iter_args({{.*}}, %{{.*}} = %[[FWD]]#2, {{.*}})
// CHECK:        %[[BACK:.*]] = arith.subi %[[LAST]], %[[STEP2]]
// CHECK:        tensor.insert_slice %{{.*}} into %{{.*}}[%[[BACK]], 0, 4] [1, %{{.*}}, 4]
// CHECK:      tensor.insert_slice %[[FWD]]#0 into %{{.*}}[0, 0, 0] [1, %{{.*}}, 4] [1, 1, 1] : tensor<?x4xf32> into tensor<2x?x4xf32>
// CHECK:      tensor.insert_slice %[[BWD]]#0 into %{{.*}}[1, 0, 0]
// CHECK:      return %[[BWD]]#2
func.func @lstm(%x: tensor<?x?x3xf32>, %h0: tensor<2x?x4xf32>, %c0: tensor<2x?x4xf32>,
                %wi0: tensor<16x3xf32>, %wh0: tensor<16x4xf32>, %wi1: tensor<16x3xf32>, %wh1: tensor<16x4xf32>,
                %bi0: tensor<16xf32>, %bh0: tensor<16xf32>, %bi1: tensor<16xf32>, %bh1: tensor<16xf32>) -> (tensor<?x?x8xf32>, tensor<2x?x4xf32>) {
  %out, %drop, %h, %c, %reserve = pd.rnn %x, %h0, %c0, %wi0, %wh0, %wi1, %wh1, %bi0, %bh0, %bi1, %bh1 {hidden_size = 4 : i32, input_size = 3 : i32, is_bidirec = true, is_test = true, mode = "LSTM", num_layers = 1 : i32, operandSegmentSizes = array<i32: 1, 2, 8, 0>, resultSegmentSizes = array<i32: 1, 1, 2, 1>} : (tensor<?x?x3xf32>, tensor<2x?x4xf32>, tensor<2x?x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<?x?x8xf32>, tensor<ui8>, tensor<2x?x4xf32>, tensor<2x?x4xf32>, tensor<ui8>)
  return %out, %h : tensor<?x?x8xf32>, tensor<2x?x4xf32>
}

// -----

// GRU: the reset gate scales h's part of the candidate alone, so the step's
// projection joins in the cell (not in the GEMM's epilogue); with
// SequenceLength, a row whose sequence has ended keeps its h and gives 0.
// CHECK-LABEL: func.func @gru
// CHECK:      scf.for %[[STEP:[^ ]*]] =
// CHECK:        %[[X:.*]] = tensor.extract_slice
// CHECK:        %[[HG:.*]] = pdcpu.gemm %{{.*}}, %{{.*}} bias %arg5 into
// CHECK:        %[[RUNS:.*]] = linalg.generic {{.*}} ins(%arg7 : tensor<?xi64>)
// CHECK:          %[[LEN:.*]] = arith.index_cast
// CHECK:          arith.cmpi slt, %[[STEP]], %[[LEN]]
// CHECK:        linalg.generic {{.*}} ins({{.*}}, %[[RUNS]] : {{.*}}tensor<?xi1>)
// CHECK:          %[[R:.*]] = arith.divf
// CHECK:          %[[Z:.*]] = arith.divf
// CHECK:          %[[RH:.*]] = arith.mulf %[[R]], %{{.*}} : f32
// CHECK:          %[[CAND:.*]] = math.tanh
// CHECK:          %[[DIFF:.*]] = arith.subf %{{.*}}, %[[CAND]]
// CHECK:          %[[NEWH:.*]] = arith.addf
// CHECK:          %[[ZERO:.*]] = arith.select %{{.*}}, %[[NEWH]], %cst
// CHECK:          %[[KEPT:.*]] = arith.select %{{.*}}, %[[NEWH]], %{{.*}}
// CHECK:          linalg.yield %[[KEPT]], %[[ZERO]]
func.func @gru(%x: tensor<?x?x3xf32>, %h0: tensor<1x?x2xf32>, %wi: tensor<6x3xf32>, %wh: tensor<6x2xf32>,
               %bi: tensor<6xf32>, %bh: tensor<6xf32>, %unused: tensor<f32>, %lengths: tensor<?xi64>) -> tensor<?x?x2xf32> {
  %out, %drop, %h, %reserve = pd.rnn %x, %h0, %wi, %wh, %bi, %bh, %lengths {hidden_size = 2 : i32, mode = "GRU", operandSegmentSizes = array<i32: 1, 1, 4, 1>, resultSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<?x?x3xf32>, tensor<1x?x2xf32>, tensor<6x3xf32>, tensor<6x2xf32>, tensor<6xf32>, tensor<6xf32>, tensor<?xi64>) -> (tensor<?x?x2xf32>, tensor<ui8>, tensor<1x?x2xf32>, tensor<ui8>)
  return %out : tensor<?x?x2xf32>
}

// -----

// Two layers of a simple RNN (relu): layer 1 reads layer 0's Out.
// CHECK-LABEL: func.func @two_layers
// CHECK:      %[[L0:.*]]:3 = scf.for
// CHECK:          arith.maximumf
// CHECK:      pdcpu.gemm %[[L0]]#1, %{{.*}} bias %arg8 into
// CHECK:      %[[L1:.*]]:3 = scf.for
// CHECK:      return %[[L1]]#1
func.func @two_layers(%x: tensor<?x?x3xf32>, %h0: tensor<2x?x2xf32>, %wi0: tensor<2x3xf32>, %wh0: tensor<2x2xf32>,
                      %wi1: tensor<2x2xf32>, %wh1: tensor<2x2xf32>, %bi0: tensor<2xf32>, %bh0: tensor<2xf32>,
                      %bi1: tensor<2xf32>, %bh1: tensor<2xf32>) -> tensor<?x?x2xf32> {
  %out, %drop, %h, %reserve = pd.rnn %x, %h0, %wi0, %wh0, %wi1, %wh1, %bi0, %bh0, %bi1, %bh1 {hidden_size = 2 : i32, mode = "RNN_RELU", num_layers = 2 : i32, operandSegmentSizes = array<i32: 1, 1, 8, 0>, resultSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<?x?x3xf32>, tensor<2x?x2xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?x?x2xf32>, tensor<ui8>, tensor<2x?x2xf32>, tensor<ui8>)
  return %out : tensor<?x?x2xf32>
}

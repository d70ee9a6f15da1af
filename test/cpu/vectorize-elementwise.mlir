// RUN: pd-opt %s --split-input-file --pd-cpu-vectorize-elementwise --canonicalize | FileCheck %s

// A squeeze-excitation's product (NHWC, 16 channels, the scale broadcast
// over the pixels): loops over the pixels, and per pixel one 16-lane read of
// each operand, one multiply and one 16-lane write.
// CHECK-LABEL: func.func @scale_channels
// CHECK-NOT:   linalg.generic
// CHECK:       scf.for
// CHECK:       scf.for
// CHECK:       scf.for
// CHECK-NOT:   scf.for
// CHECK-DAG:   %[[S:.*]] = vector.transfer_read {{.*}} : tensor<1x1x1x16xf32>, vector<16xf32>
// CHECK-DAG:   %[[X:.*]] = vector.transfer_read {{.*}} : tensor<1x1x1x16xf32>, vector<16xf32>
// CHECK:       %[[P:.*]] = arith.mulf %[[S]], %[[X]] : vector<16xf32>
// CHECK:       vector.transfer_write %[[P]], {{.*}} : vector<16xf32>, tensor<1x1x1x16xf32>
// CHECK:       tensor.insert_slice
#bcast = affine_map<(d0, d1, d2, d3) -> (d0, 0, 0, d3)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @scale_channels(%s: tensor<?x1x1x16xf32>, %x: tensor<?x56x56x16xf32>,
                          %init: tensor<?x56x56x16xf32>) -> tensor<?x56x56x16xf32> {
  %r = linalg.generic {indexing_maps = [#bcast, #id, #id],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s, %x : tensor<?x1x1x16xf32>, tensor<?x56x56x16xf32>)
      outs(%init : tensor<?x56x56x16xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<?x56x56x16xf32>
  return %r : tensor<?x56x56x16xf32>
}

// -----

// 24 channels: tiles of 8 lanes; a scalar operand is broadcast.
// CHECK-LABEL: func.func @hardsigmoid_24
// CHECK-NOT:   linalg.generic
// CHECK:       scf.for
// CHECK:       scf.for {{.*}} step %c8
// CHECK-DAG:   vector.transfer_read {{.*}} : tensor<1x8xf32>, vector<8xf32>
// CHECK-DAG:   vector.broadcast {{.*}} : f32 to vector<8xf32>
// CHECK:       arith.mulf {{.*}} : vector<8xf32>
// CHECK:       arith.maximumf {{.*}} : vector<8xf32>
// CHECK:       vector.transfer_write {{.*}} : vector<8xf32>, tensor<1x8xf32>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#scalar = affine_map<(d0, d1) -> ()>
func.func @hardsigmoid_24(%x: tensor<7x24xf32>, %k: f32, %init: tensor<7x24xf32>) -> tensor<7x24xf32> {
  %r = linalg.generic {indexing_maps = [#id2, #scalar, #id2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x, %k : tensor<7x24xf32>, f32) outs(%init : tensor<7x24xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %z = arith.constant 0.0 : f32
    %c = arith.maximumf %m, %z : f32
    linalg.yield %c : f32
  } -> tensor<7x24xf32>
  return %r : tensor<7x24xf32>
}

// -----

// Left to LLVM: an innermost loop that is not a multiple of 8, one of
// dynamic size, one that reads an operand across (a transpose), a body
// that indexes, and a reduction.
// CHECK-LABEL: func.func @kept
// CHECK-NOT:   vector.
// CHECK-COUNT-5: linalg.generic
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
#row = affine_map<(d0, d1) -> (d0)>
func.func @kept(%a: tensor<4x20xf32>, %b: tensor<4x?xf32>, %c: tensor<16x16xf32>,
                %d: tensor<4x16xi64>, %e: tensor<16xf32>)
    -> (tensor<4x20xf32>, tensor<4x?xf32>, tensor<16x16xf32>, tensor<4x16xi64>, tensor<16xf32>) {
  %0 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x20xf32>) outs(%a : tensor<4x20xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.negf %x : f32
    linalg.yield %y : f32
  } -> tensor<4x20xf32>
  %1 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<4x?xf32>) outs(%b : tensor<4x?xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.negf %x : f32
    linalg.yield %y : f32
  } -> tensor<4x?xf32>
  %2 = linalg.generic {indexing_maps = [#t, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%c : tensor<16x16xf32>) outs(%c : tensor<16x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.negf %x : f32
    linalg.yield %y : f32
  } -> tensor<16x16xf32>
  %3 = linalg.generic {indexing_maps = [#id2], iterator_types = ["parallel", "parallel"]}
      outs(%d : tensor<4x16xi64>) {
  ^bb0(%o: i64):
    %i = linalg.index 1 : index
    %v = arith.index_cast %i : index to i64
    linalg.yield %v : i64
  } -> tensor<4x16xi64>
  %4 = linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
      ins(%c : tensor<16x16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.addf %x, %o : f32
    linalg.yield %y : f32
  } -> tensor<16xf32>
  return %0, %1, %2, %3, %4 : tensor<4x20xf32>, tensor<4x?xf32>, tensor<16x16xf32>, tensor<4x16xi64>, tensor<16xf32>
}

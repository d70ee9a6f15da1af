// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file | FileCheck %s
// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file 2>&1 | FileCheck %s --check-prefix=NOPD
// NOPD-NOT: pd.

// pad3d, reflect: an index i before the start reads -i, after the end
// 2 (n - 1) - i; only the padded dims (H: 4 -> 5, W: 5 -> 8) are mapped.
// CHECK-LABEL: func.func @pad3d_reflect
// CHECK:      tensor.empty(%{{.*}}) : tensor<?x2x1x5x8xf32>
// CHECK:        %[[D:.*]] = linalg.index 2 : index
// CHECK:        %[[W:.*]] = linalg.index 4 : index
// CHECK:        %[[I:.*]] = arith.subi %[[W]], %c1
// CHECK:        %[[NEG:.*]] = arith.subi %c0{{.*}}, %[[I]]
// CHECK:        %[[M:.*]] = arith.maxsi %[[I]], %[[NEG]]
// CHECK:        arith.minsi %[[M]],
// CHECK:        tensor.extract %arg0[%{{.*}}, %{{.*}}, %[[D]], %{{.*}}, %{{.*}}]
func.func @pad3d_reflect(%x: tensor<?x2x1x4x5xf32>) -> tensor<?x2x1x5x8xf32> {
  %y = pd.pad3d %x {paddings = array<i32: 1, 2, 0, 1, 0, 0>, mode = "reflect", data_format = "NCDHW"} : (tensor<?x2x1x4x5xf32>) -> tensor<?x2x1x5x8xf32>
  return %y : tensor<?x2x1x5x8xf32>
}

// -----

// pad3d, constant: the value outside X, X (read at a clamped index) inside.
// CHECK-LABEL: func.func @pad3d_constant
// CHECK:        %[[X:.*]] = tensor.extract %arg0
// CHECK:        %[[V:.*]] = arith.constant 5.000000e-01 : f32
// CHECK:        arith.cmpi slt
// CHECK:        arith.cmpi sge
// CHECK:        arith.andi
// CHECK:        arith.select %{{.*}}, %[[X]], %[[V]] : f32
func.func @pad3d_constant(%x: tensor<1x2x1x4x5xf32>) -> tensor<1x2x1x6x7xf32> {
  %y = pd.pad3d %x {paddings = array<i32: 1, 1, 2, 0, 0, 0>, mode = "constant", value = 5.000000e-01 : f32} : (tensor<1x2x1x4x5xf32>) -> tensor<1x2x1x6x7xf32>
  return %y : tensor<1x2x1x6x7xf32>
}

// -----

// pad (any rank, constant): paddings (before, after) per dim; the dims
// not padded (dim 0 here) read X at the output's index.
// CHECK-LABEL: func.func @pad_any_rank
// CHECK:        tensor.empty(%{{.*}}) : tensor<?x6x6xf32>
// CHECK:        %[[B:.*]] = linalg.index 0 : index
// CHECK:        %[[X:.*]] = tensor.extract %arg0[%[[B]], %{{.*}}, %{{.*}}]
// CHECK:        %[[V:.*]] = arith.constant 1.500000e+00 : f32
// CHECK:        arith.select %{{.*}}, %[[X]], %[[V]] : f32
func.func @pad_any_rank(%x: tensor<?x3x4xf32>) -> tensor<?x6x6xf32> {
  %y = pd.pad %x {paddings = array<i32: 0, 0, 0, 3, 2, 0>, pad_value = 1.5 : f32} : (tensor<?x3x4xf32>) -> tensor<?x6x6xf32>
  return %y : tensor<?x6x6xf32>
}

// -----

// flip reads index n - 1 - i along the flipped axis.
// CHECK-LABEL: func.func @flip
// CHECK:        %[[R:.*]] = linalg.index 0 : index
// CHECK:        %[[C:.*]] = linalg.index 1 : index
// CHECK:        %[[LAST:.*]] = arith.subi %c6, %c1
// CHECK:        %[[AT:.*]] = arith.subi %[[LAST]], %[[C]]
// CHECK:        tensor.extract %arg0[%[[R]], %[[AT]]]
func.func @flip(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %y = pd.flip %x {axis = array<i32: 1>} : (tensor<?x6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// index_select is gather along `dim`, the index clamped into X.
// CHECK-LABEL: func.func @index_select
// CHECK:      linalg.generic {{.*}} ins(%arg1 : tensor<?xi64>) outs(%{{.*}} : tensor<?x?xf32>)
// CHECK:        arith.maxsi
// CHECK:        %[[AT:.*]] = arith.minsi
// CHECK:        tensor.extract %arg0[%{{.*}}, %[[AT]]]
func.func @index_select(%x: tensor<?x6xf32>, %i: tensor<?xi64>) -> tensor<?x?xf32> {
  %y = pd.index_select %x, %i {dim = 1 : i32} : (tensor<?x6xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// p_norm, p = 2: the square root of the sum of squares along the axis.
// CHECK-LABEL: func.func @p_norm
// CHECK:      linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK:        math.absf
// CHECK:        arith.mulf
// CHECK:        arith.addf
// CHECK:      linalg.generic
// CHECK:        math.sqrt
func.func @p_norm(%x: tensor<?x6xf32>) -> tensor<?x1xf32> {
  %y = pd.p_norm %x {porder = 2.0 : f32, axis = 1 : i32, keepdim = true} : (tensor<?x6xf32>) -> tensor<?x1xf32>
  return %y : tensor<?x1xf32>
}

// -----

// group_norm: X viewed as [N, groups, C / groups, H, W], each group of each
// image normalised (mean, then the mean squared deviation), then scaled and
// shifted per channel.
// CHECK-LABEL: func.func @group_norm
// CHECK:      %[[G:.*]] = tensor.expand_shape %arg0 {{\[}}[0], [1, 2], [3], [4]] {{.*}} into tensor<?x4x2x?x?xf32>
// CHECK:      linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[G]]
// CHECK:      math.sqrt
// CHECK:      tensor.collapse_shape {{.*}} into tensor<?x8x?x?xf32>
// CHECK:      ins(%{{.*}}, %arg1 : tensor<?x8x?x?xf32>, tensor<8xf32>)
// CHECK:        arith.mulf
// CHECK:      ins(%{{.*}}, %arg2 : tensor<?x8x?x?xf32>, tensor<8xf32>)
// CHECK:        arith.addf
func.func @group_norm(%x: tensor<?x8x?x?xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x8x?x?xf32> {
  %y = pd.group_norm %x, %s, %b {groups = 4 : i32, epsilon = 1.0e-05 : f32, operandSegmentSizes = array<i32: 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x8x?x?xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x?x?xf32>
  return %y : tensor<?x8x?x?xf32>
}

// -----

// instance_norm: statistics over each channel's H and W.
// CHECK-LABEL: func.func @instance_norm
// CHECK:      linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%arg0
// CHECK:      math.sqrt
func.func @instance_norm(%x: tensor<?x8x?x?xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x8x?x?xf32> {
  %y = pd.instance_norm %x, %s, %b {epsilon = 1.0e-05 : f32, operandSegmentSizes = array<i32: 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x8x?x?xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x?x?xf32>
  return %y : tensor<?x8x?x?xf32>
}

// -----

// prelu, mode channel: alpha indexed by the channel.
// CHECK: #[[ALPHA:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @prelu
// CHECK:      linalg.generic {indexing_maps = [#{{.*}}, #[[ALPHA]], #{{.*}}]
// CHECK:        %[[POS:.*]] = arith.cmpf ogt, %in, %cst
// CHECK:        %[[NEG:.*]] = arith.mulf %in_{{.*}}, %in
// CHECK:        arith.select %[[POS]], %in, %[[NEG]]
func.func @prelu(%x: tensor<?x8x?x?xf32>, %a: tensor<8xf32>) -> tensor<?x8x?x?xf32> {
  %y = pd.prelu %x, %a {mode = "channel"} : (tensor<?x8x?x?xf32>, tensor<8xf32>) -> tensor<?x8x?x?xf32>
  return %y : tensor<?x8x?x?xf32>
}

// -----

// elementwise_mod: fmod, plus the divisor where the signs differ.
// CHECK-LABEL: func.func @mod
// CHECK:        %[[R:.*]] = arith.remf %in, %in_0
// CHECK:        %[[FIX:.*]] = arith.andi
// CHECK:        %[[SUM:.*]] = arith.addf %[[R]], %in_0
// CHECK:        arith.select %[[FIX]], %[[SUM]], %[[R]]
func.func @mod(%x: tensor<?x6xf32>, %y: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %z = pd.elementwise_mod %x, %y {axis = -1 : i32} : (tensor<?x6xf32>, tensor<?x6xf32>) -> tensor<?x6xf32>
  return %z : tensor<?x6xf32>
}

// -----

// elementwise_floordiv on integers: the truncated quotient, one less where
// the signs differ and the remainder is not zero.
// CHECK-LABEL: func.func @floordiv
// CHECK:        %[[Q:.*]] = arith.divsi %in, %in_0
// CHECK:        arith.remsi %in, %in_0
// CHECK:        %[[LESS:.*]] = arith.subi %[[Q]], %c1
// CHECK:        arith.select %{{.*}}, %[[LESS]], %[[Q]]
func.func @floordiv(%x: tensor<?x6xi64>, %y: tensor<?x6xi64>) -> tensor<?x6xi64> {
  %z = pd.elementwise_floordiv %x, %y {axis = -1 : i32} : (tensor<?x6xi64>, tensor<?x6xi64>) -> tensor<?x6xi64>
  return %z : tensor<?x6xi64>
}

// -----

// logical_xor of a bool and a float tensor: each is true where not zero.
// CHECK-LABEL: func.func @logic
// CHECK:        %[[Y:.*]] = arith.cmpf une, %in_0
// CHECK:        arith.xori %in, %[[Y]] : i1
func.func @logic(%x: tensor<?x6xi1>, %y: tensor<6xf32>) -> tensor<?x6xi1> {
  %z = pd.logical_xor %x, %y : (tensor<?x6xi1>, tensor<6xf32>) -> tensor<?x6xi1>
  return %z : tensor<?x6xi1>
}

// -----

// log_softmax: (x - max) - ln(sum(exp(x - max))).
// CHECK-LABEL: func.func @log_softmax
// CHECK:        arith.maximumf
// CHECK:        arith.subf
// CHECK:        math.exp
// CHECK:        arith.addf
// CHECK:        %[[L:.*]] = math.log %in_{{.*}}
// CHECK:        arith.subf %in, %[[L]]
func.func @log_softmax(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %y = pd.log_softmax %x {axis = -1 : i32} : (tensor<?x6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// elu: alpha (exp(x) - 1) below zero; round: halves to even.
// CHECK-LABEL: func.func @elu_round
// CHECK-DAG:    %[[NEG:.*]] = arith.cmpf olt, %in
// CHECK-DAG:    math.exp %in
// CHECK:        arith.select %[[NEG]]
// CHECK:        math.roundeven
func.func @elu_round(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %y = pd.elu %x {alpha = 0.7 : f32} : (tensor<?x6xf32>) -> tensor<?x6xf32>
  %z = pd.round %y : (tensor<?x6xf32>) -> tensor<?x6xf32>
  return %z : tensor<?x6xf32>
}

// -----

// assign_value: a constant from the attribute of its dtype (int64 here; the
// empty fp32_values does not count).
// CHECK-LABEL: func.func @assign_value
// CHECK:      %[[C:.*]] = arith.constant dense<[0, 2, 2, 5]> : tensor<4xi64>
// CHECK:      return %[[C]]
func.func @assign_value() -> tensor<4xi64> {
  %c = pd.assign_value {shape = array<i32: 4>, dtype = 3 : i32, int64_values = array<i64: 0, 2, 2, 5>, fp32_values = array<f32>} : () -> tensor<4xi64>
  return %c : tensor<4xi64>
}

// -----

// softmax_with_cross_entropy, hard labels: the softmax with x - max clipped
// at -64 before exp, then per row the label's probability (the label
// clamped into [0, classes), ignore_index 3 giving 0), minus its log with
// infinities as -+1e20.
// CHECK-LABEL: func.func @cross_entropy_hard
// CHECK:        %[[SHIFT:.*]] = arith.subf %in, %in_{{.*}}
// CHECK:        %[[CLIP:.*]] = arith.constant -6.400000e+01 : f32
// CHECK:        %[[KEPT:.*]] = arith.maximumf %[[SHIFT]], %[[CLIP]]
// CHECK:        math.exp %[[KEPT]]
// CHECK:        arith.divf
// CHECK:        %[[L:.*]] = tensor.extract %{{.*}}[%{{.*}}, %{{.*}}] : tensor<?x1xi64>
// CHECK:        %[[IGN:.*]] = arith.cmpi eq, %[[L]], %c3_i64
// CHECK:        arith.maxsi
// CHECK:        arith.minsi
// CHECK:        %[[P:.*]] = tensor.extract
// CHECK:        %[[LOG:.*]] = math.log %[[P]]
// CHECK:        arith.maximumf %[[LOG]]
// CHECK:        arith.minimumf
// CHECK:        %[[NEG:.*]] = arith.negf
// CHECK:        arith.select %[[IGN]], %{{.*}}, %[[NEG]]
func.func @cross_entropy_hard(%x: tensor<?x6xf32>, %l: tensor<?x1xi64>) -> (tensor<?x6xf32>, tensor<?x1xf32>) {
  %s, %o = pd.softmax_with_cross_entropy %x, %l {axis = -1 : i32, ignore_index = 3 : i32} : (tensor<?x6xf32>, tensor<?x1xi64>) -> (tensor<?x6xf32>, tensor<?x1xf32>)
  return %s, %o : tensor<?x6xf32>, tensor<?x1xf32>
}

// -----

// Soft labels without the softmax: Logits are the probabilities; the loss
// is minus the sum over the axis of label * log(p).
// CHECK-LABEL: func.func @cross_entropy_soft
// CHECK-NOT:    math.exp
// CHECK:        %[[LOG:.*]] = math.log %in_{{.*}}
// CHECK:        %[[T:.*]] = arith.maximumf %[[LOG]]
// CHECK:        %[[U:.*]] = arith.minimumf %[[T]]
// CHECK:        arith.mulf %in, %[[U]]
// CHECK:        linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK:        arith.addf
// CHECK:        arith.negf
// CHECK:        return %arg0
func.func @cross_entropy_soft(%x: tensor<?x6xf32>, %l: tensor<?x6xf32>) -> (tensor<?x6xf32>, tensor<?x1xf32>) {
  %s, %o = pd.softmax_with_cross_entropy %x, %l {axis = 1 : i32, soft_label = true, use_softmax = false} : (tensor<?x6xf32>, tensor<?x6xf32>) -> (tensor<?x6xf32>, tensor<?x1xf32>)
  return %s, %o : tensor<?x6xf32>, tensor<?x1xf32>
}

// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file | FileCheck %s

// roll: each rolled axis reads (i - shift) mod n, kept non-negative.
// CHECK-LABEL: func.func @roll
// CHECK:        %[[I:.*]] = linalg.index 1 : index
// CHECK:        %[[D:.*]] = arith.subi %[[I]], %c1 : index
// CHECK:        %[[R:.*]] = arith.remsi %[[D]], %c4 : index
// CHECK:        arith.cmpi slt, %[[R]]
// CHECK:        arith.subi %{{.*}}, %c-2 : index
// CHECK:        tensor.extract %arg0
func.func @roll(%x: tensor<?x4x6xf32>) -> tensor<?x4x6xf32> {
  %y = pd.roll %x {shifts = array<i64: 1, -2>, axis = array<i64: 1, 2>} : (tensor<?x4x6xf32>) -> tensor<?x4x6xf32>
  return %y : tensor<?x4x6xf32>
}

// -----

// roll without axes: the row-major position rolls, then back to indices.
// CHECK-LABEL: func.func @roll_flat
// CHECK:        %[[FLAT:.*]] = arith.subi %{{.*}}, %c3 : index
// CHECK:        arith.remsi %[[FLAT]], %{{.*}} : index
// CHECK:        arith.remsi %{{.*}}, %c6{{.*}} : index
// CHECK:        arith.divsi %{{.*}}, %c6{{.*}} : index
func.func @roll_flat(%x: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %y = pd.roll %x {shifts = array<i64: 3>, axis = array<i64>} : (tensor<?x6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// tril with diagonal 1: kept where column - row <= 1.
// CHECK-LABEL: func.func @tril
// CHECK:        %[[E:.*]] = tensor.extract %arg0
// CHECK:        %[[OFF:.*]] = arith.subi %{{.*}}, %{{.*}} : index
// CHECK:        %[[KEEP:.*]] = arith.cmpi sle, %[[OFF]], %c1 : index
// CHECK:        arith.select %[[KEEP]], %[[E]], %cst : f32
func.func @tril(%x: tensor<?x4x6xf32>) -> tensor<?x4x6xf32> {
  %y = pd.tril_triu %x {diagonal = 1 : i32, lower = true} : (tensor<?x4x6xf32>) -> tensor<?x4x6xf32>
  return %y : tensor<?x4x6xf32>
}

// -----

// CHECK-LABEL: func.func @one_hot
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x6xf32>)
// CHECK:        %[[ID:.*]] = tensor.extract %arg0[%{{.*}}] : tensor<?xi64>
// CHECK:        %[[COL:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK:        %[[HOT:.*]] = arith.cmpi eq, %[[ID]], %[[COL]] : i64
// CHECK:        arith.uitofp %[[HOT]] : i1 to f32
func.func @one_hot(%x: tensor<?xi64>) -> tensor<?x6xf32> {
  %y = pd.one_hot_v2 %x {depth = 6 : i32, dtype = 5 : i32} : (tensor<?xi64>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// index_sample: the index clamped into the row (a negative one counted
// from the end first).
// CHECK-LABEL: func.func @index_sample
// CHECK:      %[[M:.*]] = tensor.dim %arg0, %c1 : tensor<?x6xf32>
// CHECK:      linalg.generic {{.*}} ins(%arg1 : tensor<?x3xi64>) outs(%{{.*}} : tensor<?x3xf32>)
// CHECK:        %[[I:.*]] = arith.index_cast %in : i64 to index
// CHECK:        arith.addi %[[I]], %[[M]] : index
// CHECK:        arith.maxsi
// CHECK:        %[[C:.*]] = arith.minsi
// CHECK:        tensor.extract %arg0[%{{.*}}, %[[C]]] : tensor<?x6xf32>
func.func @index_sample(%x: tensor<?x6xf32>, %i: tensor<?x3xi64>) -> tensor<?x3xf32> {
  %y = pd.index_sample %x, %i : (tensor<?x6xf32>, tensor<?x3xi64>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// take_along_axis: Index's shape; the index replaces dim Axis.
// CHECK-LABEL: func.func @take_along_axis
// CHECK:      linalg.generic {{.*}} ins(%arg1 : tensor<?x4x3xi64>) outs(%{{.*}} : tensor<?x4x3xf32>)
// CHECK:        %[[C:.*]] = arith.minsi
// CHECK:        tensor.extract %arg0[%{{.*}}, %{{.*}}, %[[C]]] : tensor<?x4x6xf32>
func.func @take_along_axis(%x: tensor<?x4x6xf32>, %i: tensor<?x4x3xi64>) -> tensor<?x4x3xf32> {
  %y = pd.take_along_axis %x, %i {Axis = 2 : i32} : (tensor<?x4x6xf32>, tensor<?x4x3xi64>) -> tensor<?x4x3xf32>
  return %y : tensor<?x4x3xf32>
}

// -----

// gather_nd: two coordinates read from Index's last dim pick the slice.
// CHECK-LABEL: func.func @gather_nd
// CHECK:        tensor.extract %arg1[%{{.*}}, %{{.*}}, %c0{{.*}}] : tensor<?x1x2xi64>
// CHECK:        %[[A:.*]] = arith.minsi
// CHECK:        tensor.extract %arg1[%{{.*}}, %{{.*}}, %c1{{.*}}] : tensor<?x1x2xi64>
// CHECK:        %[[B:.*]] = arith.minsi
// CHECK:        tensor.extract %arg0[%[[A]], %[[B]], %{{.*}}] : tensor<?x4x6xf32>
func.func @gather_nd(%x: tensor<?x4x6xf32>, %i: tensor<?x1x2xi64>) -> tensor<?x1x6xf32> {
  %y = pd.gather_nd %x, %i : (tensor<?x4x6xf32>, tensor<?x1x2xi64>) -> tensor<?x1x6xf32>
  return %y : tensor<?x1x6xf32>
}

// -----

// unbind: a rank-reducing slice per result.
// CHECK-LABEL: func.func @unbind
// CHECK:      tensor.extract_slice %arg0[0, 0, 0] [%{{.*}}, 1, 6] [1, 1, 1] : tensor<?x2x6xf32> to tensor<?x6xf32>
// CHECK:      tensor.extract_slice %arg0[0, 1, 0] [%{{.*}}, 1, 6] [1, 1, 1] : tensor<?x2x6xf32> to tensor<?x6xf32>
func.func @unbind(%x: tensor<?x2x6xf32>) -> (tensor<?x6xf32>, tensor<?x6xf32>) {
  %a, %b = pd.unbind %x {axis = 1 : i32} : (tensor<?x2x6xf32>) -> (tensor<?x6xf32>, tensor<?x6xf32>)
  return %a, %b : tensor<?x6xf32>, tensor<?x6xf32>
}

// -----

// CHECK-LABEL: func.func @eye
// CHECK:        %[[D:.*]] = arith.cmpi eq, %{{.*}}, %{{.*}} : index
// CHECK:        arith.uitofp %[[D]] : i1 to f32
func.func @eye() -> tensor<3x5xf32> {
  %y = pd.eye {num_rows = 3 : i64, num_columns = 5 : i64, dtype = 5 : i32} : () -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// expand_as_v2 with Y: Y's dims; X's dim of size 1 broadcasts.
// CHECK: #[[ONE:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-LABEL: func.func @expand_as
// CHECK:      %[[N:.*]] = tensor.dim %arg1, %c0{{.*}} : tensor<?x4x6xf32>
// CHECK:      tensor.empty(%[[N]]) : tensor<?x4x6xf32>
// CHECK:      linalg.generic {indexing_maps = [#[[ONE]], #{{.*}}], {{.*}} ins(%arg0 : tensor<?x1x6xf32>)
func.func @expand_as(%x: tensor<?x1x6xf32>, %y: tensor<?x4x6xf32>) -> tensor<?x4x6xf32> {
  %z = pd.expand_as_v2 %x, %y {target_shape = array<i32: -1, 4, 6>} : (tensor<?x1x6xf32>, tensor<?x4x6xf32>) -> tensor<?x4x6xf32>
  return %z : tensor<?x4x6xf32>
}

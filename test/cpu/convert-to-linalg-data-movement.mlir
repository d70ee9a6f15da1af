// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file | FileCheck %s

// gather reads X at the index along the axis, clamped into X.
// CHECK-LABEL: func.func @gather
// CHECK:      %[[ROWS:.*]] = tensor.dim %arg0, %c1
// CHECK:      linalg.generic {{.*}} ins(%arg1 : tensor<?xi64>) outs(%{{.*}} : tensor<?x?xf32>)
// CHECK:        %[[R:.*]] = linalg.index 0 : index
// CHECK:        %[[I:.*]] = arith.index_cast %in : i64 to index
// CHECK:        %[[LAST:.*]] = arith.subi %[[ROWS]], %c1
// CHECK:        %[[LOW:.*]] = arith.maxsi %[[I]], %c0
// CHECK:        %[[AT:.*]] = arith.minsi %[[LOW]], %[[LAST]]
// CHECK:        tensor.extract %arg0[%[[R]], %[[AT]]]
func.func @gather(%x: tensor<?x8xf32>, %i: tensor<?xi64>) -> tensor<?x?xf32> {
  %y = pd.gather %x, %i {axis = 1 : i32, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<?x8xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// expand_v2 broadcasts X (aligned at the end, its size-1 dim read at 0).
// CHECK: #[[X:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @expand
// CHECK:      linalg.generic {indexing_maps = [#[[X]], {{.*}}]{{.*}} outs(%{{.*}} : tensor<3x?x4xf32>)
func.func @expand(%x: tensor<?x1xf32>) -> tensor<3x?x4xf32> {
  %y = pd.expand_v2 %x {shape = array<i32: 3, -1, 4>, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x1xf32>) -> tensor<3x?x4xf32>
  return %y : tensor<3x?x4xf32>
}

// -----

// tile reads X at each index modulo X's dim (a new leading dim: 2 copies).
// CHECK-LABEL: func.func @tile
// CHECK:      %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK:      tensor.empty({{.*}}) : tensor<2x?x?xf32>
// CHECK:        %[[I:.*]] = linalg.index 1 : index
// CHECK:        %[[J:.*]] = linalg.index 2 : index
// CHECK:        %[[R:.*]] = arith.remui %[[I]], %[[N]]
// CHECK:        %[[C:.*]] = arith.remui %[[J]], %c3
// CHECK:        tensor.extract %arg0[%[[R]], %[[C]]]
func.func @tile(%x: tensor<?x3xf32>) -> tensor<2x?x6xf32> {
  %y = pd.tile %x {repeat_times = array<i32: 2, 1, 2>, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x3xf32>) -> tensor<2x?x6xf32>
  return %y : tensor<2x?x6xf32>
}

// -----

// pixel_shuffle: out[n, c, h r + i, w r + j] = X[n, c r^2 + i r + j, h, w].
// CHECK-LABEL: func.func @pixel_shuffle
// CHECK:        %[[N:.*]] = linalg.index 0 : index
// CHECK:        %[[C:.*]] = linalg.index 1 : index
// CHECK:        %[[H:.*]] = linalg.index 2 : index
// CHECK:        %[[W:.*]] = linalg.index 3 : index
// CHECK:        %[[I:.*]] = arith.remui %[[H]], %[[R:.*]] : index
// CHECK:        %[[J:.*]] = arith.remui %[[W]], %[[R]]
// CHECK:        %[[CR:.*]] = arith.muli %[[C]], %[[R]]
// CHECK:        %[[CRI:.*]] = arith.addi %[[CR]], %[[I]]
// CHECK:        %[[CRIR:.*]] = arith.muli %[[CRI]], %[[R]]
// CHECK:        %[[SRC:.*]] = arith.addi %[[CRIR]], %[[J]]
// CHECK:        %[[SH:.*]] = arith.divui %[[H]], %[[R]]
// CHECK:        %[[SW:.*]] = arith.divui %[[W]], %[[R]]
// CHECK:        tensor.extract %arg0[%[[N]], %[[SRC]], %[[SH]], %[[SW]]]
func.func @pixel_shuffle(%x: tensor<?x8x?x?xf32>) -> tensor<?x2x?x?xf32> {
  %y = pd.pixel_shuffle %x {upscale_factor = 2 : i32} : (tensor<?x8x?x?xf32>) -> tensor<?x2x?x?xf32>
  return %y : tensor<?x2x?x?xf32>
}

// -----

// meshgrid: each input broadcast along its own dim.
// CHECK-DAG: #[[FIRST:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[SECOND:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @meshgrid
// CHECK:      linalg.generic {indexing_maps = [#[[FIRST]], {{.*}}]{{.*}} ins(%arg0
// CHECK:      linalg.generic {indexing_maps = [#[[SECOND]], {{.*}}]{{.*}} ins(%arg1
func.func @meshgrid(%a: tensor<3xf32>, %b: tensor<?xf32>) -> (tensor<3x?xf32>, tensor<3x?xf32>) {
  %p, %q = pd.meshgrid %a, %b : (tensor<3xf32>, tensor<?xf32>) -> (tensor<3x?xf32>, tensor<3x?xf32>)
  return %p, %q : tensor<3x?xf32>, tensor<3x?xf32>
}

// -----

// where: numpy's broadcast of all three; a select per element.
// CHECK-LABEL: func.func @where
// CHECK:      linalg.generic {{.*}} ins(%arg0, %arg1, %arg2 : tensor<?x4xi1>, tensor<4xf32>, tensor<?x1xf32>)
// CHECK:        arith.select %in, %in_0, %in_1 : f32
func.func @where(%c: tensor<?x4xi1>, %x: tensor<4xf32>, %y: tensor<?x1xf32>) -> tensor<?x4xf32> {
  %o = pd.where %c, %x, %y : (tensor<?x4xi1>, tensor<4xf32>, tensor<?x1xf32>) -> tensor<?x4xf32>
  return %o : tensor<?x4xf32>
}

// -----

// flatten2: [dims before axis, dims from axis] by a reshape.
// CHECK-LABEL: func.func @flatten2
// CHECK:      %[[DIMS:.*]] = tensor.from_elements
// CHECK:      tensor.reshape %arg0(%[[DIMS]]) : (tensor<?x3x4xf32>, tensor<2xindex>) -> tensor<?x?xf32>
func.func @flatten2(%x: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  %o, %s = pd.flatten2 %x {axis = 1 : i32} : (tensor<?x3x4xf32>) -> (tensor<?x12xf32>, tensor<0x?x3x4xf32>)
  return %o : tensor<?x12xf32>
}

// -----

// fill_constant_batch_size_like: Input's dim 0, then `shape`'s.
// CHECK-LABEL: func.func @fill_like
// CHECK:      %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x3xf32>
// CHECK:      linalg.fill ins(%{{.*}} : f32) outs(%[[E]]
func.func @fill_like(%x: tensor<?x5xf32>) -> tensor<?x3xf32> {
  %o = pd.fill_constant_batch_size_like %x {shape = array<i32: -1, 3>, value = 0.5 : f32, dtype = 5 : i32, input_dim_idx = 0 : i32, output_dim_idx = 0 : i32} : (tensor<?x5xf32>) -> tensor<?x3xf32>
  return %o : tensor<?x3xf32>
}

// -----

// where_index: one pass over Condition in row-major order, each non-zero
// element's indices written at row `count` of a buffer with a row per
// element; the result is the first `count` rows.
// CHECK-LABEL: func.func @where_index
// CHECK:      %[[ROOM:.*]] = arith.muli %{{.*}}, %c5
// CHECK:      %[[BUF:.*]] = tensor.empty(%[[ROOM]]) : tensor<?x2xi64>
// CHECK:      %[[LOOP:.*]]:2 = scf.for %[[I:.*]] = %{{.*}} to %[[ROOM]] step %{{.*}} iter_args(%[[B:.*]] = %[[BUF]], %[[N:.*]] = %{{.*}})
// CHECK:        %[[COL:.*]] = arith.remui %[[I]], %c5
// CHECK:        %[[ROW:.*]] = arith.divui %[[I]], %c5
// CHECK:        %[[C:.*]] = tensor.extract %arg0[%[[ROW]], %[[COL]]]
// CHECK:        scf.if %[[C]]
// CHECK:          tensor.insert %{{.*}} into %[[B]][%[[N]], %c0
// CHECK:          arith.addi %[[N]], %c1
// CHECK:      tensor.extract_slice %[[LOOP]]#0[0, 0] [%[[LOOP]]#1, 2] [1, 1]
func.func @where_index(%c: tensor<?x5xi1>) -> tensor<?x2xi64> {
  %y = pd.where_index %c : (tensor<?x5xi1>) -> tensor<?x2xi64>
  return %y : tensor<?x2xi64>
}

// -----

// masked_select: X's element where Mask holds, at position `count`.
// CHECK-LABEL: func.func @masked_select
// CHECK:      %[[LOOP:.*]]:2 = scf.for {{.*}} -> (tensor<?xf32>, index)
// CHECK:        %[[M:.*]] = tensor.extract %arg1
// CHECK:        scf.if %[[M]]
// CHECK:          %[[X:.*]] = tensor.extract %arg0
// CHECK:          tensor.insert %[[X]] into
// CHECK:      tensor.extract_slice %[[LOOP]]#0[0] [%[[LOOP]]#1] [1]
func.func @masked_select(%x: tensor<?x5xf32>, %m: tensor<?x5xi1>) -> tensor<?xf32> {
  %y = pd.masked_select %x, %m : (tensor<?x5xf32>, tensor<?x5xi1>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// A shape given as one-element tensors (expand_shapes_tensor): each entry
// read at run time, -1 keeping X's dim.
// CHECK-LABEL: func.func @expand_shape_list
// CHECK:      %[[N:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:      %[[M:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:      %[[KEEP0:.*]] = arith.cmpi eq, %[[N]], %c-1
// CHECK:      %[[D0:.*]] = arith.select %[[KEEP0]], %c1, %[[N]]
// CHECK:      %[[KEEP1:.*]] = arith.cmpi eq, %[[M]], %c-1
// CHECK:      %[[D1:.*]] = arith.select %[[KEEP1]], %c4, %[[M]]
// CHECK:      tensor.empty(%[[D0]], %[[D1]]) : tensor<?x?xf32>
// CHECK:      linalg.generic
func.func @expand_shape_list(%x: tensor<1x4xf32>, %n: tensor<1xi32>, %m: tensor<1xi32>) -> tensor<?x?xf32> {
  %y = pd.expand_v2 %x, %n, %m {operandSegmentSizes = array<i32: 1, 0, 2>} : (tensor<1x4xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// reshape2's ShapeTensor list: a constant entry folds (3); an entry read at
// run time copies X's dim for 0 and takes what the others leave for -1.
// CHECK-LABEL: func.func @reshape_shape_list
// CHECK:      %[[A:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:      %[[DIM:.*]] = tensor.dim %arg0
// CHECK:      %[[ZERO:.*]] = arith.cmpi eq, %[[A]], %c0
// CHECK:      %[[COPIED:.*]] = arith.select %[[ZERO]], %[[DIM]], %[[A]]
// CHECK:      %[[WILD:.*]] = arith.cmpi eq, %[[A]], %c-1
// CHECK:      %[[SIZE:.*]] = arith.select %[[WILD]], %c1{{.*}}, %[[COPIED]]
// CHECK:      %[[REST:.*]] = arith.divui
// CHECK:      %[[D0:.*]] = arith.select %[[WILD]], %[[REST]], %[[SIZE]]
// CHECK:      tensor.from_elements %[[D0]], %c3{{.*}} : tensor<2xindex>
// CHECK:      tensor.reshape %arg0
func.func @reshape_shape_list(%x: tensor<?x6xf32>, %a: tensor<1xi64>) -> tensor<?x?xf32> {
  %c = pd.fill_constant {dtype = 3 : i32, shape = array<i64: 1>, value = 3.0 : f32, operandSegmentSizes = array<i32: 0, 0, 0>} : () -> tensor<1xi64>
  %y, %xs = pd.reshape2 %x, %a, %c {operandSegmentSizes = array<i32: 1, 0, 2>} : (tensor<?x6xf32>, tensor<1xi64>, tensor<1xi64>) -> (tensor<?x?xf32>, tensor<0x?x6xf32>)
  return %y : tensor<?x?xf32>
}

// -----

// A slice start given as a tensor: counted from the end when negative and
// clamped to [0, dim] at run time; the end from the attribute.
// CHECK-LABEL: func.func @slice_start_tensor
// CHECK:      %[[S:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:      %[[FROM_END:.*]] = arith.addi %[[S]], %c8
// CHECK:      %[[NEG:.*]] = arith.cmpi slt, %[[S]], %c0
// CHECK:      %[[V:.*]] = arith.select %[[NEG]], %[[FROM_END]], %[[S]]
// CHECK:      %[[LO:.*]] = arith.maxsi %[[V]], %c0
// CHECK:      %[[START:.*]] = arith.minsi %[[LO]], %c8
// CHECK:      tensor.extract_slice %arg0[%[[START]], 0] [%{{.*}}, 4] [1, 1]
func.func @slice_start_tensor(%x: tensor<8x4xf32>, %s: tensor<1xi64>) -> tensor<?x4xf32> {
  %y = pd.slice %x, %s {axes = array<i32: 0>, ends = array<i32: 6>, decrease_axis = array<i32>, infer_flags = array<i32: -1>, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>} : (tensor<8x4xf32>, tensor<1xi64>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// scatter without overwrite: one ordered loop zeroes each id's row, a
// second adds Updates' rows in order; an id outside X's rows (after a
// negative one counts from the end) writes nothing.
// CHECK-LABEL: func.func @scatter_add
// CHECK:      %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<6xf32>
// CHECK:      %[[CLEARED:.*]] = scf.for %{{.*}} iter_args(%[[A:.*]] = %arg0) -> (tensor<?x6xf32>) {
// CHECK:        %[[ID:.*]] = tensor.extract %arg1
// CHECK:        arith.cmpi slt
// CHECK:        scf.if %{{.*}} -> (tensor<?x6xf32>) {
// CHECK:          tensor.insert_slice %[[ZERO]] into %[[A]][%{{.*}}, 0] [1, 6] [1, 1]
// CHECK:      scf.for %{{.*}} iter_args(%[[B:.*]] = %[[CLEARED]]) -> (tensor<?x6xf32>) {
// CHECK:        scf.if
// CHECK:          %[[U:.*]] = tensor.extract_slice %arg2[%{{.*}}, 0] [1, 6] [1, 1] : tensor<4x6xf32> to tensor<6xf32>
// CHECK:          %[[OLD:.*]] = tensor.extract_slice %[[B]][%{{.*}}, 0] [1, 6] [1, 1] : tensor<?x6xf32> to tensor<6xf32>
// CHECK:          %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[OLD]], %[[U]]
// CHECK:            arith.addf
// CHECK:          tensor.insert_slice %[[SUM]] into %[[B]]
func.func @scatter_add(%x: tensor<?x6xf32> {pd.name = "x"}, %ids: tensor<4xi64> {pd.name = "ids"}, %u: tensor<4x6xf32> {pd.name = "u"}) -> tensor<?x6xf32> {
  %y = pd.scatter %x, %ids, %u {overwrite = false, pd.names = ["y"]} : (tensor<?x6xf32>, tensor<4xi64>, tensor<4x6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// scatter_nd_add at (row, column) coordinates: one loop over Index's rows,
// both coordinates checked, the element added where they point.
// CHECK-LABEL: func.func @scatter_nd
// CHECK:      scf.for %[[I:.*]] = {{.*}} iter_args(%[[A:.*]] = %arg0) -> (tensor<?x6xf32>) {
// CHECK:        tensor.extract %arg1[%[[I]], %c0{{.*}}] : tensor<3x2xi64>
// CHECK:        tensor.extract %arg1[%[[I]], %c1{{.*}}] : tensor<3x2xi64>
// CHECK:        scf.if
// CHECK:          %[[OLD:.*]] = tensor.extract_slice %[[A]][%{{.*}}, %{{.*}}] [1, 1] [1, 1] : tensor<?x6xf32> to tensor<f32>
// CHECK:          %[[U:.*]] = tensor.extract_slice %arg2[%[[I]]] [1] [1] : tensor<3xf32> to tensor<f32>
// CHECK:          %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[OLD]], %[[U]]
// CHECK:          tensor.insert_slice %[[SUM]] into %[[A]]
func.func @scatter_nd(%x: tensor<?x6xf32> {pd.name = "x"}, %i: tensor<3x2xi64> {pd.name = "i"}, %u: tensor<3xf32> {pd.name = "u"}) -> tensor<?x6xf32> {
  %y = pd.scatter_nd_add %x, %i, %u {pd.names = ["y"]} : (tensor<?x6xf32>, tensor<3x2xi64>, tensor<3xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// max_pool2d_with_index: one generic with two results; per element the
// window clipped to the image, scanned row by row with a strict compare
// from -FLT_MAX (the first maximum wins), its position h * W + w.
// CHECK-LABEL: func.func @pool_with_index
// CHECK:      %[[W:.*]] = tensor.dim %arg0, %c3
// CHECK:      linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<?x3x?x?xf32>, tensor<?x3x?x?xi32>)
// CHECK:        arith.maxsi
// CHECK:        %[[LOW:.*]] = arith.constant -3.40282347E+38 : f32
// CHECK:        scf.for {{.*}} iter_args(%{{.*}} = %[[LOW]], %{{.*}} = %c-1
// CHECK:          scf.for
// CHECK:            %[[ROW:.*]] = arith.muli %{{.*}}, %[[W]]
// CHECK:            %[[V:.*]] = tensor.extract %arg0
// CHECK:            %[[GT:.*]] = arith.cmpf olt, %{{.*}}, %[[V]] : f32
// CHECK:            arith.select %[[GT]], %[[V]]
// CHECK:        arith.index_cast %{{.*}} : index to i32
// CHECK:        linalg.yield
func.func @pool_with_index(%x: tensor<?x3x?x?xf32> {pd.name = "x"}) -> (tensor<?x3x?x?xf32>, tensor<?x3x?x?xi32>) {
  %y, %m = pd.max_pool2d_with_index %x {ksize = array<i32: 3, 3>, strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, global_pooling = false, adaptive = false, ceil_mode = false, pd.names = ["y", "m"]} : (tensor<?x3x?x?xf32>) -> (tensor<?x3x?x?xf32>, tensor<?x3x?x?xi32>)
  return %y, %m : tensor<?x3x?x?xf32>, tensor<?x3x?x?xi32>
}

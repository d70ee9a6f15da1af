// RUN: pd-opt %s --pd-infer-shapes --pd-convert-to-linalg --split-input-file | FileCheck %s

// dist at p = inf: the difference (broadcast), then the largest |d|.
// CHECK-LABEL: func.func @dist
// CHECK:      %[[D:.*]] = linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<?x4xf32>, tensor<4xf32>)
// CHECK:        arith.subf
// CHECK:      linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]} ins(%[[D]] : tensor<?x4xf32>) outs(%{{.*}} : tensor<f32>)
// CHECK:        math.absf
// CHECK:        arith.maximumf
func.func @dist(%x: tensor<?x4xf32>, %y: tensor<4xf32>) -> tensor<f32> {
  %z = pd.dist %x, %y {p = 0x7F800000 : f32} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<f32>
  return %z : tensor<f32>
}

// -----

// linspace in double: the first half from Start, the rest from Stop.
// CHECK-LABEL: func.func @linspace
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<7xf32>)
// CHECK:        %[[FIRST:.*]] = arith.cmpi slt, %{{.*}}, %{{.*}} : i64
// CHECK:        arith.select %[[FIRST]], %{{.*}}, %{{.*}} : f64
// CHECK:        arith.truncf %{{.*}} : f64 to f32
func.func @linspace(%a: tensor<1xf32>, %b: tensor<1xf32>, %n: tensor<1xi32>) -> tensor<7xf32> {
  %z = pd.linspace %a, %b, %n {dtype = 5 : i32} : (tensor<1xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<7xf32>
  return %z : tensor<7xf32>
}

// -----

// CHECK-LABEL: func.func @repeat
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x8x5xf32>)
// CHECK:        %[[I:.*]] = arith.divui %{{.*}}, %c2{{.*}} : index
// CHECK:        tensor.extract %arg0[%{{.*}}, %[[I]], %{{.*}}] : tensor<?x4x5xf32>
func.func @repeat(%x: tensor<?x4x5xf32>) -> tensor<?x8x5xf32> {
  %z = pd.repeat_interleave %x {Repeats = 2 : i32, dim = 1 : i32} : (tensor<?x4x5xf32>) -> tensor<?x8x5xf32>
  return %z : tensor<?x8x5xf32>
}

// -----

// unfold: channel and tap from the column's row, the window position from
// its column; the padding reads zero.
// CHECK-LABEL: func.func @unfold
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x24x?xf32>)
// CHECK:        arith.divui %{{.*}}, %c6{{.*}} : index
// CHECK:        arith.remui %{{.*}}, %c6{{.*}} : index
// CHECK:        %[[E:.*]] = tensor.extract %arg0
// CHECK:        %[[ROW:.*]] = arith.andi
// CHECK:        %[[COL:.*]] = arith.andi
// CHECK:        %[[OK:.*]] = arith.andi %[[COL]], %[[ROW]] : i1
// CHECK:        arith.select %[[OK]], %[[E]], %cst : f32
func.func @unfold(%x: tensor<?x4x?x?xf32>) -> tensor<?x24x?xf32> {
  %z = pd.unfold %x {kernel_sizes = array<i32: 2, 3>, strides = array<i32: 2, 1>, paddings = array<i32: 1, 0, 2, 1>, dilations = array<i32: 1, 2>} : (tensor<?x4x?x?xf32>) -> tensor<?x24x?xf32>
  return %z : tensor<?x24x?xf32>
}

// -----

// temporal_shift: channels below 1 read the segment before, below 2 the
// one after.
// CHECK-LABEL: func.func @shift
// CHECK:        arith.remui %{{.*}}, %c2 : index
// CHECK:        arith.cmpi ult, %{{.*}}, %c2{{.*}} : index
// CHECK:        arith.cmpi ult, %{{.*}}, %c1{{.*}} : index
// CHECK:        arith.select %{{.*}}, %c-1, %{{.*}} : index
// CHECK:        tensor.extract %arg0
func.func @shift(%x: tensor<?x4x3x3xf32>) -> tensor<?x4x3x3xf32> {
  %z = pd.temporal_shift %x {seg_num = 2 : i32, shift_ratio = 0.25 : f32, data_format = "NCHW"} : (tensor<?x4x3x3xf32>) -> tensor<?x4x3x3xf32>
  return %z : tensor<?x4x3x3xf32>
}

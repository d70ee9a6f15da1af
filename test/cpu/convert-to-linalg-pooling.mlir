// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// Adaptive pooling of a dynamic height and width (vgg's 7x7 average pool
// on any image size): each output element loops over its own window,
// rows [floor(i H / OH), ceil((i + 1) H / OH)), and divides by its size.
// CHECK-LABEL: func.func @adaptive_avg_dynamic
// CHECK:      %[[H:.*]] = tensor.dim %arg0, %c2
// CHECK:      %[[W:.*]] = tensor.dim %arg0, %c3
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x8x7x7xf32>)
// CHECK:        %[[I:.*]] = linalg.index 2
// CHECK:        %[[IH:.*]] = arith.muli %[[I]], %[[H]]
// CHECK:        %[[B0:.*]] = arith.divui %[[IH]], %c7
// CHECK:        %[[N:.*]] = arith.addi %[[I]], %c1
// CHECK:        %[[NH:.*]] = arith.muli %[[N]], %[[H]]
// CHECK:        %[[E0:.*]] = arith.ceildivui %[[NH]], %c7
// CHECK:        scf.for %{{.*}} = %[[B0]] to %[[E0]]
// CHECK:          scf.for
// CHECK:            tensor.extract %arg0
// CHECK:            arith.addf
// CHECK:        arith.divf
func.func @adaptive_avg_dynamic(%x: tensor<?x8x?x?xf32> {pd.name = "x"}) -> tensor<?x8x7x7xf32> {
  %p = pd.pool2d %x {pooling_type = "avg", ksize = array<i32: 7, 7>, adaptive = true, pd.names = ["p"]}
      : (tensor<?x8x?x?xf32>) -> tensor<?x8x7x7xf32>
  return %p : tensor<?x8x7x7xf32>
}

// -----

// A static size the output divides stays plain pooling: window and
// stride 12 / 3 = 4, no per-element loops.
// CHECK-LABEL: func.func @adaptive_max_divides
// CHECK-NOT:  scf.for
// CHECK:      linalg.generic
// CHECK:        arith.maximumf
// CHECK-NOT:  scf.for
func.func @adaptive_max_divides(%x: tensor<1x2x12x12xf32> {pd.name = "x"}) -> tensor<1x2x3x3xf32> {
  %p = pd.pool2d %x {pooling_type = "max", ksize = array<i32: 3, 3>, adaptive = true, pd.names = ["p"]}
      : (tensor<1x2x12x12xf32>) -> tensor<1x2x3x3xf32>
  return %p : tensor<1x2x3x3xf32>
}

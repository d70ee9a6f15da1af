// RUN: pd-opt %s --pd-infer-shapes | FileCheck %s

// Paddle's pool output size truncates toward zero: a 2x2 window with stride 2
// on height 1 gives height 1 (PP-OCR's text classifiers at 32x100), as a 3x3
// conv with stride 2 on 2x2 gives 1x1.
// CHECK-LABEL: @pool_height_one
// CHECK: pd.pool2d {{.*}} -> tensor<1x8x1x50xf32>
// CHECK: pd.conv2d {{.*}} -> tensor<1x8x1x1xf32>
func.func @pool_height_one(%t: tensor<1x8x1x100xf32> {pd.name = "t"}, %f: tensor<8x8x3x3xf32>,
                           %z: tensor<1x8x2x2xf32> {pd.name = "z"}) {
  %p = pd.pool2d %t {pooling_type = "max", ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>,
      paddings = array<i32: 0, 0>, pd.names = ["p"]} : (tensor<1x8x1x100xf32>) -> tensor<1x8x?x?xf32>
  %c = pd.conv2d %z, %f {strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, dilations = array<i32: 1, 1>, groups = 1 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]}
      : (tensor<1x8x2x2xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x?x?xf32>
  return
}

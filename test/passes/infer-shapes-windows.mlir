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

// -----

// Volumes: conv3d with one padding a dim and with (before, after) pairs,
// strides and dilations per dim; pool3d in ceil mode and channels last;
// max_pool3d_with_index's Mask is int32 of Out's shape.
// CHECK-LABEL: @volumes
// CHECK: pd.conv3d {{.*}} -> tensor<?x4x6x5x5xf32>
// CHECK: pd.conv3d {{.*}} -> tensor<?x6x5x4x10xf32>
// CHECK: pd.pool3d {{.*}} -> tensor<?x4x3x3x3xf32>
// CHECK: pd.pool3d {{.*}} -> tensor<1x2x4x4x3xf32>
// CHECK: pd.max_pool3d_with_index {{.*}} -> (tensor<?x4x1x3x2xf32>, tensor<?x4x1x3x2xi32>)
func.func @volumes(%x: tensor<?x3x6x9x9xf32> {pd.name = "x"}, %f: tensor<4x3x3x3x3xf32>,
                   %v: tensor<?x4x5x9x11xf32> {pd.name = "v"}, %g: tensor<6x2x2x3x3xf32>,
                   %l: tensor<1x4x8x8x3xf32> {pd.name = "l"}) {
  %c = pd.conv3d %x, %f {strides = array<i32: 1, 2, 2>, paddings = array<i32: 1, 1, 1>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1, 1>, groups = 1 : i32, data_format = "NCDHW", pd.names = ["c"]}
      : (tensor<?x3x6x9x9xf32>, tensor<4x3x3x3x3xf32>) -> tensor<?x4x?x?x?xf32>
  %d = pd.conv3d %v, %g {strides = array<i32: 1, 2, 1>, paddings = array<i32: 1, 0, 2, 1, 0, 1>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 2, 1>, groups = 2 : i32, data_format = "NCDHW", pd.names = ["d"]}
      : (tensor<?x4x5x9x11xf32>, tensor<6x2x2x3x3xf32>) -> tensor<?x?x?x?x?xf32>
  %p = pd.pool3d %c {pooling_type = "max", ksize = array<i32: 2, 2, 2>, strides = array<i32: 2, 2, 2>, paddings = array<i32: 0, 0, 0>, ceil_mode = true, pd.names = ["p"]}
      : (tensor<?x4x?x?x?xf32>) -> tensor<?x4x?x?x?xf32>
  %q = pd.pool3d %l {pooling_type = "avg", ksize = array<i32: 2, 2, 2>, strides = array<i32: 2, 2, 2>, paddings = array<i32: 0, 0, 0>, data_format = "NDHWC", pd.names = ["q"]}
      : (tensor<1x4x8x8x3xf32>) -> tensor<?x?x?x?x?xf32>
  %y, %m = pd.max_pool3d_with_index %c {ksize = array<i32: 1, 3, 2>, strides = array<i32: 1, 1, 1>, paddings = array<i32: 0, 0, 0>, adaptive = true, pd.names = ["y", "m"]}
      : (tensor<?x4x?x?x?xf32>) -> (tensor<?x?x?x?x?xf32>, tensor<?x?x?x?x?xi32>)
  return
}

// -----

// einsum: the output's dims from the equation's labels (explicit,
// implicit, ellipsis with a broadcast 1, a diagonal).
// CHECK-LABEL: @einsum_shapes
// CHECK: pd.einsum {{.*}} -> tensor<?x3x5xf32>
// CHECK: pd.einsum {{.*}} -> tensor<3x5xf32>
// CHECK: pd.einsum {{.*}} -> tensor<2x3x5xf32>
// CHECK: pd.einsum {{.*}} -> tensor<?x3xf32>
func.func @einsum_shapes(%x: tensor<?x3x4xf32> {pd.name = "x"}, %y: tensor<?x4x5xf32> {pd.name = "y"},
                         %a: tensor<2x3x4xf32> {pd.name = "a"}, %b: tensor<1x4x5xf32> {pd.name = "b"},
                         %z: tensor<?x3x3xf32> {pd.name = "z"}) {
  %o = pd.einsum %x, %y {equation = "bij,bjk->bik", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]}
      : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<?x?x?xf32>
  %p = pd.einsum %x, %y {equation = "bij,bjk", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["p"]}
      : (tensor<?x3x4xf32>, tensor<?x4x5xf32>) -> tensor<?x?xf32>
  %q = pd.einsum %a, %b {equation = "...ij,...jk->...ik", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["q"]}
      : (tensor<2x3x4xf32>, tensor<1x4x5xf32>) -> tensor<?x?x?xf32>
  %r = pd.einsum %z {equation = "bii->bi", operandSegmentSizes = array<i32: 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["r"]}
      : (tensor<?x3x3xf32>) -> tensor<?x?xf32>
  return
}

// RUN: pd-opt %s --pd-infer-shapes | FileCheck %s
// Rows an op keeps by its data stay dynamic whatever the program declared:
// Paddle declares matrix_nms's rows as the box count (12 here).

// CHECK-LABEL: func.func @declared_rows
// CHECK:      pd.matrix_nms {{.*}} -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>)
// CHECK:      pd.scale {{.*}} : (tensor<?x6xf32>) -> tensor<?x6xf32>
func.func @declared_rows(%b: tensor<?x12x4xf32>, %s: tensor<?x3x12xf32>) -> tensor<12x6xf32> {
  %o, %i, %n = pd.matrix_nms %b, %s {resultSegmentSizes = array<i32: 1, 1, 1>} : (tensor<?x12x4xf32>, tensor<?x3x12xf32>) -> (tensor<12x6xf32>, tensor<12x1xi32>, tensor<?xi32>)
  %y = pd.scale %o {operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<12x6xf32>) -> tensor<12x6xf32>
  return %y : tensor<12x6xf32>
}

// An op without the trait keeps a declared static dim its rule leaves open.
// CHECK-LABEL: func.func @declared_kept
// CHECK:      pd.scale {{.*}} : (tensor<?x6xf32>) -> tensor<4x6xf32>
func.func @declared_kept(%x: tensor<?x6xf32>) -> tensor<4x6xf32> {
  %y = pd.scale %x {operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x6xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// Paddle declares a transposed conv's dims as -1 + output_padding when the
// input's are unknown (0 here): the computed dynamic dims win.
// CHECK-LABEL: func.func @declared_transpose
// CHECK:      pd.depthwise_conv2d_transpose {{.*}} -> tensor<?x4x?x?xf32>
// CHECK:      pd.conv2d_transpose {{.*}} -> tensor<?x2x?x?xf32>
func.func @declared_transpose(%x: tensor<?x4x?x?xf32>, %w: tensor<4x1x3x3xf32>, %v: tensor<4x2x3x3xf32>) -> (tensor<?x4x0x0xf32>, tensor<?x2x1x1xf32>) {
  %y = pd.depthwise_conv2d_transpose %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, output_padding = array<i32: 1, 1>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 4 : i32, data_format = "NCHW"} : (tensor<?x4x?x?xf32>, tensor<4x1x3x3xf32>) -> tensor<?x4x0x0xf32>
  %z = pd.conv2d_transpose %x, %v {strides = array<i32: 3, 3>, paddings = array<i32: 1, 1>, output_padding = array<i32: 2, 2>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW"} : (tensor<?x4x?x?xf32>, tensor<4x2x3x3xf32>) -> tensor<?x2x1x1xf32>
  return %y, %z : tensor<?x4x0x0xf32>, tensor<?x2x1x1xf32>
}

// unique: Out, Indices and Counts have one entry per distinct value (known
// at run time only, whatever the program declared: Paddle 3 declares the
// results it does not return as 0-D); Index one per element of X, or per
// slice along `axis`; the indices in `dtype` (int32 here).
// CHECK-LABEL: func.func @unique
// CHECK:      pd.unique {{.*}} -> (tensor<?xf32>, tensor<?xi32>, tensor<6xi32>, tensor<?xi32>)
// CHECK:      pd.unique {{.*}} -> (tensor<?xi64>, tensor<5xi64>)
// CHECK:      pd.unique {{.*}} -> (tensor<2x?xf32>, tensor<3xi64>)
func.func @unique(%x: tensor<2x3xf32>, %i: tensor<5xi64>) {
  %o:4 = pd.unique %x {dtype = 2 : i32, is_sorted = true, resultSegmentSizes = array<i32: 1, 1, 1, 1>}
      : (tensor<2x3xf32>) -> (tensor<?xf32>, tensor<i32>, tensor<i32>, tensor<i32>)
  %u:2 = pd.unique %i {dtype = 3 : i32, resultSegmentSizes = array<i32: 1, 0, 1, 0>}
      : (tensor<5xi64>) -> (tensor<5xi64>, tensor<5xi64>)
  %a:2 = pd.unique %x {axis = array<i32: 1>, is_sorted = true, resultSegmentSizes = array<i32: 1, 0, 1, 0>}
      : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<?xi64>)
  return
}

// affine_grid: Paddle declares the grid of a shape tensor as rank 5 (here
// ?x?x?x?x3); the computed [N, H, W, 2] wins. With output_shape given, the
// sizes are its spatial values; Theta [N, 3, 4] gives a volume's grid.
// CHECK-LABEL: func.func @affine_grid
// CHECK:      pd.affine_grid {{.*}} -> tensor<?x?x?x2xf32>
// CHECK:      pd.affine_grid {{.*}} -> tensor<?x5x7x2xf32>
// CHECK:      pd.affine_grid {{.*}} -> tensor<2x3x4x5x3xf32>
func.func @affine_grid(%t: tensor<?x2x3xf32>, %s: tensor<4xi32>, %v: tensor<2x3x4xf32>) {
  %a = pd.affine_grid %t, %s {align_corners = false} : (tensor<?x2x3xf32>, tensor<4xi32>) -> tensor<?x?x?x?x3xf32>
  %b = pd.affine_grid %t {output_shape = array<i32: 1, 3, 5, 7>} : (tensor<?x2x3xf32>) -> tensor<?x?x?x2xf32>
  %c = pd.affine_grid %v {output_shape = array<i32: 1, 2, 3, 4, 5>} : (tensor<2x3x4xf32>) -> tensor<?x?x?x?x3xf32>
  return
}

// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// conv3d is the grouped convolution with three spatial dims: the input
// padded by (before, after) pairs per dim, split into [N, G, C/G, D, H,
// W], and one linalg.generic over n, g, f, od, oh, ow | c, kd, kh, kw with
// the strides and dilations in the input's map.
// CHECK-DAG:  #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9) -> (d0, d1, d6, d3 + d7, d4 * 2 + d8 * 2, d5 + d9)>
// CHECK-DAG:  #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9) -> (d1, d2, d6, d7, d8, d9)>
// CHECK-DAG:  #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9) -> (d0, d1, d2, d3, d4, d5)>
// CHECK-LABEL: func.func @conv3d_grouped
// CHECK:      tensor.insert_slice %arg0 into %{{.*}}[0, 0, 1, 2, 0] [%{{.*}}, 4, 5, 9, 11] [1, 1, 1, 1, 1] : tensor<?x4x5x9x11xf32> into tensor<?x4x6x12x12xf32>
// CHECK-DAG:  tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4], [5]] {{.*}} : tensor<?x4x6x12x12xf32> into tensor<?x2x2x6x12x12xf32>
// CHECK-DAG:  tensor.expand_shape %arg1 {{\[}}[0, 1], [2], [3], [4], [5]] {{.*}} : tensor<6x2x2x3x3xf32> into tensor<2x3x2x2x3x3xf32>
// CHECK:      linalg.generic {indexing_maps = [#[[IN]], #[[W]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "reduction"]}
// CHECK:        arith.mulf
// CHECK:        arith.addf
// CHECK:      tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4], [5]] : tensor<?x2x3x5x4x10xf32> into tensor<?x6x5x4x10xf32>
func.func @conv3d_grouped(%x: tensor<?x4x5x9x11xf32> {pd.name = "x"}, %w: tensor<6x2x2x3x3xf32> {pd.name = "w"}) -> tensor<?x6x5x4x10xf32> {
  %y = pd.conv3d %x, %w {strides = array<i32: 1, 2, 1>, paddings = array<i32: 1, 0, 2, 1, 0, 1>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 2, 1>, groups = 2 : i32, data_format = "NCDHW", pd.names = ["y"]}
      : (tensor<?x4x5x9x11xf32>, tensor<6x2x2x3x3xf32>) -> tensor<?x6x5x4x10xf32>
  return %y : tensor<?x6x5x4x10xf32>
}

// -----

// pool3d: the window loops kd, kh, kw after the output's; channels-last
// (NDHWC) keeps the channel loop innermost.
// CHECK-DAG:  #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3 * 2 + d6, d7)>
// CHECK-DAG:  #[[WIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d4, d5, d6)>
// CHECK-DAG:  #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d7)>
// CHECK-LABEL: func.func @max_pool3d_channels_last
// CHECK:      linalg.generic {indexing_maps = [#[[IN]], #[[WIN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
// CHECK:        arith.maximumf
func.func @max_pool3d_channels_last(%x: tensor<1x4x8x8x3xf32> {pd.name = "x"}) -> tensor<1x2x4x4x3xf32> {
  %p = pd.pool3d %x {pooling_type = "max", ksize = array<i32: 2, 2, 2>, strides = array<i32: 2, 2, 2>, paddings = array<i32: 0, 0, 0>, data_format = "NDHWC", pd.names = ["p"]}
      : (tensor<1x4x8x8x3xf32>) -> tensor<1x2x4x4x3xf32>
  return %p : tensor<1x2x4x4x3xf32>
}

// -----

// Adaptive pooling to a size that does not divide the input: per output
// element a nest of three window loops, then the mean over the window.
// CHECK-LABEL: func.func @adaptive_avg3d
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x2x2x3xf32>)
// CHECK:        scf.for
// CHECK:          scf.for
// CHECK:            scf.for
// CHECK:              tensor.extract %arg0
// CHECK:              arith.addf
// CHECK:        arith.divf
func.func @adaptive_avg3d(%x: tensor<?x4x5x?x?xf32> {pd.name = "x"}) -> tensor<?x4x2x2x3xf32> {
  %p = pd.pool3d %x {pooling_type = "avg", ksize = array<i32: 2, 2, 3>, adaptive = true, pd.names = ["p"]}
      : (tensor<?x4x5x?x?xf32>) -> tensor<?x4x2x2x3xf32>
  return %p : tensor<?x4x2x2x3xf32>
}

// -----

// max_pool3d_with_index: the window's three loops carry the maximum and
// its position d * H * W + h * W + w, taken only when strictly greater.
// CHECK-LABEL: func.func @max_pool3d_with_index
// CHECK:      linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<1x2x1x3x2xf32>, tensor<1x2x1x3x2xi32>)
// CHECK:        scf.for {{.*}} iter_args
// CHECK:          arith.muli %{{.*}}, %c4{{.*}}
// CHECK:          scf.for {{.*}} iter_args
// CHECK:            arith.muli %{{.*}}, %c6{{.*}}
// CHECK:            scf.for {{.*}} iter_args
// CHECK:              arith.muli %{{.*}}, %c5{{.*}}
// CHECK:              arith.cmpf olt
// CHECK:              arith.select
// CHECK:              arith.select
// CHECK:        arith.index_cast %{{.*}} : index to i32
func.func @max_pool3d_with_index(%x: tensor<1x2x4x6x5xf32> {pd.name = "x"}) -> (tensor<1x2x1x3x2xf32>, tensor<1x2x1x3x2xi32>) {
  %y, %m = pd.max_pool3d_with_index %x {ksize = array<i32: 1, 3, 2>, strides = array<i32: 1, 1, 1>, paddings = array<i32: 0, 0, 0>, adaptive = true, pd.names = ["y", "m"]}
      : (tensor<1x2x4x6x5xf32>) -> (tensor<1x2x1x3x2xf32>, tensor<1x2x1x3x2xi32>)
  return %y, %m : tensor<1x2x1x3x2xf32>, tensor<1x2x1x3x2xi32>
}

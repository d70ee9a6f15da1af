// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// Nearest resizing by a scale of a dynamic size: the output is
// int(float(in) * scale), the ratio 1 / scale (0 for one row), and each
// output pixel reads int(ratio * k), clamped into the image.
// CHECK-LABEL: func.func @nearest_scale
// CHECK:      %[[H:.*]] = tensor.dim %arg0, %c2
// CHECK:      %[[HF:.*]] = arith.sitofp %{{.*}} : i64 to f32
// CHECK:      %[[OHF:.*]] = arith.mulf %[[HF]], %[[TWO:.*]] : f32
// CHECK:      %[[OH64:.*]] = arith.fptosi %[[OHF]] : f32 to i64
// CHECK:      %[[OH:.*]] = arith.index_cast %[[OH64]] : i64 to index
// CHECK:      %[[MANY:.*]] = arith.cmpi sgt, %[[OH]], %c1
// CHECK:      %[[RH:.*]] = arith.select %[[MANY]], %[[HALF:.*]], %{{.*}} : f32
// CHECK:      tensor.empty(%{{.*}}, %[[OH]], %{{.*}}) : tensor<?x3x?x?xf32>
// CHECK:      linalg.generic
// CHECK:        %[[K:.*]] = linalg.index 2
// CHECK:        %[[KF:.*]] = arith.sitofp %{{.*}} : i64 to f32
// CHECK:        %[[P:.*]] = arith.mulf %[[RH]], %[[KF]] : f32
// CHECK:        arith.fptosi %[[P]]
// CHECK:        arith.maxsi
// CHECK:        arith.minsi
// CHECK:        tensor.extract %arg0
func.func @nearest_scale(%x: tensor<?x3x?x?xf32> {pd.name = "x"}) -> tensor<?x3x?x?xf32> {
  %y = pd.nearest_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32: 2.0, 2.0>, interp_method = "nearest", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<?x3x?x?xf32>) -> tensor<?x3x?x?xf32>
  return %y : tensor<?x3x?x?xf32>
}

// -----

// Bilinear resizing to a fixed size with align_corners: ratio (in - 1) /
// (out - 1); four reads per output, weighted in Paddle's order.
// CHECK-LABEL: func.func @bilinear_corners
// CHECK:      %[[A:.*]] = arith.subf
// CHECK-NEXT: %[[B:.*]] = arith.subf
// CHECK-NEXT: arith.divf %[[B]], %[[A]] : f32
// CHECK:      tensor.empty() : tensor<1x3x5x7xf32>
// CHECK:      linalg.generic
// CHECK:        tensor.extract %arg0
// CHECK:        tensor.extract %arg0
// CHECK:        %[[S1:.*]] = arith.addf %{{.*}}, %{{.*}} : f32
// CHECK:        tensor.extract %arg0
// CHECK:        %[[S2:.*]] = arith.addf %[[S1]], %{{.*}} : f32
// CHECK:        tensor.extract %arg0
// CHECK:        %[[S3:.*]] = arith.addf %[[S2]], %{{.*}} : f32
// CHECK:        linalg.yield %[[S3]]
func.func @bilinear_corners(%x: tensor<1x3x4x6xf32> {pd.name = "x"}) -> tensor<1x3x5x7xf32> {
  %y = pd.bilinear_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = 5 : i32, out_w = 7 : i32, scale = array<f32>, interp_method = "bilinear", align_corners = true, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6xf32>) -> tensor<1x3x5x7xf32>
  return %y : tensor<1x3x5x7xf32>
}

// -----

// The output size from another tensor (OutSize): read at run time.
// CHECK-LABEL: func.func @nearest_out_size
// CHECK:      %[[S0:.*]] = tensor.extract %arg1[%c0{{.*}}] : tensor<2xi32>
// CHECK:      %[[OH:.*]] = arith.index_cast %[[S0]] : i32 to index
// CHECK:      %[[S1:.*]] = tensor.extract %arg1[%c1{{.*}}] : tensor<2xi32>
// CHECK:      %[[OW:.*]] = arith.index_cast %[[S1]] : i32 to index
// CHECK:      tensor.empty(%{{.*}}, %[[OH]], %[[OW]]) : tensor<?x3x?x?xf32>
func.func @nearest_out_size(%x: tensor<?x3x?x?xf32> {pd.name = "x"}, %size: tensor<2xi32> {pd.name = "size"}) -> tensor<?x3x?x?xf32> {
  %y = pd.nearest_interp_v2 %x, %size {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32>, interp_method = "nearest", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["y"]} : (tensor<?x3x?x?xf32>, tensor<2xi32>) -> tensor<?x3x?x?xf32>
  return %y : tensor<?x3x?x?xf32>
}

// -----

// A transposed conv (k2 s2) of any size: the input spread 2 apart into
// zeros with 1 = d (k - 1) - pad around, the filter flipped with its
// channel dims swapped, then a stride-1 convolution.
// CHECK:      #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0 * 4 + d2, d1, -d3 + 1, -d4 + 1)>
// CHECK-LABEL: func.func @transpose
// CHECK:      %[[SPREAD:.*]] = linalg.fill
// CHECK:      tensor.insert_slice %arg0 into %[[SPREAD]][0, 0, 1, 1] [%{{.*}}, 4, %{{.*}}, %{{.*}}] [1, 1, 2, 2]
// CHECK:      linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]{{.*}} ins(%arg1 : tensor<4x2x2x2xf32>) outs(%{{.*}} : tensor<1x2x4x2x2xf32>)
// CHECK:      linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
// CHECK:      tensor.collapse_shape
func.func @transpose(%x: tensor<?x4x?x?xf32> {pd.name = "x"}, %w: tensor<4x2x2x2xf32>) -> tensor<?x2x?x?xf32> {
  %y = pd.conv2d_transpose %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, output_padding = array<i32>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW", pd.names = ["y"]} : (tensor<?x4x?x?xf32>, tensor<4x2x2x2xf32>) -> tensor<?x2x?x?xf32>
  return %y : tensor<?x2x?x?xf32>
}

// -----

// Linear resizing of [N, C, W] by a scale of 1.5, half-pixel (align_mode
// 0): the source x = ratio * (k + 0.5) - 0.5 in double, its two pixels
// weighted in Paddle's order, in(lo) * (1 - d) + in(hi) * d.
// CHECK-LABEL: func.func @linear_half_pixel
// CHECK:      %[[OW:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:      %[[R:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
// CHECK:      tensor.empty(%{{.*}}, %[[OW]]) : tensor<?x3x?xf32>
// CHECK:      linalg.generic
// CHECK:        %[[R64:.*]] = arith.extf %[[R]] : f32 to f64
// CHECK:        %[[K:.*]] = arith.addf %{{.*}}, %{{.*}} : f64
// CHECK:        %[[P:.*]] = arith.mulf %[[R64]], %[[K]] : f64
// CHECK:        %[[SRC:.*]] = arith.subf %[[P]], %{{.*}} : f64
// CHECK:        arith.fptosi %[[SRC]] : f64 to i64
// CHECK:        %[[D:.*]] = arith.subf %{{.*}}, %{{.*}} : f32
// CHECK:        %[[ND:.*]] = arith.subf %{{.*}}, %[[D]] : f32
// CHECK:        %[[LO:.*]] = tensor.extract %arg0[%{{.*}}, %{{.*}}, %{{.*}}] : tensor<?x3x?xf32>
// CHECK:        %[[A:.*]] = arith.mulf %[[LO]], %[[ND]] : f32
// CHECK:        %[[HI:.*]] = tensor.extract %arg0[%{{.*}}, %{{.*}}, %{{.*}}] : tensor<?x3x?xf32>
// CHECK:        %[[B:.*]] = arith.mulf %[[HI]], %[[D]] : f32
// CHECK:        %[[S:.*]] = arith.addf %[[A]], %[[B]] : f32
// CHECK:        linalg.yield %[[S]]
func.func @linear_half_pixel(%x: tensor<?x3x?xf32> {pd.name = "x"}) -> tensor<?x3x?xf32> {
  %y = pd.linear_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32: 1.5>, interp_method = "linear", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<?x3x?xf32>) -> tensor<?x3x?xf32>
  return %y : tensor<?x3x?xf32>
}

// -----

// Trilinear resizing of a volume to a fixed size: eight reads, the width
// varying fastest as in Paddle's sum, each value times its depth, height
// and width weights.
// CHECK-LABEL: func.func @trilinear
// CHECK:      tensor.empty() : tensor<2x3x3x4x5xf32>
// CHECK:      linalg.generic
// CHECK-COUNT-8: tensor.extract %arg0
// CHECK-NOT:    tensor.extract
// CHECK:        linalg.yield
func.func @trilinear(%x: tensor<2x3x6x6x6xf32> {pd.name = "x"}) -> tensor<2x3x3x4x5xf32> {
  %y = pd.trilinear_interp_v2 %x {data_layout = "NCHW", out_d = 3 : i32, out_h = 4 : i32, out_w = 5 : i32, scale = array<f32>, interp_method = "trilinear", align_corners = false, align_mode = 1 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<2x3x6x6x6xf32>) -> tensor<2x3x3x4x5xf32>
  return %y : tensor<2x3x3x4x5xf32>
}

// -----

// Bicubic resizing: per axis the floor of the source point and Keys'
// weights of its fraction; sixteen reads, four rows along the width and
// then their results along the height.
// CHECK-LABEL: func.func @bicubic
// CHECK:      linalg.generic
// CHECK:        math.floor
// CHECK:        math.floor
// CHECK-COUNT-16: tensor.extract %arg0
// CHECK-NOT:    tensor.extract
// CHECK:        linalg.yield
func.func @bicubic(%x: tensor<?x3x?x?xf32> {pd.name = "x"}) -> tensor<?x3x?x?xf32> {
  %y = pd.bicubic_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32: 2.0, 2.0>, interp_method = "bicubic", align_corners = false, align_mode = 1 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<?x3x?x?xf32>) -> tensor<?x3x?x?xf32>
  return %y : tensor<?x3x?x?xf32>
}

// -----

// The depthwise transposed conv (groups = channels, one output channel
// each) lowers as conv2d_transpose does: four groups of one channel.
// CHECK-LABEL: func.func @depthwise_transpose
// CHECK:      tensor.insert_slice %arg0 into %{{.*}}[0, 0, 1, 1] [%{{.*}}, 4, %{{.*}}, %{{.*}}] [1, 1, 2, 2]
// CHECK:      tensor.expand_shape {{.*}} into tensor<?x4x1x?x?xf32>
// CHECK:      linalg.generic {{.*}} ins(%arg1 : tensor<4x1x3x3xf32>) outs(%{{.*}} : tensor<4x1x1x3x3xf32>)
func.func @depthwise_transpose(%x: tensor<?x4x?x?xf32> {pd.name = "x"}, %w: tensor<4x1x3x3xf32>) -> tensor<?x4x?x?xf32> {
  %y = pd.depthwise_conv2d_transpose %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, output_padding = array<i32: 1, 1>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 4 : i32, data_format = "NCHW", pd.names = ["y"]} : (tensor<?x4x?x?xf32>, tensor<4x1x3x3xf32>) -> tensor<?x4x?x?xf32>
  return %y : tensor<?x4x?x?xf32>
}

// -----

// fluid's v1 nearest_interp: its one float scale resizes both dims, and
// its inverse is the ratio, as the v2 op's list would.
// CHECK-LABEL: func.func @nearest_v1_scale
// CHECK-COUNT-2: arith.constant 1.500000e+00 : f32
// CHECK-NOT:  tensor.empty
// CHECK:      %[[R:.*]] = arith.constant 0.666666686 : f32
// CHECK:      arith.select %{{.*}}, %[[R]], %{{.*}} : f32
// CHECK:      tensor.empty(%{{.*}}, %{{.*}}, %{{.*}}) : tensor<?x3x?x?xf32>
func.func @nearest_v1_scale(%x: tensor<?x3x?x?xf32> {pd.name = "x"}) -> tensor<?x3x?x?xf32> {
  %y = pd.nearest_interp %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = 1.5 : f32, interp_method = "nearest", align_corners = false, align_mode = 1 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<?x3x?x?xf32>) -> tensor<?x3x?x?xf32>
  return %y : tensor<?x3x?x?xf32>
}

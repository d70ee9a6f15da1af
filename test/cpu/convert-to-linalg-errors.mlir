// RUN: not pd-opt %s --pd-convert-to-linalg --split-input-file 2>&1 | FileCheck %s

// Every op without a lowering, in one error: one line per op type with
// its count and first place; nothing is rewritten (the relu between them
// stays).
// CHECK: error: 3 op(s) of 2 type(s) have no CPU lowering:
// CHECK-NEXT: {{^}}  gap: 2, first at {{.*}}:11
// CHECK-NEXT: {{^}}  custom_op: 1, first at model.py:7
// CHECK: "pd.relu"
func.func @unlowered(%x: tensor<4xf32> {pd.name = "x"}) -> tensor<4xf32> {
  %g = "pd.generic"(%x) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["X"], output_sizes = array<i32: 1>, outputs = ["Out"], type = "gap"}> {pd.names = ["g"]} : (tensor<4xf32>) -> tensor<4xf32>
  %y = pd.relu %g {pd.names = ["y"]} : (tensor<4xf32>) -> tensor<4xf32>
  %h = "pd.generic"(%y) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["X"], output_sizes = array<i32: 1>, outputs = ["Out"], type = "custom_op"}> {pd.names = ["h"]} : (tensor<4xf32>) -> tensor<4xf32> loc("model.py":7:0)
  %k = "pd.generic"(%h) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["X"], output_sizes = array<i32: 1>, outputs = ["Out"], type = "gap"}> {pd.names = ["k"]} : (tensor<4xf32>) -> tensor<4xf32> loc("model.py":9:0)
  return %k : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.select_input' op needs a mask of one element
func.func @mask(%a: tensor<4xf32> {pd.name = "a"}, %m: tensor<2xi32> {pd.name = "m"}) -> tensor<4xf32> {
  %s = pd.select_input %a, %a, %m {pd.names = ["s"]} : (tensor<4xf32>, tensor<4xf32>, tensor<2xi32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.fill_constant' op ShapeTensor 'tensor<3xi64>' is not a 1-D integer tensor of 2 elements
func.func @fill(%shape: tensor<3xi64> {pd.name = "shape"}) -> tensor<?x?xf32> {
  %f = pd.fill_constant %shape {dtype = 5 : i32, shape = array<i64>, value = 1.0 : f32, pd.names = ["f"], operandSegmentSizes = array<i32: 0, 1, 0>} : (tensor<3xi64>) -> tensor<?x?xf32>
  return %f : tensor<?x?xf32>
}

// -----

// CHECK: error: 'pd.fill_constant' op ShapeTensorList has 1 tensors for 2 integers
func.func @fill_list(%d: tensor<1xi64> {pd.name = "d"}) -> tensor<?x?xf32> {
  %f = pd.fill_constant %d {dtype = 5 : i32, shape = array<i64>, value = 1.0 : f32, pd.names = ["f"], operandSegmentSizes = array<i32: 0, 0, 1>} : (tensor<1xi64>) -> tensor<?x?xf32>
  return %f : tensor<?x?xf32>
}

// -----

// CHECK: error: 'pd.fill_constant' op has a dynamic shape but no shape tensors
func.func @fill_dynamic() -> tensor<?xf32> {
  %f = pd.fill_constant {dtype = 5 : i32, shape = array<i64: -1>, value = 1.0 : f32, pd.names = ["f"], operandSegmentSizes = array<i32: 0, 0, 0>} : () -> tensor<?xf32>
  return %f : tensor<?xf32>
}

// -----

// CHECK: error: 'pd.fill_constant' op str_value 'abc' is not a number
func.func @fill_text() -> tensor<2xf32> {
  %f = pd.fill_constant {dtype = 5 : i32, shape = array<i64: 2>, value = 1.0 : f32, str_value = "abc", pd.names = ["f"], operandSegmentSizes = array<i32: 0, 0, 0>} : () -> tensor<2xf32>
  return %f : tensor<2xf32>
}

// -----

// CHECK: error: 'pd.reduce_mean' op dim 2 out of range
func.func @mean_dim(%x: tensor<?x4xf32> {pd.name = "x"}) -> tensor<?xf32> {
  %m = pd.reduce_mean %x {dim = array<i32: 2>, keep_dim = false, pd.names = ["m"]} : (tensor<?x4xf32>) -> tensor<?xf32>
  return %m : tensor<?xf32>
}

// -----

// CHECK: error: 'pd.less_than' op compares tensors of different element types
func.func @compare_types(%x: tensor<4xf32> {pd.name = "x"}, %y: tensor<4xi64> {pd.name = "y"}) -> tensor<4xi1> {
  %c = pd.less_than %x, %y {axis = -1 : i32, pd.names = ["c"]} : (tensor<4xf32>, tensor<4xi64>) -> tensor<4xi1>
  return %c : tensor<4xi1>
}

// -----

// CHECK: error: 'pd.select_input' op has no inputs to select from
func.func @select_nothing(%m: tensor<1xi32> {pd.name = "m"}) -> tensor<4xf32> {
  %s = pd.select_input %m {pd.names = ["s"]} : (tensor<1xi32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.reduce_mean' op is lowered for floating-point tensors only
func.func @mean_int(%x: tensor<4xi64> {pd.name = "x"}) -> tensor<i64> {
  %m = pd.reduce_mean %x {dim = array<i32>, keep_dim = false, pd.names = ["m"]} : (tensor<4xi64>) -> tensor<i64>
  return %m : tensor<i64>
}

// -----

// CHECK: error: 'pd.mean' op is lowered for floating-point tensors only
func.func @fluid_mean_int(%x: tensor<4xi64> {pd.name = "x"}) -> tensor<i64> {
  %m = pd.mean %x {pd.names = ["m"]} : (tensor<4xi64>) -> tensor<i64>
  return %m : tensor<i64>
}

// -----

// Pooling takes a dynamic height and width, except where the window or the
// padding depends on the size in a way the lowering does not compute.
// CHECK: error: 'pd.pool2d' op with SAME padding needs static spatial dims (give the input's size with --input-spec)
func.func @pool_same(%x: tensor<1x4x?x?xf32> {pd.name = "x"}) -> tensor<1x4x?x?xf32> {
  %p = pd.pool2d %x {pooling_type = "max", ksize = array<i32: 3, 3>, strides = array<i32: 2, 2>, padding_algorithm = "SAME", pd.names = ["p"]}
      : (tensor<1x4x?x?xf32>) -> tensor<1x4x?x?xf32>
  return %p : tensor<1x4x?x?xf32>
}

// -----

// CHECK: error: 'pd.pool2d' op adaptive pooling to an empty output
func.func @pool_adaptive_empty(%x: tensor<1x4x?x?xf32> {pd.name = "x"}) -> tensor<1x4x0x2xf32> {
  %p = pd.pool2d %x {pooling_type = "avg", ksize = array<i32: 0, 2>, adaptive = true, pd.names = ["p"]}
      : (tensor<1x4x?x?xf32>) -> tensor<1x4x0x2xf32>
  return %p : tensor<1x4x0x2xf32>
}

// -----

// CHECK: error: 'pd.pool2d' op needs a rank-4 float input with a static channel dim
func.func @pool_channels(%x: tensor<1x?x8x8xf32> {pd.name = "x"}) -> tensor<1x?x4x4xf32> {
  %p = pd.pool2d %x {pooling_type = "max", ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>, pd.names = ["p"]}
      : (tensor<1x?x8x8xf32>) -> tensor<1x?x4x4xf32>
  return %p : tensor<1x?x4x4xf32>
}

// -----

// CHECK: error: 'pd.concat' op with an AxisTensor operand has no lowering
func.func @concat_axis_tensor(%x: tensor<4xf32> {pd.name = "x"}, %a: tensor<1xi32> {pd.name = "a"}) -> tensor<8xf32> {
  %c = pd.concat %x, %x, %a {axis = 0 : i32, operandSegmentSizes = array<i32: 2, 1>, pd.names = ["c"]} : (tensor<4xf32>, tensor<4xf32>, tensor<1xi32>) -> tensor<8xf32>
  return %c : tensor<8xf32>
}

// -----

// Bounds given as a tensor: one per axis.
// CHECK: error: 'pd.slice' op StartsTensor 'tensor<2xi64>' is not a 1-D integer tensor of 1 elements
func.func @slice_starts_tensor(%x: tensor<4xf32> {pd.name = "x"}, %s: tensor<2xi64> {pd.name = "s"}) -> tensor<?xf32> {
  %y = pd.slice %x, %s {axes = array<i32: 0>, starts = array<i32: 0>, ends = array<i32: 2>, decrease_axis = array<i32>, infer_flags = array<i32: -1>, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<4xf32>, tensor<2xi64>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// CHECK: error: 'pd.slice' op axis 3 out of range
func.func @slice_axis(%x: tensor<4xf32> {pd.name = "x"}) -> tensor<2xf32> {
  %y = pd.slice %x {axes = array<i32: 3>, starts = array<i32: 0>, ends = array<i32: 2>, decrease_axis = array<i32>, infer_flags = array<i32: 1>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["y"]} : (tensor<4xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// CHECK: error: 'pd.clip' op with operands besides X has no lowering
func.func @clip_min_tensor(%x: tensor<4xf32> {pd.name = "x"}, %m: tensor<1xf32> {pd.name = "m"}) -> tensor<4xf32> {
  %y = pd.clip %x, %m {min = 0.0 : f32, max = 1.0 : f32, operandSegmentSizes = array<i32: 1, 1, 0>, pd.names = ["y"]} : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.pow' op with operands besides X has no lowering
func.func @pow_factor_tensor(%x: tensor<4xf32> {pd.name = "x"}, %f: tensor<1xf32> {pd.name = "f"}) -> tensor<4xf32> {
  %y = pd.pow %x, %f {factor = 2.0 : f32, pd.names = ["y"]} : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// The place named is the innermost frame of the model's own code: not
// Python's runpy, not Paddle, not an installed package (a custom op's
// wrapper).
// CHECK: error: 1 op(s) of 1 type(s) have no CPU lowering:
// CHECK-NEXT: {{^}}  roi_align: 1, first at net.py:30
func.func @frames(%x: tensor<4xf32> {pd.name = "x"}) -> tensor<4xf32> {
  %g = "pd.generic"(%x) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["X"], output_sizes = array<i32: 1>, outputs = ["Out"], type = "roi_align"}> {pd.names = ["g"]} : (tensor<4xf32>) -> tensor<4xf32> loc(fused["/usr/lib/python3.11/runpy.py":196:0, "train.py":12:0, "net.py":30:0, "/opt/venv/lib/python3.11/site-packages/paddle/nn/layer/layers.py":1429:0, "/opt/venv/lib/python3.11/site-packages/ext_ops/roi.py":8:0])
  return %g : tensor<4xf32>
}

// -----

// Bad attributes of concat, slice and shape: an error naming the op, never
// a crash.
// CHECK: error: 'pd.concat' op axis 3 out of range
func.func @concat_axis(%x: tensor<4xf32> {pd.name = "x"}) -> tensor<8xf32> {
  %c = pd.concat %x, %x {axis = 3 : i32, operandSegmentSizes = array<i32: 2, 0>, pd.names = ["c"]} : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %c : tensor<8xf32>
}

// -----

// CHECK: error: 'pd.slice' op has 1 axes, 2 starts and 1 ends
func.func @slice_counts(%x: tensor<4xf32> {pd.name = "x"}) -> tensor<2xf32> {
  %y = pd.slice %x {axes = array<i32: 0>, starts = array<i32: 0, 1>, ends = array<i32: 2>, decrease_axis = array<i32>, infer_flags = array<i32: 1>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["y"]} : (tensor<4xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// CHECK: error: 'pd.slice' op decrease_axis 5 out of range
func.func @slice_decrease(%x: tensor<4x3xf32> {pd.name = "x"}) -> tensor<3xf32> {
  %y = pd.slice %x {axes = array<i32: 0>, starts = array<i32: 0>, ends = array<i32: 1>, decrease_axis = array<i32: 5>, infer_flags = array<i32: 1>, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["y"]} : (tensor<4x3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// CHECK: error: 'pd.shape' op makes 'f32', not int32 or int64
func.func @shape_float(%x: tensor<4x3xf32> {pd.name = "x"}) -> tensor<2xf32> {
  %s = pd.shape %x {pd.names = ["s"]} : (tensor<4x3xf32>) -> tensor<2xf32>
  return %s : tensor<2xf32>
}

// -----

// CHECK: error: 'pd.split' op with the axis or sections as tensors has no lowering
func.func @split_axis_tensor(%x: tensor<2x6xf32> {pd.name = "x"}, %axis: tensor<1xi32> {pd.name = "axis"}) -> tensor<2x3xf32> {
  %a, %b = pd.split %x, %axis {axis = 0 : i32, num = 2 : i32, sections = array<i32>, operandSegmentSizes = array<i32: 1, 1, 0>, pd.names = ["a", "b"]}
      : (tensor<2x6xf32>, tensor<1xi32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %a : tensor<2x3xf32>
}

// -----

// CHECK: error: 'pd.bilinear_interp_v2' op interp_method 'nearest' has no lowering
func.func @interp_method(%x: tensor<1x3x4x6xf32> {pd.name = "x"}) -> tensor<1x3x8x12xf32> {
  %y = pd.bilinear_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = 8 : i32, out_w = 12 : i32, scale = array<f32>, interp_method = "nearest", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6xf32>) -> tensor<1x3x8x12xf32>
  return %y : tensor<1x3x8x12xf32>
}

// -----

// CHECK: error: 'pd.bicubic_interp_v2' op interp_method 'bilinear' has no lowering
func.func @bicubic_method(%x: tensor<1x3x4x6xf32> {pd.name = "x"}) -> tensor<1x3x8x12xf32> {
  %y = pd.bicubic_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = 8 : i32, out_w = 12 : i32, scale = array<f32>, interp_method = "bilinear", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6xf32>) -> tensor<1x3x8x12xf32>
  return %y : tensor<1x3x8x12xf32>
}

// -----

// CHECK: error: 'pd.trilinear_interp_v2' op has 2 scale values for 3 spatial dims
func.func @trilinear_scale(%x: tensor<1x3x4x6x6xf32> {pd.name = "x"}) -> tensor<1x3x8x12x12xf32> {
  %y = pd.trilinear_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32: 2.0, 2.0>, interp_method = "trilinear", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6x6xf32>) -> tensor<1x3x8x12x12xf32>
  return %y : tensor<1x3x8x12x12xf32>
}

// -----

// CHECK: error: 'pd.nearest_interp_v2' op with a Scale input has no lowering (the size as SizeTensor, OutSize, `scale` or out_h/out_w has)
func.func @interp_scale_tensor(%x: tensor<1x3x4x6xf32> {pd.name = "x"}, %s: tensor<2xf32> {pd.name = "s"}) -> tensor<1x3x?x?xf32> {
  %y = pd.nearest_interp_v2 %x, %s {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32>, interp_method = "nearest", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 1>, pd.names = ["y"]} : (tensor<1x3x4x6xf32>, tensor<2xf32>) -> tensor<1x3x?x?xf32>
  return %y : tensor<1x3x?x?xf32>
}

// -----

// SizeTensor: one one-element tensor per spatial dim.
// CHECK: error: 'pd.nearest_interp_v2' op SizeTensor has 1 tensors for 2 integers
func.func @interp_size_tensor(%x: tensor<1x3x4x6xf32> {pd.name = "x"}, %h: tensor<1xi32> {pd.name = "h"}) -> tensor<1x3x?x?xf32> {
  %y = pd.nearest_interp_v2 %x, %h {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32>, interp_method = "nearest", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 1, 0>, pd.names = ["y"]} : (tensor<1x3x4x6xf32>, tensor<1xi32>) -> tensor<1x3x?x?xf32>
  return %y : tensor<1x3x?x?xf32>
}

// -----

// CHECK: error: 'pd.conv2d_transpose' op with SAME padding has no lowering
func.func @transpose_same(%x: tensor<1x4x5x5xf32> {pd.name = "x"}, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32> {
  %y = pd.conv2d_transpose %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, output_padding = array<i32>, output_size = array<i32>, padding_algorithm = "SAME", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW", pd.names = ["y"]} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return %y : tensor<1x2x10x10xf32>
}

// -----

// CHECK: error: 'pd.conv2d_transpose' op with padding past the filter's reach has no lowering
func.func @transpose_pad(%x: tensor<1x4x5x5xf32> {pd.name = "x"}, %w: tensor<4x2x2x2xf32>) -> tensor<1x2x6x6xf32> {
  %y = pd.conv2d_transpose %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 2, 2>, output_padding = array<i32>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW", pd.names = ["y"]} : (tensor<1x4x5x5xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}

// -----

// CHECK: error: 'pd.conv2d_transpose' op in NHWC layout has no lowering
func.func @transpose_nhwc(%x: tensor<1x5x5x4xf32> {pd.name = "x"}, %w: tensor<4x2x2x2xf32>) -> tensor<1x10x10x2xf32> {
  %y = pd.conv2d_transpose %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, output_padding = array<i32>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NHWC", pd.names = ["y"]} : (tensor<1x5x5x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x10x10x2xf32>
  return %y : tensor<1x10x10x2xf32>
}

// -----

// CHECK: error: 'pd.range' op of 'i1' has no lowering
func.func @range_bool(%s: tensor<1xi1> {pd.name = "s"}, %e: tensor<1xi1> {pd.name = "e"}, %t: tensor<1xi1> {pd.name = "t"}) -> tensor<?xi1> {
  %y = pd.range %s, %e, %t {pd.names = ["y"]} : (tensor<1xi1>, tensor<1xi1>, tensor<1xi1>) -> tensor<?xi1>
  return %y : tensor<?xi1>
}

// -----

// A grouped NCHW conv needs its height and width: the error names the
// model's input whose dims are dynamic and the option that fixes them.
// CHECK: error: 'pd.conv2d' op needs static channel and spatial dims; give the size of input 'image' (-1x4x-1x-1) with --input-spec NAME:DIMS[:DTYPE]
func.func @grouped_dynamic(%x: tensor<?x4x?x?xf32> {pd.name = "image"}, %w: tensor<8x2x3x3xf32>) -> tensor<?x8x?x?xf32> {
  %y = pd.conv2d %x, %w {strides = array<i32: 1, 1>, paddings = array<i32: 1, 1>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 2 : i32, data_format = "NCHW", operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["y"]} : (tensor<?x4x?x?xf32>, tensor<8x2x3x3xf32>) -> tensor<?x8x?x?xf32>
  return %y : tensor<?x8x?x?xf32>
}

// -----

// rnn computes in f32 only (its GEMMs are the f32 kernel's).
// CHECK: error: 'pd.rnn' op is lowered for f32 tensors only
func.func @rnn_f64(%x: tensor<?x?x3xf64>, %h0: tensor<1x?x2xf64>, %wi: tensor<2x3xf64>, %wh: tensor<2x2xf64>, %bi: tensor<2xf64>, %bh: tensor<2xf64>) -> tensor<?x?x2xf64> {
  %out, %drop, %h, %reserve = pd.rnn %x, %h0, %wi, %wh, %bi, %bh {hidden_size = 2 : i32, mode = "RNN_TANH", operandSegmentSizes = array<i32: 1, 1, 4, 0>, resultSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<?x?x3xf64>, tensor<1x?x2xf64>, tensor<2x3xf64>, tensor<2x2xf64>, tensor<2xf64>, tensor<2xf64>) -> (tensor<?x?x2xf64>, tensor<ui8>, tensor<1x?x2xf64>, tensor<ui8>)
  return %out : tensor<?x?x2xf64>
}

// -----

// Its Reserve and DropoutState are training's: a program that reads them
// cannot be compiled for inference.
// CHECK: error: 'pd.rnn' op has a training output in use
func.func @rnn_reserve(%x: tensor<?x?x3xf32>, %h0: tensor<1x?x2xf32>, %wi: tensor<2x3xf32>, %wh: tensor<2x2xf32>, %bi: tensor<2xf32>, %bh: tensor<2xf32>) -> tensor<ui8> {
  %out, %drop, %h, %reserve = pd.rnn %x, %h0, %wi, %wh, %bi, %bh {hidden_size = 2 : i32, mode = "RNN_TANH", operandSegmentSizes = array<i32: 1, 1, 4, 0>, resultSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<?x?x3xf32>, tensor<1x?x2xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?x?x2xf32>, tensor<ui8>, tensor<1x?x2xf32>, tensor<ui8>)
  return %reserve : tensor<ui8>
}

// -----

// Sizes and axes that are tensors (computed at run time) have no lowering
// for these ops yet; each says which.
// CHECK: error: 'pd.gather' op with its axis given by a tensor has no lowering
func.func @gather_axis_tensor(%x: tensor<4x8xf32>, %i: tensor<2xi64>, %a: tensor<1xi32>) -> tensor<?x?xf32> {
  %y = pd.gather %x, %i, %a {operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<4x8xf32>, tensor<2xi64>, tensor<1xi32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// CHECK: error: 'pd.expand_v2' op expand_shapes_tensor takes one-element integer tensors, not 'tensor<2xi32>'
func.func @expand_shape_tensor(%x: tensor<1x4xf32>, %s: tensor<2xi32>) -> tensor<?x4xf32> {
  %y = pd.expand_v2 %x, %s {operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<1x4xf32>, tensor<2xi32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// -----

// CHECK: error: 'pd.tile' op RepeatTimes 'tensor<2xf32>' is not a 1-D integer tensor of static size
func.func @tile_tensor(%x: tensor<2x4xf32>, %r: tensor<2xf32>) -> tensor<?x?xf32> {
  %y = pd.tile %x, %r {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x4xf32>, tensor<2xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// reduce_max and reduce_min are lowered for floats.
// CHECK: error: 'pd.reduce_max' op of 'tensor<2x4xi32>' into 'i32' has no lowering
func.func @reduce_max_int(%x: tensor<2x4xi32>) -> tensor<2xi32> {
  %y = pd.reduce_max %x {dim = array<i32: 1>} : (tensor<2x4xi32>) -> tensor<2xi32>
  return %y : tensor<2xi32>
}

// -----

// A quantizer in training mode would follow the data's scale.
// CHECK: error: 'pd.fake_quantize_dequantize_moving_average_abs_max' op is in training mode (is_test false): its scale would follow the data; export the model for inference
func.func @quant_training(%x: tensor<4xf32>, %s: tensor<1xf32>) -> tensor<4xf32> {
  %o, %os = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {operandSegmentSizes = array<i32: 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<4xf32>, tensor<1xf32>) -> (tensor<4xf32>, tensor<1xf32>)
  return %o : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.fake_quantize_dequantize_abs_max' op bit_length 17 is not in [1, 16]
func.func @quant_bits(%x: tensor<4xf32>) -> tensor<4xf32> {
  %o, %os = pd.fake_quantize_dequantize_abs_max %x {bit_length = 17 : i32} : (tensor<4xf32>) -> (tensor<4xf32>, tensor<1xf32>)
  return %o : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.fake_channel_wise_quantize_dequantize_abs_max' op quant_axis 2 is not 0 or 1 of X
func.func @quant_axis(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %o, %os = pd.fake_channel_wise_quantize_dequantize_abs_max %x {quant_axis = 2 : i32} : (tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<4xf32>)
  return %o : tensor<2x3x4xf32>
}

// -----

// NMS of boxes given per RoI (RoisNum) has no lowering yet.
// CHECK: error: 'pd.multiclass_nms3' op with RoisNum (boxes given per RoI) has no lowering
func.func @nms_rois(%b: tensor<4x4xf32>, %s: tensor<4x3xf32>, %r: tensor<1xi32>) -> tensor<?x6xf32> {
  %o, %i, %n = pd.multiclass_nms3 %b, %s, %r {operandSegmentSizes = array<i32: 1, 1, 1>} : (tensor<4x4xf32>, tensor<4x3xf32>, tensor<1xi32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>)
  return %o : tensor<?x6xf32>
}

// -----

// fluid's ops over LoD tensors (variable-length sequences as offsets) are
// out of scope; the error says why and what to save instead.
// CHECK: error: 2 op(s) of 2 type(s) have no CPU lowering:
// CHECK-NEXT: {{^}}  sequence_pool: 1, first at {{.*}} (it reads LoD sequences, which pd does not compile: save the model with padded tensors and their lengths, as paddle.nn.LSTM's sequence_length)
// CHECK-NEXT: {{^}}  lstm: 1, first at {{.*}} (it reads LoD sequences
func.func @lod(%x: tensor<?x4xf32> {pd.name = "x"}) -> tensor<?x4xf32> {
  %p = "pd.generic"(%x) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["X"], output_sizes = array<i32: 1>, outputs = ["Out"], type = "sequence_pool"}> {pd.names = ["p"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %l = "pd.generic"(%p) <{attrs = {}, input_sizes = array<i32: 1>, inputs = ["Input"], output_sizes = array<i32: 1>, outputs = ["Hidden"], type = "lstm"}> {pd.names = ["l"]} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %l : tensor<?x4xf32>
}

// -----

// CHECK: error: 'pd.group_norm' op groups (3) does not divide the 8 channels
func.func @group_norm_groups(%x: tensor<?x8x4x4xf32> {pd.name = "x"}) -> tensor<?x8x4x4xf32> {
  %y = pd.group_norm %x {groups = 3 : i32, pd.names = ["y"], operandSegmentSizes = array<i32: 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<?x8x4x4xf32>) -> tensor<?x8x4x4xf32>
  return %y : tensor<?x8x4x4xf32>
}

// -----

// CHECK: error: 'pd.group_norm' op needs a static channel count
func.func @group_norm_channels(%x: tensor<1x?x4x4xf32> {pd.name = "x"}) -> tensor<1x?x4x4xf32> {
  %y = pd.group_norm %x {groups = 2 : i32, pd.names = ["y"], operandSegmentSizes = array<i32: 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<1x?x4x4xf32>) -> tensor<1x?x4x4xf32>
  return %y : tensor<1x?x4x4xf32>
}

// -----

// CHECK: error: 'pd.group_norm' op is lowered for the NCHW layout only
func.func @group_norm_layout(%x: tensor<1x4x4x8xf32> {pd.name = "x"}) -> tensor<1x4x4x8xf32> {
  %y = pd.group_norm %x {groups = 2 : i32, data_layout = "NHWC", pd.names = ["y"], operandSegmentSizes = array<i32: 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %y : tensor<1x4x4x8xf32>
}

// -----

// CHECK: error: 'pd.instance_norm' op is lowered for floating-point tensors of rank >= 3
func.func @instance_norm_rank(%x: tensor<2x8xf32> {pd.name = "x"}) -> tensor<2x8xf32> {
  %y = pd.instance_norm %x {pd.names = ["y"], operandSegmentSizes = array<i32: 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// CHECK: error: 'pd.prelu' op mode 'channel' with Alpha 'tensor<2x2xf32>' has no lowering
func.func @prelu_mode(%x: tensor<1x4x3x3xf32> {pd.name = "x"}, %a: tensor<2x2xf32> {pd.name = "a"}) -> tensor<1x4x3x3xf32> {
  %y = pd.prelu %x, %a {mode = "channel", pd.names = ["y"]} : (tensor<1x4x3x3xf32>, tensor<2x2xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// CHECK: error: 'pd.pad3d' op mode 'mirror' has no lowering
func.func @pad3d_mode(%x: tensor<1x1x1x4x4xf32> {pd.name = "x"}) -> tensor<1x1x1x4x6xf32> {
  %y = pd.pad3d %x {paddings = array<i32: 1, 1, 0, 0, 0, 0>, mode = "mirror", pd.names = ["y"]} : (tensor<1x1x1x4x4xf32>) -> tensor<1x1x1x4x6xf32>
  return %y : tensor<1x1x1x4x6xf32>
}

// -----

// CHECK: error: 'pd.pad3d' op with its paddings given by a tensor has no lowering
func.func @pad3d_tensor(%x: tensor<1x1x1x4x4xf32> {pd.name = "x"}, %p: tensor<6xi32> {pd.name = "p"}) -> tensor<1x1x1x?x?xf32> {
  %y = pd.pad3d %x, %p {pd.names = ["y"]} : (tensor<1x1x1x4x4xf32>, tensor<6xi32>) -> tensor<1x1x1x?x?xf32>
  return %y : tensor<1x1x1x?x?xf32>
}

// -----

// CHECK: error: 'pd.flip' op axis 2 out of range
func.func @flip_axis(%x: tensor<2x3xf32> {pd.name = "x"}) -> tensor<2x3xf32> {
  %y = pd.flip %x {axis = array<i32: 2>, pd.names = ["y"]} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// CHECK: error: 'pd.elementwise_mod' op of bool tensors has no lowering
func.func @mod_bool(%x: tensor<3xi1> {pd.name = "x"}) -> tensor<3xi1> {
  %y = pd.elementwise_mod %x, %x {pd.names = ["y"]} : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return %y : tensor<3xi1>
}

// -----

// CHECK: error: 'pd.log_softmax' op axis out of range
func.func @log_softmax_axis(%x: tensor<2x3xf32> {pd.name = "x"}) -> tensor<2x3xf32> {
  %y = pd.log_softmax %x {axis = 2 : i32, pd.names = ["y"]} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// CHECK: error: 'pd.top_k_v2' op takes an integer K
func.func @top_k_float_k(%x: tensor<2x5xf32> {pd.name = "x"}, %k: tensor<1xf32> {pd.name = "k"}) -> tensor<2x?xf32> {
  %v, %i = pd.top_k_v2 %x, %k {pd.names = ["v", "i"]} : (tensor<2x5xf32>, tensor<1xf32>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  return %v : tensor<2x?xf32>
}

// -----

// CHECK: error: 'pd.argsort' op of 'tensor<2x5xi1>' has no lowering
func.func @argsort_bool(%x: tensor<2x5xi1> {pd.name = "x"}) -> tensor<2x5xi1> {
  %v, %i = pd.argsort %x {pd.names = ["v", "i"]} : (tensor<2x5xi1>) -> (tensor<2x5xi1>, tensor<2x5xi64>)
  return %v : tensor<2x5xi1>
}

// -----

// CHECK: error: 'pd.strided_slice' op has a stride of 0
func.func @strided_slice_zero(%x: tensor<4xf32> {pd.name = "x"}) -> tensor<4xf32> {
  %y = pd.strided_slice %x {axes = array<i32: 0>, starts = array<i32: 0>, ends = array<i32: 4>, strides = array<i32: 0>, pd.names = ["y"], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.strided_slice' op with strides given as tensors has no lowering (their signs decide the loop)
func.func @strided_slice_tensor(%x: tensor<4xf32> {pd.name = "x"}, %s: tensor<1xi32> {pd.name = "s"}) -> tensor<?xf32> {
  %y = pd.strided_slice %x, %s {axes = array<i32: 0>, starts = array<i32: 0>, ends = array<i32: 4>, pd.names = ["y"], operandSegmentSizes = array<i32: 1, 0, 0, 1, 0, 0, 0>} : (tensor<4xf32>, tensor<1xi32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// CHECK: error: 'pd.assign_value' op has 3 values for 4 elements
func.func @assign_value_count() -> tensor<4xf32> {
  %c = pd.assign_value {shape = array<i32: 4>, dtype = 5 : i32, fp32_values = array<f32: 1.0, 2.0, 3.0>, pd.names = ["c"]} : () -> tensor<4xf32>
  return %c : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.box_coder' op takes 4 variances, not 2
func.func @box_coder_variance(%p: tensor<6x4xf32> {pd.name = "p"}, %t: tensor<2x4xf32> {pd.name = "t"}) -> tensor<2x6x4xf32> {
  %y = pd.box_coder %p, %t {variance = array<f32: 0.1, 0.2>, pd.names = ["y"]} : (tensor<6x4xf32>, tensor<2x4xf32>) -> tensor<2x6x4xf32>
  return %y : tensor<2x6x4xf32>
}

// -----

// quantize_linear's float8 steps (qmax 448 or 57344) are not lowered.
// CHECK: error: 'pd.quantize_linear' op quantizes to float8 (qmax 448), which is not lowered
func.func @float8(%x: tensor<4xf32>, %s: tensor<1xf32>) -> tensor<4xf32> {
  %y = pd.quantize_linear %x, %s, %s {qmax = 448 : i32, quant_axis = -1 : i32, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<4xf32>)
  return %y : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.dequantize_linear' op quant_axis 2 is not 0 or 1 of X
func.func @linear_axis(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %y = pd.dequantize_linear %x, %s, %s {quant_axis = 2 : i32, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>)
  return %y : tensor<2x3x4xf32>
}

// -----

// CHECK: error: 'pd.dequantize_linear' op needs a Scale of X's dim 1 (3 channels), not 'tensor<4xf32>'
func.func @linear_scale_size(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %y = pd.dequantize_linear %x, %s, %s {quant_axis = 1 : i32, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>)
  return %y : tensor<2x3x4xf32>
}

// -----

// CHECK: error: 'pd.quantize_linear' op is in training mode (is_test false): its scale would follow the data; export the model for inference
func.func @linear_training(%x: tensor<4xf32>, %s: tensor<1xf32>) -> tensor<4xf32> {
  %y = pd.quantize_linear %x, %s, %s {is_test = false, quant_axis = -1 : i32, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<4xf32>)
  return %y : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.grid_sampler' op padding_mode 'wrap' is not zeros, border or reflection
func.func @grid_sample_padding(%x: tensor<1x2x4x4xf32>, %g: tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32> {
  %y = pd.grid_sampler %x, %g {padding_mode = "wrap"} : (tensor<1x2x4x4xf32>, tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// CHECK: error: 'pd.grid_sampler' op of a 3-D input has no lowering (4-D and 5-D only)
func.func @grid_sample_line(%x: tensor<1x2x4xf32>, %g: tensor<1x3x1xf32>) -> tensor<1x2x3xf32> {
  %y = pd.grid_sampler %x, %g : (tensor<1x2x4xf32>, tensor<1x3x1xf32>) -> tensor<1x2x3xf32>
  return %y : tensor<1x2x3xf32>
}

// -----

// CHECK: error: 'pd.bitwise_and' op takes two integer or bool tensors of one type
func.func @bitwise_floats(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %z = pd.bitwise_and %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %z : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.bitwise_not' op takes an integer or bool tensor
func.func @bitwise_not_float(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = pd.bitwise_not %x : (tensor<4xf32>) -> tensor<4xf32>
  return %z : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.atan2' op is lowered for two floating-point tensors of one type only
func.func @atan2_ints(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xf64> {
  %z = pd.atan2 %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xf64>
  return %z : tensor<4xf64>
}

// -----

// CHECK: error: 'pd.bmm' op takes two 3-D tensors
func.func @bmm_matrices(%x: tensor<4x6xf32>, %y: tensor<6x3xf32>) -> tensor<4x3xf32> {
  %z = pd.bmm %x, %y : (tensor<4x6xf32>, tensor<6x3xf32>) -> tensor<4x3xf32>
  return %z : tensor<4x3xf32>
}

// -----

// CHECK: error: 'pd.mv' op takes a matrix and a vector
func.func @mv_matrices(%x: tensor<4x6xf32>, %y: tensor<6x1xf32>) -> tensor<4x1xf32> {
  %z = pd.mv %x, %y : (tensor<4x6xf32>, tensor<6x1xf32>) -> tensor<4x1xf32>
  return %z : tensor<4x1xf32>
}

// -----

// CHECK: error: 'pd.dot' op is lowered for two floating-point tensors of one type only
func.func @dot_ints(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<i32> {
  %z = pd.dot %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<i32>
  return %z : tensor<i32>
}

// -----

// CHECK: error: 'pd.reduce_all' op with its dims given as tensors has no lowering (the result's rank would depend on them)
func.func @all_dims_tensor(%x: tensor<3x4xi1>, %d: tensor<1xi64>) -> tensor<?xi1> {
  %z = pd.reduce_all %x, %d {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<3x4xi1>, tensor<1xi64>) -> tensor<?xi1>
  return %z : tensor<?xi1>
}

// -----

// CHECK: error: 'pd.logsumexp' op is lowered for floating-point tensors only
func.func @logsumexp_ints(%x: tensor<3x4xi32>) -> tensor<3xi32> {
  %z = pd.logsumexp %x {axis = array<i32: 1>} : (tensor<3x4xi32>) -> tensor<3xi32>
  return %z : tensor<3xi32>
}

// -----

// CHECK: error: 'pd.size' op makes 'tensor<i32>', not one int64
func.func @size_int32(%x: tensor<3x4xf32>) -> tensor<i32> {
  %z = pd.size %x : (tensor<3x4xf32>) -> tensor<i32>
  return %z : tensor<i32>
}

// -----

// CHECK: error: 'pd.roll' op has 1 shifts for 2 axes
func.func @roll_shifts(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y = pd.roll %x {shifts = array<i64: 1>, axis = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// -----

// CHECK: error: 'pd.tril_triu' op takes a tensor of rank 2 or more
func.func @tril_vector(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = pd.tril_triu %x {diagonal = 0 : i32, lower = true} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// CHECK: error: 'pd.gather_nd' op needs Index's last dim static
func.func @gather_nd_dynamic(%x: tensor<3x4xf32>, %i: tensor<2x?xi64>) -> tensor<*xf32> {
  %y = pd.gather_nd %x, %i : (tensor<3x4xf32>, tensor<2x?xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// CHECK: error: 'pd.repeat_interleave' op with a tensor of repeats has no lowering (its size would depend on the data)
func.func @repeat_tensor(%x: tensor<3x4xf32>, %r: tensor<3xi64>) -> tensor<?x4xf32> {
  %y = pd.repeat_interleave %x, %r {Repeats = 0 : i32, dim = 0 : i32} : (tensor<3x4xf32>, tensor<3xi64>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// -----

// CHECK: error: 'pd.temporal_shift' op needs a 4-D X with static channels and a positive seg_num
func.func @shift_segments(%x: tensor<4x4x3x3xf32>) -> tensor<4x4x3x3xf32> {
  %y = pd.temporal_shift %x {seg_num = 0 : i32, shift_ratio = 0.25 : f32} : (tensor<4x4x3x3xf32>) -> tensor<4x4x3x3xf32>
  return %y : tensor<4x4x3x3xf32>
}

// -----

// CHECK: error: 'pd.dist' op is lowered for two floating-point tensors of one type only
func.func @dist_ints(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<i32> {
  %z = pd.dist %x, %y {p = 2.0 : f32} : (tensor<4xi32>, tensor<4xi32>) -> tensor<i32>
  return %z : tensor<i32>
}

// -----

// CHECK: error: 'pd.eye' op of 'tensor<?x5xf32>' has no lowering
func.func @eye_dynamic() -> tensor<?x5xf32> {
  %y = pd.eye {num_rows = -1 : i64, num_columns = 5 : i64, dtype = 5 : i32} : () -> tensor<?x5xf32>
  return %y : tensor<?x5xf32>
}

// -----

// CHECK: error: 'pd.eye' op of 'tensor<3x5xcomplex<f32>>' has no lowering
func.func @eye_complex() -> tensor<3x5xcomplex<f32>> {
  %y = pd.eye {num_rows = 3 : i64, num_columns = 5 : i64, dtype = 23 : i32} : () -> tensor<3x5xcomplex<f32>>
  return %y : tensor<3x5xcomplex<f32>>
}

// -----

// CHECK: error: 'pd.one_hot_v2' op depth -2 is negative
func.func @one_hot_negative(%x: tensor<4xi64>) -> tensor<4x?xf32> {
  %y = pd.one_hot_v2 %x {depth = -2 : i32, dtype = 5 : i32} : (tensor<4xi64>) -> tensor<4x?xf32>
  return %y : tensor<4x?xf32>
}

// -----

// CHECK: error: 'pd.one_hot_v2' op of 'complex<f32>' has no lowering
func.func @one_hot_complex(%x: tensor<4xi64>) -> tensor<4x6xcomplex<f32>> {
  %y = pd.one_hot_v2 %x {depth = 6 : i32, dtype = 23 : i32} : (tensor<4xi64>) -> tensor<4x6xcomplex<f32>>
  return %y : tensor<4x6xcomplex<f32>>
}

// -----

// CHECK: error: 'pd.linspace' op of 'i1' has no lowering
func.func @linspace_bool(%a: tensor<1xf32>, %b: tensor<1xf32>, %n: tensor<1xi32>) -> tensor<7xi1> {
  %z = pd.linspace %a, %b, %n {dtype = 0 : i32} : (tensor<1xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<7xi1>
  return %z : tensor<7xi1>
}

// -----

// CHECK: error: 'pd.range' op start, end and step differ in type
func.func @range_mixed(%a: tensor<1xf32>, %b: tensor<1xi64>, %s: tensor<1xf32>) -> tensor<?xf32> {
  %z = pd.range %a, %b, %s : (tensor<1xf32>, tensor<1xi64>, tensor<1xf32>) -> tensor<?xf32>
  return %z : tensor<?xf32>
}

// -----

// CHECK: error: 'pd.repeat_interleave' op needs a dim in range and positive Repeats
func.func @repeat_zero(%x: tensor<3x4xf32>) -> tensor<0x4xf32> {
  %y = pd.repeat_interleave %x {Repeats = 0 : i32, dim = 0 : i32} : (tensor<3x4xf32>) -> tensor<0x4xf32>
  return %y : tensor<0x4xf32>
}

// -----

// CHECK: error: 'pd.repeat_interleave' op needs a dim in range and positive Repeats
func.func @repeat_dim(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y = pd.repeat_interleave %x {Repeats = 2 : i32, dim = 2 : i32} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// -----

// CHECK: error: 'pd.unstack' op axis out of range
func.func @unstack_axis(%x: tensor<2x3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %a, %b = pd.unstack %x {axis = 2 : i32, num = 2 : i32} : (tensor<2x3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %a, %b : tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK: error: 'pd.index_sample' op takes a 2-D X and a 2-D Index
func.func @index_sample_3d(%x: tensor<2x6x3xf32>, %i: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %y = pd.index_sample %x, %i : (tensor<2x6x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// CHECK: error: 'pd.take_along_axis' op Axis out of range
func.func @take_axis(%x: tensor<2x6xf32>, %i: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %y = pd.take_along_axis %x, %i {Axis = 2 : i32} : (tensor<2x6xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// CHECK: error: 'pd.take_along_axis' op takes an Index of Input's rank
func.func @take_rank(%x: tensor<2x6xf32>, %i: tensor<3xi64>) -> tensor<3xf32> {
  %y = pd.take_along_axis %x, %i {Axis = 0 : i32} : (tensor<2x6xf32>, tensor<3xi64>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// CHECK: error: 'pd.expand_as_v2' op target_shape has -1 for a dim X lacks
func.func @expand_as_lead(%x: tensor<1x6xf32>) -> tensor<?x4x6xf32> {
  %z = pd.expand_as_v2 %x {target_shape = array<i32: -1, 4, 6>} : (tensor<1x6xf32>) -> tensor<?x4x6xf32>
  return %z : tensor<?x4x6xf32>
}

// -----

// CHECK: error: 'pd.expand_as_v2' op expands to fewer dims than X has
func.func @expand_as_short(%x: tensor<2x1x6xf32>) -> tensor<4x6xf32> {
  %z = pd.expand_as_v2 %x {target_shape = array<i32: 4, 6>} : (tensor<2x1x6xf32>) -> tensor<4x6xf32>
  return %z : tensor<4x6xf32>
}

// -----

// CHECK: error: 'pd.unfold' op needs a 4-D X and 2 kernel sizes, strides and dilations and 4 paddings
func.func @unfold_paddings(%x: tensor<1x4x8x8xf32>) -> tensor<1x24x?xf32> {
  %z = pd.unfold %x {kernel_sizes = array<i32: 2, 3>, strides = array<i32: 1, 1>, paddings = array<i32: 1, 0>, dilations = array<i32: 1, 1>} : (tensor<1x4x8x8xf32>) -> tensor<1x24x?xf32>
  return %z : tensor<1x24x?xf32>
}

// -----

// CHECK: error: 'pd.partial_sum' op needs [N, D] inputs with a static D; they are 'tensor<?x?xf32>'
func.func @partial_dynamic_columns(%x: tensor<?x?xf32> {pd.name = "x"}) -> tensor<?x2xf32> {
  %s = pd.partial_sum %x, %x {start_index = 0 : i32, length = 2 : i32, pd.names = ["s"]} : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x2xf32>
  return %s : tensor<?x2xf32>
}

// -----

// CHECK: error: 'pd.partial_sum' op is lowered for floating-point tensors only
func.func @partial_sum_int(%x: tensor<2x4xi64> {pd.name = "x"}) -> tensor<2x2xi64> {
  %s = pd.partial_sum %x {start_index = 0 : i32, length = 2 : i32, pd.names = ["s"]} : (tensor<2x4xi64>) -> tensor<2x2xi64>
  return %s : tensor<2x2xi64>
}

// -----

// CHECK: error: 'pd.affine_channel' op is lowered for floating-point tensors of one type only
func.func @affine_channel_mixed(%x: tensor<2x4xf32> {pd.name = "x"}, %s: tensor<4xf64>) -> tensor<2x4xf32> {
  %y = pd.affine_channel %x, %s, %s {data_layout = "NCHW", pd.names = ["y"]} : (tensor<2x4xf32>, tensor<4xf64>, tensor<4xf64>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// CHECK: error: 'pd.norm' op is lowered for floating-point tensors only
func.func @norm_int(%x: tensor<2x4xi64> {pd.name = "x"}) -> (tensor<2x4xi64>, tensor<2x1xi64>) {
  %o, %n = pd.norm %x {axis = 1 : i32, pd.names = ["o", "n"]} : (tensor<2x4xi64>) -> (tensor<2x4xi64>, tensor<2x1xi64>)
  return %o, %n : tensor<2x4xi64>, tensor<2x1xi64>
}

// -----

// CHECK: error: 'pd.pad' op takes 2 paddings per dim, none negative
func.func @pad_count(%x: tensor<2x3xf32> {pd.name = "x"}) -> tensor<4x3xf32> {
  %y = pd.pad %x {paddings = array<i32: 1, 1>, pad_value = 0.0 : f32, pd.names = ["y"]} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// CHECK: error: 'pd.pad' op takes 2 paddings per dim, none negative
func.func @pad_negative(%x: tensor<2x3xf32> {pd.name = "x"}) -> tensor<2x2xf32> {
  %y = pd.pad %x {paddings = array<i32: 0, 0, -1, 0>, pad_value = 0.0 : f32, pd.names = ["y"]} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// CHECK: error: 'pd.partial_sum' op columns [6, 7) are not inside 6
func.func @partial_outside(%x: tensor<2x6xf32> {pd.name = "x"}) -> tensor<2x1xf32> {
  %s = pd.partial_sum %x {start_index = 6 : i32, length = 1 : i32, pd.names = ["s"]} : (tensor<2x6xf32>) -> tensor<2x1xf32>
  return %s : tensor<2x1xf32>
}

// -----

// CHECK: error: 'pd.set_value' op has a step of 0
func.func @set_value_step_zero(%x: tensor<2x6xf32> {pd.name = "x"}) -> tensor<2x6xf32> {
  %y = pd.set_value %x {axes = array<i64: 1>, starts = array<i64: 4>, ends = array<i64: 0>, steps = array<i64: 0>, decrease_axes = array<i64>, none_axes = array<i64>, shape = array<i64: 1>, values = [{r = 1.0 : f64, type = 3 : i32}], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["y"]} : (tensor<2x6xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

// CHECK: error: 'pd.set_value' op has neither a ValueTensor nor values that fill its `shape`
func.func @set_value_no_value(%x: tensor<2x6xf32> {pd.name = "x"}) -> tensor<2x6xf32> {
  %y = pd.set_value %x {axes = array<i64: 1>, starts = array<i64: 0>, ends = array<i64: 2>, steps = array<i64: 1>, decrease_axes = array<i64>, none_axes = array<i64>, shape = array<i64: 2>, values = [{r = 1.0 : f64, type = 3 : i32}], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["y"]} : (tensor<2x6xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

// CHECK: error: 'pd.set_value' op cannot broadcast 'tensor<3xf32>' to the window's dim 2
func.func @set_value_broadcast(%x: tensor<2x6xf32> {pd.name = "x"}, %v: tensor<3xf32> {pd.name = "v"}) -> tensor<2x6xf32> {
  %y = pd.set_value %x, %v {axes = array<i64: 1>, starts = array<i64: 0>, ends = array<i64: 2>, steps = array<i64: 1>, decrease_axes = array<i64>, none_axes = array<i64>, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<2x6xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

// CHECK: error: 'pd.set_value' op sets a window of 2 dims from 'tensor<1x2x2xf32>'
func.func @set_value_rank(%x: tensor<2x6xf32> {pd.name = "x"}, %v: tensor<1x2x2xf32> {pd.name = "v"}) -> tensor<2x6xf32> {
  %y = pd.set_value %x, %v {axes = array<i64: 1>, starts = array<i64: 0>, ends = array<i64: 2>, steps = array<i64: 1>, decrease_axes = array<i64>, none_axes = array<i64>, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<2x6xf32>, tensor<1x2x2xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

// CHECK: error: 'pd.scatter_nd_add' op needs Index's last dim static and at most X's rank
func.func @scatter_nd_dynamic(%x: tensor<4x6xf32> {pd.name = "x"}, %i: tensor<3x?xi64> {pd.name = "i"}, %u: tensor<3xf32> {pd.name = "u"}) -> tensor<4x6xf32> {
  %y = pd.scatter_nd_add %x, %i, %u {pd.names = ["y"]} : (tensor<4x6xf32>, tensor<3x?xi64>, tensor<3xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// -----

// CHECK: error: 'pd.max_pool2d_with_index' op ksize, strides and paddings must have 2 values (strides positive)
func.func @pool_with_index_stride(%x: tensor<1x3x8x8xf32> {pd.name = "x"}) -> tensor<1x3x4x4xf32> {
  %y, %m = pd.max_pool2d_with_index %x {ksize = array<i32: 2, 2>, strides = array<i32: 0, 2>, paddings = array<i32: 0, 0>, pd.names = ["y", "m"]} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi32>)
  return %y : tensor<1x3x4x4xf32>
}

// -----

// CHECK: error: 'pd.scatter' op needs X of rank 1 or more and Ids of rank 2 at most
func.func @scatter_ids_rank(%x: tensor<4x6xf32> {pd.name = "x"}, %ids: tensor<1x1x2xi64> {pd.name = "ids"}, %u: tensor<2x6xf32> {pd.name = "u"}) -> tensor<4x6xf32> {
  %y = pd.scatter %x, %ids, %u {overwrite = true, pd.names = ["y"]} : (tensor<4x6xf32>, tensor<1x1x2xi64>, tensor<2x6xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// -----

// CHECK: error: 'pd.max_pool2d_with_index' op needs a 4-D f32 input
func.func @pool_with_index_f64(%x: tensor<1x3x8x8xf64> {pd.name = "x"}) -> tensor<1x3x4x4xf64> {
  %y, %m = pd.max_pool2d_with_index %x {ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, pd.names = ["y", "m"]} : (tensor<1x3x8x8xf64>) -> (tensor<1x3x4x4xf64>, tensor<1x3x4x4xi32>)
  return %y : tensor<1x3x4x4xf64>
}

// -----

// CHECK: error: 'pd.conv3d' op in a channels-last layout has no lowering
func.func @conv3d_channels_last(%x: tensor<1x4x4x4x2xf32> {pd.name = "x"}, %w: tensor<3x2x1x1x1xf32> {pd.name = "w"}) -> tensor<1x4x4x4x3xf32> {
  %y = pd.conv3d %x, %w {strides = array<i32: 1, 1, 1>, paddings = array<i32: 0, 0, 0>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1, 1>, groups = 1 : i32, data_format = "NDHWC", pd.names = ["y"]} : (tensor<1x4x4x4x2xf32>, tensor<3x2x1x1x1xf32>) -> tensor<1x4x4x4x3xf32>
  return %y : tensor<1x4x4x4x3xf32>
}

// -----

// CHECK: error: 'pd.conv3d' op paddings must have 3 or 6 values
func.func @conv3d_paddings(%x: tensor<1x2x4x4x4xf32> {pd.name = "x"}, %w: tensor<3x2x1x1x1xf32> {pd.name = "w"}) -> tensor<1x3x4x4x4xf32> {
  %y = pd.conv3d %x, %w {strides = array<i32: 1, 1, 1>, paddings = array<i32: 0, 0>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1, 1>, groups = 1 : i32, data_format = "NCDHW", pd.names = ["y"]} : (tensor<1x2x4x4x4xf32>, tensor<3x2x1x1x1xf32>) -> tensor<1x3x4x4x4xf32>
  return %y : tensor<1x3x4x4x4xf32>
}

// -----

// CHECK: error: 'pd.pool3d' op ksize and strides must have 3 values
func.func @pool3d_strides(%x: tensor<1x2x4x4x4xf32> {pd.name = "x"}) -> tensor<1x2x2x2x2xf32> {
  %y = pd.pool3d %x {pooling_type = "max", ksize = array<i32: 2, 2, 2>, strides = array<i32: 2, 2>, paddings = array<i32: 0, 0, 0>, pd.names = ["y"]} : (tensor<1x2x4x4x4xf32>) -> tensor<1x2x2x2x2xf32>
  return %y : tensor<1x2x2x2x2xf32>
}

// -----

// CHECK: error: 'pd.max_pool3d_with_index' op needs a 5-D f32 input
func.func @pool3d_with_index_f64(%x: tensor<1x2x4x4x4xf64> {pd.name = "x"}) -> tensor<1x2x2x2x2xf64> {
  %y, %m = pd.max_pool3d_with_index %x {ksize = array<i32: 2, 2, 2>, strides = array<i32: 2, 2, 2>, paddings = array<i32: 0, 0, 0>, pd.names = ["y", "m"]} : (tensor<1x2x4x4x4xf64>) -> (tensor<1x2x2x2x2xf64>, tensor<1x2x2x2x2xi32>)
  return %y : tensor<1x2x2x2x2xf64>
}

// -----

// CHECK: error: 'pd.roi_align' op without RoisNum reads the boxes' LoD, which pd does not compile (Paddle 2's vision.ops.roi_align passes boxes_num)
func.func @roi_align_lod(%x: tensor<1x3x8x8xf32> {pd.name = "x"}, %r: tensor<?x4xf32> {pd.name = "r"}) -> tensor<?x3x2x2xf32> {
  %o = pd.roi_align %x, %r {pooled_height = 2 : i32, pooled_width = 2 : i32, spatial_scale = 1.0 : f32, sampling_ratio = -1 : i32, aligned = false, pd.names = ["o"]}
      : (tensor<1x3x8x8xf32>, tensor<?x4xf32>) -> tensor<?x3x2x2xf32>
  return %o : tensor<?x3x2x2xf32>
}

// -----

// CHECK: error: 'pd.roi_align' op needs an int32 or int64 RoisNum [N]
func.func @roi_align_counts(%x: tensor<1x3x8x8xf32> {pd.name = "x"}, %r: tensor<?x4xf32> {pd.name = "r"}, %n: tensor<1xf32> {pd.name = "n"}) -> tensor<?x3x2x2xf32> {
  %o = pd.roi_align %x, %r, %n {pooled_height = 2 : i32, pooled_width = 2 : i32, spatial_scale = 1.0 : f32, sampling_ratio = -1 : i32, aligned = false, pd.names = ["o"]}
      : (tensor<1x3x8x8xf32>, tensor<?x4xf32>, tensor<1xf32>) -> tensor<?x3x2x2xf32>
  return %o : tensor<?x3x2x2xf32>
}

// -----

// CHECK: error: 'pd.deformable_conv' op groups or deformable_groups do not divide the channels
func.func @deformable_groups(%x: tensor<1x4x5x5xf32> {pd.name = "x"}, %o: tensor<1x54x5x5xf32> {pd.name = "o"}, %w: tensor<6x4x3x3xf32> {pd.name = "w"}) -> tensor<1x6x5x5xf32> {
  %y = pd.deformable_conv %x, %o, %w {strides = array<i32: 1, 1>, paddings = array<i32: 1, 1>, dilations = array<i32: 1, 1>, deformable_groups = 3 : i32, groups = 1 : i32, im2col_step = 1 : i32, pd.names = ["y"]} : (tensor<1x4x5x5xf32>, tensor<1x54x5x5xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x5x5xf32>
  return %y : tensor<1x6x5x5xf32>
}

// -----

// CHECK: error: 'pd.deformable_conv_v1' op strides, paddings and dilations must have 2 values
func.func @deformable_strides(%x: tensor<1x4x5x5xf32> {pd.name = "x"}, %o: tensor<1x18x5x5xf32> {pd.name = "o"}, %w: tensor<6x4x3x3xf32> {pd.name = "w"}) -> tensor<1x6x5x5xf32> {
  %y = pd.deformable_conv_v1 %x, %o, %w {strides = array<i32: 1>, paddings = array<i32: 1, 1>, dilations = array<i32: 1, 1>, deformable_groups = 1 : i32, groups = 1 : i32, im2col_step = 1 : i32, pd.names = ["y"]} : (tensor<1x4x5x5xf32>, tensor<1x18x5x5xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x5x5xf32>
  return %y : tensor<1x6x5x5xf32>
}

// -----

// CHECK: error: 'pd.deformable_conv_v1' op needs an f32 input with static channels and a static filter
func.func @deformable_f64(%x: tensor<1x4x5x5xf64> {pd.name = "x"}, %o: tensor<1x18x5x5xf64> {pd.name = "o"}, %w: tensor<6x4x3x3xf64> {pd.name = "w"}) -> tensor<1x6x5x5xf64> {
  %y = pd.deformable_conv_v1 %x, %o, %w {strides = array<i32: 1, 1>, paddings = array<i32: 1, 1>, dilations = array<i32: 1, 1>, deformable_groups = 1 : i32, groups = 1 : i32, im2col_step = 1 : i32, pd.names = ["y"]} : (tensor<1x4x5x5xf64>, tensor<1x18x5x5xf64>, tensor<6x4x3x3xf64>) -> tensor<1x6x5x5xf64>
  return %y : tensor<1x6x5x5xf64>
}

// -----

// CHECK: error: 'pd.einsum' op takes operands of one element type
func.func @einsum_types(%x: tensor<3x4xf32> {pd.name = "x"}, %y: tensor<4x5xf64> {pd.name = "y"}) -> tensor<3x5xf32> {
  %o = pd.einsum %x, %y {equation = "ij,jk->ik", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]} : (tensor<3x4xf32>, tensor<4x5xf64>) -> tensor<3x5xf32>
  return %o : tensor<3x5xf32>
}

// -----

// CHECK: error: 'pd.roi_align' op needs f32 X [N, C, H, W] and ROIs [R, 4]
func.func @roi_align_f64(%x: tensor<1x3x8x8xf64> {pd.name = "x"}, %r: tensor<?x4xf64> {pd.name = "r"}, %n: tensor<1xi32> {pd.name = "n"}) -> tensor<?x3x2x2xf64> {
  %o = pd.roi_align %x, %r, %n {pooled_height = 2 : i32, pooled_width = 2 : i32, spatial_scale = 1.0 : f32, sampling_ratio = -1 : i32, aligned = false, pd.names = ["o"]}
      : (tensor<1x3x8x8xf64>, tensor<?x4xf64>, tensor<1xi32>) -> tensor<?x3x2x2xf64>
  return %o : tensor<?x3x2x2xf64>
}

// -----

// CHECK: error: 'pd.conv3d' op strides and dilations must have 3 values
func.func @conv3d_strides(%x: tensor<1x2x4x4x4xf32> {pd.name = "x"}, %w: tensor<3x2x1x1x1xf32> {pd.name = "w"}) -> tensor<1x3x4x4x4xf32> {
  %y = pd.conv3d %x, %w {strides = array<i32: 1, 1>, paddings = array<i32: 0, 0, 0>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1, 1>, groups = 1 : i32, data_format = "NCDHW", pd.names = ["y"]} : (tensor<1x2x4x4x4xf32>, tensor<3x2x1x1x1xf32>) -> tensor<1x3x4x4x4xf32>
  return %y : tensor<1x3x4x4x4xf32>
}

// -----

// CHECK: error: 'pd.softmax_with_cross_entropy' op is lowered for float Logits with integer (hard) or same-typed float (soft) labels only
func.func @cross_entropy_float_hard_label(%x: tensor<2x6xf32> {pd.name = "x"}, %l: tensor<2x1xf32> {pd.name = "l"}) -> tensor<2x1xf32> {
  %s, %o = pd.softmax_with_cross_entropy %x, %l {axis = -1 : i32, pd.names = ["s", "o"]} : (tensor<2x6xf32>, tensor<2x1xf32>) -> (tensor<2x6xf32>, tensor<2x1xf32>)
  return %o : tensor<2x1xf32>
}

// -----

// CHECK: error: 'pd.unique' op takes one axis of a rank-2 X
func.func @unique_two_axes(%x: tensor<2x3xf32> {pd.name = "x"}) -> tensor<?x?xf32> {
  %o = pd.unique %x {axis = array<i32: 0, 1>, is_sorted = true, resultSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["o"]} : (tensor<2x3xf32>) -> tensor<?x?xf32>
  return %o : tensor<?x?xf32>
}

// -----

// CHECK: error: 'pd.unique' op takes one axis of a rank-2 X
func.func @unique_axis_out_of_range(%x: tensor<2x3xf32> {pd.name = "x"}) -> tensor<2x?xf32> {
  %o = pd.unique %x {axis = array<i32: 2>, is_sorted = true, resultSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["o"]} : (tensor<2x3xf32>) -> tensor<2x?xf32>
  return %o : tensor<2x?xf32>
}

// -----

// CHECK: error: 'pd.unique' op is lowered for float, int32 and int64 tensors only
func.func @unique_bool(%x: tensor<6xi1> {pd.name = "x"}) -> tensor<?xi1> {
  %o = pd.unique %x {is_sorted = true, resultSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["o"]} : (tensor<6xi1>) -> tensor<?xi1>
  return %o : tensor<?xi1>
}

// -----

// CHECK: error: 'pd.affine_grid' op OutputShape 'tensor<3xi32>' is not a 1-D integer tensor of 4 elements
func.func @affine_grid_shape_tensor(%t: tensor<2x2x3xf32> {pd.name = "t"}, %s: tensor<3xi32> {pd.name = "s"}) -> tensor<2x?x?x2xf32> {
  %g = pd.affine_grid %t, %s {pd.names = ["g"]} : (tensor<2x2x3xf32>, tensor<3xi32>) -> tensor<2x?x?x2xf32>
  return %g : tensor<2x?x?x2xf32>
}

// -----

// CHECK: error: 'pd.data_norm' op with enable_scale_and_shift needs scale_w and bias
func.func @data_norm_unshifted(%x: tensor<2x4xf32> {pd.name = "x"}, %s: tensor<4xf32> {pd.name = "s"}) -> tensor<2x4xf32> {
  %y = pd.data_norm %x, %s, %s, %s {enable_scale_and_shift = true, operandSegmentSizes = array<i32: 0, 0, 1, 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["y"]} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// CHECK: error: 'pd.data_norm' op is lowered for floating-point tensors of one type only
func.func @data_norm_types(%x: tensor<2x4xf32> {pd.name = "x"}, %s: tensor<4xf64> {pd.name = "s"}) -> tensor<2x4xf32> {
  %y = pd.data_norm %x, %s, %s, %s {operandSegmentSizes = array<i32: 0, 0, 1, 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["y"]} : (tensor<2x4xf32>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// CHECK: error: 'pd.data_norm' op is lowered for a 2-D X only, as Paddle's kernel
func.func @data_norm_rank(%x: tensor<2x4x1xf32> {pd.name = "x"}, %s: tensor<4xf32> {pd.name = "s"}) -> tensor<2x4x1xf32> {
  %y = pd.data_norm %x, %s, %s, %s {operandSegmentSizes = array<i32: 0, 0, 1, 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["y"]} : (tensor<2x4x1xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x1xf32>
  return %y : tensor<2x4x1xf32>
}

// -----

// fill_zeros_like (as fill_any_like) fills ints and floats only.
// CHECK: error: 'pd.fill_zeros_like' op of 'complex<f32>' has no lowering
func.func @fill_zeros_like_complex(%x: tensor<2xcomplex<f32>> {pd.name = "x"}) -> tensor<2xcomplex<f32>> {
  %y = pd.fill_zeros_like %x {pd.names = ["y"]} : (tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>>
  return %y : tensor<2xcomplex<f32>>
}

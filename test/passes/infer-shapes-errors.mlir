// RUN: pd-opt %s -split-input-file --pd-infer-shapes -verify-diagnostics

// A program whose declared shapes contradict its ops.
func.func @declared(%x: tensor<?x8xf32> {pd.name = "x"}, %w: tensor<8x3xf32>) {
  // expected-error@+1 {{shape mismatch: the program declares 'tensor<?x4xf32>' for 'y' but the op computes 'tensor<?x3xf32>'}}
  %y = pd.matmul_v2 %x, %w {pd.names = ["y"]} : (tensor<?x8xf32>, tensor<8x3xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func @contradiction(%x: tensor<?x8xf32> {pd.name = "x"}, %w: tensor<6x3xf32>) {
  // expected-error@+1 {{inner dims differ: 'tensor<?x8xf32>' and 'tensor<6x3xf32>'}}
  %y = pd.matmul_v2 %x, %w {pd.names = ["y"]} : (tensor<?x8xf32>, tensor<6x3xf32>) -> tensor<?x3xf32>
  return
}

// -----

func.func @reshape(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{cannot reshape 'tensor<2x6xf32>' (12 elements) to 10 elements}}
  %y:2 = pd.reshape2 %x {shape = array<i32: 2, 5>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["y", "yx"]}
      : (tensor<2x6xf32>) -> (tensor<2x5xf32>, tensor<0x2x6xf32>)
  return
}

// -----

// A window that cannot fit any input, and attributes that are not sizes.
func.func @conv_too_big(%x: tensor<1x1x2x2xf32> {pd.name = "x"}, %f: tensor<1x1x3x3xf32>) {
  // expected-error@+1 {{the filter is larger than the padded input 'tensor<1x1x2x2xf32>' (or a stride, dilation or padding is not a size)}}
  %y = pd.conv2d %x, %f {strides = array<i32: 1, 1>, paddings = array<i32: 0, 0>, dilations = array<i32: 1, 1>, groups = 1 : i32, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["y"]}
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x?x?xf32>
  return
}

// -----

func.func @pool_zero_stride(%x: tensor<1x1x4x4xf32> {pd.name = "x"}) {
  // expected-error@+1 {{the window is larger than the padded input 'tensor<1x1x4x4xf32>' (or a stride or padding is not a size)}}
  %y = pd.pool2d %x {pooling_type = "max", ksize = array<i32: 2, 2>, strides = array<i32: 0, 0>,
      paddings = array<i32: 0, 0>, pd.names = ["y"]} : (tensor<1x1x4x4xf32>) -> tensor<1x1x?x?xf32>
  return
}

// -----

// split: the parts must match the outputs and fit the split dim.
func.func @split_num(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{splits into 3 parts but has 2 outputs}}
  %a, %b = pd.split %x {axis = 1 : i32, num = 3 : i32, sections = array<i32>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a", "b"]}
      : (tensor<2x6xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return
}

// -----

func.func @split_uneven(%x: tensor<2x7xf32> {pd.name = "x"}) {
  // expected-error@+1 {{cannot split dim 1 of 'tensor<2x7xf32>' into 2 equal parts}}
  %a, %b = pd.split %x {axis = 1 : i32, num = 2 : i32, sections = array<i32>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a", "b"]}
      : (tensor<2x7xf32>) -> (tensor<2x?xf32>, tensor<2x?xf32>)
  return
}

// -----

func.func @split_sections_count(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{has 3 sections but 2 outputs}}
  %a, %b = pd.split %x {axis = 1 : i32, num = 0 : i32, sections = array<i32: 2, 2, 2>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a", "b"]}
      : (tensor<2x6xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>)
  return
}

// -----

func.func @split_two_inferred(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{sections may hold one -1 and sizes >= 0}}
  %a, %b = pd.split %x {axis = 1 : i32, num = 0 : i32, sections = array<i32: -1, -1>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a", "b"]}
      : (tensor<2x6xf32>) -> (tensor<2x?xf32>, tensor<2x?xf32>)
  return
}

// -----

func.func @split_sections_sum(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{sections of 7 do not fit dim 1 of 'tensor<2x6xf32>'}}
  %a, %b = pd.split %x {axis = 1 : i32, num = 0 : i32, sections = array<i32: 3, 4>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a", "b"]}
      : (tensor<2x6xf32>) -> (tensor<2x3xf32>, tensor<2x4xf32>)
  return
}

// -----

func.func @split_axis(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{axis out of range for 'tensor<2x6xf32>'}}
  %a, %b = pd.split %x {axis = 2 : i32, num = 2 : i32, sections = array<i32>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["a", "b"]}
      : (tensor<2x6xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return
}

// -----

// stack: inputs of one shape, a new axis within rank + 1.
func.func @stack_shapes(%x: tensor<2x3xf32> {pd.name = "x"}, %y: tensor<2x4xf32> {pd.name = "y"}) {
  // expected-error@+1 {{stacks 'tensor<2x3xf32>' and 'tensor<2x4xf32>': dim 1 differs}}
  %s = pd.stack %x, %y {axis = 0 : i32, pd.names = ["s"]} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x2x3xf32>
  return
}

// -----

func.func @stack_rank(%x: tensor<2x3xf32> {pd.name = "x"}, %y: tensor<6xf32> {pd.name = "y"}) {
  // expected-error@+1 {{stacks 'tensor<2x3xf32>' and 'tensor<6xf32>'}}
  %s = pd.stack %x, %y {axis = 0 : i32, pd.names = ["s"]} : (tensor<2x3xf32>, tensor<6xf32>) -> tensor<2x2x3xf32>
  return
}

// -----

func.func @stack_axis(%x: tensor<2x3xf32> {pd.name = "x"}, %y: tensor<2x3xf32> {pd.name = "y"}) {
  // expected-error@+1 {{axis out of range for 'tensor<2x3xf32>'}}
  %s = pd.stack %x, %y {axis = 3 : i32, pd.names = ["s"]} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
  return
}

// -----

func.func @interp_no_size(%x: tensor<1x3x4x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{has no output size: no OutSize, Scale or SizeTensor input, no scale and no out_h}}
  %y = pd.nearest_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32>, interp_method = "nearest", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6xf32>) -> tensor<1x3x?x?xf32>
  return
}

// -----

func.func @interp_rank(%x: tensor<3x4x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{resizes 4 or 5-D tensors, not 'tensor<3x4x6xf32>'}}
  %y = pd.nearest_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = 8 : i32, out_w = 8 : i32, scale = array<f32>, interp_method = "nearest", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<3x4x6xf32>) -> tensor<3x8x8xf32>
  return
}

// -----

func.func @interp_empty(%x: tensor<1x3x4x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{resizes 'tensor<1x3x4x6xf32>' to an empty image}}
  %y = pd.nearest_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32: 0.1, 0.1>, interp_method = "nearest", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6xf32>) -> tensor<1x3x?x?xf32>
  return
}

// -----

func.func @interp_linear_rank(%x: tensor<1x3x4x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{resizes 3-D tensors, not 'tensor<1x3x4x6xf32>'}}
  %y = pd.linear_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = 8 : i32, scale = array<f32>, interp_method = "linear", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6xf32>) -> tensor<1x3x4x8xf32>
  return
}

// -----

func.func @interp_trilinear_scale(%x: tensor<1x3x4x6x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{has 2 scale values for 3 spatial dims}}
  %y = pd.trilinear_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = -1 : i32, out_w = -1 : i32, scale = array<f32: 2.0, 2.0>, interp_method = "trilinear", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6x6xf32>) -> tensor<1x3x?x?x?xf32>
  return
}

// -----

func.func @interp_trilinear_no_size(%x: tensor<1x3x4x6x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{no scale and no out_d}}
  %y = pd.trilinear_interp_v2 %x {data_layout = "NCHW", out_d = -1 : i32, out_h = 4 : i32, out_w = 4 : i32, scale = array<f32>, interp_method = "trilinear", align_corners = false, align_mode = 0 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x4x6x6xf32>) -> tensor<1x3x?x4x4xf32>
  return
}

// -----

func.func @transpose_channels(%x: tensor<1x3x5x5xf32> {pd.name = "x"}, %w: tensor<4x2x2x2xf32>) {
  // expected-error@+1 {{input has 3 channels but the filter 'tensor<4x2x2x2xf32>' expects 4}}
  %y = pd.conv2d_transpose %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, output_padding = array<i32>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW", pd.names = ["y"]} : (tensor<1x3x5x5xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @transpose_attrs(%x: tensor<1x4x5x5xf32> {pd.name = "x"}, %w: tensor<4x2x2x2xf32>) {
  // expected-error@+1 {{strides, dilations, paddings, output_padding or output_size have the wrong number of values}}
  %y = pd.conv2d_transpose %x, %w {strides = array<i32: 2>, paddings = array<i32: 0, 0>, output_padding = array<i32>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW", pd.names = ["y"]} : (tensor<1x4x5x5xf32>, tensor<4x2x2x2xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @transpose_empty(%x: tensor<1x4x1x1xf32> {pd.name = "x"}, %w: tensor<4x2x1x1xf32>) {
  // expected-error@+1 {{makes an empty output of 'tensor<1x4x1x1xf32>'}}
  %y = pd.conv2d_transpose %x, %w {strides = array<i32: 1, 1>, paddings = array<i32: 1, 1>, output_padding = array<i32>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW", pd.names = ["y"]} : (tensor<1x4x1x1xf32>, tensor<4x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  return
}

// -----

func.func @lookup_matrix(%ids: tensor<4xi64> {pd.name = "ids"}, %w: tensor<10xf32>) {
  // expected-error@+1 {{looks rows up in a matrix, not 'tensor<10xf32>'}}
  %y = pd.lookup_table_v2 %ids, %w {padding_idx = -1 : i64, pd.names = ["y"]} : (tensor<4xi64>, tensor<10xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @lookup_float_ids(%ids: tensor<4xf32> {pd.name = "ids"}, %w: tensor<10x3xf32>) {
  // expected-error@+1 {{takes int32 or int64 indices, not 'tensor<4xf32>'}}
  %y = pd.lookup_table_v2 %ids, %w {padding_idx = -1 : i64, pd.names = ["y"]} : (tensor<4xf32>, tensor<10x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @lookup_v1_ids(%ids: tensor<4x2xi64> {pd.name = "ids"}, %w: tensor<10x3xf32>) {
  // expected-error@+1 {{takes indices [..., 1], not 'tensor<4x2xi64>'}}
  %y = pd.lookup_table %w, %ids {padding_idx = -1 : i64, pd.names = ["y"]} : (tensor<10x3xf32>, tensor<4x2xi64>) -> tensor<4x3xf32>
  return
}

// -----

func.func @range_not_scalar(%s: tensor<2xi64> {pd.name = "s"}, %e: tensor<1xi64> {pd.name = "e"}, %t: tensor<1xi64> {pd.name = "t"}) {
  // expected-error@+1 {{takes one-element start, end and step, not 'tensor<2xi64>'}}
  %y = pd.range %s, %e, %t {pd.names = ["y"]} : (tensor<2xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xi64>
  return
}

// -----

func.func @range_types(%s: tensor<1xi64> {pd.name = "s"}, %e: tensor<1xf32> {pd.name = "e"}, %t: tensor<1xi64> {pd.name = "t"}) {
  // expected-error@+1 {{start, end and step differ in type}}
  %y = pd.range %s, %e, %t {pd.names = ["y"]} : (tensor<1xi64>, tensor<1xf32>, tensor<1xi64>) -> tensor<?xi64>
  return
}

// -----

func.func @fill_any_like_dtype(%x: tensor<2xf32> {pd.name = "x"}) {
  // expected-error@+1 {{dtype 99 is not a tensor type}}
  %y = pd.fill_any_like %x {value = 0.0 : f32, dtype = 99 : i32, pd.names = ["y"]} : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @sum_shapes(%x: tensor<2x3xf32> {pd.name = "x"}, %y: tensor<2x4xf32> {pd.name = "y"}) {
  // expected-error@+1 {{adds 'tensor<2x3xf32>' and 'tensor<2x4xf32>': dim 1 differs}}
  %s = pd.sum %x, %y {pd.names = ["s"]} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @sum_types(%x: tensor<2x3xf32> {pd.name = "x"}, %y: tensor<2x3xi32> {pd.name = "y"}) {
  // expected-error@+1 {{adds 'tensor<2x3xf32>' and 'tensor<2x3xi32>'}}
  %s = pd.sum %x, %y {pd.names = ["s"]} : (tensor<2x3xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<1x4x5xf32> {pd.name = "x"}, %w: tensor<2x4x1x1xf32>) {
  // expected-error@+1 {{expects 4-D input and filter, got 'tensor<1x4x5xf32>' and 'tensor<2x4x1x1xf32>'}}
  %y = pd.conv2d %x, %w {strides = array<i32: 1, 1>, paddings = array<i32: 0, 0>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW", operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["y"]} : (tensor<1x4x5xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x5xf32>
  return
}

// -----

func.func @transpose_rank(%x: tensor<1x4x5x5xf32> {pd.name = "x"}, %w: tensor<4x2x2xf32>) {
  // expected-error@+1 {{expects 4-D input and filter, got 'tensor<1x4x5x5xf32>' and 'tensor<4x2x2xf32>'}}
  %y = pd.conv2d_transpose %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, output_padding = array<i32>, output_size = array<i32>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1>, groups = 1 : i32, data_format = "NCHW", pd.names = ["y"]} : (tensor<1x4x5x5xf32>, tensor<4x2x2xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @rnn_mode(%x: tensor<?x?x3xf32>, %h0: tensor<1x?x2xf32>, %c0: tensor<1x?x2xf32>, %wi: tensor<8x3xf32>, %wh: tensor<8x2xf32>, %bi: tensor<8xf32>, %bh: tensor<8xf32>) {
  // expected-error@+1 {{has mode 'LSTMX'; it must be LSTM, GRU, RNN_TANH or RNN_RELU}}
  %r:4 = pd.rnn %x, %h0, %c0, %wi, %wh, %bi, %bh {hidden_size = 2 : i32, mode = "LSTMX", operandSegmentSizes = array<i32: 1, 2, 4, 0>, pd.names = ["r0", "r1", "r2", "r3"], resultSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<?x?x3xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<?x?x2xf32>, tensor<ui8>, tensor<1x?x2xf32>, tensor<ui8>)
  return
}

// -----

func.func @rnn_weight_count(%x: tensor<?x?x3xf32>, %h0: tensor<1x?x2xf32>, %c0: tensor<1x?x2xf32>, %wi: tensor<8x3xf32>, %wh: tensor<8x2xf32>, %bi: tensor<8xf32>) {
  // expected-error@+1 {{has 3 weights; 1 layer(s) in 1 direction(s) take 4 (weight_ih, weight_hh, bias_ih, bias_hh each)}}
  %r:5 = pd.rnn %x, %h0, %c0, %wi, %wh, %bi {hidden_size = 2 : i32, mode = "LSTM", operandSegmentSizes = array<i32: 1, 2, 3, 0>, pd.names = ["r0", "r1", "r2", "r3", "r4"], resultSegmentSizes = array<i32: 1, 1, 2, 1>} : (tensor<?x?x3xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>) -> (tensor<?x?x2xf32>, tensor<ui8>, tensor<1x?x2xf32>, tensor<1x?x2xf32>, tensor<ui8>)
  return
}

// -----

func.func @rnn_states(%x: tensor<?x?x3xf32>, %h0: tensor<1x?x2xf32>, %c0: tensor<1x?x2xf32>, %wi: tensor<8x3xf32>, %wh: tensor<8x2xf32>, %bi: tensor<8xf32>, %bh: tensor<8xf32>) {
  // expected-error@+1 {{has 2 initial states; GRU takes 1}}
  %r:4 = pd.rnn %x, %h0, %c0, %wi, %wh, %bi, %bh {hidden_size = 2 : i32, mode = "GRU", operandSegmentSizes = array<i32: 1, 2, 4, 0>, pd.names = ["r0", "r1", "r2", "r3"], resultSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<?x?x3xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<?x?x2xf32>, tensor<ui8>, tensor<1x?x2xf32>, tensor<ui8>)
  return
}

// -----

func.func @rnn_weight_shape(%x: tensor<?x?x3xf32>, %h0: tensor<1x?x2xf32>, %wi: tensor<8x3xf32>, %wh: tensor<8x2xf32>, %bi: tensor<8xf32>, %bh: tensor<8xf32>) {
  // expected-error@+1 {{weight_ih of layer 0 is 'tensor<8x3xf32>'; it must be [6, 3]}}
  %r:4 = pd.rnn %x, %h0, %wi, %wh, %bi, %bh {hidden_size = 2 : i32, mode = "GRU", operandSegmentSizes = array<i32: 1, 1, 4, 0>, pd.names = ["r0", "r1", "r2", "r3"], resultSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<?x?x3xf32>, tensor<1x?x2xf32>, tensor<8x3xf32>, tensor<8x2xf32>, tensor<8xf32>, tensor<8xf32>) -> (tensor<?x?x2xf32>, tensor<ui8>, tensor<1x?x2xf32>, tensor<ui8>)
  return
}

// -----

// A batch-major input (rank 2) is not what rnn reads.
func.func @rnn_rank(%x: tensor<?x3xf32>, %h0: tensor<1x?x2xf32>, %wi: tensor<2x3xf32>, %wh: tensor<2x2xf32>, %bi: tensor<2xf32>, %bh: tensor<2xf32>) {
  // expected-error@+1 {{takes a time-major input [T, N, input_size], not 'tensor<?x3xf32>'}}
  %r:4 = pd.rnn %x, %h0, %wi, %wh, %bi, %bh {hidden_size = 2 : i32, mode = "RNN_TANH", operandSegmentSizes = array<i32: 1, 1, 4, 0>, pd.names = ["r0", "r1", "r2", "r3"], resultSegmentSizes = array<i32: 1, 1, 1, 1>} : (tensor<?x3xf32>, tensor<1x?x2xf32>, tensor<2x3xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?x?x2xf32>, tensor<ui8>, tensor<1x?x2xf32>, tensor<ui8>)
  return
}

// -----

func.func @argmax_dtype(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{dtype 5 is not int32 (2) or int64 (3)}}
  %r = pd.arg_max %x {axis = 1 : i64, dtype = 5 : i32} : (tensor<2x3xf32>) -> tensor<2xi64>
  return
}

// -----

func.func @argmax_axis(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{axis 2 is out of range for 'tensor<2x3xf32>'}}
  %r = pd.arg_max %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2xi64>
  return
}

// -----

func.func @cumsum_axis(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{axis -3 is out of range for 'tensor<2x3xf32>'}}
  %r = pd.cumsum %x {axis = -3 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @gather_index(%x: tensor<4x3xf32>, %i: tensor<2x2xi64>) {
  // expected-error@+1 {{takes a 1-D Index, not 'tensor<2x2xi64>'}}
  %r = pd.gather %x, %i {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<4x3xf32>, tensor<2x2xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @expand_dim(%x: tensor<3x4xf32>) {
  // expected-error@+1 {{cannot expand 'tensor<3x4xf32>' to a dim of 5}}
  %r = pd.expand_v2 %x {shape = array<i32: 2, 5, 4>, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<3x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

func.func @expand_new_minus_one(%x: tensor<3x4xf32>) {
  // expected-error@+1 {{shape has -1 for a dim X does not have}}
  %r = pd.expand_v2 %x {shape = array<i32: -1, 3, 4>, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<3x4xf32>) -> tensor<?x3x4xf32>
  return
}

// -----

func.func @tile_zero(%x: tensor<3x4xf32>) {
  // expected-error@+1 {{repeat_times holds 0; each must be at least 1}}
  %r = pd.tile %x {repeat_times = array<i32: 0, 2>, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<3x4xf32>) -> tensor<3x8xf32>
  return
}

// -----

func.func @pixel_shuffle_channels(%x: tensor<1x6x2x2xf32>) {
  // expected-error@+1 {{has 6 channels, not a multiple of 4}}
  %r = pd.pixel_shuffle %x {upscale_factor = 2 : i32} : (tensor<1x6x2x2xf32>) -> tensor<1x1x4x4xf32>
  return
}

// -----

func.func @flatten2_axis(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{axis 3 is out of range for 'tensor<2x3xf32>'}}
  %r:2 = pd.flatten2 %x {axis = 3 : i32} : (tensor<2x3xf32>) -> (tensor<6x1xf32>, tensor<0x2x3xf32>)
  return
}

// -----

func.func @meshgrid_rank(%a: tensor<2x2xf32>, %b: tensor<3xf32>) {
  // expected-error@+1 {{takes 1-D tensors, not 'tensor<2x2xf32>'}}
  %r:2 = pd.meshgrid %a, %b : (tensor<2x2xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return
}

// -----

func.func @fill_batch_index(%x: tensor<?x5xf32>) {
  // expected-error@+1 {{input_dim_idx 2 or output_dim_idx 0 is out of range}}
  %r = pd.fill_constant_batch_size_like %x {shape = array<i32: -1, 3>, input_dim_idx = 2 : i32, output_dim_idx = 0 : i32} : (tensor<?x5xf32>) -> tensor<?x3xf32>
  return
}

// -----

func.func @reduce_out_dtype(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{out_dtype 99 is not a tensor type}}
  %r = pd.reduce_sum %x {dim = array<i32: 1>, out_dtype = 99 : i32} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @yolo_channels(%x: tensor<1x10x4x4xf32>, %s: tensor<1x2xi32>) {
  // expected-error@+1 {{has 10 channels; 2 anchors of 2 classes take 14}}
  %r:2 = pd.yolo_box %x, %s {anchors = array<i32: 10, 13, 16, 30>, class_num = 2 : i32} : (tensor<1x10x4x4xf32>, tensor<1x2xi32>) -> (tensor<1x32x4xf32>, tensor<1x32x2xf32>)
  return
}

// -----

func.func @yolo_iou_aware(%x: tensor<1x14x4x4xf32>, %s: tensor<1x2xi32>) {
  // expected-error@+1 {{has 14 channels; 2 anchors of 2 classes take 16 with iou_aware}}
  %r:2 = pd.yolo_box %x, %s {anchors = array<i32: 10, 13, 16, 30>, class_num = 2 : i32, iou_aware = true} : (tensor<1x14x4x4xf32>, tensor<1x2xi32>) -> (tensor<1x32x4xf32>, tensor<1x32x2xf32>)
  return
}

// -----

func.func @nms_shapes(%b: tensor<2x5x4xf32>, %s: tensor<2x3x6xf32>) {
  // expected-error@+1 {{has BBoxes 'tensor<2x5x4xf32>' and Scores 'tensor<2x3x6xf32>' of different images or boxes}}
  %r:3 = pd.multiclass_nms3 %b, %s {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<2x5x4xf32>, tensor<2x3x6xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<2xi32>)
  return
}

// -----

func.func @prior_box_variances(%x: tensor<1x8x4x4xf32>, %i: tensor<1x3x32x32xf32>) {
  // expected-error@+1 {{needs 4 variances}}
  %r:2 = pd.prior_box %x, %i {min_sizes = array<f32: 20.0>, variances = array<f32: 0.1, 0.2>} : (tensor<1x8x4x4xf32>, tensor<1x3x32x32xf32>) -> (tensor<4x4x1x4xf32>, tensor<4x4x1x4xf32>)
  return
}

// -----

func.func @pad3d_rank(%x: tensor<1x2x4x5xf32>) {
  // expected-error@+1 {{pads 5-D tensors, not 'tensor<1x2x4x5xf32>'}}
  %y = pd.pad3d %x {paddings = array<i32: 1, 1, 0, 0, 0, 0>} : (tensor<1x2x4x5xf32>) -> tensor<1x2x4x7xf32>
  return
}

// -----

func.func @pad3d_paddings(%x: tensor<1x2x1x4x5xf32>) {
  // expected-error@+1 {{takes 6 paddings, none negative}}
  %y = pd.pad3d %x {paddings = array<i32: 1, -1, 0, 0, 0, 0>} : (tensor<1x2x1x4x5xf32>) -> tensor<1x2x1x4x5xf32>
  return
}

// -----

func.func @index_select_dim(%x: tensor<2x6xf32>, %i: tensor<3xi64>) {
  // expected-error@+1 {{dim out of range for 'tensor<2x6xf32>'}}
  %y = pd.index_select %x, %i {dim = 2 : i32} : (tensor<2x6xf32>, tensor<3xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @p_norm_axis(%x: tensor<2x6xf32>) {
  // expected-error@+1 {{axis out of range for 'tensor<2x6xf32>'}}
  %y = pd.p_norm %x {axis = -3 : i32} : (tensor<2x6xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @masked_select_shapes(%x: tensor<2x5xf32>, %m: tensor<2x4xi1>) {
  // expected-error@+1 {{takes X and Mask of one shape, not 'tensor<2x5xf32>' and 'tensor<2x4xi1>'}}
  %y = pd.masked_select %x, %m : (tensor<2x5xf32>, tensor<2x4xi1>) -> tensor<?xf32>
  return
}

// -----

func.func @top_k_k(%x: tensor<2x5xf32>) {
  // expected-error@+1 {{k 6 is not in [1, 5] for 'tensor<2x5xf32>'}}
  %v, %i = pd.top_k_v2 %x {k = 6 : i32} : (tensor<2x5xf32>) -> (tensor<2x6xf32>, tensor<2x6xi64>)
  return
}

// -----

func.func @argsort_axis(%x: tensor<2x5xf32>) {
  // expected-error@+1 {{axis 2 is out of range for 'tensor<2x5xf32>'}}
  %v, %i = pd.argsort %x {axis = 2 : i32} : (tensor<2x5xf32>) -> (tensor<2x5xf32>, tensor<2x5xi64>)
  return
}

// -----

func.func @assign_value_dtype() {
  // expected-error@+1 {{dtype 42 is not a tensor type}}
  %c = pd.assign_value {shape = array<i32: 1>, dtype = 42 : i32} : () -> tensor<1xf32>
  return
}

// -----

func.func @box_coder_counts(%p: tensor<6x4xf32>, %t: tensor<2x5x4xf32>) {
  // expected-error@+1 {{has PriorBox 'tensor<6x4xf32>' and TargetBox 'tensor<2x5x4xf32>' of different box counts}}
  %y = pd.box_coder %p, %t {code_type = "decode_center_size"} : (tensor<6x4xf32>, tensor<2x5x4xf32>) -> tensor<2x5x4xf32>
  return
}

// -----

func.func @box_coder_code(%p: tensor<6x4xf32>, %t: tensor<2x4xf32>) {
  // expected-error@+1 {{code_type 'center' is not encode_center_size or decode_center_size}}
  %y = pd.box_coder %p, %t {code_type = "center"} : (tensor<6x4xf32>, tensor<2x4xf32>) -> tensor<2x6x4xf32>
  return
}

// -----

func.func @grid_sample_grid(%x: tensor<1x2x4x4xf32>, %g: tensor<1x3x3x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.grid_sampler' op takes X [N, C, H, W] and Grid [N, OH, OW, 2] (or 5-D with 3), not 'tensor<1x2x4x4xf32>' and 'tensor<1x3x3x3xf32>'}}
  %y = pd.grid_sampler %x, %g : (tensor<1x2x4x4xf32>, tensor<1x3x3x3xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @dot_shapes(%x: tensor<3x4xf32>, %y: tensor<3x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.dot' op takes two tensors of one shape, not 'tensor<3x4xf32>' and 'tensor<3x5xf32>'}}
  %z = pd.dot %x, %y : (tensor<3x4xf32>, tensor<3x5xf32>) -> tensor<*xf32>
  return %z : tensor<*xf32>
}

// -----

func.func @dot_rank(%x: tensor<2x3x4xf32>, %y: tensor<2x3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.dot' op takes two tensors of rank 1 or 2 and one shape, not 'tensor<2x3x4xf32>' and 'tensor<2x3x4xf32>'}}
  %z = pd.dot %x, %y : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<*xf32>
  return %z : tensor<*xf32>
}

// -----

func.func @index_sample_rows(%x: tensor<3x6xf32>, %i: tensor<2x4xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.index_sample' op X 'tensor<3x6xf32>' and Index 'tensor<2x4xi64>' differ in rows}}
  %y = pd.index_sample %x, %i : (tensor<3x6xf32>, tensor<2x4xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @take_along_rank(%x: tensor<3x6xf32>, %i: tensor<3xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.take_along_axis' op takes an integer Index of Input's rank and an Axis in it, not 'tensor<3x6xf32>', 'tensor<3xi64>' and Axis 1}}
  %y = pd.take_along_axis %x, %i {Axis = 1 : i32} : (tensor<3x6xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @gather_nd_depth(%x: tensor<3x6xf32>, %i: tensor<2x3xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.gather_nd' op takes an integer Index whose last dim is static and at most X's rank, not 'tensor<2x3xi64>' for 'tensor<3x6xf32>'}}
  %y = pd.gather_nd %x, %i : (tensor<3x6xf32>, tensor<2x3xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @unbind_count(%x: tensor<3x6xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  // expected-error @+1 {{'pd.unbind' op has 2 results for the 3 slices of 'tensor<3x6xf32>'}}
  %a, %b = pd.unbind %x {axis = 0 : i32} : (tensor<3x6xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return %a, %b : tensor<*xf32>, tensor<*xf32>
}

// -----

func.func @eye_rows() -> tensor<*xf32> {
  // expected-error @+1 {{'pd.eye' op num_rows -2 is negative}}
  %y = pd.eye {num_rows = -2 : i64, num_columns = 5 : i64, dtype = 5 : i32} : () -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @one_hot_floats(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.one_hot_v2' op takes integers, not 'tensor<3xf32>'}}
  %y = pd.one_hot_v2 %x {depth = 4 : i32, dtype = 5 : i32} : (tensor<3xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @unfold_window(%x: tensor<1x2x3x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.unfold' op window 5 is larger than the padded input 3}}
  %y = pd.unfold %x {kernel_sizes = array<i32: 5, 1>, strides = array<i32: 1, 1>, paddings = array<i32: 0, 0, 0, 0>, dilations = array<i32: 1, 1>} : (tensor<1x2x3x3xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @unfold_attrs(%x: tensor<1x2x3x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.unfold' op takes a 4-D X, two positive kernel sizes, strides and dilations and four paddings, not 'tensor<1x2x3x3xf32>'}}
  %y = pd.unfold %x {kernel_sizes = array<i32: 2, 2>, strides = array<i32: 0, 1>, paddings = array<i32: 0, 0, 0, 0>, dilations = array<i32: 1, 1>} : (tensor<1x2x3x3xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @repeat_dim(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.repeat_interleave' op dim 2 is out of range for 'tensor<3x4xf32>'}}
  %y = pd.repeat_interleave %x {Repeats = 2 : i32, dim = 2 : i32} : (tensor<3x4xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

func.func @expand_v1_zero(%x: tensor<3x4xf32>) {
  // expected-error@+1 {{expand_times holds 0; each must be at least 1}}
  %r = pd.expand %x {expand_times = array<i32: 0, 2>, operandSegmentSizes = array<i32: 1, 0, 0>} : (tensor<3x4xf32>) -> tensor<3x8xf32>
  return
}

// -----

func.func @top_k_v1_too_many(%x: tensor<3x4xf32>) {
  // expected-error@+1 {{k 5 is not in [1, 4] for 'tensor<3x4xf32>'}}
  %v, %i = pd.top_k %x {k = 5 : i32} : (tensor<3x4xf32>) -> (tensor<3x5xf32>, tensor<3x5xi64>)
  return
}

// -----

func.func @affine_channel_layout(%x: tensor<2x4x5xf32>, %s: tensor<4xf32>) {
  // expected-error@+1 {{data_layout 'NCWH' is not NCHW, NHWC or AnyLayout}}
  %y = pd.affine_channel %x, %s, %s {data_layout = "NCWH"} : (tensor<2x4x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x5xf32>
  return
}

// -----

func.func @affine_channel_scale(%x: tensor<2x4x5xf32>, %s: tensor<5xf32>, %b: tensor<4xf32>) {
  // expected-error@+1 {{Scale 'tensor<5xf32>' is not one value per channel of 'tensor<2x4x5xf32>'}}
  %y = pd.affine_channel %x, %s, %b {data_layout = "NCHW"} : (tensor<2x4x5xf32>, tensor<5xf32>, tensor<4xf32>) -> tensor<2x4x5xf32>
  return
}

// -----

func.func @data_norm_rank(%x: tensor<2x4x5xf32>, %s: tensor<4xf32>) {
  // expected-error@+1 {{takes a 2-D X, as Paddle's kernel does; X is 'tensor<2x4x5xf32>'}}
  %y = pd.data_norm %x, %s, %s, %s {operandSegmentSizes = array<i32: 0, 0, 1, 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x4x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x5xf32>
  return
}

// -----

func.func @data_norm_statistic(%x: tensor<2x4xf32>, %s: tensor<4xf32>, %w: tensor<5xf32>) {
  // expected-error@+1 {{takes one statistic per column of 'tensor<2x4xf32>', not 'tensor<5xf32>'}}
  %y = pd.data_norm %w, %s, %x, %s, %s, %s {enable_scale_and_shift = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1>, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<5xf32>, tensor<4xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @affine_channel_rank(%x: tensor<4xf32>, %s: tensor<4xf32>) {
  // expected-error@+1 {{needs a channel dim; X is 'tensor<4xf32>'}}
  %y = pd.affine_channel %x, %s, %s {data_layout = "NCHW"} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @norm_axis(%x: tensor<2x4xf32>) {
  // expected-error@+1 {{axis out of range for 'tensor<2x4xf32>'}}
  %o, %n = pd.norm %x {axis = 2 : i32, epsilon = 1.0e-10 : f32} : (tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @partial_start(%a: tensor<?x6xf32>) {
  // expected-error@+1 {{start_index 6 is outside 6 columns}}
  %s = pd.partial_sum %a, %a {start_index = 6 : i32, length = 1 : i32} : (tensor<?x6xf32>, tensor<?x6xf32>) -> tensor<?x1xf32>
  return
}

// -----

func.func @partial_window(%a: tensor<?x6xf32>) {
  // expected-error@+1 {{columns [4, 7) are not inside 6}}
  %s = pd.partial_concat %a, %a {start_index = -2 : i32, length = 3 : i32} : (tensor<?x6xf32>, tensor<?x6xf32>) -> tensor<?x6xf32>
  return
}

// -----

func.func @partial_shapes(%a: tensor<?x6xf32>, %b: tensor<?x5xf32>) {
  // expected-error@+1 {{takes tensors of one shape; dim 1 of 'tensor<?x5xf32>' differs}}
  %s = pd.partial_sum %a, %b {start_index = 0 : i32, length = 2 : i32} : (tensor<?x6xf32>, tensor<?x5xf32>) -> tensor<?x2xf32>
  return
}

// -----

func.func @partial_rank(%a: tensor<2x3x4xf32>) {
  // expected-error@+1 {{takes [N, D] tensors of one type, not 'tensor<2x3x4xf32>'}}
  %s = pd.partial_sum %a {start_index = 0 : i32, length = 2 : i32} : (tensor<2x3x4xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @pad_count(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{takes 2 paddings per dim of 'tensor<2x3xf32>' (before, after), none negative}}
  %y = pd.pad %x {paddings = array<i32: 1, 1>, pad_value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @pad_negative(%x: tensor<2x3xf32>) {
  // expected-error@+1 {{takes 2 paddings per dim of 'tensor<2x3xf32>' (before, after), none negative}}
  %y = pd.pad %x {paddings = array<i32: 0, 0, -1, 0>, pad_value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @set_value_bounds(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{has 1 axes and 2 ends}}
  %y = pd.set_value %x {axes = array<i64: 1>, starts = array<i64: 0>, ends = array<i64: 2, 3>, steps = array<i64: 1>, shape = array<i64: 1>, values = [{r = 1.0 : f64, type = 3 : i32}], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["y"]} : (tensor<2x6xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @set_value_axis(%x: tensor<2x6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{axes 2 out of range for 'tensor<2x6xf32>'}}
  %y = pd.set_value %x {axes = array<i64: 2>, starts = array<i64: 0>, ends = array<i64: 2>, steps = array<i64: 1>, shape = array<i64: 1>, values = [{r = 1.0 : f64, type = 3 : i32}], operandSegmentSizes = array<i32: 1, 0, 0, 0, 0>, pd.names = ["y"]} : (tensor<2x6xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @scatter_ids(%x: tensor<4x6xf32> {pd.name = "x"}, %ids: tensor<2x2xi64> {pd.name = "ids"}, %u: tensor<2x6xf32> {pd.name = "u"}) {
  // expected-error@+1 {{takes integer Ids of shape [], [n] or [n, 1], not 'tensor<2x2xi64>'}}
  %y = pd.scatter %x, %ids, %u {overwrite = true, pd.names = ["y"]} : (tensor<4x6xf32>, tensor<2x2xi64>, tensor<2x6xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @scatter_rows(%x: tensor<4x6xf32> {pd.name = "x"}, %ids: tensor<2xi64> {pd.name = "ids"}, %u: tensor<2x5xf32> {pd.name = "u"}) {
  // expected-error@+1 {{writes rows of 'tensor<4x6xf32>' from 'tensor<2x5xf32>'}}
  %y = pd.scatter %x, %ids, %u {overwrite = true, pd.names = ["y"]} : (tensor<4x6xf32>, tensor<2xi64>, tensor<2x5xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @scatter_nd_index(%x: tensor<4x6xf32> {pd.name = "x"}, %i: tensor<3x3xi64> {pd.name = "i"}, %u: tensor<3xf32> {pd.name = "u"}) {
  // expected-error@+1 {{takes an integer Index whose static last dim is at most X's rank, not 'tensor<3x3xi64>' for 'tensor<4x6xf32>'}}
  %y = pd.scatter_nd_add %x, %i, %u {pd.names = ["y"]} : (tensor<4x6xf32>, tensor<3x3xi64>, tensor<3xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @scatter_nd_updates(%x: tensor<4x6xf32> {pd.name = "x"}, %i: tensor<3x1xi64> {pd.name = "i"}, %u: tensor<3xf32> {pd.name = "u"}) {
  // expected-error@+1 {{adds 'tensor<3xf32>' at 'tensor<3x1xi64>' into 'tensor<4x6xf32>'}}
  %y = pd.scatter_nd_add %x, %i, %u {pd.names = ["y"]} : (tensor<4x6xf32>, tensor<3x1xi64>, tensor<3xf32>) -> tensor<4x6xf32>
  return
}

// -----

func.func @pool_with_index_ksize(%x: tensor<1x3x8x8xf32> {pd.name = "x"}) {
  // expected-error@+1 {{ksize must have 2 values}}
  %y, %m = pd.max_pool2d_with_index %x {ksize = array<i32: 2>, strides = array<i32: 2, 2>, paddings = array<i32: 0, 0>, pd.names = ["y", "m"]} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi32>)
  return
}

// -----

func.func @conv3d_rank(%x: tensor<1x4x5x5xf32> {pd.name = "x"}, %w: tensor<2x4x1x1x1xf32>) {
  // expected-error@+1 {{expects 5-D input and filter, got 'tensor<1x4x5x5xf32>' and 'tensor<2x4x1x1x1xf32>'}}
  %y = pd.conv3d %x, %w {strides = array<i32: 1, 1, 1>, paddings = array<i32: 0, 0, 0>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1, 1>, groups = 1 : i32, data_format = "NCDHW", pd.names = ["y"]} : (tensor<1x4x5x5xf32>, tensor<2x4x1x1x1xf32>) -> tensor<1x2x5x5xf32>
  return
}

// -----

func.func @conv3d_window(%x: tensor<1x4x2x5x5xf32> {pd.name = "x"}, %w: tensor<2x4x3x1x1xf32>) {
  // expected-error@+1 {{the filter is larger than the padded input 'tensor<1x4x2x5x5xf32>'}}
  %y = pd.conv3d %x, %w {strides = array<i32: 1, 1, 1>, paddings = array<i32: 0, 0, 0>, padding_algorithm = "EXPLICIT", dilations = array<i32: 1, 1, 1>, groups = 1 : i32, data_format = "NCDHW", pd.names = ["y"]} : (tensor<1x4x2x5x5xf32>, tensor<2x4x3x1x1xf32>) -> tensor<1x2x?x5x5xf32>
  return
}

// -----

func.func @pool3d_rank(%x: tensor<1x3x8x8xf32> {pd.name = "x"}) {
  // expected-error@+1 {{expects a 5-D input, got 'tensor<1x3x8x8xf32>'}}
  %y = pd.pool3d %x {pooling_type = "max", ksize = array<i32: 2, 2, 2>, strides = array<i32: 2, 2, 2>, paddings = array<i32: 0, 0, 0>, pd.names = ["y"]} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @pool3d_with_index_ksize(%x: tensor<1x3x4x8x8xf32> {pd.name = "x"}) {
  // expected-error@+1 {{ksize must have 3 values}}
  %y, %m = pd.max_pool3d_with_index %x {ksize = array<i32: 2, 2>, strides = array<i32: 2, 2, 2>, paddings = array<i32: 0, 0, 0>, pd.names = ["y", "m"]} : (tensor<1x3x4x8x8xf32>) -> (tensor<1x3x2x4x4xf32>, tensor<1x3x2x4x4xi32>)
  return
}

// -----

func.func @einsum_rank(%x: tensor<3x4xf32> {pd.name = "x"}) {
  // expected-error@+1 {{equation 'bij->bi' term 0 'bij' has 3 labels for an operand of rank 2}}
  %o = pd.einsum %x {equation = "bij->bi", operandSegmentSizes = array<i32: 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]} : (tensor<3x4xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @einsum_sizes(%x: tensor<3x4xf32> {pd.name = "x"}, %y: tensor<5x2xf32> {pd.name = "y"}) {
  // expected-error@+1 {{equation 'ij,jk->ik' gives one label sizes 4 and 5}}
  %o = pd.einsum %x, %y {equation = "ij,jk->ik", operandSegmentSizes = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]} : (tensor<3x4xf32>, tensor<5x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @einsum_output_label(%x: tensor<3x4xf32> {pd.name = "x"}) {
  // expected-error@+1 {{equation 'ij->k' the output names a label no operand has}}
  %o = pd.einsum %x {equation = "ij->k", operandSegmentSizes = array<i32: 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]} : (tensor<3x4xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @einsum_terms(%x: tensor<3x4xf32> {pd.name = "x"}) {
  // expected-error@+1 {{equation 'ij,jk->ik' has 2 terms for 1 operands}}
  %o = pd.einsum %x {equation = "ij,jk->ik", operandSegmentSizes = array<i32: 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @einsum_label(%x: tensor<3x4xf32> {pd.name = "x"}) {
  // expected-error@+1 {{equation 'i1->i' '1' is not a label (letters and '...')}}
  %o = pd.einsum %x {equation = "i1->i", operandSegmentSizes = array<i32: 1>, resultSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["o"]} : (tensor<3x4xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @roi_align_boxes(%x: tensor<1x3x8x8xf32> {pd.name = "x"}, %r: tensor<?x5xf32> {pd.name = "r"}, %n: tensor<1xi32> {pd.name = "n"}) {
  // expected-error@+1 {{expects X [N, C, H, W] and ROIs [R, 4], got 'tensor<1x3x8x8xf32>' and 'tensor<?x5xf32>'}}
  %o = pd.roi_align %x, %r, %n {pooled_height = 2 : i32, pooled_width = 2 : i32, spatial_scale = 1.0 : f32, sampling_ratio = -1 : i32, aligned = false, pd.names = ["o"]}
      : (tensor<1x3x8x8xf32>, tensor<?x5xf32>, tensor<1xi32>) -> tensor<?x3x2x2xf32>
  return
}

// -----

func.func @roi_align_bins(%x: tensor<1x3x8x8xf32> {pd.name = "x"}, %r: tensor<?x4xf32> {pd.name = "r"}, %n: tensor<1xi32> {pd.name = "n"}) {
  // expected-error@+1 {{pools to 0 x 2 bins}}
  %o = pd.roi_align %x, %r, %n {pooled_height = 0 : i32, pooled_width = 2 : i32, spatial_scale = 1.0 : f32, sampling_ratio = -1 : i32, aligned = false, pd.names = ["o"]}
      : (tensor<1x3x8x8xf32>, tensor<?x4xf32>, tensor<1xi32>) -> tensor<?x3x0x2xf32>
  return
}

// -----

func.func @cross_entropy_rank(%x: tensor<2x6xf32> {pd.name = "x"}, %l: tensor<2xi64> {pd.name = "l"}) {
  // expected-error@+1 {{expects Logits and Label of one rank, got 'tensor<2x6xf32>' and 'tensor<2xi64>'}}
  %s, %o = pd.softmax_with_cross_entropy %x, %l {axis = -1 : i32, pd.names = ["s", "o"]}
      : (tensor<2x6xf32>, tensor<2xi64>) -> (tensor<2x6xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @cross_entropy_hard_label(%x: tensor<2x6xf32> {pd.name = "x"}, %l: tensor<2x6xi64> {pd.name = "l"}) {
  // expected-error@+1 {{Label 'tensor<2x6xi64>' does not fit Logits 'tensor<2x6xf32>' (hard labels: size 1 at axis)}}
  %s, %o = pd.softmax_with_cross_entropy %x, %l {axis = -1 : i32, pd.names = ["s", "o"]}
      : (tensor<2x6xf32>, tensor<2x6xi64>) -> (tensor<2x6xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @cross_entropy_soft_label(%x: tensor<2x6xf32> {pd.name = "x"}, %l: tensor<2x5xf32> {pd.name = "l"}) {
  // expected-error@+1 {{Label 'tensor<2x5xf32>' does not fit Logits 'tensor<2x6xf32>' (soft labels: the same shape)}}
  %s, %o = pd.softmax_with_cross_entropy %x, %l {axis = -1 : i32, soft_label = true, pd.names = ["s", "o"]}
      : (tensor<2x6xf32>, tensor<2x5xf32>) -> (tensor<2x6xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @cross_entropy_axis(%x: tensor<2x6xf32> {pd.name = "x"}, %l: tensor<2x1xi64> {pd.name = "l"}) {
  // expected-error@+1 {{axis 2 is out of range for 'tensor<2x6xf32>'}}
  %s, %o = pd.softmax_with_cross_entropy %x, %l {axis = 2 : i32, pd.names = ["s", "o"]}
      : (tensor<2x6xf32>, tensor<2x1xi64>) -> (tensor<2x6xf32>, tensor<2x1xf32>)
  return
}

// -----

func.func @unique_dtype(%x: tensor<6xf32> {pd.name = "x"}) {
  // expected-error@+1 {{dtype 5 is not int32 (2) or int64 (3)}}
  %o = pd.unique %x {dtype = 5 : i32, resultSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["o"]}
      : (tensor<6xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @unique_axis(%x: tensor<2x3xf32> {pd.name = "x"}) {
  // expected-error@+1 {{axis must be one dim of 'tensor<2x3xf32>'}}
  %o = pd.unique %x {axis = array<i32: 2>, resultSegmentSizes = array<i32: 1, 0, 0, 0>, pd.names = ["o"]}
      : (tensor<2x3xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @affine_grid_theta(%t: tensor<2x2x4xf32> {pd.name = "t"}) {
  // expected-error@+1 {{takes Theta [N, 2, 3] or [N, 3, 4], not 'tensor<2x2x4xf32>'}}
  %g = pd.affine_grid %t {output_shape = array<i32: 2, 3, 5, 7>, pd.names = ["g"]} : (tensor<2x2x4xf32>) -> tensor<2x5x7x2xf32>
  return
}

// -----

func.func @affine_grid_shape(%t: tensor<2x2x3xf32> {pd.name = "t"}) {
  // expected-error@+1 {{output_shape has 3 values; Theta 'tensor<2x2x3xf32>' takes 4}}
  %g = pd.affine_grid %t {output_shape = array<i32: 2, 5, 7>, pd.names = ["g"]} : (tensor<2x2x3xf32>) -> tensor<2x5x7x2xf32>
  return
}

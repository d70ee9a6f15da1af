// RUN: pd-opt %s -allow-unregistered-dialect --pd-infer-shapes="input-spec=x:1x3x8x8:float32" | FileCheck %s
// An input spec flows through every typed op; the signature and the
// variable table follow.

// CHECK-LABEL: func.func @cnn(%arg0: tensor<1x3x8x8xf32> {pd.name = "x"}) -> tensor<1x5xf32>
// CHECK-SAME: #pd.var<"x" : tensor<1x3x8x8xf32>>
// CHECK-SAME: #pd.var<"f" : tensor<1x5xf32>>
// CHECK: pd.feed {{.*}} -> tensor<1x3x8x8xf32>
// CHECK: pd.conv2d {{.*}} -> tensor<1x4x4x4xf32>
// CHECK: pd.batch_norm {{.*}} -> (tensor<1x4x4x4xf32>
// CHECK: pd.pool2d {{.*}} -> tensor<1x4x2x2xf32>
// CHECK: pd.transpose2 {{.*}} -> (tensor<1x2x2x4xf32>, tensor<0x1x4x2x2xf32>)
// CHECK: pd.reshape2 {{.*}} -> (tensor<1x16xf32>, tensor<0x1x2x2x4xf32>)
// CHECK: pd.matmul_v2 {{.*}} -> tensor<1x5xf32>
// CHECK: pd.elementwise_add {{.*}} -> tensor<1x5xf32>
// CHECK: pd.softmax {{.*}} -> tensor<1x5xf32>
// CHECK: pd.fetch {{.*}} -> tensor<1x5xf32>
func.func @cnn(%arg0: tensor<?x3x8x8xf32> {pd.name = "x"}) -> tensor<?x5xf32>
    attributes {pd.vars = [#pd.var<"x" : tensor<?x3x8x8xf32>>, #pd.var<"f" : tensor<?x5xf32>>]} {
  %w = "test.w"() : () -> tensor<4x3x3x3xf32>
  %s = "test.s"() : () -> tensor<4xf32>
  %fc = "test.fc"() : () -> tensor<16x5xf32>
  %b = "test.b"() : () -> tensor<5xf32>
  %x = pd.feed %arg0 {col = 0 : i32, pd.names = ["x"]} : (tensor<?x3x8x8xf32>) -> tensor<?x3x8x8xf32>
  %c = pd.conv2d %x, %w {strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, dilations = array<i32: 1, 1>,
      groups = 1 : i32, data_format = "NCHW", operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c"]}
      : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x4x4xf32>
  %bn:5 = pd.batch_norm %c, %s, %s, %s, %s {pd.names = ["bn", "m", "v", "sm", "sv"]}
      : (tensor<?x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
      -> (tensor<?x4x4x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  %p = pd.pool2d %bn#0 {pooling_type = "max", ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>,
      paddings = array<i32: 0, 0>, pd.names = ["p"]} : (tensor<?x4x4x4xf32>) -> tensor<?x4x2x2xf32>
  %t:2 = pd.transpose2 %p {axis = array<i32: 0, 2, 3, 1>, pd.names = ["t", "tx"]}
      : (tensor<?x4x2x2xf32>) -> (tensor<?x2x2x4xf32>, tensor<0x?x4x2x2xf32>)
  %r:2 = pd.reshape2 %t#0 {shape = array<i32: 0, -1>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["r", "rx"]}
      : (tensor<?x2x2x4xf32>) -> (tensor<?x16xf32>, tensor<0x?x2x2x4xf32>)
  %m = pd.matmul_v2 %r#0, %fc {pd.names = ["mm"]} : (tensor<?x16xf32>, tensor<16x5xf32>) -> tensor<?x5xf32>
  %a = pd.elementwise_add %m, %b {axis = -1 : i32, pd.names = ["a"]} : (tensor<?x5xf32>, tensor<5xf32>) -> tensor<?x5xf32>
  %y = pd.softmax %a {axis = -1 : i32, pd.names = ["f"]} : (tensor<?x5xf32>) -> tensor<?x5xf32>
  %out = pd.fetch %y {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?x5xf32>) -> tensor<?x5xf32>
  return %out : tensor<?x5xf32>
}


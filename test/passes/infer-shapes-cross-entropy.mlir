// RUN: pd-opt %s --pd-infer-shapes | FileCheck %s

// softmax_with_cross_entropy: Softmax has Logits' shape, Loss size 1 at
// `axis`; the Label's static dims fill in the Logits' dynamic ones (hard
// labels but at the axis, soft labels everywhere).
// CHECK-LABEL: @cross_entropy
// CHECK: pd.softmax_with_cross_entropy {{.*}} -> (tensor<4x6xf32>, tensor<4x1xf32>)
// CHECK: pd.softmax_with_cross_entropy {{.*}} -> (tensor<2x4x5xf32>, tensor<2x1x5xf32>)
// CHECK: pd.softmax_with_cross_entropy {{.*}} -> (tensor<4x6xf32>, tensor<4x1xf32>)
func.func @cross_entropy(%x: tensor<?x6xf32> {pd.name = "x"}, %l: tensor<4x1xi64> {pd.name = "l"},
                         %y: tensor<2x4x?xf32> {pd.name = "y"}, %m: tensor<2x1x5xi32> {pd.name = "m"},
                         %q: tensor<4x?xf32> {pd.name = "q"}) {
  %s, %o = pd.softmax_with_cross_entropy %x, %l {pd.names = ["s", "o"]}
      : (tensor<?x6xf32>, tensor<4x1xi64>) -> (tensor<?x?xf32>, tensor<?x?xf32>)
  %s2, %o2 = pd.softmax_with_cross_entropy %y, %m {axis = 1 : i32, pd.names = ["s2", "o2"]}
      : (tensor<2x4x?xf32>, tensor<2x1x5xi32>) -> (tensor<?x?x?xf32>, tensor<?x?x?xf32>)
  %s3, %o3 = pd.softmax_with_cross_entropy %x, %q {soft_label = true, pd.names = ["s3", "o3"]}
      : (tensor<?x6xf32>, tensor<4x?xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>)
  return
}

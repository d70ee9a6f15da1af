// RUN: pd-opt %s --pd-drop-dropout | FileCheck %s

// upscale_in_train: the identity. downgrade_in_infer (the default): a
// scale by the keep probability, named as the dropout's output. A dropout
// whose mask is used stays.
// CHECK-LABEL: func.func @dropouts
// CHECK:      %[[D:.*]] = pd.scale %arg0 {bias = 0.000000e+00 : f32, bias_after_scale = true, {{.*}}pd.names = ["d1"], scale = 0.699999988 : f32}
// CHECK:      %[[K:.*]]:2 = pd.dropout %[[D]]
// CHECK:      return %arg0, %[[D]], %[[K]]#0, %[[K]]#1
func.func @dropouts(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xui8>) {
  %a, %am = pd.dropout %x {dropout_implementation = "upscale_in_train", dropout_prob = 0.5 : f32, is_test = true, pd.names = ["d0", "m0"]}
      : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xui8>)
  %b, %bm = pd.dropout %x {dropout_prob = 0.3 : f32, is_test = true, pd.names = ["d1", "m1"]}
      : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xui8>)
  %c, %cm = pd.dropout %b {dropout_prob = 0.3 : f32, is_test = true}
      : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xui8>)
  return %a, %b, %c, %cm : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xui8>
}

// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// fluid's ops that Paddle2ONNX maps and that have a modern twin, lowered as
// their twins are: brelu as a clip to [t_min, t_max] (defaults 0 and 24),
// share_data as the value itself.
// CHECK-LABEL: func.func @brelu_share_data
// CHECK:       %[[B:.*]] = linalg.generic
// CHECK:         %[[LO:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         %[[A:.*]] = arith.maximumf %in, %[[LO]] : f32
// CHECK:         %[[HI:.*]] = arith.constant 3.500000e+00 : f32
// CHECK:         arith.minimumf %[[A]], %[[HI]] : f32
// CHECK:       %[[D:.*]] = linalg.generic
// CHECK:         arith.constant 0.000000e+00 : f32
// CHECK:         arith.constant 2.400000e+01 : f32
// CHECK:       return %[[B]], %[[D]], %arg0
func.func @brelu_share_data(%x: tensor<?x8xf32> {pd.name = "x"}) -> (tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>) {
  %b = pd.brelu %x {t_min = 1.0 : f32, t_max = 3.5 : f32, pd.names = ["b"]} : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %d = pd.brelu %x {pd.names = ["d"]} : (tensor<?x8xf32>) -> tensor<?x8xf32>
  %s = pd.share_data %x {pd.names = ["s"]} : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %b, %d, %s : tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>
}

// -----

// mean: every element's sum over their count, 0-D.
// CHECK-LABEL: func.func @mean
// CHECK:       linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]
// CHECK:         arith.addf
// CHECK:       linalg.generic
// CHECK:         arith.divf
// CHECK:       return %{{.*}} : tensor<f32>
func.func @mean(%x: tensor<?x8xf32> {pd.name = "x"}) -> tensor<f32> {
  %m = pd.mean %x {pd.names = ["m"]} : (tensor<?x8xf32>) -> tensor<f32>
  return %m : tensor<f32>
}

// -----

// top_k (v1): the k largest along the last dim, as top_k_v2's defaults.
// CHECK-LABEL: func.func @top_k
// CHECK-NOT:   pd.top_k
// CHECK:       return %{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<?x3xi64>
func.func @top_k(%x: tensor<?x8xf32> {pd.name = "x"}) -> (tensor<?x3xf32>, tensor<?x3xi64>) {
  %v, %i = pd.top_k %x {k = 3 : i32, pd.names = ["v", "i"]} : (tensor<?x8xf32>) -> (tensor<?x3xf32>, tensor<?x3xi64>)
  return %v, %i : tensor<?x3xf32>, tensor<?x3xi64>
}

// -----

// expand (v1): tile's twin, X repeated expand_times times along each dim
// (each output element reads X at its index modulo X's dim).
// CHECK-LABEL: func.func @expand_v1
// CHECK:       linalg.generic
// CHECK:         arith.remui
// CHECK:         tensor.extract %arg0
// CHECK:       return %{{.*}} : tensor<?x16xf32>
func.func @expand_v1(%x: tensor<?x8xf32> {pd.name = "x"}) -> tensor<?x16xf32> {
  %t = pd.expand %x {expand_times = array<i32: 1, 2>, operandSegmentSizes = array<i32: 1, 0, 0>, pd.names = ["t"]} : (tensor<?x8xf32>) -> tensor<?x16xf32>
  return %t : tensor<?x16xf32>
}

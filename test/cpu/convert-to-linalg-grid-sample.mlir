// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// grid_sampler, bilinear with border padding, corners not aligned: per
// output element the grid point's x is (g + 1) * (W / 2) - 0.5, clipped
// to [0, W - 1] (the same for y), then the four neighbours weighted in
// Paddle's order, each read clamped into X and 0 outside it.
// CHECK-LABEL: func.func @grid_sample
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x6x5xf32>)
// CHECK:        %[[GX:.*]] = tensor.extract %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %c0{{.*}}]
// CHECK:        %[[HALF_W:.*]] = arith.mulf %{{.*}}, %cst
// CHECK:        %[[SHIFTED:.*]] = arith.addf %[[GX]], %cst
// CHECK:        %[[SCALED:.*]] = arith.mulf %[[SHIFTED]], %[[HALF_W]]
// CHECK:        %[[X:.*]] = arith.subf %[[SCALED]], %cst
// CHECK:        %[[LOW:.*]] = arith.maximumf %[[X]], %cst
// CHECK:        arith.minimumf %[[LOW]]
// CHECK:        math.floor
// CHECK-COUNT-4: arith.select
// CHECK:        %[[SUM:.*]] = arith.addf
// CHECK-NEXT:   linalg.yield %[[SUM]]
func.func @grid_sample(%x: tensor<?x4x?x?xf32>, %g: tensor<?x6x5x2xf32>) -> tensor<?x4x6x5xf32> {
  %y = pd.grid_sampler %x, %g {mode = "bilinear", padding_mode = "border", align_corners = false} : (tensor<?x4x?x?xf32>, tensor<?x6x5x2xf32>) -> tensor<?x4x6x5xf32>
  return %y : tensor<?x4x6x5xf32>
}

// -----

// nearest: the point rounded half away from zero, then read (0 outside).
// CHECK-LABEL: func.func @grid_sample_nearest
// CHECK:        math.round
// CHECK:        math.round
// CHECK:        arith.fptosi
// CHECK:        %[[V:.*]] = tensor.extract %arg0
// CHECK:        %[[OUT:.*]] = arith.select %{{.*}}, %[[V]], %cst
// CHECK:        linalg.yield %[[OUT]]
func.func @grid_sample_nearest(%x: tensor<1x2x4x4xf32>, %g: tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32> {
  %y = pd.grid_sampler %x, %g {mode = "nearest", padding_mode = "zeros", align_corners = true} : (tensor<1x2x4x4xf32>, tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// A volume (5-D X, grid points of x, y, z): trilinear, the eight corners
// read in Paddle's order (x fastest, then y, then z), each value times its
// x, y and z weights in that order, the terms summed one by one; z
// addresses dim 2, y dim 3, x dim 4.
// CHECK-LABEL: func.func @grid_sample_volume
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x3x2x2xf32>)
// CHECK:        %[[GX:.*]] = tensor.extract %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %c0{{.*}}]
// CHECK:        %[[GY:.*]] = tensor.extract %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %c1{{.*}}]
// CHECK:        %[[GZ:.*]] = tensor.extract %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %c2{{.*}}]
// CHECK-COUNT-3: math.floor
// CHECK:        %[[V0:.*]] = tensor.extract %arg0[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : tensor<1x2x5x6x7xf32>
// CHECK:        %[[R0:.*]] = arith.select %{{.*}}, %[[V0]], %cst
// CHECK:        %[[T0X:.*]] = arith.mulf %[[R0]], %[[EX:.*]] : f32
// CHECK:        %[[T0Y:.*]] = arith.mulf %[[T0X]], %[[EY:.*]] : f32
// CHECK:        %[[T0:.*]] = arith.mulf %[[T0Y]], %[[EZ:.*]] : f32
// CHECK:        %[[V1:.*]] = tensor.extract %arg0
// CHECK:        %[[R1:.*]] = arith.select %{{.*}}, %[[V1]], %cst
// CHECK:        %[[T1X:.*]] = arith.mulf %[[R1]], %[[WX:.*]] : f32
// CHECK:        %[[T1Y:.*]] = arith.mulf %[[T1X]], %[[EY]] : f32
// CHECK:        %[[T1:.*]] = arith.mulf %[[T1Y]], %[[EZ]] : f32
// CHECK:        %[[S1:.*]] = arith.addf %[[T0]], %[[T1]] : f32
// CHECK-COUNT-6: arith.addf %{{.*}}, %{{.*}} : f32
// CHECK-NEXT:   linalg.yield
func.func @grid_sample_volume(%x: tensor<1x2x5x6x7xf32>, %g: tensor<1x3x2x2x3xf32>) -> tensor<1x2x3x2x2xf32> {
  %y = pd.grid_sampler %x, %g {mode = "bilinear", padding_mode = "zeros", align_corners = true} : (tensor<1x2x5x6x7xf32>, tensor<1x3x2x2x3xf32>) -> tensor<1x2x3x2x2xf32>
  return %y : tensor<1x2x3x2x2xf32>
}

// -----

// affine_grid from a shape tensor, corners not aligned: per output point
// (n, h, w, k) the coordinates start + i * slice (start -(n - 1) / n, slice
// 2 / n) of w then h, then x * theta[k][0] + y * theta[k][1] + theta[k][2]
// summed in that order; H and W read from the tensor at run time.
// CHECK-LABEL: func.func @affine_grid
// CHECK:      tensor.extract %arg1[%c2]
// CHECK:      %[[H:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:      tensor.extract %arg1[%c3]
// CHECK:      %[[W:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:      tensor.empty(%{{.*}}, %[[H]], %[[W]]) : tensor<?x?x?x2xf32>
// CHECK:      linalg.generic
// CHECK:        %[[K:.*]] = linalg.index 3
// CHECK:        %[[SLICE:.*]] = arith.divf %cst{{.*}}, %{{.*}} : f32
// CHECK:        %[[SHRINK:.*]] = arith.divf
// CHECK:        %[[START:.*]] = arith.mulf %cst{{.*}}, %[[SHRINK]]
// CHECK:        %[[I:.*]] = arith.mulf %{{.*}}, %[[SLICE]]
// CHECK:        %[[X:.*]] = arith.addf %[[START]], %[[I]]
// CHECK:        %[[T0:.*]] = tensor.extract %arg0[%{{.*}}, %[[K]], %c0{{.*}}]
// CHECK:        %[[XT:.*]] = arith.mulf %[[X]], %[[T0]]
// CHECK:        arith.addf %cst{{.*}}, %[[XT]]
// CHECK:        %[[T2:.*]] = tensor.extract %arg0[%{{.*}}, %[[K]], %c2{{.*}}]
// CHECK:        %[[SUM:.*]] = arith.addf %{{.*}}, %[[T2]]
// CHECK:        linalg.yield %[[SUM]]
func.func @affine_grid(%theta: tensor<?x2x3xf32>, %shape: tensor<4xi32>) -> tensor<?x?x?x2xf32> {
  %g = pd.affine_grid %theta, %shape {align_corners = false} : (tensor<?x2x3xf32>, tensor<4xi32>) -> tensor<?x?x?x2xf32>
  return %g : tensor<?x?x?x2xf32>
}

// RUN: pd-opt %s --pd-convert-to-linalg --split-input-file | FileCheck %s

// multiclass_nms3: the microkernel writes into buffers for N times the
// most one image may keep (keep_top_k 10 here, below 3 classes x M boxes);
// the results are the first K rows, K the sum of the counts it wrote.
// CHECK-LABEL: func.func @nms
// CHECK:      %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK:      %[[M:.*]] = tensor.dim %arg0, %c1
// CHECK:      %[[EVERY:.*]] = arith.muli %c3, %[[M]]
// CHECK:      %[[MOST:.*]] = arith.minui %[[EVERY]], %c10
// CHECK:      %[[ROWS:.*]] = arith.muli %[[N]], %[[MOST]]
// CHECK:      %[[R:.*]] = tensor.empty(%[[ROWS]]) : tensor<?x6xf32>
// CHECK:      %[[I:.*]] = tensor.empty(%[[ROWS]]) : tensor<?x1xi32>
// CHECK:      %[[C:.*]] = tensor.empty(%[[N]]) : tensor<?xi32>
// CHECK:      %[[NMS:.*]]:3 = pdcpu.multiclass_nms %arg0, %arg1 into %[[R]], %[[I]], %[[C]] {background_label = -1 : i64, keep_top_k = 10 : i64, nms_eta = 1.000000e+00 : f32, nms_threshold = 5.000000e-01 : f32, nms_top_k = 20 : i64, normalized = false, score_threshold = 3.000000e-01 : f32}
// CHECK:      %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[NMS]]#2 : tensor<?xi32>)
// CHECK:      %[[K32:.*]] = tensor.extract %[[SUM]][]
// CHECK:      %[[K:.*]] = arith.index_cast %[[K32]] : i32 to index
// CHECK:      %[[OUT:.*]] = tensor.extract_slice %[[NMS]]#0[0, 0] [%[[K]], 6] [1, 1]
// CHECK:      %[[IDX:.*]] = tensor.extract_slice %[[NMS]]#1[0, 0] [%[[K]], 1] [1, 1]
// CHECK:      return %[[OUT]], %[[IDX]], %[[NMS]]#2
func.func @nms(%b: tensor<?x?x4xf32>, %s: tensor<?x3x?xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>) {
  %o, %i, %n = pd.multiclass_nms3 %b, %s {score_threshold = 0.3 : f32, nms_top_k = 20 : i32, keep_top_k = 10 : i32, nms_threshold = 0.5 : f32, normalized = false, nms_eta = 1.0 : f32, background_label = -1 : i32, operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<?x?x4xf32>, tensor<?x3x?xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>)
  return %o, %i, %n : tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>
}


// -----

// matrix_nms: the same buffers and first K rows through pdcpu.matrix_nms,
// which carries the decay's attributes (Paddle's defaults where the op
// leaves them out: linear decay, sigma 2); RoisNum may be left out.
// CHECK-LABEL: func.func @matrix_nms
// CHECK:      %[[NMS:.*]]:3 = pdcpu.matrix_nms %arg0, %arg1 into %{{.*}}, %{{.*}}, %{{.*}} {background_label = 0 : i64, gaussian_sigma = 2.000000e+00 : f32, keep_top_k = -1 : i64, nms_top_k = 8 : i64, normalized = true, post_threshold = 1.000000e-01 : f32, score_threshold = 3.000000e-01 : f32, use_gaussian = false}
// CHECK:      %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[NMS]]#2 : tensor<?xi32>)
// CHECK:      %[[OUT:.*]] = tensor.extract_slice %[[NMS]]#0[0, 0] [%{{.*}}, 6] [1, 1]
// CHECK:      %[[IDX:.*]] = tensor.extract_slice %[[NMS]]#1[0, 0] [%{{.*}}, 1] [1, 1]
// CHECK:      return %[[OUT]], %[[IDX]]
func.func @matrix_nms(%b: tensor<?x5x4xf32>, %s: tensor<?x2x5xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %o, %i = pd.matrix_nms %b, %s {score_threshold = 0.3 : f32, post_threshold = 0.1 : f32, nms_top_k = 8 : i32, keep_top_k = -1 : i32, resultSegmentSizes = array<i32: 1, 1, 0>} : (tensor<?x5x4xf32>, tensor<?x2x5xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %o, %i : tensor<?x6xf32>, tensor<?x1xi32>
}
// -----

// yolo_box: one loop nest per output, each decoding its grid cell; a cell
// whose objectness is below conf_thresh gives zeros.
// CHECK-LABEL: func.func @yolo
// CHECK:      %[[ANCHORS:.*]] = arith.constant dense<[10, 13, 16, 30]> : tensor<4xi32>
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x?x4xf32>)
// CHECK:        %[[E:.*]] = math.exp
// CHECK:        %[[WIDE:.*]] = arith.extf %[[E]] : f32 to f64
// CHECK:        arith.divf {{.*}} : f64
// CHECK:        arith.truncf {{.*}} : f64 to f32
// CHECK:        tensor.extract %[[ANCHORS]]
// CHECK:        %[[KEPT:.*]] = arith.cmpf oge
// CHECK:        arith.select %[[KEPT]]
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x?x2xf32>)
func.func @yolo(%x: tensor<?x14x?x?xf32>, %size: tensor<?x2xi32>) -> (tensor<?x?x4xf32>, tensor<?x?x2xf32>) {
  %b, %s = pd.yolo_box %x, %size {anchors = array<i32: 10, 13, 16, 30>, class_num = 2 : i32, conf_thresh = 0.1 : f32, downsample_ratio = 8 : i32, clip_bbox = true, scale_x_y = 1.0 : f32} : (tensor<?x14x?x?xf32>, tensor<?x2xi32>) -> (tensor<?x?x4xf32>, tensor<?x?x2xf32>)
  return %b, %s : tensor<?x?x4xf32>, tensor<?x?x2xf32>
}

// -----

// yolo_box with iou_aware: the anchors' entries start after one IoU
// channel per anchor (anchor * 7 + 2), and the confidence is
// conf^(1 - 0.4) * iou^0.4 with the anchor's IoU channel read first.
// CHECK-LABEL: func.func @yolo_iou_aware
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x?x4xf32>)
// CHECK:        %[[A:.*]] = arith.divui
// CHECK:        %[[BASE:.*]] = arith.muli %[[A]], %c7
// CHECK:        arith.addi %[[BASE]], %c2
// CHECK:        tensor.extract %arg0[%{{.*}}, %[[A]], %{{.*}}, %{{.*}}]
// CHECK:        %[[C:.*]] = math.powf %{{.*}}, %cst{{.*}} : f32
// CHECK:        %[[I:.*]] = math.powf %{{.*}}, %cst{{.*}} : f32
// CHECK:        %[[CONF:.*]] = arith.mulf %[[C]], %[[I]]
// CHECK:        arith.cmpf oge, %[[CONF]]
func.func @yolo_iou_aware(%x: tensor<?x16x?x?xf32>, %size: tensor<?x2xi32>) -> (tensor<?x?x4xf32>, tensor<?x?x2xf32>) {
  %b, %s = pd.yolo_box %x, %size {anchors = array<i32: 10, 13, 16, 30>, class_num = 2 : i32, conf_thresh = 0.1 : f32, downsample_ratio = 8 : i32, iou_aware = true, iou_aware_factor = 0.4 : f32} : (tensor<?x16x?x?xf32>, tensor<?x2xi32>) -> (tensor<?x?x4xf32>, tensor<?x?x2xf32>)
  return %b, %s : tensor<?x?x4xf32>, tensor<?x?x2xf32>
}

// -----

// box_coder, decode: per element, the prior of its box (dim 1 with axis
// 0), sizes +1 for pixel boxes, the centre moved by var * t * size, the
// size scaled by exp(var * t); the element's coordinate picked by its
// index in the last dim.
// CHECK-LABEL: func.func @box_decode
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x6x4xf32>)
// CHECK:        %[[P:.*]] = linalg.index 1 : index
// CHECK:        %[[K:.*]] = linalg.index 2 : index
// CHECK:        tensor.extract %arg0[%[[P]], %c0
// CHECK:        tensor.extract %arg1[%[[P]], %c0
// CHECK:        math.exp
// CHECK:        arith.cmpi eq, %[[K]]
// CHECK:        arith.select
func.func @box_decode(%p: tensor<6x4xf32>, %v: tensor<6x4xf32>, %t: tensor<?x6x4xf32>) -> tensor<?x6x4xf32> {
  %y = pd.box_coder %p, %v, %t {code_type = "decode_center_size", box_normalized = false} : (tensor<6x4xf32>, tensor<6x4xf32>, tensor<?x6x4xf32>) -> tensor<?x6x4xf32>
  return %y : tensor<?x6x4xf32>
}

// -----

// roi_align: first each ROI's image (a loop over RoisNum's prefix sums),
// then per output element the box scaled (less 0.5: aligned), a sampling
// grid of ceil(size / bins) per dim, two loops over the samples, four
// reads of X per sample, and the sum times the reciprocal in double.
// CHECK-LABEL: func.func @roi_align
// CHECK:      %[[IMAGE:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?xi64>)
// CHECK:        scf.for {{.*}} iter_args
// CHECK:          tensor.extract %arg2
// CHECK:          arith.cmpi sle
// CHECK:        arith.minsi
// CHECK:      linalg.generic {{.*}} outs(%{{.*}} : tensor<?x3x3x2xf32>)
// CHECK:        tensor.extract %[[IMAGE]]
// CHECK:        arith.mulf %{{.*}}, %cst
// CHECK:        arith.subf %{{.*}}, %cst
// CHECK:        math.ceil
// CHECK:        scf.for {{.*}} iter_args
// CHECK:          scf.for {{.*}} iter_args
// CHECK-COUNT-4:    tensor.extract %arg0
// CHECK:        arith.divf %{{.*}} : f64
// CHECK:        arith.truncf
func.func @roi_align(%x: tensor<?x3x16x20xf32>, %r: tensor<?x4xf32>, %n: tensor<?xi32>) -> tensor<?x3x3x2xf32> {
  %o = pd.roi_align %x, %r, %n {pooled_height = 3 : i32, pooled_width = 2 : i32, spatial_scale = 0.5 : f32, sampling_ratio = -1 : i32, aligned = true}
      : (tensor<?x3x16x20xf32>, tensor<?x4xf32>, tensor<?xi32>) -> tensor<?x3x3x2xf32>
  return %o : tensor<?x3x3x2xf32>
}

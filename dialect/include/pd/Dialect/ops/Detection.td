//===- Detection.td - detection heads ----------------------*- tablegen -*-===//
//
// yolo_box decodes a YOLO head's grid into boxes and scores; multiclass_nms3
// keeps, per image and class, the boxes that no higher-scoring box of the
// class overlaps much: how many is known only after the run.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_DETECTION_TD
#define PD_OPS_DETECTION_TD

include "pd/Dialect/PdBase.td"

// X [N, A*(5+class_num), H, W] (A anchors), ImgSize [N, 2] (height,
// width): Boxes [N, A*H*W, 4] (x1, y1, x2, y2 in the image's pixels) and
// Scores [N, A*H*W, class_num], zeros where the objectness is below
// conf_thresh.
def Pd_YoloBoxOp : Pd_PaddleOp<"yolo_box", (ins Pd_Tensor:$X, Pd_Tensor:$ImgSize),
    (ins Pd_INTS:$anchors, Pd_INT:$class_num, Pd_FLOAT:$conf_thresh,
         Pd_INT:$downsample_ratio, Pd_BOOLEAN:$clip_bbox, Pd_FLOAT:$scale_x_y,
         Pd_BOOLEAN:$iou_aware, Pd_FLOAT:$iou_aware_factor),
    (outs Pd_Tensor:$Boxes, Pd_Tensor:$Scores)> {
  let pirName = "pd_op.yolo_box";
  let pirOperands = ["X", "ImgSize"];
  let shapeRule = [{ return yoloBox(*this, resultTypes); }];
  let summary = "boxes and class scores of a YOLO head";
}

// SSD's anchors for a feature map Input [N, C, H, W] of an Image [N, C,
// IH, IW]: Boxes [H, W, P, 4] (x1, y1, x2, y2 as fractions of the image)
// and Variances (the attribute, per box), P priors per cell from the min
// and max sizes and the aspect ratios (1 first, each once, flipped too with
// `flip`).
def Pd_PriorBoxOp : Pd_PaddleOp<"prior_box", (ins Pd_Tensor:$Input, Pd_Tensor:$Image),
    (ins Pd_FLOATS:$min_sizes, Pd_FLOATS:$max_sizes, Pd_FLOATS:$aspect_ratios,
         Pd_FLOATS:$variances, Pd_BOOLEAN:$flip, Pd_BOOLEAN:$clip,
         Pd_FLOAT:$step_w, Pd_FLOAT:$step_h, Pd_FLOAT:$offset,
         Pd_BOOLEAN:$min_max_aspect_ratios_order),
    (outs Pd_Tensor:$Boxes, Pd_Tensor:$Variances_)> {
  let pirName = "pd_op.prior_box";
  let pirOperands = ["Input", "Image"];
  let shapeRule = [{ return priorBox(*this, resultTypes); }];
  let summary = "SSD prior boxes of a feature map";
}

// Boxes against priors (center-size form, SSD's): decode_center_size
// turns offsets TargetBox [N, M, 4] into boxes (priors along dim 1 with
// axis 0, dim 0 with axis 1); encode_center_size turns boxes TargetBox
// [N, 4] into offsets [N, M, 4] to each prior. Variances from PriorBoxVar
// (per prior), else the attribute, else 1.
def Pd_BoxCoderOp : Pd_PaddleOp<"box_coder",
    (ins Pd_Tensor:$PriorBox, Optional<Pd_Tensor>:$PriorBoxVar, Pd_Tensor:$TargetBox),
    (ins Pd_STRING:$code_type, Pd_BOOLEAN:$box_normalized, Pd_INT:$axis,
         Pd_FLOATS:$variance),
    (outs Pd_Tensor:$OutputBox)> {
  let pirName = "pd_op.box_coder";
  let pirOperands = ["PriorBox", "PriorBoxVar", "TargetBox"];
  let shapeRule = [{ return boxCoder(*this, resultTypes); }];
  let summary = "boxes from offsets to priors (decode), or offsets from boxes (encode)";
}

// Two-stage detectors' region features: X [N, C, H, W], ROIs [R, 4] (x1,
// y1, x2, y2 in image pixels), RoisNum [N] (each image's boxes; without it
// Paddle reads the boxes' LoD): Out [R, C, pooled_height, pooled_width],
// each bin the mean of bilinear samples.
def Pd_RoiAlignOp : Pd_PaddleOp<"roi_align",
    (ins Pd_Tensor:$X, Pd_Tensor:$ROIs, Optional<Pd_Tensor>:$RoisNum),
    (ins Pd_INT:$pooled_height, Pd_INT:$pooled_width, Pd_FLOAT:$spatial_scale,
         Pd_INT:$sampling_ratio, Pd_BOOLEAN:$aligned),
    (outs Pd_Tensor:$Out)> {
  let pirName = "pd_op.roi_align";
  let pirOperands = ["X", "ROIs", "RoisNum"];
  let shapeRule = [{ return roiAlign(*this, resultTypes); }];
  let summary = "bilinear region-of-interest pooling";
}

// BBoxes [N, M, 4], Scores [N, C, M]: Out [K, 6] (label, score, x1, y1,
// x2, y2) image by image, each image's by class, Index [K, 1] (n * M + box)
// and NmsRoisNum [N] (each image's count).
def Pd_MulticlassNms3Op : Pd_PaddleOp<"multiclass_nms3",
    (ins Pd_Tensor:$BBoxes, Pd_Tensor:$Scores, Optional<Pd_Tensor>:$RoisNum),
    (ins Pd_FLOAT:$score_threshold, Pd_INT:$nms_top_k, Pd_INT:$keep_top_k,
         Pd_FLOAT:$nms_threshold, Pd_BOOLEAN:$normalized, Pd_FLOAT:$nms_eta,
         Pd_INT:$background_label),
    (outs Pd_Tensor:$Out, Pd_Tensor:$Index, Pd_Tensor:$NmsRoisNum),
    [Pd_DataDependentShape]> {
  let pirName = "pd_op.multiclass_nms3";
  let pirOperands = ["BBoxes", "Scores", "RoisNum"];
  let shapeRule = [{ return multiclassNms(*this, resultTypes); }];
  let summary = "per-class non-maximum suppression; a data-dependent count";
}

// Matrix NMS (SOLO's, PP-YOLO's): per image and class, the boxes above
// score_threshold (the nms_top_k best) keep a score decayed by their
// overlap with every better box (linear, or Gaussian with gaussian_sigma),
// if it stays above post_threshold; each image's boxes by decayed score,
// the keep_top_k best. Out [K, 6] (label, score, x1, y1, x2, y2), Index
// [K, 1] (n * M + box), RoisNum [N].
def Pd_MatrixNmsOp : Pd_PaddleOp<"matrix_nms",
    (ins Pd_Tensor:$BBoxes, Pd_Tensor:$Scores),
    (ins Pd_FLOAT:$score_threshold, Pd_INT:$nms_top_k, Pd_INT:$keep_top_k,
         Pd_FLOAT:$post_threshold, Pd_BOOLEAN:$use_gaussian,
         Pd_FLOAT:$gaussian_sigma, Pd_INT:$background_label,
         Pd_BOOLEAN:$normalized),
    (outs Pd_Tensor:$Out, Pd_Tensor:$Index, Optional<Pd_Tensor>:$RoisNum),
    [Pd_DataDependentShape]> {
  let pirName = "pd_op.matrix_nms";
  let pirOperands = ["BBoxes", "Scores"];
  let shapeRule = [{ return multiclassNms(*this, resultTypes); }];
  let summary = "matrix non-maximum suppression (decayed scores); a data-dependent count";
}

#endif // PD_OPS_DETECTION_TD

//===- LowerDetection.cpp - detection heads' ops -> linalg ----------------===//
//
// yolo_box and prior_box are one loop nest per output (boxes, scores) that decodes its
// grid cell, in the order of Paddle's CPU kernel (its sigmoid divides in
// double). multiclass_nms3 runs the NMS microkernel into buffers sized for
// the most boxes it may keep; its results are the first K rows, K the sum
// of the per-image counts it wrote: a size known only after the run.
// roi_align is one loop nest per output element over its bin's samples.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Codegen/Cpu/PdCpuOps.h"
#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// Paddle's yolo sigmoid: 1.0 / (1.0 + exp(-x)) with a float exp and a
/// double division, rounded to float.
Value yoloSigmoid(OpBuilder &b, Location loc, Value x) {
  Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
  Type f64 = b.getF64Type();
  Value one = constantOf(b, loc, f64, 1);
  Value d = b.create<arith::DivFOp>(
      loc, one, b.create<arith::AddFOp>(loc, one, b.create<arith::ExtFOp>(loc, f64, e)));
  return b.create<arith::TruncFOp>(loc, x.getType(), d);
}

/// The pieces of one yolo_box cell that both outputs read.
struct YoloCell {
  Value n, anchor, gy, gx; // indices
  Value channelBase;       // anchor * (5 + classes), after any IoU channels
  Value conf;              // the confidence: sigmoid of the objectness
};

struct LowerYoloBox : OpConversionPattern<YoloBoxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(YoloBoxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), imgSize = adaptor.getImgSize();
    auto xType = cast<RankedTensorType>(x.getType());
    Type f32 = rewriter.getF32Type();
    if (xType.getElementType() != f32 ||
        !getElementTypeOrSelf(imgSize.getType()).isInteger(32))
      return op->emitOpError("is lowered for f32 X and int32 ImgSize only");
    SmallVector<int64_t> anchors = intsAttr(op, "anchors");
    int64_t classes = intAttr(op, "class_num", 0);
    int64_t ratio = intAttr(op, "downsample_ratio", 32);
    float thresh = float(floatAttr(op, "conf_thresh", 0.01));
    float scale = float(floatAttr(op, "scale_x_y", 1.0));
    float bias = float(-0.5 * (double(scale) - 1.));
    bool clip = boolAttr(op, "clip_bbox", true);
    bool iouAware = boolAttr(op, "iou_aware", false);
    float iouFactor = float(floatAttr(op, "iou_aware_factor", 0.5));
    int64_t numAnchors = anchors.size() / 2, stride = 5 + classes;

    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    Value h = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[2]);
    Value w = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[3]);
    Value cells = rewriter.create<arith::MulIOp>(loc, h, w);
    Value boxCount = rewriter.create<arith::MulIOp>(
        loc, cells, rewriter.create<arith::ConstantIndexOp>(loc, numAnchors));
    SmallVector<int32_t> anchorValues(anchors.begin(), anchors.end());
    Value anchorTable = rewriter.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(
                 RankedTensorType::get({int64_t(anchors.size())}, rewriter.getI32Type()),
                 ArrayRef(anchorValues)));

    auto c = [&](OpBuilder &b, Location l, float v) { return constantOf(b, l, f32, v); };
    // The cell of output position (n, box).
    auto cellOf = [&](OpBuilder &b, Location l, Value n, Value box) {
      YoloCell cell;
      cell.n = n;
      cell.anchor = b.create<arith::DivUIOp>(l, box, cells);
      Value hw = b.create<arith::RemUIOp>(l, box, cells);
      cell.gy = b.create<arith::DivUIOp>(l, hw, w);
      cell.gx = b.create<arith::RemUIOp>(l, hw, w);
      cell.channelBase = b.create<arith::AddIOp>(
          l, b.create<arith::MulIOp>(l, cell.anchor, b.create<arith::ConstantIndexOp>(l, stride)),
          b.create<arith::ConstantIndexOp>(l, iouAware ? numAnchors : 0));
      cell.conf = yoloSigmoid(b, l, entry(b, l, x, cell, 4));
      if (iouAware) {
        // conf^(1 - factor) * iou^factor, in float as Paddle's kernel: the
        // anchor's IoU channel comes first.
        Value iou = yoloSigmoid(
            b, l, b.create<tensor::ExtractOp>(l, x, ValueRange{n, cell.anchor, cell.gy, cell.gx}));
        Value confPart = b.create<math::PowFOp>(l, cell.conf, c(b, l, float(1. - iouFactor)));
        Value iouPart = b.create<math::PowFOp>(l, iou, c(b, l, iouFactor));
        cell.conf = b.create<arith::MulFOp>(l, confPart, iouPart);
      }
      return cell;
    };
    auto toFloat = [&](OpBuilder &b, Location l, Value v) { return indexToFloat(b, l, v, f32); };
    auto imageDim = [&](OpBuilder &b, Location l, Value n, int64_t which) {
      return b.create<tensor::ExtractOp>(
          l, imgSize, ValueRange{n, b.create<arith::ConstantIndexOp>(l, which)});
    };

    SmallVector<OpFoldResult> boxDims{xDims[0], getAsOpFoldResult(boxCount),
                                      rewriter.getIndexAttr(4)};
    Value boxes = generateElements(rewriter, loc, boxDims, f32, [&](OpBuilder &b, Location l,
                                                               ValueRange at) -> Value {
      YoloCell cell = cellOf(b, l, at[0], at[1]);
      Value imgH = toFloat(b, l, imageDim(b, l, at[0], 0));
      Value imgW = toFloat(b, l, imageDim(b, l, at[0], 1));
      // Center: (g + sigmoid(t) * scale + bias) * image / grid.
      auto center = [&](int64_t e, Value g, Value image, Value grid) {
        Value s = b.create<arith::MulFOp>(l, yoloSigmoid(b, l, entry(b, l, x, cell, e)),
                                          c(b, l, scale));
        Value v = b.create<arith::AddFOp>(
            l, b.create<arith::AddFOp>(l, toFloat(b, l, g), s), c(b, l, bias));
        return b.create<arith::DivFOp>(l, b.create<arith::MulFOp>(l, v, image),
                                       toFloat(b, l, grid));
      };
      // Size: exp(t) * anchor * image / (ratio * grid).
      auto size = [&](int64_t e, int64_t which, Value image, Value grid) {
        Value a = b.create<tensor::ExtractOp>(
            l, anchorTable,
            ValueRange{b.create<arith::AddIOp>(
                l, b.create<arith::MulIOp>(l, cell.anchor,
                                           b.create<arith::ConstantIndexOp>(l, 2)),
                b.create<arith::ConstantIndexOp>(l, which))});
        Value v = b.create<arith::MulFOp>(
            l, b.create<math::ExpOp>(l, entry(b, l, x, cell, e)), toFloat(b, l, a));
        Value input = b.create<arith::MulIOp>(
            l, grid, b.create<arith::ConstantIndexOp>(l, ratio));
        return b.create<arith::DivFOp>(l, b.create<arith::MulFOp>(l, v, image),
                                       toFloat(b, l, input));
      };
      // Component k of (cx - w/2, cy - h/2, cx + w/2, cy + h/2): x for even
      // k, y for odd, the upper corner for k >= 2.
      Value k = at[2];
      Value isY = b.create<arith::CmpIOp>(
          l, arith::CmpIPredicate::eq,
          b.create<arith::RemUIOp>(l, k, b.create<arith::ConstantIndexOp>(l, 2)),
          b.create<arith::ConstantIndexOp>(l, 1));
      Value upper = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::uge, k,
                                            b.create<arith::ConstantIndexOp>(l, 2));
      Value mid = b.create<arith::SelectOp>(l, isY, center(1, cell.gy, imgH, h),
                                            center(0, cell.gx, imgW, w));
      Value extent = b.create<arith::SelectOp>(l, isY, size(3, 1, imgH, h),
                                               size(2, 0, imgW, w));
      Value half = b.create<arith::DivFOp>(l, extent, c(b, l, 2));
      Value v = b.create<arith::SelectOp>(l, upper, b.create<arith::AddFOp>(l, mid, half),
                                          b.create<arith::SubFOp>(l, mid, half));
      if (clip) {
        Value limit = b.create<arith::SubFOp>(
            l, b.create<arith::SelectOp>(l, isY, imgH, imgW), c(b, l, 1));
        Value low = b.create<arith::SelectOp>(
            l, b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, v, c(b, l, 0)), v,
            c(b, l, 0));
        Value high = b.create<arith::SelectOp>(
            l, b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OLT, v, limit), v, limit);
        v = b.create<arith::SelectOp>(l, upper, high, low);
      }
      Value kept = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGE, cell.conf,
                                           c(b, l, thresh));
      return b.create<arith::SelectOp>(l, kept, v, c(b, l, 0));
    });

    SmallVector<OpFoldResult> scoreDims{xDims[0], getAsOpFoldResult(boxCount),
                                        rewriter.getIndexAttr(classes)};
    Value scores = generateElements(rewriter, loc, scoreDims, f32, [&](OpBuilder &b, Location l,
                                                                  ValueRange at) -> Value {
      YoloCell cell = cellOf(b, l, at[0], at[1]);
      Value channel = b.create<arith::AddIOp>(
          l, at[2], b.create<arith::ConstantIndexOp>(l, 5));
      Value label = yoloSigmoid(b, l, entryAt(b, l, x, cell, channel));
      Value kept = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGE, cell.conf,
                                           c(b, l, thresh));
      return b.create<arith::SelectOp>(l, kept, b.create<arith::MulFOp>(l, cell.conf, label),
                                       c(b, l, 0));
    });
    replaceWithResults(rewriter, op, {boxes, scores});
    return success();
  }

  /// X[n, anchor * (5 + classes) + e, gy, gx].
  static Value entry(OpBuilder &b, Location l, Value x, const YoloCell &cell, int64_t e) {
    return entryAt(b, l, x, cell, b.create<arith::ConstantIndexOp>(l, e));
  }
  static Value entryAt(OpBuilder &b, Location l, Value x, const YoloCell &cell,
                       Value e) {
    Value channel = b.create<arith::AddIOp>(l, cell.channelBase, e);
    return b.create<tensor::ExtractOp>(l, x, ValueRange{cell.n, channel, cell.gy, cell.gx});
  }
};

/// prior_box: per cell (h, w) and prior p, the box (center -/+ half size)
/// over the image's size, clipped to [0, 1] with `clip`. The half sizes
/// are constants, computed as Paddle's kernel computes them (a float
/// product, halved in double).
struct LowerPriorBox : OpConversionPattern<PriorBoxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PriorBoxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type f32 = rewriter.getF32Type();
    if (getElementTypeOrSelf(adaptor.getInput().getType()) != f32)
      return op->emitOpError("is lowered for f32 only");
    auto floats = [&](StringRef name) {
      SmallVector<float> v;
      for (double d : floatsAttr(op, name))
        v.push_back(float(d));
      return v;
    };
    SmallVector<float> minSizes = floats("min_sizes"), maxSizes = floats("max_sizes");
    SmallVector<float> ratios =
        shape::priorAspectRatios(floats("aspect_ratios"), boolAttr(op, "flip", false));
    SmallVector<float> variances = floats("variances");
    if (minSizes.empty() || variances.size() != 4 ||
        (!maxSizes.empty() && maxSizes.size() != minSizes.size()))
      return op->emitOpError("needs min_sizes (as many max_sizes or none) and 4 variances");
    SmallVector<float> halfW, halfH;
    auto square = [&](float side) { halfW.push_back(side); halfH.push_back(side); };
    auto ratio = [&](float size, float r) {
      halfW.push_back(float(double(size * std::sqrt(r)) / 2.));
      halfH.push_back(float(double(size / std::sqrt(r)) / 2.));
    };
    bool minMaxFirst = boolAttr(op, "min_max_aspect_ratios_order", false);
    for (auto [s, size] : llvm::enumerate(minSizes)) {
      float maxSide = maxSizes.empty()
                          ? 0
                          : float(double(std::sqrt(size * maxSizes[s])) / 2.);
      if (minMaxFirst) {
        square(float(double(size) / 2.));
        if (!maxSizes.empty())
          square(maxSide);
        for (float r : ratios)
          if (std::fabs(r - 1.) >= 1e-6)
            ratio(size, r);
      } else {
        for (float r : ratios)
          ratio(size, r);
        if (!maxSizes.empty())
          square(maxSide);
      }
    }
    int64_t priors = halfW.size();
    auto table = [&](ArrayRef<float> values) {
      return rewriter.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(RankedTensorType::get({int64_t(values.size())}, f32),
                                      values));
    };
    Value halfWidths = table(halfW), halfHeights = table(halfH);
    Value varianceTable = table(variances);
    SmallVector<OpFoldResult> featureDims = dimsOf(rewriter, loc, adaptor.getInput());
    SmallVector<OpFoldResult> imageDims = dimsOf(rewriter, loc, adaptor.getImage());
    auto toFloat = [&](OpBuilder &b, Location l, Value index) {
      return indexToFloat(b, l, index, f32);
    };
    auto dim = [&](OpFoldResult d) { return getValueOrCreateConstantIndexOp(rewriter, loc, d); };
    Value imgH = toFloat(rewriter, loc, dim(imageDims[2]));
    Value imgW = toFloat(rewriter, loc, dim(imageDims[3]));
    auto step = [&](StringRef name, Value image, OpFoldResult feature) -> Value {
      double given = floatAttr(op, name, 0);
      if (given != 0)
        return constantOf(rewriter, loc, f32, given);
      return rewriter.create<arith::DivFOp>(loc, image, toFloat(rewriter, loc, dim(feature)));
    };
    Value stepW = step("step_w", imgW, featureDims[3]);
    Value stepH = step("step_h", imgH, featureDims[2]);
    float offset = float(floatAttr(op, "offset", 0.5));
    bool clip = boolAttr(op, "clip", false);

    SmallVector<OpFoldResult> outDims{featureDims[2], featureDims[3],
                                      rewriter.getIndexAttr(priors), rewriter.getIndexAttr(4)};
    auto overCells = [&](function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
      return generateElements(rewriter, loc, outDims, f32, body);
    };
    Value boxes = overCells([&](OpBuilder &b, Location l, ValueRange at) -> Value {
      auto c = [&](float v) { return constantOf(b, l, f32, v); };
      // (index + offset) * step: the cell's center.
      Value cx = b.create<arith::MulFOp>(
          l, b.create<arith::AddFOp>(l, toFloat(b, l, at[1]), c(offset)), stepW);
      Value cy = b.create<arith::MulFOp>(
          l, b.create<arith::AddFOp>(l, toFloat(b, l, at[0]), c(offset)), stepH);
      Value hw = b.create<tensor::ExtractOp>(l, halfWidths, at[2]);
      Value hh = b.create<tensor::ExtractOp>(l, halfHeights, at[2]);
      Value k = at[3];
      auto is = [&](int64_t v) {
        return b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, k,
                                       b.create<arith::ConstantIndexOp>(l, v));
      };
      Value isY = b.create<arith::OrIOp>(l, is(1), is(3));
      Value upper = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::uge, k,
                                            b.create<arith::ConstantIndexOp>(l, 2));
      Value center = b.create<arith::SelectOp>(l, isY, cy, cx);
      Value half = b.create<arith::SelectOp>(l, isY, hh, hw);
      Value edge = b.create<arith::SelectOp>(l, upper, b.create<arith::AddFOp>(l, center, half),
                                             b.create<arith::SubFOp>(l, center, half));
      Value v = b.create<arith::DivFOp>(l, edge, b.create<arith::SelectOp>(l, isY, imgH, imgW));
      if (clip)
        v = b.create<arith::MinimumFOp>(l, b.create<arith::MaximumFOp>(l, v, c(0)), c(1));
      return v;
    });
    Value variancesOut = overCells([&](OpBuilder &b, Location l, ValueRange at) -> Value {
      return b.create<tensor::ExtractOp>(l, varianceTable, at[3]);
    });
    replaceWithResults(rewriter, op, {boxes, variancesOut});
    return success();
  }
};

/// Builds a pdcpu NMS op on (boxes, scores, rows, index, counts).
using NmsKernelFn =
    function_ref<Operation *(OpBuilder &, Location, ValueRange operands)>;

/// An NMS op (multiclass_nms3, matrix_nms) through its pdcpu kernel:
/// buffers for N times the most one image may keep (keep_top_k, or every
/// box of every class), then the first sum-of-counts rows. Replaces `op`'s
/// three results.
LogicalResult lowerNms(Operation *op, ConversionPatternRewriter &rewriter,
                       Value boxes, Value scores, NmsKernelFn kernel) {
  Location loc = op->getLoc();
  Type f32 = rewriter.getF32Type(), i32 = rewriter.getI32Type();
  if (getElementTypeOrSelf(boxes.getType()) != f32 ||
      getElementTypeOrSelf(scores.getType()) != f32)
    return op->emitOpError("is lowered for f32 boxes and scores only");
  auto index = [&](OpFoldResult v) {
    return getValueOrCreateConstantIndexOp(rewriter, loc, v);
  };
  SmallVector<OpFoldResult> boxDims = dimsOf(rewriter, loc, boxes);
  Value images = index(boxDims[0]);
  Value every = rewriter.create<arith::MulIOp>(
      loc, index(dimsOf(rewriter, loc, scores)[1]), index(boxDims[1]));
  int64_t keepTopK = intAttr(op, "keep_top_k", -1);
  Value most = keepTopK > -1
                   ? rewriter.create<arith::MinUIOp>(
                         loc, every, rewriter.create<arith::ConstantIndexOp>(loc, keepTopK))
                   : every;
  Value capacity = rewriter.create<arith::MulIOp>(loc, images, most);
  OpFoldResult rowsDim = getAsOpFoldResult(capacity);
  Value rows = emptyTensor(rewriter, loc, {rowsDim, rewriter.getIndexAttr(6)}, f32);
  Value kept = emptyTensor(rewriter, loc, {rowsDim, rewriter.getIndexAttr(1)}, i32);
  Value counts = emptyTensor(rewriter, loc, {getAsOpFoldResult(images)}, i32);
  Operation *nms = kernel(rewriter, loc, {boxes, scores, rows, kept, counts});
  // K: the sum of the counts, known only after the run.
  Value sum = reduceDims(rewriter, loc, nms->getResult(2), {true}, 0, false,
                         [](OpBuilder &b, Location l, ValueRange a) -> Value {
                           return b.create<arith::AddIOp>(l, a[0], a[1]);
                         });
  Value total = rewriter.create<arith::IndexCastOp>(
      loc, rewriter.getIndexType(),
      rewriter.create<tensor::ExtractOp>(loc, sum, ValueRange{}));
  auto firstRows = [&](Value t, int64_t cols) -> Value {
    SmallVector<OpFoldResult> offsets(2, rewriter.getIndexAttr(0)),
        sizes{getAsOpFoldResult(total), rewriter.getIndexAttr(cols)},
        strides(2, rewriter.getIndexAttr(1));
    return rewriter.create<tensor::ExtractSliceOp>(loc, t, offsets, sizes, strides);
  };
  SmallVector<Value> results{firstRows(nms->getResult(0), 6),
                             firstRows(nms->getResult(1), 1), nms->getResult(2)};
  // matrix_nms's RoisNum is optional: the op may have two results.
  results.resize(op->getNumResults());
  replaceWithResults(rewriter, op, results);
  return success();
}

/// multiclass_nms3 through pdcpu.multiclass_nms.
struct LowerMulticlassNms : OpConversionPattern<MulticlassNms3Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MulticlassNms3Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getRoisNum())
      return op->emitOpError("with RoisNum (boxes given per RoI) has no lowering");
    return lowerNms(
        op, rewriter, adaptor.getBBoxes(), adaptor.getScores(),
        [&](OpBuilder &b, Location loc, ValueRange operands) -> Operation * {
          return b.create<MulticlassNmsOp>(
              loc, TypeRange(operands.drop_front(2)), operands[0], operands[1],
              operands[2], operands[3], operands[4],
              b.getF32FloatAttr(float(floatAttr(op, "score_threshold", 0))),
              b.getI64IntegerAttr(intAttr(op, "nms_top_k", -1)),
              b.getI64IntegerAttr(intAttr(op, "keep_top_k", -1)),
              b.getF32FloatAttr(float(floatAttr(op, "nms_threshold", 0.3))),
              b.getF32FloatAttr(float(floatAttr(op, "nms_eta", 1.0))),
              b.getBoolAttr(boolAttr(op, "normalized", true)),
              b.getI64IntegerAttr(intAttr(op, "background_label", 0)));
        });
  }
};

/// matrix_nms through pdcpu.matrix_nms.
struct LowerMatrixNms : OpConversionPattern<pd::MatrixNmsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(pd::MatrixNmsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return lowerNms(
        op, rewriter, adaptor.getBBoxes(), adaptor.getScores(),
        [&](OpBuilder &b, Location loc, ValueRange operands) -> Operation * {
          return b.create<cpu::MatrixNmsOp>(
              loc, TypeRange(operands.drop_front(2)), operands[0], operands[1],
              operands[2], operands[3], operands[4],
              b.getF32FloatAttr(float(floatAttr(op, "score_threshold", 0))),
              b.getF32FloatAttr(float(floatAttr(op, "post_threshold", 0))),
              b.getI64IntegerAttr(intAttr(op, "nms_top_k", -1)),
              b.getI64IntegerAttr(intAttr(op, "keep_top_k", -1)),
              b.getBoolAttr(boolAttr(op, "use_gaussian", false)),
              b.getF32FloatAttr(float(floatAttr(op, "gaussian_sigma", 2.0))),
              b.getBoolAttr(boolAttr(op, "normalized", true)),
              b.getI64IntegerAttr(intAttr(op, "background_label", 0)));
        });
  }
};

/// box_coder, one element at a time as Paddle's CPU kernel computes its box
/// (all four coordinates, the element's picked): sizes are x2 - x1 (+ 1 for
/// pixel boxes), centres x1 + size / 2; decode: centre var * t * size +
/// prior centre, size exp(var * t) * prior size, corners centre -+ size / 2
/// (- 1 at the far corner for pixel boxes); encode: (centre - prior centre)
/// / prior size and log|size / prior size|, divided by the variance.
struct LowerBoxCoder : OpConversionPattern<BoxCoderOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BoxCoderOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value prior = adaptor.getPriorBox(), priorVar = adaptor.getPriorBoxVar(),
          target = adaptor.getTargetBox();
    Type element = cast<RankedTensorType>(target.getType()).getElementType();
    if (!element.isF32())
      return op->emitOpError("is lowered for float32 boxes only");
    SmallVector<double> variance = floatsAttr(op, "variance");
    if (!variance.empty() && variance.size() != 4)
      return op->emitOpError("takes 4 variances, not ") << variance.size();
    bool decode = strAttr(op, "code_type", "encode_center_size") == "decode_center_size";
    bool pixels = !boolAttr(op, "box_normalized", true);
    int64_t axis = intAttr(op, "axis", 0);
    SmallVector<OpFoldResult> dims;
    if (decode) {
      dims = dimsOf(rewriter, loc, target);
    } else {
      dims = {dimsOf(rewriter, loc, target)[0], dimsOf(rewriter, loc, prior)[0],
              rewriter.getIndexAttr(4)};
    }
    Value out = generateElements(rewriter, loc, dims, element, [&](OpBuilder &b, Location l,
                                                             ValueRange at) -> Value {
      auto c = [&](double v) { return constantOf(b, l, element, v); };
      auto index = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(l, v); };
      auto read = [&](Value t, SmallVector<Value> indices, int64_t k) -> Value {
        indices.push_back(index(k));
        return b.create<tensor::ExtractOp>(l, t, indices);
      };
      auto add = [&](Value x, Value y) { return b.create<arith::AddFOp>(l, x, y).getResult(); };
      auto sub = [&](Value x, Value y) { return b.create<arith::SubFOp>(l, x, y).getResult(); };
      auto mul = [&](Value x, Value y) { return b.create<arith::MulFOp>(l, x, y).getResult(); };
      auto div = [&](Value x, Value y) { return b.create<arith::DivFOp>(l, x, y).getResult(); };
      Value one = c(pixels ? 1 : 0), two = c(2);
      // The prior of this element and its size and centre.
      Value p = decode ? at[axis == 0 ? 1 : 0] : at[1];
      Value px1 = read(prior, {p}, 0), py1 = read(prior, {p}, 1);
      Value pw = add(sub(read(prior, {p}, 2), px1), one);
      Value ph = add(sub(read(prior, {p}, 3), py1), one);
      Value pcx = add(px1, div(pw, two)), pcy = add(py1, div(ph, two));
      auto var = [&](int64_t k) -> Value {
        if (priorVar)
          return read(priorVar, {p}, k);
        return c(variance.empty() ? 1.0 : double(float(variance[k])));
      };
      SmallVector<Value> coords;
      if (decode) {
        SmallVector<Value> box{at[0], at[1]};
        Value cx = add(mul(mul(var(0), read(target, box, 0)), pw), pcx);
        Value cy = add(mul(mul(var(1), read(target, box, 1)), ph), pcy);
        Value w = mul(b.create<math::ExpOp>(l, mul(var(2), read(target, box, 2))), pw);
        Value h = mul(b.create<math::ExpOp>(l, mul(var(3), read(target, box, 3))), ph);
        coords = {sub(cx, div(w, two)), sub(cy, div(h, two)),
                  sub(add(cx, div(w, two)), one), sub(add(cy, div(h, two)), one)};
      } else {
        SmallVector<Value> box{at[0]};
        Value tx1 = read(target, box, 0), ty1 = read(target, box, 1);
        Value tx2 = read(target, box, 2), ty2 = read(target, box, 3);
        Value cx = div(add(tx2, tx1), two), cy = div(add(ty2, ty1), two);
        Value w = add(sub(tx2, tx1), one), h = add(sub(ty2, ty1), one);
        coords = {div(sub(cx, pcx), pw), div(sub(cy, pcy), ph),
                  b.create<math::LogOp>(l, b.create<math::AbsFOp>(l, div(w, pw))),
                  b.create<math::LogOp>(l, b.create<math::AbsFOp>(l, div(h, ph)))};
        if (priorVar || !variance.empty())
          for (int64_t k = 0; k < 4; ++k)
            coords[k] = div(coords[k], var(k));
      }
      // The element's coordinate: k picks among the four.
      Value k = at[2], v = coords[3];
      for (int64_t i = 2; i >= 0; --i)
        v = b.create<arith::SelectOp>(
            l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, k, index(i)),
            coords[i], v);
      return v;
    });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// roi_align as Paddle's CPU kernel computes it, per output element (r, c,
/// py, px) in float: the box scaled (less 0.5 when aligned; at least 1 x 1
/// when not), a grid of sampling_ratio (else ceil(size / bins)) samples per
/// bin dim at ymin + bin_h * (py + (iy + 0.5) / grid), each bilinear
/// (0 outside [-1, size]; clamped to the last row or column), summed row by
/// row and times 1 / (grid_h * grid_w). An ROI's image: the first n whose
/// RoisNum prefix sum passes r.
struct LowerRoiAlign : OpConversionPattern<RoiAlignOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RoiAlignOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), rois = adaptor.getROIs(), counts = adaptor.getRoisNum();
    auto xt = cast<RankedTensorType>(x.getType());
    auto rt = cast<RankedTensorType>(rois.getType());
    if (xt.getRank() != 4 || rt.getRank() != 2 || !xt.getElementType().isF32() ||
        !rt.getElementType().isF32())
      return op->emitOpError("needs f32 X [N, C, H, W] and ROIs [R, 4]");
    if (!counts)
      return op->emitOpError("without RoisNum reads the boxes' LoD, which pd "
                             "does not compile (Paddle 2's vision.ops.roi_align "
                             "passes boxes_num)");
    auto ct = cast<RankedTensorType>(counts.getType());
    if (ct.getRank() != 1 || (!ct.getElementType().isInteger(32) &&
                              !ct.getElementType().isInteger(64)))
      return op->emitOpError("needs an int32 or int64 RoisNum [N]");
    int64_t pooledH = intAttr(op, "pooled_height", 1);
    int64_t pooledW = intAttr(op, "pooled_width", 1);
    if (pooledH < 1 || pooledW < 1)
      return op->emitOpError("pools to an empty output");
    float scale = float(floatAttr(op, "spatial_scale", 1.0));
    int64_t sampling = intAttr(op, "sampling_ratio", -1);
    bool aligned = boolAttr(op, "aligned", false);

    Type f32 = rewriter.getF32Type(), index = rewriter.getIndexType();
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    OpFoldResult roiCount = dimsOf(rewriter, loc, rois)[0];
    Value images = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[0]);
    // Each ROI's image: how many images' boxes end at or before it (at
    // most the last image).
    Value imageOf = generateElements(
        rewriter, loc, {roiCount}, rewriter.getI64Type(),
        [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Value zero = b.create<arith::ConstantIndexOp>(l, 0);
          Value one = b.create<arith::ConstantIndexOp>(l, 1);
          auto loop = b.create<scf::ForOp>(
              l, zero, images, one, ValueRange{zero, zero},
              [&](OpBuilder &lb, Location ll, Value n, ValueRange acc) {
                Value count = lb.create<tensor::ExtractOp>(ll, counts, n);
                Value end = lb.create<arith::AddIOp>(
                    ll, acc[0], lb.create<arith::IndexCastOp>(ll, index, count));
                Value before = lb.create<arith::CmpIOp>(ll, arith::CmpIPredicate::sle,
                                                        end, at[0]);
                Value image = lb.create<arith::SelectOp>(
                    ll, before, lb.create<arith::AddIOp>(ll, acc[1], one), acc[1]);
                lb.create<scf::YieldOp>(ll, ValueRange{end, image});
              });
          Value last = b.create<arith::SubIOp>(l, images, one);
          Value image = b.create<arith::MinSIOp>(l, loop.getResult(1), last);
          return b.create<arith::IndexCastOp>(l, b.getI64Type(), image);
        });

    SmallVector<OpFoldResult> outDims{roiCount, xDims[1], rewriter.getIndexAttr(pooledH),
                                      rewriter.getIndexAttr(pooledW)};
    Value out = generateElements(
        rewriter, loc, outDims, f32,
        [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          auto f = [&](float v) { return b.create<arith::ConstantOp>(l, b.getF32FloatAttr(v)); };
          auto idx = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(l, v); };
          auto toFloat = [&](Value i) { return indexToFloat(b, l, i, f32); };
          Value r = at[0], c = at[1];
          Value image = b.create<arith::IndexCastOp>(
              l, index, b.create<tensor::ExtractOp>(l, imageOf, r));
          Value box[4];
          for (int i = 0; i < 4; ++i)
            box[i] = b.create<arith::SubFOp>(
                l, b.create<arith::MulFOp>(
                       l, b.create<tensor::ExtractOp>(l, rois, ValueRange{r, idx(i)}),
                       f(scale)),
                f(aligned ? 0.5f : 0.0f));
          Value size[2] = {b.create<arith::SubFOp>(l, box[3], box[1]),  // height
                           b.create<arith::SubFOp>(l, box[2], box[0])}; // width
          Value start[2] = {box[1], box[0]};
          int64_t bins[2] = {pooledH, pooledW};
          Value in[2] = {getValueOrCreateConstantIndexOp(b, l, xDims[2]),
                         getValueOrCreateConstantIndexOp(b, l, xDims[3])};
          Value grid[2], binSize[2];
          for (int i = 0; i < 2; ++i) {
            if (!aligned)
              size[i] = b.create<arith::MaximumFOp>(l, size[i], f(1.0f));
            grid[i] = sampling > 0
                          ? Value(idx(sampling))
                          : Value(b.create<arith::IndexCastOp>(
                                l, index,
                                b.create<arith::FPToSIOp>(
                                    l, b.getI64Type(),
                                    b.create<math::CeilOp>(
                                        l, b.create<arith::DivFOp>(l, size[i],
                                                                   f(float(bins[i])))))));
            binSize[i] = b.create<arith::DivFOp>(l, size[i], f(float(bins[i])));
          }
          // A sample's coordinate in dim i: start + bin * (p + (k + 0.5) / grid).
          auto coordinate = [&](OpBuilder &cb, Location cl, int i, Value k) -> Value {
            Value kf = cb.create<arith::AddFOp>(cl, toFloat(k), f(0.5f));
            Value frac = cb.create<arith::DivFOp>(cl, kf, toFloat(grid[i]));
            Value p = cb.create<arith::AddFOp>(cl, toFloat(at[2 + i]), frac);
            return cb.create<arith::AddFOp>(cl, start[i],
                                            cb.create<arith::MulFOp>(cl, binSize[i], p));
          };
          // The low and high rows (columns) of a sample and the low one's
          // weight; `inside` is false outside [-1, size].
          struct Taps {
            Value low, high, weight, inside;
          };
          auto taps = [&](OpBuilder &tb, Location tl, int i, Value v) -> Taps {
            Value extent = toFloat(in[i]);
            Value inside = tb.create<arith::AndIOp>(
                tl, tb.create<arith::CmpFOp>(tl, arith::CmpFPredicate::OGE, v, f(-1.0f)),
                tb.create<arith::CmpFOp>(tl, arith::CmpFPredicate::OLE, v, extent));
            Value clamped = tb.create<arith::SelectOp>(
                tl, tb.create<arith::CmpFOp>(tl, arith::CmpFPredicate::OLE, v, f(0.0f)),
                f(0.0f), v);
            Value low = tb.create<arith::IndexCastOp>(
                tl, index, tb.create<arith::FPToSIOp>(tl, tb.getI64Type(), clamped));
            Value last = tb.create<arith::SubIOp>(tl, in[i], idx(1));
            Value atEdge = tb.create<arith::CmpIOp>(tl, arith::CmpIPredicate::sge, low, last);
            low = tb.create<arith::SelectOp>(tl, atEdge, last, low);
            Value high = tb.create<arith::SelectOp>(
                tl, atEdge, last, tb.create<arith::AddIOp>(tl, low, idx(1)));
            clamped = tb.create<arith::SelectOp>(tl, atEdge, toFloat(last), clamped);
            Value weight = tb.create<arith::SubFOp>(tl, toFloat(high), clamped);
            return {low, high, weight, inside};
          };
          auto sample = [&](OpBuilder &sb, Location sl, Value y, Value xv) -> Value {
            Taps ty = taps(sb, sl, 0, y), tx = taps(sb, sl, 1, xv);
            auto read = [&](Value row, Value col) -> Value {
              return sb.create<tensor::ExtractOp>(sl, x, ValueRange{image, c, row, col});
            };
            auto times = [&](Value a, Value w) { return sb.create<arith::MulFOp>(sl, w, a); };
            Value one = f(1.0f);
            Value wx1 = sb.create<arith::SubFOp>(sl, one, tx.weight);
            Value wy1 = sb.create<arith::SubFOp>(sl, one, ty.weight);
            // In Paddle's order: (low x, low y), (high x, low y), (low x,
            // high y), (high x, high y).
            Value v = times(read(ty.low, tx.low),
                            sb.create<arith::MulFOp>(sl, tx.weight, ty.weight));
            v = sb.create<arith::AddFOp>(
                sl, v, times(read(ty.low, tx.high), sb.create<arith::MulFOp>(sl, wx1, ty.weight)));
            v = sb.create<arith::AddFOp>(
                sl, v, times(read(ty.high, tx.low), sb.create<arith::MulFOp>(sl, tx.weight, wy1)));
            v = sb.create<arith::AddFOp>(
                sl, v, times(read(ty.high, tx.high), sb.create<arith::MulFOp>(sl, wx1, wy1)));
            Value inside = sb.create<arith::AndIOp>(sl, ty.inside, tx.inside);
            return sb.create<arith::SelectOp>(sl, inside, v, f(0.0f));
          };
          auto rows = b.create<scf::ForOp>(
              l, idx(0), grid[0], idx(1), ValueRange{f(0.0f)},
              [&](OpBuilder &rb, Location rl, Value iy, ValueRange acc) {
                Value y = coordinate(rb, rl, 0, iy);
                auto cols = rb.create<scf::ForOp>(
                    rl, idx(0), grid[1], idx(1), acc,
                    [&](OpBuilder &cb, Location cl, Value ix, ValueRange a) {
                      Value xv = coordinate(cb, cl, 1, ix);
                      cb.create<scf::YieldOp>(
                          cl, ValueRange{cb.create<arith::AddFOp>(cl, a[0],
                                                                  sample(cb, cl, y, xv))});
                    });
                rb.create<scf::YieldOp>(rl, cols.getResults());
              });
          // times (float)(1.0 / points), the reciprocal in double.
          Type f64 = b.getF64Type();
          Value points =
              indexToFloat(b, l, b.create<arith::MulIOp>(l, grid[0], grid[1]), f64);
          Value reciprocal = b.create<arith::TruncFOp>(
              l, f32,
              b.create<arith::DivFOp>(
                  l, b.create<arith::ConstantOp>(l, b.getF64FloatAttr(1.0)), points));
          return b.create<arith::MulFOp>(l, rows.getResult(0), reciprocal);
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateDetectionLowering(RewritePatternSet &patterns) {
  patterns.add<LowerYoloBox, LowerPriorBox, LowerMulticlassNms, LowerMatrixNms,
               LowerBoxCoder, LowerRoiAlign>(
      patterns.getContext());
}

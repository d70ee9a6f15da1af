//===- LowerDeformableConv.cpp - deformable_conv -> linalg ----------------===//
//
// A deformable convolution (DCN v1 and, with a mask, v2) as Paddle's CPU
// kernel computes it: first the columns, per (image, channel, kernel tap,
// output pixel) the input sampled bilinearly at the tap's position moved
// by its learned offset (times the mask), then the grouped product of the
// filter with the columns.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// Paddle's deformable bilinear sample of image (n, c) at (h, w), both
/// inside (-1, size): the four neighbours of (floor h, floor w), each 0
/// where it falls outside the image, weighted (1 - lh)(1 - lw), (1 - lh)
/// lw, lh (1 - lw), lh lw and summed in that order.
Value sampleBilinear(OpBuilder &b, Location loc, Value x, Value n, Value c,
                     Value h, Value w, Value height, Value width) {
  Type f32 = b.getF32Type(), index = b.getIndexType();
  auto f = [&](float v) { return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(v)); };
  auto idx = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); };
  auto floorOf = [&](Value v) {
    return b.create<arith::IndexCastOp>(
        loc, index,
        b.create<arith::FPToSIOp>(loc, b.getI64Type(), b.create<math::FloorOp>(loc, v)));
  };
  auto toFloat = [&](Value i) { return indexToFloat(b, loc, i, f32); };
  Value hLow = floorOf(h), wLow = floorOf(w);
  Value hHigh = b.create<arith::AddIOp>(loc, hLow, idx(1));
  Value wHigh = b.create<arith::AddIOp>(loc, wLow, idx(1));
  Value lh = b.create<arith::SubFOp>(loc, h, toFloat(hLow));
  Value lw = b.create<arith::SubFOp>(loc, w, toFloat(wLow));
  Value hh = b.create<arith::SubFOp>(loc, f(1.0f), lh);
  Value hw = b.create<arith::SubFOp>(loc, f(1.0f), lw);
  // A neighbour's value, or 0 outside the image (read at a clamped place).
  auto neighbour = [&](Value row, Value col) -> Value {
    auto within = [&](Value i, Value size) {
      return b.create<arith::AndIOp>(
          loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, i, idx(0)),
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, size));
    };
    auto clamp = [&](Value i, Value size) {
      return b.create<arith::MaxSIOp>(
          loc, b.create<arith::MinSIOp>(loc, i, b.create<arith::SubIOp>(loc, size, idx(1))),
          idx(0));
    };
    Value v = b.create<tensor::ExtractOp>(
        loc, x, ValueRange{n, c, clamp(row, height), clamp(col, width)});
    Value inside = b.create<arith::AndIOp>(loc, within(row, height), within(col, width));
    return b.create<arith::SelectOp>(loc, inside, v, f(0.0f));
  };
  Value terms[4] = {
      b.create<arith::MulFOp>(loc, b.create<arith::MulFOp>(loc, hh, hw), neighbour(hLow, wLow)),
      b.create<arith::MulFOp>(loc, b.create<arith::MulFOp>(loc, hh, lw), neighbour(hLow, wHigh)),
      b.create<arith::MulFOp>(loc, b.create<arith::MulFOp>(loc, lh, hw), neighbour(hHigh, wLow)),
      b.create<arith::MulFOp>(loc, b.create<arith::MulFOp>(loc, lh, lw), neighbour(hHigh, wHigh))};
  Value sum = terms[0];
  for (Value t : ArrayRef<Value>(terms).drop_front())
    sum = b.create<arith::AddFOp>(loc, sum, t);
  return sum;
}

/// deformable_conv (Mask given: DCN v2) and deformable_conv_v1, NCHW:
/// Input [N, C, H, W], Offset [N, DG * 2 * KH * KW, OH, OW] ((dy, dx) per
/// deformable group and tap), Mask [N, DG * KH * KW, OH, OW], Filter [F, C
/// / groups, KH, KW] static. Any batch, height and width.
template <typename OpTy>
struct LowerDeformableConv : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput(), offset = adaptor.getOffset(),
          filter = adaptor.getFilter();
    Value mask;
    if constexpr (std::is_same_v<OpTy, DeformableConvOp>)
      mask = adaptor.getMask();
    auto xt = cast<RankedTensorType>(x.getType());
    auto ft = cast<RankedTensorType>(filter.getType());
    auto outType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (xt.getRank() != 4 || ft.getRank() != 4 || !ft.hasStaticShape() ||
        xt.isDynamicDim(1) || !xt.getElementType().isF32() || !outType ||
        outType.getRank() != 4)
      return op->emitOpError("needs an f32 input with static channels and a "
                             "static filter");
    int64_t c = xt.getDimSize(1), f = ft.getDimSize(0);
    int64_t kh = ft.getDimSize(2), kw = ft.getDimSize(3);
    int64_t groups = intAttr(op, "groups", 1);
    int64_t deformable = intAttr(op, "deformable_groups", 1);
    if (groups < 1 || c % groups || f % groups || ft.getDimSize(1) != c / groups ||
        deformable < 1 || c % deformable)
      return op->emitOpError("groups or deformable_groups do not divide the channels");
    SmallVector<int64_t> strides = intsAttr(op, "strides", {1, 1});
    SmallVector<int64_t> pads = intsAttr(op, "paddings", {0, 0});
    SmallVector<int64_t> dilations = intsAttr(op, "dilations", {1, 1});
    if (strides.size() != 2 || pads.size() != 2 || dilations.size() != 2)
      return op->emitOpError("strides, paddings and dilations must have 2 values");

    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> offsetDims = dimsOf(rewriter, loc, offset);
    // The columns [N, C, KH, KW, OH, OW] (the output's pixels: Offset's).
    SmallVector<OpFoldResult> colDims{xDims[0], xDims[1], rewriter.getIndexAttr(kh),
                                      rewriter.getIndexAttr(kw), offsetDims[2],
                                      offsetDims[3]};
    Value height = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[2]);
    Value width = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[3]);
    int64_t perGroup = c / deformable;
    Value columns = generateElements(
        rewriter, loc, colDims, rewriter.getF32Type(),
        [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          auto idx = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(l, v); };
          auto toFloat = [&](Value i) { return indexToFloat(b, l, i, b.getF32Type()); };
          Value n = at[0], ch = at[1], i = at[2], j = at[3], oh = at[4], ow = at[5];
          Value group = b.create<arith::DivUIOp>(l, ch, idx(perGroup));
          Value tap = b.create<arith::AddIOp>(l, b.create<arith::MulIOp>(l, i, idx(kw)), j);
          Value base = b.create<arith::MulIOp>(l, group, idx(2 * kh * kw));
          Value dyAt = b.create<arith::AddIOp>(l, base, b.create<arith::MulIOp>(l, tap, idx(2)));
          Value dxAt = b.create<arith::AddIOp>(l, dyAt, idx(1));
          Value dy = b.create<tensor::ExtractOp>(l, offset, ValueRange{n, dyAt, oh, ow});
          Value dx = b.create<tensor::ExtractOp>(l, offset, ValueRange{n, dxAt, oh, ow});
          // The tap's place: oh * stride - pad + i * dilation, as an int,
          // then plus the offset.
          auto place = [&](Value o, Value k, int d) {
            Value p = b.create<arith::AddIOp>(
                l, b.create<arith::MulIOp>(l, o, idx(strides[d])),
                b.create<arith::MulIOp>(l, k, idx(dilations[d])));
            return toFloat(b.create<arith::SubIOp>(l, p, idx(pads[d])));
          };
          Value h = b.create<arith::AddFOp>(l, place(oh, i, 0), dy);
          Value w = b.create<arith::AddFOp>(l, place(ow, j, 1), dx);
          auto f = [&](float v) { return b.create<arith::ConstantOp>(l, b.getF32FloatAttr(v)); };
          Value inside = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, h, f(-1.0f));
          inside = b.create<arith::AndIOp>(
              l, inside, b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, w, f(-1.0f)));
          inside = b.create<arith::AndIOp>(
              l, inside, b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OLT, h, toFloat(height)));
          inside = b.create<arith::AndIOp>(
              l, inside, b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OLT, w, toFloat(width)));
          Value value = b.create<arith::SelectOp>(
              l, inside, sampleBilinear(b, l, x, n, ch, h, w, height, width), f(0.0f));
          if (!mask)
            return value;
          Value maskAt = b.create<arith::AddIOp>(
              l, b.create<arith::MulIOp>(l, group, idx(kh * kw)), tap);
          return b.create<arith::MulFOp>(
              l, value, b.create<tensor::ExtractOp>(l, mask, ValueRange{n, maskAt, oh, ow}));
        });

    // out[n, g, f, oh, ow] = sum over c, i, j of filter[g, f, c, i, j] *
    // columns[n, g, c, i, j, oh, ow].
    int64_t cg = c / groups, fg = f / groups;
    auto index = [&](int64_t v) { return OpFoldResult(rewriter.getIndexAttr(v)); };
    auto expanded = [&](Value v, SmallVector<ReassociationIndices> groupsOf,
                        SmallVector<OpFoldResult> sizes) -> Value {
      SmallVector<int64_t> shape;
      for (OpFoldResult s : sizes)
        shape.push_back(getConstantIntValue(s).value_or(ShapedType::kDynamic));
      return rewriter.create<tensor::ExpandShapeOp>(
          loc, RankedTensorType::get(shape, rewriter.getF32Type()), v, groupsOf, sizes);
    };
    Value groupedColumns = expanded(
        columns, {{0}, {1, 2}, {3}, {4}, {5}, {6}},
        {colDims[0], index(groups), index(cg), index(kh), index(kw), colDims[4], colDims[5]});
    Value groupedFilter = expanded(filter, {{0, 1}, {2}, {3}, {4}},
                                   {index(groups), index(fg), index(cg), index(kh), index(kw)});
    SmallVector<OpFoldResult> outDims{colDims[0], index(groups), index(fg), colDims[4],
                                      colDims[5]};
    Value init = rewriter
                     .create<linalg::FillOp>(
                         loc, constantOf(rewriter, loc, rewriter.getF32Type(), 0),
                         emptyTensor(rewriter, loc, outDims, rewriter.getF32Type()))
                     .getResult(0);
    MLIRContext *ctx = rewriter.getContext();
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    // Loops n, g, f, oh, ow | c, i, j.
    SmallVector<AffineMap> maps{
        AffineMap::get(8, 0, {d(0), d(1), d(5), d(6), d(7), d(3), d(4)}, ctx),
        AffineMap::get(8, 0, {d(1), d(2), d(5), d(6), d(7)}, ctx),
        AffineMap::get(8, 0, {d(0), d(1), d(2), d(3), d(4)}, ctx)};
    SmallVector<utils::IteratorType> iterators(5, utils::IteratorType::parallel);
    iterators.append(3, utils::IteratorType::reduction);
    Value product = rewriter
                        .create<linalg::GenericOp>(
                            loc, init.getType(), ValueRange{groupedColumns, groupedFilter},
                            init, maps, iterators,
                            [](OpBuilder &b, Location l, ValueRange a) {
                              Value p = b.create<arith::MulFOp>(l, a[1], a[0]);
                              b.create<linalg::YieldOp>(
                                  l, b.create<arith::AddFOp>(l, a[2], p).getResult());
                            })
                        .getResult(0);
    Value out = rewriter.create<tensor::CollapseShapeOp>(
        loc, product, SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateDeformableConvLowering(RewritePatternSet &patterns) {
  patterns.add<LowerDeformableConv<DeformableConvOp>,
               LowerDeformableConv<DeformableConvV1Op>>(patterns.getContext());
}

//===- LowerInterpolation.cpp - nearest and bilinear resizing -------------===//
//
// nearest_interp_v2 and bilinear_interp_v2 as Paddle's CPU kernel computes
// them: the output size from SizeTensor, else OutSize, else the `scale`
// attribute, else out_h/out_w; each output pixel's source from a ratio kept in float (the
// half-pixel offsets in double, as Paddle's C++ promotes them). Every
// output element reads its source pixels with tensor.extract, clamped
// into the image. Batch, height and width may be dynamic.
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

/// Scalar arithmetic for the sizes and source coordinates.
struct Scalars {
  OpBuilder &b;
  Location loc;

  Value f32(double v) { return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(v)); }
  Value f64(double v) { return b.create<arith::ConstantOp>(loc, b.getF64FloatAttr(v)); }
  Value index(int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }
  Value toFloat(Value i, Type t) {
    Value i64 = b.create<arith::IndexCastOp>(loc, b.getI64Type(), i);
    return b.create<arith::SIToFPOp>(loc, t, i64);
  }
  /// C's truncating float-to-int conversion, as an index.
  Value toIndex(Value f) {
    Value i64 = b.create<arith::FPToSIOp>(loc, b.getI64Type(), f);
    return b.create<arith::IndexCastOp>(loc, b.getIndexType(), i64);
  }
  Value clamp(Value i, Value lo, Value hi) {
    return b.create<arith::MinSIOp>(loc, b.create<arith::MaxSIOp>(loc, i, lo), hi);
  }
};

template <typename OpTy>
struct LowerInterp : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    StringRef method = strAttr(op, "interp_method", "");
    bool bilinear = isa<BilinearInterpV2Op>(op.getOperation());
    if (method != (bilinear ? "bilinear" : "nearest"))
      return op->emitOpError("interp_method '") << method << "' has no lowering";
    ValueRange sizeTensor = adaptor.getSizeTensor();
    if (sizeTensor.empty() && adaptor.getScale_())
      return op->emitOpError("with a Scale input has no lowering (the size as "
                             "SizeTensor, OutSize, `scale` or out_h/out_w has)");
    if (type.getRank() != 4 || !isa<FloatType>(type.getElementType()))
      return op->emitOpError("needs a 4-D float input");
    StringRef layout = strAttr(op, "data_layout", "NCHW");
    if (layout != "NCHW" && layout != "NHWC" && layout != "AnyLayout")
      return op->emitOpError("has an unknown data_layout");
    int64_t h = layout == "NHWC" ? 1 : 2;
    bool alignCorners = boolAttr(op, "align_corners", false);
    bool alignFlag = intAttr(op, "align_mode", 1) == 0 && !alignCorners;
    Scalars s{rewriter, loc};
    Type f32 = rewriter.getF32Type(), f64 = rewriter.getF64Type();

    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    // SizeTensor comes first, and then Paddle reads no scale at all.
    SmallVector<OpFoldResult> sized;
    if (!sizeTensor.empty()) {
      FailureOr<SmallVector<OpFoldResult>> given = integersFromTensors(
          rewriter, loc, op, Value(), sizeTensor, 2, "SizeTensor");
      if (failed(given))
        return failure();
      sized = *given;
    }
    SmallVector<double> scale = floatsAttr(op, "scale");
    bool scaled = sized.empty() && scale.size() > 1 && scale[0] > 0 && scale[1] > 0;
    Value in[2], out[2], ratio[2];
    for (int i = 0; i < 2; ++i) {
      in[i] = getValueOrCreateConstantIndexOp(rewriter, loc, dims[h + i]);
      if (!sized.empty()) {
        out[i] = getValueOrCreateConstantIndexOp(rewriter, loc, sized[i]);
      } else if (Value size = adaptor.getOutSize()) {
        Value v = rewriter.create<tensor::ExtractOp>(loc, size, ValueRange{s.index(i)});
        out[i] = rewriter.create<arith::IndexCastOp>(loc, rewriter.getIndexType(), v);
      } else if (scaled) {
        out[i] = s.toIndex(rewriter.create<arith::MulFOp>(
            loc, s.toFloat(in[i], f32), s.f32(float(scale[i]))));
      } else {
        int64_t attr = intAttr(op, i ? "out_w" : "out_h", -1);
        if (attr <= 0)
          return op->emitOpError("has no output size");
        out[i] = s.index(attr);
      }
      // Paddle's ratio: 0 for one output row; else (in - 1) / (out - 1)
      // with align_corners, 1 / scale when scaled, in / out otherwise.
      Value inF = s.toFloat(in[i], f32), outF = s.toFloat(out[i], f32);
      Value one = s.f32(1);
      Value r;
      if (alignCorners)
        r = rewriter.create<arith::DivFOp>(loc, rewriter.create<arith::SubFOp>(loc, inF, one),
                                           rewriter.create<arith::SubFOp>(loc, outF, one));
      else if (scaled)
        r = s.f32(float(1.0 / scale[i]));
      else
        r = rewriter.create<arith::DivFOp>(loc, inF, outF);
      Value many = rewriter.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt,
                                                  out[i], s.index(1));
      ratio[i] = rewriter.create<arith::SelectOp>(loc, many, r, s.f32(0));
    }
    SmallVector<OpFoldResult> outDims = dims;
    outDims[h] = getAsOpFoldResult(out[0]);
    outDims[h + 1] = getAsOpFoldResult(out[1]);
    Value resized = generateElements(
        rewriter, loc, outDims, type.getElementType(),
        [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Scalars t{b, l};
          Value zero = t.index(0);
          auto read = [&](Value y, Value xw) {
            SmallVector<Value> idx(at.begin(), at.end());
            idx[h] = y;
            idx[h + 1] = xw;
            return b.create<tensor::ExtractOp>(l, x, idx).getResult();
          };
          if (!bilinear) {
            Value src[2];
            for (int i = 0; i < 2; ++i) {
              Value k = t.toFloat(at[h + i], f32);
              Value p = b.create<arith::MulFOp>(l, ratio[i], k);
              if (alignCorners)
                p = b.create<arith::AddFOp>(l, p, t.f32(0.5));
              Value last = b.create<arith::SubIOp>(l, in[i], t.index(1));
              src[i] = t.clamp(t.toIndex(p), zero, last);
            }
            return read(src[0], src[1]);
          }
          // Per axis: the two source rows and their weights.
          Value lo[2], hi[2], wLo[2], wHi[2];
          for (int i = 0; i < 2; ++i) {
            Value k = t.toFloat(at[h + i], f64);
            Value r64 = b.create<arith::ExtFOp>(l, f64, ratio[i]);
            Value half = b.create<arith::SubFOp>(
                l, b.create<arith::MulFOp>(
                       l, r64, b.create<arith::AddFOp>(l, k, t.f64(0.5))),
                t.f64(0.5));
            Value scaledK = b.create<arith::MulFOp>(l, ratio[i],
                                                    t.toFloat(at[h + i], f32));
            Value last = b.create<arith::SubIOp>(l, in[i], t.index(1));
            Value first = alignFlag ? t.toIndex(half) : t.toIndex(scaledK);
            lo[i] = t.clamp(first, zero, last);
            hi[i] = b.create<arith::MinSIOp>(
                l, b.create<arith::AddIOp>(l, lo[i], t.index(1)), last);
            Value src = b.create<arith::MaximumFOp>(
                l, b.create<arith::TruncFOp>(l, f32, half), t.f32(0));
            Value loF = t.toFloat(lo[i], f32);
            wHi[i] = alignFlag ? b.create<arith::SubFOp>(l, src, loF)
                               : b.create<arith::SubFOp>(l, scaledK, loF);
            wLo[i] = b.create<arith::SubFOp>(l, t.f32(1), wHi[i]);
          }
          // Paddle's order: the four corners, each value * wy * wx.
          auto term = [&](Value v, Value wy, Value wx) {
            return b.create<arith::MulFOp>(
                l, b.create<arith::MulFOp>(l, v, wy), wx).getResult();
          };
          Value sum = term(read(lo[0], lo[1]), wLo[0], wLo[1]);
          sum = b.create<arith::AddFOp>(l, sum, term(read(hi[0], lo[1]), wHi[0], wLo[1]));
          sum = b.create<arith::AddFOp>(l, sum, term(read(lo[0], hi[1]), wLo[0], wHi[1]));
          sum = b.create<arith::AddFOp>(l, sum, term(read(hi[0], hi[1]), wHi[0], wHi[1]));
          return sum;
        });
    return replaceWithPrimaryResult(rewriter, op, resized);
  }
};

/// grid_sampler of a 4-D X, per output element as Paddle's CPU kernel
/// computes it: the grid point unnormalized ((g + 1) * (W - 1) / 2 with
/// align_corners, (g + 1) * W / 2 - 0.5 without), then clipped (border) or
/// reflected (reflection); bilinear from the four neighbours, Paddle's
/// order of products and sums, a neighbour outside the image reading 0;
/// nearest rounding half away from zero.
struct LowerGridSample : OpConversionPattern<GridSamplerOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GridSamplerOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), grid = adaptor.getGrid();
    auto type = cast<RankedTensorType>(x.getType());
    if (type.getRank() != 4)
      return op->emitOpError("of a ") << type.getRank()
                                      << "-D input has no lowering (4-D only)";
    if (!type.getElementType().isF32() ||
        !cast<RankedTensorType>(grid.getType()).getElementType().isF32())
      return op->emitOpError("is lowered for f32 only");
    StringRef mode = strAttr(op, "mode", "bilinear");
    StringRef padding = strAttr(op, "padding_mode", "zeros");
    if (mode != "bilinear" && mode != "nearest")
      return op->emitOpError("mode '") << mode << "' is not bilinear or nearest";
    if (padding != "zeros" && padding != "border" && padding != "reflection")
      return op->emitOpError("padding_mode '")
             << padding << "' is not zeros, border or reflection";
    bool alignCorners = boolAttr(op, "align_corners", true);
    bool bilinear = mode == "bilinear";
    Type f32 = rewriter.getF32Type();
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> gridDims = dimsOf(rewriter, loc, grid);
    SmallVector<OpFoldResult> outDims{gridDims[0], xDims[1], gridDims[1], gridDims[2]};
    Value height = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[2]);
    Value width = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[3]);
    Value out = generateElements(
        rewriter, loc, outDims, f32,
        [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Scalars t{b, l};
          // One coordinate: unnormalized, then padded.
          auto coordinate = [&](int64_t which, Value size) {
            Value g = b.create<tensor::ExtractOp>(
                l, grid, ValueRange{at[0], at[2], at[3], t.index(which)});
            Value last = b.create<arith::SubIOp>(l, size, t.index(1));
            Value maxF = t.toFloat(last, f32);
            Value sizeF = t.toFloat(size, f32);
            Value half = t.f32(0.5);
            Value one = t.f32(1);
            Value factor = b.create<arith::MulFOp>(l, alignCorners ? maxF : sizeF, half);
            Value v = b.create<arith::MulFOp>(l, b.create<arith::AddFOp>(l, g, one), factor);
            if (!alignCorners)
              v = b.create<arith::SubFOp>(l, v, half);
            auto clip = [&](Value c) {
              return b.create<arith::MinimumFOp>(
                  l, b.create<arith::MaximumFOp>(l, c, t.f32(0)), maxF);
            };
            if (padding == "border")
              return clip(v).getResult();
            if (padding != "reflection")
              return v;
            // extra = |v| mod 2 range; mirrored back into the range.
            Value range = b.create<arith::MulFOp>(l, alignCorners ? maxF : sizeF, t.f32(2));
            Value a = b.create<math::AbsFOp>(
                l, alignCorners ? v : b.create<arith::AddFOp>(l, v, half));
            Value extra = b.create<arith::SubFOp>(
                l, a, b.create<arith::MulFOp>(
                          l, b.create<math::FloorOp>(l, b.create<arith::DivFOp>(l, a, range)),
                          range));
            Value mirrored = b.create<arith::MinimumFOp>(
                l, extra, b.create<arith::SubFOp>(l, range, extra));
            if (!alignCorners)
              return clip(b.create<arith::SubFOp>(l, mirrored, half)).getResult();
            Value single = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, last, t.index(0));
            return b.create<arith::SelectOp>(l, single, t.f32(0), mirrored).getResult();
          };
          Value gx = coordinate(0, width), gy = coordinate(1, height);
          // X at the (float, integral) point, 0 outside the image.
          auto pixel = [&](Value py, Value px) {
            Value ix = b.create<arith::FPToSIOp>(l, b.getI32Type(), px);
            Value iy = b.create<arith::FPToSIOp>(l, b.getI32Type(), py);
            auto index = [&](Value i) {
              return b.create<arith::IndexCastOp>(l, b.getIndexType(), i).getResult();
            };
            Value xi = index(ix), yi = index(iy);
            Value zero = t.index(0);
            Value lastX = b.create<arith::SubIOp>(l, width, t.index(1));
            Value lastY = b.create<arith::SubIOp>(l, height, t.index(1));
            auto inside = [&](Value i, Value lastI) {
              return b.create<arith::AndIOp>(
                  l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, i, zero),
                  b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sle, i, lastI));
            };
            Value in = b.create<arith::AndIOp>(l, inside(xi, lastX), inside(yi, lastY));
            Value v = b.create<tensor::ExtractOp>(
                l, x, ValueRange{at[0], at[1], t.clamp(yi, zero, lastY),
                                 t.clamp(xi, zero, lastX)});
            return b.create<arith::SelectOp>(l, in, v, t.f32(0)).getResult();
          };
          if (!bilinear)
            return pixel(b.create<math::RoundOp>(l, gy), b.create<math::RoundOp>(l, gx));
          Value one = t.f32(1);
          Value xw = b.create<math::FloorOp>(l, gx), xe = b.create<arith::AddFOp>(l, xw, one);
          Value yn = b.create<math::FloorOp>(l, gy), ys = b.create<arith::AddFOp>(l, yn, one);
          Value dw = b.create<arith::SubFOp>(l, gx, xw), de = b.create<arith::SubFOp>(l, xe, gx);
          Value dn = b.create<arith::SubFOp>(l, gy, yn), ds = b.create<arith::SubFOp>(l, ys, gy);
          auto term = [&](Value v, Value wx, Value wy) {
            return b.create<arith::MulFOp>(l, b.create<arith::MulFOp>(l, v, wx), wy)
                .getResult();
          };
          Value sum = term(pixel(yn, xw), de, ds);
          sum = b.create<arith::AddFOp>(l, sum, term(pixel(yn, xe), dw, ds));
          sum = b.create<arith::AddFOp>(l, sum, term(pixel(ys, xw), de, dn));
          sum = b.create<arith::AddFOp>(l, sum, term(pixel(ys, xe), dw, dn));
          return sum;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateInterpolationLowering(RewritePatternSet &patterns) {
  patterns.add<LowerInterp<NearestInterpV2Op>, LowerInterp<BilinearInterpV2Op>,
               LowerGridSample>(
      patterns.getContext());
}

//===- LowerInterpolation.cpp - resizing and sampling grids ---------------===//
//
// The v2 interpolation ops (nearest, linear, bilinear, bicubic, trilinear)
// as Paddle's CPU kernels compute them: the output size from SizeTensor,
// else OutSize, else the `scale` attribute, else out_d/out_h/out_w; each
// output pixel's source from a ratio kept in float (the half-pixel offsets
// in double, as Paddle's C++ promotes them), its source pixels combined in
// Paddle's order. Every output element reads its source pixels with
// tensor.extract, clamped into the image. Batch and spatial dims may be
// dynamic. grid_sample and affine_grid, the two halves of a spatial
// transformer, are here too.
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
  Value toFloat(Value i, Type t) { return indexToFloat(b, loc, i, t); }
  /// C's truncating float-to-int conversion, as an index.
  Value toIndex(Value f) {
    Value i64 = b.create<arith::FPToSIOp>(loc, b.getI64Type(), f);
    return b.create<arith::IndexCastOp>(loc, b.getIndexType(), i64);
  }
  Value clamp(Value i, Value lo, Value hi) {
    return b.create<arith::MinSIOp>(loc, b.create<arith::MaxSIOp>(loc, i, lo), hi);
  }
};

/// How an interpolation op combines its source pixels.
enum class Method { Nearest, Linear, Cubic };

/// Keys' cubic convolution weights (A = -0.75) of the four source pixels
/// around a point at fraction t past the second, in float as Paddle's
/// get_cubic_upsample_coefficients computes them.
void cubicWeights(Scalars &t, Value frac, Value (&w)[4]) {
  OpBuilder &b = t.b;
  Location l = t.loc;
  Value a = t.f32(-0.75);
  auto add = [&](Value x, Value y) { return b.create<arith::AddFOp>(l, x, y).getResult(); };
  auto sub = [&](Value x, Value y) { return b.create<arith::SubFOp>(l, x, y).getResult(); };
  auto mul = [&](Value x, Value y) { return b.create<arith::MulFOp>(l, x, y).getResult(); };
  // ((A + 2) x - (A + 3)) x x + 1, for |x| < 1.
  auto near = [&](Value x) {
    return add(mul(mul(sub(mul(t.f32(-0.75 + 2), x), t.f32(-0.75 + 3)), x), x), t.f32(1));
  };
  // ((A x - 5 A) x + 8 A) x - 4 A, for 1 <= |x| < 2.
  auto far = [&](Value x) {
    return sub(mul(add(mul(sub(mul(a, x), t.f32(-0.75 * 5)), x), t.f32(-0.75 * 8)), x),
               t.f32(-0.75 * 4));
  };
  Value one = t.f32(1);
  Value rest = sub(one, frac);
  w[0] = far(add(frac, one));
  w[1] = near(frac);
  w[2] = near(rest);
  w[3] = far(add(rest, one));
}

/// The interpolation ops over 1 (linear), 2 (nearest, bilinear, bicubic;
/// fluid's v1 nearest and bilinear) or 3 (nearest, trilinear) spatial dims.
template <typename OpTy>
struct LowerInterp : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  static std::pair<StringRef, Method> expected() {
    if (std::is_same_v<OpTy, LinearInterpV2Op>)
      return {"linear", Method::Linear};
    if (std::is_same_v<OpTy, BilinearInterpV2Op> ||
        std::is_same_v<OpTy, BilinearInterpOp>)
      return {"bilinear", Method::Linear};
    if (std::is_same_v<OpTy, TrilinearInterpV2Op>)
      return {"trilinear", Method::Linear};
    if (std::is_same_v<OpTy, BicubicInterpV2Op>)
      return {"bicubic", Method::Cubic};
    return {"nearest", Method::Nearest};
  }

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank(), spatial = rank - 2;
    auto [name, method] = expected();
    StringRef given = strAttr(op, "interp_method", "");
    if (given != name)
      return op->emitOpError("interp_method '") << given << "' has no lowering";
    ValueRange sizeTensor = adaptor.getSizeTensor();
    if (sizeTensor.empty() && adaptor.getScale_())
      return op->emitOpError("with a Scale input has no lowering (the size as "
                             "SizeTensor, OutSize, `scale` or out_h/out_w has)");
    if (spatial < 1 || spatial > 3 || !isa<FloatType>(type.getElementType()))
      return op->emitOpError("needs a 3-, 4- or 5-D float input");
    StringRef layout = strAttr(op, "data_layout", "NCHW");
    bool channelLast = layout == "NHWC" || layout == "NWC" || layout == "NDHWC";
    if (!channelLast && layout != "NCHW" && layout != "NCW" && layout != "NCDHW" &&
        layout != "AnyLayout")
      return op->emitOpError("has an unknown data_layout");
    int64_t h = channelLast ? 1 : 2; // the first spatial dim
    bool alignCorners = boolAttr(op, "align_corners", false);
    bool alignFlag = intAttr(op, "align_mode", 1) == 0 && !alignCorners;
    Scalars s{rewriter, loc};
    Type f32 = rewriter.getF32Type(), f64 = rewriter.getF64Type();

    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    // SizeTensor comes first, and then Paddle reads no scale at all.
    SmallVector<OpFoldResult> sized;
    if (!sizeTensor.empty()) {
      FailureOr<SmallVector<OpFoldResult>> given = integersFromTensors(
          rewriter, loc, op, Value(), sizeTensor, spatial, "SizeTensor");
      if (failed(given))
        return failure();
      sized = *given;
    }
    FailureOr<SmallVector<double>> scales = shape::interpolationScales(op, spatial);
    if (failed(scales))
      return failure();
    SmallVector<double> scale = *scales;
    bool scaled = sized.empty() && !scale.empty();
    static const char *const names[] = {"out_d", "out_h", "out_w"};
    SmallVector<Value, 3> in(spatial), out(spatial), ratio(spatial);
    for (int64_t i = 0; i < spatial; ++i) {
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
        int64_t attr = intAttr(op, names[3 - spatial + i], -1);
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
    for (int64_t i = 0; i < spatial; ++i)
      outDims[h + i] = getAsOpFoldResult(out[i]);
    Value resized = generateElements(
        rewriter, loc, outDims, type.getElementType(),
        [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Scalars t{b, l};
          Value zero = t.index(0);
          auto read = [&](ArrayRef<Value> src) {
            SmallVector<Value> idx(at.begin(), at.end());
            for (int64_t i = 0; i < spatial; ++i)
              idx[h + i] = src[i];
            return b.create<tensor::ExtractOp>(l, x, idx).getResult();
          };
          auto last = [&](int64_t i) {
            return b.create<arith::SubIOp>(l, in[i], t.index(1)).getResult();
          };
          if (method == Method::Nearest) {
            SmallVector<Value, 3> src(spatial);
            for (int64_t i = 0; i < spatial; ++i) {
              Value k = t.toFloat(at[h + i], f32);
              Value p = b.create<arith::MulFOp>(l, ratio[i], k);
              if (alignCorners)
                p = b.create<arith::AddFOp>(l, p, t.f32(0.5));
              src[i] = t.clamp(t.toIndex(p), zero, last(i));
            }
            return read(src);
          }
          if (method == Method::Cubic)
            return cubic(t, at, h, read, ratio, in, alignCorners);
          // Per axis: the two source rows and their weights.
          SmallVector<Value, 3> lo(spatial), hi(spatial), wLo(spatial), wHi(spatial);
          for (int64_t i = 0; i < spatial; ++i) {
            Value k = t.toFloat(at[h + i], f64);
            Value r64 = b.create<arith::ExtFOp>(l, f64, ratio[i]);
            Value half = b.create<arith::SubFOp>(
                l, b.create<arith::MulFOp>(
                       l, r64, b.create<arith::AddFOp>(l, k, t.f64(0.5))),
                t.f64(0.5));
            Value scaledK = b.create<arith::MulFOp>(l, ratio[i],
                                                    t.toFloat(at[h + i], f32));
            Value first = alignFlag ? t.toIndex(half) : t.toIndex(scaledK);
            lo[i] = t.clamp(first, zero, last(i));
            hi[i] = b.create<arith::MinSIOp>(
                l, b.create<arith::AddIOp>(l, lo[i], t.index(1)), last(i));
            Value src = b.create<arith::MaximumFOp>(
                l, b.create<arith::TruncFOp>(l, f32, half), t.f32(0));
            Value loF = t.toFloat(lo[i], f32);
            wHi[i] = alignFlag ? b.create<arith::SubFOp>(l, src, loF)
                               : b.create<arith::SubFOp>(l, scaledK, loF);
            wLo[i] = b.create<arith::SubFOp>(l, t.f32(1), wHi[i]);
          }
          // Paddle's order: each corner's value times its weights in axis
          // order, the corners summed with the first axis varying fastest
          // (bilinear) or the last (linear, trilinear).
          Value sum;
          for (int64_t corner = 0; corner < (int64_t(1) << spatial); ++corner) {
            auto high = [&](int64_t i) {
              return (corner >> (spatial == 2 ? i : spatial - 1 - i)) & 1;
            };
            SmallVector<Value, 3> src(spatial);
            for (int64_t i = 0; i < spatial; ++i)
              src[i] = high(i) ? hi[i] : lo[i];
            Value term = read(src);
            for (int64_t i = 0; i < spatial; ++i)
              term = b.create<arith::MulFOp>(l, term, high(i) ? wHi[i] : wLo[i]);
            sum = sum ? b.create<arith::AddFOp>(l, sum, term).getResult() : term;
          }
          return sum;
        });
    return replaceWithPrimaryResult(rewriter, op, resized);
  }

  /// bicubic_interp_v2 at one output pixel, as Paddle's CPU kernel: per
  /// axis the source point (ratio * k with align_corners, else
  /// ratio * (k + 0.5) - 0.5 in double), its floor and fraction; four rows
  /// interpolated along the width, then the four results along the height,
  /// every source index clamped into the image.
  template <typename Read>
  static Value cubic(Scalars &t, ValueRange at, int64_t h, Read &read,
                     ArrayRef<Value> ratio, ArrayRef<Value> in, bool alignCorners) {
    OpBuilder &b = t.b;
    Location l = t.loc;
    Type f32 = b.getF32Type(), f64 = b.getF64Type();
    Value base[2], w[2][4];
    for (int i = 0; i < 2; ++i) {
      Value k = at[h + i];
      Value src;
      if (alignCorners) {
        src = b.create<arith::MulFOp>(l, ratio[i], t.toFloat(k, f32));
      } else {
        Value r64 = b.create<arith::ExtFOp>(l, f64, ratio[i]);
        Value p = b.create<arith::SubFOp>(
            l, b.create<arith::MulFOp>(l, r64, b.create<arith::AddFOp>(l, t.toFloat(k, f64), t.f64(0.5))),
            t.f64(0.5));
        src = b.create<arith::TruncFOp>(l, f32, p);
      }
      Value floor = b.create<math::FloorOp>(l, src);
      base[i] = t.toIndex(floor);
      cubicWeights(t, b.create<arith::SubFOp>(l, src, floor), w[i]);
    }
    auto clampAt = [&](int i, int64_t offset) {
      Value v = b.create<arith::AddIOp>(l, base[i], t.index(offset));
      return t.clamp(v, t.index(0), b.create<arith::SubIOp>(l, in[i], t.index(1)));
    };
    auto combine = [&](Value (&v)[4], Value (&weights)[4]) {
      Value sum = b.create<arith::MulFOp>(l, v[0], weights[0]);
      for (int j = 1; j < 4; ++j)
        sum = b.create<arith::AddFOp>(l, sum, b.create<arith::MulFOp>(l, v[j], weights[j]));
      return sum;
    };
    Value rows[4];
    for (int r = 0; r < 4; ++r) {
      Value y = clampAt(0, r - 1), v[4];
      for (int c = 0; c < 4; ++c)
        v[c] = read(ArrayRef<Value>{y, clampAt(1, c - 1)});
      rows[r] = combine(v, w[1]);
    }
    return combine(rows, w[0]);
  }
};

/// grid_sampler of a 4-D or 5-D X, per output element as Paddle's CPU
/// kernel computes it: each grid coordinate (x for the last dim, then y,
/// then z) unnormalized ((g + 1) * (size - 1) / 2 with align_corners,
/// (g + 1) * size / 2 - 0.5 without), then clipped (border) or reflected
/// (reflection); bilinear (trilinear for 5-D) from the neighbours, each
/// corner's value times its x, y (and z) weights, the corners summed with
/// x varying fastest, a neighbour outside the image reading 0; nearest
/// rounding half away from zero, then 0 outside the image (Paddle 2.6's
/// 5-D kernel tested the point before rounding; 3.3 rounds first).
struct LowerGridSample : OpConversionPattern<GridSamplerOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GridSamplerOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), grid = adaptor.getGrid();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    if (rank != 4 && rank != 5)
      return op->emitOpError("of a ") << rank << "-D input has no lowering (4-D and 5-D only)";
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
    const int64_t spatial = rank - 2;
    Type f32 = rewriter.getF32Type();
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> gridDims = dimsOf(rewriter, loc, grid);
    SmallVector<OpFoldResult> outDims{gridDims[0], xDims[1]};
    outDims.append(gridDims.begin() + 1, gridDims.begin() + 1 + spatial);
    // The size of the dim each grid component addresses: x the last.
    SmallVector<Value, 3> sizes;
    for (int64_t c = 0; c < spatial; ++c)
      sizes.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, xDims[rank - 1 - c]));
    Value out = generateElements(
        rewriter, loc, outDims, f32,
        [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Scalars t{b, l};
          // One coordinate: unnormalized, then padded.
          auto coordinate = [&](int64_t which, Value size) {
            SmallVector<Value> gridAt{at[0]};
            gridAt.append(at.begin() + 2, at.end());
            gridAt.push_back(t.index(which));
            Value g = b.create<tensor::ExtractOp>(l, grid, gridAt);
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
          SmallVector<Value, 3> g;
          for (int64_t c = 0; c < spatial; ++c)
            g.push_back(coordinate(c, sizes[c]));
          Value zero = t.index(0);
          // X at a point of integral floats (one per component), 0 outside
          // the image.
          auto pixel = [&](ArrayRef<Value> point) {
            SmallVector<Value> xAt(rank);
            xAt[0] = at[0];
            xAt[1] = at[1];
            Value in;
            for (int64_t c = 0; c < spatial; ++c) {
              Value i = b.create<arith::IndexCastOp>(
                  l, b.getIndexType(), b.create<arith::FPToSIOp>(l, b.getI32Type(), point[c]));
              Value last = b.create<arith::SubIOp>(l, sizes[c], t.index(1));
              Value inside = b.create<arith::AndIOp>(
                  l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, i, zero),
                  b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sle, i, last));
              in = in ? b.create<arith::AndIOp>(l, in, inside).getResult() : inside;
              xAt[rank - 1 - c] = t.clamp(i, zero, last);
            }
            Value v = b.create<tensor::ExtractOp>(l, x, xAt);
            return b.create<arith::SelectOp>(l, in, v, t.f32(0)).getResult();
          };
          if (!bilinear) {
            SmallVector<Value, 3> rounded;
            for (Value v : g)
              rounded.push_back(b.create<math::RoundOp>(l, v));
            return pixel(rounded);
          }
          // Per component: the low and high neighbours and the distances
          // to them; a corner at the low one weighs the distance to the
          // high one, and the other way round.
          Value one = t.f32(1);
          SmallVector<Value, 3> low, high, toLow, toHigh;
          for (int64_t c = 0; c < spatial; ++c) {
            low.push_back(b.create<math::FloorOp>(l, g[c]));
            high.push_back(b.create<arith::AddFOp>(l, low[c], one));
            toLow.push_back(b.create<arith::SubFOp>(l, g[c], low[c]));
            toHigh.push_back(b.create<arith::SubFOp>(l, high[c], g[c]));
          }
          Value sum;
          for (int64_t corner = 0; corner < (int64_t(1) << spatial); ++corner) {
            SmallVector<Value, 3> point;
            for (int64_t c = 0; c < spatial; ++c)
              point.push_back((corner >> c) & 1 ? high[c] : low[c]);
            Value term = pixel(point);
            for (int64_t c = 0; c < spatial; ++c)
              term = b.create<arith::MulFOp>(l, term, (corner >> c) & 1 ? toLow[c] : toHigh[c]);
            sum = sum ? b.create<arith::AddFOp>(l, sum, term).getResult() : term;
          }
          return sum;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

/// affine_grid as Paddle's CPU kernel computes it: per spatial dim of size
/// n the coordinates start + i * slice in float (start -1 and slice
/// 2 / (n - 1) with align_corners; else start -(n - 1) / n and slice 2 / n),
/// then (x, y[, z], 1) times each row of Theta, the terms summed in that
/// order.
struct LowerAffineGrid : OpConversionPattern<AffineGridOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AffineGridOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value theta = adaptor.getTheta();
    auto type = cast<RankedTensorType>(theta.getType());
    Type element = type.getElementType();
    if (!isa<FloatType>(element) || type.getRank() != 3 || ShapedType::isDynamic(type.getDimSize(1)))
      return op->emitOpError("is lowered for a float Theta [N, 2, 3] or [N, 3, 4] only");
    int64_t s = type.getDimSize(1);
    SmallVector<OpFoldResult> shape;
    if (Value tensor = adaptor.getOutputShape_()) {
      FailureOr<SmallVector<OpFoldResult>> given =
          integersFromTensors(rewriter, loc, op, tensor, {}, s + 2, "OutputShape");
      if (failed(given))
        return failure();
      shape = *given;
    } else {
      shape = indexConstants(rewriter, intsAttr(op, "output_shape"));
    }
    if (int64_t(shape.size()) != s + 2)
      return op->emitOpError("output_shape has ") << shape.size() << " values, not " << s + 2;
    bool align = boolAttr(op, "align_corners", true);
    SmallVector<OpFoldResult> dims{dimsOf(rewriter, loc, theta)[0]};
    dims.append(shape.begin() + 2, shape.end());
    dims.push_back(rewriter.getIndexAttr(s));
    Value grid = generateElements(
        rewriter, loc, dims, element, [&](OpBuilder &b, Location l, ValueRange at) -> Value {
          Scalars c{b, l};
          auto f = [&](double v) { return constantOf(b, l, element, v); };
          // The coordinate along spatial dim d (0 is D or H), of size n.
          auto coordinate = [&](int64_t d) -> Value {
            Value n = c.toFloat(getValueOrCreateConstantIndexOp(b, l, dims[1 + d]), element);
            Value nMinus1 = b.create<arith::SubFOp>(l, n, f(1));
            Value start = f(-1), slice;
            if (align) {
              slice = b.create<arith::DivFOp>(l, f(2), nMinus1);
            } else {
              slice = b.create<arith::DivFOp>(l, f(2), n);
              start = b.create<arith::MulFOp>(l, start, b.create<arith::DivFOp>(l, nMinus1, n));
            }
            return b.create<arith::AddFOp>(
                l, start, b.create<arith::MulFOp>(l, c.toFloat(at[1 + d], element), slice));
          };
          // (x, y[, z], 1): x runs along the last spatial dim.
          SmallVector<Value> point;
          for (int64_t d = s - 1; d >= 0; --d)
            point.push_back(coordinate(d));
          Value row = at[1 + s];
          Value sum = f(0);
          for (int64_t k = 0; k <= s; ++k) {
            Value t = b.create<tensor::ExtractOp>(
                l, theta, ValueRange{at[0], row, c.index(k)});
            sum = b.create<arith::AddFOp>(
                l, sum, k < s ? b.create<arith::MulFOp>(l, point[k], t).getResult() : t);
          }
          return sum;
        });
    return replaceWithPrimaryResult(rewriter, op, grid);
  }
};

void pd::cpu::populateInterpolationLowering(RewritePatternSet &patterns) {
  patterns.add<LowerInterp<NearestInterpV2Op>, LowerInterp<LinearInterpV2Op>,
               LowerInterp<BilinearInterpV2Op>, LowerInterp<BicubicInterpV2Op>,
               LowerInterp<TrilinearInterpV2Op>, LowerInterp<NearestInterpOp>,
               LowerInterp<BilinearInterpOp>, LowerGridSample, LowerAffineGrid>(
      patterns.getContext());
}

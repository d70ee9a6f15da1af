//===- LowerConvolution.cpp - conv2d, depthwise_conv2d, pool2d -> linalg --===//
//
// Both are linalg.generic ops over output positions and window offsets.
// Convolution is written once, grouped ([N, G, C/G, H, W] input, [G, F/G,
// C/G, KH, KW] filter), which covers plain (G = 1) and depthwise (C/G = 1)
// convolution alike (the generic fallback: FormKernels takes the NHWC
// convolutions); its spatial dims must be static. Pooling takes any
// height and width.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Dialect/ShapeRules.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// Padding of one spatial dim: before and after.
struct Pads {
  int64_t low = 0, high = 0;
};

/// Paddle's paddings ([h, w] or [top, bottom, left, right]) under
/// padding_algorithm (EXPLICIT, SAME, VALID) for a window of `kernel`
/// (dilated) sizes.
FailureOr<SmallVector<Pads>> paddingsOf(Operation *op, ArrayRef<int64_t> in,
                                        ArrayRef<int64_t> kernel,
                                        ArrayRef<int64_t> strides) {
  StringRef algorithm = strAttr(op, "padding_algorithm", "EXPLICIT");
  SmallVector<Pads> pads(2);
  if (algorithm == "VALID")
    return pads;
  if (algorithm == "SAME") {
    for (int i = 0; i < 2; ++i) {
      int64_t out = (in[i] + strides[i] - 1) / strides[i];
      int64_t total =
          std::max<int64_t>((out - 1) * strides[i] + kernel[i] - in[i], 0);
      pads[i] = {total / 2, total - total / 2};
    }
    return pads;
  }
  SmallVector<int64_t> p = intsAttr(op, "paddings", {0, 0});
  if (p.size() == 2)
    pads = {{p[0], p[0]}, {p[1], p[1]}};
  else if (p.size() == 4)
    pads = {{p[0], p[1]}, {p[2], p[3]}};
  else
    return op->emitOpError("paddings must have 2 or 4 values");
  return pads;
}

//===----------------------------------------------------------------------===//
// Index arithmetic on sizes that may be dynamic: folded when both are known.
//===----------------------------------------------------------------------===//

struct SizeMath {
  OpBuilder &b;
  Location loc;

  OpFoldResult apply(OpFoldResult x, OpFoldResult y,
                     function_ref<int64_t(int64_t, int64_t)> fold,
                     function_ref<Value(Value, Value)> build) {
    std::optional<int64_t> cx = getConstantIntValue(x), cy = getConstantIntValue(y);
    if (cx && cy)
      return b.getIndexAttr(fold(*cx, *cy));
    return build(getValueOrCreateConstantIndexOp(b, loc, x),
                 getValueOrCreateConstantIndexOp(b, loc, y));
  }
  OpFoldResult add(OpFoldResult x, OpFoldResult y) {
    return apply(x, y, [](int64_t p, int64_t q) { return p + q; },
                 [&](Value p, Value q) { return b.create<arith::AddIOp>(loc, p, q); });
  }
  OpFoldResult sub(OpFoldResult x, OpFoldResult y) {
    return apply(x, y, [](int64_t p, int64_t q) { return p - q; },
                 [&](Value p, Value q) { return b.create<arith::SubIOp>(loc, p, q); });
  }
  OpFoldResult mul(OpFoldResult x, OpFoldResult y) {
    return apply(x, y, [](int64_t p, int64_t q) { return p * q; },
                 [&](Value p, Value q) { return b.create<arith::MulIOp>(loc, p, q); });
  }
  /// Floor division, for a non-negative x.
  OpFoldResult div(OpFoldResult x, OpFoldResult y) {
    return apply(x, y, [](int64_t p, int64_t q) { return p / q; },
                 [&](Value p, Value q) { return b.create<arith::DivSIOp>(loc, p, q); });
  }
  OpFoldResult max(OpFoldResult x, OpFoldResult y) {
    return apply(x, y, [](int64_t p, int64_t q) { return std::max(p, q); },
                 [&](Value p, Value q) { return b.create<arith::MaxSIOp>(loc, p, q); });
  }
  OpFoldResult idx(int64_t v) { return b.getIndexAttr(v); }
};

/// x padded by `low` before and `high` after in its spatial dims `first`
/// and `first + 1` (a dynamic high pad: ceil-mode pooling of a dynamic
/// size).
Value padSpatial(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> low2,
                 ArrayRef<OpFoldResult> high2, double value, int64_t first) {
  if (llvm::all_of(low2, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high2, [](OpFoldResult p) { return isConstantIntValue(p, 0); }))
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> low(rank, b.getIndexAttr(0));
  for (int i = 0; i < 2; ++i)
    low[first + i] = b.getIndexAttr(low2[i]);
  // A filled tensor with x inserted: this bufferizes more simply than
  // tensor.pad.
  SizeMath m{b, loc};
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, x);
  for (int i = 0; i < 2; ++i)
    dims[first + i] = m.add(dims[first + i], m.add(m.idx(low2[i]), high2[i]));
  Value filled =
      b.create<linalg::FillOp>(
           loc, constantOf(b, loc, type.getElementType(), value),
           emptyTensor(b, loc, dims, type.getElementType()))
          .getResult(0);
  SmallVector<OpFoldResult> sizes = dimsOf(b, loc, x);
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  return b.create<tensor::InsertSliceOp>(loc, x, filled, low, sizes, strides);
}

/// x padded by static `pads` in its spatial dims `first` and `first + 1`.
Value padSpatial(OpBuilder &b, Location loc, Value x, ArrayRef<Pads> pads,
                 double value, int64_t first) {
  return padSpatial(b, loc, x, {pads[0].low, pads[1].low},
                    {b.getIndexAttr(pads[0].high), b.getIndexAttr(pads[1].high)},
                    value, first);
}

Value expand(OpBuilder &b, Location loc, Value x,
             ArrayRef<ReassociationIndices> groups,
             ArrayRef<OpFoldResult> sizes) {
  SmallVector<int64_t> shape;
  for (OpFoldResult s : sizes)
    shape.push_back(getConstantIntValue(s).value_or(ShapedType::kDynamic));
  auto type = cast<RankedTensorType>(x.getType());
  return b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), x, groups,
      sizes);
}

bool isNCHW(Operation *op, StringRef attr) {
  StringRef layout = strAttr(op, attr, "NCHW");
  return layout == "NCHW" || layout == "AnyLayout";
}

/// For an error that needs static dims: the model's inputs with dynamic
/// dims past the batch, and the option that fixes them.
std::string inputSpecHint(Operation *op) {
  auto func = op->getParentOfType<func::FuncOp>();
  std::string hint;
  for (unsigned i = 0; func && i < func.getNumArguments(); ++i) {
    auto name = func.getArgAttrOfType<StringAttr>(i, PdDialect::kNameArgAttrName);
    auto type = dyn_cast<RankedTensorType>(func.getArgument(i).getType());
    if (!name || !type || type.getRank() < 2 ||
        llvm::none_of(type.getShape().drop_front(), ShapedType::isDynamic))
      continue;
    std::string dims;
    for (int64_t d : paddleDims(type.getShape()))
      dims += (dims.empty() ? "" : "x") + std::to_string(d);
    hint += (hint.empty() ? "" : ", ") + ("'" + name.getValue() + "' (" + dims + ")").str();
  }
  if (hint.empty())
    return "";
  return "; give the size of input " + hint +
         " with --input-spec NAME:DIMS[:DTYPE]";
}

/// The grouped NCHW convolution both conv2d and conv2d_transpose end in:
/// input [N, G, C/G, H, W] (padded), filter [G, F/G, C/G, KH, KW], output
/// [N, F, OH, OW] with `outDims` = {N, G, F/G, OH, OW}; loops n, g, f, oh,
/// ow | c, kh, kw.
Value groupedConvolution(OpBuilder &b, Location loc, Value input, Value filter,
                         ArrayRef<OpFoldResult> outDims,
                         ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  Type element = cast<RankedTensorType>(input.getType()).getElementType();
  Value init = b.create<linalg::FillOp>(loc, constantOf(b, loc, element, 0),
                                        emptyTensor(b, loc, outDims, element))
                   .getResult(0);
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineMap> maps{
      AffineMap::get(8, 0,
                     {d(0), d(1), d(5), d(3) * strides[0] + d(6) * dilations[0],
                      d(4) * strides[1] + d(7) * dilations[1]},
                     ctx),
      AffineMap::get(8, 0, {d(1), d(2), d(5), d(6), d(7)}, ctx),
      AffineMap::get(8, 0, {d(0), d(1), d(2), d(3), d(4)}, ctx)};
  SmallVector<utils::IteratorType> iterators(5, utils::IteratorType::parallel);
  iterators.append(3, utils::IteratorType::reduction);
  Value conv = b.create<linalg::GenericOp>(
                    loc, init.getType(), ValueRange{input, filter}, init, maps,
                    iterators,
                    [](OpBuilder &nb, Location l, ValueRange a) {
                      Value p = nb.create<arith::MulFOp>(l, a[0], a[1]);
                      nb.create<linalg::YieldOp>(
                          l, nb.create<arith::AddFOp>(l, a[2], p).getResult());
                    })
                   .getResult(0);
  return b.create<tensor::CollapseShapeOp>(
      loc, conv, SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
}

template <typename OpTy>
struct LowerConv2d : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput(), filter = adaptor.getFilter();
    if (adaptor.getBias() || adaptor.getResidualData())
      return op->emitOpError("with Bias or ResidualData has no lowering");
    if (!isNCHW(op, "data_format"))
      return op->emitOpError("in NHWC layout has no lowering");
    auto it = cast<RankedTensorType>(input.getType());
    auto ft = cast<RankedTensorType>(filter.getType());
    if (it.getRank() != 4 || ft.getRank() != 4 || !ft.hasStaticShape() ||
        it.isDynamicDim(1) || it.isDynamicDim(2) || it.isDynamicDim(3) ||
        !isa<FloatType>(it.getElementType()))
      return op->emitOpError("needs static channel and spatial dims")
             << inputSpecHint(op);
    int64_t groups = intAttr(op, "groups", 1);
    int64_t c = it.getDimSize(1), f = ft.getDimSize(0);
    if (groups < 1 || c % groups || f % groups || ft.getDimSize(1) != c / groups)
      return op->emitOpError("groups do not divide the channels");
    SmallVector<int64_t> strides = intsAttr(op, "strides", {1, 1});
    SmallVector<int64_t> dilations = intsAttr(op, "dilations", {1, 1});
    if (strides.size() != 2 || dilations.size() != 2)
      return op->emitOpError("strides and dilations must have 2 values");
    int64_t kernel[2] = {ft.getDimSize(2), ft.getDimSize(3)};
    int64_t span[2] = {(kernel[0] - 1) * dilations[0] + 1,
                       (kernel[1] - 1) * dilations[1] + 1};
    int64_t spatial[2] = {it.getDimSize(2), it.getDimSize(3)};
    FailureOr<SmallVector<Pads>> pads = paddingsOf(op, spatial, span, strides);
    if (failed(pads))
      return failure();
    int64_t out[2];
    for (int i = 0; i < 2; ++i)
      out[i] = (spatial[i] + (*pads)[i].low + (*pads)[i].high - span[i]) /
                   strides[i] + 1;

    Value padded = padSpatial(rewriter, loc, input, *pads, 0, /*first=*/2);
    SmallVector<OpFoldResult> inDims = dimsOf(rewriter, loc, padded);
    int64_t cg = c / groups, fg = f / groups;
    auto idx = [&](int64_t v) { return OpFoldResult(rewriter.getIndexAttr(v)); };
    Value grouped = expand(rewriter, loc, padded, {{0}, {1, 2}, {3}, {4}},
                           {inDims[0], idx(groups), idx(cg), inDims[2], inDims[3]});
    Value groupedFilter =
        expand(rewriter, loc, filter, {{0, 1}, {2}, {3}, {4}},
               {idx(groups), idx(fg), idx(cg), idx(kernel[0]), idx(kernel[1])});
    Value result = groupedConvolution(
        rewriter, loc, grouped, groupedFilter,
        {inDims[0], idx(groups), idx(fg), idx(out[0]), idx(out[1])}, strides,
        dilations);
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

/// Adaptive pooling of `x` (spatial dims from `h`) to `out`, as Paddle
/// computes it: output (i, j) takes the rows [floor(i H / OH),
/// ceil((i + 1) H / OH)) and the columns likewise, their max or mean. One
/// loop nest per output element; the windows may overlap and differ in
/// size, and H and W may be dynamic.
Value adaptivePool(OpBuilder &b, Location loc, Value x,
                   ArrayRef<OpFoldResult> dims, int64_t h,
                   std::array<int64_t, 2> out, bool isMax) {
  auto type = cast<RankedTensorType>(x.getType());
  Type element = type.getElementType();
  Value in[2] = {getValueOrCreateConstantIndexOp(b, loc, dims[h]),
                 getValueOrCreateConstantIndexOp(b, loc, dims[h + 1])};
  SmallVector<OpFoldResult> outDims(dims);
  outDims[h] = b.getIndexAttr(out[0]);
  outDims[h + 1] = b.getIndexAttr(out[1]);
  Value init = emptyTensor(b, loc, outDims, element);
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), ValueRange{}, init, maps, iterators,
          [&](OpBuilder &nb, Location l, ValueRange) {
            SmallVector<Value> at;
            for (int64_t i = 0; i < rank; ++i)
              at.push_back(nb.create<linalg::IndexOp>(l, i));
            Value one = nb.create<arith::ConstantIndexOp>(l, 1);
            Value begin[2], end[2];
            for (int i = 0; i < 2; ++i) {
              Value o = nb.create<arith::ConstantIndexOp>(l, out[i]);
              Value k = at[h + i];
              begin[i] = nb.create<arith::DivUIOp>(
                  l, nb.create<arith::MulIOp>(l, k, in[i]), o);
              Value next = nb.create<arith::MulIOp>(
                  l, nb.create<arith::AddIOp>(l, k, one), in[i]);
              Value oMinusOne = nb.create<arith::ConstantIndexOp>(l, out[i] - 1);
              end[i] = nb.create<arith::DivUIOp>(
                  l, nb.create<arith::AddIOp>(l, next, oMinusOne), o);
            }
            Value acc = constantOf(nb, l, element, isMax ? -INFINITY : 0.0);
            auto rows = nb.create<scf::ForOp>(
                l, begin[0], end[0], one, ValueRange{acc},
                [&](OpBuilder &rb, Location rl, Value y, ValueRange rowAcc) {
                  auto cols = rb.create<scf::ForOp>(
                      rl, begin[1], end[1], one, rowAcc,
                      [&](OpBuilder &cb, Location cl, Value xv, ValueRange a) {
                        SmallVector<Value> idx = at;
                        idx[h] = y;
                        idx[h + 1] = xv;
                        Value v = cb.create<tensor::ExtractOp>(cl, x, idx);
                        Value r = isMax ? cb.create<arith::MaximumFOp>(cl, a[0], v).getResult()
                                        : cb.create<arith::AddFOp>(cl, a[0], v).getResult();
                        cb.create<scf::YieldOp>(cl, r);
                      });
                  rb.create<scf::YieldOp>(rl, cols.getResults());
                });
            Value r = rows.getResult(0);
            if (!isMax) {
              Value count = nb.create<arith::MulIOp>(
                  l, nb.create<arith::SubIOp>(l, end[0], begin[0]),
                  nb.create<arith::SubIOp>(l, end[1], begin[1]));
              Value n = nb.create<arith::UIToFPOp>(
                  l, element, nb.create<arith::IndexCastUIOp>(l, nb.getI64Type(), count));
              r = nb.create<arith::DivFOp>(l, r, n);
            }
            nb.create<linalg::YieldOp>(l, r);
          })
      .getResult(0);
}

/// max_pool2d_with_index as Paddle's CPU kernel computes it, per output
/// element: the window (adaptive: [floor(k in / out), ceil((k + 1) in /
/// out)); else from k * stride - pad, clipped to the image), then its
/// elements row by row, a later one taken only when strictly greater (the
/// first maximum wins; from -FLT_MAX, position -1). Out is the maximum,
/// Mask its position h * W + w. NCHW; any batch, height and width.
struct LowerMaxPoolWithIndex : OpConversionPattern<MaxPool2dWithIndexOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPool2dWithIndexOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    auto outType = dyn_cast<RankedTensorType>(op.getOut().getType());
    if (type.getRank() != 4 || !type.getElementType().isF32() || !outType)
      return op->emitOpError("needs a 4-D f32 input");
    SmallVector<int64_t> ksize = intsAttr(op, "ksize", {});
    SmallVector<int64_t> strides = intsAttr(op, "strides", {1, 1});
    SmallVector<int64_t> pads = intsAttr(op, "paddings", {0, 0});
    bool global = boolAttr(op, "global_pooling", false);
    bool adaptive = boolAttr(op, "adaptive", false);
    if (ksize.size() != 2 || strides.size() != 2 || pads.size() != 2 ||
        strides[0] < 1 || strides[1] < 1)
      return op->emitOpError("ksize, strides and paddings must have 2 values "
                             "(strides positive)");
    if (adaptive && (ksize[0] < 1 || ksize[1] < 1))
      return op->emitOpError("adaptive pooling to an empty output");
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    Value in[2] = {getValueOrCreateConstantIndexOp(rewriter, loc, dims[2]),
                   getValueOrCreateConstantIndexOp(rewriter, loc, dims[3])};
    // The output's spatial dims: what shape inference computed where
    // static, else from the input at run time.
    SmallVector<OpFoldResult> outDims(dims.begin(), dims.begin() + 2);
    SizeMath m{rewriter, loc};
    bool ceil = boolAttr(op, "ceil_mode", false);
    for (int i = 0; i < 2; ++i) {
      if (!outType.isDynamicDim(2 + i)) {
        outDims.push_back(m.idx(outType.getDimSize(2 + i)));
        continue;
      }
      if (global || adaptive) {
        outDims.push_back(m.idx(global ? 1 : ksize[i]));
        continue;
      }
      OpFoldResult room = m.sub(m.add(dims[2 + i], m.idx(2 * pads[i])), m.idx(ksize[i]));
      if (ceil)
        room = m.add(room, m.idx(strides[i] - 1));
      outDims.push_back(m.add(m.div(room, m.idx(strides[i])), m.idx(1)));
    }
    Type f32 = rewriter.getF32Type(), i32 = rewriter.getI32Type();
    Value outInit = emptyTensor(rewriter, loc, outDims, f32);
    Value maskInit = emptyTensor(rewriter, loc, outDims, i32);
    SmallVector<AffineMap> maps(2, rewriter.getMultiDimIdentityMap(4));
    SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
    auto pooled = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{outInit.getType(), maskInit.getType()}, ValueRange{},
        ValueRange{outInit, maskInit}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> at;
          for (int64_t i = 0; i < 4; ++i)
            at.push_back(b.create<linalg::IndexOp>(l, i));
          auto index = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(l, v); };
          Value begin[2], end[2];
          for (int i = 0; i < 2; ++i) {
            Value k = at[2 + i];
            if (global) {
              begin[i] = index(0);
              end[i] = in[i];
            } else if (adaptive) {
              Value o = index(ksize[i]);
              begin[i] = b.create<arith::DivUIOp>(l, b.create<arith::MulIOp>(l, k, in[i]), o);
              Value next = b.create<arith::MulIOp>(
                  l, b.create<arith::AddIOp>(l, k, index(1)), in[i]);
              end[i] = b.create<arith::CeilDivUIOp>(l, next, o);
            } else {
              Value start = b.create<arith::SubIOp>(
                  l, b.create<arith::MulIOp>(l, k, index(strides[i])), index(pads[i]));
              end[i] = b.create<arith::MinSIOp>(
                  l, b.create<arith::AddIOp>(l, start, index(ksize[i])), in[i]);
              begin[i] = b.create<arith::MaxSIOp>(l, start, index(0));
            }
          }
          Value lowest = b.create<arith::ConstantOp>(
              l, b.getF32FloatAttr(-std::numeric_limits<float>::max()));
          Value none = b.create<arith::ConstantIndexOp>(l, -1);
          auto rows = b.create<scf::ForOp>(
              l, begin[0], end[0], index(1), ValueRange{lowest, none},
              [&](OpBuilder &rb, Location rl, Value y, ValueRange rowAcc) {
                auto cols = rb.create<scf::ForOp>(
                    rl, begin[1], end[1], rb.create<arith::ConstantIndexOp>(rl, 1), rowAcc,
                    [&](OpBuilder &cb, Location cl, Value xw, ValueRange a) {
                      Value v = cb.create<tensor::ExtractOp>(
                          cl, x, ValueRange{at[0], at[1], y, xw});
                      Value greater =
                          cb.create<arith::CmpFOp>(cl, arith::CmpFPredicate::OLT, a[0], v);
                      Value position = cb.create<arith::AddIOp>(
                          cl, cb.create<arith::MulIOp>(cl, y, in[1]), xw);
                      cb.create<scf::YieldOp>(
                          cl, ValueRange{cb.create<arith::SelectOp>(cl, greater, v, a[0]),
                                         cb.create<arith::SelectOp>(cl, greater, position,
                                                                    a[1])});
                    });
                rb.create<scf::YieldOp>(rl, cols.getResults());
              });
          Value mask = b.create<arith::IndexCastOp>(l, i32, rows.getResult(1));
          b.create<linalg::YieldOp>(l, ValueRange{rows.getResult(0), mask});
        });
    SmallVector<Value> results;
    for (auto [value, result] : llvm::zip(pooled.getResults(), op->getResults()))
      results.push_back(value.getType() == result.getType()
                            ? Value(value)
                            : Value(rewriter.create<tensor::CastOp>(loc, result.getType(),
                                                                    value)));
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// pool2d, max or average, either layout. Height and width may be dynamic
/// (one artifact for any image size); SAME padding needs them known.
struct LowerPool2d : OpConversionPattern<Pool2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Pool2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    // Dims: channels-first [N, C, H, W] or channels-last [N, H, W, C].
    bool nhwc = strAttr(op, "data_format", "NCHW") == "NHWC";
    if (!nhwc && !isNCHW(op, "data_format"))
      return op->emitOpError("has an unknown data_format");
    int64_t h = nhwc ? 1 : 2;
    if (type.getRank() != 4 || type.isDynamicDim(nhwc ? 3 : 1) ||
        !isa<FloatType>(type.getElementType()))
      return op->emitOpError("needs a rank-4 float input with a static "
                             "channel dim");
    bool dynamic = type.isDynamicDim(h) || type.isDynamicDim(h + 1);
    SizeMath m{rewriter, loc};
    SmallVector<OpFoldResult> inDims = dimsOf(rewriter, loc, x);
    OpFoldResult spatial[2] = {inDims[h], inDims[h + 1]};
    bool isMax = strAttr(op, "pooling_type", "max") == "max";
    SmallVector<int64_t> ksizeAttr = intsAttr(op, "ksize", {});
    SmallVector<int64_t> strides = intsAttr(op, "strides", {1, 1});
    if (ksizeAttr.size() != 2 || strides.size() != 2 || strides[0] < 1 ||
        strides[1] < 1)
      return op->emitOpError("ksize and strides must have 2 values");
    OpFoldResult ksize[2] = {m.idx(ksizeAttr[0]), m.idx(ksizeAttr[1])};
    SmallVector<Pads> pads(2);
    bool global = boolAttr(op, "global_pooling", false);
    bool adaptive = boolAttr(op, "adaptive", false);
    if (adaptive && ksizeAttr[0] == 1 && ksizeAttr[1] == 1)
      global = true; // adaptive to 1 x 1: the whole image
    if (global) {
      ksize[0] = spatial[0];
      ksize[1] = spatial[1];
      strides = {1, 1};
    } else if (adaptive) {
      if (ksizeAttr[0] <= 0 || ksizeAttr[1] <= 0)
        return op->emitOpError("adaptive pooling to an empty output");
      // To an output size that divides a static input: plain pooling with
      // window = stride = input / output. Otherwise each output has its
      // own window.
      bool divides = !dynamic && type.getDimSize(h) % ksizeAttr[0] == 0 &&
                     type.getDimSize(h + 1) % ksizeAttr[1] == 0;
      if (!divides)
        return replaceWithPrimaryResult(
            rewriter, op,
            adaptivePool(rewriter, loc, x, inDims, h, {ksizeAttr[0], ksizeAttr[1]},
                         isMax));
      for (int i = 0; i < 2; ++i) {
        strides[i] = type.getDimSize(h + i) / ksizeAttr[i];
        ksize[i] = m.idx(strides[i]);
      }
    } else {
      if (dynamic && strAttr(op, "padding_algorithm", "EXPLICIT") == "SAME")
        return op->emitOpError("with SAME padding needs a static height and "
                               "width (give the input's size with "
                               "--input-spec)");
      FailureOr<SmallVector<Pads>> p = paddingsOf(
          op, {type.getDimSize(h), type.getDimSize(h + 1)}, ksizeAttr, strides);
      if (failed(p))
        return failure();
      pads = *p;
    }
    bool ceil = boolAttr(op, "ceil_mode", false);
    OpFoldResult out[2], high[2];
    for (int i = 0; i < 2; ++i) {
      OpFoldResult padded = m.add(spatial[i], m.idx(pads[i].low + pads[i].high));
      OpFoldResult room = m.sub(padded, ksize[i]);
      if (ceil)
        room = m.add(room, m.idx(strides[i] - 1));
      out[i] = m.add(m.div(room, m.idx(strides[i])), m.idx(1));
      // A ceil-mode window may reach past the padding: pad more.
      high[i] = m.idx(pads[i].high);
      if (ceil)
        high[i] = m.add(high[i],
                        m.max(m.idx(0), m.sub(m.add(m.mul(m.sub(out[i], m.idx(1)),
                                                          m.idx(strides[i])),
                                                    ksize[i]),
                                              padded)));
    }
    Type element = type.getElementType();
    Value padded = padSpatial(rewriter, loc, x, {pads[0].low, pads[1].low},
                              {high[0], high[1]}, isMax ? -INFINITY : 0.0, h);
    SmallVector<OpFoldResult> outDims = inDims;
    for (int i = 0; i < 2; ++i)
      outDims[h + i] = out[i];
    Value init = rewriter
                     .create<linalg::FillOp>(
                         loc, constantOf(rewriter, loc, element, isMax ? -INFINITY : 0.0),
                         emptyTensor(rewriter, loc, outDims, element))
                     .getResult(0);
    // The window operand only gives the kh, kw loops their extent.
    Value window = emptyTensor(rewriter, loc, {ksize[0], ksize[1]}, element);
    MLIRContext *ctx = rewriter.getContext();
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    // Loops: n, c, oh, ow | kh, kw channels-first; n, oh, ow | kh, kw | c
    // channels-last, so that the innermost loop walks contiguous channels.
    SmallVector<AffineExpr> outIdx, input;
    AffineExpr kh = d(nhwc ? 3 : 4), kw = d(nhwc ? 4 : 5);
    outIdx = nhwc ? SmallVector<AffineExpr>{d(0), d(1), d(2), d(5)}
                  : SmallVector<AffineExpr>{d(0), d(1), d(2), d(3)};
    input = outIdx;
    input[h] = outIdx[h] * strides[0] + kh;
    input[h + 1] = outIdx[h + 1] * strides[1] + kw;
    SmallVector<AffineMap> maps{AffineMap::get(6, 0, input, ctx),
                                AffineMap::get(6, 0, {kh, kw}, ctx),
                                AffineMap::get(6, 0, outIdx, ctx)};
    SmallVector<utils::IteratorType> iterators(6, utils::IteratorType::parallel);
    iterators[nhwc ? 3 : 4] = iterators[nhwc ? 4 : 5] =
        utils::IteratorType::reduction;
    Value pooled =
        rewriter
            .create<linalg::GenericOp>(
                loc, init.getType(), ValueRange{padded, window}, init, maps,
                iterators,
                [&](OpBuilder &b, Location l, ValueRange a) {
                  Value r = isMax ? b.create<arith::MaximumFOp>(l, a[2], a[0]).getResult()
                                  : b.create<arith::AddFOp>(l, a[2], a[0]).getResult();
                  b.create<linalg::YieldOp>(l, r);
                })
            .getResult(0);
    if (!isMax) {
      // Average: over the whole window, or (exclusive, Paddle's default)
      // over the part of it inside the unpadded input.
      bool exclusive = boolAttr(op, "exclusive", true);
      Value kValues[2], inValues[2];
      for (int i = 0; i < 2; ++i) {
        kValues[i] = getValueOrCreateConstantIndexOp(rewriter, loc, ksize[i]);
        inValues[i] = getValueOrCreateConstantIndexOp(rewriter, loc, spatial[i]);
      }
      pooled = mapElements(
          rewriter, loc, outDims, element, pooled,
          [&](OpBuilder &b, Location l, ValueRange a) -> Value {
            Value count = b.create<arith::ConstantIndexOp>(l, 1);
            for (int i = 0; i < 2; ++i) {
              if (!exclusive) {
                count = b.create<arith::MulIOp>(l, count, kValues[i]);
                continue;
              }
              Value pos = b.create<linalg::IndexOp>(l, h + i);
              Value start = b.create<arith::SubIOp>(
                  l, b.create<arith::MulIOp>(l, pos, b.create<arith::ConstantIndexOp>(l, strides[i])),
                  b.create<arith::ConstantIndexOp>(l, pads[i].low));
              Value end = b.create<arith::AddIOp>(l, start, kValues[i]);
              Value lo = b.create<arith::MaxSIOp>(l, start, b.create<arith::ConstantIndexOp>(l, 0));
              Value hi = b.create<arith::MinSIOp>(l, end, inValues[i]);
              count = b.create<arith::MulIOp>(l, count, b.create<arith::SubIOp>(l, hi, lo));
            }
            Value asFloat = b.create<arith::SIToFPOp>(
                l, element, b.create<arith::IndexCastOp>(l, b.getI64Type(), count));
            return b.create<arith::DivFOp>(l, a[0], asFloat);
          });
    }
    return replaceWithPrimaryResult(rewriter, op, pooled);
  }
};

/// conv2d_transpose (and its depthwise twin) as a convolution: the input
/// spread `stride` apart with zeros between (and around: d (k - 1) - pad on
/// each side, plus output_padding after), then an ordinary stride-1
/// convolution with the filter flipped and its channel dims swapped. Any
/// batch, height and width.
template <typename OpTy>
struct LowerConv2dTranspose : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput(), filter = adaptor.getFilter();
    if (adaptor.getBias())
      return op->emitOpError("with a Bias input has no lowering");
    if (!isNCHW(op, "data_format"))
      return op->emitOpError("in NHWC layout has no lowering");
    if (strAttr(op, "padding_algorithm", "EXPLICIT") == "SAME")
      return op->emitOpError("with SAME padding has no lowering");
    auto it = cast<RankedTensorType>(input.getType());
    auto ft = cast<RankedTensorType>(filter.getType());
    if (it.getRank() != 4 || ft.getRank() != 4 || !ft.hasStaticShape() ||
        it.isDynamicDim(1) || !isa<FloatType>(it.getElementType()))
      return op->emitOpError("needs a static filter and input channels");
    int64_t groups = intAttr(op, "groups", 1);
    int64_t c = it.getDimSize(1), og = ft.getDimSize(1);
    if (groups < 1 || c % groups || ft.getDimSize(0) != c)
      return op->emitOpError("groups do not divide the channels");
    SmallVector<int64_t> strides = intsAttr(op, "strides", {1, 1});
    SmallVector<int64_t> dilations = intsAttr(op, "dilations", {1, 1});
    SmallVector<int64_t> outPad = intsAttr(op, "output_padding", {0, 0});
    SmallVector<int64_t> outSize = intsAttr(op, "output_size", {});
    SmallVector<int64_t> pads =
        shape::transposeConvPaddings(op).value_or(SmallVector<int64_t>{});
    if (outPad.empty())
      outPad = {0, 0};
    if (strides.size() != 2 || dilations.size() != 2 || pads.size() != 4 ||
        outPad.size() != 2 || (!outSize.empty() && outSize.size() != 2))
      return op->emitOpError("strides, dilations, paddings, output_padding "
                             "and output_size must have 2 values");
    SizeMath m{rewriter, loc};
    SmallVector<OpFoldResult> inDims = dimsOf(rewriter, loc, input);
    int64_t kernel[2] = {ft.getDimSize(2), ft.getDimSize(3)};
    // The spread input's extent and where x starts in it.
    SmallVector<OpFoldResult> spreadDims = inDims;
    SmallVector<OpFoldResult> offsets(4, rewriter.getIndexAttr(0));
    OpFoldResult outDims[2];
    for (int i = 0; i < 2; ++i) {
      int64_t reach = dilations[i] * (kernel[i] - 1);
      int64_t low = reach - pads[2 * i];
      if (low < 0 || reach - pads[2 * i + 1] < 0)
        return op->emitOpError("with padding past the filter's reach has no "
                               "lowering");
      // (in - 1) * stride + 1, then the zeros around.
      OpFoldResult spread = m.add(m.mul(m.sub(inDims[2 + i], m.idx(1)),
                                        m.idx(strides[i])),
                                  m.idx(1));
      OpFoldResult base = m.add(m.sub(spread, m.idx(pads[2 * i] + pads[2 * i + 1])),
                                m.idx(reach));
      // output_size, when given, decides; else output_padding adds rows.
      outDims[i] = outSize.empty() ? m.add(base, m.idx(outPad[i]))
                                   : OpFoldResult(m.idx(outSize[i]));
      spreadDims[2 + i] = m.add(outDims[i], m.idx(reach));
      offsets[2 + i] = m.idx(low);
    }
    Type element = it.getElementType();
    Value spread = rewriter
                       .create<linalg::FillOp>(
                           loc, constantOf(rewriter, loc, element, 0),
                           emptyTensor(rewriter, loc, spreadDims, element))
                       .getResult(0);
    SmallVector<OpFoldResult> steps{m.idx(1), m.idx(1), m.idx(strides[0]),
                                    m.idx(strides[1])};
    spread = rewriter.create<tensor::InsertSliceOp>(loc, input, spread, offsets,
                                                    inDims, steps);
    int64_t cg = c / groups;
    Value grouped = expand(rewriter, loc, spread, {{0}, {1, 2}, {3}, {4}},
                           {spreadDims[0], m.idx(groups), m.idx(cg),
                            spreadDims[2], spreadDims[3]});
    // The filter [g * cg + c, o, kh, kw] as [g, o, c, kh, kw], flipped in
    // kh and kw (constant: folded at load time for a parameter).
    MLIRContext *ctx = rewriter.getContext();
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    Value flippedInit = emptyTensor(
        rewriter, loc,
        {m.idx(groups), m.idx(og), m.idx(cg), m.idx(kernel[0]), m.idx(kernel[1])},
        element);
    Value flipped =
        rewriter
            .create<linalg::GenericOp>(
                loc, flippedInit.getType(), ValueRange{filter}, flippedInit,
                SmallVector<AffineMap>{
                    AffineMap::get(5, 0,
                                   {d(0) * cg + d(2), d(1), -d(3) + (kernel[0] - 1),
                                    -d(4) + (kernel[1] - 1)},
                                   ctx),
                    rewriter.getMultiDimIdentityMap(5)},
                SmallVector<utils::IteratorType>(5, utils::IteratorType::parallel),
                [](OpBuilder &b, Location l, ValueRange a) {
                  b.create<linalg::YieldOp>(l, a[0]);
                })
            .getResult(0);
    Value result = groupedConvolution(
        rewriter, loc, grouped, flipped,
        {inDims[0], m.idx(groups), m.idx(og), outDims[0], outDims[1]}, {1, 1},
        dilations);
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

} // namespace

void pd::cpu::populateConvolutionLowering(RewritePatternSet &patterns) {
  patterns.add<LowerConv2d<Conv2dOp>, LowerConv2d<DepthwiseConv2dOp>,
               LowerConv2dTranspose<Conv2dTransposeOp>,
               LowerConv2dTranspose<DepthwiseConv2dTransposeOp>, LowerPool2d,
               LowerMaxPoolWithIndex>(
      patterns.getContext());
}

//===- LowerConvolution.cpp - convolutions and pooling -> linalg ---------===//
//
// Both are linalg.generic ops over output positions and window offsets, for
// any number of spatial dims (conv2d and conv3d, pool2d and pool3d).
// Convolution is written once, grouped ([N, G, C/G, spatial...] input,
// [G, F/G, C/G, window...] filter), which covers plain (G = 1) and
// depthwise (C/G = 1) convolution alike (the generic fallback: FormKernels
// takes the NHWC 2-D convolutions); its spatial dims must be static.
// Pooling takes any spatial size.
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
#include <functional>
#include <limits>

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// Padding of one spatial dim: before and after.
struct Pads {
  int64_t low = 0, high = 0;
};

/// Paddle's paddings (one value a spatial dim, or a before/after pair a
/// dim: [h, w] or [top, bottom, left, right]) under padding_algorithm
/// (EXPLICIT, SAME, VALID) for a window of `kernel` (dilated) sizes.
FailureOr<SmallVector<Pads>> paddingsOf(Operation *op, ArrayRef<int64_t> in,
                                        ArrayRef<int64_t> kernel,
                                        ArrayRef<int64_t> strides) {
  size_t dims = in.size();
  StringRef algorithm = strAttr(op, "padding_algorithm", "EXPLICIT");
  SmallVector<Pads> pads(dims);
  if (algorithm == "VALID")
    return pads;
  if (algorithm == "SAME") {
    for (size_t i = 0; i < dims; ++i) {
      int64_t out = (in[i] + strides[i] - 1) / strides[i];
      int64_t total =
          std::max<int64_t>((out - 1) * strides[i] + kernel[i] - in[i], 0);
      pads[i] = {total / 2, total - total / 2};
    }
    return pads;
  }
  SmallVector<int64_t> p = intsAttr(op, "paddings", SmallVector<int64_t>(dims, 0));
  if (p.size() != dims && p.size() != 2 * dims)
    return op->emitOpError() << "paddings must have " << dims << " or "
                             << 2 * dims << " values";
  for (size_t i = 0; i < dims; ++i)
    pads[i] = p.size() == dims ? Pads{p[i], p[i]} : Pads{p[2 * i], p[2 * i + 1]};
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

/// x padded by `lows` before and `highs` after in its spatial dims from
/// `first` on (a dynamic high pad: ceil-mode pooling of a dynamic size).
Value padSpatial(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> lows,
                 ArrayRef<OpFoldResult> highs, double value, int64_t first) {
  if (llvm::all_of(lows, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(highs, [](OpFoldResult p) { return isConstantIntValue(p, 0); }))
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> low(rank, b.getIndexAttr(0));
  for (size_t i = 0; i < lows.size(); ++i)
    low[first + i] = b.getIndexAttr(lows[i]);
  // A filled tensor with x inserted: this bufferizes more simply than
  // tensor.pad.
  SizeMath m{b, loc};
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, x);
  for (size_t i = 0; i < lows.size(); ++i)
    dims[first + i] = m.add(dims[first + i], m.add(m.idx(lows[i]), highs[i]));
  Value filled =
      b.create<linalg::FillOp>(
           loc, constantOf(b, loc, type.getElementType(), value),
           emptyTensor(b, loc, dims, type.getElementType()))
          .getResult(0);
  SmallVector<OpFoldResult> sizes = dimsOf(b, loc, x);
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  return b.create<tensor::InsertSliceOp>(loc, x, filled, low, sizes, strides);
}

/// x padded by static `pads` in its spatial dims from `first` on.
Value padSpatial(OpBuilder &b, Location loc, Value x, ArrayRef<Pads> pads,
                 double value, int64_t first) {
  SmallVector<int64_t> lows;
  SmallVector<OpFoldResult> highs;
  for (Pads p : pads) {
    lows.push_back(p.low);
    highs.push_back(b.getIndexAttr(p.high));
  }
  return padSpatial(b, loc, x, lows, highs, value, first);
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

/// Channels first: NCHW, NCDHW (or Paddle's AnyLayout).
bool isNCHW(Operation *op, StringRef attr) {
  StringRef layout = strAttr(op, attr, "NCHW");
  return layout == "NCHW" || layout == "NCDHW" || layout == "AnyLayout";
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

/// The grouped channels-first convolution that conv2d, conv3d and
/// conv2d_transpose end in: input [N, G, C/G, spatial...] (padded), filter
/// [G, F/G, C/G, window...], output [N, F, out...] with `outDims` = {N, G,
/// F/G, out...}; loops n, g, f, out... | c, window....
Value groupedConvolution(OpBuilder &b, Location loc, Value input, Value filter,
                         ArrayRef<OpFoldResult> outDims,
                         ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  Type element = cast<RankedTensorType>(input.getType()).getElementType();
  Value init = b.create<linalg::FillOp>(loc, constantOf(b, loc, element, 0),
                                        emptyTensor(b, loc, outDims, element))
                   .getResult(0);
  MLIRContext *ctx = b.getContext();
  unsigned spatial = strides.size(), loops = 4 + 2 * spatial;
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  unsigned c = 3 + spatial; // the reduction dims: c, then the window
  SmallVector<AffineExpr> in{d(0), d(1), d(c)}, weights{d(1), d(2), d(c)},
      out{d(0), d(1), d(2)};
  for (unsigned i = 0; i < spatial; ++i) {
    in.push_back(d(3 + i) * strides[i] + d(c + 1 + i) * dilations[i]);
    weights.push_back(d(c + 1 + i));
    out.push_back(d(3 + i));
  }
  SmallVector<AffineMap> maps{AffineMap::get(loops, 0, in, ctx),
                              AffineMap::get(loops, 0, weights, ctx),
                              AffineMap::get(loops, 0, out, ctx)};
  SmallVector<utils::IteratorType> iterators(3 + spatial,
                                             utils::IteratorType::parallel);
  iterators.append(1 + spatial, utils::IteratorType::reduction);
  Value conv = b.create<linalg::GenericOp>(
                    loc, init.getType(), ValueRange{input, filter}, init, maps,
                    iterators,
                    [](OpBuilder &nb, Location l, ValueRange a) {
                      Value p = nb.create<arith::MulFOp>(l, a[0], a[1]);
                      nb.create<linalg::YieldOp>(
                          l, nb.create<arith::AddFOp>(l, a[2], p).getResult());
                    })
                   .getResult(0);
  SmallVector<ReassociationIndices> collapse{{0}, {1, 2}};
  for (unsigned i = 0; i < spatial; ++i)
    collapse.push_back({3 + i});
  return b.create<tensor::CollapseShapeOp>(loc, conv, collapse);
}

/// [N, C, spatial...] seen as [N, G, C/G, spatial...] (`sizes`).
Value splitChannels(OpBuilder &b, Location loc, Value x,
                    ArrayRef<OpFoldResult> sizes) {
  SmallVector<ReassociationIndices> groups{{0}, {1, 2}};
  for (size_t i = 3; i < sizes.size(); ++i)
    groups.push_back({int64_t(i)});
  return expand(b, loc, x, groups, sizes);
}

/// conv2d, depthwise_conv2d and conv3d (`Spatial` dims), channels first,
/// without fused inputs: static channels, spatial dims and filter; any
/// batch.
template <typename OpTy, int64_t Spatial>
struct LowerConvolution : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput(), filter = adaptor.getFilter();
    if (op->getNumOperands() != 2)
      return op->emitOpError("with Bias or ResidualData has no lowering");
    if (!isNCHW(op, "data_format"))
      return op->emitOpError("in a channels-last layout has no lowering");
    auto it = cast<RankedTensorType>(input.getType());
    auto ft = cast<RankedTensorType>(filter.getType());
    int64_t rank = Spatial + 2, spatial = Spatial;
    if (it.getRank() != rank || ft.getRank() != rank || !ft.hasStaticShape() ||
        llvm::any_of(it.getShape().drop_front(), ShapedType::isDynamic) ||
        !isa<FloatType>(it.getElementType()))
      return op->emitOpError("needs static channel and spatial dims")
             << inputSpecHint(op);
    int64_t groups = intAttr(op, "groups", 1);
    int64_t c = it.getDimSize(1), f = ft.getDimSize(0);
    if (groups < 1 || c % groups || f % groups || ft.getDimSize(1) != c / groups)
      return op->emitOpError("groups do not divide the channels");
    SmallVector<int64_t> ones(spatial, 1);
    SmallVector<int64_t> strides = intsAttr(op, "strides", ones);
    SmallVector<int64_t> dilations = intsAttr(op, "dilations", ones);
    if (int64_t(strides.size()) != spatial || int64_t(dilations.size()) != spatial)
      return op->emitOpError() << "strides and dilations must have " << spatial
                               << " values";
    ArrayRef<int64_t> kernel = ft.getShape().drop_front(2);
    ArrayRef<int64_t> in = it.getShape().drop_front(2);
    SmallVector<int64_t> span;
    for (int64_t i = 0; i < spatial; ++i)
      span.push_back((kernel[i] - 1) * dilations[i] + 1);
    FailureOr<SmallVector<Pads>> pads = paddingsOf(op, in, span, strides);
    if (failed(pads))
      return failure();
    auto idx = [&](int64_t v) { return OpFoldResult(rewriter.getIndexAttr(v)); };
    Value padded = padSpatial(rewriter, loc, input, *pads, 0, /*first=*/2);
    SmallVector<OpFoldResult> inDims = dimsOf(rewriter, loc, padded);
    int64_t cg = c / groups, fg = f / groups;
    SmallVector<OpFoldResult> groupedIn{inDims[0], idx(groups), idx(cg)},
        groupedWeights{idx(groups), idx(fg), idx(cg)},
        outDims{inDims[0], idx(groups), idx(fg)};
    for (int64_t i = 0; i < spatial; ++i) {
      groupedIn.push_back(inDims[2 + i]);
      groupedWeights.push_back(idx(kernel[i]));
      int64_t room = in[i] + (*pads)[i].low + (*pads)[i].high - span[i];
      outDims.push_back(idx(room / strides[i] + 1));
    }
    SmallVector<ReassociationIndices> filterGroups{{0, 1}, {2}};
    for (int64_t i = 0; i < spatial; ++i)
      filterGroups.push_back({3 + i});
    Value result = groupedConvolution(
        rewriter, loc, splitChannels(rewriter, loc, padded, groupedIn),
        expand(rewriter, loc, filter, filterGroups, groupedWeights), outDims,
        strides, dilations);
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

/// Paddle's adaptive window of output `k` of `out` over an input dim of
/// size `in`: [floor(k in / out), ceil((k + 1) in / out)).
std::pair<Value, Value> adaptiveWindow(OpBuilder &b, Location loc, Value k,
                                       Value in, int64_t out) {
  Value o = b.create<arith::ConstantIndexOp>(loc, out);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  Value begin = b.create<arith::DivUIOp>(loc, b.create<arith::MulIOp>(loc, k, in), o);
  Value next = b.create<arith::MulIOp>(loc, b.create<arith::AddIOp>(loc, k, one), in);
  return {begin, b.create<arith::CeilDivUIOp>(loc, next, o)};
}

/// Adaptive pooling of `x` (spatial dims from `first`) to `out`, as
/// Paddle computes it: output i of a dim takes [floor(i in / out),
/// ceil((i + 1) in / out)) of it, the max or mean of the window. One loop
/// nest per output element; the windows may overlap and differ in size, and
/// the spatial dims may be dynamic.
Value adaptivePool(OpBuilder &b, Location loc, Value x,
                   ArrayRef<OpFoldResult> dims, int64_t first,
                   ArrayRef<int64_t> out, bool isMax) {
  auto type = cast<RankedTensorType>(x.getType());
  Type element = type.getElementType();
  size_t spatial = out.size();
  SmallVector<Value> in;
  SmallVector<OpFoldResult> outDims(dims);
  for (size_t i = 0; i < spatial; ++i) {
    in.push_back(getValueOrCreateConstantIndexOp(b, loc, dims[first + i]));
    outDims[first + i] = b.getIndexAttr(out[i]);
  }
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
            SmallVector<Value> begin, end;
            for (size_t i = 0; i < spatial; ++i) {
              auto [b0, e0] = adaptiveWindow(nb, l, at[first + i], in[i], out[i]);
              begin.push_back(b0);
              end.push_back(e0);
            }
            // The window's loops, outermost dim first.
            SmallVector<Value> idx = at;
            std::function<Value(OpBuilder &, Location, size_t, Value)> window =
                [&](OpBuilder &wb, Location wl, size_t dim, Value acc) -> Value {
              if (dim == spatial) {
                Value v = wb.create<tensor::ExtractOp>(wl, x, idx);
                return isMax ? wb.create<arith::MaximumFOp>(wl, acc, v).getResult()
                             : wb.create<arith::AddFOp>(wl, acc, v).getResult();
              }
              auto loop = wb.create<scf::ForOp>(
                  wl, begin[dim], end[dim], one, ValueRange{acc},
                  [&](OpBuilder &lb, Location ll, Value pos, ValueRange a) {
                    idx[first + dim] = pos;
                    lb.create<scf::YieldOp>(ll, window(lb, ll, dim + 1, a[0]));
                  });
              return loop.getResult(0);
            };
            Value r = window(nb, l, 0,
                             constantOf(nb, l, element, isMax ? -INFINITY : 0.0));
            if (!isMax) {
              Value count = one;
              for (size_t i = 0; i < spatial; ++i)
                count = nb.create<arith::MulIOp>(
                    l, count, nb.create<arith::SubIOp>(l, end[i], begin[i]));
              Value n = nb.create<arith::UIToFPOp>(
                  l, element, nb.create<arith::IndexCastUIOp>(l, nb.getI64Type(), count));
              r = nb.create<arith::DivFOp>(l, r, n);
            }
            nb.create<linalg::YieldOp>(l, r);
          })
      .getResult(0);
}

/// max_pool2d_with_index and max_pool3d_with_index as Paddle's CPU kernels
/// compute them, per output element: the window (adaptive: [floor(k in /
/// out), ceil((k + 1) in / out)) in each dim; else from k * stride - pad,
/// clipped to the input), then its elements in row-major order, a later
/// one taken only when strictly greater (the first maximum wins; from
/// -FLT_MAX, position -1). Out is the maximum, Mask its row-major position
/// in its image (h * W + w; d * H * W + h * W + w). Channels first; any
/// batch and spatial size.
template <typename OpTy, int64_t Spatial>
struct LowerMaxPoolWithIndex : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    constexpr int64_t rank = Spatial + 2;
    auto type = cast<RankedTensorType>(x.getType());
    auto outType = dyn_cast<RankedTensorType>(op.getOut().getType());
    if (type.getRank() != rank || !type.getElementType().isF32() || !outType)
      return op->emitOpError() << "needs a " << rank << "-D f32 input";
    SmallVector<int64_t> ksize = intsAttr(op, "ksize", {});
    SmallVector<int64_t> strides =
        intsAttr(op, "strides", SmallVector<int64_t>(Spatial, 1));
    SmallVector<int64_t> pads =
        intsAttr(op, "paddings", SmallVector<int64_t>(Spatial, 0));
    bool global = boolAttr(op, "global_pooling", false);
    bool adaptive = boolAttr(op, "adaptive", false);
    if (ksize.size() != Spatial || strides.size() != Spatial ||
        pads.size() != Spatial || llvm::any_of(strides, [](int64_t v) { return v < 1; }))
      return op->emitOpError() << "ksize, strides and paddings must have "
                               << Spatial << " values (strides positive)";
    if (adaptive && llvm::any_of(ksize, [](int64_t k) { return k < 1; }))
      return op->emitOpError("adaptive pooling to an empty output");
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    SmallVector<Value> in;
    for (int64_t i = 0; i < Spatial; ++i)
      in.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, dims[2 + i]));
    // The output's spatial dims: what shape inference computed where
    // static, else from the input at run time.
    SmallVector<OpFoldResult> outDims(dims.begin(), dims.begin() + 2);
    SizeMath m{rewriter, loc};
    bool ceil = boolAttr(op, "ceil_mode", false);
    for (int64_t i = 0; i < Spatial; ++i) {
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
    SmallVector<AffineMap> maps(2, rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    auto pooled = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{outInit.getType(), maskInit.getType()}, ValueRange{},
        ValueRange{outInit, maskInit}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> at;
          for (int64_t i = 0; i < rank; ++i)
            at.push_back(b.create<linalg::IndexOp>(l, i));
          auto index = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(l, v); };
          SmallVector<Value> begin, end;
          for (int64_t i = 0; i < Spatial; ++i) {
            Value k = at[2 + i];
            if (global) {
              begin.push_back(index(0));
              end.push_back(in[i]);
            } else if (adaptive) {
              auto [b0, e0] = adaptiveWindow(b, l, k, in[i], ksize[i]);
              begin.push_back(b0);
              end.push_back(e0);
            } else {
              Value start = b.create<arith::SubIOp>(
                  l, b.create<arith::MulIOp>(l, k, index(strides[i])), index(pads[i]));
              end.push_back(b.create<arith::MinSIOp>(
                  l, b.create<arith::AddIOp>(l, start, index(ksize[i])), in[i]));
              begin.push_back(b.create<arith::MaxSIOp>(l, start, index(0)));
            }
          }
          // The window's loops, outermost dim first; `position` is the
          // row-major offset of the element within its image.
          SmallVector<Value> idx = at;
          std::function<SmallVector<Value>(OpBuilder &, Location, int64_t, Value,
                                           ValueRange)>
              window = [&](OpBuilder &wb, Location wl, int64_t dim, Value position,
                           ValueRange acc) -> SmallVector<Value> {
            if (dim == Spatial) {
              Value v = wb.create<tensor::ExtractOp>(wl, x, idx);
              Value greater =
                  wb.create<arith::CmpFOp>(wl, arith::CmpFPredicate::OLT, acc[0], v);
              return {wb.create<arith::SelectOp>(wl, greater, v, acc[0]),
                      wb.create<arith::SelectOp>(wl, greater, position, acc[1])};
            }
            auto loop = wb.create<scf::ForOp>(
                wl, begin[dim], end[dim], wb.create<arith::ConstantIndexOp>(wl, 1), acc,
                [&](OpBuilder &lb, Location ll, Value pos, ValueRange a) {
                  idx[2 + dim] = pos;
                  Value inner = lb.create<arith::AddIOp>(
                      ll, lb.create<arith::MulIOp>(ll, position, in[dim]), pos);
                  lb.create<scf::YieldOp>(ll, window(lb, ll, dim + 1, inner, a));
                });
            return loop.getResults();
          };
          Value lowest = b.create<arith::ConstantOp>(
              l, b.getF32FloatAttr(-std::numeric_limits<float>::max()));
          SmallVector<Value> found =
              window(b, l, 0, index(0), ValueRange{lowest, index(-1)});
          Value mask = b.create<arith::IndexCastOp>(l, i32, found[1]);
          b.create<linalg::YieldOp>(l, ValueRange{found[0], mask});
        });
    replaceWithResults(rewriter, op, pooled.getResults());
    return success();
  }
};

/// pool2d and pool3d (`Spatial` dims), max or average, channels first or
/// last. The spatial dims may be dynamic (one artifact for any image size);
/// SAME padding needs them known.
template <typename OpTy, int64_t Spatial>
struct LowerPooling : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = Spatial + 2, spatial = Spatial;
    // Dims: channels-first [N, C, spatial...] or channels-last [N,
    // spatial..., C].
    StringRef layout = strAttr(op, "data_format", "NCHW");
    bool last = layout == "NHWC" || layout == "NDHWC";
    if (!last && !isNCHW(op, "data_format"))
      return op->emitOpError("has an unknown data_format");
    int64_t h = last ? 1 : 2;
    if (type.getRank() != rank || type.isDynamicDim(last ? rank - 1 : 1) ||
        !isa<FloatType>(type.getElementType()))
      return op->emitOpError() << "needs a rank-" << rank
                               << " float input with a static channel dim";
    auto spatialDims = [&] {
      return llvm::seq<int64_t>(0, spatial);
    };
    bool dynamic = llvm::any_of(spatialDims(), [&](int64_t i) {
      return type.isDynamicDim(h + i);
    });
    SizeMath m{rewriter, loc};
    SmallVector<OpFoldResult> inDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> in(inDims.begin() + h, inDims.begin() + h + spatial);
    ArrayRef<int64_t> staticIn = type.getShape().slice(h, spatial);
    bool isMax = strAttr(op, "pooling_type", "max") == "max";
    SmallVector<int64_t> ksizeAttr = intsAttr(op, "ksize", {});
    SmallVector<int64_t> strides =
        intsAttr(op, "strides", SmallVector<int64_t>(spatial, 1));
    if (int64_t(ksizeAttr.size()) != spatial ||
        int64_t(strides.size()) != spatial ||
        llvm::any_of(strides, [](int64_t v) { return v < 1; }))
      return op->emitOpError() << "ksize and strides must have " << spatial
                               << " values";
    SmallVector<OpFoldResult> ksize;
    for (int64_t k : ksizeAttr)
      ksize.push_back(m.idx(k));
    SmallVector<Pads> pads(spatial);
    bool global = boolAttr(op, "global_pooling", false);
    bool adaptive = boolAttr(op, "adaptive", false);
    if (adaptive && llvm::all_of(ksizeAttr, [](int64_t k) { return k == 1; }))
      global = true; // adaptive to 1 x 1: the whole image
    if (global) {
      ksize = in;
      strides.assign(spatial, 1);
    } else if (adaptive) {
      if (llvm::any_of(ksizeAttr, [](int64_t k) { return k <= 0; }))
        return op->emitOpError("adaptive pooling to an empty output");
      // To an output size that divides a static input: plain pooling with
      // window = stride = input / output. Otherwise each output has its
      // own window.
      bool divides = !dynamic && llvm::all_of(spatialDims(), [&](int64_t i) {
        return staticIn[i] % ksizeAttr[i] == 0;
      });
      if (!divides)
        return replaceWithPrimaryResult(
            rewriter, op, adaptivePool(rewriter, loc, x, inDims, h, ksizeAttr, isMax));
      for (int64_t i = 0; i < spatial; ++i) {
        strides[i] = staticIn[i] / ksizeAttr[i];
        ksize[i] = m.idx(strides[i]);
      }
    } else {
      if (dynamic && strAttr(op, "padding_algorithm", "EXPLICIT") == "SAME")
        return op->emitOpError("with SAME padding needs static spatial dims "
                               "(give the input's size with --input-spec)");
      FailureOr<SmallVector<Pads>> p = paddingsOf(op, staticIn, ksizeAttr, strides);
      if (failed(p))
        return failure();
      pads = *p;
    }
    bool ceil = boolAttr(op, "ceil_mode", false);
    SmallVector<OpFoldResult> out, high;
    SmallVector<int64_t> low;
    for (int64_t i = 0; i < spatial; ++i) {
      OpFoldResult padded = m.add(in[i], m.idx(pads[i].low + pads[i].high));
      OpFoldResult room = m.sub(padded, ksize[i]);
      if (ceil)
        room = m.add(room, m.idx(strides[i] - 1));
      out.push_back(m.add(m.div(room, m.idx(strides[i])), m.idx(1)));
      // A ceil-mode window may reach past the padding: pad more.
      high.push_back(m.idx(pads[i].high));
      if (ceil)
        high[i] = m.add(high[i],
                        m.max(m.idx(0), m.sub(m.add(m.mul(m.sub(out[i], m.idx(1)),
                                                          m.idx(strides[i])),
                                                    ksize[i]),
                                              padded)));
      low.push_back(pads[i].low);
    }
    Type element = type.getElementType();
    Value padded =
        padSpatial(rewriter, loc, x, low, high, isMax ? -INFINITY : 0.0, h);
    SmallVector<OpFoldResult> outDims = inDims;
    for (int64_t i = 0; i < spatial; ++i)
      outDims[h + i] = out[i];
    Value init = rewriter
                     .create<linalg::FillOp>(
                         loc, constantOf(rewriter, loc, element, isMax ? -INFINITY : 0.0),
                         emptyTensor(rewriter, loc, outDims, element))
                     .getResult(0);
    // The window operand only gives the window loops their extent.
    Value window = emptyTensor(rewriter, loc, ksize, element);
    MLIRContext *ctx = rewriter.getContext();
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    // Loops: n, c, out... | window... channels-first; n, out... | window...
    // | c channels-last, so that the innermost loop walks contiguous
    // channels.
    int64_t loops = rank + spatial;
    int64_t firstWindow = last ? 1 + spatial : rank;
    SmallVector<AffineExpr> outIdx, windowIdx;
    for (int64_t i = 0; i < rank; ++i)
      outIdx.push_back(d(last && i == rank - 1 ? loops - 1 : i));
    SmallVector<AffineExpr> input = outIdx;
    for (int64_t i = 0; i < spatial; ++i) {
      windowIdx.push_back(d(firstWindow + i));
      input[h + i] = outIdx[h + i] * strides[i] + windowIdx[i];
    }
    SmallVector<AffineMap> maps{AffineMap::get(loops, 0, input, ctx),
                                AffineMap::get(loops, 0, windowIdx, ctx),
                                AffineMap::get(loops, 0, outIdx, ctx)};
    SmallVector<utils::IteratorType> iterators(loops, utils::IteratorType::parallel);
    for (int64_t i = 0; i < spatial; ++i)
      iterators[firstWindow + i] = utils::IteratorType::reduction;
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
      SmallVector<Value> kValues, inValues;
      for (int64_t i = 0; i < spatial; ++i) {
        kValues.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, ksize[i]));
        inValues.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, in[i]));
      }
      pooled = mapElements(
          rewriter, loc, outDims, element, pooled,
          [&](OpBuilder &b, Location l, ValueRange a) -> Value {
            Value count = b.create<arith::ConstantIndexOp>(l, 1);
            for (int64_t i = 0; i < spatial; ++i) {
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
            return b.create<arith::DivFOp>(l, a[0], indexToFloat(b, l, count, element));
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
  patterns.add<LowerConvolution<Conv2dOp, 2>,
               LowerConvolution<DepthwiseConv2dOp, 2>,
               LowerConvolution<Conv3dOp, 3>,
               LowerConv2dTranspose<Conv2dTransposeOp>,
               LowerConv2dTranspose<DepthwiseConv2dTransposeOp>,
               LowerPooling<Pool2dOp, 2>, LowerPooling<Pool3dOp, 3>,
               LowerMaxPoolWithIndex<MaxPool2dWithIndexOp, 2>,
               LowerMaxPoolWithIndex<MaxPool3dWithIndexOp, 3>>(
      patterns.getContext());
}

//===- LowerDataMovement.cpp - gather, expand, tile, unbind, ... ---------===//
//
// Ops that copy elements to new places: each is one linalg.generic over
// its output that reads the element it needs (by an indexing map where one
// exists, else by tensor.extract at computed indices). An index from the
// data (gather's) is clamped into X: compiled code reads no memory outside
// its tensors.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// out[.., i, ..] = X[.., Index[i], ..] along `axis` (Index 1-D, or
/// fluid's [K, 1]); an index outside X is clamped into it.
FailureOr<Value> gatherAlong(OpBuilder &b, Operation *op, Value x, Value index,
                             int64_t axisAttr) {
  Location loc = op->getLoc();
  auto xType = cast<RankedTensorType>(x.getType());
  auto indexType = cast<RankedTensorType>(index.getType());
  std::optional<int64_t> axis = paddleAxis(axisAttr, xType.getRank());
  if (!axis)
    return op->emitOpError("axis out of range");
  if (indexType.getRank() == 2) // [K, 1]: fluid's form
    index = b.create<tensor::CollapseShapeOp>(
        loc, index, ArrayRef<ReassociationIndices>{{0, 1}});
  if (cast<RankedTensorType>(index.getType()).getRank() != 1)
    return op->emitOpError("takes a 1-D Index");
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, x);
  dims[*axis] = dimsOf(b, loc, index)[0];
  Value rows = b.create<tensor::DimOp>(loc, x, *axis);
  AffineMap indexMap = AffineMap::get(xType.getRank(), 0,
                                      getAffineDimExpr(*axis, b.getContext()));
  return gatherElements(
      b, loc, dims, x, index, indexMap,
      [&](OpBuilder &nb, Location l, ValueRange at, ValueRange args) {
        Value i = nb.create<arith::IndexCastOp>(l, nb.getIndexType(), args[0]);
        Value zero = nb.create<arith::ConstantIndexOp>(l, 0);
        Value last = nb.create<arith::SubIOp>(
            l, rows, nb.create<arith::ConstantIndexOp>(l, 1));
        SmallVector<Value> indices(at);
        indices[*axis] = nb.create<arith::MinSIOp>(
            l, nb.create<arith::MaxSIOp>(l, i, zero), last);
        return indices;
      });
}

/// gather: along `axis` (an attribute; a tensor axis is refused).
struct LowerGather : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getAxis_())
      return op->emitOpError("with its axis given by a tensor has no lowering");
    FailureOr<Value> out = gatherAlong(rewriter, op, adaptor.getX(),
                                       adaptor.getIndex(), intAttr(op, "axis", 0));
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// index_select: gather along `dim`.
struct LowerIndexSelect : OpConversionPattern<IndexSelectOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(IndexSelectOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Value> out = gatherAlong(rewriter, op, adaptor.getX(),
                                       adaptor.getIndex(), intAttr(op, "dim", 0));
    if (failed(out))
      return failure();
    return replaceWithPrimaryResult(rewriter, op, *out);
  }
};

/// flip: out[.., i, ..] = X[.., n - 1 - i, ..] along each of `axis`.
struct LowerFlip : OpConversionPattern<FlipOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FlipOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    SmallVector<bool> flipped(rank, false);
    for (int64_t a : intsAttr(op, "axis")) {
      std::optional<int64_t> axis = paddleAxis(a, rank);
      if (!axis)
        return op->emitOpError("axis ") << a << " out of range";
      flipped[*axis] = true;
    }
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          SmallVector<Value> indices(at);
          for (int64_t i = 0; i < rank; ++i) {
            if (!flipped[i])
              continue;
            Value last = b.create<arith::SubIOp>(
                l, getValueOrCreateConstantIndexOp(b, l, dims[i]),
                b.create<arith::ConstantIndexOp>(l, 1));
            indices[i] = b.create<arith::SubIOp>(l, last, at[i]);
          }
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// `x` grown by before[d] elements ahead of dim d and after[d] behind it,
/// as Paddle's pad kernels fill them: `mode` constant (`value`), reflect,
/// replicate or circular.
Value padTensor(OpBuilder &rewriter, Location loc, Value x, ArrayRef<int64_t> before,
                ArrayRef<int64_t> after, StringRef mode, double value) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<bool> padded(rank, false);
  SmallVector<OpFoldResult> inDims = dimsOf(rewriter, loc, x), dims(inDims);
  SmallVector<Value> sizes;
  for (int64_t i = 0; i < rank; ++i)
    sizes.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, inDims[i]));
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t grow = before[dim] + after[dim];
    if (!grow)
      continue;
    padded[dim] = true;
    int64_t size = type.getDimSize(dim);
    dims[dim] = ShapedType::isDynamic(size)
                    ? getAsOpFoldResult(rewriter.create<arith::AddIOp>(
                          loc, sizes[dim],
                          rewriter.create<arith::ConstantIndexOp>(loc, grow)))
                    : rewriter.getIndexAttr(size + grow);
  }
  Type element = type.getElementType();
  auto source = [&](OpBuilder &b, Location l, Value at, int64_t dim) -> Value {
    Value n = sizes[dim];
    Value zero = b.create<arith::ConstantIndexOp>(l, 0);
    Value one = b.create<arith::ConstantIndexOp>(l, 1);
    Value last = b.create<arith::SubIOp>(l, n, one);
    Value i = b.create<arith::SubIOp>(l, at, b.create<arith::ConstantIndexOp>(l, before[dim]));
    if (mode == "reflect") { // -i before the start, 2 (n - 1) - i after the end
      Value mirrored = b.create<arith::MaxSIOp>(l, i, b.create<arith::SubIOp>(l, zero, i));
      Value fromEnd = b.create<arith::SubIOp>(
          l, b.create<arith::AddIOp>(l, last, last), mirrored);
      i = b.create<arith::MinSIOp>(l, mirrored, fromEnd);
    } else if (mode == "circular") {
      Value r = b.create<arith::RemSIOp>(l, i, n);
      Value negative = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, r, zero);
      i = b.create<arith::SelectOp>(l, negative, b.create<arith::AddIOp>(l, r, n), r);
    }
    // replicate (and constant, whose outside reads are replaced): clamp.
    return b.create<arith::MinSIOp>(l, b.create<arith::MaxSIOp>(l, i, zero), last);
  };
  auto inside = [&](OpBuilder &b, Location l, ValueRange at) -> Value {
    Value all = b.create<arith::ConstantIntOp>(l, 1, 1);
    for (int64_t dim = 0; dim < rank; ++dim) {
      if (!padded[dim])
        continue;
      Value i = b.create<arith::SubIOp>(l, at[dim], b.create<arith::ConstantIndexOp>(l, before[dim]));
      Value ok = b.create<arith::AndIOp>(
          l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, i,
                                     b.create<arith::ConstantIndexOp>(l, 0)),
          b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, i, sizes[dim]));
      all = b.create<arith::AndIOp>(l, all, ok);
    }
    return all;
  };
  return gatherElements(
      rewriter, loc, dims, x, {}, {},
      [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
        SmallVector<Value> indices(at);
        for (int64_t dim = 0; dim < rank; ++dim)
          if (padded[dim])
            indices[dim] = source(b, l, at[dim], dim);
        return indices;
      },
      mode != "constant" ? FinishFn(nullptr)
                         : FinishFn([&](OpBuilder &b, Location l, ValueRange at,
                                        Value e) -> Value {
                             return b.create<arith::SelectOp>(
                                 l, inside(b, l, at), e, constantOf(b, l, element, value));
                           }));
}

/// pad3d: W, H and D of a 5-D X padded by [left, right, top, bottom, front,
/// back], in `mode`.
struct LowerPad3d : OpConversionPattern<Pad3dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Pad3dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (adaptor.getPaddings_())
      return op->emitOpError("with its paddings given by a tensor has no lowering");
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> pads = intsAttr(op, "paddings");
    if (type.getRank() != 5 || pads.size() != 6)
      return op->emitOpError("pads 5-D tensors with 6 paddings");
    StringRef mode = strAttr(op, "mode", "constant");
    if (mode != "constant" && mode != "reflect" && mode != "replicate" &&
        mode != "circular")
      return op->emitOpError("mode '") << mode << "' has no lowering";
    // [left, right, top, bottom, front, back] pad W, H, D.
    bool channelsLast = strAttr(op, "data_format", "NCDHW") == "NDHWC";
    int64_t w = channelsLast ? 3 : 4;
    SmallVector<int64_t> before(5, 0), after(5, 0);
    for (int64_t i = 0; i < 3; ++i) {
      before[w - i] = pads[2 * i];
      after[w - i] = pads[2 * i + 1];
    }
    Value out = padTensor(rewriter, op.getLoc(), x, before, after, mode,
                          floatAttr(op, "value", 0));
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// pad: constant padding of any rank, paddings (before, after) per dim.
struct LowerPad : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    SmallVector<int64_t> pads = intsAttr(op, "paddings");
    if (int64_t(pads.size()) != 2 * rank ||
        llvm::any_of(pads, [](int64_t p) { return p < 0; }))
      return op->emitOpError("takes 2 paddings per dim, none negative");
    SmallVector<int64_t> before, after;
    for (int64_t i = 0; i < rank; ++i) {
      before.push_back(pads[2 * i]);
      after.push_back(pads[2 * i + 1]);
    }
    Value out = padTensor(rewriter, op.getLoc(), x, before, after, "constant",
                          floatAttr(op, "pad_value", 0));
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// An op's integers from its list of one-element tensors, else its 1-D
/// tensor, else its attribute `attr` (Paddle's order).
FailureOr<SmallVector<OpFoldResult>>
integersOf(OpBuilder &b, Location loc, Operation *op, Value tensor,
           ValueRange list, StringRef attr, StringRef tensorName,
           StringRef listName) {
  if (list.empty() && !tensor)
    return indexConstants(b, intsAttr(op, attr));
  return integersFromTensors(b, loc, op, list.empty() ? tensor : Value(), list,
                             -1, list.empty() ? tensorName : listName);
}

/// expand_v2: X (aligned at the end) broadcast to `shape` (-1 keeps X's
/// dim; decided at run time where the shape is read then).
struct LowerExpand : OpConversionPattern<ExpandV2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ExpandV2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto xType = cast<RankedTensorType>(x.getType());
    FailureOr<SmallVector<OpFoldResult>> shape =
        integersOf(rewriter, loc, op, adaptor.getShape_(),
                   adaptor.getExpandShapesTensor(), "shape", "Shape",
                   "expand_shapes_tensor");
    if (failed(shape))
      return failure();
    int64_t lead = int64_t(shape->size()) - xType.getRank();
    if (lead < 0)
      return op->emitOpError("shape has fewer dims than X");
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x), dims;
    for (auto [i, d] : llvm::enumerate(*shape)) {
      std::optional<int64_t> c = getConstantIntValue(d);
      if (c || int64_t(i) < lead) {
        dims.push_back(c == -1 && int64_t(i) >= lead ? xDims[i - lead] : d);
        continue;
      }
      Value v = cast<Value>(d);
      Value keep = rewriter.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq, v,
          rewriter.create<arith::ConstantIndexOp>(loc, -1));
      dims.push_back(rewriter
                         .create<arith::SelectOp>(
                             loc, keep,
                             getValueOrCreateConstantIndexOp(rewriter, loc, xDims[i - lead]),
                             v)
                         .getResult());
    }
    // mapElements broadcasts X's dims of static size 1.
    Value out = mapElements(rewriter, loc, dims, xType.getElementType(), x,
                            [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// Where tile and fluid's expand (its twin) keep their counts.
struct TileCounts {
  StringRef attr, tensor, list;
};

/// tile: out[i...] = X[i mod dim...], X's dims padded with 1s in front.
/// Its counts come as operands 1 (a tensor) and 2 (a list), else `counts`.
template <typename OpTy>
struct LowerTile : OpConversionPattern<OpTy> {
  LowerTile(MLIRContext *ctx, TileCounts counts)
      : OpConversionPattern<OpTy>(ctx), counts(counts) {}
  using OpAdaptor = typename OpTy::Adaptor;
  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t xRank = cast<RankedTensorType>(x.getType()).getRank();
    ValueRange tensor = adaptor.getODSOperands(1);
    FailureOr<SmallVector<OpFoldResult>> given =
        integersOf(rewriter, loc, op, tensor.empty() ? Value() : tensor.front(),
                   adaptor.getODSOperands(2), counts.attr, counts.tensor,
                   counts.list);
    if (failed(given))
      return failure();
    SmallVector<OpFoldResult> repeats = *given;
    int64_t rank = std::max<int64_t>(xRank, repeats.size());
    repeats.insert(repeats.begin(), rank - repeats.size(), rewriter.getIndexAttr(1));
    int64_t lead = rank - xRank;
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x), dims;
    SmallVector<Value> sizes;
    for (int64_t i = 0; i < rank; ++i) {
      if (i < lead) {
        dims.push_back(repeats[i]);
        continue;
      }
      Value size = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[i - lead]);
      sizes.push_back(size);
      dims.push_back(getAsOpFoldResult(rewriter.create<arith::MulIOp>(
          loc, size, getValueOrCreateConstantIndexOp(rewriter, loc, repeats[i]))));
    }
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          SmallVector<Value> indices;
          for (int64_t i = lead; i < rank; ++i)
            indices.push_back(b.create<arith::RemUIOp>(l, at[i], sizes[i - lead]));
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }

  TileCounts counts;
};

/// pixel_shuffle: out[n, c, h r + i, w r + j] = X[n, c r^2 + i r + j, h, w]
/// (NHWC alike, channels last).
struct LowerPixelShuffle : OpConversionPattern<PixelShuffleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PixelShuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t r = intAttr(op, "upscale_factor", 1);
    bool nhwc = strAttr(op, "data_format", "NCHW") == "NHWC";
    if (cast<RankedTensorType>(x.getType()).getRank() != 4 || r < 1)
      return op->emitOpError("takes a 4-D X and an upscale_factor of at least 1");
    int64_t cAt = nhwc ? 3 : 1, hAt = nhwc ? 1 : 2, wAt = nhwc ? 2 : 3;
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x), dims(xDims);
    auto scaled = [&](OpFoldResult d, bool up) {
      Value v = getValueOrCreateConstantIndexOp(rewriter, loc, d);
      Value factor = rewriter.create<arith::ConstantIndexOp>(loc, up ? r : r * r);
      return getAsOpFoldResult(
          up ? rewriter.create<arith::MulIOp>(loc, v, factor).getResult()
             : rewriter.create<arith::DivUIOp>(loc, v, factor).getResult());
    };
    dims[cAt] = scaled(xDims[cAt], false);
    dims[hAt] = scaled(xDims[hAt], true);
    dims[wAt] = scaled(xDims[wAt], true);
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          Value factor = b.create<arith::ConstantIndexOp>(l, r);
          Value i = b.create<arith::RemUIOp>(l, at[hAt], factor);
          Value j = b.create<arith::RemUIOp>(l, at[wAt], factor);
          // c r^2 + i r + j
          Value c = b.create<arith::AddIOp>(
              l,
              b.create<arith::MulIOp>(
                  l, b.create<arith::AddIOp>(l, b.create<arith::MulIOp>(l, at[cAt], factor), i),
                  factor),
              j);
          SmallVector<Value> indices(at);
          indices[cAt] = c;
          indices[hAt] = b.create<arith::DivUIOp>(l, at[hAt], factor);
          indices[wAt] = b.create<arith::DivUIOp>(l, at[wAt], factor);
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// meshgrid: Out[i] is X[i] broadcast along dim i of [len(X[0]), ...].
struct LowerMeshgrid : OpConversionPattern<MeshgridOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MeshgridOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<Value> inputs;
    SmallVector<OpFoldResult> dims;
    for (Value v : adaptor.getX()) {
      auto type = cast<RankedTensorType>(v.getType());
      if (type.getRank() == 0)
        v = rewriter.create<tensor::ExpandShapeOp>(
            loc, RankedTensorType::get({1}, type.getElementType()), v,
            ArrayRef<ReassociationIndices>{});
      else if (type.getRank() != 1)
        return op->emitOpError("takes 1-D tensors");
      inputs.push_back(v);
      dims.push_back(dimsOf(rewriter, loc, v)[0]);
    }
    SmallVector<Value> outs;
    for (auto [i, v] : llvm::enumerate(inputs)) {
      Type element = cast<RankedTensorType>(v.getType()).getElementType();
      Value out = mapElements(rewriter, loc, dims, element, v, {int64_t(i)},
                              [](OpBuilder &, Location, ValueRange a) { return a[0]; });
      outs.push_back(out);
    }
    replaceWithResults(rewriter, op, outs);
    return success();
  }
};

/// Visits X's elements in row-major order, one iteration each, keeping a
/// buffer (made by `makeBuffer` with room for every element) and a count of
/// the elements selected so far: `select` decides from an element's indices
/// whether it is kept, `store` writes a kept one at row `count`. Returns
/// the filled buffer and the count.
std::pair<Value, Value> selectInOrder(
    OpBuilder &b, Location loc, Value x,
    function_ref<Value(Value total)> makeBuffer,
    function_ref<Value(OpBuilder &, Location, ValueRange at)> select,
    function_ref<Value(OpBuilder &, Location, ValueRange at, Value buffer,
                       Value count)>
        store) {
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  SmallVector<Value> dims;
  Value total = b.create<arith::ConstantIndexOp>(loc, 1);
  for (OpFoldResult d : dimsOf(b, loc, x)) {
    dims.push_back(getValueOrCreateConstantIndexOp(b, loc, d));
    total = b.create<arith::MulIOp>(loc, total, dims.back());
  }
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  auto loop = b.create<scf::ForOp>(
      loc, zero, total, one, ValueRange{makeBuffer(total), zero},
      [&](OpBuilder &nb, Location l, Value linear, ValueRange carried) {
        SmallVector<Value> at(rank);
        Value rest = linear;
        for (int64_t d = rank - 1; d > 0; --d) {
          at[d] = nb.create<arith::RemUIOp>(l, rest, dims[d]);
          rest = nb.create<arith::DivUIOp>(l, rest, dims[d]);
        }
        if (rank)
          at[0] = rest;
        auto kept = nb.create<scf::IfOp>(
            l, select(nb, l, at),
            [&](OpBuilder &tb, Location tl) {
              Value filled = store(tb, tl, at, carried[0], carried[1]);
              tb.create<scf::YieldOp>(
                  tl, ValueRange{filled, tb.create<arith::AddIOp>(tl, carried[1], one)});
            },
            [&](OpBuilder &eb, Location el) {
              eb.create<scf::YieldOp>(el, carried);
            });
        nb.create<scf::YieldOp>(l, kept.getResults());
      });
  return {loop.getResult(0), loop.getResult(1)};
}

/// where_index: the indices of Condition's non-zero elements, one row each.
struct LowerWhereIndex : OpConversionPattern<WhereIndexOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(WhereIndexOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value condition = adaptor.getCondition();
    int64_t rank = cast<RankedTensorType>(condition.getType()).getRank();
    Type i64 = rewriter.getI64Type();
    auto [filled, count] = selectInOrder(
        rewriter, loc, condition,
        [&](Value total) -> Value {
          return rewriter.create<tensor::EmptyOp>(
              loc, ArrayRef<OpFoldResult>{total, rewriter.getIndexAttr(rank)}, i64);
        },
        [&](OpBuilder &b, Location l, ValueRange at) {
          return convertScalar(b, l, b.create<tensor::ExtractOp>(l, condition, at),
                               b.getI1Type());
        },
        [&](OpBuilder &b, Location l, ValueRange at, Value rows, Value row) {
          for (int64_t d = 0; d < rank; ++d)
            rows = b.create<tensor::InsertOp>(
                l, b.create<arith::IndexCastOp>(l, i64, at[d]), rows,
                ValueRange{row, b.create<arith::ConstantIndexOp>(l, d)});
          return rows;
        });
    Value out = rewriter.create<tensor::ExtractSliceOp>(
        loc, filled, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0), rewriter.getIndexAttr(0)},
        ArrayRef<OpFoldResult>{count, rewriter.getIndexAttr(rank)},
        ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1), rewriter.getIndexAttr(1)});
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// masked_select: X's elements where Mask is not zero.
struct LowerMaskedSelect : OpConversionPattern<MaskedSelectOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaskedSelectOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), mask = adaptor.getMask();
    Type element = cast<RankedTensorType>(x.getType()).getElementType();
    auto [filled, count] = selectInOrder(
        rewriter, loc, x,
        [&](Value total) -> Value {
          return rewriter.create<tensor::EmptyOp>(
              loc, ArrayRef<OpFoldResult>{total}, element);
        },
        [&](OpBuilder &b, Location l, ValueRange at) {
          return convertScalar(b, l, b.create<tensor::ExtractOp>(l, mask, at),
                               b.getI1Type());
        },
        [&](OpBuilder &b, Location l, ValueRange at, Value values, Value row) {
          return b.create<tensor::InsertOp>(
              l, b.create<tensor::ExtractOp>(l, x, at), values, row).getResult();
        });
    Value out = rewriter.create<tensor::ExtractSliceOp>(
        loc, filled, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0)},
        ArrayRef<OpFoldResult>{count}, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// unbind / unstack: result i is X's slice i along `axis`, that dim
/// dropped.
template <typename OpTy>
struct LowerUnstack : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", 0), rank);
    if (!axis)
      return op->emitOpError("axis out of range");
    SmallVector<OpFoldResult> sizes = dimsOf(rewriter, loc, x);
    sizes[*axis] = rewriter.getIndexAttr(1);
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    SmallVector<Value> slices;
    for (auto [i, result] : llvm::enumerate(op->getResults())) {
      offsets[*axis] = rewriter.getIndexAttr(i);
      auto type = cast<RankedTensorType>(result.getType());
      Value slice = rewriter.create<tensor::ExtractSliceOp>(
          loc, RankedTensorType::get(
                   tensor::ExtractSliceOp::inferCanonicalRankReducedResultType(
                       rank - 1, cast<RankedTensorType>(x.getType()), offsets, sizes,
                       strides)
                       .getShape(),
                   type.getElementType()),
          x, offsets, sizes, strides);
      slices.push_back(slice);
    }
    replaceWithResults(rewriter, op, slices);
    return success();
  }
};

/// expand_as_v2: X (aligned at the end) broadcast to Y's dims, or to
/// `target_shape` (-1 keeps X's dim) without Y.
struct LowerExpandAs : OpConversionPattern<ExpandAsV2Op> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ExpandAsV2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto xType = cast<RankedTensorType>(x.getType());
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x), dims;
    if (Value y = adaptor.getY()) {
      dims = dimsOf(rewriter, loc, y);
    } else {
      SmallVector<int64_t> target = intsAttr(op, "target_shape");
      int64_t lead = int64_t(target.size()) - xType.getRank();
      for (auto [i, d] : llvm::enumerate(target)) {
        if (d < 0 && int64_t(i) < lead)
          return op->emitOpError("target_shape has -1 for a dim X lacks");
        dims.push_back(d < 0 ? xDims[i - lead] : rewriter.getIndexAttr(d));
      }
    }
    if (dims.size() < xDims.size())
      return op->emitOpError("expands to fewer dims than X has");
    Value out = mapElements(rewriter, loc, dims, xType.getElementType(), x,
                            [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateDataMovementLowering(RewritePatternSet &patterns) {
  patterns.add<LowerGather, LowerIndexSelect, LowerFlip, LowerPad3d, LowerPad, LowerExpand,
               LowerPixelShuffle, LowerMeshgrid, LowerWhereIndex,
               LowerMaskedSelect, LowerUnstack<UnbindOp>, LowerUnstack<UnstackOp>,
               LowerExpandAs>(
      patterns.getContext());
  patterns.add<LowerTile<TileOp>>(
      patterns.getContext(),
      TileCounts{"repeat_times", "RepeatTimes", "repeat_times_tensor"});
  patterns.add<LowerTile<ExpandOp>>(
      patterns.getContext(),
      TileCounts{"expand_times", "ExpandTimes", "expand_times_tensor"});
}

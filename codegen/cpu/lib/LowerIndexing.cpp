//===- LowerIndexing.cpp - gathers and scatters by index tensors ----------===//
//
// Gathers whose indices come per output element from an index tensor
// (index_sample, take_along_axis, gather_nd): one linalg.generic over the
// output reads the index, clamps it into X (the compiled code reads no
// memory outside its tensors; Paddle reports an error there) and extracts
// the element. Scatters (scatter, scatter_nd_add) write in Paddle's order:
// a loop over the indices carrying the output, an index outside X writing
// nothing.
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

/// An integer index read from a tensor, as an index; a negative one counts
/// from the end, as Paddle's kernels allow.
Value countedFromEnd(OpBuilder &b, Location loc, Value raw, Value size) {
  Value i = b.create<arith::IndexCastOp>(loc, b.getIndexType(), raw);
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, zero);
  return b.create<arith::SelectOp>(loc, negative, b.create<arith::AddIOp>(loc, i, size), i);
}

/// countedFromEnd, clamped to [0, size).
Value clampedIndex(OpBuilder &b, Location loc, Value raw, Value size) {
  Value i = countedFromEnd(b, loc, raw, size);
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value last = b.create<arith::SubIOp>(loc, size, b.create<arith::ConstantIndexOp>(loc, 1));
  return b.create<arith::MinSIOp>(loc, b.create<arith::MaxSIOp>(loc, i, zero), last);
}

/// index_sample: out[n, k] = X[n, Index[n, k]].
struct LowerIndexSample : OpConversionPattern<IndexSampleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(IndexSampleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), index = adaptor.getIndex();
    if (cast<RankedTensorType>(x.getType()).getRank() != 2 ||
        cast<RankedTensorType>(index.getType()).getRank() != 2)
      return op->emitOpError("takes a 2-D X and a 2-D Index");
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, index);
    Value columns = rewriter.create<tensor::DimOp>(loc, x, 1);
    Value out = gatherElements(
        rewriter, loc, dims, x, index, rewriter.getMultiDimIdentityMap(2),
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange args) {
          return SmallVector<Value>{at[0], clampedIndex(b, l, args[0], columns)};
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// take_along_axis: out[.., i, ..] = Input[.., Index[.., i, ..], ..] along
/// Axis; the other dims index both alike.
struct LowerTakeAlongAxis : OpConversionPattern<TakeAlongAxisOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TakeAlongAxisOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput(), index = adaptor.getIndex();
    int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "Axis", 0), rank);
    if (!axis)
      return op->emitOpError("Axis out of range");
    if (cast<RankedTensorType>(index.getType()).getRank() != rank)
      return op->emitOpError("takes an Index of Input's rank");
    Value size = rewriter.create<tensor::DimOp>(loc, input, *axis);
    Value out = gatherElements(
        rewriter, loc, dimsOf(rewriter, loc, index), input, index,
        rewriter.getMultiDimIdentityMap(rank),
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange args) {
          SmallVector<Value> indices(at);
          indices[*axis] = clampedIndex(b, l, args[0], size);
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// gather_nd: out[i.., j..] = X[Index[i.., 0], .., Index[i.., K-1], j..].
struct LowerGatherNd : OpConversionPattern<GatherNdOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherNdOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), index = adaptor.getIndex();
    auto indexType = cast<RankedTensorType>(index.getType());
    int64_t lead = indexType.getRank() - 1;
    int64_t k = indexType.getDimSize(lead);
    if (ShapedType::isDynamic(k))
      return op->emitOpError("needs Index's last dim static");
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, index);
    dims.pop_back();
    dims.append(xDims.begin() + k, xDims.end());
    Value out = gatherElements(
        rewriter, loc, dims, x, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          SmallVector<Value> coordinate(at.take_front(lead));
          coordinate.push_back(Value());
          SmallVector<Value> indices;
          for (int64_t c = 0; c < k; ++c) {
            coordinate.back() = b.create<arith::ConstantIndexOp>(l, c);
            Value raw = b.create<tensor::ExtractOp>(l, index, coordinate);
            indices.push_back(clampedIndex(
                b, l, raw, getValueOrCreateConstantIndexOp(b, l, xDims[c])));
          }
          llvm::append_range(indices, at.drop_front(lead));
          return indices;
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// countedFromEnd, and whether it then lies in [0, size).
std::pair<Value, Value> indexWithin(OpBuilder &b, Location loc, Value raw, Value size) {
  Value i = countedFromEnd(b, loc, raw, size);
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value within = b.create<arith::AndIOp>(
      loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, i, zero),
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, size));
  return {i, within};
}

/// A loop over [0, count) carrying `init`: `body` returns the next value
/// from the current one, run only where `guard` (from the iteration's
/// index) holds. Writes happen in order, as Paddle's kernels make them.
Value orderedWrites(OpBuilder &b, Location loc, Value count, Value init,
                    function_ref<std::pair<Value, Value>(OpBuilder &, Location, Value i)> guard,
                    function_ref<Value(OpBuilder &, Location, Value i, Value guarded,
                                       Value current)>
                        body) {
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  auto loop = b.create<scf::ForOp>(
      loc, zero, count, one, ValueRange{init},
      [&](OpBuilder &nb, Location l, Value i, ValueRange carried) {
        auto [at, ok] = guard(nb, l, i);
        auto written = nb.create<scf::IfOp>(
            l, ok,
            [&](OpBuilder &tb, Location tl) {
              tb.create<scf::YieldOp>(tl, body(tb, tl, i, at, carried[0]));
            },
            [&](OpBuilder &eb, Location el) { eb.create<scf::YieldOp>(el, carried); });
        nb.create<scf::YieldOp>(l, written.getResults());
      });
  return loop.getResult(0);
}

/// x + y per element, of two tensors of one shape (a scatter's
/// accumulation: floats or integers).
Value addElements(OpBuilder &b, Location loc, Value x, Value y) {
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  return mapElements(b, loc, dimsOf(b, loc, x), element, ValueRange{x, y},
                     [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
                       if (isa<FloatType>(element))
                         return nb.create<arith::AddFOp>(l, a[0], a[1]);
                       return nb.create<arith::AddIOp>(l, a[0], a[1]);
                     });
}

/// `dims` with the leading `drop` dims removed, as the type of a
/// rank-reduced slice of element `element`.
RankedTensorType trailingType(ArrayRef<OpFoldResult> dims, int64_t drop, Type element) {
  SmallVector<int64_t> shape;
  for (OpFoldResult d : dims.drop_front(drop))
    shape.push_back(getConstantIntValue(d).value_or(ShapedType::kDynamic));
  return RankedTensorType::get(shape, element);
}

/// scatter: Out = X, then per id in order its row replaced by Updates' row
/// (overwrite) or, without overwrite, every id's row zeroed first and then
/// Updates' rows added in order, as Paddle's ScatterAssign(Add) does. An
/// id outside X's rows writes nothing (Paddle reports an error).
struct LowerScatter : OpConversionPattern<ScatterOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), ids = adaptor.getIds(), updates = adaptor.getUpdates();
    auto xType = cast<RankedTensorType>(x.getType());
    auto idsType = cast<RankedTensorType>(ids.getType());
    int64_t rank = xType.getRank();
    if (rank == 0 || idsType.getRank() > 2)
      return op->emitOpError("needs X of rank 1 or more and Ids of rank 2 at most");
    Type element = xType.getElementType();
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    Value rows = getValueOrCreateConstantIndexOp(rewriter, loc, xDims[0]);
    Value count = idsType.getRank() == 0
                      ? rewriter.create<arith::ConstantIndexOp>(loc, 1).getResult()
                      : rewriter.create<tensor::DimOp>(loc, ids, 0).getResult();
    int64_t lead = idsType.getRank() == 0 ? 0 : 1; // Updates' row dim
    RankedTensorType rowType = trailingType(xDims, 1, element);
    auto idOf = [&](OpBuilder &b, Location l, Value i) {
      SmallVector<Value> at;
      if (idsType.getRank() >= 1)
        at.push_back(i);
      if (idsType.getRank() == 2)
        at.push_back(b.create<arith::ConstantIndexOp>(l, 0));
      return indexWithin(b, l, b.create<tensor::ExtractOp>(l, ids, at), rows);
    };
    auto rowWindow = [&](OpBuilder &b, Value first) {
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)), sizes = xDims;
      offsets[0] = first;
      sizes[0] = b.getIndexAttr(1);
      return std::make_pair(offsets, sizes);
    };
    SmallVector<OpFoldResult> ones(rank, rewriter.getIndexAttr(1));
    auto updateRow = [&](OpBuilder &b, Location l, Value i) -> Value {
      if (!lead)
        return updates;
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes = dimsOf(b, l, updates);
      offsets[0] = i;
      sizes[0] = b.getIndexAttr(1);
      return b.create<tensor::ExtractSliceOp>(l, rowType, updates, offsets, sizes, ones);
    };
    Value out = x;
    bool overwrite = boolAttr(op, "overwrite", true);
    if (!overwrite) {
      Value zeros = rewriter
                        .create<linalg::FillOp>(
                            loc, constantOf(rewriter, loc, element, 0),
                            emptyTensor(rewriter, loc, ArrayRef(xDims).drop_front(), element))
                        .getResult(0);
      out = orderedWrites(rewriter, loc, count, out, idOf,
                          [&](OpBuilder &b, Location l, Value, Value id, Value current) {
                            auto [offsets, sizes] = rowWindow(b, id);
                            return b.create<tensor::InsertSliceOp>(l, zeros, current, offsets,
                                                                   sizes, ones)
                                .getResult();
                          });
    }
    out = orderedWrites(
        rewriter, loc, count, out, idOf,
        [&](OpBuilder &b, Location l, Value i, Value id, Value current) {
          auto [offsets, sizes] = rowWindow(b, id);
          Value row = updateRow(b, l, i);
          if (!overwrite) {
            Value old = b.create<tensor::ExtractSliceOp>(l, rowType, current, offsets,
                                                         sizes, ones);
            row = addElements(b, l, old, row);
          }
          return b.create<tensor::InsertSliceOp>(l, row, current, offsets, sizes, ones)
              .getResult();
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

/// scatter_nd_add: Out = X, then for each of Index's leading positions in
/// row-major order, Updates' slice there added to X's slice at the
/// coordinates in Index's last dim, as Paddle's ScatterNdAdd does. A
/// coordinate outside X writes nothing (Paddle reports an error).
struct LowerScatterNdAdd : OpConversionPattern<ScatterNdAddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterNdAddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), index = adaptor.getIndex(), updates = adaptor.getUpdates();
    auto xType = cast<RankedTensorType>(x.getType());
    auto indexType = cast<RankedTensorType>(index.getType());
    int64_t rank = xType.getRank(), lead = indexType.getRank() - 1;
    int64_t k = lead >= 0 ? indexType.getDimSize(lead) : ShapedType::kDynamic;
    if (ShapedType::isDynamic(k) || k > rank)
      return op->emitOpError("needs Index's last dim static and at most X's rank");
    Type element = xType.getElementType();
    SmallVector<OpFoldResult> xDims = dimsOf(rewriter, loc, x);
    SmallVector<Value> leadDims;
    Value count = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    for (int64_t d = 0; d < lead; ++d) {
      leadDims.push_back(rewriter.create<tensor::DimOp>(loc, index, d));
      count = rewriter.create<arith::MulIOp>(loc, count, leadDims.back());
    }
    RankedTensorType sliceType = trailingType(xDims, k, element);
    SmallVector<OpFoldResult> ones(rank, rewriter.getIndexAttr(1));
    // Index's leading position of iteration i, row-major.
    auto position = [&](OpBuilder &b, Location l, Value i) {
      SmallVector<Value> at(lead);
      for (int64_t d = lead - 1; d >= 0; --d) {
        at[d] = d ? b.create<arith::RemUIOp>(l, i, leadDims[d]).getResult() : i;
        if (d)
          i = b.create<arith::DivUIOp>(l, i, leadDims[d]);
      }
      return at;
    };
    SmallVector<Value> coordinates;
    auto guard = [&](OpBuilder &b, Location l, Value i) {
      SmallVector<Value> at = position(b, l, i);
      at.push_back(Value());
      coordinates.clear();
      Value ok = b.create<arith::ConstantIntOp>(l, 1, 1);
      for (int64_t c = 0; c < k; ++c) {
        at.back() = b.create<arith::ConstantIndexOp>(l, c);
        auto [v, within] = indexWithin(
            b, l, b.create<tensor::ExtractOp>(l, index, at),
            getValueOrCreateConstantIndexOp(b, l, xDims[c]));
        coordinates.push_back(v);
        ok = b.create<arith::AndIOp>(l, ok, within);
      }
      return std::make_pair(Value(), ok);
    };
    Value out = orderedWrites(
        rewriter, loc, count, x, guard,
        [&](OpBuilder &b, Location l, Value i, Value, Value current) {
          SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)), sizes = xDims;
          for (int64_t c = 0; c < k; ++c) {
            offsets[c] = coordinates[c];
            sizes[c] = b.getIndexAttr(1);
          }
          Value old = b.create<tensor::ExtractSliceOp>(l, sliceType, current, offsets,
                                                       sizes, ones);
          // Updates' slice at the same leading position.
          auto updatesType = cast<RankedTensorType>(updates.getType());
          SmallVector<OpFoldResult> uOffsets(updatesType.getRank(), b.getIndexAttr(0));
          SmallVector<OpFoldResult> uSizes = dimsOf(b, l, updates);
          SmallVector<Value> at = position(b, l, i);
          for (int64_t d = 0; d < lead; ++d) {
            uOffsets[d] = at[d];
            uSizes[d] = b.getIndexAttr(1);
          }
          SmallVector<OpFoldResult> uOnes(updatesType.getRank(), b.getIndexAttr(1));
          Value update = b.create<tensor::ExtractSliceOp>(l, sliceType, updates, uOffsets,
                                                          uSizes, uOnes);
          Value sum = addElements(b, l, old, update);
          return b.create<tensor::InsertSliceOp>(l, sum, current, offsets, sizes, ones)
              .getResult();
        });
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateIndexingLowering(RewritePatternSet &patterns) {
  patterns.add<LowerIndexSample, LowerTakeAlongAxis, LowerGatherNd, LowerScatter,
               LowerScatterNdAdd>(
      patterns.getContext());
}

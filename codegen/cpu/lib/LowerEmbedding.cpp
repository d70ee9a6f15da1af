//===- LowerEmbedding.cpp - lookup_table and lookup_table_v2 --------------===//
//
// An embedding gathers rows of W: out[..., d] = W[ids[...], d], zeros
// where the index is padding_idx (when it is not -1). An index outside W
// is clamped into it: compiled code reads no memory outside its tensors
// (Paddle reports such an index as an error).
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

template <typename OpTy>
struct LowerLookupTable : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value ids = adaptor.getIds(), w = adaptor.getW();
    auto idsType = cast<RankedTensorType>(ids.getType());
    auto wType = cast<RankedTensorType>(w.getType());
    // fluid 1.x's lookup_table reads Ids [..., 1].
    bool dropLastOne = std::is_same_v<OpTy, LookupTableOp>;
    int64_t idsRank = idsType.getRank() - (dropLastOne ? 1 : 0);
    if (wType.getRank() != 2 || idsRank < 0)
      return op->emitOpError("needs a matrix W and indices");
    SmallVector<OpFoldResult> idsDims = dimsOf(rewriter, loc, ids);
    SmallVector<OpFoldResult> dims(idsDims.begin(), idsDims.begin() + idsRank);
    dims.push_back(dimsOf(rewriter, loc, w)[1]);
    Value rows = rewriter.create<tensor::DimOp>(loc, w, 0);
    Type element = wType.getElementType();
    Value init = emptyTensor(rewriter, loc, dims, element);
    int64_t padding = intAttr(op, "padding_idx", -1);
    // Loops: the indices' dims, then d. The index is read through a map
    // that drops d (and adds fluid's trailing 0).
    MLIRContext *ctx = rewriter.getContext();
    int64_t loops = idsRank + 1;
    SmallVector<AffineExpr> idsExprs;
    for (int64_t i = 0; i < idsRank; ++i)
      idsExprs.push_back(getAffineDimExpr(i, ctx));
    if (dropLastOne)
      idsExprs.push_back(getAffineConstantExpr(0, ctx));
    SmallVector<AffineMap> maps{AffineMap::get(loops, 0, idsExprs, ctx),
                                rewriter.getMultiDimIdentityMap(loops)};
    SmallVector<utils::IteratorType> iterators(loops, utils::IteratorType::parallel);
    Value out =
        rewriter
            .create<linalg::GenericOp>(
                loc, init.getType(), ValueRange{ids}, init, maps, iterators,
                [&](OpBuilder &b, Location l, ValueRange a) {
                  Value index = b.create<arith::IndexCastOp>(l, b.getIndexType(), a[0]);
                  Value zero = b.create<arith::ConstantIndexOp>(l, 0);
                  Value last = b.create<arith::SubIOp>(
                      l, rows, b.create<arith::ConstantIndexOp>(l, 1));
                  Value row = b.create<arith::MinSIOp>(
                      l, b.create<arith::MaxSIOp>(l, index, zero), last);
                  Value d = b.create<linalg::IndexOp>(l, idsRank);
                  Value v = b.create<tensor::ExtractOp>(l, w, ValueRange{row, d});
                  if (padding != -1) {
                    Value isPad = b.create<arith::CmpIOp>(
                        l, arith::CmpIPredicate::eq, index,
                        b.create<arith::ConstantIndexOp>(l, padding));
                    v = b.create<arith::SelectOp>(l, isPad,
                                                  constantOf(b, l, element, 0), v);
                  }
                  b.create<linalg::YieldOp>(l, v);
                })
            .getResult(0);
    return replaceWithPrimaryResult(rewriter, op, out);
  }
};

} // namespace

void pd::cpu::populateEmbeddingLowering(RewritePatternSet &patterns) {
  patterns.add<LowerLookupTable<LookupTableV2Op>, LowerLookupTable<LookupTableOp>>(
      patterns.getContext());
}

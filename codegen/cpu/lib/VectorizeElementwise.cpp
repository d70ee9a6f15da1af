//===- VectorizeElementwise.cpp - the pd-cpu-vectorize-elementwise pass ---===//
//
// Elementwise linalg.generic ops, tiled along their contiguous innermost
// loop and vectorized here rather than by LLVM's loop vectorizer, which
// turns a short static innermost loop into gathers and scatters over the
// loop around it.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Cpu/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd::cpu {
#define GEN_PASS_DEF_VECTORIZEELEMENTWISE
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;

namespace {

/// The vector width to tile `op` by, if it is an elementwise op whose
/// innermost loop runs along every operand's last dim (or broadcasts) and is
/// a static multiple of it.
std::optional<int64_t> vectorWidthOf(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumReductionLoops() != 0 ||
      op.getNumLoops() == 0)
    return std::nullopt;
  for (Operation &bodyOp : op.getBody()->without_terminator()) {
    if (!isa<arith::ArithDialect, math::MathDialect>(bodyOp.getDialect()))
      return std::nullopt;
    for (Type type : bodyOp.getResultTypes())
      if (!type.isIntOrFloat())
        return std::nullopt;
  }
  unsigned inner = op.getNumLoops() - 1;
  AffineExpr innerDim = getAffineDimExpr(inner, op.getContext());
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (op.isDpsInit(&operand) ? !map.isIdentity()
                               : !map.isProjectedPermutation(true))
      return std::nullopt;
    for (unsigned r = 0; r + 1 < map.getNumResults(); ++r)
      if (map.getResult(r) == innerDim)
        return std::nullopt; // read across: a transpose
  }
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t size = ranges[inner];
  if (ShapedType::isDynamic(size))
    return std::nullopt;
  int64_t width = size % 16 == 0 ? 16 : size % 8 == 0 ? 8 : 0;
  if (!width)
    return std::nullopt;
  // A tile already: every outer loop one iteration.
  if (size == width && llvm::all_of(ArrayRef(ranges).drop_back(),
                                    [](int64_t r) { return r == 1; }))
    return std::nullopt;
  return width;
}

struct TileAndVectorize : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> width = vectorWidthOf(op);
    if (!width)
      return rewriter.notifyMatchFailure(op, "not a contiguous elementwise op");
    SmallVector<OpFoldResult> sizes(op.getNumLoops(), rewriter.getIndexAttr(1));
    sizes.back() = rewriter.getIndexAttr(*width);
    scf::SCFTilingOptions options;
    options.setTileSizes(sizes);
    FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled))
      return rewriter.notifyMatchFailure(op, "cannot tile");
    // The checks above leave only ops whose static tiles vectorize; should
    // one not, it stays a tile of scalar loops, still correct, and is not
    // matched again (vectorWidthOf skips tiles). A pattern must not fail
    // once it has changed the IR.
    for (Operation *tile : tiled->tiledOps)
      (void)linalg::vectorize(rewriter, tile);
    rewriter.replaceOp(op, tiled->replacements);
    return success();
  }
};

struct VectorizeElementwise
    : pd::cpu::impl::VectorizeElementwiseBase<VectorizeElementwise> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet tiling(ctx);
    tiling.add<TileAndVectorize>(ctx);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(tiling))))
      return signalPassFailure();
    // The tiles' vectors are 1 x ... x 1 x V: reads and writes of V lanes,
    // and broadcasts of the operands that do not vary along a dim.
    RewritePatternSet vectors(ctx);
    vector::populateCastAwayVectorLeadingOneDimPatterns(vectors);
    vector::populateVectorTransferPermutationMapLoweringPatterns(vectors);
    vector::populateVectorBroadcastLoweringPatterns(vectors);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(vectors))))
      signalPassFailure();
  }
};

} // namespace

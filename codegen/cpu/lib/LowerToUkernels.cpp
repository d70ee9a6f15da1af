//===- LowerToUkernels.cpp - the pd-cpu-lower-to-ukernels pass ------------===//
//
// After bufferization, each pdcpu op (on memrefs) becomes a call of its
// microkernel. Buffers go as addresses (i64): the aligned pointer plus the
// offset; sizes come from the memrefs, which the kernels take to be dense
// and row-major (a buffer with another layout is copied into one first).
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Cpu/Passes.h"
#include "pd/Codegen/Cpu/PdCpuOps.h"
#include "pd/Runtime/ArtifactAbi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd::cpu {
#define GEN_PASS_DEF_LOWERTOUKERNELS
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd::cpu;

namespace {

/// Builds the i64 arguments of one microkernel call.
class CallBuilder {
public:
  CallBuilder(PatternRewriter &rewriter, Location loc)
      : b(rewriter), loc(loc) {}

  Value constant(int64_t v) {
    return b.create<arith::ConstantIntOp>(loc, v, b.getI64Type());
  }
  Value fromIndex(Value index) {
    return b.create<arith::IndexCastOp>(loc, b.getI64Type(), index);
  }
  /// Dim `i` of a memref, as i64.
  Value dim(Value memref, int64_t i) {
    return fromIndex(b.create<memref::DimOp>(loc, memref, i));
  }
  /// The product of dims [from, to) of a memref, as i64.
  Value product(Value memref, int64_t from, int64_t to) {
    Value p = constant(1);
    for (int64_t i = from; i < to; ++i)
      p = b.create<arith::MulIOp>(loc, p, dim(memref, i));
    return p;
  }
  Value mul(Value x, Value y) { return b.create<arith::MulIOp>(loc, x, y); }
  /// An image's N, H, W and C, as i64, from a memref that holds it NHWC or
  /// (`channelsFirst`) NCHW.
  SmallVector<Value, 4> imageDims(Value memref, bool channelsFirst) {
    if (channelsFirst)
      return {dim(memref, 0), dim(memref, 2), dim(memref, 3), dim(memref, 1)};
    return {dim(memref, 0), dim(memref, 1), dim(memref, 2), dim(memref, 3)};
  }
  /// `words` in a buffer on the stack (memref<N x i64>).
  Value onStack(ArrayRef<Value> words) {
    auto type = MemRefType::get({int64_t(words.size())}, b.getI64Type());
    Value buffer = b.create<memref::AllocaOp>(loc, type);
    for (auto [i, word] : llvm::enumerate(words))
      b.create<memref::StoreOp>(loc, word, buffer,
                                ValueRange{b.create<arith::ConstantIndexOp>(loc, i)});
    return buffer;
  }
  /// The address of a memref's first element (0 for none), as i64.
  Value address(Value memref) {
    if (!memref)
      return constant(0);
    auto type = cast<MemRefType>(memref.getType());
    Value base = b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, memref);
    auto meta = b.create<memref::ExtractStridedMetadataOp>(loc, memref);
    Value offsetBytes = b.create<arith::MulIOp>(
        loc, meta.getOffset(),
        b.create<arith::ConstantIndexOp>(
            loc, type.getElementType().getIntOrFloatBitWidth() / 8));
    return fromIndex(b.create<arith::AddIOp>(loc, base, offsetBytes));
  }
  /// Calls `name` (declared in `module` on first use) with `args`.
  void call(ModuleOp module, StringRef name, ArrayRef<Value> args) {
    auto callee = module.lookupSymbol<func::FuncOp>(name);
    if (!callee) {
      OpBuilder top(module.getBodyRegion());
      SmallVector<Type> types(args.size(), top.getI64Type());
      callee = top.create<func::FuncOp>(module.getLoc(), name,
                                        top.getFunctionType(types, {}));
      callee.setPrivate();
    }
    b.create<func::CallOp>(loc, callee, args);
  }

private:
  PatternRewriter &b;
  Location loc;
};

/// Copies every operand that is not a dense row-major buffer into one, so
/// that the kernels can take addresses and sizes alone.
LogicalResult makeOperandsDense(Operation *op, PatternRewriter &rewriter) {
  bool changed = false;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || type.getLayout().isIdentity())
      continue;
    if (cast<DestinationStyleOpInterface>(op).isDpsInit(&operand))
      return op->emitOpError("writes a buffer that is not dense and row-major");
    Location loc = op->getLoc();
    SmallVector<Value> dynamic;
    for (int64_t i = 0; i < type.getRank(); ++i)
      if (type.isDynamicDim(i))
        dynamic.push_back(rewriter.create<memref::DimOp>(loc, operand.get(), i));
    Value copy = rewriter.create<memref::AllocOp>(
        loc, MemRefType::get(type.getShape(), type.getElementType()), dynamic);
    // linalg.copy becomes loops; memref.copy of a strided view would call
    // memrefCopy from MLIR's runner library, which artifacts do not link.
    rewriter.create<linalg::CopyOp>(loc, operand.get(), copy);
    rewriter.modifyOpInPlace(op, [&] { operand.set(copy); });
    rewriter.setInsertionPointAfter(op);
    rewriter.create<memref::DeallocOp>(loc, copy);
    rewriter.setInsertionPoint(op);
    changed = true;
  }
  return success(changed);
}

template <typename Op>
struct LowerKernel : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 0)
      return failure(); // not bufferized yet
    if (succeeded(makeOperandsDense(op, rewriter)))
      return success();
    CallBuilder c(rewriter, op.getLoc());
    lower(op, c, op->template getParentOfType<ModuleOp>());
    rewriter.eraseOp(op);
    return success();
  }
  void lower(Op op, CallBuilder &c, ModuleOp module) const;
};

template <>
void LowerKernel<PackBOp>::lower(PackBOp op, CallBuilder &c,
                                 ModuleOp module) const {
  Value b = op.getB(), init = op.getInit();
  int64_t rank = cast<MemRefType>(b.getType()).getRank();
  bool transposed = op.getTransposed();
  Value rows = c.dim(b, rank - 2), cols = c.dim(b, rank - 1);
  c.call(module, "pd_uk_pack_b",
         {c.product(b, 0, rank - 2), transposed ? cols : rows,
          transposed ? rows : cols, c.address(b), cols, c.mul(rows, cols),
          c.constant(transposed), c.address(init),
          c.product(init, rank - 2, rank + 1)});
}

template <>
void LowerKernel<GemmOp>::lower(GemmOp op, CallBuilder &c,
                                ModuleOp module) const {
  Value a = op.getA(), init = op.getInit();
  int64_t rank = cast<MemRefType>(a.getType()).getRank();
  int64_t packedRank = cast<MemRefType>(op.getPackedB().getType()).getRank();
  if (op.getChannelsFirst()) {
    c.call(module, "pd_uk_gemm_channels_first",
           {c.dim(a, 0), c.product(a, 1, rank - 1), c.dim(init, 1),
            c.dim(a, rank - 1), c.address(a), c.address(op.getPackedB()),
            c.address(init), c.address(op.getBias()),
            c.address(op.getResidual()), c.constant(op.getActivation()),
            c.constant(op.getPostActivation())});
    return;
  }
  // One B for all rows: every leading dim of A is a row dim (one product
  // of dense rows). A B per batch: the dims before the last two are batch.
  bool sharedB = packedRank == 3;
  Value m = c.product(a, sharedB ? 0 : rank - 2, rank - 1);
  Value k = c.dim(a, rank - 1), n = c.dim(init, rank - 1);
  Value batch = sharedB ? c.constant(1) : c.product(a, 0, rank - 2);
  Value strideB = sharedB ? c.constant(0)
                          : c.product(op.getPackedB(), packedRank - 3, packedRank);
  c.call(module, "pd_uk_gemm",
         {batch, m, n, k, c.address(a), k, c.mul(m, k),
          c.address(op.getPackedB()), strideB, c.address(init), n, c.mul(m, n),
          c.address(op.getBias()), c.address(op.getResidual()), n, c.mul(m, n),
          c.constant(op.getActivation()), c.constant(op.getPostActivation())});
}

template <>
void LowerKernel<PackConvOp>::lower(PackConvOp op, CallBuilder &c,
                                    ModuleOp module) const {
  Value f = op.getFilter();
  if (std::optional<uint64_t> tile = op.getWinogradTile()) {
    c.call(module, "pd_uk_pack_winograd",
           {c.constant(int64_t(*tile)), c.dim(f, 0), c.dim(f, 1), c.address(f),
            c.address(op.getInit())});
    return;
  }
  c.call(module, "pd_uk_pack_conv",
         {c.dim(f, 0), c.dim(f, 1), c.dim(f, 2), c.dim(f, 3), c.address(f),
          c.address(op.getInit())});
}

template <>
void LowerKernel<Conv2dOp>::lower(Conv2dOp op, CallBuilder &c,
                                  ModuleOp module) const {
  Value x = op.getInput(), out = op.getInit();
  ArrayRef<int64_t> kernel = op.getKernelSize(), strides = op.getStrides(),
                    pads = op.getPaddings(), dilations = op.getDilations();
  bool nchw = op.getChannelsFirstInput();
  SmallVector<Value, 4> image = c.imageDims(x, nchw);
  if (std::optional<uint64_t> tile = op.getWinogradTile()) {
    c.call(module, "pd_uk_conv2d_winograd_nhwc",
           {c.constant(int64_t(*tile)), image[0], image[1], image[2],
            image[3], c.dim(out, 1), c.dim(out, 2), c.dim(out, 3),
            c.constant(pads[0]),
            c.constant(pads[2]), c.address(x), c.address(op.getPackedFilter()),
            c.address(out), c.address(op.getBias()),
            c.address(op.getResidual()), c.constant(op.getActivation()),
            c.constant(op.getPostActivation()), c.constant(nchw)});
    return;
  }
  c.call(module, "pd_uk_conv2d_nhwc",
         {image[0], image[1], image[2], image[3], c.dim(out, 1),
          c.dim(out, 2), c.dim(out, 3), c.constant(kernel[0]),
          c.constant(kernel[1]), c.constant(strides[0]), c.constant(strides[1]),
          c.constant(pads[0]), c.constant(pads[2]), c.constant(dilations[0]),
          c.constant(dilations[1]), c.address(x), c.address(op.getPackedFilter()),
          c.address(out), c.address(op.getBias()), c.address(op.getResidual()),
          c.constant(op.getActivation()), c.constant(op.getPostActivation()),
          c.constant(nchw)});
}

template <>
void LowerKernel<PackDepthwiseOp>::lower(PackDepthwiseOp op, CallBuilder &c,
                                         ModuleOp module) const {
  Value f = op.getFilter();
  c.call(module, "pd_uk_pack_depthwise",
         {c.dim(f, 0), c.dim(f, 2), c.dim(f, 3), c.address(f),
          c.address(op.getInit())});
}

template <>
void LowerKernel<DepthwiseConv2dOp>::lower(DepthwiseConv2dOp op, CallBuilder &c,
                                           ModuleOp module) const {
  Value x = op.getInput(), out = op.getInit(), f = op.getPackedFilter();
  ArrayRef<int64_t> strides = op.getStrides(), pads = op.getPaddings(),
                    dilations = op.getDilations();
  bool nchw = op.getChannelsFirstInput();
  SmallVector<Value, 4> image = c.imageDims(x, nchw);
  c.call(module, "pd_uk_depthwise_nhwc",
         {image[0], image[1], image[2], image[3], c.dim(out, 1),
          c.dim(out, 2), c.dim(f, 0), c.dim(f, 1), c.constant(strides[0]),
          c.constant(strides[1]), c.constant(pads[0]), c.constant(pads[2]),
          c.constant(dilations[0]), c.constant(dilations[1]), c.address(x),
          c.address(f), c.address(out), c.address(op.getBias()),
          c.address(op.getResidual()), c.constant(op.getActivation()),
          c.constant(op.getPostActivation()), c.constant(nchw)});
}

template <>
void LowerKernel<BandChainOp>::lower(BandChainOp op, CallBuilder &c,
                                     ModuleOp module) const {
  // The stage words as the op holds them, with the operands' addresses in
  // place of the flags that say which operands a stage has.
  SmallVector<Value> words;
  auto biases = op.getBiases().begin(), residuals = op.getResiduals().begin();
  for (int64_t i = 0; i < op.getStageCount(); ++i) {
    ArrayRef<int64_t> stage = op.getStage(i);
    for (int64_t w = 0; w < PD_CHAIN_WORDS; ++w) {
      if (w == PD_CHAIN_WEIGHTS)
        words.push_back(c.address(op.getWeights()[i]));
      else if (w == PD_CHAIN_BIAS)
        words.push_back(c.address(stage[w] ? *biases++ : Value()));
      else if (w == PD_CHAIN_RESIDUAL)
        words.push_back(c.address(stage[w] ? *residuals++ : Value()));
      else
        words.push_back(c.constant(stage[w]));
    }
  }
  Value x = op.getInput();
  bool nchw = op.getChannelsFirstInput();
  SmallVector<Value, 4> image = c.imageDims(x, nchw);
  c.call(module, "pd_uk_band_chain",
         {c.constant(op.getStageCount()), c.address(c.onStack(words)), image[0],
          image[1], image[2], image[3], c.address(x), c.address(op.getInit()),
          c.constant(nchw), c.constant(op.getChannelsFirstOutput())});
}

template <>
void LowerKernel<PoolOp>::lower(PoolOp op, CallBuilder &c, ModuleOp module) const {
  Value x = op.getInput(), init = op.getInit();
  ArrayRef<int64_t> k = op.getKsize(), s = op.getStrides(), p = op.getPaddings();
  // A global window is the image, of the size it has at run time.
  Value kh = op.getGlobal() ? c.dim(x, 1) : c.constant(k[0]);
  Value kw = op.getGlobal() ? c.dim(x, 2) : c.constant(k[1]);
  c.call(module, "pd_uk_pool_nhwc",
         {c.dim(x, 0), c.dim(x, 1), c.dim(x, 2), c.dim(x, 3), c.dim(init, 1),
          c.dim(init, 2), kh, kw, c.constant(s[0]), c.constant(s[1]),
          c.constant(p[0]), c.constant(p[2]), c.constant(op.getAverage()),
          c.constant(op.getExclusive()), c.address(x), c.address(init)});
}

template <>
void LowerKernel<RowSoftmaxOp>::lower(RowSoftmaxOp op, CallBuilder &c,
                                      ModuleOp module) const {
  Value x = op.getInput();
  int64_t rank = cast<MemRefType>(x.getType()).getRank();
  c.call(module, "pd_uk_softmax_rows",
         {c.product(x, 0, rank - 1), c.dim(x, rank - 1), c.address(x),
          c.address(op.getInit())});
}

template <>
void LowerKernel<RowLayerNormOp>::lower(RowLayerNormOp op, CallBuilder &c,
                                        ModuleOp module) const {
  Value x = op.getInput();
  int64_t rank = cast<MemRefType>(x.getType()).getRank();
  float epsilon = op.getEpsilon().convertToFloat();
  c.call(module, "pd_uk_layer_norm_rows",
         {c.product(x, 0, rank - 1), c.dim(x, rank - 1), c.address(x),
          c.address(op.getScale()), c.address(op.getBias()),
          c.constant(int64_t(llvm::bit_cast<uint32_t>(epsilon))),
          c.address(op.getInit())});
}

template <>
void LowerKernel<MulticlassNmsOp>::lower(MulticlassNmsOp op, CallBuilder &c,
                                         ModuleOp module) const {
  auto bits = [&](APFloat v) {
    return c.constant(int64_t(llvm::bit_cast<uint32_t>(v.convertToFloat())));
  };
  Value boxes = op.getBoxes(), scores = op.getScores();
  c.call(module, "pd_uk_multiclass_nms",
         {c.dim(boxes, 0), c.dim(boxes, 1), c.dim(scores, 1), c.address(boxes),
          c.address(scores), bits(op.getScoreThreshold()),
          c.constant(op.getNmsTopK()), c.constant(op.getKeepTopK()),
          bits(op.getNmsThreshold()), bits(op.getNmsEta()),
          c.constant(op.getNormalized()), c.constant(op.getBackgroundLabel()),
          c.address(op.getRows()), c.address(op.getIndex()),
          c.address(op.getCounts())});
}

template <>
void LowerKernel<MatrixNmsOp>::lower(MatrixNmsOp op, CallBuilder &c,
                                     ModuleOp module) const {
  auto bits = [&](APFloat v) {
    return c.constant(int64_t(llvm::bit_cast<uint32_t>(v.convertToFloat())));
  };
  Value boxes = op.getBoxes(), scores = op.getScores();
  c.call(module, "pd_uk_matrix_nms",
         {c.dim(boxes, 0), c.dim(boxes, 1), c.dim(scores, 1), c.address(boxes),
          c.address(scores), bits(op.getScoreThreshold()),
          bits(op.getPostThreshold()), c.constant(op.getNmsTopK()),
          c.constant(op.getKeepTopK()), c.constant(op.getUseGaussian()),
          bits(op.getGaussianSigma()), c.constant(op.getNormalized()),
          c.constant(op.getBackgroundLabel()), c.address(op.getRows()),
          c.address(op.getIndex()), c.address(op.getCounts())});
}

/// A linalg.transpose of dense buffers that swaps two adjacent groups of
/// dims ([0, 2, 3, 1] to NHWC, [0, 3, 1, 2] back, [0, 2, 1, 3] of
/// attention heads): pd_uk_transpose over [n][a][b][inner].
struct LowerTranspose : OpRewritePattern<linalg::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    Value src = op.getInput(), dst = op.getInit();
    auto srcType = dyn_cast<MemRefType>(src.getType());
    auto dstType = dyn_cast<MemRefType>(dst.getType());
    if (!srcType || !dstType || !srcType.getLayout().isIdentity() ||
        !dstType.getLayout().isIdentity() ||
        !srcType.getElementType().isIntOrFloat())
      return failure();
    unsigned bits = srcType.getElementType().getIntOrFloatBitWidth();
    if (bits % 8)
      return failure();
    // perm = [0 .. p) ++ [q .. r) ++ [p .. q) ++ [r .. rank).
    ArrayRef<int64_t> perm = op.getPermutation();
    int64_t rank = perm.size(), p = 0;
    while (p < rank && perm[p] == p)
      ++p;
    if (p == rank)
      return failure();
    int64_t q = perm[p], r = q;
    int64_t i = p;
    for (; i < rank && perm[i] == r; ++i, ++r)
      ;
    for (int64_t j = p; j < q; ++j, ++i)
      if (i >= rank || perm[i] != j)
        return failure();
    for (; i < rank; ++i)
      if (perm[i] != i)
        return failure();
    CallBuilder c(rewriter, op.getLoc());
    c.call(op->getParentOfType<ModuleOp>(), "pd_uk_transpose",
           {c.product(src, 0, p), c.product(src, p, q), c.product(src, q, r),
            c.product(src, r, rank), c.constant(bits / 8), c.address(src),
            c.address(dst)});
    rewriter.eraseOp(op);
    return success();
  }
};

struct LowerToUkernels
    : pd::cpu::impl::LowerToUkernelsBase<LowerToUkernels> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<LowerKernel<PackBOp>, LowerKernel<GemmOp>,
                 LowerKernel<PackConvOp>, LowerKernel<Conv2dOp>,
                 LowerKernel<PackDepthwiseOp>, LowerKernel<DepthwiseConv2dOp>,
                 LowerKernel<BandChainOp>, LowerKernel<PoolOp>, LowerKernel<RowSoftmaxOp>,
                 LowerKernel<RowLayerNormOp>,
                 LowerKernel<MulticlassNmsOp>, LowerKernel<MatrixNmsOp>,
                 LowerTranspose>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    getOperation().walk([&](Operation *op) {
      // pdcpu.output_alloc is an allocation, lowered with the others.
      if (isa<PdCpuDialect>(op->getDialect()) && !isa<OutputAllocOp>(op)) {
        op->emitOpError("was not lowered to a microkernel call");
        signalPassFailure();
      }
    });
  }
};

} // namespace

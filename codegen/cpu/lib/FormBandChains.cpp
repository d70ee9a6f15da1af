//===- FormBandChains.cpp - the pd-cpu-form-band-chains pass --------------===//
//
// 1x1 and depthwise convolutions that feed each other become one
// `pdcpu.band_chain`, which the microkernel runs a band of output rows at a
// time: each intermediate then lives as a few rows in L2 instead of a
// whole tensor that crosses memory twice. On the 2-core machines pd is
// measured on, memory beyond L2 reads at ~20 GB/s, and mobilenet_block's
// four kernels spent more time moving their intermediates than computing.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Cpu/Passes.h"
#include "pd/Codegen/Cpu/PdCpuOps.h"
#include "pd/Runtime/ArtifactAbi.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd::cpu {
#define GEN_PASS_DEF_FORMBANDCHAINS
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd::cpu;

namespace {

/// One stage of a chain: the op, what it reads, and its words (as
/// pdcpu.band_chain's `stages` holds them).
struct Stage {
  Operation *op = nullptr;
  Value input, weights, bias, residual;
  bool channelsFirstInput = false, channelsFirstOutput = false;
  SmallVector<int64_t> words;
};

bool isF32OfRank(Value v, int64_t rank) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.getRank() == rank && type.getElementType().isF32();
}

SmallVector<int64_t> wordsOf(int64_t kind, int64_t channels, int64_t kh,
                             int64_t kw, ArrayRef<int64_t> strides,
                             ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations,
                             Value bias, Value residual, int64_t act,
                             int64_t post) {
  SmallVector<int64_t> w(PD_CHAIN_WORDS, 0);
  w[PD_CHAIN_KIND] = kind;
  w[PD_CHAIN_OUT_CHANNELS] = channels;
  w[PD_CHAIN_KERNEL_H] = kh;
  w[PD_CHAIN_KERNEL_W] = kw;
  w[PD_CHAIN_STRIDE_H] = strides[0];
  w[PD_CHAIN_STRIDE_W] = strides[1];
  w[PD_CHAIN_PAD_TOP] = pads[0];
  w[PD_CHAIN_PAD_BOTTOM] = pads[1];
  w[PD_CHAIN_PAD_LEFT] = pads[2];
  w[PD_CHAIN_PAD_RIGHT] = pads[3];
  w[PD_CHAIN_DILATION_H] = dilations[0];
  w[PD_CHAIN_DILATION_W] = dilations[1];
  w[PD_CHAIN_WEIGHTS] = 1;
  w[PD_CHAIN_BIAS] = bias != nullptr;
  w[PD_CHAIN_RESIDUAL] = residual != nullptr;
  w[PD_CHAIN_ACTIVATION] = act;
  w[PD_CHAIN_POST_ACTIVATION] = post;
  return w;
}

/// The stage `op` is, if a chain can take it: a GEMM over NHWC pixels with
/// one packed B (a 1x1 convolution), or a depthwise convolution whose
/// filter size and channels are static.
std::optional<Stage> stageOf(Operation *op) {
  if (!op || op->getNumResults() != 1)
    return std::nullopt;
  Stage s;
  s.op = op;
  if (auto gemm = dyn_cast<GemmOp>(op)) {
    auto packed = cast<ShapedType>(gemm.getPackedB().getType());
    bool channelsFirst = gemm.getChannelsFirst();
    int64_t channels = cast<ShapedType>(gemm.getInit().getType())
                           .getDimSize(channelsFirst ? 1 : 3);
    if (!isF32OfRank(gemm.getA(), 4) || !isF32OfRank(gemm.getInit(), 4) ||
        packed.getRank() != 3 || ShapedType::isDynamic(channels))
      return std::nullopt;
    s.input = gemm.getA();
    s.weights = gemm.getPackedB();
    s.bias = gemm.getBias();
    s.residual = gemm.getResidual();
    s.channelsFirstOutput = channelsFirst;
    s.words = wordsOf(PD_CHAIN_POINTWISE, channels, 1, 1, {1, 1}, {0, 0, 0, 0},
                      {1, 1}, s.bias, s.residual, gemm.getActivation(),
                      gemm.getPostActivation());
    return s;
  }
  if (auto dw = dyn_cast<DepthwiseConv2dOp>(op)) {
    auto filter = cast<ShapedType>(dw.getPackedFilter().getType());
    int64_t channels = cast<ShapedType>(dw.getInit().getType()).getDimSize(3);
    if (!isF32OfRank(dw.getInput(), 4) || !isF32OfRank(dw.getInit(), 4) ||
        filter.getRank() != 3 || !filter.hasStaticShape() ||
        ShapedType::isDynamic(channels))
      return std::nullopt;
    s.input = dw.getInput();
    s.weights = dw.getPackedFilter();
    s.bias = dw.getBias();
    s.residual = dw.getResidual();
    s.channelsFirstInput = dw.getChannelsFirstInput();
    s.words = wordsOf(PD_CHAIN_DEPTHWISE, channels, filter.getDimSize(0),
                      filter.getDimSize(1), dw.getStrides(), dw.getPaddings(),
                      dw.getDilations(), s.bias, s.residual, dw.getActivation(),
                      dw.getPostActivation());
    return s;
  }
  return std::nullopt;
}

/// Whether `consumer` can follow `producer` in a chain: it reads the
/// producer's result as its input, and nothing else reads it but for its
/// sizes (tensor.dim, which the producer's output buffer answers as well).
bool canFollow(const Stage &producer, const Stage &consumer) {
  Value link = producer.op->getResult(0);
  if (consumer.input != link || producer.channelsFirstOutput ||
      consumer.channelsFirstInput)
    return false;
  int64_t reads = 0;
  for (OpOperand &use : link.getUses()) {
    if (isa<tensor::DimOp>(use.getOwner()))
      continue;
    if (use.getOwner() != consumer.op || ++reads > 1)
      return false;
  }
  return reads == 1;
}

/// The sizes of `op`'s result asked of its output buffer (the last
/// operand) instead, which stays when `op` goes.
void askSizesOfInit(Operation *op, PatternRewriter &rewriter) {
  Value init = op->getOperand(op->getNumOperands() - 1);
  for (Operation *user : llvm::make_early_inc_range(op->getResult(0).getUsers()))
    if (auto dim = dyn_cast<tensor::DimOp>(user))
      rewriter.modifyOpInPlace(dim, [&] { dim.getSourceMutable().assign(init); });
}

/// Rooted at the last stage of a chain: gathers the stages before it and
/// replaces them all with one pdcpu.band_chain.
struct FormBandChain : RewritePattern {
  FormBandChain(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    std::optional<Stage> last = stageOf(op);
    if (!last)
      return failure();
    // Not the end when a user of the result would be the next stage.
    Value result = op->getResult(0);
    for (Operation *user : result.getUsers()) {
      std::optional<Stage> next = stageOf(user);
      if (next && canFollow(*last, *next))
        return failure();
    }
    SmallVector<Stage> stages{*last};
    while (int64_t(stages.size()) < PD_CHAIN_MAX_STAGES) {
      std::optional<Stage> before = stageOf(stages.front().input.getDefiningOp());
      if (!before || !canFollow(*before, stages.front()))
        break;
      stages.insert(stages.begin(), *before);
    }
    if (stages.size() < 2)
      return failure();

    SmallVector<Value> weights, biases, residuals;
    SmallVector<int64_t> words;
    for (const Stage &s : stages) {
      weights.push_back(s.weights);
      if (s.bias)
        biases.push_back(s.bias);
      if (s.residual)
        residuals.push_back(s.residual);
      words.append(s.words);
    }
    Value init = op->getOperand(op->getNumOperands() - 1);
    auto chain = rewriter.create<BandChainOp>(
        op->getLoc(), TypeRange{result.getType()}, stages.front().input, weights,
        biases, residuals, init, rewriter.getDenseI64ArrayAttr(words),
        stages.front().channelsFirstInput, last->channelsFirstOutput);
    rewriter.replaceOp(op, chain->getResults());
    for (auto it = stages.rbegin() + 1; it != stages.rend(); ++it) {
      askSizesOfInit(it->op, rewriter);
      rewriter.eraseOp(it->op);
    }
    return success();
  }
};

struct FormBandChains : pd::cpu::impl::FormBandChainsBase<FormBandChains> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FormBandChain>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

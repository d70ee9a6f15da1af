//===- ChannelsLast.cpp - the pd-channels-last pass ------------------------===//
//
// Convolutions and pooling in NCHW become NHWC ops between two transposes:
//
//   conv(x) -> transpose(conv_nhwc(transpose(x, [0,2,3,1])), [0,3,1,2])
//
// Then the transposes back to NCHW sink through element-wise ops (a
// per-channel operand moves its axis, a full operand is transposed the
// other way) until they meet a transpose to NHWC, with which they cancel.
// A chain of convolutions is then NHWC inside, converted at its edges only.
// Only the NCHW-making transposes sink, so the rewrite terminates.
//
//===----------------------------------------------------------------------===//

#include "PdBuilder.h"

#include "pd/Passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd {
#define GEN_PASS_DEF_CHANNELSLAST
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

constexpr int64_t kToNHWC[] = {0, 2, 3, 1};
constexpr int64_t kToNCHW[] = {0, 3, 1, 2};

RankedTensorType permuted(Type type, ArrayRef<int64_t> perm) {
  auto t = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(t.getDimSize(p));
  return RankedTensorType::get(shape, t.getElementType());
}

bool isChannelsFirst(Operation *op, StringRef attr) {
  auto layout = op->getAttrOfType<StringAttr>(attr);
  return !layout || layout.getValue() == "NCHW" ||
         layout.getValue() == "AnyLayout";
}

bool isRank4(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.getRank() == 4;
}

/// The perm of a transpose2 whose XShape output is unused.
std::optional<SmallVector<int64_t>> transposePerm(Operation *op) {
  auto transpose = dyn_cast_or_null<Transpose2Op>(op);
  if (!transpose || (transpose.getXShape() && !transpose.getXShape().use_empty()))
    return std::nullopt;
  auto axis = transpose.getAxis();
  if (!axis)
    return std::nullopt;
  return SmallVector<int64_t>(axis->begin(), axis->end());
}

/// x when `v` is transpose2(x, [0,3,1,2]) (NHWC to NCHW), else null.
Value fromNHWC(Value v) {
  std::optional<SmallVector<int64_t>> perm = transposePerm(v.getDefiningOp());
  if (!perm || !llvm::equal(*perm, kToNCHW))
    return nullptr;
  return v.getDefiningOp()->getOperand(0);
}

/// Names the single result of a cloned op (or drops the clone's name).
void setName(PatternRewriter &rewriter, Operation *op, StringRef name) {
  if (name.empty())
    op->removeAttr(PdDialect::kNamesAttrName);
  else
    op->setAttr(PdDialect::kNamesAttrName, rewriter.getStrArrayAttr({name}));
}

/// `v` (NCHW) transposed to NHWC for `consumer`: a transpose of it already
/// before `consumer` in its block, or a new one right after `v` is defined,
/// where every later consumer finds it.
Value nhwcOf(PatternRewriter &rewriter, Value v, Operation *consumer) {
  for (Operation *user : v.getUsers()) {
    std::optional<SmallVector<int64_t>> perm = transposePerm(user);
    if (perm && llvm::equal(*perm, kToNHWC) &&
        user->getBlock() == consumer->getBlock() &&
        user->isBeforeInBlock(consumer))
      return user->getResult(0);
  }
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointAfterValue(v);
  return createTranspose(rewriter, consumer->getLoc(), v, kToNHWC,
                         derivedName(v, "nhwc"));
}

/// Rewrites `op` (input 0 NCHW, result NCHW) into its NHWC form between
/// transposes. `layoutAttr` names its layout attribute.
void toChannelsLast(PatternRewriter &rewriter, Operation *op,
                    StringRef layoutAttr) {
  Location loc = op->getLoc();
  Value x = op->getOperand(0), y = op->getResult(0);
  Value input = nhwcOf(rewriter, x, op);
  Operation *nhwc = rewriter.clone(*op);
  nhwc->setOperand(0, input);
  nhwc->getResult(0).setType(permuted(y.getType(), kToNHWC));
  nhwc->setAttr(layoutAttr, rewriter.getStringAttr("NHWC"));
  std::string name = variableName(y).str();
  setName(rewriter, nhwc, derivedName(y, "nhwc"));
  Value back = createTranspose(rewriter, loc, nhwc->getResult(0), kToNCHW, name);
  rewriter.replaceAllUsesWith(y, back);
  rewriter.eraseOp(op);
}

/// conv2d and depthwise_conv2d (plain or one filter per channel) and
/// pool2d in NCHW.
template <typename OpTy>
struct ConvolutionToNHWC : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Operation *raw = op.getOperation();
    if (!isChannelsFirst(raw, "data_format") || !isRank4(raw->getOperand(0)) ||
        llvm::any_of(raw->getResults().drop_front(),
                     [](Value r) { return !r.use_empty(); }))
      return failure();
    auto x = cast<RankedTensorType>(raw->getOperand(0).getType());
    if (!x.getElementType().isF32())
      return failure();
    if constexpr (!std::is_same_v<OpTy, Pool2dOp>) {
      // The filter stays [OC, IC/groups, KH, KW] in both layouts.
      if (raw->getNumOperands() != 2 || !isRank4(raw->getOperand(1)))
        return failure();
      auto filter = cast<RankedTensorType>(raw->getOperand(1).getType());
      int64_t groups = intAttrOr(raw, "groups", 1);
      int64_t c = x.getDimSize(1), oc = filter.getDimSize(0);
      bool plain = groups == 1;
      bool depthwise = groups == c && oc == c && filter.getDimSize(1) == 1;
      if (ShapedType::isDynamic(c) || !(plain || depthwise))
        return rewriter.notifyMatchFailure(op, "grouped convolution");
    }
    toChannelsLast(rewriter, raw, "data_format");
    return success();
  }
};

/// transpose(transpose(x, p), q) = transpose(x, p∘q), or x.
struct ComposeTransposes : OpRewritePattern<Transpose2Op> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Transpose2Op op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<int64_t>> outer = transposePerm(op);
    std::optional<SmallVector<int64_t>> inner =
        transposePerm(op.getX().getDefiningOp());
    if (!outer || !inner || outer->size() != inner->size())
      return failure();
    Value x = op.getX().getDefiningOp()->getOperand(0);
    SmallVector<int64_t> perm;
    bool identity = true;
    for (auto [i, q] : llvm::enumerate(*outer)) {
      if (q < 0 || q >= int64_t(inner->size()))
        return failure();
      perm.push_back((*inner)[q]);
      identity &= perm.back() == int64_t(i);
    }
    Value out = op.getOut();
    if (identity) {
      if (x.getType() != out.getType())
        return failure();
      rewriter.replaceAllUsesWith(out, x);
    } else {
      rewriter.replaceAllUsesWith(
          out, createTranspose(rewriter, op.getLoc(), x, perm, variableName(out)));
    }
    rewriter.eraseOp(op);
    return success();
  }
};

/// A transpose nothing reads (pd ops declare no memory effects, so the
/// canonicalizer keeps them).
struct EraseUnusedTranspose : OpRewritePattern<Transpose2Op> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Transpose2Op op,
                                PatternRewriter &rewriter) const override {
    if (!op->use_empty())
      return failure();
    rewriter.eraseOp(op);
    return success();
  }
};

/// unary(transpose(x, to NCHW)) -> transpose(unary(x), to NCHW).
struct SinkThroughUnary : RewritePattern {
  SinkThroughUnary(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<ReluOp, Relu6Op, SigmoidOp, TanhOp, ExpOp, SqrtOp, GeluOp,
             HardSwishOp, HardSigmoidOp, SwishOp, CastOp, LogicalNotOp>(op) &&
        !(isa<ScaleOp>(op) && op->getNumOperands() == 1))
      return failure();
    Value nhwc = fromNHWC(op->getOperand(0));
    if (!nhwc)
      return failure();
    Value y = op->getResult(0);
    Operation *sunk = rewriter.clone(*op);
    sunk->setOperand(0, nhwc);
    sunk->getResult(0).setType(permuted(y.getType(), kToNHWC));
    setName(rewriter, sunk, derivedName(y, "nhwc"));
    rewriter.replaceAllUsesWith(
        y, createTranspose(rewriter, op->getLoc(), sunk->getResult(0), kToNCHW,
                           variableName(y)));
    rewriter.eraseOp(op);
    return success();
  }
};

/// elementwise(transpose(a, to NCHW), b) -> transpose(elementwise(a, b'),
/// to NCHW): b' is b transposed to NHWC when it is a full operand, or b with
/// its axis moved when it is a per-dim vector.
template <typename OpTy>
struct SinkThroughBinary : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getX(), y = op.getY(), out = op.getOut();
    if (!isRank4(out))
      return failure();
    Value nx = fromNHWC(x), ny = fromNHWC(y);
    if (!nx && !ny)
      return failure();
    Location loc = op.getLoc();
    int64_t axis = intAttrOr(op, "axis", -1);
    std::optional<int64_t> newAxis;
    if (isRank4(x) && isRank4(y)) {
      // Same rank: numpy broadcasting either way, which a transpose of
      // both keeps.
      if (axis != -1 && axis != 0)
        return failure();
    } else if (isRank4(x) && x.getType() == out.getType() && !ny &&
               cast<RankedTensorType>(y.getType()).getRank() == 1) {
      // A vector along one dim of x: the dim moves.
      int64_t a = axis == -1 ? 3 : axis;
      if (a < 0 || a > 3)
        return failure();
      newAxis = kToNCHW[a];
    } else {
      return failure();
    }
    auto toNHWC = [&](Value v, Value fromTranspose) {
      if (fromTranspose)
        return fromTranspose;
      return nhwcOf(rewriter, v, op);
    };
    Value newX = toNHWC(x, nx);
    Value newY = newAxis ? y : toNHWC(y, ny);
    Operation *sunk = rewriter.clone(*op);
    sunk->setOperands({newX, newY});
    sunk->getResult(0).setType(permuted(out.getType(), kToNHWC));
    if (newAxis)
      sunk->setAttr("axis", rewriter.getI32IntegerAttr(*newAxis));
    setName(rewriter, sunk, derivedName(out, "nhwc"));
    rewriter.replaceAllUsesWith(
        out, createTranspose(rewriter, loc, sunk->getResult(0), kToNCHW,
                             variableName(out)));
    rewriter.eraseOp(op);
    return success();
  }
};

struct ChannelsLast : pd::impl::ChannelsLastBase<ChannelsLast> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<ConvolutionToNHWC<Conv2dOp>,
                 ConvolutionToNHWC<DepthwiseConv2dOp>,
                 ConvolutionToNHWC<Pool2dOp>, ComposeTransposes,
                 EraseUnusedTranspose,
                 SinkThroughUnary, SinkThroughBinary<ElementwiseAddOp>,
                 SinkThroughBinary<ElementwiseSubOp>,
                 SinkThroughBinary<ElementwiseMulOp>,
                 SinkThroughBinary<ElementwiseDivOp>>(ctx);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

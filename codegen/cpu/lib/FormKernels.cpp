//===- FormKernels.cpp - the pd-cpu-form-kernels pass ---------------------===//
//
// Matrix multiplications and NHWC convolutions become `pdcpu` kernel ops,
// each with the ops after it that its epilogue can take: a bias add over the
// last dim, an activation, a residual add of the output's shape, and a
// second activation. Right-hand sides and filters are packed by `pack_*`
// ops; when they are parameters, pd-cpu-hoist-load-time moves the packing
// to load time.
//
// What does not fit (a transposed left-hand side, other element types,
// NCHW or grouped convolutions) is left to pd-convert-to-linalg.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"
#include "pd/Codegen/Cpu/Passes.h"
#include "pd/Codegen/Cpu/PdCpuOps.h"

#include "pd/Dialect/PdOps.h"
#include "pd/Runtime/ArtifactAbi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd::cpu {
#define GEN_PASS_DEF_FORMKERNELS
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

bool isF32Tensor(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.getElementType().isF32();
}

//===----------------------------------------------------------------------===//
// Epilogues
//===----------------------------------------------------------------------===//

/// The ops after a kernel that its epilogue takes over:
///   out = post(act(kernel + bias) + residual)
struct Epilogue {
  Value bias, residual;
  Activation act = Activation::None, post = Activation::None;
  /// The last op taken: its result is the kernel op's.
  Operation *last = nullptr;
  SmallVector<Operation *> taken;
};

/// The epilogue activation `op` computes, if it is one the kernels have
/// (with the constants they have).
std::optional<Activation> activationOf(Operation *op) {
  if (isa<ReluOp>(op))
    return Activation::Relu;
  if (isa<Relu6Op>(op) && floatAttr(op, "threshold", 6.0) == 6.0)
    return Activation::Relu6;
  if (isa<HardSwishOp>(op) && floatAttr(op, "threshold", 6.0) == 6.0 &&
      floatAttr(op, "scale", 6.0) == 6.0 && floatAttr(op, "offset", 3.0) == 3.0)
    return Activation::HardSwish;
  if (isa<HardSigmoidOp>(op) &&
      floatAttr(op, "slope", 0.2) == double(PD_HARD_SIGMOID_SLOPE) &&
      floatAttr(op, "offset", 0.5) == 0.5)
    return Activation::HardSigmoid;
  return std::nullopt;
}

/// The single user of `v`, when it has exactly one use.
Operation *soleUser(Value v) {
  return v.hasOneUse() ? *v.getUsers().begin() : nullptr;
}

/// Follows `out`'s single users as long as they fit, in the epilogue's
/// order. `channels` is the size of the last dim (a bias has that many
/// elements).
Epilogue matchEpilogue(Value out, int64_t channels) {
  Epilogue e;
  auto type = cast<RankedTensorType>(out.getType());
  Value cur = out;
  int stage = 0; // 0: bias next, 1: act, 2: residual, 3: post, 4: done
  while (stage < 4) {
    Operation *user = soleUser(cur);
    if (!user || user->getNumResults() < 1)
      break;
    if (auto add = dyn_cast<ElementwiseAddOp>(user)) {
      Value other = add.getX() == cur ? add.getY() : add.getX();
      auto otherType = dyn_cast<RankedTensorType>(other.getType());
      if (!otherType || !otherType.getElementType().isF32())
        break;
      int64_t axis = intAttr(user, "axis", -1);
      // A bias: [C] on the last dim, or [1, ..., 1, C] of the output's
      // rank (a convolution's [1, C, 1, 1] bias, made channels-last).
      bool vector = otherType.getRank() == 1 &&
                    (axis == -1 || axis == type.getRank() - 1);
      bool broadcast = otherType.getRank() == type.getRank() &&
                       (axis == -1 || axis == 0) &&
                       llvm::all_of(otherType.getShape().drop_back(),
                                    [](int64_t d) { return d == 1; });
      bool isBias = stage == 0 && add.getX() == cur && (vector || broadcast) &&
                    channels != ShapedType::kDynamic &&
                    otherType.getShape().back() == channels;
      if (isBias) {
        e.bias = other;
        stage = 1;
      } else if (stage <= 2 && otherType.getRank() == type.getRank() &&
                 (axis == -1 || axis == 0) &&
                 llvm::equal(otherType.getShape(), type.getShape()) &&
                 other.getDefiningOp() != out.getDefiningOp()) {
        e.residual = other;
        stage = 3;
      } else {
        break;
      }
    } else if (std::optional<Activation> act = activationOf(user)) {
      if (stage <= 1) {
        e.act = *act;
        stage = 2;
      } else if (stage == 3) {
        e.post = *act;
        stage = 4;
      } else {
        break;
      }
    } else {
      break;
    }
    e.taken.push_back(user);
    e.last = user;
    cur = user->getResult(0);
  }
  return e;
}

/// Kernels are built where the epilogue's last op was: the residual may be
/// computed after the root op. A [1, ..., 1, C] bias becomes [C] there.
void insertAtEnd(PatternRewriter &rewriter, Operation *root, Epilogue &e) {
  rewriter.setInsertionPoint(e.last ? e.last : root);
  auto biasType = e.bias ? cast<RankedTensorType>(e.bias.getType()) : nullptr;
  if (biasType && biasType.getRank() > 1) {
    ReassociationIndices all;
    for (int64_t i = 0; i < biasType.getRank(); ++i)
      all.push_back(i);
    e.bias = rewriter.create<tensor::CollapseShapeOp>(
        root->getLoc(), e.bias, SmallVector<ReassociationIndices>{all});
  }
}

/// Replaces the kernel's pd op and the epilogue's ops (none: the op alone)
/// by `result`, cast to the type the program declared.
void replaceWithKernel(PatternRewriter &rewriter, Operation *root,
                       const Epilogue &e, Value result) {
  Operation *last = e.last ? e.last : root;
  Value original = last->getResult(0);
  if (result.getType() != original.getType())
    result = rewriter.create<tensor::CastOp>(root->getLoc(), original.getType(),
                                             result);
  rewriter.replaceAllUsesWith(original, result);
  for (Operation *op : llvm::reverse(e.taken))
    rewriter.eraseOp(op);
  rewriter.eraseOp(root);
}

Value emptyF32(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims) {
  return emptyTensor(b, loc, dims, b.getF32Type());
}

OpFoldResult index(OpBuilder &b, int64_t v) { return b.getIndexAttr(v); }

//===----------------------------------------------------------------------===//
// Matrix multiplication
//===----------------------------------------------------------------------===//

/// x [.., M, K] times y: a 2-D y ([K, N], or [N, K] with transY) shared by
/// every row, or a y with x's batch dims. Returns the result [.., M, N]
/// with the epilogue applied, or null when it does not fit the kernel.
Value formGemm(PatternRewriter &rewriter, Operation *op, Value x, Value y,
               bool transY, const Epilogue &e) {
  Location loc = op->getLoc();
  auto xt = cast<RankedTensorType>(x.getType());
  auto yt = cast<RankedTensorType>(y.getType());
  int64_t k = xt.getDimSize(xt.getRank() - 1);
  int64_t ky = yt.getDimSize(yt.getRank() - (transY ? 1 : 2));
  int64_t n = yt.getDimSize(yt.getRank() - (transY ? 2 : 1));
  if (ShapedType::isDynamic(k) || ShapedType::isDynamic(n) || k != ky)
    return nullptr;
  // A 2-D y shares one packed B among all rows: the kernel takes every
  // leading dim of x as rows of one product (no reshape: MLIR 19 cannot
  // bufferize an expand_shape of several dynamic dims, such as a
  // convolution's batch, height and width). Otherwise a y per batch
  // (attention), with x's batch dims.
  bool shared = yt.getRank() == 2;
  if (!shared && yt.getRank() != xt.getRank())
    return nullptr;
  for (int64_t i = 0; !shared && i + 2 < xt.getRank(); ++i)
    if (xt.getDimSize(i) != yt.getDimSize(i))
      return nullptr;
  SmallVector<OpFoldResult> batchDims;
  if (!shared)
    batchDims = llvm::to_vector(ArrayRef(dimsOf(rewriter, loc, x)).drop_back(2));
  Value packed = packRightHandSide(rewriter, loc, y, transY, batchDims);
  return gemm(rewriter, loc, x, packed, n, e.bias, e.residual, /*init=*/{},
              e.act, e.post);
}

/// matmul_v2, and matmul with alpha 1: x [.., M, K] times y.
template <typename MatmulLike>
struct FormMatmul : OpRewritePattern<MatmulLike> {
  FormMatmul(MLIRContext *ctx, StringRef transX, StringRef transY)
      : OpRewritePattern<MatmulLike>(ctx), transXName(transX),
        transYName(transY) {}
  LogicalResult matchAndRewrite(MatmulLike op,
                                PatternRewriter &rewriter) const override {
    Value x = op->getOperand(0), y = op->getOperand(1);
    if (!isF32Tensor(x) || !isF32Tensor(y) ||
        cast<RankedTensorType>(x.getType()).getRank() < 2 ||
        cast<RankedTensorType>(y.getType()).getRank() < 2 ||
        boolAttr(op, transXName, false) || floatAttr(op, "alpha", 1.0) != 1.0)
      return failure();
    auto yt = cast<RankedTensorType>(y.getType());
    bool transY = boolAttr(op, transYName, false);
    int64_t n = yt.getDimSize(yt.getRank() - (transY ? 2 : 1));
    Epilogue e = matchEpilogue(op->getResult(0), n);
    insertAtEnd(rewriter, op, e);
    Value out = formGemm(rewriter, op, x, y, transY, e);
    if (!out)
      return failure();
    replaceWithKernel(rewriter, op, e, out);
    return success();
  }
  StringRef transXName, transYName;
};

/// Paddle's mul: x flattened to [prod(dims < x_num_col_dims), rest], y to
/// [prod(dims < y_num_col_dims), rest]; here y 2-D.
struct FormMul : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getX(), y = op.getY();
    if (!isF32Tensor(x) || !isF32Tensor(y))
      return failure();
    auto xt = cast<RankedTensorType>(x.getType());
    auto yt = cast<RankedTensorType>(y.getType());
    int64_t xCols = intAttr(op, "x_num_col_dims", 1);
    if (yt.getRank() != 2 || intAttr(op, "y_num_col_dims", 1) != 1 ||
        xCols < 1 || xCols >= xt.getRank())
      return failure();
    // x as [rows..., K] with K the product of the trailing dims.
    Value a = x;
    if (xt.getRank() - xCols > 1) {
      SmallVector<ReassociationIndices> groups;
      for (int64_t i = 0; i < xCols; ++i)
        groups.push_back({i});
      ReassociationIndices tail;
      for (int64_t i = xCols; i < xt.getRank(); ++i)
        tail.push_back(i);
      groups.push_back(tail);
      a = rewriter.create<tensor::CollapseShapeOp>(op.getLoc(), x, groups);
    }
    if (cast<RankedTensorType>(a.getType()).getRank() < 2)
      return failure();
    Epilogue e = matchEpilogue(op->getResult(0), yt.getDimSize(1));
    insertAtEnd(rewriter, op, e);
    Value out = formGemm(rewriter, op, a, y, /*transY=*/false, e);
    if (!out)
      return failure();
    replaceWithKernel(rewriter, op, e, out);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

/// Paddings [top, bottom, left, right] of a conv2d whose input has static
/// spatial dims `in` (SAME needs them), or none when they cannot be known.
std::optional<SmallVector<int64_t>>
paddingsOf(Operation *op, ArrayRef<int64_t> in, ArrayRef<int64_t> window,
           ArrayRef<int64_t> strides) {
  StringRef algorithm = strAttr(op, "padding_algorithm", "EXPLICIT");
  if (algorithm == "VALID")
    return SmallVector<int64_t>{0, 0, 0, 0};
  if (algorithm == "SAME") {
    SmallVector<int64_t> pads;
    for (int i = 0; i < 2; ++i) {
      if (ShapedType::isDynamic(in[i]))
        return std::nullopt;
      int64_t out = (in[i] + strides[i] - 1) / strides[i];
      int64_t total = std::max<int64_t>((out - 1) * strides[i] + window[i] - in[i], 0);
      pads.append({total / 2, total - total / 2});
    }
    return pads;
  }
  SmallVector<int64_t> p = intsAttr(op, "paddings", {0, 0});
  if (p.size() == 2)
    return SmallVector<int64_t>{p[0], p[0], p[1], p[1]};
  if (p.size() == 4)
    return SmallVector<int64_t>{p[0], p[1], p[2], p[3]};
  return std::nullopt;
}

/// One output spatial dim: (in + padding - window) / stride + 1, static when
/// `in` is, else computed at run time.
OpFoldResult outputSize(OpBuilder &b, Location loc, OpFoldResult in,
                        int64_t pad, int64_t window, int64_t stride) {
  if (std::optional<int64_t> size = getConstantIntValue(in))
    return b.getIndexAttr((*size + pad - window) / stride + 1);
  Value v = getValueOrCreateConstantIndexOp(b, loc, in);
  Value num = b.create<arith::AddIOp>(
      loc, v, b.create<arith::ConstantIndexOp>(loc, pad - window));
  Value q = b.create<arith::DivSIOp>(loc, num,
                                     b.create<arith::ConstantIndexOp>(loc, stride));
  return b.create<arith::AddIOp>(loc, q, b.create<arith::ConstantIndexOp>(loc, 1))
      .getResult();
}

/// Channels (in and out) from which a 3x3 stride-1 convolution goes through
/// Winograd: below, its products are too thin.
constexpr int64_t kWinogradMinChannels = 16;

/// Winograd's transformed filter is A^2/9 the bytes of the direct one (16/9
/// for F(2x2, 3x3), 4 for F(4x4, 3x3)). When an image is known to have
/// fewer tiles than this and the filter is past kWinogradMaxStreamedBytes,
/// streaming it from memory costs more than the multiply-adds it saves:
/// resnet50's last stage (7x7, 512 channels, 16 tiles of 2x2, a 16 MiB
/// transformed filter) took 5.8 ms through F(2x2, 3x3), 3.9 direct, on an
/// Intel Xeon whose memory read 17-23 GB/s (when the kernel still swept the
/// filter once per block of tiles, twice there). On the AMD EPYC, with the
/// filter read once a layer, the two made no difference beyond the noise in
/// the whole model; the rule stays.
constexpr int64_t kWinogradMinTiles = 32;
constexpr int64_t kWinogradMaxStreamedBytes = 1 << 20;

/// Tiles of 4x4 from which F(4x4, 3x3) replaces F(2x2, 3x3): 36 products
/// for 16 outputs instead of 16 for 4, and a filter 9/4 the bytes. On the
/// AMD EPYC, one core: 56x56x64 (196 tiles) 0.60 -> 0.34 ms, 28x28x128 (49)
/// 0.47 -> 0.29; 14x14x256 (16) 0.48 -> 0.38 alone but slower in resnet50
/// (31.0 -> 31.5 ms), whose 9.4 MB filter then comes from memory; 7x7x512
/// (4) 0.67 -> 0.95.
constexpr int64_t kWinogradF4MinTiles = 32;

/// The Winograd output tile m of F(m x m, 3x3) for a 3x3, stride-1,
/// undilated convolution of `channels` -> `oc` whose output is `oh` x `ow`
/// (dynamic: any size, taken to be large), or 0: direct.
int64_t winogradTile(int64_t channels, int64_t oc, int64_t oh, int64_t ow) {
  if (channels < kWinogradMinChannels || oc < kWinogradMinChannels)
    return 0;
  if (ShapedType::isDynamic(oh) || ShapedType::isDynamic(ow))
    return 4;
  if (((oh + 3) / 4) * ((ow + 3) / 4) >= kWinogradF4MinTiles)
    return 4;
  int64_t tiles = ((oh + 1) / 2) * ((ow + 1) / 2);
  int64_t filterBytes = 16 * channels * oc * int64_t(sizeof(float));
  return tiles >= kWinogradMinTiles || filterBytes <= kWinogradMaxStreamedBytes
             ? 2
             : 0;
}

/// conv2d and depthwise_conv2d in NHWC: plain (groups 1) through the conv
/// kernel, depthwise (groups = channels, one filter per channel) through the
/// depthwise kernel.
template <typename ConvLike>
struct FormConv : OpRewritePattern<ConvLike> {
  using OpRewritePattern<ConvLike>::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvLike op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op->getOperand(0), filter = op->getOperand(1);
    if (!isF32Tensor(x) || !isF32Tensor(filter) ||
        strAttr(op, "data_format", "NCHW") != "NHWC" || op->getNumOperands() != 2)
      return failure();
    auto xt = cast<RankedTensorType>(x.getType());
    auto ft = cast<RankedTensorType>(filter.getType());
    if (xt.getRank() != 4 || ft.getRank() != 4 || !ft.hasStaticShape() ||
        xt.isDynamicDim(3))
      return failure();
    int64_t groups = intAttr(op, "groups", 1);
    int64_t channels = xt.getDimSize(3), oc = ft.getDimSize(0);
    int64_t kh = ft.getDimSize(2), kw = ft.getDimSize(3);
    bool depthwise = groups == channels && oc == channels && ft.getDimSize(1) == 1;
    if (!depthwise && (groups != 1 || ft.getDimSize(1) != channels))
      return failure();
    SmallVector<int64_t> strides = intsAttr(op, "strides", {1, 1});
    SmallVector<int64_t> dilations = intsAttr(op, "dilations", {1, 1});
    if (strides.size() != 2 || dilations.size() != 2 || strides[0] < 1 ||
        strides[1] < 1 || dilations[0] < 1 || dilations[1] < 1)
      return failure();
    SmallVector<int64_t> window{(kh - 1) * dilations[0] + 1,
                                (kw - 1) * dilations[1] + 1};
    std::optional<SmallVector<int64_t>> pads = paddingsOf(
        op, {xt.getDimSize(1), xt.getDimSize(2)}, window, strides);
    if (!pads)
      return failure();

    Epilogue e = matchEpilogue(op->getResult(0), oc);
    insertAtEnd(rewriter, op, e);
    if (!depthwise && kh == 1 && kw == 1 && strides[0] == 1 && strides[1] == 1 &&
        llvm::all_of(*pads, [](int64_t p) { return p == 0; })) {
      // A 1x1 convolution is a product: [N*H*W, C] times the filter as
      // [OC, C], transposed.
      Value filter2d = rewriter.create<tensor::CollapseShapeOp>(
          loc, filter, SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
      Value out = formGemm(rewriter, op, x, filter2d, /*transY=*/true, e);
      if (!out)
        return failure();
      replaceWithKernel(rewriter, op, e, out);
      return success();
    }
    SmallVector<OpFoldResult> inDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> outDims{
        inDims[0],
        outputSize(rewriter, loc, inDims[1], (*pads)[0] + (*pads)[1], window[0], strides[0]),
        outputSize(rewriter, loc, inDims[2], (*pads)[2] + (*pads)[3], window[1], strides[1]),
        index(rewriter, oc)};
    Value init = emptyF32(rewriter, loc, outDims);
    Value out;
    if (depthwise) {
      Value packedInit = emptyF32(rewriter, loc, {index(rewriter, kh), index(rewriter, kw),
                                                  index(rewriter, channels)});
      Value packed = rewriter.create<PackDepthwiseOp>(
          loc, TypeRange{packedInit.getType()}, filter, packedInit).getResult()[0];
      out = rewriter.create<cpu::DepthwiseConv2dOp>(
          loc, TypeRange{init.getType()}, x, packed, e.bias, e.residual, init,
          strides, *pads, dilations, /*channels_first_input=*/false,
          int64_t(e.act), int64_t(e.post)).getResult()[0];
    } else {
      // Winograd where it pays (winogradTile): 3x3, stride 1, undilated,
      // enough channels on both sides for its products to be real GEMMs,
      // enough tiles to reuse its filter.
      auto staticDim = [](OpFoldResult d) {
        std::optional<int64_t> v = getConstantIntValue(d);
        return v ? *v : ShapedType::kDynamic;
      };
      bool unitStride3x3 = kh == 3 && kw == 3 && strides[0] == 1 &&
                           strides[1] == 1 && dilations[0] == 1 &&
                           dilations[1] == 1;
      int64_t tile =
          unitStride3x3 ? winogradTile(channels, oc, staticDim(outDims[1]),
                                       staticDim(outDims[2]))
                        : 0;
      int64_t nr = pd_panel_width(oc), panels = (oc + nr - 1) / nr;
      IntegerAttr winograd =
          tile ? rewriter.getI64IntegerAttr(tile) : IntegerAttr();
      Value packedInit =
          tile ? emptyF32(rewriter, loc,
                          {index(rewriter, pd_winograd_products(tile) * panels),
                           index(rewriter, channels), index(rewriter, nr)})
               : emptyF32(rewriter, loc,
                          {index(rewriter, panels),
                           index(rewriter, kh * kw * channels),
                           index(rewriter, nr)});
      Value packed = rewriter.create<PackConvOp>(
          loc, TypeRange{packedInit.getType()}, filter, packedInit, winograd)
          .getResult()[0];
      out = rewriter.create<cpu::Conv2dOp>(
          loc, TypeRange{init.getType()}, x, packed, e.bias, e.residual, init,
          SmallVector<int64_t>{kh, kw}, strides, *pads, dilations, winograd,
          /*channels_first_input=*/false, int64_t(e.act), int64_t(e.post))
          .getResult()[0];
    }
    replaceWithKernel(rewriter, op, e, out);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Channels-first output
//===----------------------------------------------------------------------===//

/// A transpose back to NCHW of a GEMM over NHWC pixels (the 1x1 convolution
/// that ends a channels-last region): the GEMM writes NCHW itself.
struct WriteGemmChannelsFirst : OpRewritePattern<Transpose2Op> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Transpose2Op op,
                                PatternRewriter &rewriter) const override {
    if (intsAttr(op, "axis", {}) != SmallVector<int64_t>{0, 3, 1, 2} ||
        llvm::any_of(op->getResults().drop_front(),
                     [](Value v) { return !v.use_empty(); }))
      return failure();
    Value x = op->getOperand(0);
    auto widened = x.getDefiningOp<tensor::CastOp>();
    Value product = widened ? widened.getSource() : x;
    auto gemm = product.getDefiningOp<GemmOp>();
    if (!gemm || gemm.getChannelsFirst() || !product.hasOneUse() ||
        (widened && !x.hasOneUse()))
      return failure();
    auto aType = dyn_cast<RankedTensorType>(gemm.getA().getType());
    auto packed = cast<RankedTensorType>(gemm.getPackedB().getType());
    auto outType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!aType || aType.getRank() != 4 || packed.getRank() != 3 || !outType)
      return failure();
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    SmallVector<OpFoldResult> aDims = dimsOf(rewriter, loc, gemm.getA());
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, gemm.getInit(), 3);
    Value init = emptyF32(rewriter, loc, {aDims[0], n, aDims[1], aDims[2]});
    Value out = rewriter
                    .create<GemmOp>(loc, TypeRange{init.getType()}, gemm.getA(),
                                    gemm.getPackedB(), gemm.getBias(),
                                    gemm.getResidual(), init,
                                    /*channels_first=*/true,
                                    gemm.getActivation(),
                                    gemm.getPostActivation())
                    .getResult()[0];
    if (out.getType() != outType)
      out = rewriter.create<tensor::CastOp>(loc, outType, out);
    rewriter.replaceAllUsesWith(op->getResult(0), out);
    rewriter.eraseOp(op);
    if (widened)
      rewriter.eraseOp(widened);
    rewriter.eraseOp(gemm);
    return success();
  }
};

/// A convolution or depthwise convolution whose input is only a transpose
/// to NHWC (the start of a channels-last region): it reads the NCHW tensor
/// itself, channels-last in the copy it stages or pads anyway.
template <typename ConvOp>
struct ReadChannelsFirst : OpRewritePattern<ConvOp> {
  using OpRewritePattern<ConvOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    auto transpose = op.getInput().template getDefiningOp<Transpose2Op>();
    const SmallVector<int64_t> toNHWC{0, 2, 3, 1};
    if (op.getChannelsFirstInput() || !transpose ||
        intsAttr(transpose, "axis", {}) != toNHWC ||
        llvm::any_of(transpose->getResults().drop_front(),
                     [](Value v) { return !v.use_empty(); }))
      return failure();
    // Besides the convolution's input, only sizes may be read (the output's
    // batch): they are read from the NCHW tensor instead. The convolution's
    // residual may be the same NHWC tensor (x + conv(x)), which keeps the
    // transpose.
    Value nhwc = transpose->getResult(0), nchw = transpose->getOperand(0);
    if (llvm::count(op->getOperands(), nhwc) != 1)
      return failure();
    SmallVector<tensor::DimOp> dims;
    for (Operation *user : nhwc.getUsers()) {
      if (user == op.getOperation())
        continue;
      auto dim = dyn_cast<tensor::DimOp>(user);
      std::optional<int64_t> index = dim ? dim.getConstantIndex() : std::nullopt;
      if (!index || *index < 0 || *index > 3)
        return failure();
      dims.push_back(dim);
    }
    for (tensor::DimOp dim : dims) {
      rewriter.setInsertionPoint(dim);
      rewriter.replaceOpWithNewOp<tensor::DimOp>(
          dim, nchw, toNHWC[*dim.getConstantIndex()]);
    }
    rewriter.modifyOpInPlace(op, [&] {
      op.getInputMutable().assign(nchw);
      op.setChannelsFirstInput(true);
    });
    rewriter.eraseOp(transpose);
    return success();
  }
};

/// pool2d, max or average, over NHWC f32 images of a multiple of 8
/// channels: windows with explicit or VALID padding, or the whole image
/// (global, or adaptive to 1 x 1).
/// Ceil-mode, SAME and other adaptive pooling keep the generic lowering.
struct FormPool : OpRewritePattern<pd::Pool2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(pd::Pool2dOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op->getOperand(0);
    StringRef type = strAttr(op, "pooling_type", "max");
    SmallVector<int64_t> ksize = intsAttr(op, "ksize", {});
    bool adaptive = boolAttr(op, "adaptive", false);
    bool global = boolAttr(op, "global_pooling", false) ||
                  (adaptive && llvm::all_of(ksize, [](int64_t k) { return k == 1; }));
    if (!isF32Tensor(x) || strAttr(op, "data_format", "NCHW") != "NHWC" ||
        (type != "max" && type != "avg") || (adaptive && !global) ||
        boolAttr(op, "ceil_mode", false) ||
        strAttr(op, "padding_algorithm", "EXPLICIT") == "SAME" ||
        llvm::any_of(op->getResults().drop_front(),
                     [](Value r) { return !r.use_empty(); }))
      return failure();
    auto xt = cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> strides = intsAttr(op, "strides", {1, 1});
    SmallVector<int64_t> pads{0, 0, 0, 0};
    if (global) {
      ksize.assign(2, 1); // the kernel takes the image's size at run time
      strides.assign(2, 1);
    }
    // The kernel pools a pixel's channels 16 or 8 at a time and the rest
    // one by one: on LeNet's 6 channels that took 44 % of the model's time,
    // where the generic loops vectorize across pixels.
    if (xt.getRank() != 4 || xt.isDynamicDim(3) || xt.getDimSize(3) % 8 ||
        ksize.size() != 2 || strides.size() != 2 ||
        llvm::any_of(ksize, [](int64_t k) { return k < 1; }) ||
        llvm::any_of(strides, [](int64_t s) { return s < 1; }))
      return failure();
    if (!global) {
      std::optional<SmallVector<int64_t>> explicitPads =
          paddingsOf(op, {xt.getDimSize(1), xt.getDimSize(2)}, ksize, strides);
      if (!explicitPads || llvm::any_of(*explicitPads, [](int64_t p) { return p < 0; }))
        return failure();
      pads = *explicitPads;
    }
    SmallVector<OpFoldResult> inDims = dimsOf(rewriter, loc, x);
    SmallVector<OpFoldResult> outDims{inDims[0], index(rewriter, 1), index(rewriter, 1),
                                      inDims[3]};
    if (!global) {
      outDims[1] = outputSize(rewriter, loc, inDims[1], pads[0] + pads[1], ksize[0], strides[0]);
      outDims[2] = outputSize(rewriter, loc, inDims[2], pads[2] + pads[3], ksize[1], strides[1]);
    }
    Value init = emptyF32(rewriter, loc, outDims);
    Value y = rewriter
                  .create<PoolOp>(loc, TypeRange{init.getType()}, x, init, ksize,
                                  strides, pads, type == "avg",
                                  type == "avg" && boolAttr(op, "exclusive", true),
                                  global)
                  .getResult()[0];
    replaceWithKernel(rewriter, op, Epilogue(), y);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Row-wise normalizations
//===----------------------------------------------------------------------===//

/// softmax along the last dim of an f32 tensor.
struct FormRowSoftmax : OpRewritePattern<pd::SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(pd::SoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    Value x = op->getOperand(0);
    if (!isF32Tensor(x))
      return failure();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    int64_t axis = intAttr(op, "axis", -1);
    if (rank < 1 || (axis != -1 && axis != rank - 1))
      return failure();
    Value init = emptyF32(rewriter, op.getLoc(), dimsOf(rewriter, op.getLoc(), x));
    Value y = rewriter
                  .create<RowSoftmaxOp>(op.getLoc(), TypeRange{init.getType()}, x, init)
                  .getResult()[0];
    replaceWithKernel(rewriter, op, Epilogue(), y);
    return success();
  }
};

/// layer_norm over the last dim only (a transformer's), its mean and
/// variance outputs unused (inference).
struct FormRowLayerNorm : OpRewritePattern<pd::LayerNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(pd::LayerNormOp op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getX();
    if (!isF32Tensor(x) || llvm::any_of(op->getResults().drop_front(),
                                        [](Value v) { return !v.use_empty(); }))
      return failure();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    int64_t begin = intAttr(op, "begin_norm_axis", 1);
    if (begin < 0)
      begin += rank;
    if (rank < 1 || begin != rank - 1 || type.isDynamicDim(rank - 1))
      return failure();
    for (Value v : {op.getScale(), op.getBias()})
      if (v && (!isF32Tensor(v) || cast<RankedTensorType>(v.getType()).getRank() != 1))
        return failure();
    Location loc = op.getLoc();
    Value init = emptyF32(rewriter, loc, dimsOf(rewriter, loc, x));
    Value y = rewriter
                  .create<RowLayerNormOp>(
                      loc, TypeRange{init.getType()}, x, op.getScale(),
                      op.getBias(), init,
                      rewriter.getF32FloatAttr(float(floatAttr(op, "epsilon", 1e-5))))
                  .getResult()[0];
    replaceWithKernel(rewriter, op, Epilogue(), y);
    return success();
  }
};

/// A transpose between NCHW and NHWC of a tensor with one channel moves no
/// element: it is a reshape (a single-channel image's edge transposes).
struct DropUnitChannelTranspose : OpRewritePattern<Transpose2Op> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Transpose2Op op,
                                PatternRewriter &rewriter) const override {
    auto in = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
    auto out = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!in || !out || in.getRank() != 4 ||
        llvm::any_of(op->getResults().drop_front(),
                     [](Value v) { return !v.use_empty(); }))
      return failure();
    SmallVector<int64_t> perm = intsAttr(op, "axis", {});
    // [N, 1, H, W] -> [N, H, W, 1], or [N, H, W, 1] -> [N, 1, H, W].
    bool toNHWC = perm == SmallVector<int64_t>{0, 2, 3, 1} && in.getDimSize(1) == 1;
    bool toNCHW = perm == SmallVector<int64_t>{0, 3, 1, 2} && in.getDimSize(3) == 1;
    if (!toNHWC && !toNCHW)
      return failure();
    Location loc = op.getLoc();
    Value x = op->getOperand(0);
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    // Collapse the unit dim into its neighbour, expand it out on the other
    // side: [N, H, W] in between.
    SmallVector<ReassociationIndices> collapse =
        toNHWC ? SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}}
               : SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}};
    SmallVector<ReassociationIndices> expand =
        toNHWC ? SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}}
               : SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}};
    Value flat = rewriter.create<tensor::CollapseShapeOp>(loc, x, collapse);
    SmallVector<OpFoldResult> outDims =
        toNHWC ? SmallVector<OpFoldResult>{dims[0], dims[2], dims[3], index(rewriter, 1)}
               : SmallVector<OpFoldResult>{dims[0], index(rewriter, 1), dims[1], dims[2]};
    Value y = rewriter.create<tensor::ExpandShapeOp>(loc, out, flat, expand, outDims);
    rewriter.replaceAllUsesWith(op->getResult(0), y);
    rewriter.eraseOp(op);
    return success();
  }
};

struct FormKernels : pd::cpu::impl::FormKernelsBase<FormKernels> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<FormMatmul<MatmulV2Op>>(ctx, "trans_x", "trans_y");
    patterns.add<FormMatmul<MatmulOp>>(ctx, "transpose_X", "transpose_Y");
    patterns.add<FormMul, FormConv<pd::Conv2dOp>,
                 FormConv<pd::DepthwiseConv2dOp>, WriteGemmChannelsFirst,
                 ReadChannelsFirst<cpu::Conv2dOp>,
                 ReadChannelsFirst<cpu::DepthwiseConv2dOp>, FormPool,
                 FormRowSoftmax, FormRowLayerNorm, DropUnitChannelTranspose>(ctx);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                            config)))
      signalPassFailure();
  }
};

} // namespace

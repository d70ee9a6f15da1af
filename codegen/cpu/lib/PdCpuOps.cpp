//===- PdCpuOps.cpp - the CPU compiler's kernel ops -------------------------===//

#include "pd/Codegen/Cpu/PdCpuOps.h"
#include "LoweringHelpers.h"
#include "pd/Runtime/ArtifactAbi.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/DstBufferizableOpInterfaceImpl.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace pd::cpu;

#include "pd/Codegen/Cpu/PdCpuDialect.cpp.inc"

void PdCpuDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "pd/Codegen/Cpu/PdCpuOps.cpp.inc"
      >();
}

#define GET_OP_CLASSES
#include "pd/Codegen/Cpu/PdCpuOps.cpp.inc"

Value pd::cpu::packRightHandSide(OpBuilder &b, Location loc, Value rhs,
                                 bool transposed,
                                 ArrayRef<OpFoldResult> batchDims) {
  auto type = cast<RankedTensorType>(rhs.getType());
  int64_t rank = type.getRank();
  int64_t k = type.getDimSize(rank - (transposed ? 1 : 2));
  int64_t n = type.getDimSize(rank - (transposed ? 2 : 1));
  int64_t nr = pd_panel_width(n), panels = (n + nr - 1) / nr;
  SmallVector<OpFoldResult> dims(batchDims);
  dims.append({b.getIndexAttr(panels), b.getIndexAttr(k), b.getIndexAttr(nr)});
  Value init = emptyTensor(b, loc, dims, b.getF32Type());
  return b.create<PackBOp>(loc, TypeRange{init.getType()}, rhs, init, transposed)
      .getResult()[0];
}

Value pd::cpu::gemm(OpBuilder &b, Location loc, Value a, Value packed,
                    int64_t columns, Value bias, Value residual, Value init,
                    Activation act, Activation post) {
  if (!init) {
    SmallVector<OpFoldResult> dims = dimsOf(b, loc, a);
    dims.back() = b.getIndexAttr(columns);
    init = emptyTensor(b, loc, dims, b.getF32Type());
  }
  return b
      .create<GemmOp>(loc, TypeRange{init.getType()}, a, packed, bias, residual,
                      init, /*channels_first=*/false, int64_t(act), int64_t(post))
      .getResult()[0];
}

namespace {

/// Winograd's output tiles: F(2x2, 3x3) and F(4x4, 3x3).
LogicalResult verifyWinogradTile(Operation *op, std::optional<uint64_t> tile) {
  if (tile && *tile != 2 && *tile != 4)
    return op->emitOpError("computes Winograd's F(m x m, 3x3) for m = 2 or 4, "
                           "not ")
           << *tile;
  return success();
}

/// The pieces every kernel op shares: its output is its last operand.
template <typename Op> OpOperand &initOf(Op op) {
  return op->getOpOperand(op->getNumOperands() - 1);
}

template <typename Op> LogicalResult verifyKernel(Op op) {
  Type init = initOf(op).get().getType();
  if (isa<RankedTensorType>(init) != (op->getNumResults() == 1) ||
      (op->getNumResults() == 1 && op->getResult(0).getType() != init))
    return op.emitOpError("has a result exactly when its output is a tensor, "
                          "of the output's type");
  for (Value operand : op->getOperands())
    if (!cast<ShapedType>(operand.getType()).getElementType().isF32())
      return op.emitOpError("takes f32 operands only");
  return success();
}

template <typename Op>
void effectsOf(Op op, SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()))
      continue;
    if (&operand == &initOf(op))
      effects.emplace_back(MemoryEffects::Write::get(), &operand,
                           SideEffects::DefaultResource::get());
    else
      effects.emplace_back(MemoryEffects::Read::get(), &operand,
                           SideEffects::DefaultResource::get());
  }
}

/// Each op bufferizes to itself on the operands' buffers; its outputs (the
/// destination-style inits) are written, never read.
template <typename Op>
struct KernelBufferization
    : bufferization::DstBufferizableOpInterfaceExternalModel<
          KernelBufferization<Op>, Op> {
  bool bufferizesToMemoryRead(Operation *op, OpOperand &operand,
                              const bufferization::AnalysisState &) const {
    return !cast<DestinationStyleOpInterface>(op).isDpsInit(&operand);
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const bufferization::BufferizationOptions &options) const {
    auto dps = cast<DestinationStyleOpInterface>(op);
    SmallVector<Value> operands, inits;
    for (OpOperand &operand : op->getOpOperands()) {
      Value value = operand.get();
      if (isa<TensorType>(value.getType())) {
        FailureOr<Value> buffer = bufferization::getBuffer(rewriter, value, options);
        if (failed(buffer))
          return failure();
        value = *buffer;
      }
      operands.push_back(value);
      if (dps.isDpsInit(&operand))
        inits.push_back(value);
    }
    OperationState state(op->getLoc(), op->getName(), operands, TypeRange(),
                         op->getAttrs());
    rewriter.create(state);
    bufferization::replaceOpWithBufferizedValues(rewriter, op, inits);
    return success();
  }
};

} // namespace

#define PD_KERNEL_OP(Op)                                                       \
  MutableOperandRange Op::getDpsInitsMutable() {                               \
    return MutableOperandRange(initOf(*this));                                 \
  }                                                                            \
  void Op::getEffects(                                                         \
      SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>      \
          &effects) {                                                          \
    effectsOf(*this, effects);                                                 \
  }
PD_KERNEL_OP(PackBOp)
PD_KERNEL_OP(GemmOp)
PD_KERNEL_OP(PackConvOp)
PD_KERNEL_OP(Conv2dOp)
PD_KERNEL_OP(PackDepthwiseOp)
PD_KERNEL_OP(DepthwiseConv2dOp)
PD_KERNEL_OP(PoolOp)
PD_KERNEL_OP(RowSoftmaxOp)
PD_KERNEL_OP(RowLayerNormOp)
PD_KERNEL_OP(BandChainOp)
#undef PD_KERNEL_OP

namespace {

/// Two sizes that cannot be equal: both static and different (a dynamic
/// size may be anything).
bool sizesDiffer(int64_t a, int64_t b) {
  return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b;
}

// The NMS ops' outputs: rows, index and counts, operands 2 to 4.
template <typename Op> MutableOperandRange nmsInits(Op op) {
  return MutableOperandRange(op.getOperation(), 2, 3);
}

template <typename Op>
void nmsEffects(Op op, SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()))
      continue;
    if (op.isDpsInit(&operand))
      effects.emplace_back(MemoryEffects::Write::get(), &operand,
                           SideEffects::DefaultResource::get());
    else
      effects.emplace_back(MemoryEffects::Read::get(), &operand,
                           SideEffects::DefaultResource::get());
  }
}

template <typename Op> LogicalResult verifyNms(Op op) {
  auto type = [](Value v) { return cast<ShapedType>(v.getType()); };
  auto is = [&](Value v, int64_t rank, Type element) {
    return type(v).getRank() == rank && type(v).getElementType() == element;
  };
  Builder b(op.getContext());
  if (!is(op.getBoxes(), 3, b.getF32Type()) || !is(op.getScores(), 3, b.getF32Type()) ||
      !is(op.getRows(), 2, b.getF32Type()) || !is(op.getIndex(), 2, b.getI32Type()) ||
      !is(op.getCounts(), 1, b.getI32Type()))
    return op.emitOpError("takes f32 boxes [N, M, 4], scores [N, C, M] and rows "
                          "[R, 6], and i32 index [R, 1] and counts [N]");
  bool tensors = isa<RankedTensorType>(op.getRows().getType());
  if (op->getNumResults() != (tensors ? 3u : 0u))
    return op.emitOpError("has its three outputs' tensors as results, or none "
                          "for memrefs");
  return success();
}

} // namespace

#define PD_NMS_OP(Op)                                                          \
  MutableOperandRange Op::getDpsInitsMutable() { return nmsInits(*this); }     \
  void Op::getEffects(                                                         \
      SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>      \
          &effects) {                                                          \
    nmsEffects(*this, effects);                                                \
  }                                                                            \
  LogicalResult Op::verify() { return verifyNms(*this); }
PD_NMS_OP(MulticlassNmsOp)
PD_NMS_OP(MatrixNmsOp)
#undef PD_NMS_OP

LogicalResult PackBOp::verify() {
  auto b = cast<ShapedType>(getB().getType());
  auto init = cast<ShapedType>(getInit().getType());
  if (b.getRank() < 2 || init.getRank() != b.getRank() + 1)
    return emitOpError("packs [batch..., K, N] into [batch..., P, K, NR]");
  return verifyKernel(*this);
}

LogicalResult GemmOp::verify() {
  auto a = cast<ShapedType>(getA().getType());
  auto init = cast<ShapedType>(getInit().getType());
  auto packed = cast<ShapedType>(getPackedB().getType());
  if (a.getRank() < 2 || init.getRank() != a.getRank())
    return emitOpError("multiplies [batch..., M, K] into [batch..., M, N]");
  if (packed.getRank() != 3 && packed.getRank() != a.getRank() + 1)
    return emitOpError("takes B packed as [P, K, NR] or [batch..., P, K, NR]");
  if (getChannelsFirst()) {
    // init [images, N, pixels...] for a [images, pixels..., K].
    int64_t rank = a.getRank();
    bool fits = rank >= 3 && packed.getRank() == 3 &&
                init.getDimSize(0) == a.getDimSize(0);
    for (int64_t i = 1; fits && i + 1 < rank; ++i)
      fits = init.getDimSize(i + 1) == a.getDimSize(i);
    if (!fits)
      return emitOpError("with channels_first multiplies [images, pixels..., "
                         "K] by a shared B into [images, N, pixels...]");
  }
  return verifyKernel(*this);
}

LogicalResult PackConvOp::verify() {
  if (cast<ShapedType>(getFilter().getType()).getRank() != 4 ||
      cast<ShapedType>(getInit().getType()).getRank() != 3)
    return emitOpError("packs [OC, IC, KH, KW] into [P, KH * KW * IC, NR]");
  if (failed(verifyWinogradTile(*this, getWinogradTile())))
    return failure();
  return verifyKernel(*this);
}

LogicalResult Conv2dOp::verify() {
  if (cast<ShapedType>(getInput().getType()).getRank() != 4 ||
      cast<ShapedType>(getInit().getType()).getRank() != 4)
    return emitOpError("convolves [N, H, W, C] into [N, OH, OW, OC]");
  if (cast<ShapedType>(getPackedFilter().getType()).getRank() != 3)
    return emitOpError("takes a filter packed by pdcpu.pack_conv, [P, K, NR]");
  if (getKernelSize().size() != 2 || getStrides().size() != 2 ||
      getDilations().size() != 2 || getPaddings().size() != 4)
    return emitOpError("takes 2 kernel sizes, strides and dilations and 4 "
                       "paddings");
  std::optional<uint64_t> winogradTile = getWinogradTile();
  if (failed(verifyWinogradTile(*this, winogradTile)))
    return failure();
  if (winogradTile &&
      (!llvm::equal(getKernelSize(), ArrayRef<int64_t>{3, 3}) ||
       !llvm::equal(getStrides(), ArrayRef<int64_t>{1, 1}) ||
       !llvm::equal(getDilations(), ArrayRef<int64_t>{1, 1})))
    return emitOpError("computes Winograd's F(m x m, 3x3) for 3x3 filters at "
                       "stride 1, undilated, only");
  auto input = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  if (sizesDiffer(input.getDimSize(0), init.getDimSize(0)))
    return emitOpError("needs the input's batch to be the output's");
  // The packed filter: [P, KH * KW * IC, NR], or Winograd's
  // [A^2 * P, IC, NR] (A = m + 2).
  int64_t channelDim = getChannelsFirstInput() ? 1 : 3;
  int64_t channels = input.getDimSize(channelDim);
  auto packed = cast<ShapedType>(getPackedFilter().getType());
  int64_t rows = packed.getDimSize(1);
  int64_t taps = winogradTile ? 1 : getKernelSize()[0] * getKernelSize()[1];
  if (!ShapedType::isDynamic(channels) && sizesDiffer(channels * taps, rows))
    return emitOpError("needs the input's channels (dim ")
           << channelDim << ") to be the packed filter's";
  int64_t oc = init.getDimSize(3);
  if (!ShapedType::isDynamic(oc)) {
    int64_t nr = pd_panel_width(oc), panels = (oc + nr - 1) / nr;
    int64_t sets = winogradTile ? pd_winograd_products(*winogradTile) : 1;
    if (sizesDiffer(sets * panels, packed.getDimSize(0)))
      return emitOpError("needs a filter packed for ")
             << (winogradTile ? "its Winograd tile" : "a direct convolution")
             << ": " << sets * panels << " panels, not "
             << packed.getDimSize(0);
  }
  return verifyKernel(*this);
}

LogicalResult PackDepthwiseOp::verify() {
  if (cast<ShapedType>(getFilter().getType()).getRank() != 4 ||
      cast<ShapedType>(getInit().getType()).getRank() != 3)
    return emitOpError("reorders [C, 1, KH, KW] into [KH, KW, C]");
  return verifyKernel(*this);
}

LogicalResult DepthwiseConv2dOp::verify() {
  if (cast<ShapedType>(getInput().getType()).getRank() != 4 ||
      cast<ShapedType>(getInit().getType()).getRank() != 4)
    return emitOpError("convolves [N, H, W, C] into [N, OH, OW, C]");
  if (getStrides().size() != 2 || getDilations().size() != 2 ||
      getPaddings().size() != 4)
    return emitOpError("takes 2 strides and dilations and 4 paddings");
  auto input = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  int64_t channelDim = getChannelsFirstInput() ? 1 : 3;
  if (sizesDiffer(input.getDimSize(channelDim), init.getDimSize(3)) ||
      sizesDiffer(input.getDimSize(0), init.getDimSize(0)))
    return emitOpError("needs the input's batch and channels (dim ")
           << channelDim << ") to be the output's";
  return verifyKernel(*this);
}

LogicalResult PoolOp::verify() {
  auto input = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  if (input.getRank() != 4 || init.getRank() != 4)
    return emitOpError("pools [N, H, W, C] into [N, OH, OW, C]");
  if (getKsize().size() != 2 || getStrides().size() != 2 || getPaddings().size() != 4)
    return emitOpError("takes 2 window sizes and strides and 4 paddings");
  if (llvm::any_of(getKsize(), [](int64_t k) { return k < 1; }) ||
      llvm::any_of(getStrides(), [](int64_t s) { return s < 1; }) ||
      llvm::any_of(getPaddings(), [](int64_t p) { return p < 0; }))
    return emitOpError("takes positive window sizes and strides and paddings of 0 or more");
  if (sizesDiffer(input.getDimSize(3), init.getDimSize(3)) ||
      sizesDiffer(input.getDimSize(0), init.getDimSize(0)))
    return emitOpError("needs the input's batch and channels to be the output's");
  return verifyKernel(*this);
}

LogicalResult RowSoftmaxOp::verify() {
  if (getInput().getType() != getInit().getType() ||
      cast<ShapedType>(getInput().getType()).getRank() < 1)
    return emitOpError("takes an input and an output of one shape, rank >= 1");
  return verifyKernel(*this);
}

LogicalResult RowLayerNormOp::verify() {
  auto input = cast<ShapedType>(getInput().getType());
  if (input != getInit().getType() || input.getRank() < 1)
    return emitOpError("takes an input and an output of one shape, rank >= 1");
  for (Value v : {getScale(), getBias()}) {
    if (!v)
      continue;
    auto t = cast<ShapedType>(v.getType());
    if (t.getRank() != 1 || t.getDimSize(0) != input.getDimSize(input.getRank() - 1))
      return emitOpError("takes a scale and a bias of the last dim's size");
  }
  return verifyKernel(*this);
}

int64_t BandChainOp::getStageCount() {
  return int64_t(getStages().size()) / PD_CHAIN_WORDS;
}

::llvm::ArrayRef<int64_t> BandChainOp::getStage(int64_t i) {
  return getStages().slice(i * PD_CHAIN_WORDS, PD_CHAIN_WORDS);
}

LogicalResult BandChainOp::verify() {
  int64_t count = getStageCount();
  if (int64_t(getStages().size()) != count * PD_CHAIN_WORDS || count < 1 ||
      count > PD_CHAIN_MAX_STAGES)
    return emitOpError("takes 1 to ") << int64_t(PD_CHAIN_MAX_STAGES) << " stages of "
                                      << int64_t(PD_CHAIN_WORDS) << " words";
  int64_t biases = 0, residuals = 0;
  for (int64_t i = 0; i < count; ++i) {
    ArrayRef<int64_t> stage = getStage(i);
    int64_t kind = stage[PD_CHAIN_KIND];
    if (kind != PD_CHAIN_POINTWISE && kind != PD_CHAIN_DEPTHWISE)
      return emitOpError("stage ") << i << " has kind " << kind;
    biases += stage[PD_CHAIN_BIAS] != 0;
    residuals += stage[PD_CHAIN_RESIDUAL] != 0;
  }
  if (int64_t(getWeights().size()) != count ||
      int64_t(getBiases().size()) != biases ||
      int64_t(getResiduals().size()) != residuals)
    return emitOpError("needs one weights operand per stage and the biases "
                       "and residuals its stages name");
  if (getChannelsFirstOutput() &&
      getStage(count - 1)[PD_CHAIN_KIND] != PD_CHAIN_POINTWISE)
    return emitOpError("writes channels-first from a 1x1 convolution only");
  auto input = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  if (input.getRank() != 4 || init.getRank() != 4)
    return emitOpError("reads and writes 4-D tensors");
  int64_t lastChannels = getStage(count - 1)[PD_CHAIN_OUT_CHANNELS];
  int64_t initChannels = init.getDimSize(getChannelsFirstOutput() ? 1 : 3);
  if (!ShapedType::isDynamic(initChannels) && initChannels != lastChannels)
    return emitOpError("writes ") << initChannels
                                  << " channels, its last stage makes " << lastChannels;
  return verifyKernel(*this);
}

LogicalResult OutputAllocOp::verify() {
  MemRefType type = getType();
  if (!type.getLayout().isIdentity())
    return emitOpError("allocates a memref of the identity layout");
  if (int64_t(getDynamicSizes().size()) != type.getNumDynamicDims())
    return emitOpError("takes one size per dynamic dim: ")
           << type.getNumDynamicDims() << ", got " << getDynamicSizes().size();
  if (getIndexAttr().getInt() < 0)
    return emitOpError("names a result index, not ") << getIndexAttr().getInt();
  return success();
}

void pd::cpu::registerPdCpuBufferization(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, PdCpuDialect *) {
    PackBOp::attachInterface<KernelBufferization<PackBOp>>(*ctx);
    GemmOp::attachInterface<KernelBufferization<GemmOp>>(*ctx);
    PackConvOp::attachInterface<KernelBufferization<PackConvOp>>(*ctx);
    Conv2dOp::attachInterface<KernelBufferization<Conv2dOp>>(*ctx);
    PackDepthwiseOp::attachInterface<KernelBufferization<PackDepthwiseOp>>(*ctx);
    DepthwiseConv2dOp::attachInterface<KernelBufferization<DepthwiseConv2dOp>>(*ctx);
    PoolOp::attachInterface<KernelBufferization<PoolOp>>(*ctx);
    RowSoftmaxOp::attachInterface<KernelBufferization<RowSoftmaxOp>>(*ctx);
    RowLayerNormOp::attachInterface<KernelBufferization<RowLayerNormOp>>(*ctx);
    BandChainOp::attachInterface<KernelBufferization<BandChainOp>>(*ctx);
    MulticlassNmsOp::attachInterface<KernelBufferization<MulticlassNmsOp>>(*ctx);
    MatrixNmsOp::attachInterface<KernelBufferization<MatrixNmsOp>>(*ctx);
  });
}

//===- PdCpuOps.td - the CPU compiler's kernel ops ---------*- tablegen -*-===//
//
// The `pdcpu` dialect: the operations pd's CPU backend runs through its
// microkernels (codegen/cpu/ukernels). They take tensors before
// bufferization and memrefs after, in destination-passing style (the last
// operand is the output), and lower to calls of `pd_uk_*` functions. Each
// compute op carries its epilogue: out = post(act(acc + bias) + residual),
// act and post one of none (0), relu (1) and relu6 (2).
//
// Packed operands come from `pack_*` ops: weights are packed by the
// artifact's load-time entry point (they depend on parameters only), an
// activation used as a right-hand side on every run.
//
//===----------------------------------------------------------------------===//
#ifndef PD_CODEGEN_CPU_PDCPUOPS_TD
#define PD_CODEGEN_CPU_PDCPUOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def PdCpu_Dialect : Dialect {
  let name = "pdcpu";
  let cppNamespace = "::pd::cpu";
  let summary = "kernels of pd's CPU backend";
}

class PdCpu_Op<string mnemonic, list<Trait> traits = []>
    : Op<PdCpu_Dialect, mnemonic,
         !listconcat(traits, [DeclareOpInterfaceMethods<DestinationStyleOpInterface>,
                              DeclareOpInterfaceMethods<MemoryEffectsOpInterface>])> {
  // One tensor result when the output is a tensor, none for a memref.
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let hasVerifier = 1;
}

defvar EpilogueAttrs = (ins DefaultValuedAttr<I64Attr, "0">:$activation,
                           DefaultValuedAttr<I64Attr, "0">:$post_activation);

def PdCpu_PackBOp : PdCpu_Op<"pack_b"> {
  let summary = "packs right-hand sides into panels";
  let description = [{
    `b` is [batch..., K, N] (or [batch..., N, K] with `transposed`); `init`
    is [batch..., P, K, NR]: panels of NR = pd_panel_width(N) columns,
    zero-padded.
  }];
  let arguments = (ins AnyShaped:$b, AnyShaped:$init, UnitAttr:$transposed);
  let assemblyFormat = "$b `into` $init attr-dict `:` type($b) `,` type($init) (`->` type($result)^)?";
}

def PdCpu_GemmOp : PdCpu_Op<"gemm", [AttrSizedOperandSegments]> {
  let summary = "matrix multiplication through the microkernel, with its epilogue";
  let description = [{
    init [batch..., M, N] = a [batch..., M, K] x b, with `packed_b` from
    `pdcpu.pack_b`: [P, K, NR] (one right-hand side for every batch: all of
    a's leading dims are rows of one product) or [batch..., P, K, NR].
    `bias` is [N]; `residual` has init's shape.

    With `channels_first`, a is channels-last pixels [images, pixels...,
    K], B is shared, and init is [images, N, pixels...]: each image's
    product transposed (the 1x1 convolution that ends a channels-last
    region writes the NCHW output itself). The residual is then
    [images, pixels..., N], like the product before its transpose.
  }];
  let arguments = !con((ins AnyShaped:$a, AnyShaped:$packed_b,
                            Optional<AnyShaped>:$bias,
                            Optional<AnyShaped>:$residual, AnyShaped:$init,
                            UnitAttr:$channels_first),
                       EpilogueAttrs);
  let assemblyFormat = [{
    $a `,` $packed_b (`bias` $bias^)? (`residual` $residual^)? `into` $init
    attr-dict `:` type(operands) (`->` type($result)^)?
  }];
}

def PdCpu_PackConvOp : PdCpu_Op<"pack_conv"> {
  let summary = "packs a convolution filter into panels of output channels";
  let description = [{
    `filter` is [OC, IC, KH, KW] (Paddle's layout); `init` is
    [P, KH * KW * IC, NR] with NR = pd_panel_width(OC), zero-padded. With
    `winograd_tile` m (3x3 filters; 2 or 4), the filter is transformed for
    Winograd's F(m x m, 3x3): `init` is [A^2 * P, IC, NR] (A = m + 2),
    U = G g G^T per channel pair.
  }];
  let arguments = (ins AnyShaped:$filter, AnyShaped:$init,
                       OptionalAttr<I64Attr>:$winograd_tile);
  let assemblyFormat = "$filter `into` $init attr-dict `:` type($filter) `,` type($init) (`->` type($result)^)?";
}

def PdCpu_Conv2dOp : PdCpu_Op<"conv2d", [AttrSizedOperandSegments]> {
  let summary = "NHWC convolution through the microkernel, with its epilogue";
  let description = [{
    init [N, OH, OW, OC] = conv(input [N, H, W, IC], packed filter from
    `pdcpu.pack_conv`). `paddings` are [top, bottom, left, right]. `bias`
    is [OC]; `residual` has init's shape. With `winograd_tile` m (3x3,
    stride 1, undilated; the filter packed with the same m), the product is
    computed by Winograd's F(m x m, 3x3): per m x m output tile and channel
    pair, 16 multiplications instead of 36 (m = 2) or 36 instead of 144
    (m = 4). With `channels_first_input` the input is
    [N, IC, H, W] (the model's NCHW input at the start of a channels-last
    region), made channels-last in the padded copy the kernel makes anyway.
  }];
  let arguments = !con((ins AnyShaped:$input, AnyShaped:$packed_filter,
                            Optional<AnyShaped>:$bias,
                            Optional<AnyShaped>:$residual, AnyShaped:$init,
                            DenseI64ArrayAttr:$kernel_size,
                            DenseI64ArrayAttr:$strides,
                            DenseI64ArrayAttr:$paddings,
                            DenseI64ArrayAttr:$dilations,
                            OptionalAttr<I64Attr>:$winograd_tile,
                            UnitAttr:$channels_first_input),
                       EpilogueAttrs);
  let assemblyFormat = [{
    $input `,` $packed_filter (`bias` $bias^)? (`residual` $residual^)? `into` $init
    attr-dict `:` type(operands) (`->` type($result)^)?
  }];
}

def PdCpu_PackDepthwiseOp : PdCpu_Op<"pack_depthwise"> {
  let summary = "reorders a depthwise filter channels-last";
  let description = [{ `filter` [C, 1, KH, KW] into `init` [KH, KW, C]. }];
  let arguments = (ins AnyShaped:$filter, AnyShaped:$init);
  let assemblyFormat = "$filter `into` $init attr-dict `:` type($filter) `,` type($init) (`->` type($result)^)?";
}

def PdCpu_DepthwiseConv2dOp : PdCpu_Op<"depthwise_conv2d", [AttrSizedOperandSegments]> {
  let summary = "NHWC depthwise convolution through the microkernel";
  let description = [{
    init [N, OH, OW, C] = depthwise conv(input [N, H, W, C], filter
    [KH, KW, C] from `pdcpu.pack_depthwise`), with the epilogue. With
    `channels_first_input` the input is [N, C, H, W] (the model's NCHW
    input at the start of a channels-last region), read as it is.
  }];
  let arguments = !con((ins AnyShaped:$input, AnyShaped:$packed_filter,
                            Optional<AnyShaped>:$bias,
                            Optional<AnyShaped>:$residual, AnyShaped:$init,
                            DenseI64ArrayAttr:$strides,
                            DenseI64ArrayAttr:$paddings,
                            DenseI64ArrayAttr:$dilations,
                            UnitAttr:$channels_first_input),
                       EpilogueAttrs);
  let assemblyFormat = [{
    $input `,` $packed_filter (`bias` $bias^)? (`residual` $residual^)? `into` $init
    attr-dict `:` type(operands) (`->` type($result)^)?
  }];
}

def PdCpu_BandChainOp : PdCpu_Op<"band_chain", [AttrSizedOperandSegments]> {
  let summary = "NHWC convolutions, each feeding the next, run band by band of rows";
  let description = [{
    A chain of stages, each a 1x1 convolution (a GEMM over pixels, its
    weights from `pdcpu.pack_b`) or a depthwise convolution (weights from
    `pdcpu.pack_depthwise`), each reading only the one before: `input`
    [N, H, W, C] (with `channels_first_input`, [N, C, H, W]) through every
    stage into `init`, [N, OH, OW, OC] (with `channels_first_output`,
    [N, OC, OH, OW]; the last stage is then a 1x1 convolution). The
    microkernel runs the chain a band of output rows at a time, keeping of
    each intermediate only the rows still to be read: no intermediate
    tensor is written whole.

    `stages` holds PD_CHAIN_WORDS integers per stage, laid out as
    ArtifactAbi.h's pd_chain_word: kind, output channels, kernel size,
    strides, paddings (top, bottom, left, right), dilations, then at the
    weights, bias and residual words 1 where the stage has that operand and
    0 where not, then the two activations. `weights` has one operand per
    stage; `biases` and `residuals` one per stage that has one, in stage
    order (a residual is NHWC, of its stage's output shape).
  }];
  let arguments = (ins AnyShaped:$input, Variadic<AnyShaped>:$weights,
                       Variadic<AnyShaped>:$biases,
                       Variadic<AnyShaped>:$residuals, AnyShaped:$init,
                       DenseI64ArrayAttr:$stages,
                       UnitAttr:$channels_first_input,
                       UnitAttr:$channels_first_output);
  let assemblyFormat = [{
    $input `weights` `(` $weights `)` (`biases` `(` $biases^ `)`)?
    (`residuals` `(` $residuals^ `)`)? `into` $init attr-dict `:` type(operands)
    (`->` type($result)^)?
  }];
  let extraClassDeclaration = [{
    /// The number of stages.
    int64_t getStageCount();
    /// Stage i's words (PD_CHAIN_WORDS of them).
    ::llvm::ArrayRef<int64_t> getStage(int64_t i);
  }];
}

def PdCpu_PoolOp : PdCpu_Op<"pool"> {
  let summary = "NHWC max or average pooling through the microkernel, rows on the threads";
  let description = [{
    init [N, OH, OW, C] = the maximum (or with `average` the mean) over each
    `ksize` window of input [N, H, W, C] (with `global`, the whole image,
    whatever its size), windows `strides` apart from -paddings [top, left]
    (`paddings` is [top, bottom, left, right]). Taps outside the input are
    skipped: the maximum is arith.maximumf's (a NaN wins, +0 over -0); the
    sum, from 0 in the window's row-major order, is divided by the count of
    taps inside the input with `exclusive` (Paddle's default), else by the
    window's size.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$init,
                       DenseI64ArrayAttr:$ksize, DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$paddings, UnitAttr:$average,
                       UnitAttr:$exclusive, UnitAttr:$global);
  let assemblyFormat = "$input `into` $init attr-dict `:` type($input) `,` type($init) (`->` type($result)^)?";
}

def PdCpu_RowSoftmaxOp : PdCpu_Op<"row_softmax"> {
  let summary = "softmax along the last dim, rows on the threads";
  let description = [{
    init = softmax of input along its last dim (both of input's shape):
    exp(x - max) / sum, row by row.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$init);
  let assemblyFormat = "$input `into` $init attr-dict `:` type($input) `,` type($init) (`->` type($result)^)?";
}

def PdCpu_RowLayerNormOp : PdCpu_Op<"row_layer_norm", [AttrSizedOperandSegments]> {
  let summary = "layer normalization over the last dim, rows on the threads";
  let description = [{
    init = (x - mean) / sqrt(var + epsilon) * scale + bias, mean and var
    (biased) of each row of input along its last dim; `scale` and `bias`
    are [last dim].
  }];
  let arguments = (ins AnyShaped:$input, Optional<AnyShaped>:$scale,
                       Optional<AnyShaped>:$bias, AnyShaped:$init,
                       F32Attr:$epsilon);
  let assemblyFormat = [{
    $input (`scale` $scale^)? (`bias` $bias^)? `into` $init attr-dict `:`
    type(operands) (`->` type($result)^)?
  }];
}

// Non-maximum suppression: boxes [N, M, 4] and scores [N, C, M] (f32) in;
// out, image after image, each image's kept boxes: `rows` [R, 6] (label,
// score, x1, y1, x2, y2), `index` [R, 1] (n * M + box) and `counts` [N]
// (i32), R at least N times the most one image may keep. The rows past the
// counts' sum are left as they were.
class PdCpu_NmsOp<string mnemonic, string summaryText, dag attrs>
    : Op<PdCpu_Dialect, mnemonic,
         [DeclareOpInterfaceMethods<DestinationStyleOpInterface>,
          DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = summaryText;
  let arguments = !con((ins AnyShaped:$boxes, AnyShaped:$scores, AnyShaped:$rows,
                            AnyShaped:$index, AnyShaped:$counts), attrs);
  // The three outputs' tensors when they are tensors, none for memrefs.
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let assemblyFormat = [{
    $boxes `,` $scores `into` $rows `,` $index `,` $counts attr-dict `:`
    type(operands) (`->` type($result)^)?
  }];
  let hasVerifier = 1;
}

def PdCpu_MulticlassNmsOp : PdCpu_NmsOp<"multiclass_nms",
    "per-class non-maximum suppression through the microkernel",
    (ins F32Attr:$score_threshold, I64Attr:$nms_top_k, I64Attr:$keep_top_k,
         F32Attr:$nms_threshold, F32Attr:$nms_eta, BoolAttr:$normalized,
         I64Attr:$background_label)> {
  let description = [{
    Each image's kept boxes by class; attributes are multiclass_nms3's.
  }];
}

def PdCpu_MatrixNmsOp : PdCpu_NmsOp<"matrix_nms",
    "matrix non-maximum suppression through the microkernel",
    (ins F32Attr:$score_threshold, F32Attr:$post_threshold, I64Attr:$nms_top_k,
         I64Attr:$keep_top_k, BoolAttr:$use_gaussian, F32Attr:$gaussian_sigma,
         BoolAttr:$normalized, I64Attr:$background_label)> {
  let description = [{
    Each image's kept boxes by decayed score; attributes are matrix_nms's.
  }];
}

def PdCpu_OutputAllocOp : Op<PdCpu_Dialect, "output_alloc"> {
  let summary = "the buffer of a method's result, maybe the caller's tensor";
  let description = [{
    Allocates like `memref.alloc` the buffer a method returns as result
    `index`. At run time the runtime hands out the caller's output tensor
    when it was given with exactly this many bytes (and 64-byte aligned), so
    that the kernel that computes the result writes it where the caller
    reads it and no copy follows; otherwise a buffer of the run's arena.
    Only after bufferization: `pd-cpu-results-in-place` forms it from the
    `memref.alloc` that a function returns.
  }];
  let arguments = (ins I64Attr:$index, Variadic<Index>:$dynamic_sizes);
  let results = (outs Res<AnyMemRef, "", [MemAlloc]>:$memref);
  let assemblyFormat = "`(` $dynamic_sizes `)` attr-dict `:` type($memref)";
  let hasVerifier = 1;
}

#endif // PD_CODEGEN_CPU_PDCPUOPS_TD

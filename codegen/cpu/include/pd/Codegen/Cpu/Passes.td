//===- Passes.td - CPU code generation passes ---------------*- tablegen -*-===//
#ifndef PD_CODEGEN_CPU_PASSES_TD
#define PD_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def ParametersToArguments : Pass<"pd-parameters-to-arguments", "mlir::ModuleOp"> {
  let summary = "Turn parameter reads into leading function arguments";
  let description = [{
    A compiled artifact does not embed its parameters: the runtime maps them
    from the parameter file and passes them in. Each function gets one
    leading argument per parameter it reads (sorted by name, the order of the
    artifact's parameter file; each named by `pd.parameter_name`); the
    `pd.parameter` ops and their data leave the module.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def StructureControlFlow : Pass<"pd-structure-control-flow", "mlir::ModuleOp"> {
  let summary = "Turn conditional_block and while sub-blocks into scf.if and scf.while";
  let description = [{
    Paddle's sub-blocks read and write the enclosing block's variables by
    name. The importer resolved each read to the value the name held before
    the op, which is what an `if` reads but not what a loop body reads after
    its first iteration. Here the names become SSA: `conditional_block`
    (with `is_scalar_condition`) becomes an `scf.if` that yields each
    variable it writes (the value it had before, otherwise), and `while`
    becomes an `scf.while` that carries each variable it writes, the
    condition among them. Innermost sub-blocks go first.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def ConvertPdToLinalg : Pass<"pd-convert-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower typed pd ops to linalg, tensor, arith and math";
  let description = [{
    One pattern per op (or op family). Feeds and fetches become the values
    they carry. Dynamic dims stay dynamic: sizes come from `tensor.dim` of
    the operands at run time. Ops without a lowering are reported together,
    each with its location, and nothing is rewritten. A recurrent op's
    time loop calls the GEMM kernel (`pdcpu.gemm`) at every step.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect", "::pd::cpu::PdCpuDialect",
    "::mlir::bufferization::BufferizationDialect",
  ];
}

def FormKernels : Pass<"pd-cpu-form-kernels", "mlir::ModuleOp"> {
  let summary = "Turn matmuls and NHWC convolutions into pdcpu kernel ops with epilogues";
  let description = [{
    matmul_v2, matmul (alpha 1) and mul become `pdcpu.gemm`, NHWC conv2d
    `pdcpu.conv2d` and depthwise ones `pdcpu.depthwise_conv2d`, their right
    operand packed by a `pdcpu.pack_*` op. A bias add over the last dim, a
    relu or relu6, a residual add and a second activation that follow a
    kernel (each the only user of the one before) become its epilogue.
    Transposed left operands, NCHW and grouped convolutions stay pd ops for
    pd-convert-to-linalg.
  }];
  let dependentDialects = ["::pd::cpu::PdCpuDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def FormBandChains : Pass<"pd-cpu-form-band-chains", "mlir::ModuleOp"> {
  let summary = "Run chains of 1x1 and depthwise convolutions band by band of rows";
  let description = [{
    A `pdcpu.gemm` over NHWC pixels (a 1x1 convolution with one packed B)
    or a `pdcpu.depthwise_conv2d` whose input is the only use of another
    such op's result joins that op in one `pdcpu.band_chain` (up to
    PD_CHAIN_MAX_STAGES stages): MobileNet's depthwise-separable blocks,
    whose intermediates (3.2 MB in mobilenet_block) would otherwise each
    cross memory whole. Only the chain's first stage may read NCHW and only
    its last write it.
  }];
  let dependentDialects = ["::pd::cpu::PdCpuDialect"];
}

def HoistLoadTime : Pass<"pd-cpu-hoist-load-time", "mlir::ModuleOp"> {
  let summary = "Move what depends on parameters only into a load-time function";
  let description = [{
    For each method `@f`, the ops whose operands come only from parameters
    (arguments with `pd.parameter_name`) and constants (packing, folded batch
    norms) move into `@f__load`, which takes the parameters and returns the
    values `@f` uses; `@f` takes those as new arguments after the parameters
    (`pd.load_result = i`). The runtime calls `@f__load` once, when it loads
    the model, and keeps its results.
  }];
}

def LowerToUkernels : Pass<"pd-cpu-lower-to-ukernels", "mlir::ModuleOp"> {
  let summary = "Turn bufferized pdcpu ops into calls of the microkernels";
  let description = [{
    Each `pdcpu` kernel op on memrefs becomes a call of its `pd_uk_*`
    function (codegen/cpu/ukernels), with buffer addresses and sizes as i64.
    (`pdcpu.output_alloc` is left to pd-cpu-lower-output-alloc.)
  }];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def WriteResultsInPlace : Pass<"pd-cpu-results-in-place", "mlir::ModuleOp"> {
  let summary = "Let a method's results be written into the caller's tensors";
  let description = [{
    After bufferization, a `memref.alloc` in a method's body that the method
    returns whole (directly, or through `memref.cast`, `collapse_shape` or
    `expand_shape`) as result #i becomes `pdcpu.output_alloc {index = i}`:
    at run time that buffer is the caller's output tensor when it fits, so
    the kernel that computes the result writes where the caller reads and
    no copy follows. Load-time functions keep their allocations: the model
    keeps what they return.
  }];
  let dependentDialects = ["::pd::cpu::PdCpuDialect"];
}

def LowerOutputAlloc : Pass<"pd-cpu-lower-output-alloc", "mlir::ModuleOp"> {
  let summary = "Lower pdcpu.output_alloc to a call of pd_output_alloc";
  let description = [{
    `pdcpu.output_alloc` becomes a call of the artifact's
    `pd_output_alloc(index, bytes)` and the memref descriptor of what it
    returns. Runs before finalize-memref-to-llvm, whose conversions of the
    buffer's users meet this one through unrealized casts.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def ApproximateMath : Pass<"pd-cpu-approximate-math"> {
  let summary = "Compute erf, exp, tanh, log, ... by polynomials instead of libm";
  let description = [{
    MLIR's polynomial approximations (within a few ulp of libm's float
    functions) replace the math ops libm would compute one call per
    element; the loops around them then vectorize (GELU's erf, softmax's
    exp, tanh).
  }];
  let dependentDialects = ["::mlir::math::MathDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::vector::VectorDialect"];
}

def VectorizeElementwise : Pass<"pd-cpu-vectorize-elementwise"> {
  let summary = "Tile elementwise linalg.generic ops along their contiguous dim and vectorize the tiles";
  let description = [{
    An elementwise linalg.generic (parallel loops only, arith and math in
    its body) whose innermost loop is a static multiple of 8 or 16 long and
    runs along the last dim of every operand that reads it, as an NHWC
    tensor's channels do, is tiled in [1, ..., 1, V] tiles (V = 16, or 8)
    and each tile vectorized: one load per operand and one store per V
    elements. Left to LLVM, a short static innermost loop (16 channels) is
    unrolled, and the loop around it vectorized with gathers and scatters:
    mobilenet_v3_small's squeeze-excitation product over 56x56x16 took
    ~25 us so. Ops whose innermost loop is dynamic or transposes stay as
    they are.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::affine::AffineDialect"];
}

#endif // PD_CODEGEN_CPU_PASSES_TD

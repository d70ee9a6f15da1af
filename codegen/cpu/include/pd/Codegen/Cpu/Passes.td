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
    each with its location, and nothing is rewritten.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
  ];
}

#endif // PD_CODEGEN_CPU_PASSES_TD

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

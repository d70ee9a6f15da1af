//===- PdDialect.td - the pd dialect ----------------------------*- tablegen -*-===//
//
// The `pd` dialect models a PaddlePaddle program: one op per Paddle op type,
// operands and results named after Paddle's slots, attributes typed as Paddle
// stores them.
//
//===----------------------------------------------------------------------===//
#ifndef PD_DIALECT_TD
#define PD_DIALECT_TD

include "mlir/IR/OpBase.td"

def Pd_Dialect : Dialect {
  let name = "pd";
  let cppNamespace = "::pd";
  let summary = "PaddlePaddle programs and parameters";
  let description = [{
    A Paddle model is a module: one `func.func` per saved method, module-level
    `pd.parameter` symbols whose data is a resource blob mapped from the
    parameter file, and ops named after Paddle op types. Everything a Paddle
    file holds that has no meaning of its own (variable declarations, slot and
    attribute order) is kept in `pd.vars` and `pd.wire` attributes so that an
    imported model is written back byte for byte.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    /// Discardable attribute names the dialect owns.
    static constexpr llvm::StringLiteral kVarsAttrName = "pd.vars";
    static constexpr llvm::StringLiteral kNamesAttrName = "pd.names";
    static constexpr llvm::StringLiteral kWireAttrName = "pd.wire";
    static constexpr llvm::StringLiteral kNameArgAttrName = "pd.name";
    static constexpr llvm::StringLiteral kProgramVersionAttrName = "pd.version";
    static constexpr llvm::StringLiteral kOpVersionMapAttrName = "pd.op_version_map";
    static constexpr llvm::StringLiteral kSourceAttrName = "pd.source";
    static constexpr llvm::StringLiteral kBlockAttrName = "pd.block";
    /// In a `pd.wire` record (an op's, a function's for its program), a
    /// sub-block's info, `pd.block` and a variable's fields: the message's
    /// fields pd's schema does not know, `{path: bytes}`, written back where
    /// they were.
    static constexpr llvm::StringLiteral kUnknownFieldsKey = "unknown";
    /// A Paddle 3 PIR program's record: base_code on the module, each op's
    /// JSON (attributes, result types) on the op.
    static constexpr llvm::StringLiteral kPirAttrName = "pd.pir";
    /// In an op's PIR record: the positions of its null (absent optional)
    /// inputs, `{"%": 0}` in the file.
    static constexpr llvm::StringLiteral kPirNullsKey = "nulls";
    /// The variables of `.pdiparams.info`, in the file's order.
    static constexpr llvm::StringLiteral kParamsInfoAttrName = "pd.params_info";
  }];
}

class Pd_Op<string mnemonic, list<Trait> traits = []>
    : Op<Pd_Dialect, mnemonic, traits>;

#endif // PD_DIALECT_TD

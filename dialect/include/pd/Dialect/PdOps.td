//===- PdOps.td - pd structural ops -----------------------------*- tablegen -*-===//
//
// Ops that are not Paddle op types: parameters, their reads, and the generic
// op that keeps any Paddle op the table does not know.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_TD
#define PD_OPS_TD

include "pd/Dialect/PdAttrsAndTypes.td"
include "pd/Dialect/PaddleOps.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Pd_ParameterOp : Pd_Op<"parameter", [Symbol]> {
  let summary = "a persistable variable of the model and its data";
  let description = [{
    One module-level symbol per persistable variable the parameter file holds.
    `value`, when present, is a `dense_resource` blob that points into the
    mapped parameter file: importing copies no parameter bytes. `lod` keeps
    the LoD offsets of a tensor record that has them (parameters normally do
    not). `structured_name`, `trainable` and `stop_gradient` come from
    `.pdiparams.info` or a state dict's name table when known.

    ```mlir
    pd.parameter @"linear_0.w_0" : tensor<784x10xf32> = dense_resource<linear_0.w_0>
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttr:$type,
                       OptionalAttr<ElementsAttr>:$value,
                       OptionalAttr<ArrayAttr>:$lod,
                       OptionalAttr<StrAttr>:$structured_name,
                       OptionalAttr<BoolAttr>:$trainable,
                       OptionalAttr<BoolAttr>:$stop_gradient);
  let assemblyFormat = "$sym_name `:` $type (`=` $value^)? attr-dict";
  let hasVerifier = 1;
}

def Pd_GetParameterOp : Pd_Op<"get_parameter",
    [Pure, DeclareOpInterfaceMethods<SymbolUserOpInterface>,
     DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "reads a parameter in a function";
  let arguments = (ins FlatSymbolRefAttr:$name);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$name attr-dict `:` type($result)";
}

def Pd_GenericOp : Pd_Op<"generic", [NoTerminator,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "a Paddle op the dialect has no typed definition for";
  let description = [{
    Keeps any Paddle op losslessly: its `type`, input and output slot names
    with the number of variables in each (in file order), its Paddle
    attributes (`attrs`, typed as the typed ops type them) and its sub-blocks
    as regions. Custom operators and rare ops land here; backends that cannot
    compile them list them all in one error.

    ```mlir
    %y = "pd.generic"(%x) <{type = "gap", inputs = ["X"],
        input_sizes = array<i32: 1>, outputs = ["Out"],
        output_sizes = array<i32: 1>, attrs = {test_attr2 = 1 : i32}}>
        : (tensor<?x8x4x4xf32>) -> tensor<?x8xf32>
    ```
  }];
  let arguments = (ins StrAttr:$type, StrArrayAttr:$inputs,
                       DenseI32ArrayAttr:$input_sizes, StrArrayAttr:$outputs,
                       DenseI32ArrayAttr:$output_sizes, DictionaryAttr:$attrs,
                       Variadic<AnyType>:$operands_);
  let results = (outs Variadic<AnyType>:$results_);
  let regions = (region VariadicRegion<AnyRegion>:$blocks);
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The operands of input slot `slot` (empty when the op has none).
    ::mlir::OperandRange getSlotOperands(::llvm::StringRef slot);
  }];
}

#endif // PD_OPS_TD

//===- PdAttrsAndTypes.td - pd attributes and types -------------*- tablegen -*-===//
#ifndef PD_ATTRS_AND_TYPES_TD
#define PD_ATTRS_AND_TYPES_TD

include "pd/Dialect/PdDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

def Pd_ObjectType : TypeDef<Pd_Dialect, "Object"> {
  let mnemonic = "object";
  let summary = "a Paddle variable that is not a dense tensor";
  let description = [{
    Paddle variables of kinds other than LOD_TENSOR/DENSE_TENSOR: tensor
    arrays, selected rows, step scopes, readers, raw objects. `kind` is the
    `VarType.Type` name; `element` is the tensor type described by the
    variable where the kind has one (tensor arrays, selected rows).

    Example: `!pd.object<"LOD_TENSOR_ARRAY", tensor<?x8xf32>>`
  }];
  let parameters = (ins StringRefParameter<"VarType.Type name">:$kind,
                        OptionalParameter<"::mlir::Type">:$element);
  let assemblyFormat = "`<` $kind (`,` $element^)? `>`";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

def Pd_VarAttr : AttrDef<Pd_Dialect, "Var"> {
  let mnemonic = "var";
  let summary = "one Paddle VarDesc of a block's variable table";
  let description = [{
    `type` is the variable's value type (`tensor<...>` for dense tensors,
    `!pd.object<...>` otherwise, `none` for the feed/fetch holders, whose
    kind is then given by `kind`). `fields` holds the VarDesc fields exactly
    as present in the file (presence matters for byte-exact export):
    `persistable`, `need_check_feed`, `is_parameter`, `stop_gradient`
    (bool), `lod_level` (i32), `kind` (i32 VarType.Type where the type does not
    imply it), `attrs` (VarDesc.Attr list).

    Example: `#pd.var<"x" : tensor<?x13xf32>, {lod_level = 0 : i32, persistable = false}>`
  }];
  let parameters = (ins StringRefParameter<"variable name">:$name,
                        "::mlir::Type":$type,
                        OptionalParameter<"::mlir::DictionaryAttr">:$fields);
  let assemblyFormat = "`<` $name `:` $type (`,` $fields^)? `>`";
}

#endif // PD_ATTRS_AND_TYPES_TD

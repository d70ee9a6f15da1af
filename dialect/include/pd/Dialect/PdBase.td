//===- PdBase.td - building blocks of Paddle ops ----------------*- tablegen -*-===//
//
// Attribute kinds as Paddle stores them (AttrType), and the class every typed
// Paddle op derives from. pd-tblgen reads these definitions to emit the
// slot/attribute table that the importer and the exporter share.
//
//===----------------------------------------------------------------------===//
#ifndef PD_BASE_TD
#define PD_BASE_TD

include "pd/Dialect/PdDialect.td"
include "pd/Dialect/PdInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/CommonAttrConstraints.td"

// Paddle attribute kinds (OpDesc.Attr.type). Every Paddle attribute is
// optional in a file: Paddle fills in defaults at run time, and an absent
// attribute must stay absent for a byte-exact round trip.
class Pd_AttrKind<Attr storage, string paddleType>
    : OptionalAttr<storage> {
  string pdAttrType = paddleType;
}
def Pd_INT      : Pd_AttrKind<I32Attr, "INT">;
def Pd_LONG     : Pd_AttrKind<I64Attr, "LONG">;
def Pd_FLOAT    : Pd_AttrKind<F32Attr, "FLOAT">;
def Pd_FLOAT64  : Pd_AttrKind<F64Attr, "FLOAT64">;
def Pd_STRING   : Pd_AttrKind<StrAttr, "STRING">;
def Pd_BOOLEAN  : Pd_AttrKind<BoolAttr, "BOOLEAN">;
def Pd_INTS     : Pd_AttrKind<DenseI32ArrayAttr, "INTS">;
def Pd_LONGS    : Pd_AttrKind<DenseI64ArrayAttr, "LONGS">;
def Pd_FLOATS   : Pd_AttrKind<DenseF32ArrayAttr, "FLOATS">;
def Pd_FLOAT64S : Pd_AttrKind<DenseF64ArrayAttr, "FLOAT64S">;
def Pd_BOOLEANS : Pd_AttrKind<DenseBoolArrayAttr, "BOOLEANS">;
def Pd_STRINGS  : Pd_AttrKind<StrArrayAttr, "STRINGS">;
// A list of Paddle Scalars, each a dictionary {type, b | i | r | c}.
def Pd_SCALARS  : Pd_AttrKind<ArrayAttr, "SCALARS">;

// Attributes that Paddle adds to every op (OpProtoAndCheckerMaker). They carry
// no semantics but are kept so that export is lossless. `op_callstack` is not
// here: it becomes the op's location.
defvar Pd_CommonAttrs = (ins
  Pd_INT:$op_role,
  Pd_STRINGS:$op_role_var,
  Pd_STRING:$op_namescope,
  Pd_STRING:$op_device,
  Pd_BOOLEAN:$with_quant_attr
);

// Operand and result kinds for Paddle slots. A slot holds a list of variable
// names: exactly one (plain), zero or one (Optional, "dispensable"), or any
// number (Variadic, "duplicable").
//
// A slot whose name differs from an attribute's only in case (reshape2 has
// slot `Shape` and attribute `shape`) would give both the same C++ accessor;
// such a slot is spelled with a trailing underscore (`$Shape_`), which the
// op table drops again.
defvar Pd_Tensor = AnyTensor;
defvar Pd_AnyVar = AnyType;

// Another PIR op that is the same Paddle op (pd_op.split_with_num for
// split), read with its own operand slots, renames and defaults.
class Pd_PirForm<string name, list<string> operands, list<string> attrs = [],
                 list<string> defaults = []> {
  string pirName = name;
  list<string> pirOperands = operands;
  list<string> pirAttrs = attrs;
  list<string> pirDefaults = defaults;
}

// A typed Paddle op: `pd.<paddle type>`. `slots` are the input slots,
// `attrs` the Paddle attributes the op defines, `outs` the output slots.
// Result variable names live in the `pd.names` attribute and print as SSA
// names. `shapeRule` is the body of the op's shape inference: C++ that fills
// `resultTypes`, mostly a call of a rule in pd/Dialect/ShapeRules.h.
class Pd_PaddleOp<string paddleType, dag slots, dag attrs, dag outs,
                  list<Trait> traits = []>
    : Pd_Op<paddleType, traits # [
        DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>,
        DeclareOpInterfaceMethods<Pd_ShapeInferenceOpInterface>]> {
  string pdType = paddleType;
  code shapeRule = ?;
  // The PIR op this one is (Paddle 3, "pd_op.matmul"), and how to read it:
  // `pirOperands` gives, per PIR operand, the slot it fills, or "=attr" for
  // a constant operand (a full_int_array's IntArray, a full's scalar) that
  // is attribute `attr` here;
  // `pirAttrs` renames ("paddle_name=pir_name"); `pirDefaults` sets
  // attributes PIR does not have: a number ("axis=-1") or the VarType code
  // of an input slot's element type ("in_dtype=dtype(X)").
  string pirName = "";
  list<string> pirOperands = [];
  list<string> pirAttrs = [];
  list<string> pirDefaults = [];
  // Outputs that update an input in place ("MeanOut=Mean"): the output
  // variable is the input's, as Paddle's ProgramDesc requires.
  list<string> pirInplace = [];
  // Other PIR ops that raise to this one.
  list<Pd_PirForm> pirForms = [];
  let arguments = !con(slots, attrs, Pd_CommonAttrs);
  let results = outs;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let extraClassDefinition = [{
    void $cppClass::getAsmResultNames(::mlir::OpAsmSetValueNameFn setNameFn) {
      ::pd::nameResultsAfterVariables(getOperation(), setNameFn);
    }
    ::mlir::LogicalResult $cppClass::inferResultTypes(
        ::llvm::SmallVectorImpl<::mlir::Type> &resultTypes) {
      using namespace ::pd::shape;
  }] # shapeRule # [{
    }
  }];
}

// Ops some of whose result dims depend on the data (an NMS's kept rows):
// shape inference keeps their computed dynamic dims over the dims the
// program declared (Paddle declares matrix_nms's rows as the box count).
def Pd_DataDependentShape : NativeOpTrait<"DataDependentShape"> {
  let cppNamespace = "::pd::trait";
}

// Ops whose declared result dims Paddle gets wrong when an input dim is
// unknown: shape inference keeps their computed dims too (conv2d_transpose
// declares -1 + output_padding, a 0 or a plausible small size).
def Pd_ComputedShapeWins : NativeOpTrait<"ComputedShapeWins"> {
  let cppNamespace = "::pd::trait";
}

// Ops whose results have the type of their first operand.
defvar Pd_SameAsX = [{ return sameAsOperand(*this, 0, resultTypes); }];

// Ops with one input `X` and one output `Out`.
class Pd_UnaryOp<string paddleType, dag attrs = (ins), list<Trait> traits = []>
    : Pd_PaddleOp<paddleType, (ins Pd_Tensor:$X), attrs, (outs Pd_Tensor:$Out),
                  traits> {
  let shapeRule = Pd_SameAsX;
}

// Ops with inputs `X`, `Y` and output `Out`.
class Pd_BinaryOp<string paddleType, dag attrs = (ins), list<Trait> traits = []>
    : Pd_PaddleOp<paddleType, (ins Pd_Tensor:$X, Pd_Tensor:$Y), attrs,
                  (outs Pd_Tensor:$Out), traits>;

#endif // PD_BASE_TD

//===- OpTable.h - Paddle slots and attributes of typed pd ops --*- C++ -*-===//
//
// The table pd-tblgen generates from PaddleOps.td: for each Paddle op type the
// dialect knows, its input and output slots in operand/result order and its
// attributes with the AttrType Paddle stores them as.
//
//===----------------------------------------------------------------------===//
#ifndef PD_DIALECT_OPTABLE_H
#define PD_DIALECT_OPTABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace pd {

/// How many variables a Paddle slot holds.
enum class SlotArity : uint8_t { Single, Optional, Variadic };

/// OpDesc.Attr.type, numbered as in framework.proto.
enum class AttrType : uint8_t {
  INT = 0, FLOAT = 1, STRING = 2, INTS = 3, FLOATS = 4, STRINGS = 5,
  BOOLEAN = 6, BOOLEANS = 7, BLOCK = 8, LONG = 9, BLOCKS = 10, LONGS = 11,
  FLOAT64S = 12, VAR = 13, VARS = 14, FLOAT64 = 15, SCALAR = 16, SCALARS = 17,
};

struct SlotSchema {
  llvm::StringLiteral name;
  SlotArity arity;
};

struct AttrSchema {
  llvm::StringLiteral name;
  AttrType type;
};

/// How the PIR op (Paddle 3) of a typed op reads (PaddleOps.td's pir*).
struct PirSchema {
  llvm::StringLiteral name;
  /// Per PIR operand: a slot, or "=attr" for an IntArray attribute operand.
  llvm::ArrayRef<llvm::StringLiteral> operands;
  /// "paddle_name=pir_name".
  llvm::ArrayRef<llvm::StringLiteral> attrRenames;
  /// "attr=value" for attributes PIR does not have.
  llvm::ArrayRef<llvm::StringLiteral> defaults;
  /// "OutSlot=InSlot": the output updates the input's variable in place.
  llvm::ArrayRef<llvm::StringLiteral> inplace;
};

struct OpSchema {
  llvm::StringLiteral paddleType;
  llvm::StringLiteral opName;
  /// The shape rule the op's inference calls (pd/Dialect/ShapeRules.h).
  llvm::StringLiteral shapeRule;
  llvm::ArrayRef<SlotSchema> inputs;
  llvm::ArrayRef<SlotSchema> outputs;
  llvm::ArrayRef<AttrSchema> attrs;
  PirSchema pir;

  const AttrSchema *findAttr(llvm::StringRef name) const;
};

/// Every typed op's schema, sorted by Paddle type.
llvm::ArrayRef<OpSchema> allOpSchemas();

/// The PIR ops that raise to `schema`'s op: its `pirName`, then its other
/// forms.
llvm::SmallVector<llvm::StringRef> pirNamesOf(const OpSchema &schema);

/// The schema of Paddle op type `paddleType`, or null if the dialect has no
/// typed op for it.
const OpSchema *lookupOpSchema(llvm::StringRef paddleType);

/// The schema of the typed op named `opName` (e.g. "pd.conv2d"), or null.
const OpSchema *lookupOpSchemaByOpName(llvm::StringRef opName);

/// A PIR op type and the typed op it raises to.
struct PirMapping {
  const OpSchema *op = nullptr;
  /// How to read the PIR op: `op->pir`, or another form of the same op.
  const PirSchema *pir = nullptr;
  explicit operator bool() const { return op; }
};

/// The typed op PIR op `pirName` ("pd_op.matmul", "pd_op.split_with_num")
/// raises to, and how; empty if none.
PirMapping lookupPirMapping(llvm::StringRef pirName);

} // namespace pd

#endif // PD_DIALECT_OPTABLE_H

//===- PaddleTypes.h - Paddle type codes in the pd dialect ------*- C++ -*-===//
//
// How Paddle's VarType.Type codes and attribute kinds map onto MLIR types and
// attributes. The importer and the exporter both use these, so the mapping
// exists once.
//
//===----------------------------------------------------------------------===//
#ifndef PD_DIALECT_PADDLETYPES_H
#define PD_DIALECT_PADDLETYPES_H

#include "pd/Dialect/OpTable.h"

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace pd {

/// VarType.Type codes that are not element types (FORMATS.md 1.2).
enum VarKind : int32_t {
  kLodTensor = 7,
  kSelectedRows = 8,
  kFeedMinibatch = 9,
  kFetchList = 10,
  kLodTensorArray = 13,
  kReader = 15,
  kRaw = 17,
};

/// The MLIR element type of Paddle data type `code`, or null.
mlir::Type elementTypeFromPaddle(mlir::MLIRContext *context, int32_t code);

/// The Paddle data type code of MLIR element type `type`.
std::optional<int32_t> paddleDataTypeOf(mlir::Type type);

/// VarType.Type name of `code` ("LOD_TENSOR_ARRAY"), or empty when unknown.
llvm::StringRef varKindName(int32_t code);
std::optional<int32_t> varKindCode(llvm::StringRef name);

/// The Paddle attribute kind an MLIR attribute stands for when nothing says
/// otherwise: i32 INT, i64 LONG, f32 FLOAT, f64 FLOAT64, string STRING, bool
/// BOOLEAN, array<i32> INTS, array<i64> LONGS, array<f32> FLOATS,
/// array<f64> FLOAT64S, array<i1> BOOLEANS, [strings] STRINGS,
/// index BLOCK, [index] BLOCKS, @var VAR, [@vars] VARS, {scalar} SCALAR,
/// [{scalar}] SCALARS. An empty array is STRINGS.
std::optional<AttrType> inferAttrType(mlir::Attribute attr);

/// The numbers an integer-like attribute holds (i1/i32/i64 scalars, i32/i64/
/// bool arrays), so an attribute can be read as any integer kind. Scalars give
/// one element; `index` (block references) and other attributes give none.
std::optional<llvm::SmallVector<int64_t>> integerValues(mlir::Attribute attr);

/// The same for float-like attributes (f32/f64 scalars and arrays).
std::optional<llvm::SmallVector<double>> floatValues(mlir::Attribute attr);

/// `attr` converted to kind `to` when that loses nothing (an old file's INT
/// `is_test` where the op table says BOOLEAN, PIR's i64 strides where
/// Paddle's ProgramDesc has INTS); null otherwise.
mlir::Attribute coerceAttribute(mlir::Attribute attr, AttrType to);

/// True when a concrete tensor's `dims` fit `type`: the same rank, and every
/// static dim of `type` equal (a dynamic one takes any size).
bool dimsFit(mlir::RankedTensorType type, llvm::ArrayRef<int64_t> dims);

/// True when the static dims of a shape read from a file (dynamic ones
/// skipped) multiply to at most 2^62 elements: every size pd computes from it
/// then fits 64 bits, in elements and in bytes.
bool staticSizeFits(llvm::ArrayRef<int64_t> shape);

/// A shape as Paddle writes it: a dynamic dim is -1.
llvm::SmallVector<int64_t> paddleDims(llvm::ArrayRef<int64_t> shape);

} // namespace pd

#endif // PD_DIALECT_PADDLETYPES_H

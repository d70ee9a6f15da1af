//===- JsonAttributes.h - JSON values as MLIR attributes --------*- C++ -*-===//
//
// A lossless encoding of JSON in MLIR attributes, for the parts of a Paddle 3
// PIR program the dialect keeps as recorded data (`pd.pir`): objects are
// dictionaries, arrays arrays, strings strings, booleans `true`/`false`,
// integers i64, other numbers f64, null a unit attribute.
//
//===----------------------------------------------------------------------===//
#ifndef PD_DIALECT_JSONATTRIBUTES_H
#define PD_DIALECT_JSONATTRIBUTES_H

#include "mlir/IR/Attributes.h"
#include "llvm/Support/JSON.h"

namespace pd {

mlir::Attribute attributeFromJson(mlir::MLIRContext *context,
                                  const llvm::json::Value &value);

/// The JSON an attribute of this encoding stands for; none for attributes
/// outside it.
std::optional<llvm::json::Value> jsonFromAttribute(mlir::Attribute attr);

} // namespace pd

#endif // PD_DIALECT_JSONATTRIBUTES_H

//===- JsonAttributes.h - JSON values as MLIR attributes --------*- C++ -*-===//
//
// A lossless encoding of JSON in MLIR attributes, for Paddle 3 PIR programs
// and the parts of them the dialect keeps as recorded data (`pd.pir`):
// objects are dictionaries (keys sorted byte-wise, as Paddle's writer sorts
// them), arrays arrays, strings strings, booleans `true`/`false`, integers
// i64 (ui64 above INT64_MAX), numbers written with a fraction or exponent
// f64, and null a unit attribute. Integers and floats stay apart, so `1` and
// `1.0` come back as they were read.
//
//===----------------------------------------------------------------------===//
#ifndef PD_DIALECT_JSONATTRIBUTES_H
#define PD_DIALECT_JSONATTRIBUTES_H

#include "mlir/IR/Attributes.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace pd {

/// Parses JSON text (RFC 8259, UTF-8) into the encoding. Nesting deeper than
/// `maxDepth` arrays and objects, a duplicate key, invalid UTF-8 or trailing
/// text is an error; errors read `[line:column, byte=N]: what`.
llvm::Expected<mlir::Attribute> parseJsonAttribute(mlir::MLIRContext *context,
                                                   llvm::StringRef text,
                                                   unsigned maxDepth = 256);

/// Writes an attribute of the encoding as compact JSON, byte for byte as
/// Paddle's writer (nlohmann::json::dump()) does: no spaces, keys in byte
/// order, floats in their shortest round-trip digits with nlohmann's
/// notation (`0.0`, `0.25`, `1e-05`). Fails on attributes outside the
/// encoding.
llvm::Error printJsonAttribute(mlir::Attribute attr, llvm::raw_ostream &os);

/// The value of a JSON integer of the encoding (not a boolean, not a ui64
/// above INT64_MAX); none for anything else.
std::optional<int64_t> jsonInteger(mlir::Attribute attr);

} // namespace pd

#endif // PD_DIALECT_JSONATTRIBUTES_H

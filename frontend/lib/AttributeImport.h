//===- AttributeImport.h - Paddle attributes as MLIR attributes -*- C++ -*-===//
//
// How each Paddle AttrType becomes an MLIR attribute (the inverse of
// pd::inferAttrType): INT -> i32, LONG -> i64, INTS -> array<i32>, VAR ->
// @name, SCALAR -> {type, b/i/r/c}, ...; BLOCK and BLOCKS are the importer's
// (sub-blocks become regions).
//
//===----------------------------------------------------------------------===//
#ifndef PD_FRONTEND_LIB_ATTRIBUTEIMPORT_H
#define PD_FRONTEND_LIB_ATTRIBUTEIMPORT_H

#include "pd/Dialect/OpTable.h"
#include "pd/Frontend/ProgramDesc.h"

#include "mlir/IR/Attributes.h"
#include "mlir/IR/Builders.h"

namespace pd::detail {

/// The attribute `attr` holds, as its AttrType says; errors name `fileName`.
llvm::Expected<mlir::Attribute>
importAttribute(mlir::Builder &b, const proto::OpDesc::Attr &attr,
                llvm::StringRef fileName);

} // namespace pd::detail

#endif // PD_FRONTEND_LIB_ATTRIBUTEIMPORT_H

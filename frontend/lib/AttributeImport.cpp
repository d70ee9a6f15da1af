//===- AttributeImport.cpp - Paddle attributes as MLIR attributes -----------===//

#include "AttributeImport.h"

#include "pd/Dialect/PaddleTypes.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace pd;
using llvm::Expected;
using llvm::formatv;

static Attribute importScalar(Builder &b, const proto::Scalar &s) {
  SmallVector<NamedAttribute> fields{
      b.getNamedAttr("type", b.getI32IntegerAttr(s.type()))};
  if (s.has_b())
    fields.push_back(b.getNamedAttr("b", b.getBoolAttr(s.b())));
  if (s.has_i())
    fields.push_back(b.getNamedAttr("i", b.getI64IntegerAttr(s.i())));
  if (s.has_r())
    fields.push_back(b.getNamedAttr("r", b.getF64FloatAttr(s.r())));
  if (s.has_c())
    fields.push_back(b.getNamedAttr(
        "c", b.getDenseF64ArrayAttr({s.c().r(), s.c().i()})));
  return b.getDictionaryAttr(fields);
}

Expected<Attribute> pd::detail::importAttribute(Builder &b,
                                               const proto::OpDesc::Attr &a,
                                               StringRef fileName) {
  MLIRContext *ctx = b.getContext();
  switch (a.type()) {
  case proto::INT:
    return b.getI32IntegerAttr(a.i());
  case proto::FLOAT:
    return b.getF32FloatAttr(a.f());
  case proto::STRING:
    return b.getStringAttr(a.s());
  case proto::INTS:
    return b.getDenseI32ArrayAttr(llvm::to_vector(a.ints()));
  case proto::FLOATS:
    return b.getDenseF32ArrayAttr(llvm::to_vector(a.floats()));
  case proto::STRINGS:
    return b.getStrArrayAttr(llvm::to_vector_of<StringRef>(a.strings()));
  case proto::BOOLEAN:
    return b.getBoolAttr(a.b());
  case proto::BOOLEANS:
    return b.getDenseBoolArrayAttr(llvm::to_vector(a.bools()));
  case proto::LONG:
    return b.getI64IntegerAttr(a.l());
  case proto::LONGS:
    return b.getDenseI64ArrayAttr(llvm::to_vector(a.longs()));
  case proto::FLOAT64S:
    return b.getDenseF64ArrayAttr(llvm::to_vector(a.float64s()));
  case proto::FLOAT64:
    return b.getF64FloatAttr(a.float64());
  case proto::VAR:
    return FlatSymbolRefAttr::get(ctx, a.var_name());
  case proto::VARS: {
    SmallVector<Attribute> vars;
    for (const std::string &v : a.vars_name())
      vars.push_back(FlatSymbolRefAttr::get(ctx, v));
    return b.getArrayAttr(vars);
  }
  case proto::SCALAR:
    return importScalar(b, a.scalar());
  case proto::SCALARS: {
    SmallVector<Attribute> scalars;
    for (const proto::Scalar &s : a.scalars())
      scalars.push_back(importScalar(b, s));
    return b.getArrayAttr(scalars);
  }
  case proto::BLOCK:
  case proto::BLOCKS:
    break; // handled by the caller: sub-blocks become regions
  }
  return makeFileError(fileName, formatv("attribute '{0}' has unknown type {1}",
                                         a.name(), int(a.type())));
}

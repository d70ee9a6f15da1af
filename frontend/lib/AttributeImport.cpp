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

Attribute pd::detail::coerceAttribute(Builder &b, Attribute attr, AttrType to) {
  // Scalars and arrays are not interchangeable: an INT never becomes INTS.
  bool isArray = isa<DenseArrayAttr>(attr);
  std::optional<SmallVector<int64_t>> ints = integerValues(attr);
  std::optional<int64_t> scalar;
  if (ints && !isArray)
    scalar = (*ints)[0];
  std::optional<SmallVector<int64_t>> array;
  if (ints && isArray)
    array = ints;
  auto fitsI32 = [](int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; };
  switch (to) {
  case AttrType::INT:
    if (scalar && fitsI32(*scalar))
      return b.getI32IntegerAttr(*scalar);
    break;
  case AttrType::LONG:
    if (scalar)
      return b.getI64IntegerAttr(*scalar);
    break;
  case AttrType::BOOLEAN:
    if (scalar && (*scalar == 0 || *scalar == 1))
      return b.getBoolAttr(*scalar);
    break;
  case AttrType::FLOAT:
    if (auto f = dyn_cast<FloatAttr>(attr)) {
      float narrow = float(f.getValueAsDouble());
      if (double(narrow) == f.getValueAsDouble())
        return b.getF32FloatAttr(narrow);
    }
    break;
  case AttrType::FLOAT64:
    if (auto f = dyn_cast<FloatAttr>(attr))
      return b.getF64FloatAttr(f.getValueAsDouble());
    break;
  case AttrType::INTS:
    if (array && llvm::all_of(*array, fitsI32))
      return b.getDenseI32ArrayAttr(
          SmallVector<int32_t>(array->begin(), array->end()));
    break;
  case AttrType::LONGS:
    if (array)
      return b.getDenseI64ArrayAttr(*array);
    break;
  case AttrType::FLOAT64S:
    if (auto v = dyn_cast<DenseF32ArrayAttr>(attr))
      return b.getDenseF64ArrayAttr(
          SmallVector<double>(v.asArrayRef().begin(), v.asArrayRef().end()));
    break;
  default:
    break;
  }
  return nullptr;
}


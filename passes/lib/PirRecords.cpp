//===- PirRecords.cpp - reading the PIR records of imported ops -----------===//

#include "pd/Passes/PirRecords.h"

#include "pd/Dialect/JsonAttributes.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Runtime/TensorRecord.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace mlir;
using namespace pd;

StringRef pir::opType(Operation *op) {
  auto generic = dyn_cast<GenericOp>(op);
  return generic && op->hasAttr(PdDialect::kPirAttrName) ? generic.getType() : StringRef();
}

SmallVector<Value> pir::operands(Operation *op) {
  SmallVector<Value> result(op->getOperands());
  auto record = op->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  auto nulls = record ? record.getAs<DenseI32ArrayAttr>(PdDialect::kPirNullsKey)
                      : DenseI32ArrayAttr();
  if (nulls)
    for (int32_t position : nulls.asArrayRef()) // ascending
      if (position >= 0 && size_t(position) <= result.size())
        result.insert(result.begin() + position, Value());
  return result;
}

Attribute pir::convertAttribute(MLIRContext *ctx, DictionaryAttr value) {
  Builder b(ctx);
  auto kind = value.getAs<StringAttr>("#");
  Attribute data = value.get("D");
  StringRef k = kind ? kind.getValue() : StringRef();
  // Paddle writes a float that JSON cannot hold as "VD" (void data):
  // "INF", "-INF" or "NaN".
  if (auto special = value.getAs<StringAttr>("VD");
      special && !data && (k == "0.a_f32" || k == "0.a_f64")) {
    std::optional<double> v =
        llvm::StringSwitch<std::optional<double>>(special.getValue())
            .Case("INF", INFINITY)
            .Case("-INF", -INFINITY)
            .Case("NaN", NAN)
            .Default(std::nullopt);
    if (!v)
      return nullptr;
    return k == "0.a_f32" ? Attribute(b.getF32FloatAttr(float(*v)))
                          : Attribute(b.getF64FloatAttr(*v));
  }
  if (!kind || !data)
    return nullptr;
  if ((k == "0.a_bool" && isa<BoolAttr>(data)) ||
      (k == "0.a_str" && isa<StringAttr>(data)))
    return data;
  if (k == "0.a_i32")
    if (std::optional<int64_t> i = jsonInteger(data))
      return b.getI32IntegerAttr(*i);
  if (k == "0.a_i64")
    if (std::optional<int64_t> i = jsonInteger(data))
      return b.getI64IntegerAttr(*i);
  if (k == "0.a_f32" || k == "0.a_f64") {
    double v = 0;
    if (auto f = dyn_cast<FloatAttr>(data))
      v = f.getValueAsDouble();
    else if (std::optional<int64_t> i = jsonInteger(data))
      v = double(*i);
    else
      return nullptr;
    return k == "0.a_f32" ? Attribute(b.getF32FloatAttr(float(v)))
                          : Attribute(b.getF64FloatAttr(v));
  }
  if (k == "1.a_dtype") { // a VarType code, as the ProgramDesc ops' dtype
    auto name = dyn_cast<StringAttr>(data);
    // No dtype given (sum's): ProgramDesc's -1, "the input's".
    if (name && name.getValue() == "Undefined(ALL_DTYPE)")
      return b.getI32IntegerAttr(-1);
    if (name)
      if (auto code = runtime::dataTypeFromPythonName(name.str()))
        return b.getI32IntegerAttr(*code);
  }
  if (k == "1.a_intarray") {
    auto items = dyn_cast<ArrayAttr>(data);
    if (!items)
      return nullptr;
    SmallVector<int64_t> ints;
    for (Attribute a : items) {
      std::optional<int64_t> i = jsonInteger(a);
      if (!i)
        return nullptr;
      ints.push_back(*i);
    }
    return b.getDenseI64ArrayAttr(ints);
  }
  if (k == "0.a_array") {
    auto items = dyn_cast<ArrayAttr>(data);
    if (!items)
      return nullptr;
    SmallVector<Attribute> converted;
    for (Attribute item : items) {
      auto dict = dyn_cast<DictionaryAttr>(item);
      Attribute a = dict ? convertAttribute(ctx, dict) : nullptr;
      if (!a)
        return nullptr;
      converted.push_back(a);
    }
    if (converted.empty())
      return b.getDenseI32ArrayAttr({});
    if (llvm::all_of(converted, llvm::IsaPred<StringAttr>))
      return b.getArrayAttr(converted);
    if (llvm::all_of(converted, llvm::IsaPred<BoolAttr>)) {
      SmallVector<bool> v;
      for (Attribute a : converted)
        v.push_back(cast<BoolAttr>(a).getValue());
      return b.getDenseBoolArrayAttr(v);
    }
    if (llvm::all_of(converted, llvm::IsaPred<IntegerAttr>)) {
      SmallVector<int64_t> v;
      for (Attribute a : converted)
        v.push_back(cast<IntegerAttr>(a).getInt());
      return b.getDenseI64ArrayAttr(v);
    }
    if (llvm::all_of(converted, llvm::IsaPred<FloatAttr>)) {
      SmallVector<double> v;
      for (Attribute a : converted)
        v.push_back(cast<FloatAttr>(a).getValueAsDouble());
      return b.getDenseF64ArrayAttr(v);
    }
  }
  return nullptr;
}

llvm::StringMap<Attribute> pir::attributes(Operation *op) {
  llvm::StringMap<Attribute> attrs;
  auto record = op->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  auto list = record ? record.getAs<ArrayAttr>("A") : nullptr;
  if (!list)
    return attrs;
  for (Attribute entry : list) {
    auto dict = dyn_cast<DictionaryAttr>(entry);
    auto name = dict ? dict.getAs<StringAttr>("N") : nullptr;
    auto value = dict ? dict.getAs<DictionaryAttr>("AT") : nullptr;
    // One pd cannot read is kept as null, for its users to refuse.
    if (name && value)
      attrs[name.getValue()] = convertAttribute(op->getContext(), value);
  }
  return attrs;
}

ArrayAttr pir::Namer::namesFor(Builder &b, StringRef type, unsigned count) {
  unsigned n = counters[type]++;
  SmallVector<Attribute> names;
  for (unsigned i = 0; i < count; ++i)
    names.push_back(b.getStringAttr(
        (type + "_" + llvm::Twine(n) + ".tmp_" + llvm::Twine(i)).str()));
  return b.getArrayAttr(names);
}

std::optional<SmallVector<Type>> pir::vectorResultTypes(Operation *op,
                                                        unsigned index) {
  auto record = op->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  auto results = record ? record.getAs<ArrayAttr>("O") : nullptr;
  if (!results || index >= results.size())
    return std::nullopt;
  auto result = dyn_cast<DictionaryAttr>(results[index]);
  auto type = result ? result.getAs<DictionaryAttr>("TT") : nullptr;
  auto kind = type ? type.getAs<StringAttr>("#") : nullptr;
  auto members = type ? type.getAs<ArrayAttr>("D") : nullptr;
  if (!kind || kind.getValue() != "0.t_vec" || !members)
    return std::nullopt;
  SmallVector<Type> types;
  for (Attribute member : members) {
    // {"#": "0.t_dtensor", "D": [{"#": element}, dims, layout, lod, offset]}
    auto tensor = dyn_cast<DictionaryAttr>(member);
    auto tensorKind = tensor ? tensor.getAs<StringAttr>("#") : nullptr;
    auto data = tensor ? tensor.getAs<ArrayAttr>("D") : nullptr;
    if (!tensorKind || tensorKind.getValue() != "0.t_dtensor" || !data ||
        data.size() < 2)
      return std::nullopt;
    auto element = dyn_cast<DictionaryAttr>(data[0]);
    auto elementName = element ? element.getAs<StringAttr>("#") : nullptr;
    auto dims = dyn_cast<ArrayAttr>(data[1]);
    std::optional<int32_t> code =
        elementName ? runtime::dataTypeFromPirElement(elementName.str())
                    : std::nullopt;
    Type elementType =
        code ? elementTypeFromPaddle(op->getContext(), *code) : Type();
    if (!elementType || !dims)
      return std::nullopt;
    SmallVector<int64_t> shape;
    for (Attribute d : dims) {
      std::optional<int64_t> dim = jsonInteger(d);
      if (!dim || *dim < -1)
        return std::nullopt;
      shape.push_back(*dim == -1 ? ShapedType::kDynamic : *dim);
    }
    types.push_back(RankedTensorType::get(shape, elementType));
  }
  return types;
}

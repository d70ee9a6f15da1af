//===- JsonAttributes.cpp - JSON values as MLIR attributes ------------------===//

#include "pd/Dialect/JsonAttributes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;

Attribute pd::attributeFromJson(MLIRContext *ctx, const llvm::json::Value &v) {
  Builder b(ctx);
  if (v.kind() == llvm::json::Value::Null)
    return b.getUnitAttr();
  if (auto flag = v.getAsBoolean())
    return b.getBoolAttr(*flag);
  if (auto i = v.getAsInteger())
    return b.getI64IntegerAttr(*i);
  if (auto d = v.getAsNumber())
    return b.getF64FloatAttr(*d);
  if (auto s = v.getAsString())
    return b.getStringAttr(*s);
  if (const llvm::json::Array *array = v.getAsArray()) {
    SmallVector<Attribute> items;
    for (const llvm::json::Value &item : *array)
      items.push_back(attributeFromJson(ctx, item));
    return b.getArrayAttr(items);
  }
  const llvm::json::Object *object = v.getAsObject();
  SmallVector<NamedAttribute> fields;
  for (const auto &[key, item] : *object)
    fields.push_back(b.getNamedAttr(key.str(), attributeFromJson(ctx, item)));
  return b.getDictionaryAttr(fields);
}

std::optional<llvm::json::Value> pd::jsonFromAttribute(Attribute attr) {
  if (isa<UnitAttr>(attr))
    return llvm::json::Value(nullptr);
  if (auto flag = dyn_cast<BoolAttr>(attr))
    return llvm::json::Value(flag.getValue());
  if (auto i = dyn_cast<IntegerAttr>(attr))
    return llvm::json::Value(i.getInt());
  if (auto f = dyn_cast<FloatAttr>(attr))
    return llvm::json::Value(f.getValueAsDouble());
  if (auto s = dyn_cast<StringAttr>(attr))
    return llvm::json::Value(s.str());
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    llvm::json::Array out;
    for (Attribute item : array) {
      auto json = jsonFromAttribute(item);
      if (!json)
        return std::nullopt;
      out.push_back(std::move(*json));
    }
    return llvm::json::Value(std::move(out));
  }
  if (auto dict = dyn_cast<DictionaryAttr>(attr)) {
    llvm::json::Object out;
    for (NamedAttribute field : dict) {
      auto json = jsonFromAttribute(field.getValue());
      if (!json)
        return std::nullopt;
      out[field.getName().str()] = std::move(*json);
    }
    return llvm::json::Value(std::move(out));
  }
  return std::nullopt;
}

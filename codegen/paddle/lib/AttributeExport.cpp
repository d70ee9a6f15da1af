//===- AttributeExport.cpp - MLIR attributes as Paddle attributes -----------===//

#include "AttributeExport.h"

#include "pd/Dialect/PaddleTypes.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace pd;

namespace {

/// An attribute read as integers (or floats), so it can be written as
/// whatever kind `pd.wire` says; an empty array is empty in any kind.
std::optional<SmallVector<int64_t>> integersOf(Attribute attr) {
  if (auto a = dyn_cast<ArrayAttr>(attr); a && a.empty())
    return SmallVector<int64_t>();
  return integerValues(attr);
}

std::optional<SmallVector<double>> floatsOf(Attribute attr) {
  if (auto a = dyn_cast<ArrayAttr>(attr); a && a.empty())
    return SmallVector<double>();
  return floatValues(attr);
}

/// Region numbers of a BLOCK (`N : index`) or BLOCKS (`[N : index, ...]`)
/// attribute.
std::optional<SmallVector<int64_t>> regionsOf(Attribute attr) {
  auto asRegion = [](Attribute a) -> std::optional<int64_t> {
    auto i = dyn_cast<IntegerAttr>(a);
    if (!i || !i.getType().isIndex())
      return std::nullopt;
    return i.getInt();
  };
  if (auto one = asRegion(attr))
    return SmallVector<int64_t>{*one};
  auto array = dyn_cast<ArrayAttr>(attr);
  if (!array)
    return std::nullopt;
  SmallVector<int64_t> regions;
  for (Attribute a : array) {
    auto region = asRegion(a);
    if (!region)
      return std::nullopt;
    regions.push_back(*region);
  }
  return regions;
}

std::optional<SmallVector<std::string>> stringsOf(Attribute attr) {
  auto array = dyn_cast<ArrayAttr>(attr);
  if (!array)
    return std::nullopt;
  SmallVector<std::string> out;
  for (Attribute a : array) {
    if (auto s = dyn_cast<StringAttr>(a))
      out.push_back(s.str());
    else if (auto ref = dyn_cast<FlatSymbolRefAttr>(a))
      out.push_back(ref.getValue().str());
    else
      return std::nullopt;
  }
  return out;
}

bool exportScalar(Attribute attr, proto::Scalar &out) {
  auto dict = dyn_cast<DictionaryAttr>(attr);
  auto type = dict ? dict.getAs<IntegerAttr>("type") : nullptr;
  if (!type || !proto::Scalar::Type_IsValid(type.getInt()))
    return false;
  out.set_type(proto::Scalar::Type(type.getInt()));
  if (auto v = dict.getAs<BoolAttr>("b"))
    out.set_b(v.getValue());
  if (auto v = dict.getAs<IntegerAttr>("i"))
    out.set_i(v.getInt());
  if (auto v = dict.getAs<FloatAttr>("r"))
    out.set_r(v.getValueAsDouble());
  if (auto v = dict.getAs<DenseF64ArrayAttr>("c"); v && v.size() == 2) {
    out.mutable_c()->set_r(v[0]);
    out.mutable_c()->set_i(v[1]);
  }
  return true;
}

} // namespace

bool pd::detail::exportAttribute(StringRef name, Attribute attr, AttrType type,
                                 ArrayRef<int32_t> blockIds,
                                 proto::OpDesc::Attr &out) {
  out.set_name(name.str());
  out.set_type(proto::AttrType(type));
  auto ints = integersOf(attr);
  auto floats = floatsOf(attr);
  auto one = [](const auto &v) { return v && v->size() == 1; };
  switch (type) {
  case AttrType::INT:
    if (!one(ints) || isa<ArrayAttr>(attr)) return false;
    out.set_i(int32_t((*ints)[0]));
    return true;
  case AttrType::LONG:
    if (!one(ints)) return false;
    out.set_l((*ints)[0]);
    return true;
  case AttrType::BOOLEAN:
    if (!one(ints)) return false;
    out.set_b((*ints)[0] != 0);
    return true;
  case AttrType::FLOAT:
    if (!one(floats)) return false;
    out.set_f(float((*floats)[0]));
    return true;
  case AttrType::FLOAT64:
    if (!one(floats)) return false;
    out.set_float64((*floats)[0]);
    return true;
  case AttrType::STRING:
    if (auto s = dyn_cast<StringAttr>(attr)) {
      out.set_s(s.str());
      return true;
    }
    return false;
  case AttrType::INTS:
    if (!ints) return false;
    for (int64_t v : *ints) out.add_ints(int32_t(v));
    return true;
  case AttrType::LONGS:
    if (!ints) return false;
    for (int64_t v : *ints) out.add_longs(v);
    return true;
  case AttrType::BOOLEANS:
    if (!ints) return false;
    for (int64_t v : *ints) out.add_bools(v != 0);
    return true;
  case AttrType::FLOATS:
    if (!floats) return false;
    for (double v : *floats) out.add_floats(float(v));
    return true;
  case AttrType::FLOAT64S:
    if (!floats) return false;
    for (double v : *floats) out.add_float64s(v);
    return true;
  case AttrType::STRINGS:
    if (auto s = stringsOf(attr)) {
      for (const std::string &v : *s) out.add_strings(v);
      return true;
    }
    return false;
  case AttrType::VAR:
    if (auto ref = dyn_cast<FlatSymbolRefAttr>(attr)) {
      out.set_var_name(ref.getValue().str());
      return true;
    }
    return false;
  case AttrType::VARS:
    if (auto s = stringsOf(attr)) {
      for (const std::string &v : *s) out.add_vars_name(v);
      return true;
    }
    return false;
  case AttrType::SCALAR:
    return exportScalar(attr, *out.mutable_scalar());
  case AttrType::SCALARS:
    if (auto array = dyn_cast<ArrayAttr>(attr)) {
      for (Attribute a : array)
        if (!exportScalar(a, *out.add_scalars()))
          return false;
      return true;
    }
    return false;
  case AttrType::BLOCK:
  case AttrType::BLOCKS: {
    auto regions = regionsOf(attr);
    if (!regions) return false;
    for (int64_t region : *regions) {
      if (region < 0 || size_t(region) >= blockIds.size()) return false;
      if (type == AttrType::BLOCK)
        out.set_block_idx(blockIds[region]);
      else
        out.add_blocks_idx(blockIds[region]);
    }
    return type == AttrType::BLOCKS || regions->size() == 1;
  }
  }
  return false;
}

std::optional<SmallVector<std::string>> pd::detail::callstackOf(Location loc) {
  SmallVector<std::string> frames;
  while (auto site = dyn_cast<CallSiteLoc>(loc)) {
    auto frame = dyn_cast<NameLoc>(site.getCallee());
    if (!frame)
      return std::nullopt;
    frames.push_back(frame.getName().str());
    loc = site.getCaller();
  }
  auto last = dyn_cast<NameLoc>(loc);
  if (!last)
    return std::nullopt;
  if (frames.empty() && last.getName() == "op_callstack" &&
      isa<UnknownLoc>(last.getChildLoc()))
    return frames;
  frames.push_back(last.getName().str());
  return frames;
}

//===- PaddleTypes.cpp - Paddle type codes in the pd dialect ----------------===//

#include "pd/Dialect/PaddleTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace pd;

namespace {
struct KindName {
  int32_t code;
  llvm::StringLiteral name;
};
constexpr KindName kKindNames[] = {
    {0, "BOOL"},           {1, "INT16"},         {2, "INT32"},
    {3, "INT64"},          {4, "FP16"},          {5, "FP32"},
    {6, "FP64"},           {7, "LOD_TENSOR"},    {8, "SELECTED_ROWS"},
    {9, "FEED_MINIBATCH"}, {10, "FETCH_LIST"},   {11, "STEP_SCOPES"},
    {12, "LOD_RANK_TABLE"}, {13, "LOD_TENSOR_ARRAY"}, {14, "PLACE_LIST"},
    {15, "READER"},        {17, "RAW"},          {18, "TUPLE"},
    {19, "SIZE_T"},        {20, "UINT8"},        {21, "INT8"},
    {22, "BF16"},          {23, "COMPLEX64"},    {24, "COMPLEX128"},
    {25, "STRING"},        {26, "STRINGS"},      {27, "VOCAB"},
    {28, "FEED_LIST"},     {29, "PSTRING"},      {30, "SPARSE_COO"},
    {31, "SPARSE_CSR"},    {32, "FP8_E4M3FN"},   {33, "FP8_E5M2"},
    {36, "UINT16"},        {37, "UINT32"},       {38, "UINT64"},
};
} // namespace

Type pd::elementTypeFromPaddle(MLIRContext *ctx, int32_t code) {
  Builder b(ctx);
  switch (code) {
  case 0: return b.getI1Type();
  case 1: return b.getI16Type();
  case 2: return b.getI32Type();
  case 3: return b.getI64Type();
  case 4: return b.getF16Type();
  case 5: return b.getF32Type();
  case 6: return b.getF64Type();
  case 19: return b.getIndexType(); // size_t
  case 20: return b.getIntegerType(8, /*isSigned=*/false);
  case 21: return b.getI8Type();
  case 22: return b.getBF16Type();
  case 23: return ComplexType::get(b.getF32Type());
  case 24: return ComplexType::get(b.getF64Type());
  case 32: return b.getFloat8E4M3FNType();
  case 33: return b.getFloat8E5M2Type();
  case 36: return b.getIntegerType(16, /*isSigned=*/false);
  case 37: return b.getIntegerType(32, /*isSigned=*/false);
  case 38: return b.getIntegerType(64, /*isSigned=*/false);
  default: return nullptr;
  }
}

std::optional<int32_t> pd::paddleDataTypeOf(Type type) {
  if (type.isInteger(1)) return 0;
  if (type.isSignlessInteger(16)) return 1;
  if (type.isSignlessInteger(32)) return 2;
  if (type.isSignlessInteger(64)) return 3;
  if (type.isF16()) return 4;
  if (type.isF32()) return 5;
  if (type.isF64()) return 6;
  if (type.isIndex()) return 19;
  if (type.isUnsignedInteger(8)) return 20;
  if (type.isSignlessInteger(8)) return 21;
  if (type.isBF16()) return 22;
  if (auto complex = dyn_cast<ComplexType>(type)) {
    if (complex.getElementType().isF32()) return 23;
    if (complex.getElementType().isF64()) return 24;
  }
  if (type.isFloat8E4M3FN()) return 32;
  if (type.isFloat8E5M2()) return 33;
  if (type.isUnsignedInteger(16)) return 36;
  if (type.isUnsignedInteger(32)) return 37;
  if (type.isUnsignedInteger(64)) return 38;
  return std::nullopt;
}

llvm::StringRef pd::varKindName(int32_t code) {
  for (const KindName &k : kKindNames)
    if (k.code == code)
      return k.name;
  return {};
}

std::optional<int32_t> pd::varKindCode(llvm::StringRef name) {
  for (const KindName &k : kKindNames)
    if (k.name == name)
      return k.code;
  return std::nullopt;
}

static bool isScalarDict(Attribute attr) {
  auto dict = dyn_cast<DictionaryAttr>(attr);
  return dict && dict.get("type");
}

std::optional<AttrType> pd::inferAttrType(Attribute attr) {
  if (auto i = dyn_cast<IntegerAttr>(attr)) {
    if (i.getType().isIndex()) return AttrType::BLOCK;
    if (i.getType().isInteger(1)) return AttrType::BOOLEAN;
    if (i.getType().isInteger(32)) return AttrType::INT;
    if (i.getType().isInteger(64)) return AttrType::LONG;
    return std::nullopt;
  }
  if (auto f = dyn_cast<FloatAttr>(attr)) {
    if (f.getType().isF32()) return AttrType::FLOAT;
    if (f.getType().isF64()) return AttrType::FLOAT64;
    return std::nullopt;
  }
  if (isa<StringAttr>(attr)) return AttrType::STRING;
  if (isa<FlatSymbolRefAttr>(attr)) return AttrType::VAR;
  if (isScalarDict(attr)) return AttrType::SCALAR;
  if (isa<DenseI32ArrayAttr>(attr)) return AttrType::INTS;
  if (isa<DenseI64ArrayAttr>(attr)) return AttrType::LONGS;
  if (isa<DenseF32ArrayAttr>(attr)) return AttrType::FLOATS;
  if (isa<DenseF64ArrayAttr>(attr)) return AttrType::FLOAT64S;
  if (isa<DenseBoolArrayAttr>(attr)) return AttrType::BOOLEANS;
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    if (array.empty() || llvm::all_of(array, llvm::IsaPred<StringAttr>))
      return AttrType::STRINGS;
    if (llvm::all_of(array, llvm::IsaPred<FlatSymbolRefAttr>))
      return AttrType::VARS;
    if (llvm::all_of(array, isScalarDict))
      return AttrType::SCALARS;
    if (llvm::all_of(array, [](Attribute a) {
          auto i = dyn_cast<IntegerAttr>(a);
          return i && i.getType().isIndex();
        }))
      return AttrType::BLOCKS;
  }
  return std::nullopt;
}

std::optional<llvm::SmallVector<int64_t>> pd::integerValues(Attribute attr) {
  using Values = llvm::SmallVector<int64_t>;
  if (!attr)
    return std::nullopt;
  if (auto i = dyn_cast<IntegerAttr>(attr)) {
    if (i.getType().isIndex())
      return std::nullopt;
    return Values{i.getType().isInteger(1)
                      ? int64_t(i.getValue().getBoolValue())
                      : i.getInt()};
  }
  if (auto v = dyn_cast<DenseI32ArrayAttr>(attr))
    return Values(v.asArrayRef());
  if (auto v = dyn_cast<DenseI64ArrayAttr>(attr))
    return Values(v.asArrayRef());
  if (auto v = dyn_cast<DenseBoolArrayAttr>(attr))
    return Values(v.asArrayRef());
  return std::nullopt;
}

std::optional<llvm::SmallVector<double>> pd::floatValues(Attribute attr) {
  using Values = llvm::SmallVector<double>;
  if (!attr)
    return std::nullopt;
  if (auto f = dyn_cast<FloatAttr>(attr))
    return Values{f.getValueAsDouble()};
  if (auto v = dyn_cast<DenseF32ArrayAttr>(attr))
    return Values(v.asArrayRef().begin(), v.asArrayRef().end());
  if (auto v = dyn_cast<DenseF64ArrayAttr>(attr))
    return Values(v.asArrayRef());
  return std::nullopt;
}

Attribute pd::coerceAttribute(Attribute attr, AttrType to) {
  if (inferAttrType(attr) == to)
    return attr;
  Builder b(attr.getContext());
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
  // An empty list has no element kind of its own (PIR writes `[]`).
  if (auto dense = dyn_cast<DenseArrayAttr>(attr); dense && dense.empty()) {
    switch (to) {
    case AttrType::INTS: return b.getDenseI32ArrayAttr({});
    case AttrType::LONGS: return b.getDenseI64ArrayAttr({});
    case AttrType::FLOATS: return b.getDenseF32ArrayAttr({});
    case AttrType::FLOAT64S: return b.getDenseF64ArrayAttr({});
    case AttrType::BOOLEANS: return b.getDenseBoolArrayAttr({});
    default: break;
    }
  }
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
  case AttrType::FLOATS:
    // PIR keeps float lists as doubles (interpolation's scale).
    if (auto v = dyn_cast<DenseF64ArrayAttr>(attr)) {
      SmallVector<float> narrow(v.asArrayRef().begin(), v.asArrayRef().end());
      return b.getDenseF32ArrayAttr(narrow);
    }
    break;
  case AttrType::FLOAT64S:
    if (auto v = dyn_cast<DenseF32ArrayAttr>(attr))
      return b.getDenseF64ArrayAttr(
          SmallVector<double>(v.asArrayRef().begin(), v.asArrayRef().end()));
    break;
  case AttrType::SCALARS: {
    // PIR keeps a Scalar list as plain numbers (set_value's values): Paddle's
    // Scalar dictionaries, FLOAT64 (3) for floats, LONG (2) for integers.
    auto scalar = [&](int32_t type, StringRef field, Attribute value) {
      return b.getDictionaryAttr({b.getNamedAttr("type", b.getI32IntegerAttr(type)),
                                  b.getNamedAttr(field, value)});
    };
    SmallVector<Attribute> scalars;
    if (auto array = dyn_cast<ArrayAttr>(attr); array && array.empty())
      return attr;
    if (auto dense = dyn_cast<DenseArrayAttr>(attr); dense && dense.empty())
      return b.getArrayAttr({});
    if (std::optional<SmallVector<double>> floats = floatValues(attr);
        floats && isArray) {
      for (double v : *floats)
        scalars.push_back(scalar(3, "r", b.getF64FloatAttr(v)));
      return b.getArrayAttr(scalars);
    }
    if (array && !isa<DenseBoolArrayAttr>(attr)) {
      for (int64_t v : *array)
        scalars.push_back(scalar(2, "i", b.getI64IntegerAttr(v)));
      return b.getArrayAttr(scalars);
    }
    break;
  }
  default:
    break;
  }
  return nullptr;
}

bool pd::dimsFit(RankedTensorType type, llvm::ArrayRef<int64_t> dims) {
  if (size_t(type.getRank()) != dims.size())
    return false;
  for (auto [i, d] : llvm::enumerate(dims))
    if (!type.isDynamicDim(i) && type.getDimSize(i) != d)
      return false;
  return true;
}

bool pd::staticSizeFits(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (!ShapedType::isDynamic(d) &&
        (d < 0 || __builtin_mul_overflow(n, d, &n) || n > (int64_t(1) << 62)))
      return false;
  return true;
}

SmallVector<int64_t> pd::paddleDims(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> dims;
  for (int64_t d : shape)
    dims.push_back(ShapedType::isDynamic(d) ? -1 : d);
  return dims;
}

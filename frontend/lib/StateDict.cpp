//===- StateDict.cpp - tensors of a paddle.save pickle ----------------------===//

#include "pd/Frontend/StateDict.h"

#include "pd/Frontend/ProgramDesc.h"
#include "pd/Runtime/TensorRecord.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace llvm;
using namespace pd;
using pickle::Value;
using pickle::ValuePtr;
using Kind = Value::Kind;

static constexpr StringLiteral kNameTableKey = "StructuredToParameterName@@";
static constexpr StringLiteral kBigParamKey = "UnpackBigParamInfor@@";

std::optional<int32_t> pd::paddleTypeOfNumpy(StringRef dtype) {
  return runtime::dataTypeFromNumpy(dtype.str());
}

namespace {

std::string formatDims(const std::vector<int64_t> &dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

class Interpreter {
public:
  Interpreter(const pickle::Document &doc, StringRef fileName)
      : doc(doc), fileName(fileName) {}

  Expected<StateDict> run();

private:
  Error error(const Twine &message) {
    return makeFileError(fileName, message);
  }
  Error visit(const ValuePtr &value, const std::string &key);
  Error addTensor(const pickle::Array &array, const std::string &key,
                  const std::string &name);
  Error reassembleBigTensors(const ValuePtr &info);
  static std::string repr(const Value &value);

  const pickle::Document &doc;
  std::string fileName;
  StateDict result;
  StringMap<std::string> nameTable;
};

std::string Interpreter::repr(const Value &v) {
  switch (v.kind) {
  case Kind::None: return "None";
  case Kind::Bool: return v.boolean ? "True" : "False";
  case Kind::Int: return std::to_string(v.integer);
  case Kind::Float: {
    if (std::isinf(v.real)) return v.real > 0 ? "inf" : "-inf";
    if (std::isnan(v.real)) return "nan";
    return formatv("{0}", v.real).str();
  }
  case Kind::Str: return "'" + v.text + "'";
  case Kind::Bytes: return formatv("<{0} bytes>", v.bytes.size()).str();
  case Kind::Tuple:
  case Kind::List: {
    std::string s = v.is(Kind::Tuple) ? "(" : "[";
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i) s += ", ";
      if (s.size() > 200) { s += "..."; break; }
      s += repr(*v.items[i]);
    }
    if (v.is(Kind::Tuple) && v.items.size() == 1) s += ",";
    return s + (v.is(Kind::Tuple) ? ")" : "]");
  }
  case Kind::Dict: return formatv("{{<{0} entries>}", v.entries.size()).str();
  case Kind::Array: return "<array>";
  case Kind::Global: return v.text;
  case Kind::DType: return "dtype('" + v.text + "')";
  }
  return "?";
}

Error Interpreter::addTensor(const pickle::Array &array, const std::string &key,
                             const std::string &name) {
  std::optional<int32_t> type = paddleTypeOfNumpy(array.dtype);
  if (!type)
    return error(formatv("tensor '{0}': numpy dtype '{1}' has no Paddle data "
                         "type (big-endian or not numeric)",
                         key, array.dtype));
  int64_t numel = runtime::numElements(array.shape);
  size_t elem = runtime::elementSize(*type);
  if (numel < 0 || uint64_t(numel) > UINT64_MAX / elem ||
      uint64_t(numel) * elem != array.data.size())
    return error(formatv("tensor '{0}': shape {1} of {2} does not fit the {3} "
                         "bytes the pickle holds",
                         key, formatDims(array.shape), array.dtype,
                         array.data.size()));
  PickledTensor tensor;
  tensor.key = key;
  tensor.name = name;
  tensor.dataType = *type;
  tensor.numpyType = array.dtype;
  tensor.dims = array.shape;
  tensor.data = array.data;
  if (array.owned)
    tensor.keepAlive = array.owned;
  else
    tensor.keepAlive = doc.file;
  if (array.fortranOrder && array.shape.size() > 1) {
    // A transposed array (numpy's fortran_order): one copy in C order.
    auto copy = std::make_shared<std::string>(array.data.size(), '\0');
    runtime::copyFortranToC(
        reinterpret_cast<const uint8_t *>(array.data.data()),
        reinterpret_cast<uint8_t *>(copy->data()), array.shape, elem);
    tensor.data = *copy;
    tensor.keepAlive = copy;
  }
  result.tensors.push_back(std::move(tensor));
  return Error::success();
}

Error Interpreter::visit(const ValuePtr &value, const std::string &key) {
  switch (value->kind) {
  case Kind::Array:
    return addTensor(*value->array, key, "");
  case Kind::Tuple:
    // A paddle.Tensor on the generic path: (name, array).
    if (value->items.size() == 2 && value->items[0]->is(Kind::Str) &&
        value->items[1]->is(Kind::Array))
      return addTensor(*value->items[1]->array, key, value->items[0]->text);
    [[fallthrough]];
  case Kind::List:
    // A sequence without tensors is one value (a list of losses, a shape),
    // not one per element.
    if (!value->holdsArray) {
      result.values.push_back({key, repr(*value)});
      return Error::success();
    }
    for (size_t i = 0; i < value->items.size(); ++i)
      if (Error err = visit(value->items[i],
                            key.empty() ? std::to_string(i)
                                        : key + "/" + std::to_string(i)))
        return err;
    return Error::success();
  case Kind::Dict:
    for (const auto &[k, v] : value->entries) {
      std::string name = k->is(Kind::Str)   ? k->text
                         : k->is(Kind::Int) ? std::to_string(k->integer)
                                            : repr(*k);
      if (name == kNameTableKey || name == kBigParamKey)
        continue;
      if (Error err = visit(v, key.empty() ? name : key + "/" + name))
        return err;
    }
    return Error::success();
  default:
    result.values.push_back({key, repr(*value)});
    return Error::success();
  }
}

Error Interpreter::reassembleBigTensors(const ValuePtr &info) {
  // {key: {"OriginShape": shape, "slices": [slice keys]}}: the slices are
  // 1-D pieces of the flattened tensor, stored under their own keys.
  StringMap<size_t> byKey;
  for (size_t i = 0; i < result.tensors.size(); ++i)
    byKey[result.tensors[i].key] = i;
  std::vector<bool> drop(result.tensors.size());
  for (const auto &[k, spec] : info->entries) {
    ValuePtr shape = spec->lookup("OriginShape");
    ValuePtr slices = spec->lookup("slices");
    if (!k->is(Kind::Str) || !shape || !slices ||
        !(shape->is(Kind::Tuple) || shape->is(Kind::List)) ||
        !(slices->is(Kind::List) || slices->is(Kind::Tuple)))
      return error(std::string(kBigParamKey) + " entry is malformed");
    auto whole = std::make_shared<std::string>();
    PickledTensor tensor;
    for (const ValuePtr &slice : slices->items) {
      auto it = slice->is(Kind::Str) ? byKey.find(slice->text) : byKey.end();
      if (it == byKey.end())
        return error(formatv("big tensor '{0}': slice missing", k->text));
      // Each slice is one piece of one tensor: listed twice, it would
      // multiply the file's bytes.
      if (drop[it->second])
        return error(formatv("big tensor '{0}': slice '{1}' is listed twice",
                             k->text, slice->text));
      PickledTensor &part = result.tensors[it->second];
      if (whole->empty()) {
        tensor.dataType = part.dataType;
        tensor.numpyType = part.numpyType;
      } else if (part.dataType != tensor.dataType) {
        return error(formatv("big tensor '{0}': slices differ in type",
                             k->text));
      }
      whole->append(part.data.begin(), part.data.end());
      drop[it->second] = true;
    }
    for (const ValuePtr &d : shape->items) {
      if (!d->is(Kind::Int) || d->integer < 0)
        return error(formatv("big tensor '{0}': bad OriginShape", k->text));
      tensor.dims.push_back(d->integer);
    }
    int64_t numel = runtime::numElements(tensor.dims);
    size_t elem = runtime::elementSize(tensor.dataType);
    if (numel < 0 || elem == 0 || uint64_t(numel) > UINT64_MAX / elem ||
        uint64_t(numel) * elem != whole->size())
      return error(formatv("big tensor '{0}': slices do not add up to its "
                           "OriginShape",
                           k->text));
    tensor.key = k->text;
    tensor.data = *whole;
    tensor.keepAlive = whole;
    result.tensors.push_back(std::move(tensor));
  }
  std::vector<PickledTensor> kept;
  for (size_t i = 0; i < result.tensors.size(); ++i)
    if (i >= drop.size() || !drop[i])
      kept.push_back(std::move(result.tensors[i]));
  result.tensors = std::move(kept);
  return Error::success();
}

Expected<StateDict> Interpreter::run() {
  result.protocol = doc.protocol;
  const ValuePtr &root = doc.root;
  if (root->is(Kind::Dict)) {
    if (ValuePtr table = root->lookup(kNameTableKey)) {
      if (!table->is(Kind::Dict))
        return error(std::string(kNameTableKey) + " is not a dict");
      result.hasNameTable = true;
      for (const auto &[k, v] : table->entries)
        if (k->is(Kind::Str) && v->is(Kind::Str))
          nameTable[k->text] = v->text;
    }
  }
  if (Error err = visit(root, ""))
    return std::move(err);
  if (root->is(Kind::Dict))
    if (ValuePtr big = root->lookup(kBigParamKey))
      if (Error err = reassembleBigTensors(big))
        return std::move(err);
  for (PickledTensor &t : result.tensors)
    if (t.name.empty())
      t.name = nameTable.lookup(t.key);
  return std::move(result);
}

} // namespace

Expected<StateDict> pd::interpretStateDict(const pickle::Document &doc,
                                           StringRef fileName) {
  return Interpreter(doc, fileName).run();
}

Expected<StateDict> pd::readStateDict(StringRef path) {
  auto doc = pickle::parseFile(path);
  if (!doc)
    return doc.takeError();
  return interpretStateDict(*doc, path);
}

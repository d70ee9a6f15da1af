//===- PirImporter.cpp - Paddle 3 PIR programs -> pd dialect ----------------===//

#include "pd/Frontend/PirImporter.h"

#include "pd/Dialect/JsonAttributes.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Dialect/SourceLocation.h"
#include "pd/Runtime/TensorRecord.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace mlir;
using namespace pd;
using llvm::Error;
using llvm::Expected;
using llvm::formatv;
namespace json = llvm::json;

namespace {

/// PIR's dialect ids (the number before the '.' of an op's `#`).
StringRef dialectName(StringRef id) {
  return llvm::StringSwitch<StringRef>(id)
      .Case("0", "builtin")
      .Case("1", "pd_op")
      .Case("2", "cf")
      .Case("3", "custom_op")
      .Case("4", "pd_dist")
      .Default("");
}

class PirImporter {
public:
  PirImporter(ModuleOp module, StringRef fileName)
      : ctx(module.getContext()), b(ctx), fileName(fileName.str()),
        module(module) {}

  /// Adds the program to the module as function `funcName`.
  Error run(const json::Value &root, ArrayRef<MappedTensor> params,
            StringRef funcName);

private:
  Error error(const llvm::Twine &message) {
    return makeFileError(fileName, message);
  }
  Error opError(const json::Object &op, const llvm::Twine &message) {
    std::string id = op.getString("#") ? op.getString("#")->str() : "?";
    return error("op '" + id + "': " + message);
  }
  Expected<Type> importType(const json::Value *type, const json::Object &op);
  Error importBlock(const json::Object &block, Block *body);
  Error importOp(const json::Object &op, size_t index);
  Error importParameter(const json::Object &op);
  /// The op's JSON without what the IR itself holds (operands, regions,
  /// value numbers), as `pd.pir`.
  DictionaryAttr record(const json::Object &op);

  MLIRContext *ctx;
  OpBuilder b;
  std::string fileName;
  ModuleOp module;
  llvm::StringMap<const MappedTensor *> tensors;
  llvm::DenseMap<int64_t, Value> values;
};

/// PIR element type names ("0.t_f32").
Type elementType(MLIRContext *ctx, StringRef name) {
  std::optional<int32_t> code = runtime::dataTypeFromPirElement(name.str());
  return code ? elementTypeFromPaddle(ctx, *code) : Type();
}

} // namespace

Expected<Type> PirImporter::importType(const json::Value *type,
                                       const json::Object &op) {
  const json::Object *object = type ? type->getAsObject() : nullptr;
  std::optional<StringRef> name = object ? object->getString("#") : std::nullopt;
  if (!name)
    return opError(op, "a result has no type (TT)");
  if (*name == "0.t_dtensor") {
    const json::Array *data = object->getArray("D");
    const json::Object *element =
        data && !data->empty() ? (*data)[0].getAsObject() : nullptr;
    const json::Array *dims = data && data->size() > 1 ? (*data)[1].getAsArray()
                                                       : nullptr;
    std::optional<StringRef> elementName =
        element ? element->getString("#") : std::nullopt;
    if (!elementName || !dims)
      return opError(op, "malformed t_dtensor type");
    Type elem = elementType(ctx, *elementName);
    if (!elem)
      return opError(op, "unknown element type " + *elementName);
    SmallVector<int64_t> shape;
    for (const json::Value &d : *dims) {
      std::optional<int64_t> dim = d.getAsInteger();
      if (!dim || *dim < -1)
        return opError(op, "invalid dim in a t_dtensor type");
      shape.push_back(*dim == -1 ? ShapedType::kDynamic : *dim);
    }
    return RankedTensorType::get(shape, elem);
  }
  // Other PIR types (vectors of tensors, selected rows, ...) stay opaque.
  return ObjectType::get(ctx, ("pir:" + *name).str(), Type());
}

DictionaryAttr PirImporter::record(const json::Object &op) {
  json::Object kept;
  for (const auto &[key, value] : op) {
    if (key == "I" || key == "regions")
      continue;
    if (key == "O") {
      // Result numbers are the exporter's to give.
      auto stripId = [](const json::Value &v) {
        json::Object result = *v.getAsObject();
        result.erase("%");
        return json::Value(std::move(result));
      };
      if (const json::Array *results = value.getAsArray()) {
        json::Array out;
        for (const json::Value &r : *results)
          out.push_back(r.getAsObject() ? stripId(r) : r);
        kept["O"] = std::move(out);
      } else if (value.getAsObject()) {
        kept["O"] = stripId(value);
      }
      continue;
    }
    kept[key] = value;
  }
  return cast<DictionaryAttr>(attributeFromJson(ctx, json::Value(std::move(kept))));
}

Error PirImporter::importParameter(const json::Object &op) {
  // {"#": "p", "A": [is_distributed, is_parameter, need_clip, name], "O": value}
  const json::Array *attrs = op.getArray("A");
  std::optional<StringRef> name =
      attrs && attrs->size() == 4 ? (*attrs)[3].getAsString() : std::nullopt;
  const json::Object *result = op.getObject("O");
  std::optional<int64_t> id = result ? result->getInteger("%") : std::nullopt;
  if (!name || !id)
    return opError(op, "malformed builtin.parameter");
  auto type = importType(result->get("TT"), op);
  if (!type)
    return type.takeError();
  auto tensorType = dyn_cast<RankedTensorType>(*type);
  if (!tensorType)
    return opError(op, "parameter '" + *name + "' is not a dense tensor");
  auto param = module.lookupSymbol<ParameterOp>(*name);
  if (!param) {
    ElementsAttr value;
    if (!tensors.empty()) {
      const MappedTensor *tensor = tensors.lookup(*name);
      if (!tensor)
        return opError(op, "parameter '" + *name +
                               "' is missing from the parameter file");
      AsmResourceBlob blob(
          ArrayRef<char>(reinterpret_cast<const char *>(tensor->record.data),
                         tensor->record.dataSize),
          1, [keepAlive = tensor->file](void *, size_t, size_t) {}, false);
      value = DenseResourceElementsAttr::get(
          RankedTensorType::get(tensor->record.dims,
                                tensorType.getElementType()),
          *name, std::move(blob));
      if (!dimsFit(tensorType, tensor->record.dims))
        return opError(op, "parameter '" + *name +
                               "': the parameter file's dims disagree with "
                               "the program's");
    }
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(module.getBody());
    param = b.create<ParameterOp>(FileLineColLoc::get(ctx, fileName, 0, 0),
                                  *name, tensorType, value, nullptr, nullptr,
                                  nullptr, nullptr);
    param->moveBefore(&module.getBody()->front());
  }
  auto read = b.create<GetParameterOp>(param.getLoc(), tensorType, *name);
  read->setAttr(PdDialect::kPirAttrName, record(op));
  if (!values.try_emplace(*id, read.getResult()).second)
    return opError(op, formatv("value %{0} is defined twice", *id));
  return Error::success();
}

Error PirImporter::importOp(const json::Object &op, size_t index) {
  std::optional<StringRef> id = op.getString("#");
  if (!id)
    return error("an op has no '#'");
  if (*id == "p")
    return importParameter(op);
  auto [dialectId, opName] = id->split('.');
  StringRef dialect = dialectName(dialectId);
  if (dialect.empty() || opName.empty())
    return opError(op, "unknown dialect id '" + dialectId + "'");

  SmallVector<Value> operands;
  SmallVector<int32_t> nulls;
  if (const json::Array *inputs = op.getArray("I")) {
    for (auto [i, input] : llvm::enumerate(*inputs)) {
      const json::Object *ref = input.getAsObject();
      std::optional<int64_t> valueId = ref ? ref->getInteger("%") : std::nullopt;
      if (!valueId)
        return opError(op, formatv("input {0} is not a value reference", i));
      if (*valueId == 0) { // PIR's null value: an absent optional input
        nulls.push_back(i);
        continue;
      }
      Value value = values.lookup(*valueId);
      if (!value)
        return opError(op, formatv("value %{0} is used before it is defined",
                                   *valueId));
      operands.push_back(value);
    }
  }
  SmallVector<Type> resultTypes;
  SmallVector<int64_t> resultIds;
  if (const json::Array *outputs = op.getArray("O")) {
    for (const json::Value &output : *outputs) {
      const json::Object *result = output.getAsObject();
      std::optional<int64_t> valueId =
          result ? result->getInteger("%") : std::nullopt;
      if (!valueId)
        return opError(op, "an output has no value number");
      auto type = importType(result->get("TT"), op);
      if (!type)
        return type.takeError();
      resultTypes.push_back(*type);
      resultIds.push_back(*valueId);
    }
  }
  const json::Array *regions = op.getArray("regions");
  // PIR keeps no Python lines: an op's place in its block is all there is.
  std::string type = (dialect + "." + opName).str();
  Location loc = placeInFile(ctx, fileName, formatv("op #{0} ({1})", index, type).str());
  auto generic = b.create<GenericOp>(
      loc, resultTypes, type,
      b.getStrArrayAttr(operands.empty() ? ArrayRef<StringRef>()
                                         : ArrayRef<StringRef>{"I"}),
      operands.empty() ? ArrayRef<int32_t>() : ArrayRef<int32_t>{int32_t(operands.size())},
      b.getStrArrayAttr(resultTypes.empty() ? ArrayRef<StringRef>()
                                            : ArrayRef<StringRef>{"O"}),
      resultTypes.empty() ? ArrayRef<int32_t>()
                          : ArrayRef<int32_t>{int32_t(resultTypes.size())},
      b.getDictionaryAttr({}), operands, regions ? regions->size() : 0);
  NamedAttrList pir(record(op));
  if (!nulls.empty())
    pir.set("nulls", b.getDenseI32ArrayAttr(nulls));
  generic->setAttr(PdDialect::kPirAttrName, pir.getDictionary(ctx));
  for (auto [result, valueId] : llvm::zip(generic->getResults(), resultIds))
    if (!values.try_emplace(valueId, result).second)
      return opError(op, formatv("value %{0} is defined twice", valueId));

  if (regions) {
    for (auto [region, json] : llvm::zip(generic.getBlocks(), *regions)) {
      const json::Object *regionObject = json.getAsObject();
      const json::Array *blocks =
          regionObject ? regionObject->getArray("blocks") : nullptr;
      if (!blocks)
        return opError(op, "a region has no blocks");
      for (const json::Value &block : *blocks) {
        if (!block.getAsObject())
          return opError(op, "a block is not an object");
        OpBuilder::InsertionGuard guard(b);
        if (Error err = importBlock(*block.getAsObject(),
                                    &region.emplaceBlock()))
          return err;
      }
    }
  }
  return Error::success();
}

Error PirImporter::importBlock(const json::Object &block, Block *body) {
  if (const json::Array *args = block.getArray("args")) {
    for (const json::Value &arg : *args) {
      // Block arguments are numbered (downwards from -1) under '#'.
      const json::Object *object = arg.getAsObject();
      std::optional<int64_t> id = object ? object->getInteger("#") : std::nullopt;
      if (!id)
        return error("a block argument has no value number");
      auto type = importType(object->get("TT"), *object);
      if (!type)
        return type.takeError();
      if (!values.try_emplace(*id, body->addArgument(*type, body->getParentOp()
                                                                 ? body->getParentOp()->getLoc()
                                                                 : module.getLoc()))
               .second)
        return error(formatv("block argument %{0} is defined twice", *id));
    }
  }
  const json::Array *ops = block.getArray("ops");
  if (!ops)
    return error("a block has no ops");
  b.setInsertionPointToEnd(body);
  for (auto [index, op] : llvm::enumerate(*ops)) {
    if (!op.getAsObject())
      return error("an op is not an object");
    if (Error err = importOp(*op.getAsObject(), index))
      return err;
  }
  return Error::success();
}

Error PirImporter::run(const json::Value &root, ArrayRef<MappedTensor> params,
                       StringRef funcName) {
  for (const MappedTensor &t : params)
    tensors[t.name] = &t;
  const json::Object *top = root.getAsObject();
  const json::Object *base = top ? top->getObject("base_code") : nullptr;
  if (!base || base->getString("magic") != StringRef("pir"))
    return error("not a PIR program (no base_code with magic \"pir\")");
  const json::Object *program = top->getObject("program");
  const json::Array *regions = program ? program->getArray("regions") : nullptr;
  if (!regions || regions->size() != 1 || !(*regions)[0].getAsObject())
    return error("the program must have one region");
  const json::Array *blocks = (*regions)[0].getAsObject()->getArray("blocks");
  if (!blocks || blocks->size() != 1 || !(*blocks)[0].getAsObject())
    return error("the program's region must have one block");

  // The first program's base_code is the module's; a method whose differs
  // carries its own.
  Attribute baseCode = attributeFromJson(ctx, json::Value(json::Object(*base)));
  bool first = module.getOps<func::FuncOp>().empty();
  if (first)
    module->setAttr(PdDialect::kPirAttrName, baseCode);
  b.setInsertionPointToEnd(module.getBody());
  auto func = b.create<func::FuncOp>(module.getLoc(), funcName,
                                     b.getFunctionType({}, {}));
  if (!first && module->getAttr(PdDialect::kPirAttrName) != baseCode)
    func->setAttr(PdDialect::kPirAttrName, baseCode);
  Block *entry = func.addEntryBlock();
  if (Error err = importBlock(*(*blocks)[0].getAsObject(), entry))
    return err;
  b.setInsertionPointToEnd(entry);
  b.create<func::ReturnOp>(module.getLoc());
  func.setType(b.getFunctionType(entry->getArgumentTypes(), {}));
  return Error::success();
}

/// Reads one PIR program file and its parameter file into `module`.
static Error importPirProgram(ModuleOp module, StringRef jsonPath,
                              StringRef paramsPath, StringRef funcName,
                              const ImportOptions &options) {
  auto file = mapFile(jsonPath);
  if (!file)
    return file.takeError();
  auto root = json::parse((*file)->getBuffer());
  if (!root)
    return makeFileError(jsonPath, "malformed JSON: " +
                                       llvm::toString(root.takeError()));
  // The parameter file holds the parameter ops' variables, sorted by name.
  std::vector<MappedTensor> params;
  if (!paramsPath.empty()) {
    std::vector<std::string> names;
    std::function<void(const json::Value &)> collect =
        [&](const json::Value &v) {
          if (const json::Object *o = v.getAsObject()) {
            if (o->getString("#") == StringRef("p"))
              if (const json::Array *a = o->getArray("A"); a && a->size() == 4)
                if (auto name = (*a)[3].getAsString())
                  names.push_back(name->str());
            for (const auto &kv : *o)
              collect(kv.second);
          } else if (const json::Array *a = v.getAsArray()) {
            for (const json::Value &item : *a)
              collect(item);
          }
        };
    collect(*root);
    llvm::sort(names);
    names.erase(std::unique(names.begin(), names.end()), names.end());
    auto read = readCombinedParameters(paramsPath, names);
    if (!read)
      return makeFileError(jsonPath, "op 'p' (builtin.parameter): " +
                                         llvm::toString(read.takeError()));
    params = std::move(*read);
  } else if (options.warn && !options.parametersFromElsewhere) {
    options.warn(jsonPath + ": no parameter file found; importing the "
                            "program structure only");
  }
  return PirImporter(module, jsonPath).run(*root, params, funcName);
}

Expected<OwningOpRef<ModuleOp>>
pd::importPirModel(MLIRContext &context, const ModelLocation &location,
                   const ImportOptions &options) {
  context.getOrLoadDialect<PdDialect>();
  context.getOrLoadDialect<func::FuncDialect>();
  OwningOpRef<ModuleOp> module = ModuleOp::create(
      FileLineColLoc::get(&context, location.modelPath, 0, 0));
  if (Error err = importPirProgram(*module, location.modelPath,
                                   location.paramsPath, kForwardFuncName,
                                   options))
    return std::move(err);
  for (const ModelLocation::Method &method : location.methods)
    if (Error err = importPirProgram(*module, method.modelPath,
                                     method.paramsPath, method.name, options))
      return std::move(err);
  return module;
}

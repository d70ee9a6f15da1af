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

using namespace mlir;
using namespace pd;
using llvm::Error;
using llvm::Expected;
using llvm::formatv;

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

/// Typed access to a JSON object of the attribute encoding.
StringAttr getString(DictionaryAttr object, StringRef key) {
  return object ? object.getAs<StringAttr>(key) : nullptr;
}
ArrayAttr getArray(DictionaryAttr object, StringRef key) {
  return object ? object.getAs<ArrayAttr>(key) : nullptr;
}
DictionaryAttr getObject(DictionaryAttr object, StringRef key) {
  return object ? object.getAs<DictionaryAttr>(key) : nullptr;
}
bool hasString(DictionaryAttr object, StringRef key, StringRef value) {
  StringAttr s = getString(object, key);
  return s && s.getValue() == value;
}
std::optional<int64_t> getInteger(DictionaryAttr object, StringRef key) {
  return object ? jsonInteger(object.get(key)) : std::nullopt;
}

/// A `builtin.parameter` op ({"#": "p", "A": [is_distributed, is_parameter,
/// need_clip, name], "OA": [persistable, stop_gradient, trainable], ...}).
struct ParameterRecord {
  StringRef name;
  /// Whether the parameter file holds it: Paddle saves persistable
  /// parameters only (nn.LSTM's dropout state is not).
  bool saved = true;
};
std::optional<ParameterRecord> parameterRecord(DictionaryAttr op) {
  if (!hasString(op, "#", "p"))
    return std::nullopt;
  ArrayAttr attrs = getArray(op, "A");
  auto name = attrs && attrs.size() == 4 ? dyn_cast<StringAttr>(attrs[3])
                                         : nullptr;
  if (!name)
    return std::nullopt;
  ParameterRecord record{name.getValue()};
  if (ArrayAttr flags = getArray(op, "OA"); flags && !flags.empty())
    record.saved = jsonInteger(flags[0]).value_or(1) != 0;
  return record;
}

class PirImporter {
public:
  PirImporter(ModuleOp module, StringRef fileName)
      : ctx(module.getContext()), b(ctx), fileName(fileName.str()),
        module(module) {}

  /// Adds the program to the module as function `funcName`.
  Error run(DictionaryAttr root, ArrayRef<MappedTensor> params,
            StringRef funcName);

private:
  Error error(const llvm::Twine &message) {
    return makeFileError(fileName, message);
  }
  Error opError(DictionaryAttr op, const llvm::Twine &message) {
    StringAttr id = getString(op, "#");
    return error("op '" + (id ? id.getValue() : StringRef("?")) + "': " +
                 message);
  }
  Expected<Type> importType(Attribute type, DictionaryAttr op);
  Error importBlock(DictionaryAttr block, Block *body);
  Error importOp(DictionaryAttr op, size_t index);
  Error importParameter(DictionaryAttr op);
  /// The op's JSON without what the IR itself holds (operands, regions,
  /// value numbers), as `pd.pir`.
  DictionaryAttr record(DictionaryAttr op);

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

Expected<Type> PirImporter::importType(Attribute type, DictionaryAttr op) {
  auto object = dyn_cast_if_present<DictionaryAttr>(type);
  StringAttr name = getString(object, "#");
  if (!name)
    return opError(op, "a result has no type (TT)");
  if (name.getValue() == "0.t_dtensor") {
    ArrayAttr data = getArray(object, "D");
    auto element = data && !data.empty() ? dyn_cast<DictionaryAttr>(data[0])
                                         : nullptr;
    auto dims = data && data.size() > 1 ? dyn_cast<ArrayAttr>(data[1]) : nullptr;
    StringAttr elementName = getString(element, "#");
    if (!elementName || !dims)
      return opError(op, "malformed t_dtensor type");
    Type elem = elementType(ctx, elementName.getValue());
    if (!elem)
      return opError(op, "unknown element type " + elementName.getValue());
    SmallVector<int64_t> shape;
    for (Attribute d : dims) {
      std::optional<int64_t> dim = jsonInteger(d);
      if (!dim)
        return opError(op, "invalid dim in a t_dtensor type");
      // Paddle's shape inference writes an unknown dim times k as -k (an
      // instance_norm's saved mean: [-8] for N x 8): any negative is unknown.
      shape.push_back(*dim < 0 ? ShapedType::kDynamic : *dim);
    }
    if (!staticSizeFits(shape))
      return opError(op, "a t_dtensor type holds more elements than pd (or "
                         "any machine) can address");
    return RankedTensorType::get(shape, elem);
  }
  // Other PIR types (vectors of tensors, selected rows, ...) stay opaque.
  return ObjectType::get(ctx, ("pir:" + name.getValue()).str(), Type());
}

DictionaryAttr PirImporter::record(DictionaryAttr op) {
  // Result numbers are the exporter's to give.
  auto stripId = [&](Attribute result) -> Attribute {
    auto object = dyn_cast<DictionaryAttr>(result);
    if (!object)
      return result;
    NamedAttrList fields(object);
    fields.erase("%");
    return fields.getDictionary(ctx);
  };
  NamedAttrList kept;
  for (NamedAttribute field : op) {
    StringRef key = field.getName().getValue();
    if (key == "I" || key == "regions")
      continue;
    if (key == "O") {
      if (auto results = dyn_cast<ArrayAttr>(field.getValue())) {
        SmallVector<Attribute> out;
        for (Attribute r : results)
          out.push_back(stripId(r));
        kept.append(key, b.getArrayAttr(out));
      } else {
        kept.append(key, stripId(field.getValue()));
      }
      continue;
    }
    kept.append(field);
  }
  return kept.getDictionary(ctx);
}

Error PirImporter::importParameter(DictionaryAttr op) {
  std::optional<ParameterRecord> parameter = parameterRecord(op);
  DictionaryAttr result = getObject(op, "O");
  std::optional<int64_t> id = getInteger(result, "%");
  if (!parameter || !id)
    return opError(op, "malformed builtin.parameter");
  StringRef name = parameter->name;
  auto type = importType(result.get("TT"), op);
  if (!type)
    return type.takeError();
  auto tensorType = dyn_cast<RankedTensorType>(*type);
  if (!tensorType)
    return opError(op, "parameter '" + name + "' is not a dense tensor");
  auto param = module.lookupSymbol<ParameterOp>(name);
  if (!param) {
    ElementsAttr value;
    if (!tensors.empty() && parameter->saved) {
      const MappedTensor *tensor = tensors.lookup(name);
      if (!tensor)
        return opError(op, "parameter '" + name +
                               "' is missing from the parameter file");
      const runtime::TensorRecordView &data = tensor->record;
      std::string where = formatv("{0}: parameter '{1}' (record at byte {2})",
                                  tensor->file->getBufferIdentifier(), name,
                                  data.offset);
      std::optional<int32_t> declared =
          paddleDataTypeOf(tensorType.getElementType());
      if (!declared || *declared != data.dataType)
        return opError(op, formatv("{0}: data type {1} disagrees with the "
                                   "program's {2}",
                                   where, runtime::dataTypeName(data.dataType),
                                   declared ? runtime::dataTypeName(*declared)
                                            : "type"));
      if (!dimsFit(tensorType, data.dims))
        return opError(op, where + ": the parameter file's dims disagree "
                                   "with the program's");
      AsmResourceBlob blob(
          ArrayRef<char>(reinterpret_cast<const char *>(data.data),
                         data.dataSize),
          1, [keepAlive = tensor->file](void *, size_t, size_t) {}, false);
      value = DenseResourceElementsAttr::get(
          RankedTensorType::get(data.dims, tensorType.getElementType()), name,
          std::move(blob));
    }
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(module.getBody());
    param = b.create<ParameterOp>(FileLineColLoc::get(ctx, fileName, 0, 0),
                                  name, tensorType, value, nullptr, nullptr,
                                  nullptr, nullptr);
    param->moveBefore(&module.getBody()->front());
  }
  auto read = b.create<GetParameterOp>(param.getLoc(), tensorType, name);
  read->setAttr(PdDialect::kPirAttrName, record(op));
  if (!values.try_emplace(*id, read.getResult()).second)
    return opError(op, formatv("value %{0} is defined twice", *id));
  return Error::success();
}

Error PirImporter::importOp(DictionaryAttr op, size_t index) {
  StringAttr idAttr = getString(op, "#");
  if (!idAttr)
    return error("an op has no '#'");
  StringRef id = idAttr.getValue();
  if (id == "p")
    return importParameter(op);
  auto [dialectId, opName] = id.split('.');
  StringRef dialect = dialectName(dialectId);
  if (dialect.empty() || opName.empty())
    return opError(op, "unknown dialect id '" + dialectId + "'");

  SmallVector<Value> operands;
  SmallVector<int32_t> nulls;
  if (ArrayAttr inputs = getArray(op, "I")) {
    for (auto [i, input] : llvm::enumerate(inputs)) {
      std::optional<int64_t> valueId =
          getInteger(dyn_cast<DictionaryAttr>(input), "%");
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
  if (ArrayAttr outputs = getArray(op, "O")) {
    for (Attribute output : outputs) {
      auto result = dyn_cast<DictionaryAttr>(output);
      std::optional<int64_t> valueId = getInteger(result, "%");
      if (!valueId)
        return opError(op, "an output has no value number");
      auto type = importType(result.get("TT"), op);
      if (!type)
        return type.takeError();
      resultTypes.push_back(*type);
      resultIds.push_back(*valueId);
    }
  }
  ArrayAttr regions = getArray(op, "regions");
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
      b.getDictionaryAttr({}), operands, regions ? regions.size() : 0);
  NamedAttrList pir(record(op));
  if (!nulls.empty())
    pir.set(PdDialect::kPirNullsKey, b.getDenseI32ArrayAttr(nulls));
  generic->setAttr(PdDialect::kPirAttrName, pir.getDictionary(ctx));
  for (auto [result, valueId] : llvm::zip(generic->getResults(), resultIds))
    if (!values.try_emplace(valueId, result).second)
      return opError(op, formatv("value %{0} is defined twice", valueId));

  if (regions) {
    for (auto [region, json] : llvm::zip(generic.getBlocks(), regions)) {
      ArrayAttr blocks = getArray(dyn_cast<DictionaryAttr>(json), "blocks");
      if (!blocks)
        return opError(op, "a region has no blocks");
      for (Attribute block : blocks) {
        auto object = dyn_cast<DictionaryAttr>(block);
        if (!object)
          return opError(op, "a block is not an object");
        OpBuilder::InsertionGuard guard(b);
        if (Error err = importBlock(object, &region.emplaceBlock()))
          return err;
      }
    }
  }
  return Error::success();
}

Error PirImporter::importBlock(DictionaryAttr block, Block *body) {
  if (ArrayAttr args = getArray(block, "args")) {
    for (Attribute arg : args) {
      // Block arguments are numbered (downwards from -1) under '#'.
      auto object = dyn_cast<DictionaryAttr>(arg);
      std::optional<int64_t> id = getInteger(object, "#");
      if (!id)
        return error("a block argument has no value number");
      auto type = importType(object.get("TT"), object);
      if (!type)
        return type.takeError();
      Location loc = body->getParentOp() ? body->getParentOp()->getLoc()
                                         : module.getLoc();
      if (!values.try_emplace(*id, body->addArgument(*type, loc)).second)
        return error(formatv("block argument %{0} is defined twice", *id));
    }
  }
  ArrayAttr ops = getArray(block, "ops");
  if (!ops)
    return error("a block has no ops");
  b.setInsertionPointToEnd(body);
  for (auto [index, op] : llvm::enumerate(ops)) {
    auto object = dyn_cast<DictionaryAttr>(op);
    if (!object)
      return error("an op is not an object");
    if (Error err = importOp(object, index))
      return err;
  }
  return Error::success();
}

Error PirImporter::run(DictionaryAttr root, ArrayRef<MappedTensor> params,
                       StringRef funcName) {
  for (const MappedTensor &t : params)
    tensors[t.name] = &t;
  DictionaryAttr base = getObject(root, "base_code");
  if (!hasString(base, "magic", "pir"))
    return error("not a PIR program (no base_code with magic \"pir\")");
  ArrayAttr regions = getArray(getObject(root, "program"), "regions");
  if (!regions || regions.size() != 1 || !isa<DictionaryAttr>(regions[0]))
    return error("the program must have one region");
  ArrayAttr blocks = getArray(cast<DictionaryAttr>(regions[0]), "blocks");
  if (!blocks || blocks.size() != 1 || !isa<DictionaryAttr>(blocks[0]))
    return error("the program's region must have one block");

  // The first program's base_code is the module's; a method whose differs
  // carries its own.
  bool first = module.getOps<func::FuncOp>().empty();
  if (first)
    module->setAttr(PdDialect::kPirAttrName, base);
  b.setInsertionPointToEnd(module.getBody());
  auto func = b.create<func::FuncOp>(module.getLoc(), funcName,
                                     b.getFunctionType({}, {}));
  if (!first && module->getAttr(PdDialect::kPirAttrName) != base)
    func->setAttr(PdDialect::kPirAttrName, base);
  Block *entry = func.addEntryBlock();
  if (Error err = importBlock(cast<DictionaryAttr>(blocks[0]), entry))
    return err;
  b.setInsertionPointToEnd(entry);
  b.create<func::ReturnOp>(module.getLoc());
  func.setType(b.getFunctionType(entry->getArgumentTypes(), {}));
  return Error::success();
}

/// The names of the parameters a PIR program's parameter file holds, sorted
/// as Paddle writes them: its saved `builtin.parameter` ops', in any block.
static void collectSavedParameters(Attribute value,
                                   std::vector<std::string> &names) {
  if (auto object = dyn_cast<DictionaryAttr>(value)) {
    if (std::optional<ParameterRecord> p = parameterRecord(object)) {
      if (p->saved)
        names.push_back(p->name.str());
      return;
    }
    for (NamedAttribute field : object)
      collectSavedParameters(field.getValue(), names);
  } else if (auto array = dyn_cast<ArrayAttr>(value)) {
    for (Attribute item : array)
      collectSavedParameters(item, names);
  }
}

/// The program object of a PIR file's text.
static Expected<DictionaryAttr> parseProgramText(MLIRContext *ctx,
                                                 StringRef text,
                                                 StringRef jsonPath) {
  auto root = parseJsonAttribute(ctx, text);
  if (!root)
    return makeFileError(jsonPath, "malformed JSON: " +
                                       llvm::toString(root.takeError()));
  auto rootObject = dyn_cast<DictionaryAttr>(*root);
  if (!rootObject)
    return makeFileError(jsonPath, "not a PIR program (not a JSON object)");
  return rootObject;
}

/// Reads one PIR program file and its parameter file into `module`.
static Error importPirProgram(ModuleOp module, StringRef jsonPath,
                              StringRef paramsPath, StringRef funcName,
                              const ImportOptions &options) {
  auto file = mapFile(jsonPath);
  if (!file)
    return file.takeError();
  auto parsed = parseProgramText(module.getContext(), (*file)->getBuffer(),
                                 jsonPath);
  if (!parsed)
    return parsed.takeError();
  DictionaryAttr rootObject = *parsed;
  // The parameter file holds the saved parameters, sorted by name.
  std::vector<MappedTensor> params;
  if (!paramsPath.empty()) {
    std::vector<std::string> names;
    collectSavedParameters(rootObject, names);
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
  return PirImporter(module, jsonPath).run(rootObject, params, funcName);
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

Expected<OwningOpRef<ModuleOp>>
pd::importPirProgramText(MLIRContext &context, StringRef text,
                         StringRef fileName) {
  context.getOrLoadDialect<PdDialect>();
  context.getOrLoadDialect<func::FuncDialect>();
  OwningOpRef<ModuleOp> module =
      ModuleOp::create(FileLineColLoc::get(&context, fileName, 0, 0));
  auto root = parseProgramText(&context, text, fileName);
  if (!root)
    return root.takeError();
  if (Error err = PirImporter(*module, fileName)
                      .run(*root, {}, kForwardFuncName))
    return std::move(err);
  return module;
}

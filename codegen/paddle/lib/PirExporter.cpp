//===- PirExporter.cpp - pd dialect -> Paddle 3 PIR JSON --------------------===//

#include "pd/Codegen/Paddle/PirExporter.h"

#include "pd/Dialect/JsonAttributes.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Runtime/TensorRecord.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace pd;
namespace json = llvm::json;

namespace {

llvm::Error exportError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// PIR's spelling of a dense tensor type (layout NCHW, no LoD, offset 0).
std::optional<json::Value> typeToJson(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return std::nullopt;
  std::optional<int32_t> code = paddleDataTypeOf(tensor.getElementType());
  std::string name = code ? runtime::pirElementName(*code) : "";
  if (name.empty())
    return std::nullopt;
  json::Array dims;
  for (int64_t d : paddleDims(tensor.getShape()))
    dims.push_back(d);
  return json::Value(json::Object{
      {"#", "0.t_dtensor"},
      {"D", json::Array{json::Object{{"#", std::move(name)}}, std::move(dims), "NCHW",
                        json::Array(), 0}}});
}

class PirExporter {
public:
  llvm::Expected<json::Value> run(ModuleOp module, func::FuncOp func);

private:
  llvm::Expected<json::Object> exportBlock(Block &block);
  llvm::Expected<json::Object> exportOp(Operation *op);

  // Results count up from 1, block arguments down from -1; regions and
  // blocks are numbered in the order they are written.
  int64_t nextValue = 1, nextArgument = -1;
  int64_t nextRegion = 0, nextBlock = 0;
  llvm::DenseMap<Value, int64_t> ids;
};

} // namespace

llvm::Expected<json::Object> PirExporter::exportOp(Operation *op) {
  auto recorded = op->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  if (!recorded) {
    std::string name;
    llvm::raw_string_ostream(name) << op->getName();
    return exportError("'" + name + "' was not imported from a PIR program: "
                       "writing it as PIR is not supported yet");
  }
  std::optional<json::Value> base = jsonFromAttribute(recorded);
  if (!base || !base->getAsObject())
    return exportError("malformed pd.pir record");
  json::Object out = std::move(*base->getAsObject());
  SmallVector<int32_t> nulls;
  if (auto n = out.getArray("nulls")) {
    for (const json::Value &v : *n)
      nulls.push_back(int32_t(*v.getAsInteger()));
    out.erase("nulls");
  }

  if (isa<GetParameterOp>(op)) {
    // builtin.parameter: a single result object.
    json::Object *result = out.getObject("O");
    if (!result)
      return exportError("malformed parameter record");
    ids[op->getResult(0)] = nextValue;
    (*result)["%"] = nextValue++;
    return out;
  }

  json::Array inputs;
  auto operand = op->operand_begin();
  size_t total = op->getNumOperands() + nulls.size();
  for (size_t i = 0; i < total; ++i) {
    if (llvm::is_contained(nulls, int32_t(i))) {
      inputs.push_back(json::Object{{"%", 0}});
      continue;
    }
    auto it = ids.find(*operand++);
    if (it == ids.end())
      return exportError("an operand of '" +
                         op->getAttrOfType<StringAttr>("type").str() +
                         "' has no PIR value");
    inputs.push_back(json::Object{{"%", it->second}});
  }
  out["I"] = std::move(inputs);

  json::Array *results = out.getArray("O");
  if (results && results->size() != op->getNumResults())
    return exportError("pd.pir record disagrees with the op's results");
  for (auto [i, result] : llvm::enumerate(op->getResults())) {
    ids[result] = nextValue;
    (*(*results)[i].getAsObject())["%"] = nextValue++;
  }

  if (op->getNumRegions()) {
    json::Array regions;
    for (Region &region : op->getRegions()) {
      json::Array blocks;
      std::string name = llvm::formatv("region_{0}", nextRegion++);
      for (Block &block : region) {
        auto json = exportBlock(block);
        if (!json)
          return json.takeError();
        blocks.push_back(std::move(*json));
      }
      regions.push_back(json::Object{{"#", name}, {"blocks", std::move(blocks)}});
    }
    out["regions"] = std::move(regions);
  }
  return out;
}

llvm::Expected<json::Object> PirExporter::exportBlock(Block &block) {
  json::Object out{{"#", llvm::formatv("block_{0}", nextBlock++).str()}};
  json::Array args;
  for (BlockArgument arg : block.getArguments()) {
    auto type = typeToJson(arg.getType());
    if (!type)
      return exportError("a block argument's type has no PIR spelling");
    ids[arg] = nextArgument;
    args.push_back(json::Object{{"#", nextArgument--}, {"TT", std::move(*type)}});
  }
  out["args"] = std::move(args);
  json::Array ops;
  for (Operation &op : block) {
    if (isa<func::ReturnOp>(op))
      continue;
    auto json = exportOp(&op);
    if (!json)
      return json.takeError();
    ops.push_back(std::move(*json));
  }
  out["ops"] = std::move(ops);
  return out;
}

llvm::Expected<json::Value> PirExporter::run(ModuleOp module,
                                             func::FuncOp func) {
  // A method whose base_code differed from the module's carries its own.
  auto base = func->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  if (!base)
    base = module->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  std::optional<json::Value> baseJson =
      base ? jsonFromAttribute(base) : std::nullopt;
  if (!baseJson)
    return exportError("the module was not imported from a PIR program: "
                       "writing it as PIR is not supported yet");
  std::string region = llvm::formatv("region_{0}", nextRegion++);
  auto block = exportBlock(func.getBody().front());
  if (!block)
    return block.takeError();
  json::Array blocks;
  blocks.push_back(std::move(*block));
  json::Array regions;
  regions.push_back(json::Object{{"#", region}, {"blocks", std::move(blocks)}});
  return json::Value(json::Object{
      {"base_code", std::move(*baseJson)},
      {"program", json::Object{{"regions", std::move(regions)}}}});
}

llvm::Expected<json::Value> pd::exportPirProgram(ModuleOp module,
                                                 func::FuncOp func) {
  return PirExporter().run(module, func);
}

std::vector<std::string> pd::pirParameterNames(func::FuncOp func) {
  std::vector<std::string> names;
  func.walk([&](GetParameterOp read) { names.push_back(read.getName().str()); });
  llvm::sort(names);
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

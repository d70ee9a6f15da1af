//===- PirExporter.cpp - pd dialect -> Paddle 3 PIR JSON --------------------===//
//
// The program is built in the JSON attribute encoding (JsonAttributes.h),
// from each op's record plus the numbers the exporter gives, and printed as
// Paddle prints it, so a program imported from PIR comes back byte for byte.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Paddle/PirExporter.h"

#include "pd/Dialect/JsonAttributes.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Runtime/TensorRecord.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace pd;

namespace {

llvm::Error exportError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

class PirExporter {
public:
  explicit PirExporter(MLIRContext *ctx) : ctx(ctx), b(ctx) {}
  llvm::Expected<DictionaryAttr> run(ModuleOp module, func::FuncOp func);

private:
  llvm::Expected<DictionaryAttr> exportBlock(Block &block);
  llvm::Expected<DictionaryAttr> exportOp(Operation *op);
  /// {"%": id} and friends.
  DictionaryAttr object(ArrayRef<NamedAttribute> fields) {
    return b.getDictionaryAttr(fields);
  }
  NamedAttribute field(StringRef key, Attribute value) {
    return b.getNamedAttr(key, value);
  }
  Attribute integer(int64_t v) { return b.getI64IntegerAttr(v); }
  /// A result object of a record with its value number put back.
  Attribute numbered(Attribute result, int64_t id) {
    NamedAttrList fields(cast<DictionaryAttr>(result));
    fields.set("%", integer(id));
    return fields.getDictionary(ctx);
  }

  MLIRContext *ctx;
  Builder b;
  // Results count up from 1, block arguments down from -1; regions and
  // blocks are numbered in the order they are written.
  int64_t nextValue = 1, nextArgument = -1;
  int64_t nextRegion = 0, nextBlock = 0;
  llvm::DenseMap<Value, int64_t> ids;
};

/// PIR's spelling of a dense tensor type (layout NCHW, no LoD, offset 0).
std::optional<DictionaryAttr> typeToJson(Builder &b, Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return std::nullopt;
  std::optional<int32_t> code = paddleDataTypeOf(tensor.getElementType());
  std::string name = code ? runtime::pirElementName(*code) : "";
  if (name.empty())
    return std::nullopt;
  SmallVector<Attribute> dims;
  for (int64_t d : paddleDims(tensor.getShape()))
    dims.push_back(b.getI64IntegerAttr(d));
  Attribute element =
      b.getDictionaryAttr(b.getNamedAttr("#", b.getStringAttr(name)));
  return b.getDictionaryAttr(
      {b.getNamedAttr("#", b.getStringAttr("0.t_dtensor")),
       b.getNamedAttr("D", b.getArrayAttr({element, b.getArrayAttr(dims),
                                           b.getStringAttr("NCHW"),
                                           b.getArrayAttr({}),
                                           b.getI64IntegerAttr(0)}))});
}

} // namespace

llvm::Expected<DictionaryAttr> PirExporter::exportOp(Operation *op) {
  auto recorded = op->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  if (!recorded) {
    std::string name;
    llvm::raw_string_ostream(name) << op->getName();
    return exportError("'" + name + "' was not imported from a PIR program: "
                       "writing it as PIR is not supported yet");
  }
  NamedAttrList out(recorded);
  ArrayRef<int32_t> nulls;
  if (Attribute n = out.erase(PdDialect::kPirNullsKey)) {
    auto positions = dyn_cast<DenseI32ArrayAttr>(n);
    if (!positions)
      return exportError("malformed pd.pir record (nulls)");
    nulls = positions.asArrayRef();
  }

  if (isa<GetParameterOp>(op)) {
    // builtin.parameter: a single result object.
    auto result = dyn_cast_if_present<DictionaryAttr>(out.get("O"));
    if (!result)
      return exportError("malformed parameter record");
    ids[op->getResult(0)] = nextValue;
    out.set("O", numbered(result, nextValue++));
    return out.getDictionary(ctx);
  }

  SmallVector<Attribute> inputs;
  auto operand = op->operand_begin();
  size_t total = op->getNumOperands() + nulls.size();
  for (size_t i = 0; i < total; ++i) {
    if (llvm::is_contained(nulls, int32_t(i))) {
      inputs.push_back(object(field("%", integer(0))));
      continue;
    }
    if (operand == op->operand_end())
      return exportError("pd.pir record disagrees with the op's operands");
    auto it = ids.find(*operand++);
    if (it == ids.end())
      return exportError("an operand of '" +
                         op->getAttrOfType<StringAttr>("type").str() +
                         "' has no PIR value");
    inputs.push_back(object(field("%", integer(it->second))));
  }
  out.set("I", b.getArrayAttr(inputs));

  auto results = dyn_cast_if_present<ArrayAttr>(out.get("O"));
  if (op->getNumResults() && (!results || results.size() != op->getNumResults()))
    return exportError("pd.pir record disagrees with the op's results");
  if (results) {
    SmallVector<Attribute> numberedResults;
    for (auto [result, recordedResult] : llvm::zip(op->getResults(), results)) {
      if (!isa<DictionaryAttr>(recordedResult))
        return exportError("malformed pd.pir record (results)");
      ids[result] = nextValue;
      numberedResults.push_back(numbered(recordedResult, nextValue++));
    }
    out.set("O", b.getArrayAttr(numberedResults));
  }

  if (op->getNumRegions()) {
    SmallVector<Attribute> regions;
    for (Region &region : op->getRegions()) {
      SmallVector<Attribute> blocks;
      std::string name = llvm::formatv("region_{0}", nextRegion++);
      for (Block &block : region) {
        auto json = exportBlock(block);
        if (!json)
          return json.takeError();
        blocks.push_back(*json);
      }
      regions.push_back(object({field("#", b.getStringAttr(name)),
                                field("blocks", b.getArrayAttr(blocks))}));
    }
    out.set("regions", b.getArrayAttr(regions));
  }
  return out.getDictionary(ctx);
}

llvm::Expected<DictionaryAttr> PirExporter::exportBlock(Block &block) {
  std::string name = llvm::formatv("block_{0}", nextBlock++);
  SmallVector<Attribute> args;
  for (BlockArgument arg : block.getArguments()) {
    auto type = typeToJson(b, arg.getType());
    if (!type)
      return exportError("a block argument's type has no PIR spelling");
    ids[arg] = nextArgument;
    args.push_back(
        object({field("#", integer(nextArgument--)), field("TT", *type)}));
  }
  SmallVector<Attribute> ops;
  for (Operation &op : block) {
    if (isa<func::ReturnOp>(op))
      continue;
    auto json = exportOp(&op);
    if (!json)
      return json.takeError();
    ops.push_back(*json);
  }
  return object({field("#", b.getStringAttr(name)),
                 field("args", b.getArrayAttr(args)),
                 field("ops", b.getArrayAttr(ops))});
}

llvm::Expected<DictionaryAttr> PirExporter::run(ModuleOp module,
                                                func::FuncOp func) {
  // A method whose base_code differed from the module's carries its own.
  auto base = func->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  if (!base)
    base = module->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  if (!base)
    return exportError("the module was not imported from a PIR program: "
                       "writing it as PIR is not supported yet");
  std::string region = llvm::formatv("region_{0}", nextRegion++);
  auto block = exportBlock(func.getBody().front());
  if (!block)
    return block.takeError();
  Attribute regions = b.getArrayAttr(object(
      {field("#", b.getStringAttr(region)),
       field("blocks", b.getArrayAttr({*block}))}));
  return object({field("base_code", base),
                 field("program", object(field("regions", regions)))});
}

llvm::Error pd::writePirProgram(ModuleOp module, func::FuncOp func,
                                llvm::raw_ostream &os) {
  auto program = PirExporter(module.getContext()).run(module, func);
  if (!program)
    return program.takeError();
  return printJsonAttribute(*program, os);
}

std::vector<std::string> pd::pirParameterNames(func::FuncOp func) {
  std::vector<std::string> names;
  func.walk([&](GetParameterOp read) {
    // Paddle saves persistable parameters only ("OA": [persistable, ...]).
    auto record = read->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
    auto flags = record ? record.getAs<ArrayAttr>("OA") : nullptr;
    if (flags && !flags.empty() && jsonInteger(flags[0]) == 0)
      return;
    names.push_back(read.getName().str());
  });
  llvm::sort(names);
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

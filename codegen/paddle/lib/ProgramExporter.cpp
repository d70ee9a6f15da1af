//===- ProgramExporter.cpp - pd dialect -> ProgramDesc ----------------------===//
//
// The inverse of the importer: `@forward`'s body becomes block 0, each op an
// OpDesc whose slots come from the op table (typed ops) or from the op itself
// (pd.generic). Where `pd.wire` records how the original file deviated from
// the canonical layout (sorted non-empty slots, sorted attributes), the file's
// layout is written back.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Paddle/ProgramExporter.h"

#include "AttributeExport.h"

#include "pd/Dialect/OpTable.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Frontend/UnknownFields.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <map>

using namespace mlir;
using namespace pd;
using llvm::Error;
using llvm::Expected;
using llvm::formatv;

static Error exportError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static std::string describe(Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "'" << op->getName() << "' at " << op->getLoc();
  return s;
}

namespace {

/// Puts back the fields of `message` (and below) that pd's schema does not
/// know, recorded as `{path: bytes}` under `unknown` in `record`.
void exportUnknownFields(DictionaryAttr record,
                         google::protobuf::Message &message) {
  auto unknown = record ? record.getAs<DictionaryAttr>(PdDialect::kUnknownFieldsKey)
                        : nullptr;
  if (!unknown)
    return;
  std::vector<UnknownFields> fields;
  for (NamedAttribute entry : unknown)
    if (auto bytes = dyn_cast<StringAttr>(entry.getValue()))
      fields.push_back({entry.getName() == "." ? "" : entry.getName().str(),
                        bytes.str()});
  restoreUnknownFields(message, fields);
}

//===----------------------------------------------------------------------===//
// Variables
//===----------------------------------------------------------------------===//

/// `written`: the dims the file had where they differ from Paddle's -1
/// for unknown (Paddle 2.x writes -2 for an unknown dim times 2); they are
/// kept where the type still has the dim unknown.
void exportTensorDesc(RankedTensorType type, proto::VarType::TensorDesc &desc,
                      DenseI64ArrayAttr written = {}) {
  desc.set_data_type(
      proto::VarType::Type(*paddleDataTypeOf(type.getElementType())));
  SmallVector<int64_t> dims = paddleDims(type.getShape());
  bool keep = written && written.size() == int64_t(dims.size());
  for (auto [i, dim] : llvm::enumerate(dims))
    desc.add_dims(keep && dim == -1 && written[i] < 0 ? written[i] : dim);
}

Error exportVar(VarAttr var, proto::VarDesc &out) {
  out.set_name(var.getName().str());
  proto::VarType &vt = *out.mutable_type();
  DictionaryAttr fields = var.getFields();
  auto lodLevel = fields ? fields.getAs<IntegerAttr>("lod_level") : nullptr;
  Type type = var.getType();
  auto badType = [&] {
    return exportError(formatv("variable '{0}' has a type Paddle cannot "
                               "describe",
                               var.getName()));
  };
  if (auto tensor = dyn_cast<RankedTensorType>(type)) {
    if (!paddleDataTypeOf(tensor.getElementType()))
      return badType();
    vt.set_type(proto::VarType::LOD_TENSOR);
    exportTensorDesc(tensor, *vt.mutable_lod_tensor()->mutable_tensor(),
                     fields ? fields.getAs<DenseI64ArrayAttr>("dims")
                            : DenseI64ArrayAttr());
    if (lodLevel)
      vt.mutable_lod_tensor()->set_lod_level(lodLevel.getInt());
  } else if (auto object = dyn_cast<ObjectType>(type)) {
    std::optional<int32_t> kind = varKindCode(object.getKind());
    if (!kind || !proto::VarType::Type_IsValid(*kind))
      return badType();
    vt.set_type(proto::VarType::Type(*kind));
    if (auto element =
            dyn_cast_if_present<RankedTensorType>(object.getElement())) {
      if (!paddleDataTypeOf(element.getElementType()))
        return badType();
      proto::VarType::TensorDesc *desc = nullptr;
      switch (vt.type()) {
      case proto::VarType::LOD_TENSOR:
        desc = vt.mutable_lod_tensor()->mutable_tensor();
        break;
      case proto::VarType::LOD_TENSOR_ARRAY:
        desc = vt.mutable_tensor_array()->mutable_tensor();
        break;
      case proto::VarType::SELECTED_ROWS: desc = vt.mutable_selected_rows(); break;
      case proto::VarType::STRING: desc = vt.mutable_string(); break;
      case proto::VarType::STRINGS: desc = vt.mutable_strings(); break;
      case proto::VarType::VOCAB: desc = vt.mutable_vocab(); break;
      case proto::VarType::SPARSE_COO: desc = vt.mutable_sparse_coo(); break;
      case proto::VarType::SPARSE_CSR: desc = vt.mutable_sparse_csr(); break;
      default: return badType();
      }
      exportTensorDesc(element, *desc);
    }
    if (lodLevel && vt.has_lod_tensor())
      vt.mutable_lod_tensor()->set_lod_level(lodLevel.getInt());
    if (lodLevel && vt.has_tensor_array())
      vt.mutable_tensor_array()->set_lod_level(lodLevel.getInt());
  } else {
    return badType();
  }
  if (!fields)
    return Error::success();
  if (auto v = fields.getAs<BoolAttr>("persistable"))
    out.set_persistable(v.getValue());
  if (auto v = fields.getAs<BoolAttr>("need_check_feed"))
    out.set_need_check_feed(v.getValue());
  if (auto v = fields.getAs<BoolAttr>("is_parameter"))
    out.set_is_parameter(v.getValue());
  if (auto v = fields.getAs<BoolAttr>("stop_gradient"))
    out.set_stop_gradient(v.getValue());
  if (auto attrs = fields.getAs<ArrayAttr>("attrs"))
    for (Attribute a : attrs) {
      auto dict = dyn_cast<DictionaryAttr>(a);
      auto name = dict ? dict.getAs<StringAttr>("name") : nullptr;
      auto kind = dict ? dict.getAs<IntegerAttr>("type") : nullptr;
      if (!name || !kind || !proto::AttrType_IsValid(kind.getInt()))
        return badType();
      proto::VarDesc::Attr &attr = *out.add_attrs();
      attr.set_name(name.str());
      attr.set_type(proto::AttrType(kind.getInt()));
      if (auto i = dict.getAs<IntegerAttr>("i"))
        attr.set_i(i.getInt());
      if (auto s = dict.getAs<StringAttr>("s"))
        attr.set_s(s.str());
      if (auto ints = dict.getAs<DenseI32ArrayAttr>("ints"))
        for (int32_t v : ints.asArrayRef())
          attr.add_ints(v);
    }
  exportUnknownFields(fields, out);
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Blocks and ops
//===----------------------------------------------------------------------===//

class ProgramExporter {
public:
  explicit ProgramExporter(func::FuncOp func) : func(func) {}

  Expected<proto::ProgramDesc> run(ModuleOp module);

private:
  Error exportBlock(Block &body, ArrayAttr vars, proto::BlockDesc &block);
  Error exportOp(Operation *op, proto::BlockDesc &block);
  Expected<std::string> nameOf(Value value);
  /// Reserves the index sub-block `info` is written as.
  int32_t assignBlockIndex(DictionaryAttr info);

  func::FuncOp func;
  /// Per block being written, innermost last: the variables its ops read or
  /// write, with a value of each, so that undeclared ones get a VarDesc.
  using References = std::vector<std::pair<std::string, Value>>;
  SmallVector<References, 4> openBlocks;
  std::map<int32_t, proto::BlockDesc> blocks;
  int32_t nextBlockIndex = 1;
  std::string feedHolder = "feed";
};

} // namespace

Expected<std::string> ProgramExporter::nameOf(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    if (arg.getOwner()->isEntryBlock() &&
        arg.getOwner()->getParentOp() == func.getOperation())
      if (auto name = func.getArgAttrOfType<StringAttr>(
              arg.getArgNumber(), PdDialect::kNameArgAttrName))
        return name.str();
    return exportError(formatv("argument #{0} of @{1} has no variable name "
                               "(pd.name)",
                               arg.getArgNumber(), func.getSymName()));
  }
  Operation *def = value.getDefiningOp();
  if (auto read = dyn_cast<GetParameterOp>(def))
    return read.getName().str();
  auto names = def->getAttrOfType<ArrayAttr>(PdDialect::kNamesAttrName);
  unsigned index = cast<OpResult>(value).getResultNumber();
  if (!names || index >= names.size() || !isa<StringAttr>(names[index]))
    return exportError("result of " + describe(def) +
                       " has no variable name (pd.names)");
  return cast<StringAttr>(names[index]).str();
}

int32_t ProgramExporter::assignBlockIndex(DictionaryAttr info) {
  int32_t idx = nextBlockIndex;
  if (auto recorded = info ? info.getAs<IntegerAttr>("idx") : nullptr)
    if (recorded.getInt() > 0 && !blocks.count(recorded.getInt()))
      idx = recorded.getInt();
  blocks[idx].set_idx(idx);
  nextBlockIndex = std::max(nextBlockIndex, idx + 1);
  return idx;
}

/// Slot order to write: what `pd.wire` recorded, then any other non-empty
/// slot; by default the non-empty slots sorted by name.
static SmallVector<std::string>
slotOrder(const llvm::StringMap<SmallVector<std::string>> &slots,
          ArrayAttr recorded) {
  SmallVector<std::string> order;
  llvm::StringSet<> seen;
  if (recorded)
    for (Attribute a : recorded)
      if (auto name = dyn_cast<StringAttr>(a);
          name && slots.count(name) && seen.insert(name).second)
        order.push_back(name.str());
  SmallVector<std::string> rest;
  for (const auto &slot : slots)
    if (!slot.second.empty() && !seen.count(slot.first()))
      rest.push_back(slot.first().str());
  llvm::sort(rest);
  order.append(rest.begin(), rest.end());
  return order;
}

/// Splits an op's operands (or results) into its table slots.
static SmallVector<ValueRange>
splitIntoSlots(Operation *op, ArrayRef<SlotSchema> slots, ValueRange values,
               StringRef segmentAttr) {
  SmallVector<int64_t> sizes;
  if (auto segments = op->getInherentAttr(segmentAttr)) {
    for (int32_t size : cast<DenseI32ArrayAttr>(*segments).asArrayRef())
      sizes.push_back(size);
  } else {
    // At most one slot is not Single (ODS requires segment sizes otherwise).
    int64_t fixed = llvm::count_if(
        slots, [](const SlotSchema &s) { return s.arity == SlotArity::Single; });
    for (const SlotSchema &slot : slots)
      sizes.push_back(slot.arity == SlotArity::Single
                          ? 1
                          : int64_t(values.size()) - fixed);
  }
  SmallVector<ValueRange> groups;
  size_t start = 0;
  for (int64_t size : sizes) {
    groups.push_back(values.slice(start, size));
    start += size;
  }
  return groups;
}

Error ProgramExporter::exportOp(Operation *op, proto::BlockDesc &block) {
  auto wire = op->getAttrOfType<DictionaryAttr>(PdDialect::kWireAttrName);
  auto recorded = [&](StringRef key) -> Attribute {
    return wire ? wire.get(key) : Attribute();
  };
  auto generic = dyn_cast<GenericOp>(op);
  const OpSchema *schema =
      generic ? nullptr : lookupOpSchemaByOpName(op->getName().getStringRef());
  if (!generic && !schema)
    return exportError(describe(op) + " is not a Paddle op");

  proto::OpDesc &desc = *block.add_ops();
  desc.set_type(generic ? generic.getType().str() : schema->paddleType.str());

  // Slots: name -> variable names.
  llvm::StringMap<SmallVector<std::string>> inputs, outputs;
  ArrayAttr inputOrder = dyn_cast_if_present<ArrayAttr>(recorded("inputs"));
  ArrayAttr outputOrder = dyn_cast_if_present<ArrayAttr>(recorded("outputs"));
  auto collect = [&](llvm::StringMap<SmallVector<std::string>> &slots,
                     StringRef slot, ValueRange values) -> Error {
    SmallVector<std::string> &names = slots[slot];
    for (Value v : values) {
      if (isa<FeedOp>(op) && isa<BlockArgument>(v)) {
        openBlocks.back().emplace_back(feedHolder, nullptr);
        names.push_back(feedHolder);
        continue;
      }
      if (isa<FetchOp>(op) && isa<OpResult>(v) && v.getDefiningOp() == op) {
        openBlocks.back().emplace_back("fetch", nullptr);
        names.push_back("fetch");
        continue;
      }
      auto name = nameOf(v);
      if (!name)
        return name.takeError();
      openBlocks.back().emplace_back(*name, v);
      names.push_back(std::move(*name));
    }
    return Error::success();
  };
  if (generic) {
    inputOrder = generic.getInputs();
    outputOrder = generic.getOutputs();
    size_t start = 0;
    for (auto [slot, size] :
         llvm::zip(generic.getInputs(), generic.getInputSizes())) {
      if (Error err = collect(inputs, cast<StringAttr>(slot),
                              op->getOperands().slice(start, size)))
        return err;
      start += size;
    }
    start = 0;
    for (auto [slot, size] :
         llvm::zip(generic.getOutputs(), generic.getOutputSizes())) {
      if (Error err = collect(outputs, cast<StringAttr>(slot),
                              op->getResults().slice(start, size)))
        return err;
      start += size;
    }
  } else {
    for (auto [slot, values] : llvm::zip(
             schema->inputs, splitIntoSlots(op, schema->inputs,
                                            op->getOperands(),
                                            "operandSegmentSizes")))
      if (Error err = collect(inputs, slot.name, values))
        return err;
    for (auto [slot, values] : llvm::zip(
             schema->outputs, splitIntoSlots(op, schema->outputs,
                                             op->getResults(),
                                             "resultSegmentSizes")))
      if (Error err = collect(outputs, slot.name, values))
        return err;
  }
  for (const std::string &slot : slotOrder(inputs, inputOrder)) {
    proto::OpDesc::Var &var = *desc.add_inputs();
    var.set_parameter(slot);
    for (const std::string &name : inputs[slot])
      var.add_arguments(name);
  }
  for (const std::string &slot : slotOrder(outputs, outputOrder)) {
    proto::OpDesc::Var &var = *desc.add_outputs();
    var.set_parameter(slot);
    for (const std::string &name : outputs[slot])
      var.add_arguments(name);
  }

  // Sub-blocks (generic ops only): each region becomes a block.
  SmallVector<int32_t> blockIds;
  auto blockInfos = dyn_cast_if_present<ArrayAttr>(recorded("blocks"));
  for (Region &region : op->getRegions()) {
    DictionaryAttr info;
    if (blockInfos && region.getRegionNumber() < blockInfos.size())
      info = dyn_cast<DictionaryAttr>(blockInfos[region.getRegionNumber()]);
    int32_t idx = assignBlockIndex(info);
    blockIds.push_back(idx);
    proto::BlockDesc &sub = blocks[idx];
    auto parent = info ? info.getAs<IntegerAttr>("parent_idx") : nullptr;
    sub.set_parent_idx(parent ? parent.getInt() : block.idx());
    if (auto fwd = info ? info.getAs<IntegerAttr>("forward_block_idx")
                        : nullptr)
      sub.set_forward_block_idx(fwd.getInt());
    if (region.empty())
      region.emplaceBlock();
    if (Error err = exportBlock(
            region.front(),
            info ? info.getAs<ArrayAttr>("vars") : ArrayAttr(), sub))
      return err;
    exportUnknownFields(info, sub);
  }

  // Attributes: the Paddle ones, op_callstack from the location, in the
  // recorded order (or sorted), each as the kind recorded (or implied).
  llvm::StringMap<Attribute> attrs;
  DictionaryAttr paddleAttrs =
      generic ? generic.getAttrs() : op->getAttrDictionary();
  for (NamedAttribute attr : paddleAttrs) {
    StringRef name = attr.getName();
    if (!generic && (name.starts_with("pd.") || name == "operandSegmentSizes" ||
                     name == "resultSegmentSizes"))
      continue;
    attrs[name] = attr.getValue();
  }
  std::optional<SmallVector<std::string>> callstack = pd::detail::callstackOf(op->getLoc());
  SmallVector<std::string> attrNames;
  llvm::StringSet<> seen;
  auto hasAttr = [&](StringRef name) {
    return attrs.count(name) || (name == "op_callstack" && callstack);
  };
  if (auto order = dyn_cast_if_present<ArrayAttr>(recorded("attrs")))
    for (Attribute a : order)
      if (auto name = dyn_cast<StringAttr>(a);
          name && hasAttr(name) && seen.insert(name).second)
        attrNames.push_back(name.str());
  SmallVector<std::string> rest;
  for (const auto &attr : attrs)
    if (!seen.count(attr.first()))
      rest.push_back(attr.first().str());
  if (callstack && !seen.count("op_callstack"))
    rest.push_back("op_callstack");
  llvm::sort(rest);
  attrNames.append(rest.begin(), rest.end());

  auto types = dyn_cast_if_present<DictionaryAttr>(recorded("types"));
  for (const std::string &name : attrNames) {
    proto::OpDesc::Attr &out = *desc.add_attrs();
    if (name == "op_callstack" && callstack) {
      out.set_name(name);
      out.set_type(proto::STRINGS);
      for (const std::string &frame : *callstack)
        out.add_strings(frame);
      continue;
    }
    Attribute value = attrs[name];
    std::optional<AttrType> type = inferAttrType(value);
    if (auto kind = types ? types.getAs<IntegerAttr>(name) : nullptr)
      type = AttrType(kind.getInt());
    if (!type || !pd::detail::exportAttribute(name, value, *type, blockIds, out))
      return exportError(formatv("attribute '{0}' of {1} cannot be written "
                                 "as a Paddle attribute",
                                 name, describe(op)));
  }
  if (auto target = dyn_cast_if_present<BoolAttr>(recorded("is_target")))
    desc.set_is_target(target.getValue());
  exportUnknownFields(wire, desc);
  return Error::success();
}

/// A VarDesc for a variable that `pd.vars` does not declare (IR written by
/// hand or created by a pass), from the type of a value of it.
static Error deriveVar(StringRef name, Value value, MLIRContext *ctx,
                       proto::VarDesc &out) {
  Builder b(ctx);
  Type type;
  bool persistable = false;
  if (!value) { // the feed/fetch holders
    type = ObjectType::get(ctx, name == "fetch" ? "FETCH_LIST" : "FEED_MINIBATCH",
                           Type());
    persistable = true;
  } else {
    type = value.getType();
    persistable = isa_and_present<GetParameterOp>(value.getDefiningOp());
  }
  return exportVar(VarAttr::get(ctx, name, type,
                                b.getDictionaryAttr(b.getNamedAttr(
                                    "persistable", b.getBoolAttr(persistable)))),
                   out);
}

Error ProgramExporter::exportBlock(Block &body, ArrayAttr vars,
                                   proto::BlockDesc &block) {
  if (vars)
    for (Attribute a : vars) {
      auto var = dyn_cast<VarAttr>(a);
      if (!var)
        return exportError("pd.vars holds a non-#pd.var entry");
      if (Error err = exportVar(var, *block.add_vars()))
        return err;
    }
  openBlocks.emplace_back();
  auto close = llvm::make_scope_exit([&] { openBlocks.pop_back(); });
  for (Operation &op : body) {
    if (isa<GetParameterOp, func::ReturnOp>(op))
      continue;
    if (Error err = exportOp(&op, block))
      return err;
  }

  // Variables the ops use that neither this block nor one enclosing it
  // declares. One an enclosing block also uses (a sub-block's output) is
  // declared there, where Paddle's lookup from both blocks finds it.
  llvm::StringSet<> declared;
  for (int32_t idx = block.idx(), guard = 0;
       blocks.count(idx) && guard <= int32_t(blocks.size());
       idx = blocks[idx].parent_idx(), ++guard)
    for (const proto::VarDesc &var : blocks[idx].vars())
      declared.insert(var.name());
  for (const References &enclosing : ArrayRef(openBlocks).drop_back())
    for (const auto &ref : enclosing)
      declared.insert(ref.first);
  for (const auto &[name, value] : openBlocks.back())
    if (declared.insert(name).second)
      if (Error err = deriveVar(name, value, func.getContext(),
                                *block.add_vars()))
        return err;
  return Error::success();
}

Expected<proto::ProgramDesc> ProgramExporter::run(ModuleOp module) {
  proto::ProgramDesc program;
  auto vars = func->getAttrOfType<ArrayAttr>(PdDialect::kVarsAttrName);
  if (vars)
    for (Attribute a : vars)
      if (auto var = dyn_cast<VarAttr>(a))
        if (auto object = dyn_cast<ObjectType>(var.getType());
            object && object.getKind() == "FEED_MINIBATCH")
          feedHolder = var.getName().str();

  proto::BlockDesc &main = blocks[0];
  main.set_idx(0);
  main.set_parent_idx(-1);
  auto info = func->getAttrOfType<DictionaryAttr>(PdDialect::kBlockAttrName);
  if (auto fwd = info ? info.getAs<IntegerAttr>("forward_block_idx") : nullptr)
    main.set_forward_block_idx(fwd.getInt());
  if (func.getBody().empty())
    return exportError("@" + func.getSymName() + " has no body");
  if (Error err = exportBlock(func.getBody().front(), vars, main))
    return std::move(err);
  exportUnknownFields(info, main);
  for (auto &[idx, block] : blocks)
    *program.add_blocks() = std::move(block);
  exportUnknownFields(
      func->getAttrOfType<DictionaryAttr>(PdDialect::kWireAttrName), program);

  // A method whose program differed from the module's first one carries its
  // own version and op version map.
  auto programAttr = [&](StringRef name) -> Attribute {
    if (Attribute own = func->getAttr(name))
      return own;
    return module->getAttr(name);
  };
  if (Attribute version = programAttr(PdDialect::kProgramVersionAttrName)) {
    proto::Version &v = *program.mutable_version();
    if (auto i = dyn_cast<IntegerAttr>(version))
      v.set_version(i.getInt());
  }
  if (auto map = dyn_cast_if_present<ArrayAttr>(
          programAttr(PdDialect::kOpVersionMapAttrName))) {
    proto::OpVersionMap &versions = *program.mutable_op_version_map();
    for (Attribute entry : map) {
      auto pair = dyn_cast<ArrayAttr>(entry);
      if (!pair || pair.size() != 2 || !isa<StringAttr>(pair[0]) ||
          !isa<IntegerAttr>(pair[1]))
        return exportError("pd.op_version_map entries must be [name, version]");
      auto &out = *versions.add_pair();
      out.set_op_name(cast<StringAttr>(pair[0]).str());
      out.mutable_op_version()->set_version(cast<IntegerAttr>(pair[1]).getInt());
    }
  }
  return program;
}

Expected<proto::ProgramDesc> pd::exportProgram(ModuleOp module,
                                               func::FuncOp func) {
  return ProgramExporter(func).run(module);
}

Error pd::writeProgram(const proto::ProgramDesc &program, llvm::raw_ostream &os) {
  if (!program.IsInitialized())
    return exportError("incomplete program: missing " +
                       program.InitializationErrorString());
  std::string bytes;
  if (!program.SerializeToString(&bytes))
    return exportError("cannot serialize the program (over 2 GiB?)");
  // Protobuf writes unknown fields last; Paddle wrote them in number order.
  if (!collectUnknownFields(program).empty())
    bytes = orderFieldsByNumber(bytes, program.GetDescriptor());
  os << bytes;
  return Error::success();
}

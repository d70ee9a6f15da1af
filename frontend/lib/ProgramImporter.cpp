//===- ProgramImporter.cpp - Paddle program -> pd dialect -------------------===//
//
// Block 0 becomes a `func.func` (@forward, or the jit.save method's name):
// feed ops read function arguments, fetch ops produce the results. Each Paddle op becomes the typed op of its type
// when it fits the op table, otherwise a `pd.generic`. Paddle variables are
// not SSA; the importer keeps, per block, the latest value of each variable
// name. Everything needed to write the program back byte for byte that the
// IR does not already say (VarDescs, slot and attribute order, attribute
// kinds, sub-block numbering) goes into `pd.vars` and `pd.wire`.
//
//===----------------------------------------------------------------------===//

#include "pd/Frontend/ProgramImporter.h"

#include "AttributeImport.h"
#include "pd/Frontend/ParameterBinding.h"
#include "pd/Frontend/PersistableNames.h"
#include "pd/Frontend/UnknownFields.h"

#include "pd/Dialect/OpTable.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Dialect/SourceLocation.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <map>

using namespace mlir;
using namespace pd;
using llvm::Error;
using llvm::Expected;
using llvm::formatv;
using llvm::StringMap;

namespace {

/// Lexical scope of variable values: a block sees its own and its parents'.
struct Scope {
  Scope *parent = nullptr;
  StringMap<Value> values;

  Value lookup(StringRef name) const {
    for (const Scope *s = this; s; s = s->parent)
      if (Value v = s->values.lookup(name))
        return v;
    return nullptr;
  }
};

/// Real programs nest control flow a few levels deep.
constexpr size_t kMaxBlockNesting = 64;

class ProgramImporter {
public:
  ProgramImporter(ModuleOp module, const proto::ProgramDesc &program,
                  StringRef fileName)
      : ctx(module.getContext()), b(ctx), program(program),
        fileName(fileName.str()), module(module) {}

  /// Adds the program to the module as function `funcName`.
  Error run(ArrayRef<MappedTensor> params, StringRef funcName);

private:
  // Errors.
  Error error(const llvm::Twine &message) {
    return makeFileError(fileName, message);
  }
  std::string opLabel(const proto::OpDesc &desc, int blockIdx, int opIdx) {
    return formatv("block {0} op #{1} ({2})", blockIdx, opIdx, desc.type());
  }

  // Variables.
  const proto::VarDesc *findVar(int blockIdx, StringRef name) const;
  Expected<Type> typeOfVar(const proto::VarDesc &var);
  Expected<Attribute> importVarDesc(const proto::VarDesc &var);
  Expected<ArrayAttr> importVarTable(const proto::BlockDesc &block);

  // Parameters.
  Error importParameters(ArrayRef<MappedTensor> params);

  // Blocks and ops.
  Error importBlock(int blockIdx, Block *body, Scope &scope);
  Error importOp(const proto::OpDesc &desc, int blockIdx, int opIdx,
                 Scope &scope);
  Expected<Value> valueOf(StringRef name, int blockIdx, Scope &scope,
                          const std::string &label);
  Location locationOf(const proto::OpDesc &desc, StringRef label);
  Operation *createTypedOp(const OpSchema &schema, const proto::OpDesc &desc,
                           Location loc, ArrayRef<SmallVector<Value>> inputs,
                           ArrayRef<SmallVector<Type>> outputTypes,
                           ArrayRef<SmallVector<Attribute>> outputNames,
                           ArrayRef<NamedAttribute> attrs,
                           DictionaryAttr wire);

  MLIRContext *ctx;
  OpBuilder b;
  const proto::ProgramDesc &program;
  std::string fileName;
  ModuleOp module;
  func::FuncOp func;
  SmallVector<Value> feedArgs;
  /// Fetch column -> (fetch result, name of the fetched variable).
  std::map<int, std::pair<Value, std::string>> fetchResults;
  StringMap<ParameterOp> parameters;
  /// One pd.get_parameter per parameter, at the top of the function.
  StringMap<Value> parameterReads;
  /// Variables read before any op writes them: extra function arguments.
  SmallVector<std::string> implicitInputs;
  SmallVector<Block *> blockBodies;
  /// Ops imported so far, and how many the file may give: each block once,
  /// and some slack for a block that two ops share. A file whose blocks
  /// refer to one another many times over would otherwise expand
  /// exponentially.
  size_t importedOps = 0;
  size_t maxImportedOps = 0;
};

} // namespace

/// A message's fields this schema does not know, as `{path: bytes}` ("." for
/// the message itself); null when there are none.
static DictionaryAttr
importUnknownFields(OpBuilder &b, const google::protobuf::Message &message,
                    ArrayRef<StringRef> entityFields = {}) {
  std::vector<UnknownFields> unknown =
      collectUnknownFields(message, entityFields);
  if (unknown.empty())
    return nullptr;
  SmallVector<NamedAttribute> entries;
  for (const UnknownFields &f : unknown)
    entries.push_back(b.getNamedAttr(f.path.empty() ? "." : f.path,
                                     b.getStringAttr(f.bytes)));
  return b.getDictionaryAttr(entries);
}

//===----------------------------------------------------------------------===//
// Variables
//===----------------------------------------------------------------------===//

const proto::VarDesc *ProgramImporter::findVar(int blockIdx,
                                               StringRef name) const {
  // Walk the block and its parents, as Paddle's BlockDesc::FindVarRecursive.
  for (int idx = blockIdx, guard = 0;
       idx >= 0 && idx < program.blocks_size() &&
       guard <= program.blocks_size();
       idx = program.blocks(idx).parent_idx(), ++guard)
    for (const proto::VarDesc &var : program.blocks(idx).vars())
      if (var.name() == name)
        return &var;
  return nullptr;
}

/// The TensorDesc field that describes a variable of kind `kind`, if any.
static const proto::VarType::TensorDesc *tensorDescOf(const proto::VarType &t) {
  switch (t.type()) {
  case proto::VarType::LOD_TENSOR:
    return t.has_lod_tensor() ? &t.lod_tensor().tensor() : nullptr;
  case proto::VarType::LOD_TENSOR_ARRAY:
    return t.has_tensor_array() ? &t.tensor_array().tensor() : nullptr;
  case proto::VarType::SELECTED_ROWS:
    return t.has_selected_rows() ? &t.selected_rows() : nullptr;
  case proto::VarType::STRING:
    return t.has_string() ? &t.string() : nullptr;
  case proto::VarType::STRINGS:
    return t.has_strings() ? &t.strings() : nullptr;
  case proto::VarType::VOCAB:
    return t.has_vocab() ? &t.vocab() : nullptr;
  case proto::VarType::SPARSE_COO:
    return t.has_sparse_coo() ? &t.sparse_coo() : nullptr;
  case proto::VarType::SPARSE_CSR:
    return t.has_sparse_csr() ? &t.sparse_csr() : nullptr;
  default:
    return nullptr;
  }
}

Expected<Type> ProgramImporter::typeOfVar(const proto::VarDesc &var) {
  const proto::VarType &vt = var.type();
  StringRef kind = varKindName(vt.type());
  if (kind.empty())
    return error(formatv("variable '{0}': unknown variable type {1}",
                         var.name(), int(vt.type())));
  if (vt.has_reader() || vt.has_tuple())
    return error(formatv("variable '{0}': {1} variables are not supported",
                         var.name(), kind));
  Type tensorType;
  if (const proto::VarType::TensorDesc *desc = tensorDescOf(vt)) {
    Type element = elementTypeFromPaddle(ctx, desc->data_type());
    if (!element)
      return error(formatv("variable '{0}': unknown data type {1}",
                           var.name(), int(desc->data_type())));
    SmallVector<int64_t> shape;
    // Paddle 2.x's compile-time shapes scale an unknown dim like a known
    // one (pixel_shuffle writes -1 * 2 = -2): every negative dim is unknown.
    for (int64_t dim : desc->dims())
      shape.push_back(dim < 0 ? ShapedType::kDynamic : dim);
    if (!staticSizeFits(shape))
      return error(formatv("variable '{0}': dims [{1}] hold more elements than "
                           "pd (or any machine) can address",
                           var.name(),
                           llvm::make_range(desc->dims().begin(),
                                            desc->dims().end())));
    tensorType = RankedTensorType::get(shape, element);
  }
  if (vt.type() == proto::VarType::LOD_TENSOR && tensorType)
    return tensorType;
  return ObjectType::get(ctx, kind, tensorType);
}

Expected<Attribute> ProgramImporter::importVarDesc(const proto::VarDesc &var) {
  auto type = typeOfVar(var);
  if (!type)
    return type.takeError();
  SmallVector<NamedAttribute> fields;
  auto flag = [&](bool has, StringRef name, bool value) {
    if (has)
      fields.push_back(b.getNamedAttr(name, b.getBoolAttr(value)));
  };
  flag(var.has_persistable(), "persistable", var.persistable());
  flag(var.has_need_check_feed(), "need_check_feed", var.need_check_feed());
  flag(var.has_is_parameter(), "is_parameter", var.is_parameter());
  flag(var.has_stop_gradient(), "stop_gradient", var.stop_gradient());
  const proto::VarType &vt = var.type();
  // Unknown dims written other than -1 come back as written.
  if (const proto::VarType::TensorDesc *desc = tensorDescOf(vt);
      desc && llvm::any_of(desc->dims(), [](int64_t d) { return d < -1; }))
    fields.push_back(b.getNamedAttr(
        "dims", b.getDenseI64ArrayAttr(llvm::to_vector(desc->dims()))));
  if (vt.has_lod_tensor() && vt.lod_tensor().has_lod_level())
    fields.push_back(b.getNamedAttr(
        "lod_level", b.getI32IntegerAttr(vt.lod_tensor().lod_level())));
  if (vt.has_tensor_array() && vt.tensor_array().has_lod_level())
    fields.push_back(b.getNamedAttr(
        "lod_level", b.getI32IntegerAttr(vt.tensor_array().lod_level())));
  if (var.attrs_size()) {
    SmallVector<Attribute> attrs;
    for (const proto::VarDesc::Attr &a : var.attrs()) {
      SmallVector<NamedAttribute> entry{
          b.getNamedAttr("name", b.getStringAttr(a.name())),
          b.getNamedAttr("type", b.getI32IntegerAttr(a.type()))};
      if (a.has_i())
        entry.push_back(b.getNamedAttr("i", b.getI32IntegerAttr(a.i())));
      if (a.has_s())
        entry.push_back(b.getNamedAttr("s", b.getStringAttr(a.s())));
      if (a.ints_size())
        entry.push_back(b.getNamedAttr(
            "ints", b.getDenseI32ArrayAttr(llvm::to_vector(a.ints()))));
      attrs.push_back(b.getDictionaryAttr(entry));
    }
    fields.push_back(b.getNamedAttr("attrs", b.getArrayAttr(attrs)));
  }
  if (DictionaryAttr unknown = importUnknownFields(b, var))
    fields.push_back(b.getNamedAttr(PdDialect::kUnknownFieldsKey, unknown));
  return VarAttr::get(ctx, var.name(), *type,
                      fields.empty() ? DictionaryAttr()
                                     : b.getDictionaryAttr(fields));
}

Expected<ArrayAttr> ProgramImporter::importVarTable(
    const proto::BlockDesc &block) {
  SmallVector<Attribute> vars;
  for (const proto::VarDesc &var : block.vars()) {
    auto attr = importVarDesc(var);
    if (!attr)
      return attr.takeError();
    vars.push_back(*attr);
  }
  return b.getArrayAttr(vars);
}

//===----------------------------------------------------------------------===//
// Parameters
//===----------------------------------------------------------------------===//

static std::string formatDims(ArrayRef<int64_t> dims) {
  std::string s = "[";
  llvm::interleave(
      dims, [&](int64_t d) { s += d == ShapedType::kDynamic ? "-1" : std::to_string(d); },
      [&] { s += ", "; });
  return s + "]";
}

Error ProgramImporter::importParameters(ArrayRef<MappedTensor> params) {
  StringMap<const MappedTensor *> byName;
  for (const MappedTensor &t : params)
    byName[t.name] = &t;

  b.setInsertionPointToStart(module.getBody());
  for (const std::string &name : savedPersistableNames(program)) {
    const proto::VarDesc *var = nullptr;
    for (int idx = 0; idx < program.blocks_size() && !var; ++idx)
      var = findVar(idx, name);
    auto type = typeOfVar(*var);
    if (!type)
      return type.takeError();
    auto tensorType = dyn_cast<RankedTensorType>(*type);
    const MappedTensor *tensor = byName.lookup(name);
    if (!tensorType) {
      if (tensor)
        return error(formatv("parameter '{0}' is not a dense tensor", name));
      continue;
    }
    ElementsAttr value;
    ArrayAttr lod;
    if (tensor) {
      const runtime::TensorRecordView &record = tensor->record;
      std::string where = formatv("{0}: parameter '{1}' (record at byte {2})",
                                  tensor->file->getBufferIdentifier(), name,
                                  record.offset);
      std::optional<int32_t> declared =
          paddleDataTypeOf(tensorType.getElementType());
      if (!declared || *declared != record.dataType) {
        const char *program = declared ? runtime::dataTypeName(*declared) : nullptr;
        return makeFileError(
            where, formatv("data type {0} disagrees with the program's {1}",
                           runtime::dataTypeName(record.dataType),
                           program ? program : "type"));
      }
      if (!dimsFit(tensorType, record.dims))
        return makeFileError(where,
                             formatv("dims {0} disagree with the program's {1}",
                                     formatDims(record.dims),
                                     formatDims(tensorType.getShape())));
      tensorType = RankedTensorType::get(record.dims,
                                         tensorType.getElementType());
      // The blob points into the mapping and keeps it alive: no copy.
      AsmResourceBlob blob(
          ArrayRef<char>(reinterpret_cast<const char *>(record.data),
                         record.dataSize),
          /*dataAlignment=*/1,
          [keepAlive = tensor->file](void *, size_t, size_t) {},
          /*dataIsMutable=*/false);
      value = DenseResourceElementsAttr::get(tensorType, name,
                                             std::move(blob));
      if (!record.lod.empty()) {
        SmallVector<Attribute> levels;
        for (const std::vector<uint64_t> &level : record.lod)
          levels.push_back(b.getDenseI64ArrayAttr(SmallVector<int64_t>(
              level.begin(), level.end())));
        lod = b.getArrayAttr(levels);
      }
    }
    if (ParameterOp existing = module.lookupSymbol<ParameterOp>(name)) {
      // Shared by another method of the same jit.save.
      if (existing.getType() != tensorType)
        return error(formatv("parameter '{0}' is {1} here but {2} in another "
                             "method",
                             name, formatv("{0}", tensorType).str(),
                             formatv("{0}", existing.getType()).str()));
      if (!existing.getValueAttr() && value)
        existing.setValueAttr(value);
      parameters[name] = existing;
      continue;
    }
    auto param = b.create<ParameterOp>(
        FileLineColLoc::get(ctx, fileName, 0, 0), name, tensorType, value,
        lod, /*structured_name=*/nullptr, /*trainable=*/nullptr,
        /*stop_gradient=*/nullptr);
    parameters[name] = param;
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Locations
//===----------------------------------------------------------------------===//

/// A Python traceback frame: `  File "train.py", line 12, in forward ...`.
static Location frameLocation(MLIRContext *ctx, StringRef frame) {
  static const llvm::Regex pattern("File \"([^\"]*)\", line ([0-9]+)");
  SmallVector<StringRef, 3> match;
  Location child = UnknownLoc::get(ctx);
  unsigned line = 0;
  if (pattern.match(frame, &match) && !match[2].getAsInteger(10, line))
    child = FileLineColLoc::get(ctx, match[1], line, 0);
  return NameLoc::get(StringAttr::get(ctx, frame), child);
}

Location ProgramImporter::locationOf(const proto::OpDesc &desc,
                                     StringRef label) {
  // op_callstack becomes a chain of call sites, one per frame, in file order,
  // so a diagnostic points at the user's Python line. An op without one
  // (jit.save drops them) gets its place in the program file.
  const proto::OpDesc::Attr *callstack = nullptr;
  for (const proto::OpDesc::Attr &a : desc.attrs())
    if (a.name() == "op_callstack" && a.type() == proto::STRINGS)
      callstack = &a;
  if (!callstack) // the op's place in the file is all there is
    return placeInFile(ctx, fileName, label);
  if (callstack->strings_size() == 0)
    return NameLoc::get(b.getStringAttr("op_callstack"));
  Location loc = frameLocation(ctx, callstack->strings().rbegin()->data());
  for (int i = callstack->strings_size() - 2; i >= 0; --i)
    loc = CallSiteLoc::get(frameLocation(ctx, callstack->strings(i)), loc);
  return loc;
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

Expected<Value> ProgramImporter::valueOf(StringRef name, int blockIdx,
                                         Scope &scope,
                                         const std::string &label) {
  if (Value v = scope.lookup(name))
    return v;
  const proto::VarDesc *var = findVar(blockIdx, name);
  if (!var)
    return error(formatv("{0}: input variable '{1}' is not declared", label,
                         name));
  if (ParameterOp param = parameters.lookup(name)) {
    Value &read = parameterReads[name];
    if (!read) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&func.getBody().front());
      read = b.create<GetParameterOp>(param.getLoc(), param.getType(),
                                      param.getSymName());
    }
    return read;
  }
  // Read before anything writes it: the caller provides it (a data variable
  // fed without a feed op, as in programs saved for training).
  auto type = typeOfVar(*var);
  if (!type)
    return type.takeError();
  Value arg = func.getBody().front().addArgument(*type, func.getLoc());
  implicitInputs.push_back(name.str());
  Scope *root = &scope;
  while (root->parent)
    root = root->parent;
  root->values[name] = arg;
  return arg;
}

/// The `col` attribute of a feed or fetch op (0 when absent).
static int columnOf(const proto::OpDesc &desc) {
  for (const proto::OpDesc::Attr &a : desc.attrs())
    if (a.name() == "col" && a.type() == proto::INT)
      return a.i();
  return 0;
}

static SmallVector<StringRef> slotNames(
    const google::protobuf::RepeatedPtrField<proto::OpDesc::Var> &slots) {
  SmallVector<StringRef> names;
  for (const proto::OpDesc::Var &slot : slots)
    names.push_back(slot.parameter());
  return names;
}

/// Slot order the exporter writes by default: the non-empty slots, sorted by
/// name (Paddle keeps them in a std::map).
static bool isCanonicalSlotOrder(
    const google::protobuf::RepeatedPtrField<proto::OpDesc::Var> &slots) {
  for (int i = 0; i < slots.size(); ++i) {
    if (slots[i].arguments_size() == 0)
      return false;
    if (i && !(slots[i - 1].parameter() < slots[i].parameter()))
      return false;
  }
  return true;
}

Operation *ProgramImporter::createTypedOp(
    const OpSchema &schema, const proto::OpDesc &desc, Location loc,
    ArrayRef<SmallVector<Value>> inputs,
    ArrayRef<SmallVector<Type>> outputTypes,
    ArrayRef<SmallVector<Attribute>> outputNames,
    ArrayRef<NamedAttribute> attrs, DictionaryAttr wire) {
  // Every slot in the file must be one the table declares, with an arity the
  // table allows; then operands go in table order.
  auto slotIndex = [](ArrayRef<SlotSchema> slots, StringRef name) -> int {
    for (auto [i, s] : llvm::enumerate(slots))
      if (s.name == name)
        return int(i);
    return -1;
  };
  auto fits = [](SlotArity arity, size_t n) {
    return arity == SlotArity::Variadic || n == 1 ||
           (arity == SlotArity::Optional && n == 0);
  };
  SmallVector<const SmallVector<Value> *> operandGroups(schema.inputs.size());
  for (auto [i, slot] : llvm::enumerate(desc.inputs())) {
    int idx = slotIndex(schema.inputs, slot.parameter());
    if (idx < 0 || operandGroups[idx] ||
        !fits(schema.inputs[idx].arity, inputs[i].size()))
      return nullptr;
    operandGroups[idx] = &inputs[i];
  }
  SmallVector<int> resultGroups(schema.outputs.size(), -1);
  for (auto [i, slot] : llvm::enumerate(desc.outputs())) {
    int idx = slotIndex(schema.outputs, slot.parameter());
    if (idx < 0 || resultGroups[idx] >= 0 ||
        !fits(schema.outputs[idx].arity, outputTypes[i].size()))
      return nullptr;
    resultGroups[idx] = int(i);
  }
  OperationState state(loc, schema.opName);
  SmallVector<int32_t> operandSizes, resultSizes;
  for (auto [group, slot] : llvm::zip(operandGroups, schema.inputs)) {
    if (!group && slot.arity == SlotArity::Single)
      return nullptr;
    operandSizes.push_back(group ? group->size() : 0);
    if (group)
      state.addOperands(*group);
  }
  // Results, and their variable names, in table order.
  SmallVector<Attribute> names;
  for (auto [group, slot] : llvm::zip(resultGroups, schema.outputs)) {
    if (group < 0 && slot.arity == SlotArity::Single)
      return nullptr;
    resultSizes.push_back(group < 0 ? 0 : outputTypes[group].size());
    if (group >= 0) {
      state.addTypes(outputTypes[group]);
      names.append(outputNames[group].begin(), outputNames[group].end());
    }
  }
  state.addAttribute(PdDialect::kNamesAttrName, b.getArrayAttr(names));
  std::optional<RegisteredOperationName> opName =
      RegisteredOperationName::lookup(schema.opName, ctx);
  if (opName->hasTrait<OpTrait::AttrSizedOperandSegments>())
    state.addAttribute("operandSegmentSizes",
                       b.getDenseI32ArrayAttr(operandSizes));
  if (opName->hasTrait<OpTrait::AttrSizedResultSegments>())
    state.addAttribute("resultSegmentSizes",
                       b.getDenseI32ArrayAttr(resultSizes));
  state.addAttributes(attrs);
  if (wire && !wire.empty())
    state.addAttribute(PdDialect::kWireAttrName, wire);

  Operation *op = b.create(state);
  // Attribute types outside the table's (or operands that are not tensors)
  // make the op a generic one instead; the diagnostics are not errors here.
  ScopedDiagnosticHandler quiet(ctx, [](Diagnostic &) { return success(); });
  if (failed(verify(op, /*verifyRecursively=*/false))) {
    op->erase();
    return nullptr;
  }
  return op;
}

Error ProgramImporter::importOp(const proto::OpDesc &desc, int blockIdx,
                                int opIdx, Scope &scope) {
  std::string label = opLabel(desc, blockIdx, opIdx);
  Location loc = locationOf(desc, label);
  bool isFeed = desc.type() == "feed", isFetch = desc.type() == "fetch";

  int col = columnOf(desc);
  if ((isFeed || isFetch) && blockIdx != 0)
    return error(label + ": feed and fetch ops belong in block 0");

  // Operands, slot by slot in file order.
  SmallVector<SmallVector<Value>> inputs;
  for (const proto::OpDesc::Var &slot : desc.inputs()) {
    SmallVector<Value> &values = inputs.emplace_back();
    for (const std::string &name : slot.arguments()) {
      if (isFeed) {
        if (col < 0 || size_t(col) >= feedArgs.size())
          return error(formatv("{0}: feed column {1} out of range", label,
                               col));
        values.push_back(feedArgs[col]);
        continue;
      }
      auto value = valueOf(name, blockIdx, scope, label);
      if (!value)
        return value.takeError();
      values.push_back(*value);
    }
  }
  // Result types, from the variables the op writes.
  SmallVector<SmallVector<Type>> outputTypes;
  SmallVector<SmallVector<Attribute>> outputNames;
  for (const proto::OpDesc::Var &slot : desc.outputs()) {
    SmallVector<Type> &types = outputTypes.emplace_back();
    SmallVector<Attribute> &names = outputNames.emplace_back();
    for (const std::string &name : slot.arguments()) {
      names.push_back(b.getStringAttr(name));
      if (isFetch && inputs.size() == 1 && inputs[0].size() == 1) {
        types.push_back(inputs[0][0].getType());
        continue;
      }
      const proto::VarDesc *var = findVar(blockIdx, name);
      if (!var)
        return error(formatv("{0}: output variable '{1}' is not declared",
                             label, name));
      auto type = typeOfVar(*var);
      if (!type)
        return type.takeError();
      types.push_back(*type);
    }
  }

  // Attributes, and what export needs to write them back in file order.
  SmallVector<NamedAttribute> attrs;
  SmallVector<NamedAttribute> wire;
  SmallVector<Attribute> attrOrder;
  SmallVector<NamedAttribute> attrTypes;
  SmallVector<std::pair<std::string, SmallVector<int32_t>>> blockAttrs;
  bool sorted = true;
  const OpSchema *schema = lookupOpSchema(desc.type());
  for (auto [i, a] : llvm::enumerate(desc.attrs())) {
    attrOrder.push_back(b.getStringAttr(a.name()));
    if (i && !(desc.attrs(i - 1).name() < a.name()))
      sorted = false;
    if (a.name() == "op_callstack" && a.type() == proto::STRINGS)
      continue;
    if (a.type() == proto::BLOCK || a.type() == proto::BLOCKS) {
      SmallVector<int32_t> ids;
      if (a.type() == proto::BLOCK)
        ids.push_back(a.block_idx());
      else
        ids.append(a.blocks_idx().begin(), a.blocks_idx().end());
      blockAttrs.emplace_back(a.name(), ids);
      continue;
    }
    auto value = pd::detail::importAttribute(b, a, fileName);
    if (!value)
      return value.takeError();
    Attribute attr = *value;
    if (const AttrSchema *declared = schema ? schema->findAttr(a.name())
                                            : nullptr;
        declared && declared->type != AttrType(a.type()))
      if (Attribute coerced = coerceAttribute(attr, declared->type))
        attr = coerced;
    if (inferAttrType(attr) != AttrType(a.type()))
      attrTypes.push_back(
          b.getNamedAttr(a.name(), b.getI32IntegerAttr(a.type())));
    attrs.push_back(b.getNamedAttr(a.name(), attr));
  }
  if (!sorted)
    wire.push_back(b.getNamedAttr("attrs", b.getArrayAttr(attrOrder)));
  if (!attrTypes.empty())
    wire.push_back(b.getNamedAttr("types", b.getDictionaryAttr(attrTypes)));
  if (desc.has_is_target())
    wire.push_back(b.getNamedAttr("is_target", b.getBoolAttr(desc.is_target())));
  if (DictionaryAttr unknown = importUnknownFields(b, desc))
    wire.push_back(b.getNamedAttr(PdDialect::kUnknownFieldsKey, unknown));

  // Typed when the op fits its table entry and has no sub-blocks.
  Operation *op = nullptr;
  if (schema && blockAttrs.empty()) {
    SmallVector<NamedAttribute> typedWire = wire;
    if (!isCanonicalSlotOrder(desc.inputs()))
      typedWire.push_back(b.getNamedAttr(
          "inputs", b.getStrArrayAttr(slotNames(desc.inputs()))));
    if (!isCanonicalSlotOrder(desc.outputs()))
      typedWire.push_back(b.getNamedAttr(
          "outputs", b.getStrArrayAttr(slotNames(desc.outputs()))));
    op = createTypedOp(*schema, desc, loc, inputs, outputTypes, outputNames,
                       attrs, b.getDictionaryAttr(typedWire));
  }
  if (!op && (isFeed || isFetch))
    return error(label + ": malformed " + desc.type() + " op");

  if (!op) {
    SmallVector<Value> operands;
    SmallVector<int32_t> inputSizes, outputSizes;
    for (const SmallVector<Value> &group : inputs) {
      operands.append(group.begin(), group.end());
      inputSizes.push_back(group.size());
    }
    SmallVector<Type> resultTypes;
    for (const SmallVector<Type> &group : outputTypes) {
      resultTypes.append(group.begin(), group.end());
      outputSizes.push_back(group.size());
    }
    // Sub-blocks: a BLOCK attribute holds the index (in this op) of the
    // region that the sub-block became.
    int regionCount = 0;
    SmallVector<int32_t> subBlocks;
    for (auto &[name, ids] : blockAttrs) {
      SmallVector<Attribute> refs;
      for (int32_t id : ids) {
        refs.push_back(b.getIndexAttr(regionCount++));
        subBlocks.push_back(id);
      }
      bool single = llvm::any_of(desc.attrs(), [&](const auto &a) {
        return a.name() == name && a.type() == proto::BLOCK;
      });
      attrs.push_back(b.getNamedAttr(
          name, single ? refs.front() : Attribute(b.getArrayAttr(refs))));
    }
    auto generic = b.create<GenericOp>(
        loc, resultTypes, desc.type(),
        b.getStrArrayAttr(slotNames(desc.inputs())), inputSizes,
        b.getStrArrayAttr(slotNames(desc.outputs())), outputSizes,
        b.getDictionaryAttr(attrs), operands, regionCount);
    SmallVector<Attribute> names;
    for (const SmallVector<Attribute> &group : outputNames)
      names.append(group.begin(), group.end());
    generic->setAttr(PdDialect::kNamesAttrName, b.getArrayAttr(names));

    SmallVector<Attribute> blockInfos;
    for (auto [region, id] : llvm::zip(generic.getBlocks(), subBlocks)) {
      if (id <= 0 || id >= program.blocks_size() || id == blockIdx)
        return error(formatv("{0}: sub-block index {1} out of range", label,
                             id));
      const proto::BlockDesc &sub = program.blocks(id);
      auto vars = importVarTable(sub);
      if (!vars)
        return vars.takeError();
      SmallVector<NamedAttribute> info{
          b.getNamedAttr("idx", b.getI32IntegerAttr(sub.idx())),
          b.getNamedAttr("parent_idx", b.getI32IntegerAttr(sub.parent_idx())),
          b.getNamedAttr("vars", *vars)};
      if (sub.has_forward_block_idx())
        info.push_back(b.getNamedAttr(
            "forward_block_idx", b.getI32IntegerAttr(sub.forward_block_idx())));
      if (DictionaryAttr unknown = importUnknownFields(b, sub, {"vars", "ops"}))
        info.push_back(b.getNamedAttr(PdDialect::kUnknownFieldsKey, unknown));
      blockInfos.push_back(b.getDictionaryAttr(info));
      Block *body = &region.emplaceBlock();
      Scope inner{&scope, {}};
      OpBuilder::InsertionGuard guard(b);
      if (auto err = importBlock(id, body, inner))
        return err;
    }
    if (!blockInfos.empty())
      wire.push_back(b.getNamedAttr("blocks", b.getArrayAttr(blockInfos)));
    if (!wire.empty())
      generic->setAttr(PdDialect::kWireAttrName, b.getDictionaryAttr(wire));
    op = generic;
  }

  // The op's results are now the latest values of the variables it writes.
  auto names = op->getAttrOfType<ArrayAttr>(PdDialect::kNamesAttrName);
  for (auto [result, name] : llvm::zip(op->getResults(), names))
    scope.values[cast<StringAttr>(name).getValue()] = result;
  if (isFetch) {
    if (fetchResults.count(col))
      return error(formatv("{0}: two fetch ops write column {1}", label, col));
    std::string fetched =
        desc.inputs_size() == 1 && desc.inputs(0).arguments_size() == 1
            ? desc.inputs(0).arguments(0)
            : "";
    fetchResults[col] = {op->getResult(0), fetched};
  }
  return Error::success();
}

Error ProgramImporter::importBlock(int blockIdx, Block *body, Scope &scope) {
  // Sub-blocks that refer to each other in a cycle, or nest deeper than any
  // real program, would recurse without bound.
  if (blockBodies.size() > kMaxBlockNesting)
    return error(formatv("block {0}: sub-blocks nest deeper than {1} (or "
                         "refer to each other in a cycle)",
                         blockIdx, kMaxBlockNesting));
  blockBodies.push_back(body);
  b.setInsertionPointToEnd(body);
  const proto::BlockDesc &block = program.blocks(blockIdx);
  importedOps += block.ops_size();
  if (importedOps > maxImportedOps)
    return error(formatv("block {0}: sub-blocks are referenced so often that "
                         "the program would expand past {1} ops (the file "
                         "holds {2}); a sub-block belongs to one op",
                         blockIdx, maxImportedOps,
                         maxImportedOps / 4 - 1024));
  for (auto [opIdx, desc] : llvm::enumerate(block.ops()))
    if (auto err = importOp(desc, blockIdx, opIdx, scope))
      return err;
  blockBodies.pop_back();
  return Error::success();
}

Error ProgramImporter::run(ArrayRef<MappedTensor> params, StringRef funcName) {
  Location fileLoc = FileLineColLoc::get(ctx, fileName, 0, 0);
  // The first program's version and op version map are the module's; a
  // later method's go on its function when they differ.
  bool first = module.getOps<func::FuncOp>().empty();
  SmallVector<NamedAttribute> versionAttrs;
  if (program.has_version())
    versionAttrs.push_back(b.getNamedAttr(
        PdDialect::kProgramVersionAttrName,
        program.version().has_version()
            ? Attribute(b.getI64IntegerAttr(program.version().version()))
            : Attribute(b.getUnitAttr())));
  if (program.has_op_version_map()) {
    SmallVector<Attribute> pairs;
    for (const auto &pair : program.op_version_map().pair())
      pairs.push_back(b.getArrayAttr(
          {b.getStringAttr(pair.op_name()),
           b.getI64IntegerAttr(pair.op_version().version())}));
    versionAttrs.push_back(b.getNamedAttr(PdDialect::kOpVersionMapAttrName,
                                          b.getArrayAttr(pairs)));
  }
  if (first)
    for (NamedAttribute attr : versionAttrs)
      module->setAttr(attr.getName(), attr.getValue());
  if (auto err = importParameters(params))
    return err;

  // Block 0 becomes the function. Feed columns are its leading arguments.
  const proto::BlockDesc &main = program.blocks(0);
  SmallVector<std::pair<int, const proto::OpDesc *>> feeds;
  for (const proto::OpDesc &op : main.ops())
    if (op.type() == "feed")
      feeds.emplace_back(columnOf(op), &op);
  llvm::sort(feeds, [](auto &x, auto &y) { return x.first < y.first; });
  b.setInsertionPointToEnd(module.getBody());
  func = b.create<func::FuncOp>(fileLoc, funcName, b.getFunctionType({}, {}));
  if (!first) {
    NamedAttrList moduleVersions;
    for (StringRef name : {PdDialect::kProgramVersionAttrName,
                           PdDialect::kOpVersionMapAttrName})
      if (Attribute attr = module->getAttr(name))
        moduleVersions.set(name, attr);
    if (moduleVersions.getDictionary(ctx) !=
        NamedAttrList(versionAttrs).getDictionary(ctx)) {
      for (NamedAttribute attr : versionAttrs)
        func->setAttr(attr.getName(), attr.getValue());
    }
  }
  Block *entry = func.addEntryBlock();
  SmallVector<std::string> feedNames;
  for (auto [i, feed] : llvm::enumerate(feeds)) {
    if (feed.first != int(i) || feed.second->outputs_size() != 1 ||
        feed.second->outputs(0).arguments_size() != 1)
      return error(formatv("feed columns must be 0..{0} with one output each",
                           feeds.size() - 1));
    const std::string &name = feed.second->outputs(0).arguments(0);
    const proto::VarDesc *var = findVar(0, name);
    if (!var)
      return error(formatv("fed variable '{0}' is not declared", name));
    auto type = typeOfVar(*var);
    if (!type)
      return type.takeError();
    feedArgs.push_back(entry->addArgument(*type, fileLoc));
    feedNames.push_back(name);
  }

  auto vars = importVarTable(main);
  if (!vars)
    return vars.takeError();
  func->setAttr(PdDialect::kVarsAttrName, *vars);
  SmallVector<NamedAttribute> blockInfo;
  if (main.has_forward_block_idx())
    blockInfo.push_back(b.getNamedAttr(
        "forward_block_idx", b.getI32IntegerAttr(main.forward_block_idx())));
  if (DictionaryAttr unknown = importUnknownFields(b, main, {"vars", "ops"}))
    blockInfo.push_back(b.getNamedAttr(PdDialect::kUnknownFieldsKey, unknown));
  if (!blockInfo.empty())
    func->setAttr(PdDialect::kBlockAttrName, b.getDictionaryAttr(blockInfo));
  // The program's own (Paddle 1.x's op_compatible_map, field 3).
  if (DictionaryAttr unknown = importUnknownFields(b, program, {"blocks"}))
    func->setAttr(PdDialect::kWireAttrName,
                  b.getDictionaryAttr(
                      b.getNamedAttr(PdDialect::kUnknownFieldsKey, unknown)));

  size_t fileOps = 0;
  for (const proto::BlockDesc &block : program.blocks())
    fileOps += block.ops_size();
  maxImportedOps = 4 * (fileOps + 1024);
  Scope scope;
  if (auto err = importBlock(0, entry, scope))
    return err;

  SmallVector<Value> results;
  for (auto [i, fetch] : llvm::enumerate(fetchResults)) {
    if (fetch.first != int(i))
      return error(formatv("fetch columns must be 0..{0}",
                           fetchResults.size() - 1));
    results.push_back(fetch.second.first);
  }
  b.setInsertionPointToEnd(entry);
  b.create<func::ReturnOp>(fileLoc, results);
  func.setType(b.getFunctionType(entry->getArgumentTypes(),
                                 ValueRange(results).getTypes()));
  SmallVector<std::string> argNames = feedNames;
  argNames.append(implicitInputs.begin(), implicitInputs.end());
  for (auto [i, name] : llvm::enumerate(argNames))
    func.setArgAttr(i, PdDialect::kNameArgAttrName, b.getStringAttr(name));
  for (auto [i, fetch] : llvm::enumerate(fetchResults))
    func.setResultAttr(i, PdDialect::kNameArgAttrName,
                       b.getStringAttr(fetch.second.second));
  return Error::success();
}

Error pd::importProgramInto(ModuleOp module, const proto::ProgramDesc &program,
                            StringRef fileName, ArrayRef<MappedTensor> params,
                            StringRef funcName) {
  module.getContext()->getOrLoadDialect<PdDialect>();
  module.getContext()->getOrLoadDialect<func::FuncDialect>();
  if (module.lookupSymbol(funcName))
    return makeFileError(fileName, "the module already has a function @" +
                                       funcName);
  return ProgramImporter(module, program, fileName).run(params, funcName);
}

Expected<OwningOpRef<ModuleOp>>
pd::importProgram(MLIRContext &context, const proto::ProgramDesc &program,
                  StringRef fileName, ArrayRef<MappedTensor> params) {
  OwningOpRef<ModuleOp> module =
      ModuleOp::create(FileLineColLoc::get(&context, fileName, 0, 0));
  if (Error err = importProgramInto(*module, program, fileName, params,
                                    kForwardFuncName))
    return std::move(err);
  return module;
}


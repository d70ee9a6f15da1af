//===- RenameVariables.cpp - structured, jit.load and mapped names ----------===//

#include "pd/Dialect/JsonAttributes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Passes/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

#include <set>

namespace pd {
#define GEN_PASS_DEF_RENAMEVARIABLES
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

/// Every variable name of the module: parameters and each function's
/// variable table, names of values and arguments.
std::set<std::string> allNames(ModuleOp module) {
  std::set<std::string> names;
  for (auto param : module.getOps<ParameterOp>())
    names.insert(param.getSymName().str());
  module.walk([&](Operation *op) {
    if (auto vars = op->getAttrOfType<ArrayAttr>(PdDialect::kVarsAttrName))
      for (Attribute var : vars)
        names.insert(cast<VarAttr>(var).getName().str());
    for (Value v : op->getResults())
      if (StringRef n = variableName(v); !n.empty())
        names.insert(n.str());
  });
  return names;
}

/// Paddle's _rename_var_program_desc over the persistables, with
/// unique_name's counters starting at zero.
llvm::StringMap<std::string> jitLoadNames(ModuleOp module) {
  std::set<std::string> all = allNames(module);
  std::set<std::string> persistable;
  for (auto param : module.getOps<ParameterOp>())
    persistable.insert(param.getSymName().str());
  llvm::StringMap<int> counters;
  llvm::StringMap<std::string> renames;
  for (const std::string &old : persistable) {
    if (StringRef(old).contains("@GRAD"))
      continue;
    StringRef prefix = old;
    auto [head, last] = StringRef(old).rsplit('_');
    if (!last.empty() && head != old && llvm::all_of(last, llvm::isDigit))
      prefix = head;
    std::string fresh;
    do {
      fresh = (prefix + "_" + llvm::Twine(counters[prefix]++)).str();
    } while (fresh != old && all.count(fresh));
    if (fresh != old)
      renames[old] = fresh;
  }
  return renames;
}

struct RenameVariables : pd::impl::RenameVariablesBase<RenameVariables> {
  using RenameVariablesBase::RenameVariablesBase;

  void runOnOperation() override;
  LogicalResult apply(const llvm::StringMap<std::string> &renames);
};

void RenameVariables::runOnOperation() {
  ModuleOp module = getOperation();
  llvm::StringMap<std::string> renames;
  if (mode == "structured") {
    for (auto param : module.getOps<ParameterOp>())
      if (auto structured = param.getStructuredNameAttr())
        if (structured.getValue() != param.getSymName())
          renames[param.getSymName()] = structured.str();
  } else if (mode == "jit-load") {
    renames = jitLoadNames(module);
  } else if (mode == "map") {
    auto file = llvm::MemoryBuffer::getFile(mapFile);
    if (!file) {
      module.emitError() << mapFile << ": " << file.getError().message();
      return signalPassFailure();
    }
    auto json = parseJsonAttribute(module.getContext(), (*file)->getBuffer());
    auto object = json ? dyn_cast<DictionaryAttr>(*json) : nullptr;
    if (!object) {
      std::string why = json ? "" : " (" + llvm::toString(json.takeError()) + ")";
      module.emitError() << mapFile
                         << ": not a JSON object of old name to new name" << why;
      return signalPassFailure();
    }
    for (NamedAttribute entry : object) {
      auto name = dyn_cast<StringAttr>(entry.getValue());
      if (!name) {
        module.emitError() << mapFile << ": the new name of '"
                           << entry.getName().getValue() << "' is not a string";
        return signalPassFailure();
      }
      renames[entry.getName().getValue()] = name.str();
    }
  } else {
    module.emitError() << "unknown rename mode '" << mode
                       << "' (structured, jit-load or map)";
    return signalPassFailure();
  }
  if (failed(apply(renames)))
    signalPassFailure();
}

LogicalResult
RenameVariables::apply(const llvm::StringMap<std::string> &renames) {
  ModuleOp module = getOperation();
  MLIRContext *ctx = module.getContext();
  // Never two variables with one name.
  std::set<std::string> before = allNames(module);
  llvm::StringMap<std::string> owner;
  for (const std::string &name : before) {
    auto it = renames.find(name);
    std::string after = it == renames.end() ? name : it->second;
    auto [slot, inserted] = owner.try_emplace(after, name);
    if (!inserted)
      return module.emitError() << "renaming would give '" << slot->second
                                << "' and '" << name << "' one name, '"
                                << after << "'";
  }
  auto rename = [&](StringRef name) -> std::optional<StringAttr> {
    auto it = renames.find(name);
    if (it == renames.end())
      return std::nullopt;
    return StringAttr::get(ctx, it->second);
  };
  auto renameArray = [&](ArrayAttr names) {
    SmallVector<Attribute> out;
    bool changed = false;
    for (Attribute a : names) {
      auto s = dyn_cast<StringAttr>(a);
      auto fresh = s ? rename(s.getValue()) : std::nullopt;
      out.push_back(fresh ? *fresh : a);
      changed |= bool(fresh);
    }
    return changed ? ArrayAttr::get(ctx, out) : names;
  };

  for (auto param : llvm::make_early_inc_range(module.getOps<ParameterOp>()))
    if (auto fresh = rename(param.getSymName())) {
      if (failed(SymbolTable::replaceAllSymbolUses(param, *fresh, module)))
        return param.emitError("cannot rename its uses");
      param.setSymName(*fresh);
    }
  module.walk([&](Operation *op) {
    if (auto names = op->getAttrOfType<ArrayAttr>(PdDialect::kNamesAttrName))
      op->setAttr(PdDialect::kNamesAttrName, renameArray(names));
    if (auto vars = op->getAttrOfType<ArrayAttr>(PdDialect::kVarsAttrName)) {
      SmallVector<Attribute> out;
      for (Attribute a : vars) {
        auto var = cast<VarAttr>(a);
        auto fresh = rename(var.getName());
        out.push_back(fresh ? VarAttr::get(ctx, fresh->getValue(),
                                           var.getType(), var.getFields())
                            : a);
      }
      op->setAttr(PdDialect::kVarsAttrName, ArrayAttr::get(ctx, out));
    }
    if (auto func = dyn_cast<func::FuncOp>(op)) {
      for (unsigned i = 0; i < func.getNumArguments(); ++i)
        if (auto n = func.getArgAttrOfType<StringAttr>(
                i, PdDialect::kNameArgAttrName))
          if (auto fresh = rename(n.getValue()))
            func.setArgAttr(i, PdDialect::kNameArgAttrName, *fresh);
      for (unsigned i = 0; i < func.getNumResults(); ++i)
        if (auto n = func.getResultAttrOfType<StringAttr>(
                i, PdDialect::kNameArgAttrName))
          if (auto fresh = rename(n.getValue()))
            func.setResultAttr(i, PdDialect::kNameArgAttrName, *fresh);
    }
  });
  if (auto info = module->getAttrOfType<ArrayAttr>(
          PdDialect::kParamsInfoAttrName))
    module->setAttr(PdDialect::kParamsInfoAttrName, renameArray(info));
  return success();
}

} // namespace

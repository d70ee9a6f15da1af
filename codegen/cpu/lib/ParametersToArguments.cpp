//===- ParametersToArguments.cpp - parameters become arguments ------------===//

#include "pd/Codegen/Cpu/Passes.h"

#include "pd/Dialect/PdOps.h"

#include <map>

namespace pd::cpu {
#define GEN_PASS_DEF_PARAMETERSTOARGUMENTS
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd;

namespace {

struct ParametersToArguments
    : pd::cpu::impl::ParametersToArgumentsBase<ParametersToArguments> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<ParameterOp> parameters(module.getOps<ParameterOp>());
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      // The parameters this function reads, by name: the order of the
      // records in the artifact's parameter file.
      std::map<StringRef, SmallVector<GetParameterOp>> reads;
      func.walk([&](GetParameterOp read) { reads[read.getName()].push_back(read); });
      unsigned index = 0;
      Builder b(&getContext());
      for (auto &[name, uses] : reads) {
        auto param = module.lookupSymbol<ParameterOp>(name);
        func.insertArgument(
            index, param.getType(),
            b.getDictionaryAttr(b.getNamedAttr(pd::cpu::kParameterArgAttrName,
                                               param.getSymNameAttr())),
            param.getLoc());
        BlockArgument arg = func.getArgument(index++);
        for (GetParameterOp read : uses) {
          read.getResult().replaceAllUsesWith(arg);
          read.erase();
        }
      }
    }
    for (ParameterOp param : parameters)
      param.erase();
  }
};

} // namespace

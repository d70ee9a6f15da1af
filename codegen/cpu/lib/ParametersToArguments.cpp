//===- ParametersToArguments.cpp - parameters become arguments ------------===//

#include "pd/Codegen/Cpu/Passes.h"

#include "pd/Dialect/PdOps.h"

#include "llvm/ADT/MapVector.h"

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
      // The parameters this function reads, in the module's order.
      llvm::MapVector<StringRef, SmallVector<GetParameterOp>> reads;
      for (ParameterOp param : parameters)
        reads[param.getSymName()];
      func.walk([&](GetParameterOp read) { reads[read.getName()].push_back(read); });
      unsigned index = 0;
      Block &entry = func.front();
      for (ParameterOp param : parameters) {
        SmallVector<GetParameterOp> &uses = reads[param.getSymName()];
        if (uses.empty())
          continue;
        Builder b(&getContext());
        func.insertArgument(
            index, param.getType(),
            b.getDictionaryAttr(b.getNamedAttr(pd::cpu::kParameterArgAttrName,
                                               param.getSymNameAttr())),
            param.getLoc());
        BlockArgument arg = entry.getArgument(index);
        for (GetParameterOp read : uses) {
          read.getResult().replaceAllUsesWith(arg);
          read.erase();
        }
        ++index;
      }
    }
    for (ParameterOp param : parameters)
      param.erase();
  }
};

} // namespace

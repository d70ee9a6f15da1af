//===- HoistLoadTime.cpp - the pd-cpu-hoist-load-time pass ----------------===//
//
// What a method computes from its parameters alone (packed weights, folded
// batch norms) is the same on every run. It moves into a load-time function
// that the runtime calls once; the method takes its results as arguments.
// The parameter file stays Paddle's: retrained weights of the same
// architecture drop in without recompiling.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Cpu/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

#include <functional>

namespace pd::cpu {
#define GEN_PASS_DEF_HOISTLOADTIME
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd::cpu;

namespace {

/// Ops without operands (constants, tensor.empty) cost nothing to recreate:
/// they go where they are needed, never through the load-time results.
bool isFree(Operation *op) {
  return op->getNumOperands() == 0 && op->getNumRegions() == 0;
}

/// Reshapes are views: a method that needs a reshaped parameter reshapes it
/// itself rather than take a copy from load time.
bool isView(Operation *op) {
  return isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::CastOp>(op);
}

struct HoistLoadTime : pd::cpu::impl::HoistLoadTimeBase<HoistLoadTime> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> methods;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && !func.getSymName().ends_with(kLoadFunctionSuffix))
        methods.push_back(func);
    for (func::FuncOp func : methods)
      hoist(module, func);
  }

  void hoist(ModuleOp module, func::FuncOp func) {
    Block &body = func.front();
    SmallVector<BlockArgument> params;
    for (BlockArgument arg : func.getArguments())
      if (func.getArgAttr(arg.getArgNumber(), kParameterArgAttrName))
        params.push_back(arg);
    if (params.empty())
      return;

    // The ops whose every input is a parameter, a free op's result or
    // computed from those, and one at least a parameter (or what load time
    // computes from one). What reads no parameter (a fill of a constant:
    // the start of a reduction, which the method then writes) stays in the
    // method; load time computes its own copy where it needs one.
    llvm::SetVector<Operation *> loadTime, constants;
    llvm::DenseSet<Value> known(params.begin(), params.end());
    llvm::DenseSet<Value> fromParameter(params.begin(), params.end());
    auto inputsOf = [](Operation &op) {
      SmallVector<Value> inputs(op.getOperands());
      SetVector<Value> captured;
      for (Region &region : op.getRegions())
        getUsedValuesDefinedAbove(region, captured);
      inputs.append(captured.begin(), captured.end());
      return inputs;
    };
    for (Operation &op : body.without_terminator()) {
      if (!isMemoryEffectFree(&op) || isFree(&op))
        continue;
      SmallVector<Value> inputs = inputsOf(op);
      bool inputsKnown = llvm::all_of(inputs, [&](Value v) {
        return known.contains(v) || (v.getDefiningOp() && isFree(v.getDefiningOp()));
      });
      if (!inputsKnown)
        continue;
      bool readsParameter =
          llvm::any_of(inputs, [&](Value v) { return fromParameter.contains(v); });
      (readsParameter ? loadTime : constants).insert(&op);
      for (Value result : op.getResults()) {
        known.insert(result);
        if (readsParameter)
          fromParameter.insert(result);
      }
    }
    // The values the method still needs from there: the load-time results,
    // except views and scalars (an element read from a parameter), which
    // stay in the method (with the ops they read, when those are views or
    // scalars too): the runtime passes tensors.
    SmallVector<Value> results;
    llvm::DenseSet<Operation *> stay;
    SmallVector<Value> needed;
    for (Operation *op : loadTime)
      for (Value result : op->getResults())
        if (llvm::any_of(result.getUsers(), [&](Operation *user) {
              return !loadTime.contains(user);
            }))
          needed.push_back(result);
    while (!needed.empty()) {
      Value v = needed.pop_back_val();
      Operation *def = v.getDefiningOp();
      if (!def || !loadTime.contains(def))
        continue; // a parameter
      if (isView(def) || !isa<RankedTensorType>(v.getType())) {
        if (stay.insert(def).second)
          needed.append(def->operand_begin(), def->operand_end());
        continue;
      }
      if (!llvm::is_contained(results, v))
        results.push_back(v);
    }
    if (results.empty())
      return;
    // @f__load(parameters) -> results.
    OpBuilder b(module.getContext());
    b.setInsertionPointAfter(func);
    SmallVector<Type> paramTypes, resultTypes;
    for (BlockArgument p : params)
      paramTypes.push_back(p.getType());
    for (Value r : results)
      resultTypes.push_back(r.getType());
    auto load = b.create<func::FuncOp>(
        func.getLoc(), (func.getSymName() + kLoadFunctionSuffix).str(),
        b.getFunctionType(paramTypes, resultTypes));
    for (auto [i, p] : llvm::enumerate(params))
      load.setArgAttrs(i, func.getArgAttrDict(p.getArgNumber()));
    Block *entry = load.addEntryBlock();
    IRMapping mapping;
    for (auto [p, arg] : llvm::zip(params, entry->getArguments()))
      mapping.map(p, arg);
    b.setInsertionPointToStart(entry);
    // Free ops and parameter-free computations a load-time op reads are
    // cloned before it (the method keeps its own).
    std::function<void(Value)> cloneInput = [&](Value v) {
      Operation *def = v.getDefiningOp();
      if (!def || mapping.contains(v) ||
          (!isFree(def) && !constants.contains(def)))
        return;
      for (Value input : inputsOf(*def))
        cloneInput(input);
      b.clone(*def, mapping);
    };
    for (Operation *op : loadTime) {
      for (Value v : inputsOf(*op))
        cloneInput(v);
      b.clone(*op, mapping);
    }
    SmallVector<Value> returned;
    for (Value r : results)
      returned.push_back(mapping.lookup(r));
    b.create<func::ReturnOp>(func.getLoc(), returned);

    // The method takes the results after its parameters.
    unsigned at = params.back().getArgNumber() + 1;
    for (auto [i, r] : llvm::enumerate(results)) {
      func.insertArgument(at + i, r.getType(),
                          b.getDictionaryAttr(b.getNamedAttr(
                              kLoadResultArgAttrName, b.getI64IntegerAttr(i))),
                          r.getLoc());
      r.replaceAllUsesWith(func.getArgument(at + i));
    }
    for (Operation *op : llvm::reverse(loadTime))
      if (!stay.contains(op))
        op->erase();
  }
};

} // namespace

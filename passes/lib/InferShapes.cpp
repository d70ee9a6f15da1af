//===- InferShapes.cpp - input specs and shape propagation ------------------===//

#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Passes/Passes.h"
#include "pd/Runtime/TensorRecord.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

namespace pd {
#define GEN_PASS_DEF_INFERSHAPES
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

constexpr int64_t kDyn = ShapedType::kDynamic;

/// Paddle's dtype names (InputSpec's `dtype`).
Type elementTypeNamed(MLIRContext *ctx, StringRef name) {
  std::optional<int32_t> code = runtime::dataTypeFromPythonName(name.str());
  return code ? elementTypeFromPaddle(ctx, *code) : Type();
}

struct InputSpec {
  std::string name;
  SmallVector<int64_t> dims;
  Type element; // null: keep the input's
};

/// NAME:DIMS[:DTYPE]; DIMS separated by 'x' or ','; -1, ?, None dynamic.
FailureOr<InputSpec> parseInputSpec(MLIRContext *ctx, StringRef text,
                                    std::string &error) {
  SmallVector<StringRef, 3> parts;
  text.split(parts, ':');
  if (parts.size() < 2 || parts.size() > 3 || parts[0].empty()) {
    error = "input spec '" + text.str() + "' is not NAME:DIMS[:DTYPE]";
    return failure();
  }
  InputSpec spec;
  spec.name = parts[0].str();
  SmallVector<StringRef> dims;
  parts[1].split(dims, parts[1].contains(',') ? ',' : 'x', -1, false);
  for (StringRef d : dims) {
    d = d.trim();
    int64_t value;
    if (d == "?" || d == "None" || d == "-1") {
      spec.dims.push_back(kDyn);
    } else if (!d.getAsInteger(10, value) && value >= 0) {
      spec.dims.push_back(value);
    } else {
      error = "input spec '" + text.str() + "': '" + d.str() +
              "' is not a dim (a size, -1, ? or None)";
      return failure();
    }
  }
  if (!staticSizeFits(spec.dims)) {
    error = "input spec '" + text.str() + "': more elements than pd (or any "
            "machine) can address";
    return failure();
  }
  if (parts.size() == 3) {
    spec.element = elementTypeNamed(ctx, parts[2]);
    if (!spec.element) {
      error = "input spec '" + text.str() + "': unknown dtype '" +
              parts[2].str() + "'";
      return failure();
    }
  }
  return spec;
}

/// `declared` refined by `computed`: static dims of either (they must
/// agree); null when they contradict.
Type merge(Type declared, Type computed) {
  auto d = dyn_cast<RankedTensorType>(declared);
  auto c = dyn_cast<RankedTensorType>(computed);
  if (!d || !c)
    return computed;
  if (d.getElementType() != c.getElementType())
    return nullptr;
  // Before Paddle 2.5 had 0-D tensors, a scalar result was declared [1].
  if (c.getRank() == 0 && d.getShape() == ArrayRef<int64_t>{1})
    return declared;
  if (d.getRank() != c.getRank())
    return nullptr;
  SmallVector<int64_t> dims;
  for (auto [a, b] : llvm::zip(d.getShape(), c.getShape())) {
    if (a != kDyn && b != kDyn && a != b)
      return nullptr;
    dims.push_back(b != kDyn ? b : a);
  }
  return RankedTensorType::get(dims, d.getElementType());
}

struct InferShapes : pd::impl::InferShapesBase<InferShapes> {
  using InferShapesBase::InferShapesBase;

  void runOnOperation() override {
    SmallVector<InputSpec> specs;
    for (const std::string &text : inputSpecs) {
      std::string error;
      auto spec = parseInputSpec(&getContext(), text, error);
      if (failed(spec)) {
        getOperation().emitError(error);
        return signalPassFailure();
      }
      specs.push_back(*spec);
    }
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (!func.isExternal() && failed(inferFunction(func, specs)))
        return signalPassFailure();
  }

  LogicalResult inferFunction(func::FuncOp func, ArrayRef<InputSpec> specs);
};

LogicalResult InferShapes::inferFunction(func::FuncOp func,
                                         ArrayRef<InputSpec> specs) {
  llvm::DenseSet<Value> changed;
  llvm::StringMap<Type> newVarTypes;
  auto setType = [&](Value value, Type type) {
    if (value.getType() == type)
      return;
    value.setType(type);
    changed.insert(value);
    if (StringRef name = variableName(value); !name.empty())
      newVarTypes[name] = type;
  };

  // Input specs.
  for (const InputSpec &spec : specs) {
    BlockArgument arg;
    std::string inputs;
    for (BlockArgument a : func.getArguments()) {
      StringRef name = variableName(a);
      if (name.empty())
        continue;
      if (name == spec.name)
        arg = a;
      inputs += (inputs.empty() ? "" : ", ") + name.str();
    }
    if (!arg)
      return func.emitError() << "input spec names '" << spec.name
                              << "', which is not an input of @"
                              << func.getSymName() << " (inputs: " << inputs
                              << ")";
    auto old = dyn_cast<RankedTensorType>(arg.getType());
    Type element = spec.element ? spec.element
                   : old        ? old.getElementType()
                                : Type();
    if (!element)
      return func.emitError() << "input '" << spec.name
                              << "' is not a tensor; give its dtype";
    setType(arg, RankedTensorType::get(spec.dims, element));
  }

  // Propagation, in program order.
  WalkResult walk = func.walk([&](Operation *op) -> WalkResult {
    auto inferable = dyn_cast<ShapeInferenceOpInterface>(op);
    bool inputsChanged = llvm::any_of(
        op->getOperands(), [&](Value v) { return changed.contains(v); });
    if (!inferable) {
      if (inputsChanged && isa<GenericOp>(op))
        op->emitWarning() << "no shape rule for '"
                          << cast<GenericOp>(op).getType()
                          << "': its results keep the types the program "
                             "declared";
      return WalkResult::advance();
    }
    SmallVector<Type> computed;
    if (failed(inferable.inferResultTypes(computed)))
      return WalkResult::interrupt();
    bool computedWins = op->hasTrait<pd::trait::DataDependentShape>() ||
                        op->hasTrait<pd::trait::ComputedShapeWins>();
    for (auto [result, type] : llvm::zip(op->getResults(), computed)) {
      if (inputsChanged || computedWins) {
        setType(result, type);
        continue;
      }
      Type merged = merge(result.getType(), type);
      if (!merged) {
        op->emitError() << "shape mismatch: the program declares "
                        << result.getType() << " for '"
                        << variableName(result) << "' but the op computes "
                        << type;
        return WalkResult::interrupt();
      }
      setType(result, merged);
    }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();

  // The signature and the variable table follow.
  Block &body = func.front();
  func.setType(FunctionType::get(func.getContext(), body.getArgumentTypes(),
                                 body.getTerminator()->getOperandTypes()));
  if (auto vars = func->getAttrOfType<ArrayAttr>(PdDialect::kVarsAttrName);
      vars && !newVarTypes.empty()) {
    SmallVector<Attribute> updated;
    for (Attribute a : vars) {
      auto var = cast<VarAttr>(a);
      Type type = newVarTypes.lookup(var.getName());
      updated.push_back(type && isa<RankedTensorType>(var.getType())
                            ? VarAttr::get(var.getContext(), var.getName(),
                                           type, var.getFields())
                            : a);
    }
    func->setAttr(PdDialect::kVarsAttrName,
                  ArrayAttr::get(func.getContext(), updated));
  }
  return success();
}

} // namespace

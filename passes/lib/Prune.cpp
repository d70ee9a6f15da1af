//===- Prune.cpp - keep what the fetch targets need -------------------------===//
//
// Liveness from the fetch targets over the SSA graph replaces Paddle's
// name-based Prune: a value is needed when a needed op reads it, an op is
// needed when it defines a needed value (or holds, in a region, an op that
// reads one from outside). Feed and fetch ops are then rebuilt around what
// is left, so a training program (which has neither) becomes a loadable
// inference program.
//
//===----------------------------------------------------------------------===//

#include "pd/Dialect/OpTable.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Passes/PaddleOpInfo.h"
#include "pd/Passes/Passes.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"

namespace pd {
#define GEN_PASS_DEF_PRUNE
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

/// Reductions that turn a per-example loss into the scalar one.
bool isReduction(Operation *op) {
  StringRef type = paddleOpType(op);
  return type == "mean" || type == "reduce_mean" || type == "reduce_sum";
}

/// The prediction a loss is computed from: walks from a value computed by a
/// loss (or a reduction of one) to the loss op's prediction input.
Value predictionOf(Value value) {
  for (unsigned guard = 0; guard < 64; ++guard) {
    Operation *def = value.getDefiningOp();
    if (!def)
      return value;
    if (isReduction(def) && def->getNumOperands() >= 1) {
      Operation *input = def->getOperand(0).getDefiningOp();
      if (input && isLossOp(input)) {
        value = def->getOperand(0);
        continue;
      }
    }
    if (!isLossOp(def))
      return value;
    static constexpr StringRef kPredictionSlots[] = {"Logits", "X", "Input", "Predict"};
    Value prediction;
    if (auto generic = dyn_cast<GenericOp>(def)) {
      for (StringRef slot : kPredictionSlots)
        if (auto operands = generic.getSlotOperands(slot); !operands.empty()) {
          prediction = operands.front();
          break;
        }
    } else if (const OpSchema *schema =
                   lookupOpSchemaByOpName(def->getName().getStringRef())) {
      // A typed loss (softmax_with_cross_entropy) has its prediction slot
      // first.
      if (!schema->inputs.empty() && def->getNumOperands() &&
          llvm::is_contained(kPredictionSlots, StringRef(schema->inputs.front().name)))
        prediction = def->getOperand(0);
    }
    if (!prediction)
      return value;
    value = prediction;
  }
  return value;
}

struct Prune : pd::impl::PruneBase<Prune> {
  using PruneBase::PruneBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>()))
      if (!func.isExternal() && failed(pruneFunction(func)))
        return signalPassFailure();
    removeUnusedParameters(module);
  }

  LogicalResult pruneFunction(func::FuncOp func);
  static void removeUnusedParameters(ModuleOp module);
};

/// Names a user could fetch: forward values, those nothing reads first.
std::string candidateNames(func::FuncOp func) {
  SmallVector<StringRef> sinks, others;
  for (Operation &op : func.front()) {
    if (isTrainingOp(&op) || isa<FetchOp, FeedOp, GetParameterOp>(op))
      continue;
    for (Value result : op.getResults()) {
      StringRef name = variableName(result);
      if (name.empty())
        continue;
      bool readByForward = llvm::any_of(result.getUsers(), [](Operation *u) {
        return !isTrainingOp(u) && !isLossOp(u);
      });
      (readByForward ? others : sinks).push_back(name);
    }
  }
  sinks.append(others.begin(), others.end());
  std::string list;
  for (auto [i, name] : llvm::enumerate(sinks)) {
    if (i == 12) {
      list += ", ...";
      break;
    }
    list += (i ? ", " : "") + name.str();
  }
  return list;
}

/// The value the program last assigns to variable `name`.
Value findVariable(func::FuncOp func, StringRef name) {
  Value found;
  for (BlockArgument arg : func.getArguments())
    if (variableName(arg) == name)
      found = arg;
  for (Operation &op : func.front())
    for (Value result : op.getResults())
      if (!isa<FetchOp>(op) && variableName(result) == name)
        found = result;
  return found;
}

LogicalResult Prune::pruneFunction(func::FuncOp func) {
  Block &body = func.front();
  MLIRContext *ctx = func.getContext();
  Builder b(ctx);

  // The targets.
  SmallVector<FetchOp> fetchOps(body.getOps<FetchOp>());
  llvm::stable_sort(fetchOps, [](FetchOp x, FetchOp y) {
    return x.getCol().value_or(0) < y.getCol().value_or(0);
  });
  // Targets named by the user are kept as they are, losses too; a fetch
  // op's loss gives way to the prediction it reads.
  SmallVector<Value> targets;
  if (!fetch.empty()) {
    for (const std::string &name : fetch) {
      Value value = findVariable(func, name);
      if (!value)
        return func.emitError() << "unknown fetch target '" << name
                                << "'; candidates: " << candidateNames(func);
      targets.push_back(value);
    }
  } else {
    for (FetchOp op : fetchOps)
      targets.push_back(predictionOf(op.getX()));
    if (targets.empty())
      return func.emitError()
             << "the program has no fetch ops: name its outputs with --fetch "
                "(candidates: "
             << candidateNames(func) << ")";
  }
  // Keep the fetch ops when they still fetch exactly the targets.
  bool keepFetches = fetchOps.size() == targets.size() &&
                     llvm::all_of(llvm::zip(fetchOps, targets), [](auto pair) {
                       return std::get<0>(pair).getX() == std::get<1>(pair);
                     });

  // Liveness from the targets.
  llvm::DenseSet<Operation *> live;
  SmallVector<Value> worklist(targets.begin(), targets.end());
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    Operation *def = value.getDefiningOp();
    if (!def)
      continue;
    Operation *top = body.findAncestorOpInBlock(*def);
    if (!top || !live.insert(top).second)
      continue;
    if (isTrainingOp(top))
      return top->emitError() << "a fetch target depends on the training op '"
                              << paddleOpType(top) << "'";
    top->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        if (!top->isAncestor(operand.getParentBlock()->getParentOp()) ||
            operand.getParentBlock() == &body)
          worklist.push_back(operand);
    });
  }

  // Fetch ops: kept, or rebuilt for the targets (with the attributes the old
  // ones carried, e.g. op_role).
  DictionaryAttr fetchTemplate;
  if (!fetchOps.empty())
    fetchTemplate = fetchOps.front()->getAttrDictionary();
  if (keepFetches) {
    for (FetchOp op : fetchOps)
      live.insert(op);
  } else {
    Operation *ret = body.getTerminator();
    OpBuilder builder(ret);
    SmallVector<Value> results;
    for (auto [col, target] : llvm::enumerate(targets)) {
      NamedAttrList attrs;
      if (fetchTemplate)
        for (NamedAttribute attr : fetchTemplate)
          if (attr.getName() != PdDialect::kWireAttrName)
            attrs.push_back(attr);
      attrs.set("col", b.getI32IntegerAttr(col));
      attrs.set(PdDialect::kNamesAttrName, b.getStrArrayAttr({"fetch"}));
      OperationState state(ret->getLoc(), FetchOp::getOperationName());
      state.addOperands(target);
      state.addTypes(target.getType());
      state.addAttributes(attrs);
      Operation *fetchOp = builder.create(state);
      live.insert(fetchOp);
      results.push_back(fetchOp->getResult(0));
    }
    ret->setOperands(results);
    for (FetchOp op : fetchOps)
      op->erase();
  }

  // Everything else that is not needed goes, last first.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body))) {
    if (live.contains(&op) || op.hasTrait<OpTrait::IsTerminator>() ||
        isa<FeedOp, GetParameterOp>(op))
      continue;
    op.dropAllUses();
    op.erase();
  }
  for (Operation &op : llvm::make_early_inc_range(body))
    if (isa<FeedOp, GetParameterOp>(op) && op.use_empty())
      op.erase();

  // Feeds: an input read without a feed op (a training program's data
  // variable) gets one; inputs nothing reads go.
  bool addedFeeds = false;
  for (BlockArgument arg : func.getArguments()) {
    bool direct = llvm::any_of(arg.getUsers(),
                               [](Operation *u) { return !isa<FeedOp>(u); });
    if (!direct)
      continue;
    OpBuilder builder(&body, body.begin());
    auto feed = builder.create<FeedOp>(
        func.getLoc(), arg.getType(), arg, b.getI32IntegerAttr(0),
        IntegerAttr(), ArrayAttr(), StringAttr(), StringAttr(), BoolAttr());
    feed->setAttr(PdDialect::kNamesAttrName,
                  b.getStrArrayAttr({variableName(arg)}));
    arg.replaceAllUsesExcept(feed.getResult(), feed);
    addedFeeds = true;
  }
  llvm::BitVector unused(func.getNumArguments());
  for (BlockArgument arg : func.getArguments())
    unused[arg.getArgNumber()] = arg.use_empty();
  func.eraseArguments(unused);
  // Columns follow the arguments; feed ops come first, last column first,
  // as Paddle prepends them.
  SmallVector<FeedOp> feeds(body.getOps<FeedOp>());
  for (FeedOp feed : feeds) {
    auto arg = dyn_cast<BlockArgument>(feed.getX());
    int32_t col = arg ? int32_t(arg.getArgNumber()) : 0;
    if (feed.getCol().value_or(-1) != uint32_t(col))
      feed.setColAttr(b.getI32IntegerAttr(col));
  }
  if (addedFeeds) {
    llvm::sort(feeds, [](FeedOp x, FeedOp y) {
      return x.getCol().value_or(0) > y.getCol().value_or(0);
    });
    for (FeedOp feed : llvm::reverse(feeds))
      feed->moveBefore(&body, body.begin());
  }

  // Inference mode.
  func.walk([&](Operation *op) {
    Attribute isTest = paddleAttr(op, "is_test");
    if (auto flag = dyn_cast_if_present<BoolAttr>(isTest); flag && !flag.getValue())
      setPaddleAttr(op, "is_test", b.getBoolAttr(true));
    else if (auto i = dyn_cast_if_present<IntegerAttr>(isTest);
             i && !i.getType().isInteger(1) && i.getInt() != 1)
      setPaddleAttr(op, "is_test", IntegerAttr::get(i.getType(), 1));
  });

  func.setType(FunctionType::get(ctx, body.getArgumentTypes(),
                                 body.getTerminator()->getOperandTypes()));
  // New fetch targets name the results afresh (setType keeps the old names).
  if (!keepFetches)
    for (auto [i, target] : llvm::enumerate(targets))
      func.setResultAttrs(
          i, b.getDictionaryAttr(b.getNamedAttr(
                 PdDialect::kNameArgAttrName, b.getStringAttr(variableName(target)))));

  // The variable table keeps what is still used.
  if (auto vars = func->getAttrOfType<ArrayAttr>(PdDialect::kVarsAttrName)) {
    llvm::StringSet<> used;
    if (!body.getOps<FeedOp>().empty() || !body.getOps<FetchOp>().empty())
      used.insert("feed"), used.insert("fetch");
    for (BlockArgument arg : func.getArguments())
      used.insert(variableName(arg));
    func.walk([&](Operation *op) {
      for (Value v : op->getResults())
        used.insert(variableName(v));
      for (Value v : op->getOperands())
        used.insert(variableName(v));
    });
    SmallVector<Attribute> kept;
    for (Attribute var : vars)
      if (used.contains(cast<VarAttr>(var).getName()))
        kept.push_back(var);
    if (kept.size() != vars.size())
      func->setAttr(PdDialect::kVarsAttrName, b.getArrayAttr(kept));
  }
  return success();
}

void Prune::removeUnusedParameters(ModuleOp module) {
  // A module of parameters alone (a state dict's) has no program to serve.
  if (module.getOps<func::FuncOp>().empty())
    return;
  // A parameter stays while an op reads it, or writes it: a persistable
  // variable an op updates (a fake-quant scale, an rnn's dropout state) is
  // still saved with the program, as Paddle saves every persistable its
  // pruned program names.
  llvm::StringSet<> used;
  module.walk([&](Operation *op) {
    if (auto read = dyn_cast<GetParameterOp>(op))
      used.insert(read.getName());
    else if (!isa<ParameterOp>(op))
      for (Value result : op->getResults())
        used.insert(variableName(result));
  });
  for (auto param : llvm::make_early_inc_range(module.getOps<ParameterOp>()))
    if (!used.contains(param.getSymName()))
      param.erase();
}

} // namespace

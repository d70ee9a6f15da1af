//===- StructureControlFlow.cpp - sub-blocks -> scf.if / scf.while --------===//
//
// A ProgramDesc sub-block reads and writes the variables of the blocks around
// it by name. In pd, a read in a sub-block uses the SSA value its name held
// just before the op that owns the sub-block, and a write is a value that
// carries the name (`pd.names`). These patterns make the data flow explicit.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"
#include "pd/Codegen/Cpu/Passes.h"

#include "pd/Dialect/ControlFlowOps.h"
#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd::cpu {
#define GEN_PASS_DEF_STRUCTURECONTROLFLOW
#include "pd/Codegen/Cpu/Passes.h.inc"
} // namespace pd::cpu

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

/// The value variable `name` holds just before `op`: the last earlier write
/// in its block, else an argument of that block, else the same question for
/// the op that owns the block. Null when the variable has no value yet.
Value valueBefore(Operation *op, StringRef name) {
  for (; op; op = op->getParentOp()) {
    Block *block = op->getBlock();
    if (!block)
      return {};
    for (Operation *prev = op->getPrevNode(); prev; prev = prev->getPrevNode())
      for (Value result : prev->getResults())
        if (variableName(result) == name)
          return result;
    for (BlockArgument arg : block->getArguments())
      if (variableName(arg) == name)
        return arg;
  }
  return {};
}

/// The last write of `name` at the top level of `body`, or null.
Value lastWrite(Block &body, StringRef name) {
  Value last;
  for (Operation &op : body)
    for (Value result : op.getResults())
      if (variableName(result) == name)
        last = result;
  return last;
}

/// `value` as `type` (the two differ only in what they know of the dims).
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return b.create<tensor::CastOp>(loc, type, value);
}

/// A stand-in for a variable that has no value on a branch that does not
/// write it (select_input never picks it): its dynamic dims are 0.
Value placeholder(OpBuilder &b, Location loc, RankedTensorType type) {
  SmallVector<OpFoldResult> dims;
  for (int64_t d : type.getShape())
    dims.push_back(b.getIndexAttr(ShapedType::isDynamic(d) ? 0 : d));
  return castTo(b, loc, emptyTensor(b, loc, dims, type.getElementType()), type);
}

/// `value` as `type`, or the stand-in when the variable has no value.
Value valueOrPlaceholder(OpBuilder &b, Location loc, Value value, Type type) {
  return value ? castTo(b, loc, value, type)
               : placeholder(b, loc, cast<RankedTensorType>(type));
}

/// Replaces `op` by `structured`, whose results stand for `variables` in
/// order (the op's other results, scopes, are unused).
void replaceVariables(PatternRewriter &rewriter, Operation *op,
                      ArrayRef<OpResult> variables, Operation *structured) {
  SmallVector<Value> replacements(op->getNumResults());
  for (auto [i, r] : llvm::enumerate(variables))
    replacements[r.getResultNumber()] = structured->getResult(i);
  rewriter.replaceOp(op, replacements);
}

/// The condition's one element as an i1.
Value conditionBit(OpBuilder &b, Location loc, Value condition) {
  return convertScalar(b, loc, onlyElement(b, loc, condition), b.getI1Type());
}

/// Whether the sub-block of `op` is ready: one block, and no sub-blocks of
/// its own left to structure (inner ones go first).
bool isInnermostSubBlock(GenericOp op) {
  if (op->getNumRegions() != 1 || !op->getRegion(0).hasOneBlock())
    return false;
  WalkResult nested = op->getRegion(0).walk([](GenericOp inner) {
    return inner->getNumRegions() ? WalkResult::interrupt() : WalkResult::advance();
  });
  return !nested.wasInterrupted();
}

/// The results that stand for variables (the others, step scopes, must be
/// unused), or failure.
FailureOr<SmallVector<OpResult>> variableResults(GenericOp op) {
  SmallVector<OpResult> variables;
  for (OpResult r : op->getResults()) {
    if (isa<RankedTensorType>(r.getType()) && !variableName(r).empty())
      variables.push_back(r);
    else if (!r.use_empty())
      return failure();
  }
  return variables;
}

/// Names the results of the structured op after the variables they carry,
/// so an enclosing sub-block structured later sees them as writes.
void nameResults(OpBuilder &b, Operation *op, ArrayRef<std::string> names) {
  SmallVector<StringRef> refs(names.begin(), names.end());
  op->setAttr(PdDialect::kNamesAttrName, b.getStrArrayAttr(refs));
}

/// conditional_block(Cond) { writes } -> scf.if: the then branch is the
/// sub-block and yields what it wrote; the else branch yields what the
/// variables held before.
struct ConditionalBlockToIf : OpRewritePattern<GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getType() != control_flow::kConditionalBlock || !isInnermostSubBlock(op))
      return failure();
    auto scalar = dyn_cast_if_present<BoolAttr>(
        op.getAttrs().get(control_flow::kIsScalarCondition));
    OperandRange cond = op.getSlotOperands(control_flow::kCond);
    if (!scalar || !scalar.getValue() || cond.size() != 1)
      return rewriter.notifyMatchFailure(op, "needs one scalar condition");
    FailureOr<SmallVector<OpResult>> variables = variableResults(op);
    if (failed(variables))
      return rewriter.notifyMatchFailure(op, "a step scope is used");

    Location loc = op.getLoc();
    SmallVector<Type> types;
    SmallVector<Value> before;
    SmallVector<std::string> names;
    for (OpResult r : *variables) {
      types.push_back(r.getType());
      names.push_back(variableName(r).str());
      before.push_back(valueBefore(op, names.back()));
    }
    auto ifOp = rewriter.create<scf::IfOp>(
        loc, types, conditionBit(rewriter, loc, cond.front()), true);
    nameResults(rewriter, ifOp, names);
    Block &body = op->getRegion(0).front();
    SmallVector<Value> written;
    for (auto [r, old] : llvm::zip(*variables, before)) {
      Value w = lastWrite(body, variableName(r));
      written.push_back(w ? w : old);
    }
    rewriter.inlineBlockBefore(&body, ifOp.thenBlock(), ifOp.thenBlock()->end());

    auto yield = [&](Block *block, ArrayRef<Value> values) {
      rewriter.setInsertionPointToEnd(block);
      SmallVector<Value> yielded;
      for (auto [value, type] : llvm::zip(values, types))
        yielded.push_back(valueOrPlaceholder(rewriter, loc, value, type));
      rewriter.create<scf::YieldOp>(loc, yielded);
    };
    yield(ifOp.thenBlock(), written);
    yield(ifOp.elseBlock(), before);
    replaceVariables(rewriter, op, *variables, ifOp);
    return success();
  }
};

/// while(Condition, X) { writes } -> scf.while carrying every variable the
/// body writes and the condition. In the body, a read of such a variable's
/// outer value becomes the iteration's value.
struct WhileToScfWhile : OpRewritePattern<GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getType() != control_flow::kWhile || !isInnermostSubBlock(op))
      return failure();
    OperandRange condition = op.getSlotOperands(control_flow::kCondition);
    if (condition.size() != 1 || variableName(condition.front()).empty())
      return rewriter.notifyMatchFailure(op, "needs one named condition");
    FailureOr<SmallVector<OpResult>> variables = variableResults(op);
    if (failed(variables))
      return rewriter.notifyMatchFailure(op, "a step scope is used");

    // Carried: the variables the op writes, then the condition if it is not
    // one of them.
    SmallVector<std::string> names;
    SmallVector<Type> types;
    SmallVector<Value> inits;
    for (OpResult r : *variables) {
      names.push_back(variableName(r).str());
      types.push_back(r.getType());
    }
    StringRef condName = variableName(condition.front());
    auto condIt = llvm::find(names, condName.str());
    size_t condIndex = condIt - names.begin();
    if (condIt == names.end()) {
      names.push_back(condName.str());
      types.push_back(condition.front().getType());
    }
    Location loc = op.getLoc();
    for (auto [name, type] : llvm::zip(names, types)) {
      Value init = valueBefore(op, name);
      if (!init)
        return rewriter.notifyMatchFailure(op, "a carried variable has no value before the loop");
      inits.push_back(castTo(rewriter, loc, init, type));
    }

    auto loop = rewriter.create<scf::WhileOp>(
        loc, types, inits,
        [&](OpBuilder &b, Location l, ValueRange args) {
          b.create<scf::ConditionOp>(l, conditionBit(b, l, args[condIndex]), args);
        },
        [&](OpBuilder &, Location, ValueRange) {});
    nameResults(rewriter, loop, names);
    Block &body = op->getRegion(0).front();
    SmallVector<Value> next;
    for (StringRef name : names)
      next.push_back(lastWrite(body, name));
    Block *after = loop.getAfterBody();
    rewriter.inlineBlockBefore(&body, after, after->end());

    // Reads of a carried variable's outer value read the iteration's value.
    Region &afterRegion = loop.getAfter();
    after->walk([&](Operation *inner) {
      for (OpOperand &use : inner->getOpOperands()) {
        Value v = use.get();
        if (afterRegion.isAncestor(v.getParentRegion()))
          continue;
        auto it = llvm::find(names, variableName(v).str());
        if (it != names.end())
          rewriter.modifyOpInPlace(inner, [&] {
            use.set(after->getArgument(it - names.begin()));
          });
      }
    });

    rewriter.setInsertionPointToEnd(after);
    SmallVector<Value> yielded;
    for (auto [i, value] : llvm::enumerate(next))
      yielded.push_back(value ? castTo(rewriter, loc, value, types[i])
                              : after->getArgument(i));
    rewriter.create<scf::YieldOp>(loc, yielded);

    replaceVariables(rewriter, op, *variables, loop);
    return success();
  }
};

struct StructureControlFlow
    : pd::cpu::impl::StructureControlFlowBase<StructureControlFlow> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ConditionalBlockToIf, WhileToScfWhile>(&getContext());
    GreedyRewriteConfig config;
    config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};

} // namespace

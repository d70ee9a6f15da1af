//===- RaisePirControlFlow.cpp - pd_op.if / pd_op.while -> sub-blocks -----===//
//
// PIR's control flow is SSA: an `if` yields values from its two regions, a
// `while` carries values through its body's block arguments. ProgramDesc's is
// by variable name: a conditional_block runs its sub-block when `Cond` holds,
// a while re-runs its sub-block while `Condition` holds, and the sub-blocks
// write variables of the enclosing block. The patterns here write the form
// Paddle 2.x's to_static writes, which Paddle's loaders (and the PIR program
// translator) recognise:
//
//   if:    conditional_block(Cond=c)  { ...; assign(yielded) -> t }
//          logical_not(c) -> nc
//          conditional_block(Cond=nc) { ...; assign(yielded) -> f }
//          cast(c, int32) -> m;  select_input(X=[f, t], Mask=m) -> r
//   while: assign(init) -> v      (a fresh variable per carried value)
//          while(Condition=c, X=[outer reads]) { ...; assign(next) -> v }
//
//===----------------------------------------------------------------------===//

#include "RaisePirControlFlow.h"

#include "pd/Passes/PirRecords.h"

#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/ControlFlowOps.h"
#include "pd/Dialect/PdOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace pd;

namespace {

/// The `cf.yield` that ends a region of a PIR op, or null.
Operation *yieldOf(Region &region) {
  if (!region.hasOneBlock() || region.front().empty())
    return nullptr;
  Operation *last = &region.front().back();
  return pir::opType(last) == "cf.yield" ? last : nullptr;
}

/// Builds typed op `opName` whose results are variables `names`.
Operation *createTyped(PatternRewriter &rewriter, Location loc, StringRef opName,
                       ValueRange operands, TypeRange types, ArrayAttr names,
                       ArrayRef<NamedAttribute> attrs = {}) {
  OperationState state(loc, opName);
  state.addOperands(operands);
  state.addTypes(types);
  state.addAttributes(attrs);
  state.addAttribute(PdDialect::kNamesAttrName, names);
  return rewriter.create(state);
}

/// `assign(value) -> name`.
Value assignTo(PatternRewriter &rewriter, Location loc, Value value,
               ArrayAttr name) {
  return createTyped(rewriter, loc, AssignOp::getOperationName(), value,
                     value.getType(), name)
      ->getResult(0);
}

/// The generic op of a ProgramDesc control-flow op with one sub-block:
/// input slots `condSlot` (one variable) and `readSlot` (the outer variables
/// the sub-block reads), output slots Out and `scopeSlot`.
GenericOp createControlFlowOp(PatternRewriter &rewriter, Location loc,
                              StringRef type, StringRef condSlot,
                              StringRef readSlot, StringRef scopeSlot,
                              Value cond, Region &body, TypeRange outTypes,
                              ArrayAttr names,
                              ArrayRef<NamedAttribute> extraAttrs) {
  llvm::SetVector<Value> reads;
  getUsedValuesDefinedAbove(body, reads);
  SmallVector<Value> operands{cond};
  operands.append(reads.begin(), reads.end());
  SmallVector<Type> types(outTypes);
  types.push_back(ObjectType::get(rewriter.getContext(), "STEP_SCOPES", Type()));
  SmallVector<NamedAttribute> attrs(extraAttrs);
  attrs.push_back(rewriter.getNamedAttr("sub_block", rewriter.getIndexAttr(0)));
  auto op = rewriter.create<GenericOp>(
      loc, types, type, rewriter.getStrArrayAttr({condSlot, readSlot}),
      ArrayRef<int32_t>{1, int32_t(reads.size())},
      rewriter.getStrArrayAttr({control_flow::kOut, scopeSlot}),
      ArrayRef<int32_t>{int32_t(outTypes.size()), 1},
      rewriter.getDictionaryAttr(attrs), operands, /*blocks=*/1);
  op->setAttr(PdDialect::kNamesAttrName, names);
  rewriter.inlineRegionBefore(body, op->getRegion(0), op->getRegion(0).end());
  return op;
}

struct RaiseIf : OpRewritePattern<GenericOp> {
  RaiseIf(MLIRContext *ctx, pir::Namer &namer)
      : OpRewritePattern(ctx), namer(namer) {}

  LogicalResult matchAndRewrite(GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (pir::opType(op) != "pd_op.if")
      return failure();
    unsigned n = op.getNumResults();
    if (op.getNumOperands() != 1 || op->getNumRegions() != 2)
      return rewriter.notifyMatchFailure(op, "not cond + two regions");
    for (Region &region : op->getRegions())
      if (Operation *yield = yieldOf(region);
          !yield || yield->getNumOperands() != n)
        return rewriter.notifyMatchFailure(op, "a region yields no results");
    auto condType = dyn_cast<RankedTensorType>(op.getOperand(0).getType());
    if (!condType)
      return rewriter.notifyMatchFailure(op, "unranked condition");

    Location loc = op.getLoc();
    Value cond = op.getOperand(0);
    MLIRContext *ctx = getContext();
    // Each branch: its sub-block assigns the yielded values to the
    // conditional_block's outputs.
    auto branch = [&](Region &region, Value branchCond) {
      Operation *yield = yieldOf(region);
      ArrayAttr names = namer.namesFor(rewriter, control_flow::kConditionalBlock, n + 1);
      rewriter.setInsertionPoint(yield);
      for (auto [i, value] : llvm::enumerate(yield->getOperands()))
        assignTo(rewriter, loc, value, rewriter.getArrayAttr(names[i]));
      rewriter.eraseOp(yield);
      rewriter.setInsertionPoint(op);
      return createControlFlowOp(
          rewriter, loc, control_flow::kConditionalBlock, control_flow::kCond,
          control_flow::kInput, control_flow::kScope, branchCond, region,
          op.getResultTypes(), names,
          rewriter.getNamedAttr(control_flow::kIsScalarCondition,
                                rewriter.getBoolAttr(true)));
    };
    GenericOp thenOp = branch(op->getRegion(0), cond);
    Value notCond =
        createTyped(rewriter, loc, LogicalNotOp::getOperationName(), cond,
                    condType, namer.namesFor(rewriter, "logical_not", 1))
            ->getResult(0);
    GenericOp elseOp = branch(op->getRegion(1), notCond);
    // select_input picks X[Mask]: the false value at 0, the true one at 1.
    Type i1 = IntegerType::get(ctx, 1), i32 = IntegerType::get(ctx, 32);
    auto dtype = [&](Type element) {
      return rewriter.getI32IntegerAttr(*paddleDataTypeOf(element));
    };
    Value mask =
        createTyped(rewriter, loc, CastOp::getOperationName(), cond,
                    condType.clone(i32), namer.namesFor(rewriter, "cast", 1),
                    {rewriter.getNamedAttr("in_dtype", dtype(i1)),
                     rewriter.getNamedAttr("out_dtype", dtype(i32)),
                     // Paddle 2.x's jit.load reads it to build the backward.
                     rewriter.getNamedAttr("use_mkldnn", rewriter.getBoolAttr(false))})
            ->getResult(0);
    SmallVector<Value> results;
    for (unsigned i = 0; i < n; ++i)
      results.push_back(
          createTyped(rewriter, loc, SelectInputOp::getOperationName(),
                      {elseOp->getResult(i), thenOp->getResult(i), mask},
                      op.getResult(i).getType(),
                      namer.namesFor(rewriter, "select_input", 1))
              ->getResult(0));
    rewriter.replaceOp(op, results);
    return success();
  }

  pir::Namer &namer;
};

struct RaiseWhile : OpRewritePattern<GenericOp> {
  RaiseWhile(MLIRContext *ctx, pir::Namer &namer)
      : OpRewritePattern(ctx), namer(namer) {}

  LogicalResult matchAndRewrite(GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (pir::opType(op) != "pd_op.while")
      return failure();
    unsigned n = op.getNumResults();
    if (op->getNumRegions() != 1 || op.getNumOperands() != n + 1)
      return rewriter.notifyMatchFailure(op, "not cond + carried values");
    Region &region = op->getRegion(0);
    Operation *yield = yieldOf(region);
    if (!yield || yield->getNumOperands() != n + 1 ||
        region.front().getNumArguments() != n)
      return rewriter.notifyMatchFailure(op, "body does not match the loop");
    Block &body = region.front();
    Location loc = op.getLoc();

    // Fresh variables for the condition and the carried values: the loop
    // writes them, and the initial values may be read elsewhere.
    rewriter.setInsertionPoint(op);
    SmallVector<Value> vars;
    SmallVector<Attribute> names;
    for (Value init : op.getOperands()) {
      ArrayAttr name = namer.namesFor(rewriter, "assign", 1);
      vars.push_back(assignTo(rewriter, loc, init, name));
      names.push_back(name[0]);
    }
    for (auto [arg, var] : llvm::zip(body.getArguments(), ArrayRef(vars).drop_front()))
      rewriter.replaceAllUsesWith(arg, var);
    body.eraseArguments(0, n);

    // The yield becomes writes of the variables. A variable yielded into
    // another's place is copied first, so that no write clobbers a value a
    // later write reads.
    rewriter.setInsertionPoint(yield);
    SmallVector<Value> next(yield->getOperands());
    for (size_t i = 0; i < next.size(); ++i)
      if (next[i] != vars[i] && llvm::is_contained(vars, next[i]))
        next[i] = assignTo(rewriter, loc, next[i],
                           namer.namesFor(rewriter, "assign", 1));
    for (size_t i = 0; i < next.size(); ++i)
      if (next[i] != vars[i])
        assignTo(rewriter, loc, next[i], rewriter.getArrayAttr(names[i]));
    rewriter.eraseOp(yield);

    // Out: the carried values, then the condition.
    SmallVector<Type> outTypes;
    SmallVector<Attribute> outNames;
    for (unsigned i = 1; i <= n; ++i) {
      outTypes.push_back(vars[i].getType());
      outNames.push_back(names[i]);
    }
    outTypes.push_back(vars[0].getType());
    outNames.push_back(names[0]);
    outNames.push_back(namer.namesFor(rewriter, control_flow::kWhile, 1)[0]);
    rewriter.setInsertionPoint(op);
    GenericOp loop = createControlFlowOp(
        rewriter, loc, control_flow::kWhile, control_flow::kCondition,
        control_flow::kX, control_flow::kStepScopes, vars[0], region,
        outTypes, rewriter.getArrayAttr(outNames),
        rewriter.getNamedAttr("is_test", rewriter.getBoolAttr(true)));
    rewriter.replaceOp(op, loop->getResults().take_front(n));
    return success();
  }

  pir::Namer &namer;
};

} // namespace

void pd::populateRaisePirControlFlowPatterns(RewritePatternSet &patterns,
                                             pir::Namer &namer) {
  patterns.add<RaiseIf, RaiseWhile>(patterns.getContext(), namer);
}

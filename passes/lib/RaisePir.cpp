//===- RaisePir.cpp - PIR ops -> typed pd ops -------------------------------===//

#include "pd/Dialect/OpTable.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringMap.h"

#include <map>

namespace pd {
#define GEN_PASS_DEF_RAISEPIR
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

StringRef pirType(Operation *op) {
  auto generic = dyn_cast<GenericOp>(op);
  return generic && op->hasAttr(PdDialect::kPirAttrName) ? generic.getType() : StringRef();
}

/// A PIR attribute value ({"#": kind, "D": data}) as the attribute the
/// ProgramDesc-era ops use; null for kinds they have no use for.
Attribute fromPirAttribute(MLIRContext *ctx, DictionaryAttr value) {
  Builder b(ctx);
  auto kind = value.getAs<StringAttr>("#");
  Attribute data = value.get("D");
  if (!kind || !data)
    return nullptr;
  StringRef k = kind.getValue();
  if ((k == "0.a_bool" && isa<BoolAttr>(data)) ||
      (k == "0.a_str" && isa<StringAttr>(data)))
    return data;
  if (k == "0.a_i32")
    if (auto i = dyn_cast<IntegerAttr>(data))
      return b.getI32IntegerAttr(i.getInt());
  if (k == "0.a_i64")
    if (auto i = dyn_cast<IntegerAttr>(data))
      return b.getI64IntegerAttr(i.getInt());
  if (k == "0.a_f32" || k == "0.a_f64") {
    double v = 0;
    if (auto f = dyn_cast<FloatAttr>(data))
      v = f.getValueAsDouble();
    else if (auto i = dyn_cast<IntegerAttr>(data))
      v = double(i.getInt());
    else
      return nullptr;
    return k == "0.a_f32" ? Attribute(b.getF32FloatAttr(float(v)))
                          : Attribute(b.getF64FloatAttr(v));
  }
  if (k == "1.a_intarray") {
    auto items = dyn_cast<ArrayAttr>(data);
    if (!items)
      return nullptr;
    SmallVector<int64_t> ints;
    for (Attribute a : items) {
      auto i = dyn_cast<IntegerAttr>(a);
      if (!i)
        return nullptr;
      ints.push_back(i.getInt());
    }
    return b.getDenseI64ArrayAttr(ints);
  }
  if (k == "0.a_array") {
    auto items = dyn_cast<ArrayAttr>(data);
    if (!items)
      return nullptr;
    SmallVector<Attribute> converted;
    for (Attribute item : items) {
      auto dict = dyn_cast<DictionaryAttr>(item);
      Attribute a = dict ? fromPirAttribute(ctx, dict) : nullptr;
      if (!a)
        return nullptr;
      converted.push_back(a);
    }
    if (converted.empty())
      return b.getDenseI32ArrayAttr({});
    if (llvm::all_of(converted, llvm::IsaPred<StringAttr>))
      return b.getArrayAttr(converted);
    if (llvm::all_of(converted, llvm::IsaPred<BoolAttr>)) {
      SmallVector<bool> v;
      for (Attribute a : converted)
        v.push_back(cast<BoolAttr>(a).getValue());
      return b.getDenseBoolArrayAttr(v);
    }
    if (llvm::all_of(converted, llvm::IsaPred<IntegerAttr>)) {
      SmallVector<int64_t> v;
      for (Attribute a : converted)
        v.push_back(cast<IntegerAttr>(a).getInt());
      return b.getDenseI64ArrayAttr(v);
    }
    if (llvm::all_of(converted, llvm::IsaPred<FloatAttr>)) {
      SmallVector<double> v;
      for (Attribute a : converted)
        v.push_back(cast<FloatAttr>(a).getValueAsDouble());
      return b.getDenseF64ArrayAttr(v);
    }
  }
  return nullptr;
}

/// The PIR attributes of an op, by name.
llvm::StringMap<Attribute> pirAttributes(Operation *op) {
  llvm::StringMap<Attribute> attrs;
  auto record = op->getAttrOfType<DictionaryAttr>(PdDialect::kPirAttrName);
  auto list = record ? record.getAs<ArrayAttr>("A") : nullptr;
  if (!list)
    return attrs;
  for (Attribute entry : list) {
    auto dict = dyn_cast<DictionaryAttr>(entry);
    auto name = dict ? dict.getAs<StringAttr>("N") : nullptr;
    auto value = dict ? dict.getAs<DictionaryAttr>("AT") : nullptr;
    if (name && value)
      if (Attribute a = fromPirAttribute(op->getContext(), value))
        attrs[name.getValue()] = a;
  }
  return attrs;
}

/// Names results as Paddle names variables: `<type>_<n>.tmp_<i>`.
struct Namer {
  llvm::StringMap<unsigned> counters;
  ArrayAttr namesFor(Builder &b, StringRef type, unsigned count) {
    unsigned n = counters[type]++;
    SmallVector<Attribute> names;
    for (unsigned i = 0; i < count; ++i)
      names.push_back(
          b.getStringAttr((type + "_" + llvm::Twine(n) + ".tmp_" + llvm::Twine(i)).str()));
    return b.getArrayAttr(names);
  }
};

/// One pattern for every mapped PIR op, driven by the op table.
struct PirToTyped : OpRewritePattern<GenericOp> {
  PirToTyped(MLIRContext *ctx, Namer &namer)
      : OpRewritePattern(ctx), namer(namer) {}

  LogicalResult matchAndRewrite(GenericOp op,
                                PatternRewriter &rewriter) const override {
    const OpSchema *schema = lookupOpSchemaByPirName(pirType(op));
    if (!schema)
      return rewriter.notifyMatchFailure(op, "no mapping");
    const PirSchema &pir = schema->pir;
    if (op.getNumOperands() != pir.operands.size())
      return rewriter.notifyMatchFailure(op, "operand count differs");

    llvm::StringMap<Attribute> given = pirAttributes(op);
    NamedAttrList attrs;
    auto setDeclared = [&](StringRef name, Attribute value) -> bool {
      const AttrSchema *declared = schema->findAttr(name);
      if (!declared)
        return true; // PIR-only (struct_name, ...): not part of the op here
      Attribute coerced = coerceAttribute(value, declared->type);
      if (!coerced)
        return false;
      attrs.set(name, coerced);
      return true;
    };
    // Attributes, renamed where the op table says so.
    for (const auto &[pirName, value] : given) {
      StringRef name = pirName;
      for (StringRef rename : pir.attrRenames)
        if (rename.split('=').second == pirName)
          name = rename.split('=').first;
      if (!setDeclared(name, value))
        return rewriter.notifyMatchFailure(op, "attribute kind differs");
    }
    for (StringRef def : pir.defaults) {
      if (def.empty())
        continue;
      auto [name, text] = def.split('=');
      int64_t value;
      if (!text.getAsInteger(10, value) &&
          !setDeclared(name, rewriter.getI64IntegerAttr(value)))
        return rewriter.notifyMatchFailure(op, "bad default");
    }

    // Operands to slots; IntArray operands to attributes.
    llvm::StringMap<SmallVector<Value>> slots;
    for (auto [operand, target] : llvm::zip(op.getOperands(), pir.operands)) {
      if (target.starts_with("=")) {
        // A constant operand: a full_int_array's IntArray, or a full's
        // scalar (kept at the precision the ProgramDesc attribute has).
        Operation *def = operand.getDefiningOp();
        StringRef defType = def ? pirType(def) : StringRef();
        Attribute value = def ? pirAttributes(def).lookup("value") : nullptr;
        StringRef name = target.drop_front();
        const AttrSchema *declared = schema->findAttr(name);
        if (defType == "pd_op.full" && declared &&
            declared->type == AttrType::FLOAT && isa_and_present<FloatAttr>(value))
          value = rewriter.getF32FloatAttr(
              float(cast<FloatAttr>(value).getValueAsDouble()));
        if ((defType != "pd_op.full_int_array" && defType != "pd_op.full") ||
            !value || !setDeclared(name, value))
          return rewriter.notifyMatchFailure(op, "operand is not a constant");
        continue;
      }
      slots[target].push_back(operand);
    }

    OperationState state(op.getLoc(), schema->opName);
    SmallVector<int32_t> operandSizes;
    for (const SlotSchema &slot : schema->inputs) {
      SmallVector<Value> &values = slots[slot.name];
      operandSizes.push_back(values.size());
      state.addOperands(values);
    }
    // Results in order; PIR may omit trailing optional ones (XShape).
    if (op.getNumResults() > schema->outputs.size())
      return rewriter.notifyMatchFailure(op, "more results than slots");
    // PIR has no XShape; ProgramDesc's ops carry one ([0] + X's dims) for
    // the backward pass, and Paddle's jit.load wants it.
    SmallVector<int32_t> resultSizes;
    unsigned extraResults = 0;
    for (auto [i, slot] : llvm::enumerate(schema->outputs)) {
      bool present = i < op.getNumResults();
      auto x = op.getNumOperands()
                   ? dyn_cast<RankedTensorType>(op.getOperand(0).getType())
                   : RankedTensorType();
      if (!present && slot.name == "XShape" && x) {
        SmallVector<int64_t> dims{0};
        dims.append(x.getShape().begin(), x.getShape().end());
        state.addTypes(RankedTensorType::get(dims, x.getElementType()));
        resultSizes.push_back(1);
        ++extraResults;
        continue;
      }
      resultSizes.push_back(present);
      if (present)
        state.addTypes(op.getResult(i).getType());
    }
    std::optional<RegisteredOperationName> name =
        RegisteredOperationName::lookup(schema->opName, getContext());
    if (name->hasTrait<OpTrait::AttrSizedOperandSegments>())
      attrs.set("operandSegmentSizes",
                rewriter.getDenseI32ArrayAttr(operandSizes));
    if (name->hasTrait<OpTrait::AttrSizedResultSegments>())
      attrs.set("resultSegmentSizes", rewriter.getDenseI32ArrayAttr(resultSizes));
    ArrayAttr names = namer.namesFor(rewriter, schema->paddleType,
                                     op.getNumResults() + extraResults);
    // In-place outputs carry the variable of the input they update.
    SmallVector<Attribute> resultNames(names.begin(), names.end());
    for (StringRef pair : pir.inplace) {
      if (pair.empty())
        continue;
      auto [out, in] = pair.split('=');
      auto outIt = llvm::find_if(schema->outputs,
                                 [&](const SlotSchema &s) { return s.name == out; });
      size_t outIndex = outIt - schema->outputs.begin();
      if (outIndex < resultNames.size() && !slots[in].empty())
        if (StringRef inName = variableName(slots[in].front()); !inName.empty())
          resultNames[outIndex] = rewriter.getStringAttr(inName);
    }
    attrs.set(PdDialect::kNamesAttrName, rewriter.getArrayAttr(resultNames));
    state.addAttributes(attrs);
    Operation *typed = rewriter.create(state);
    ScopedDiagnosticHandler quiet(getContext(),
                                  [](Diagnostic &) { return success(); });
    if (failed(verify(typed, /*verifyRecursively=*/false))) {
      rewriter.eraseOp(typed);
      return rewriter.notifyMatchFailure(op, "the typed op does not verify");
    }
    rewriter.replaceOp(op, typed->getResults().take_front(op.getNumResults()));
    return success();
  }

  Namer &namer;
};

/// full_int_array / full ops whose values became attributes.
struct EraseUnusedConstant : OpRewritePattern<GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GenericOp op,
                                PatternRewriter &rewriter) const override {
    StringRef type = pirType(op);
    if ((type != "pd_op.full_int_array" && type != "pd_op.full") ||
        !op->use_empty())
      return failure();
    rewriter.eraseOp(op);
    return success();
  }
};

struct RaisePir : pd::impl::RaisePirBase<RaisePir> {
  using RaisePirBase::RaisePirBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>())
      raiseFeedsAndFetches(func);
    Namer namer;
    RewritePatternSet patterns(&getContext());
    patterns.add<PirToTyped>(&getContext(), namer);
    patterns.add<EraseUnusedConstant>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(module, std::move(patterns))))
      return signalPassFailure();
    // Results are named after the variables they fetch, now that the
    // producers have names.
    for (auto func : module.getOps<func::FuncOp>())
      for (auto [i, result] : llvm::enumerate(
               func.front().getTerminator()->getOperands()))
        if (auto fetch = result.getDefiningOp<FetchOp>())
          if (StringRef name = variableName(fetch.getX()); !name.empty())
            func.setResultAttr(i, PdDialect::kNameArgAttrName,
                               StringAttr::get(&getContext(), name));
    if (!requireAll)
      return;
    std::map<std::string, int> left;
    module.walk([&](GenericOp op) {
      if (!pirType(op).empty())
        left[pirType(op).str()]++;
    });
    if (left.empty())
      return;
    std::string list;
    for (auto &[type, count] : left)
      list += (list.empty() ? "" : ", ") + type + " (" + std::to_string(count) + ")";
    module.emitError() << "PIR ops with no mapping to ProgramDesc ops: " << list;
    signalPassFailure();
  }

  /// pd_op.data -> an argument and a feed op; pd_op.fetch -> a fetch op
  /// whose result the function returns.
  void raiseFeedsAndFetches(func::FuncOp func) {
    Block &body = func.front();
    OpBuilder b(func.getContext());
    SmallVector<GenericOp> datas, fetches;
    for (auto op : body.getOps<GenericOp>()) {
      if (pirType(op) == "pd_op.data")
        datas.push_back(op);
      else if (pirType(op) == "pd_op.fetch")
        fetches.push_back(op);
    }
    if (datas.empty() && fetches.empty())
      return;
    for (auto [col, data] : llvm::enumerate(datas)) {
      auto name = dyn_cast_if_present<StringAttr>(pirAttributes(data).lookup("name"));
      Type type = data.getResult(0).getType();
      BlockArgument arg = body.addArgument(type, data.getLoc());
      b.setInsertionPoint(data);
      auto feed = b.create<FeedOp>(data.getLoc(), type, arg,
                                   b.getI32IntegerAttr(col), IntegerAttr(),
                                   ArrayAttr(), StringAttr(), StringAttr(),
                                   BoolAttr());
      StringRef varName = name ? name.getValue() : StringRef("x");
      feed->setAttr(PdDialect::kNamesAttrName, b.getStrArrayAttr({varName}));
      data.getResult(0).replaceAllUsesWith(feed.getResult());
      data.erase();
      func.setType(FunctionType::get(func.getContext(), body.getArgumentTypes(),
                                     func.getResultTypes()));
      func.setArgAttr(arg.getArgNumber(), PdDialect::kNameArgAttrName,
                      b.getStringAttr(varName));
    }
    SmallVector<Value> results;
    for (auto [col, fetch] : llvm::enumerate(fetches)) {
      Value x = fetch.getOperand(0);
      b.setInsertionPoint(fetch);
      auto out = b.create<FetchOp>(fetch.getLoc(), x.getType(), x,
                                   b.getI32IntegerAttr(col), IntegerAttr(),
                                   ArrayAttr(), StringAttr(), StringAttr(),
                                   BoolAttr());
      out->setAttr(PdDialect::kNamesAttrName, b.getStrArrayAttr({"fetch"}));
      fetch->dropAllUses();
      fetch.erase();
      results.push_back(out.getResult());
    }
    Operation *ret = body.getTerminator();
    ret->setOperands(results);
    func.setType(FunctionType::get(func.getContext(), body.getArgumentTypes(),
                                   ValueRange(results).getTypes()));
  }
};

} // namespace

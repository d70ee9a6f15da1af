//===- RaisePir.cpp - PIR ops -> typed pd ops -------------------------------===//

#include "pd/Passes/PirRecords.h"
#include "RaisePirControlFlow.h"

#include "pd/Dialect/OpTable.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Dialect/PdDialect.h"
#include "pd/Passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>
#include <map>

namespace pd {
#define GEN_PASS_DEF_RAISEPIR
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

/// Whether operand `use` is one the op table turns into an attribute of
/// its user ("=attr").
bool isAttributeUse(OpOperand &use) {
  PirMapping user = lookupPirMapping(pir::opType(use.getOwner()));
  unsigned index = use.getOperandNumber();
  return user && index < user.pir->operands.size() &&
         user.pir->operands[index].starts_with("=");
}

/// The arity of input slot `name` of `schema`, if it has one by that name.
std::optional<SlotArity> inputArity(const OpSchema &schema, StringRef name) {
  for (const SlotSchema &slot : schema.inputs)
    if (slot.name == name)
      return slot.arity;
  return std::nullopt;
}

/// PIR's vector of values: builtin.combine makes one from values (concat's
/// inputs), builtin.split takes one apart (split's outputs).
bool isCombine(Operation *op) {
  return op && pir::opType(op) == "builtin.combine";
}
bool isSplit(Operation *op) { return op && pir::opType(op) == "builtin.split"; }

/// The builtin.split that takes `vector` apart: its only user. Null when
/// there is none.
Operation *vectorUnpacker(Value vector) {
  if (!vector.hasOneUse())
    return nullptr;
  Operation *user = *vector.getUsers().begin();
  return isSplit(user) ? user : nullptr;
}

/// The type PIR writes for an optional result that is absent ("NULL").
bool isNullType(Type type) {
  auto object = dyn_cast<ObjectType>(type);
  return object && object.getKind() == "pir:NULL";
}

/// A constant whose every use becomes an attribute needs no op of its own.
bool onlyAttributeUses(Operation *op) {
  return llvm::all_of(op->getUses(), isAttributeUse);
}

/// PIR's assign_value keeps its values as one list of doubles where
/// ProgramDesc has one attribute per element type: the attribute name and
/// value for `dtype` (a VarType code), or none.
std::optional<NamedAttribute> assignValues(Builder &b, int64_t dtype,
                                           Attribute values) {
  // The record's list as pir::attributes converted it.
  SmallVector<double> v;
  auto take = [&](auto array) {
    if (!array)
      return false;
    for (auto x : array.asArrayRef())
      v.push_back(double(x));
    return true;
  };
  if (!take(dyn_cast_if_present<DenseF64ArrayAttr>(values)) &&
      !take(dyn_cast_if_present<DenseF32ArrayAttr>(values)) &&
      !take(dyn_cast_if_present<DenseI64ArrayAttr>(values)) &&
      !take(dyn_cast_if_present<DenseI32ArrayAttr>(values)) &&
      !take(dyn_cast_if_present<DenseBoolArrayAttr>(values)))
    return std::nullopt;
  auto as = [&](auto convert) {
    SmallVector<decltype(convert(0.0))> out;
    for (double x : v)
      out.push_back(convert(x));
    return out;
  };
  switch (dtype) {
  case 0: // bool, kept as ints
    return b.getNamedAttr("bool_values",
                          b.getDenseI32ArrayAttr(as([](double x) { return int32_t(x != 0); })));
  case 2:
    return b.getNamedAttr("int32_values",
                          b.getDenseI32ArrayAttr(as([](double x) { return int32_t(x); })));
  case 3:
    return b.getNamedAttr("int64_values",
                          b.getDenseI64ArrayAttr(as([](double x) { return int64_t(x); })));
  case 5:
    return b.getNamedAttr("fp32_values",
                          b.getDenseF32ArrayAttr(as([](double x) { return float(x); })));
  case 6:
    return b.getNamedAttr("fp64_values", b.getDenseF64ArrayAttr(v));
  default:
    return std::nullopt;
  }
}

/// One pattern for every mapped PIR op, driven by the op table.
struct PirToTyped : OpRewritePattern<GenericOp> {
  PirToTyped(MLIRContext *ctx, pir::Namer &namer)
      : OpRewritePattern(ctx), namer(namer) {}

  LogicalResult matchAndRewrite(GenericOp op,
                                PatternRewriter &rewriter) const override {
    PirMapping found = lookupPirMapping(pir::opType(op));
    if (!found)
      return rewriter.notifyMatchFailure(op, "no mapping");
    const OpSchema *schema = found.op;
    const PirSchema &mapping = *found.pir;
    SmallVector<Value> operands = pir::operands(op);
    if (operands.size() != mapping.operands.size())
      return rewriter.notifyMatchFailure(op, "operand count differs");
    if (pir::opType(op) == "pd_op.full" && onlyAttributeUses(op))
      return rewriter.notifyMatchFailure(op, "becomes its users' attribute");

    llvm::StringMap<Attribute> given = pir::attributes(op);
    NamedAttrList attrs;
    auto setDeclared = [&](StringRef name, Attribute value) -> bool {
      const AttrSchema *declared = schema->findAttr(name);
      if (!declared)
        return true; // PIR-only (struct_name, ...): not part of the op here
      // PIR keeps as double what ProgramDesc keeps as float.
      if (auto f = dyn_cast<FloatAttr>(value);
          f && declared->type == AttrType::FLOAT)
        value = rewriter.getF32FloatAttr(float(f.getValueAsDouble()));
      // A pd_op.full keeps any scalar as a double (concat's axis 1.0).
      bool integral = declared->type == AttrType::INT ||
                      declared->type == AttrType::LONG ||
                      declared->type == AttrType::BOOLEAN;
      if (auto f = dyn_cast<FloatAttr>(value); f && integral) {
        double v = f.getValueAsDouble();
        if (v != std::trunc(v) || std::abs(v) > 9.0e15)
          return false;
        value = rewriter.getI64IntegerAttr(int64_t(v));
      }
      Attribute coerced = coerceAttribute(value, declared->type);
      if (!coerced)
        return false;
      attrs.set(name, coerced);
      return true;
    };
    // Attributes, renamed where the op table says so.
    for (const auto &[pirName, value] : given) {
      StringRef name = pirName;
      for (StringRef rename : mapping.attrRenames)
        if (rename.split('=').second == pirName)
          name = rename.split('=').first;
      if (!value) {
        if (schema->findAttr(name))
          return rewriter.notifyMatchFailure(op, "an attribute value pd cannot read");
        continue;
      }
      if (!setDeclared(name, value))
        return rewriter.notifyMatchFailure(op, "attribute kind differs");
    }
    if (schema->paddleType == "assign_value") {
      auto dtype = dyn_cast_if_present<IntegerAttr>(attrs.get("dtype"));
      std::optional<NamedAttribute> typed =
          dtype ? assignValues(rewriter, dtype.getInt(), given.lookup("values"))
                : std::nullopt;
      if (!typed)
        return rewriter.notifyMatchFailure(op, "values of no element type");
      attrs.set(typed->getName(), typed->getValue());
      attrs.erase("values"); // spread into the list of the dtype instead

    }
    for (StringRef def : mapping.defaults) {
      if (def.empty())
        continue;
      auto [name, text] = def.split('=');
      // A number: integral for integer attributes ("axis=-1"), any for
      // float ones ("threshold=6.0").
      const AttrSchema *declared = schema->findAttr(name);
      bool isFloat = declared && (declared->type == AttrType::FLOAT ||
                                  declared->type == AttrType::FLOAT64);
      double number;
      int64_t integer;
      Attribute value;
      StringRef slot = text;
      if (slot.consume_front("dtype(") && slot.consume_back(")")) {
        // The VarType code of that input's element type.
        auto it = llvm::find(mapping.operands, slot);
        size_t at = it - mapping.operands.begin();
        if (it != mapping.operands.end() && at < operands.size() && operands[at])
          if (auto t = dyn_cast<ShapedType>(operands[at].getType()))
            if (std::optional<int32_t> code = paddleDataTypeOf(t.getElementType()))
              value = rewriter.getI32IntegerAttr(*code);
      } else if (isFloat && !text.getAsDouble(number))
        value = rewriter.getF64FloatAttr(number);
      else if (!isFloat && !text.getAsInteger(10, integer))
        value = rewriter.getI64IntegerAttr(integer);
      if (!value || !setDeclared(name, value))
        return rewriter.notifyMatchFailure(op, "bad default");
    }

    // Operands to slots; IntArray operands to attributes.
    llvm::StringMap<SmallVector<Value>> slots;
    for (auto [operand, target] : llvm::zip(operands, mapping.operands)) {
      if (!operand)
        continue; // an absent optional input: its slot stays empty
      if (target == "-")
        continue; // PIR's own operand, no slot of the Paddle op
      if (target.starts_with("=")) {
        // A constant operand: a full_int_array's IntArray, or a full's
        // scalar (which may have become a fill_constant for other users).
        // Where the table names slots after the attribute
        // ("=shape|Shape|ShapeTensor"), a value computed at run time
        // fills them instead: a vector of values the list slot, a tensor
        // the tensor slot.
        auto [attr, slotNames] = target.drop_front().split('|');
        auto [tensorSlot, listSlot] = slotNames.split('|');
        Operation *def = operand.getDefiningOp();
        StringRef defType = def ? pir::opType(def) : StringRef();
        Attribute value;
        if (defType == "pd_op.full_int_array" || defType == "pd_op.full")
          value = pir::attributes(def).lookup("value");
        else if (auto fill = dyn_cast_if_present<FillConstantOp>(def))
          value = fill.getValueAttr();
        bool constant = defType == "pd_op.full_int_array" || defType == "pd_op.full";
        if (value || constant) {
          if (!value || !setDeclared(attr, value))
            return rewriter.notifyMatchFailure(op, "bad constant operand");
          continue;
        }
        if (isCombine(def) && !listSlot.empty()) {
          llvm::append_range(slots[listSlot], def->getOperands());
          continue;
        }
        if (tensorSlot.empty() || isCombine(def))
          return rewriter.notifyMatchFailure(op, "operand is not a constant");
        slots[tensorSlot].push_back(operand);
        continue;
      }
      // A vector of values fills a variadic slot (concat's X).
      if (Operation *def = operand.getDefiningOp(); isCombine(def)) {
        if (inputArity(*schema, target) != SlotArity::Variadic)
          return rewriter.notifyMatchFailure(op, "a vector for a single slot");
        llvm::append_range(slots[target], def->getOperands());
        continue;
      }
      slots[target].push_back(operand);
    }

    for (const auto &slot : slots)
      if (!inputArity(*schema, slot.getKey()))
        return rewriter.notifyMatchFailure(op, "the op table names a slot the op lacks");
    OperationState state(op.getLoc(), schema->opName);
    SmallVector<int32_t> operandSizes;
    for (const SlotSchema &slot : schema->inputs) {
      SmallVector<Value> &values = slots[slot.name];
      operandSizes.push_back(values.size());
      state.addOperands(values);
    }
    // Results slot by slot, in PIR's order; PIR may omit trailing optional
    // ones (XShape). A vector result is the values of a variadic slot
    // (split's Out, rnn's State): the builtin.split after the op gives them,
    // or, where nothing takes the vector apart, its record gives their types.
    if (op.getNumResults() > schema->outputs.size())
      return rewriter.notifyMatchFailure(op, "more results than slots");
    SmallVector<int32_t> resultSizes;
    SmallVector<Value> replaced; // per typed result: the value it replaces
    SmallVector<Operation *> unpackers;
    for (auto [i, slot] : llvm::enumerate(schema->outputs)) {
      // PIR's null type: an optional output the op does not produce
      // (unique's Indices without return_index).
      if (i < op.getNumResults() && isNullType(op.getResult(i).getType())) {
        if (slot.arity == SlotArity::Single || !op.getResult(i).use_empty())
          return rewriter.notifyMatchFailure(op, "a null result where a value is needed");
        resultSizes.push_back(0);
        continue;
      }
      if (i < op.getNumResults() &&
          isa<ObjectType>(op.getResult(i).getType())) {
        Value vector = op.getResult(i);
        if (slot.arity != SlotArity::Variadic)
          return rewriter.notifyMatchFailure(op, "a vector for a single slot");
        if (Operation *unpack = vectorUnpacker(vector)) {
          resultSizes.push_back(unpack->getNumResults());
          for (Value v : unpack->getResults()) {
            state.addTypes(v.getType());
            replaced.push_back(v);
          }
          unpackers.push_back(unpack);
          continue;
        }
        std::optional<SmallVector<Type>> types = pir::vectorResultTypes(op, i);
        if (!vector.use_empty() || !types)
          return rewriter.notifyMatchFailure(op, "a vector no builtin.split takes");
        resultSizes.push_back(types->size());
        state.addTypes(*types);
        replaced.append(types->size(), Value());
        continue;
      }
      if (i < op.getNumResults()) {
        resultSizes.push_back(1);
        state.addTypes(op.getResult(i).getType());
        replaced.push_back(op.getResult(i));
        continue;
      }
      // PIR has no XShape; ProgramDesc's ops carry one ([0] + X's dims) for
      // the backward pass, and Paddle's jit.load wants it.
      auto x = op.getNumOperands()
                   ? dyn_cast<RankedTensorType>(op.getOperand(0).getType())
                   : RankedTensorType();
      if (slot.name == "XShape" && x) {
        SmallVector<int64_t> dims{0};
        dims.append(x.getShape().begin(), x.getShape().end());
        state.addTypes(RankedTensorType::get(dims, x.getElementType()));
        resultSizes.push_back(1);
        replaced.push_back(Value());
        continue;
      }
      resultSizes.push_back(0);
    }
    std::optional<RegisteredOperationName> name =
        RegisteredOperationName::lookup(schema->opName, getContext());
    if (name->hasTrait<OpTrait::AttrSizedOperandSegments>())
      attrs.set("operandSegmentSizes",
                rewriter.getDenseI32ArrayAttr(operandSizes));
    if (name->hasTrait<OpTrait::AttrSizedResultSegments>())
      attrs.set("resultSegmentSizes", rewriter.getDenseI32ArrayAttr(resultSizes));
    ArrayAttr names =
        namer.namesFor(rewriter, schema->paddleType, replaced.size());
    // In-place outputs carry the variable of the input they update.
    SmallVector<Attribute> resultNames(names.begin(), names.end());
    for (StringRef pair : mapping.inplace) {
      if (pair.empty())
        continue;
      auto [out, in] = pair.split('=');
      auto outIt = llvm::find_if(schema->outputs,
                                 [&](const SlotSchema &s) { return s.name == out; });
      size_t slotIndex = outIt - schema->outputs.begin();
      if (slotIndex >= resultSizes.size() || resultSizes[slotIndex] != 1)
        continue;
      size_t outIndex = 0; // the slot's result: after the earlier slots'
      for (size_t j = 0; j < slotIndex; ++j)
        outIndex += resultSizes[j];
      if (!slots[in].empty())
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
    for (auto [from, to] : llvm::zip(replaced, typed->getResults()))
      if (from)
        rewriter.replaceAllUsesWith(from, to);
    for (Operation *unpack : unpackers)
      rewriter.eraseOp(unpack);
    rewriter.eraseOp(op);
    return success();
  }

  pir::Namer &namer;
};

/// full_int_array / full ops whose values became attributes, and
/// builtin.combine ops whose values became a slot's.
struct EraseUnusedConstant : OpRewritePattern<GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GenericOp op,
                                PatternRewriter &rewriter) const override {
    StringRef type = pir::opType(op);
    if ((type != "pd_op.full_int_array" && type != "pd_op.full" &&
         type != "builtin.combine") ||
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
      if (failed(raiseFeedsAndFetches(func)))
        return signalPassFailure();
    pir::Namer namer;
    RewritePatternSet patterns(&getContext());
    patterns.add<PirToTyped>(&getContext(), namer);
    patterns.add<EraseUnusedConstant>(&getContext());
    populateRaisePirControlFlowPatterns(patterns, namer);
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
      if (!pir::opType(op).empty())
        left[pir::opType(op).str()]++;
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
  LogicalResult raiseFeedsAndFetches(func::FuncOp func) {
    Block &body = func.front();
    OpBuilder b(func.getContext());
    SmallVector<GenericOp> datas, fetches;
    for (auto op : body.getOps<GenericOp>()) {
      if (pir::opType(op) == "pd_op.data")
        datas.push_back(op);
      else if (pir::opType(op) == "pd_op.fetch")
        fetches.push_back(op);
    }
    if (datas.empty() && fetches.empty())
      return success();
    for (GenericOp data : datas)
      if (data->getNumResults() != 1 || data->getNumOperands() != 0)
        return data.emitError("pd_op.data must have one result and no inputs");
    for (GenericOp fetch : fetches)
      if (fetch->getNumOperands() != 1)
        return fetch.emitError("pd_op.fetch must have one input");
    for (auto [col, data] : llvm::enumerate(datas)) {
      auto name = dyn_cast_if_present<StringAttr>(pir::attributes(data).lookup("name"));
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
    return success();
  }
};

} // namespace

bool pd::canRaisePirOp(StringRef pirType) {
  return lookupPirMapping(pirType) ||
         llvm::is_contained({"pd_op.data", "pd_op.fetch", "pd_op.full",
                             "pd_op.full_int_array", "pd_op.if", "pd_op.while",
                             "cf.yield", "builtin.combine", "builtin.split"},
                            pirType);
}

//===- PdOps.cpp - pd ops ---------------------------------------------------===//

#include "pd/Dialect/PdOps.h"

using namespace mlir;
using namespace pd;

void pd::nameResultsAfterVariables(Operation *op, OpAsmSetValueNameFn setName) {
  auto names = op->getAttrOfType<ArrayAttr>(PdDialect::kNamesAttrName);
  if (!names || names.size() != op->getNumResults())
    return;
  for (auto [result, name] : llvm::zip(op->getResults(), names))
    if (auto str = dyn_cast<StringAttr>(name); str && !str.empty())
      setName(result, str.getValue());
}

StringRef pd::variableName(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
    if (!func || !arg.getOwner()->isEntryBlock())
      return {};
    auto name = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                  PdDialect::kNameArgAttrName);
    return name ? name.getValue() : StringRef();
  }
  Operation *def = value.getDefiningOp();
  if (auto read = dyn_cast<GetParameterOp>(def))
    return read.getName();
  auto names = def->getAttrOfType<ArrayAttr>(PdDialect::kNamesAttrName);
  unsigned index = cast<OpResult>(value).getResultNumber();
  if (!names || index >= names.size())
    return {};
  auto name = dyn_cast<StringAttr>(names[index]);
  return name ? name.getValue() : StringRef();
}

//===----------------------------------------------------------------------===//
// ParameterOp
//===----------------------------------------------------------------------===//

LogicalResult ParameterOp::verify() {
  if (auto value = getValueAttr(); value && value.getType() != getType())
    return emitOpError("value of type ")
           << value.getType() << " does not match the parameter type "
           << getType();
  return success();
}

//===----------------------------------------------------------------------===//
// GetParameterOp
//===----------------------------------------------------------------------===//

LogicalResult
GetParameterOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto param =
      symbolTable.lookupNearestSymbolFrom<ParameterOp>(*this, getNameAttr());
  if (!param)
    return emitOpError("'") << getName() << "' is not a pd.parameter";
  if (param.getType() != getType())
    return emitOpError("result type ")
           << getType() << " does not match parameter type "
           << param.getType();
  return success();
}

void GetParameterOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getResult(), getName());
}

//===----------------------------------------------------------------------===//
// GenericOp
//===----------------------------------------------------------------------===//

void GenericOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  nameResultsAfterVariables(getOperation(), setNameFn);
}

static LogicalResult verifySlots(GenericOp op, StringRef what, ArrayAttr names,
                                 ArrayRef<int32_t> sizes, size_t numValues) {
  if (names.size() != sizes.size())
    return op.emitOpError() << what << ": " << names.size()
                            << " slot names but " << sizes.size() << " sizes";
  int64_t total = 0;
  for (int32_t size : sizes) {
    if (size < 0)
      return op.emitOpError() << what << ": negative slot size";
    total += size;
  }
  if (total != static_cast<int64_t>(numValues))
    return op.emitOpError() << what << ": slot sizes add up to " << total
                            << " but the op has " << numValues;
  return success();
}

OperandRange GenericOp::getSlotOperands(StringRef slot) {
  unsigned start = 0;
  for (auto [name, size] : llvm::zip(getInputs(), getInputSizes())) {
    if (cast<StringAttr>(name).getValue() == slot)
      return getOperands().slice(start, size);
    start += size;
  }
  return getOperands().slice(0, 0);
}

LogicalResult GenericOp::verify() {
  if (failed(verifySlots(*this, "inputs", getInputs(), getInputSizes(),
                         getNumOperands())) ||
      failed(verifySlots(*this, "outputs", getOutputs(), getOutputSizes(),
                         getNumResults())))
    return failure();
  return success();
}

#include "pd/Dialect/PdInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "pd/Dialect/PdOps.cpp.inc"

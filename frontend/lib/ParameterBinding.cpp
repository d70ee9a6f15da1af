//===- ParameterBinding.cpp - parameters from pickles and .info ------------===//

#include "pd/Frontend/ParameterBinding.h"

#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Frontend/ProgramDesc.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace pd;
using llvm::Error;
using llvm::formatv;
using Kind = pickle::Value::Kind;

Error pd::readParamsInfo(ModuleOp module, llvm::StringRef path) {
  auto doc = pickle::parseFile(path);
  if (!doc)
    return doc.takeError();
  return applyParamsInfo(module, *doc, path);
}

Error pd::applyParamsInfo(ModuleOp module, const pickle::Document &info,
                          llvm::StringRef path) {
  const pickle::Document *doc = &info;
  if (!doc->root->is(Kind::Dict))
    return makeFileError(path, "not a dict of variable information");
  Builder b(module.getContext());
  SmallVector<Attribute> order;
  for (const auto &[key, info] : doc->root->entries) {
    if (!key->is(Kind::Str) || !info->is(Kind::Dict))
      return makeFileError(path, "entries must map a name to a dict");
    SmallVector<NamedAttribute> fields;
    for (const auto &[field, value] : info->entries) {
      bool known = field->is(Kind::Str) &&
                   ((field->text == "structured_name" && value->is(Kind::Str)) ||
                    ((field->text == "trainable" ||
                      field->text == "stop_gradient") &&
                     value->is(Kind::Bool)));
      if (!known)
        return makeFileError(path, formatv("variable '{0}': unexpected field",
                                           key->text));
      fields.push_back(b.getNamedAttr(
          field->text, value->is(Kind::Str)
                           ? Attribute(b.getStringAttr(value->text))
                           : Attribute(b.getBoolAttr(value->boolean))));
    }
    auto param = module.lookupSymbol<ParameterOp>(key->text);
    if (!param) {
      // A variable the (pruned) program no longer has: kept for the file.
      fields.push_back(b.getNamedAttr("name", b.getStringAttr(key->text)));
      order.push_back(b.getDictionaryAttr(fields));
      continue;
    }
    order.push_back(b.getStringAttr(key->text));
    for (NamedAttribute field : fields) {
      if (field.getName() == "structured_name")
        param.setStructuredNameAttr(cast<StringAttr>(field.getValue()));
      else if (field.getName() == "trainable")
        param.setTrainableAttr(cast<BoolAttr>(field.getValue()));
      else
        param.setStopGradientAttr(cast<BoolAttr>(field.getValue()));
    }
  }
  module->setAttr(PdDialect::kParamsInfoAttrName, b.getArrayAttr(order));
  return Error::success();
}

/// bfloat16 tensors reach numpy as uint16: the variable's type decides.
static bool sameDataType(Type element, int32_t pickled) {
  std::optional<int32_t> declared = paddleDataTypeOf(element);
  return declared && (*declared == pickled ||
                      (*declared == 22 /*BF16*/ && pickled == 36 /*UINT16*/));
}

Error pd::bindStateDict(ModuleOp module, const StateDict &dict,
                        llvm::StringRef fileName,
                        const std::function<void(const llvm::Twine &)> &warn) {
  llvm::StringMap<const PickledTensor *> byName, byKey;
  for (const PickledTensor &t : dict.tensors) {
    if (!t.name.empty())
      byName[t.name] = &t;
    byKey[t.key] = &t;
  }
  llvm::StringMap<bool> used;
  SmallVector<std::string> missing, mismatched;
  for (ParameterOp param : module.getOps<ParameterOp>()) {
    const PickledTensor *t = byName.lookup(param.getSymName());
    if (!t && param.getStructuredNameAttr())
      t = byKey.lookup(*param.getStructuredName());
    if (!t)
      t = byKey.lookup(param.getSymName());
    if (!t) {
      missing.push_back(param.getSymName().str());
      continue;
    }
    used[t->key] = true;
    auto type = cast<RankedTensorType>(param.getType());
    if (!dimsFit(type, t->dims) ||
        !sameDataType(type.getElementType(), t->dataType)) {
      std::string want;
      llvm::raw_string_ostream(want) << type;
      std::string dims;
      for (int64_t d : t->dims)
        dims += (dims.empty() ? "" : "x") + std::to_string(d);
      mismatched.push_back(formatv("'{0}' is {1} in the program but {2} "
                                   "[{3}] in the pickle",
                                   param.getSymName(), want, t->numpyType,
                                   dims)
                               .str());
      continue;
    }
    auto bound = RankedTensorType::get(t->dims, type.getElementType());
    AsmResourceBlob blob(llvm::ArrayRef<char>(t->data.data(), t->data.size()),
                         /*dataAlignment=*/1,
                         [keepAlive = t->keepAlive](void *, size_t, size_t) {},
                         /*dataIsMutable=*/false);
    param.setValueAttr(DenseResourceElementsAttr::get(
        bound, param.getSymName(), std::move(blob)));
    if (bound != type) {
      // Reads follow the parameter's now static type.
      param.setType(bound);
      module.walk([&](GetParameterOp read) {
        if (read.getName() == param.getSymName())
          read.getResult().setType(bound);
      });
    }
  }
  if (!missing.empty() || !mismatched.empty()) {
    std::string message;
    if (!missing.empty())
      message += formatv("{0} parameters have no tensor: {1}", missing.size(),
                         llvm::join(missing, ", "));
    if (!mismatched.empty())
      message += (message.empty() ? "" : "; ") +
                 formatv("{0} disagree: {1}", mismatched.size(),
                         llvm::join(mismatched, "; "))
                     .str();
    return makeFileError(fileName, message);
  }
  SmallVector<std::string> unexpected;
  for (const PickledTensor &t : dict.tensors)
    if (!used.count(t.key))
      unexpected.push_back(t.key);
  if (!unexpected.empty() && warn)
    warn(formatv("{0}: {1} tensors match no parameter: {2}", fileName,
                 unexpected.size(), llvm::join(unexpected, ", ")));
  return Error::success();
}

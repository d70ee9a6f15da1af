//===- OpTable.cpp - lookups into the generated Paddle op table -------------===//

#include "pd/Dialect/OpTable.h"

#include "llvm/ADT/STLExtras.h"

using namespace pd;

namespace {
/// A `pirForms` entry of the table: another PIR op for `paddleType`.
struct PirForm {
  llvm::StringLiteral paddleType;
  PirSchema pir;
};
} // namespace

#include "pd/Dialect/PaddleOpTable.inc"

llvm::ArrayRef<OpSchema> pd::allOpSchemas() { return kOpSchemas; }

llvm::SmallVector<llvm::StringRef> pd::pirNamesOf(const OpSchema &schema) {
  llvm::SmallVector<llvm::StringRef> names;
  if (!schema.pir.name.empty())
    names.push_back(schema.pir.name);
  for (const PirForm &form : kPirForms)
    if (form.paddleType == schema.paddleType && !form.pir.name.empty())
      names.push_back(form.pir.name);
  return names;
}

const OpSchema *pd::lookupOpSchema(llvm::StringRef paddleType) {
  // The generated table is sorted by Paddle type.
  const OpSchema *it = llvm::partition_point(
      kOpSchemas,
      [&](const OpSchema &s) { return s.paddleType < paddleType; });
  if (it == std::end(kOpSchemas) || it->paddleType != paddleType)
    return nullptr;
  return it;
}

const OpSchema *pd::lookupOpSchemaByOpName(llvm::StringRef opName) {
  if (!opName.consume_front("pd."))
    return nullptr;
  const OpSchema *schema = lookupOpSchema(opName);
  return schema && schema->opName.drop_front(3) == opName ? schema : nullptr;
}

PirMapping pd::lookupPirMapping(llvm::StringRef pirName) {
  if (pirName.empty())
    return {};
  for (const OpSchema &schema : kOpSchemas)
    if (schema.pir.name == pirName)
      return {&schema, &schema.pir};
  for (const PirForm &form : kPirForms)
    if (form.pir.name == pirName)
      return {lookupOpSchema(form.paddleType), &form.pir};
  return {};
}

const AttrSchema *OpSchema::findAttr(llvm::StringRef name) const {
  for (const AttrSchema &attr : attrs)
    if (attr.name == name)
      return &attr;
  return nullptr;
}

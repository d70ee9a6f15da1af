//===- OpTable.cpp - lookups into the generated Paddle op table -------------===//

#include "pd/Dialect/OpTable.h"

#include "llvm/ADT/STLExtras.h"

using namespace pd;

#include "pd/Dialect/PaddleOpTable.inc"

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

const OpSchema *pd::lookupOpSchemaByPirName(llvm::StringRef pirName) {
  for (const OpSchema &schema : kOpSchemas)
    if (!schema.pir.name.empty() && schema.pir.name == pirName)
      return &schema;
  return nullptr;
}

const AttrSchema *OpSchema::findAttr(llvm::StringRef name) const {
  for (const AttrSchema &attr : attrs)
    if (attr.name == name)
      return &attr;
  return nullptr;
}

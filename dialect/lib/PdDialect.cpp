//===- PdDialect.cpp - the pd dialect ---------------------------------------===//

#include "pd/Dialect/PdOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace pd;

#include "pd/Dialect/PdDialect.cpp.inc"

void PdDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "pd/Dialect/PdTypes.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "pd/Dialect/PdAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "pd/Dialect/PdOps.cpp.inc"
      >();
}

#define GET_TYPEDEF_CLASSES
#include "pd/Dialect/PdTypes.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "pd/Dialect/PdAttrs.cpp.inc"

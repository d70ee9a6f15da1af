//===- SourceLocation.cpp - locations as a user reads them ----------------===//

#include "pd/Dialect/SourceLocation.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Visitors.h"

using namespace mlir;

std::string pd::userFacingLocation(Location loc) {
  std::string userFrame, anyFrame;
  loc->walk([&](Location inner) {
    if (auto file = dyn_cast<FileLineColLoc>(inner)) {
      std::string where = file.getFilename().str();
      if (file.getLine())
        where += ":" + std::to_string(file.getLine());
      if (anyFrame.empty())
        anyFrame = where;
      if (!StringRef(where).contains("/paddle/"))
        userFrame = where;
    }
    return WalkResult::advance();
  });
  return userFrame.empty() ? anyFrame : userFrame;
}

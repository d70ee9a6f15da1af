//===- SourceLocation.cpp - locations as a user reads them ----------------===//

#include "pd/Dialect/SourceLocation.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Visitors.h"

using namespace mlir;

Location pd::placeInFile(MLIRContext *ctx, StringRef file, StringRef place) {
  return FusedLoc::get(ctx, {FileLineColLoc::get(ctx, file, 0, 0)},
                       StringAttr::get(ctx, place));
}

/// A frame of library code, not the model's own: Paddle, an installed
/// package (a custom op's wrapper, decorator), Python's standard library
/// (runpy for `python -m`).
static bool isLibraryFrame(StringRef path) {
  return path.contains("/paddle/") || path.contains("/site-packages/") ||
         path.contains("/dist-packages/") ||
         (path.contains("/lib/python") && path.contains(".py"));
}

std::string pd::userFacingLocation(Location loc) {
  std::string userFrame, anyFrame, place;
  loc->walk([&](Location inner) {
    if (auto fused = dyn_cast<FusedLoc>(inner))
      if (auto tag = dyn_cast_if_present<StringAttr>(fused.getMetadata()))
        place = tag.str();
    if (auto file = dyn_cast<FileLineColLoc>(inner)) {
      std::string where = file.getFilename().str();
      if (file.getLine())
        where += ":" + std::to_string(file.getLine());
      if (anyFrame.empty())
        anyFrame = where;
      if (!isLibraryFrame(file.getFilename().getValue()))
        userFrame = where;
    }
    return WalkResult::advance();
  });
  std::string where = userFrame.empty() ? anyFrame : userFrame;
  return place.empty() || where.empty() ? where : where + ": " + place;
}

//===- DropWireLayout.cpp - forget the source file's layout -----------------===//

#include "pd/Dialect/PdOps.h"
#include "pd/Passes/Passes.h"

namespace pd {
#define GEN_PASS_DEF_DROPWIRELAYOUT
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;

namespace {
struct DropWireLayout : pd::impl::DropWireLayoutBase<DropWireLayout> {
  void runOnOperation() override {
    getOperation()->walk([](Operation *op) {
      auto wire = op->getAttrOfType<DictionaryAttr>(
          pd::PdDialect::kWireAttrName);
      if (!wire)
        return;
      // Sub-block numbering and variable tables are content, not layout.
      if (Attribute blocks = wire.get("blocks"))
        op->setAttr(pd::PdDialect::kWireAttrName,
                    DictionaryAttr::get(op->getContext(),
                                        {NamedAttribute(StringAttr::get(
                                                            op->getContext(),
                                                            "blocks"),
                                                        blocks)}));
      else
        op->removeAttr(pd::PdDialect::kWireAttrName);
    });
  }
};
} // namespace

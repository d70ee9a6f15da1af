//===- Passes.td - pd dialect passes ----------------------------*- tablegen -*-===//
#ifndef PD_PASSES_TD
#define PD_PASSES_TD

include "mlir/Pass/PassBase.td"

def DropWireLayout : Pass<"pd-drop-wire-layout"> {
  let summary = "Forget how the source file laid out slots and attributes";
  let description = [{
    Removes the `pd.wire` records the importer keeps for a byte-exact round
    trip (slot and attribute order of the original file, attribute kinds that
    differ from the typed ones), so that export writes Paddle's canonical
    layout: non-empty slots and attributes sorted by name, each attribute as
    the kind the op table declares. Sub-block numbering (`blocks`) is kept.
  }];
}

#endif // PD_PASSES_TD

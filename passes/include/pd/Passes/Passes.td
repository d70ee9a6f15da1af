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

def Prune : Pass<"pd-prune", "mlir::ModuleOp"> {
  let summary = "Keep what the fetch targets need: an inference program";
  let description = [{
    Turns any program into the inference program Paddle's
    save_inference_model would write for it:

    - keeps only the ops the fetch targets need from the feeds (targets: the
      program's fetch ops, or `fetch=a,b` by variable name; an unknown name is
      an error that lists the candidates);
    - a target computed by a loss (cross_entropy, softmax_with_cross_entropy,
      ..., an op with the Loss op_role, and the mean/sum over it) is replaced
      by the prediction the loss reads, so the loss and its label go;
    - backward (`*_grad`), optimizer and LR-schedule ops are never kept;
    - feeds nothing reads are removed, inputs read without a feed op (as in
      training programs) get one, fetch ops are rebuilt for the targets;
    - every `is_test` attribute is set to true;
    - parameters and variables nothing uses any more are removed.

    A program that is already an inference program is left unchanged.
  }];
  let options = [
    ListOption<"fetch", "fetch", "std::string",
               "Fetch targets by variable name (default: the fetch ops)">,
  ];
  let dependentDialects = ["::pd::PdDialect"];
}

def InferShapes : Pass<"pd-infer-shapes", "mlir::ModuleOp"> {
  let summary = "Specialise inputs (InputSpec) and infer shapes through the program";
  let description = [{
    `input-spec=NAME:DIMS[:DTYPE]` gives an input a new shape (DIMS like
    `-1x784` or `?x784`: -1, `?` and `None` are dynamic dims; pd-export also
    takes `None,784`, where the comma is not this option's list separator)
    and element type, as paddle.static.InputSpec does. Shapes then flow through
    every typed op by its shape rule (ShapeInferenceOpInterface):

    - where an op's operands have the types the program declared, the
      declared result types must agree with what the op computes (a static
      dim that differs is an error at the op's location, the user's Python
      line), and static dims the op computes refine dynamic ones;
    - downstream of a changed input, what the ops compute replaces what the
      program declared, and the variable table follows;
    - an op with no shape rule (a pd.generic) keeps its declared result
      types, with a warning when its inputs changed.
  }];
  let options = [
    ListOption<"inputSpecs", "input-spec", "std::string",
               "NAME:DIMS[:DTYPE] for an input, e.g. x:-1x784:float32">,
  ];
  let dependentDialects = ["::pd::PdDialect"];
}

def RenameVariables : Pass<"pd-rename-variables", "mlir::ModuleOp"> {
  let summary = "Rename variables: structured names, jit.load's names, a map";
  let description = [{
    - `mode=structured`: each parameter takes its structured name (from
      `.pdiparams.info` or a state dict's name table), e.g. `linear_0.w_0`
      becomes `fc.weight`;
    - `mode=jit-load`: the names `paddle.jit.load` (Paddle >= 2.1) gives the
      persistable variables in a fresh process: a trailing `_<digits>` is
      dropped and `unique_name.generate` adds `_<k>` again, k counting per
      prefix, until no other variable has the name;
    - `mode=map` with `map-file=FILE.json`: `{"old": "new", ...}`.

    Parameters, the variable table, feed/fetch names and `.pdiparams.info`
    follow. A renaming that would give two variables one name is an error.
  }];
  let options = [
    Option<"mode", "mode", "std::string", "\"structured\"",
           "structured | jit-load | map">,
    Option<"mapFile", "map-file", "std::string", "\"\"",
           "JSON object of old name to new name (mode=map)">,
  ];
  let dependentDialects = ["::pd::PdDialect"];
}

def RaisePir : Pass<"pd-raise-pir", "mlir::ModuleOp"> {
  let summary = "Rewrite Paddle 3 PIR ops into the typed ops they map to";
  let description = [{
    A program imported from PIR holds its ops as `pd.generic` ops named
    after PIR ("pd_op.matmul"). This pass rewrites each op the op table maps
    (PaddleOps.td's `pirName`) into the typed op: operands to slots, IntArray
    operands made by `pd_op.full_int_array` into attributes, attributes
    renamed and converted to the kinds Paddle's ProgramDesc uses, results
    named as Paddle names variables. `pd_op.data` ops become the function's
    arguments with feed ops, `pd_op.fetch` ops fetch ops and its results.
    With `require-all`, PIR ops left without a mapping are one error that
    lists them all.
  }];
  let options = [
    Option<"requireAll", "require-all", "bool", "false",
           "Fail when PIR ops without a mapping remain">,
  ];
  let dependentDialects = ["::pd::PdDialect"];
}

#endif // PD_PASSES_TD

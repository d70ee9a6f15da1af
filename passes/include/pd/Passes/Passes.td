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
    - a fetch op's target computed by a loss (cross_entropy,
      softmax_with_cross_entropy, ..., an op with the Loss op_role, and the
      mean/sum over it) is replaced by the prediction the loss reads, so the
      loss and its label go; a loss named with `fetch=` is kept;
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

//===----------------------------------------------------------------------===//
// Inference rewrites (pd-export --emit=cpu runs them)
//===----------------------------------------------------------------------===//

def DropDropout : Pass<"pd-drop-dropout"> {
  let summary = "Remove dropout: the identity, or a scale, at inference";
  let description = [{
    `upscale_in_train` dropout is the identity at inference; Paddle's default
    `downgrade_in_infer` becomes a `scale` by the keep probability
    (1 - dropout_prob). A dropout whose mask is used is left alone.
  }];
  let dependentDialects = ["::pd::PdDialect"];
}

def FoldBatchNorm : Pass<"pd-fold-batch-norm"> {
  let summary = "Fold inference batch_norm into the convolution or product before it";
  let description = [{
    An inference batch_norm (is_test or use_global_stats, only Y used) is
    y = x * s + t per channel, s = Scale / sqrt(Variance + epsilon),
    t = Bias - Mean * s. When x is a conv2d/depthwise_conv2d in the same
    layout (or a matmul_v2 with [K, C] weights and an optional bias add) that
    feeds nothing else, s scales its weights and t becomes a bias add on the
    channel axis; otherwise the batch_norm becomes that multiply and add.
    The new ops compute from parameters only, so a compiled model computes
    them once, at load time; the rewritten program still exports to Paddle.
  }];
  let dependentDialects = ["::pd::PdDialect"];
}

def EinsumToMatmul : Pass<"pd-einsum-to-matmul"> {
  let summary = "Rewrite two-operand einsums that are matrix products as matmul_v2";
  let description = [{
    An einsum of two f32 operands whose labels are batch labels (in both
    operands and the output), one contracted label (in both operands only),
    one label of the second operand's columns, and the first operand's rows
    (one label, or every other label of it when the second operand has only
    its contracted and column labels, as "...j,jk->...k"), each label once
    per operand and no dim of size 1 broadcast, becomes matmul_v2: the first
    operand transposed to [batch..., rows, K] where needed, the second read
    as [batch..., K, N] or with trans_y, the product transposed to the
    output's order where needed. The CPU backend then runs it as a GEMM.
    Other einsums are left alone.
  }];
  let dependentDialects = ["::pd::PdDialect"];
}

def FoldScale : Pass<"pd-fold-scale"> {
  let summary = "Fold a scale after a product with parameter weights into them";
  let description = [{
    scale(a, b) of matmul_v2(x, W) [+ c], possibly through transpose2,
    reshape2, flatten, squeeze2 and unsqueeze2 that only feed it (as
    attention scales its queries), becomes matmul_v2(x, a W) [+ (a c + b)]
    when W and c are computed from parameters only. A scale with a bias and
    no bias add to take it is left alone.
  }];
  let dependentDialects = ["::pd::PdDialect"];
}

def ChannelsLast : Pass<"pd-channels-last"> {
  let summary = "Run convolutions and pooling in NHWC, converting at the edges";
  let description = [{
    conv2d, depthwise_conv2d (one filter per channel) and pool2d in NCHW
    become their NHWC forms between transpose2 ops; the transposes back to
    NCHW then sink through element-wise ops (relu, scale, ..., and
    elementwise_* with a per-channel operand, whose axis moves, or a full
    one, which is transposed to NHWC) and cancel against the transposes to
    NHWC of the next convolution. Filters keep Paddle's [OC, IC, KH, KW].
    Grouped convolutions that are not depthwise stay NCHW.
  }];
  let dependentDialects = ["::pd::PdDialect"];
}

#endif // PD_PASSES_TD

//===- FeedFetch.td - feeds and fetches --------------------*- tablegen -*-===//
//
// The ops that stand for a program's feed and fetch holders.
//
//===----------------------------------------------------------------------===//
#ifndef PD_OPS_FEEDFETCH_TD
#define PD_OPS_FEEDFETCH_TD

include "pd/Dialect/PdBase.td"

def Pd_FeedOp : Pd_PaddleOp<"feed", (ins Pd_AnyVar:$X), (ins Pd_INT:$col),
                            (outs Pd_AnyVar:$Out)> {
  let shapeRule = Pd_SameAsX;
  let summary = "reads feed column `col` into a variable";
  let description = [{
    `X` is the function argument that stands for the feed holder's column
    `col`; the result is the fed variable.
  }];
}

def Pd_FetchOp : Pd_PaddleOp<"fetch", (ins Pd_AnyVar:$X), (ins Pd_INT:$col),
                             (outs Pd_AnyVar:$Out)> {
  let shapeRule = Pd_SameAsX;
  let summary = "writes a variable to fetch column `col`";
  let description = [{
    The result stands for the fetch holder's column `col`; the function
    returns it.
  }];
}

#endif // PD_OPS_FEEDFETCH_TD

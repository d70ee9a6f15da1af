//===- PaddleOps.td - the Paddle op table -----------------------*- tablegen -*-===//
//
// The one table of Paddle op types the dialect knows. Slot and attribute
// names and kinds are Paddle's (op_compat.yaml, legacy ProgramDesc names);
// the importer and the exporter are driven by the table pd-tblgen emits from
// these definitions. Extra attributes that Paddle registers for particular
// kernels (use_mkldnn, use_cudnn, Scale_*, ...) are not declared: they are
// kept on the op as discardable attributes.
//
//===----------------------------------------------------------------------===//
#ifndef PD_PADDLE_OPS_TD
#define PD_PADDLE_OPS_TD

include "pd/Dialect/PdBase.td"

include "pd/Dialect/ops/FeedFetch.td"
include "pd/Dialect/ops/Convolution.td"
include "pd/Dialect/ops/Interpolation.td"
include "pd/Dialect/ops/Activation.td"
include "pd/Dialect/ops/Elementwise.td"
include "pd/Dialect/ops/ControlFlow.td"
include "pd/Dialect/ops/MatrixProduct.td"
include "pd/Dialect/ops/DataMovement.td"
include "pd/Dialect/ops/Creation.td"
include "pd/Dialect/ops/Recurrent.td"
include "pd/Dialect/ops/Quantization.td"
include "pd/Dialect/ops/Detection.td"

#endif // PD_PADDLE_OPS_TD

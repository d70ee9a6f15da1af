//===- PdCpuOps.h - the CPU compiler's kernel ops ---------------*- C++ -*-===//
#ifndef PD_CODEGEN_CPU_PDCPUOPS_H
#define PD_CODEGEN_CPU_PDCPUOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "pd/Codegen/Cpu/PdCpuDialect.h.inc"

#include "pd/Runtime/ArtifactAbi.h"

#define GET_OP_CLASSES
#include "pd/Codegen/Cpu/PdCpuOps.h.inc"

namespace pd::cpu {

/// The epilogue activations of the kernel ops (`activation`,
/// `post_activation`), as the microkernels number them.
enum class Activation : int64_t {
  None = PD_ACTIVATION_NONE,
  Relu = PD_ACTIVATION_RELU,
  Relu6 = PD_ACTIVATION_RELU6,
  HardSwish = PD_ACTIVATION_HARD_SWISH,
  HardSigmoid = PD_ACTIVATION_HARD_SIGMOID,
};

/// `rhs` ([batch..., K, N], or [batch..., N, K] when `transposed`; K and N
/// static) packed into the panels pdcpu.gemm reads. `batchDims` are its
/// leading dims: none for one right-hand side that every row shares.
mlir::Value packRightHandSide(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Value rhs, bool transposed,
                              llvm::ArrayRef<mlir::OpFoldResult> batchDims = {});

/// init [.., M, N] = post(act(a [.., M, K] x B + bias) + residual), with B
/// from packRightHandSide; `bias` and `residual` may be null. A null `init`
/// is a new tensor.
mlir::Value gemm(mlir::OpBuilder &b, mlir::Location loc, mlir::Value a,
                 mlir::Value packed, int64_t columns, mlir::Value bias,
                 mlir::Value residual, mlir::Value init = {},
                 Activation act = Activation::None,
                 Activation post = Activation::None);

/// The bufferization of the kernel ops: each becomes itself on memrefs.
void registerPdCpuBufferization(mlir::DialectRegistry &registry);

} // namespace pd::cpu

#endif // PD_CODEGEN_CPU_PDCPUOPS_H

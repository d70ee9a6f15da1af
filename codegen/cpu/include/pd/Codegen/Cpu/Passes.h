//===- Passes.h - CPU code generation passes --------------------*- C++ -*-===//
#ifndef PD_CODEGEN_CPU_PASSES_H
#define PD_CODEGEN_CPU_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "pd/Codegen/Cpu/PdCpuOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace pd::cpu {

#define GEN_PASS_DECL
#include "pd/Codegen/Cpu/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "pd/Codegen/Cpu/Passes.h.inc"

/// The function argument attribute naming the parameter an argument carries.
constexpr llvm::StringLiteral kParameterArgAttrName = "pd.parameter_name";
/// The function argument attribute of a method's argument that carries
/// result #i of its load-time function.
constexpr llvm::StringLiteral kLoadResultArgAttrName = "pd.load_result";
/// The suffix of a method's load-time function: `@forward__load`.
constexpr llvm::StringLiteral kLoadFunctionSuffix = "__load";

} // namespace pd::cpu

#endif // PD_CODEGEN_CPU_PASSES_H

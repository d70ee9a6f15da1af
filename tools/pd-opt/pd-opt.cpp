//===- pd-opt.cpp - mlir-opt for the pd dialect -----------------------------===//

#include "pd/Codegen/Cpu/Compiler.h"
#include "pd/Codegen/Cpu/Passes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  pd::registerPdPasses();
  pd::cpu::registerPdCpuPasses();
  mlir::DialectRegistry registry;
  registry.insert<pd::PdDialect, mlir::func::FuncDialect>();
  pd::cpu::registerCompilerDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "pd optimizer driver: passes over the pd dialect\n",
      registry));
}

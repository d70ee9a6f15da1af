//===- Context.cpp - the MLIR context the fuzz targets share ----------------===//

#include "Targets.h"

#include "pd/Codegen/Cpu/Compiler.h"
#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <memory>

mlir::MLIRContext &pd::fuzz::context() {
  static std::unique_ptr<mlir::MLIRContext> shared;
  static std::unique_ptr<mlir::ScopedDiagnosticHandler> quiet;
  static unsigned uses = 0;
  if (!shared || ++uses % 4096 == 0) {
    quiet.reset();
    mlir::DialectRegistry registry;
    registry.insert<pd::PdDialect, mlir::func::FuncDialect>();
    pd::cpu::registerCompilerDialects(registry);
    shared = std::make_unique<mlir::MLIRContext>(
        registry, mlir::MLIRContext::Threading::DISABLED);
    shared->loadAllAvailableDialects();
    quiet = std::make_unique<mlir::ScopedDiagnosticHandler>(
        shared.get(), [](mlir::Diagnostic &) { return mlir::success(); });
  }
  return *shared;
}

//===- PirJson.cpp - fuzz the PIR reader, raising and writer ----------------===//

#include "../Targets.h"

#include "pd/Codegen/Paddle/PirExporter.h"
#include "pd/Codegen/Paddle/ProgramExporter.h"
#include "pd/Frontend/PirImporter.h"
#include "pd/Passes/Passes.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"

int pd::fuzz::pirJson(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  mlir::MLIRContext &ctx = context();
  auto module = importPirProgramText(ctx, text, "fuzz.json");
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  if (mlir::failed(mlir::verify(**module)))
    return 0;
  auto func = *(*module)->getOps<mlir::func::FuncOp>().begin();
  std::string out;
  llvm::raw_string_ostream os(out);
  llvm::consumeError(writePirProgram(**module, func, os));
  // Then as pd-export --emit=pdmodel: raised, and written as a ProgramDesc.
  mlir::PassManager pm(&ctx);
  RaisePirOptions raise;
  raise.requireAll = true;
  pm.addPass(createRaisePir(raise));
  if (mlir::failed(pm.run(**module)))
    return 0;
  auto program = exportProgram(**module, func);
  if (!program)
    llvm::consumeError(program.takeError());
  return 0;
}

//===- ProgramDesc.cpp - fuzz the ProgramDesc reader and writer -------------===//

#include "../Targets.h"

#include "pd/Codegen/Paddle/ProgramExporter.h"
#include "pd/Frontend/ProgramDesc.h"
#include "pd/Frontend/ProgramImporter.h"

#include "mlir/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

int pd::fuzz::programDesc(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  auto program = parseProgramDesc(bytes, "fuzz.pdmodel");
  if (!program) {
    llvm::consumeError(program.takeError());
    return 0;
  }
  auto module = importProgram(context(), *program, "fuzz.pdmodel", {});
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  if (mlir::failed(mlir::verify(**module)))
    return 0;
  auto func = *(*module)->getOps<mlir::func::FuncOp>().begin();
  auto exported = exportProgram(**module, func);
  if (!exported) {
    llvm::consumeError(exported.takeError());
    return 0;
  }
  std::string out;
  llvm::raw_string_ostream os(out);
  llvm::consumeError(writeProgram(*exported, os));
  return 0;
}

//===- pd-opt.cpp - mlir-opt for the pd dialect -----------------------------===//

#include "pd/Codegen/Cpu/Compiler.h"
#include "pd/Codegen/Cpu/Passes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "pd/Frontend/FileKind.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

/// mlir-opt would echo a binary file's bytes in its parse error; a Paddle
/// file handed to pd-opt gets a pointer to the importers instead.
static bool refuseBinaryInput(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (arg == "-o") {
      ++i;
      continue;
    }
    if (arg.starts_with("-") || !llvm::sys::fs::is_regular_file(arg))
      continue;
    auto file = llvm::MemoryBuffer::getFile(arg, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    llvm::StringRef head = file ? (*file)->getBuffer().take_front(4096) : "";
    if (!pd::looksBinary(head))
      continue;
    std::string kind = pd::describeNonProgram((*file)->getBuffer());
    llvm::WithColor::error(llvm::errs(), "pd-opt")
        << arg << ": a binary file, not MLIR text"
        << (kind.empty() ? "" : " (" + kind + ")")
        << "; Paddle files are read by pd-export --emit=mlir or "
           "pd-translate --import-paddle\n";
    return true;
  }
  return false;
}

int main(int argc, char **argv) {
  if (refuseBinaryInput(argc, argv))
    return 1;
  mlir::registerTransformsPasses();
  pd::registerPdPassesAndPipelines();
  pd::cpu::registerPdCpuPasses();
  mlir::DialectRegistry registry;
  registry.insert<pd::PdDialect, mlir::func::FuncDialect>();
  pd::cpu::registerCompilerDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "pd optimizer driver: passes over the pd dialect\n",
      registry));
}

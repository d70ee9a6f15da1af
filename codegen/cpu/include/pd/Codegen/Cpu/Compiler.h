//===- Compiler.h - pd dialect -> native code for the CPU -------*- C++ -*-===//
//
// The ladder, each step viewable with pd-export's --emit:
//   mlir-linalg  parameters as arguments, pd ops lowered to linalg/tensor
//   mlir-llvm    bufferized, loops, the LLVM dialect
//   llvm-ir      LLVM IR with the artifact's entry points and signature, the
//                microkernels linked in, after LLVM's O3 pipeline
//   obj          an object file for the target CPU
//   cpu          OUT.so (linked by the system's C compiler) + OUT.pdiparams
//
// An artifact's ABI: `void pd_method_<name>(void **args)` per method, where
// args[0] points at the results (one memref descriptor each, back to back),
// then one descriptor per parameter and per input, in the signature's
// order; and `const char pd_artifact_signature[]`, the JSON signature.
//
//===----------------------------------------------------------------------===//
#ifndef PD_CODEGEN_CPU_COMPILER_H
#define PD_CODEGEN_CPU_COMPILER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace pd::cpu {

enum class Stage { Linalg, Llvm };

/// The dialects and interfaces the lowering needs.
void registerCompilerDialects(mlir::DialectRegistry &registry);

/// The parameters the artifact's methods read, sorted by name: the order of
/// the records in its parameter file.
std::vector<std::string> artifactParameters(mlir::ModuleOp module);

/// Lowers `module` in place to `stage`; returns the JSON signature, which
/// must be taken before the types are lowered.
llvm::Expected<std::string> lowerModule(mlir::ModuleOp module, Stage stage);

/// The LLVM IR of a module lowered to Stage::Llvm, with the artifact's entry
/// points and its signature.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &context,
                  llvm::StringRef signature);

/// The target machine for `targetCpu` (empty: the host's CPU and features);
/// an unknown CPU is an error.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(llvm::StringRef targetCpu);

/// The microkernels' object compiled when pd was built, if `machine`
/// targets the CPU and features it was compiled for; empty otherwise.
llvm::StringRef prebuiltUkernels(const llvm::TargetMachine &machine);

/// Gives `module` the microkernels, keeps only the artifact's entry points
/// external, and runs LLVM's O3 pipeline for `machine`. With
/// `allowPrebuilt`, where prebuiltUkernels(machine) fits, the module only
/// declares them and the result is that object, to be linked beside the
/// module's (no compile time spent on them); otherwise their bitcode joins
/// the module (any CPU, and a self-contained module) and the result is
/// empty.
llvm::Expected<llvm::StringRef> optimize(llvm::Module &module,
                                         llvm::TargetMachine &machine,
                                         bool allowPrebuilt = false);

/// Compiles an optimized `module` to an object file.
llvm::Error emitObject(llvm::Module &module, llvm::TargetMachine &machine,
                       llvm::raw_pwrite_stream &os);

/// Links object files `objects` (the model's first) into shared library
/// `output` with the system's C compiler (cc), dropping unreferenced
/// sections. `outputName` is what errors call the library (its final path).
llvm::Error linkSharedLibrary(llvm::ArrayRef<llvm::StringRef> objects,
                              llvm::StringRef output,
                              llvm::StringRef outputName);

} // namespace pd::cpu

#endif // PD_CODEGEN_CPU_COMPILER_H

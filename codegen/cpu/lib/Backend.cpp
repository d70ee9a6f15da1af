//===- Backend.cpp - LLVM IR -> an optimized object and a shared library ----===//
//
// The LLVM half of the CPU compiler: the target machine, the microkernels'
// bitcode linked into the artifact's module, LLVM's O3 pipeline, object
// emission, and the link into OUT.so.
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Cpu/Compiler.h"
#include "pd/Codegen/Cpu/Passes.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Linker/Linker.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/Transforms/IPO/GlobalDCE.h"
#include "llvm/Transforms/IPO/Internalize.h"

using namespace llvm;

// UkernelsBitcode.cpp, generated at build time.
extern const unsigned char pdUkernelsBitcode[];
extern const size_t pdUkernelsBitcodeSize;

static Error backendError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

Expected<std::unique_ptr<TargetMachine>>
pd::cpu::createTargetMachine(StringRef targetCpu) {
  InitializeNativeTarget();
  InitializeNativeTargetAsmPrinter();
  std::string triple = sys::getDefaultTargetTriple();
  std::string error;
  const Target *target = TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return backendError("no target for " + triple + ": " + error);
  std::string cpu = targetCpu.empty() ? sys::getHostCPUName().str()
                                      : targetCpu.str();
  std::string features;
  if (targetCpu.empty())
    for (auto &[name, on] : sys::getHostCPUFeatures())
      features += (features.empty() ? "" : ",") + std::string(on ? "+" : "-") +
                  name.str();
  std::unique_ptr<MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, cpu, ""));
  if (!subtarget || !subtarget->isCPUStringValid(cpu))
    return backendError("unknown target CPU '" + cpu + "' for " + triple);
  TargetOptions options;
  // a * b + c becomes one FMA (the `contract` of fastmath<contract>):
  // faster, and no less exact.
  options.AllowFPOpFusion = FPOpFusion::Fast;
  return std::unique_ptr<TargetMachine>(target->createTargetMachine(
      triple, cpu, features, options, Reloc::PIC_, std::nullopt,
      CodeGenOptLevel::Aggressive));
}

/// The functions the runtime looks up in an artifact; everything else is
/// internal to it, so the optimizer may inline, specialize and drop it.
static bool isExported(const GlobalValue &value) {
  StringRef name = value.getName();
  return name.starts_with("pd_method_") || name.starts_with("pd_load_") ||
         name == "pd_artifact_bind" || name == "pd_artifact_signature";
}

Error pd::cpu::optimize(Module &module, TargetMachine &machine) {
  module.setDataLayout(machine.createDataLayout());
  module.setTargetTriple(machine.getTargetTriple().str());

  // The microkernels join the module; their functions take the target's CPU
  // and features instead of those their bitcode was optimized for when pd
  // was built (PD_UKERNELS_CPU).
  auto buffer = MemoryBuffer::getMemBuffer(
      StringRef(reinterpret_cast<const char *>(pdUkernelsBitcode),
                pdUkernelsBitcodeSize),
      "ukernels", /*RequiresNullTerminator=*/false);
  auto ukernels = parseBitcodeFile(*buffer, module.getContext());
  if (!ukernels)
    return backendError("the built-in microkernels do not load: " +
                        toString(ukernels.takeError()));
  (*ukernels)->setDataLayout(module.getDataLayout());
  (*ukernels)->setTargetTriple(module.getTargetTriple());
  if (Linker::linkModules(module, std::move(*ukernels)))
    return backendError("linking the microkernels failed");
  std::string cpu = machine.getTargetCPU().str();
  std::string features = machine.getTargetFeatureString().str();
  for (Function &f : module) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", cpu);
    f.addFnAttr("target-features", features);
    f.removeFnAttr("tune-cpu");
  }
  // Load-time functions run once: optimized for size, they compile faster.
  for (Function &f : module)
    if (!f.isDeclaration() &&
        (f.getName().ends_with(pd::cpu::kLoadFunctionSuffix) ||
         f.getName().starts_with("pd_load_"))) {
      f.addFnAttr(Attribute::OptimizeForSize);
      f.addFnAttr(Attribute::MinSize);
    }
  internalizeModule(module, isExported);
  // The microkernels the module does not call go before O3 looks at them.
  {
    ModuleAnalysisManager analyses;
    PassBuilder().registerModuleAnalyses(analyses);
    GlobalDCEPass().run(module, analyses);
  }
  if (verifyModule(module, &errs()))
    return backendError("the artifact's LLVM IR does not verify");

  LoopAnalysisManager loops;
  FunctionAnalysisManager functions;
  CGSCCAnalysisManager sccs;
  ModuleAnalysisManager modules;
  PassBuilder builder(&machine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  ModulePassManager pipeline =
      builder.buildPerModuleDefaultPipeline(OptimizationLevel::O3);
  pipeline.run(module, modules);
  return Error::success();
}

Error pd::cpu::emitObject(Module &module, TargetMachine &machine,
                          raw_pwrite_stream &os) {
  legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, os, nullptr,
                                  CodeGenFileType::ObjectFile))
    return backendError("the target cannot emit object files");
  passes.run(module);
  return Error::success();
}

Error pd::cpu::linkSharedLibrary(StringRef object, StringRef output,
                                 StringRef outputName) {
  auto cc = sys::findProgramByName("cc");
  if (!cc)
    return backendError("no C compiler (cc) on PATH to link " + outputName);
  SmallVector<StringRef> args{*cc, "-shared", "-o", output, object, "-lm"};
  // The linker's complaint goes into the error, not onto the terminal.
  std::string log = (object + ".log").str();
  std::optional<StringRef> redirects[] = {std::nullopt, std::nullopt,
                                          StringRef(log)};
  std::string message;
  int rc = sys::ExecuteAndWait(*cc, args, std::nullopt, redirects, 0, 0,
                               &message);
  std::string said;
  if (auto text = MemoryBuffer::getFile(log))
    said = (*text)->getBuffer().split('\n').first.trim().str();
  sys::fs::remove(log);
  if (rc != 0)
    return backendError("linking " + outputName + " failed" +
                        (said.empty() ? message.empty() ? "" : ": " + message
                                      : ": " + said));
  return Error::success();
}

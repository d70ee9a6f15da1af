//===- Backend.cpp - LLVM IR -> an optimized object and a shared library ----===//
//
// The LLVM half of the CPU compiler: the target machine, the microkernels
// (their bitcode linked into the artifact's module, or the object pd was
// built with linked beside it), LLVM's O3 pipeline, object emission, and the
// link into OUT.so.
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

// UkernelsBitcode.cpp and UkernelsObject.cpp, generated at build time: the
// microkernels' bitcode, and the object compiled from it for
// PD_UKERNELS_CPU.
extern const unsigned char pdUkernelsBitcode[];
extern const size_t pdUkernelsBitcodeSize;
extern const unsigned char pdUkernelsObject[];
extern const size_t pdUkernelsObjectSize;

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

static MemoryBufferRef ukernelsBitcode() {
  return MemoryBufferRef(
      StringRef(reinterpret_cast<const char *>(pdUkernelsBitcode),
                pdUkernelsBitcodeSize),
      "ukernels");
}

/// The microkernels' functions, bodies not read (a lazily loaded module).
static Expected<std::unique_ptr<Module>>
loadUkernelsLazily(LLVMContext &context) {
  auto ukernels = getLazyBitcodeModule(ukernelsBitcode(), context);
  if (!ukernels)
    return backendError("the built-in microkernels do not load: " +
                        toString(ukernels.takeError()));
  return std::move(*ukernels);
}

static StringRef ukernelsObject() {
  return StringRef(reinterpret_cast<const char *>(pdUkernelsObject),
                   pdUkernelsObjectSize);
}

/// Whether the microkernels' object fits `machine`: its CPU and features,
/// those of the bitcode it was compiled from, give `machine`'s feature bits
/// exactly.
static bool objectFits(const Module &ukernels, const TargetMachine &machine) {
  for (const Function &f : ukernels) {
    if (f.isDeclaration())
      continue;
    StringRef cpu = f.getFnAttribute("target-cpu").getValueAsString();
    StringRef features =
        f.getFnAttribute("target-features").getValueAsString();
    std::unique_ptr<MCSubtargetInfo> built(
        machine.getTarget().createMCSubtargetInfo(
            machine.getTargetTriple().str(), cpu, features));
    return built && cpu == machine.getTargetCPU() &&
           built->getFeatureBits() ==
               machine.getMCSubtargetInfo()->getFeatureBits();
  }
  return false;
}

StringRef pd::cpu::prebuiltUkernels(const TargetMachine &machine) {
  LLVMContext context;
  auto ukernels = loadUkernelsLazily(context);
  if (!ukernels) {
    consumeError(ukernels.takeError());
    return {};
  }
  return objectFits(**ukernels, machine) ? ukernelsObject() : StringRef();
}

/// Declares the microkernels `module` calls with the attributes of their
/// definitions in `ukernels`: the buffer allocator's `malloc` (two buffers
/// never overlap, so loops over several need no alias checks), what memory
/// each touches. Hidden and local to the artifact: direct calls.
static void declareLike(Module &module, const Module &ukernels) {
  for (Function &f : module) {
    if (!f.isDeclaration())
      continue;
    const Function *kernel = ukernels.getFunction(f.getName());
    if (!kernel || kernel->isDeclaration() ||
        kernel->getFunctionType() != f.getFunctionType())
      continue;
    f.setAttributes(kernel->getAttributes());
    f.setVisibility(GlobalValue::HiddenVisibility);
    f.setDSOLocal(true);
  }
}

Expected<StringRef> pd::cpu::optimize(Module &module, TargetMachine &machine,
                                      bool allowPrebuilt) {
  module.setDataLayout(machine.createDataLayout());
  module.setTargetTriple(machine.getTargetTriple().str());

  StringRef prebuilt;
  if (allowPrebuilt) {
    auto ukernels = loadUkernelsLazily(module.getContext());
    if (!ukernels)
      return ukernels.takeError();
    if (objectFits(**ukernels, machine)) {
      declareLike(module, **ukernels);
      prebuilt = ukernelsObject();
    }
  }
  if (prebuilt.empty()) {
    // The microkernels join the module; their functions take the target's
    // CPU and features instead of those their bitcode was optimized for
    // when pd was built (PD_UKERNELS_CPU).
    auto ukernels = parseBitcodeFile(ukernelsBitcode(), module.getContext());
    if (!ukernels)
      return backendError("the built-in microkernels do not load: " +
                          toString(ukernels.takeError()));
    (*ukernels)->setDataLayout(module.getDataLayout());
    (*ukernels)->setTargetTriple(module.getTargetTriple());
    if (Linker::linkModules(module, std::move(*ukernels)))
      return backendError("linking the microkernels failed");
  }
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
  return prebuilt;
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

Error pd::cpu::linkSharedLibrary(ArrayRef<StringRef> objects, StringRef output,
                                 StringRef outputName) {
  auto cc = sys::findProgramByName("cc");
  if (!cc)
    return backendError("no C compiler (cc) on PATH to link " + outputName);
  // --gc-sections: of the prebuilt microkernels, only those called.
  SmallVector<StringRef> args{*cc, "-shared", "-Wl,--gc-sections", "-o",
                              output};
  args.append(objects.begin(), objects.end());
  args.push_back("-lm");
  // The linker's complaint goes into the error, not onto the terminal.
  std::string log = (objects.front() + ".log").str();
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

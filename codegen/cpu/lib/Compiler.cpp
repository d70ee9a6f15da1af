//===- Compiler.cpp - pd dialect -> native code for the CPU ---------------===//

#include "pd/Codegen/Cpu/Compiler.h"
#include "pd/Codegen/Cpu/Passes.h"

#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Runtime/TensorRecord.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/AllocationOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Vector/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Linalg/Transforms/TilingInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <set>

using namespace mlir;
using llvm::Error;
using llvm::Expected;

static Error compileError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

void pd::cpu::registerCompilerDialects(DialectRegistry &registry) {
  registry.insert<PdCpuDialect, linalg::LinalgDialect, tensor::TensorDialect,
                  arith::ArithDialect, math::MathDialect, func::FuncDialect,
                  memref::MemRefDialect, scf::SCFDialect, cf::ControlFlowDialect,
                  bufferization::BufferizationDialect, LLVM::LLVMDialect,
                  vector::VectorDialect, affine::AffineDialect>();
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  vector::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerTilingInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(registry);
  memref::registerAllocationOpInterfaceExternalModels(registry);
  registerPdCpuBufferization(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

std::vector<std::string> pd::cpu::artifactParameters(ModuleOp module) {
  std::set<std::string> used;
  module.walk([&](GetParameterOp read) { used.insert(read.getName().str()); });
  return {used.begin(), used.end()};
}

/// {"name", "dtype", "dims"} of one tensor.
static Expected<llvm::json::Object> describeTensor(StringRef name, Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  std::optional<int32_t> code =
      tensor ? pd::paddleDataTypeOf(tensor.getElementType()) : std::nullopt;
  if (!code)
    return compileError("'" + name + "' is not a tensor the runtime can hold");
  llvm::json::Array dims;
  for (int64_t d : pd::paddleDims(tensor.getShape()))
    dims.push_back(d);
  return llvm::json::Object{{"name", name.str()},
                            {"dtype", pd::runtime::pythonDataTypeName(*code)},
                            {"dims", std::move(dims)}};
}

/// The signature, from methods whose leading arguments are parameters, then
/// the results of their load-time functions, then their inputs.
static Expected<std::string> signatureOf(ModuleOp module,
                                         ArrayRef<std::string> parameters,
                                         ArrayRef<Type> parameterTypes) {
  llvm::json::Array params, methods;
  for (auto [name, type] : llvm::zip(parameters, parameterTypes)) {
    auto entry = describeTensor(name, type);
    if (!entry)
      return entry.takeError();
    params.push_back(std::move(*entry));
  }
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal() || func.getSymName().ends_with(pd::cpu::kLoadFunctionSuffix))
      continue;
    llvm::json::Array used, loadOnly, loaded, inputs, outputs;
    for (BlockArgument arg : func.getArguments()) {
      unsigned i = arg.getArgNumber();
      if (auto param = func.getArgAttrOfType<StringAttr>(
              i, pd::cpu::kParameterArgAttrName)) {
        used.push_back(param.str());
        // Taken but never read here: its load-time function packs or folds
        // it; the runtime need not align it.
        if (arg.use_empty())
          loadOnly.push_back(param.str());
        continue;
      }
      if (func.getArgAttr(i, pd::cpu::kLoadResultArgAttrName)) {
        auto entry = describeTensor(("load_" + llvm::Twine(loaded.size())).str(),
                                    arg.getType());
        if (!entry)
          return entry.takeError();
        loaded.push_back(std::move(*entry));
        continue;
      }
      auto name = func.getArgAttrOfType<StringAttr>(i, pd::PdDialect::kNameArgAttrName);
      auto entry = describeTensor(
          name ? name.getValue() : StringRef("input_" + std::to_string(i)),
          arg.getType());
      if (!entry)
        return entry.takeError();
      inputs.push_back(std::move(*entry));
    }
    for (auto [i, type] : llvm::enumerate(func.getResultTypes())) {
      auto name = func.getResultAttrOfType<StringAttr>(i, pd::PdDialect::kNameArgAttrName);
      auto entry = describeTensor(
          name ? name.getValue() : StringRef("output_" + std::to_string(i)), type);
      if (!entry)
        return entry.takeError();
      outputs.push_back(std::move(*entry));
    }
    llvm::json::Object method{{"name", func.getSymName().str()},
                              {"entry", ("pd_method_" + func.getSymName()).str()},
                              {"parameters", std::move(used)},
                              {"inputs", std::move(inputs)},
                              {"outputs", std::move(outputs)}};
    if (!loadOnly.empty())
      method["load_only"] = std::move(loadOnly);
    if (!loaded.empty())
      method["load"] = llvm::json::Object{
          {"entry", ("pd_load_" + func.getSymName()).str()},
          {"results", std::move(loaded)}};
    methods.push_back(std::move(method));
  }
  llvm::json::Object signature{{"format", "pd-cpu-artifact"},
                               {"version", 1},
                               {"parameters", std::move(params)},
                               {"methods", std::move(methods)}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(std::move(signature));
  return text;
}

/// Readies the module for the LLVM translation: drops the pd attributes it
/// has no use for, and asks for the C interface the entry points call.
static void prepareForTranslation(ModuleOp module) {
  auto isPd = [](NamedAttribute a) {
    return a.getName().getValue().starts_with("pd.");
  };
  auto strip = [&](Operation *op) {
    SmallVector<NamedAttribute> kept;
    for (NamedAttribute a : op->getDiscardableAttrs())
      if (!isPd(a))
        kept.push_back(a);
    op->setDiscardableAttrs(kept);
  };
  strip(module);
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    strip(func);
    func.setAllArgAttrs(ArrayRef<DictionaryAttr>{});
    func.setAllResultAttrs(ArrayRef<DictionaryAttr>{});
    func->setAttr("llvm.emit_c_interface", UnitAttr::get(module.getContext()));
  }
}

/// From bufferized linalg to the LLVM dialect, as mlir-opt would run it
/// (`mlir-opt --pass-pipeline="builtin.module(<this>)"`). Buffers are
/// allocated through the generic functions, which the microkernels' bitcode
/// defines on the runtime's arena. Math ops LLVM has intrinsics for (fma,
/// floor, ...) become those; libm takes the rest. arith-expand turns the
/// index divisions LLVM has no instruction for (ceildivsi: a slice's
/// window on a dynamic dim) into ones it has.
static constexpr const char *kLoweringPipeline =
    "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
    "pd-cpu-results-in-place,pd-cpu-lower-to-ukernels,"
    "convert-linalg-to-loops,lower-affine,convert-scf-to-cf,"
    "convert-math-to-llvm,convert-math-to-libm,convert-vector-to-llvm,"
    "expand-strided-metadata,lower-affine,pd-cpu-lower-output-alloc,"
    "finalize-memref-to-llvm{use-generic-functions=1},"
    "arith-expand,convert-arith-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,"
    "reconcile-unrealized-casts";

/// Registers the upstream passes the pipeline names, once.
static void registerLoweringPasses() {
  static bool once = [] {
    bufferization::registerBufferizationPasses();
    registerConvertBufferizationToMemRefPass();
    bufferization::registerBufferizationPipelines();
    registerConvertLinalgToLoopsPass();
    registerConvertAffineToStandardPass();
    registerSCFToControlFlowPass();
    registerConvertMathToLibmPass();
    registerFinalizeMemRefToLLVMConversionPass();
    registerConvertMathToLLVMPass();
    registerConvertVectorToLLVMPass();
    registerArithToLLVMConversionPass();
    registerConvertFuncToLLVMPass();
    registerConvertControlFlowToLLVMPass();
    registerReconcileUnrealizedCastsPass();
    memref::registerExpandStridedMetadataPass();
    arith::registerArithExpandOpsPass();
    pd::cpu::registerPdCpuPasses();
    return true;
  }();
  (void)once;
}

Expected<std::string> pd::cpu::lowerModule(ModuleOp module, Stage stage) {
  MLIRContext *ctx = module.getContext();
  std::vector<std::string> parameters = artifactParameters(module);
  SmallVector<Type> parameterTypes;
  for (const std::string &name : parameters)
    parameterTypes.push_back(
        module.lookupSymbol<ParameterOp>(name).getType());

  registerLoweringPasses();
  // On tensors: kernels formed, the rest lowered to linalg, the load-time
  // work split off. The signature is taken there, before types are lowered.
  PassManager toTensors(ctx);
  if (failed(applyPassManagerCLOptions(toTensors)))
    return compileError("bad pass manager options");
  toTensors.addPass(createParametersToArguments());
  toTensors.addPass(createStructureControlFlow());
  toTensors.addPass(createFormKernels());
  toTensors.addPass(createFormBandChains());
  toTensors.addPass(createConvertPdToLinalg());
  toTensors.addPass(createApproximateMath());
  toTensors.addPass(createCanonicalizerPass());
  toTensors.addPass(createHoistLoadTime());
  toTensors.addPass(createCanonicalizerPass());
  toTensors.addPass(createCSEPass());
  if (failed(toTensors.run(module)))
    return compileError(""); // the pass has reported where and why
  auto signature = signatureOf(module, parameters, parameterTypes);
  if (!signature)
    return signature.takeError();
  if (stage == Stage::Linalg)
    return *signature;

  // Arguments are the caller's inputs, mapped parameters and load-time
  // results that later runs read again: bufferization writes none of them
  // in place (it copies first where an op would).
  for (auto func : module.getOps<func::FuncOp>())
    for (unsigned i = 0; i < func.getNumArguments(); ++i)
      func.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                      BoolAttr::get(ctx, false));

  PassManager pm(ctx);
  if (failed(applyPassManagerCLOptions(pm)))
    return compileError("bad pass manager options");
  // Chains of elementwise ops become one loop nest, vectorized along its
  // contiguous dim.
  pm.addPass(createLinalgElementwiseOpFusionPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createVectorizeElementwise());
  pm.addPass(createCanonicalizerPass());
  bufferization::OneShotBufferizationOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  // A loop-carried tensor is a new buffer each iteration (scf.while of
  // Paddle's while); the deallocation pipeline frees the old ones.
  bufferize.allowReturnAllocsFromLoops = true;
  bufferize.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  // Copies as linalg.copy, which becomes loops: memref.copy of a strided
  // view would call memrefCopy from MLIR's runner library.
  bufferize.memCpyFn = [](OpBuilder &b, Location loc, Value from, Value to) {
    b.create<linalg::CopyOp>(loc, from, to);
    return success();
  };
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  if (failed(parsePassPipeline(kLoweringPipeline, pm, llvm::errs())))
    return compileError("the lowering pipeline does not parse");
  prepareForTranslation(module);
  if (failed(pm.run(module)))
    return compileError(""); // the pass has reported where and why
  return *signature;
}

/// `void <entry>(void **args)` calling `_mlir_ciface_<function>` with
/// args[0], args[1], ...: one entry point shape for every method
/// (`pd_method_<name>`) and load-time function (`pd_load_<name>`).
static void addEntryPoint(llvm::Module &module, llvm::Function &ciface,
                          StringRef entryName) {
  llvm::LLVMContext &ctx = module.getContext();
  auto *ptr = llvm::PointerType::get(ctx, 0);
  auto *type = llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptr}, false);
  auto *entry = llvm::Function::Create(type, llvm::Function::ExternalLinkage,
                                       entryName, module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", entry));
  SmallVector<llvm::Value *> args;
  for (unsigned i = 0; i < ciface.arg_size(); ++i) {
    llvm::Value *slot = b.CreateConstGEP1_64(ptr, entry->getArg(0), i);
    args.push_back(b.CreateLoad(ptr, slot));
  }
  b.CreateCall(&ciface, args);
  b.CreateRetVoid();
}

/// Marks the function that `_mlir_ciface_<function>` calls, and the wrapper
/// itself, to be inlined: the wrapper loads every memref descriptor and
/// passes each field as an argument of its own (resnet50's load-time
/// function takes ~2,000, most on the stack), a block whose stores LLVM's
/// instruction scheduler compares pairwise. Inlined, the fields are loaded
/// where they are used.
static void inlineIntoCInterface(llvm::Function &ciface) {
  ciface.addFnAttr(llvm::Attribute::AlwaysInline);
  for (llvm::BasicBlock &block : ciface)
    for (llvm::Instruction &inst : block)
      if (auto *call = llvm::dyn_cast<llvm::CallInst>(&inst))
        if (llvm::Function *callee = call->getCalledFunction();
            callee && !callee->isDeclaration())
          callee->addFnAttr(llvm::Attribute::AlwaysInline);
}

Expected<std::unique_ptr<llvm::Module>>
pd::cpu::translateToLLVMIR(ModuleOp module, llvm::LLVMContext &context,
                           StringRef signature) {
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context, "pd-artifact");
  if (!llvmModule)
    return compileError("cannot translate the lowered module to LLVM IR");
  SmallVector<std::pair<llvm::Function *, std::string>> methods;
  for (llvm::Function &f : *llvmModule) {
    StringRef name = f.getName();
    if (!name.consume_front("_mlir_ciface_") || f.isDeclaration())
      continue;
    methods.emplace_back(&f, name.consume_back(pd::cpu::kLoadFunctionSuffix)
                                 ? ("pd_load_" + name).str()
                                 : ("pd_method_" + name).str());
  }
  for (auto &[f, entryName] : methods) {
    addEntryPoint(*llvmModule, *f, entryName);
    inlineIntoCInterface(*f);
  }
  auto *text = llvm::ConstantDataArray::getString(context, signature);
  new llvm::GlobalVariable(*llvmModule, text->getType(), /*isConstant=*/true,
                           llvm::GlobalValue::ExternalLinkage, text,
                           "pd_artifact_signature");
  return llvmModule;
}


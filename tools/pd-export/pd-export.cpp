//===- pd-export.cpp - the one-step Paddle model exporter -------------------===//
//
//   pd-export INPUT -o OUT --emit=mlir|pdmodel|legacy [--no-passes]
//
// INPUT is any saved Paddle model layout (prefix, .pdmodel, a folder,
// __model__ with per-variable or combined parameters) or a .mlir file in the
// pd dialect. Every output is written under a temporary name and renamed into
// place at the end, so a failed export writes nothing.
//
//===----------------------------------------------------------------------===//

#include "Describe.h"
#include "OpCoverage.h"

#include "pd/Codegen/Cpu/Compiler.h"
#include "pd/Codegen/OutputFiles.h"
#include "pd/Codegen/Paddle/PirExporter.h"
#include "pd/Codegen/Paddle/ProgramExporter.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Dialect/SourceLocation.h"
#include "pd/Frontend/ModelLocation.h"
#include "pd/Frontend/ParameterBinding.h"
#include "pd/Frontend/PirImporter.h"
#include "pd/Frontend/PersistableNames.h"
#include "pd/Frontend/ProgramImporter.h"
#include "pd/Passes/Passes.h"
#include "pd/Runtime/FileNames.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

#include <csignal>

using namespace mlir;
using namespace llvm;

namespace {

enum class Emit { Mlir, PdModel, Legacy, PdParams, Json, MlirLinalg, MlirLlvm, LlvmIr, Obj, Cpu };

cl::OptionCategory category("pd-export options");

cl::opt<std::string> inputPath(cl::Positional,
                               cl::desc("<model prefix, file, folder or .mlir>"),
                               cl::cat(category));
cl::opt<std::string> outputPath("o",
                                cl::desc("Output prefix (pdmodel), folder "
                                         "(legacy) or file (mlir, '-' for "
                                         "stdout)"),
                                cl::value_desc("path"), cl::cat(category));
cl::opt<Emit> emit(
    "emit", cl::desc("What to write"), cl::init(Emit::PdModel),
    cl::values(clEnumValN(Emit::Mlir, "mlir", "pd dialect MLIR text"),
               clEnumValN(Emit::PdModel, "pdmodel",
                          "OUT.pdmodel + OUT.pdiparams"),
               clEnumValN(Emit::Legacy, "legacy",
                          "folder OUT/ with __model__ and parameter files, "
                          "keeping a legacy input's file names"),
               clEnumValN(Emit::PdParams, "pdparams",
                          "OUT.pdparams: a paddle.save state dict of the "
                          "parameters"),
               clEnumValN(Emit::Json, "json",
                          "OUT.json + OUT.pdiparams: a Paddle 3 PIR program "
                          "(of a program imported from PIR)"),
               clEnumValN(Emit::MlirLinalg, "mlir-linalg",
                          "the model lowered to linalg/tensor (MLIR text)"),
               clEnumValN(Emit::MlirLlvm, "mlir-llvm",
                          "the model lowered to the LLVM dialect (MLIR text)"),
               clEnumValN(Emit::LlvmIr, "llvm-ir", "OUT.ll: LLVM IR"),
               clEnumValN(Emit::Obj, "obj", "OUT.o: an object file"),
               clEnumValN(Emit::Cpu, "cpu",
                          "OUT.so + OUT.pdiparams: a compiled CPU artifact "
                          "for pd-run and the pd runtime")),
    cl::cat(category));
cl::opt<std::string> targetCpu(
    "target-cpu",
    cl::desc("CPU to compile for (--emit=obj/cpu); default: this host's"),
    cl::value_desc("name"), cl::cat(category));
cl::opt<bool> ukernelsFromBitcode(
    "ukernels-from-bitcode",
    cl::desc("Compile the microkernels' bitcode with the model (--emit=cpu) "
             "even for the CPU pd's prebuilt microkernels were compiled for"),
    cl::Hidden, cl::cat(category));
cl::opt<bool> noPasses("no-passes",
                       cl::desc("Export exactly what was imported"),
                       cl::cat(category));
cl::opt<std::string> modelFilename(
    "model-filename",
    cl::desc("Program file inside an input folder (Paddle's model_filename)"),
    cl::cat(category));
cl::opt<std::string> paramsFilename(
    "params-filename",
    cl::desc("Combined parameter file inside the input folder (Paddle's "
             "params_filename)"),
    cl::cat(category));
cl::opt<std::string> paramsPickle(
    "params",
    cl::desc("Bind parameter values from a paddle.save state dict "
             "(.pdparams), by variable or structured name"),
    cl::value_desc("file.pdparams"), cl::cat(category));
cl::list<std::string> fetchTargets(
    "fetch", cl::CommaSeparated,
    cl::desc("Fetch targets by variable name (default: the program's fetch "
             "ops); what they do not need is pruned"),
    cl::value_desc("name[,name...]"), cl::cat(category));
cl::list<std::string> inputSpecs(
    "input-spec",
    cl::desc("Give an input a shape and dtype, as paddle.static.InputSpec: "
             "NAME:DIMS[:DTYPE], e.g. x:-1x784:float32 (-1, ? or None for a "
             "dynamic dim)"),
    cl::value_desc("spec"), cl::cat(category));
cl::opt<std::string> renameMode(
    "rename",
    cl::desc("Rename variables: 'structured' (parameters take their "
             "structured names) or 'jit-load' (the names paddle.jit.load "
             "gives)"),
    cl::value_desc("structured|jit-load"), cl::cat(category));
cl::opt<std::string> renameMap(
    "rename-map", cl::desc("Rename variables by a JSON object old -> new"),
    cl::value_desc("file.json"), cl::cat(category));
cl::opt<std::string> methodName(
    "method",
    cl::desc("Export only this method of a jit.save model (forward, "
             "another_forward, ...) as the main program"),
    cl::value_desc("name"), cl::cat(category));
cl::opt<bool> quiet("quiet", cl::desc("Do not list the files written"),
                    cl::cat(category));
cl::opt<bool> describe(
    "describe",
    cl::desc("Print what INPUT holds (a model: methods, feeds, fetches, ops, "
             "parameters; a pickle: its tensors) instead of exporting"),
    cl::cat(category));
cl::opt<bool> describeJson("json", cl::desc("With --describe: print JSON"),
                           cl::cat(category));
cl::opt<bool> opCoverage(
    "op-coverage",
    cl::desc("Print the op table (typed Paddle ops, the PIR ops raised to "
             "them, shape rules, CPU lowering) in Markdown, as the README "
             "shows it; takes no INPUT"),
    cl::cat(category));

Error fail(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

void warn(const Twine &message) {
  WithColor::warning(errs(), "pd-export") << message << "\n";
}

Expected<OwningOpRef<ModuleOp>> loadInput(MLIRContext &context) {
  if (sys::path::extension(inputPath) == ".mlir") {
    std::string error;
    auto file = openInputFile(inputPath, &error);
    if (!file)
      return fail(inputPath + ": " + error);
    SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(std::move(file), SMLoc());
    SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    OwningOpRef<ModuleOp> module =
        parseSourceFile<ModuleOp>(sourceMgr, &context);
    if (!module) // the parser has reported where and why
      return fail("");
    return module;
  }
  auto location = pd::locateModel(inputPath, {modelFilename, paramsFilename});
  if (!location)
    return location.takeError();
  pd::ImportOptions options;
  options.warn = warn;
  options.parametersFromElsewhere = !paramsPickle.empty();
  if (location->isPir)
    return pd::importPirModel(context, *location, options);
  return pd::importPaddleModel(context, *location, options);
}

/// The main program: @forward, else the module's first function.
Expected<func::FuncOp> mainFunction(ModuleOp module) {
  if (auto forward = module.lookupSymbol<func::FuncOp>("forward"))
    return forward;
  auto funcs = module.getOps<func::FuncOp>();
  if (funcs.empty())
    return fail(inputPath + ": the module has no func.func to export");
  return *funcs.begin();
}

/// Keeps only method `name`, as the main program.
Error selectMethod(ModuleOp module, StringRef name) {
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func) {
    std::string methods;
    for (auto f : module.getOps<func::FuncOp>())
      methods += (methods.empty() ? "" : ", ") + f.getSymName().str();
    return fail(inputPath + ": no method '" + name + "' (methods: " +
                methods + ")");
  }
  for (auto other : llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
    if (other != func)
      other.erase();
  func.setSymName("forward");
  return Error::success();
}

/// Writes the program and its parameters (unless it has none) to `files`:
/// one combined file at `paramsPath`, or one file per variable in
/// `separateParamsDir`.
Error writePaddleFiles(ModuleOp module, func::FuncOp func,
                       pd::OutputFiles &files, StringRef modelPath,
                       StringRef paramsPath, StringRef separateParamsDir) {
  auto program = pd::exportProgram(module, func);
  if (!program)
    return program.takeError();
  auto os = files.create(modelPath);
  if (!os)
    return os.takeError();
  if (Error err = pd::writeProgram(*program, *os))
    return err;

  // Like Paddle, write no parameter file for a program without parameters.
  if (pd::savedPersistableNames(*program).empty())
    return Error::success();
  if (!pd::hasParameterData(module)) {
    warn("no parameter data: wrote the program only");
    return Error::success();
  }
  if (separateParamsDir.empty()) {
    auto params = files.create(paramsPath);
    if (!params)
      return params.takeError();
    return pd::writeCombinedParameters(module, *program, *params);
  }
  for (const std::string &name : pd::savedPersistableNames(*program)) {
    if (!pd::isPlainFileName(name))
      return fail("variable '" + name + "' is not a plain file name: its "
                  "parameter file would lie outside " + separateParamsDir);
    SmallString<256> path(separateParamsDir);
    sys::path::append(path, name);
    auto param = files.create(path);
    if (!param)
      return param.takeError();
    if (Error err = pd::writeParameter(module, name, *param))
      return err;
  }
  return Error::success();
}

Error emitMlir(ModuleOp module, pd::OutputFiles &files) {
  OpPrintingFlags flags;
  flags.enableDebugInfo(); // locations carry op_callstack
  if (outputPath == "-") {
    module->print(outs(), flags);
    outs() << "\n";
    return Error::success();
  }
  auto os = files.create(outputPath);
  if (!os)
    return os.takeError();
  module->print(*os, flags);
  *os << "\n";
  return Error::success();
}

/// `OUT.pdiparams.info` when the parameters have structured names or flags
/// (paddle.load(prefix) and jit.load need it).
Error emitParamsInfo(ModuleOp module, pd::OutputFiles &files) {
  std::string info;
  llvm::raw_string_ostream buffer(info);
  auto any = pd::writeParamsInfo(module, buffer);
  if (!any)
    return any.takeError();
  if (!*any)
    return Error::success();
  auto os = files.create(outputPath + ".pdiparams.info");
  if (!os)
    return os.takeError();
  *os << info;
  return Error::success();
}

/// Each method with the prefix of its files: OUT for the main program,
/// OUT.<method> for the others (as paddle.jit.save names them).
Expected<std::vector<std::pair<func::FuncOp, std::string>>>
methodPrefixes(ModuleOp module) {
  auto main = mainFunction(module);
  if (!main)
    return main.takeError();
  std::vector<std::pair<func::FuncOp, std::string>> methods;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func == *main) {
      methods.emplace_back(func, outputPath.getValue());
      continue;
    }
    if (!pd::isPlainFileName(func.getSymName()))
      return fail("method '" + func.getSymName() + "' is not a plain file "
                  "name: its files would lie outside the output folder");
    methods.emplace_back(func, outputPath.getValue() + "." + func.getSymName().str());
  }
  return methods;
}

/// OUT.pdmodel/.pdiparams per method (see methodPrefixes), and
/// OUT.pdiparams.info once.
Error emitPdModel(ModuleOp module, pd::OutputFiles &files) {
  auto methods = methodPrefixes(module);
  if (!methods)
    return methods.takeError();
  for (auto &[func, prefix] : *methods) {
    if (Error err = writePaddleFiles(module, func, files, prefix + ".pdmodel",
                                     prefix + ".pdiparams", ""))
      return err;
  }
  // Readers (Paddle's loaders, jit.load) open the main program first.
  files.setPrimary(outputPath + ".pdmodel");
  return emitParamsInfo(module, files);
}

/// A model imported from PIR: OUT.json and OUT.pdiparams per method (see
/// methodPrefixes).
Error emitJson(ModuleOp module, pd::OutputFiles &files) {
  auto methods = methodPrefixes(module);
  if (!methods)
    return methods.takeError();
  for (auto &[func, prefix] : *methods) {
    auto os = files.create(prefix + ".json");
    if (!os)
      return os.takeError();
    if (Error err = pd::writePirProgram(module, func, *os))
      return err;
    std::vector<std::string> names = pd::pirParameterNames(func);
    if (names.empty() || !pd::hasParameterData(module))
      continue;
    auto params = files.create(prefix + ".pdiparams");
    if (!params)
      return params.takeError();
    if (Error err = pd::writeCombinedParameters(module, names, *params))
      return err;
  }
  files.setPrimary(outputPath + ".json");
  return Error::success();
}

Error emitLegacy(ModuleOp module, pd::OutputFiles &files) {
  // Keep a legacy input's file names; otherwise fluid's defaults.
  auto source = module->getAttrOfType<DictionaryAttr>(
      pd::PdDialect::kSourceAttrName);
  auto name = [&](StringRef key, StringRef fallback) -> std::string {
    auto value = source ? source.getAs<StringAttr>(key) : nullptr;
    return value ? value.str() : fallback.str();
  };
  std::string modelName = name("model_filename", "__model__");
  std::string paramsName = name("params_filename", "");
  for (const std::string &file : {modelName, paramsName})
    if (!file.empty() && !pd::isPlainFileName(file))
      return fail("pd.source names file '" + file + "', not a plain file "
                  "name: it would lie outside the output folder");
  if (Error err = files.createFolder(outputPath, modelName))
    return err;
  SmallString<256> model(outputPath), params(outputPath);
  sys::path::append(model, modelName);
  auto func = mainFunction(module);
  if (!func)
    return func.takeError();
  if (paramsName.empty())
    return writePaddleFiles(module, *func, files, model, "", outputPath);
  sys::path::append(params, paramsName);
  return writePaddleFiles(module, *func, files, model, params, "");
}

/// The compiled ladder: mlir-linalg, mlir-llvm, llvm-ir, obj, cpu.
Error emitCompiled(ModuleOp module, pd::OutputFiles &files) {
  // The parameter file is written from the module before the lowering takes
  // the parameters out of it.
  std::vector<std::string> parameters = pd::cpu::artifactParameters(module);
  if (emit == Emit::Cpu && !parameters.empty()) {
    if (!pd::hasParameterData(module))
      return fail(inputPath + ": no parameter data to go with the artifact");
    auto params = files.create(outputPath + ".pdiparams");
    if (!params)
      return params.takeError();
    if (Error err = pd::writeCombinedParameters(module, parameters, *params))
      return err;
  }
  bool mlirOnly = emit == Emit::MlirLinalg;
  auto signature = pd::cpu::lowerModule(
      module, mlirOnly ? pd::cpu::Stage::Linalg : pd::cpu::Stage::Llvm);
  if (!signature)
    return signature.takeError();
  if (emit == Emit::MlirLinalg || emit == Emit::MlirLlvm)
    return emitMlir(module, files);

  auto machine = pd::cpu::createTargetMachine(targetCpu);
  if (!machine)
    return machine.takeError();
  LLVMContext llvmContext;
  auto llvmModule = pd::cpu::translateToLLVMIR(module, llvmContext, *signature);
  if (!llvmModule)
    return llvmModule.takeError();
  // A library for the CPU pd was built for links the microkernels' object
  // from then; everything else compiles their bitcode with the model.
  auto prebuiltUkernels = pd::cpu::optimize(
      **llvmModule, **machine, emit == Emit::Cpu && !ukernelsFromBitcode);
  if (!prebuiltUkernels)
    return prebuiltUkernels.takeError();
  if (emit == Emit::LlvmIr) {
    if (outputPath == "-") {
      (*llvmModule)->print(outs(), nullptr);
      return Error::success();
    }
    auto os = files.create(outputPath + ".ll");
    if (!os)
      return os.takeError();
    (*llvmModule)->print(*os, nullptr);
    return Error::success();
  }
  if (emit == Emit::Obj) {
    auto object = files.create(outputPath + ".o");
    if (!object)
      return object.takeError();
    return pd::cpu::emitObject(**llvmModule, **machine, *object);
  }
  // The objects for the linker are intermediates beside the output (so the
  // next export removes them if this one is killed): only the library is
  // kept.
  std::string libraryPath = outputPath + ".so";
  SmallVector<std::string, 2> objects;
  auto writeObject = [&](StringRef suffix, StringRef what,
                         llvm::function_ref<Error(raw_pwrite_stream &)> write)
      -> Error {
    auto path = files.scratch(libraryPath, suffix);
    if (!path)
      return path.takeError();
    std::error_code ec;
    raw_fd_ostream os(*path, ec);
    if (ec)
      return fail(libraryPath + ": cannot create " + what + ": " + ec.message());
    if (Error err = write(os))
      return err;
    os.close();
    if (os.has_error()) {
      std::string why = os.error().message();
      os.clear_error();
      return fail(libraryPath + ": writing " + what + " failed: " + why);
    }
    objects.push_back(*path);
    return Error::success();
  };
  if (Error err = writeObject(".o", "its object file", [&](raw_pwrite_stream &os) {
        return pd::cpu::emitObject(**llvmModule, **machine, os);
      }))
    return err;
  if (!prebuiltUkernels->empty())
    if (Error err = writeObject(".ukernels.o", "the microkernels' object",
                                [&](raw_pwrite_stream &os) {
                                  os << *prebuiltUkernels;
                                  return Error::success();
                                }))
      return err;
  auto library = files.reserve(libraryPath);
  if (!library)
    return library.takeError();
  // The runtime opens the library first, then its parameters.
  files.setPrimary(libraryPath);
  SmallVector<StringRef, 2> objectPaths(objects.begin(), objects.end());
  return pd::cpu::linkSharedLibrary(objectPaths, *library, libraryPath);
}

Error runDescribe(MLIRContext &context) {
  // A paddle.save pickle, rather than a program, by its first bytes; the
  // mapping that tells is the one parsed.
  if (sys::fs::is_regular_file(inputPath)) {
    auto file = pd::mapFile(inputPath);
    if (!file)
      return file.takeError();
    if (pd::pickle::looksLikePickle((*file)->getBuffer())) {
      auto doc = pd::pickle::parse(*file, inputPath);
      if (!doc)
        return doc.takeError();
      auto dict = pd::interpretStateDict(*doc, inputPath);
      if (!dict)
        return dict.takeError();
      pd::describeStateDict(*dict, inputPath, describeJson, outs());
      return Error::success();
    }
  }
  auto module = loadInput(context);
  if (!module)
    return module.takeError();
  pd::describeModel(**module, inputPath, describeJson, outs());
  return Error::success();
}

/// Whether the emit kind compiles the model (and so gets the inference
/// rewrites).
bool isCompiled(Emit kind) {
  switch (kind) {
  case Emit::MlirLinalg:
  case Emit::MlirLlvm:
  case Emit::LlvmIr:
  case Emit::Obj:
  case Emit::Cpu:
    return true;
  default:
    return false;
  }
}

/// PIR ops become typed ops unless they are written back as PIR; then the
/// default pipeline (prune, shapes, renames) unless --no-passes.
Error runPasses(MLIRContext &context, ModuleOp module) {
  bool isPir = bool(module->getAttr(pd::PdDialect::kPirAttrName));
  bool keepPir = isPir && (emit == Emit::Json || emit == Emit::Mlir);
  bool passOptions = !fetchTargets.empty() || !inputSpecs.empty() ||
                     !renameMode.empty() || !renameMap.empty();
  if (noPasses && passOptions)
    return fail("--fetch, --input-spec and --rename run passes: they cannot "
                "be used with --no-passes");
  if (!renameMode.empty() && !renameMap.empty())
    return fail("--rename and --rename-map: choose one");

  mlir::PassManager pm(&context);
  if (isPir && !keepPir) {
    pd::RaisePirOptions raise;
    raise.requireAll = true;
    pm.addPass(pd::createRaisePir(raise));
  }
  if (!noPasses && !keepPir) {
    pd::PruneOptions prune;
    prune.fetch = fetchTargets;
    pm.addPass(pd::createPrune(prune));
    pd::InferShapesOptions shapes;
    shapes.inputSpecs = inputSpecs;
    pm.addPass(pd::createInferShapes(shapes));
    if (!renameMode.empty() || !renameMap.empty()) {
      pd::RenameVariablesOptions rename;
      rename.mode = renameMap.empty() ? renameMode.getValue() : "map";
      rename.mapFile = renameMap;
      pm.addPass(pd::createRenameVariables(rename));
    }
    if (isCompiled(emit))
      pd::addInferenceRewrites(pm);
  }
  if (failed(pm.run(module)))
    return fail(""); // the pass has reported where and why
  return Error::success();
}

/// The extension pd-export adds to OUT for an emit kind that writes
/// OUT.<ext>; empty for those whose OUT is a file or folder itself.
StringRef outputExtension(Emit kind) {
  switch (kind) {
  case Emit::PdModel: return ".pdmodel";
  case Emit::Json: return ".json";
  case Emit::PdParams: return ".pdparams";
  case Emit::Cpu: return ".so";
  case Emit::LlvmIr: return ".ll";
  case Emit::Obj: return ".o";
  default: return "";
  }
}

/// -o as the emit kind takes it: `x.pdmodel` for --emit=pdmodel means the
/// prefix `x` (not x.pdmodel.pdmodel); a folder is not a prefix.
Error normalizeOutputPath() {
  StringRef extension = outputExtension(emit);
  if (extension.empty() || outputPath == "-")
    return Error::success();
  StringRef out = outputPath;
  if (out.ends_with("/") || sys::fs::is_directory(out))
    return fail("-o " + out + " is a folder; --emit=" +
                extension.drop_front() + " writes files named after a prefix " +
                "(OUT" + extension + ", ...): give one, such as " +
                out.rtrim('/') + "/model");
  if (out.ends_with(extension) && out.size() > extension.size())
    outputPath.setValue(out.drop_back(extension.size()).str());
  return Error::success();
}

Error run(MLIRContext &context) {
  if (opCoverage) {
    if (!inputPath.empty())
      return fail("--op-coverage takes no INPUT");
    pd::printOpCoverage(context, outs());
    return Error::success();
  }
  if (inputPath.empty())
    return fail("no INPUT given: a model prefix, file, folder or .mlir "
                "(see --help)");
  if (describe)
    return runDescribe(context);
  if (outputPath.empty())
    return fail("no output given: use -o (or --describe to inspect INPUT)");
  if (Error err = normalizeOutputPath())
    return err;
  auto module = loadInput(context);
  if (!module)
    return module.takeError();
  if (failed(verify(**module)))
    return fail(inputPath + ": the imported module does not verify");
  if (!methodName.empty())
    if (Error err = selectMethod(**module, methodName))
      return err;

  if (Error err = runPasses(context, **module))
    return err;

  // Parameters from a state dict bind after pruning, so a training
  // program's optimizer state need not be in it.
  if (!paramsPickle.empty()) {
    auto dict = pd::readStateDict(paramsPickle);
    if (!dict)
      return dict.takeError();
    if (Error err = pd::bindStateDict(**module, *dict, paramsPickle, warn))
      return err;
  }

  // Everything is written under temporary names; leaving this scope without
  // commit() (any error) removes them.
  pd::OutputFiles files;
  Error written = Error::success();
  switch (emit) {
  case Emit::Mlir:
    written = emitMlir(**module, files);
    break;
  case Emit::PdModel:
    written = emitPdModel(**module, files);
    break;
  case Emit::Json:
    written = emitJson(**module, files);
    break;
  case Emit::PdParams: {
    auto os = files.create(outputPath + ".pdparams");
    written = os ? pd::writeStateDict(**module, *os) : os.takeError();
    break;
  }
  case Emit::Legacy:
    written = emitLegacy(**module, files);
    break;
  case Emit::MlirLinalg:
  case Emit::MlirLlvm:
  case Emit::LlvmIr:
  case Emit::Obj:
  case Emit::Cpu:
    written = emitCompiled(**module, files);
    break;
  }
  if (written)
    return written;
  if (Error err = files.commit())
    return err;
  if (!quiet)
    for (const std::string &path : files.paths()) {
      uint64_t size = 0;
      sys::fs::file_size(path, size);
      outs() << "wrote " << path << " (" << size << " bytes)\n";
    }
  return Error::success();
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // A file past the file-size limit is a failed write (EFBIG), reported like
  // a full disk, not a signal that kills the export mid-way.
  std::signal(SIGXFSZ, SIG_IGN);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  // --help lists pd-export's options and MLIR's (--mlir-*); the LLVM
  // backends' own options stay usable but are listed by --help-hidden only.
  cl::HideUnrelatedOptions(category);
  for (auto &[name, option] : cl::getRegisteredOptions())
    if (name.starts_with("mlir-"))
      option->setHiddenFlag(cl::NotHidden);
  cl::ParseCommandLineOptions(
      argc, argv, "pd-export: Paddle models in, clean artifacts out\n");

  DialectRegistry registry;
  registry.insert<pd::PdDialect, func::FuncDialect>();
  pd::cpu::registerCompilerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Passes report through MLIR diagnostics: one line each, like our errors.
  // (While a .mlir input is parsed, its SourceMgr handler takes precedence.)
  ScopedDiagnosticHandler diagnostics(&context, [](Diagnostic &diag) {
    std::string where = pd::userFacingLocation(diag.getLocation());
    auto &os = diag.getSeverity() == mlir::DiagnosticSeverity::Error
                   ? WithColor::error(errs(), "pd-export")
                   : WithColor::warning(errs(), "pd-export");
    os << (where.empty() ? "" : where + ": ") << diag.str() << "\n";
    return success();
  });

  if (Error err = run(context)) {
    std::string message = toString(std::move(err));
    if (!message.empty())
      WithColor::error(errs(), "pd-export") << message << "\n";
    return 1;
  }
  // A full disk or closed pipe on standard output is an error, not LLVM's
  // fatal "IO failure" at exit.
  outs().flush();
  if (outs().has_error()) {
    WithColor::error(errs(), "pd-export")
        << "cannot write to standard output: " << outs().error().message()
        << "\n";
    outs().clear_error();
    return 1;
  }
  return 0;
}

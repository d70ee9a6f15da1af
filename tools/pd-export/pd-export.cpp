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

#include "pd/Codegen/OutputFiles.h"
#include "pd/Codegen/Paddle/ProgramExporter.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Frontend/ModelLocation.h"
#include "pd/Frontend/PersistableNames.h"
#include "pd/Frontend/ProgramImporter.h"
#include "pd/Passes/Passes.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
using namespace llvm;

namespace {

enum class Emit { Mlir, PdModel, Legacy };

cl::OptionCategory category("pd-export options");

cl::opt<std::string> inputPath(cl::Positional, cl::Required,
                               cl::desc("<model prefix, file, folder or .mlir>"),
                               cl::cat(category));
cl::opt<std::string> outputPath("o", cl::Required,
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
                          "keeping a legacy input's file names")),
    cl::cat(category));
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
cl::opt<bool> quiet("quiet", cl::desc("Do not list the files written"),
                    cl::cat(category));

[[noreturn]] void fail(const Twine &message) {
  WithColor::error(errs(), "pd-export") << message << "\n";
  exit(1);
}

void warn(const Twine &message) {
  WithColor::warning(errs(), "pd-export") << message << "\n";
}

OwningOpRef<ModuleOp> loadInput(MLIRContext &context) {
  if (sys::path::extension(inputPath) == ".mlir") {
    std::string error;
    auto file = openInputFile(inputPath, &error);
    if (!file)
      fail(inputPath + ": " + error);
    SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(std::move(file), SMLoc());
    SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    OwningOpRef<ModuleOp> module =
        parseSourceFile<ModuleOp>(sourceMgr, &context);
    if (!module)
      exit(1);
    return module;
  }
  auto location = pd::locateModel(inputPath, {modelFilename, paramsFilename});
  if (!location)
    fail(toString(location.takeError()));
  auto module = pd::importPaddleModel(context, *location, {warn});
  if (!module)
    fail(toString(module.takeError()));
  return std::move(*module);
}

func::FuncOp mainFunction(ModuleOp module) {
  auto funcs = module.getOps<func::FuncOp>();
  if (funcs.empty())
    fail(inputPath + ": the module has no func.func to export");
  return *funcs.begin();
}

/// Writes the program (and its parameters unless it has none) under `files`.
void writePaddleFiles(ModuleOp module, pd::OutputFiles &files,
                      StringRef modelPath, StringRef paramsPath,
                      StringRef separateParamsDir) {
  auto program = pd::exportProgram(module, mainFunction(module));
  if (!program)
    fail(toString(program.takeError()));
  auto os = files.create(modelPath);
  if (!os)
    fail(toString(os.takeError()));
  if (auto err = pd::writeProgram(*program, *os))
    fail(toString(std::move(err)));

  if (!pd::hasParameterData(module)) {
    warn("no parameter data: wrote the program only");
    return;
  }
  if (!separateParamsDir.empty()) {
    for (const std::string &name : pd::savedPersistableNames(*program)) {
      SmallString<256> path(separateParamsDir);
      sys::path::append(path, name);
      if (auto err = files.createDirectory(sys::path::parent_path(path)))
        fail(toString(std::move(err)));
      auto param = files.create(path);
      if (!param)
        fail(toString(param.takeError()));
      if (auto err = pd::writeParameter(module, name, *param))
        fail(toString(std::move(err)));
    }
    return;
  }
  auto params = files.create(paramsPath);
  if (!params)
    fail(toString(params.takeError()));
  if (auto err = pd::writeCombinedParameters(module, *program, *params))
    fail(toString(std::move(err)));
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  cl::HideUnrelatedOptions({&category, &cl::getGeneralCategory()});
  cl::ParseCommandLineOptions(
      argc, argv, "pd-export: Paddle models in, clean artifacts out\n");

  DialectRegistry registry;
  registry.insert<pd::PdDialect, func::FuncDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  OwningOpRef<ModuleOp> module = loadInput(context);
  if (failed(verify(*module)))
    fail(inputPath + ": the imported module does not verify");

  if (!noPasses) {
    // The default pipeline (pruning, renaming, shape inference) grows with
    // the passes of later issues; today it is empty.
    PassManager pm(&context);
    if (failed(pm.run(*module)))
      fail(inputPath + ": the pass pipeline failed");
  }

  pd::OutputFiles files;
  switch (emit) {
  case Emit::Mlir: {
    if (outputPath == "-") {
      module->print(outs(), OpPrintingFlags().enableDebugInfo());
      outs() << "\n";
      return 0;
    }
    auto os = files.create(outputPath);
    if (!os)
      fail(toString(os.takeError()));
    module->print(*os, OpPrintingFlags().enableDebugInfo());
    *os << "\n";
    break;
  }
  case Emit::PdModel:
    writePaddleFiles(*module, files, outputPath + ".pdmodel",
                     outputPath + ".pdiparams", "");
    break;
  case Emit::Legacy: {
    auto source =
        (*module)->getAttrOfType<DictionaryAttr>(pd::PdDialect::kSourceAttrName);
    auto name = [&](StringRef key, StringRef fallback) -> std::string {
      auto value = source ? source.getAs<StringAttr>(key) : nullptr;
      return value ? value.str() : fallback.str();
    };
    if (auto err = files.createDirectory(outputPath))
      fail(toString(std::move(err)));
    SmallString<256> model(outputPath), params(outputPath);
    sys::path::append(model, name("model_filename", "__model__"));
    std::string paramsName = name("params_filename", "");
    if (!paramsName.empty())
      sys::path::append(params, paramsName);
    if (paramsName.empty())
      writePaddleFiles(*module, files, model, "", outputPath);
    else
      writePaddleFiles(*module, files, model, params, "");
    break;
  }
  }
  if (auto err = files.commit())
    fail(toString(std::move(err)));
  if (!quiet)
    for (const std::string &path : files.paths()) {
      uint64_t size = 0;
      sys::fs::file_size(path, size);
      outs() << "wrote " << path << " (" << size << " bytes)\n";
    }
  return 0;
}

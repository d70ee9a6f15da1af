//===- ModelImporter.cpp - a saved Paddle model -> pd module ----------------===//
//
// A model is more than a program: its parameters (combined or one file per
// variable), jit.save's other methods with their own parameter files, and
// `.pdiparams.info`. ModelLocation says where they are; this reads them all
// into one module.
//
//===----------------------------------------------------------------------===//

#include "pd/Frontend/ParameterBinding.h"
#include "pd/Frontend/PersistableNames.h"
#include "pd/Frontend/ProgramImporter.h"

#include "pd/Dialect/PdOps.h"
#include "pd/Runtime/FileNames.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace pd;
using llvm::Error;
using llvm::Expected;
using llvm::formatv;

/// The parameters of `program`: from its combined file, or one file per
/// variable in `directory`, or none (a program saved alone: a warning).
static Expected<std::vector<MappedTensor>>
loadParameters(const proto::ProgramDesc &program, ParamLayout layout,
               StringRef paramsPath, StringRef directory, StringRef modelPath,
               const ImportOptions &options) {
  std::vector<std::string> names = savedPersistableNames(program);
  if (layout == ParamLayout::Combined && !paramsPath.empty())
    return readCombinedParameters(paramsPath, names);
  std::vector<MappedTensor> params;
  SmallVector<std::string> missing;
  for (const std::string &name : names) {
    // One file per variable, named after it, in the model's folder.
    if (!isPlainFileName(name))
      return makeFileError(modelPath,
                           formatv("variable '{0}' is not a plain file name: "
                                   "its parameter file would lie outside the "
                                   "model's folder",
                                   name));
    llvm::SmallString<256> path(directory);
    llvm::sys::path::append(path, name);
    if (!llvm::sys::fs::is_regular_file(path)) {
      missing.push_back(path.str().str());
      continue;
    }
    auto tensor = readTensorFile(path, name);
    if (!tensor)
      return tensor.takeError();
    params.push_back(std::move(*tensor));
  }
  if (!params.empty() && !missing.empty())
    return makeFileError(missing.front(),
                         formatv("parameter file not found ({0} of {1} "
                                 "missing)",
                                 missing.size(), names.size()));
  if (params.empty() && !names.empty() && options.warn &&
      !options.parametersFromElsewhere)
    options.warn(modelPath + ": no parameter file found; importing the "
                             "program structure only (parameters have no "
                             "data)");
  return params;
}

static Expected<proto::ProgramDesc> readProgram(StringRef path) {
  auto file = mapFile(path);
  if (!file)
    return file.takeError();
  return parseProgramDesc((*file)->getBuffer(), path);
}

Expected<OwningOpRef<ModuleOp>>
pd::importPaddleModel(MLIRContext &context, const ModelLocation &location,
                      const ImportOptions &options) {
  auto program = readProgram(location.modelPath);
  if (!program)
    return program.takeError();
  auto params = loadParameters(*program, location.layout, location.paramsPath,
                               location.directory, location.modelPath, options);
  if (!params)
    return params.takeError();
  OwningOpRef<ModuleOp> module = ModuleOp::create(
      FileLineColLoc::get(&context, location.modelPath, 0, 0));
  if (Error err = importProgramInto(*module, *program, location.modelPath,
                                    *params, kForwardFuncName))
    return std::move(err);

  for (const ModelLocation::Method &method : location.methods) {
    auto methodProgram = readProgram(method.modelPath);
    if (!methodProgram)
      return methodProgram.takeError();
    // A method without a parameter file of its own reads only parameters
    // another method's file provides.
    Expected<std::vector<MappedTensor>> methodParams =
        std::vector<MappedTensor>();
    if (!method.paramsPath.empty())
      methodParams = readCombinedParameters(
          method.paramsPath, savedPersistableNames(*methodProgram));
    if (!methodParams)
      return methodParams.takeError();
    if (Error err = importProgramInto(*module, *methodProgram,
                                      method.modelPath, *methodParams,
                                      method.name))
      return std::move(err);
  }

  if (!location.infoPath.empty())
    if (Error err = readParamsInfo(*module, location.infoPath))
      return std::move(err);
  if (location.isLegacyFolder) {
    Builder b(&context);
    SmallVector<NamedAttribute> source{b.getNamedAttr(
        "model_filename",
        b.getStringAttr(llvm::sys::path::filename(location.modelPath)))};
    if (location.layout == ParamLayout::Combined &&
        !location.paramsPath.empty())
      source.push_back(b.getNamedAttr(
          "params_filename",
          b.getStringAttr(llvm::sys::path::filename(location.paramsPath))));
    (*module)->setAttr(PdDialect::kSourceAttrName,
                       b.getDictionaryAttr(source));
  }
  return module;
}

//===- ModelLocation.cpp - where a saved Paddle model's files are -----------===//

#include "pd/Frontend/ModelLocation.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace pd;

static Error locateError(StringRef input, const Twine &message) {
  return createStringError(inconvertibleErrorCode(), input + ": " + message);
}

static std::string join(StringRef dir, StringRef name) {
  SmallString<256> path(dir);
  sys::path::append(path, name);
  return std::string(path);
}

/// Combined parameter files fluid's save_inference_model names by default.
static const std::string kLegacyParamNames[] = {"__params__", "params"};

static bool isFile(const Twine &path) {
  return sys::fs::is_regular_file(path);
}

/// Fills in the parameter file for a program in `loc.directory`: the named
/// params file, else the conventional names, else per-variable files.
static Error findParams(ModelLocation &loc, ArrayRef<std::string> candidates,
                        const LocateOptions &options) {
  if (!options.paramsFilename.empty()) {
    loc.paramsPath = join(loc.directory, options.paramsFilename);
    if (!isFile(loc.paramsPath))
      return locateError(loc.paramsPath, "parameter file not found");
    loc.layout = ParamLayout::Combined;
    return Error::success();
  }
  for (StringRef candidate : candidates) {
    std::string path = join(loc.directory, candidate);
    if (isFile(path)) {
      loc.paramsPath = path;
      loc.layout = ParamLayout::Combined;
      return Error::success();
    }
  }
  loc.layout = ParamLayout::Separate;
  return Error::success();
}

/// jit.save's other methods: `<stem>.<method>.pdmodel` beside
/// `<stem>.pdmodel`, as jit.load finds them (three dot-separated parts).
static void findMethods(ModelLocation &loc) {
  StringRef file = sys::path::filename(loc.modelPath);
  StringRef extension = loc.isPir ? "json" : "pdmodel";
  if (!file.consume_back(("." + extension).str()) || file.contains('.'))
    return;
  std::error_code ec;
  for (sys::fs::directory_iterator it(loc.directory, ec), end; it != end && !ec;
       it.increment(ec)) {
    StringRef name = sys::path::filename(it->path());
    SmallVector<StringRef, 3> parts;
    name.split(parts, '.');
    if (parts.size() != 3 || parts[0] != file || parts[2] != extension ||
        parts[1].empty())
      continue;
    ModelLocation::Method method;
    method.name = parts[1].str();
    method.modelPath = it->path();
    std::string params = join(loc.directory, (file + "." + parts[1] +
                                              ".pdiparams").str());
    if (isFile(params))
      method.paramsPath = params;
    loc.methods.push_back(std::move(method));
  }
  llvm::sort(loc.methods, [](const auto &a, const auto &b) {
    return a.name < b.name;
  });
}

Expected<ModelLocation> pd::locateModel(StringRef input,
                                        const LocateOptions &options) {
  ModelLocation loc;
  if (sys::fs::is_directory(input)) {
    loc.directory = input.str();
    loc.isLegacyFolder = true;
    if (!options.modelFilename.empty()) {
      loc.modelPath = join(input, options.modelFilename);
      if (!isFile(loc.modelPath))
        return locateError(loc.modelPath, "model file not found");
    } else {
      for (StringRef name : {"__model__", "model"})
        if (isFile(join(input, name))) {
          loc.modelPath = join(input, name);
          break;
        }
      if (loc.modelPath.empty()) {
        // A folder holding one `<name>.pdmodel` (save_inference_model).
        std::error_code ec;
        std::string found;
        for (sys::fs::directory_iterator it(input, ec), end; it != end && !ec;
             it.increment(ec))
          if (sys::path::extension(it->path()) == ".pdmodel") {
            if (!found.empty())
              return locateError(input, "several .pdmodel files; name one "
                                        "with --model-filename");
            found = it->path();
          }
        if (found.empty())
          return locateError(input, "no Paddle model in this folder "
                                    "(looked for __model__, model, *.pdmodel)");
        loc.modelPath = found;
        loc.isLegacyFolder = false;
      }
    }
    SmallString<256> stem(sys::path::filename(loc.modelPath));
    if (sys::path::extension(stem) == ".pdmodel") {
      SmallString<256> info(loc.modelPath);
      sys::path::replace_extension(info, ".pdiparams.info");
      if (isFile(info))
        loc.infoPath = std::string(info);
      sys::path::replace_extension(stem, ".pdiparams");
      if (auto err = findParams(loc, {std::string(stem)}, options))
        return std::move(err);
      return loc;
    }
    if (auto err = findParams(loc, kLegacyParamNames, options))
      return std::move(err);
    return loc;
  }

  // A prefix of `<prefix>.pdmodel` (or Paddle 3's `.json`), else a file. The
  // prefix comes first: PaddleTS, for one, saves a pickle named exactly like
  // the prefix beside `<prefix>.pdmodel`.
  std::string modelPath = input.str();
  if (isFile(modelPath + ".pdmodel"))
    modelPath += ".pdmodel";
  else if (isFile(modelPath + ".json"))
    modelPath += ".json";
  else if (!isFile(modelPath))
    return locateError(input, sys::path::extension(input) == ".pdmodel"
                                  ? Twine("no such file")
                                  : "no such file, folder or model prefix "
                                    "(looked for " + input + ".pdmodel)");
  loc.modelPath = modelPath;
  loc.directory = std::string(sys::path::parent_path(modelPath));
  if (loc.directory.empty())
    loc.directory = ".";
  if (sys::path::extension(modelPath) == ".json") {
    loc.isPir = true;
    SmallString<256> params(modelPath);
    sys::path::replace_extension(params, ".pdiparams");
    if (isFile(params))
      loc.paramsPath = std::string(params);
    findMethods(loc);
    return loc;
  }
  if (sys::path::extension(modelPath) == ".pdmodel") {
    SmallString<256> info(modelPath);
    sys::path::replace_extension(info, ".pdiparams.info");
    if (isFile(info))
      loc.infoPath = std::string(info);
    SmallString<256> params(sys::path::filename(modelPath));
    sys::path::replace_extension(params, ".pdiparams");
    if (auto err = findParams(loc, {std::string(params)}, options))
      return std::move(err);
    findMethods(loc);
    return loc;
  }
  // Any other program file is a fluid folder program (`__model__`, `model`).
  loc.isLegacyFolder = true;
  if (auto err = findParams(loc, kLegacyParamNames, options))
    return std::move(err);
  return loc;
}

//===- ModelLocation.h - where a saved Paddle model's files are -*- C++ -*-===//
//
// Paddle saves a model in several layouts; this resolves what the user named
// (a prefix, a .pdmodel, a folder, a legacy __model__) into the program file
// and where its parameters are, with Paddle's own model_filename /
// params_filename semantics.
//
//===----------------------------------------------------------------------===//
#ifndef PD_FRONTEND_MODELLOCATION_H
#define PD_FRONTEND_MODELLOCATION_H

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace pd {

enum class ParamLayout {
  /// One file holding every persistable, sorted by name (`.pdiparams`,
  /// `__params__`, any params_filename).
  Combined,
  /// One file per persistable, named after it, in `directory`.
  Separate,
};

struct ModelLocation {
  std::string modelPath;
  /// The folder the model file is in.
  std::string directory;
  ParamLayout layout = ParamLayout::Combined;
  /// The combined parameter file; empty when there is none (per-variable
  /// files, or a program saved without parameters).
  std::string paramsPath;
  /// A Paddle 3 PIR program (`prefix.json`) rather than a ProgramDesc.
  bool isPir = false;
  /// `prefix.pdiparams.info` next to a `prefix.pdmodel`, when it exists.
  std::string infoPath;
  /// The other methods paddle.jit.save wrote next to `prefix.pdmodel`:
  /// `prefix.<method>.pdmodel` with `prefix.<method>.pdiparams`.
  struct Method {
    std::string name;
    std::string modelPath;
    std::string paramsPath; // empty when the method has no parameter file
  };
  std::vector<Method> methods;
  /// True for the fluid folder layouts (`__model__`, custom file names):
  /// `--emit=legacy` then keeps these file names.
  bool isLegacyFolder = false;
};

struct LocateOptions {
  /// Paddle's model_filename / params_filename, relative to a folder input.
  std::string modelFilename;
  std::string paramsFilename;
};

/// Resolves `input`: `prefix` (prefix.pdmodel, else Paddle 3's prefix.json),
/// `x.pdmodel`, `x.json`, a folder
/// (`__model__`, `model`, or one `*.pdmodel`, unless `modelFilename` names it),
/// or a legacy program file such as `dir/__model__`.
llvm::Expected<ModelLocation> locateModel(llvm::StringRef input,
                                          const LocateOptions &options);

} // namespace pd

#endif // PD_FRONTEND_MODELLOCATION_H

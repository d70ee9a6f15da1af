//===- FileKind.h - what a file that is not a program is --------*- C++ -*-===//
//
// Users hand pd the wrong file of a model: its parameters, a pickle, the
// ONNX export. A protobuf wire error helps nobody; this names the kind.
//
//===----------------------------------------------------------------------===//
#ifndef PD_FRONTEND_FILEKIND_H
#define PD_FRONTEND_FILEKIND_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace pd {

/// What `bytes` look like when they are clearly not a Paddle ProgramDesc (an
/// ONNX model, a paddle.save pickle, a Paddle parameter file, a PIR or other
/// JSON file, an ELF library, a zip archive, a .npy array), with a hint of
/// what to do with it; empty when they may be a program.
std::string describeNonProgram(llvm::StringRef bytes);

/// True when `bytes` (the start of a file) are not text: a NUL byte or
/// invalid UTF-8.
bool looksBinary(llvm::StringRef bytes);

} // namespace pd

#endif // PD_FRONTEND_FILEKIND_H

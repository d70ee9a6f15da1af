//===- ParameterFile.h - reading Paddle parameter files ---------*- C++ -*-===//
//
// Parameter files are mapped, never copied: each tensor keeps a pointer into
// the mapping and a reference that keeps the mapping alive.
//
//===----------------------------------------------------------------------===//
#ifndef PD_FRONTEND_PARAMETERFILE_H
#define PD_FRONTEND_PARAMETERFILE_H

#include "pd/Runtime/TensorRecord.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>
#include <vector>

namespace pd {

/// One tensor record in a mapped parameter file.
struct MappedTensor {
  std::string name;
  runtime::TensorRecordView record;
  /// The mapping `record.data` points into.
  std::shared_ptr<llvm::MemoryBuffer> file;
};

/// Maps `path` read-only; errors name the file.
llvm::Expected<std::shared_ptr<llvm::MemoryBuffer>>
mapFile(llvm::StringRef path);

/// Reads a combined parameter file: one record per name of `sortedNames`,
/// back to back, and nothing after them (as Paddle's load_combine requires).
llvm::Expected<std::vector<MappedTensor>>
readCombinedParameters(llvm::StringRef path,
                       llvm::ArrayRef<std::string> sortedNames);

/// Reads a per-variable parameter file holding exactly one record.
llvm::Expected<MappedTensor> readTensorFile(llvm::StringRef path,
                                            llvm::StringRef name);

} // namespace pd

#endif // PD_FRONTEND_PARAMETERFILE_H

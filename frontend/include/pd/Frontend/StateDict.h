//===- StateDict.h - tensors of a paddle.save pickle ------------*- C++ -*-===//
//
// What paddle.save writes, read as named tensors: a Layer's state_dict
// (structured key -> array, with the `StructuredToParameterName@@` name
// table), an optimizer's, nested checkpoint dicts, `(name, array)` tuples of
// the generic path, and big tensors split under `UnpackBigParamInfor@@`.
//
//===----------------------------------------------------------------------===//
#ifndef PD_FRONTEND_STATEDICT_H
#define PD_FRONTEND_STATEDICT_H

#include "pd/Frontend/Pickle.h"

#include <optional>

namespace pd {

struct PickledTensor {
  /// Where it is in the pickle: the dict key, nested keys joined by '/'.
  std::string key;
  /// The Paddle variable name: from the name table, or the name saved with
  /// the tensor; empty when the pickle does not say.
  std::string name;
  int32_t dataType = 0;
  /// As numpy spells it ("<f4").
  std::string numpyType;
  std::vector<int64_t> dims;
  /// The elements, C order, little-endian: a view into the mapped pickle
  /// unless it had to be decoded or reassembled.
  llvm::StringRef data;
  std::shared_ptr<const void> keepAlive;
};

/// A non-tensor value (an epoch number, a learning rate), shown as Python
/// would print it.
struct PickledValue {
  std::string key;
  std::string repr;
};

struct StateDict {
  std::vector<PickledTensor> tensors;
  std::vector<PickledValue> values;
  unsigned protocol = 0;
  bool hasNameTable = false;
};

/// Paddle's data type for numpy dtype `dtype` ("<f4" -> FP32); none for
/// big-endian or non-numeric types. numpy's uint16 stands for bfloat16 in
/// Paddle's files; callers that know the variable's type decide.
std::optional<int32_t> paddleTypeOfNumpy(llvm::StringRef dtype);

/// Reads the pickle at `path` as a state dict. Errors name the file and the
/// key.
llvm::Expected<StateDict> readStateDict(llvm::StringRef path);

/// Interprets an already parsed pickle.
llvm::Expected<StateDict> interpretStateDict(const pickle::Document &doc,
                                             llvm::StringRef fileName);

} // namespace pd

#endif // PD_FRONTEND_STATEDICT_H

//===- Signature.h - what a compiled artifact says it takes -----*- C++ -*-===//
//
// Every artifact embeds a JSON signature (`pd_artifact_signature`): its
// parameters in the parameter file's order, and per method the entry point,
// the parameters it reads, its inputs and outputs. The runtime trusts
// nothing in it that it has not checked here.
//
//===----------------------------------------------------------------------===//
#ifndef PD_RUNTIME_SIGNATURE_H
#define PD_RUNTIME_SIGNATURE_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pd::runtime {

struct TensorSpec {
  std::string name;
  int32_t dtype = 0; // a pd_dtype
  std::vector<int64_t> dims; // -1 for a dynamic dim
};

struct MethodSignature {
  std::string name;
  /// Always `pd_method_<name>`.
  std::string entry;
  /// Indices into Signature::parameters, in the entry point's order.
  std::vector<size_t> parameters;
  /// Those of `parameters` that only the load-time entry point reads (the
  /// method itself takes their packed or folded form): the runtime may
  /// hand them over where they lie in the mapped file, aligned or not.
  std::vector<size_t> loadOnly;
  std::vector<TensorSpec> inputs, outputs;
  /// The load-time entry point, `pd_load_<name>` (empty when the method has
  /// none), and its results: what the method takes after its parameters.
  std::string loadEntry;
  std::vector<TensorSpec> loadResults;
};

struct Signature {
  /// Sorted by name (unique): the parameter file's record order.
  std::vector<TensorSpec> parameters;
  std::vector<MethodSignature> methods;
};

/// Parses and checks a signature: element types the runtime has tensors of,
/// dims that are -1 or sizes, parameters in the file's order, entry points
/// named after their methods. On failure returns false with `error` (one
/// line, without the artifact's name).
bool parseSignature(const std::string &text, Signature &out,
                    std::string &error);

/// True for the element types a pd_tensor may have (pd_dtype's members).
bool isRuntimeType(int32_t code);

} // namespace pd::runtime

#endif // PD_RUNTIME_SIGNATURE_H

//===- Json.h - a small JSON reader for artifact signatures -----*- C++ -*-===//
//
// The runtime links nothing but the C++ standard library, so it reads the
// signature with this: objects, arrays, strings, numbers, true/false/null.
//
//===----------------------------------------------------------------------===//
#ifndef PD_RUNTIME_JSON_H
#define PD_RUNTIME_JSON_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pd::runtime {

struct JsonValue {
  enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  std::vector<std::pair<std::string, JsonValue>> object;

  /// The member `key` of an object, or null.
  const JsonValue *get(const std::string &key) const;
};

/// Parses `text`; on failure returns false and sets `error` (with the
/// offset).
bool parseJson(const std::string &text, JsonValue &out, std::string &error);

} // namespace pd::runtime

#endif // PD_RUNTIME_JSON_H

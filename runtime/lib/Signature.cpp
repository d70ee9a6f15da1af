//===- Signature.cpp - what a compiled artifact says it takes ---------------===//

#include "pd/Runtime/Signature.h"

#include "pd/Runtime/Json.h"
#include "pd/Runtime/TensorRecord.h"
#include "pd_runtime.h"

#include <algorithm>

using namespace pd::runtime;

bool pd::runtime::isRuntimeType(int32_t code) {
  switch (code) {
  case PD_BOOL: case PD_INT16: case PD_INT32: case PD_INT64: case PD_FLOAT16:
  case PD_FLOAT32: case PD_FLOAT64: case PD_UINT8: case PD_INT8:
  case PD_BFLOAT16:
    return true;
  default:
    return false;
  }
}

namespace {

bool isString(const JsonValue *v) {
  return v && v->kind == JsonValue::Kind::String;
}
bool isArray(const JsonValue *v) {
  return v && v->kind == JsonValue::Kind::Array;
}

bool readSpec(const JsonValue &v, TensorSpec &spec) {
  const JsonValue *name = v.get("name"), *dtype = v.get("dtype"), *dims = v.get("dims");
  if (!isString(name) || !isString(dtype) || !isArray(dims) ||
      dims->array.size() > 64)
    return false;
  std::optional<int32_t> code = dataTypeFromPythonName(dtype->string);
  if (!code || !isRuntimeType(*code))
    return false;
  spec.name = name->string;
  spec.dtype = *code;
  for (const JsonValue &d : dims->array) {
    // A dim is -1 (dynamic) or a size; not NaN, not a fraction, not 1e300.
    if (d.kind != JsonValue::Kind::Number || !(d.number >= -1) ||
        !(d.number <= double(int64_t(1) << 53)) ||
        d.number != double(int64_t(d.number)))
      return false;
    spec.dims.push_back(int64_t(d.number));
  }
  return true;
}

} // namespace

bool pd::runtime::parseSignature(const std::string &text, Signature &out,
                                 std::string &error) {
  auto fail = [&](const std::string &why) {
    error = "signature: " + why;
    return false;
  };
  JsonValue root;
  std::string parseError;
  if (!parseJson(text, root, parseError))
    return fail(parseError);
  const JsonValue *format = root.get("format");
  const JsonValue *params = root.get("parameters");
  const JsonValue *list = root.get("methods");
  if (!isString(format) || format->string != "pd-cpu-artifact" ||
      !isArray(params) || !isArray(list))
    return fail("not a pd-cpu-artifact signature");
  for (const JsonValue &p : params->array) {
    TensorSpec spec;
    if (!readSpec(p, spec))
      return fail("malformed parameter entry");
    // The parameter file holds its records in byte order of their names
    // (Paddle's combined layout); the records are matched by that order.
    if (!out.parameters.empty() && !(out.parameters.back().name < spec.name))
      return fail("parameters are not in the parameter file's order "
                  "(sorted, unique names)");
    out.parameters.push_back(std::move(spec));
  }
  for (const JsonValue &m : list->array) {
    MethodSignature method;
    const JsonValue *name = m.get("name"), *entry = m.get("entry");
    const JsonValue *used = m.get("parameters"), *inputs = m.get("inputs"),
                    *outputs = m.get("outputs");
    if (!isString(name) || !isString(entry) || !isArray(used) ||
        !isArray(inputs) || !isArray(outputs))
      return fail("malformed method entry");
    method.name = name->string;
    // Only the artifact's own entry points (not another symbol a dynamic
    // lookup would find, such as free).
    if (entry->string != "pd_method_" + method.name)
      return fail("method '" + method.name + "' names entry point '" +
                  entry->string + "', not pd_method_" + method.name);
    method.entry = entry->string;
    for (const JsonValue &u : used->array) {
      size_t i = 0;
      while (isString(&u) && i < out.parameters.size() &&
             out.parameters[i].name != u.string)
        ++i;
      if (!isString(&u) || i == out.parameters.size())
        return fail("method '" + method.name + "' uses unknown parameter '" +
                    u.string + "'");
      method.parameters.push_back(i);
    }
    if (const JsonValue *loadOnly = m.get("load_only")) {
      if (!isArray(loadOnly))
        return fail("method '" + method.name + "' has a malformed load_only list");
      for (const JsonValue &u : loadOnly->array) {
        auto it = std::find_if(method.parameters.begin(), method.parameters.end(),
                               [&](size_t i) {
                                 return isString(&u) && out.parameters[i].name == u.string;
                               });
        if (it == method.parameters.end())
          return fail("method '" + method.name + "' lists '" +
                      (isString(&u) ? u.string : std::string("?")) +
                      "' as load-only, but does not take it");
        method.loadOnly.push_back(*it);
      }
    }
    for (auto [json, specs] : {std::pair(inputs, &method.inputs),
                               std::pair(outputs, &method.outputs)})
      for (const JsonValue &t : json->array) {
        TensorSpec spec;
        if (!readSpec(t, spec))
          return fail("malformed tensor entry");
        specs->push_back(std::move(spec));
      }
    if (const JsonValue *load = m.get("load")) {
      const JsonValue *loadEntry = load->get("entry");
      const JsonValue *results = load->get("results");
      if (!isString(loadEntry) || !isArray(results) ||
          loadEntry->string != "pd_load_" + method.name)
        return fail("method '" + method.name + "' has a malformed load entry");
      method.loadEntry = loadEntry->string;
      for (const JsonValue &t : results->array) {
        TensorSpec spec;
        if (!readSpec(t, spec))
          return fail("malformed load result entry");
        method.loadResults.push_back(std::move(spec));
      }
    }
    out.methods.push_back(std::move(method));
  }
  return true;
}

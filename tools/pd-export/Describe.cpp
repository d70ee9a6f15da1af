//===- Describe.cpp - pd-export --describe ----------------------------------===//

#include "Describe.h"

#include "pd/Codegen/Cpu/OpCoverage.h"
#include "pd/Dialect/OpTable.h"
#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/ControlFlowOps.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Passes/PaddleOpInfo.h"
#include "pd/Passes/Passes.h"
#include "pd/Passes/PirRecords.h"
#include "pd/Runtime/TensorRecord.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <map>

using namespace mlir;
using namespace llvm;

namespace {

/// Paddle's Python spelling of a data type ("float32").
std::string dtypeName(int32_t code) {
  std::string name = pd::runtime::pythonDataTypeName(code);
  return name.empty() ? "?" : name;
}

std::string typeName(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    if (auto code = pd::paddleDataTypeOf(tensor.getElementType()))
      return dtypeName(*code);
  if (auto object = dyn_cast<pd::ObjectType>(type))
    return object.getKind().lower();
  std::string s;
  raw_string_ostream(s) << type;
  return s;
}

json::Array dimsOf(Type type) {
  json::Array dims;
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    for (int64_t d : pd::paddleDims(tensor.getShape()))
      dims.push_back(d);
  return dims;
}

std::string dimsText(const json::Array &dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? ", " : "") + std::to_string(*dims[i].getAsInteger());
  return s + "]";
}

json::Array dimsOf(const std::vector<int64_t> &dims) {
  json::Array out;
  for (int64_t d : dims)
    out.push_back(d);
  return out;
}

/// A PIR op pd-raise-pir rewrites: not unknown.
bool isMappedPirOp(pd::GenericOp op) {
  return op->hasAttr(pd::PdDialect::kPirAttrName) &&
         pd::canRaisePirOp(op.getType());
}

} // namespace

void pd::describeModel(ModuleOp module, StringRef source, bool json,
                       raw_ostream &os) {
  llvm::StringSet<> cpuLowered = cpu::opsWithCpuLowering(module.getContext());
  // A typed op (or a PIR op that raises to one) `--emit=cpu` has no
  // lowering for.
  auto lacksCpuLowering = [&](Operation *op) {
    if (!isa<GenericOp>(op))
      return !cpuLowered.contains(op->getName().getStringRef());
    PirMapping raised = lookupPirMapping(paddleOpType(op));
    return raised && !cpuLowered.contains(raised.op->opName);
  };
  json::Array methods;
  for (auto func : module.getOps<func::FuncOp>()) {
    json::Array feeds, fetches;
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      auto name = func.getArgAttrOfType<StringAttr>(i, PdDialect::kNameArgAttrName);
      Type type = func.getArgumentTypes()[i];
      feeds.push_back(json::Object{{"name", name ? name.str() : ""},
                                   {"dtype", typeName(type)},
                                   {"dims", dimsOf(type)}});
    }
    for (unsigned i = 0; i < func.getNumResults(); ++i) {
      auto name = func.getResultAttrOfType<StringAttr>(i, PdDialect::kNameArgAttrName);
      Type type = func.getResultTypes()[i];
      fetches.push_back(json::Object{{"name", name ? name.str() : ""},
                                     {"dtype", typeName(type)},
                                     {"dims", dimsOf(type)}});
    }
    // A PIR program not yet raised: its pd_op.data and pd_op.fetch ops.
    for (Operation &op : func.getBody().getOps()) {
      StringRef type = pir::opType(&op);
      bool isData = type == "pd_op.data" && op.getNumResults() == 1;
      bool isFetch = type == "pd_op.fetch" && op.getNumOperands() == 1;
      if (!isData && !isFetch)
        continue;
      auto name = dyn_cast_if_present<StringAttr>(
          pir::attributes(&op).lookup("name"));
      Type valueType =
          isData ? op.getResult(0).getType() : op.getOperand(0).getType();
      (isData ? feeds : fetches)
          .push_back(json::Object{{"name", name ? name.str() : ""},
                                  {"dtype", typeName(valueType)},
                                  {"dims", dimsOf(valueType)}});
    }
    std::map<std::string, int64_t> histogram;
    std::map<std::string, int64_t> unknown, noCpuLowering;
    func.walk([&](Operation *op) {
      StringRef type = paddleOpType(op);
      if (type.empty())
        return;
      histogram[type.str()]++;
      auto generic = dyn_cast<GenericOp>(op);
      if (generic && !isMappedPirOp(generic) &&
          !control_flow::isControlFlowOp(type))
        unknown[type.str()]++;
      else if (lacksCpuLowering(op))
        noCpuLowering[type.str()]++;
    });
    json::Object ops, unknownOps, noCpuLoweringOps;
    for (auto &[type, count] : histogram)
      ops[type] = count;
    for (auto &[type, count] : unknown)
      unknownOps[type] = count;
    for (auto &[type, count] : noCpuLowering)
      noCpuLoweringOps[type] = count;
    methods.push_back(json::Object{{"name", func.getSymName().str()},
                                   {"feeds", std::move(feeds)},
                                   {"fetches", std::move(fetches)},
                                   {"ops", std::move(ops)},
                                   {"unknown_ops", std::move(unknownOps)},
                                   {"no_cpu_lowering", std::move(noCpuLoweringOps)}});
  }
  json::Array params;
  int64_t totalBytes = 0;
  for (auto param : module.getOps<ParameterOp>()) {
    auto type = cast<RankedTensorType>(param.getType());
    int64_t bytes = -1;
    if (auto code = paddleDataTypeOf(type.getElementType()); code && type.hasStaticShape())
      bytes = type.getNumElements() * int64_t(runtime::elementSize(*code));
    totalBytes += std::max<int64_t>(bytes, 0);
    json::Object entry{{"name", param.getSymName().str()},
                       {"dtype", typeName(type)},
                       {"dims", dimsOf(type)},
                       {"bytes", bytes},
                       {"has_data", bool(param.getValueAttr())}};
    if (auto structured = param.getStructuredNameAttr())
      entry["structured_name"] = structured.str();
    params.push_back(std::move(entry));
  }
  json::Object doc{{"source", source.str()},
                   {"methods", json::Array(methods)},
                   {"parameters", json::Array(params)},
                   {"parameter_bytes", totalBytes}};
  if (auto version = module->getAttrOfType<IntegerAttr>(PdDialect::kProgramVersionAttrName))
    doc["program_version"] = version.getInt();
  if (json) {
    os << formatv("{0:2}", json::Value(std::move(doc))) << "\n";
    return;
  }

  os << "model: " << source;
  if (auto version = module->getAttrOfType<IntegerAttr>(PdDialect::kProgramVersionAttrName))
    os << " (program version " << version.getInt() << ")";
  os << "\n";
  for (const json::Value &m : methods) {
    const json::Object &method = *m.getAsObject();
    os << "method " << *method.getString("name") << "\n";
    for (StringRef kind : {"feeds", "fetches"})
      for (const json::Value &v : *method.getArray(kind)) {
        const json::Object &io = *v.getAsObject();
        os << formatv("  {0,-5} {1} : {2} {3}\n",
                      kind == "feeds" ? "feed" : "fetch", *io.getString("name"),
                      *io.getString("dtype"), dimsText(*io.getArray("dims")));
      }
    // json::Object iterates in hash order; print sorted.
    auto sortedKeys = [](const json::Object &object) {
      std::vector<std::string> keys;
      for (const auto &kv : object)
        keys.push_back(kv.first.str());
      llvm::sort(keys);
      return keys;
    };
    const json::Object &ops = *method.getObject("ops");
    int64_t count = 0;
    std::string list;
    for (const std::string &type : sortedKeys(ops)) {
      int64_t n = *ops.getInteger(type);
      count += n;
      list += formatv("{0}{1} {2}", list.empty() ? "" : ", ", type, n);
    }
    os << formatv("  ops: {0} ({1} types): {2}\n", count, ops.size(), list);
    std::string unknownList;
    for (const std::string &type : sortedKeys(*method.getObject("unknown_ops")))
      unknownList += (unknownList.empty() ? "" : ", ") + type;
    os << "  unknown ops: " << (unknownList.empty() ? "none" : unknownList)
       << "\n";
    // Typed ops --emit=cpu cannot compile yet (unknown ones it cannot
    // either).
    std::string noCpuList;
    const json::Object &noCpu = *method.getObject("no_cpu_lowering");
    for (const std::string &type : sortedKeys(noCpu))
      noCpuList += formatv("{0}{1} {2}", noCpuList.empty() ? "" : ", ", type,
                           *noCpu.getInteger(type));
    os << "  no CPU lowering: " << (noCpuList.empty() ? "none" : noCpuList)
       << "\n";
  }
  os << formatv("parameters: {0} ({1} bytes)\n", params.size(), totalBytes);
  for (const json::Value &p : params) {
    const json::Object &param = *p.getAsObject();
    os << formatv("  {0} : {1} {2}, {3} bytes", *param.getString("name"),
                  *param.getString("dtype"), dimsText(*param.getArray("dims")),
                  *param.getInteger("bytes"));
    if (auto structured = param.getString("structured_name"))
      os << ", structured name " << *structured;
    if (!*param.getBoolean("has_data"))
      os << ", no data";
    os << "\n";
  }
}

void pd::describeStateDict(const StateDict &dict, StringRef source, bool json,
                           raw_ostream &os) {
  // Streamed: a pickle may hold millions of values.
  int64_t totalBytes = 0;
  for (const PickledTensor &t : dict.tensors)
    totalBytes += t.data.size();
  if (json) {
    json::OStream out(os, 2); // keys in order, as json::Value prints them
    out.object([&] {
      out.attribute("name_table", dict.hasNameTable);
      out.attribute("pickle_protocol", int64_t(dict.protocol));
      out.attribute("source", source);
      out.attribute("tensor_bytes", totalBytes);
      out.attributeArray("tensors", [&] {
        for (const PickledTensor &t : dict.tensors)
          out.object([&] {
            out.attribute("bytes", int64_t(t.data.size()));
            out.attribute("dims", dimsOf(t.dims));
            out.attribute("dtype", dtypeName(t.dataType));
            out.attribute("key", t.key);
            if (!t.name.empty())
              out.attribute("name", t.name);
            out.attribute("numpy_dtype", t.numpyType);
          });
      });
      out.attributeArray("values", [&] {
        for (const PickledValue &v : dict.values)
          out.object([&] {
            out.attribute("key", v.key);
            out.attribute("value", v.repr);
          });
      });
    });
    os << "\n";
    return;
  }
  os << formatv("pickle: {0} (protocol {1}{2})\n", source, dict.protocol,
                dict.hasNameTable ? ", with a name table" : "");
  os << formatv("tensors: {0} ({1} bytes)\n", dict.tensors.size(), totalBytes);
  for (const PickledTensor &t : dict.tensors) {
    os << formatv("  {0}", t.key);
    if (!t.name.empty() && t.name != t.key)
      os << " (" << t.name << ")";
    os << formatv(" : {0} {1}, {2} bytes\n", dtypeName(t.dataType),
                  dimsText(dimsOf(t.dims)), t.data.size());
  }
  if (!dict.values.empty()) {
    os << formatv("values: {0}\n", dict.values.size());
    for (const PickledValue &v : dict.values)
      os << "  " << (v.key.empty() ? "(the whole pickle)" : v.key) << " = "
         << v.repr << "\n";
  }
}

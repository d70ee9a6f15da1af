//===- PaddleOpTableGen.cpp - emit the Paddle op table ----------------------===//
//
// pd-tblgen: a TableGen backend that reads the typed Paddle ops of the pd
// dialect (records derived from Pd_PaddleOp) and emits, for each, its Paddle
// type, its MLIR op name, its input and output slots (in operand/result order,
// with their arity) and its attributes with their Paddle AttrType. The
// importer and the exporter are both driven by this table, so an op is
// described once: in PaddleOps.td.
//
//===----------------------------------------------------------------------===//

#include "mlir/TableGen/GenInfo.h"
#include "mlir/TableGen/Operator.h"
#include "mlir/Tools/mlir-tblgen/MlirTblgenMain.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/TableGen/Error.h"
#include "llvm/TableGen/Record.h"
#include "llvm/TableGen/TableGenBackend.h"

#include <algorithm>

using namespace llvm;
using mlir::tblgen::NamedTypeConstraint;
using mlir::tblgen::Operator;

static StringRef arityOf(const NamedTypeConstraint &value) {
  if (value.isVariadic())
    return "Variadic";
  if (value.isOptional())
    return "Optional";
  return "Single";
}

static void emitSlots(raw_ostream &os, StringRef tableName,
                      ArrayRef<const NamedTypeConstraint *> slots) {
  os << "static const ::pd::SlotSchema " << tableName << "[] = {";
  for (const NamedTypeConstraint *slot : slots)
    // A trailing '_' only disambiguates the C++ accessor (see PdBase.td).
    os << formatv("{{\"{0}\", ::pd::SlotArity::{1}}, ",
                  StringRef(slot->name).rtrim('_'),
                  arityOf(*slot));
  if (slots.empty())
    os << "{\"\", ::pd::SlotArity::Single}";
  os << "};\n";
}

/// The rule a `shapeRule` body calls: `conv2d` of
/// `return convolution(*this, resultTypes, 2);`.
static std::string shapeRuleName(const Record &def) {
  StringRef body = def.getValueAsString("shapeRule");
  size_t at = body.find("return ");
  if (at == StringRef::npos)
    PrintFatalError(def.getLoc(), "a shapeRule must return a rule's result");
  return body.drop_front(at + 7).take_until([](char c) { return c == '('; }).trim().str();
}

static bool emitPaddleOpTable(const RecordKeeper &records, raw_ostream &os) {
  emitSourceFileHeader("Paddle op table", os);
  std::vector<Record *> defs =
      records.getAllDerivedDefinitions("Pd_PaddleOp");
  std::sort(defs.begin(), defs.end(), [](Record *a, Record *b) {
    return a->getValueAsString("pdType") < b->getValueAsString("pdType");
  });

  for (Record *def : defs) {
    Operator op(def);
    std::string id = op.getCppClassName().str();
    SmallVector<const NamedTypeConstraint *> inputs, outputs;
    for (int i = 0, e = op.getNumOperands(); i < e; ++i)
      inputs.push_back(&op.getOperand(i));
    for (int i = 0, e = op.getNumResults(); i < e; ++i)
      outputs.push_back(&op.getResult(i));
    emitSlots(os, "k" + id + "Inputs", inputs);
    emitSlots(os, "k" + id + "Outputs", outputs);

    os << "static const ::pd::AttrSchema k" << id << "Attrs[] = {";
    for (const mlir::tblgen::NamedAttribute &attr : op.getAttributes()) {
      const Record &attrDef = attr.attr.getDef();
      if (!attrDef.getValue("pdAttrType"))
        PrintFatalError(def->getLoc(),
                        "attribute '" + attr.name +
                            "' of a Paddle op must use a Pd_<AttrType> kind");
      os << formatv("{{\"{0}\", ::pd::AttrType::{1}}, ", attr.name,
                    attrDef.getValueAsString("pdAttrType"));
    }
    os << "};\n";

    auto emitStrings = [&](StringRef field) {
      os << "static const ::llvm::StringLiteral k" << id << field << "[] = {";
      std::vector<StringRef> values = def->getValueAsListOfStrings(field);
      for (StringRef v : values)
        os << "\"" << v << "\", ";
      if (values.empty())
        os << "\"\"";
      os << "};\n";
    };
    emitStrings("pirOperands");
    emitStrings("pirAttrs");
    emitStrings("pirDefaults");
    emitStrings("pirInplace");
  }

  os << "\nstatic const ::pd::OpSchema kOpSchemas[] = {\n";
  for (Record *def : defs) {
    Operator op(def);
    std::string id = op.getCppClassName().str();
    // Sizes as size_t: a literal 0 (an op with no inputs) would also read
    // as a null end pointer.
    os << formatv("  {{\"{0}\", \"{1}\", \"{11}\", {{k{2}Inputs, size_t({3})}, "
                  "{{k{2}Outputs, size_t({4})}, {{k{2}Attrs, size_t({5})}, {{\"{6}\", "
                  "::llvm::ArrayRef<::llvm::StringLiteral>(k{2}pirOperands, size_t({7})), "
                  "::llvm::ArrayRef<::llvm::StringLiteral>(k{2}pirAttrs, size_t({8})), "
                  "::llvm::ArrayRef<::llvm::StringLiteral>(k{2}pirDefaults, size_t({9})), "
                  "::llvm::ArrayRef<::llvm::StringLiteral>(k{2}pirInplace, size_t({10}))}},\n",
                  def->getValueAsString("pdType"), op.getOperationName(), id,
                  op.getNumOperands(), op.getNumResults(),
                  op.getNumAttributes(), def->getValueAsString("pirName"),
                  def->getValueAsListOfStrings("pirOperands").size(),
                  def->getValueAsListOfStrings("pirAttrs").size(),
                  def->getValueAsListOfStrings("pirDefaults").size(),
                  def->getValueAsListOfStrings("pirInplace").size(),
                  shapeRuleName(*def));
  }
  os << "};\n";

  // Other PIR ops of the same Paddle ops, each list a named array (an
  // ArrayRef must not point at a temporary).
  std::vector<std::pair<StringRef, Record *>> forms;
  for (Record *def : defs)
    for (Record *form : def->getValueAsListOfDefs("pirForms"))
      forms.emplace_back(def->getValueAsString("pdType"), form);
  const char *fields[] = {"pirOperands", "pirAttrs", "pirDefaults"};
  for (auto [i, entry] : llvm::enumerate(forms))
    for (const char *field : fields) {
      os << "static const ::llvm::StringLiteral kPirForm" << i << field << "[] = {";
      for (StringRef v : entry.second->getValueAsListOfStrings(field))
        os << "\"" << v << "\", ";
      os << "\"\"};\n";
    }
  os << "\nstatic const PirForm kPirForms[] = {\n";
  for (auto [i, entry] : llvm::enumerate(forms)) {
    os << formatv("  {{\"{0}\", {{\"{1}\"", entry.first,
                  entry.second->getValueAsString("pirName"));
    for (const char *field : fields)
      os << formatv(", ::llvm::ArrayRef<::llvm::StringLiteral>(kPirForm{0}{1}, "
                    "size_t({2}))",
                    i, field, entry.second->getValueAsListOfStrings(field).size());
    os << ", {}}},\n";
  }
  os << "  {\"\", {\"\", {}, {}, {}, {}}},\n"; // never empty
  os << "};\n";
  return false;
}

static mlir::GenRegistration
    genPaddleOpTable("gen-paddle-op-table",
                     "Generate the Paddle slot/attribute table of pd ops",
                     emitPaddleOpTable);

int main(int argc, char **argv) { return mlir::MlirTblgenMain(argc, argv); }

//===- OpCoverage.cpp - pd-export --op-coverage ---------------------------===//
//
// Generated from the op table (PaddleOps.td, through pd-tblgen) and the CPU
// backend's own patterns, so the README's copy can be checked against it.
//
//===----------------------------------------------------------------------===//

#include "OpCoverage.h"

#include "pd/Codegen/Cpu/OpCoverage.h"
#include "pd/Dialect/OpTable.h"

using namespace pd;

void pd::printOpCoverage(mlir::MLIRContext &context, llvm::raw_ostream &os) {
  llvm::StringSet<> cpu = cpu::opsWithCpuLowering(&context);
  llvm::ArrayRef<OpSchema> ops = allOpSchemas();
  unsigned raised = 0, compiled = 0;
  for (const OpSchema &op : ops) {
    raised += !pirNamesOf(op).empty();
    compiled += cpu.contains(op.opName);
  }
  os << ops.size() << " Paddle op types are typed (slots, attributes, a shape "
     << "rule); " << raised << " of them are raised from PIR, " << compiled
     << " compile with `--emit=cpu`.\n\n";
  os << "| Paddle op | PIR op | shape rule | CPU |\n";
  os << "|---|---|---|---|\n";
  for (const OpSchema &op : ops) {
    std::string pir;
    for (llvm::StringRef name : pirNamesOf(op))
      pir += (pir.empty() ? "`" : ", `") + name.str() + "`";
    os << "| `" << op.paddleType << "` | " << (pir.empty() ? "–" : pir)
       << " | " << op.shapeRule << " | "
       << (cpu.contains(op.opName) ? "yes" : "no") << " |\n";
  }
}

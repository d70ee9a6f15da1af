//===- pd-translate.cpp - Paddle files <-> pd dialect -----------------------===//
//
// mlir-translate with Paddle's program format:
//   --import-paddle      ProgramDesc or PIR JSON (with its parameters when
//                        they sit next to it, as pd-export finds them)
//                        -> pd dialect
//   --export-paddle      pd dialect -> ProgramDesc bytes
//   --export-paddle-text pd dialect -> ProgramDesc in protobuf text format
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Paddle/ProgramExporter.h"
#include "pd/Dialect/PdOps.h"
#include "pd/Frontend/ModelLocation.h"
#include "pd/Frontend/PirImporter.h"
#include "pd/Frontend/ProgramImporter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/SourceMgr.h"

#include <google/protobuf/text_format.h>

using namespace mlir;

static OwningOpRef<Operation *> importPaddle(llvm::SourceMgr &sourceMgr,
                                             MLIRContext *context) {
  const llvm::MemoryBuffer *buffer =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  StringRef path = buffer->getBufferIdentifier();
  auto fail = [&](llvm::Error err) -> OwningOpRef<Operation *> {
    emitError(UnknownLoc::get(context)) << llvm::toString(std::move(err));
    return nullptr;
  };
  // A real file: find its parameters the way pd-export does.
  if (auto location = pd::locateModel(path, {})) {
    auto module = location->isPir ? pd::importPirModel(*context, *location)
                                  : pd::importPaddleModel(*context, *location);
    if (!module)
      return fail(module.takeError());
    return OwningOpRef<Operation *>(module->release());
  } else {
    llvm::consumeError(location.takeError());
  }
  auto program = pd::parseProgramDesc(buffer->getBuffer(), path);
  if (!program)
    return fail(program.takeError());
  auto module = pd::importProgram(*context, *program, path, {});
  if (!module)
    return fail(module.takeError());
  return OwningOpRef<Operation *>(module->release());
}

static LogicalResult exportPaddle(Operation *op, llvm::raw_ostream &os,
                                  bool asText) {
  auto module = dyn_cast<ModuleOp>(op);
  if (!module || module.getOps<func::FuncOp>().empty())
    return op->emitError("expected a module with a func.func");
  auto program =
      pd::exportProgram(module, *module.getOps<func::FuncOp>().begin());
  if (!program)
    return op->emitError(llvm::toString(program.takeError()));
  if (asText) {
    std::string text;
    google::protobuf::TextFormat::PrintToString(*program, &text);
    os << text;
    return success();
  }
  if (auto err = pd::writeProgram(*program, os))
    return op->emitError(llvm::toString(std::move(err)));
  return success();
}

static void registerDialects(DialectRegistry &registry) {
  registry.insert<pd::PdDialect, func::FuncDialect>();
}

int main(int argc, char **argv) {
  TranslateToMLIRRegistration importReg(
      "import-paddle", "Paddle ProgramDesc to the pd dialect", importPaddle,
      registerDialects);
  TranslateFromMLIRRegistration exportReg(
      "export-paddle", "pd dialect to a Paddle ProgramDesc",
      [](Operation *op, llvm::raw_ostream &os) {
        return exportPaddle(op, os, /*asText=*/false);
      },
      registerDialects);
  TranslateFromMLIRRegistration exportTextReg(
      "export-paddle-text",
      "pd dialect to a Paddle ProgramDesc in protobuf text format",
      [](Operation *op, llvm::raw_ostream &os) {
        return exportPaddle(op, os, /*asText=*/true);
      },
      registerDialects);
  return failed(mlirTranslateMain(argc, argv, "pd translation tool"));
}

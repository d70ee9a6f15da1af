//===- ParamsInfo.cpp - fuzz the .pdiparams.info reader ---------------------===//

#include "../Targets.h"

#include "pd/Dialect/PdOps.h"
#include "pd/Frontend/ParameterBinding.h"

#include "mlir/IR/Builders.h"

int pd::fuzz::paramsInfo(const uint8_t *data, size_t size) {
  auto buffer = std::shared_ptr<llvm::MemoryBuffer>(llvm::MemoryBuffer::getMemBuffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size),
      "fuzz.pdiparams.info", /*RequiresNullTerminator=*/false));
  auto doc = pickle::parse(buffer, "fuzz.pdiparams.info");
  if (!doc) {
    llvm::consumeError(doc.takeError());
    return 0;
  }
  // A module with the parameters jit.save's Linear layer has.
  mlir::MLIRContext &ctx = context();
  mlir::OpBuilder b(&ctx);
  auto module = mlir::OwningOpRef<mlir::ModuleOp>(
      mlir::ModuleOp::create(b.getUnknownLoc()));
  b.setInsertionPointToStart(module->getBody());
  for (const char *name : {"linear_0.w_0", "linear_0.b_0"})
    b.create<ParameterOp>(b.getUnknownLoc(), name,
                          mlir::RankedTensorType::get({2}, b.getF32Type()),
                          nullptr, nullptr, nullptr, nullptr, nullptr);
  llvm::consumeError(applyParamsInfo(*module, *doc, "fuzz.pdiparams.info"));
  return 0;
}

//===- Pickle.cpp - fuzz the unpickler and the state-dict reader ------------===//

#include "../Targets.h"

#include "pd/Frontend/StateDict.h"

int pd::fuzz::pickle(const uint8_t *data, size_t size) {
  auto buffer = std::shared_ptr<llvm::MemoryBuffer>(llvm::MemoryBuffer::getMemBuffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.pdparams",
      /*RequiresNullTerminator=*/false));
  auto doc = pickle::parse(buffer, "fuzz.pdparams");
  if (!doc) {
    llvm::consumeError(doc.takeError());
    return 0;
  }
  auto dict = interpretStateDict(*doc, "fuzz.pdparams");
  if (!dict)
    llvm::consumeError(dict.takeError());
  return 0;
}

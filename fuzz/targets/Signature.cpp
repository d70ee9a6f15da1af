//===- Signature.cpp - fuzz the runtime's signature reader ------------------===//

#include "../Targets.h"

#include "pd/Runtime/Signature.h"

int pd::fuzz::signature(const uint8_t *data, size_t size) {
  runtime::Signature signature;
  std::string error;
  runtime::parseSignature(std::string(reinterpret_cast<const char *>(data), size),
                          signature, error);
  return 0;
}

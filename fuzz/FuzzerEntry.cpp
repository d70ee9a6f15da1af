//===- FuzzerEntry.cpp - one target as libFuzzer's entry point --------------===//
//
// Compiled once per target with PD_FUZZ_FUNCTION naming it.
//
//===----------------------------------------------------------------------===//

#include "Targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return pd::fuzz::PD_FUZZ_FUNCTION(data, size);
}

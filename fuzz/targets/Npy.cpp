//===- Npy.cpp - fuzz pd-run's .npy reader ----------------------------------===//

#include "../Targets.h"

#include "../../tools/pd-run/Npy.h"

int pd::fuzz::npy(const uint8_t *data, size_t size) {
  npy::Array array;
  std::string error;
  npy::parse(reinterpret_cast<const char *>(data), size, array, error);
  return 0;
}

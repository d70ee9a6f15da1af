//===- Targets.h - pd's fuzz targets ----------------------------*- C++ -*-===//
//
// One function per reader of untrusted bytes. Each takes any input: it may
// refuse it with an error, never crash, hang or take unbounded memory. The
// fuzzer build wraps one of them as LLVMFuzzerTestOneInput (FuzzerEntry.cpp);
// the ordinary build links them all into pd-fuzz-replay, which feeds them the
// regression corpus and the seeds (ReplayMain.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef PD_FUZZ_TARGETS_H
#define PD_FUZZ_TARGETS_H

#include <cstddef>
#include <cstdint>

namespace mlir {
class MLIRContext;
}

namespace pd::fuzz {

/// A ProgramDesc: parsed, imported, verified, and exported again.
int programDesc(const uint8_t *data, size_t size);
/// A combined parameter file: tensor records back to back.
int tensorRecords(const uint8_t *data, size_t size);
/// A paddle.save pickle, read as a state dict.
int pickle(const uint8_t *data, size_t size);
/// A `.pdiparams.info` pickle, applied to a module's parameters.
int paramsInfo(const uint8_t *data, size_t size);
/// A PIR JSON program: imported, raised to ProgramDesc ops, written back.
int pirJson(const uint8_t *data, size_t size);
/// A `.npy` array, as pd-run reads its inputs.
int npy(const uint8_t *data, size_t size);
/// An artifact's embedded signature, as the runtime reads it.
int signature(const uint8_t *data, size_t size);

/// The context the MLIR targets share, with pd's dialects loaded and
/// diagnostics swallowed. It is made anew every few thousand inputs, so
/// that the attributes and types it uniques cannot grow without bound.
mlir::MLIRContext &context();

} // namespace pd::fuzz

#endif // PD_FUZZ_TARGETS_H

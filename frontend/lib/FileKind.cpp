//===- FileKind.cpp - what a file that is not a program is ------------------===//

#include "pd/Frontend/FileKind.h"

#include "pd/Frontend/Pickle.h"
#include "pd/Runtime/TensorRecord.h"
#include "pd/Runtime/Varint.h"

#include "llvm/Support/ConvertUTF.h"

using llvm::StringRef;

/// An ONNX ModelProto: top-level protobuf fields that parse, the first an
/// ir_version varint (field 1), one of them a graph (field 7).
static bool looksLikeOnnx(StringRef bytes) {
  const auto *p = reinterpret_cast<const uint8_t *>(bytes.data());
  const uint8_t *end = p + bytes.size();
  if (bytes.empty() || uint8_t(bytes[0]) != 0x08)
    return false;
  bool graph = false;
  while (p < end) {
    uint64_t key, value;
    if (!pd::runtime::readVarint(p, end, key))
      return false;
    switch (key & 7) {
    case 0:
      if (!pd::runtime::readVarint(p, end, value))
        return false;
      break;
    case 2:
      if (!pd::runtime::readVarint(p, end, value) || value > uint64_t(end - p))
        return false;
      p += value;
      graph |= (key >> 3) == 7;
      break;
    default:
      return false;
    }
  }
  return graph;
}

std::string pd::describeNonProgram(StringRef bytes) {
  if (bytes.starts_with("\x7f"
                        "ELF"))
    return "an ELF shared library, not a Paddle program (a pd artifact runs "
           "with pd-run)";
  if (bytes.starts_with("PK\x03\x04"))
    return "a zip archive, not a Paddle program (unpack it first)";
  if (bytes.starts_with("\x93NUMPY"))
    return "a numpy .npy array, not a Paddle program";
  if (pickle::looksLikePickle(bytes))
    return "a paddle.save pickle (a state dict?), not a program: bind it with "
           "--params, or inspect it with --describe";
  if (StringRef(bytes).ltrim().starts_with("{"))
    return "a JSON file, not a ProgramDesc (a Paddle 3 PIR program is read "
           "as PREFIX.json)";
  if (looksLikeOnnx(bytes))
    return "an ONNX model, not a Paddle program (pd reads what Paddle saves)";
  // A tensor record: u32 version 0, u64 LoD levels, ..., a TensorDesc.
  runtime::TensorRecordView record;
  std::string error;
  if (runtime::parseTensorRecord(reinterpret_cast<const uint8_t *>(bytes.data()),
                                 bytes.size(), 0, record, error))
    return "a Paddle parameter file (tensor records, as in .pdiparams), not "
           "a program: give the .pdmodel, or the model's prefix";
  return "";
}

bool pd::looksBinary(StringRef bytes) {
  if (bytes.contains('\0'))
    return true;
  const auto *p = reinterpret_cast<const llvm::UTF8 *>(bytes.data());
  // A cut in the middle of a character at the end is fine.
  size_t n = bytes.size();
  while (n > 0 && n > bytes.size() - 4 && (uint8_t(bytes[n - 1]) & 0xC0) == 0x80)
    --n;
  if (n > 0 && uint8_t(bytes[n - 1]) >= 0xC0)
    --n;
  return !llvm::isLegalUTF8String(&p, p + n);
}

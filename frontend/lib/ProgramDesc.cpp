//===- ProgramDesc.cpp - reading Paddle's ProgramDesc -----------------------===//
//
// Protobuf's own parser only says "failed"; before handing the bytes to it we
// walk the wire format against the schema so that damage is reported with the
// byte offset and the field path where it starts.
//
//===----------------------------------------------------------------------===//

#include "pd/Frontend/ProgramDesc.h"
#include "pd/Frontend/FileKind.h"
#include "pd/Runtime/Varint.h"

#include "llvm/Support/FormatVariadic.h"

#include <google/protobuf/descriptor.h>

using namespace llvm;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using pd::runtime::readVarint;

Error pd::makeFileError(StringRef fileName, const Twine &message) {
  return createStringError(inconvertibleErrorCode(),
                           fileName + ": " + message);
}

namespace {

struct WireError {
  size_t offset;
  std::string what;
};

/// The wire type a schema field is written with (unpacked).
int expectedWireType(const FieldDescriptor *field) {
  switch (field->type()) {
  case FieldDescriptor::TYPE_DOUBLE:
  case FieldDescriptor::TYPE_FIXED64:
  case FieldDescriptor::TYPE_SFIXED64:
    return 1;
  case FieldDescriptor::TYPE_FLOAT:
  case FieldDescriptor::TYPE_FIXED32:
  case FieldDescriptor::TYPE_SFIXED32:
    return 5;
  case FieldDescriptor::TYPE_STRING:
  case FieldDescriptor::TYPE_BYTES:
  case FieldDescriptor::TYPE_MESSAGE:
    return 2;
  default:
    return 0;
  }
}

/// Walks one message's wire bytes against `type`. Recursion only follows
/// schema message fields, so its depth is bounded by the schema.
std::optional<WireError> checkWire(const Descriptor *type, const uint8_t *begin,
                                   const uint8_t *p, const uint8_t *end,
                                   const std::string &path) {
  while (p < end) {
    size_t fieldAt = p - begin;
    uint64_t key;
    if (!readVarint(p, end, key))
      return WireError{fieldAt, "malformed field key in " + path};
    int wire = key & 7;
    uint64_t number = key >> 3;
    const FieldDescriptor *field =
        number <= INT32_MAX ? type->FindFieldByNumber(int(number)) : nullptr;
    std::string fieldPath =
        path + "." + (field ? field->name() : "#" + std::to_string(number));
    if (number == 0)
      return WireError{fieldAt, "invalid field number 0 in " + path};
    if (field && wire != expectedWireType(field) &&
        !(wire == 2 && field->is_repeated() && field->is_packable()))
      return WireError{fieldAt, formatv("field {0} has wire type {1}, "
                                        "expected {2}",
                                        fieldPath, wire,
                                        expectedWireType(field))};
    switch (wire) {
    case 0: {
      uint64_t value;
      if (!readVarint(p, end, value))
        return WireError{fieldAt, "truncated varint in " + fieldPath};
      // proto2 would silently move an unknown enum value (a data type from
      // the future, or damage) to the unknown fields; name it instead.
      if (field && field->type() == FieldDescriptor::TYPE_ENUM &&
          !field->enum_type()->FindValueByNumber(int(value)))
        return WireError{
            fieldAt, formatv("unknown {0} value {1} in {2}",
                             StringRef(field->enum_type()->full_name())
                                 .rsplit("proto.")
                                 .second,
                             int64_t(value), fieldPath)};
      break;
    }
    case 1:
      if (end - p < 8)
        return WireError{fieldAt, "truncated 8-byte value in " + fieldPath};
      p += 8;
      break;
    case 5:
      if (end - p < 4)
        return WireError{fieldAt, "truncated 4-byte value in " + fieldPath};
      p += 4;
      break;
    case 2: {
      uint64_t length;
      if (!readVarint(p, end, length))
        return WireError{fieldAt, "truncated length of " + fieldPath};
      if (length > uint64_t(end - p))
        return WireError{fieldAt, formatv("length {0} of {1} runs past the "
                                          "end ({2} bytes left)",
                                          length, fieldPath, end - p)};
      if (field && field->type() == FieldDescriptor::TYPE_MESSAGE)
        if (auto error = checkWire(field->message_type(), begin, p,
                                   p + length, fieldPath))
          return error;
      p += length;
      break;
    }
    default:
      return WireError{fieldAt, formatv("unsupported wire type {0} in {1}",
                                        wire, fieldPath)};
    }
  }
  return std::nullopt;
}

} // namespace

Expected<pd::proto::ProgramDesc>
pd::parseProgramDesc(StringRef bytes, StringRef fileName) {
  if (bytes.empty())
    return makeFileError(fileName, "empty file, not a Paddle program");
  // A ProgramDesc starts with its first block (field 1, length-delimited).
  if (uint8_t(bytes[0]) != 0x0a)
    if (std::string kind = describeNonProgram(bytes); !kind.empty())
      return makeFileError(fileName, kind);
  const auto *begin = reinterpret_cast<const uint8_t *>(bytes.data());
  if (auto error = checkWire(proto::ProgramDesc::descriptor(), begin, begin,
                             begin + bytes.size(), "ProgramDesc"))
    return makeFileError(fileName, formatv("at byte {0}: {1}", error->offset,
                                           error->what));
  proto::ProgramDesc program;
  if (!program.ParsePartialFromArray(bytes.data(), int(bytes.size())))
    return makeFileError(fileName, "not a Paddle ProgramDesc");
  if (!program.IsInitialized())
    return makeFileError(fileName, "missing required field " +
                                       program.InitializationErrorString());
  if (program.blocks_size() == 0)
    return makeFileError(fileName, "the program has no blocks");
  return program;
}

//===- UnknownFields.h - ProgramDesc fields this schema lacks ---*- C++ -*-===//
//
// Paddle's schema changed over the years: a Paddle 1.5-1.8 program carries
// `op_compatible_map` (ProgramDesc field 3, now reserved), and a newer
// Paddle may add fields. Protobuf keeps such fields as unknown fields of the
// message they are in; pd records them per message, by a path from the
// entity the IR keeps them with (a program, block, variable or op), and
// writes them back where they were: Paddle writes every message's fields in
// field-number order, so an unknown field goes before the first known field
// with a higher number.
//
//===----------------------------------------------------------------------===//
#ifndef PD_FRONTEND_UNKNOWNFIELDS_H
#define PD_FRONTEND_UNKNOWNFIELDS_H

#include <google/protobuf/message.h>

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <utility>
#include <vector>

namespace pd {

/// The serialized unknown fields of one message, and where that message is
/// below the entity: "" for the entity itself, else field names joined by
/// '.', a repeated field's element with its index ("type.lod_tensor.tensor",
/// "attrs[2]").
struct UnknownFields {
  std::string path;
  std::string bytes;
};

/// The unknown fields of `message` and of every message below it, except
/// below the fields named in `entityFields` (kept with entities of their own:
/// a program's blocks, a block's vars and ops).
std::vector<UnknownFields>
collectUnknownFields(const google::protobuf::Message &message,
                     llvm::ArrayRef<llvm::StringRef> entityFields = {});

/// Puts recorded unknown fields back into the messages their paths name.
/// A path that names nothing here (a pass removed the element) is skipped.
void restoreUnknownFields(google::protobuf::Message &message,
                          llvm::ArrayRef<UnknownFields> fields);

/// Serialized `type` bytes, with every message's fields stably sorted by
/// field number: protobuf writes unknown fields last, Paddle wrote them in
/// number order. Expects bytes protobuf wrote.
std::string orderFieldsByNumber(llvm::StringRef bytes,
                                const google::protobuf::Descriptor *type);

} // namespace pd

#endif // PD_FRONTEND_UNKNOWNFIELDS_H

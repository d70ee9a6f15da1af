//===- UnknownFields.cpp - ProgramDesc fields this schema lacks -------------===//

#include "pd/Frontend/UnknownFields.h"
#include "pd/Runtime/Varint.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/unknown_field_set.h>

#include <algorithm>

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::UnknownFieldSet;
using llvm::StringRef;

static void collect(const Message &message, const std::string &path,
                    llvm::ArrayRef<StringRef> entityFields,
                    std::vector<pd::UnknownFields> &out) {
  const Reflection *reflection = message.GetReflection();
  const UnknownFieldSet &unknown = reflection->GetUnknownFields(message);
  if (!unknown.empty()) {
    std::string bytes;
    unknown.SerializeToString(&bytes);
    out.push_back({path, std::move(bytes)});
  }
  std::vector<const FieldDescriptor *> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor *field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        llvm::is_contained(entityFields, StringRef(field->name())))
      continue;
    std::string prefix = path.empty() ? field->name() : path + "." + field->name();
    if (!field->is_repeated()) {
      collect(reflection->GetMessage(message, field), prefix, {}, out);
      continue;
    }
    for (int i = 0, e = reflection->FieldSize(message, field); i < e; ++i)
      collect(reflection->GetRepeatedMessage(message, field, i),
              prefix + "[" + std::to_string(i) + "]", {}, out);
  }
}

std::vector<pd::UnknownFields>
pd::collectUnknownFields(const Message &message,
                         llvm::ArrayRef<StringRef> entityFields) {
  std::vector<UnknownFields> out;
  collect(message, "", entityFields, out);
  return out;
}

/// The message `path` names below `message`, or null.
static Message *resolve(Message &message, StringRef path) {
  Message *at = &message;
  while (!path.empty()) {
    auto [step, rest] = path.split('.');
    path = rest;
    auto [name, index] = step.split('[');
    const FieldDescriptor *field = at->GetDescriptor()->FindFieldByName(name.str());
    if (!field || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE)
      return nullptr;
    const Reflection *reflection = at->GetReflection();
    if (!field->is_repeated()) {
      if (!index.empty())
        return nullptr;
      at = reflection->MutableMessage(at, field);
      continue;
    }
    unsigned i;
    if (!index.consume_back("]") || index.getAsInteger(10, i) ||
        int(i) >= reflection->FieldSize(*at, field))
      return nullptr;
    at = reflection->MutableRepeatedMessage(at, field, int(i));
  }
  return at;
}

void pd::restoreUnknownFields(Message &message,
                              llvm::ArrayRef<UnknownFields> fields) {
  for (const UnknownFields &f : fields) {
    Message *target = resolve(message, f.path);
    if (!target)
      continue;
    UnknownFieldSet parsed;
    if (parsed.ParseFromArray(f.bytes.data(), int(f.bytes.size())))
      target->GetReflection()->MutableUnknownFields(target)->MergeFrom(parsed);
  }
}

std::string pd::orderFieldsByNumber(StringRef bytes, const Descriptor *type) {
  struct Field {
    uint64_t number;
    std::string bytes;
  };
  std::vector<Field> fields;
  const auto *begin = reinterpret_cast<const uint8_t *>(bytes.data());
  const uint8_t *p = begin, *end = begin + bytes.size();
  while (p < end) {
    const uint8_t *start = p;
    uint64_t key = 0, length = 0;
    if (!runtime::readVarint(p, end, key))
      break;
    int wire = int(key & 7);
    const uint8_t *payload = p;
    switch (wire) {
    case 0:
      runtime::readVarint(p, end, length);
      break;
    case 1: p += std::min<ptrdiff_t>(8, end - p); break;
    case 5: p += std::min<ptrdiff_t>(4, end - p); break;
    case 2:
      runtime::readVarint(p, end, length);
      payload = p;
      p += std::min<uint64_t>(length, uint64_t(end - p));
      break;
    default: // groups: protobuf never writes them for this schema
      p = end;
      break;
    }
    const FieldDescriptor *field =
        type ? type->FindFieldByNumber(int(key >> 3)) : nullptr;
    Field out{key >> 3, std::string(reinterpret_cast<const char *>(start),
                                    p - start)};
    if (wire == 2 && field &&
        field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      // Same length, so the key and length bytes stay as they are.
      std::string inner = orderFieldsByNumber(
          StringRef(reinterpret_cast<const char *>(payload), p - payload),
          field->message_type());
      out.bytes.replace(payload - start, inner.size(), inner);
    }
    fields.push_back(std::move(out));
  }
  std::stable_sort(fields.begin(), fields.end(),
                   [](const Field &a, const Field &b) { return a.number < b.number; });
  std::string result;
  result.reserve(bytes.size());
  for (const Field &f : fields)
    result += f.bytes;
  return result;
}

//===- Json.cpp - a small JSON reader for artifact signatures -------------===//

#include "pd/Runtime/Json.h"

#include <cstdlib>

using namespace pd::runtime;

const JsonValue *JsonValue::get(const std::string &key) const {
  for (const auto &[name, value] : object)
    if (name == key)
      return &value;
  return nullptr;
}

namespace {

class Parser {
public:
  explicit Parser(const std::string &text) : text(text) {}

  bool parse(JsonValue &out, std::string &error) {
    if (!value(out, 0) || (skipSpace(), pos != text.size())) {
      error = "malformed JSON at offset " + std::to_string(pos);
      return false;
    }
    return true;
  }

private:
  static constexpr int kMaxDepth = 64;

  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' ||
                                 text[pos] == '\t' || text[pos] == '\r'))
      ++pos;
  }
  bool literal(const char *word) {
    std::string w(word);
    if (text.compare(pos, w.size(), w) != 0)
      return false;
    pos += w.size();
    return true;
  }
  bool str(std::string &out) {
    if (pos >= text.size() || text[pos] != '"')
      return false;
    for (++pos; pos < text.size(); ++pos) {
      char c = text[pos];
      if (c == '"') {
        ++pos;
        return true;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (++pos >= text.size())
        return false;
      switch (text[pos]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        if (pos + 4 >= text.size())
          return false;
        unsigned code = std::strtoul(text.substr(pos + 1, 4).c_str(), nullptr, 16);
        pos += 4;
        if (code < 0x80) {
          out += char(code);
        } else if (code < 0x800) {
          out += char(0xC0 | (code >> 6));
          out += char(0x80 | (code & 0x3F));
        } else {
          out += char(0xE0 | (code >> 12));
          out += char(0x80 | ((code >> 6) & 0x3F));
          out += char(0x80 | (code & 0x3F));
        }
        break;
      }
      default: return false;
      }
    }
    return false;
  }
  bool value(JsonValue &out, int depth) {
    if (depth > kMaxDepth)
      return false;
    skipSpace();
    if (pos >= text.size())
      return false;
    char c = text[pos];
    if (c == '{') {
      out.kind = JsonValue::Kind::Object;
      ++pos;
      skipSpace();
      if (pos < text.size() && text[pos] == '}')
        return ++pos, true;
      while (true) {
        skipSpace();
        std::string key;
        JsonValue member;
        if (!str(key))
          return false;
        skipSpace();
        if (pos >= text.size() || text[pos++] != ':' || !value(member, depth + 1))
          return false;
        out.object.emplace_back(std::move(key), std::move(member));
        skipSpace();
        if (pos < text.size() && text[pos] == ',') {
          ++pos;
          continue;
        }
        return pos < text.size() && text[pos++] == '}';
      }
    }
    if (c == '[') {
      out.kind = JsonValue::Kind::Array;
      ++pos;
      skipSpace();
      if (pos < text.size() && text[pos] == ']')
        return ++pos, true;
      while (true) {
        JsonValue item;
        if (!value(item, depth + 1))
          return false;
        out.array.push_back(std::move(item));
        skipSpace();
        if (pos < text.size() && text[pos] == ',') {
          ++pos;
          continue;
        }
        return pos < text.size() && text[pos++] == ']';
      }
    }
    if (c == '"') {
      out.kind = JsonValue::Kind::String;
      return str(out.string);
    }
    if (literal("true")) {
      out.kind = JsonValue::Kind::Bool;
      out.boolean = true;
      return true;
    }
    if (literal("false")) {
      out.kind = JsonValue::Kind::Bool;
      return true;
    }
    if (literal("null"))
      return true;
    const char *begin = text.c_str() + pos;
    char *end = nullptr;
    out.number = std::strtod(begin, &end);
    if (end == begin)
      return false;
    out.kind = JsonValue::Kind::Number;
    pos += end - begin;
    return true;
  }

  const std::string &text;
  size_t pos = 0;
};

} // namespace

bool pd::runtime::parseJson(const std::string &text, JsonValue &out,
                            std::string &error) {
  return Parser(text).parse(out, error);
}

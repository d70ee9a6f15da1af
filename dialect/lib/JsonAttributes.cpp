//===- JsonAttributes.cpp - JSON values as MLIR attributes ------------------===//
//
// The parser is recursive descent with a depth bound, so a hostile file
// cannot exhaust the stack. The printer follows nlohmann::json's dump(),
// which Paddle writes PIR programs with (FORMATS.md §10): compact, keys in
// std::map order, and its float notation.
//
//===----------------------------------------------------------------------===//

#include "pd/Dialect/JsonAttributes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FormatVariadic.h"

#include <charconv>
#include <cmath>

using namespace mlir;
using llvm::Error;
using llvm::Expected;

namespace {

class JsonParser {
public:
  JsonParser(MLIRContext *ctx, StringRef text, unsigned maxDepth)
      : b(ctx), text(text), maxDepth(maxDepth) {}

  Expected<Attribute> run() {
    skipSpace();
    auto value = parseValue(0);
    if (!value)
      return value.takeError();
    skipSpace();
    if (pos != text.size())
      return fail("text after the JSON value");
    return value;
  }

private:
  Error fail(const llvm::Twine &what) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < pos && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        llvm::formatv("[{0}:{1}, byte={2}]: ", line, column, pos) + what);
  }
  bool atEnd() const { return pos >= text.size(); }
  char peek() const { return atEnd() ? '\0' : text[pos]; }
  void skipSpace() {
    while (!atEnd() && (text[pos] == ' ' || text[pos] == '\t' ||
                        text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  bool consume(StringRef word) {
    if (!text.substr(pos).starts_with(word))
      return false;
    pos += word.size();
    return true;
  }

  Expected<Attribute> parseValue(unsigned depth) {
    switch (peek()) {
    case '{':
    case '[':
      if (depth >= maxDepth)
        return fail(llvm::formatv("arrays and objects nest deeper than {0}",
                                  maxDepth));
      return peek() == '{' ? parseObject(depth + 1) : parseArray(depth + 1);
    case '"': {
      auto s = parseString();
      if (!s)
        return s.takeError();
      return Attribute(b.getStringAttr(*s));
    }
    case 't':
      if (consume("true"))
        return Attribute(b.getBoolAttr(true));
      break;
    case 'f':
      if (consume("false"))
        return Attribute(b.getBoolAttr(false));
      break;
    case 'n':
      if (consume("null"))
        return Attribute(b.getUnitAttr());
      break;
    default:
      if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
        return parseNumber();
      break;
    }
    return fail(atEnd() ? "unexpected end of the text" : "expected a value");
  }

  Expected<Attribute> parseObject(unsigned depth) {
    ++pos; // '{'
    SmallVector<NamedAttribute> fields;
    skipSpace();
    if (peek() == '}') {
      ++pos;
      return Attribute(b.getDictionaryAttr({}));
    }
    while (true) {
      skipSpace();
      if (peek() != '"')
        return fail("expected a key (a string)");
      size_t keyAt = pos;
      auto key = parseString();
      if (!key)
        return key.takeError();
      skipSpace();
      if (peek() != ':')
        return fail("expected ':' after a key");
      ++pos;
      skipSpace();
      auto value = parseValue(depth);
      if (!value)
        return value.takeError();
      fields.push_back(b.getNamedAttr(*key, *value));
      fieldStarts.push_back(keyAt);
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() == '}') {
        ++pos;
        break;
      }
      return fail("expected ',' or '}' after an object member");
    }
    // Dictionaries sort their keys; a key given twice has no one value.
    SmallVector<unsigned> order(fields.size());
    for (unsigned i = 0; i < order.size(); ++i)
      order[i] = i;
    llvm::stable_sort(order, [&](unsigned x, unsigned y) {
      return fields[x].getName().getValue() < fields[y].getName().getValue();
    });
    SmallVector<NamedAttribute> sorted;
    for (unsigned i : order) {
      if (!sorted.empty() && sorted.back().getName() == fields[i].getName()) {
        pos = fieldStarts[fieldStarts.size() - fields.size() + i];
        return fail("duplicate key '" + fields[i].getName().getValue() + "'");
      }
      sorted.push_back(fields[i]);
    }
    fieldStarts.resize(fieldStarts.size() - fields.size());
    return Attribute(DictionaryAttr::getWithSorted(b.getContext(), sorted));
  }

  Expected<Attribute> parseArray(unsigned depth) {
    ++pos; // '['
    SmallVector<Attribute> items;
    skipSpace();
    if (peek() == ']') {
      ++pos;
      return Attribute(b.getArrayAttr({}));
    }
    while (true) {
      skipSpace();
      auto value = parseValue(depth);
      if (!value)
        return value.takeError();
      items.push_back(*value);
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() == ']') {
        ++pos;
        break;
      }
      return fail("expected ',' or ']' after an array element");
    }
    return Attribute(b.getArrayAttr(items));
  }

  /// Four hex digits of a \u escape.
  std::optional<uint32_t> hex4() {
    if (text.size() - pos < 4)
      return std::nullopt;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text[pos + i];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else return std::nullopt;
    }
    pos += 4;
    return v;
  }

  Expected<std::string> parseString() {
    ++pos; // '"'
    std::string out;
    size_t runStart = pos;
    auto flushRun = [&] { out.append(text.data() + runStart, pos - runStart); };
    while (true) {
      if (atEnd())
        return fail("unterminated string");
      unsigned char c = text[pos];
      if (c == '"') {
        flushRun();
        ++pos;
        break;
      }
      if (c < 0x20)
        return fail("control character in a string");
      if (c != '\\') {
        ++pos;
        continue;
      }
      flushRun();
      ++pos;
      char e = peek();
      ++pos;
      switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        std::optional<uint32_t> cp = hex4();
        if (!cp)
          return fail("malformed \\u escape");
        if (*cp >= 0xDC00 && *cp <= 0xDFFF)
          return fail("lone low surrogate in a \\u escape");
        if (*cp >= 0xD800 && *cp <= 0xDBFF) {
          std::optional<uint32_t> low =
              consume("\\u") ? hex4() : std::optional<uint32_t>();
          if (!low || *low < 0xDC00 || *low > 0xDFFF)
            return fail("high surrogate without a low one in a \\u escape");
          *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
        }
        char utf8[4];
        char *end = utf8;
        llvm::ConvertCodePointToUTF8(*cp, end);
        out.append(utf8, end);
        break;
      }
      default:
        --pos;
        return fail("unknown escape in a string");
      }
      runStart = pos;
    }
    const auto *utf8 = reinterpret_cast<const llvm::UTF8 *>(out.data());
    if (!llvm::isLegalUTF8String(&utf8, utf8 + out.size()))
      return fail("a string is not valid UTF-8");
    return out;
  }

  Expected<Attribute> parseNumber() {
    size_t start = pos;
    if (peek() == '-')
      ++pos;
    auto digits = [&] {
      size_t from = pos;
      while (peek() >= '0' && peek() <= '9')
        ++pos;
      return pos - from;
    };
    if (peek() == '0')
      ++pos;
    else if (!digits())
      return fail("malformed number");
    bool isFloat = false;
    if (peek() == '.') {
      ++pos;
      isFloat = true;
      if (!digits())
        return fail("malformed number (no digits after '.')");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos;
      isFloat = true;
      if (peek() == '+' || peek() == '-')
        ++pos;
      if (!digits())
        return fail("malformed number (no exponent digits)");
    }
    StringRef lexeme = text.slice(start, pos);
    if (!isFloat) {
      int64_t i;
      if (!lexeme.getAsInteger(10, i))
        return Attribute(b.getI64IntegerAttr(i));
      uint64_t u;
      if (!lexeme.getAsInteger(10, u))
        return Attribute(
            b.getIntegerAttr(b.getIntegerType(64, /*isSigned=*/false),
                             llvm::APInt(64, u)));
    }
    // Too large for 64 bits, or written with a fraction or exponent.
    double d = 0;
    auto [end, ec] = std::from_chars(lexeme.begin(), lexeme.end(), d);
    if (ec == std::errc::result_out_of_range)
      d = lexeme.starts_with("-") ? -HUGE_VAL : HUGE_VAL;
    else if (ec != std::errc() || end != lexeme.end())
      return fail("malformed number");
    return Attribute(b.getF64FloatAttr(d));
  }

  Builder b;
  StringRef text;
  unsigned maxDepth;
  size_t pos = 0;
  /// Where each pending object member's key starts, for duplicate errors.
  SmallVector<size_t> fieldStarts;
};

/// nlohmann's notation for a finite double: the shortest digits that read
/// back as `value`, as `123.0`, `1.5`, `0.001` or `1e-05`.
void printDouble(double value, llvm::raw_ostream &os) {
  if (!std::isfinite(value)) { // nlohmann writes null
    os << "null";
    return;
  }
  if (value == 0) {
    os << (std::signbit(value) ? "-0.0" : "0.0");
    return;
  }
  if (value < 0) {
    os << '-';
    value = -value;
  }
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                              std::chars_format::scientific);
  StringRef scientific(buffer, result.ptr - buffer);
  auto [mantissa, exponentText] = scientific.split('e');
  std::string digits = mantissa.str();
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  int exponent = 0;
  exponentText.consume_front("+");
  (void)exponentText.getAsInteger(10, exponent);
  // value = 0.d1d2...dk * 10^n
  int k = int(digits.size());
  int n = exponent + 1;
  constexpr int kMinExp = -4, kMaxExp = 15;
  if (k <= n && n <= kMaxExp) {
    os << digits << std::string(n - k, '0') << ".0";
  } else if (0 < n && n <= kMaxExp) {
    os << StringRef(digits).take_front(n) << '.'
       << StringRef(digits).drop_front(n);
  } else if (kMinExp < n && n <= 0) {
    os << "0." << std::string(-n, '0') << digits;
  } else {
    os << digits[0];
    if (k > 1)
      os << '.' << StringRef(digits).drop_front(1);
    int e = n - 1;
    os << 'e' << (e < 0 ? '-' : '+');
    e = std::abs(e);
    if (e < 10)
      os << '0';
    os << e;
  }
}

void printString(StringRef s, llvm::raw_ostream &os) {
  os << '"';
  for (unsigned char c : s) {
    switch (c) {
    case '"': os << "\\\""; break;
    case '\\': os << "\\\\"; break;
    case '\b': os << "\\b"; break;
    case '\f': os << "\\f"; break;
    case '\n': os << "\\n"; break;
    case '\r': os << "\\r"; break;
    case '\t': os << "\\t"; break;
    default:
      if (c < 0x20)
        os << llvm::formatv("\\u{0:x-4}", unsigned(c));
      else
        os << char(c);
    }
  }
  os << '"';
}

Error printValue(Attribute attr, llvm::raw_ostream &os) {
  if (isa<UnitAttr>(attr)) {
    os << "null";
  } else if (auto flag = dyn_cast<BoolAttr>(attr)) {
    os << (flag.getValue() ? "true" : "false");
  } else if (auto i = dyn_cast<IntegerAttr>(attr)) {
    if (i.getType().isUnsignedInteger())
      os << i.getValue().getZExtValue();
    else
      os << i.getValue().getSExtValue();
  } else if (auto f = dyn_cast<FloatAttr>(attr)) {
    printDouble(f.getValueAsDouble(), os);
  } else if (auto s = dyn_cast<StringAttr>(attr)) {
    printString(s.getValue(), os);
  } else if (auto array = dyn_cast<ArrayAttr>(attr)) {
    os << '[';
    for (auto [i, item] : llvm::enumerate(array)) {
      if (i)
        os << ',';
      if (Error err = printValue(item, os))
        return err;
    }
    os << ']';
  } else if (auto dict = dyn_cast<DictionaryAttr>(attr)) {
    os << '{';
    for (auto [i, field] : llvm::enumerate(dict)) {
      if (i)
        os << ',';
      printString(field.getName().getValue(), os);
      os << ':';
      if (Error err = printValue(field.getValue(), os))
        return err;
    }
    os << '}';
  } else {
    std::string text;
    llvm::raw_string_ostream(text) << attr;
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "attribute " + text + " is not JSON");
  }
  return Error::success();
}

} // namespace

Expected<Attribute> pd::parseJsonAttribute(MLIRContext *context,
                                           StringRef text, unsigned maxDepth) {
  return JsonParser(context, text, maxDepth).run();
}

Error pd::printJsonAttribute(Attribute attr, llvm::raw_ostream &os) {
  return printValue(attr, os);
}

std::optional<int64_t> pd::jsonInteger(Attribute attr) {
  auto i = dyn_cast_if_present<IntegerAttr>(attr);
  if (!i || isa<BoolAttr>(attr) || !i.getType().isSignlessInteger(64))
    return std::nullopt;
  return i.getInt();
}

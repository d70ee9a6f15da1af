//===- Pickle.cpp - a safe reader for the pickles Paddle writes -------------===//
//
// The opcodes and their encodings follow CPython's pickle.py / pickletools;
// FORMATS.md 5.4-5.5 lists what Paddle's files use. Globals are resolved to a
// closed set of constructors, applied by REDUCE with the argument shapes
// Paddle writes, and by BUILD for array and dtype state.
//
//===----------------------------------------------------------------------===//

#include "pd/Frontend/Pickle.h"

#include "pd/Frontend/ParameterFile.h"
#include "pd/Frontend/ProgramDesc.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstring>

using namespace llvm;
using namespace pd::pickle;
using Kind = Value::Kind;

ValuePtr Value::lookup(StringRef key) const {
  for (const auto &[k, v] : entries)
    if (k->is(Kind::Str) && k->text == key)
      return v;
  return nullptr;
}

bool pd::pickle::looksLikePickle(StringRef bytes) {
  if (bytes.size() < 2)
    return false;
  uint8_t first = bytes[0];
  if (first == 0x80)
    return uint8_t(bytes[1]) <= 5;
  return first == '(' || first == '}' || first == ']' || first == ')';
}

namespace {

/// The globals a Paddle pickle may name, each a constructor REDUCE applies.
enum class Global {
  Reconstruct, // numpy.core.multiarray._reconstruct
  NdArray,     // numpy.ndarray (argument of _reconstruct)
  DType,       // numpy.dtype
  Scalar,      // numpy.core.multiarray.scalar
  FromBuffer,  // numpy.core.numeric._frombuffer (protocol 5)
  Encode,      // _codecs.encode (protocol 2 bytes)
  Tuple,       // builtins.tuple (paddle.Tensor reduce)
  Bytes,       // builtins.bytes
  Eval,        // builtins.eval, only eval('data', {'data': x})
  OrderedDict, // collections.OrderedDict
};

std::optional<Global> lookupGlobal(StringRef module, StringRef name) {
  // numpy 2 renamed numpy.core to numpy._core; both spellings occur.
  if (module == "numpy.core.multiarray" || module == "numpy._core.multiarray") {
    if (name == "_reconstruct") return Global::Reconstruct;
    if (name == "scalar") return Global::Scalar;
  }
  if ((module == "numpy.core.numeric" || module == "numpy._core.numeric") &&
      name == "_frombuffer")
    return Global::FromBuffer;
  if (module == "numpy" && name == "ndarray") return Global::NdArray;
  if (module == "numpy" && name == "dtype") return Global::DType;
  if (module == "_codecs" && name == "encode") return Global::Encode;
  if (module == "collections" && name == "OrderedDict")
    return Global::OrderedDict;
  if (module == "builtins" || module == "__builtin__") {
    if (name == "tuple") return Global::Tuple;
    if (name == "bytes") return Global::Bytes;
    if (name == "eval") return Global::Eval;
  }
  return std::nullopt;
}

class Unpickler {
public:
  Unpickler(StringRef data, StringRef fileName, Limits limits)
      : data(data), fileName(fileName), limits(limits),
        budget(std::min<uint64_t>(limits.maxBytes,
                                  (uint64_t(64) << 20) + 64 * data.size())) {}

  Expected<ValuePtr> run();
  unsigned protocol = 0;

private:
  // Errors at the opcode being executed.
  Error fail(const Twine &what) {
    return pd::makeFileError(fileName,
                             formatv("at byte {0}: {1}", opAt, what.str()));
  }

  // Reading operands.
  bool need(uint64_t n) { return n <= data.size() - pos; }
  template <typename T> Expected<T> read() {
    if (!need(sizeof(T)))
      return fail("truncated pickle");
    T value;
    std::memcpy(&value, data.data() + pos, sizeof(T));
    pos += sizeof(T);
    return value;
  }
  Expected<StringRef> readBytes(uint64_t n) {
    if (!need(n))
      return fail(formatv("length {0} runs past the end of the file ({1} "
                          "bytes left)",
                          n, data.size() - pos));
    StringRef bytes = data.substr(pos, n);
    pos += n;
    return bytes;
  }
  Expected<StringRef> readLine() {
    size_t end = data.find('\n', pos);
    if (end == StringRef::npos)
      return fail("truncated pickle (no end of line)");
    StringRef line = data.slice(pos, end);
    pos = end + 1;
    return line;
  }

  // The stack.
  Error push(ValuePtr v) {
    if (stack.size() >= limits.maxStack)
      return fail("pickle stack exceeds its limit");
    stack.push_back(std::move(v));
    if (stack.size() > stackHighWater) {
      stackHighWater = stack.size();
      used += sizeof(ValuePtr);
    }
    return Error::success();
  }
  Expected<ValuePtr> pop() {
    if (stack.size() <= markBase())
      return fail("pickle stack underflow");
    ValuePtr v = std::move(stack.back());
    stack.pop_back();
    return v;
  }
  size_t markBase() const { return marks.empty() ? 0 : marks.back(); }
  Expected<std::vector<ValuePtr>> popToMark() {
    if (marks.empty())
      return fail("no MARK on the stack");
    size_t base = marks.back();
    marks.pop_back();
    std::vector<ValuePtr> items(std::make_move_iterator(stack.begin() + base),
                                std::make_move_iterator(stack.end()));
    stack.resize(base);
    return items;
  }
  Expected<ValuePtr> top() {
    if (stack.size() <= markBase())
      return fail("pickle stack underflow");
    return stack.back();
  }

  // Values. Each is charged to the budget; None, True and False are shared.
  ValuePtr make(Kind kind) {
    used += sizeof(Value) + 2 * sizeof(void *);
    auto v = std::make_shared<Value>();
    v->kind = kind;
    if (kind == Kind::Dict) // a dead dict's index must not carry over
      dictIndex.erase(v.get());
    return v;
  }
  ValuePtr constant(Kind kind, bool value = false) {
    ValuePtr &shared = kind == Kind::None ? none : value ? yes : no;
    if (!shared) {
      shared = make(kind);
      shared->boolean = value;
    }
    return shared;
  }
  ValuePtr makeInt(int64_t i) {
    ValuePtr v = make(Kind::Int);
    v->integer = i;
    return v;
  }
  ValuePtr makeStr(std::string s) {
    used += s.size();
    ValuePtr v = make(Kind::Str);
    v->text = std::move(s);
    return v;
  }
  ValuePtr makeBytesView(StringRef bytes) {
    ValuePtr v = make(Kind::Bytes);
    v->bytes = bytes;
    return v;
  }
  ValuePtr makeArray() {
    used += sizeof(Array);
    ValuePtr v = make(Kind::Array);
    v->array = std::make_unique<Array>();
    v->holdsArray = true;
    return v;
  }
  /// A numpy shape: a tuple of sizes, at most 64 of them.
  Error readShape(const Value &tuple, std::vector<int64_t> &shape) {
    if (tuple.items.size() > 64)
      return fail("numpy array shape has more than 64 dims");
    for (const ValuePtr &d : tuple.items) {
      if (!d->is(Kind::Int) || d->integer < 0)
        return fail("numpy array shape is not a tuple of sizes");
      shape.push_back(d->integer);
    }
    return Error::success();
  }
  std::shared_ptr<std::string> own(std::string bytes) {
    used += bytes.size();
    return std::make_shared<std::string>(std::move(bytes));
  }
  /// Refuses changes to a list, dict or array that is already in another
  /// container: the file is then self-referencing or built top-down, which
  /// paddle.save never writes and which would defeat the bounds below.
  Error mayChange(const Value &value) {
    if (value.adopted)
      return fail("a container is changed after it was placed in another "
                  "(self-referencing or top-down pickles are not read)");
    return Error::success();
  }
  /// Records that `child` now hangs below `parent`; refuses a container that
  /// would hold itself, deep nesting, and shared references that expand
  /// beyond what the file could hold.
  Error adopt(Value &parent, const ValuePtr &child) {
    if (!child)
      return Error::success();
    if (child.get() == &parent)
      return fail("a container that contains itself");
    child->adopted = true;
    dictIndex.erase(child.get()); // final now
    parent.depth = std::max(parent.depth, child->depth + 1);
    if (parent.depth > limits.maxDepth)
      return fail(formatv("containers nest deeper than {0}", limits.maxDepth));
    parent.holdsArray |= child->holdsArray;
    parent.treeSize += std::min(child->treeSize, ~uint64_t(0) - parent.treeSize);
    // Each element the file lists costs at least one byte of it; only
    // shared references expand beyond that.
    uint64_t maxTree =
        std::max<uint64_t>(limits.maxTreeSize, 4 * uint64_t(data.size()));
    if (parent.treeSize > maxTree)
      return fail(formatv("shared references expand to more than {0} values",
                          maxTree));
    return Error::success();
  }
  Expected<ValuePtr> makeSequence(Kind kind, std::vector<ValuePtr> items) {
    used += items.size() * sizeof(ValuePtr);
    ValuePtr v = make(kind);
    for (const ValuePtr &item : items)
      if (Error err = adopt(*v, item))
        return std::move(err);
    v->items = std::move(items);
    return v;
  }
  Error setItems(Value &dict, std::vector<ValuePtr> &kv) {
    if (!dict.is(Kind::Dict))
      return fail("SETITEM(S) on a value that is not a dict");
    if (kv.size() % 2)
      return fail("odd number of items for SETITEMS");
    if (Error err = mayChange(dict))
      return err;
    used += kv.size() / 2 * sizeof(dict.entries[0]);
    for (size_t i = 0; i < kv.size(); i += 2) {
      if (Error err = adopt(dict, kv[i]))
        return err;
      if (Error err = adopt(dict, kv[i + 1]))
        return err;
      // Python dict semantics: a repeated key replaces the value. Keys are
      // found through an index, not by a scan: a dict may hold millions.
      const Value &key = *kv[i];
      std::string id;
      if (key.is(Kind::Str))
        id = "s" + key.text;
      else if (key.is(Kind::Int))
        id = "i" + std::to_string(key.integer);
      if (!id.empty()) {
        auto [at, inserted] = dictIndex[&dict].try_emplace(id, dict.entries.size());
        if (!inserted) {
          dict.entries[at->second].second = kv[i + 1];
          continue;
        }
        used += id.size() + 32;
      }
      dict.entries.emplace_back(kv[i], kv[i + 1]);
    }
    return Error::success();
  }
  Error appendItems(Value &list, std::vector<ValuePtr> &items) {
    if (!list.is(Kind::List))
      return fail("APPEND(S) on a value that is not a list");
    if (Error err = mayChange(list))
      return err;
    used += items.size() * sizeof(ValuePtr);
    for (ValuePtr &item : items) {
      if (Error err = adopt(list, item))
        return err;
      list.items.push_back(std::move(item));
    }
    return Error::success();
  }

  // Memo.
  // Memo: MEMOIZE numbers entries 0, 1, 2, ...; PUT may name any index.
  Error memoPut(uint64_t index) {
    auto value = top();
    if (!value)
      return value.takeError();
    if (index < memo.size()) {
      memo[index] = *value;
      return Error::success();
    }
    if (memo.size() + sparseMemo.size() >= limits.maxMemo)
      return fail("pickle memo exceeds its limit");
    if (index == memo.size()) {
      memo.push_back(*value);
      used += 2 * sizeof(ValuePtr); // with the vector's slack
    } else {
      sparseMemo[index] = *value;
      used += 3 * (sizeof(uint64_t) + sizeof(ValuePtr)); // with the map's
    }
    return Error::success();
  }
  Error memoGet(uint64_t index) {
    if (index < memo.size() && memo[index])
      return push(memo[index]);
    auto it = sparseMemo.find(index);
    if (it == sparseMemo.end())
      return fail(formatv("memo entry {0} was never stored", index));
    return push(it->second);
  }

  Error global(StringRef module, StringRef name);
  Error reduce();
  Error build();
  Expected<ValuePtr> longFrom(StringRef bytes);
  Error step(uint8_t op);

  StringRef data;
  std::string fileName;
  Limits limits;
  /// Bytes the values, stack and memo may take, and what they take.
  uint64_t budget;
  uint64_t used = 0;
  size_t stackHighWater = 0;
  ValuePtr none, yes, no;
  size_t pos = 0;
  size_t opAt = 0;
  std::vector<ValuePtr> stack;
  std::vector<size_t> marks;
  std::vector<ValuePtr> memo;
  DenseMap<uint64_t, ValuePtr> sparseMemo;
  /// Per dict being built, where each Str or Int key is in its entries.
  DenseMap<const Value *, llvm::StringMap<size_t>> dictIndex;
  bool stopped = false;
};

Error Unpickler::global(StringRef module, StringRef name) {
  std::optional<Global> g = lookupGlobal(module, name);
  if (!g)
    return fail("refusing global '" + module + "." + name +
                "': not an object Paddle pickles hold");
  ValuePtr v = make(Kind::Global);
  v->text = (module + "." + name).str();
  v->integer = int64_t(*g);
  return push(v);
}

/// Decodes the UTF-8 of a latin-1-decoded byte string (protocol 2 writes
/// bytes as `_codecs.encode(str, 'latin1')`).
static std::optional<std::string> latin1FromUtf8(StringRef utf8) {
  std::string out;
  out.reserve(utf8.size());
  const UTF8 *p = reinterpret_cast<const UTF8 *>(utf8.begin());
  const UTF8 *end = reinterpret_cast<const UTF8 *>(utf8.end());
  while (p < end) {
    UTF32 cp;
    if (convertUTF8Sequence(&p, end, &cp, strictConversion) != conversionOK ||
        cp > 0xff)
      return std::nullopt;
    out.push_back(char(cp));
  }
  return out;
}

/// Python 2 `str` keys and names are bytes; Paddle reads them as latin-1.
static std::string utf8FromLatin1(StringRef bytes) {
  std::string utf8;
  for (char c : bytes) {
    uint8_t u = c;
    if (u < 0x80) {
      utf8.push_back(c);
    } else {
      utf8.push_back(char(0xc0 | (u >> 6)));
      utf8.push_back(char(0x80 | (u & 0x3f)));
    }
  }
  return utf8;
}

static bool isSequence(const ValuePtr &v) {
  return v && (v->is(Kind::Tuple) || v->is(Kind::List));
}

Error Unpickler::reduce() {
  auto args = pop();
  if (!args)
    return args.takeError();
  auto callable = pop();
  if (!callable)
    return callable.takeError();
  if (!(*callable)->is(Kind::Global) || !(*args)->is(Kind::Tuple))
    return fail("REDUCE of something that is not an allowed global");
  const std::vector<ValuePtr> &a = (*args)->items;
  const std::string &what = (*callable)->text;
  auto badArgs = [&] {
    return fail("unexpected arguments in a call of " + what);
  };
  switch (Global((*callable)->integer)) {
  case Global::Reconstruct: {
    // _reconstruct(numpy.ndarray, (0,), b'b'): an empty array BUILD fills.
    if (a.empty() || !a[0]->is(Kind::Global) ||
        Global(a[0]->integer) != Global::NdArray)
      return badArgs();
    return push(makeArray());
  }
  case Global::DType: {
    if (a.empty() || !a[0]->is(Kind::Str))
      return badArgs();
    ValuePtr v = make(Kind::DType);
    v->text = a[0]->text;
    return push(v);
  }
  case Global::Encode: {
    if (a.size() != 2 || !a[0]->is(Kind::Str) || !a[1]->is(Kind::Str) ||
        (a[1]->text != "latin1" && a[1]->text != "latin-1"))
      return badArgs();
    std::optional<std::string> bytes = latin1FromUtf8(a[0]->text);
    if (!bytes)
      return fail("latin-1 text holds a character above U+00FF");
    ValuePtr v = make(Kind::Bytes);
    v->owned = own(std::move(*bytes));
    v->bytes = *v->owned;
    return push(v);
  }
  case Global::Tuple: {
    if (a.size() != 1 || !isSequence(a[0]))
      return badArgs();
    auto t = makeSequence(Kind::Tuple, a[0]->items);
    if (!t)
      return t.takeError();
    return push(*t);
  }
  case Global::Bytes: {
    if (!a.empty())
      return badArgs();
    return push(makeBytesView(StringRef()));
  }
  case Global::Eval: {
    // Only Paddle's LoDTensor reduce: eval('data', {'data': array}).
    ValuePtr value = a.size() == 2 && a[0]->is(Kind::Str) &&
                             a[0]->text == "data" && a[1]->is(Kind::Dict)
                         ? a[1]->lookup("data")
                         : nullptr;
    if (!value)
      return fail("refusing eval(): only eval('data', {'data': x}) is read");
    return push(value);
  }
  case Global::OrderedDict: {
    ValuePtr dict = make(Kind::Dict);
    if (a.size() == 1 && isSequence(a[0])) {
      std::vector<ValuePtr> kv;
      for (const ValuePtr &pair : a[0]->items) {
        if (!isSequence(pair) || pair->items.size() != 2)
          return badArgs();
        kv.push_back(pair->items[0]);
        kv.push_back(pair->items[1]);
      }
      if (Error err = setItems(*dict, kv))
        return err;
    } else if (!a.empty()) {
      return badArgs();
    }
    return push(dict);
  }
  case Global::Scalar: {
    // scalar(dtype, raw bytes): a 0-d array.
    if (a.size() != 2 || !a[0]->is(Kind::DType) || !a[1]->is(Kind::Bytes))
      return badArgs();
    ValuePtr v = makeArray();
    v->array->dtype = a[0]->text;
    v->array->data = a[1]->bytes;
    v->array->owned = a[1]->owned;
    return push(v);
  }
  case Global::FromBuffer: {
    // _frombuffer(buffer, dtype, shape, order)
    if (a.size() != 4 || !a[0]->is(Kind::Bytes) || !a[1]->is(Kind::DType) ||
        !a[2]->is(Kind::Tuple) || !a[3]->is(Kind::Str))
      return badArgs();
    ValuePtr v = makeArray();
    v->array->dtype = a[1]->text;
    if (Error err = readShape(*a[2], v->array->shape))
      return err;
    v->array->fortranOrder = a[3]->text == "F";
    v->array->data = a[0]->bytes;
    v->array->owned = a[0]->owned;
    return push(v);
  }
  case Global::NdArray:
    break;
  }
  return fail("refusing to call " + what);
}

Error Unpickler::build() {
  auto state = pop();
  if (!state)
    return state.takeError();
  auto object = top();
  if (!object)
    return object.takeError();
  Value &obj = **object;
  const ValuePtr &s = *state;
  if (obj.is(Kind::DType)) {
    // (3, '<', None, None, None, -1, -1, 0): take the byte order.
    if (s->is(Kind::Tuple) && s->items.size() >= 2 &&
        s->items[1]->is(Kind::Str) && s->items[1]->text.size() == 1) {
      std::string &dtype = obj.text;
      if (!dtype.empty() && !strchr("<>|=", dtype[0]))
        dtype = s->items[1]->text + dtype;
      return Error::success();
    }
    return fail("unexpected dtype state");
  }
  if (obj.is(Kind::Array)) {
    // (version, shape, dtype, is_fortran, raw data)
    if (!s->is(Kind::Tuple) || s->items.size() != 5 ||
        !s->items[1]->is(Kind::Tuple) || !s->items[2]->is(Kind::DType) ||
        !s->items[3]->is(Kind::Bool))
      return fail("unexpected numpy array state");
    if (Error err = mayChange(obj))
      return err;
    Array &array = *obj.array;
    array.shape.clear();
    if (Error err = readShape(*s->items[1], array.shape))
      return err;
    array.dtype = s->items[2]->text;
    array.fortranOrder = s->items[3]->boolean;
    const ValuePtr &raw = s->items[4];
    if (raw->is(Kind::Bytes)) {
      array.data = raw->bytes;
      array.owned = raw->owned;
    } else if (raw->is(Kind::Str)) {
      // Python 2 wrote array data as a latin-1 str.
      std::optional<std::string> bytes = latin1FromUtf8(raw->text);
      if (!bytes)
        return fail("array data text holds a character above U+00FF");
      array.owned = own(std::move(*bytes));
      array.data = *array.owned;
    } else {
      return fail("numpy arrays of Python objects are not read");
    }
    return Error::success();
  }
  if (obj.is(Kind::Dict) && s->is(Kind::Dict)) {
    std::vector<ValuePtr> kv;
    for (auto &[k, v] : s->entries) {
      kv.push_back(k);
      kv.push_back(v);
    }
    return setItems(obj, kv);
  }
  return fail("BUILD of an object pd does not read");
}

Expected<ValuePtr> Unpickler::longFrom(StringRef bytes) {
  // Little-endian two's complement, as LONG1/LONG4 encode it.
  if (bytes.size() > 8)
    return fail(formatv("integer of {0} bytes does not fit 64 bits",
                        bytes.size()));
  uint64_t value = 0;
  for (size_t i = 0; i < bytes.size(); ++i)
    value |= uint64_t(uint8_t(bytes[i])) << (8 * i);
  if (!bytes.empty() && bytes.size() < 8 && (uint8_t(bytes.back()) & 0x80))
    value |= ~uint64_t(0) << (8 * bytes.size());
  return makeInt(int64_t(value));
}

Error Unpickler::step(uint8_t op) {
  auto pushOr = [&](Expected<ValuePtr> v) -> Error {
    if (!v)
      return v.takeError();
    return push(std::move(*v));
  };
  auto pushBytes = [&](uint64_t n, Kind kind) -> Error {
    auto bytes = readBytes(n);
    if (!bytes)
      return bytes.takeError();
    if (kind == Kind::Str)
      return push(makeStr(bytes->str()));
    return push(makeBytesView(*bytes));
  };
  switch (op) {
  case 0x80: { // PROTO
    auto v = read<uint8_t>();
    if (!v)
      return v.takeError();
    protocol = *v;
    if (protocol > 5)
      return fail(formatv("unsupported pickle protocol {0}", protocol));
    return Error::success();
  }
  case 0x95: { // FRAME: a length hint; frames are read as a plain stream
    auto v = read<uint64_t>();
    return v ? Error::success() : v.takeError();
  }
  case '.': // STOP
    stopped = true;
    return Error::success();
  case '(': // MARK
    marks.push_back(stack.size());
    if (marks.size() > limits.maxStack)
      return fail("too many MARKs");
    return Error::success();
  case '0': // POP
    return pop().takeError();
  case '1': // POP_MARK
    return popToMark().takeError();
  case '2': { // DUP
    auto v = top();
    return v ? push(*v) : v.takeError();
  }
  case 'N': return push(constant(Kind::None));
  case 0x88: case 0x89: // NEWTRUE, NEWFALSE
    return push(constant(Kind::Bool, op == 0x88));
  case 'J': { auto v = read<int32_t>(); return v ? push(makeInt(*v)) : v.takeError(); }
  case 'K': { auto v = read<uint8_t>(); return v ? push(makeInt(*v)) : v.takeError(); }
  case 'M': { auto v = read<uint16_t>(); return v ? push(makeInt(*v)) : v.takeError(); }
  case 0x8a: { // LONG1
    auto n = read<uint8_t>();
    if (!n) return n.takeError();
    auto bytes = readBytes(*n);
    return bytes ? pushOr(longFrom(*bytes)) : bytes.takeError();
  }
  case 0x8b: { // LONG4
    auto n = read<int32_t>();
    if (!n) return n.takeError();
    if (*n < 0) return fail("negative LONG4 length");
    auto bytes = readBytes(*n);
    return bytes ? pushOr(longFrom(*bytes)) : bytes.takeError();
  }
  case 'G': { // BINFLOAT: big-endian double
    auto bits = read<uint64_t>();
    if (!bits) return bits.takeError();
    uint64_t be = llvm::byteswap(*bits);
    ValuePtr v = make(Kind::Float);
    std::memcpy(&v->real, &be, 8);
    return push(v);
  }
  case 'I': case 'L': case 'F': { // INT, LONG, FLOAT (text)
    auto line = readLine();
    if (!line) return line.takeError();
    StringRef text = line->rtrim('L');
    if (op == 'F') {
      ValuePtr v = make(Kind::Float);
      if (text.getAsDouble(v->real)) return fail("malformed FLOAT");
      return push(v);
    }
    if (op == 'I' && (text == "00" || text == "01"))
      return push(constant(Kind::Bool, text == "01"));
    int64_t i;
    if (text.getAsInteger(10, i)) return fail("malformed INT");
    return push(makeInt(i));
  }
  case 'X': { auto n = read<uint32_t>(); return n ? pushBytes(*n, Kind::Str) : n.takeError(); }
  case 0x8c: { auto n = read<uint8_t>(); return n ? pushBytes(*n, Kind::Str) : n.takeError(); }
  case 0x8d: { auto n = read<uint64_t>(); return n ? pushBytes(*n, Kind::Str) : n.takeError(); }
  case 'B': { auto n = read<uint32_t>(); return n ? pushBytes(*n, Kind::Bytes) : n.takeError(); }
  case 'C': { auto n = read<uint8_t>(); return n ? pushBytes(*n, Kind::Bytes) : n.takeError(); }
  case 0x8e: case 0x96: { // BINBYTES8, BYTEARRAY8
    auto n = read<uint64_t>();
    return n ? pushBytes(*n, Kind::Bytes) : n.takeError();
  }
  case 'T': { // BINSTRING
    auto n = read<int32_t>();
    if (!n) return n.takeError();
    if (*n < 0) return fail("negative BINSTRING length");
    auto bytes = readBytes(*n);
    return bytes ? push(makeStr(utf8FromLatin1(*bytes))) : bytes.takeError();
  }
  case 'U': { // SHORT_BINSTRING
    auto n = read<uint8_t>();
    if (!n) return n.takeError();
    auto bytes = readBytes(*n);
    return bytes ? push(makeStr(utf8FromLatin1(*bytes))) : bytes.takeError();
  }
  case 'S': case 'V': { // STRING (quoted), UNICODE (raw): text protocols
    auto line = readLine();
    if (!line) return line.takeError();
    StringRef text = *line;
    if (op == 'S') {
      if (text.size() < 2 || text.front() != text.back() ||
          (text.front() != '\'' && text.front() != '"'))
        return fail("malformed STRING");
      text = text.drop_front().drop_back();
      if (text.contains('\\'))
        return fail("escaped STRING text is not read");
    }
    return push(makeStr(text.str()));
  }
  case ')': return push(make(Kind::Tuple));
  case ']': return push(make(Kind::List));
  case '}': return push(make(Kind::Dict));
  case 0x85: case 0x86: case 0x87: { // TUPLE1-3
    size_t n = op - 0x84;
    if (stack.size() < markBase() + n) return fail("pickle stack underflow");
    std::vector<ValuePtr> items(stack.end() - n, stack.end());
    stack.resize(stack.size() - n);
    return pushOr(makeSequence(Kind::Tuple, std::move(items)));
  }
  case 't': case 'l': { // TUPLE, LIST
    auto items = popToMark();
    if (!items) return items.takeError();
    return pushOr(makeSequence(op == 't' ? Kind::Tuple : Kind::List,
                               std::move(*items)));
  }
  case 'd': { // DICT
    auto items = popToMark();
    if (!items) return items.takeError();
    ValuePtr dict = make(Kind::Dict);
    if (Error err = setItems(*dict, *items)) return err;
    return push(dict);
  }
  case 'a': { // APPEND
    auto item = pop();
    if (!item) return item.takeError();
    auto list = top();
    if (!list) return list.takeError();
    std::vector<ValuePtr> one{*item};
    return appendItems(**list, one);
  }
  case 'e': { // APPENDS
    auto items = popToMark();
    if (!items) return items.takeError();
    auto list = top();
    if (!list) return list.takeError();
    return appendItems(**list, *items);
  }
  case 's': { // SETITEM
    auto value = pop();
    if (!value) return value.takeError();
    auto key = pop();
    if (!key) return key.takeError();
    auto dict = top();
    if (!dict) return dict.takeError();
    std::vector<ValuePtr> kv{*key, *value};
    return setItems(**dict, kv);
  }
  case 'u': { // SETITEMS
    auto items = popToMark();
    if (!items) return items.takeError();
    auto dict = top();
    if (!dict) return dict.takeError();
    return setItems(**dict, *items);
  }
  case 'p': { // PUT (text index)
    auto line = readLine();
    if (!line) return line.takeError();
    uint64_t index;
    if (line->getAsInteger(10, index)) return fail("malformed PUT");
    return memoPut(index);
  }
  case 'g': {
    auto line = readLine();
    if (!line) return line.takeError();
    uint64_t index;
    if (line->getAsInteger(10, index)) return fail("malformed GET");
    return memoGet(index);
  }
  case 'q': { auto i = read<uint8_t>(); return i ? memoPut(*i) : i.takeError(); }
  case 'r': { auto i = read<uint32_t>(); return i ? memoPut(*i) : i.takeError(); }
  case 0x94: return memoPut(memo.size() + sparseMemo.size()); // MEMOIZE
  case 'h': { auto i = read<uint8_t>(); return i ? memoGet(*i) : i.takeError(); }
  case 'j': { auto i = read<uint32_t>(); return i ? memoGet(*i) : i.takeError(); }
  case 'c': { // GLOBAL "module\nname\n"
    auto module = readLine();
    if (!module) return module.takeError();
    auto name = readLine();
    if (!name) return name.takeError();
    return global(*module, *name);
  }
  case 0x93: { // STACK_GLOBAL
    auto name = pop();
    if (!name) return name.takeError();
    auto module = pop();
    if (!module) return module.takeError();
    if (!(*module)->is(Kind::Str) || !(*name)->is(Kind::Str))
      return fail("STACK_GLOBAL of something that is not a name");
    return global((*module)->text, (*name)->text);
  }
  case 'R': return reduce();
  case 'b': return build();
  case 0x81: { // NEWOBJ: only OrderedDict()
    auto args = pop();
    if (!args) return args.takeError();
    auto cls = pop();
    if (!cls) return cls.takeError();
    if ((*cls)->is(Kind::Global) &&
        Global((*cls)->integer) == Global::OrderedDict &&
        (*args)->is(Kind::Tuple) && (*args)->items.empty())
      return push(make(Kind::Dict));
    return fail("refusing NEWOBJ of " + (*cls)->text);
  }
  case 0x98: // READONLY_BUFFER: no effect on the value
    return Error::success();
  case 0x97:
    return fail("out-of-band buffers (NEXT_BUFFER) are not read");
  case 'P': case 'Q':
    return fail("persistent ids are not read");
  case 'i': case 'o': case 0x92:
    return fail("refusing to instantiate a class (INST/OBJ/NEWOBJ_EX)");
  case 0x82: case 0x83: case 0x84:
    return fail("extension registry codes are not read");
  case 0x8f: case 0x90: case 0x91:
    return fail("sets are not read");
  }
  return fail(formatv("unknown pickle opcode {0:x2}", op));
}

Expected<ValuePtr> Unpickler::run() {
  while (!stopped) {
    opAt = pos;
    if (pos >= data.size())
      return fail("truncated pickle (no STOP)");
    uint8_t op = data[pos++];
    if (Error err = step(op))
      return std::move(err);
    if (used > budget)
      return fail(formatv("the pickle's values need more than {0} MiB (a "
                          "hostile or damaged file?)",
                          budget >> 20));
  }
  if (stack.size() != 1 || !marks.empty())
    return fail("malformed pickle: STOP leaves " +
                Twine(stack.size()) + " values on the stack");
  return stack.back();
}

} // namespace

Expected<Document> pd::pickle::parse(std::shared_ptr<MemoryBuffer> buffer,
                                     StringRef fileName, Limits limits) {
  Unpickler unpickler(buffer->getBuffer(), fileName, limits);
  auto root = unpickler.run();
  if (!root)
    return root.takeError();
  return Document{*root, std::move(buffer), unpickler.protocol};
}

Expected<Document> pd::pickle::parseFile(StringRef path, Limits limits) {
  auto file = pd::mapFile(path);
  if (!file)
    return file.takeError();
  if (!looksLikePickle((*file)->getBuffer()))
    return pd::makeFileError(path, "not a pickle");
  return parse(*file, path, limits);
}

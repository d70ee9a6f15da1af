//===- PickleWriter.cpp - .pdiparams.info and state dict pickles ------------===//
//
// Two pickles, written with the opcodes CPython's pickler chooses:
// `.pdiparams.info` as paddle.jit.save writes it (protocol 2, every str and
// dict memoized, the three field names being one object each and so fetched
// from the memo after their first use), so that an imported info file is
// written back byte for byte; and a paddle.save state dict (protocol 4,
// without memo or frames, which readers do not need).
//
//===----------------------------------------------------------------------===//

#include "pd/Codegen/Paddle/ProgramExporter.h"

#include "pd/Dialect/PdOps.h"
#include "pd/Runtime/TensorRecord.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Endian.h"

using namespace mlir;
using namespace pd;
using llvm::Error;
using llvm::Expected;

namespace {

class Pickler {
public:
  explicit Pickler(llvm::raw_ostream &os) : os(os) {}

  void op(uint8_t code) { os << char(code); }
  template <typename T> void little(T value) {
    char buf[sizeof(T)];
    llvm::support::endian::write<T, llvm::endianness::little>(buf, value);
    os.write(buf, sizeof(T));
  }
  void proto(uint8_t version) {
    op(0x80);
    op(version);
  }
  /// BINPUT/LONG_BINPUT of the next memo slot (protocol 2).
  void put() {
    if (memoSize < 256) {
      op('q');
      op(uint8_t(memoSize));
    } else {
      op('r');
      little<uint32_t>(memoSize);
    }
    ++memoSize;
  }
  void get(uint32_t index) {
    if (index < 256) {
      op('h');
      op(uint8_t(index));
    } else {
      op('j');
      little<uint32_t>(index);
    }
  }
  /// BINUNICODE (protocol 2) or SHORT_BINUNICODE/BINUNICODE/BINUNICODE8.
  void unicode(llvm::StringRef s, bool protocol4) {
    if (protocol4 && s.size() < 256) {
      op(0x8c);
      op(uint8_t(s.size()));
    } else if (s.size() <= UINT32_MAX) {
      op('X');
      little<uint32_t>(s.size());
    } else {
      op(0x8d);
      little<uint64_t>(s.size());
    }
    os << s;
  }
  /// A protocol 2 str, memoized once per distinct object: `shared` strings
  /// stand for one Python object used many times.
  void sharedUnicode(llvm::StringRef s) {
    auto it = sharedMemo.find(s);
    if (it != sharedMemo.end())
      return get(it->second);
    unicode(s, /*protocol4=*/false);
    sharedMemo[s] = memoSize;
    put();
  }
  void boolean(bool b) { op(b ? 0x88 : 0x89); }
  void integer(int64_t v) {
    if (v >= 0 && v < 256) {
      op('K');
      op(uint8_t(v));
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
      op('J');
      little<int32_t>(int32_t(v));
    } else {
      op(0x8a); // LONG1, 8 bytes two's complement
      op(8);
      little<int64_t>(v);
    }
  }
  void bytes(llvm::ArrayRef<char> data) {
    if (data.size() < 256) {
      op('C');
      op(uint8_t(data.size()));
    } else if (data.size() <= UINT32_MAX) {
      op('B');
      little<uint32_t>(data.size());
    } else {
      op(0x8e);
      little<uint64_t>(data.size());
    }
    os.write(data.data(), data.size());
  }
  void stackGlobal(llvm::StringRef module, llvm::StringRef name) {
    unicode(module, true);
    unicode(name, true);
    op(0x93);
  }

  llvm::raw_ostream &os;
  uint32_t memoSize = 0;
  llvm::StringMap<uint32_t> sharedMemo;
};

/// ndarray.__reduce__: _reconstruct(ndarray, (0,), b'b') then BUILD with
/// (1, shape, dtype, False, raw bytes).
Error writeArray(Pickler &p, const ParameterData &data, llvm::StringRef name) {
  std::string dtype = runtime::numpyDataType(data.dataType);
  if (dtype.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "parameter '" + name +
                                       "' has no numpy data type");
  p.stackGlobal("numpy.core.multiarray", "_reconstruct");
  p.stackGlobal("numpy", "ndarray");
  p.integer(0);
  p.op(0x85); // TUPLE1
  p.bytes(llvm::ArrayRef<char>("b", 1));
  p.op(0x87); // TUPLE3
  p.op('R');
  p.op('(');
  p.integer(1);
  p.op('(');
  for (int64_t d : data.type.getShape())
    p.integer(d);
  p.op('t');
  p.stackGlobal("numpy", "dtype");
  p.unicode(StringRef(dtype).drop_front(), true); // kind, e.g. "f4"
  p.boolean(false);
  p.boolean(true);
  p.op(0x87);
  p.op('R');
  p.op('(');
  p.integer(3);
  p.unicode(StringRef(dtype).take_front(), true); // byte order
  p.op('N');
  p.op('N');
  p.op('N');
  p.integer(-1);
  p.integer(-1);
  p.integer(0);
  p.op('t');
  p.op('b'); // dtype state
  p.boolean(false);
  p.bytes(data.bytes);
  p.op('t');
  p.op('b'); // array state
  return Error::success();
}

/// CPython's _batch_setitems: batches of up to 1000 pairs; a batch of one is
/// SETITEM, larger ones MARK ... SETITEMS.
template <typename Fn>
void batchedItems(Pickler &p, size_t count, Fn writePair) {
  for (size_t start = 0; start < count; start += 1000) {
    size_t n = std::min<size_t>(1000, count - start);
    if (n > 1)
      p.op('(');
    for (size_t i = start; i < start + n; ++i)
      writePair(i);
    p.op(n > 1 ? 'u' : 's');
  }
}

} // namespace

namespace {
/// One `.pdiparams.info` entry: a variable and its known fields.
struct InfoEntry {
  StringRef name;
  StringAttr structuredName;
  BoolAttr stopGradient, trainable;
};
} // namespace

Expected<bool> pd::writeParamsInfo(ModuleOp module, llvm::raw_ostream &os) {
  auto entryOf = [](ParameterOp p) {
    return InfoEntry{p.getSymName(), p.getStructuredNameAttr(),
                     p.getStopGradientAttr(), p.getTrainableAttr()};
  };
  // The file's order when one was read (with the entries of variables the
  // program no longer has), else the parameters'.
  SmallVector<InfoEntry> entries;
  if (auto order = module->getAttrOfType<ArrayAttr>(
          PdDialect::kParamsInfoAttrName)) {
    for (Attribute item : order) {
      if (auto dict = dyn_cast<DictionaryAttr>(item)) {
        entries.push_back({dict.getAs<StringAttr>("name").getValue(),
                           dict.getAs<StringAttr>("structured_name"),
                           dict.getAs<BoolAttr>("stop_gradient"),
                           dict.getAs<BoolAttr>("trainable")});
      } else if (auto param = module.lookupSymbol<ParameterOp>(
                     cast<StringAttr>(item).getValue())) {
        entries.push_back(entryOf(param));
      }
    }
  } else {
    for (ParameterOp param : module.getOps<ParameterOp>())
      entries.push_back(entryOf(param));
  }
  llvm::erase_if(entries, [](const InfoEntry &e) {
    return !e.structuredName && !e.stopGradient && !e.trainable;
  });
  if (entries.empty())
    return false;

  Pickler p(os);
  p.proto(2);
  p.op('}');
  p.put();
  batchedItems(p, entries.size(), [&](size_t i) {
    const InfoEntry &e = entries[i];
    p.unicode(e.name, /*protocol4=*/false);
    p.put();
    p.op('}');
    p.put();
    size_t fields =
        bool(e.structuredName) + bool(e.stopGradient) + bool(e.trainable);
    if (fields > 1)
      p.op('(');
    if (e.structuredName) {
      p.sharedUnicode("structured_name");
      p.unicode(e.structuredName.getValue(), /*protocol4=*/false);
      p.put();
    }
    if (e.stopGradient) {
      p.sharedUnicode("stop_gradient");
      p.boolean(e.stopGradient.getValue());
    }
    if (e.trainable) {
      p.sharedUnicode("trainable");
      p.boolean(e.trainable.getValue());
    }
    if (fields)
      p.op(fields > 1 ? 'u' : 's');
  });
  p.op('.');
  return true;
}

Error pd::writeStateDict(ModuleOp module, llvm::raw_ostream &os) {
  SmallVector<ParameterOp> params(module.getOps<ParameterOp>());
  Pickler p(os);
  p.proto(4);
  p.op('}');
  Error failure = Error::success();
  auto keyOf = [](ParameterOp param) {
    auto structured = param.getStructuredNameAttr();
    return structured ? structured.getValue() : param.getSymName();
  };
  // Each parameter, then the name table, last, as paddle.save writes it.
  batchedItems(p, params.size() + 1, [&](size_t i) {
    if (failure)
      return;
    if (i == params.size()) {
      p.unicode("StructuredToParameterName@@", true);
      p.op('}');
      batchedItems(p, params.size(), [&](size_t j) {
        p.unicode(keyOf(params[j]), true);
        p.unicode(params[j].getSymName(), true);
      });
      return;
    }
    auto data = parameterData(module, params[i].getSymName());
    if (!data) {
      failure = data.takeError();
      return;
    }
    p.unicode(keyOf(params[i]), true);
    failure = writeArray(p, *data, params[i].getSymName());
  });
  if (failure)
    return failure;
  p.op('.');
  return Error::success();
}

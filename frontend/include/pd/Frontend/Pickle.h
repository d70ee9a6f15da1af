//===- Pickle.h - a safe reader for the pickles Paddle writes ---*- C++ -*-===//
//
// paddle.save writes Python pickles (protocols 2-4, sometimes 5) holding dicts,
// tuples, numbers, strings and numpy arrays. This reader runs the pickle
// opcodes on a stack machine that never executes code: the only globals it
// accepts are the handful Paddle's files use (numpy array reconstruction,
// dtypes, latin-1 bytes, tuple/bytes/OrderedDict, and eval in the one
// `eval('data', {'data': array})` form), each with the one call shape Paddle
// writes. Any other global is refused by name. Every length is checked
// against the file before anything is allocated, and memo, stack and nesting
// depth are bounded.
//
//===----------------------------------------------------------------------===//
#ifndef PD_FRONTEND_PICKLE_H
#define PD_FRONTEND_PICKLE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pd::pickle {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

/// A numpy array: dtype as numpy spells it ("<f4", "|b1"), C-order dims, and
/// its bytes (a view into the pickle file when the file holds them raw).
struct Array {
  std::string dtype;
  std::vector<int64_t> shape;
  bool fortranOrder = false;
  llvm::StringRef data;
  /// Holds `data` when it had to be decoded (protocol 2 latin-1 bytes).
  std::shared_ptr<std::string> owned;
};

struct Value {
  enum class Kind : uint8_t {
    None, Bool, Int, Float, Str, Bytes, Tuple, List, Dict, Array,
    Global, DType,
  };
  Kind kind = Kind::None;
  bool boolean = false;
  /// Set once the value is placed in a container. A list, dict or array is
  /// final from then on, so containers cannot come to hold themselves, and
  /// `depth`, `treeSize` and `holdsArray` stay true.
  bool adopted = false;
  /// Whether an Array lies at or below this value.
  bool holdsArray = false;
  /// How deeply containers nest below this value (0 for a leaf).
  unsigned depth = 0;
  /// The values in the tree this value spans, each shared reference counted
  /// again (saturating): what a walk of it visits.
  uint64_t treeSize = 1;
  int64_t integer = 0;
  double real = 0;
  /// Str (UTF-8), Global ("module.name"), DType ("<f4").
  std::string text;
  /// Bytes: a view into the file or into `owned`.
  llvm::StringRef bytes;
  std::shared_ptr<std::string> owned;
  /// Tuple and List elements.
  std::vector<ValuePtr> items;
  /// Dict entries in insertion order.
  std::vector<std::pair<ValuePtr, ValuePtr>> entries;
  /// Array: set for arrays only.
  std::unique_ptr<pd::pickle::Array> array;

  bool is(Kind k) const { return kind == k; }
  /// The value of dict entry `key` (a Str), or null.
  ValuePtr lookup(llvm::StringRef key) const;
};

/// A parsed pickle and the mapped file its array views point into.
struct Document {
  ValuePtr root;
  std::shared_ptr<llvm::MemoryBuffer> file;
  unsigned protocol = 0;
};

/// Limits that keep a hostile file from taking unbounded memory, time or
/// stack.
struct Limits {
  unsigned maxDepth = 256;
  size_t maxStack = 1 << 20;
  size_t maxMemo = 1 << 22;
  /// What the reader's own values may take: the least of this and 64 MiB
  /// plus 64 bytes per byte of the file.
  uint64_t maxBytes = uint64_t(512) << 20;
  /// Shared references may expand a walk of the result to this many values,
  /// or to four per byte of the file, whichever is more.
  uint64_t maxTreeSize = 1 << 20;
};

/// Unpickles `buffer` (named `fileName` in errors). Errors are one line:
/// `<file>: at byte N: <what>`.
llvm::Expected<Document> parse(std::shared_ptr<llvm::MemoryBuffer> buffer,
                               llvm::StringRef fileName, Limits limits = {});

/// Maps and unpickles the file at `path`.
llvm::Expected<Document> parseFile(llvm::StringRef path, Limits limits = {});

/// True when `bytes` starts like a pickle (PROTO opcode, or a protocol 0/1
/// container opcode).
bool looksLikePickle(llvm::StringRef bytes);

} // namespace pd::pickle

#endif // PD_FRONTEND_PICKLE_H

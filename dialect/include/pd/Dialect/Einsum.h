//===- Einsum.h - einsum equations ------------------------------*- C++ -*-===//
//
// An einsum equation ("bij,bjk->bik", "...j,jk->...k", "bii->bi") read once
// into labels per dim, for the op's shape rule and its lowering alike.
//
//===----------------------------------------------------------------------===//
#ifndef PD_DIALECT_EINSUM_H
#define PD_DIALECT_EINSUM_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace pd {

/// Labels are small integers: letters a-z and A-Z are 0-51; the dims an
/// ellipsis stands for are 52 on, right-aligned across the operands (numpy's
/// broadcast), so the last dim of every ellipsis has the same label.
struct EinsumEquation {
  /// Per operand, the label of each dim.
  llvm::SmallVector<llvm::SmallVector<int, 6>, 2> inputs;
  /// The label of each result dim (implicit form: the ellipsis, then the
  /// letters that appear once, in ASCII order).
  llvm::SmallVector<int, 6> output;
  /// Every label, in order of first appearance: the loops of the product.
  llvm::SmallVector<int, 8> labels;
  /// Whether a label is an ellipsis dim (these may broadcast a size of 1).
  static bool isEllipsis(int label) { return label >= 52; }
};

/// Reads `equation` for operands of `ranks`; on failure, `error` says why.
bool parseEinsum(llvm::StringRef equation, llvm::ArrayRef<int64_t> ranks,
                 EinsumEquation &result, std::string &error);

} // namespace pd

#endif // PD_DIALECT_EINSUM_H

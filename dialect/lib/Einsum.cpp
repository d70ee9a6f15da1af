//===- Einsum.cpp - einsum equations ---------------------------------------===//

#include "pd/Dialect/Einsum.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace pd;

namespace {

constexpr int kEllipsisBase = 52;

/// A letter's label, or -1.
int letterLabel(char c) {
  if (c >= 'a' && c <= 'z')
    return c - 'a';
  if (c >= 'A' && c <= 'Z')
    return 26 + (c - 'A');
  return -1;
}

/// A letter label's character.
char letterOf(int label) { return label < 26 ? 'a' + label : 'A' + (label - 26); }

/// One term ("bij", "...j"): its letters' labels, and where its ellipsis
/// stands among them (-1 for none).
struct Term {
  llvm::SmallVector<int, 6> letters;
  int ellipsisAt = -1;
};

bool parseTerm(llvm::StringRef text, Term &term, std::string &error) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ')
      continue;
    if (c == '.') {
      if (!text.substr(i).starts_with("...") || term.ellipsisAt >= 0) {
        error = "a term has a stray '.' or more than one ellipsis";
        return false;
      }
      term.ellipsisAt = term.letters.size();
      i += 2;
      continue;
    }
    int label = letterLabel(c);
    if (label < 0) {
      error = std::string("'") + c + "' is not a label (letters and '...')";
      return false;
    }
    term.letters.push_back(label);
  }
  return true;
}

/// The term's labels for an operand of `rank` dims whose ellipsis covers
/// the last `ellipsisDims` of `maxEllipsis` broadcast dims.
llvm::SmallVector<int, 6> expand(const Term &term, int64_t ellipsisDims,
                                 int64_t maxEllipsis) {
  llvm::SmallVector<int, 6> labels(term.letters.begin(), term.letters.end());
  if (term.ellipsisAt < 0)
    return labels;
  llvm::SmallVector<int, 6> dims;
  for (int64_t j = 0; j < ellipsisDims; ++j)
    dims.push_back(kEllipsisBase + (maxEllipsis - ellipsisDims) + j);
  labels.insert(labels.begin() + term.ellipsisAt, dims.begin(), dims.end());
  return labels;
}

} // namespace

bool pd::parseEinsum(llvm::StringRef equation, llvm::ArrayRef<int64_t> ranks,
                     EinsumEquation &result, std::string &error) {
  auto [lhs, rhs] = equation.split("->");
  bool explicitOutput = lhs.size() != equation.size();
  llvm::SmallVector<llvm::StringRef, 2> termTexts;
  lhs.split(termTexts, ',');
  if (termTexts.size() != ranks.size()) {
    error = "has " + std::to_string(termTexts.size()) + " terms for " +
            std::to_string(ranks.size()) + " operands";
    return false;
  }
  llvm::SmallVector<Term, 2> terms(termTexts.size());
  int64_t maxEllipsis = 0;
  llvm::SmallVector<int64_t, 2> ellipsisDims;
  for (auto [i, text] : llvm::enumerate(termTexts)) {
    if (!parseTerm(text, terms[i], error))
      return false;
    int64_t dims = ranks[i] - int64_t(terms[i].letters.size());
    if (dims < 0 || (dims > 0 && terms[i].ellipsisAt < 0)) {
      error = "term " + std::to_string(i) + " '" + text.str() + "' has " +
              std::to_string(terms[i].letters.size()) +
              " labels for an operand of rank " + std::to_string(ranks[i]);
      return false;
    }
    ellipsisDims.push_back(dims);
    maxEllipsis = std::max(maxEllipsis, dims);
  }
  result = EinsumEquation();
  llvm::SmallVector<int, 64> count(kEllipsisBase + maxEllipsis, 0);
  for (auto [i, term] : llvm::enumerate(terms)) {
    result.inputs.push_back(expand(term, ellipsisDims[i], maxEllipsis));
    for (int label : result.inputs.back()) {
      if (!count[label]++)
        result.labels.push_back(label);
    }
  }
  if (explicitOutput) {
    Term out;
    if (!parseTerm(rhs, out, error))
      return false;
    result.output = expand(out, maxEllipsis, maxEllipsis);
    for (int label : result.output) {
      if (!count[label]) {
        error = "the output names a label no operand has";
        return false;
      }
      if (llvm::count(result.output, label) > 1) {
        error = "the output repeats a label";
        return false;
      }
    }
    return true;
  }
  // numpy's implicit output: the ellipsis, then the letters that appear
  // exactly once, in ASCII order (uppercase before lowercase).
  for (int64_t j = 0; j < maxEllipsis; ++j)
    result.output.push_back(kEllipsisBase + j);
  llvm::SmallVector<int, 8> once;
  for (int label = 0; label < kEllipsisBase; ++label)
    if (count[label] == 1)
      once.push_back(label);
  llvm::sort(once, [](int a, int b) { return letterOf(a) < letterOf(b); });
  result.output.append(once.begin(), once.end());
  return true;
}

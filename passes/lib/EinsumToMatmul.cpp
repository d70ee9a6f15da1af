//===- EinsumToMatmul.cpp - the pd-einsum-to-matmul pass ------------------===//
//
// Most einsums in models are matrix products ("bij,bjk->bik", attention's
// "bhqd,bhkd->bhqk", a weight applied through an ellipsis). As matmul_v2
// they reach the CPU backend's GEMM kernels instead of a generic loop nest.
//
//===----------------------------------------------------------------------===//

#include "PdBuilder.h"

#include "pd/Dialect/Einsum.h"
#include "pd/Passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace pd {
#define GEN_PASS_DEF_EINSUMTOMATMUL
#include "pd/Passes/Passes.h.inc"
} // namespace pd

using namespace mlir;
using namespace pd;

namespace {

/// The labels of a product x * y: x read as [batch..., rows..., k], y as
/// [batch..., k, n] (or [batch..., n, k]: transY), the result [batch...,
/// rows..., n].
struct ProductPlan {
  SmallVector<int> batch, rows;
  int k = -1, n = -1;
  bool transY = false;
};

/// Where `label` is in `labels`, or -1.
int64_t positionOf(ArrayRef<int> labels, int label) {
  const int *it = llvm::find(labels, label);
  return it == labels.end() ? -1 : it - labels.begin();
}

/// The plan of x (labels `x`) times y (labels `y`) into `out`, if the
/// einsum is such a product.
std::optional<ProductPlan> planProduct(ArrayRef<int> x, ArrayRef<int> y,
                                       ArrayRef<int> out) {
  for (ArrayRef<int> labels : {x, y, out})
    for (int label : labels)
      if (llvm::count(labels, label) != 1)
        return std::nullopt; // a diagonal
  ProductPlan plan;
  SmallVector<int> rowsOfX;
  for (int label : x) {
    bool inY = positionOf(y, label) >= 0, inOut = positionOf(out, label) >= 0;
    if (inY && !inOut) {
      if (plan.k >= 0)
        return std::nullopt; // more than one contracted label
      plan.k = label;
    } else if (!inOut) {
      return std::nullopt; // a sum over x's own dim
    } else if (!inY) {
      rowsOfX.push_back(label);
    }
  }
  for (int label : y) {
    bool inX = positionOf(x, label) >= 0, inOut = positionOf(out, label) >= 0;
    if (!inX && !inOut)
      return std::nullopt;
    if (!inX) {
      if (plan.n >= 0)
        return std::nullopt;
      plan.n = label;
    }
  }
  if (plan.k < 0 || plan.n < 0 || rowsOfX.empty())
    return std::nullopt;
  // Batch labels: the output's that both operands have, in the output's
  // order; y has all of them (a batched product) or none (a shared y).
  for (int label : out)
    if (positionOf(x, label) >= 0 && positionOf(y, label) >= 0)
      plan.batch.push_back(label);
  if (y.size() == 2) {
    // y [k, n] shared by every row: x's other labels are all rows.
    plan.rows.assign(plan.batch.begin(), plan.batch.end());
    plan.rows.append(rowsOfX.begin(), rowsOfX.end());
    plan.batch.clear();
    // Rows keep the output's order.
    llvm::sort(plan.rows, [&](int a, int b) {
      return positionOf(out, a) < positionOf(out, b);
    });
  } else {
    if (rowsOfX.size() != 1 || y.size() != plan.batch.size() + 2)
      return std::nullopt;
    plan.rows = rowsOfX;
  }
  SmallVector<int> yOrder(plan.batch);
  yOrder.append({plan.n, plan.k});
  plan.transY = ArrayRef<int>(y) == ArrayRef<int>(yOrder);
  if (!plan.transY) {
    yOrder.pop_back_n(2);
    yOrder.append({plan.k, plan.n});
    if (ArrayRef<int>(y) != ArrayRef<int>(yOrder))
      return std::nullopt; // y would need a transpose too
  }
  return plan;
}

/// The permutation that takes dims labelled `from` to the order `to`.
SmallVector<int64_t> permutation(ArrayRef<int> from, ArrayRef<int> to) {
  SmallVector<int64_t> perm;
  for (int label : to)
    perm.push_back(positionOf(from, label));
  return perm;
}

bool isIdentity(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (int64_t(i) != p)
      return false;
  return true;
}

struct EinsumAsMatmul : OpRewritePattern<EinsumOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(EinsumOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getOperands().size() != 2)
      return rewriter.notifyMatchFailure(op, "not an einsum of two operands");
    for (Value v : op->getResults().drop_front())
      if (!v.use_empty())
        return rewriter.notifyMatchFailure(op, "its training outputs are used");
    SmallVector<RankedTensorType> types;
    SmallVector<int64_t> ranks;
    for (Value v : op.getOperands()) {
      auto t = dyn_cast<RankedTensorType>(v.getType());
      if (!t || !t.getElementType().isF32())
        return rewriter.notifyMatchFailure(op, "needs ranked f32 operands");
      types.push_back(t);
      ranks.push_back(t.getRank());
    }
    auto outType = dyn_cast<RankedTensorType>(op.getOut().getType());
    EinsumEquation eq;
    std::string error;
    if (!outType || !parseEinsum(op.getEquation().value_or(""), ranks, eq, error))
      return rewriter.notifyMatchFailure(op, "unreadable equation");
    // No dim of size 1 broadcast against a larger one.
    DenseMap<int, int64_t> sizes;
    for (auto [t, labels] : llvm::zip(types, eq.inputs))
      for (auto [d, label] : llvm::enumerate(labels)) {
        auto [it, fresh] = sizes.try_emplace(label, t.getDimSize(d));
        if (!fresh && it->second != t.getDimSize(d))
          return rewriter.notifyMatchFailure(op, "a broadcast or unknown size");
      }
    // x * y, else y * x.
    unsigned first = 0;
    std::optional<ProductPlan> plan =
        planProduct(eq.inputs[0], eq.inputs[1], eq.output);
    if (!plan) {
      first = 1;
      plan = planProduct(eq.inputs[1], eq.inputs[0], eq.output);
    }
    if (!plan)
      return rewriter.notifyMatchFailure(op, "not a matrix product");
    Value x = op.getOperands()[first], y = op.getOperands()[1 - first];
    ArrayRef<int> xLabels = eq.inputs[first];
    Location loc = op.getLoc();
    Value out = op.getOut();
    SmallVector<int> xOrder(plan->batch);
    xOrder.append(plan->rows.begin(), plan->rows.end());
    xOrder.push_back(plan->k);
    SmallVector<int64_t> xPerm = permutation(xLabels, xOrder);
    if (!isIdentity(xPerm))
      x = createTranspose(rewriter, loc, x, xPerm, derivedName(out, "lhs"));
    // The product [batch..., rows..., n], then the output's order.
    SmallVector<int> productOrder(xOrder);
    productOrder.back() = plan->n;
    SmallVector<int64_t> productDims;
    for (int label : productOrder)
      productDims.push_back(sizes.lookup(label));
    SmallVector<int64_t> outPerm = permutation(productOrder, eq.output);
    bool last = isIdentity(outPerm);
    auto productType = RankedTensorType::get(productDims, rewriter.getF32Type());
    Value product =
        createNamed<MatmulV2Op>(
            rewriter, loc, productType, {x, y},
            {rewriter.getNamedAttr("trans_x", rewriter.getBoolAttr(false)),
             rewriter.getNamedAttr("trans_y", rewriter.getBoolAttr(plan->transY))},
            last ? variableName(out).str() : derivedName(out, "product"))
            ->getResult(0);
    if (!last)
      product = createTranspose(rewriter, loc, product, outPerm, variableName(out));
    if (product.getType() != out.getType())
      return rewriter.notifyMatchFailure(op, "the product's type differs");
    rewriter.replaceAllUsesWith(out, product);
    rewriter.eraseOp(op);
    return success();
  }
};

struct EinsumToMatmul : pd::impl::EinsumToMatmulBase<EinsumToMatmul> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<EinsumAsMatmul>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

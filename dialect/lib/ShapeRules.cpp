//===- ShapeRules.cpp - shape inference rules of Paddle ops -----------------===//

#include "pd/Dialect/ShapeRules.h"

#include "pd/Dialect/Einsum.h"
#include "pd/Dialect/PaddleTypes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace mlir;
using namespace pd;
using namespace pd::shape;

namespace {

constexpr int64_t kDyn = ShapedType::kDynamic;

/// Results start as their current types; rules overwrite what they know.
void start(Operation *op, Types &results) {
  results.assign(op->result_type_begin(), op->result_type_end());
}

RankedTensorType ranked(Value v) {
  return dyn_cast<RankedTensorType>(v.getType());
}

int64_t intAttr(Operation *op, StringRef name, int64_t fallback) {
  if (auto values = integerValues(op->getAttr(name)); values && values->size() == 1)
    return (*values)[0];
  return fallback;
}

SmallVector<int64_t> intsAttr(Operation *op, StringRef name) {
  if (auto values = integerValues(op->getAttr(name)))
    return *values;
  return {};
}

bool boolAttr(Operation *op, StringRef name) {
  return intAttr(op, name, 0) != 0;
}

StringRef strAttr(Operation *op, StringRef name, StringRef fallback) {
  auto s = dyn_cast_if_present<StringAttr>(op->getAttr(name));
  return s ? s.getValue() : fallback;
}

/// The element count of `dims`; unknown (kDyn) when a dim is dynamic or the
/// count does not fit 64 bits (dims come from files).
int64_t product(ArrayRef<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d == kDyn || d < 0 || __builtin_mul_overflow(n, d, &n))
      return kDyn;
  }
  return n;
}

/// Paddle's XShape: [0] + X.dims, for the backward pass.
void setXShape(Operation *op, RankedTensorType x, Types &results) {
  if (results.size() < 2)
    return;
  SmallVector<int64_t> dims{0};
  dims.append(x.getShape().begin(), x.getShape().end());
  results[1] = RankedTensorType::get(dims, x.getElementType());
}

/// Two dims that must agree: the static one wins; two static ones that
/// differ fail.
std::optional<int64_t> unify(int64_t a, int64_t b) {
  if (a == kDyn)
    return b;
  if (b == kDyn || a == b)
    return a;
  return std::nullopt;
}

int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

} // namespace

LogicalResult shape::sameAsOperand(Operation *op, unsigned operand,
                                   Types &results) {
  start(op, results);
  results[0] = op->getOperand(operand).getType();
  return success();
}

std::optional<int64_t> shape::elementwiseOffset(int64_t axis, int64_t big,
                                                int64_t small) {
  int64_t offset = axis == -1 ? big - small : normalizeAxis(axis, big);
  if (offset < 0 || offset + small > big)
    return std::nullopt;
  return offset;
}

LogicalResult shape::einsum(Operation *op, Types &results) {
  start(op, results);
  SmallVector<RankedTensorType> operands;
  SmallVector<int64_t> ranks;
  for (Value v : op->getOperands()) {
    operands.push_back(ranked(v));
    if (!operands.back())
      return success();
    ranks.push_back(operands.back().getRank());
  }
  if (operands.empty())
    return op->emitOpError("has no operands");
  EinsumEquation eq;
  std::string error;
  if (!parseEinsum(strAttr(op, "equation", ""), ranks, eq, error))
    return op->emitOpError() << "equation '" << strAttr(op, "equation", "")
                             << "' " << error;
  // A label's size: one size across the operands; an ellipsis dim of 1
  // broadcasts.
  DenseMap<int, int64_t> sizes;
  for (auto [t, labels] : llvm::zip(operands, eq.inputs))
    for (auto [d, label] : llvm::enumerate(labels)) {
      int64_t size = t.getDimSize(d);
      auto [it, fresh] = sizes.try_emplace(label, size);
      if (fresh || (EinsumEquation::isEllipsis(label) && size == 1))
        continue;
      if (EinsumEquation::isEllipsis(label) && it->second == 1) {
        it->second = size;
        continue;
      }
      std::optional<int64_t> u = unify(it->second, size);
      if (!u)
        return op->emitOpError() << "equation '" << strAttr(op, "equation", "")
                                 << "' gives one label sizes " << it->second
                                 << " and " << size;
      it->second = *u;
    }
  SmallVector<int64_t> dims;
  for (int label : eq.output)
    dims.push_back(sizes.lookup(label));
  results[0] = RankedTensorType::get(dims, operands[0].getElementType());
  return success();
}

LogicalResult shape::softmaxWithCrossEntropy(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType logits = ranked(op->getOperand(0));
  RankedTensorType label = ranked(op->getOperand(1));
  if (!logits || !label)
    return success();
  int64_t rank = logits.getRank();
  if (label.getRank() != rank)
    return op->emitOpError() << "expects Logits and Label of one rank, got "
                             << logits << " and " << label;
  int64_t axis = normalizeAxis(intAttr(op, "axis", -1), rank);
  if (axis < 0 || axis >= rank)
    return op->emitOpError() << "axis " << intAttr(op, "axis", -1)
                             << " is out of range for " << logits;
  bool soft = boolAttr(op, "soft_label");
  SmallVector<int64_t> dims(logits.getShape());
  for (int64_t i = 0; i < rank; ++i) {
    int64_t want = i == axis && !soft ? 1 : dims[i];
    std::optional<int64_t> labelDim = unify(want, label.getDimSize(i));
    if (!labelDim)
      return op->emitOpError()
             << "Label " << label << " does not fit Logits " << logits << " ("
             << (soft ? "soft labels: the same shape" : "hard labels: size 1 at axis")
             << ")";
    if (i != axis || soft)
      dims[i] = *labelDim;
  }
  Type element = logits.getElementType();
  results[0] = RankedTensorType::get(dims, element);
  dims[axis] = 1;
  results[1] = RankedTensorType::get(dims, element);
  return success();
}

LogicalResult shape::roiAlign(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  RankedTensorType rois = ranked(op->getOperand(1));
  if (!x || !rois)
    return success();
  if (x.getRank() != 4 || rois.getRank() != 2 ||
      (rois.getDimSize(1) != kDyn && rois.getDimSize(1) != 4))
    return op->emitOpError() << "expects X [N, C, H, W] and ROIs [R, 4], got "
                             << x << " and " << rois;
  int64_t ph = intAttr(op, "pooled_height", 1), pw = intAttr(op, "pooled_width", 1);
  if (ph < 1 || pw < 1)
    return op->emitOpError() << "pools to " << ph << " x " << pw << " bins";
  results[0] = RankedTensorType::get({rois.getDimSize(0), x.getDimSize(1), ph, pw},
                                     x.getElementType());
  return success();
}

LogicalResult shape::sum(Operation *op, Types &results) {
  start(op, results);
  if (op->getNumOperands() == 0)
    return op->emitOpError("adds no tensors");
  RankedTensorType first = ranked(op->getOperand(0));
  if (!first)
    return success();
  SmallVector<int64_t> dims(first.getShape());
  for (Value v : op->getOperands().drop_front()) {
    RankedTensorType t = ranked(v);
    if (!t)
      return success();
    if (t.getRank() != first.getRank() || t.getElementType() != first.getElementType())
      return op->emitOpError() << "adds " << first << " and " << t;
    for (int64_t d = 0; d < t.getRank(); ++d) {
      std::optional<int64_t> u = unify(dims[d], t.getDimSize(d));
      if (!u)
        return op->emitOpError() << "adds " << first << " and " << t
                                 << ": dim " << d << " differs";
      dims[d] = *u;
    }
  }
  results[0] = RankedTensorType::get(dims, first.getElementType());
  return success();
}

LogicalResult shape::elementwise(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), y = ranked(op->getOperand(1));
  if (!x || !y)
    return success();
  int64_t axis = intAttr(op, "axis", -1);
  int64_t rx = x.getRank(), ry = y.getRank();
  // Paddle aligns the shorter operand's dims to the longer one's, at `axis`
  // (or at the end when axis is -1, numpy's rule).
  bool xLonger = rx >= ry;
  ArrayRef<int64_t> big = xLonger ? x.getShape() : y.getShape();
  ArrayRef<int64_t> small = xLonger ? y.getShape() : x.getShape();
  std::optional<int64_t> fit = elementwiseOffset(axis, big.size(), small.size());
  if (!fit)
    return op->emitOpError() << "axis " << axis << " does not fit operands of "
                             << "rank " << rx << " and " << ry;
  int64_t offset = *fit;
  SmallVector<int64_t> out(big.begin(), big.end());
  for (size_t i = 0; i < small.size(); ++i) {
    int64_t &o = out[offset + i];
    int64_t s = small[i];
    if (s == 1 || s == o)
      continue;
    if (o == 1) {
      o = s;
    } else if (o == kDyn || s == kDyn) {
      o = o == kDyn && s != kDyn && s != 1 ? s : o;
    } else {
      return op->emitOpError() << "cannot broadcast " << x << " and " << y;
    }
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::compare(Operation *op, Types &results) {
  if (failed(elementwise(op, results)))
    return failure();
  if (auto out = dyn_cast<RankedTensorType>(results[0]))
    results[0] = out.clone(IntegerType::get(op->getContext(), 1));
  return success();
}

LogicalResult shape::logical(Operation *op, Types &results) {
  start(op, results);
  if (RankedTensorType x = ranked(op->getOperand(0)))
    results[0] = x.clone(IntegerType::get(op->getContext(), 1));
  return success();
}

LogicalResult shape::reduce(Operation *op, Types &results, StringRef dimName,
                            StringRef keepName) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t rank = x.getRank();
  SmallVector<bool> reduced(rank, boolAttr(op, "reduce_all"));
  SmallVector<int64_t> dims = intsAttr(op, dimName);
  if (dims.empty())
    reduced.assign(rank, true);
  for (int64_t d : dims) {
    int64_t axis = normalizeAxis(d, rank);
    if (axis < 0 || axis >= rank)
      return op->emitOpError() << "dim " << d << " is out of range for rank "
                               << rank;
    reduced[axis] = true;
  }
  bool keep = boolAttr(op, keepName);
  SmallVector<int64_t> out;
  for (int64_t i = 0; i < rank; ++i)
    if (!reduced[i])
      out.push_back(x.getDimSize(i));
    else if (keep)
      out.push_back(1);
  // out_dtype (-1: X's) is the type sums and products are made in.
  Type element = x.getElementType();
  if (int64_t code = intAttr(op, "out_dtype", -1); code >= 0) {
    element = elementTypeFromPaddle(op->getContext(), int32_t(code));
    if (!element)
      return op->emitOpError() << "out_dtype " << code << " is not a tensor type";
  }
  results[0] = RankedTensorType::get(out, element);
  return success();
}

LogicalResult shape::reduceLogic(Operation *op, Types &results) {
  if (failed(reduce(op, results)))
    return failure();
  if (auto out = dyn_cast<RankedTensorType>(results[0]))
    results[0] = out.clone(IntegerType::get(op->getContext(), 1));
  return success();
}

LogicalResult shape::size(Operation *op, Types &results) {
  start(op, results);
  auto declared = dyn_cast<RankedTensorType>(results[0]);
  bool one = declared && declared.getRank() == 1 && declared.getDimSize(0) == 1;
  results[0] = RankedTensorType::get(one ? ArrayRef<int64_t>{1} : ArrayRef<int64_t>{},
                                     IntegerType::get(op->getContext(), 64));
  return success();
}

LogicalResult shape::dot(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), y = ranked(op->getOperand(1));
  if (!x || !y)
    return success();
  if (x.getRank() != y.getRank() || x.getRank() < 1 || x.getRank() > 2)
    return op->emitOpError() << "takes two tensors of rank 1 or 2 and one shape, not "
                             << x << " and " << y;
  SmallVector<int64_t> out;
  for (int64_t d = 0; d < x.getRank(); ++d) {
    std::optional<int64_t> u = unify(x.getDimSize(d), y.getDimSize(d));
    if (!u)
      return op->emitOpError() << "takes two tensors of one shape, not " << x
                               << " and " << y;
    if (d + 1 < x.getRank())
      out.push_back(*u);
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::mul(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), y = ranked(op->getOperand(1));
  if (!x || !y)
    return success();
  int64_t xk = intAttr(op, "x_num_col_dims", 1);
  int64_t yk = intAttr(op, "y_num_col_dims", 1);
  if (xk < 1 || xk >= x.getRank() + 1 || yk < 1 || yk >= y.getRank() + 1)
    return op->emitOpError("num_col_dims out of range");
  int64_t inner = product(x.getShape().drop_front(xk));
  int64_t rows = product(y.getShape().take_front(yk));
  if (!unify(inner, rows))
    return op->emitOpError() << "X " << x << " flattens to " << inner
                             << " columns but Y " << y << " to " << rows
                             << " rows";
  SmallVector<int64_t> out(x.getShape().take_front(xk));
  out.append(y.getShape().begin() + yk, y.getShape().end());
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::matmul(Operation *op, StringRef transX, StringRef transY,
                            Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), y = ranked(op->getOperand(1));
  if (!x || !y)
    return success();
  SmallVector<int64_t> xs(x.getShape()), ys(y.getShape());
  bool xVector = xs.size() == 1, yVector = ys.size() == 1;
  // numpy: a 1-D operand is a row (X) or a column (Y), dropped afterwards.
  if (xVector)
    xs.insert(xs.begin(), 1);
  if (yVector)
    ys.push_back(1);
  if (boolAttr(op, transX) && !xVector)
    std::swap(xs[xs.size() - 1], xs[xs.size() - 2]);
  if (boolAttr(op, transY) && !yVector)
    std::swap(ys[ys.size() - 1], ys[ys.size() - 2]);
  if (!unify(xs.back(), ys[ys.size() - 2]))
    return op->emitOpError() << "inner dims differ: " << x << " and " << y;
  // Batch dims broadcast.
  ArrayRef<int64_t> xb = ArrayRef(xs).drop_back(2), yb = ArrayRef(ys).drop_back(2);
  size_t batch = std::max(xb.size(), yb.size());
  SmallVector<int64_t> out(batch, 1);
  for (size_t i = 0; i < batch; ++i) {
    int64_t a = i < batch - xb.size() ? 1 : xb[i - (batch - xb.size())];
    int64_t b = i < batch - yb.size() ? 1 : yb[i - (batch - yb.size())];
    if (a == 1)
      out[i] = b;
    else if (b == 1)
      out[i] = a;
    else if (auto d = unify(a, b))
      out[i] = *d;
    else
      return op->emitOpError() << "batch dims differ: " << x << " and " << y;
  }
  if (!xVector)
    out.push_back(xs[xs.size() - 2]);
  if (!yVector)
    out.push_back(ys.back());
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

/// Output size of one spatial dim of a convolution or pooling window, as
/// Paddle computes it (ConvOutputSize, PoolOutputSize): C++ division, which
/// truncates toward zero, so a window wider than a padded input of 1 can
/// still give 1 (a 2x2 pool with stride 2 on height 1). -1 when the result
/// is not positive or the attributes are not sizes.
static int64_t windowOut(int64_t in, int64_t kernel, int64_t stride,
                         int64_t padBefore, int64_t padAfter, int64_t dilation,
                         bool ceilMode) {
  if (in == kDyn || kernel == kDyn)
    return kDyn;
  int64_t span, num, out;
  if (kernel < 1 || stride < 1 || dilation < 1 || padBefore < 0 ||
      padAfter < 0 || __builtin_mul_overflow(dilation, kernel - 1, &span) ||
      __builtin_add_overflow(in, padBefore, &num) ||
      __builtin_add_overflow(num, padAfter, &num) ||
      __builtin_sub_overflow(num, span, &num) ||
      __builtin_sub_overflow(num, 1, &num) ||
      (ceilMode && __builtin_add_overflow(num, stride - 1, &num)))
    return -1;
  out = num / stride + 1;
  return out > 0 ? out : -1;
}

/// Paddle's padding of `in.size()` spatial dims: one value a dim
/// (symmetric) or two (before, after); SAME and VALID replace them. `pads`
/// gets before/after pairs, dim by dim.
static void paddingsFor(Operation *op, ArrayRef<int64_t> in,
                        ArrayRef<int64_t> window, ArrayRef<int64_t> strides,
                        ArrayRef<int64_t> dilations,
                        SmallVectorImpl<int64_t> &pads) {
  size_t dims = in.size();
  SmallVector<int64_t> given = intsAttr(op, "paddings");
  StringRef algorithm = strAttr(op, "padding_algorithm", "EXPLICIT");
  pads.assign(2 * dims, 0);
  if (algorithm == "VALID")
    return;
  if (algorithm == "SAME") {
    for (size_t i = 0; i < dims; ++i) {
      if (in[i] == kDyn || window[i] == kDyn || strides[i] < 1 ||
          dilations[i] < 1 || window[i] < 1 || in[i] > (int64_t(1) << 40) ||
          window[i] > (int64_t(1) << 20) || dilations[i] > (int64_t(1) << 20))
        continue; // windowOut judges the attributes
      int64_t out = (in[i] + strides[i] - 1) / strides[i];
      int64_t span = dilations[i] * (window[i] - 1) + 1;
      int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] + span - in[i]);
      pads[2 * i] = total / 2;
      pads[2 * i + 1] = total - total / 2;
    }
    return;
  }
  if (given.size() == dims)
    for (size_t i = 0; i < dims; ++i)
      pads[2 * i] = pads[2 * i + 1] = given[i];
  else if (given.size() == 2 * dims)
    pads.assign(given.begin(), given.end());
}

/// Whether a feature-map layout keeps channels last (NHWC, NDHWC).
static bool channelsLast(Operation *op, StringRef attr) {
  StringRef layout = strAttr(op, attr, "NCHW");
  return layout.size() > 2 && layout.ends_with("C");
}

/// The spatial dims of a feature map, channels first or last.
static SmallVector<int64_t> spatialDims(ArrayRef<int64_t> shape, bool last) {
  return SmallVector<int64_t>(last ? shape.drop_front().drop_back()
                                   : shape.drop_front(2));
}

/// [N, C, spatial...] or [N, spatial..., C].
static SmallVector<int64_t> featureMap(int64_t n, int64_t c,
                                       ArrayRef<int64_t> spatial, bool last) {
  SmallVector<int64_t> dims{n};
  if (!last)
    dims.push_back(c);
  dims.append(spatial.begin(), spatial.end());
  if (last)
    dims.push_back(c);
  return dims;
}

/// A convolution's input and filter (operand `filterAt`): null types while
/// either is unranked; an error when either does not have `spatial` + 2
/// dims.
using ConvOperands = std::pair<RankedTensorType, RankedTensorType>;
FailureOr<ConvOperands> convOperands(Operation *op, int64_t spatial,
                                     unsigned filterAt = 1) {
  RankedTensorType input = ranked(op->getOperand(0));
  RankedTensorType filter = ranked(op->getOperand(filterAt));
  if (!input || !filter)
    return ConvOperands{};
  if (input.getRank() != spatial + 2 || filter.getRank() != spatial + 2)
    return op->emitOpError() << "expects " << spatial + 2
                             << "-D input and filter, got " << input << " and "
                             << filter;
  return ConvOperands{input, filter};
}

/// A convolution's output over `spatialRank` dims, its filter operand
/// `filterAt`.
static LogicalResult convolutionOf(Operation *op, Types &results,
                                   int64_t spatialRank, unsigned filterAt) {
  start(op, results);
  FailureOr<ConvOperands> operands = convOperands(op, spatialRank, filterAt);
  if (failed(operands))
    return failure();
  auto [input, filter] = *operands;
  if (!input)
    return success();
  bool last = channelsLast(op, "data_format");
  ArrayRef<int64_t> in = input.getShape();
  int64_t n = in[0], c = last ? in.back() : in[1];
  SmallVector<int64_t> spatial = spatialDims(in, last);
  int64_t groups = intAttr(op, "groups", 1);
  if (groups < 1)
    return op->emitOpError("groups must be positive");
  if (c != kDyn && filter.getDimSize(1) != kDyn &&
      c != filter.getDimSize(1) * groups)
    return op->emitOpError() << "input has " << c << " channels but the filter "
                             << filter << " with groups " << groups
                             << " expects " << filter.getDimSize(1) * groups;
  SmallVector<int64_t> strides = intsAttr(op, "strides");
  SmallVector<int64_t> dilations = intsAttr(op, "dilations");
  if (int64_t(strides.size()) != spatialRank)
    strides.assign(spatialRank, 1);
  if (int64_t(dilations.size()) != spatialRank)
    dilations.assign(spatialRank, 1);
  SmallVector<int64_t> window(filter.getShape().drop_front(2));
  SmallVector<int64_t> pads;
  paddingsFor(op, spatial, window, strides, dilations, pads);
  SmallVector<int64_t> outSpatial;
  for (int64_t i = 0; i < spatialRank; ++i) {
    int64_t o = windowOut(spatial[i], window[i], strides[i], pads[2 * i],
                          pads[2 * i + 1], dilations[i], false);
    if (o == -1)
      return op->emitOpError()
             << "the filter is larger than the padded input " << input
             << " (or a stride, dilation or padding is not a size)";
    outSpatial.push_back(o);
  }
  results[0] = RankedTensorType::get(
      featureMap(n, filter.getDimSize(0), outSpatial, last),
      input.getElementType());
  return success();
}

LogicalResult shape::convolution(Operation *op, Types &results,
                                 int64_t spatialRank) {
  return convolutionOf(op, results, spatialRank, /*filterAt=*/1);
}

LogicalResult shape::deformableConv(Operation *op, Types &results) {
  return convolutionOf(op, results, 2, /*filterAt=*/2);
}

std::optional<SmallVector<int64_t>> shape::transposeConvPaddings(Operation *op) {
  if (strAttr(op, "padding_algorithm", "EXPLICIT") == "VALID")
    return SmallVector<int64_t>{0, 0, 0, 0};
  SmallVector<int64_t> p = intsAttr(op, "paddings");
  if (p.empty())
    return SmallVector<int64_t>{0, 0, 0, 0};
  if (p.size() == 2)
    return SmallVector<int64_t>{p[0], p[0], p[1], p[1]};
  if (p.size() == 4)
    return p;
  return std::nullopt;
}

LogicalResult shape::conv2dTranspose(Operation *op, Types &results) {
  start(op, results);
  FailureOr<ConvOperands> operands = convOperands(op, 2);
  if (failed(operands))
    return failure();
  auto [input, filter] = *operands;
  if (!input)
    return success();
  bool nhwc = channelsLast(op, "data_format");
  int64_t groups = intAttr(op, "groups", 1);
  int64_t c = input.getDimSize(nhwc ? 3 : 1);
  if (groups < 1)
    return op->emitOpError("groups must be positive");
  if (c != kDyn && filter.getDimSize(0) != kDyn && c != filter.getDimSize(0))
    return op->emitOpError() << "input has " << c << " channels but the filter "
                             << filter << " expects " << filter.getDimSize(0);
  SmallVector<int64_t> strides = intsAttr(op, "strides");
  SmallVector<int64_t> dilations = intsAttr(op, "dilations");
  SmallVector<int64_t> outputPadding = intsAttr(op, "output_padding");
  SmallVector<int64_t> outputSize = intsAttr(op, "output_size");
  std::optional<SmallVector<int64_t>> pads = transposeConvPaddings(op);
  if (strides.size() != 2 || dilations.size() != 2 || !pads ||
      !llvm::all_of(strides, [](int64_t s) { return s > 0; }) ||
      !llvm::all_of(dilations, [](int64_t d) { return d > 0; }) ||
      (!outputPadding.empty() && outputPadding.size() != 2) ||
      (!outputSize.empty() && outputSize.size() != 2))
    return op->emitOpError("strides, dilations, paddings, output_padding or "
                           "output_size have the wrong number of values");
  int64_t spatial[2] = {input.getDimSize(nhwc ? 1 : 2),
                        input.getDimSize(nhwc ? 2 : 3)};
  int64_t out[2];
  for (int i = 0; i < 2; ++i) {
    int64_t k = filter.getDimSize(2 + i);
    if (!outputSize.empty()) {
      out[i] = outputSize[i];
    } else if (spatial[i] == kDyn || k == kDyn) {
      out[i] = kDyn;
    } else {
      out[i] = (spatial[i] - 1) * strides[i] - (*pads)[2 * i] -
               (*pads)[2 * i + 1] + dilations[i] * (k - 1) + 1 +
               (outputPadding.empty() ? 0 : outputPadding[i]);
      if (out[i] < 1)
        return op->emitOpError() << "makes an empty output of " << input;
    }
  }
  int64_t oc = filter.getDimSize(1) == kDyn ? kDyn : filter.getDimSize(1) * groups;
  int64_t n = input.getDimSize(0);
  SmallVector<int64_t> dims = nhwc ? SmallVector<int64_t>{n, out[0], out[1], oc}
                                   : SmallVector<int64_t>{n, oc, out[0], out[1]};
  results[0] = RankedTensorType::get(dims, input.getElementType());
  return success();
}

LogicalResult shape::gridSample(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), grid = ranked(op->getOperand(1));
  if (!x || !grid)
    return success();
  int64_t rank = x.getRank();
  if ((rank != 4 && rank != 5) || grid.getRank() != rank ||
      (grid.getDimSize(rank - 1) != kDyn && grid.getDimSize(rank - 1) != rank - 2))
    return op->emitOpError() << "takes X [N, C, H, W] and Grid [N, OH, OW, 2] "
                                "(or 5-D with 3), not "
                             << x << " and " << grid;
  std::optional<int64_t> n = unify(x.getDimSize(0), grid.getDimSize(0));
  if (!n)
    return op->emitOpError() << "has X " << x << " and Grid " << grid
                             << " of different batches";
  SmallVector<int64_t> dims{*n, x.getDimSize(1)};
  for (int64_t d = 1; d + 1 < rank; ++d)
    dims.push_back(grid.getDimSize(d));
  results[0] = RankedTensorType::get(dims, x.getElementType());
  return success();
}

LogicalResult shape::affineGrid(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType theta = ranked(op->getOperand(0));
  if (!theta)
    return success();
  int64_t s = theta.getRank() == 3 ? theta.getDimSize(1) : kDyn;
  if ((s != 2 && s != 3) || theta.getDimSize(2) != s + 1)
    return op->emitOpError() << "takes Theta [N, 2, 3] or [N, 3, 4], not " << theta;
  SmallVector<int64_t> dims{theta.getDimSize(0)};
  SmallVector<int64_t> shape = intsAttr(op, "output_shape");
  if (op->getNumOperands() > 1) {
    dims.append(s, kDyn);
  } else if (int64_t(shape.size()) == s + 2) {
    dims.append(shape.begin() + 2, shape.end());
  } else {
    return op->emitOpError() << "output_shape has " << shape.size() << " values; Theta "
                             << theta << " takes " << s + 2;
  }
  dims.push_back(s);
  results[0] = RankedTensorType::get(dims, theta.getElementType());
  return success();
}

FailureOr<SmallVector<double>> shape::interpolationScales(Operation *op,
                                                         int64_t spatial) {
  Attribute attr = op->getAttr("scale");
  SmallVector<double> scale = floatValues(attr).value_or(SmallVector<double>{});
  if (isa_and_nonnull<FloatAttr>(attr)) { // fluid's v1 ops: one for all
    if (scale.empty() || scale[0] <= 0)
      return SmallVector<double>{};
    return SmallVector<double>(spatial, scale[0]);
  }
  if (int64_t(scale.size()) < (spatial == 1 ? 1 : 2))
    return SmallVector<double>{};
  if (int64_t(scale.size()) < spatial)
    return op->emitOpError() << "has " << scale.size() << " scale values for "
                             << spatial << " spatial dims";
  scale.resize(spatial);
  if (llvm::any_of(scale, [](double v) { return v <= 0; }))
    return SmallVector<double>{};
  return scale;
}

LogicalResult shape::interpolate(Operation *op, Types &results,
                                 ArrayRef<int64_t> ranks) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t rank = x.getRank();
  if (!llvm::is_contained(ranks, rank)) {
    InFlightDiagnostic diag = op->emitOpError("resizes ");
    llvm::interleave(ranks, diag, " or ");
    return diag << "-D tensors, not " << x;
  }
  // Paddle names the spatial sizes out_w, out_h out_w, out_d out_h out_w;
  // its kernels read `scale` when it has one value (1 spatial dim) or more
  // than one (2 or 3), all positive.
  int64_t spatial = rank - 2;
  bool channelLast = strAttr(op, "data_layout", "NCHW") == "NHWC";
  int64_t first = channelLast ? 1 : 2;
  static const char *const names[] = {"out_d", "out_h", "out_w"};
  SmallVector<int64_t> dims(x.getShape());
  bool sizeFromTensors = op->getNumOperands() > 1;
  FailureOr<SmallVector<double>> scale = interpolationScales(op, spatial);
  if (failed(scale))
    return failure();
  bool scaled = !scale->empty();
  for (int64_t i = 0; i < spatial; ++i) {
    int64_t in = x.getDimSize(first + i);
    int64_t attr = intAttr(op, names[3 - spatial + i], -1);
    int64_t &out = dims[first + i];
    if (sizeFromTensors)
      out = kDyn;
    else if (scaled)
      out = in == kDyn ? kDyn : int64_t(float(in) * float((*scale)[i]));
    else if (attr > 0)
      out = attr;
    else
      return op->emitOpError() << "has no output size: no OutSize, Scale or "
                                  "SizeTensor input, no scale and no "
                               << names[3 - spatial + i];
    if (out == 0)
      return op->emitOpError() << "resizes " << x << " to an empty image";
  }
  results[0] = RankedTensorType::get(dims, x.getElementType());
  return success();
}

LogicalResult shape::pooling(Operation *op, Types &results,
                             int64_t spatialRank) {
  start(op, results);
  RankedTensorType input = ranked(op->getOperand(0));
  if (!input)
    return success();
  if (input.getRank() != spatialRank + 2)
    return op->emitOpError() << "expects a " << spatialRank + 2
                             << "-D input, got " << input;
  bool last = channelsLast(op, "data_format");
  ArrayRef<int64_t> in = input.getShape();
  SmallVector<int64_t> spatial = spatialDims(in, last);
  SmallVector<int64_t> ksize = intsAttr(op, "ksize");
  if (int64_t(ksize.size()) != spatialRank)
    return op->emitOpError() << "ksize must have " << spatialRank << " values";
  SmallVector<int64_t> outSpatial;
  if (boolAttr(op, "global_pooling")) {
    outSpatial.assign(spatialRank, 1);
  } else if (boolAttr(op, "adaptive")) {
    outSpatial = ksize;
  } else {
    SmallVector<int64_t> strides = intsAttr(op, "strides");
    if (int64_t(strides.size()) != spatialRank)
      strides.assign(spatialRank, 1);
    SmallVector<int64_t> ones(spatialRank, 1), pads;
    paddingsFor(op, spatial, ksize, strides, ones, pads);
    for (int64_t i = 0; i < spatialRank; ++i) {
      int64_t o = windowOut(spatial[i], ksize[i], strides[i], pads[2 * i],
                            pads[2 * i + 1], 1, boolAttr(op, "ceil_mode"));
      if (o == -1)
        return op->emitOpError()
               << "the window is larger than the padded input " << input
               << " (or a stride or padding is not a size)";
      outSpatial.push_back(o);
    }
  }
  int64_t c = last ? in.back() : in[1];
  results[0] = RankedTensorType::get(featureMap(in[0], c, outSpatial, last),
                                     input.getElementType());
  return success();
}

LogicalResult shape::maxPoolWithIndex(Operation *op, Types &results,
                                      int64_t spatialRank) {
  if (failed(pooling(op, results, spatialRank)))
    return failure();
  if (auto out = dyn_cast_if_present<RankedTensorType>(results[0]))
    results[1] = RankedTensorType::get(out.getShape(),
                                       IntegerType::get(op->getContext(), 32));
  return success();
}

LogicalResult shape::reshape(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  setXShape(op, x, results);
  SmallVector<int64_t> spec = intsAttr(op, "shape");
  // A shape given by tensors is known at run time only.
  if (op->getNumOperands() > 1) {
    if (!spec.empty())
      results[0] = RankedTensorType::get(SmallVector<int64_t>(spec.size(), kDyn),
                                         x.getElementType());
    return success();
  }
  SmallVector<int64_t> out;
  int inferred = -1;
  for (auto [i, d] : llvm::enumerate(spec)) {
    if (d == 0) {
      if (int64_t(i) >= x.getRank())
        return op->emitOpError() << "shape[" << i << "] = 0 copies a dim "
                                 << x << " does not have";
      out.push_back(x.getDimSize(i));
    } else if (d == -1) {
      if (inferred >= 0)
        return op->emitOpError("shape has more than one -1");
      inferred = i;
      out.push_back(kDyn);
    } else if (d > 0) {
      out.push_back(d);
    } else {
      return op->emitOpError() << "invalid shape value " << d;
    }
  }
  int64_t total = product(x.getShape());
  int64_t known = product(out);
  if (inferred >= 0) {
    SmallVector<int64_t> others(out);
    others.erase(others.begin() + inferred);
    int64_t rest = product(others);
    if (total != kDyn && rest != kDyn && rest != 0) {
      if (total % rest)
        return op->emitOpError() << "cannot reshape " << x << " to "
                                 << "the requested shape";
      out[inferred] = total / rest;
    }
  } else if (total != kDyn && known != kDyn && total != known) {
    return op->emitOpError() << "cannot reshape " << x << " (" << total
                             << " elements) to " << known << " elements";
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::transpose(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  setXShape(op, x, results);
  SmallVector<int64_t> perm = intsAttr(op, "axis");
  if (int64_t(perm.size()) != x.getRank())
    return op->emitOpError() << "axis has " << perm.size()
                             << " entries for a rank-" << x.getRank()
                             << " input";
  SmallVector<int64_t> out;
  SmallVector<bool> seen(perm.size());
  for (int64_t p : perm) {
    p = normalizeAxis(p, x.getRank());
    if (p < 0 || p >= x.getRank() || seen[p])
      return op->emitOpError("axis is not a permutation");
    seen[p] = true;
    out.push_back(x.getDimSize(p));
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::flatten(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  setXShape(op, x, results);
  int64_t rank = x.getRank();
  if (rank == 0) {
    results[0] = RankedTensorType::get({1}, x.getElementType());
    return success();
  }
  int64_t start = normalizeAxis(intAttr(op, "start_axis", 1), rank);
  int64_t stop = normalizeAxis(intAttr(op, "stop_axis", -1), rank);
  if (start < 0 || stop >= rank || start > stop)
    return op->emitOpError() << "start_axis/stop_axis do not fit " << x;
  SmallVector<int64_t> out(x.getShape().take_front(start));
  out.push_back(product(x.getShape().slice(start, stop - start + 1)));
  out.append(x.getShape().begin() + stop + 1, x.getShape().end());
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::squeeze(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  setXShape(op, x, results);
  SmallVector<int64_t> axes = intsAttr(op, "axes");
  SmallVector<bool> drop(x.getRank());
  if (axes.empty()) {
    for (int64_t i = 0; i < x.getRank(); ++i)
      drop[i] = x.getDimSize(i) == 1;
  } else {
    for (int64_t a : axes) {
      a = normalizeAxis(a, x.getRank());
      if (a < 0 || a >= x.getRank())
        return op->emitOpError() << "axis out of range for " << x;
      // Paddle leaves a dim that is not 1 in place.
      drop[a] = x.getDimSize(a) == 1;
    }
  }
  SmallVector<int64_t> out;
  for (int64_t i = 0; i < x.getRank(); ++i)
    if (!drop[i])
      out.push_back(x.getDimSize(i));
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::unsqueeze(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  setXShape(op, x, results);
  if (op->getNumOperands() > 1)
    return success(); // axes given by tensors
  SmallVector<int64_t> out(x.getShape());
  for (int64_t a : intsAttr(op, "axes")) {
    int64_t rank = out.size();
    a = a < 0 ? a + rank + 1 : a;
    if (a < 0 || a > rank)
      return op->emitOpError() << "axis out of range for " << x;
    out.insert(out.begin() + a, 1);
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::concat(Operation *op, Types &results) {
  start(op, results);
  // The tensors are the leading operands; an AxisTensor would be extra.
  unsigned n = op->getNumOperands();
  if (auto segments = op->getInherentAttr("operandSegmentSizes"))
    n = llvm::cast<DenseI32ArrayAttr>(*segments)[0];
  if (n == 0 || n != op->getNumOperands())
    return success();
  RankedTensorType first = ranked(op->getOperand(0));
  if (!first)
    return success();
  int64_t axis = normalizeAxis(intAttr(op, "axis", 0), first.getRank());
  if (axis < 0 || axis >= first.getRank())
    return op->emitOpError() << "axis out of range for " << first;
  SmallVector<int64_t> out(first.getShape());
  for (unsigned i = 1; i < n; ++i) {
    RankedTensorType t = ranked(op->getOperand(i));
    if (!t)
      return success();
    if (t.getRank() != first.getRank())
      return op->emitOpError() << "concatenates " << first << " and " << t;
    for (int64_t d = 0; d < t.getRank(); ++d) {
      if (d == axis) {
        out[d] = out[d] == kDyn || t.getDimSize(d) == kDyn
                     ? kDyn
                     : out[d] + t.getDimSize(d);
      } else if (auto u = unify(out[d], t.getDimSize(d))) {
        out[d] = *u;
      } else {
        return op->emitOpError() << "concatenates " << first << " and " << t
                                 << ": dim " << d << " differs";
      }
    }
  }
  results[0] = RankedTensorType::get(out, first.getElementType());
  return success();
}

LogicalResult shape::split(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x || op->getNumOperands() > 1)
    return success(); // the axis or the sections given by tensors
  int64_t axis = normalizeAxis(intAttr(op, "axis", 0), x.getRank());
  if (axis < 0 || axis >= x.getRank())
    return op->emitOpError() << "axis out of range for " << x;
  int64_t parts = op->getNumResults(), num = intAttr(op, "num", 0);
  int64_t dim = x.getDimSize(axis);
  SmallVector<int64_t> sizes;
  if (num > 0) {
    if (num != parts)
      return op->emitOpError() << "splits into " << num << " parts but has "
                               << parts << " outputs";
    if (dim != kDyn && dim % num)
      return op->emitOpError() << "cannot split dim " << axis << " of " << x
                               << " into " << num << " equal parts";
    sizes.assign(parts, dim == kDyn ? kDyn : dim / num);
  } else {
    sizes = intsAttr(op, "sections");
    if (int64_t(sizes.size()) != parts)
      return op->emitOpError() << "has " << sizes.size() << " sections but "
                               << parts << " outputs";
    int64_t known = 0, inferred = -1;
    for (auto [i, size] : llvm::enumerate(sizes)) {
      if (size == -1 && inferred < 0)
        inferred = i;
      else if (size < 0)
        return op->emitOpError("sections may hold one -1 and sizes >= 0");
      else
        known += size;
    }
    if (dim != kDyn && (inferred >= 0 ? known > dim : known != dim))
      return op->emitOpError() << "sections of " << known << " do not fit dim "
                               << axis << " of " << x;
    if (inferred >= 0)
      sizes[inferred] = dim == kDyn ? kDyn : dim - known;
  }
  for (int64_t i = 0; i < parts; ++i) {
    SmallVector<int64_t> out(x.getShape());
    out[axis] = sizes[i];
    results[i] = RankedTensorType::get(out, x.getElementType());
  }
  return success();
}

LogicalResult shape::argMinMax(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  bool keep = boolAttr(op, "keepdims");
  int64_t code = intAttr(op, "dtype", 3);
  if (code != 2 && code != 3)
    return op->emitOpError() << "dtype " << code
                             << " is not int32 (2) or int64 (3)";
  Type index = IntegerType::get(op->getContext(), code == 2 ? 32 : 64);
  SmallVector<int64_t> out;
  if (boolAttr(op, "flatten")) {
    if (keep)
      out.assign(x.getRank(), 1);
  } else {
    int64_t rank = x.getRank();
    int64_t axis = normalizeAxis(intAttr(op, "axis", -1), rank);
    if (rank == 0 ? axis != 0 && axis != -1 : axis < 0 || axis >= rank)
      return op->emitOpError() << "axis " << intAttr(op, "axis", -1)
                               << " is out of range for " << x;
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis)
        out.push_back(x.getDimSize(i));
      else if (keep)
        out.push_back(1);
  }
  results[0] = RankedTensorType::get(out, index);
  return success();
}

LogicalResult shape::topK(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t rank = x.getRank();
  int64_t axis = normalizeAxis(intAttr(op, "axis", -1), rank);
  if (axis < 0 || axis >= rank)
    return op->emitOpError() << "axis " << intAttr(op, "axis", -1)
                             << " is out of range for " << x;
  SmallVector<int64_t> out(x.getShape());
  StringRef name = op->getName().getStringRef();
  if (name == "pd.top_k_v2" || name == "pd.top_k") {
    int64_t k = intAttr(op, "k", 1);
    if (op->getNumOperands() > 1) {
      out[axis] = kDyn; // K given by a tensor
    } else if (k < 1 || (out[axis] != kDyn && k > out[axis])) {
      return op->emitOpError() << "k " << k << " is not in [1, " << out[axis]
                               << "] for " << x;
    } else {
      out[axis] = k;
    }
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  results[1] = RankedTensorType::get(out, IntegerType::get(op->getContext(), 64));
  return success();
}

LogicalResult shape::cumsum(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  if (boolAttr(op, "flatten")) {
    results[0] = RankedTensorType::get({product(x.getShape())}, x.getElementType());
    return success();
  }
  int64_t rank = x.getRank(), axis = intAttr(op, "axis", -1);
  int64_t at = normalizeAxis(axis, rank);
  if (rank > 0 && (at < 0 || at >= rank))
    return op->emitOpError() << "axis " << axis << " is out of range for " << x;
  results[0] = x;
  return success();
}

LogicalResult shape::where(Operation *op, Types &results) {
  start(op, results);
  SmallVector<int64_t> out;
  for (Value v : op->getOperands()) {
    RankedTensorType t = ranked(v);
    if (!t)
      return success();
    // numpy's broadcast: align at the end.
    ArrayRef<int64_t> dims = t.getShape();
    if (dims.size() > out.size())
      out.insert(out.begin(), dims.size() - out.size(), 1);
    for (size_t i = 0; i < dims.size(); ++i) {
      int64_t &o = out[out.size() - dims.size() + i];
      int64_t d = dims[i];
      if (d == 1 || d == o)
        continue;
      if (o == 1)
        o = d;
      else if (o == kDyn || d == kDyn)
        o = o == kDyn ? d : o;
      else
        return op->emitOpError() << "cannot broadcast the shapes of its operands";
    }
  }
  results[0] = RankedTensorType::get(out, ranked(op->getOperand(1)).getElementType());
  return success();
}

/// X with dim `axisName` the length of the 1-D Index (operand 1).
static LogicalResult gatherAlong(Operation *op, StringRef axisName,
                                 int64_t fallback, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), index = ranked(op->getOperand(1));
  if (!x || !index || op->getNumOperands() > 2)
    return success(); // the axis given by a tensor
  if (index.getRank() > 1 && !(index.getRank() == 2 && index.getDimSize(1) == 1))
    return op->emitOpError() << "takes a 1-D Index, not " << index;
  if (!isa<IntegerType>(index.getElementType()))
    return op->emitOpError() << "takes an integer Index, not " << index;
  int64_t axis = normalizeAxis(intAttr(op, axisName, fallback), x.getRank());
  if (axis < 0 || axis >= x.getRank())
    return op->emitOpError() << axisName << " out of range for " << x;
  SmallVector<int64_t> out(x.getShape());
  out[axis] = index.getRank() == 0 ? 1 : index.getDimSize(0);
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::gather(Operation *op, Types &results) {
  return gatherAlong(op, "axis", 0, results);
}

LogicalResult shape::indexSelect(Operation *op, Types &results) {
  return gatherAlong(op, "dim", 0, results);
}

LogicalResult shape::pad(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  SmallVector<int64_t> pads = intsAttr(op, "paddings");
  if (int64_t(pads.size()) != 2 * x.getRank() ||
      llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return op->emitOpError() << "takes 2 paddings per dim of " << x
                             << " (before, after), none negative";
  SmallVector<int64_t> out(x.getShape());
  for (auto [i, d] : llvm::enumerate(out))
    if (d != kDyn)
      d += pads[2 * i] + pads[2 * i + 1];
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::pad3d(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x || op->getNumOperands() > 1)
    return success(); // the paddings given by a tensor
  if (x.getRank() != 5)
    return op->emitOpError() << "pads 5-D tensors, not " << x;
  SmallVector<int64_t> pads = intsAttr(op, "paddings");
  if (pads.size() != 6 || llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return op->emitOpError("takes 6 paddings, none negative");
  // [left, right, top, bottom, front, back] pad W, H, D.
  bool channelsLast = strAttr(op, "data_format", "NCDHW") == "NDHWC";
  int64_t w = channelsLast ? 3 : 4;
  SmallVector<int64_t> out(x.getShape());
  for (int64_t i = 0; i < 3; ++i) {
    int64_t &d = out[w - i];
    if (d != kDyn)
      d += pads[2 * i] + pads[2 * i + 1];
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::pNorm(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t rank = x.getRank();
  bool keep = boolAttr(op, "keepdim");
  SmallVector<int64_t> out;
  if (boolAttr(op, "asvector") || rank == 0) {
    out.assign(keep ? rank : 0, 1);
  } else {
    int64_t axis = normalizeAxis(intAttr(op, "axis", -1), rank);
    if (axis < 0 || axis >= rank)
      return op->emitOpError() << "axis out of range for " << x;
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis)
        out.push_back(x.getDimSize(i));
      else if (keep)
        out.push_back(1);
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::affineChannel(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  StringRef layout = strAttr(op, "data_layout", "NCHW");
  if (layout != "NCHW" && layout != "NHWC" && layout != "AnyLayout")
    return op->emitOpError() << "data_layout '" << layout
                             << "' is not NCHW, NHWC or AnyLayout";
  if (x.getRank() < 2)
    return op->emitOpError() << "needs a channel dim; X is " << x;
  int64_t channels = x.getDimSize(layout == "NHWC" ? x.getRank() - 1 : 1);
  for (unsigned i : {1u, 2u}) {
    RankedTensorType p = ranked(op->getOperand(i));
    if (p && (p.getRank() != 1 || !unify(p.getDimSize(0), channels)))
      return op->emitOpError() << (i == 1 ? "Scale " : "Bias ") << p
                               << " is not one value per channel of " << x;
  }
  results[0] = x;
  return success();
}

LogicalResult shape::dataNorm(Operation *op, Value xValue, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(xValue);
  if (!x)
    return success();
  if (x.getRank() != 2)
    return op->emitOpError() << "takes a 2-D X, as Paddle's kernel does; X is " << x;
  int64_t columns = x.getDimSize(1);
  for (Value statistic : op->getOperands()) {
    RankedTensorType p = ranked(statistic);
    if (statistic != xValue && p &&
        (p.getRank() != 1 || !unify(p.getDimSize(0), columns)))
      return op->emitOpError() << "takes one statistic per column of " << x
                               << ", not " << p;
  }
  results[0] = x;
  for (unsigned i = 1; i < results.size(); ++i)
    results[i] = RankedTensorType::get({columns}, x.getElementType());
  return success();
}

LogicalResult shape::l2Normalize(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t axis = normalizeAxis(intAttr(op, "axis", 0), x.getRank());
  if (axis < 0 || axis >= x.getRank())
    return op->emitOpError() << "axis out of range for " << x;
  SmallVector<int64_t> norm(x.getShape());
  norm[axis] = 1;
  results[0] = x;
  // With is_test Paddle leaves Norm unset (PIR declares it 0-D).
  if (results.size() > 1 && !boolAttr(op, "is_test"))
    results[1] = RankedTensorType::get(norm, x.getElementType());
  return success();
}

LogicalResult shape::partial(Operation *op, Types &results, bool concatenated) {
  start(op, results);
  if (op->getNumOperands() == 0)
    return op->emitOpError("takes no tensors");
  SmallVector<int64_t> dims{kDyn, kDyn};
  Type element;
  for (Value v : op->getOperands()) {
    RankedTensorType t = ranked(v);
    if (!t)
      return success();
    if (t.getRank() != 2 || (element && t.getElementType() != element))
      return op->emitOpError() << "takes [N, D] tensors of one type, not " << t;
    element = t.getElementType();
    for (int64_t d = 0; d < 2; ++d) {
      std::optional<int64_t> u = unify(dims[d], t.getDimSize(d));
      if (!u)
        return op->emitOpError() << "takes tensors of one shape; dim " << d
                                 << " of " << t << " differs";
      dims[d] = *u;
    }
  }
  int64_t start = intAttr(op, "start_index", 0), length = intAttr(op, "length", -1);
  int64_t width = kDyn;
  if (dims[1] != kDyn) {
    if (start < -dims[1] || start >= dims[1])
      return op->emitOpError() << "start_index " << start << " is outside "
                               << dims[1] << " columns";
    if (start < 0)
      start += dims[1];
    if (length < 0)
      length = dims[1] - start;
    if (length == 0 || start + length > dims[1])
      return op->emitOpError() << "columns [" << start << ", " << start + length
                               << ") are not inside " << dims[1];
    width = length;
  } else if (length > 0) {
    width = length;
  }
  if (concatenated && width != kDyn)
    width *= int64_t(op->getNumOperands());
  results[0] = RankedTensorType::get({dims[0], width}, element);
  return success();
}

LogicalResult shape::expand(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x || op->getNumOperands() > 1)
    return success(); // the shape given by tensors
  SmallVector<int64_t> shape = intsAttr(op, "shape");
  int64_t rank = x.getRank();
  if (int64_t(shape.size()) < rank)
    return op->emitOpError() << "shape has " << shape.size()
                             << " dims, fewer than " << x;
  int64_t lead = shape.size() - rank;
  SmallVector<int64_t> out;
  for (auto [i, d] : llvm::enumerate(shape)) {
    int64_t own = int64_t(i) >= lead ? x.getDimSize(i - lead) : 1;
    if (d == -1) {
      if (int64_t(i) < lead)
        return op->emitOpError("shape has -1 for a dim X does not have");
      out.push_back(own);
    } else if (d < 1 && !(d == 0 && own == 0)) {
      return op->emitOpError() << "shape has " << d << "; dims are -1 or positive";
    } else if (own != 1 && own != kDyn && own != d) {
      return op->emitOpError() << "cannot expand " << x << " to a dim of " << d;
    } else {
      out.push_back(d);
    }
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::tile(Operation *op, Types &results, StringRef countsName) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x || op->getNumOperands() > 1)
    return success(); // the repeats given by tensors
  SmallVector<int64_t> repeats = intsAttr(op, countsName);
  for (int64_t r : repeats)
    if (r < 1)
      return op->emitOpError() << countsName << " holds " << r
                               << "; each must be at least 1";
  SmallVector<int64_t> dims(x.getShape());
  size_t rank = std::max(dims.size(), repeats.size());
  dims.insert(dims.begin(), rank - dims.size(), 1);
  repeats.insert(repeats.begin(), rank - repeats.size(), 1);
  for (size_t i = 0; i < rank; ++i)
    dims[i] = dims[i] == kDyn ? kDyn : dims[i] * repeats[i];
  results[0] = RankedTensorType::get(dims, x.getElementType());
  return success();
}

LogicalResult shape::pixelShuffle(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t r = intAttr(op, "upscale_factor", 1);
  bool nhwc = strAttr(op, "data_format", "NCHW") == "NHWC";
  if (x.getRank() != 4 || r < 1)
    return op->emitOpError() << "takes a 4-D X and an upscale_factor of at "
                                "least 1, not "
                             << x << " and " << r;
  int64_t c = x.getDimSize(nhwc ? 3 : 1);
  if (c != kDyn && c % (r * r))
    return op->emitOpError() << "has " << c << " channels, not a multiple of "
                             << r * r;
  auto scaled = [&](int64_t d) { return d == kDyn ? kDyn : d * r; };
  int64_t oc = c == kDyn ? kDyn : c / (r * r);
  int64_t n = x.getDimSize(0);
  int64_t h = scaled(x.getDimSize(nhwc ? 1 : 2)), w = scaled(x.getDimSize(nhwc ? 2 : 3));
  SmallVector<int64_t> out = nhwc ? SmallVector<int64_t>{n, h, w, oc}
                                  : SmallVector<int64_t>{n, oc, h, w};
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::flatten2(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  setXShape(op, x, results);
  int64_t axis = intAttr(op, "axis", 1);
  if (axis < 0 || axis > x.getRank())
    return op->emitOpError() << "axis " << axis << " is out of range for " << x;
  results[0] = RankedTensorType::get({product(x.getShape().take_front(axis)),
                                      product(x.getShape().drop_front(axis))},
                                     x.getElementType());
  return success();
}

LogicalResult shape::meshgrid(Operation *op, Types &results) {
  start(op, results);
  if (op->getNumOperands() != op->getNumResults())
    return op->emitOpError() << "has " << op->getNumOperands() << " inputs but "
                             << op->getNumResults() << " outputs";
  SmallVector<int64_t> dims;
  for (Value v : op->getOperands()) {
    RankedTensorType t = ranked(v);
    if (!t)
      return success();
    if (t.getRank() > 1)
      return op->emitOpError() << "takes 1-D tensors, not " << t;
    dims.push_back(t.getRank() == 0 ? 1 : t.getDimSize(0));
  }
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    results[i] = RankedTensorType::get(dims, ranked(v).getElementType());
  return success();
}

LogicalResult shape::fillBatchSizeLike(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType input = ranked(op->getOperand(0));
  if (!input)
    return success();
  Type element = elementTypeFromPaddle(op->getContext(),
                                       int32_t(intAttr(op, "dtype", 5)));
  if (!element)
    return op->emitOpError() << "dtype " << intAttr(op, "dtype", 5)
                             << " is not a tensor type";
  SmallVector<int64_t> dims = intsAttr(op, "shape");
  int64_t in = intAttr(op, "input_dim_idx", 0), out = intAttr(op, "output_dim_idx", 0);
  if (in < 0 || in >= input.getRank() || out < 0 || out >= int64_t(dims.size()))
    return op->emitOpError() << "input_dim_idx " << in << " or output_dim_idx "
                             << out << " is out of range";
  for (int64_t &d : dims)
    if (d < 0)
      d = kDyn;
  dims[out] = input.getDimSize(in);
  results[0] = RankedTensorType::get(dims, element);
  return success();
}

LogicalResult shape::yoloBox(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), size = ranked(op->getOperand(1));
  if (!x || !size)
    return success();
  int64_t anchors = intsAttr(op, "anchors").size();
  int64_t classes = intAttr(op, "class_num", 0);
  if (anchors == 0 || anchors % 2 || classes < 1)
    return op->emitOpError("needs anchor pairs and a class_num of at least 1");
  if (x.getRank() != 4 || size.getRank() != 2)
    return op->emitOpError() << "takes X [N, C, H, W] and ImgSize [N, 2], not "
                             << x << " and " << size;
  // iou_aware: one IoU channel per anchor before the anchors' entries.
  bool iouAware = boolAttr(op, "iou_aware");
  int64_t a = anchors / 2, c = x.getDimSize(1);
  int64_t channels = a * (5 + classes) + (iouAware ? a : 0);
  if (c != kDyn && c != channels)
    return op->emitOpError() << "has " << c << " channels; " << a
                             << " anchors of " << classes << " classes take "
                             << channels << (iouAware ? " with iou_aware" : "");
  int64_t boxes = product({a, x.getDimSize(2), x.getDimSize(3)});
  results[0] = RankedTensorType::get({x.getDimSize(0), boxes, 4}, x.getElementType());
  results[1] = RankedTensorType::get({x.getDimSize(0), boxes, classes},
                                     x.getElementType());
  return success();
}

SmallVector<float> shape::priorAspectRatios(ArrayRef<float> given, bool flip) {
  SmallVector<float> ratios{1.0f};
  for (float r : given) {
    if (llvm::any_of(ratios, [&](float e) { return std::fabs(r - e) < 1e-6; }))
      continue;
    ratios.push_back(r);
    if (flip)
      ratios.push_back(1.0f / r);
  }
  return ratios;
}

LogicalResult shape::priorBox(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType input = ranked(op->getOperand(0)), image = ranked(op->getOperand(1));
  if (!input || !image)
    return success();
  if (input.getRank() != 4 || image.getRank() != 4)
    return op->emitOpError() << "takes a 4-D Input and Image, not " << input
                             << " and " << image;
  auto floats = [&](StringRef name) {
    SmallVector<float> v;
    if (auto values = floatValues(op->getAttr(name)))
      for (double d : *values)
        v.push_back(float(d));
    return v;
  };
  SmallVector<float> minSizes = floats("min_sizes"), maxSizes = floats("max_sizes");
  if (minSizes.empty() || (!maxSizes.empty() && maxSizes.size() != minSizes.size()))
    return op->emitOpError("needs min_sizes, and as many max_sizes or none");
  if (floats("variances").size() != 4)
    return op->emitOpError("needs 4 variances");
  int64_t priors = int64_t(priorAspectRatios(floats("aspect_ratios"),
                                             boolAttr(op, "flip")).size()) *
                       int64_t(minSizes.size()) +
                   int64_t(maxSizes.size());
  auto type = RankedTensorType::get(
      {input.getDimSize(2), input.getDimSize(3), priors, 4}, input.getElementType());
  results[0] = results[1] = type;
  return success();
}

LogicalResult shape::boxCoder(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType prior = ranked(op->getOperand(0));
  RankedTensorType target = ranked(op->getOperand(op->getNumOperands() - 1));
  if (!prior || !target)
    return success();
  if (prior.getRank() != 2 || !unify(prior.getDimSize(1), 4))
    return op->emitOpError() << "takes PriorBox [M, 4], not " << prior;
  StringRef code = strAttr(op, "code_type", "encode_center_size");
  if (code == "decode_center_size") {
    if (target.getRank() != 3 || !unify(target.getDimSize(2), 4))
      return op->emitOpError() << "decodes TargetBox [N, M, 4], not " << target;
    int64_t axis = intAttr(op, "axis", 0);
    if (axis != 0 && axis != 1)
      return op->emitOpError() << "axis " << axis << " is not 0 or 1";
    if (!unify(prior.getDimSize(0), target.getDimSize(axis == 0 ? 1 : 0)))
      return op->emitOpError() << "has PriorBox " << prior << " and TargetBox "
                               << target << " of different box counts";
    results[0] = target;
    return success();
  }
  if (code != "encode_center_size")
    return op->emitOpError() << "code_type '" << code << "' is not encode_center_size "
                             << "or decode_center_size";
  if (target.getRank() != 2 || !unify(target.getDimSize(1), 4))
    return op->emitOpError() << "encodes TargetBox [N, 4], not " << target;
  results[0] = RankedTensorType::get(
      {target.getDimSize(0), prior.getDimSize(0), 4}, target.getElementType());
  return success();
}

LogicalResult shape::multiclassNms(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType boxes = ranked(op->getOperand(0)), scores = ranked(op->getOperand(1));
  if (!boxes || !scores)
    return success();
  if (op->getNumOperands() > 2)
    return op->emitOpError("with RoisNum (boxes given per RoI) is not supported");
  if (boxes.getRank() != 3 || boxes.getDimSize(2) != 4 || scores.getRank() != 3)
    return op->emitOpError() << "takes BBoxes [N, M, 4] and Scores [N, C, M], not "
                             << boxes << " and " << scores;
  if (!unify(boxes.getDimSize(0), scores.getDimSize(0)) ||
      !unify(boxes.getDimSize(1), scores.getDimSize(2)))
    return op->emitOpError() << "has BBoxes " << boxes << " and Scores " << scores
                             << " of different images or boxes";
  Type i32 = IntegerType::get(op->getContext(), 32);
  results[0] = RankedTensorType::get({kDyn, 6}, boxes.getElementType());
  results[1] = RankedTensorType::get({kDyn, 1}, i32);
  results[2] = RankedTensorType::get({*unify(boxes.getDimSize(0), scores.getDimSize(0))}, i32);
  return success();
}

LogicalResult shape::whereIndex(Operation *op, Types &results) {
  start(op, results);
  if (RankedTensorType condition = ranked(op->getOperand(0)))
    results[0] = RankedTensorType::get({kDyn, condition.getRank()},
                                       IntegerType::get(op->getContext(), 64));
  return success();
}

LogicalResult shape::maskedSelect(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), mask = ranked(op->getOperand(1));
  if (!x || !mask)
    return success();
  bool same = x.getRank() == mask.getRank() &&
              llvm::all_of(llvm::zip(x.getShape(), mask.getShape()), [](auto dims) {
                return unify(std::get<0>(dims), std::get<1>(dims)).has_value();
              });
  if (!same)
    return op->emitOpError() << "takes X and Mask of one shape, not " << x
                             << " and " << mask;
  results[0] = RankedTensorType::get({kDyn}, x.getElementType());
  return success();
}

LogicalResult shape::unique(Operation *op, Types &results,
                            std::array<bool, 3> present) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t code = intAttr(op, "dtype", 3);
  if (code != 2 && code != 3)
    return op->emitOpError() << "dtype " << code << " is not int32 (2) or int64 (3)";
  Type index = IntegerType::get(op->getContext(), code == 2 ? 32 : 64);
  SmallVector<int64_t> axes = intsAttr(op, "axis");
  SmallVector<int64_t> outDims{kDyn};
  int64_t inverseSize = product(x.getShape());
  if (!axes.empty()) {
    int64_t axis = normalizeAxis(axes[0], x.getRank());
    if (axes.size() != 1 || axis < 0 || axis >= x.getRank())
      return op->emitOpError() << "axis must be one dim of " << x;
    outDims.assign(x.getShape().begin(), x.getShape().end());
    outDims[axis] = kDyn;
    inverseSize = x.getDimSize(axis);
  }
  results[0] = RankedTensorType::get(outDims, x.getElementType());
  unsigned next = 1;
  for (auto [i, here] : llvm::enumerate(present))
    if (here)
      results[next++] = RankedTensorType::get({i == 1 ? inverseSize : kDyn}, index);
  return success();
}

std::optional<int64_t> shape::rnnGates(StringRef mode) {
  return llvm::StringSwitch<std::optional<int64_t>>(mode)
      .Case("LSTM", 4)
      .Case("GRU", 3)
      .Cases("RNN_TANH", "RNN_RELU", 1)
      .Default(std::nullopt);
}

LogicalResult shape::rnn(Operation *op, Value input, ValueRange preState,
                         ValueRange weights, std::pair<unsigned, unsigned> states,
                         Types &results) {
  start(op, results);
  StringRef mode = strAttr(op, "mode", "RNN_TANH");
  std::optional<int64_t> gates = rnnGates(mode);
  if (!gates)
    return op->emitOpError() << "has mode '" << mode
                             << "'; it must be LSTM, GRU, RNN_TANH or RNN_RELU";
  int64_t layers = intAttr(op, "num_layers", 1);
  int64_t hidden = intAttr(op, "hidden_size", 100);
  int64_t directions = boolAttr(op, "is_bidirec") ? 2 : 1;
  if (layers < 1 || hidden < 1)
    return op->emitOpError("needs num_layers and hidden_size of at least 1");
  int64_t cells = layers * directions;
  if (int64_t(weights.size()) != 4 * cells)
    return op->emitOpError() << "has " << weights.size() << " weights; "
                             << layers << " layer(s) in " << directions
                             << " direction(s) take " << 4 * cells
                             << " (weight_ih, weight_hh, bias_ih, bias_hh each)";
  size_t stateCount = mode == "LSTM" ? 2 : 1;
  if (preState.size() != stateCount)
    return op->emitOpError() << "has " << preState.size() << " initial states; "
                             << mode << " takes " << stateCount;
  RankedTensorType x = ranked(input);
  if (!x)
    return success();
  if (x.getRank() != 3)
    return op->emitOpError() << "takes a time-major input [T, N, input_size], not "
                             << x;
  int64_t rows = *gates * hidden;
  auto expect = [&](Value v, ArrayRef<int64_t> dims, StringRef what,
                    int64_t cell) -> LogicalResult {
    RankedTensorType t = ranked(v);
    bool fits = t && t.getRank() == int64_t(dims.size());
    for (int64_t d = 0; fits && d < t.getRank(); ++d)
      fits = unify(t.getDimSize(d), dims[d]).has_value();
    if (fits)
      return success();
    InFlightDiagnostic error = op->emitOpError() << what;
    if (cell >= 0)
      error << " of layer " << cell / directions
            << (cell % directions ? " (backward)" : "");
    error << " is " << v.getType() << "; it must be [";
    llvm::interleave(dims, error, [&](int64_t d) {
      if (d == kDyn) error << "?"; else error << d;
    }, ", ");
    return error << "]";
  };
  for (int64_t cell = 0; cell < cells; ++cell) {
    int64_t in = cell < directions ? x.getDimSize(2) : directions * hidden;
    if (failed(expect(weights[2 * cell], {rows, in}, "weight_ih", cell)) ||
        failed(expect(weights[2 * cell + 1], {rows, hidden}, "weight_hh", cell)) ||
        failed(expect(weights[2 * cells + 2 * cell], {rows}, "bias_ih", cell)) ||
        failed(expect(weights[2 * cells + 2 * cell + 1], {rows}, "bias_hh", cell)))
      return failure();
  }
  int64_t batch = x.getDimSize(1);
  for (Value s : preState) {
    if (failed(expect(s, {cells, batch, hidden}, "an initial state", -1)))
      return failure();
    batch = *unify(batch, ranked(s).getDimSize(1));
  }
  results[0] = RankedTensorType::get({x.getDimSize(0), batch, directions * hidden},
                                     x.getElementType());
  for (unsigned i = 0; i < states.second && i < stateCount; ++i)
    results[states.first + i] =
        RankedTensorType::get({cells, batch, hidden}, x.getElementType());
  return success();
}

LogicalResult shape::stack(Operation *op, Types &results) {
  start(op, results);
  if (op->getNumOperands() == 0)
    return success();
  RankedTensorType first = ranked(op->getOperand(0));
  if (!first)
    return success();
  SmallVector<int64_t> dims(first.getShape());
  for (Value v : op->getOperands().drop_front()) {
    RankedTensorType t = ranked(v);
    if (!t)
      return success();
    if (t.getRank() != first.getRank())
      return op->emitOpError() << "stacks " << first << " and " << t;
    for (int64_t d = 0; d < t.getRank(); ++d) {
      std::optional<int64_t> u = unify(dims[d], t.getDimSize(d));
      if (!u)
        return op->emitOpError() << "stacks " << first << " and " << t
                                 << ": dim " << d << " differs";
      dims[d] = *u;
    }
  }
  int64_t axis = intAttr(op, "axis", 0);
  axis = axis < 0 ? axis + first.getRank() + 1 : axis;
  if (axis < 0 || axis > first.getRank())
    return op->emitOpError() << "axis out of range for " << first;
  dims.insert(dims.begin() + axis, op->getNumOperands());
  results[0] = RankedTensorType::get(dims, first.getElementType());
  return success();
}

LogicalResult shape::setValue(Operation *op, Types &results) {
  if (failed(sameAsOperand(op, 0, results)))
    return failure();
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  SmallVector<int64_t> axes = intsAttr(op, "axes");
  // Bounds given as tensors leave their attributes empty.
  for (StringRef name : {"starts", "ends", "steps"}) {
    SmallVector<int64_t> bounds = intsAttr(op, name);
    if (!bounds.empty() && bounds.size() != axes.size())
      return op->emitOpError() << "has " << axes.size() << " axes and "
                               << bounds.size() << " " << name;
  }
  for (StringRef name : {"axes", "decrease_axes"})
    for (int64_t a : intsAttr(op, name))
      if (a < -x.getRank() || a >= x.getRank())
        return op->emitOpError() << name << " " << a << " out of range for " << x;
  return success();
}

LogicalResult shape::slice(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  SmallVector<int64_t> axes = intsAttr(op, "axes");
  SmallVector<int64_t> starts = intsAttr(op, "starts");
  SmallVector<int64_t> ends = intsAttr(op, "ends");
  // strided_slice's steps; slice's are 1.
  SmallVector<int64_t> steps = intsAttr(op, "strides");
  if (op->getName().getStringRef() == "pd.slice")
    steps.assign(axes.size(), 1);
  bool tensorBounds = op->getNumOperands() > 1;
  // Bounds given as tensors may leave their attributes out (PIR's do).
  if (tensorBounds && starts.empty())
    starts.assign(axes.size(), 0);
  if (tensorBounds && ends.empty())
    ends.assign(axes.size(), 0);
  if (axes.size() != starts.size() || axes.size() != ends.size() ||
      axes.size() != steps.size())
    return op->emitOpError("axes, starts, ends (and strides) differ in length");
  SmallVector<int64_t> out(x.getShape());
  for (auto [i, a] : llvm::enumerate(axes)) {
    a = normalizeAxis(a, x.getRank());
    if (a < 0 || a >= x.getRank())
      return op->emitOpError() << "axis out of range for " << x;
    int64_t dim = x.getDimSize(a), step = steps[i];
    if (tensorBounds || dim == kDyn || step <= 0) {
      out[a] = kDyn; // (a negative stride: not computed here)
      continue;
    }
    int64_t s = starts[i] < 0 ? starts[i] + dim : starts[i];
    int64_t e = ends[i] < 0 ? ends[i] + dim : ends[i];
    s = std::clamp<int64_t>(s, 0, dim);
    e = std::clamp<int64_t>(e, 0, dim);
    out[a] = (std::max<int64_t>(0, e - s) + step - 1) / step;
  }
  SmallVector<int64_t> decrease = intsAttr(op, "decrease_axis");
  if (!decrease.empty()) {
    SmallVector<bool> drop(out.size());
    for (int64_t a : decrease) {
      a = normalizeAxis(a, x.getRank());
      if (a < 0 || a >= x.getRank())
        return op->emitOpError("decrease_axis out of range");
      drop[a] = true;
    }
    SmallVector<int64_t> kept;
    for (size_t i = 0; i < out.size(); ++i)
      if (!drop[i])
        kept.push_back(out[i]);
    // Every axis dropped: 0-D since Paddle 2.5; [1] where an earlier
    // Paddle's program declares it.
    auto declared = dyn_cast<RankedTensorType>(results[0]);
    if (kept.empty() && declared && declared.getShape() == ArrayRef<int64_t>{1})
      kept.push_back(1);
    out = kept;
  }
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::shapeOf(Operation *op, unsigned bits, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (x)
    results[0] = RankedTensorType::get({x.getRank()},
                                       IntegerType::get(op->getContext(), bits));
  return success();
}

LogicalResult shape::indexSample(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), index = ranked(op->getOperand(1));
  if (!x || !index)
    return success();
  if (x.getRank() != 2 || index.getRank() != 2 ||
      !isa<IntegerType>(index.getElementType()))
    return op->emitOpError() << "takes X [N, M] and integer Index [N, K], not "
                             << x << " and " << index;
  std::optional<int64_t> rows = unify(x.getDimSize(0), index.getDimSize(0));
  if (!rows)
    return op->emitOpError() << "X " << x << " and Index " << index
                             << " differ in rows";
  results[0] = RankedTensorType::get({*rows, index.getDimSize(1)}, x.getElementType());
  return success();
}

LogicalResult shape::takeAlongAxis(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType input = ranked(op->getOperand(0)), index = ranked(op->getOperand(1));
  if (!input || !index)
    return success();
  int64_t axis = normalizeAxis(intAttr(op, "Axis", 0), input.getRank());
  if (index.getRank() != input.getRank() || axis < 0 || axis >= input.getRank() ||
      !isa<IntegerType>(index.getElementType()))
    return op->emitOpError() << "takes an integer Index of Input's rank and an "
                             << "Axis in it, not " << input << ", " << index
                             << " and Axis " << intAttr(op, "Axis", 0);
  results[0] = RankedTensorType::get(index.getShape(), input.getElementType());
  return success();
}

LogicalResult shape::scatter(Operation *op, Types &results) {
  if (failed(sameAsOperand(op, 0, results)))
    return failure();
  RankedTensorType x = ranked(op->getOperand(0));
  RankedTensorType ids = ranked(op->getOperand(1));
  RankedTensorType updates = ranked(op->getOperand(2));
  if (!x || !ids || !updates)
    return success();
  if (ids.getRank() > 2 || (ids.getRank() == 2 && ids.getDimSize(1) != 1) ||
      !isa<IntegerType>(ids.getElementType()))
    return op->emitOpError() << "takes integer Ids of shape [], [n] or [n, 1], not "
                             << ids;
  // Updates: one row per id, each of X's row shape.
  int64_t lead = ids.getRank() == 0 ? 0 : 1;
  if (x.getRank() == 0 || updates.getRank() != x.getRank() - 1 + lead)
    return op->emitOpError() << "writes rows of " << x << " from " << updates;
  for (int64_t d = 1; d < x.getRank(); ++d)
    if (!unify(x.getDimSize(d), updates.getDimSize(d - 1 + lead)))
      return op->emitOpError() << "writes rows of " << x << " from " << updates;
  return success();
}

LogicalResult shape::scatterNdAdd(Operation *op, Types &results) {
  if (failed(sameAsOperand(op, 0, results)))
    return failure();
  RankedTensorType x = ranked(op->getOperand(0));
  RankedTensorType index = ranked(op->getOperand(1));
  RankedTensorType updates = ranked(op->getOperand(2));
  if (!x || !index || !updates)
    return success();
  int64_t k = index.getRank() ? index.getDimSize(index.getRank() - 1) : kDyn;
  if (k == kDyn || k > x.getRank() || !isa<IntegerType>(index.getElementType()))
    return op->emitOpError() << "takes an integer Index whose static last dim is "
                                "at most X's rank, not "
                             << index << " for " << x;
  // Updates: Index's leading dims, then X's dims past the first k.
  SmallVector<int64_t> want(index.getShape().drop_back());
  llvm::append_range(want, x.getShape().drop_front(k));
  bool fits = updates.getRank() == int64_t(want.size());
  for (int64_t d = 0; fits && d < updates.getRank(); ++d)
    fits = unify(updates.getDimSize(d), want[d]).has_value();
  if (!fits)
    return op->emitOpError() << "adds " << updates << " at " << index << " into " << x;
  return success();
}

LogicalResult shape::gatherNd(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0)), index = ranked(op->getOperand(1));
  if (!x || !index)
    return success();
  int64_t k = index.getRank() ? index.getDimSize(index.getRank() - 1) : kDyn;
  if (k == kDyn || k > x.getRank() || !isa<IntegerType>(index.getElementType()))
    return op->emitOpError() << "takes an integer Index whose last dim is static "
                             << "and at most X's rank, not " << index << " for " << x;
  SmallVector<int64_t> out(index.getShape().drop_back());
  out.append(x.getShape().begin() + k, x.getShape().end());
  results[0] = RankedTensorType::get(out, x.getElementType());
  return success();
}

LogicalResult shape::unstack(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t axis = normalizeAxis(intAttr(op, "axis", 0), x.getRank());
  if (axis < 0 || axis >= x.getRank())
    return op->emitOpError() << "axis " << intAttr(op, "axis", 0)
                             << " is out of range for " << x;
  int64_t count = x.getDimSize(axis);
  if (count != kDyn && count != int64_t(results.size()))
    return op->emitOpError() << "has " << results.size() << " results for the "
                             << count << " slices of " << x;
  SmallVector<int64_t> dims(x.getShape());
  dims.erase(dims.begin() + axis);
  for (Type &t : results)
    t = RankedTensorType::get(dims, x.getElementType());
  return success();
}

LogicalResult shape::expandAs(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  if (op->getNumOperands() > 1) {
    if (RankedTensorType y = ranked(op->getOperand(1)))
      results[0] = RankedTensorType::get(y.getShape(), x.getElementType());
    return success();
  }
  SmallVector<int64_t> dims = intsAttr(op, "target_shape");
  int64_t lead = int64_t(dims.size()) - x.getRank();
  if (lead < 0)
    return op->emitOpError() << "target_shape has fewer dims than " << x;
  for (auto [i, d] : llvm::enumerate(dims))
    if (d < 0)
      d = int64_t(i) >= lead ? x.getDimSize(i - lead) : kDyn;
  results[0] = RankedTensorType::get(dims, x.getElementType());
  return success();
}

LogicalResult shape::eye(Operation *op, Types &results) {
  start(op, results);
  int64_t rows = intAttr(op, "num_rows", -1), cols = intAttr(op, "num_columns", -1);
  if (rows < 0)
    return op->emitOpError() << "num_rows " << rows << " is negative";
  Type element = elementTypeFromPaddle(op->getContext(), int32_t(intAttr(op, "dtype", 5)));
  if (!element)
    return op->emitOpError() << "dtype " << intAttr(op, "dtype", 5)
                             << " is not a tensor type";
  results[0] = RankedTensorType::get({rows, cols < 0 ? rows : cols}, element);
  return success();
}

LogicalResult shape::oneHot(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  if (!isa<IntegerType>(x.getElementType()))
    return op->emitOpError() << "takes integers, not " << x;
  Type element = elementTypeFromPaddle(op->getContext(), int32_t(intAttr(op, "dtype", 5)));
  if (!element)
    return op->emitOpError() << "dtype " << intAttr(op, "dtype", 5)
                             << " is not a tensor type";
  int64_t depth = op->getNumOperands() > 1 ? kDyn : intAttr(op, "depth", -1);
  if (op->getNumOperands() == 1 && depth < 0)
    return op->emitOpError() << "depth " << depth << " is negative";
  SmallVector<int64_t> dims(x.getShape());
  dims.push_back(depth);
  results[0] = RankedTensorType::get(dims, element);
  return success();
}

LogicalResult shape::scalarOfX(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  auto declared = dyn_cast<RankedTensorType>(results[0]);
  bool one = declared && declared.getRank() == 1 && declared.getDimSize(0) == 1;
  results[0] = RankedTensorType::get(one ? ArrayRef<int64_t>{1} : ArrayRef<int64_t>{},
                                     x.getElementType());
  return success();
}

LogicalResult shape::linspace(Operation *op, Types &results) {
  start(op, results);
  Type element = elementTypeFromPaddle(op->getContext(), int32_t(intAttr(op, "dtype", 5)));
  if (!element)
    return op->emitOpError() << "dtype " << intAttr(op, "dtype", 5)
                             << " is not a tensor type";
  auto declared = dyn_cast<RankedTensorType>(results[0]);
  int64_t length = declared && declared.getRank() == 1 ? declared.getDimSize(0) : kDyn;
  results[0] = RankedTensorType::get({length}, element);
  return success();
}

LogicalResult shape::repeatInterleave(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t dim = normalizeAxis(intAttr(op, "dim", 0), x.getRank());
  if (dim < 0 || dim >= x.getRank())
    return op->emitOpError() << "dim " << intAttr(op, "dim", 0)
                             << " is out of range for " << x;
  int64_t repeats = intAttr(op, "Repeats", 1);
  SmallVector<int64_t> dims(x.getShape());
  if (op->getNumOperands() > 1 || dims[dim] == kDyn)
    dims[dim] = kDyn;
  else if (repeats < 0 || __builtin_mul_overflow(dims[dim], repeats, &dims[dim]))
    return op->emitOpError() << "Repeats " << repeats << " is negative or too large";
  results[0] = RankedTensorType::get(dims, x.getElementType());
  return success();
}

LogicalResult shape::unfold(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  SmallVector<int64_t> k = intsAttr(op, "kernel_sizes"), s = intsAttr(op, "strides"),
                       p = intsAttr(op, "paddings"), d = intsAttr(op, "dilations");
  if (x.getRank() != 4 || k.size() != 2 || s.size() != 2 || p.size() != 4 ||
      d.size() != 2 || llvm::any_of(k, [](int64_t v) { return v <= 0; }) ||
      llvm::any_of(s, [](int64_t v) { return v <= 0; }) ||
      llvm::any_of(d, [](int64_t v) { return v <= 0; }) ||
      llvm::any_of(p, [](int64_t v) { return v < 0; }))
    return op->emitOpError() << "takes a 4-D X, two positive kernel sizes, strides "
                             << "and dilations and four paddings, not " << x;
  int64_t positions = 1;
  for (int i = 0; i < 2; ++i) {
    int64_t in = x.getDimSize(2 + i);
    if (in == kDyn) {
      positions = kDyn;
      break;
    }
    int64_t span = d[i] * (k[i] - 1) + 1;
    int64_t out = (in + p[i] + p[i + 2] - span) / s[i] + 1;
    if (in + p[i] + p[i + 2] < span)
      return op->emitOpError() << "window " << span << " is larger than the padded "
                               << "input " << in + p[i] + p[i + 2];
    positions *= out;
  }
  int64_t channels = x.getDimSize(1) == kDyn ? kDyn : x.getDimSize(1) * k[0] * k[1];
  results[0] = RankedTensorType::get({x.getDimSize(0), channels, positions},
                                     x.getElementType());
  return success();
}

LogicalResult shape::cast(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  Type element = elementTypeFromPaddle(op->getContext(),
                                       int32_t(intAttr(op, "out_dtype", -1)));
  if (x && element)
    results[0] = RankedTensorType::get(x.getShape(), element);
  return success();
}

LogicalResult shape::fillAnyLike(Operation *op, Types &results) {
  start(op, results);
  RankedTensorType x = ranked(op->getOperand(0));
  if (!x)
    return success();
  int64_t code = intAttr(op, "dtype", -1);
  Type element = code == -1 ? x.getElementType()
                            : elementTypeFromPaddle(op->getContext(), int32_t(code));
  if (!element)
    return op->emitOpError() << "dtype " << code << " is not a tensor type";
  results[0] = RankedTensorType::get(x.getShape(), element);
  return success();
}

LogicalResult shape::range(Operation *op, Types &results) {
  start(op, results);
  Type element;
  for (Value v : op->getOperands()) {
    RankedTensorType t = ranked(v);
    if (!t)
      return success();
    if (product(t.getShape()) != 1)
      return op->emitOpError() << "takes one-element start, end and step, not "
                               << t;
    if (element && t.getElementType() != element)
      return op->emitOpError("start, end and step differ in type");
    element = t.getElementType();
  }
  if (auto declared = dyn_cast<RankedTensorType>(results[0]))
    element = declared.getElementType();
  results[0] = RankedTensorType::get({kDyn}, element);
  return success();
}

LogicalResult shape::lookupTable(Operation *op, bool dropLastOne,
                                 Types &results) {
  start(op, results);
  // lookup_table_v2 is (Ids, W), lookup_table (W, Ids).
  RankedTensorType ids = ranked(op->getOperand(dropLastOne ? 1 : 0));
  RankedTensorType w = ranked(op->getOperand(dropLastOne ? 0 : 1));
  if (!ids || !w)
    return success();
  if (w.getRank() != 2)
    return op->emitOpError() << "looks rows up in a matrix, not " << w;
  if (!ids.getElementType().isInteger(32) && !ids.getElementType().isInteger(64))
    return op->emitOpError() << "takes int32 or int64 indices, not " << ids;
  SmallVector<int64_t> dims(ids.getShape());
  if (dropLastOne) {
    if (dims.empty() || (dims.back() != 1 && dims.back() != kDyn))
      return op->emitOpError() << "takes indices [..., 1], not " << ids;
    dims.pop_back();
  }
  dims.push_back(w.getDimSize(1));
  results[0] = RankedTensorType::get(dims, w.getElementType());
  return success();
}

LogicalResult shape::assignValue(Operation *op, Types &results) {
  start(op, results);
  int64_t code = intAttr(op, "dtype", 5);
  Type element = elementTypeFromPaddle(op->getContext(), int32_t(code));
  if (!element)
    return op->emitOpError() << "dtype " << code << " is not a tensor type";
  SmallVector<int64_t> dims = intsAttr(op, "shape");
  if (llvm::any_of(dims, [](int64_t d) { return d < 0; }))
    return op->emitOpError("has a negative dim in its shape");
  results[0] = RankedTensorType::get(dims, element);
  return success();
}

LogicalResult shape::fillConstant(Operation *op, Types &results) {
  start(op, results);
  if (op->getNumOperands() > 0)
    return success(); // shape or value given by tensors
  Type element = elementTypeFromPaddle(op->getContext(),
                                       int32_t(intAttr(op, "dtype", 5)));
  if (!element)
    return success();
  SmallVector<int64_t> dims = intsAttr(op, "shape");
  for (int64_t &d : dims)
    if (d < 0)
      d = kDyn;
  results[0] = RankedTensorType::get(dims, element);
  return success();
}

//===- LowerConcatSlice.cpp - concat, stack, split, slice, shape ----------===//
//
// Plain data movement: concat and stack insert each input into a new
// tensor, split and slice extract windows, set_value inserts one, shape
// materializes the input's dims. Sizes may be
// dynamic: slice clamps its bounds at run time as Paddle does.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

OpFoldResult addIndex(OpBuilder &b, Location loc, OpFoldResult x,
                      OpFoldResult y) {
  std::optional<int64_t> cx = getConstantIntValue(x), cy = getConstantIntValue(y);
  if (cx && cy)
    return b.getIndexAttr(*cx + *cy);
  if (cx == 0)
    return y;
  if (cy == 0)
    return x;
  return b.create<arith::AddIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, x),
                                 getValueOrCreateConstantIndexOp(b, loc, y))
      .getResult();
}

/// concat(X..., axis): each input inserted at its offset along `axis`.
struct LowerConcat : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getAxisTensor())
      return op->emitOpError("with an AxisTensor operand has no lowering");
    ValueRange inputs = adaptor.getX();
    if (inputs.empty())
      return op->emitOpError("has no inputs");
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(inputs.front().getType());
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", 0), type.getRank());
    if (!axis)
      return op->emitOpError("axis ") << intAttr(op, "axis", 0) << " out of range";
    SmallVector<SmallVector<OpFoldResult>> inputDims;
    for (Value x : inputs)
      inputDims.push_back(dimsOf(rewriter, loc, x));
    // Where each input goes along the axis, and the total.
    SmallVector<OpFoldResult> offsets{rewriter.getIndexAttr(0)};
    for (const auto &dims : inputDims)
      offsets.push_back(addIndex(rewriter, loc, offsets.back(), dims[*axis]));
    SmallVector<OpFoldResult> dims = inputDims.front();
    dims[*axis] = offsets.back();
    Value result = emptyTensor(rewriter, loc, dims, type.getElementType());
    SmallVector<OpFoldResult> strides(type.getRank(), rewriter.getIndexAttr(1));
    for (auto [i, x] : llvm::enumerate(inputs)) {
      SmallVector<OpFoldResult> at(type.getRank(), rewriter.getIndexAttr(0));
      at[*axis] = offsets[i];
      result = rewriter.create<tensor::InsertSliceOp>(loc, x, result, at,
                                                      inputDims[i], strides);
    }
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

/// partial_sum and partial_concat: columns [start, start + length) of each
/// [N, D] input (a negative start counts from D's end, length -1 runs to
/// it), added in input order or placed side by side. D must be static.
template <typename OpTy, bool Concatenated>
struct LowerPartial : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;
  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange inputs = adaptor.getX();
    if (inputs.empty())
      return op->emitOpError("has no inputs");
    auto type = cast<RankedTensorType>(inputs.front().getType());
    Type element = type.getElementType();
    if (!Concatenated && !isa<FloatType>(element))
      return op->emitOpError("is lowered for floating-point tensors only");
    int64_t width = type.getRank() == 2 ? type.getDimSize(1) : ShapedType::kDynamic;
    if (ShapedType::isDynamic(width))
      return op->emitOpError("needs [N, D] inputs with a static D; they are ")
             << type;
    int64_t start = intAttr(op, "start_index", 0), length = intAttr(op, "length", -1);
    start = start < 0 ? start + width : start;
    length = length < 0 ? width - start : length;
    // The shape rule checks this too; a lowering run without it must not
    // slice outside its inputs.
    if (start < 0 || length <= 0 || start + length > width)
      return op->emitOpError("columns [")
             << start << ", " << start + length << ") are not inside " << width;
    OpFoldResult rows = dimsOf(rewriter, loc, inputs.front())[0];
    SmallVector<OpFoldResult> window{rows, rewriter.getIndexAttr(length)};
    SmallVector<OpFoldResult> unit(2, rewriter.getIndexAttr(1));
    SmallVector<Value> slices;
    for (Value x : inputs)
      slices.push_back(rewriter.create<tensor::ExtractSliceOp>(
          loc, x, SmallVector<OpFoldResult>{rewriter.getIndexAttr(0), rewriter.getIndexAttr(start)},
          window, unit));
    Value result;
    if (Concatenated) {
      int64_t count = int64_t(slices.size());
      result = emptyTensor(rewriter, loc, {rows, rewriter.getIndexAttr(count * length)},
                           element);
      for (auto [i, slice] : llvm::enumerate(slices))
        result = rewriter.create<tensor::InsertSliceOp>(
            loc, slice, result,
            SmallVector<OpFoldResult>{rewriter.getIndexAttr(0),
                                      rewriter.getIndexAttr(int64_t(i) * length)},
            window, unit);
    } else {
      result = mapElements(rewriter, loc, window, element, slices,
                           [](OpBuilder &b, Location l, ValueRange a) -> Value {
                             Value sum = a[0];
                             for (Value v : a.drop_front())
                               sum = b.create<arith::AddFOp>(l, sum, v);
                             return sum;
                           });
    }
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

/// A slice bound as Paddle's CheckAndUpdateSliceAttrs makes it: negative
/// counts from the end, then clamped to [0, dim]. Folded when both are
/// static; a bound read at run time is decided then.
OpFoldResult clampedBound(OpBuilder &b, Location loc, OpFoldResult bound,
                          OpFoldResult dim) {
  std::optional<int64_t> c = getConstantIntValue(bound);
  if (std::optional<int64_t> d = getConstantIntValue(dim); c && d) {
    int64_t v = *c < 0 ? *c + *d : *c;
    return b.getIndexAttr(std::min(std::max<int64_t>(v, 0), *d));
  }
  Value dimValue = getValueOrCreateConstantIndexOp(b, loc, dim);
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value v = getValueOrCreateConstantIndexOp(b, loc, bound);
  Value fromEnd = b.create<arith::AddIOp>(loc, v, dimValue);
  if (c)
    v = *c < 0 ? fromEnd : v;
  else
    v = b.create<arith::SelectOp>(
        loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, v, zero),
        fromEnd, v);
  v = b.create<arith::MaxSIOp>(loc, v, zero);
  return b.create<arith::MinSIOp>(loc, v, dimValue).getResult();
}

/// max(to - from, 0), folded when both are static.
OpFoldResult windowSize(OpBuilder &b, Location loc, OpFoldResult from,
                        OpFoldResult to) {
  std::optional<int64_t> f = getConstantIntValue(from), t = getConstantIntValue(to);
  if (f && t)
    return b.getIndexAttr(std::max<int64_t>(*t - *f, 0));
  Value size = b.create<arith::SubIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, to),
                                       getValueOrCreateConstantIndexOp(b, loc, from));
  return b.create<arith::MaxSIOp>(loc, size, b.create<arith::ConstantIndexOp>(loc, 0))
      .getResult();
}

/// split(X, axis, num | sections): consecutive windows along `axis`, of
/// dim / num each, or of the sections' sizes (a -1 takes what is left).
struct LowerSplit : OpConversionPattern<SplitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getAxisTensor() || !op.getSectionsTensorList().empty())
      return op->emitOpError("with the axis or sections as tensors has no lowering");
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    std::optional<int64_t> axis = paddleAxis(intAttr(op, "axis", 0), type.getRank());
    if (!axis)
      return op->emitOpError("axis ") << intAttr(op, "axis", 0) << " out of range";
    SmallVector<OpFoldResult> dims = dimsOf(rewriter, loc, x);
    int64_t parts = op.getNumResults(), num = intAttr(op, "num", 0);
    SmallVector<OpFoldResult> sizes;
    if (num > 0) {
      if (num != parts)
        return op->emitOpError("num differs from the number of outputs");
      OpFoldResult part;
      if (std::optional<int64_t> d = getConstantIntValue(dims[*axis]))
        part = rewriter.getIndexAttr(*d / num);
      else
        part = rewriter.create<arith::DivUIOp>(
                           loc, cast<Value>(dims[*axis]),
                           rewriter.create<arith::ConstantIndexOp>(loc, num))
                   .getResult();
      sizes.assign(parts, part);
    } else {
      SmallVector<int64_t> sections = intsAttr(op, "sections");
      if (int64_t(sections.size()) != parts)
        return op->emitOpError("sections differ from the outputs in number");
      int64_t known = 0;
      for (int64_t size : sections)
        known += size == -1 ? 0 : size;
      for (int64_t size : sections) {
        if (size != -1) {
          sizes.push_back(rewriter.getIndexAttr(size));
          continue;
        }
        sizes.push_back(windowSize(rewriter, loc, rewriter.getIndexAttr(known),
                                   dims[*axis]));
      }
    }
    SmallVector<OpFoldResult> offsets(type.getRank(), rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(type.getRank(), rewriter.getIndexAttr(1));
    SmallVector<Value> results;
    for (OpFoldResult size : sizes) {
      SmallVector<OpFoldResult> window = dims;
      window[*axis] = size;
      Value part = rewriter.create<tensor::ExtractSliceOp>(loc, x, offsets,
                                                           window, strides);
      results.push_back(part);
      offsets[*axis] = addIndex(rewriter, loc, offsets[*axis], size);
    }
    replaceWithResults(rewriter, op, results);
    return success();
  }
};

/// stack(X..., axis): each input inserted as index i of a new dim `axis`.
struct LowerStack : OpConversionPattern<StackOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ValueRange inputs = adaptor.getX();
    if (inputs.empty())
      return op->emitOpError("has no inputs");
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(inputs.front().getType());
    int64_t axis = intAttr(op, "axis", 0);
    axis = axis < 0 ? axis + type.getRank() + 1 : axis;
    if (axis < 0 || axis > type.getRank())
      return op->emitOpError("axis ") << intAttr(op, "axis", 0) << " out of range";
    SmallVector<OpFoldResult> window = dimsOf(rewriter, loc, inputs.front());
    window.insert(window.begin() + axis, rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> dims = window;
    dims[axis] = rewriter.getIndexAttr(inputs.size());
    Value result = emptyTensor(rewriter, loc, dims, type.getElementType());
    SmallVector<OpFoldResult> strides(dims.size(), rewriter.getIndexAttr(1));
    for (auto [i, x] : llvm::enumerate(inputs)) {
      SmallVector<OpFoldResult> at(dims.size(), rewriter.getIndexAttr(0));
      at[axis] = rewriter.getIndexAttr(i);
      // Rank-reducing: x lacks the unit dim `axis` of the window.
      result = rewriter.create<tensor::InsertSliceOp>(loc, x, result, at,
                                                      window, strides);
    }
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

/// ceil(size / step) of a window size.
OpFoldResult stepsIn(OpBuilder &b, Location loc, OpFoldResult size, int64_t step) {
  if (step == 1)
    return size;
  if (std::optional<int64_t> s = getConstantIntValue(size))
    return b.getIndexAttr((*s + step - 1) / step);
  return b.create<arith::CeilDivSIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, size),
                                      b.create<arith::ConstantIndexOp>(loc, step))
      .getResult();
}

/// Whether `op`'s program was written by Paddle before 3.0 (its
/// ProgramDesc version says so), whose strided_slice bounds a negative
/// stride differently.
bool writtenBeforePaddle3(Operation *op) {
  auto module = op->getParentOfType<ModuleOp>();
  auto version = module ? module->getAttrOfType<IntegerAttr>(
                              PdDialect::kProgramVersionAttrName)
                        : IntegerAttr();
  return version && version.getInt() < 3000000;
}

/// How the end of a negative stride is bounded, which depends on the op
/// and on the Paddle that wrote the program.
enum class DownwardEnd {
  /// Paddle 3 (normalize_interval): counted from the end when negative, -1
  /// at the lowest.
  Paddle3,
  /// Paddle 2's strided_slice: -1 is "to index 0"; other negative ends are
  /// counted from the end, then at least 0.
  Paddle2Slice,
  /// Paddle 2's set_value (CheckAndUpdateSliceAttrs): at most the dim,
  /// counted from the end below -1, then at least -1.
  Paddle2SetValue,
};

/// The window a negative stride -`step` walks: from the first index down to
/// the end (exclusive), every step-th; returns the lowest index it takes
/// and how many. The first index is the start, counted from the end when
/// negative (Paddle 2: then at least 0), at most dim - 1.
std::pair<OpFoldResult, OpFoldResult>
downwardWindow(OpBuilder &b, Location loc, OpFoldResult start, OpFoldResult end,
               int64_t step, OpFoldResult dim, DownwardEnd rule) {
  auto index = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); };
  Value d = getValueOrCreateConstantIndexOp(b, loc, dim);
  auto fromEnd = [&](Value v) {
    Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, v, index(0));
    return b.create<arith::SelectOp>(loc, negative,
                                     b.create<arith::AddIOp>(loc, v, d), v)
        .getResult();
  };
  Value s = getValueOrCreateConstantIndexOp(b, loc, start);
  Value e = getValueOrCreateConstantIndexOp(b, loc, end);
  Value first = fromEnd(s);
  if (rule != DownwardEnd::Paddle3)
    first = b.create<arith::MaxSIOp>(loc, first, index(0));
  first = b.create<arith::MinSIOp>(loc, first, b.create<arith::SubIOp>(loc, d, index(1)));
  Value last;
  switch (rule) {
  case DownwardEnd::Paddle3:
    last = b.create<arith::MaxSIOp>(loc, fromEnd(e), index(-1));
    break;
  case DownwardEnd::Paddle2Slice: {
    Value toZero = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, e, index(-1));
    last = b.create<arith::SelectOp>(
        loc, toZero, index(-1), b.create<arith::MaxSIOp>(loc, fromEnd(e), index(0)));
    break;
  }
  case DownwardEnd::Paddle2SetValue: {
    Value atMost = b.create<arith::MinSIOp>(loc, e, d);
    Value below = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, atMost, index(-1));
    last = b.create<arith::MaxSIOp>(
        loc,
        b.create<arith::SelectOp>(loc, below, b.create<arith::AddIOp>(loc, atMost, d), atMost),
        index(-1));
    break;
  }
  }
  Value count = b.create<arith::MaxSIOp>(
      loc,
      b.create<arith::CeilDivSIOp>(loc, b.create<arith::SubIOp>(loc, first, last),
                                   index(step)),
      index(0));
  // The lowest index taken; 0 when none is.
  Value lowest = b.create<arith::SubIOp>(
      loc, first,
      b.create<arith::MulIOp>(loc, b.create<arith::SubIOp>(loc, count, index(1)),
                              index(step)));
  Value any = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt, count, index(0));
  Value offset = b.create<arith::SelectOp>(loc, any, lowest, index(0));
  return {getAsOpFoldResult(offset), getAsOpFoldResult(count)};
}

/// The window of `x` that strided_slice and set_value take: along each of
/// `axes`, [start, end) every step-th (bounds clamped as Paddle clamps
/// them); a negative step walks down from the start, so the window runs
/// upwards from its lowest index and the axis is listed in `downward`.
/// `paddle2` is how Paddle 2 bounded such a step's end for this op;
/// `stepName` names the steps in errors.
struct StridedWindow {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  SmallVector<int64_t> downward;
};
FailureOr<StridedWindow> stridedWindow(OpBuilder &b, Location loc, Operation *op, Value x,
                                       ArrayRef<int64_t> axes, ArrayRef<OpFoldResult> starts,
                                       ArrayRef<OpFoldResult> ends, ArrayRef<int64_t> steps,
                                       DownwardEnd paddle2, StringRef stepName) {
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  StridedWindow w{SmallVector<OpFoldResult>(rank, b.getIndexAttr(0)), dimsOf(b, loc, x),
                  SmallVector<OpFoldResult>(rank, b.getIndexAttr(1)), {}};
  DownwardEnd rule = writtenBeforePaddle3(op) ? paddle2 : DownwardEnd::Paddle3;
  for (auto [axis, start, end, step] : llvm::zip(axes, starts, ends, steps)) {
    std::optional<int64_t> a = paddleAxis(axis, rank);
    if (!a)
      return op->emitOpError("axis ") << axis << " out of range";
    if (step == 0)
      return op->emitOpError("has a ") << stepName << " of 0";
    if (step < 0) {
      std::tie(w.offsets[*a], w.sizes[*a]) =
          downwardWindow(b, loc, start, end, -step, w.sizes[*a], rule);
      w.strides[*a] = b.getIndexAttr(-step);
      w.downward.push_back(*a);
      continue;
    }
    OpFoldResult from = clampedBound(b, loc, start, w.sizes[*a]);
    OpFoldResult to = clampedBound(b, loc, end, w.sizes[*a]);
    w.offsets[*a] = from;
    w.sizes[*a] = stepsIn(b, loc, windowSize(b, loc, from, to), step);
    w.strides[*a] = b.getIndexAttr(step);
  }
  return w;
}

/// slice and strided_slice (Input, axes, starts, ends[, strides],
/// decrease_axis): [start, end) along each axis, every stride-th element
/// (empty when end <= start; downwards for a negative stride), the
/// decreased axes (size 1) dropped.
template <typename OpTy>
struct LowerSlice : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    constexpr bool strided = std::is_same_v<OpTy, StridedSliceOp>;
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    SmallVector<int64_t> axes = intsAttr(op, "axes"), steps = intsAttr(op, "strides");
    // Starts and ends from their 1-D tensors, else their lists of
    // one-element tensors, else the attributes (Paddle's order).
    auto bounds = [&](Value tensor, ValueRange list, StringRef attr,
                      StringRef name) -> FailureOr<SmallVector<OpFoldResult>> {
      if (!tensor && list.empty())
        return indexConstants(rewriter, intsAttr(op, attr));
      return integersFromTensors(rewriter, loc, op, tensor, tensor ? ValueRange() : list,
                                 axes.size(), tensor ? name : (name + "List").str());
    };
    FailureOr<SmallVector<OpFoldResult>> starts =
        bounds(adaptor.getStartsTensor(), adaptor.getStartsTensorList(), "starts",
               "StartsTensor");
    if (failed(starts))
      return failure();
    FailureOr<SmallVector<OpFoldResult>> ends = bounds(
        adaptor.getEndsTensor(), adaptor.getEndsTensorList(), "ends", "EndsTensor");
    if (failed(ends))
      return failure();
    if constexpr (strided) {
      if (adaptor.getStridesTensor() || !adaptor.getStridesTensorList().empty())
        return op->emitOpError("with strides given as tensors has no lowering "
                               "(their signs decide the loop)");
    } else {
      steps.assign(axes.size(), 1);
    }
    if (axes.size() != starts->size() || axes.size() != ends->size())
      return op->emitOpError("has ") << axes.size() << " axes, " << starts->size()
                                     << " starts and " << ends->size() << " ends";
    if (axes.size() != steps.size())
      return op->emitOpError("has ") << axes.size() << " axes and " << steps.size()
                                     << " strides";
    FailureOr<StridedWindow> w = stridedWindow(rewriter, loc, op, x, axes, *starts, *ends,
                                               steps, DownwardEnd::Paddle2Slice, "stride");
    if (failed(w))
      return failure();
    Value window = rewriter.create<tensor::ExtractSliceOp>(loc, x, w->offsets, w->sizes,
                                                           w->strides);
    // The elements of a downward axis were taken upwards: reverse them.
    ArrayRef<int64_t> backwards = w->downward;
    if (!backwards.empty()) {
      SmallVector<OpFoldResult> windowDims = dimsOf(rewriter, loc, window);
      window = gatherElements(
          rewriter, loc, windowDims, window, {}, {},
          [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
            SmallVector<Value> indices(at);
            for (int64_t d : backwards) {
              Value last = b.create<arith::SubIOp>(
                  l, getValueOrCreateConstantIndexOp(b, l, windowDims[d]),
                  b.create<arith::ConstantIndexOp>(l, 1));
              indices[d] = b.create<arith::SubIOp>(l, last, at[d]);
            }
            return indices;
          });
    }
    SmallVector<int64_t> decrease = intsAttr(op, "decrease_axis");
    if (decrease.empty())
      return replaceWithPrimaryResult(rewriter, op, window);
    // Dropping size-1 axes: one reassociation group per kept axis.
    llvm::SmallDenseSet<int64_t> dropped;
    for (int64_t d : decrease) {
      std::optional<int64_t> a = paddleAxis(d, rank);
      if (!a)
        return op->emitOpError("decrease_axis ") << d << " out of range";
      dropped.insert(*a);
    }
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    SmallVector<ReassociationIndices> groups;
    ReassociationIndices pending;
    for (int64_t i = 0; i < rank; ++i) {
      pending.push_back(i);
      if (!dropped.contains(i)) {
        groups.push_back(pending);
        pending.clear();
      }
    }
    // Every axis dropped: a 0-D tensor (Paddle since 2.5), or one element
    // of rank 1 where the program says so (earlier Paddle).
    if (!pending.empty() && (!groups.empty() || resultType.getRank() == 1)) {
      if (groups.empty())
        groups.push_back({});
      groups.back().append(pending.begin(), pending.end());
    }
    if (int64_t(groups.size()) != resultType.getRank())
      return op->emitOpError("keeps ") << groups.size() << " axes, its result has rank "
                                       << resultType.getRank();
    // The window's dropped axes have size 1: give the window that static
    // shape so that the collapse is valid.
    auto windowType = cast<RankedTensorType>(window.getType());
    SmallVector<int64_t> shape(windowType.getShape());
    for (int64_t d : dropped)
      shape[d] = 1;
    window = rewriter.create<tensor::CastOp>(
        loc, RankedTensorType::get(shape, windowType.getElementType()), window);
    Value y = rewriter.create<tensor::CollapseShapeOp>(loc, window, groups);
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

/// shape(Input): its dims as a 1-D tensor of the result's integer type.
template <typename OpTy>
struct LowerShape : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getOut().getType());
    Type element = resultType.getElementType();
    if (!element.isInteger(32) && !element.isInteger(64))
      return op->emitOpError("makes ") << element << ", not int32 or int64";
    SmallVector<Value> dims;
    for (OpFoldResult d : dimsOf(rewriter, loc, adaptor.getInput())) {
      if (std::optional<int64_t> c = getConstantIntValue(d))
        dims.push_back(rewriter.create<arith::ConstantOp>(
            loc, rewriter.getIntegerAttr(element, *c)));
      else
        dims.push_back(rewriter.create<arith::IndexCastOp>(loc, element, cast<Value>(d)));
    }
    Value y = rewriter.create<tensor::FromElementsOp>(
        loc, RankedTensorType::get({int64_t(dims.size())}, element), dims);
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

/// size (paddle.numel): the product of Input's dims, as an int64 scalar.
struct LowerSize : OpConversionPattern<SizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getOut().getType());
    if (!resultType.getElementType().isInteger(64) || resultType.getNumElements() != 1)
      return op->emitOpError("makes ") << resultType << ", not one int64";
    Value count = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    for (OpFoldResult d : dimsOf(rewriter, loc, adaptor.getInput()))
      count = rewriter.create<arith::MulIOp>(
          loc, count, getValueOrCreateConstantIndexOp(rewriter, loc, d));
    Value element = rewriter.create<arith::IndexCastOp>(
        loc, resultType.getElementType(), count);
    Value y = rewriter.create<tensor::FromElementsOp>(loc, resultType, element);
    return replaceWithPrimaryResult(rewriter, op, y);
  }
};

/// set_value's value given as attributes (valueListOf) of `shape`, as a
/// constant tensor of `element`; null when there are none or they do not
/// fill `shape`.
Value attributeValue(OpBuilder &b, Location loc, Operation *op, Type element) {
  SmallVector<Attribute> values = valueListOf(b, op, element);
  SmallVector<int64_t> shape = intsAttr(op, "shape");
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  if (values.empty() || count != int64_t(values.size()))
    return nullptr;
  auto type = RankedTensorType::get(shape, element);
  return b.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, values));
}

/// set_value: the window of Input that strided_slice would take (bounds
/// clamped as Paddle clamps them; a negative step walks down from the
/// start) replaced by the value, broadcast (numpy's rule, from the trailing
/// dims) to the window's dims without decrease_axes and with a 1 at each of
/// none_axes; along a negative step the value's first element goes to the
/// window's highest index. Paddle writes
/// 0 - (0 - value) into the window (it subtracts the negated value from a
/// zeroed window): a -0.0 becomes +0.0 there, and so it does here.
struct LowerSetValue : OpConversionPattern<SetValueOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SetValueOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    Type element = type.getElementType();
    int64_t rank = type.getRank();
    SmallVector<int64_t> axes = intsAttr(op, "axes");
    auto bounds = [&](ValueRange list, StringRef attr,
                      StringRef name) -> FailureOr<SmallVector<OpFoldResult>> {
      if (list.empty())
        return indexConstants(rewriter, intsAttr(op, attr));
      return integersFromTensors(rewriter, loc, op, Value(), list, axes.size(), name);
    };
    FailureOr<SmallVector<OpFoldResult>> starts =
        bounds(adaptor.getStartsTensorList(), "starts", "StartsTensorList");
    FailureOr<SmallVector<OpFoldResult>> ends =
        bounds(adaptor.getEndsTensorList(), "ends", "EndsTensorList");
    if (failed(starts) || failed(ends))
      return failure();
    if (!adaptor.getStepsTensorList().empty())
      return op->emitOpError("with steps given as tensors has no lowering "
                             "(their signs decide the window)");
    SmallVector<int64_t> steps = intsAttr(op, "steps");
    if (steps.empty())
      steps.assign(axes.size(), 1);
    if (starts->size() != axes.size() || ends->size() != axes.size() ||
        steps.size() != axes.size())
      return op->emitOpError("has ") << axes.size() << " axes, " << starts->size()
                                     << " starts, " << ends->size() << " ends and "
                                     << steps.size() << " steps";
    FailureOr<StridedWindow> target = stridedWindow(
        rewriter, loc, op, x, axes, *starts, *ends, steps, DownwardEnd::Paddle2SetValue, "step");
    if (failed(target))
      return failure();
    ArrayRef<OpFoldResult> sizes = target->sizes;

    Value value = adaptor.getValueTensor();
    if (!value)
      value = attributeValue(rewriter, loc, op, element);
    if (!value)
      return op->emitOpError("has neither a ValueTensor nor values that fill "
                             "its `shape`");
    auto valueType = cast<RankedTensorType>(value.getType());
    if (valueType.getElementType() != element)
      return op->emitOpError("sets ") << type << " from " << valueType;
    // The window's dims as the value is broadcast to them: which window dim
    // each of them is (-1 at a none axis, a dim of 1).
    llvm::SmallDenseSet<int64_t> decreased;
    for (int64_t d : intsAttr(op, "decrease_axes"))
      if (std::optional<int64_t> a = paddleAxis(d, rank))
        decreased.insert(*a);
    SmallVector<int64_t> noneAxes = intsAttr(op, "none_axes");
    SmallVector<int64_t> assigned;
    size_t none = 0;
    for (int64_t i = 0; i < rank; ++i) {
      for (; none < noneAxes.size() && noneAxes[none] <= i; ++none)
        assigned.push_back(-1);
      if (!decreased.contains(i))
        assigned.push_back(i);
    }
    for (; none < noneAxes.size(); ++none)
      assigned.push_back(-1);
    int64_t lead = int64_t(assigned.size()) - valueType.getRank();
    if (lead < 0)
      return op->emitOpError("sets a window of ")
             << assigned.size() << " dims from " << valueType;
    // A static value dim must be 1 or the window's, where that is static.
    for (int64_t j = 0; j < valueType.getRank(); ++j) {
      int64_t d = valueType.getDimSize(j), w = assigned[lead + j];
      std::optional<int64_t> windowDim =
          w < 0 ? std::optional<int64_t>(1) : getConstantIntValue(sizes[w]);
      if (!ShapedType::isDynamic(d) && d != 1 && windowDim && *windowDim != d)
        return op->emitOpError("cannot broadcast ")
               << valueType << " to the window's dim " << *windowDim;
    }
    SmallVector<OpFoldResult> valueDims = dimsOf(rewriter, loc, value);
    Value window = gatherElements(
        rewriter, loc, sizes, value, {}, {},
        [&](OpBuilder &b, Location l, ValueRange at, ValueRange) {
          SmallVector<Value> indices;
          Value zero = b.create<arith::ConstantIndexOp>(l, 0);
          for (int64_t j = 0; j < valueType.getRank(); ++j) {
            int64_t w = assigned[lead + j];
            if (w < 0 || valueType.getDimSize(j) == 1) {
              indices.push_back(zero);
              continue;
            }
            Value i = at[w];
            if (llvm::is_contained(target->downward, w))
              i = b.create<arith::SubIOp>(
                  l,
                  b.create<arith::SubIOp>(l, getValueOrCreateConstantIndexOp(b, l, sizes[w]),
                                          b.create<arith::ConstantIndexOp>(l, 1)),
                  i);
            if (ShapedType::isDynamic(valueType.getDimSize(j))) {
              // A dim of 1 known only at run time broadcasts too.
              Value one = b.create<arith::CmpIOp>(
                  l, arith::CmpIPredicate::eq,
                  getValueOrCreateConstantIndexOp(b, l, valueDims[j]),
                  b.create<arith::ConstantIndexOp>(l, 1));
              i = b.create<arith::SelectOp>(l, one, zero, i);
            }
            indices.push_back(i);
          }
          return indices;
        },
        [&](OpBuilder &b, Location l, ValueRange, Value v) -> Value {
          if (!isa<FloatType>(element))
            return v;
          Value zero = constantOf(b, l, element, 0.0);
          return b.create<arith::SubFOp>(l, zero, b.create<arith::SubFOp>(l, zero, v));
        });
    Value result =
        rewriter.create<tensor::InsertSliceOp>(loc, window, x, target->offsets, sizes,
                                               target->strides);
    return replaceWithPrimaryResult(rewriter, op, result);
  }
};

} // namespace

void pd::cpu::populateConcatSliceLowering(RewritePatternSet &patterns) {
  patterns.add<LowerConcat, LowerPartial<PartialSumOp, false>,
               LowerPartial<PartialConcatOp, true>, LowerSplit, LowerStack, LowerSlice<SliceOp>,
               LowerSlice<StridedSliceOp>, LowerSetValue,
               LowerShape<ShapeOp>, LowerShape<Shape64Op>, LowerSize>(
      patterns.getContext());
}

//===- LoweringHelpers.cpp - shared pieces of the pd -> linalg lowering ---===//

#include "LoweringHelpers.h"

#include "pd/Dialect/PaddleTypes.h"
#include "pd/Dialect/ShapeRules.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

double pd::cpu::floatAttr(Operation *op, StringRef name, double fallback) {
  Attribute a = op->getAttr(name);
  if (auto f = dyn_cast_if_present<FloatAttr>(a))
    return f.getValueAsDouble();
  if (auto i = dyn_cast_if_present<IntegerAttr>(a))
    return double(i.getInt());
  return fallback;
}

int64_t pd::cpu::intAttr(Operation *op, StringRef name, int64_t fallback) {
  if (auto values = pd::integerValues(op->getAttr(name));
      values && values->size() == 1)
    return (*values)[0];
  return fallback;
}

bool pd::cpu::boolAttr(Operation *op, StringRef name, bool fallback) {
  return intAttr(op, name, fallback) != 0;
}

StringRef pd::cpu::strAttr(Operation *op, StringRef name, StringRef fallback) {
  auto s = dyn_cast_if_present<StringAttr>(op->getAttr(name));
  return s ? s.getValue() : fallback;
}

SmallVector<int64_t> pd::cpu::intsAttr(Operation *op, StringRef name,
                                       ArrayRef<int64_t> fallback) {
  if (auto values = pd::integerValues(op->getAttr(name)))
    return *values;
  return SmallVector<int64_t>(fallback);
}

SmallVector<Attribute> pd::cpu::valueListOf(Builder &b, Operation *op, Type element) {
  SmallVector<Attribute> out;
  auto number = [&](double f, int64_t i, bool isFloat) -> Attribute {
    if (isa<FloatType>(element))
      return b.getFloatAttr(element, isFloat ? f : double(i));
    if (element.isInteger(1))
      return b.getIntegerAttr(element, isFloat ? f != 0 : i != 0);
    return b.getIntegerAttr(element, isFloat ? int64_t(f) : i);
  };
  if (auto scalars = op->getAttrOfType<ArrayAttr>("values")) {
    for (Attribute a : scalars) {
      auto dict = dyn_cast<DictionaryAttr>(a);
      if (auto r = dict ? dict.getAs<FloatAttr>("r") : FloatAttr())
        out.push_back(number(r.getValueAsDouble(), 0, true));
      else if (auto i = dict ? dict.getAs<IntegerAttr>("i") : IntegerAttr())
        out.push_back(number(0, i.getInt(), false));
      else if (auto flag = dict ? dict.getAs<BoolAttr>("b") : BoolAttr())
        out.push_back(number(0, flag.getValue(), false));
      else
        return {};
    }
    if (!out.empty())
      return out;
  }
  for (StringRef name : {"fp32_values", "fp64_values", "int32_values", "int64_values",
                         "bool_values", "fp16_values"}) {
    Attribute a = op->getAttr(name);
    if (std::optional<SmallVector<double>> f = a ? floatValues(a) : std::nullopt)
      for (double v : *f)
        out.push_back(number(v, 0, true));
    else if (std::optional<SmallVector<int64_t>> i = a ? integerValues(a) : std::nullopt)
      for (int64_t v : *i)
        out.push_back(number(0, v, false));
    if (!out.empty())
      return out;
  }
  return out;
}

SmallVector<double> pd::cpu::floatsAttr(Operation *op, StringRef name) {
  return pd::floatValues(op->getAttr(name)).value_or(SmallVector<double>{});
}

std::optional<int64_t> pd::cpu::paddleAxis(int64_t axis, int64_t rank) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    return std::nullopt;
  return a;
}

SmallVector<OpFoldResult> pd::cpu::dimsOf(OpBuilder &b, Location loc,
                                          Value tensor) {
  return tensor::getMixedSizes(b, loc, tensor);
}

Value pd::cpu::emptyTensor(OpBuilder &b, Location loc,
                           ArrayRef<OpFoldResult> dims, Type element) {
  return b.create<tensor::EmptyOp>(loc, dims, element);
}

Value pd::cpu::freshTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                           Type element) {
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamic;
  dispatchIndexOpFoldResults(dims, dynamic, shape);
  return b.create<bufferization::AllocTensorOp>(
      loc, RankedTensorType::get(shape, element), dynamic);
}

Value pd::cpu::constantOf(OpBuilder &b, Location loc, Type element,
                          double value) {
  if (auto f = dyn_cast<FloatType>(element))
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(f, value));
  return b.create<arith::ConstantOp>(loc,
                                     b.getIntegerAttr(element, int64_t(value)));
}

SmallVector<OpFoldResult> pd::cpu::broadcastDims(OpBuilder &b, Location loc,
                                                 ValueRange operands,
                                                 ArrayRef<int64_t> offsets,
                                                 int64_t rank) {
  SmallVector<OpFoldResult> dims(rank, b.getIndexAttr(1));
  for (int64_t i = 0; i < rank; ++i) {
    std::optional<OpFoldResult> dynamic;
    for (auto [operand, offset] : llvm::zip(operands, offsets)) {
      auto type = cast<RankedTensorType>(operand.getType());
      int64_t j = i - offset;
      if (j < 0 || j >= type.getRank())
        continue;
      int64_t size = type.getDimSize(j);
      if (!ShapedType::isDynamic(size) && size != 1) {
        dims[i] = b.getIndexAttr(size);
        dynamic.reset();
        break;
      }
      if (ShapedType::isDynamic(size) && !dynamic)
        dynamic = OpFoldResult(b.create<tensor::DimOp>(loc, operand, j).getResult());
    }
    if (dynamic)
      dims[i] = *dynamic;
  }
  return dims;
}

Value pd::cpu::mapElements(OpBuilder &b, Location loc,
                           ArrayRef<OpFoldResult> outDims, Type element,
                           ValueRange operands, ArrayRef<int64_t> offsets,
                           BodyFn body) {
  int64_t rank = outDims.size();
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps;
  for (auto [operand, offset] : llvm::zip(operands, offsets)) {
    auto type = cast<RankedTensorType>(operand.getType());
    SmallVector<AffineExpr> exprs;
    for (int64_t j = 0; j < type.getRank(); ++j) {
      int64_t i = offset + j;
      std::optional<int64_t> out = getConstantIntValue(outDims[i]);
      bool broadcast = type.getDimSize(j) == 1 && (!out || *out != 1);
      exprs.push_back(broadcast ? getAffineConstantExpr(0, ctx)
                                : getAffineDimExpr(i, ctx));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, ctx));
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = emptyTensor(b, loc, outDims, element);
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), operands, init, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        nb.create<linalg::YieldOp>(nloc, body(nb, nloc, args.drop_back()));
      });
  return generic.getResult(0);
}

Value pd::cpu::mapElements(OpBuilder &b, Location loc,
                           ArrayRef<OpFoldResult> outDims, Type element,
                           ValueRange operands, BodyFn body) {
  SmallVector<int64_t> offsets;
  for (Value v : operands)
    offsets.push_back(int64_t(outDims.size()) -
                      cast<RankedTensorType>(v.getType()).getRank());
  return mapElements(b, loc, outDims, element, operands, offsets, body);
}

FailureOr<Value> pd::cpu::mapBroadcastPair(OpBuilder &b, Operation *op,
                                           Value x, Value y, Type element,
                                           BodyFn body) {
  int64_t xRank = cast<RankedTensorType>(x.getType()).getRank();
  int64_t yRank = cast<RankedTensorType>(y.getType()).getRank();
  int64_t rank = std::max(xRank, yRank);
  std::optional<int64_t> offset = pd::shape::elementwiseOffset(
      intAttr(op, "axis", -1), rank, std::min(xRank, yRank));
  if (!offset)
    return op->emitOpError("axis does not fit the operands");
  SmallVector<int64_t> offsets{xRank == rank ? 0 : *offset,
                               yRank == rank ? 0 : *offset};
  Location loc = op->getLoc();
  return mapElements(b, loc, broadcastDims(b, loc, {x, y}, offsets, rank),
                     element, {x, y}, offsets, body);
}

Value pd::cpu::convertScalar(OpBuilder &b, Location loc, Value value, Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  if (to.isInteger(1)) { // bool: value != 0
    if (isa<FloatType>(from))
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, value,
                                     constantOf(b, loc, from, 0));
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, value,
                                   constantOf(b, loc, from, 0));
  }
  bool fromBool = from.isInteger(1);
  if (auto toFloat = dyn_cast<FloatType>(to)) {
    if (auto fromFloat = dyn_cast<FloatType>(from))
      return fromFloat.getWidth() < toFloat.getWidth()
                 ? b.create<arith::ExtFOp>(loc, to, value).getResult()
                 : b.create<arith::TruncFOp>(loc, to, value).getResult();
    return fromBool ? b.create<arith::UIToFPOp>(loc, to, value).getResult()
                    : b.create<arith::SIToFPOp>(loc, to, value).getResult();
  }
  if (isa<FloatType>(from))
    return b.create<arith::FPToSIOp>(loc, to, value);
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth > toWidth)
    return b.create<arith::TruncIOp>(loc, to, value);
  return fromBool ? b.create<arith::ExtUIOp>(loc, to, value).getResult()
                  : b.create<arith::ExtSIOp>(loc, to, value).getResult();
}

Value pd::cpu::onlyElement(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<Value> zeros(type.getRank(),
                           b.create<arith::ConstantIndexOp>(loc, 0));
  return b.create<tensor::ExtractOp>(loc, tensor, zeros);
}

Value pd::cpu::generateElements(
    OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims, Type element,
    function_ref<Value(OpBuilder &, Location, ValueRange at)> body) {
  Value init = emptyTensor(b, loc, dims, element);
  int64_t rank = dims.size();
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), ValueRange{}, init,
          SmallVector<AffineMap>{b.getMultiDimIdentityMap(rank)},
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [&](OpBuilder &nb, Location l, ValueRange) {
            SmallVector<Value> at;
            for (int64_t i = 0; i < rank; ++i)
              at.push_back(nb.create<linalg::IndexOp>(l, i));
            nb.create<linalg::YieldOp>(l, body(nb, l, at));
          })
      .getResult(0);
}

Value pd::cpu::gatherElements(OpBuilder &b, Location loc,
                              ArrayRef<OpFoldResult> dims, Value source,
                              ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                              WhereFn where, FinishFn finish) {
  Type element = cast<RankedTensorType>(source.getType()).getElementType();
  Value init = emptyTensor(b, loc, dims, element);
  int64_t rank = dims.size();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), inputs, init, maps,
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [&](OpBuilder &nb, Location l, ValueRange args) {
            SmallVector<Value> indices;
            for (int64_t i = 0; i < rank; ++i)
              indices.push_back(nb.create<linalg::IndexOp>(l, i));
            SmallVector<Value> at = where(nb, l, indices, args.drop_back());
            Value element = nb.create<tensor::ExtractOp>(l, source, at);
            nb.create<linalg::YieldOp>(
                l, finish ? finish(nb, l, indices, element) : element);
          })
      .getResult(0);
}

/// Element `i` of an integer tensor as an index: a constant when the
/// tensor is one.
static OpFoldResult integerAt(OpBuilder &b, Location loc, Value tensor,
                              ArrayRef<int64_t> at) {
  DenseIntElementsAttr constant;
  if (matchPattern(tensor, m_Constant(&constant))) {
    auto type = cast<RankedTensorType>(tensor.getType());
    int64_t flat = 0;
    for (auto [i, index] : llvm::enumerate(at))
      flat = flat * type.getDimSize(i) + index;
    return b.getIndexAttr(
        (constant.isSplat() ? *constant.value_begin<APInt>()
                            : constant.getValues<APInt>()[flat])
            .getSExtValue());
  }
  SmallVector<Value> indices;
  for (int64_t i : at)
    indices.push_back(b.create<arith::ConstantIndexOp>(loc, i));
  Value element = b.create<tensor::ExtractOp>(loc, tensor, indices);
  Value wide = pd::cpu::convertScalar(b, loc, element, b.getI64Type());
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(), wide).getResult();
}

FailureOr<SmallVector<OpFoldResult>>
pd::cpu::integersFromTensors(OpBuilder &b, Location loc, Operation *op,
                             Value tensor, ValueRange list, int64_t count,
                             StringRef what) {
  SmallVector<OpFoldResult> values;
  auto isInteger = [](Value v) {
    return isa<IntegerType>(cast<RankedTensorType>(v.getType()).getElementType());
  };
  if (tensor) {
    auto type = cast<RankedTensorType>(tensor.getType());
    if (type.getRank() != 1 || type.isDynamicDim(0) || !isInteger(tensor) ||
        (count >= 0 && type.getDimSize(0) != count))
      return op->emitOpError(what)
             << " " << type << " is not a 1-D integer tensor of "
             << (count >= 0 ? std::to_string(count) + " elements" : "static size");
    for (int64_t i = 0; i < type.getDimSize(0); ++i)
      values.push_back(integerAt(b, loc, tensor, {i}));
    return values;
  }
  if (count >= 0 && int64_t(list.size()) != count)
    return op->emitOpError(what) << " has " << list.size() << " tensors for "
                                 << count << " integers";
  for (Value v : list) {
    auto type = cast<RankedTensorType>(v.getType());
    if (!isInteger(v) || !type.hasStaticShape() || type.getNumElements() != 1)
      return op->emitOpError(what) << " takes one-element integer tensors, not "
                                   << type;
    values.push_back(integerAt(b, loc, v, SmallVector<int64_t>(type.getRank(), 0)));
  }
  return values;
}

SmallVector<OpFoldResult> pd::cpu::indexConstants(OpBuilder &b,
                                                  ArrayRef<int64_t> ints) {
  SmallVector<OpFoldResult> values;
  for (int64_t v : ints)
    values.push_back(b.getIndexAttr(v));
  return values;
}

Value pd::cpu::reduceDims(OpBuilder &b, Location loc, Value input,
                          ArrayRef<bool> reduced, double init, bool keepDims,
                          BodyFn combine, Type accumulator) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  MLIRContext *ctx = b.getContext();
  SmallVector<OpFoldResult> inDims = dimsOf(b, loc, input);
  SmallVector<OpFoldResult> outDims;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t i = 0; i < rank; ++i) {
    iterators.push_back(reduced[i] ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
    if (!reduced[i]) {
      outDims.push_back(inDims[i]);
      outExprs.push_back(getAffineDimExpr(i, ctx));
    } else if (keepDims) {
      outDims.push_back(b.getIndexAttr(1));
      outExprs.push_back(getAffineConstantExpr(0, ctx));
    }
  }
  Type element = accumulator ? accumulator : type.getElementType();
  Value empty = emptyTensor(b, loc, outDims, element);
  Value start = constantOf(b, loc, element, init);
  Value filled = b.create<linalg::FillOp>(loc, start, empty).getResult(0);
  SmallVector<AffineMap> maps{AffineMap::getMultiDimIdentityMap(rank, ctx),
                              AffineMap::get(rank, 0, outExprs, ctx)};
  auto generic = b.create<linalg::GenericOp>(
      loc, filled.getType(), input, filled, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value in = args[0];
        if (in.getType() != element)
          in = convertScalar(nb, nloc, in, element);
        nb.create<linalg::YieldOp>(nloc, combine(nb, nloc, {in, args[1]}));
      });
  return generic.getResult(0);
}

FailureOr<Type> pd::cpu::floatPairElement(Operation *op, Value x, Value y) {
  Type element = getElementTypeOrSelf(x.getType());
  if (!isa<FloatType>(element) || element != getElementTypeOrSelf(y.getType()))
    return op->emitOpError("is lowered for two floating-point tensors of one type only");
  return element;
}

Value pd::cpu::dropUnitDims(OpBuilder &b, Location loc, Value value,
                            ArrayRef<bool> drop) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices leading; // dropped dims before the first kept one
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (drop[i]) {
      (groups.empty() ? leading : groups.back()).push_back(i);
      continue;
    }
    groups.push_back(leading);
    groups.back().push_back(i);
    leading.clear();
    shape.push_back(type.getDimSize(i));
  }
  return b.create<tensor::CollapseShapeOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), value, groups);
}

Value pd::cpu::maxKeepingDims(OpBuilder &b, Location loc, Value x,
                              ArrayRef<bool> reduced) {
  return reduceDims(b, loc, x, reduced, -INFINITY, /*keepDims=*/true,
                    [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                      return nb.create<arith::MaximumFOp>(l, a[0], a[1]);
                    });
}

Value pd::cpu::expAboveMax(OpBuilder &b, Location loc, Value x, Value maxKept) {
  return mapElements(b, loc, dimsOf(b, loc, x), getElementTypeOrSelf(x.getType()),
                     ValueRange{x, maxKept},
                     [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                       return nb.create<math::ExpOp>(
                           l, nb.create<arith::SubFOp>(l, a[0], a[1]));
                     });
}

Value pd::cpu::castTo(OpBuilder &b, Location loc, Value v, Type type) {
  return v.getType() == type ? v : b.create<tensor::CastOp>(loc, type, v).getResult();
}

void pd::cpu::replaceWithResults(ConversionPatternRewriter &rewriter,
                                 Operation *op, ValueRange values) {
  assert(values.size() == op->getNumResults() && "one value per result");
  SmallVector<Value> results;
  for (auto [value, result] : llvm::zip(values, op->getResults()))
    results.push_back(castTo(rewriter, op->getLoc(), value, result.getType()));
  rewriter.replaceOp(op, results);
}

LogicalResult pd::cpu::replaceWithPrimaryResult(ConversionPatternRewriter &rewriter,
                                                Operation *op, Value value) {
  Location loc = op->getLoc();
  SmallVector<Value> results{castTo(rewriter, loc, value, op->getResult(0).getType())};
  for (OpResult extra : op->getResults().drop_front()) {
    if (!extra.use_empty())
      return op->emitOpError("result #")
             << extra.getResultNumber()
             << " is used; only inference is lowered";
    auto t = cast<RankedTensorType>(extra.getType());
    SmallVector<Value> dynamic;
    for (int64_t i = 0; i < t.getRank(); ++i)
      if (t.isDynamicDim(i))
        dynamic.push_back(rewriter.create<arith::ConstantIndexOp>(loc, 0));
    results.push_back(rewriter.create<tensor::EmptyOp>(loc, t, dynamic));
  }
  rewriter.replaceOp(op, results);
  return success();
}

Value pd::cpu::sigmoidOf(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
  return b.create<arith::DivFOp>(
      loc, constantOf(b, loc, t, 1),
      b.create<arith::AddFOp>(loc, constantOf(b, loc, t, 1), e));
}

Value pd::cpu::flattened(OpBuilder &b, Location loc, Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  if (type.getRank() == 1)
    return x;
  if (type.getRank() == 0)
    return b.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get({1}, type.getElementType()), x,
        ArrayRef<ReassociationIndices>{});
  ReassociationIndices all;
  for (int64_t i = 0; i < type.getRank(); ++i)
    all.push_back(i);
  return b.create<tensor::CollapseShapeOp>(loc, x, ArrayRef<ReassociationIndices>{all});
}

Value pd::cpu::orderedBefore(OpBuilder &b, Location loc, Value a, Value other,
                             bool largest) {
  if (isa<FloatType>(a.getType()))
    return b.create<arith::CmpFOp>(
        loc, largest ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT, a, other);
  return b.create<arith::CmpIOp>(
      loc, largest ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::slt, a, other);
}

pd::cpu::SortSpace pd::cpu::SortSpace::make(OpBuilder &b, Location loc, Value n) {
  return {freshTensor(b, loc, {n}, b.getIndexType()),
          freshTensor(b, loc, {n}, b.getIndexType())};
}

pd::cpu::SortSpace pd::cpu::stableSortedPositions(OpBuilder &b, Location loc,
                                                  SortSpace space, ValueAtFn valueAt,
                                                  BeforeFn before) {
  Type index = b.getIndexType();
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  Value n = b.create<tensor::DimOp>(loc, space.positions, 0);
  // Written in place (a tensor.generate would allocate anew).
  Value positions =
      b.create<scf::ForOp>(
           loc, zero, n, one, ValueRange{space.positions},
           [](OpBuilder &ib, Location il, Value i, ValueRange into) {
             ib.create<scf::YieldOp>(
                 il, ib.create<tensor::InsertOp>(il, i, into[0], ValueRange{i})
                         .getResult());
           })
          .getResult(0);
  Type tensorType = positions.getType();
  auto passes = b.create<scf::WhileOp>(
      loc, TypeRange{index, tensorType, tensorType}, ValueRange{one, positions, space.scratch},
      [&](OpBuilder &cb, Location l, ValueRange args) {
        Value more = cb.create<arith::CmpIOp>(l, arith::CmpIPredicate::ult, args[0], n);
        cb.create<scf::ConditionOp>(l, more, args);
      },
      [&](OpBuilder &pb, Location l, ValueRange args) {
        Value width = args[0], from = args[1];
        Value pair = pb.create<arith::MulIOp>(l, width, pb.create<arith::ConstantIndexOp>(l, 2));
        auto runs = pb.create<scf::ForOp>(
            l, zero, n, pair, ValueRange{args[2]},
            [&](OpBuilder &rb, Location rl, Value lo, ValueRange into) {
              Value mid = rb.create<arith::MinUIOp>(rl, rb.create<arith::AddIOp>(rl, lo, width), n);
              Value hi = rb.create<arith::MinUIOp>(rl, rb.create<arith::AddIOp>(rl, lo, pair), n);
              Value last = rb.create<arith::SubIOp>(rl, hi, one);
              auto merge = rb.create<scf::ForOp>(
                  rl, lo, hi, one, ValueRange{lo, mid, into[0]},
                  [&](OpBuilder &mb, Location ml, Value k, ValueRange s) {
                    Value i = s[0], j = s[1];
                    // Both reads stay in [lo, hi) once a run is used up.
                    Value pi = mb.create<tensor::ExtractOp>(
                        ml, from, ValueRange{mb.create<arith::MinUIOp>(ml, i, last)});
                    Value pj = mb.create<tensor::ExtractOp>(
                        ml, from, ValueRange{mb.create<arith::MinUIOp>(ml, j, last)});
                    Value vi = valueAt(mb, ml, pi);
                    Value vj = valueAt(mb, ml, pj);
                    Value leftLeft = mb.create<arith::CmpIOp>(ml, arith::CmpIPredicate::ult, i, mid);
                    Value rightDone = mb.create<arith::CmpIOp>(ml, arith::CmpIPredicate::uge, j, hi);
                    Value rightFirst = before(mb, ml, vj, vi);
                    Value takeLeft = mb.create<arith::AndIOp>(
                        ml, leftLeft,
                        mb.create<arith::OrIOp>(
                            ml, rightDone,
                            mb.create<arith::XOrIOp>(
                                ml, rightFirst,
                                mb.create<arith::ConstantIntOp>(ml, 1, 1))));
                    Value taken = mb.create<arith::SelectOp>(ml, takeLeft, pi, pj);
                    Value written = mb.create<tensor::InsertOp>(ml, taken, s[2], ValueRange{k});
                    Value step = mb.create<arith::IndexCastOp>(
                        ml, mb.getIndexType(),
                        mb.create<arith::ExtUIOp>(ml, mb.getI64Type(), takeLeft));
                    Value nextI = mb.create<arith::AddIOp>(ml, i, step);
                    Value nextJ = mb.create<arith::AddIOp>(
                        ml, j, mb.create<arith::SubIOp>(ml, one, step));
                    mb.create<scf::YieldOp>(ml, ValueRange{nextI, nextJ, written});
                  });
              rb.create<scf::YieldOp>(rl, merge.getResult(2));
            });
        Value merged = runs.getResult(0);
        Value copied = pb.create<tensor::InsertSliceOp>(
            l, merged, from, ArrayRef<OpFoldResult>{pb.getIndexAttr(0)},
            ArrayRef<OpFoldResult>{n}, ArrayRef<OpFoldResult>{pb.getIndexAttr(1)});
        pb.create<scf::YieldOp>(l, ValueRange{pair, copied, merged});
      });
  return {passes.getResult(1), passes.getResult(2)};
}

Value pd::cpu::indexToFloat(OpBuilder &b, Location loc, Value index,
                            Type element) {
  if (index.getType().isIndex())
    index = b.create<arith::IndexCastOp>(loc, b.getI64Type(), index);
  return b.create<arith::SIToFPOp>(loc, element, index);
}

Value pd::cpu::countOf(OpBuilder &b, Location loc, Value value,
                       ArrayRef<bool> selected, Type element) {
  Value count = b.create<arith::ConstantIndexOp>(loc, 1);
  for (auto [i, dim] : llvm::enumerate(dimsOf(b, loc, value)))
    if (selected[i])
      count = b.create<arith::MulIOp>(
          loc, count, getValueOrCreateConstantIndexOp(b, loc, dim));
  return indexToFloat(b, loc, count, element);
}

//===- LowerRecurrent.cpp - rnn (LSTM, GRU, simple RNN) -------------------===//
//
// Each layer and direction of an rnn runs in two parts: the input's
// projection for every step at once (one GEMM of [T*N, in] by weight_ih^T,
// bias_ih in its epilogue), then a loop over time whose body is one GEMM of
// the previous h by weight_hh^T (bias_hh, and for LSTM and simple RNNs the
// step's projection, in its epilogue) and one loop nest for the cell. The
// weights are packed once, at load time. The backward direction walks time
// from the end; layer l+1 reads layer l's output.
//
// With SequenceLength, a step past a sequence's end keeps its state and
// writes zeros to Out, as Paddle's kernel does.
//
//===----------------------------------------------------------------------===//

#include "LoweringHelpers.h"

#include "pd/Codegen/Cpu/PdCpuOps.h"
#include "pd/Dialect/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace pd;
using namespace pd::cpu;

namespace {

enum class CellKind { Lstm, Gru, Tanh, Relu };

/// The fixed sizes of one rnn op.
struct Geometry {
  CellKind kind;
  int64_t gates, hidden, layers, directions;
  int64_t cells() const { return layers * directions; }
};

/// [rows x cols] of a 2-D tensor at (row0, col0): a view.
Value block(OpBuilder &b, Location loc, Value t, OpFoldResult row0,
            OpFoldResult col0, OpFoldResult rows, OpFoldResult cols) {
  SmallVector<OpFoldResult> offsets{row0, col0}, sizes{rows, cols},
      strides(2, b.getIndexAttr(1));
  return b.create<tensor::ExtractSliceOp>(loc, t, offsets, sizes, strides);
}

/// Row `index` of a 3-D tensor [R, N, C] as [N, C].
Value plane(OpBuilder &b, Location loc, Value t, OpFoldResult index) {
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, t);
  auto type = cast<RankedTensorType>(t.getType());
  auto planeType = RankedTensorType::get(type.getShape().drop_front(),
                                         type.getElementType());
  SmallVector<OpFoldResult> offsets{index, b.getIndexAttr(0), b.getIndexAttr(0)},
      sizes{b.getIndexAttr(1), dims[1], dims[2]}, strides(3, b.getIndexAttr(1));
  return b.create<tensor::ExtractSliceOp>(loc, planeType, t, offsets, sizes,
                                          strides);
}

/// Writes `value` [N, H] into `dest` [R, N, C] at row `index`, columns
/// from `col0`.
Value insertPlane(OpBuilder &b, Location loc, Value value, Value dest,
                  OpFoldResult index, int64_t col0) {
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, value);
  SmallVector<OpFoldResult> offsets{index, b.getIndexAttr(0), b.getIndexAttr(col0)},
      sizes{b.getIndexAttr(1), dims[0], dims[1]}, strides(3, b.getIndexAttr(1));
  return b.create<tensor::InsertSliceOp>(loc, value, dest, offsets, sizes,
                                         strides);
}

/// The cell's loop nest over [N, H]. `gates` are the GEMM's [N, G*H]
/// (with the step's projection added, except for GRU), `projected` the
/// step's projection (GRU), `state` h (and c), `valid` whether each row's
/// sequence still runs (null: all do). Returns the new h (and c), and the
/// step's output when it differs from h.
SmallVector<Value> buildCell(OpBuilder &b, Location loc, const Geometry &g,
                             Value gates, Value projected, ValueRange state,
                             Value valid) {
  MLIRContext *ctx = b.getContext();
  int64_t h = g.hidden;
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, state[0]);
  OpFoldResult zero = b.getIndexAttr(0), width = b.getIndexAttr(h);
  auto gate = [&](Value from, int64_t k) {
    return block(b, loc, from, zero, b.getIndexAttr(k * h), dims[0], width);
  };
  SmallVector<Value> inputs;
  for (int64_t k = 0; k < g.gates; ++k)
    inputs.push_back(gate(gates, k));
  if (g.kind == CellKind::Gru)
    for (int64_t k = 0; k < g.gates; ++k)
      inputs.push_back(gate(projected, k));
  unsigned stateAt = inputs.size();
  llvm::append_range(inputs, state);
  unsigned validAt = inputs.size();
  if (valid)
    inputs.push_back(valid);

  // The new state is written over the old (read element by element).
  SmallVector<Value> outputs(state);
  if (valid)
    outputs.push_back(emptyTensor(b, loc, dims, b.getF32Type()));
  AffineMap identity = b.getMultiDimIdentityMap(2);
  SmallVector<AffineMap> maps(inputs.size() + outputs.size(), identity);
  if (valid)
    maps[validAt] = AffineMap::get(2, 0, getAffineDimExpr(0, ctx));
  SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
  auto cell = b.create<linalg::GenericOp>(
      loc, TypeRange(ValueRange(outputs)), inputs, outputs, maps, iterators,
      [&](OpBuilder &nb, Location l, ValueRange a) {
        auto add = [&](Value x, Value y) { return nb.create<arith::AddFOp>(l, x, y); };
        auto mul = [&](Value x, Value y) { return nb.create<arith::MulFOp>(l, x, y); };
        auto tanh = [&](Value x) { return nb.create<math::TanhOp>(l, x); };
        auto sigmoid = [&](Value x) { return sigmoidOf(nb, l, x); };
        Value hPrev = a[stateAt];
        SmallVector<Value> next;
        switch (g.kind) {
        case CellKind::Lstm: { // gates i, f, g, o
          Value c = add(mul(sigmoid(a[1]), a[stateAt + 1]),
                        mul(sigmoid(a[0]), tanh(a[2])));
          next = {mul(sigmoid(a[3]), tanh(c)), c};
          break;
        }
        case CellKind::Gru: { // gates r, z, c; a[0..2] from h, a[3..5] from x
          Value r = sigmoid(add(a[3], a[0]));
          Value z = sigmoid(add(a[4], a[1]));
          Value c = tanh(add(a[5], mul(r, a[2])));
          next = {add(mul(nb.create<arith::SubFOp>(l, hPrev, c), z), c)};
          break;
        }
        case CellKind::Tanh:
          next = {tanh(a[0])};
          break;
        case CellKind::Relu:
          next = {nb.create<arith::MaximumFOp>(l, a[0], constantOf(nb, l, a[0].getType(), 0))};
          break;
        }
        if (valid) {
          Value runs = a[validAt];
          Value out = nb.create<arith::SelectOp>(
              l, runs, next[0], constantOf(nb, l, next[0].getType(), 0));
          for (size_t i = 0; i < next.size(); ++i)
            next[i] = nb.create<arith::SelectOp>(l, runs, next[i], a[stateAt + i]);
          next.push_back(out);
        }
        nb.create<linalg::YieldOp>(l, next);
      });
  return SmallVector<Value>(cell.getResults());
}

/// Whether each row's sequence runs at `step`: lengths [N] > step, as i1.
Value stillRunning(OpBuilder &b, Location loc, Value lengths, Value step) {
  SmallVector<OpFoldResult> dims = dimsOf(b, loc, lengths);
  Value init = emptyTensor(b, loc, dims, b.getI1Type());
  AffineMap identity = b.getMultiDimIdentityMap(1);
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), ValueRange{lengths}, init,
          SmallVector<AffineMap>{identity, identity},
          SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
          [&](OpBuilder &nb, Location l, ValueRange a) {
            Value length = nb.create<arith::IndexCastOp>(l, nb.getIndexType(), a[0]);
            nb.create<linalg::YieldOp>(
                l, nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, step,
                                            length)
                       .getResult());
          })
      .getResult(0);
}

struct LowerRnn : OpConversionPattern<RnnOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RnnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    // The shape rule checks the mode, the counts and every weight's shape.
    SmallVector<Type> checked;
    if (failed(op.inferResultTypes(checked)))
      return failure();
    for (Value training : {op.getDropoutState(), op.getReserve()})
      if (training && !training.use_empty())
        return op->emitOpError("has a training output in use");
    Value x = adaptor.getInput();
    auto xt = cast<RankedTensorType>(x.getType());
    if (!xt.getElementType().isF32())
      return op->emitOpError("is lowered for f32 tensors only");
    for (Value w : adaptor.getWeightList())
      if (!cast<RankedTensorType>(w.getType()).hasStaticShape())
        return op->emitOpError("needs weights of static shapes");
    StringRef mode = strAttr(op, "mode", "RNN_TANH");
    Geometry g{llvm::StringSwitch<CellKind>(mode)
                   .Case("LSTM", CellKind::Lstm)
                   .Case("GRU", CellKind::Gru)
                   .Case("RNN_RELU", CellKind::Relu)
                   .Default(CellKind::Tanh),
               *shape::rnnGates(mode), intAttr(op, "hidden_size", 100),
               intAttr(op, "num_layers", 1),
               boolAttr(op, "is_bidirec", false) ? 2 : 1};
    int64_t h = g.hidden, rows = g.gates * h, cells = g.cells();
    ValueRange weights = adaptor.getWeightList();
    Value lengths = adaptor.getSequenceLength();

    OpBuilder &b = rewriter;
    SmallVector<OpFoldResult> xDims = dimsOf(b, loc, x);
    Value steps = getValueOrCreateConstantIndexOp(b, loc, xDims[0]);
    OpFoldResult batch = xDims[1];
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    Value last = b.create<arith::SubIOp>(loc, steps, one);

    Value layerInput = x;
    SmallVector<SmallVector<Value>> finalStates(cells);
    for (int64_t layer = 0; layer < g.layers; ++layer) {
      Value out = emptyTensor(
          b, loc, {xDims[0], batch, b.getIndexAttr(g.directions * h)},
          b.getF32Type());
      for (int64_t dir = 0; dir < g.directions; ++dir) {
        int64_t cell = layer * g.directions + dir;
        Value packedIh = packRightHandSide(b, loc, weights[2 * cell], true);
        Value packedHh = packRightHandSide(b, loc, weights[2 * cell + 1], true);
        Value biasIh = weights[2 * cells + 2 * cell];
        Value biasHh = weights[2 * cells + 2 * cell + 1];
        Value projected = gemm(b, loc, layerInput, packedIh, rows, biasIh, {});
        SmallVector<Value> inits;
        for (Value s : adaptor.getPreState())
          inits.push_back(plane(b, loc, s, b.getIndexAttr(cell)));
        unsigned stateCount = inits.size();
        inits.push_back(out);
        inits.push_back(emptyTensor(b, loc, {batch, b.getIndexAttr(rows)},
                                    b.getF32Type()));
        auto loop = b.create<scf::ForOp>(
            loc, zero, steps, one, inits,
            [&](OpBuilder &lb, Location l, Value t, ValueRange carried) {
              Value step = dir == 0 ? t : lb.create<arith::SubIOp>(l, last, t);
              ValueRange state = carried.take_front(stateCount);
              Value stepInput = plane(lb, l, projected, step);
              // GRU's reset gate scales h's part of c alone: the step's
              // projection joins in the cell, not in the epilogue.
              Value gates = gemm(lb, l, state[0], packedHh, rows, biasHh,
                                 g.kind == CellKind::Gru ? Value() : stepInput,
                                 carried.back());
              Value valid = lengths ? stillRunning(lb, l, lengths, step) : Value();
              SmallVector<Value> next =
                  buildCell(lb, l, g, gates, stepInput, state, valid);
              Value output = valid ? next.pop_back_val() : next[0];
              next.push_back(insertPlane(lb, l, output, carried[stateCount],
                                         step, dir * h));
              next.push_back(gates);
              lb.create<scf::YieldOp>(l, next);
            });
        for (unsigned i = 0; i < stateCount; ++i)
          finalStates[cell].push_back(loop.getResult(i));
        out = loop.getResult(stateCount);
      }
      layerInput = out;
    }

    SmallVector<Value> results{layerInput};
    for (unsigned i = 0; i < adaptor.getPreState().size(); ++i) {
      Value stacked = emptyTensor(b, loc, {b.getIndexAttr(cells), batch, b.getIndexAttr(h)},
                                  b.getF32Type());
      for (int64_t cell = 0; cell < cells; ++cell)
        stacked = insertPlane(b, loc, finalStates[cell][i], stacked,
                              b.getIndexAttr(cell), 0);
      results.push_back(stacked);
    }
    return replaceRnn(rewriter, op, results);
  }

  /// Out and State take the computed values; DropoutState and Reserve
  /// (training's, unused) become empty tensors.
  static LogicalResult replaceRnn(ConversionPatternRewriter &rewriter, RnnOp op,
                                  ArrayRef<Value> values) {
    SmallVector<Value> replacements;
    auto withType = [&](Value v, Type to) { return castTo(rewriter, op.getLoc(), v, to); };
    replacements.push_back(withType(values[0], op.getOut().getType()));
    for (auto [i, state] : llvm::enumerate(op.getState()))
      replacements.push_back(withType(values[1 + i], state.getType()));
    // Results in the op's order: Out, DropoutState?, State..., Reserve?.
    SmallVector<Value> ordered;
    unsigned next = 0;
    for (Value result : op->getResults()) {
      if (result == op.getDropoutState() || result == op.getReserve()) {
        auto type = cast_if_present<RankedTensorType>(result.getType());
        ordered.push_back(rewriter.create<tensor::EmptyOp>(
            op.getLoc(), type && type.hasStaticShape() ? type.getShape()
                                                       : ArrayRef<int64_t>{},
            type ? type.getElementType() : rewriter.getF32Type()));
        continue;
      }
      ordered.push_back(replacements[next++]);
    }
    rewriter.replaceOp(op, ordered);
    return success();
  }
};

} // namespace

void pd::cpu::populateRecurrentLowering(RewritePatternSet &patterns) {
  patterns.add<LowerRnn>(patterns.getContext());
}

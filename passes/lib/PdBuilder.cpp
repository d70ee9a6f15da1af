//===- PdBuilder.cpp - creating Paddle ops inside rewrites ----------------===//

#include "PdBuilder.h"

using namespace mlir;

std::string pd::derivedName(Value base, StringRef suffix) {
  StringRef name = variableName(base);
  return name.empty() ? std::string() : (name + "." + suffix).str();
}

Value pd::createScale(OpBuilder &b, Location loc, Value x, double scale,
                      double bias, StringRef name) {
  return createNamed<ScaleOp>(
             b, loc, x.getType(), {x},
             {b.getNamedAttr("scale", b.getF32FloatAttr(scale)),
              b.getNamedAttr("bias", b.getF32FloatAttr(bias)),
              b.getNamedAttr("bias_after_scale", b.getBoolAttr(true)),
              b.getNamedAttr("operandSegmentSizes",
                             b.getDenseI32ArrayAttr({1, 0, 0}))},
             name)
      ->getResult(0);
}

Value pd::createTranspose(OpBuilder &b, Location loc, Value x,
                          ArrayRef<int64_t> perm, StringRef name) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape;
  SmallVector<int32_t> axis;
  for (int64_t p : perm) {
    shape.push_back(type.getDimSize(p));
    axis.push_back(int32_t(p));
  }
  return createNamed<Transpose2Op>(
             b, loc, RankedTensorType::get(shape, type.getElementType()), {x},
             {b.getNamedAttr("axis", b.getDenseI32ArrayAttr(axis))}, name)
      ->getResult(0);
}

int64_t pd::intAttrOr(Operation *op, StringRef name, int64_t fallback) {
  auto attr = op->getAttrOfType<IntegerAttr>(name);
  return attr ? attr.getValue().getSExtValue() : fallback;
}

bool pd::isParameterOnly(Value value) {
  // Bounded: parameter math is short (a fold is a handful of ops).
  SmallVector<Value> work{value};
  unsigned visited = 0;
  while (!work.empty()) {
    Value v = work.pop_back_val();
    Operation *def = v.getDefiningOp();
    if (!def || ++visited > 64)
      return false;
    if (isa<GetParameterOp>(def))
      continue;
    if (def->getNumRegions() || def->getNumOperands() == 0 ||
        !isa<PdDialect>(def->getDialect()))
      return false;
    llvm::append_range(work, def->getOperands());
  }
  return true;
}

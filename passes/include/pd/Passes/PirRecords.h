//===- PirRecords.h - reading the PIR records of imported ops ---*- C++ -*-===//
//
// Ops imported from a PIR program are `pd.generic`s that keep their PIR
// record (`pd.pir`: attributes, result types, ids). These helpers read that
// record for the pd-raise-pir patterns.
//
//===----------------------------------------------------------------------===//
#ifndef PD_PASSES_PIRRECORDS_H
#define PD_PASSES_PIRRECORDS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringMap.h"

namespace pd::pir {

/// The PIR op name of an imported op ("pd_op.matmul"); empty for others.
llvm::StringRef opType(mlir::Operation *op);

/// A PIR attribute value ({"#": kind, "D": data}) as the attribute the
/// ProgramDesc-era ops use; null for kinds they have no use for.
mlir::Attribute convertAttribute(mlir::MLIRContext *ctx,
                                 mlir::DictionaryAttr value);

/// The op's PIR operands in order, with null Values where PIR had its null
/// value (an absent optional input, which the import leaves out).
llvm::SmallVector<mlir::Value> operands(mlir::Operation *op);

/// The tensor types of the values in result `index`, a vector of dense
/// tensors (0.t_vec), as the op's record declares them; none when it is not.
std::optional<llvm::SmallVector<mlir::Type>>
vectorResultTypes(mlir::Operation *op, unsigned index);

/// The PIR attributes of an op, by name, converted.
llvm::StringMap<mlir::Attribute> attributes(mlir::Operation *op);

/// Names results as Paddle names variables: `<type>_<n>.tmp_<i>`.
class Namer {
public:
  mlir::ArrayAttr namesFor(mlir::Builder &b, llvm::StringRef type,
                           unsigned count);

private:
  llvm::StringMap<unsigned> counters;
};

} // namespace pd::pir

#endif // PD_PASSES_PIRRECORDS_H

//===- AttributeExport.h - MLIR attributes as Paddle attributes -*- C++ -*-===//
#ifndef PD_CODEGEN_PADDLE_LIB_ATTRIBUTEEXPORT_H
#define PD_CODEGEN_PADDLE_LIB_ATTRIBUTEEXPORT_H

#include "pd/Codegen/Paddle/ProgramExporter.h"
#include "pd/Dialect/OpTable.h"

#include "mlir/IR/Location.h"

#include <optional>

namespace pd::detail {

/// Fills `out` with `attr` written as Paddle kind `type` (the kind pd.wire
/// recorded, or the one the attribute implies). `blockIds` maps a region
/// number of the op to the sub-block index it is written as. False when the
/// attribute cannot be written as that kind.
bool exportAttribute(llvm::StringRef name, mlir::Attribute attr, AttrType type,
                     llvm::ArrayRef<int32_t> blockIds,
                     proto::OpDesc::Attr &out);

/// The op_callstack strings a location stands for (see the importer), or
/// nothing when the op had none.
std::optional<llvm::SmallVector<std::string>> callstackOf(mlir::Location loc);

} // namespace pd::detail

#endif // PD_CODEGEN_PADDLE_LIB_ATTRIBUTEEXPORT_H

//===- ProgramDesc.h - reading Paddle's ProgramDesc -------------*- C++ -*-===//
#ifndef PD_FRONTEND_PROGRAMDESC_H
#define PD_FRONTEND_PROGRAMDESC_H

#include "framework.pb.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace pd {
namespace proto = ::paddle::framework::proto;

/// Parses a serialized ProgramDesc. Errors are one line naming `fileName`
/// and the byte offset (wire damage) or the field path (a missing required
/// field).
llvm::Expected<proto::ProgramDesc> parseProgramDesc(llvm::StringRef bytes,
                                                    llvm::StringRef fileName);

/// Creates an error `<fileName>: <message>`.
llvm::Error makeFileError(llvm::StringRef fileName, const llvm::Twine &message);

} // namespace pd

#endif // PD_FRONTEND_PROGRAMDESC_H

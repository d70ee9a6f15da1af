//===- PersistableNames.h - what a parameter file holds ---------*- C++ -*-===//
#ifndef PD_FRONTEND_PERSISTABLENAMES_H
#define PD_FRONTEND_PERSISTABLENAMES_H

#include "framework.pb.h"

#include <string>
#include <vector>

namespace pd {

/// The variables Paddle writes to a parameter file for `program`: the
/// persistables of every block except feed/fetch holders, readers and raw
/// variables, in byte-wise name order (FORMATS.md 2.4, 3). Both the reader
/// and the writer of parameter files use this one rule.
std::vector<std::string>
savedPersistableNames(const paddle::framework::proto::ProgramDesc &program);

} // namespace pd

#endif // PD_FRONTEND_PERSISTABLENAMES_H

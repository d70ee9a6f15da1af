//===- PersistableNames.cpp - what a parameter file holds -------------------===//

#include "pd/Frontend/PersistableNames.h"

#include <algorithm>

namespace proto = paddle::framework::proto;

static bool isSavedPersistable(const proto::VarDesc &var) {
  switch (var.type().type()) {
  case proto::VarType::FEED_MINIBATCH:
  case proto::VarType::FETCH_LIST:
  case proto::VarType::READER:
  case proto::VarType::RAW:
    return false;
  default:
    return var.persistable();
  }
}

std::vector<std::string>
pd::savedPersistableNames(const proto::ProgramDesc &program) {
  std::vector<std::string> names;
  for (const proto::BlockDesc &block : program.blocks())
    for (const proto::VarDesc &var : block.vars())
      if (isSavedPersistable(var))
        names.push_back(var.name());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

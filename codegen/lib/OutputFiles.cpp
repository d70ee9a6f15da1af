//===- OutputFiles.cpp - all-or-nothing output files ------------------------===//

#include "pd/Codegen/OutputFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace pd;

static Error outputError(StringRef path, const Twine &message) {
  return createStringError(inconvertibleErrorCode(), path + ": " + message);
}

OutputFiles::~OutputFiles() {
  if (committed)
    return;
  for (auto &file : files) {
    file->os.reset();
    consumeError(file->temp.discard());
  }
  for (auto it = createdDirs.rbegin(); it != createdDirs.rend(); ++it)
    sys::fs::remove(*it); // only succeeds when empty
}

Error OutputFiles::createDirectory(StringRef path) {
  SmallVector<std::string> missing;
  for (StringRef dir = path; !dir.empty() && !sys::fs::exists(dir);
       dir = sys::path::parent_path(dir))
    missing.push_back(dir.str());
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (std::error_code ec = sys::fs::create_directory(*it))
      return outputError(*it, "cannot create folder: " + ec.message());
    createdDirs.push_back(*it);
  }
  if (!sys::fs::is_directory(path))
    return outputError(path, "exists and is not a folder");
  return Error::success();
}

Expected<OutputFile &> OutputFiles::create(StringRef path) {
  StringRef dir = sys::path::parent_path(path);
  if (!dir.empty())
    if (Error err = createDirectory(dir))
      return std::move(err);
  auto temp = sys::fs::TempFile::create(path + ".tmp-%%%%%%");
  if (!temp)
    return outputError(path, "cannot create: " + toString(temp.takeError()));
  auto pending = std::make_unique<Pending>(
      Pending{path.str(), std::move(*temp), nullptr});
  pending->os = std::make_unique<OutputFile>(pending->temp.FD);
  files.push_back(std::move(pending));
  return *files.back()->os;
}

Expected<std::string> OutputFiles::reserve(StringRef path) {
  auto file = create(path);
  if (!file)
    return file.takeError();
  return files.back()->temp.TmpName;
}

Error OutputFiles::commit() {
  for (auto &file : files) {
    file->os->flush();
    if (file->os->has_error())
      return outputError(file->path,
                         "write failed: " + file->os->error().message());
  }
  for (auto &file : files) {
    file->os.reset();
    if (Error err = file->temp.keep(file->path))
      return outputError(file->path, "cannot rename into place: " +
                                         toString(std::move(err)));
  }
  committed = true;
  return Error::success();
}

std::vector<std::string> OutputFiles::paths() const {
  std::vector<std::string> result;
  for (const auto &file : files)
    result.push_back(file->path);
  return result;
}

//===- OutputFiles.cpp - all-or-nothing output files ------------------------===//

#include "pd/Codegen/OutputFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace llvm;
using namespace pd;

static Error outputError(StringRef path, const Twine &message) {
  return createStringError(inconvertibleErrorCode(), path + ": " + message);
}

static std::string errnoText() { return std::strerror(errno); }

/// "<name>.tmp-<pid>-": the start of every temporary name of output `path`.
static std::string tempPrefix(StringRef path) {
  return (sys::path::filename(path) + ".tmp-" + Twine(::getpid()) + "-").str();
}

/// Removes what an earlier, killed export of `path` left beside it:
/// `<name>.tmp-<pid>-*` and `<name>.old-<pid>-*` of a process that is gone.
static void removeStaleTemporaries(StringRef path) {
  StringRef dir = sys::path::parent_path(path);
  std::string name = sys::path::filename(path).str();
  std::error_code ec;
  for (sys::fs::directory_iterator it(dir.empty() ? "." : dir, ec), end;
       it != end && !ec; it.increment(ec)) {
    StringRef entry = sys::path::filename(it->path());
    if (!entry.consume_front(name) ||
        !(entry.consume_front(".tmp-") || entry.consume_front(".old-")))
      continue;
    unsigned pid;
    if (entry.consumeInteger(10, pid) || !entry.starts_with("-") ||
        pid == unsigned(::getpid()))
      continue;
    if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH)
      continue; // its writer still runs
    if (sys::fs::is_directory(it->path()))
      sys::fs::remove_directories(it->path());
    else
      sys::fs::remove(it->path());
  }
}

/// Syncs a file or folder to the disk, by name (a linker may have replaced
/// the file a descriptor of ours points to).
static Error sync(StringRef path) {
  int fd = ::open(path.str().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return outputError(path, "cannot open to sync: " + errnoText());
  int status = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  errno = saved;
  if (status != 0 && errno != EINVAL) // some file systems cannot sync folders
    return outputError(path, "cannot sync: " + errnoText());
  return Error::success();
}

/// `path` without "./" steps or a trailing '/': how folder outputs and the
/// files in them are compared.
static std::string normalize(StringRef path) {
  SmallString<256> clean(path);
  sys::path::remove_dots(clean, /*remove_dot_dot=*/false);
  std::string result = clean.str().str();
  while (result.size() > 1 && result.back() == '/')
    result.pop_back();
  return result;
}

static std::string parentOf(StringRef path) {
  StringRef dir = sys::path::parent_path(path);
  return dir.empty() ? "." : dir.str();
}

OutputFiles::~OutputFiles() {
  for (const std::string &path : scratchFiles)
    sys::fs::remove(path);
  if (committed)
    return;
  for (auto &file : files) {
    file->os.reset();
    consumeError(file->temp.discard());
  }
  if (!folderTemp.empty())
    sys::fs::remove_directories(folderTemp);
  for (auto it = createdDirs.rbegin(); it != createdDirs.rend(); ++it)
    sys::fs::remove(*it); // only succeeds when empty
}

Error OutputFiles::createParents(StringRef path) {
  SmallVector<std::string> missing;
  for (StringRef dir = path; !dir.empty() && !sys::fs::exists(dir);
       dir = sys::path::parent_path(dir))
    missing.push_back(dir.str());
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (std::error_code ec = sys::fs::create_directory(*it))
      return outputError(*it, "cannot create folder: " + ec.message());
    createdDirs.push_back(*it);
  }
  if (!path.empty() && !sys::fs::is_directory(path))
    return outputError(path, "exists and is not a folder");
  return Error::success();
}

Error OutputFiles::createFolder(StringRef path, StringRef marker) {
  std::string clean = normalize(path);
  if (sys::fs::exists(clean)) {
    if (!sys::fs::is_directory(clean))
      return outputError(clean, "exists and is not a folder");
    std::error_code ec;
    sys::fs::directory_iterator it(clean, ec);
    bool empty = !ec && it == sys::fs::directory_iterator();
    SmallString<256> markerPath(clean);
    sys::path::append(markerPath, marker);
    if (!empty && !sys::fs::exists(markerPath))
      return outputError(clean, "exists and holds files but no " + marker +
                                    ": pd-export replaces a folder only when "
                                    "it holds an earlier export");
  }
  if (Error err = createParents(parentOf(clean)))
    return err;
  removeStaleTemporaries(clean);
  SmallString<256> temp;
  temp = parentOf(clean);
  sys::path::append(temp, tempPrefix(clean) + "%%%%%%");
  SmallString<256> unique;
  for (int attempt = 0;; ++attempt) {
    sys::fs::createUniquePath(temp, unique, /*MakeAbsolute=*/false);
    std::error_code ec = sys::fs::create_directory(unique, /*IgnoreExisting=*/false);
    if (!ec)
      break;
    if (ec != std::errc::file_exists || attempt > 16)
      return outputError(clean, "cannot create a temporary folder: " + ec.message());
  }
  folder = clean;
  folderTemp = unique.str().str();
  return Error::success();
}

Expected<OutputFile &> OutputFiles::create(StringRef path) {
  // Inside a folder output, files go into its temporary folder.
  std::string writtenAt = path.str();
  std::string clean = normalize(path);
  if (!folder.empty() && StringRef(clean).starts_with(folder + "/"))
    writtenAt = folderTemp + clean.substr(folder.size());
  StringRef dir = sys::path::parent_path(writtenAt);
  if (writtenAt != path) {
    if (std::error_code ec = sys::fs::create_directories(dir))
      return outputError(path, "cannot create folder: " + ec.message());
  } else {
    if (Error err = createParents(dir))
      return std::move(err);
    removeStaleTemporaries(path);
  }
  SmallString<256> model(parentOf(writtenAt));
  sys::path::append(model, tempPrefix(writtenAt) + "%%%%%%");
  auto temp = sys::fs::TempFile::create(model);
  if (!temp)
    return outputError(path, "cannot create: " + toString(temp.takeError()));
  auto pending = std::make_unique<Pending>(
      Pending{path.str(), writtenAt, std::move(*temp), nullptr});
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

Expected<std::string> OutputFiles::scratch(StringRef path, StringRef suffix) {
  if (Error err = createParents(sys::path::parent_path(path)))
    return std::move(err);
  removeStaleTemporaries(path);
  SmallString<256> model(parentOf(path));
  sys::path::append(model, tempPrefix(path) + "%%%%%%" + suffix);
  int fd;
  SmallString<256> name;
  if (std::error_code ec = sys::fs::createUniqueFile(model, fd, name))
    return outputError(path, "cannot create a temporary file: " + ec.message());
  ::close(fd);
  scratchFiles.push_back(name.str().str());
  return scratchFiles.back();
}

Error OutputFiles::install(Pending &file) {
  file.os.reset();
  if (Error err = file.temp.keep(file.writtenAt))
    return outputError(file.path, "cannot rename into place: " +
                                      toString(std::move(err)));
  return Error::success();
}

Error OutputFiles::commit() {
  // Everything written and on the disk before anything is renamed.
  for (auto &file : files) {
    file->os->flush();
    if (file->os->has_error())
      return outputError(file->path,
                         "write failed: " + file->os->error().message());
    if (Error err = sync(file->temp.TmpName))
      return err;
  }
  std::vector<Pending *> order;
  Pending *primaryFile = nullptr;
  for (auto &file : files) {
    if (file->path == primary)
      primaryFile = file.get();
    else
      order.push_back(file.get());
  }
  if (primaryFile) {
    // No moment shows the old program beside new parameters.
    if (::unlink(primaryFile->path.c_str()) != 0 && errno != ENOENT)
      return outputError(primaryFile->path, "cannot replace: " + errnoText());
    order.push_back(primaryFile);
  }
  std::vector<std::string> dirs;
  for (Pending *file : order) {
    if (Error err = install(*file))
      return err;
    std::string dir = parentOf(file->writtenAt);
    if (!llvm::is_contained(dirs, dir))
      dirs.push_back(dir);
  }
  for (const std::string &dir : dirs)
    if (Error err = sync(dir))
      return err;
  if (!folder.empty()) {
    // One rename swaps the new folder in; the old one (if any) goes.
    if (::renameat2(AT_FDCWD, folderTemp.c_str(), AT_FDCWD, folder.c_str(),
                    RENAME_EXCHANGE) == 0) {
      sys::fs::remove_directories(folderTemp);
    } else if (errno == ENOENT) {
      if (::rename(folderTemp.c_str(), folder.c_str()) != 0)
        return outputError(folder, "cannot rename into place: " + errnoText());
    } else {
      // A file system without RENAME_EXCHANGE: the old folder steps aside
      // first, so a reader sees the old folder, no folder, or the new one.
      SmallString<256> aside(parentOf(folder));
      sys::path::append(aside, (sys::path::filename(folder) + ".old-" +
                                Twine(::getpid()) + "-0")
                                   .str());
      if (sys::fs::exists(folder) &&
          ::rename(folder.c_str(), aside.c_str()) != 0)
        return outputError(folder, "cannot move the old folder aside: " +
                                       errnoText());
      if (::rename(folderTemp.c_str(), folder.c_str()) != 0)
        return outputError(folder, "cannot rename into place: " + errnoText());
      sys::fs::remove_directories(aside);
    }
    folderTemp.clear();
    if (Error err = sync(parentOf(folder)))
      return err;
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

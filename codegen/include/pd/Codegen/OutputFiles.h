//===- OutputFiles.h - all-or-nothing output files --------------*- C++ -*-===//
//
// Every artifact is written under a temporary name next to its final path and
// renamed into place only when all of an export's files are complete: a
// failed export leaves nothing behind.
//
//===----------------------------------------------------------------------===//
#ifndef PD_CODEGEN_OUTPUTFILES_H
#define PD_CODEGEN_OUTPUTFILES_H

#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace pd {

/// A file being written. Writers may use its descriptor directly, to have
/// the kernel copy a range of another file into it.
class OutputFile : public llvm::raw_fd_ostream {
public:
  explicit OutputFile(int fd) : llvm::raw_fd_ostream(fd, /*shouldClose=*/false) {}
  int descriptor() const { return get_fd(); }
};

class OutputFiles {
public:
  OutputFiles() = default;
  OutputFiles(const OutputFiles &) = delete;
  OutputFiles &operator=(const OutputFiles &) = delete;
  /// Discards everything not committed.
  ~OutputFiles();

  /// Creates folder `path` (and its parents) if missing; removed again if the
  /// export fails and the folder is still empty.
  llvm::Error createDirectory(llvm::StringRef path);

  /// Opens a temporary file that `commit` renames to `path`, creating the
  /// folders it goes in.
  llvm::Expected<OutputFile &> create(llvm::StringRef path);

  /// A temporary file for another program (the linker) to write by name;
  /// `commit` renames it to `path` like the others.
  llvm::Expected<std::string> reserve(llvm::StringRef path);

  /// Flushes every file, checks for write errors and renames them into
  /// place.
  llvm::Error commit();

  /// The final paths of the files, in creation order.
  std::vector<std::string> paths() const;

private:
  struct Pending {
    std::string path;
    llvm::sys::fs::TempFile temp;
    std::unique_ptr<OutputFile> os;
  };
  std::vector<std::unique_ptr<Pending>> files;
  std::vector<std::string> createdDirs;
  bool committed = false;
};

} // namespace pd

#endif // PD_CODEGEN_OUTPUTFILES_H

//===- OutputFiles.h - all-or-nothing output files --------------*- C++ -*-===//
//
// An export writes several files that belong together (a program and its
// parameters; an artifact and its parameters; a legacy folder). Each is
// written under a temporary name beside its final path and synced; commit()
// then puts them in place so that no moment, and no crash, shows a reader a
// mix of old and new files:
//
// - the primary file (the one a reader opens first: the program, the
//   artifact library) loses its old copy first and is renamed in last, so
//   the others are never read beside a program they do not belong to;
// - a folder output is written as a temporary sibling folder and swapped
//   for the old one in one rename.
//
// A failed export leaves nothing. Temporary names carry the writer's pid, so
// the next export of the same output removes what a killed one left.
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
  ~OutputFile() override {
    // Errors are reported by commit; a failed write must not make the
    // stream's destructor a fatal error.
    SetUnbuffered();
    clear_error();
  }
  int descriptor() const { return get_fd(); }
};

class OutputFiles {
public:
  OutputFiles() = default;
  OutputFiles(const OutputFiles &) = delete;
  OutputFiles &operator=(const OutputFiles &) = delete;
  /// Discards everything not committed.
  ~OutputFiles();

  /// Makes `path` a folder output: files created below it are written into
  /// a temporary sibling folder that commit() swaps in. An existing `path`
  /// is replaced only when it is empty or holds `marker` (the program file
  /// of an earlier export); anything else is an error.
  llvm::Error createFolder(llvm::StringRef path, llvm::StringRef marker);

  /// Opens a temporary file that `commit` renames to `path`, creating the
  /// folders it goes in.
  llvm::Expected<OutputFile &> create(llvm::StringRef path);

  /// A temporary file for another program (the linker) to write by name;
  /// `commit` renames it to `path` like the others.
  llvm::Expected<std::string> reserve(llvm::StringRef path);

  /// A temporary file for an intermediate (the object file the linker
  /// reads) beside `path`, removed when this object goes.
  llvm::Expected<std::string> scratch(llvm::StringRef path,
                                      llvm::StringRef suffix);

  /// The file a reader opens first; see the top of this file.
  void setPrimary(llvm::StringRef path) { primary = path.str(); }

  /// Checks every file for write errors (a full disk), syncs them and puts
  /// them in place.
  llvm::Error commit();

  /// The final paths of the files, in creation order.
  std::vector<std::string> paths() const;

private:
  struct Pending {
    std::string path;      // final
    std::string writtenAt; // where it is written (inside a folder output's
                           // temporary folder, or a temporary name)
    llvm::sys::fs::TempFile temp;
    std::unique_ptr<OutputFile> os;
  };
  llvm::Error createParents(llvm::StringRef dir);
  llvm::Error install(Pending &file);
  std::vector<std::unique_ptr<Pending>> files;
  std::vector<std::string> createdDirs;
  std::vector<std::string> scratchFiles;
  std::string primary;
  /// A folder output: its final path and its temporary sibling.
  std::string folder, folderTemp;
  bool committed = false;
};

} // namespace pd

#endif // PD_CODEGEN_OUTPUTFILES_H

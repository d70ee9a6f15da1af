//===- ReplayMain.cpp - pd-fuzz-replay: the fuzz targets without a fuzzer ---===//
//
//   pd-fuzz-replay TARGET FILE_OR_FOLDER...
//
// Feeds each file (each file in a folder) to fuzz target TARGET, as the
// fuzzer would, in the ordinary build: the regression corpus and the seeds
// run in every test run. Prints how many inputs ran; a crash is the test's
// failure.
//
//===----------------------------------------------------------------------===//

#include "Targets.h"

#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace {

struct Target {
  const char *name;
  int (*run)(const uint8_t *, size_t);
};

const Target kTargets[] = {
    {"program_desc", pd::fuzz::programDesc}, {"tensor_records", pd::fuzz::tensorRecords},
    {"pickle", pd::fuzz::pickle},            {"params_info", pd::fuzz::paramsInfo},
    {"pir_json", pd::fuzz::pirJson},         {"npy", pd::fuzz::npy},
    {"signature", pd::fuzz::signature},
};

bool runFile(const Target &target, const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                          std::istreambuf_iterator<char>());
  target.run(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
  return true;
}

} // namespace

int main(int argc, char **argv) {
  const Target *target = nullptr;
  for (const Target &t : kTargets)
    if (argc > 1 && std::strcmp(argv[1], t.name) == 0)
      target = &t;
  if (!target) {
    std::fprintf(stderr, "usage: pd-fuzz-replay TARGET FILE_OR_FOLDER...\n"
                         "targets:");
    for (const Target &t : kTargets)
      std::fprintf(stderr, " %s", t.name);
    std::fprintf(stderr, "\n");
    return 2;
  }
  size_t count = 0;
  for (int i = 2; i < argc; ++i) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      std::fprintf(stderr, "pd-fuzz-replay: error: %s: no such file\n", argv[i]);
      return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
      count += runFile(*target, argv[i]);
      continue;
    }
    DIR *dir = opendir(argv[i]);
    std::vector<std::string> names;
    while (dirent *entry = dir ? readdir(dir) : nullptr)
      if (entry->d_name[0] != '.')
        names.push_back(std::string(argv[i]) + "/" + entry->d_name);
    if (dir)
      closedir(dir);
    for (const std::string &name : names)
      count += runFile(*target, name);
  }
  std::printf("%s: %zu inputs ran\n", target->name, count);
  return 0;
}

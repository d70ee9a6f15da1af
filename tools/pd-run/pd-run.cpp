//===- pd-run.cpp - run a compiled pd artifact on .npy inputs -------------===//
//
//   pd-run ARTIFACT.so --input NAME=file.npy ... [--method NAME]
//          [--output-dir DIR] [--threads N] [--bench N]
//   pd-run ARTIFACT.so --signature
//
// A client of the runtime's C API only: it links neither LLVM nor MLIR.
//
//===----------------------------------------------------------------------===//

#include "Npy.h"

#include "pd_runtime.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sys/stat.h>
#include <map>
#include <string>
#include <vector>

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: pd-run ARTIFACT.so --input NAME=FILE.npy ... "
               "[--method NAME] [--output-dir DIR] [--threads N] [--bench N]\n"
               "       pd-run ARTIFACT.so --signature\n");
  return 2;
}

int error(const std::string &message) {
  std::fprintf(stderr, "pd-run: error: %s\n", message.c_str());
  return 1;
}

std::string takeError(char *message) {
  std::string s = message ? message : "unknown error";
  pd_string_free(message);
  return s;
}

} // namespace

int main(int argc, char **argv) {
  std::string artifact, method = "forward", outputDir;
  std::map<std::string, std::string> inputFiles;
  long bench = 0, threads = 0;
  bool printSignature = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--input" || arg == "--method" || arg == "--output-dir" ||
        arg == "--bench" || arg == "--threads") {
      const char *v = value();
      if (!v)
        return usage();
      if (arg == "--input") {
        std::string spec = v;
        size_t eq = spec.find('=');
        if (eq == std::string::npos || eq == 0)
          return error("--input wants NAME=FILE.npy, got '" + spec + "'");
        inputFiles[spec.substr(0, eq)] = spec.substr(eq + 1);
      } else if (arg == "--method") {
        method = v;
      } else if (arg == "--output-dir") {
        outputDir = v;
      } else {
        char *end = nullptr;
        long count = std::strtol(v, &end, 10);
        long most = arg == "--bench" ? 1000000 : 4096;
        if (!*v || *end || count < 1 || count > most)
          return error(arg + " wants a count from 1 to " + std::to_string(most) +
                       ", got '" + std::string(v) + "'");
        (arg == "--bench" ? bench : threads) = count;
      }
    } else if (arg == "--signature") {
      printSignature = true;
    } else if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      return error("unknown option '" + arg + "'");
    } else if (artifact.empty()) {
      artifact = arg;
    } else {
      return usage();
    }
  }
  if (artifact.empty())
    return usage();
  // The prefix pd-export was given (-o OUT) names OUT.so.
  struct stat st;
  if (stat(artifact.c_str(), &st) != 0 && stat((artifact + ".so").c_str(), &st) == 0)
    artifact += ".so";
  // Outputs go into a folder that exists before anything runs.
  if (!outputDir.empty()) {
    std::string made;
    for (size_t at = 0; at != std::string::npos;) {
      at = outputDir.find('/', at + 1);
      made = outputDir.substr(0, at);
      if (!made.empty() && mkdir(made.c_str(), 0777) != 0 && errno != EEXIST)
        return error(made + ": cannot create folder: " + std::strerror(errno));
    }
    if (stat(outputDir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      return error(outputDir + ": not a folder");
  }

  char *message = nullptr;
  auto loadStart = std::chrono::steady_clock::now();
  pd_model *model = pd_model_load(artifact.c_str(), &message);
  double loadMs = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - loadStart)
                      .count();
  if (!model)
    return error(takeError(message));
  // The process's peak resident memory once the model is loaded (its
  // parameters mapped, its packed weights made), before any run: VmHWM,
  // not getrusage, whose maximum survives exec (a parent's size).
  double loadPeakMiB = 0;
  {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
      if (line.rfind("VmHWM:", 0) == 0)
        loadPeakMiB = std::atof(line.c_str() + 6) / 1024.0; // kB
  }
  if (printSignature) {
    std::printf("%s\n", pd_model_signature_json(model));
    pd_model_free(model);
    return 0;
  }
  if (threads && pd_model_set_threads(model, int(threads), &message) != 0) {
    pd_model_free(model);
    return error(takeError(message));
  }
  int m = pd_model_find_method(model, method.c_str());
  if (m < 0) {
    pd_model_free(model);
    return error(artifact + ": no method '" + method + "'");
  }

  // Inputs by name, in the signature's order.
  int numInputs = pd_model_input_count(model, m);
  std::vector<pd::npy::Array> arrays(numInputs);
  std::vector<pd_tensor *> inputs(numInputs, nullptr);
  auto cleanup = [&] {
    for (pd_tensor *t : inputs)
      pd_tensor_free(t);
    pd_model_free(model);
  };
  for (int i = 0; i < numInputs; ++i) {
    std::string name = pd_model_input_name(model, m, i);
    auto it = inputFiles.find(name);
    if (it == inputFiles.end()) {
      cleanup();
      return error("no --input for '" + name + "'");
    }
    std::string readError;
    if (!pd::npy::read(it->second, arrays[i], readError)) {
      cleanup();
      return error(readError);
    }
    // In a tensor of the runtime's (64-byte aligned, as an application's
    // pd_tensor_create makes it), not the file's buffer: kernels that read
    // the input in whole vectors then never straddle two cache lines.
    inputs[i] = pd_tensor_create(pd_dtype(arrays[i].dtype), arrays[i].dims.data(),
                                 int(arrays[i].dims.size()), &message);
    if (!inputs[i]) {
      cleanup();
      return error(it->second + ": " + takeError(message));
    }
    if (pd_tensor_size_bytes(inputs[i]) != arrays[i].bytes) {
      cleanup();
      return error(it->second + ": " + std::to_string(arrays[i].bytes) +
                   " bytes of data for dims that take " +
                   std::to_string(pd_tensor_size_bytes(inputs[i])));
    }
    if (arrays[i].bytes)
      std::memcpy(pd_tensor_data(inputs[i]), arrays[i].data.data(),
                  arrays[i].bytes);
    arrays[i] = {};
    inputFiles.erase(it);
  }
  if (!inputFiles.empty()) {
    std::string name = inputFiles.begin()->first;
    cleanup();
    return error("'" + method + "' has no input '" + name + "'");
  }

  int numOutputs = pd_model_output_count(model, m);
  std::vector<pd_tensor *> outputs(numOutputs, nullptr);
  std::vector<double> times, cpuTimes;
  // CPU time of the whole process (every thread of the pool): with one
  // thread, the run's own cost, which other load on the machine does not
  // inflate as it does wall time.
  auto processCpuMs = [] {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
  };
  // Outputs of one run are the next run's: a steady loop allocates nothing.
  for (long run = 0; run < std::max(1L, bench + (bench ? 1 : 0)); ++run) {
    double cpuStart = processCpuMs();
    auto start = std::chrono::steady_clock::now();
    if (pd_model_run(model, m, inputs.data(), numInputs, outputs.data(),
                     numOutputs, &message) != 0) {
      for (pd_tensor *t : outputs)
        pd_tensor_free(t);
      cleanup();
      return error(takeError(message));
    }
    auto stop = std::chrono::steady_clock::now();
    double cpuStop = processCpuMs();
    if (bench && run > 0) { // the first run warms up
      times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
      cpuTimes.push_back(cpuStop - cpuStart);
    }
  }

  int status = 0;
  for (int i = 0; i < numOutputs; ++i) {
    std::string name = pd_model_output_name(model, m, i);
    std::vector<int64_t> dims(pd_tensor_dims(outputs[i]),
                              pd_tensor_dims(outputs[i]) + pd_tensor_rank(outputs[i]));
    std::string shape;
    for (int64_t d : dims)
      shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    std::printf("output %s : [%s]\n", name.c_str(), shape.c_str());
    if (!outputDir.empty()) {
      std::string file = name;
      std::replace(file.begin(), file.end(), '/', '_');
      std::string path = outputDir + "/" + file + ".npy", writeError;
      if (!pd::npy::write(path, pd_tensor_dtype(outputs[i]), dims,
                          pd_tensor_data(outputs[i]),
                          pd_tensor_size_bytes(outputs[i]), writeError))
        status = error(writeError);
    }
    pd_tensor_free(outputs[i]);
  }
  if (!times.empty()) {
    std::sort(times.begin(), times.end());
    auto at = [&](double q) { return times[size_t(q * double(times.size() - 1))]; };
    std::printf("runs %zu: median %.4f ms, min %.4f ms, p90 %.4f ms\n",
                times.size(), at(0.5), times.front(), at(0.9));
    std::sort(cpuTimes.begin(), cpuTimes.end());
    std::printf("process cpu: median %.4f ms, min %.4f ms\n",
                cpuTimes[cpuTimes.size() / 2], cpuTimes.front());
    std::printf("load: %.1f ms, peak RSS after load %.1f MiB\n", loadMs,
                loadPeakMiB);
  }
  cleanup();
  return status;
}

//===- Runtime.cpp - the pd runtime's C API -------------------------------===//
//
// Loads an artifact (dlopen), binds it to the runtime's callbacks (memory,
// threads), reads its signature, maps its parameter file and checks every
// record against the signature, and runs each method's load-time entry once
// (packed and folded weights, kept for every run). A run calls a method's
// entry point with memref descriptors: {allocated, aligned, offset,
// sizes[rank], strides[rank]}, all 8-byte words. Its buffers come from an
// arena of the model's (one per concurrent run), its parallel loops run on
// the model's thread pool; results are copied into the output tensors.
//
//===----------------------------------------------------------------------===//

#include "pd_runtime.h"

#include "Arena.h"
#include "ThreadPool.h"
#include "pd/Runtime/ArtifactAbi.h"
#include "pd/Runtime/Signature.h"
#include "pd/Runtime/TensorRecord.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>

#include <cstdlib>
#include <optional>
#include <cstring>
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace pd::runtime;

struct pd_tensor {
  pd_dtype dtype;
  std::vector<int64_t> dims;
  void *data = nullptr;
  size_t bytes = 0;
  /// What pd_tensor_free releases with free() (null for wrapped memory).
  void *owned = nullptr;
};

namespace {

/// A method with its entry points resolved in the library, and what its
/// load-time entry returned: descriptor words, one result after the other.
struct Method : MethodSignature {
  void (*call)(void **) = nullptr;
  void (*load)(void **) = nullptr;
  std::vector<int64_t> loaded;
};

/// Appends a memref descriptor of `data` with `dims` (row-major) to `words`.
void appendDescriptor(std::vector<int64_t> &words, void *data,
                             const std::vector<int64_t> &dims) {
  words.push_back(int64_t(reinterpret_cast<intptr_t>(data)));
  words.push_back(int64_t(reinterpret_cast<intptr_t>(data)));
  words.push_back(0);
  words.insert(words.end(), dims.begin(), dims.end());
  // Row-major strides, written in place.
  size_t first = words.size();
  words.resize(first + dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;)
    words[first + i - 1] = words[first + i] * dims[i];
}

//===----------------------------------------------------------------------===//
// What the artifact calls back (ArtifactAbi.h)
//===----------------------------------------------------------------------===//

/// The run (or load) the calling thread is in. With no arena, memory is the
/// model's to keep (a load): each block is recorded in `kept`.
struct RunContext {
  Arena *arena = nullptr;
  ThreadPool *pool = nullptr;
  std::vector<void *> *kept = nullptr;
  // The run's tensors, for results computed in place (abiOutputAlloc).
  pd_tensor *const *inputs = nullptr;
  int numInputs = 0;
  pd_tensor *const *outputs = nullptr;
  int numOutputs = 0;
};
thread_local RunContext *currentRun = nullptr;

void *abiAlloc(uint64_t bytes, uint64_t align) {
  RunContext *run = currentRun;
  if (run && run->arena)
    return run->arena->allocate(bytes, align);
  void *block = nullptr;
  if (posix_memalign(&block, std::max<uint64_t>(align, 64), bytes ? bytes : 1))
    return nullptr;
  if (run && run->kept)
    run->kept->push_back(block);
  return block;
}

/// Gives a tensor the runtime allocated new dims (and memory for them);
/// false when there is no memory.
bool resize(pd_tensor *t, const int64_t *dims, size_t rank) {
  size_t count = 1;
  for (size_t d = 0; d < rank; ++d)
    count *= size_t(dims[d]);
  size_t bytes = count * elementSize(t->dtype);
  void *data = nullptr;
  if (posix_memalign(&data, 64, bytes ? bytes : 1))
    return false;
  std::free(t->owned);
  t->owned = t->data = data;
  t->bytes = bytes;
  t->dims.assign(dims, dims + rank);
  return true;
}

bool overlaps(const pd_tensor *a, const pd_tensor *b) {
  auto *x = static_cast<const char *>(a->data);
  auto *y = static_cast<const char *>(b->data);
  return x < y + b->bytes && y < x + a->bytes;
}

/// The caller's output tensor `index` when the result can be computed in
/// it: exactly `bytes` long, aligned, and sharing no memory with an input
/// (which the run still reads) or another output. Otherwise the arena's.
void *abiOutputAlloc(int64_t index, uint64_t bytes, uint64_t align) {
  RunContext *run = currentRun;
  const pd_tensor *out = run && index >= 0 && index < run->numOutputs
                             ? run->outputs[index]
                             : nullptr;
  bool fits = out && bytes && out->bytes == bytes &&
              uintptr_t(out->data) % std::max<uint64_t>(align, 1) == 0;
  for (int i = 0; fits && i < run->numInputs; ++i)
    fits = !overlaps(out, run->inputs[i]);
  for (int i = 0; fits && i < run->numOutputs; ++i)
    fits = i == index || !run->outputs[i] || !overlaps(out, run->outputs[i]);
  return fits ? out->data : abiAlloc(bytes, align);
}

void abiRelease(void *block) {
  RunContext *run = currentRun;
  if (run && run->arena) {
    run->arena->release(block);
    return;
  }
  if (run && run->kept) {
    auto it = std::find(run->kept->begin(), run->kept->end(), block);
    if (it != run->kept->end())
      run->kept->erase(it);
  }
  std::free(block);
}

void abiParallelFor(int64_t n, int64_t grain, pd_task_fn fn, void *data) {
  RunContext *run = currentRun;
  if (run && run->pool)
    run->pool->parallelFor(n, grain, fn, data);
  else
    fn(data, 0, n);
}

int32_t abiThreadCount() {
  RunContext *run = currentRun;
  return run && run->pool ? run->pool->threads() : 1;
}

/// One core's L2 cache as the C library reports it (0 when it cannot).
uint64_t l2CacheBytes() {
  long bytes = sysconf(_SC_LEVEL2_CACHE_SIZE);
  return bytes > 0 ? uint64_t(bytes) : 0;
}

const pd_runtime_abi kAbi = {PD_ARTIFACT_ABI_VERSION, abiAlloc, abiRelease,
                             abiOutputAlloc, abiParallelFor, abiThreadCount,
                             l2CacheBytes()};

/// Makes `run` the calling thread's for as long as it lives.
struct CurrentRun {
  explicit CurrentRun(RunContext *run) : saved(currentRun) { currentRun = run; }
  ~CurrentRun() { currentRun = saved; }
  RunContext *saved;
};

bool fail(char **error, const std::string &message) {
  if (error) {
    *error = static_cast<char *>(std::malloc(message.size() + 1));
    if (*error)
      std::memcpy(*error, message.c_str(), message.size() + 1);
  }
  return false;
}

std::string dimsText(const std::vector<int64_t> &dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

#if defined(__x86_64__)
constexpr uint16_t kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr uint16_t kMachine = EM_AARCH64;
#else
#error "pd's runtime knows the ELF machine of x86-64 and AArch64 only"
#endif

/// dlopen maps a library's segments as its headers say; a truncated or
/// corrupted file would fault on first touch. Checks that it is a 64-bit
/// ELF shared object for this machine whose headers and loaded segments lie
/// inside the file.
bool checkLibrary(const std::string &path, char **error) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(error, path + ": cannot open: " + std::strerror(errno));
  struct stat st;
  Elf64_Ehdr header;
  bool readable = fstat(fd, &st) == 0 &&
                  pread(fd, &header, sizeof header, 0) == ssize_t(sizeof header);
  auto bad = [&](const std::string &why) {
    close(fd);
    return fail(error, path + ": not a valid artifact: " + why);
  };
  if (!readable || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
    return bad("not an ELF file");
  if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_type != ET_DYN ||
      header.e_machine != kMachine || header.e_phentsize != sizeof(Elf64_Phdr))
    return bad("not a 64-bit shared object for this machine");
  uint64_t size = uint64_t(st.st_size);
  auto within = [&](uint64_t offset, uint64_t bytes) {
    return offset <= size && bytes <= size - offset;
  };
  if (!within(header.e_phoff, uint64_t(header.e_phnum) * sizeof(Elf64_Phdr)) ||
      !within(header.e_shoff, uint64_t(header.e_shnum) * header.e_shentsize))
    return bad("headers beyond the end of the file (truncated?)");
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment;
    if (pread(fd, &segment, sizeof segment, off_t(header.e_phoff + i * sizeof segment)) !=
        ssize_t(sizeof segment))
      return bad("unreadable program header");
    if (segment.p_type == PT_LOAD && !within(segment.p_offset, segment.p_filesz))
      return bad("a segment beyond the end of the file (truncated?)");
  }
  close(fd);
  return true;
}

} // namespace

struct pd_model {
  std::string path;
  void *library = nullptr;
  std::string signature;
  std::vector<TensorSpec> parameters;
  std::vector<void *> parameterData;
  /// Parameters whose mapped bytes are not aligned to their element size.
  std::vector<std::vector<uint64_t>> parameterCopies;
  void *mapping = nullptr;
  size_t mappingSize = 0;
  std::vector<Method> methods;
  /// What the load-time entries allocated and returned.
  std::vector<void *> kept;
  std::unique_ptr<ThreadPool> pool;
  /// Arenas of runs that ended, for the next runs to take.
  std::mutex arenaLock;
  std::vector<std::unique_ptr<Arena>> idleArenas;

  ~pd_model() {
    for (void *block : kept)
      std::free(block);
    if (mapping)
      munmap(mapping, mappingSize);
    if (library)
      dlclose(library);
  }

  bool readSignature(char **error);
  bool mapParameters(char **error);
  bool runLoadEntries(char **error);
  std::unique_ptr<Arena> takeArena() {
    std::lock_guard<std::mutex> guard(arenaLock);
    if (idleArenas.empty())
      return std::make_unique<Arena>();
    std::unique_ptr<Arena> arena = std::move(idleArenas.back());
    idleArenas.pop_back();
    return arena;
  }
  void returnArena(std::unique_ptr<Arena> arena) {
    std::lock_guard<std::mutex> guard(arenaLock);
    idleArenas.push_back(std::move(arena));
  }
};

bool pd_model::readSignature(char **error) {
  auto *text = static_cast<const char *>(dlsym(library, "pd_artifact_signature"));
  if (!text)
    return fail(error, path + ": not a pd artifact (no pd_artifact_signature)");
  signature = text;
  Signature parsed;
  std::string why;
  if (!parseSignature(signature, parsed, why))
    return fail(error, path + ": " + why);
  parameters = std::move(parsed.parameters);
  Dl_info own;
  if (!dladdr(text, &own))
    return fail(error, path + ": cannot tell where the artifact is loaded");
  for (MethodSignature &signature : parsed.methods) {
    // The entry point must be this library's own, not a symbol of one it
    // links (libc's, say).
    void *symbol = dlsym(library, signature.entry.c_str());
    Dl_info where;
    if (!symbol || !dladdr(symbol, &where) || where.dli_fbase != own.dli_fbase)
      return fail(error, path + ": no entry point '" + signature.entry + "'");
    Method method;
    method.call = reinterpret_cast<void (*)(void **)>(symbol);
    if (!signature.loadEntry.empty()) {
      void *load = dlsym(library, signature.loadEntry.c_str());
      if (!load || !dladdr(load, &where) || where.dli_fbase != own.dli_fbase)
        return fail(error, path + ": no entry point '" + signature.loadEntry + "'");
      method.load = reinterpret_cast<void (*)(void **)>(load);
    }
    static_cast<MethodSignature &>(method) = std::move(signature);
    methods.push_back(std::move(method));
  }
  return true;
}

bool pd_model::mapParameters(char **error) {
  if (parameters.empty())
    return true;
  std::string file = path;
  if (file.size() > 3 && file.compare(file.size() - 3, 3, ".so") == 0)
    file.resize(file.size() - 3);
  file += ".pdiparams";
  int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(error, file + ": cannot open: " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size == 0) {
    close(fd);
    return fail(error, file + ": empty or unreadable parameter file");
  }
  mappingSize = size_t(st.st_size);
  mapping = mmap(nullptr, mappingSize, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (mapping == MAP_FAILED) {
    mapping = nullptr;
    return fail(error, file + ": cannot map: " + std::strerror(errno));
  }
  const auto *bytes = static_cast<const uint8_t *>(mapping);
  size_t offset = 0;
  parameterCopies.resize(parameters.size());
  // Parameters some method reads as it runs must be aligned for their type;
  // one that only load-time functions read (to pack or fold it) is read
  // where it lies, which these CPUs do for any alignment.
  std::vector<bool> readAtRunTime(parameters.size(), true);
#if defined(__x86_64__) || defined(__aarch64__)
  std::vector<bool> loadOnlyEverywhere(parameters.size(), true);
  for (const Method &method : methods) {
    std::vector<bool> loadOnly(parameters.size(), false);
    for (size_t p : method.loadOnly)
      loadOnly[p] = true;
    for (size_t p : method.parameters)
      if (!loadOnly[p])
        loadOnlyEverywhere[p] = false;
  }
  for (size_t i = 0; i < parameters.size(); ++i)
    readAtRunTime[i] = !loadOnlyEverywhere[i];
#endif
  for (size_t i = 0; i < parameters.size(); ++i) {
    const TensorSpec &spec = parameters[i];
    TensorRecordView record;
    std::string recordError;
    if (offset >= mappingSize)
      return fail(error, file + ": ends after " + std::to_string(i) +
                             " of " + std::to_string(parameters.size()) +
                             " parameters (truncated?)");
    if (!parseTensorRecord(bytes, mappingSize, offset, record, recordError))
      return fail(error, file + ": parameter '" + spec.name + "': " + recordError);
    if (record.dataType != spec.dtype || record.dims != spec.dims)
      return fail(error, file + ": parameter '" + spec.name + "' is " +
                             dataTypeName(record.dataType) + " " +
                             dimsText(record.dims) + ", the artifact expects " +
                             dataTypeName(spec.dtype) + " " + dimsText(spec.dims));
    size_t align = elementSize(spec.dtype);
    if (reinterpret_cast<uintptr_t>(record.data) % align == 0 ||
        !readAtRunTime[i]) {
      parameterData.push_back(const_cast<uint8_t *>(record.data));
    } else {
      // Records are packed; a misaligned one that runs read is copied once.
      std::vector<uint64_t> &copy = parameterCopies[i];
      copy.resize((record.dataSize + 7) / 8);
      std::memcpy(copy.data(), record.data, record.dataSize);
      parameterData.push_back(copy.data());
    }
    offset = record.offset + record.size;
  }
  if (offset != mappingSize)
    return fail(error, file + ": " + std::to_string(mappingSize - offset) +
                           " bytes after the last parameter");
  return true;
}

/// Calls each method's load-time entry with its parameters, once: the
/// packed and folded weights it returns are the model's from then on.
bool pd_model::runLoadEntries(char **error) {
  for (Method &method : methods) {
    if (!method.load)
      continue;
    size_t words = 0;
    for (const TensorSpec &result : method.loadResults)
      words += 3 + 2 * result.dims.size();
    method.loaded.assign(words, 0);
    std::vector<int64_t> descriptors;
    std::vector<size_t> starts;
    for (size_t p : method.parameters) {
      starts.push_back(descriptors.size());
      appendDescriptor(descriptors, parameterData[p], parameters[p].dims);
    }
    std::vector<void *> args{method.loaded.data()};
    for (size_t start : starts)
      args.push_back(descriptors.data() + start);
    RunContext load{nullptr, pool.get(), &kept};
    CurrentRun scope(&load);
    method.load(args.data());
    // The results' dims are what the signature says (they come from the
    // parameters' static dims).
    const int64_t *word = method.loaded.data();
    for (const TensorSpec &result : method.loadResults) {
      size_t rank = result.dims.size();
      if (!word[1] || !std::equal(result.dims.begin(), result.dims.end(), word + 3))
        return fail(error, path + ": " + method.name +
                               ": the load-time entry returned a result unlike "
                               "its signature"),
               false;
      word += 3 + 2 * rank;
    }
  }
  return true;
}

/// The checks tensor creation shares: a known dtype and a sane shape.
/// Returns the element count, or -1 after setting `error`.
static int64_t checkTensorShape(pd_dtype dtype, const int64_t *dims, int rank,
                                std::vector<int64_t> &shape, char **error) {
  size_t size = isRuntimeType(dtype) ? elementSize(dtype) : 0;
  if (!size)
    return fail(error, "unknown dtype " + std::to_string(int(dtype))), -1;
  if (rank < 0 || (rank > 0 && !dims))
    return fail(error, "bad rank " + std::to_string(rank)), -1;
  shape.assign(dims, dims + rank);
  int64_t n = numElements(shape);
  // 1 TiB: far beyond any tensor, and no overflow in n * size.
  if (n < 0 || uint64_t(n) > (uint64_t(1) << 40) / size)
    return fail(error, "bad dims " + dimsText(shape)), -1;
  return n;
}

extern "C" {

pd_tensor *pd_tensor_create(pd_dtype dtype, const int64_t *dims, int rank,
                            char **error) {
  std::vector<int64_t> shape;
  int64_t n = checkTensorShape(dtype, dims, rank, shape, error);
  if (n < 0)
    return nullptr;
  size_t bytes = size_t(n) * elementSize(dtype);
  // Aligned as the compiled code aligns its buffers, so that a model's
  // result can be computed in the tensor (abiOutputAlloc).
  void *data = nullptr;
  if (posix_memalign(&data, 64, bytes ? bytes : 1))
    return fail(error, "out of memory"), nullptr;
  std::memset(data, 0, bytes);
  return new pd_tensor{dtype, shape, data, bytes, data};
}

pd_tensor *pd_tensor_wrap(pd_dtype dtype, const int64_t *dims, int rank,
                          void *data, char **error) {
  std::vector<int64_t> shape;
  int64_t n = checkTensorShape(dtype, dims, rank, shape, error);
  if (n < 0)
    return nullptr;
  if (!data && n > 0)
    return fail(error, "no data for dims " + dimsText(shape)), nullptr;
  return new pd_tensor{dtype, shape, data, size_t(n) * elementSize(dtype),
                       nullptr};
}

void pd_tensor_free(pd_tensor *tensor) {
  if (!tensor)
    return;
  std::free(tensor->owned);
  delete tensor;
}

pd_dtype pd_tensor_dtype(const pd_tensor *t) { return t->dtype; }
int pd_tensor_rank(const pd_tensor *t) { return int(t->dims.size()); }
const int64_t *pd_tensor_dims(const pd_tensor *t) { return t->dims.data(); }
void *pd_tensor_data(pd_tensor *t) { return t->data; }
size_t pd_tensor_size_bytes(const pd_tensor *t) { return t->bytes; }

pd_model *pd_model_load(const char *path, char **error) {
  if (!path)
    return fail(error, "no artifact path"), nullptr;
  auto *model = new pd_model;
  model->path = path;
  // A path without a slash would be searched for on the library path.
  std::string open = model->path.find('/') == std::string::npos
                         ? "./" + model->path
                         : model->path;
  if (!checkLibrary(open, error)) {
    delete model;
    return nullptr;
  }
  model->library = dlopen(open.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!model->library) {
    const char *why = dlerror();
    fail(error, model->path + ": cannot load: " + (why ? why : "unknown error"));
    delete model;
    return nullptr;
  }
  if (!model->readSignature(error)) {
    delete model;
    return nullptr;
  }
  auto bind = reinterpret_cast<pd_artifact_bind_fn>(
      dlsym(model->library, "pd_artifact_bind"));
  if (!bind) {
    fail(error, model->path + ": not an artifact of this runtime (no "
                              "pd_artifact_bind; compile it again)");
    delete model;
    return nullptr;
  }
  bind(&kAbi);
  model->pool = std::make_unique<ThreadPool>(
      int(std::max(1u, std::thread::hardware_concurrency())));
  if (!model->mapParameters(error) || !model->runLoadEntries(error)) {
    delete model;
    return nullptr;
  }
  return model;
}

void pd_model_free(pd_model *model) { delete model; }

const char *pd_model_signature_json(const pd_model *m) { return m->signature.c_str(); }
int pd_model_method_count(const pd_model *m) { return int(m->methods.size()); }

static const Method *methodAt(const pd_model *m, int i) {
  return m && i >= 0 && size_t(i) < m->methods.size() ? &m->methods[i] : nullptr;
}

const char *pd_model_method_name(const pd_model *m, int i) {
  const Method *method = methodAt(m, i);
  return method ? method->name.c_str() : nullptr;
}
int pd_model_find_method(const pd_model *m, const char *name) {
  for (size_t i = 0; name && i < m->methods.size(); ++i)
    if (m->methods[i].name == name)
      return int(i);
  return -1;
}
int pd_model_input_count(const pd_model *m, int i) {
  const Method *method = methodAt(m, i);
  return method ? int(method->inputs.size()) : -1;
}
int pd_model_output_count(const pd_model *m, int i) {
  const Method *method = methodAt(m, i);
  return method ? int(method->outputs.size()) : -1;
}
static const TensorSpec *specAt(const std::vector<TensorSpec> *list, int j) {
  return list && j >= 0 && size_t(j) < list->size() ? &(*list)[j] : nullptr;
}
const char *pd_model_input_name(const pd_model *m, int i, int j) {
  const Method *method = methodAt(m, i);
  const TensorSpec *s = specAt(method ? &method->inputs : nullptr, j);
  return s ? s->name.c_str() : nullptr;
}
const char *pd_model_output_name(const pd_model *m, int i, int j) {
  const Method *method = methodAt(m, i);
  const TensorSpec *s = specAt(method ? &method->outputs : nullptr, j);
  return s ? s->name.c_str() : nullptr;
}
pd_dtype pd_model_input_dtype(const pd_model *m, int i, int j) {
  const Method *method = methodAt(m, i);
  const TensorSpec *s = specAt(method ? &method->inputs : nullptr, j);
  return s ? pd_dtype(s->dtype) : pd_dtype(-1);
}
int pd_model_input_rank(const pd_model *m, int i, int j) {
  const Method *method = methodAt(m, i);
  const TensorSpec *s = specAt(method ? &method->inputs : nullptr, j);
  return s ? int(s->dims.size()) : -1;
}
const int64_t *pd_model_input_dims(const pd_model *m, int i, int j) {
  const Method *method = methodAt(m, i);
  const TensorSpec *s = specAt(method ? &method->inputs : nullptr, j);
  return s ? s->dims.data() : nullptr;
}

int pd_model_run(pd_model *model, int methodIndex, pd_tensor *const *inputs,
                 int numInputs, pd_tensor **outputs, int numOutputs,
                 char **error) {
  const Method *method = methodAt(model, methodIndex);
  if (!method)
    return fail(error, "no method #" + std::to_string(methodIndex)), 1;
  // Error prefixes are built only on failure: this is every run's path.
  auto where = [&] { return model->path + ": " + method->name + ": "; };
  if (size_t(numInputs) != method->inputs.size() || (numInputs && !inputs))
    return fail(error, where() + "takes " + std::to_string(method->inputs.size()) +
                           " inputs, got " + std::to_string(numInputs)), 1;
  if (size_t(numOutputs) != method->outputs.size() || !outputs)
    return fail(error, where() + "has " + std::to_string(method->outputs.size()) +
                           " outputs, room was given for " +
                           std::to_string(numOutputs)), 1;
  for (size_t i = 0; i < method->inputs.size(); ++i) {
    const TensorSpec &spec = method->inputs[i];
    const pd_tensor *t = inputs[i];
    auto name = [&] { return "input '" + spec.name + "'"; };
    if (!t)
      return fail(error, where() + name() + " is null"), 1;
    if (t->dtype != spec.dtype)
      return fail(error, where() + name() + " is " + dataTypeName(t->dtype) +
                             ", the signature says " + dataTypeName(spec.dtype)), 1;
    if (t->dims.size() != spec.dims.size())
      return fail(error, where() + name() + " has rank " +
                             std::to_string(t->dims.size()) + ", the signature says " +
                             std::to_string(spec.dims.size()) + " " +
                             dimsText(spec.dims)), 1;
    for (size_t d = 0; d < spec.dims.size(); ++d)
      if (t->dims[d] < 0 || (spec.dims[d] >= 0 && t->dims[d] != spec.dims[d]))
        return fail(error, where() + name() + " has dims " + dimsText(t->dims) +
                               ", the signature says " + dimsText(spec.dims)), 1;
  }

  for (int i = 0; i < numOutputs; ++i) {
    const pd_tensor *t = outputs[i];
    if (t && t->dtype != method->outputs[i].dtype)
      return fail(error, where() + "output '" + method->outputs[i].name +
                             "' was given as " + dataTypeName(t->dtype) +
                             ", the signature says " +
                             dataTypeName(method->outputs[i].dtype)), 1;
  }

  // args[0]: the results' descriptors, back to back; then the parameters,
  // the load-time results, the inputs. The words live in this thread's
  // reused scratch: a steady run allocates nothing.
  thread_local std::vector<int64_t> results, descriptors;
  thread_local std::vector<size_t> starts;
  thread_local std::vector<void *> args;
  size_t resultWords = 0;
  for (const TensorSpec &out : method->outputs)
    resultWords += 3 + 2 * out.dims.size();
  results.assign(resultWords, 0);
  descriptors.clear();
  starts.clear();
  for (size_t p : method->parameters) {
    starts.push_back(descriptors.size());
    appendDescriptor(descriptors, model->parameterData[p],
                     model->parameters[p].dims);
  }
  for (int i = 0; i < numInputs; ++i) {
    starts.push_back(descriptors.size());
    appendDescriptor(descriptors, inputs[i]->data, inputs[i]->dims);
  }
  args.assign(1, results.data());
  size_t s = 0;
  for (; s < method->parameters.size(); ++s)
    args.push_back(descriptors.data() + starts[s]);
  const int64_t *loaded = method->loaded.data();
  for (const TensorSpec &result : method->loadResults) {
    args.push_back(const_cast<int64_t *>(loaded));
    loaded += 3 + 2 * result.dims.size();
  }
  for (; s < starts.size(); ++s)
    args.push_back(descriptors.data() + starts[s]);

  std::unique_ptr<Arena> arena = model->takeArena();
  {
    RunContext run{arena.get(), model->pool.get(), nullptr,
                   inputs,      numInputs,          outputs, numOutputs};
    CurrentRun scope(&run);
    method->call(args.data());
  }

  // Results are copied into the output tensors (made here unless the caller
  // gave ones of the right dims), unless they were computed there; blocks
  // of the arena go back to it.
  const int64_t *word = results.data();
  int status = 0;
  for (size_t i = 0; i < method->outputs.size(); ++i) {
    const TensorSpec &spec = method->outputs[i];
    size_t rank = spec.dims.size();
    auto *allocated = reinterpret_cast<char *>(intptr_t(word[0]));
    auto *aligned = reinterpret_cast<char *>(intptr_t(word[1]));
    int64_t offset = word[2];
    const int64_t *dims = word + 3;
    word += 3 + 2 * rank;
    size_t elem = elementSize(spec.dtype);
    size_t count = 1;
    for (size_t d = 0; d < rank; ++d)
      count *= size_t(dims[d]);
    const char *data = aligned + offset * int64_t(elem);
    pd_tensor *&out = outputs[i];
    bool sameDims = out && out->dims.size() == rank &&
                    std::equal(out->dims.begin(), out->dims.end(), dims);
    // A tensor the runtime made (an earlier run's) takes the run's dims: a
    // result whose size depends on the data (the boxes NMS keeps) differs
    // from run to run. The caller's own memory (pd_tensor_wrap) is never
    // reallocated.
    if (out && !sameDims && out->owned && resize(out, dims, rank))
      sameDims = true;
    if (out && !sameDims) {
      if (!status)
        fail(error, where() + "output '" + spec.name + "' was given with dims " +
                        dimsText(out->dims) + ", the run made " +
                        dimsText(std::vector<int64_t>(dims, dims + rank)));
      status = 1;
    } else {
      if (!out)
        out = pd_tensor_create(pd_dtype(spec.dtype), dims, int(rank), nullptr);
      if (out && count && out->data != data)
        std::memcpy(out->data, data, count * elem);
    }
    if (arena->owns(allocated))
      arena->release(allocated);
  }
  model->returnArena(std::move(arena));
  return status;
}

int pd_model_set_threads(pd_model *model, int threads, char **error) {
  if (!model || threads < 1)
    return fail(error, "thread count must be 1 or more, got " +
                           std::to_string(threads)), 1;
  if (model->pool && model->pool->threads() == threads)
    return 0;
  model->pool = std::make_unique<ThreadPool>(threads);
  return 0;
}

int pd_model_thread_count(const pd_model *model) {
  return model && model->pool ? model->pool->threads() : 0;
}

void pd_string_free(char *string) { std::free(string); }

} // extern "C"

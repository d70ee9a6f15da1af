//===- Runtime.cpp - the pd runtime's C API -------------------------------===//
//
// Loads an artifact (dlopen), reads its signature, maps its parameter file
// and checks every record against the signature, and calls a method's entry
// point with memref descriptors: {allocated, aligned, offset, sizes[rank],
// strides[rank]}, all 8-byte words. Results come back the same way; their
// buffers were malloc'd by the artifact and become the output tensors.
//
//===----------------------------------------------------------------------===//

#include "pd_runtime.h"

#include "pd/Runtime/Signature.h"
#include "pd/Runtime/TensorRecord.h"

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

/// A method with its entry point resolved in the library.
struct Method : MethodSignature {
  void (*call)(void **) = nullptr;
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

  ~pd_model() {
    if (mapping)
      munmap(mapping, mappingSize);
    if (library)
      dlclose(library);
  }

  bool readSignature(char **error);
  bool mapParameters(char **error);
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
    static_cast<MethodSignature &>(method) = std::move(signature);
    method.call = reinterpret_cast<void (*)(void **)>(symbol);
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
    if (reinterpret_cast<uintptr_t>(record.data) % align == 0) {
      parameterData.push_back(const_cast<uint8_t *>(record.data));
    } else {
      // Records are packed; a misaligned one is copied once.
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
  void *data = std::calloc(bytes ? bytes : 1, 1);
  if (!data)
    return fail(error, "out of memory"), nullptr;
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
  if (!model->readSignature(error) || !model->mapParameters(error)) {
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

/// Appends a memref descriptor of `data` with `dims` (row-major) to `words`.
static void appendDescriptor(std::vector<int64_t> &words, void *data,
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

  // args[0]: the results' descriptors, back to back; then parameters, inputs.
  size_t resultWords = 0;
  for (const TensorSpec &out : method->outputs)
    resultWords += 3 + 2 * out.dims.size();
  std::vector<int64_t> results(resultWords, 0);
  // All argument descriptors in one buffer (one allocation per run, not one
  // per parameter); pointers into it are taken once it is complete.
  std::vector<int64_t> descriptors;
  std::vector<size_t> starts;
  for (size_t p : method->parameters) {
    starts.push_back(descriptors.size());
    appendDescriptor(descriptors, model->parameterData[p],
                     model->parameters[p].dims);
  }
  for (int i = 0; i < numInputs; ++i) {
    starts.push_back(descriptors.size());
    appendDescriptor(descriptors, inputs[i]->data, inputs[i]->dims);
  }
  std::vector<void *> args{results.data()};
  for (size_t start : starts)
    args.push_back(descriptors.data() + start);
  method->call(args.data());

  // Outputs own the buffers the artifact allocated, unless one aliases an
  // input, a parameter or an earlier output: then it is copied.
  auto borrowed = [&](const void *p) {
    auto inside = [&](const void *begin, size_t bytes) {
      auto *b = static_cast<const char *>(begin);
      return p >= begin && p < b + bytes;
    };
    for (int i = 0; i < numInputs; ++i)
      if (inside(inputs[i]->data, inputs[i]->bytes))
        return true;
    for (size_t i = 0; i < model->parameters.size(); ++i)
      if (inside(model->parameterData[i],
                 size_t(numElements(model->parameters[i].dims)) *
                     elementSize(model->parameters[i].dtype)))
        return true;
    if (model->mapping && inside(model->mapping, model->mappingSize))
      return true;
    for (int i = 0; i < numOutputs; ++i)
      if (outputs[i] && outputs[i]->owned == p)
        return true;
    return false;
  };
  const int64_t *word = results.data();
  for (size_t i = 0; i < method->outputs.size(); ++i) {
    const TensorSpec &spec = method->outputs[i];
    size_t rank = spec.dims.size();
    auto *allocated = reinterpret_cast<char *>(intptr_t(word[0]));
    auto *aligned = reinterpret_cast<char *>(intptr_t(word[1]));
    int64_t offset = word[2];
    std::vector<int64_t> dims(word + 3, word + 3 + rank);
    word += 3 + 2 * rank;
    size_t bytes = size_t(numElements(dims)) * elementSize(spec.dtype);
    char *data = aligned + offset * int64_t(elementSize(spec.dtype));
    void *owned = allocated;
    if (borrowed(allocated)) {
      owned = std::malloc(bytes ? bytes : 1);
      std::memcpy(owned, data, bytes);
      data = static_cast<char *>(owned);
    }
    outputs[i] = new pd_tensor{pd_dtype(spec.dtype), dims, data, bytes, owned};
  }
  return 0;
}

void pd_string_free(char *string) { std::free(string); }

} // extern "C"

//===- RuntimeRunTest.cpp - what a steady run promises ---------------------===//
//
// On compiled models (a conv block written here, and the zoo's models when
// ../shared is there):
// - a steady run calls no malloc, free or their kin (this binary replaces
//   them with counting versions) and takes no page fault;
// - outputs are bit-identical at 1, 2 and 4 threads;
// - the thread count is honoured: N - 1 workers exist and run, none at 1;
// - results are computed in the caller's output tensors (no memcpy into
//   them), except a tensor that shares memory with an input, which gets a
//   copy.
//
//===----------------------------------------------------------------------===//

#include "RunTestModels.h"

#include "gtest/gtest.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <dirent.h>
#include <dlfcn.h>
#include <fstream>
#include <map>
#include <memory>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

//===----------------------------------------------------------------------===//
// Counting allocation functions (they interpose on libc's for the whole
// process: the runtime, the artifact, libstdc++).
//===----------------------------------------------------------------------===//

extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void *__libc_memalign(size_t, size_t);
void __libc_free(void *);
}

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocationCalls{0};
inline void note() {
  if (counting.load(std::memory_order_relaxed))
    allocationCalls.fetch_add(1, std::memory_order_relaxed);
}
} // namespace

extern "C" {
void *malloc(size_t n) {
  note();
  return __libc_malloc(n);
}
void free(void *p) {
  if (p)
    note();
  __libc_free(p);
}
void *calloc(size_t count, size_t n) {
  note();
  return __libc_calloc(count, n);
}
void *realloc(void *p, size_t n) {
  note();
  return __libc_realloc(p, n);
}
void *memalign(size_t align, size_t n) {
  note();
  return __libc_memalign(align, n);
}
void *aligned_alloc(size_t align, size_t n) {
  note();
  return __libc_memalign(align, n);
}
int posix_memalign(void **out, size_t align, size_t n) {
  note();
  void *p = __libc_memalign(align, n);
  if (!p)
    return ENOMEM;
  *out = p;
  return 0;
}
}

//===----------------------------------------------------------------------===//
// A memcpy that notes the runtime library's copies into a watched range (it
// interposes on libc's like the allocation functions; memmove does the
// copy). A kernel's own copies (a narrow tile's edge) are not counted.
//===----------------------------------------------------------------------===//

namespace {
std::atomic<const char *> watchBegin{nullptr}, watchEnd{nullptr};
std::atomic<long> copiesIntoWatched{0};

/// The base address of the object (library) holding `address`.
const void *objectOf(const void *address) {
  Dl_info info{};
  return dladdr(address, &info) ? info.dli_fbase : nullptr;
}
} // namespace

extern "C" void *memcpy(void *dst, const void *src, size_t n) {
  auto *d = static_cast<const char *>(dst);
  if (n && d < watchEnd.load(std::memory_order_relaxed) &&
      d + n > watchBegin.load(std::memory_order_relaxed) &&
      objectOf(__builtin_return_address(0)) ==
          objectOf(reinterpret_cast<const void *>(&pd_model_run)))
    copiesIntoWatched.fetch_add(1, std::memory_order_relaxed);
  return memmove(dst, src, n);
}

namespace {

using namespace pd::test;

/// Counts memcpy calls into `tensor`'s memory while it lives.
struct WatchCopiesInto {
  explicit WatchCopiesInto(pd_tensor *tensor) {
    auto *data = static_cast<const char *>(pd_tensor_data(tensor));
    copiesIntoWatched = 0;
    watchBegin = data;
    watchEnd = data + pd_tensor_size_bytes(tensor);
  }
  ~WatchCopiesInto() { watchBegin = watchEnd = nullptr; }
  long copies() const { return copiesIntoWatched.load(); }
};

std::string take(char *error) {
  std::string s = error ? error : "";
  pd_string_free(error);
  return s;
}

struct Loaded {
  std::string name;
  pd_model *model = nullptr;
  int64_t batch = 1;
};

/// Every model the tests run, compiled and loaded once.
class RuntimeRun : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    std::string out = std::string(PD_TEST_OUTPUT) + "/runtime_run_";
    add("conv_block", compileConvBlock(out + "conv_block"), 2);
    add("narrow_chain", compileNarrowChain(out + "narrow_chain"), 1);
    std::string zoo = zooDir();
    if (zoo.empty())
      return;
    for (const char *m : {"lenet", "resnet_block", "mobilenet_block", "transformer"})
      add(m, compile(zoo + "/" + m + ".pdmodel", out + m), 1);
  }
  static void TearDownTestSuite() {
    for (Loaded &l : models())
      pd_model_free(l.model);
    models().clear();
  }
  static std::vector<Loaded> &models() {
    static std::vector<Loaded> all;
    return all;
  }
  static void add(const std::string &name, const std::string &artifact,
                  int64_t batch) {
    ASSERT_FALSE(artifact.empty()) << "pd-export failed for " << name;
    char *error = nullptr;
    pd_model *model = pd_model_load(artifact.c_str(), &error);
    ASSERT_NE(model, nullptr) << take(error);
    models().push_back({name, model, batch});
  }
};

/// The inputs of a model's first method, and one output tensor per output
/// (allocated by a first run, then written in place).
struct Session {
  explicit Session(const Loaded &l) : model(l.model) {
    for (int i = 0; i < pd_model_input_count(model, 0); ++i)
      inputs.push_back(makeInput(model, i, l.batch, 1000 + i));
    outputs.assign(pd_model_output_count(model, 0), nullptr);
  }
  ~Session() {
    for (pd_tensor *t : inputs)
      pd_tensor_free(t);
    for (pd_tensor *t : outputs)
      pd_tensor_free(t);
  }
  bool once(std::string *error = nullptr) {
    char *message = nullptr;
    int status = pd_model_run(model, 0, inputs.data(), int(inputs.size()),
                              outputs.data(), int(outputs.size()), &message);
    if (status && error)
      *error = take(message);
    return status == 0;
  }
  /// The bytes of every output, concatenated.
  std::string bytes() {
    std::string all;
    for (pd_tensor *t : outputs)
      all.append(static_cast<const char *>(pd_tensor_data(t)),
                 pd_tensor_size_bytes(t));
    return all;
  }
  pd_model *model;
  std::vector<pd_tensor *> inputs, outputs;
};

long minorFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

TEST_F(RuntimeRun, AllocationsAreCounted) {
  // The counter sees the runtime's allocations (a first run makes its
  // outputs and grows the arena), so that zero below means none.
  const Loaded &l = models().front();
  allocationCalls = 0;
  counting = true;
  {
    Session run(l);
    EXPECT_TRUE(run.once());
  }
  counting = false;
  EXPECT_GT(allocationCalls.load(), 0);
}

TEST_F(RuntimeRun, SteadyRunsAllocateNothing) {
  for (Loaded &l : models())
    for (int threads : {1, 2}) {
      SCOPED_TRACE(l.name + " at " + std::to_string(threads) + " threads");
      ASSERT_EQ(pd_model_set_threads(l.model, threads, nullptr), 0);
      Session run(l);
      std::string error;
      // Warm-up: the arena grows to the run's needs, outputs are made.
      for (int i = 0; i < 10; ++i)
        ASSERT_TRUE(run.once(&error)) << error;
      // At one thread every page a run touches was touched by the warm-up;
      // with more, which worker first runs a kernel (and grows its stack)
      // depends on scheduling, so faults are only counted at one thread.
      // Under memory pressure the kernel may reclaim a clean page (a
      // library's code) that faults back in without any allocation, so the
      // fewest faults of up to three windows must be zero: a run that maps
      // fresh memory faults in every window.
      long fewest = LONG_MAX;
      for (int window = 0; window < (threads == 1 ? 3 : 1) && fewest > 0; ++window) {
        long faults = minorFaults();
        allocationCalls = 0;
        counting = true;
        bool ok = true;
        for (int i = 0; i < 20; ++i)
          ok = run.once() && ok;
        counting = false;
        fewest = std::min(fewest, minorFaults() - faults);
        EXPECT_TRUE(ok);
        EXPECT_EQ(allocationCalls.load(), 0) << "malloc/free calls in 20 runs";
      }
      if (threads == 1) {
        EXPECT_EQ(fewest, 0) << "page faults in each of three windows of 20 runs";
      }
    }
}

TEST_F(RuntimeRun, OutputsAreBitIdenticalAtEveryThreadCount) {
  for (Loaded &l : models()) {
    SCOPED_TRACE(l.name);
    std::map<int, std::string> results;
    for (int threads : {1, 2, 4}) {
      ASSERT_EQ(pd_model_set_threads(l.model, threads, nullptr), 0);
      Session run(l);
      std::string error;
      ASSERT_TRUE(run.once(&error)) << error;
      results[threads] = run.bytes();
    }
    EXPECT_FALSE(results[1].empty());
    EXPECT_TRUE(results[2] == results[1]) << "2 threads differ from 1";
    EXPECT_TRUE(results[4] == results[1]) << "4 threads differ from 1";
  }
}

/// CPU time (ns) of each of this process's threads but the calling one.
std::map<long, long> otherThreadsCpu() {
  std::map<long, long> cpu;
  long self = long(gettid());
  DIR *dir = opendir("/proc/self/task");
  if (!dir)
    return cpu;
  while (dirent *entry = readdir(dir)) {
    long tid = std::atol(entry->d_name);
    if (tid <= 0 || tid == self)
      continue;
    std::ifstream stat("/proc/self/task/" + std::string(entry->d_name) +
                       "/schedstat");
    long ns = 0;
    if (stat >> ns)
      cpu[tid] = ns;
  }
  closedir(dir);
  return cpu;
}

TEST_F(RuntimeRun, ThreadCountIsHonoured) {
  const Loaded &l = models().front(); // the conv block
  EXPECT_EQ(pd_model_thread_count(l.model) > 0, true);
  char *error = nullptr;
  EXPECT_NE(pd_model_set_threads(l.model, 0, &error), 0);
  EXPECT_NE(take(error).find("thread count must be 1 or more"), std::string::npos);
  // No other model keeps workers: every other thread is this model's.
  for (Loaded &other : models())
    ASSERT_EQ(pd_model_set_threads(other.model, 1, nullptr), 0);
  EXPECT_TRUE(otherThreadsCpu().empty());
  for (int threads : {1, 2, 4}) {
    SCOPED_TRACE(std::to_string(threads) + " threads");
    ASSERT_EQ(pd_model_set_threads(l.model, threads, nullptr), 0);
    EXPECT_EQ(pd_model_thread_count(l.model), threads);
    // The previous pool's workers are gone; this pool's N - 1 are here.
    std::map<long, long> start = otherThreadsCpu();
    EXPECT_EQ(start.size(), size_t(threads - 1));
    // Runs until every worker has run, or 10 s: with more threads than
    // cores the caller can take every piece of a small loop before a
    // worker wakes, so a fixed run count would test the scheduler.
    Session run(l);
    auto busyWorkers = [&](const std::map<long, long> &now) {
      int busy = 0;
      for (auto &[tid, ns] : now)
        busy += start.count(tid) && ns > start[tid];
      return busy;
    };
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::map<long, long> end;
    int busy = 0;
    do {
      for (int i = 0; i < 50; ++i)
        ASSERT_TRUE(run.once());
      end = otherThreadsCpu();
      busy = busyWorkers(end);
    } while (busy < threads - 1 &&
             std::chrono::steady_clock::now() < deadline);
    EXPECT_EQ(end.size(), size_t(threads - 1));
    EXPECT_EQ(busy, threads - 1) << "workers that ran";
  }
}

} // namespace

TEST_F(RuntimeRun, ResultsAreComputedInTheCallersTensors) {
  for (Loaded &l : models()) {
    SCOPED_TRACE(l.name);
    ASSERT_EQ(pd_model_set_threads(l.model, 1, nullptr), 0);
    Session run(l);
    std::string error;
    ASSERT_TRUE(run.once(&error)) << error; // makes the outputs
    std::string expected = run.bytes();
    for (pd_tensor *t : run.outputs)
      std::memset(pd_tensor_data(t), 0xff, pd_tensor_size_bytes(t)); // NaNs
    for (pd_tensor *t : run.outputs) {
      WatchCopiesInto watch(t);
      ASSERT_TRUE(run.once(&error)) << error;
      EXPECT_EQ(watch.copies(), 0) << "the result was copied into its tensor";
    }
    EXPECT_TRUE(run.bytes() == expected) << "results differ in place";
  }
}

TEST_F(RuntimeRun, AnOutputSharingAnInputsMemoryGetsACopy) {
  // The conv block's output [2, 32, 5, 5] as a view of the first bytes of
  // its input [2, 16, 20, 20]: computed in place, the result would
  // overwrite input the run still reads.
  const Loaded &l = models().front();
  ASSERT_EQ(pd_model_set_threads(l.model, 1, nullptr), 0);
  Session reference(l);
  std::string error;
  ASSERT_TRUE(reference.once(&error)) << error;
  std::string expected = reference.bytes();

  Session run(l);
  const int64_t dims[] = {2, 32, 5, 5};
  pd_tensor *view = pd_tensor_wrap(PD_FLOAT32, dims, 4,
                                   pd_tensor_data(run.inputs[0]), nullptr);
  ASSERT_NE(view, nullptr);
  ASSERT_EQ(pd_tensor_size_bytes(view), expected.size());
  run.outputs[0] = view;
  {
    WatchCopiesInto watch(view);
    ASSERT_TRUE(run.once(&error)) << error;
    EXPECT_EQ(watch.copies(), 1) << "the result was not copied after the run";
  }
  EXPECT_TRUE(run.bytes() == expected) << "the run read its own result";
}

/// pd.range's length is its inputs' values: a dim known only after the run.
TEST(RuntimeDataDependentDims, TensorsTheRuntimeMadeTakeEachRunsDims) {
  std::string out = std::string(PD_TEST_OUTPUT) + "/runtime_run_range";
  std::ofstream(out + ".mlir") << R"(
func.func @forward(%start: tensor<1xi64> {pd.name = "start"}, %end: tensor<1xi64> {pd.name = "end"}, %step: tensor<1xi64> {pd.name = "step"}) -> tensor<?xi64> {
  %r = pd.range %start, %end, %step {pd.names = ["r"]} : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xi64>
  %f = pd.fetch %r {col = 0 : i32, pd.names = ["fetch"]} : (tensor<?xi64>) -> tensor<?xi64>
  return %f : tensor<?xi64>
}
)";
  std::string artifact = compile(out + ".mlir", out);
  ASSERT_FALSE(artifact.empty());
  char *message = nullptr;
  pd_model *model = pd_model_load(artifact.c_str(), &message);
  ASSERT_NE(model, nullptr) << take(message);
  const int64_t one[] = {1};
  int64_t start = 0, end = 5, step = 1;
  pd_tensor *inputs[] = {pd_tensor_wrap(PD_INT64, one, 1, &start, nullptr),
                         pd_tensor_wrap(PD_INT64, one, 1, &end, nullptr),
                         pd_tensor_wrap(PD_INT64, one, 1, &step, nullptr)};
  pd_tensor *outputs[] = {nullptr};
  ASSERT_EQ(pd_model_run(model, 0, inputs, 3, outputs, 1, &message), 0) << take(message);
  ASSERT_EQ(pd_tensor_rank(outputs[0]), 1);
  EXPECT_EQ(pd_tensor_dims(outputs[0])[0], 5);
  // The same output tensor, a shorter range: it takes the new length.
  end = 3;
  ASSERT_EQ(pd_model_run(model, 0, inputs, 3, outputs, 1, &message), 0) << take(message);
  ASSERT_EQ(pd_tensor_dims(outputs[0])[0], 3);
  const auto *values = static_cast<const int64_t *>(pd_tensor_data(outputs[0]));
  EXPECT_EQ(values[0], 0);
  EXPECT_EQ(values[2], 2);
  EXPECT_EQ(pd_tensor_size_bytes(outputs[0]), 3 * sizeof(int64_t));
  // The caller's own memory of other dims is not reallocated: an error.
  int64_t mine[5] = {};
  const int64_t five[] = {5};
  pd_tensor *wrapped = pd_tensor_wrap(PD_INT64, five, 1, mine, nullptr);
  pd_tensor *given[] = {wrapped};
  EXPECT_NE(pd_model_run(model, 0, inputs, 3, given, 1, &message), 0);
  EXPECT_NE(take(message).find("was given with dims [5], the run made [3]"),
            std::string::npos);
  pd_tensor_free(wrapped);
  pd_tensor_free(outputs[0]);
  for (pd_tensor *t : inputs)
    pd_tensor_free(t);
  pd_model_free(model);
}

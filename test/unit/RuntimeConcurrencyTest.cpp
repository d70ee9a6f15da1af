//===- RuntimeConcurrencyTest.cpp - one model, many threads, under TSan ---===//
//
// Built twice: against libpd_runtime.so, and (PdRuntimeTsanTests) with the
// runtime's sources compiled into the test under ThreadSanitizer, where a
// data race in the thread pool or the arenas fails the test. Several caller
// threads run one model at once, each run itself split over the model's
// pool; every result must equal the single-threaded one, bit for bit.
//
//===----------------------------------------------------------------------===//

#include "RunTestModels.h"

#include "gtest/gtest.h"

#include <string>
#include <thread>
#include <vector>

namespace {

using namespace pd::test;

std::string outputBytes(pd_model *model, pd_tensor *x) {
  pd_tensor *y = nullptr;
  if (pd_model_run(model, 0, &x, 1, &y, 1, nullptr) != 0)
    return "";
  std::string bytes(static_cast<const char *>(pd_tensor_data(y)),
                    pd_tensor_size_bytes(y));
  pd_tensor_free(y);
  return bytes;
}

TEST(RuntimeConcurrency, CallersAndPoolThreadsShareOneModel) {
  std::string artifact = compileConvBlock(std::string(PD_TEST_OUTPUT) +
                                          "/runtime_concurrency_conv_block");
  ASSERT_FALSE(artifact.empty());
  char *error = nullptr;
  pd_model *model = pd_model_load(artifact.c_str(), &error);
  ASSERT_NE(model, nullptr) << (error ? error : "");

  // The reference: batch 1..3 at one thread.
  ASSERT_EQ(pd_model_set_threads(model, 1, nullptr), 0);
  std::vector<pd_tensor *> inputs;
  std::vector<std::string> expected;
  for (int b = 1; b <= 3; ++b) {
    inputs.push_back(makeInput(model, 0, b, 77 + b));
    expected.push_back(outputBytes(model, inputs.back()));
    ASSERT_FALSE(expected.back().empty());
  }

  for (int poolThreads : {2, 3}) {
    SCOPED_TRACE(std::to_string(poolThreads) + " pool threads");
    ASSERT_EQ(pd_model_set_threads(model, poolThreads, nullptr), 0);
    std::vector<std::thread> callers;
    std::vector<int> mismatches(3, 0);
    for (int c = 0; c < 3; ++c)
      callers.emplace_back([&, c] {
        for (int i = 0; i < 8; ++i) {
          int b = (c + i) % 3;
          if (outputBytes(model, inputs[b]) != expected[b])
            ++mismatches[c];
        }
      });
    for (std::thread &t : callers)
      t.join();
    EXPECT_EQ(mismatches, std::vector<int>(3, 0));
  }
  for (pd_tensor *t : inputs)
    pd_tensor_free(t);
  pd_model_free(model);
}

} // namespace

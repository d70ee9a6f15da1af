//===- RuntimeApiTest.cpp - the runtime's C API on bad calls --------------===//
//
// pd-run always calls the API correctly; these are the calls it cannot make:
// bad dtypes and shapes, wrong input counts, a method that does not exist.
// The artifact is the fit_a_line example, compiled by pd-export once.
//
//===----------------------------------------------------------------------===//

#include "pd_runtime.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

/// The message of a failed call, freed.
std::string take(char *error) {
  std::string s = error ? error : "";
  pd_string_free(error);
  return s;
}

class RuntimeApi : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    std::string command = std::string(PD_EXPORT) + " " + PD_EXAMPLES +
                          "/fit_a_line.mlir --emit=cpu --quiet -o " +
                          PD_TEST_OUTPUT + "/runtime_api_fit";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    char *error = nullptr;
    model = pd_model_load(PD_TEST_OUTPUT "/runtime_api_fit.so", &error);
    ASSERT_NE(model, nullptr) << take(error);
  }
  static void TearDownTestSuite() { pd_model_free(model); }
  void SetUp() override { ASSERT_NE(model, nullptr) << "no artifact"; }
  static pd_model *model;
};
pd_model *RuntimeApi::model = nullptr;

TEST(RuntimeTensor, RefusesBadDtypesAndShapes) {
  char *error = nullptr;
  int64_t dims[2] = {2, 3};
  EXPECT_EQ(pd_tensor_create(pd_dtype(99), dims, 2, &error), nullptr);
  EXPECT_EQ(take(error), "unknown dtype 99");
  EXPECT_EQ(pd_tensor_create(PD_FLOAT32, dims, -1, &error), nullptr);
  EXPECT_EQ(take(error), "bad rank -1");
  EXPECT_EQ(pd_tensor_create(PD_FLOAT32, nullptr, 2, &error), nullptr);
  EXPECT_EQ(take(error), "bad rank 2");
  int64_t negative[2] = {2, -3};
  EXPECT_EQ(pd_tensor_create(PD_FLOAT32, negative, 2, &error), nullptr);
  EXPECT_EQ(take(error), "bad dims [2, -3]");
  int64_t huge[2] = {int64_t(1) << 40, int64_t(1) << 40};
  EXPECT_EQ(pd_tensor_create(PD_FLOAT32, huge, 2, &error), nullptr);
  EXPECT_EQ(take(error).rfind("bad dims", 0), 0u);
  EXPECT_EQ(pd_tensor_wrap(PD_FLOAT32, dims, 2, nullptr, &error), nullptr);
  EXPECT_EQ(take(error), "no data for dims [2, 3]");
  // A null error pointer is allowed.
  EXPECT_EQ(pd_tensor_create(pd_dtype(99), dims, 2, nullptr), nullptr);
}

TEST(RuntimeTensor, CreatesZeroedTensors) {
  int64_t dims[2] = {2, 3};
  pd_tensor *t = pd_tensor_create(PD_INT64, dims, 2, nullptr);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(pd_tensor_size_bytes(t), 48u);
  EXPECT_EQ(static_cast<int64_t *>(pd_tensor_data(t))[5], 0);
  pd_tensor_free(t);
}

TEST(RuntimeModel, RefusesMissingFiles) {
  char *error = nullptr;
  EXPECT_EQ(pd_model_load(nullptr, &error), nullptr);
  EXPECT_EQ(take(error), "no artifact path");
  EXPECT_EQ(pd_model_load("/nonexistent/x.so", &error), nullptr);
  EXPECT_EQ(take(error), "/nonexistent/x.so: cannot open: No such file or directory");
}

TEST_F(RuntimeApi, ReadsTheSignature) {
  ASSERT_EQ(pd_model_method_count(model), 1);
  EXPECT_STREQ(pd_model_method_name(model, 0), "forward");
  EXPECT_EQ(pd_model_find_method(model, "forward"), 0);
  EXPECT_EQ(pd_model_find_method(model, "backward"), -1);
  EXPECT_STREQ(pd_model_input_name(model, 0, 0), "x");
  EXPECT_EQ(pd_model_input_dtype(model, 0, 0), PD_FLOAT32);
  ASSERT_EQ(pd_model_input_rank(model, 0, 0), 2);
  EXPECT_EQ(pd_model_input_dims(model, 0, 0)[0], -1);
  EXPECT_EQ(pd_model_input_dims(model, 0, 0)[1], 13);
  EXPECT_STREQ(pd_model_output_name(model, 0, 0), "fc_0.tmp_1");
  // Out of range: null or -1, never a crash.
  EXPECT_EQ(pd_model_method_name(model, 1), nullptr);
  EXPECT_EQ(pd_model_input_name(model, 0, 1), nullptr);
  EXPECT_EQ(pd_model_input_dims(model, 3, 0), nullptr);
  EXPECT_EQ(pd_model_output_count(model, -1), -1);
}

TEST_F(RuntimeApi, RefusesBadRuns) {
  char *error = nullptr;
  int64_t dims[2] = {4, 13};
  pd_tensor *x = pd_tensor_create(PD_FLOAT32, dims, 2, nullptr);
  pd_tensor *y = nullptr;
  EXPECT_NE(pd_model_run(model, 1, &x, 1, &y, 1, &error), 0);
  EXPECT_EQ(take(error), "no method #1");
  EXPECT_NE(pd_model_run(model, 0, &x, 0, &y, 1, &error), 0);
  EXPECT_NE(take(error).find("forward: takes 1 inputs, got 0"), std::string::npos);
  EXPECT_NE(pd_model_run(model, 0, &x, 1, &y, 2, &error), 0);
  EXPECT_NE(take(error).find("has 1 outputs, room was given for 2"), std::string::npos);
  pd_tensor *null = nullptr;
  EXPECT_NE(pd_model_run(model, 0, &null, 1, &y, 1, &error), 0);
  EXPECT_NE(take(error).find("input 'x' is null"), std::string::npos);
  EXPECT_EQ(y, nullptr);

  // And a good run: zeros give the bias.
  ASSERT_EQ(pd_model_run(model, 0, &x, 1, &y, 1, &error), 0) << take(error);
  ASSERT_EQ(pd_tensor_rank(y), 2);
  EXPECT_EQ(pd_tensor_dims(y)[0], 4);
  EXPECT_FLOAT_EQ(static_cast<float *>(pd_tensor_data(y))[3], 22.53f);
  pd_tensor_free(y);
  pd_tensor_free(x);
}

TEST_F(RuntimeApi, RunsFromSeveralThreadsAtOnce) {
  // Each thread runs its own batch size many times; every result must have
  // that batch and the bias in every row.
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &failures] {
      int64_t dims[2] = {t + 1, 13};
      pd_tensor *x = pd_tensor_create(PD_FLOAT32, dims, 2, nullptr);
      for (int i = 0; i < 200; ++i) {
        pd_tensor *y = nullptr;
        if (pd_model_run(model, 0, &x, 1, &y, 1, nullptr) != 0 ||
            pd_tensor_dims(y)[0] != t + 1 ||
            static_cast<float *>(pd_tensor_data(y))[t] != 22.53f)
          ++failures[t];
        pd_tensor_free(y);
      }
      pd_tensor_free(x);
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

} // namespace

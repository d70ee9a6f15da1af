//===- RunTestModels.h - models the runtime run tests compile --*- C++ -*-===//
//
// A convolutional block written in the pd dialect with pseudo-random
// weights (every compiled kernel kind: Winograd conv with bias, residual and
// relu, depthwise conv at stride 2, 1x1 conv through the GEMM, max pooling,
// the layout transposes) and a row-band chain over a small image, compiled
// by pd-export at test time; and the zoo's models when ../shared/zoo is
// there.
//
//===----------------------------------------------------------------------===//
#ifndef PD_TEST_UNIT_RUNTESTMODELS_H
#define PD_TEST_UNIT_RUNTESTMODELS_H

#include "pd_runtime.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pd::test {

/// Deterministic values in [-scale, scale).
inline std::vector<float> pseudoRandom(size_t n, uint32_t seed, float scale) {
  std::vector<float> v(n);
  for (float &x : v) {
    seed = seed * 1664525u + 1013904223u;
    x = (float(seed >> 8) / float(1u << 24) * 2.0f - 1.0f) * scale;
  }
  return v;
}

/// A dense<"0x..."> attribute of f32 values (little-endian raw data).
inline std::string hexDense(const std::vector<float> &values) {
  std::string s = "dense<\"0x";
  char byte[3];
  for (float v : values) {
    const auto *p = reinterpret_cast<const unsigned char *>(&v);
    for (int i = 0; i < 4; ++i) {
      std::snprintf(byte, sizeof byte, "%02X", p[i]);
      s += byte;
    }
  }
  return s + "\">";
}

/// A pd.parameter line of `n` pseudo-random values in [-scale, scale).
inline std::string param(const char *name, const char *type, size_t n,
                         uint32_t seed, float scale) {
  return std::string("  pd.parameter @") + name + " : " + type + " = " +
         hexDense(pseudoRandom(n, seed, scale)) + " : " + type + "\n";
}

/// x [?, 16, 20, 20] -> conv 3x3 (16 -> 16) + bias -> relu -> + x -> relu
/// -> depthwise 3x3 stride 2 -> relu -> conv 1x1 (16 -> 32) + bias -> max
/// pool 2x2 -> y [?, 32, 5, 5].
inline std::string convBlockMlir() {
  std::ostringstream m;
  m << "module attributes {pd.version = 2005001 : i64} {\n"
    << param("w1", "tensor<16x16x3x3xf32>", 16 * 16 * 9, 1, 0.12f)
    << param("b1", "tensor<16xf32>", 16, 2, 0.1f)
    << param("wd", "tensor<16x1x3x3xf32>", 16 * 9, 3, 0.3f)
    << param("w3", "tensor<32x16x1x1xf32>", 32 * 16, 4, 0.25f)
    << param("b3", "tensor<32xf32>", 32, 5, 0.1f) << R"(
  func.func @forward(%feed: tensor<?x16x20x20xf32> {pd.name = "x"})
      -> (tensor<?x32x5x5xf32> {pd.name = "y"}) {
    %w1 = pd.get_parameter @w1 : tensor<16x16x3x3xf32>
    %b1 = pd.get_parameter @b1 : tensor<16xf32>
    %wd = pd.get_parameter @wd : tensor<16x1x3x3xf32>
    %w3 = pd.get_parameter @w3 : tensor<32x16x1x1xf32>
    %b3 = pd.get_parameter @b3 : tensor<32xf32>
    %x = pd.feed %feed {col = 0 : i32, pd.names = ["x"]}
        : (tensor<?x16x20x20xf32>) -> tensor<?x16x20x20xf32>
    %c1 = pd.conv2d %x, %w1 {paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c1"]}
        : (tensor<?x16x20x20xf32>, tensor<16x16x3x3xf32>) -> tensor<?x16x20x20xf32>
    %a1 = pd.elementwise_add %c1, %b1 {axis = 1 : i32, pd.names = ["a1"]}
        : (tensor<?x16x20x20xf32>, tensor<16xf32>) -> tensor<?x16x20x20xf32>
    %r1 = pd.relu %a1 {pd.names = ["r1"]} : (tensor<?x16x20x20xf32>) -> tensor<?x16x20x20xf32>
    %s = pd.elementwise_add %r1, %x {axis = -1 : i32, pd.names = ["s"]}
        : (tensor<?x16x20x20xf32>, tensor<?x16x20x20xf32>) -> tensor<?x16x20x20xf32>
    %r2 = pd.relu %s {pd.names = ["r2"]} : (tensor<?x16x20x20xf32>) -> tensor<?x16x20x20xf32>
    %d = pd.depthwise_conv2d %r2, %wd {groups = 16 : i32, strides = array<i32: 2, 2>, paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["d"]}
        : (tensor<?x16x20x20xf32>, tensor<16x1x3x3xf32>) -> tensor<?x16x10x10xf32>
    %r3 = pd.relu %d {pd.names = ["r3"]} : (tensor<?x16x10x10xf32>) -> tensor<?x16x10x10xf32>
    %c3 = pd.conv2d %r3, %w3 {operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["c3"]}
        : (tensor<?x16x10x10xf32>, tensor<32x16x1x1xf32>) -> tensor<?x32x10x10xf32>
    %a3 = pd.elementwise_add %c3, %b3 {axis = 1 : i32, pd.names = ["a3"]}
        : (tensor<?x32x10x10xf32>, tensor<32xf32>) -> tensor<?x32x10x10xf32>
    %p = pd.pool2d %a3 {pooling_type = "max", ksize = array<i32: 2, 2>, strides = array<i32: 2, 2>, pd.names = ["y"]}
        : (tensor<?x32x10x10xf32>) -> tensor<?x32x5x5xf32>
    %fetch = pd.fetch %p {col = 0 : i32, pd.names = ["fetch"]}
        : (tensor<?x32x5x5xf32>) -> tensor<?x32x5x5xf32>
    return %fetch : tensor<?x32x5x5xf32>
  }
}
)";
  return m.str();
}

/// x [?, 64, 14, 14] -> conv 1x1 (64 -> 256) -> relu -> depthwise 3x3 ->
/// relu -> conv 1x1 (256 -> 64) -> y: one row-band chain over an image too
/// small to split into parts, so the threads share each band's tiles.
inline std::string narrowChainMlir() {
  std::ostringstream m;
  m << "module attributes {pd.version = 2005001 : i64} {\n"
    << param("we", "tensor<256x64x1x1xf32>", 256 * 64, 11, 0.15f)
    << param("wd", "tensor<256x1x3x3xf32>", 256 * 9, 12, 0.3f)
    << param("wp", "tensor<64x256x1x1xf32>", 64 * 256, 13, 0.08f) << R"(
  func.func @forward(%feed: tensor<?x64x14x14xf32> {pd.name = "x"})
      -> (tensor<?x64x14x14xf32> {pd.name = "y"}) {
    %we = pd.get_parameter @we : tensor<256x64x1x1xf32>
    %wd = pd.get_parameter @wd : tensor<256x1x3x3xf32>
    %wp = pd.get_parameter @wp : tensor<64x256x1x1xf32>
    %x = pd.feed %feed {col = 0 : i32, pd.names = ["x"]}
        : (tensor<?x64x14x14xf32>) -> tensor<?x64x14x14xf32>
    %e = pd.conv2d %x, %we {operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["e"]}
        : (tensor<?x64x14x14xf32>, tensor<256x64x1x1xf32>) -> tensor<?x256x14x14xf32>
    %r1 = pd.relu %e {pd.names = ["r1"]} : (tensor<?x256x14x14xf32>) -> tensor<?x256x14x14xf32>
    %d = pd.depthwise_conv2d %r1, %wd {groups = 256 : i32, paddings = array<i32: 1, 1>, operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["d"]}
        : (tensor<?x256x14x14xf32>, tensor<256x1x3x3xf32>) -> tensor<?x256x14x14xf32>
    %r2 = pd.relu %d {pd.names = ["r2"]} : (tensor<?x256x14x14xf32>) -> tensor<?x256x14x14xf32>
    %p = pd.conv2d %r2, %wp {operandSegmentSizes = array<i32: 1, 1, 0, 0>, pd.names = ["y"]}
        : (tensor<?x256x14x14xf32>, tensor<64x256x1x1xf32>) -> tensor<?x64x14x14xf32>
    %fetch = pd.fetch %p {col = 0 : i32, pd.names = ["fetch"]}
        : (tensor<?x64x14x14xf32>) -> tensor<?x64x14x14xf32>
    return %fetch : tensor<?x64x14x14xf32>
  }
}
)";
  return m.str();
}

/// Compiles `mlir` (or a model file) with pd-export --emit=cpu into
/// `out`.so; returns the artifact's path, or "" on failure.
inline std::string compile(const std::string &input, const std::string &out) {
  std::string command = std::string(PD_EXPORT) + " " + input +
                        " --emit=cpu --quiet -o " + out;
  return std::system(command.c_str()) == 0 ? out + ".so" : "";
}

/// Writes `mlir` to `out`.mlir and compiles it as compile() does.
inline std::string compileMlir(const std::string &mlir, const std::string &out) {
  std::string source = out + ".mlir";
  std::ofstream(source) << mlir;
  return compile(source, out);
}

inline std::string compileConvBlock(const std::string &out) {
  return compileMlir(convBlockMlir(), out);
}

inline std::string compileNarrowChain(const std::string &out) {
  return compileMlir(narrowChainMlir(), out);
}

/// The zoo's directory, or "" when ../shared is absent.
inline std::string zooDir() {
  std::string dir = std::string(PD_SHARED_DIR) + "/zoo";
  std::ifstream manifest(dir + "/manifest.json");
  return manifest ? dir : "";
}

/// An input for `method` of `model`, dynamic dims set to `batch`, filled
/// with pseudo-random values.
inline pd_tensor *makeInput(pd_model *model, int input, int64_t batch,
                            uint32_t seed) {
  int rank = pd_model_input_rank(model, 0, input);
  const int64_t *sig = pd_model_input_dims(model, 0, input);
  std::vector<int64_t> dims(sig, sig + rank);
  for (int64_t &d : dims)
    if (d < 0)
      d = batch;
  pd_tensor *t = pd_tensor_create(pd_model_input_dtype(model, 0, input),
                                  dims.data(), rank, nullptr);
  if (t && pd_tensor_dtype(t) == PD_FLOAT32) {
    std::vector<float> v =
        pseudoRandom(pd_tensor_size_bytes(t) / sizeof(float), seed, 1.0f);
    std::copy(v.begin(), v.end(), static_cast<float *>(pd_tensor_data(t)));
  }
  return t;
}

} // namespace pd::test

#endif // PD_TEST_UNIT_RUNTESTMODELS_H

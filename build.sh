#!/usr/bin/env bash
# pd's two entry points on a fresh Debian 12 machine:
#   ./build.sh example   install what is missing, build, export the example model
#   ./build.sh test      install what is missing, build (the kernel benchmark too), run every test
#   ./build.sh bench [zoo|kernels|real] [ARGS...]
#                        also install onnxruntime, openvino and paddle2onnx, then run the
#                        benchmarks (all three by default; ARGS go to the one named):
#                        zoo: pd's compiled zoo models against ONNX Runtime, OpenVINO and
#                          Paddle Inference (bench/cpu_vs_peers.py; needs ../shared/zoo);
#                        kernels: the microkernels' GFLOP/s next to an sgemm roof
#                          (bench/kernels.py);
#                        real: resnet50, mobilenet_v3_small and a BERT-base encoder that
#                          Paddle writes, against ONNX Runtime and Paddle Inference
#                          (bench/real_models.py)
#   ./build.sh fuzz [SECONDS] [TARGET...]
#                        also install clang-19, build the fuzz targets with
#                        ASan+UBSan in build-fuzz/ and run each for SECONDS
#                        (default 60) from seeds the build's tools make
# BUILD_DIR (default: build) and JOBS (default: nproc) can be overridden.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${BUILD_DIR:-$root/build}"
jobs="${JOBS:-$(nproc)}"

configure_and_build() {
  "$root/scripts/setup.sh"
  if [ ! -f "$build/build.ninja" ]; then
    cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$build" -j "$jobs"
}

case "${1:-}" in
  example)
    configure_and_build
    out="$build/example"
    rm -rf "$out" && mkdir -p "$out"
    # The example model is defined in the repository, in the pd dialect.
    "$build/bin/pd-export" "$root/examples/fit_a_line.mlir" --emit=pdmodel -o "$out/fit_a_line"
    "$build/bin/pd-export" "$out/fit_a_line.pdmodel" --emit=legacy -o "$out/fit_a_line_legacy"
    "$build/bin/pd-export" "$out/fit_a_line.pdmodel" --emit=mlir -o "$out/fit_a_line.mlir"
    ;;
  test)
    configure_and_build
    # The kernel benchmark is built here too (not run): its calls of the
    # microkernels must keep up with their signatures.
    cmake --build "$build" --target pd-kernel-bench
    "$root/scripts/paddle-venv.sh" "$build"
    cd "$build"
    ctest --output-on-failure --no-tests=error -j "$jobs"
    ;;
  bench)
    configure_and_build
    cmake --build "$build" --target pd-kernel-bench
    "$root/scripts/paddle-venv.sh" "$build"
    "$build/venv/bin/python" -m pip install -q --disable-pip-version-check \
      onnxruntime==1.31.1 openvino==2026.4.1 paddle2onnx==2.1.0
    shift
    which="${1:-all}"
    case "$which" in
      zoo|kernels|real) shift ;;
      all) [ $# -gt 0 ] && shift ;;
      *) echo "$0 bench: name the benchmark to pass arguments to (zoo, kernels or real)" >&2
         exit 2 ;;
    esac
    if [ "$which" = all ] && [ $# -gt 0 ]; then
      echo "$0 bench: name the benchmark to pass arguments to (zoo, kernels or real)" >&2
      exit 2
    fi
    py="$build/venv/bin/python"
    if [ "$which" = all ] || [ "$which" = zoo ]; then
      FLAGS_enable_pir_api=0 "$py" "$root/bench/cpu_vs_peers.py" --build "$build" "$@"
    fi
    if [ "$which" = all ] || [ "$which" = kernels ]; then
      "$py" "$root/bench/kernels.py" --build "$build" "$@"
    fi
    if [ "$which" = all ] || [ "$which" = real ]; then
      "$py" "$root/bench/real_models.py" --build "$build" "$@"
    fi
    ;;
  fuzz)
    configure_and_build
    "$root/scripts/setup.sh" fuzz
    shift
    seconds="${1:-60}"
    [ $# -gt 0 ] && shift
    fuzz_build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
    sanitize="-fsanitize=address,undefined -fno-sanitize=vptr,function"
    sanitize+=" -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link"
    sanitize+=" -fno-omit-frame-pointer -gline-tables-only"
    if [ ! -f "$fuzz_build/build.ninja" ]; then
      cmake -G Ninja -S "$root" -B "$fuzz_build" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
        -DPD_FUZZ=ON -DCMAKE_C_FLAGS="$sanitize" -DCMAKE_CXX_FLAGS="$sanitize"
    fi
    # The build runs tools it built (TableGen), which LLVM lets leak.
    ASAN_OPTIONS=detect_leaks=0 cmake --build "$fuzz_build" -j "$jobs" --target pd-fuzz-all
    python3 "$root/fuzz/make_seeds.py" "$build" "$fuzz_build/seeds"
    python3 "$root/fuzz/run_campaign.py" --build "$fuzz_build" --seconds "$seconds" \
      --jobs "$jobs" "$@"
    ;;
  *)
    echo "usage: $0 example|test|bench|fuzz" >&2
    exit 2
    ;;
esac

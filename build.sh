#!/usr/bin/env bash
# pd's two entry points on a fresh Debian 12 machine:
#   ./build.sh example   install what is missing, build, export the example model
#   ./build.sh test      install what is missing, build, run every test
#   ./build.sh bench     also install onnxruntime and openvino, then time pd's compiled zoo
#                        models against ONNX Runtime, OpenVINO and Paddle Inference
#                        (needs ../shared/zoo; arguments go to the script)
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
    "$root/scripts/paddle-venv.sh" "$build"
    cd "$build"
    ctest --output-on-failure --no-tests=error -j "$jobs"
    ;;
  bench)
    configure_and_build
    "$root/scripts/paddle-venv.sh" "$build"
    "$build/venv/bin/python" -m pip install -q --disable-pip-version-check onnxruntime==1.31.1 openvino==2026.4.1
    shift
    FLAGS_enable_pir_api=0 "$build/venv/bin/python" "$root/bench/cpu_vs_peers.py" --build "$build" "$@"
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

#!/usr/bin/env bash
# Installs what pd needs to build and test on Debian 12 (bookworm), skipping
# what is already there. Run as root or with sudo available.
#   scripts/setup.sh        what the build and the tests need
#   scripts/setup.sh fuzz   and clang-19's libFuzzer and sanitizer runtimes
set -euo pipefail

packages=(
  build-essential cmake ninja-build python3
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools clang-19
  libzstd-dev zlib1g-dev libedit-dev libcurl4-openssl-dev libxml2-dev
  libprotobuf-dev protobuf-compiler
  libgtest-dev
  valgrind
)
if [ "${1:-}" = fuzz ]; then
  packages+=(libclang-rt-19-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

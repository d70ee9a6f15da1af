#!/usr/bin/env bash
# Makes the PaddlePaddle environments of the tests, the oracle: their own save
# APIs write the models the Paddle-backed tests export, and Paddle's
# predictor checks the result.
# - BUILD/venv: Paddle 3.3.1, which writes PIR (FLAGS_enable_pir_api=1) and
#   still writes (=0) and loads ProgramDesc.
# - BUILD/venv-paddle26: Paddle 2.6.2, which writes the ProgramDesc of
#   models Paddle 3.3.1 cannot write as ProgramDesc (its legacy to_static
#   fails on tanh, sigmoid, sum, attention and more).
# Without PyPI this warns and succeeds; those tests then report UNSUPPORTED.
set -uo pipefail

build="${1:?usage: paddle-venv.sh BUILD_DIR}"

# make_venv DIR PIN...: DIR with PIN installed, unless it already is.
make_venv() {
  local venv="$1"
  shift
  local stamp="$venv/.pd-pins"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$*" ]; then
    return 0
  fi
  echo "paddle-venv: installing $* into $venv"
  rm -rf "$venv"
  if python3 -m venv "$venv" &&
     "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@"; then
    echo "$*" > "$stamp"
  else
    echo "paddle-venv: warning: could not install $*; the tests that need it will be skipped" >&2
    rm -rf "$venv"
  fi
}

make_venv "$build/venv" paddlepaddle==3.3.1 numpy==2.4.6
make_venv "$build/venv-paddle26" paddlepaddle==2.6.2 numpy==1.26.4 protobuf==7.36.2
exit 0

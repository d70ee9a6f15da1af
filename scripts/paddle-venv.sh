#!/usr/bin/env bash
# Makes BUILD/venv with PaddlePaddle, the test oracle: its own save APIs write
# the models the Paddle-backed tests export, and its loaders check the result.
# Without PyPI this warns and succeeds; those tests then report UNSUPPORTED.
set -uo pipefail

build="${1:?usage: paddle-venv.sh BUILD_DIR}"
venv="$build/venv"
# Paddle 3.3.1 still writes (FLAGS_enable_pir_api=0) and loads ProgramDesc.
pins=(paddlepaddle==3.3.1 numpy==2.4.6)
stamp="$venv/.pd-pins"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${pins[*]}" ]; then
  exit 0
fi
echo "paddle-venv: installing ${pins[*]} into $venv"
rm -rf "$venv"
if python3 -m venv "$venv" &&
   "$venv/bin/python" -m pip install -q --disable-pip-version-check "${pins[@]}"; then
  echo "${pins[*]}" > "$stamp"
else
  echo "paddle-venv: warning: could not install PaddlePaddle; Paddle-backed tests will be skipped" >&2
  rm -rf "$venv"
fi
exit 0

# lit configuration for pd's FileCheck tests.
import os

import lit.formats

config.name = "pd"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "unit", "CMakeLists.txt", "lit.cfg.py", "gen"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.pd_obj_root, "test")

path = [config.pd_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(path)

config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%shared", config.pd_shared_dir))
config.substitutions.append(("%gen", os.path.join(config.test_source_root, "gen")))
config.substitutions.append(("%pd_bin", config.pd_tools_dir))
config.substitutions.append(("%pd_build", os.path.dirname(config.pd_tools_dir)))
config.substitutions.append(("%pd_lib", os.path.join(os.path.dirname(config.pd_tools_dir), "lib")))
config.substitutions.append(("%examples", os.path.join(config.pd_src_root, "examples")))
config.substitutions.append(("%fuzz", os.path.join(config.pd_src_root, "fuzz")))

# Tests that run real PaddlePaddle (the oracle) say `REQUIRES: paddle`; the
# test command installs it into build/venv when PyPI is reachable.
import subprocess
config.environment["FLAGS_enable_pir_api"] = "0"
try:
    subprocess.run([config.paddle_python, "-c", "import paddle"], check=True,
                   capture_output=True, timeout=120,
                   env=dict(os.environ, FLAGS_enable_pir_api="0"))
    config.available_features.add("paddle")
    config.substitutions.append(("%paddle_python", config.paddle_python))
except (OSError, subprocess.SubprocessError):
    lit_config.note("PaddlePaddle not found in %s: Paddle-backed tests are "
                    "skipped" % config.paddle_python)

# Tests whose models Paddle 3.3 cannot write as ProgramDesc have Paddle 2.6
# write them (build/venv-paddle26) and say `REQUIRES: paddle26`.
try:
    subprocess.run([config.paddle26_python, "-c", "import paddle"], check=True,
                   capture_output=True, timeout=120)
    config.available_features.add("paddle26")
    config.substitutions.append(("%paddle26_python", config.paddle26_python))
except (OSError, subprocess.SubprocessError):
    lit_config.note("Paddle 2.6 not found in %s: the tests of the ProgramDesc "
                    "it writes are skipped" % config.paddle26_python)

# Tests that read ../shared (real Paddle files, the zoo) say `REQUIRES: shared`
# and are reported UNSUPPORTED, not failed, on a checkout without it.
if os.path.isdir(os.path.join(config.pd_shared_dir, "fixtures", "real")):
    config.available_features.add("shared")
else:
    lit_config.note("shared/ not found at %s: tests that need real Paddle "
                    "files are skipped" % config.pd_shared_dir)

# Memory checks of the runtime run under valgrind (scripts/setup.sh installs it).
import shutil
if shutil.which("valgrind"):
    config.available_features.add("valgrind")
else:
    lit_config.note("valgrind not found: the runtime's memory checks are skipped")

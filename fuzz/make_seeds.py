#!/usr/bin/env python3
"""Makes the fuzz targets' seed corpora from the repository's own models,
with the tools of an ordinary build (never from ../shared).

  make_seeds.py BUILD_DIR OUT_DIR

OUT_DIR/<target>/ for every target of fuzz/Targets.h: programs pd-export
writes (the example model in its layouts, a PIR program raised to
ProgramDesc, one with fields the schema lacks, the hostile programs of
test/gen), parameter files, pickles and `.pdiparams.info`, PIR JSON, .npy
arrays and artifact signatures, good and hostile.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "test", "gen")


def main():
    build, out = sys.argv[1], sys.argv[2]
    export = os.path.join(build, "bin", "pd-export")
    run = os.path.join(build, "bin", "pd-run")
    example = os.path.join(ROOT, "examples", "fit_a_line.mlir")
    pir = os.path.join(ROOT, "test", "frontend", "Inputs", "pir_linear.json")
    shutil.rmtree(out, ignore_errors=True)
    seeds = {t: os.path.join(out, t) for t in
             ["program_desc", "tensor_records", "pickle", "params_info",
              "pir_json", "npy", "signature"]}
    for d in seeds.values():
        os.makedirs(d)

    def sh(*args, ok=True):
        subprocess.run(args, check=ok, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def seed(target, path, name=None):
        if os.path.isfile(path):
            shutil.copy(path, os.path.join(seeds[target], name or os.path.basename(path)))

    with tempfile.TemporaryDirectory() as work:
        w = lambda *p: os.path.join(work, *p)
        # The example model, and one with structured names (.pdiparams.info).
        sh(export, example, "-o", w("fit"), "--quiet")
        sh(export, example, "--emit=legacy", "-o", w("legacy"), "--quiet")
        sh(export, example, "--emit=pdparams", "-o", w("state"), "--quiet")
        sh(export, example, "--emit=cpu", "-o", w("artifact"), "--quiet")
        with open(example) as f:
            named = f.read().replace(
                "dense<22.53> : tensor<1xf32>",
                'dense<22.53> : tensor<1xf32> {structured_name = "fc.bias", trainable = true}', 1)
        with open(w("named.mlir"), "w") as f:
            f.write(named)
        sh(export, w("named.mlir"), "-o", w("named"), "--quiet")
        seed("program_desc", w("fit.pdmodel"))
        seed("program_desc", w("legacy", "__model__"), "legacy__model__")
        seed("tensor_records", w("fit.pdiparams"))
        seed("tensor_records", w("legacy", "fc_0.w_0"))
        seed("pickle", w("state.pdparams"))
        seed("params_info", w("named.pdiparams.info"))
        seed("pickle", w("named.pdiparams.info"))

        # A PIR program, raised to a ProgramDesc; its variants.
        sh(export, pir, "-o", w("raised"), "--quiet", ok=False)
        seed("program_desc", w("raised.pdmodel"))
        seed("pir_json", pir)
        sh(sys.executable, os.path.join(GEN, "pir_variants.py"), pir, w("pir"))
        for f in glob.glob(w("pir", "*.json")):
            if os.path.getsize(f) < 65536:
                seed("pir_json", f)
        for f in glob.glob(w("pir", "*.pdiparams")):
            seed("tensor_records", f, "pir-" + os.path.basename(f))

        # Fields the schema lacks; hostile programs.
        sh(sys.executable, os.path.join(GEN, "unknown_fields.py"), w("fit.pdmodel"),
           w("unknown.pdmodel"))
        seed("program_desc", w("unknown.pdmodel"))
        sh(sys.executable, os.path.join(GEN, "hostile_programs.py"), w("hostile"))
        for f in glob.glob(w("hostile", "**", "*"), recursive=True):
            if f.endswith((".pdmodel", "__model__")):
                seed("program_desc", f, os.path.relpath(f, w("hostile")).replace("/", "_"))
            elif f.endswith(".json"):
                seed("pir_json", f)

        # Pickles and .npy arrays, good and hostile (the small ones).
        sh(sys.executable, os.path.join(GEN, "hostile_pickles.py"), w("pickles"))
        for f in glob.glob(w("pickles", "*")):
            if os.path.getsize(f) < 65536:
                seed("pickle", f)
        sh(sys.executable, os.path.join(GEN, "hostile_inputs.py"), "npy", w("npy"))
        for f in glob.glob(w("npy", "*")):
            seed("npy", f)

        # The artifact's signature, and the damaged ones.
        signature = subprocess.run([run, w("artifact.so"), "--signature"], check=True,
                                   capture_output=True, text=True).stdout.strip()
        with open(os.path.join(seeds["signature"], "fit.json"), "w") as f:
            f.write(signature)
        sh(sys.executable, os.path.join(GEN, "hostile_inputs.py"), "signature",
           w("artifact.so"), w("sig"))
        for f in glob.glob(w("sig", "*.so")):
            data = open(f, "rb").read()
            start = data.find(b'{"format":"pd-cpu-artifact"')
            if start >= 0:
                end = data.find(b"\0", start)
                with open(os.path.join(seeds["signature"],
                                       os.path.basename(f)[:-3] + ".json"), "wb") as g:
                    g.write(data[start:end])
    for target, d in sorted(seeds.items()):
        print(f"{target}: {len(os.listdir(d))} seeds")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs a compiled pd artifact and Paddle Inference on the same random inputs
and compares their outputs, relative to the largest magnitude Paddle gives.

  inference_check.py MODEL ARTIFACT.so PD_RUN WORKDIR
                     [--method NAME] [--batch 1,3 | --sizes 1x32x32,8x40x48]
                     [--tol 1e-4] [--int-high N] [--int-range NAME=LOW:HIGH]
                     [--no-onednn | --jit-load]

MODEL is what Paddle wrote: a fluid directory (`__model__` and one file per
variable), or a `.pdmodel`/`.json` program with its `.pdiparams` beside it.
The inputs follow the artifact's signature (`pd-run --signature`); each
dynamic dim becomes the batch size, or with --sizes, the dynamic dims take
a case's sizes in order (batch, height, width of an image model). Paddle's
predictor is the oracle; pd's own output is never the reference.
- A Paddle input the artifact does not have (a label only the pruned loss
  read) gets random values too; it cannot change what is compared.
- An artifact output that is not one of the program's fetch targets (one
  `pd-export --fetch` chose, say the logits before a saturated softmax, or
  the logits of a program that fetched its loss) is compared with Paddle's
  static executor fetching that variable from the same program.
Prints one line per output and batch and exits 1 on any mismatch or failure.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
import paddle

SEED = 20261122


def predictor_for(model, onednn=True):
    if os.path.isdir(model):
        config = paddle.inference.Config(model)
    else:
        config = paddle.inference.Config()
        config.set_prog_file(model)
        params = os.path.splitext(model)[0] + ".pdiparams"
        if os.path.exists(params):
            config.set_params_file(params)
    config.disable_glog_info()
    if not onednn:
        config.disable_mkldnn()
    return paddle.inference.create_predictor(config)


class JitLoaded:
    """paddle.jit.load's layer behind the predictor's interface, for PIR
    programs Paddle's predictor cannot run but its own loader can (Paddle
    3.3's predictor fails on a QAT model's unsaved quanter statistics). The
    PIR program names inputs and outputs by position."""

    def __init__(self, model):
        self.layer = paddle.jit.load(os.path.splitext(model)[0])
        self.layer.eval()
        program = json.load(open(model))["program"]["regions"][0]["blocks"][0]["ops"]
        self.inputs = [op for op in program if op["#"] == "1.data"]
        self.outputs = [op for op in program if op["#"] == "1.fetch"]
        self.feeds, self.results = {}, {}

    def get_input_names(self):
        return [f"input_{i}" for i in range(len(self.inputs))]

    def get_output_names(self):
        return [f"output_{i}" for i in range(len(self.outputs))]

    def get_input_handle(self, name):
        oracle = self

        class Handle:
            def reshape(self, shape):
                pass

            def copy_from_cpu(self, x):
                oracle.feeds[name] = x
        return Handle()

    def run(self):
        args = [paddle.to_tensor(self.feeds[n]) for n in self.get_input_names()]
        out = self.layer(*args)
        out = out if isinstance(out, (list, tuple)) else [out]
        self.results = {f"output_{i}": t.numpy() for i, t in enumerate(out)}

    def get_output_handle(self, name):
        value = self.results[name]

        class Handle:
            def copy_to_cpu(self):
                return value
        return Handle()


class StaticFetcher:
    """Paddle's static executor on the same program, for variables that are
    not its fetch targets."""

    def __init__(self, model):
        paddle.enable_static()
        self.exe = paddle.static.Executor(paddle.CPUPlace())
        if os.path.isdir(model):
            loaded = paddle.static.load_inference_model(
                model, self.exe, model_filename="__model__")
        else:
            loaded = paddle.static.load_inference_model(
                os.path.splitext(model)[0], self.exe)
        self.program = loaded[0]

    def declared(self, name):
        """The dims and numpy dtype the program declares for `name`."""
        var = self.program.global_block().var(name)
        return list(var.shape), paddle.base.data_feeder.convert_dtype(var.dtype)

    def run(self, feeds, names):
        block = self.program.global_block()
        values = self.exe.run(self.program, feed=feeds,
                              fetch_list=[block.var(n) for n in names])
        return dict(zip(names, values))


def random_array(rng, dims, dtype, sizes, int_high=2):
    """Random values of `dims`, whose dynamic dims take `sizes` in order
    (the first size again once they run out); integers in [0, int_high)."""
    if isinstance(sizes, int):
        sizes = [sizes]
    left = list(sizes)
    shape = []
    for d in dims:
        shape.append(d if d >= 0 else (left.pop(0) if left else sizes[0]))
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return rng.standard_normal(shape).astype(dtype)
    # Small integers by default: valid labels, ids and booleans alike.
    return rng.integers(0, 2 if dtype.kind == "b" else int_high, shape).astype(dtype)


def paddle_names(names, wanted, by_position):
    """Paddle's name for each of `wanted`: by position for PIR programs (they
    name their fetches fetch_name_<i>), else the same name where Paddle has
    it, else None."""
    if by_position:
        return list(names)
    return [w if w in names else None for w in wanted]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("artifact")
    ap.add_argument("pd_run")
    ap.add_argument("work")
    ap.add_argument("--method", default="forward")
    ap.add_argument("--batch", default="1,3")
    ap.add_argument("--sizes", help="cases of dynamic dim sizes, e.g. "
                    "1x32x32,8x40x48 (instead of --batch)")
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--int-high", type=int, default=2,
                    help="integer inputs are drawn from [0, INT_HIGH) (token "
                    "ids: the vocabulary's size)")
    ap.add_argument("--int-range", action="append", default=[],
                    metavar="NAME=LOW:HIGH",
                    help="input NAME's integers are drawn from [LOW, HIGH) "
                    "(sequence lengths: 1 to the shortest length + 1)")
    ap.add_argument("--jit-load", action="store_true",
                    help="paddle.jit.load's layer is the oracle, not Paddle's "
                    "predictor (a PIR program the predictor cannot run)")
    ap.add_argument("--no-onednn", action="store_true",
                    help="Paddle's own CPU kernels, not oneDNN's (oneDNN "
                    "cannot pool adaptively to a size that does not divide "
                    "the input)")
    args = ap.parse_args(argv)
    model, artifact, pd_run, work = args.model, args.artifact, args.pd_run, args.work
    method, tol, int_high = args.method, args.tol, args.int_high
    jit_load = args.jit_load
    int_ranges = {}
    for given in args.int_range:
        name, _, bounds = given.partition("=")
        low, _, high = bounds.partition(":")
        int_ranges[name] = (int(low), int(high))
    if args.sizes:
        cases = [[int(v) for v in c.split("x")] for c in args.sizes.split(",")]
    else:
        cases = [[int(b)] for b in args.batch.split(",")]

    signature = json.loads(subprocess.run(
        [pd_run, artifact, "--signature"], check=True, capture_output=True,
        text=True).stdout)
    methods = {m["name"]: m for m in signature["methods"]}
    if method not in methods:
        sys.exit(f"{artifact}: no method {method} (has {sorted(methods)})")
    sig = methods[method]
    pir = model.endswith(".json")
    if jit_load and not pir:
        sys.exit(f"{model}: --jit-load takes a PIR program (.json)")
    predictor = (JitLoaded(model) if jit_load
                 else predictor_for(model, onednn=not args.no_onednn))
    input_names = paddle_names(predictor.get_input_names(),
                               [i["name"] for i in sig["inputs"]], pir)
    output_names = paddle_names(predictor.get_output_names(),
                                [o["name"] for o in sig["outputs"]], pir)
    if pir and (len(input_names) != len(sig["inputs"]) or
                len(output_names) != len(sig["outputs"])):
        sys.exit(f"{model}: Paddle's inputs and outputs are not as many as "
                 f"those of the artifact's '{method}'")
    if None in input_names:
        sys.exit(f"{model}: Paddle's inputs {predictor.get_input_names()} do "
                 f"not include those of the artifact's '{method}'")
    # Paddle inputs the artifact dropped, with the dims Paddle declares.
    dropped = [n for n in predictor.get_input_names() if n not in input_names]
    extra = [o["name"] for o, n in zip(sig["outputs"], output_names) if n is None]
    static = StaticFetcher(model) if extra or dropped else None

    rng = np.random.default_rng(SEED)
    ok = True
    for sizes in cases:
        batch = "x".join(str(v) for v in sizes)
        out_dir = os.path.join(work, f"b{batch}")
        os.makedirs(out_dir, exist_ok=True)
        args = [pd_run, artifact, "--method", method, "--output-dir", out_dir]
        feeds = {}
        for i, (spec, name) in enumerate(zip(sig["inputs"], input_names)):
            feeds[name] = random_array(rng, spec["dims"], spec["dtype"], sizes,
                                       int_high)
            if spec["name"] in int_ranges:
                low, high = int_ranges[spec["name"]]
                feeds[name] = rng.integers(low, high, feeds[name].shape).astype(
                    feeds[name].dtype)
            path = os.path.join(out_dir, f"input_{i}.npy")
            np.save(path, feeds[name])
            args += ["--input", f"{spec['name']}={path}"]
        for name in dropped:
            feeds[name] = random_array(rng, *static.declared(name), sizes,
                                       int_high)
        for name, x in feeds.items():
            predictor.get_input_handle(name).reshape(list(x.shape))
            predictor.get_input_handle(name).copy_from_cpu(x)
        predictor.run()
        fetched = static.run(feeds, extra) if extra else {}

        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode:
            print(f"batch {batch} FAIL {r.stderr.strip()}")
            ok = False
            continue
        for spec, name in zip(sig["outputs"], output_names):
            if name is None:
                want, oracle = fetched[spec["name"]], "static"
            else:
                want = predictor.get_output_handle(name).copy_to_cpu()
                oracle = "jit.load" if jit_load else "predictor"
            got = np.load(os.path.join(out_dir, spec["name"].replace("/", "_") + ".npy"))
            if got.shape != want.shape:
                print(f"batch {batch} {spec['name']} shape {got.shape} "
                      f"but Paddle's {want.shape} MISMATCH")
                ok = False
                continue
            if want.size == 0:  # an empty result: its shape says it all
                scale, err = 1.0, 0.0
            else:
                scale = max(float(np.abs(want).max()), 1e-30)
                err = float(np.abs(got.astype(np.float64) - want).max()) / scale
            good = err <= tol
            print(f"batch {batch} {spec['name']} {got.shape} {oracle} "
                  f"rel err {err:.2e} " + ("ok" if good else "MISMATCH"))
            ok = ok and good
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

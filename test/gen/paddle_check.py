#!/usr/bin/env python3
"""Checks a model pd wrote with Paddle itself.

  paddle_check.py outputs CASEDIR PREFIX [--apis predictor,static,jit] [--atol 1e-6]
      Loads PREFIX.pdmodel/.pdiparams with each of Paddle's loaders (the
      paddle.inference predictor, paddle.static.load_inference_model and
      paddle.jit.load), runs it on CASEDIR/input_*.npy and compares with
      CASEDIR/expected_*.npy, the outputs Paddle computed for the original.
  paddle_check.py load-equal A.pdparams B.pdparams
      paddle.load of both gives the same keys, names and arrays.
  paddle_check.py ops PREFIX
      Prints the op types of PREFIX.pdmodel, one per line.

Prints one line per check and exits 1 on any mismatch.
"""
import glob
import os
import sys

import numpy as np
import paddle


def arrays(d, kind):
    files = sorted(glob.glob(os.path.join(d, f"{kind}_*.npy")),
                   key=lambda f: int(f.rsplit("_", 1)[1].split(".")[0]))
    return [np.load(f) for f in files]


def run_predictor(prefix, inputs):
    params = prefix + ".pdiparams"
    # A Paddle 3 PIR program is prefix.json.
    program = prefix + (".json" if os.path.exists(prefix + ".json") else ".pdmodel")
    if os.path.exists(params):
        config = paddle.inference.Config(program, params)
    else:  # a program without parameters (a plain function)
        config = paddle.inference.Config()
        config.set_prog_file(program)
    config.disable_glog_info()
    predictor = paddle.inference.create_predictor(config)
    for name, x in zip(predictor.get_input_names(), inputs):
        predictor.get_input_handle(name).copy_from_cpu(x)
    predictor.run()
    return [predictor.get_output_handle(n).copy_to_cpu() for n in predictor.get_output_names()]


def run_static(prefix, inputs):
    paddle.enable_static()
    try:
        exe = paddle.static.Executor(paddle.CPUPlace())
        program, feeds, fetches = paddle.static.load_inference_model(prefix, exe)
        return exe.run(program, feed=dict(zip(feeds, inputs)), fetch_list=fetches)
    finally:
        paddle.disable_static()


def run_jit(prefix, inputs):
    layer = paddle.jit.load(prefix)
    layer.eval()
    outs = layer(*[paddle.to_tensor(x) for x in inputs])
    outs = outs if isinstance(outs, (list, tuple)) else [outs]
    return [o.numpy() for o in outs]


RUNNERS = {"predictor": run_predictor, "static": run_static, "jit": run_jit}


def outputs(argv):
    case, prefix = argv[0], argv[1]
    apis = "predictor,static,jit"
    atol = 1e-6
    rest = argv[2:]
    while rest:
        flag, value, rest = rest[0], rest[1], rest[2:]
        if flag == "--apis":
            apis = value
        elif flag == "--atol":
            atol = float(value)
    inputs, expected = arrays(case, "input"), arrays(case, "expected")
    ok = True
    for api in apis.split(","):
        got = RUNNERS[api](prefix, inputs)
        if len(got) != len(expected):
            print(f"{api}: {len(got)} outputs, expected {len(expected)}")
            ok = False
            continue
        diff = max(float(np.max(np.abs(np.asarray(g, np.float64) - e))) if e.size else 0.0
                   for g, e in zip(got, expected))
        # atol for outputs up to 1, relative beyond: Paddle's own kernels
        # (oneDNN's, per CPU) round differently from the eager run that
        # wrote `expected` (1.1e-6 to 1.6e-6 on outputs up to 1.7 to 2 on an
        # AVX-512 Xeon: a few float ulps).
        scale = max([1.0] + [float(np.max(np.abs(e))) for e in expected if e.size])
        good = diff <= atol * scale
        ok &= good
        print(f"{api}: max abs diff {diff:.3g} {'ok' if good else 'FAIL'}")
    return ok


def load_equal(argv):
    a, b = paddle.load(argv[0]), paddle.load(argv[1])

    def flat(d, prefix=""):
        for k, v in d.items():
            if isinstance(v, dict):
                yield from flat(v, prefix + k + "/")
            else:
                yield prefix + k, v

    fa, fb = dict(flat(a)), dict(flat(b))
    ok = sorted(fa) == sorted(fb)
    print("keys", "equal" if ok else f"differ: {sorted(fa)} vs {sorted(fb)}")
    for k in sorted(set(fa) & set(fb)):
        va, vb = fa[k], fb[k]
        if hasattr(va, "numpy"):
            same = (hasattr(vb, "numpy") and np.array_equal(va.numpy(), vb.numpy())
                    and va.name == vb.name)
        else:
            same = va == vb
        ok &= bool(same)
        if not same:
            print(f"{k}: differs")
    print("values", "equal" if ok else "differ")
    return ok


def ops(argv):
    paddle.enable_static()
    exe = paddle.static.Executor(paddle.CPUPlace())
    program, _, _ = paddle.static.load_inference_model(argv[0], exe)
    for op in program.global_block().ops:
        print(op.type)
    return True


def main():
    command, argv = sys.argv[1], sys.argv[2:]
    ok = {"outputs": outputs, "load-equal": load_equal, "ops": ops}[command](argv)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

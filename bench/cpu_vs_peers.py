#!/usr/bin/env python3
"""Latency of pd's compiled CPU artifacts next to ONNX Runtime and Paddle
Inference, on every zoo model, in one run.

  build/venv/bin/python bench/cpu_vs_peers.py [--zoo ../shared/zoo]
      [--build build] [--threads 1,2] [--budget 2.0] [--work DIR]

`./build.sh bench` installs what this needs (PaddlePaddle and onnxruntime in
build/venv) and runs it. For each case of the zoo's manifest:
- pd: `pd-export MODEL --emit=cpu` once, then `pd-run --bench N` (the C API
  in a loop; median of N runs after one warm-up). pd's code is
  single-threaded, so the thread count does not apply to it; its one figure
  is compared with each peer setting.
- ONNX Runtime (the zoo's `.onnx`): `intra_op_num_threads` = T, one
  `session.run` per timed run.
- Paddle Inference (the zoo's `.pdmodel`/`.pdiparams`, its default CPU
  config): `set_cpu_math_library_num_threads(T)`, one `predictor.run()` per
  timed run (inputs copied in once, outside the timing).
Each engine runs until `--budget` seconds or 2000 runs, at least 5. Each
engine's output is checked against the zoo's golden output first, so every
figure is of a correct computation. Ratios are pd's median over the peer's:
above 1 means pd is slower.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np


def timed_runs(fn, budget):
    fn()  # warm-up
    times = []
    start = time.perf_counter()
    while len(times) < 2000 and (len(times) < 5 or time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times), len(times)


def rel_err(got, want):
    return float(np.abs(got.astype(np.float64) - want).max()) / max(float(np.abs(want).max()), 1e-30)


def bench_pd(pd_run, artifact, inputs, out_dir, budget):
    args = [pd_run, artifact, "--output-dir", out_dir]
    for name, path in inputs:
        args += ["--input", f"{name}={path}"]
    # One timed run estimates how many fit the budget.
    first = subprocess.run(args + ["--bench", "1"], check=True, capture_output=True, text=True)
    estimate = float(re.search(r"median ([0-9.]+) ms", first.stdout).group(1))
    runs = int(max(5, min(2000, budget * 1e3 / max(estimate, 1e-3))))
    r = subprocess.run(args + ["--bench", str(runs)], check=True, capture_output=True, text=True)
    m = re.search(r"runs (\d+): median ([0-9.]+) ms, min ([0-9.]+) ms", r.stdout)
    return float(m.group(2)), float(m.group(3)), int(m.group(1))


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zoo", default=os.path.join(root, "..", "shared", "zoo"))
    ap.add_argument("--build", default=os.path.join(root, "build"))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--budget", type=float, default=2.0, help="seconds per engine and setting")
    ap.add_argument("--work", default=None)
    args = ap.parse_args()

    try:
        import onnxruntime as ort
        import paddle
        import paddle.inference as pi
    except ImportError as e:
        sys.exit(f"cpu_vs_peers: {e}; run ./build.sh bench, or "
                 "build/venv/bin/pip install onnxruntime paddlepaddle")
    manifest = os.path.join(args.zoo, "manifest.json")
    if not os.path.exists(manifest):
        sys.exit(f"cpu_vs_peers: no zoo at {args.zoo} (--zoo DIR)")
    threads = [int(t) for t in args.threads.split(",")]
    work = args.work or tempfile.mkdtemp(prefix="pd-bench-")
    pd_export = os.path.join(args.build, "bin", "pd-export")
    pd_run = os.path.join(args.build, "bin", "pd-run")

    cases = json.load(open(manifest))["cases"]
    compiled = {}
    rows = []
    mkldnn = None
    for case in cases:
        model, name = case["model"], case["case"]
        if model not in compiled:
            t0 = time.perf_counter()
            subprocess.run([pd_export, os.path.join(args.zoo, case["pdmodel"]), "--emit=cpu",
                            "-o", os.path.join(work, model), "--quiet"], check=True)
            compiled[model] = time.perf_counter() - t0
        inputs = [(i["name"], os.path.join(args.zoo, i["file"])) for i in case["inputs"]]
        feeds = {n: np.load(p) for n, p in inputs}
        golden = [np.load(os.path.join(args.zoo, o["file"])) for o in case["outputs"]]

        out_dir = os.path.join(work, name)
        os.makedirs(out_dir, exist_ok=True)
        pd_time = bench_pd(pd_run, os.path.join(work, model + ".so"), inputs, out_dir, args.budget)
        pd_out = [np.load(os.path.join(out_dir, o["name"].replace("/", "_") + ".npy"))
                  for o in case["outputs"]]
        errs = {"pd": max(rel_err(g, w) for g, w in zip(pd_out, golden))}

        peer = {}
        for t in threads:
            so = ort.SessionOptions()
            so.intra_op_num_threads = t
            so.inter_op_num_threads = 1
            sess = ort.InferenceSession(os.path.join(args.zoo, case["onnx"]), so,
                                        providers=["CPUExecutionProvider"])
            ort_feeds = {i.name: feeds[n] for i, (n, _) in zip(sess.get_inputs(), inputs)}
            errs[f"ort{t}"] = max(rel_err(g, w) for g, w in zip(sess.run(None, ort_feeds), golden))
            peer[("ort", t)] = timed_runs(lambda: sess.run(None, ort_feeds), args.budget)

            config = pi.Config(os.path.join(args.zoo, case["pdmodel"]),
                               os.path.join(args.zoo, case["pdiparams"]))
            config.disable_glog_info()
            config.set_cpu_math_library_num_threads(t)
            mkldnn = config.mkldnn_enabled()
            predictor = pi.create_predictor(config)
            for n in predictor.get_input_names():
                predictor.get_input_handle(n).copy_from_cpu(feeds[n])
            predictor.run()
            got = [predictor.get_output_handle(n).copy_to_cpu() for n in predictor.get_output_names()]
            errs[f"paddle{t}"] = max(rel_err(g, w) for g, w in zip(got, golden))
            peer[("paddle", t)] = timed_runs(predictor.run, args.budget)
        worst = max(errs.values())
        if worst > 1e-4:
            print(f"{name}: an engine disagrees with the golden output: {errs}", file=sys.stderr)
        rows.append((name, case["batch"], pd_time, peer, worst))
        print(f"{name}: pd {pd_time[0]:.4g} ms, " + ", ".join(
            f"{e} {t}t {v[0]:.4g} ms" for (e, t), v in peer.items()), file=sys.stderr, flush=True)

    rev = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip() or "?"
    print(f"pd {rev} (--emit=cpu, host CPU); onnxruntime {ort.__version__}; "
          f"paddlepaddle {paddle.__version__} (oneDNN {'on' if mkldnn else 'off'}); "
          f"{os.cpu_count()} CPUs; median ms of one run; ratio = pd / peer (above 1: pd slower)\n")
    head = "| model | batch | pd ms |"
    rule = "|---|---:|---:|"
    for t in threads:
        head += f" ORT {t}t ms | Paddle {t}t ms | pd/ORT {t}t | pd/Paddle {t}t |"
        rule += "---:|---:|---:|---:|"
    print(head + " max rel err |")
    print(rule + "---:|")
    for name, batch, pd_time, peer, worst in rows:
        line = f"| {name} | {batch} | {pd_time[0]:.4g} |"
        for t in threads:
            o, p = peer[("ort", t)][0], peer[("paddle", t)][0]
            line += f" {o:.4g} | {p:.4g} | {pd_time[0] / o:.3g} | {pd_time[0] / p:.3g} |"
        print(line + f" {worst:.1e} |")
    print("\ncompile (pd-export --emit=cpu) seconds: " +
          ", ".join(f"{m} {s:.2f}" for m, s in compiled.items()))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""pd's compiled CPU code against ONNX Runtime, OpenVINO and Paddle Inference
on every zoo case, at 1 and 2 threads, from one interleaved run.

  build/venv/bin/python bench/cpu_vs_peers.py [--zoo ../shared/zoo]
      [--build build] [--threads 1,2] [--rounds 5] [--budget 1.0]
      [--cases a,b] [--work DIR]

`./build.sh bench` installs what this needs (PaddlePaddle, onnxruntime,
openvino in build/venv) and runs it. Per zoo case and thread count T:
- pd: `pd-export MODEL --emit=cpu` once per model, then
  `pd-run ARTIFACT --threads T --bench K` (its `median X ms` line, and its
  `process cpu` line);
- ONNX Runtime on the zoo's `.onnx`: intra_op_num_threads = T;
- OpenVINO on the same `.onnx`: CPU, INFERENCE_PRECISION_HINT f32 (its
  default here is bf16), INFERENCE_NUM_THREADS = T, one stream, LATENCY;
- Paddle Inference on the zoo's `.pdmodel`: oneDNN on, T math threads.
Every engine's output is checked against the zoo's golden output (ONNX
Runtime 1.30's) first; a figure is only printed for a correct engine.

Timing is interleaved: `--rounds` rounds, each running every engine for a
chunk of about `--budget / --rounds` seconds; an engine's figure is the
median of its chunk medians, so that a noisy spell on the shared machine
hits every engine alike. At 1 thread the figure is process CPU time per run
(all of the process's threads), which other load inflates far less than
wall time; at 2 threads it is wall time. Ratios are pd's figure over the
peer's: below 1, pd is faster.
"""
import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

if os.environ.get("OPENBLAS_CORETYPE"):
    # It halves OpenBLAS (numpy, Paddle) on this CPU: never time peers under it.
    env = dict(os.environ)
    del env["OPENBLAS_CORETYPE"]
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rel_err(got, want):
    got = np.asarray(got, dtype=np.float64)
    return float(np.abs(got - want).max()) / max(float(np.abs(want).max()), 1e-30)


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


class InProcess:
    """A peer called from Python: `run()` once per timed run."""

    def __init__(self, run):
        self.run = run

    def chunk(self, count):
        wall, cpu = [], []
        for _ in range(count):
            c0, t0 = time.process_time(), time.perf_counter()
            self.run()
            t1, c1 = time.perf_counter(), time.process_time()
            wall.append((t1 - t0) * 1e3)
            cpu.append((c1 - c0) * 1e3)
        return statistics.median(wall), statistics.median(cpu)


class PdRun:
    """pd: pd-run's own loop (the C API), its printed medians."""

    def __init__(self, pd_run, artifact, inputs, threads):
        self.args = [pd_run, artifact, "--threads", str(threads)]
        for name, path in inputs:
            self.args += ["--input", f"{name}={path}"]

    def outputs(self, out_dir):
        subprocess.run(self.args + ["--output-dir", out_dir], check=True,
                       capture_output=True, text=True)

    def chunk(self, count):
        r = subprocess.run(self.args + ["--bench", str(count)], check=True,
                           capture_output=True, text=True)
        wall = re.search(r"runs \d+: median ([0-9.]+) ms", r.stdout)
        cpu = re.search(r"process cpu: median ([0-9.]+) ms", r.stdout)
        return float(wall.group(1)), float(cpu.group(1))


def interleaved(timed, rounds, budget, least=3, most=5000):
    """Times every engine of `timed` ({(name, threads): engine}) in `rounds`
    rounds, each running every engine for a chunk of about budget / rounds
    seconds; returns {(name, threads): ms}, the median of the chunk medians:
    process CPU time at one thread, wall time at more."""
    counts = {}
    for key, engine in timed.items():
        wall, _ = engine.chunk(least)
        per_chunk = budget / rounds * 1e3
        counts[key] = int(max(least, min(most, per_chunk / max(wall, 1e-3))))
    samples = {key: [] for key in timed}
    for _ in range(rounds):
        for key, engine in timed.items():
            samples[key].append(engine.chunk(counts[key]))
    figures = {}
    for (engine, t), chunks in samples.items():
        wall = statistics.median(c[0] for c in chunks)
        cpu = statistics.median(c[1] for c in chunks)
        figures[(engine, t)] = cpu if t == 1 else wall
    return figures


def make_ort(ort, case, zoo, feeds, threads):
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(os.path.join(zoo, case["onnx"]), so,
                                providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs()]
    ort_feeds = dict(zip(names, feeds))
    return (lambda: sess.run(None, ort_feeds)), (lambda: sess.run(None, ort_feeds))


def make_openvino(ov, case, zoo, feeds, threads):
    core = ov.Core()
    compiled = core.compile_model(os.path.join(zoo, case["onnx"]), "CPU", {
        "INFERENCE_PRECISION_HINT": "f32",
        "INFERENCE_NUM_THREADS": threads,
        "NUM_STREAMS": 1,
        "PERFORMANCE_HINT": "LATENCY",
    })
    request = compiled.create_infer_request()
    inputs = {compiled.inputs[i]: f for i, f in enumerate(feeds)}

    def outputs():
        result = request.infer(inputs)
        return [result[o] for o in compiled.outputs]
    return (lambda: request.infer(inputs)), outputs


def make_paddle(pi, case, zoo, feeds, threads):
    config = pi.Config(os.path.join(zoo, case["pdmodel"]),
                       os.path.join(zoo, case["pdiparams"]))
    config.disable_glog_info()
    config.enable_mkldnn()
    config.set_cpu_math_library_num_threads(threads)
    predictor = pi.create_predictor(config)
    for name, feed in zip(predictor.get_input_names(), feeds):
        predictor.get_input_handle(name).copy_from_cpu(feed)

    def outputs():
        predictor.run()
        return [predictor.get_output_handle(n).copy_to_cpu()
                for n in predictor.get_output_names()]
    return predictor.run, outputs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zoo", default=os.path.join(ROOT, "..", "shared", "zoo"))
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--budget", type=float, default=1.0,
                    help="seconds per engine and setting, over all rounds")
    ap.add_argument("--cases", default="", help="comma-separated zoo cases (default: all)")
    ap.add_argument("--work", default=None)
    args = ap.parse_args()

    try:
        import onnxruntime as ort
        import openvino as ov
        import paddle
        import paddle.inference as pi
    except ImportError as e:
        sys.exit(f"cpu_vs_peers: {e}; run ./build.sh bench")
    manifest = os.path.join(args.zoo, "manifest.json")
    if not os.path.exists(manifest):
        sys.exit(f"cpu_vs_peers: no zoo at {args.zoo} (--zoo DIR)")
    threads = [int(t) for t in args.threads.split(",")]
    work = args.work or tempfile.mkdtemp(prefix="pd-bench-")
    pd_export = os.path.join(args.build, "bin", "pd-export")
    pd_run = os.path.join(args.build, "bin", "pd-run")
    wanted = set(filter(None, args.cases.split(",")))

    cases = [c for c in json.load(open(manifest))["cases"]
             if not wanted or c["case"] in wanted]
    exported = set()
    table = []
    for case in cases:
        model, name = case["model"], case["case"]
        if model not in exported:
            subprocess.run([pd_export, os.path.join(args.zoo, case["pdmodel"]),
                            "--emit=cpu", "-o", os.path.join(work, model), "--quiet"],
                           check=True)
            exported.add(model)
        inputs = [(i["name"], os.path.join(args.zoo, i["file"])) for i in case["inputs"]]
        feeds = [np.load(p) for _, p in inputs]
        golden = [np.load(os.path.join(args.zoo, o["file"])) for o in case["outputs"]]

        # Engines, each checked against the golden outputs before timing.
        engines, errors = {}, {}
        for t in threads:
            pd = PdRun(pd_run, os.path.join(work, model + ".so"), inputs, t)
            out_dir = os.path.join(work, f"{name}.{t}")
            os.makedirs(out_dir, exist_ok=True)
            pd.outputs(out_dir)
            got = [np.load(os.path.join(out_dir, o["name"].replace("/", "_") + ".npy"))
                   for o in case["outputs"]]
            errors[("pd", t)] = max(rel_err(g, w) for g, w in zip(got, golden))
            engines[("pd", t)] = pd
            for engine, make, module in (("ort", make_ort, ort), ("openvino", make_openvino, ov),
                                         ("paddle", make_paddle, pi)):
                run, outputs = make(module, case, args.zoo, feeds, t)
                errors[(engine, t)] = max(rel_err(g, w) for g, w in zip(outputs(), golden))
                engines[(engine, t)] = InProcess(run)
        wrong = {k: e for k, e in errors.items() if e > 1e-4}
        for (engine, t), e in wrong.items():
            print(f"{name}: {engine} at {t} thread(s) is off the golden output "
                  f"(relative error {e:.2g}); not timed", file=sys.stderr)
        timed = {k: v for k, v in engines.items() if k not in wrong}

        figures = interleaved(timed, args.rounds, args.budget)
        table.append((name, case["batch"], figures, errors))
        print(f"{name}: " + ", ".join(f"{e} {t}t {v:.4g} ms" for (e, t), v in figures.items()),
              file=sys.stderr, flush=True)

    rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip() or "?"
    print(f"pd {rev} (--emit=cpu for the host); onnxruntime {ort.__version__}; "
          f"openvino {ov.__version__} (f32); paddlepaddle {paddle.__version__} (oneDNN); "
          f"{cpu_model()}, {os.cpu_count()} CPUs. Median of {args.rounds} interleaved "
          f"chunk medians, ms per run: process CPU time at 1 thread, wall time at more. "
          f"Ratio: pd / peer (below 1: pd faster).\n")
    peers = [("ort", "ORT"), ("openvino", "OpenVINO"), ("paddle", "Paddle")]
    for t in threads:
        print(f"{t} thread{'s' if t > 1 else ''}:\n")
        print("| case | batch | pd ms | ORT ms | OpenVINO ms | Paddle ms | pd/ORT | pd/fastest peer |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, batch, figures, _ in table:
            def cell(engine):
                v = figures.get((engine, t))
                return f"{v:.4g}" if v is not None else "wrong"
            pd = figures.get(("pd", t))
            peer_times = [figures[(e, t)] for e, _ in peers if (e, t) in figures]
            ort_ratio = (f"{pd / figures[('ort', t)]:.2f}"
                         if pd is not None and ("ort", t) in figures else "–")
            best_ratio = f"{pd / min(peer_times):.2f}" if pd is not None and peer_times else "–"
            print(f"| {name} | {batch} | {cell('pd')} | {cell('ort')} | {cell('openvino')} | "
                  f"{cell('paddle')} | {ort_ratio} | {best_ratio} |")
        print()
    worst = max(max(e.values()) for *_, e in table) if table else 0
    print(f"Largest relative error against the golden outputs, any engine: {worst:.2g}")


if __name__ == "__main__":
    main()

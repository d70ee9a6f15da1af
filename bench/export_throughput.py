#!/usr/bin/env python3
"""Export throughput and peak memory of pd-export on a generated 1 GiB model.

Generates (with pd-export itself, from a pd-dialect description) a model with
16 parameters of 4096x4096 float32 = 1 GiB in one combined .pdiparams, then
times `pd-export MODEL --no-passes -o OUT` (import, export, write) several
times and prints throughput and peak RSS against the parameter bytes.

  python3 bench/export_throughput.py [--build build] [--work DIR] [--runs 5]

The model file is in the page cache after generation: the figures are for a
warm cache, the usual case for an export step in a pipeline.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

N_PARAMS, DIM = 16, 4096


def model_mlir():
    params = "\n".join(
        f"  pd.parameter @w{i} : tensor<{DIM}x{DIM}xf32> = "
        f"dense<{(i + 1) / 64.0}> : tensor<{DIM}x{DIM}xf32>" for i in range(N_PARAMS))
    body = [f"    %x = pd.feed %feed {{col = 0 : i32, pd.names = [\"x\"]}} "
            f": (tensor<?x{DIM}xf32>) -> tensor<?x{DIM}xf32>"]
    prev = "%x"
    for i in range(N_PARAMS):
        body.append(f"    %w{i} = pd.get_parameter @w{i} : tensor<{DIM}x{DIM}xf32>")
        body.append(f"    %h{i} = pd.matmul_v2 {prev}, %w{i} {{pd.names = [\"h{i}\"]}} "
                    f": (tensor<?x{DIM}xf32>, tensor<{DIM}x{DIM}xf32>) -> tensor<?x{DIM}xf32>")
        prev = f"%h{i}"
    body.append(f"    %out = pd.fetch {prev} {{col = 0 : i32, pd.names = [\"fetch\"]}} "
                f": (tensor<?x{DIM}xf32>) -> tensor<?x{DIM}xf32>")
    body.append(f"    return %out : tensor<?x{DIM}xf32>")
    return (f"module {{\n{params}\n  func.func @forward(%feed: tensor<?x{DIM}xf32> "
            f"{{pd.name = \"x\"}}) -> tensor<?x{DIM}xf32> {{\n" + "\n".join(body) + "\n  }\n}\n")


def run_measured(cmd):
    """Runs cmd; returns (seconds, peak RSS in bytes) of that process alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss * 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--build", default=os.path.join(root, "build"))
    ap.add_argument("--work", default=None, help="scratch folder (default: a temp dir)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    exe = os.path.join(args.build, "bin", "pd-export")
    work = args.work or tempfile.mkdtemp(prefix="pd-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        src = os.path.join(work, "big.mlir")
        with open(src, "w") as f:
            f.write(model_mlir())
        subprocess.check_call([exe, src, "--emit=pdmodel", "-o", os.path.join(work, "big"), "--quiet"])
        params = os.path.getsize(os.path.join(work, "big.pdiparams"))
        data = N_PARAMS * DIM * DIM * 4
        times, rss = [], []
        for i in range(args.runs):
            out = os.path.join(work, f"out{i}")
            t, m = run_measured([exe, os.path.join(work, "big.pdmodel"), "--no-passes",
                                 "-o", out, "--quiet"])
            times.append(t)
            rss.append(m)
            for ext in (".pdmodel", ".pdiparams"):
                os.remove(out + ext)
        med = statistics.median(times)
        print(f"model: {N_PARAMS} parameters, {data / 2**30:.3f} GiB of parameter data "
              f"({params} bytes in .pdiparams)")
        print(f"runs: {args.runs}, pd-export --no-passes (import + export + write)")
        print("| metric | value |")
        print("|---|---|")
        print(f"| median time | {med:.3f} s |")
        print(f"| best time | {min(times):.3f} s |")
        print(f"| throughput (median) | {data / 2**30 / med:.2f} GiB/s |")
        print(f"| peak RSS (max of runs) | {max(rss) / 2**20:.0f} MiB |")
        print(f"| peak RSS / parameter bytes | {max(rss) / data:.3f} |")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

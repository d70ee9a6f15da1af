#!/usr/bin/env python3
"""pd's microkernels on the zoo's layers, in GFLOP/s, next to an sgemm roof
measured in the same run, one core.

  build/venv/bin/python bench/kernels.py [--build build] [--rounds 5]
      [--seconds 0.3]

`./build.sh bench` builds `pd-kernel-bench` (bench/kernel_bench.cpp linked
with the microkernels' object that pd-export links into an artifact for
this CPU) and runs this. Rounds interleave the roof and the kernels, so that a noisy
spell on a shared machine hits both:
- the roof: OpenBLAS's sgemm (numpy's, one thread, 1024^3), thread CPU
  time; the FMA peak of a core and the rate at which it reads L2 (a
  buffer the size of the stride-2 depthwise band's input) are printed too;
- the kernels: `pd-kernel-bench --seconds S`, each kernel's median thread
  CPU time (its result checked against a float64 reference first).
A figure is the median over rounds. GFLOP/s count the direct algorithm's
multiply-adds (2 per MAC), also for the Winograd convolution, which does
fewer: its figure can pass the roof.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

if os.environ.get("OPENBLAS_CORETYPE") or os.environ.get("OPENBLAS_NUM_THREADS") != "1":
    # OPENBLAS_CORETYPE=Haswell halves OpenBLAS here; the roof is one core.
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env["OPENBLAS_NUM_THREADS"] = "1"
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A kernel whose sampled outputs differ from float64 by more than this (over
# the largest of them) is wrong, and its time means nothing (the largest
# seen is ~1e-5, Winograd's F(4x4, 3x3) over 512 channels).
MAX_ERROR = 1e-4


def sgemm_roof(seconds):
    """OpenBLAS sgemm GFLOP/s at 1024^3: the median over `seconds`."""
    n = 1024
    rng = np.random.default_rng(0)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    a @ b
    times = []
    start = time.thread_time()
    while time.thread_time() - start < seconds or len(times) < 3:
        t0 = time.thread_time()
        a @ b
        times.append(time.thread_time() - t0)
    return 2.0 * n ** 3 / statistics.median(times) / 1e9


def kernels(binary, seconds):
    out = subprocess.run([binary, "--seconds", str(seconds)], check=True,
                         capture_output=True, text=True).stdout
    peak, l2, rows = None, None, {}
    for line in out.splitlines():
        f = line.split()
        if f[0] == "peak_fma":
            peak = float(f[2])
        elif f[0] == "l2_read":
            l2 = float(f[2])
        elif f[0] == "kernel":
            rows[f[1]] = {"shape": f[2], "flops": float(f[4]),
                          "ms": float(f[6]), "err": float(f[10])}
    return peak, l2, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=0.3)
    args = ap.parse_args()
    binary = os.path.join(args.build, "bin", "pd-kernel-bench")
    if not os.path.exists(binary):
        sys.exit(f"{binary}: not built (cmake --build {args.build} --target pd-kernel-bench)")

    roofs, peaks, l2s, runs = [], [], [], []
    for _ in range(args.rounds):
        roofs.append(sgemm_roof(args.seconds))
        peak, l2, rows = kernels(binary, args.seconds)
        l2s.append(l2)
        wrong = [f"{name} (error {r['err']:.1e})" for name, r in rows.items()
                 if not r["err"] <= MAX_ERROR]
        if wrong:
            sys.exit(f"{binary}: wrong results, not timed: {', '.join(wrong)}")
        peaks.append(peak)
        runs.append(rows)
    roof, peak = statistics.median(roofs), statistics.median(peaks)
    l2 = statistics.median(l2s)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    print(f"pd {commit}; one core, thread CPU time, median of {args.rounds} "
          f"interleaved rounds. Roof: OpenBLAS sgemm "
          f"(numpy {np.__version__}, 1 thread, 1024^3) {roof:.1f} GFLOP/s; "
          f"FMA peak {peak:.1f} GFLOP/s; L2 read (458 KB in order) {l2:.1f} GB/s.\n")
    print("| kernel | shape | ms | GFLOP/s | % of sgemm roof | % of FMA peak |")
    print("|---|---|---:|---:|---:|---:|")
    worst = 0.0
    for name, first in runs[0].items():
        ms = statistics.median(r[name]["ms"] for r in runs)
        worst = max(worst, max(r[name]["err"] for r in runs))
        gflops = first["flops"] / (ms * 1e-3) / 1e9
        print(f"| {name} | {first['shape']} | {ms:.4g} | {gflops:.1f} | "
              f"{100 * gflops / roof:.0f} % | {100 * gflops / peak:.0f} % |")
    print(f"\nLargest error against the float64 references (over the largest output): {worst:.1e}")


if __name__ == "__main__":
    main()

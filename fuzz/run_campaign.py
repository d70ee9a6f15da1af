#!/usr/bin/env python3
"""Runs pd's libFuzzer targets (built by ./build.sh fuzz) and reports.

  run_campaign.py --build BUILD_FUZZ [--seconds N | --runs N] [--jobs J] [TARGET...]

Each target fuzzes from BUILD_FUZZ/corpus/<target> (kept between campaigns),
first filled with BUILD_FUZZ/seeds/<target> and fuzz/regressions/<target>,
under ASan and UBSan, with 1 GiB of RSS and 10 s per input at most. Crashes,
sanitizer reports, timeouts and out-of-memory inputs land in
BUILD_FUZZ/artifacts/<target>/ (copy them to fuzz/regressions/<target>/ once
fixed). Prints a table of executions, their rate, peak RSS and findings per
target; exits 1 when any target found something.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ["program_desc", "tensor_records", "pickle", "params_info",
           "pir_json", "npy", "signature"]


def run_target(build, target, seconds, runs):
    corpus = os.path.join(build, "corpus", target)
    artifacts = os.path.join(build, "artifacts", target)
    os.makedirs(artifacts, exist_ok=True)
    if not os.path.isdir(corpus) or not os.listdir(corpus):
        os.makedirs(corpus, exist_ok=True)
        for source in [os.path.join(build, "seeds", target),
                       os.path.join(ROOT, "fuzz", "regressions", target)]:
            if os.path.isdir(source):
                for name in os.listdir(source):
                    shutil.copy(os.path.join(source, name), corpus)
    before = set(os.listdir(artifacts))
    args = [os.path.join(build, "bin", f"pd-fuzz-{target}"), corpus,
            f"-artifact_prefix={artifacts}/", "-rss_limit_mb=1024",
            "-malloc_limit_mb=1024", "-timeout=10", "-max_len=65536",
            "-print_final_stats=1", "-reload=0"]
    args.append(f"-runs={runs}" if runs else f"-max_total_time={seconds}")
    env = dict(os.environ,
               ASAN_OPTIONS="allow_user_poisoning=0:detect_leaks=1:abort_on_error=0",
               UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
    start = time.monotonic()
    log = os.path.join(build, "artifacts", f"{target}.log")
    with open(log, "w") as out:
        status = subprocess.run(args, stdout=out, stderr=subprocess.STDOUT,
                                env=env).returncode
    elapsed = time.monotonic() - start
    text = open(log, errors="replace").read()
    stat = lambda key: int(m.group(1)) if (m := re.search(rf"stat::{key}:\s*(\d+)", text)) else 0
    found = sorted(set(os.listdir(artifacts)) - before)
    return {"target": target, "execs": stat("number_of_executed_units"),
            "seconds": elapsed, "rss": stat("peak_rss_mb"),
            "corpus": len(os.listdir(corpus)), "found": found, "status": status,
            "log": log}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--runs", type=int, default=0,
                        help="stop each target after this many executions")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("targets", nargs="*", default=TARGETS)
    args = parser.parse_args()
    unknown = set(args.targets) - set(TARGETS)
    if unknown:
        sys.exit(f"unknown targets {sorted(unknown)}; targets: {' '.join(TARGETS)}")
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(
            lambda t: run_target(args.build, t, args.seconds, args.runs), args.targets))
    print(f"{'target':<16}{'executions':>12}{'exec/s':>9}{'peak RSS MB':>13}"
          f"{'corpus':>8}  findings")
    bad = False
    for r in results:
        rate = r["execs"] / r["seconds"] if r["seconds"] else 0
        findings = ", ".join(r["found"]) or ("0" if r["status"] == 0 else
                                               f"exit {r['status']}, see {r['log']}")
        bad |= bool(r["found"]) or r["status"] != 0
        print(f"{r['target']:<16}{r['execs']:>12}{rate:>9.0f}{r['rss']:>13}"
              f"{r['corpus']:>8}  {findings}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runs a command and fails when it takes more memory or time than allowed.

  bounded.py [--max-rss-mb N] [--max-seconds S] [--max-file-kb F] -- COMMAND ...

--max-file-kb makes the disk "full" for the command: no file it writes may
grow past F KiB (RLIMIT_FSIZE, with SIGXFSZ ignored, so a write fails with
EFBIG as it would with ENOSPC).

The command's output passes through and its exit status is returned, unless
its peak resident memory (the kernel's maxrss of the child) exceeds N MiB or
it runs longer than S seconds: then this prints why and exits 125.
"""
import argparse
import resource
import signal
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-rss-mb", type=float, default=256)
    parser.add_argument("--max-seconds", type=float, default=60)
    parser.add_argument("--max-file-kb", type=int, default=0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    def limit_files():
        if args.max_file_kb:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            limit = args.max_file_kb * 1024
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    try:
        status = subprocess.run(command, timeout=args.max_seconds,
                                preexec_fn=limit_files).returncode
    except subprocess.TimeoutExpired:
        print(f"bounded.py: {command[0]} ran over {args.max_seconds} s", file=sys.stderr)
        return 125
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if peak > args.max_rss_mb:
        print(f"bounded.py: {command[0]} peaked at {peak:.0f} MiB, over "
              f"{args.max_rss_mb:.0f} MiB", file=sys.stderr)
        return 125
    return status


if __name__ == "__main__":
    sys.exit(main())

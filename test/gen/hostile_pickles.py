#!/usr/bin/env python3
"""Writes pickles that a safe reader must refuse, into the folder argv[1].

Each is a file named after what it tries; none needs numpy or Paddle.
"""
import os
import pickle
import struct
import sys


class RunsShell:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


class EvalsCode:
    def __reduce__(self):
        return (eval, ("__import__('os').system('echo pwned')",))


def main(out):
    os.makedirs(out, exist_ok=True)

    def write(name, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)

    write("os_system.pdparams", pickle.dumps({"w": RunsShell()}, protocol=4))
    write("eval_code.pdparams", pickle.dumps({"w": EvalsCode()}, protocol=2))
    good = pickle.dumps({"epoch": 3, "name": "x" * 40}, protocol=4)
    write("truncated.pdparams", good[: len(good) // 2])
    # SHORT_BINUNICODE is fine; a BINUNICODE whose length claims 4 GiB is not.
    write("oversized_length.pdparams",
          b"\x80\x04}X" + struct.pack("<I", 0xFFFFFFFF) + b"abc")
    # 100000 nested lists: EMPTY_LIST x N, then APPEND x (N - 1).
    n = 100000
    write("deeply_nested.pdparams", b"\x80\x04" + b"]" * n + b"a" * (n - 1) + b".")
    # A memo reference to an entry never stored.
    write("memo_get.pdparams", b"\x80\x04j" + struct.pack("<I", 0xFFFFFFF0) + b".")
    # A LONG4 of a million bytes.
    write("huge_int.pdparams",
          b"\x80\x04\x8b" + struct.pack("<i", 1000000) + b"\x01" * 1000000 + b".")
    write("bad_opcode.pdparams", b"\x80\x04\xff.")


if __name__ == "__main__":
    main(sys.argv[1])

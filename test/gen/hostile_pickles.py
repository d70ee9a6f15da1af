#!/usr/bin/env python3
"""Writes pickles that a safe reader must refuse, into the folder argv[1].

Each is a file named after what it tries; none needs numpy or Paddle (the
arrays are written through a stand-in numpy module that pickles as numpy
does, FORMATS.md 5.4).
"""
import os
import pickle
import struct
import sys
import types


def fake_numpy():
    """numpy.dtype and numpy.core.numeric._frombuffer as pickle names them."""
    numpy = types.ModuleType("numpy")
    core = types.ModuleType("numpy.core")
    numeric = types.ModuleType("numpy.core.numeric")

    class dtype:
        def __init__(self, code):
            self.code = code

        def __reduce__(self):
            return (dtype, (self.code, False, True),
                    (3, "<", None, None, None, -1, -1, 0))

    def _frombuffer(buffer, dt, shape, order):
        raise NotImplementedError

    dtype.__module__ = "numpy"
    dtype.__qualname__ = "dtype"
    _frombuffer.__module__ = "numpy.core.numeric"
    _frombuffer.__qualname__ = "_frombuffer"
    numpy.dtype = dtype
    numeric._frombuffer = _frombuffer
    numpy.core = core
    core.numeric = numeric
    sys.modules.update({"numpy": numpy, "numpy.core": core,
                        "numpy.core.numeric": numeric})

    class Array:
        """An ndarray as protocol 5 pickles it: _frombuffer(bytes, dtype,
        shape, order)."""

        def __init__(self, data, code, shape, order="C"):
            self.args = (bytes(data), dtype(code), tuple(shape), order)

        def __reduce__(self):
            return (_frombuffer, self.args)

    return Array


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

    # A list and a dict that contain themselves (6 and 8 bytes).
    write("self_list.pdparams", b"]\x94h\x00a.")
    write("self_dict.pdparams", b"}\x94K\x01h\x00s.")
    # Lists built top-down: each new list is appended to the previous one,
    # which is already in its parent, so no nesting limit sees the depth
    # (20000 levels, about 260 KB).
    n = 20000
    body = bytearray(b"\x80\x04]\x94")
    for i in range(1, n):
        body += b"]\x94a0j" + struct.pack("<I", i)
    body += b"0j" + struct.pack("<I", 0) + b"."
    write("topdown_lists.pdparams", bytes(body))
    # t = (t, t), 64 times: 2**64 values to anyone who walks it (137 bytes).
    body = bytearray(b"\x80\x04N\x94")
    for i in range(64):
        body += b"j" + struct.pack("<I", i) + b"j" + struct.pack("<I", i) + b"\x86\x94"
    body += b"."
    write("tuple_bomb.pdparams", bytes(body))
    # A list of 2 million Nones, appended 1000 at a time as pickle does: one
    # value to describe, not two million.
    write("none_list.pdparams",
          b"\x80\x04]\x94" + b"(" + b"N" * 1000 + b"e" * 1 +
          (b"(" + b"N" * 1000 + b"e") * 1999 + b".")
    # 5 million memo entries of one value.
    write("memo_flood.pdparams", b"\x80\x04N" + b"\x94" * 5000000 + b".")

    Array = fake_numpy()
    # A big tensor whose one 1 MiB slice is listed 2048 times (2 GiB).
    slice_key = "w.w_0@@.0"
    write("big_slices.pdparams", pickle.dumps({
        slice_key: Array(b"\x00" * (1 << 20), "f4", [1 << 18]),
        "UnpackBigParamInfor@@": {
            "w.w_0": {"OriginShape": [1 << 29], "slices": [slice_key] * 2048}},
    }, protocol=4))
    # A shape whose element count overflows 64 bits.
    write("huge_shape.pdparams", pickle.dumps(
        {"w": Array(b"\x00" * 16, "f4", [1 << 61, 8])}, protocol=4))
    # A transposed (Fortran-order) 2x3 array, [[1, 2, 3], [4, 5, 6]]: the
    # reader gives it in C order.
    write("fortran.pdparams", pickle.dumps(
        {"w": Array(struct.pack("<6f", 1, 4, 2, 5, 3, 6), "f4", [2, 3], "F")},
        protocol=4))


if __name__ == "__main__":
    main(sys.argv[1])

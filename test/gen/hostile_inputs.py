#!/usr/bin/env python3
"""Writes hostile inputs for pd-run and the runtime, without numpy.

  hostile_inputs.py npy OUTDIR
      .npy files: ok.npy (2x13 float32 of 0..25), fortran.npy (the same array
      stored in Fortran order), and files that must be refused: a shape that
      is not integers, a 144-byte file whose header claims 2 GiB, unsigned
      and complex dtypes, a header length past the end, data shorter and
      longer than the shape.
  hostile_inputs.py signature ARTIFACT.so OUTDIR
      Copies of an artifact (and its .pdiparams) whose embedded signature was
      changed in place (same length): dims of 1e99 and NaN, an entry point
      that names libc's free, parameters out of the parameter file's order,
      a dtype the runtime has no tensors of.
"""
import os
import shutil
import struct
import sys


def npy(path, descr, shape, data, fortran=False, header=None):
    h = header or "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (
        descr, fortran, shape)
    h += " " * ((64 - (10 + len(h) + 1) % 64) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h.encode() + data)


def npy_cases(out):
    os.makedirs(out, exist_ok=True)
    values = list(range(26))
    npy(f"{out}/ok.npy", "<f4", "(2, 13)", struct.pack("<26f", *values))
    # Element (i, j) at i + 2 * j.
    fortran = [values[(k % 2) * 13 + k // 2] for k in range(26)]
    npy(f"{out}/fortran.npy", "<f4", "(2, 13)", struct.pack("<26f", *fortran),
        fortran=True)
    npy(f"{out}/not_integer_shape.npy", "<f4", "(2, 'x')", b"")
    npy(f"{out}/claims_2gib.npy", "<f4", "(536870912,)", b"")
    for descr in ["<u4", "<u8", "<c8", "<c16", "<u2"]:
        npy(f"{out}/dtype_{descr[1:]}.npy", descr, "(2, 13)", b"\0" * 416)
    npy(f"{out}/short.npy", "<f4", "(2, 13)", b"\0" * 100)
    npy(f"{out}/long.npy", "<f4", "(2, 13)", b"\0" * 108)
    with open(f"{out}/header_past_end.npy", "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", 60000) + b"{'descr'")


def signature_cases(artifact, out):
    os.makedirs(out, exist_ok=True)
    lib = open(artifact, "rb").read()
    params = artifact[:-3] + ".pdiparams"

    def variant(name, old, new):
        assert len(old) == len(new) and lib.count(old) >= 1, (name, old)
        with open(f"{out}/{name}.so", "wb") as f:
            f.write(lib.replace(old, new, 1))
        shutil.copy(params, f"{out}/{name}.pdiparams")

    variant("dims_1e99", b'"dims":[13,1]', b'"dims":[1e99]')
    variant("dims_nan", b'"dims":[13,1]', b'"dims":[nan ]')
    variant("entry_free", b'"entry":"pd_method_forward"',
            b'"entry":"free"             ')
    variant("param_order", b'"name":"fc_0.b_0"},{"dims":[13,1],"dtype":"float32","name":"fc_0.w_0"',
            b'"name":"fc_0.w_0"},{"dims":[13,1],"dtype":"float32","name":"fc_0.b_0"')
    variant("dtype_uint32", b'"dtype":"float32","name":"x"',
            b'"dtype":"uint32", "name":"x"')
    # A load-only parameter the method does not take, and a list that is
    # no list.
    variant("load_only_unknown", b'"load_only":["fc_0.w_0"]',
            b'"load_only":["fc_0.w_9"]')
    variant("load_only_object", b'"load_only":["fc_0.w_0"]',
            b'"load_only":{"fc_0.w_0"}')


if __name__ == "__main__":
    if sys.argv[1] == "npy":
        npy_cases(sys.argv[2])
    else:
        signature_cases(sys.argv[2], sys.argv[3])

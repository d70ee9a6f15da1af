#!/usr/bin/env python3
"""Writes hostile Paddle programs (ProgramDesc, PIR, pd dialect), without
Paddle, into the folder argv[1]:

  traversal_read/__model__   a legacy folder whose parameter is named
                             ../outside/fc_0.w_0 (a file that exists there)
  passwd_read/__model__      ... named ../../../../../../etc/passwd
  traversal_write/model.pdmodel (+ .pdiparams)
                             a parameter named ../../escaped/fc_0.w_0 in a
                             combined file (read fine; --emit=legacy would
                             write one file per variable)
  block_fanout.pdmodel       30 blocks, each with two ops whose sub-block is
                             the next: 2^30 ops to anyone who follows both
  huge_feed.pdmodel          a feed of dims [9223372036854775807, 2] into a
                             reshape2
  method_path.mlir           a method named x/../../../m
  source_path.mlir           pd.source model_filename ../../m
  pir_param_path.json (+ .pdiparams)
                             a PIR parameter named ../../w
"""
import json
import os
import struct
import sys


def varint(n):
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, value):
    """A protobuf field: int -> varint, bytes/str -> length-delimited."""
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    if isinstance(value, str):
        value = value.encode()
    return varint(number << 3 | 2) + varint(len(value)) + value


def var(name, dims, persistable=False, dtype=5):
    tensor = field(1, dtype) + b"".join(field(2, d) for d in dims)
    var_type = field(1, 7) + field(3, field(1, tensor))  # LOD_TENSOR
    return field(1, name) + field(2, var_type) + (field(3, 1) if persistable else b"")


def holder(name, kind):
    return field(1, name) + field(2, field(1, kind)) + field(3, 1)


def slot(parameter, *arguments):
    return field(1, parameter) + b"".join(field(2, a) for a in arguments)


def op(kind, inputs=(), outputs=(), attrs=()):
    return (b"".join(field(1, i) for i in inputs) +
            b"".join(field(2, o) for o in outputs) + field(3, kind) +
            b"".join(field(4, a) for a in attrs))


def attr_int(name, value):
    return field(1, name) + field(2, 0) + field(3, value)


def attr_ints(name, values):
    return field(1, name) + field(2, 3) + b"".join(field(6, v) for v in values)


def attr_block(name, index):
    return field(1, name) + field(2, 8) + field(12, index)


def block(idx, parent, vars=(), ops=()):
    return (field(1, idx) + field(2, parent & 0xFFFFFFFFFFFFFFFF) +
            b"".join(field(3, v) for v in vars) + b"".join(field(4, o) for o in ops))


def program(*blocks):
    return b"".join(field(1, b) for b in blocks)


def record(dims, values):
    desc = field(1, 5) + b"".join(field(2, d) for d in dims)
    return (struct.pack("<IQIi", 0, 0, 0, len(desc)) + desc +
            struct.pack(f"<{len(values)}f", *values))


def linear(weight):
    """feed x [-1, 2] -> mul with `weight` [2, 1] -> fetch."""
    return program(block(0, -1, vars=[
        holder("feed", 9), holder("fetch", 10), var("x", [-1, 2]),
        var(weight, [2, 1], persistable=True), var("y", [-1, 1])], ops=[
        op("feed", [slot("X", "feed")], [slot("Out", "x")], [attr_int("col", 0)]),
        op("mul", [slot("X", "x"), slot("Y", weight)], [slot("Out", "y")]),
        op("fetch", [slot("X", "y")], [slot("Out", "fetch")], [attr_int("col", 0)]),
    ]))


def main(out):
    def write(path, data):
        path = os.path.join(out, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)

    write("traversal_read/model/__model__", linear("../outside/fc_0.w_0"))
    write("traversal_read/outside/fc_0.w_0", record([2, 1], [1, 2]))
    write("passwd_read/__model__", linear("../../../../../../etc/passwd"))
    write("traversal_write/model.pdmodel", linear("../../escaped/fc_0.w_0"))
    write("traversal_write/model.pdiparams", record([2, 1], [1, 2]))

    blocks = [block(i, i - 1 if i else -1, ops=[
        op("conditional_block", attrs=[attr_block("sub_block", i + 1)]),
        op("conditional_block", attrs=[attr_block("sub_block", i + 1)])])
        for i in range(30)]
    blocks.append(block(30, 29, ops=[op("assign")]))
    write("block_fanout.pdmodel", program(*blocks))

    write("huge_feed.pdmodel", program(block(0, -1, vars=[
        holder("feed", 9), holder("fetch", 10),
        var("x", [9223372036854775807, 2]), var("y", [-1]), var("xs", [0])], ops=[
        op("feed", [slot("X", "feed")], [slot("Out", "x")], [attr_int("col", 0)]),
        op("reshape2", [slot("X", "x")], [slot("Out", "y"), slot("XShape", "xs")],
           [attr_ints("shape", [-1])]),
        op("fetch", [slot("X", "y")], [slot("Out", "fetch")], [attr_int("col", 0)]),
    ])))

    write("method_path.mlir", """
func.func @forward(%x: tensor<2xf32> {pd.name = "x"}) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
func.func @"x/../../../m"(%x: tensor<2xf32> {pd.name = "x"}) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
""")
    write("source_path.mlir", """
module attributes {pd.source = {model_filename = "../../m"}} {
  func.func @forward(%x: tensor<2xf32> {pd.name = "x"}) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
}
""")

    tt = {"#": "0.t_dtensor", "D": [{"#": "0.t_f32"}, [2, 1], "NCHW", [], 0]}
    xt = {"#": "0.t_dtensor", "D": [{"#": "0.t_f32"}, [-1, 2], "NCHW", [], 0]}
    yt = {"#": "0.t_dtensor", "D": [{"#": "0.t_f32"}, [-1, 1], "NCHW", [], 0]}
    name = lambda n: [{"AT": {"#": "0.a_str", "D": n}, "N": "name"}]
    doc = {"base_code": {"magic": "pir", "trainable": True, "version": 4},
           "program": {"regions": [{"#": "region_0", "blocks": [{
               "#": "block_0", "args": [], "ops": [
                   {"#": "p", "A": [0, 1, 1, "../../w"], "DA": [],
                    "O": {"%": 1, "TT": tt}, "OA": [1, 0, 1], "QA": []},
                   {"#": "1.data", "A": name("x"), "I": [],
                    "O": [{"%": 2, "TT": xt}], "OA": []},
                   {"#": "1.matmul", "A": [], "I": [{"%": 2}, {"%": 1}],
                    "O": [{"%": 3, "TT": yt}], "OA": []},
                   {"#": "1.fetch", "A": name("y"), "I": [{"%": 3}],
                    "O": [{"%": 4, "TT": yt}], "OA": []}]}]}]}}
    write("pir_param_path.json", json.dumps(doc, separators=(",", ":"), sort_keys=True))
    write("pir_param_path.pdiparams", record([2, 1], [1, 2]))


if __name__ == "__main__":
    main(sys.argv[1])

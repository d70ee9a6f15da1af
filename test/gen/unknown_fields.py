#!/usr/bin/env python3
"""Adds fields today's ProgramDesc schema does not know to a program, as an
older or newer Paddle would have written them: in field-number order, in
every kind of message.

  unknown_fields.py IN.pdmodel OUT.pdmodel

- ProgramDesc field 3: `op_compatible_map` of Paddle 1.5-1.8 (over 1 KB:
  one OpCompatiblePair {op_name, {required_version, type}} per op type)
- BlockDesc 6, VarDesc 8, VarType 30, OpDesc 7 (fixed32), OpDesc.Var 3,
  OpDesc.Attr 40 (fixed64), TensorDesc 9: one of each, in the first block's
  first variable and op
"""
import struct
import sys

# Known message fields: message -> {field number: message kind}.
SCHEMA = {
    "ProgramDesc": {1: "BlockDesc"},
    "BlockDesc": {3: "VarDesc", 4: "OpDesc"},
    "VarDesc": {2: "VarType"},
    "VarType": {3: "LoDTensorDesc", 2: "TensorDesc"},
    "LoDTensorDesc": {1: "TensorDesc"},
    "TensorDesc": {},
    "OpDesc": {1: "Var", 2: "Var", 4: "Attr"},
    "Var": {},
    "Attr": {},
}


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def read_varint(data, i):
    shift = value = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, i


def fields(data):
    """[(number, wire, raw field bytes, payload start)] of one message."""
    out, i = [], 0
    while i < len(data):
        start = i
        key, i = read_varint(data, i)
        wire = key & 7
        if wire == 0:
            _, i = read_varint(data, i)
            payload = None
        elif wire == 1:
            i += 8
            payload = None
        elif wire == 5:
            i += 4
            payload = None
        elif wire == 2:
            n, i = read_varint(data, i)
            payload = i
            i += n
        else:
            raise ValueError("wire type %d" % wire)
        out.append((key >> 3, wire, data[start:i], payload))
    return out


def field(number, wire, value):
    key = varint(number << 3 | wire)
    if wire == 0:
        return key + varint(value)
    if wire == 1:
        return key + struct.pack("<Q", value)
    if wire == 5:
        return key + struct.pack("<I", value)
    return key + varint(len(value)) + value


def rewrite(data, kind, extra, path=()):
    """The message with `extra[path]` fields added in number order; nested
    known messages rewritten the same way (paths: (number, index), ...)."""
    parts = []
    counts = {}
    for number, wire, raw, payload in fields(data):
        sub = SCHEMA[kind].get(number)
        if sub and wire == 2:
            index = counts.get(number, 0)
            counts[number] = index + 1
            inner = rewrite(extract(raw), sub, extra,
                            path + ((number, index),))
            raw = field(number, 2, inner)
        parts.append((number, raw))
    for number, raw in extra.get(path, []):
        parts.append((number, raw))
    parts.sort(key=lambda p: p[0])  # stable: Paddle writes in number order
    return b"".join(raw for _, raw in parts)


def extract(raw):
    """The payload of one length-delimited field's bytes."""
    _, i = read_varint(raw, 0)
    _, i = read_varint(raw, i)
    return raw[i:]


def main():
    program = open(sys.argv[1], "rb").read()
    pairs = b"".join(
        field(1, 2, field(1, 2, name.encode()) +
              field(2, 2, field(1, 2, b"1.6.0") + field(2, 0, 2) +
                                field(3, 2, b"compatible since 1.6.0")))
        for name in ["conv2d", "depthwise_conv2d", "pool2d", "batch_norm",
                     "elementwise_add", "elementwise_mul", "fc", "mul",
                     "matmul", "relu", "softmax", "reshape2", "transpose2",
                     "concat", "split", "slice", "scale", "dropout",
                     "layer_norm", "lookup_table", "sequence_pool", "gru",
                     "lstm", "while", "conditional_block", "fill_constant",
                     "cast", "assign", "feed", "fetch", "top_k", "arg_max",
                     "sigmoid", "tanh", "leaky_relu", "prelu", "swish",
                     "hard_swish", "nearest_interp", "bilinear_interp",
                     "conv2d_transpose", "affine_channel", "roi_align"])
    assert len(pairs) > 1024
    block0, var0, op0 = ((1, 0),), ((1, 0), (3, 0)), ((1, 0), (4, 0))
    extra = {
        (): [(3, field(3, 2, pairs))],
        block0: [(6, field(6, 0, 1))],
        var0: [(8, field(8, 2, b"from-the-future"))],
        var0 + ((2, 0),): [(30, field(30, 0, 300))],
        var0 + ((2, 0), (3, 0), (1, 0)): [(9, field(9, 0, 7))],
        op0: [(7, field(7, 5, 0xC0FFEE))],
        op0 + ((1, 0),): [(3, field(3, 2, b"slot-note"))],
        op0 + ((4, 0),): [(40, field(40, 1, 0x0123456789ABCDEF))],
    }
    open(sys.argv[2], "wb").write(rewrite(program, "ProgramDesc", extra))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes variants of a small PIR program (test/frontend/Inputs/pir_linear.json)
for pd's PIR tests, without Paddle.

  pir_variants.py SOURCE.json OUTDIR

OUTDIR/<case>.json (and <case>.pdiparams where the case needs one):
  compact        Paddle's own layout (compact, keys sorted) with what the
                 reader must keep: an absent optional input ({"%":0}), float
                 attributes (1.0 stays 1.0, 1e-05 stays 1e-05), negative and
                 large integers, non-ASCII and escaped strings
  nonpersistable a parameter marked non-persistable ("OA": [0, ...]) that the
                 parameter file does not hold, sorted between two that it does
  dtype          a parameter file whose record of w is int32, not float32
  data_no_result a pd_op.data op without a result
  fetch_no_input a pd_op.fetch op without an operand
  deep           arrays nested 50,000 deep
"""
import copy
import json
import os
import struct
import sys


def compact(doc):
    # nlohmann::json::dump(): no spaces, keys in std::map order, UTF-8 as is.
    return json.dumps(doc, separators=(",", ":"), sort_keys=True,
                      ensure_ascii=False)


def record(dtype, dims, payload):
    desc = bytes([0x08, dtype]) + b"".join(bytes([0x10, d]) for d in dims)
    return struct.pack("<IQIi", 0, 0, 0, len(desc)) + desc + payload


def f32(values):
    return struct.pack(f"<{len(values)}f", *values)


def ops_of(doc):
    return doc["program"]["regions"][0]["blocks"][0]["ops"]


def renumber(doc):
    """Numbers results 1, 2, ... in op order, as Paddle's writer does."""
    ids = {0: 0}
    for op in ops_of(doc):
        for ref in op.get("I", []):
            ref["%"] = ids[ref["%"]]
        results = op["O"] if isinstance(op["O"], list) else [op["O"]]
        for result in results:
            ids[result["%"]] = len(ids)
            result["%"] = ids[result["%"]]
    return doc


def main():
    source, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    base = json.load(open(source))
    params = {"b": record(5, [2], f32([0.5, -0.5])),
              "w": record(5, [3, 2], f32([1, 2, 3, 4, 5, 6]))}

    def write(name, doc, records=None):
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
            f.write(doc if isinstance(doc, str) else compact(doc))
        if records is not None:
            with open(os.path.join(out, name + ".pdiparams"), "wb") as f:
                f.write(b"".join(records))

    doc = copy.deepcopy(base)
    ops = ops_of(doc)
    add = next(op for op in ops if op["#"] == "1.add")
    scale = {"#": "1.scale", "A": [
        {"AT": {"#": "0.a_f32", "D": 1.0}, "N": "scale"},
        {"AT": {"#": "0.a_f32", "D": -1.0}, "N": "bias"},
        {"AT": {"#": "0.a_f64", "D": 9.999999747378752e-06}, "N": "eps"},
        {"AT": {"#": "0.a_f64", "D": 1e-05}, "N": "tiny"},
        {"AT": {"#": "0.a_f64", "D": 123456.0}, "N": "big"},
        {"AT": {"#": "0.a_f64", "D": 0.0001}, "N": "small"},
        {"AT": {"#": "0.a_i64", "D": -3}, "N": "axis"},
        {"AT": {"#": "0.a_i64", "D": 9007199254740993}, "N": "huge"},
        {"AT": {"#": "0.a_str", "D": "naïve \"quoted\"\t\u0001"}, "N": "note"},
        {"AT": {"#": "0.a_bool", "D": False}, "N": "bias_after_scale"}],
        "I": [{"%": 5}, {"%": 0}],
        "O": [{"%": 7, "TT": add["O"][0]["TT"]}], "OA": []}
    ops.insert(ops.index(add) + 1, scale)
    fetch = next(op for op in ops if op["#"] == "1.fetch")
    fetch["I"] = [{"%": 7}]
    fetch["O"][0]["%"] = 8
    write("compact", renumber(doc), [params["b"], params["w"]])

    doc = copy.deepcopy(base)
    ops = ops_of(doc)
    state = copy.deepcopy(ops[0])
    state["A"][3] = "c_state"
    state["OA"] = [0, 1, 0]
    state["O"]["%"] = 99
    ops.insert(0, state)
    write("nonpersistable", renumber(doc), [params["b"], params["w"]])

    bad = record(2, [3, 2], struct.pack("<6i", 1, 2, 3, 4, 5, 6))
    write("dtype", base, [params["b"], bad])

    doc = copy.deepcopy(base)
    extra = copy.deepcopy(next(op for op in ops_of(doc) if op["#"] == "1.data"))
    extra["O"] = []
    ops_of(doc).append(extra)
    write("data_no_result", doc)

    doc = copy.deepcopy(base)
    next(op for op in ops_of(doc) if op["#"] == "1.fetch")["I"] = []
    write("fetch_no_input", doc)

    write("deep", "[" * 50000 + "]" * 50000)


if __name__ == "__main__":
    main()

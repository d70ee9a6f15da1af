#!/usr/bin/env python3
"""Damages a file in one precise way, for the error-path tests.

  mutate.py truncate FILE N            keep the first N bytes (N < 0: drop -N)
  mutate.py append FILE HEX            append bytes
  mutate.py replace FILE OLDHEX NEWHEX replace the first occurrence (must exist)
"""
import sys


def main(argv):
    op, path = argv[1], argv[2]
    data = bytearray(open(path, "rb").read())
    if op == "truncate":
        n = int(argv[3])
        data = data[:n] if n >= 0 else data[:n]
    elif op == "append":
        data += bytes.fromhex(argv[3])
    elif op == "replace":
        old, new = bytes.fromhex(argv[3]), bytes.fromhex(argv[4])
        at = data.find(old)
        if at < 0:
            sys.exit("mutate.py: %s not found in %s" % (argv[3], path))
        data[at:at + len(old)] = new
    else:
        sys.exit(__doc__)
    open(path, "wb").write(bytes(data))


if __name__ == "__main__":
    main(sys.argv)

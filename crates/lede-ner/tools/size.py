#!/usr/bin/env python3
"""Report the shipped model's size raw, gzip -9 and brotli -q 11, split into gazetteer and weights.

    python3 -m pip install brotli   # once
    python3 crates/lede-ner/tools/size.py crates/lede-ner/data/model.bin
"""
import gzip
import struct
import sys

import brotli


def sizes(data):
    return len(data), len(gzip.compress(data, 9)), len(brotli.compress(data, quality=11))


def main():
    data = open(sys.argv[1], "rb").read()
    assert data[:4] == b"LNER", "not a lede-ner model"
    glen = struct.unpack("<I", data[12:16])[0]
    gaz = data[16 : 16 + glen]
    weights = data[16 + glen :]
    print(f"{'part':<12}{'raw':>12}{'gzip':>12}{'brotli':>12}")
    for name, part in (("gazetteer", gaz), ("weights", weights), ("total", data)):
        r, g, b = sizes(part)
        print(f"{name:<12}{r:>12,}{g:>12,}{b:>12,}")


if __name__ == "__main__":
    main()

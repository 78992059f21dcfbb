#!/usr/bin/env python3
"""Rewrite a CoNLL file in today's typography, to measure how the recogniser copes with it.

Straight double quotes become curly ones (opening and closing in turn within a document), the
apostrophe of 's / n't / 're ... and a lone ' become ’, "--" becomes an em dash and "..." an
ellipsis. Tags are unchanged. Deterministic: the same input gives the same output.

    python3 crates/lede-ner/tools/typographic.py IN.conll > OUT.conll
"""
import sys

def main(path):
    open_quote = True
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            out.append(line)
            continue
        cols = line.split(" ")
        w = cols[0]
        if w == "-DOCSTART-":
            open_quote = True
        elif w == '"':
            w = "\u201c" if open_quote else "\u201d"
            open_quote = not open_quote
        elif w.startswith("'") and len(w) > 1:
            w = "\u2019" + w[1:]
        elif w == "'":
            w = "\u2019"
        elif "n't" == w[-3:]:
            w = w[:-3] + "n\u2019t"
        elif w == "--":
            w = "\u2014"
        elif w == "...":
            w = "\u2026"
        cols[0] = w
        out.append(" ".join(cols))
    sys.stdout.write("\n".join(out) + "\n")

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

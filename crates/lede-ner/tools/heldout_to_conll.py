#!/usr/bin/env python3
"""Turn Lede's held-out stories (tests/fixtures/heldout-2020s.gold.txt: `[[TYPE|name]]` markup,
stories separated by `===`, `#` comment lines) into CoNLL (`word tag`, BIO2, `-DOCSTART-` per story,
one sentence per paragraph line piece). Typographic characters are kept as written.

    python3 crates/lede-ner/tools/heldout_to_conll.py crates/lede-ner/tests/fixtures/heldout-2020s.gold.txt > /tmp/heldout.conll
"""
import re
import sys

TOKEN = re.compile(
    r"[’'](?:s|m|re|ve|ll|d)\b|n[’']t\b|"  # possessive and contractions
    r"\d+(?:st|nd|rd|th)\b|"  # ordinals
    r"(?:[A-Z]\.){2,}|[A-Z][a-z]{1,3}\.(?=\s*\(|\s*$)|"  # U.S., Md. before "(" or at the end
    r"\d[\d,.]*\d|\d|"  # numbers
    r"[^\W\d_](?:[\w-]*[^\W_])?(?=[’'](?:s|m|re|ve|ll|d)\b|n[’']t\b)|"  # word before a possessive
    r"[^\W_][\w-]*|"  # words, hyphenated
    r"[^\w\s]"  # punctuation, one character each
)


def tokens(text):
    return [m.group(0) for m in TOKEN.finditer(text)]


def main(path):
    src = "".join(l for l in open(path, encoding="utf-8") if not l.startswith("#"))
    out = []
    for story in src.split("==="):
        if not story.strip():
            continue
        out.append("-DOCSTART- O\n")
        for para in story.strip().split("\n"):
            if not para.strip():
                continue
            # Sentences: after . ! ? (and a closing quote) before a capital or an opening quote.
            for sent in re.split(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[\[A-Z“])", para):
                words = []
                pos = 0
                for m in re.finditer(r"\[\[(PER|LOC|ORG|MISC)\|([^\]]+)\]\]", sent):
                    words += [(t, "O") for t in tokens(sent[pos:m.start()])]
                    name = tokens(m.group(2))
                    words += [(t, ("B-" if i == 0 else "I-") + m.group(1)) for i, t in enumerate(name)]
                    pos = m.end()
                words += [(t, "O") for t in tokens(sent[pos:])]
                if words:
                    out.append("\n".join(f"{w} {t}" for w, t in words) + "\n")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

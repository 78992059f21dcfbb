#!/usr/bin/env python3
"""Brown-cluster paths for the most frequent English words, from spaCy's lookup tables.

Source: the PyPI wheel `spacy-lookups-data` (MIT licence, see ATTRIBUTION.md), tables
`en_lexeme_cluster` (Brown cluster of 1,000,001 words) and `en_lexeme_prob` (log frequency).

    python3 -m pip download --no-deps -d /tmp/lede-clusters spacy-lookups-data==1.0.5
    python3 crates/lede-ner/tools/build_clusters.py /tmp/lede-clusters/spacy_lookups_data-1.0.5-py2.py3-none-any.whl \
        crates/lede-ner/data/clusters.txt --words 20000

Keeps the WORDS most frequent words (by `en_lexeme_prob`, ties by word) that have a cluster, and
writes one line per word, sorted: `cluster<TAB><fingerprint> <path>`, where the fingerprint is the
top 24 bits of the recogniser's `hash_str(0x c1, word)` (crates/lede-ner/src/hash.rs, re-computed
here) as 6 hex digits and the path is the cluster's bit string, root first. spaCy stores a path as
the integer of the reversed bit string, so the path's trailing zeros are lost; prefixes are still
exact up to the path's last 1. Deterministic: the same wheel gives the same file.
"""
import argparse
import gzip
import json
import sys
import zipfile

M = 2**64
FINGERPRINT_BITS = 24
SEED = 0xC1


def hash_str(seed, s):
    """crates/lede-ner/src/hash.rs: FNV-1a seeded, then the splitmix64 finaliser."""
    h = 0xCBF29CE484222325 ^ ((seed * 0x9E3779B97F4A7C15) % M)
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) % M
    z = h
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % M
    return z ^ (z >> 31)


def fingerprint(word):
    return hash_str(SEED, word) >> (64 - FINGERPRINT_BITS)


def table(wheel, name):
    with zipfile.ZipFile(wheel) as z:
        return json.loads(gzip.decompress(z.read(f"spacy_lookups_data/data/{name}.json.gz")))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wheel")
    ap.add_argument("out")
    ap.add_argument("--words", type=int, default=20000)
    a = ap.parse_args()
    clusters = table(a.wheel, "en_lexeme_cluster")
    prob = table(a.wheel, "en_lexeme_prob")
    words = [w for w, c in clusters.items() if c and w in prob and "\t" not in w and "\n" not in w and " " not in w]
    words.sort(key=lambda w: (-prob[w], w))
    kept = {}
    for w in words:
        if len(kept) >= a.words:
            break
        fp = fingerprint(w)
        if fp in kept:  # two frequent words on one fingerprint: keep the more frequent
            continue
        c = clusters[w]
        kept[fp] = "".join("1" if c >> i & 1 else "0" for i in range(c.bit_length()))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(f"# Brown-cluster paths of the {len(kept)} most frequent words in spacy-lookups-data "
                "(MIT); see crates/lede-ner/tools/build_clusters.py\n")
        for fp in sorted(kept):
            f.write(f"cluster\t{fp:06x} {kept[fp]}\n")
    print(f"{len(kept)} words -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

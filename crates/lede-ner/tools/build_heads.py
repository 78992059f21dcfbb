#!/usr/bin/env python3
"""Build data/heads.txt: common English nouns with the coarse class of their first WordNet sense.

    (cd /tmp/lede-wn && apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb root)
    python3 crates/lede-ner/tools/build_heads.py /tmp/lede-wn/root/usr/share/wordnet \
        crates/lede-ner/data/clusters.txt crates/lede-ner/data/heads.txt

The class of a noun is the lexicographer file of its first (most frequent) sense in WordNet 3.0
(`index.noun` lists a lemma's synsets in frequency order; `data.noun` gives each synset's file):

    head-group     noun.group      "party", "council", "university", "league"  (ORG-ish)
    head-artifact  noun.artifact   "airline", "station", "street", "hotel"     (ORG- or LOC-ish)
    head-location  noun.location   "district", "city", "county", "park"        (LOC)
    head-object    noun.object     "river", "lake", "island", "bank"           (natural places, LOC)
    head-person    noun.person     "minister", "president", "coach"            (PER titles)

A first sense in noun.Tops (the unique beginners: "group", "person", "location", ...) takes the
file most of its hyponyms are in ("group" -> noun.group). Kept: single lower-case alphabetic
lemmas of 3+ letters whose first sense is not an instance (proper nouns such as "london" are
instances) and that are frequent: the word, its Titlecase or its -s plural is among the 20,000
frequent words of data/clusters.txt (matched by the same 24-bit fingerprint; a chance match is
about 1 in 800). --min-count N also asks for N SemCor tags over the noun's senses (`cntlist.rev`;
default 0: off). The tagger looks a plural up by stripping -s/-es/-ies (Gazetteer::head_class).
Output is sorted, so the same WordNet gives the same file byte for byte.
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_clusters import fingerprint  # noqa: E402

LEXFILES = {3: "Tops", 6: "artifact", 14: "group", 15: "location", 17: "object", 18: "person"}
KEEP = ("group", "artifact", "location", "object", "person")


def read_synsets(path):
    """offset -> (lex file number, is an instance, hyponym offsets)."""
    out = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            off, lexfile = fields[0], int(fields[1])
            nwords = int(fields[3], 16)
            p = 4 + 2 * nwords
            nptrs = int(fields[p])
            ptrs = [fields[p + 1 + 4 * k : p + 5 + 4 * k] for k in range(nptrs)]
            instance = any(sym == "@i" for sym, _, pos, _ in ptrs)
            hyponyms = [o for sym, o, pos, _ in ptrs if sym in ("~", "~i") and pos == "n"]
            out[off] = (lexfile, instance, hyponyms)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wordnet", help="directory with index.noun, data.noun, cntlist.rev")
    ap.add_argument("clusters", help="data/clusters.txt (the frequent words, as fingerprints)")
    ap.add_argument("out")
    ap.add_argument("--min-count", type=int, default=0, help="SemCor tags over the noun's senses")
    a = ap.parse_args()
    frequent = set()
    with open(a.clusters, encoding="utf-8") as f:
        for line in f:
            if line.startswith("cluster\t"):
                frequent.add(int(line.split("\t")[1].split()[0], 16))

    def is_frequent(w):
        return any(fingerprint(f) in frequent for f in (w, w.capitalize(), w + "s", (w + "s").capitalize()))

    synsets = read_synsets(os.path.join(a.wordnet, "data.noun"))
    counts = collections.Counter()
    with open(os.path.join(a.wordnet, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _, tags = line.split()
            lemma, rest = key.split("%", 1)
            if rest.startswith("1:"):  # ss_type 1 = noun
                counts[lemma] += int(tags)

    def class_of(off):
        lexfile, _, hyponyms = synsets[off]
        if lexfile == 3:
            files = collections.Counter(synsets[h][0] for h in hyponyms if synsets[h][0] != 3)
            if not files:
                return None
            lexfile = sorted(files.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return LEXFILES.get(lexfile)

    rows = []
    with open(os.path.join(a.wordnet, "index.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, nsyn = fields[0], int(fields[2])
            if not re.fullmatch(r"[a-z]{3,}", lemma) or counts[lemma] < a.min_count or not is_frequent(lemma):
                continue
            first = fields[-nsyn]
            if synsets[first][1]:
                continue
            c = class_of(first)
            if c in KEEP:
                rows.append((c, lemma))
    rows.sort()
    with open(a.out, "w", encoding="utf-8") as out:
        out.write("# Head nouns and the class of their first WordNet 3.0 sense; built by tools/build_heads.py.\n")
        out.write("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. See ATTRIBUTION.md.\n")
        for c, lemma in rows:
            out.write(f"head-{c}\t{lemma}\n")
    by_class = collections.Counter(c for c, _ in rows)
    print(f"{len(rows)} nouns:", ", ".join(f"{c} {by_class[c]}" for c in KEEP))


if __name__ == "__main__":
    main()

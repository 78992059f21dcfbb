"""Reads a page's HTML on standard input and prints what extruct (PyPI: the metadata extractor
behind many crawlers) finds in it, as JSON: {"opengraph": {property: [values]}, "json-ld": [...]}.

Used by tests/e2e/unfurl.spec.ts. Usage: unfurl_extruct.py PAGE_URL < page.html
"""

import json
import sys

import extruct


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: unfurl_extruct.py PAGE_URL < page.html")
    html = sys.stdin.read()
    data = extruct.extract(html, base_url=sys.argv[1], syntaxes=["opengraph", "json-ld"], uniform=False)
    # extruct gives Open Graph as a list of (property, value) pairs per og namespace block.
    og: dict[str, list[str]] = {}
    for block in data.get("opengraph", []):
        for prop, value in block.get("properties", []):
            og.setdefault(prop, []).append(value)
    json.dump({"opengraph": og, "json-ld": data.get("json-ld", [])}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

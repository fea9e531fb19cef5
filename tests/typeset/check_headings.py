#!/usr/bin/env python3
"""A heading is never the last thing on its page: for every outline item of the
PDF (qpdf --json) at least two lines stand under the heading's own lines on the
page it points at — or one, when its section ends there (the next page starts
with a heading) — unless that page is the document's last.

usage: check_headings.py FILE.pdf"""
import json
import re
import subprocess
import sys

pdf = sys.argv[1]
js = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf],
                               capture_output=True, text=True, check=True).stdout)
items = []


def walk(lst):
    for o in lst:
        items.append(o)
        walk(o.get("kids", []))


walk(js.get("outlines", []))
html = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True).stdout
pages = []
for pg in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', html, re.S):
    lines = []
    for m in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', pg.group(2), re.S):
        lines.append((float(m.group(1)), "".join(re.findall(r"<word[^>]*>(.*?)</word>", m.group(2), re.S))))
    lines.sort()
    pages.append((float(pg.group(1)), lines))
# the running header: lines at the same height with the same text (digits aside)
# on most pages
from collections import Counter
seen = Counter()
for h, lines in pages:
    for y, t in set((round(y), re.sub(r"\d", "", t)) for y, t in lines):
        seen[(y, t)] += 1
running = {k for k, n in seen.items() if n >= max(2, len(pages) * 0.8)}


def body(p):
    return [(y, t) for y, t in pages[p][1] if (round(y), re.sub(r"\d", "", t)) not in running]


tops = {}
for o in items:
    p = o.get("destpageposfrom1", 0) - 1
    if 0 <= p < len(pages) and len(o.get("dest") or []) >= 3:
        tops.setdefault(p, []).append(pages[p][0] - float(o["dest"][2]))


def starts_with_heading(p):
    b = body(p)
    return p in tops and (not b or min(tops[p]) <= b[0][0] + 2)


bad = 0
for o in items:
    p = o.get("destpageposfrom1", 0) - 1
    dest = o.get("dest") or []
    if p < 0 or p >= len(pages) or len(dest) < 3 or p == len(pages) - 1:
        continue
    h, lines = pages[p]
    top = h - float(dest[2])
    title = re.sub(r"\s", "", o.get("title", ""))
    under = [t for y, t in lines if y >= top - 2]
    # skip the heading's own lines (parts of its title)
    while under and re.sub(r"\s", "", under[0]) and re.sub(r"\s", "", under[0]) in title:
        under.pop(0)
    under = [t for t in under if (t in [x for _, x in body(p)])]
    if len(under) < 2 and not (len(under) == 1 and starts_with_heading(p + 1)):
        bad += 1
        print("heading %r on page %d has %d lines under it" % (o.get("title"), p + 1, len(under)))
print("%d headings, %d bad" % (len(items), bad))
sys.exit(1 if bad else 0)

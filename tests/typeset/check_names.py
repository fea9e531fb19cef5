#!/usr/bin/env python3
"""Reads `pdftotext -bbox-layout` XHTML and fails when a name of NAMES (one a
line) is split across two lines: its beginning ends one line and its rest starts
the line below in the same column.  Also fails when a name never appears whole.

usage: check_names.py BBOX.html NAMES [--all-present]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_words import below, pages  # noqa: E402


def main():
    bbox, names_file = sys.argv[1], sys.argv[2]
    need_all = "--all-present" in sys.argv[3:]
    names = [n.strip() for n in open(names_file, encoding="utf-8") if n.strip()]
    text = open(bbox, encoding="utf-8").read()
    allpages = list(pages(text))
    bad = 0
    seen = set()
    for lines in allpages:
        for ln in lines:
            t = " ".join(ln[4])
            for n in names:
                if n in t or n.replace(" ", "") in t.replace(" ", ""):
                    seen.add(n)
        for a, b in below(lines):
            ta, tb = " ".join(a), " ".join(b)
            for n in names:
                for k in range(1, len(n)):
                    head, tail = n[:k].rstrip(), n[k:].lstrip()
                    if head and tail and ta.endswith(head) and tb.startswith(tail) and n not in ta and n not in tb:
                        print("split name %r: %r | %r" % (n, ta, tb))
                        bad += 1
                        break
    missing = [n for n in names if n not in seen]
    if need_all and missing:
        print("never whole on one line: %s" % ", ".join(missing))
        bad += len(missing)
    print("%d names, %d seen whole, %d bad" % (len(names), len(seen), bad))
    return 1 if bad else 0


sys.exit(main())

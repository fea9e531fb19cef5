#!/usr/bin/env python3
"""Reads `pdftotext -bbox-layout` XHTML and fails when an English word is split
across lines without a hyphen: a line ending in a letter whose next line (in the
same block) starts with a letter, where either piece is not a word of the
vocabulary (the words of the source files named after the XHTML, and the words
standing inside lines of the PDF itself).  A line ending in "-" after a letter is
a hyphenation; it is counted, and its two halves joined must be a vocabulary word
(or, hyphen kept, a compound of the sources: High-|risk).  A name broken at its
own hyphen (Chun-|chieh) is reported.

usage: check_words.py BBOX.html [--min-hyphens N] SOURCE...
"""
import html as htmlmod
import re
import sys

WORD = re.compile(r"[A-Za-z]+")
COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")


def pages(text):
    """Per page, its line segments as (xMin, yMin, xMax, yMax, words): pdftotext
    joins the lines of neighbouring table cells, so a line is cut where the gap
    between two words is wider than a word space."""
    for pg in re.finditer(r"<page[^>]*>(.*?)</page>", text, re.S):
        segs = []
        for m in re.finditer(r"<line[^>]*>(.*?)</line>", pg.group(1), re.S):
            words = [(float(x0), float(y0), float(x1), float(y1), htmlmod.unescape(w)) for x0, y0, x1, y1, w in
                     re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                                m.group(1), re.S)]
            cur = []
            for w in words:
                if cur and w[0] - cur[-1][2] > 0.45 * (w[3] - w[1]):
                    segs.append(cur)
                    cur = []
                cur.append(w)
            if cur:
                segs.append(cur)
        yield [(min(w[0] for w in g), min(w[1] for w in g), max(w[2] for w in g), max(w[3] for w in g),
                [w[4] for w in g]) for g in segs]


def below(lines):
    """Pairs (a, b): b is the next segment under a in the same column (overlapping
    horizontally, at most about half a line further down)."""
    for a in lines:
        h = a[3] - a[1]
        best = None
        for b in lines:
            if b is a or b[1] <= a[1] + h * 0.5 or b[1] - a[3] > h * 0.6:
                continue
            if min(a[2], b[2]) - max(a[0], b[0]) <= 0:
                continue
            if best is None or b[1] < best[1]:
                best = b
        if best is not None:
            yield a[4], best[4]


def main():
    args = sys.argv[1:]
    min_hyph = 0
    if "--min-hyphens" in args:
        i = args.index("--min-hyphens")
        min_hyph = int(args[i + 1])
        del args[i:i + 2]
    bbox, sources = args[0], args[1:]
    text = open(bbox, encoding="utf-8").read()
    vocab, compounds = set(), set()
    for s in sources:
        with open(s, encoding="utf-8", errors="replace") as f:
            data = f.read()
            vocab.update(w.lower() for w in WORD.findall(data))
            compounds.update(w.lower() for w in COMPOUND.findall(data))
    allpages = list(pages(text))
    for lines in allpages:
        for ln in lines:
            for w in ln[4][1:-1]:
                vocab.update(x.lower() for x in WORD.findall(w))
    for lines in allpages:
        for a, b in below(lines):
            ma = re.search(r"([A-Za-z]+)-$", a[-1])
            mb = re.match(r"[A-Za-z]+", b[0])
            if ma and mb and (ma.group(1) + mb.group(0)).lower() in vocab:
                vocab.update((ma.group(1).lower(), mb.group(0).lower()))
    bad = hyph = pairs = 0
    for lines in allpages:
        pairs_here = list(below(lines))
        nxt = {id(a): b for a, b in pairs_here}
        # a one-word line that continues a hyphenated word and is itself hyphenated
        # (im-|prov-|ing in a narrow column): the word is checked from its start
        middle = {id(b) for a, b in pairs_here
                  if re.search(r"[A-Za-z]-$", a[-1]) and len(b) == 1 and re.fullmatch(r"[A-Za-z]+-", b[0])}
        for a, b in pairs_here:
            if id(a) in middle:
                continue
            if re.search(r"[A-Za-z]-$", a[-1]) and id(b) in middle:
                word, seg = re.search(r"([A-Za-z]+)-$", a[-1]).group(1), b
                while id(seg) in middle and id(seg) in nxt:
                    word += seg[0][:-1]
                    seg = nxt[id(seg)]
                mb = re.match(r"[A-Za-z]+", seg[0]) if seg else None
                word += mb.group(0) if mb else ""
                pairs += 1
                if word.lower() in vocab:
                    hyph += 1
                else:
                    print("hyphens do not join a word: %r" % word)
                    bad += 1
                continue
            last, first = a[-1], b[0]
            if not last or not first:
                continue
            ma = re.search(r"(?<![A-Za-z0-9])([A-Za-z]+)(-?)$", last)
            mb = re.match(r"[A-Za-z]+(?![0-9])", first)
            if not ma or not mb:
                continue
            left, dash, right = ma.group(1), ma.group(2), mb.group(0)
            pairs += 1
            if dash:
                if (left + right).lower() in vocab:  # a hyphen the typesetter drew
                    hyph += 1
                    continue
                if (left + "-" + right).lower() in compounds:  # after the text's own hyphen
                    continue
                print("hyphen does not join a word: %r | %r" % (" ".join(a), " ".join(b)))
                bad += 1
            elif left.lower() not in vocab or right.lower() not in vocab:
                print("split word: %r | %r" % (" ".join(a), " ".join(b)))
                bad += 1
    print("%d line pairs letter|letter checked, %d hyphenated, %d bad" % (pairs, hyph, bad))
    if hyph < min_hyph:
        print("expected at least %d hyphenated line ends" % min_hyph)
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

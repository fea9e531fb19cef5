#!/usr/bin/env python3
"""Reads `pdftotext -bbox-layout` XHTML of the keeps tool's PDF and checks the keep
rules by the markers it sets: a heading (HEADk) has two lines under it on its page
and is never a page's last line; a caption (CAPTk) shares its page with the
table's header (HDRk); every page showing a header row shows a body row (ROWk.j)
under it; the last body row never stands alone on a page; the signature block
(SIGNk) shares its page with the table's last row and the remark (NOTEk)."""
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
pages = []
for pg in re.finditer(r"<page[^>]*>(.*?)</page>", text, re.S):
    lines = []
    for m in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', pg.group(1), re.S):
        t = " ".join(re.findall(r"<word[^>]*>(.*?)</word>", m.group(2), re.S))
        lines.append((float(m.group(1)), t))
    lines.sort()
    pages.append(lines)

bad = 0


def where(marker):
    """(page, y) of each line holding marker as a whole token."""
    pat = re.compile(r"(^|\s)" + re.escape(marker) + r"(\s|$)")
    return [(p, y) for p, ls in enumerate(pages) for y, t in ls if pat.search(t)]


def report(msg):
    global bad
    bad += 1
    print(msg)


ks = sorted({int(m) for m in re.findall(r"HEAD(\d+)", text)})
for k in ks:
    for p, y in where("HEAD%d" % k):
        below = [t for yy, t in pages[p] if yy > y + 1]
        if len(below) < 2:
            report("heading HEAD%d on page %d has %d lines under it" % (k, p + 1, len(below)))
    caps, hdrs = where("CAPT%d" % k), where("HDR%d" % k)
    for p, y in caps:
        if not any(hp == p and hy > y for hp, hy in hdrs):
            report("caption CAPT%d on page %d without its table's header" % (k, p + 1))
    for p, y in hdrs:
        if not any(re.search(r"ROW%d\.\d" % k, t) for yy, t in pages[p] if yy > y + 1):
            report("header HDR%d on page %d without a body row under it" % (k, p + 1))
    last = where("ROW%d.5" % k)
    prev = where("ROW%d.4" % k)
    if last and prev and last[0][0] != prev[0][0]:
        report("last row ROW%d.5 alone on page %d" % (k, last[0][0] + 1))
    sign, note = where("SIGN%d" % k), where("NOTE%d" % k)
    if sign and last and sign[0][0] != last[0][0]:
        report("signature SIGN%d on page %d, the table's last row on page %d" % (k, sign[0][0] + 1, last[0][0] + 1))
    if sign and note and sign[0][0] != note[0][0]:
        report("remark NOTE%d on page %d, its signature block on page %d" % (k, note[0][0] + 1, sign[0][0] + 1))
print("%d cases, %d pages, %d bad" % (len(ks), len(pages), bad))
sys.exit(1 if bad or not ks else 0)

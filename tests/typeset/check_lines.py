#!/usr/bin/env python3
"""Reads `pdftotext -bbox-layout` XHTML and fails when a line starts with a
character that may not begin a line, or ends with one that may not end it."""
import re, sys
NO_START = set("，。、；：？！）」』》〉】．〕〗］｝’”ー…‥·％,.;:?!)]}%")
NO_END = set("（「『《〈【〔〖［｛‘“([{")
html = open(sys.argv[1], encoding="utf-8").read()
bad = 0
lines = 0
for m in re.finditer(r"<line[^>]*>(.*?)</line>", html, re.S):
    words = re.findall(r"<word[^>]*>(.*?)</word>", m.group(1), re.S)
    if not words:
        continue
    text = "".join(words)
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    lines += 1
    if text[0] in NO_START or text[-1] in NO_END:
        print("bad line: %r" % text)
        bad += 1
print("%d lines checked, %d bad" % (lines, bad))
sys.exit(1 if bad or lines == 0 else 0)

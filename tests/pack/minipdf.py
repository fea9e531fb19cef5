#!/usr/bin/env python3
"""Writes a minimal one-page PDF with a classic xref table (the shape libharu
writes), for testing embedded signatures before any document exists."""
import sys
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    None,
    b"<< /Producer (minipdf) >>",
]
content = b"0 0 1 rg 100 700 200 50 re f\n"
objs[3] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream"
out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n\r\n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)

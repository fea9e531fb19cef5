#!/usr/bin/env python3
"""A PDF/A-2b checker for what ismspack implements (no validator is packaged for
Debian 12): reads the file through `qpdf --json` and asserts, one by one,
  header %PDF-1.0..1.7 with a binary comment; no encryption; a trailer /ID;
  an XMP metadata stream, unfiltered, well-formed XML, pdfaid:part 2 and
  conformance B, whose dc:title / dc:creator / dc:description / pdf:Producer /
  pdf:Keywords / xmp:CreatorTool / xmp:CreateDate / xmp:ModifyDate equal the Info
  dictionary; an OutputIntent /GTS_PDFA1 with an ICC profile of 3 components;
  every font embedded (FontFile2/3) with a ToUnicode map; no transparency (SMask,
  /CA or /ca below 1, blend modes, transparency groups); no LZW, JavaScript,
  embedded files or actions; every annotation printable.
Also what independent readers need (issue 10): every FontDescriptor with a
CapHeight; every embedded font drawing something (its ToUnicode maps a character
other than a space); subset tags that differ between the subsets of one file;
outline items without /Type and with a direct /Dest array; Info dates written
+00'00' (never Z00'00').
Not covered (see README): glyph widths against the embedded programs, the ICC
profile's content, XMP extension schemas, CMap and CIDSystemInfo compatibility
beyond Identity, and the rest of the ISO 19005-2 rule set a full validator runs."""
import base64, json, re, subprocess, sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
raw = open(path, "rb").read()
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)

need(re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", raw) is not None, "header with binary comment")
j = json.loads(subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                               "--decode-level=generalized", path], capture_output=True).stdout)
objs = j["qpdf"][1]
trailer = objs["trailer"]["value"]
need("/Encrypt" not in trailer, "no encryption")
need(isinstance(trailer.get("/ID"), list) and len(trailer["/ID"]) == 2, "trailer /ID")

def get(ref):
    return objs.get("obj:" + ref, {})

def val(ref):
    o = get(ref)
    return o.get("value", o.get("stream", {}).get("dict", {}))

def text(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    return v

root = val(trailer["/Root"])
info = val(trailer["/Info"]) if "/Info" in trailer else {}
meta_ref = root.get("/Metadata")
need(meta_ref is not None, "catalog /Metadata")
xmp = {}
if meta_ref:
    m = get(meta_ref)["stream"]
    need("/Filter" not in m["dict"], "metadata stream unfiltered")
    need(m["dict"].get("/Subtype") == "/XML" and m["dict"].get("/Type") == "/Metadata", "metadata /Type /Subtype")
    data = base64.b64decode(m["data"])
    try:
        tree = ET.fromstring(data.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
        ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
              "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
              "pdf": "http://ns.adobe.com/pdf/1.3/"}
        def find(p):
            e = tree.find(".//" + p, ns)
            return e.text if e is not None else None
        xmp = {"part": find("pdfaid:part"), "conf": find("pdfaid:conformance"),
               "title": find("dc:title/rdf:Alt/rdf:li"), "creator": find("dc:creator/rdf:Seq/rdf:li"),
               "subject": find("dc:description/rdf:Alt/rdf:li"), "producer": find("pdf:Producer"),
               "keywords": find("pdf:Keywords"), "tool": find("xmp:CreatorTool"),
               "created": find("xmp:CreateDate"), "modified": find("xmp:ModifyDate")}
    except ET.ParseError as e:
        problems.append("XMP is well-formed XML (%s)" % e)
    need(xmp.get("part") == "2" and xmp.get("conf") == "B", "pdfaid part 2 conformance B")
    for k, x in (("/Title", "title"), ("/Author", "creator"), ("/Subject", "subject"),
                 ("/Producer", "producer"), ("/Keywords", "keywords"), ("/Creator", "tool")):
        if k in info or xmp.get(x):
            need(text(info.get(k)) == xmp.get(x), "Info %s equals XMP (%r vs %r)" % (k, text(info.get(k)), xmp.get(x)))
    def pdfdate(v):
        v = text(v) or ""
        m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)", v)
        return "%s-%s-%sT%s:%s:%s" % m.groups() if m else None
    if "/CreationDate" in info:
        need((xmp.get("created") or "").startswith(pdfdate(info["/CreationDate"]) or "x"), "CreationDate equals xmp:CreateDate")
    if "/ModDate" in info:
        need((xmp.get("modified") or "").startswith(pdfdate(info["/ModDate"]) or "x"), "ModDate equals xmp:ModifyDate")
ois = root.get("/OutputIntents", [])
ois = [val(o) if isinstance(o, str) else o for o in ois]
need(any(o.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in o for o in ois), "OutputIntent GTS_PDFA1 with profile")
for o in ois:
    if "/DestOutputProfile" in o:
        need(val(o["/DestOutputProfile"]).get("/N") == 3, "ICC profile with 3 components")
fonts = 0
tags = []
for k in ("/CreationDate", "/ModDate"):
    if k in info:
        need("Z00'00'" not in str(text(info[k])), "Info %s not written Z00'00'" % k)
for key, o in objs.items():
    if not key.startswith("obj:"):
        continue
    d = o.get("value", o.get("stream", {}).get("dict", {}))
    if not isinstance(d, dict):
        continue
    if d.get("/Type") == "/FontDescriptor":
        fonts += 1
        need(any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")), "font %s embedded" % d.get("/FontName"))
        need("/CapHeight" in d, "font %s has CapHeight" % d.get("/FontName"))
    if d.get("/Type") == "/Font" and d.get("/Subtype") == "/Type0":
        need("/ToUnicode" in d, "font %s has ToUnicode" % d.get("/BaseFont"))
        tags.append(d.get("/BaseFont", ""))
        tu = get(d.get("/ToUnicode", "")).get("stream", {})
        cmap = base64.b64decode(tu.get("data", "")).decode("latin-1")
        chars = set(re.findall(r"<[0-9A-Fa-f]{4}>\s*<([0-9A-Fa-f]+)>", cmap))
        need(chars - {"0020", "3000"}, "font %s draws something (not only spaces)" % d.get("/BaseFont"))
    if d.get("/Parent") is not None and "/Title" in d:  # an outline item
        need("/Type" not in d, "outline item %s without /Type" % key)
        need(isinstance(d.get("/Dest"), list), "outline item %s with a direct /Dest array" % key)
    if "/SMask" in d and d["/SMask"] != "/None":
        problems.append("soft mask in %s" % key)
    for k in ("/CA", "/ca"):
        if k in d and isinstance(d[k], (int, float)) and d[k] < 1:
            problems.append("transparency %s in %s" % (k, key))
    if "/BM" in d and d["/BM"] not in ("/Normal", "/Compatible"):
        problems.append("blend mode in %s" % key)
    if isinstance(d.get("/Group"), dict) and d["/Group"].get("/S") == "/Transparency":
        problems.append("transparency group in %s" % key)
    for bad in ("/JavaScript", "/JS", "/EmbeddedFiles", "/Launch"):
        if bad in d:
            problems.append("%s in %s" % (bad, key))
    if d.get("/Filter") == "/LZWDecode":
        problems.append("LZW in %s" % key)
    if d.get("/Type") == "/Annot":
        need(isinstance(d.get("/F"), int) and d["/F"] & 4, "annotation %s printable" % key)
need(fonts > 0, "fonts present")
need(len(set(tags)) == len(tags), "distinct subset tags (%s)" % ", ".join(sorted(tags)))
if problems:
    print("%s: NOT PDF/A-2b:" % path)
    for p in problems:
        print("  - " + p)
    sys.exit(1)
print("%s: PDF/A-2b requirements checked: all hold" % path)

#!/usr/bin/env python3
"""Subset tags across the PDFs given (one pack): a tag+name seen twice must name the
same embedded font program, i.e. different subsets carry different tags."""
import base64, hashlib, json, subprocess, sys

seen = {}
bad = 0
for path in sys.argv[1:]:
    j = json.loads(subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
                                   "--decode-level=generalized", path], capture_output=True).stdout)
    objs = j["qpdf"][1]
    for o in objs.values():
        d = o.get("value")
        if not isinstance(d, dict) or d.get("/Type") != "/FontDescriptor" or "/FontFile2" not in d:
            continue
        data = base64.b64decode(objs["obj:" + d["/FontFile2"]]["stream"]["data"])
        h = hashlib.sha256(data).hexdigest()
        name = d["/FontName"]
        if name in seen and seen[name][0] != h:
            bad += 1
            print("%s in %s and %s with different glyphs" % (name, seen[name][1], path.split("/")[-1]))
        seen.setdefault(name, (h, path.split("/")[-1]))
print("%d subsets, %d names shared by different subsets" % (len(seen), bad))
sys.exit(1 if bad else 0)

#!/usr/bin/env python3
"""Schema faults never hide the semantic checks, so the checks run on trees the
schema refused: this breaks valid.xml (and a sample) in every place the schema
guards -- each attribute taken out, given a bad value, each element taken out,
doubled, or preceded by an unknown one -- and asserts that validate neither
crashes nor prints a message without file:line:col, nor the same line twice,
nor "(null)"; and that each run that fails says so with exit 65.
Usage: mutate.py ISMSPACK FILE.xml...   Prints PASS:/FAIL: lines."""
import os, re, shutil, subprocess, sys, tempfile
import xml.dom.minidom as minidom

binary, files = sys.argv[1], sys.argv[2:]
located = re.compile(r"^[^:]+:[0-9]+:[0-9]+: (error|warning|note): ")
tmp = tempfile.mkdtemp()


def mutants(text):
    """(name, text) for each mutation of one element or attribute."""
    dom = minidom.parseString(text.encode("utf-8"))
    elems = dom.getElementsByTagName("*")
    for i in range(len(elems)):
        def mutate(fn):
            d = minidom.parseString(text.encode("utf-8"))
            e = d.getElementsByTagName("*")[i]
            if fn(d, e) is False:
                return None
            return d.toxml()
        e = elems[i]
        tag = e.tagName
        if i > 0:
            yield "drop-%d-%s" % (i, tag), mutate(lambda d, e: e.parentNode.removeChild(e))
            yield "double-%d-%s" % (i, tag), mutate(
                lambda d, e: e.parentNode.insertBefore(e.cloneNode(True), e))
            yield "foreign-before-%d-%s" % (i, tag), mutate(
                lambda d, e: e.parentNode.insertBefore(d.createElementNS(e.namespaceURI, "bogus"), e))
        yield "text-in-%d-%s" % (i, tag), mutate(lambda d, e: e.appendChild(d.createTextNode("x")))
        for a in list(e.attributes.keys()):
            if a.startswith("xmlns"):
                continue
            yield "no-%s-%d-%s" % (a, i, tag), mutate(lambda d, e, a=a: e.removeAttribute(a))
            for bad in ("x", ""):
                yield "%s=%s-%d-%s" % (a, bad, i, tag), mutate(
                    lambda d, e, a=a, bad=bad: e.setAttribute(a, bad))
        yield "extra-attr-%d-%s" % (i, tag), mutate(lambda d, e: e.setAttribute("colour", "red"))


def enrich(text):
    """valid.xml with every optional section and element, so all are broken."""
    for old, new in (
        ("</headTitle>\n", '</headTitle>\n  <settings correctiveAfterMisses="2" reviewsPerYear="1"/>\n'),
        ("  </bodies>\n", '  </bodies>\n  <approvals><approval kind="policy" drafter="exec" reviewer="p-lin" approver="p-wang"/></approvals>\n'),
        ("  </documents>\n", '  </documents>\n  <records><record document="policy" keeper="u-admin" retentionYears="3"><name><zh>紀錄</zh></name><location><zh>行政室</zh></location></record></records>\n'),
        ("<dataSource><zh>人事室訓練紀錄</zh></dataSource>\n", '<dataSource><zh>人事室訓練紀錄</zh></dataSource>\n      <alsoUnit unit="u-office"/>\n      <milestone period="2025Q2" target="50"/>\n'),
        ("  </reviews>\n", '    <review id="mr2" number="114-02" date="2025-11-20" time="14:00" chair="p-wang" recorder="p-chen">\n      <venue><zh>會議室</zh></venue>\n      <attendee person="p-wang"/>\n      <followUp action="a1" status="closed" closed="2025-09-01"><zh>已完成</zh></followUp>\n      <inputs><issuesChanges><none/></issuesChanges><interestedParties><none/></interestedParties><nonconformities><none/></nonconformities><monitoring><none/></monitoring><auditResults><none/></auditResults><feedback><none/></feedback><risks><none/></risks><improvements><none/></improvements></inputs>\n      <decisions><none/></decisions>\n    </review>\n  </reviews>\n'),
        ("</organisation>", '  <soa catalogue="ISO/IEC 27001:2022"><control id="A.5.1" applicable="true" status="implemented"><reference document="policy"/></control>\n    <control id="A.7.4" applicable="false" status="not-applicable"><justification><zh>無</zh></justification></control></soa>\n  <customClauses><clause document="policy" after="scope"><heading><zh>附則</zh></heading><p><zh>自訂條文</zh></p></clause></customClauses>\n</organisation>'),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


fails = runs = 0
work = []
for f in files:
    text = open(f, encoding="utf-8").read()
    if os.path.basename(f) == "valid.xml":
        text = enrich(text)
        path = os.path.join(tmp, "rich.xml")
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
        p = subprocess.run([binary, "validate", path], capture_output=True, text=True)
        if p.returncode != 0:
            print("FAIL: bad/mutate/rich-base-valid\n" + p.stderr)
    for name, mtext in mutants(text):
        if mtext is not None:
            work.append((os.path.basename(f), name, mtext))


def run(job):
    base, name, mtext = job
    d = tempfile.mkdtemp(dir=tmp)
    path = os.path.join(d, base)
    with open(path, "w", encoding="utf-8") as out:
        out.write(mtext)
    return job, subprocess.run([binary, "validate", path], capture_output=True, text=True)


from concurrent.futures import ThreadPoolExecutor
with ThreadPoolExecutor(max_workers=2) as pool:
    results = list(pool.map(run, work))
for (base, name, mtext), p in results:
    runs += 1
    lines = [l for l in p.stderr.splitlines() if l]
    why = None
    if p.returncode not in (0, 65):
        why = "exit %d" % p.returncode
    elif p.returncode == 65 and not any(": error: " in l for l in lines):
        why = "exit 65 without an error"
    elif any(not located.match(l) for l in lines if not l.startswith("ismspack:")):
        why = "a message without file:line:col"
    elif len(set(lines)) != len(lines):
        why = "a message said twice"
    elif "(null)" in p.stderr:
        why = "(null) in a message"
    if why:
        fails += 1
        if fails <= 20:
            print("FAIL: bad/mutate/%s/%s — %s" % (base, name, why))
            print("\n".join("    " + l for l in lines[:8]))
print(("PASS" if not fails else "FAIL") + ": bad/mutate (%d mutants, %d failed)" % (runs, fails))
shutil.rmtree(tmp)

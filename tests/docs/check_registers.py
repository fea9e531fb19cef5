#!/usr/bin/python3
"""Reads the registers workbook with openpyxl and checks it against the model dump:
every action, document, record and control is there, and overdue actions (due
before the period's end and not closed) are highlighted."""
import re, sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
dump = open(sys.argv[2], encoding="utf-8").read()
period_end = sys.argv[3]  # YYYY-MM-DD
bad = 0
def fail(msg):
    global bad
    bad += 1
    print(msg)

actions = re.findall(r"^  action (\S+) owner=\S+ due=(\S+)", dump, re.M)
closed = set(re.findall(r"^  followUp (\S+) status=(?:closed|cancelled)", dump, re.M))
ws = wb.worksheets[0]
rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
fills = {}
for row in ws.iter_rows(min_row=2):
    if row[0].value:
        fills[row[0].value] = row[0].fill.fgColor.rgb
if set(rows) != {a for a, _ in actions}:
    fail("actions differ: sheet %s, data %s" % (sorted(rows), sorted(a for a, _ in actions)))
for a, due in actions:
    overdue = due < period_end and a not in closed
    status = str(rows.get(a, ("",) * 6)[5])
    red = str(fills.get(a, "")).upper().endswith("FFC7CE")
    if overdue != ("逾期" in status or "Overdue" in status) or overdue != red:
        fail("action %s: due %s, overdue %s, sheet status %r, highlighted %s" % (a, due, overdue, status, red))
docs = re.findall(r"^document \S+ kind=\S+ number=(\S+)", dump, re.M)
if [r[0] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True) if r[0]] != docs:
    fail("document register differs")
nrec = len(re.findall(r"^record ", dump, re.M))
if len([r for r in wb.worksheets[2].iter_rows(min_row=2, values_only=True) if r[1]]) != nrec:
    fail("record count differs")
ctl = re.findall(r"^control (\S+)", dump, re.M)
if [r[0] for r in wb.worksheets[5].iter_rows(min_row=2, values_only=True) if r[0] and r[0].startswith("A.")] != ctl:
    fail("SoA controls differ")
print("%d actions, %d documents, %d records, %d controls checked; %d problems" % (len(actions), len(docs), nrec, len(ctl), bad))
sys.exit(1 if bad else 0)

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
import datetime
for a, due in actions:
    cell = rows.get(a, ("",) * 7)[5]
    if not isinstance(cell, datetime.datetime) or cell.date().isoformat() != due:
        fail("action %s: due %s, sheet has %r (not that date as a date cell)" % (a, due, cell))
    overdue = due < period_end and a not in closed
    status = str(rows.get(a, ("",) * 7)[6])
    red = str(fills.get(a, "")).upper().endswith("FFC7CE")
    if overdue != ("逾期" in status or "Overdue" in status) or overdue != red:
        fail("action %s: due %s, overdue %s, sheet status %r, highlighted %s" % (a, due, overdue, status, red))
docs = re.findall(r"^document \S+ kind=\S+ number=(\S+)", dump, re.M)
if [r[0] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True) if r[0]] != docs:
    fail("document register differs")
for r in wb.worksheets[1].iter_rows(min_row=2):
    if r[0].value and r[4].value is not None and not r[4].is_date:
        fail("document %s: issue date %r is not a date cell" % (r[0].value, r[4].value))
nrec = len(re.findall(r"^record ", dump, re.M))
if len([r for r in wb.worksheets[2].iter_rows(min_row=2, values_only=True) if r[1]]) != nrec:
    fail("record count differs")
ctl = re.findall(r"^control (\S+)", dump, re.M)
soa = [r for r in wb.worksheets[5].iter_rows(min_row=2, values_only=True) if r[0] and r[0].startswith("A.")]
ids = [r[0] for r in soa]
# every Annex A control once, in the standard's order; those the data lacks not assessed
key = lambda i: tuple(int(x) for x in i[2:].split("."))
if len(ids) != 93 or len(set(ids)) != 93 or ids != sorted(ids, key=key):
    fail("SoA does not list the 93 Annex A controls in order")
if [i for i in ids if i in ctl] != sorted(ctl, key=key):
    fail("SoA controls of the data differ")
for r in soa:
    if (r[0] in ctl) == ("未評估" in str(r[4]) or "Not assessed" in str(r[4])):
        fail("SoA control %s: status %r" % (r[0], r[4]))
print("%d actions, %d documents, %d records, %d controls checked; %d problems" % (len(actions), len(docs), nrec, len(ctl), bad))
sys.exit(1 if bad else 0)

#!/usr/bin/python3
"""Reads the objectives workbook with openpyxl and recomputes, independently of
ismspack, each objective's cumulative figures from the measurement rows: they must
equal the workbook's cumulative column and the KPI sheet's current value."""
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
targets, meas, kpi = wb.worksheets[0], wb.worksheets[1], wb.worksheets[2]
rule = {}
ids = []
for row in targets.iter_rows(min_row=2, values_only=True):
    if row[0] is None:
        continue
    rule[row[1]] = row[13]   # title -> cumulative rule
    ids.append(row[1])
bad = 0
checked = 0
series = {}
for row in meas.iter_rows(min_row=2, values_only=True):
    oid, title, period, actual, num, den, cum = row[:7]
    if oid is None:
        continue
    s = series.setdefault(title, {"vals": [], "num": 0.0, "den": 0.0, "last": None})
    if actual is not None:
        s["vals"].append(actual)
        s["last"] = actual
        if num is not None:
            s["num"] += num
            s["den"] += den
    r = rule[title]
    if not s["vals"]:
        want = None
    elif r == "sum":
        want = sum(s["vals"])
    elif r == "mean":
        want = sum(s["vals"]) / len(s["vals"])
    elif r == "last":
        want = s["last"]
    else:
        want = s["num"] / s["den"] * (100 if "%" in str(targets.cell(row=2 + ids.index(title), column=7).value) else 1)
    s["want"] = want
    checked += 1
    if (want is None) != (cum is None) or (want is not None and abs(want - cum) > 1e-9):
        print("cumulative differs: %s %s: workbook %r, recomputed %r" % (title, period, cum, want))
        bad += 1
for row in kpi.iter_rows(min_row=2, values_only=True):
    title, current = row[0], row[3]
    if title is None:
        continue
    want = series.get(title, {}).get("want")
    checked += 1
    if (want is None) != (current is None) or (want is not None and abs(want - current) > 1e-9):
        print("current value differs: %s: workbook %r, recomputed %r" % (title, current, want))
        bad += 1
print("%d figures checked, %d differ" % (checked, bad))
sys.exit(1 if bad or checked == 0 else 0)

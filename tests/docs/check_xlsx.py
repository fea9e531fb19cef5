#!/usr/bin/python3
"""Reads the objectives workbook with openpyxl and recomputes, independently of
ismspack, each objective's year-to-date figures from the measurement rows: they must
equal the workbook's year-to-date column and the KPI sheet's.  For objectives without
milestones it also recomputes each period's own target (a yearly total's share when
judged pro rata), the variance against it and both verdicts."""
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
targets, meas, kpi = wb.worksheets[0], wb.worksheets[1], wb.worksheets[2]
obj = {}
for row in targets.iter_rows(min_row=2, values_only=True):
    if row[0] is None:
        continue
    obj[row[1]] = {"cmp": row[4], "target": row[5], "unit": row[6], "rule": row[13],
                   "monthly": row[14] == "monthly", "judge": row[15] or "pro-rata"}

def meets(cmp, v, t):
    e = 1e-9 * max(abs(t), 1)
    return {"≥": v >= t - e, ">": v > t + e, "≤": v <= t + e, "<": v < t - e, "=": abs(v - t) <= e}[cmp]

def achieved(status):
    return status.split()[0] in ("達成", "Achieved")

bad = 0
checked = 0
series = {}
for row in meas.iter_rows(min_row=2, values_only=True):
    oid, title, period, actual, num, den, own_basis, own_status, variance, ytd = row[:10]
    ytd_basis, ytd_status = row[10], row[11]
    if oid is None:
        continue
    o = obj[title]
    s = series.setdefault(title, {"vals": [], "num": 0.0, "den": 0.0, "last": None, "k": 0})
    s["k"] += 1
    if actual is not None:
        s["vals"].append(actual)
        s["last"] = actual
        if num is not None:
            s["num"] += num
            s["den"] += den
    r = o["rule"]
    if not s["vals"]:
        want = None
    elif r == "sum":
        want = sum(s["vals"])
    elif r == "mean":
        want = sum(s["vals"]) / len(s["vals"])
    elif r == "last":
        want = s["last"]
    else:
        want = s["num"] / s["den"] * (100 if "%" in str(o["unit"]) else 1) if s["den"] else None
    s["want"] = want
    checked += 1
    if (want is None) != (ytd is None) or (want is not None and abs(want - ytd) > 1e-9):
        print("year to date differs: %s %s: workbook %r, recomputed %r" % (title, period, ytd, want))
        bad += 1
    if "里程碑" in str(own_basis) or "milestone" in str(own_basis):
        continue
    n = 12 if o["monthly"] else 4
    T = o["target"]
    pro = r == "sum" and o["judge"] == "pro-rata" and T != 0
    own_t = T / n if r == "sum" and T != 0 else T
    ytd_t = T * s["k"] / n if pro else T
    if actual is not None:
        checked += 2
        if abs((actual - own_t) - variance) > 1e-9:
            print("variance differs: %s %s: workbook %r, recomputed %r" % (title, period, variance, actual - own_t))
            bad += 1
        if meets(o["cmp"], actual, own_t) != achieved(own_status):
            print("period verdict differs: %s %s: %s" % (title, period, own_status))
            bad += 1
    if ytd is not None:
        checked += 1
        if meets(o["cmp"], ytd, ytd_t) != achieved(ytd_status):
            print("year-to-date verdict differs: %s %s: %s" % (title, period, ytd_status))
            bad += 1
for row in kpi.iter_rows(min_row=2, values_only=True):
    title, ytd = row[0], row[7]
    if title is None:
        continue
    if obj[title]["monthly"]:
        continue  # the KPI sheet speaks of the quarter; its year to date is the last month's
    want = series.get(title, {}).get("want")
    checked += 1
    if (want is None) != (ytd is None) or (want is not None and abs(want - ytd) > 1e-9):
        print("year to date differs: %s: workbook %r, recomputed %r" % (title, ytd, want))
        bad += 1
print("%d figures checked, %d differ" % (checked, bad))
sys.exit(1 if bad or checked == 0 else 0)

#!/usr/bin/python3
"""Figures recomputed by hand for six objectives of tests/figures/org, looked up in
every document that shows them: the KPI table, the quarterly review form and the
workbook at 2025Q3, and the minutes of the review of 21 October 2025 (which measures
2025Q3).  Usage: check.py OUT_Q3 OUT_Q4.  Prints PASS:/FAIL: lines."""
import re
import subprocess
import sys

import openpyxl
from html import unescape as html_unescape

q3, q4 = sys.argv[1], sys.argv[2]

def text(pdf, page=None):
    args = ["pdftotext"] + (["-f", str(page), "-l", str(page)] if page else []) + [pdf, "-"]
    return "".join(subprocess.run(args, capture_output=True, text=True).stdout.split())

def norm(s):
    return "".join(s.split())

def check(name, hay, want):
    if norm(want) in hay:
        print("PASS: figures/%s" % name)
    else:
        print("FAIL: figures/%s\n  wanted: %s" % (name, norm(want)))

def blocks(pdf):
    """Text lines with page, top and horizontal centre."""
    html = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True).stdout
    out = []
    for page, body in enumerate(html.split("<page ")[1:]):
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', body, re.S):
            words = html_unescape("".join(re.findall(r">([^<]*)</word>", m.group(5))))
            x0, y0, x1 = float(m.group(1)), float(m.group(2)), float(m.group(3))
            out.append((page, y0, (x0 + x1) / 2, words))
    return out

def row_text(bl, title, titles):
    """The row of a table that starts with title: its cells left to right, each cell's
    lines top to bottom.  Cells are centred vertically, so the row reaches half way to
    the neighbouring rows' titles."""
    heads = [b for b in bl if b[3].startswith(title)]
    if not heads:
        return ""
    page, y, x = heads[0][0], heads[0][1], heads[0][2]
    ys = sorted(b[1] for b in bl if b[0] == page and abs(b[2] - x) < 60 and
                any(b[3].startswith(t) for t in titles))
    k = ys.index(y)
    bottom = (ys[k + 1] + y) / 2 if k + 1 < len(ys) else y + 40
    top = (ys[k - 1] + y) / 2 if k > 0 else y - (bottom - y)  # the first row: as far up as down
    cells = [b for b in bl if b[0] == page and top <= b[1] < bottom]
    cells.sort(key=lambda b: (round(b[2] / 14), b[1]))
    return "".join(b[3] for b in cells)

def check_row(name, bl, title, want):
    row = row_text(bl, title, TITLES)
    if norm(want) in row:
        print("PASS: figures/%s" % name)
    else:
        print("FAIL: figures/%s\n  wanted: %s\n  row:    %s" % (name, norm(want), row))

def form_page(title):
    n = int(subprocess.run(["pdfinfo", q3 + "/22-review-form.pdf"], capture_output=True, text=True)
            .stdout.split("Pages:")[1].split()[0])
    for p in range(1, n + 1):
        t = text(q3 + "/22-review-form.pdf", p)
        if "目標項目" + title in t:
            return t
    return ""

# (title, KPI-table and minutes row after the period, review-form rows, workbook KPI row)
HAND = [
    # 3 + 2 + 4 drills against 12 a year: Q3's own 4 ≥ 3, year to date 9 ≥ 9 (9/12 of 12)
    ("應變演練次數", "≥ 12 次", "4 次 達成 ≥ 3 次（全年 12 次） 9 次 達成 ≥ 9 次（全年 12 次）",
     ["3次3次2次5次4次9次", "≥3次（全年12次）≥3次（全年12次）≥3次（全年12次）≥6次（全年12次）≥3次（全年12次）≥9次（全年12次）",
      "達成達成未達成未達成達成達成"], (4, "達成", 9, "達成")),
    # cap 24 a year judged pro rata; August missing: Q3 = Jul 2 + Sep 3 = 5 ≤ 6, year 16 ≤ 18
    ("惡意程式事件", "≤ 24 件", "5 件 達成 ≤ 6 件（全年 24 件） 16 件 達成 ≤ 18 件（全年 24 件）",
     ["6件6件5件11件5件（缺8月）16件", "達成達成達成達成達成達成", "7月：隨身碟帶入8月無資料9月：開學新設備", "方婉婷"],
     (5, "達成", 16, "達成")),
    # cap 24 against the running sum, 4 a month: 24 spent by June, Q3's 12 against 0 left
    ("外洩通報件數", "≤ 24 件", "12 件 未達成 ≤ 0 件（全年 24 件之餘額） 36 件 未達成",
     ["12件12件12件24件12件36件", "≤24件（全年24件之餘額）≤24件≤12件（全年24件之餘額）≤24件≤0件（全年24件之餘額）≤24件",
      "達成達成達成達成未達成未達成"], (12, "未達成", 36, "未達成")),
    # milestones 35 / 70 / 95: Q2's 68 misses 70, Q3's 95 meets 95
    ("資產盤點完成率", "≥ 100%", "95% 達成 ≥ 95%（里程碑，全年 100%） 95% 達成 ≥ 95%（里程碑，全年 100%）",
     ["36%36%68%68%95%95%", "達成達成未達成未達成達成達成"], (95, "達成", 95, "達成")),
    # mean hours < 4 with 3 decimals in the data: Q1 (3.5+3.983+4.1)/3 = 3.861, Q2 3.400,
    # year to date at Q2 21.783/6 = 3.6305 → 3.631 (half up); Q3 (4.4+4.2)/2 = 4.300 without
    # August; year to date 30.383/8 = 3.797875 → 3.798
    ("事件反應時間", "< 4 小時", "4.300 小時 未達成 3.798 小時 達成",
     ["3.861小時3.861小時3.400小時3.631小時4.300小時（缺8月）3.798小時", "達成達成達成達成未達成達成",
      "3月：人力不足", "7月：颱風停班8月無資料9月：系統更新", "宋立德"], (4.3, "未達成", 3.797875, "達成")),
    # 96.98 against ≥ 97 prints 96.98%, not 97%; Q2's year to date (96.98+97)/2 = 96.99
    ("修補完成率", "≥ 97%", "97.50% 達成 97.16% 達成",
     ["96.98%96.98%97.00%96.99%97.50%97.16%", "未達成未達成達成未達成達成達成"], (97.5, "達成", 97.16, "達成")),
]

kpi = text(q3 + "/23-kpi-table.pdf")
TITLES = [r[1] for r in openpyxl.load_workbook(q3 + "/20-objectives.xlsx").worksheets[0].iter_rows(min_row=2, values_only=True) if r[1]]
kpi_bl = blocks(q3 + "/23-kpi-table.pdf")
minutes_bl = blocks(q4 + "/40-review-minutes.pdf")
wb = openpyxl.load_workbook(q3 + "/20-objectives.xlsx")
rows = {r[0]: r for r in wb.worksheets[2].iter_rows(min_row=2, values_only=True) if r[0]}
for title, target, row, form, book in HAND:
    check_row("kpi-table/" + title, kpi_bl, title, target + "114年第3季" + row)
    check_row("minutes/" + title, minutes_bl, title, target + row)
    page = form_page(title)
    for k, want in enumerate(form):
        check("review-form/%s/%d" % (title, k), page, want)
    r = rows.get(title)
    ok = r is not None and abs(r[4] - book[0]) < 1e-9 and r[6] == book[1] and abs(r[7] - book[2]) < 1e-9 and r[9] == book[3]
    print("%s: figures/workbook/%s%s" % ("PASS" if ok else "FAIL", title, "" if ok else "\n  got %r" % (r,)))
# 0 of 0: nothing to measure, its note kept, no data in the summary
check("review-form/nothing-to-measure", form_page("教職員資安訓練"), "無量測對象")
check("review-form/nothing-to-measure-note", form_page("教職員資安訓練"), "本期無量測對象：暑假無開課")
# the summary counts a period without data as no data
check("kpi-table/summary", kpi, "本期達成")

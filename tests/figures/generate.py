#!/usr/bin/env python3
# Writes tests/figures/org/objectives.xml: 22 objectives covering every rule.
import sys
out = []
W = out.append
def t(tag, zh, en=None):
    return "<%s><zh>%s</zh>%s</%s>" % (tag, zh, "<en>%s</en>" % en if en else "", tag)
REP = {"u-sys": "p-lo", "u-net": "p-chi", "u-hr": "p-yu", "u-lib": "p-wei", "u-gen": "p-jen", "u-acad": "p-jen", "u-stud": "p-wei", "u-audit": "p-ou"}
OWN = {"u-sys": "p-shih", "u-net": "p-tang", "u-hr": "p-peng", "u-lib": "p-fang", "u-gen": "p-kao", "u-acad": "p-pan", "u-stud": "p-tu", "u-audit": "p-tseng"}
def rdate(p):
    if "Q" in p:
        q = int(p[-1]); y = 2025 + (q == 4); m = 1 if q == 4 else q * 3 + 1
    else:
        mo = int(p[5:]); y = 2025 + (mo == 12); m = 1 if mo == 12 else mo + 1
    return "%d-%02d-08" % (y, m)
def obj(id, freq, unit, cmp, target, cum, ou, title, kpi, meas, last=None, judge=None, en=True,
        also=(), counter=None, milestones=(), reviewer=None):
    a = 'id="%s" frequency="%s" unit="%s" comparator="%s" target="%s"' % (id, freq, unit, cmp, target)
    if last is not None: a += ' lastYear="%s"' % last
    a += ' cumulative="%s"' % cum
    if judge: a += ' judge="%s"' % judge
    a += ' ownerUnit="%s" owner="%s"' % (ou, OWN[ou])
    W('  <objective %s>' % a)
    W('    ' + t("title", title[0], title[1] if en else None))
    W('    ' + t("kpi", kpi[0], kpi[1] if en else None))
    W('    ' + t("method", "依 KPI 定義計算", "As the KPI defines" if en else None))
    W('    ' + t("resources", "既有人力", "Existing staff" if en else None))
    W('    <actions>%s</actions>' % t("item", "按月追蹤", "Track monthly" if en else None))
    W('    ' + t("dataSource", "單位紀錄", "Unit records" if en else None))
    if counter: W('    ' + t("counter", counter[0], counter[1]))
    for u in also: W('    <alsoUnit unit="%s"/>' % u)
    for p, v in milestones: W('    <milestone period="%s" target="%s"/>' % (p, v))
    for m in meas:
        p, v = m[0], m[1]
        note = m[2] if len(m) > 2 else None
        attrs = 'period="%s"' % p
        if isinstance(v, tuple): attrs += ' numerator="%s" denominator="%s"' % v
        else: attrs += ' value="%s"' % v
        attrs += ' reporter="%s" date="%s"' % (REP[ou], rdate(p))
        if reviewer: attrs += ' reviewer="%s"' % reviewer
        if note:
            W('    <measurement %s>%s</measurement>' % (attrs, t("variance", note[0], note[1] if en and len(note) > 1 else None)))
        else:
            W('    <measurement %s/>' % attrs)
    W('  </objective>')
M = lambda i: "2025-%02d" % i
Q = lambda i: "2025Q%d" % i
W('<?xml version="1.0" encoding="UTF-8"?>')
W('<!-- 22 objectives for tests/figures: monthly and quarterly, totals and caps, milestones,\n     missing months, 0 of 0, boundary values, English for only some texts. -->')
W('<objectives xmlns="urn:ismspack:isms:1.0" year="2025">')
# 1 quarterly mean, a missing quarter
obj("o-uptime", "quarterly", "percent", "ge", "99.5", "mean", "u-sys", ("校務系統可用率", "Availability of the administrative systems"), ("服務時段可用率", "Availability in service hours"),
    [(Q(1), "99.6"), (Q(2), "99.43", ("資料庫主機當機 3 小時", "Database host down 3 hours")), (Q(4), "99.97")], last="99.21", reviewer="p-fang")
# 2 ratio with 0 of 0
obj("o-train", "quarterly", "percent", "ge", "90", "ratio", "u-hr", ("教職員資安訓練", "Staff security training"), ("完成年度課程比例", "Share who completed the course"),
    [(Q(1), (210, 260), ("兼任教師尚未完成", "Part-time lecturers outstanding")), (Q(2), (235, 262)), (Q(3), (0, 0), ("暑假無開課", "No course over the summer")), (Q(4), (262, 265))],
    last="84", also=("u-lib",), counter=None)
# 3 quarterly total ge pro rata, counter
obj("o-drill", "quarterly", "count", "ge", "12", "sum", "u-net", ("應變演練次數", "Response drills held"), ("全年辦理之演練次數", "Drills held this year"),
    [(Q(1), "3"), (Q(2), "2", ("颱風停班延期一次", "One postponed by a typhoon")), (Q(3), "4"), (Q(4), "3")], last="10", counter=("次", "drills"), also=("u-sys",))
# 4 monthly cap pro rata, August missing
obj("o-malware", "monthly", "count", "le", "24", "sum", "u-lib", ("惡意程式事件", "Malware incidents"), ("全年惡意程式感染件數上限", "Malware infections in the year"),
    [(M(1), "1"), (M(2), "3", ("宿舍網段感染", "Dormitory network")), (M(3), "2"), (M(4), "0"), (M(5), "4", ("釣魚附件", "Phishing attachment")),
     (M(6), "1"), (M(7), "2", ("隨身碟帶入", "A USB drive")), (M(9), "3", ("開學新設備", "New devices at term start")), (M(10), "2"), (M(11), "1"), (M(12), "1")],
    counter=("件", "incidents"), reviewer="p-fang")
# 5 monthly cap against the running sum
obj("o-leak", "monthly", "count", "le", "24", "sum", "u-net", ("外洩通報件數", "Reported data leaks"), ("全年累計上限", "Yearly cap"),
    [(M(i), "4") for i in range(1, 13)], judge="year", counter=("件", "cases"))
# 6 milestones
obj("o-asset", "quarterly", "percent", "ge", "100", "last", "u-sys", ("資產盤點完成率", "Asset inventory completed"), ("已盤點資產比例", "Share of assets inventoried"),
    [(Q(1), "36"), (Q(2), "68", ("採購延遲", "Procurement delay")), (Q(3), "95"), (Q(4), "100")], milestones=((Q(1), "35"), (Q(2), "70"), (Q(3), "95")))
# 7 monthly mean lt hours, a missing month, an explanation per month
obj("o-response", "monthly", "hours", "lt", "4", "mean", "u-lib", ("事件反應時間", "Incident response time"), ("事件處理平均時間", "Mean handling time"),
    [(M(1), "3.5"), (M(2), "3.983"), (M(3), "4.1", ("人力不足", "Short-staffed")), (M(4), "3.2"), (M(5), "3.4"), (M(6), "3.6"),
     (M(7), "4.4", ("颱風停班", "Typhoon closure")), (M(9), "4.2", ("系統更新", "System upgrade")), (M(10), "3.1"), (M(11), "3.0"), (M(12), "2.9")], reviewer="p-sung")
# 8 boundary 96.98 vs 97
obj("o-patch", "quarterly", "percent", "ge", "97", "mean", "u-sys", ("修補完成率", "Patches applied"), ("關鍵修補於期限內完成比例", "Critical patches applied on time"),
    [(Q(1), "96.98"), (Q(2), "97"), (Q(3), "97.5"), (Q(4), "98")])
# 9 equality 0 total
obj("o-nc", "quarterly", "count", "eq", "0", "sum", "u-audit", ("稽核不符合事項", "Audit nonconformities"), ("不符合項目數量", "Nonconformities found"),
    [(Q(1), "0"), (Q(2), "2", ("文件管制 2 項", "Two in document control")), (Q(3), "0"), (Q(4), "0")], counter=("項", "findings"))
# 10 days le, half up
obj("o-vuln", "quarterly", "days", "le", "14", "mean", "u-net", ("弱點修補天數", "Days to fix vulnerabilities"), ("平均修補天數", "Mean days to fix"),
    [(Q(1), "14.25"), (Q(2), "13.5"), (Q(3), "15"), (Q(4), "12")], last="21")
# 11 monthly ratio le phishing
obj("o-phish", "monthly", "percent", "le", "5", "ratio", "u-lib", ("釣魚郵件點擊率", "Phishing click rate"), ("演練點擊比例", "Drill click rate"),
    [(M(3), (13, 260)), (M(6), (12, 262)), (M(9), (14, 265)), (M(12), (9, 265))], en=False)
# 12 monthly total ge
obj("o-patchcount", "monthly", "count", "ge", "120", "sum", "u-sys", ("修補部署數", "Patches deployed"), ("全年部署之修補數", "Patches deployed this year"),
    [(M(i), str(v)) for i, v in zip(range(1, 13), [10, 9, 11, 10, 12, 8, 10, 10, 11, 9, 10, 12])], counter=("個", "patches"))
# 13 gt
obj("o-satisfy", "quarterly", "percent", "gt", "80", "mean", "u-stud", ("服務滿意度", "Service satisfaction"), ("問卷滿意比例", "Satisfied in the survey"),
    [(Q(1), "80"), (Q(2), "80.4"), (Q(3), "81"), (Q(4), "79.96")], en=False)
# 14 quarterly cap lt pro rata
obj("o-outage", "quarterly", "count", "lt", "8", "sum", "u-sys", ("非計畫停機次數", "Unplanned outages"), ("全年停機次數", "Outages in the year"),
    [(Q(1), "1"), (Q(2), "3"), (Q(3), "1"), (Q(4), "2")], counter=("次", "outages"))
# 15 only Chinese, quarterly last
obj("o-policy", "quarterly", "percent", "ge", "100", "last", "u-acad", ("政策宣導簽署率", None), ("簽署比例", None),
    [(Q(1), "40"), (Q(2), "75"), (Q(3), "90"), (Q(4), "100")], en=False, milestones=((Q(1), "25"), (Q(2), "50"), (Q(3), "75")))
# 16 monthly last, no English
obj("o-backup", "monthly", "percent", "eq", "100", "mean", "u-sys", ("備份完成率", None), ("排定備份完成比例", None),
    [(M(i), "100") for i in range(1, 8)] + [(M(8), "99.963", ("磁帶櫃故障",)), (M(9), "100"), (M(10), "100"), (M(11), "100"), (M(12), "100")], en=False)
# 17 nothing measured
obj("o-audit-close", "quarterly", "percent", "ge", "90", "ratio", "u-audit", ("稽核缺失結案率", "Audit findings closed"), ("期限內結案比例", "Closed on time"),
    [(Q(1), (0, 0), ("本季無缺失", "No findings this quarter")), (Q(2), (0, 0), ("本季無缺失", "No findings this quarter")), (Q(3), (3, 4)), (Q(4), (5, 5))])
# 18 no measurements at all
obj("o-vendor", "quarterly", "percent", "ge", "80", "mean", "u-gen", ("委外廠商稽核", "Supplier audits"), ("完成稽核之廠商比例", "Suppliers audited"), [])
# 19 ratio in count unit (per person)
obj("o-tickets", "quarterly", "count", "le", "3", "ratio", "u-sys", ("每人資安工單數", "Security tickets per person"), ("工單數 ÷ 人數", "Tickets ÷ staff"),
    [(Q(1), (52, 20)), (Q(2), (61, 20)), (Q(3), (58, 21)), (Q(4), (60, 21))])
# 20 monthly milestones (a half-year plan)
obj("o-mfa", "monthly", "percent", "ge", "100", "last", "u-net", ("多因子驗證導入", "MFA roll-out"), ("已啟用帳號比例", "Accounts with MFA"),
    [(M(i), str(v)) for i, v in zip(range(1, 13), [10, 22, 31, 45, 58, 66, 70, 78, 85, 92, 97, 100])],
    milestones=((M(3), "30"), (M(6), "60"), (M(9), "90")))
# 21 monthly mean ge with two missing months in one quarter
obj("o-scan", "monthly", "percent", "ge", "95", "mean", "u-net", ("弱點掃描涵蓋率", "Scan coverage"), ("已掃描主機比例", "Hosts scanned"),
    [(M(1), "96"), (M(2), "97"), (M(3), "95.5"), (M(4), "94", ("四月新主機未納入", "New hosts in April not yet in")), (M(7), "96"), (M(8), "96.5"), (M(9), "97")])
# 22 quarterly mean le, English partly
obj("o-helpdesk", "quarterly", "hours", "le", "8", "mean", "u-gen", ("報修處理時間", "Help-desk turnaround"), ("平均處理時數", "Mean hours to close"),
    [(Q(1), "7.95"), (Q(2), "8.05", ("人員請假",)), (Q(3), "8"), (Q(4), "7.5")])
W('</objectives>')
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out) + "\n")

#!/usr/bin/python3
"""Writes rare/organisation.xml: an invented company with rare names (廖𡘙淦, U+21619),
22 objectives (8 monthly), from the dongshan sample's frame.  Run once; the output is
committed, and tests/workbook/suite round-trips it through the input workbook."""
import re, os
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, '../../samples/dongshan-township/organisation.xml'), encoding='utf-8').read()
src = src.replace('id="dongshan" kind="agency"', 'id="rare" kind="company"')
src = src.replace('嘉濱縣東山鄉公所', '𡘙山精密股份有限公司').replace('東山鄉公所', '𡘙山精密')
# people: rare names on existing ids
rare = {'p-lai': '廖𡘙淦', 'p-huang': '黃𪚥', 'p-chou': '周𠀋宏', 'p-lin': '林堃蓉',
        'p-chen': '陳喆傑', 'p-yang': '楊䶮晴'}
for pid, name in rare.items():
    src = re.sub(r'(<person id="%s"[^>]*><name><zh>)[^<]*' % pid, r'\g<1>' + name, src)
obj = []
units = ['u-admin', 'u-hr', 'u-ethics', 'u-civil']
owners = {'u-admin': 'p-chen', 'u-hr': 'p-lu', 'u-ethics': 'p-wu', 'u-civil': 'p-tsai'}
reporters = {'u-admin': 'p-lin', 'u-hr': 'p-yang', 'u-ethics': 'p-chang', 'u-civil': 'p-liu'}
for i in range(22):
    u = units[i % 4]
    monthly = i % 3 == 2
    unit, cmp_, cum, tgt = [('percent', 'ge', 'ratio', '95'), ('hours', 'le', 'mean', '4'),
                            ('count', 'le', 'sum', '3'), ('percent', 'lt', 'mean', '2.5')][i % 4]
    ms = []
    periods = ['2025-%02d' % k for k in range(1, 13)] if monthly else ['2025Q%d' % k for k in range(1, 5)]
    for j, p in enumerate(periods[:-1 if i % 5 == 0 else None]):
        if monthly:
            mo = int(p[5:]) % 12 + 1
            date = '%d-%02d-05' % (2025 if mo > 1 else 2026, mo)
        else:
            q = int(p[-1])
            date = '2025-%02d-08' % (q * 3 + 1) if q < 4 else '2026-01-08'
        if cum == 'ratio':
            val = 'numerator="%d" denominator="%d"' % (40 + j % 3, 42)
        elif unit == 'percent':
            val = 'value="%s"' % ['1.5', '2.25', '0.5', '3.125'][j % 4]
        else:
            val = 'value="%s"' % ['3.5', '4', '2.75', '5'][j % 4]
        var = '<variance><zh>第%d期說明：系統＆流程調整</zh><en>Note for period %d &amp; more</en></variance>' % (j + 1, j + 1) if j % 4 == 1 else ''
        end = '>%s</measurement>' % var if var else '/>'
        ms.append('      <measurement period="%s" %s reporter="%s" date="%s"%s' % (p, val, reporters[u], date, end))
    extra = ''
    if i == 2:   # a monthly count capped for the year, with a second unit
        extra = '\n      <counter><zh>件</zh><en>cases</en></counter>\n      <alsoUnit unit="u-hr"/>\n      <alsoUnit unit="u-admin"/>'
    if i == 6:   # milestones
        extra = '\n      <counter><zh>次</zh></counter>\n      <milestone period="2025Q2" target="1.0"/>\n      <milestone period="2025Q4" target="3"/>'
    judge = ' judge="year"' if i == 2 else ''
    obj.append('''    <objective id="o-r%02d" frequency="%s" unit="%s" comparator="%s" target="%s"%s cumulative="%s"%s ownerUnit="%s" owner="%s">
      <title><zh>目標%02d：𡘙山資安指標</zh><en>Objective %02d</en></title>
      <kpi><zh>指標%02d</zh></kpi>
      <method><zh>計算方式 %02d ÷ 100 × 100%%</zh><en>Method %02d</en></method>
      <resources><zh>人力</zh><en>Staff</en></resources>
      <actions><item><zh>行動一</zh><en>First</en></item><item><zh>行動二</zh></item><item><zh>行動三</zh><en>Third</en></item></actions>
      <dataSource><zh>紀錄</zh><en>Records</en></dataSource>%s
%s
    </objective>''' % (i + 1, 'monthly' if monthly else 'quarterly', unit, cmp_, tgt,
                       ' lastYear="%d.5"' % i if i % 2 else '', cum, judge, u, owners[u],
                       i + 1, i + 1, i + 1, i + 1, i + 1, extra, '\n'.join(ms)))
src = re.sub(r'(<objectives year="2025">).*?(  </objectives>)', lambda m: m.group(1) + '\n' + '\n'.join(obj) + '\n' + m.group(2), src, flags=re.S)
src = src.replace('objective="o-response"', 'objective="o-r02"').replace('objective="o-patch"', 'objective="o-r01"')
src = src.replace('<!-- An invented township office, organised like a Taiwanese 鄉公所 (agency). -->',
                  '<!-- Written by tests/workbook/make_rare.py: rare names, 22 objectives, monthly ones. -->')
open(os.path.join(here, 'rare/organisation.xml'), 'w', encoding='utf-8').write(src)

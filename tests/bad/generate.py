#!/usr/bin/env python3
"""Writes the bad-input cases: each is valid.xml with exactly one defect.
Run once after changing valid.xml; then `sh tests/bad/suite --update` records the
messages, which are reviewed like code (git diff)."""
import os
here = os.path.dirname(os.path.abspath(__file__))
base = open(os.path.join(here, "valid.xml"), encoding="utf-8").read()

def sub(old, new, count=1):
    assert old in base, old
    return base.replace(old, new, count)

REG = ('    <document id="doc-%s" kind="%s" number="%s" tier="%d" version="1.0" issued="2025-01-06" issuingUnit="u-admin" author="p-chen" reviewer="p-lin" approver="p-wang">\n'
       '      <title><zh>%s</zh></title>\n      <classification><zh>一般</zh></classification>\n'
       '      <revision version="1.0" date="2025-01-06" author="p-chen"><zh>初版發行</zh></revision>\n    </document>\n')
REG_COMM = REG % ("comm", "policy-communication", "DEMO-04-001-01", 4, "資通安全政策宣導紀錄")
REG_APPOINT = REG % ("appoint", "appointments", "DEMO-03-002", 3, "資訊安全組織派令")

def comm(acks, date="2025-03-05"):
    """valid.xml with a policy communication record and one communication."""
    return (sub('  </documents>', REG_COMM + '  </documents>')
            .replace('</organisation>', '  <leadership><communications>\n    <communication date="%s" channel="email" by="p-chen">'
                     '<subject><zh>公告資通安全管理政策</zh></subject><audience><zh>全體同仁</zh></audience>\n      %s\n'
                     '    </communication>\n  </communications></leadership>\n</organisation>' % (date, acks)))

cases = {
 "malformed": sub("<sector>local-government</sector>", "<sector>local-government</sectr>"),
 "wrong-namespace": sub('xmlns="urn:ismspack:isms:1.0"', 'xmlns="urn:ismspack:isms:0.9"'),
 "missing-element": sub("  <scope><zh>本所資訊機房及公文系統</zh></scope>\n", ""),
 "bad-enum": sub('kind="agency"', 'kind="ministry"'),
 "bad-date": sub('issued="2025-02-03"', 'issued="2025-02-30"'),
 "bad-date-format": sub('issued="2025-02-03"', 'issued="2025/02/03"'),
 "date-before-1912": sub('issued="2025-02-03"', 'issued="1911-02-03"'),
 "duplicate-id": sub('<person id="p-chen"', '<person id="p-lin"'),
 "dangling-person": sub('ownerUnit="u-admin" owner="p-chen"', 'ownerUnit="u-admin" owner="p-huang"'),
 "dangling-unit": sub('<person id="p-chen" unit="u-admin">', '<person id="p-chen" unit="u-it">'),
 "zero-denominator": sub('numerator="20" denominator="40"', 'numerator="0" denominator="0"'),
 "zero-denominator-numerator": sub('numerator="20" denominator="40"', 'numerator="3" denominator="0"'),
 "negative-denominator": sub('numerator="20" denominator="40"', 'numerator="0" denominator="-4"'),
 "judge-not-sum": sub('cumulative="ratio" ownerUnit', 'cumulative="ratio" judge="pro-rata" ownerUnit'),
 "judge-year-at-least": sub('comparator="ge" target="95" lastYear="90" cumulative="ratio"', 'comparator="ge" target="95" lastYear="90" cumulative="sum" judge="year"'),
 "bad-judge": sub('cumulative="ratio" ownerUnit', 'cumulative="ratio" judge="monthly" ownerUnit'),
 "counter-not-count": sub('<dataSource><zh>人事室訓練紀錄</zh></dataSource>', '<dataSource><zh>人事室訓練紀錄</zh></dataSource>\n      <counter><zh>人</zh><en>people</en></counter>'),
 "also-unit-dangling": sub('<dataSource><zh>人事室訓練紀錄</zh></dataSource>', '<dataSource><zh>人事室訓練紀錄</zh></dataSource>\n      <alsoUnit unit="u-hr"/>'),
 "also-unit-repeated": sub('<dataSource><zh>人事室訓練紀錄</zh></dataSource>', '<dataSource><zh>人事室訓練紀錄</zh></dataSource>\n      <alsoUnit unit="u-admin"/>'),
 "milestone-wrong-frequency": sub('<dataSource><zh>人事室訓練紀錄</zh></dataSource>', '<dataSource><zh>人事室訓練紀錄</zh></dataSource>\n      <milestone period="2025-03" target="50"/>'),
 "milestone-duplicate": sub('<dataSource><zh>人事室訓練紀錄</zh></dataSource>', '<dataSource><zh>人事室訓練紀錄</zh></dataSource>\n      <milestone period="2025Q1" target="50"/>\n      <milestone period="2025Q1" target="60"/>'),
 "milestone-out-of-range": sub('<dataSource><zh>人事室訓練紀錄</zh></dataSource>', '<dataSource><zh>人事室訓練紀錄</zh></dataSource>\n      <milestone period="2025Q2" target="150"/>'),
 "milestone-after-measurement": sub('reporter="p-chen" date="2025-04-08"/>', 'reporter="p-chen" date="2025-04-08"/>\n      <milestone period="2025Q2" target="50"/>'),
 "soa-unknown-control": sub('</organisation>', '  <soa catalogue="ISO/IEC 27001:2022 附錄 A"><control id="A.5.38" applicable="true" status="implemented"/></soa>\n</organisation>'),
 "soa-duplicate-control": sub('</organisation>', '  <soa catalogue="ISO/IEC 27001:2022 附錄 A"><control id="A.5.1" applicable="true" status="implemented"/>\n    <control id="A.5.1" applicable="true" status="planned"/></soa>\n</organisation>'),
 "soa-exclusion-without-justification": sub('</organisation>', '  <soa catalogue="ISO/IEC 27001:2022 附錄 A"><control id="A.7.4" applicable="false" status="not-applicable"/></soa>\n</organisation>'),
 "duty-heading-without-duties": sub('<role kind="viceChair" person="p-lin"/>', '<role kind="viceChair" person="p-lin"><dutyHeading><zh>副召集人</zh></dutyHeading></role>'),
 "secretary-in-audit": sub('      <role kind="leader" person="p-wang"/>\n    </body>\n  </bodies>', '      <role kind="leader" person="p-wang"/>\n      <role kind="secretary" person="p-chen"/>\n    </body>\n  </bodies>'),
 "period-outside-year": sub('period="2025Q1"', 'period="2024Q4"'),
 "period-bad-format": sub('period="2025Q1"', 'period="2025Q5"'),
 "period-wrong-frequency": sub('period="2025Q1"', 'period="2025-03"'),
 "duplicate-period": sub('period="2025Q2"', 'period="2025Q1"'),
 "value-and-ratio": sub('numerator="20" denominator="40"', 'numerator="20" denominator="40" value="50"'),
 "ratio-given-value": sub('numerator="20" denominator="40"', 'value="50"'),
 "numerator-without-denominator": sub('numerator="20" denominator="40"', 'numerator="20"'),
 "negative-numerator": sub('numerator="20"', 'numerator="-20"'),
 "percent-out-of-range": sub('target="95"', 'target="120"'),
 "measured-before-period": sub('reporter="p-chen" date="2025-07-07"', 'reporter="p-chen" date="2025-03-30"'),
 "missing-attribute": sub(' target="95"', ''),
 "attend-and-absent": sub('<absentee person="p-chen">', '<absentee person="p-lin">'),
 "chair-absent": sub('      <attendee person="p-wang"/>\n', ''),
 "due-before-meeting": sub('due="2025-08-31"', 'due="2025-05-01"'),
 "bad-time": sub('time="14:00"', 'time="25:00"'),
 "no-vice-chair": sub('      <role kind="viceChair" person="p-lin"/>\n', ''),
 "role-wrong-body": sub('<role kind="viceChair" person="p-lin"/>', '<role kind="viceChair" person="p-lin"/>\n      <role kind="officer" person="p-chen"/>'),
 "second-committee": sub('<body id="exec" kind="execution"', '<body id="exec" kind="committee"'),
 "unit-cycle": sub('<unit id="u-office">', '<unit id="u-office" parent="u-admin">'),
 "version-mismatch": sub('version="1.1" issued', 'version="1.2" issued'),
 "revision-out-of-order": sub('date="2024-01-10"', 'date="2025-03-10"'),
 "bad-document-number": sub('number="DEMO-01-001"', 'number="demo 01"'),
 "followup-same-review": sub('      <inputs>', '      <followUp action="a1" status="open"><zh>進行中</zh></followUp>\n      <inputs>'),
 "unknown-element": sub('<sector>local-government</sector>', '<sector>local-government</sector>\n  <website>https://example.invalid</website>'),
 "empty-text": sub('<zh>同仁資安教育訓練完成率</zh>', '<zh>   </zh>'),
 "xxe": base.replace('<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE organisation [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>', 1)
        .replace('<zh>本所資訊機房及公文系統</zh>', '<zh>&secret;</zh>'),
 "entity-bomb": base.replace('<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE organisation [\n <!ENTITY a "aaaaaaaaaa">\n'
        + "".join(' <!ENTITY %s "%s">\n' % (chr(98+i), ("&%s;" % chr(97+i)) * 10) for i in range(9))
        + ']>', 1).replace('<zh>本所資訊機房及公文系統</zh>', '<zh>&j;</zh>'),
 "custom-clause-ambiguous": sub('</organisation>', '  <customClauses><clause document="policy" replace="purpose" after="scope"><p><zh>自訂條文</zh></p></clause></customClauses>\n</organisation>'),
 "custom-clause-bad-document": sub('</organisation>', '  <customClauses><clause document="minutes" after="scope"><p><zh>自訂條文</zh></p></clause></customClauses>\n</organisation>'),
 "custom-clause-unknown-id": sub('</organisation>', '  <customClauses><clause document="organisation-procedure" replace="agneda"><p><zh>自訂條文</zh></p></clause></customClauses>\n</organisation>'),
 "custom-clause-unknown-after": sub('</organisation>', '  <customClauses><clause document="policy" after="no-such-clause"><p><zh>自訂條文</zh></p></clause></customClauses>\n</organisation>'),
 "custom-clause-remove-unknown": sub('</organisation>', '  <customClauses><remove document="organisation-procedure" clause="defintions"><reason><zh>本所無須定義</zh></reason></remove></customClauses>\n</organisation>'),
 "custom-clause-remove-no-reason": sub('</organisation>', '  <customClauses><remove document="organisation-procedure" clause="definitions"/></customClauses>\n</organisation>'),
 "custom-clause-removed-twice": sub('</organisation>', '  <customClauses><remove document="organisation-procedure" clause="definitions"><reason><zh>無</zh></reason></remove>\n    <clause document="organisation-procedure" replace="definitions"><p><zh>無。</zh></p></clause></customClauses>\n</organisation>'),
 "custom-clause-table-ragged": sub('</organisation>', '  <customClauses><clause document="organisation-procedure" after="scope"><table><head><cell><zh>甲</zh></cell><cell><zh>乙</zh></cell></head>\n    <row><cell><zh>一</zh></cell></row></table></clause></customClauses>\n</organisation>'),
 "custom-clause-list-empty": sub('</organisation>', '  <customClauses><clause document="organisation-procedure" after="scope"><list style="numbered"/></clause></customClauses>\n</organisation>'),
 "custom-clause-list-bad-style": sub('</organisation>', '  <customClauses><clause document="organisation-procedure" after="scope"><list style="roman"><item><zh>一</zh></item></list></clause></customClauses>\n</organisation>'),
 "custom-clause-too-deep": sub('</organisation>', '  <customClauses><clause document="organisation-procedure" after="agenda"><heading><zh>一</zh></heading><clause><clause><clause><clause><clause><clause><clause><p><zh>太深</zh></p></clause></clause></clause></clause></clause></clause></clause></clause></customClauses>\n</organisation>'),
 "custom-clause-unknown-variable": sub('</organisation>', '  <customClauses><clause document="organisation-procedure" after="scope"><p><zh>由{auditor}辦理。</zh></p></clause></customClauses>\n</organisation>'),
 "agenda-outside-committee": sub('<name><zh>ISMS 執行小組</zh></name>', '<name><zh>ISMS 執行小組</zh></name>\n      <agenda><item><zh>議程</zh></item></agenda>'),
 # Plain words for the parser's faults (each says what to write instead).
 "bare-ampersand": sub('<en>Example Township Office</en>', '<en>Example R&D Office</en>'),
 "undefined-entity": sub('<en>Example Township Office</en>', '<en>Example&nbsp;Township Office</en>'),
 "bare-less-than": sub('<en>Example Township Office</en>', '<en>Example < Township Office</en>'),
 "less-than-before-word": sub('<en>Example Township Office</en>', '<en>Example <Township Office</en>'),
 "unquoted-attribute": sub('tier="1"', 'tier=1'),
 "attribute-twice": sub('tier="1"', 'tier="1" tier="2"'),
 "unclosed-element": sub('<classification><zh>一般</zh></classification>', '<classification><zh>一般</classification>'),
 # ... and the schema's.
 "percent-sign-in-number": sub('target="95"', 'target="99.9%"'),
 "comma-in-number": sub('numerator="20" denominator="40"', 'numerator="20" denominator="1,040"'),
 "fullwidth-out-of-range": sub('target="95"', 'target="１２０"'),
 "roc-date": sub('date="2025-05-20"', 'date="114-05-20"'),
 "roc-date-chinese": sub('issued="2025-02-03"', 'issued="民國114年2月3日"'),
 "unknown-attribute": sub('<unit id="u-office">', '<unit id="u-office" colour="red">'),
 "misspelt-attribute": sub('<unit id="u-admin" parent="u-office"', '<unit id="u-admin" parnt="u-office"'),
 "misspelt-kind": sub('<body id="audit" kind="audit"', '<body id="audit" kind="audti"'),
 "misspelt-element": sub('<sector>local-government</sector>', '<sectr>local-government</sectr>'),
 "text-outside-zh": sub('<venue><zh>本所第一會議室</zh></venue>', '<venue>本所第一會議室</venue>'),
 "empty-name": sub('<unit id="u-office"><name><zh>範例鄉公所</zh></name>', '<unit id="u-office"><name></name>'),
 "duplicate-id-across-kinds": sub('<unit id="u-admin"', '<unit id="p-wang"').replace('parent="u-office" head="p-lin"', 'parent="u-office" head="p-lin"', 1),
 "missing-zh": sub('<jobTitle><zh>書記</zh></jobTitle>', '<jobTitle><en>Clerk</en></jobTitle>'),
 "dangling-follow-up": sub('      <inputs>', '      <followUp action="a9" status="open"><zh>進行中</zh></followUp>\n      <inputs>'),
 # Every fault of a file in one run: schema faults (an unknown element, a duplicate
 # id, a % in a number, an ROC date) and the checks the schema cannot make (a unit
 # cycle, an unreal date, 0 of 0 unexplained, attending and absent), in six sections.
 "many-faults": base.replace('<sector>local-government</sector>', '<sector>local-government</sector>\n  <website>https://example.invalid</website>', 1)
        .replace('<unit id="u-office">', '<unit id="u-office" parent="u-admin">', 1)
        .replace('</people>', '  <person id="p-wang" unit="u-admin"><name><zh>王小明</zh></name><jobTitle><zh>技士</zh></jobTitle></person>\n  </people>', 1)
        .replace('issued="2025-02-03"', 'issued="2025-02-30"', 1)
        .replace('target="95"', 'target="99.9%"', 1)
        .replace('numerator="20" denominator="40"', 'numerator="0" denominator="0"', 1)
        .replace('date="2025-05-20"', 'date="114-05-20"', 1)
        .replace('<absentee person="p-chen">', '<absentee person="p-lin">', 1),
 # the clause 5 leadership documents: each case adds a register entry and its data
 # (both valid) with one defect
 "leadership-without-register-entry": sub('</organisation>', '  <leadership><commitment date="2025-01-10" signer="p-wang"/></leadership>\n</organisation>'),
 "register-entry-without-leadership": sub('  </documents>', REG_COMM + '  </documents>'),
 "ack-unknown-person": comm('<ack person="p-huang" date="2025-03-06"/>'),
 "ack-before-communication": comm('<ack person="p-lin" date="2025-03-04"/>'),
 "ack-repeated": comm('<ack person="p-lin" date="2025-03-05"/><ack person="p-lin" date="2025-03-06"/>'),
 "communication-outside-year": comm('<ack person="p-lin" date="2025-03-06"/>', date="2024-12-20"),
 "appointments-board-for-agency": sub('  </documents>', REG_APPOINT + '  </documents>').replace('</organisation>', '  <leadership><appointments number="範鄉字第1140000001號" date="2025-01-06" effective="2025-01-06" signer="p-wang" basis="board" decided="2025-01-02"/></leadership>\n</organisation>'),
 # the register's drafter is a body; a role reviews documents of known kinds
 "drafter-unknown-body": sub('<document id="policy" kind="policy"', '<document id="policy" kind="policy" drafter="it-team"'),
 "reviews-unknown-kind": sub('<role kind="leader" person="p-lin"/>', '<role kind="leader" person="p-lin" reviews="organisation-procedure minutes"/>'),
 "xinclude-text": sub('<people>', '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>\n  <people>'),
}
for name, text in cases.items():
    assert text != base, name
    with open(os.path.join(here, name + ".xml"), "w", encoding="utf-8") as f:
        f.write(text)
# Byte-level cases.
with open(os.path.join(here, "empty.xml"), "wb") as f:
    pass
with open(os.path.join(here, "invalid-utf8.xml"), "wb") as f:
    f.write(base.replace("範例鄉公所</zh><en>", "範例\xff鄉公所</zh><en>", 1).encode("utf-8", "surrogateescape").replace("\xff".encode("utf-8"), b"\xff"))
with open(os.path.join(here, "big5-encoded.xml"), "wb") as f:
    f.write(base.replace('encoding="UTF-8"', 'encoding="Big5"', 1).encode("big5", "replace"))
# An include reaching outside its folder, and the file it would leak.
os.makedirs(os.path.join(here, "xinclude-outside"), exist_ok=True)
people_start = base.index("  <people>")
people_end = base.index("</people>") + len("</people>")
with open(os.path.join(here, "xinclude-outside", "organisation.xml"), "w", encoding="utf-8") as f:
    f.write(base[:people_start] + '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="../outside-secret.xml"/>' + base[people_end:])
with open(os.path.join(here, "outside-secret.inc"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<!-- not a case: the file a hostile include tries to read -->\n'
            '<people xmlns="urn:ismspack:isms:1.0"><person id="p-x" unit="u-admin"><name><zh>SECRET-MARKER-7F3A</zh></name>'
            '<jobTitle><zh>x</zh></jobTitle></person></people>\n')
# A fault inside an included file is reported in that file, with its own line numbers.
os.makedirs(os.path.join(here, "xinclude-fault"), exist_ok=True)
with open(os.path.join(here, "xinclude-fault", "organisation.xml"), "w", encoding="utf-8") as f:
    f.write(base[:people_start] + '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="people.xml"/>' + base[people_end:])
with open(os.path.join(here, "xinclude-fault", "people.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<people xmlns="urn:ismspack:isms:1.0">\n'
            + base[people_start:people_end].split("\n", 1)[1].replace('<person id="p-chen" unit="u-admin">', '<person id="p-chen" unit="u-it">')
            + "\n")

#!/usr/bin/python3
"""check_workbook.py INPUT.xlsx: the input workbook's shape — sheets, bilingual
headers, frozen header rows, drop-down lists on reference columns, locked ids."""
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
want = ['說明', '單位', '人員', '組織', '角色', '文件', '修訂', '目標', '量測紀錄', '審查行動', '清單']
assert wb.sheetnames == want, wb.sheetnames
assert wb['清單'].sheet_state == 'hidden'
for name in want[1:-1]:
    ws = wb[name]
    assert ws.freeze_panes == 'A2', (name, ws.freeze_panes)
    for c in ws[1]:
        assert c.value and '\n' in c.value, (name, c.coordinate, c.value)
    assert ws.protection.sheet, name
    assert ws.data_validations.dataValidation, name
ws = wb['量測紀錄']
assert ws['A2'].protection.locked and ws['C2'].protection.locked
assert not ws['D10'].protection.locked and not ws['I2'].protection.locked
refs = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
assert any("'人員'!$A$2" in f for f in refs.values()), refs
ob = wb['目標']
f = [dv.formula1 for dv in ob.data_validations.dataValidation]
assert any("'清單'!$C$2" in x for x in f), f   # comparators
assert wb['單位']['A2'].protection.locked
print('ok')

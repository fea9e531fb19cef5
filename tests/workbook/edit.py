#!/usr/bin/python3
"""edit.py IN.xlsx CASE.py OUT.xlsx [CASE.py OUT.xlsx ...]: for each case, open IN
with openpyxl, run CASE.py with `wb` bound to the workbook (and `datetime`), save as
OUT.  A case that sets RAW (bytes) writes those bytes instead: a file that is not a
workbook at all.  One process for every case: openpyxl's start-up is the cost."""
import datetime, sys
import openpyxl
args = sys.argv[2:]
for case, out in zip(args[0::2], args[1::2]):
    wb = openpyxl.load_workbook(sys.argv[1])
    env = {'wb': wb, 'datetime': datetime}
    exec(open(case, encoding='utf-8').read(), env)
    if 'RAW' in env:
        open(out, 'wb').write(env['RAW'])
    else:
        wb.save(out)

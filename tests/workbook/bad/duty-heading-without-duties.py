ws = wb['角色']
ws['H2'] = '組長'
ws['F2'] = None
ws['G2'] = None

ws = wb['量測紀錄']
ws['D10'] = '九十五'
ws['J14'] = '114/13/01'
ws['I18'] = 'p-nobody'
wb['單位']['B3'] = 'u-none'

wb['量測紀錄']['I10'] = 'p-nobody'

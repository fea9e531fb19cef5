wb['量測紀錄']['A1'] = 'objective'

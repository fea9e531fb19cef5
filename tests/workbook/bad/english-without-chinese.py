wb['量測紀錄']['H12'] = 'an explanation'

wb['量測紀錄']['D18'] = 0.95
wb['量測紀錄']['D18'].number_format = 'General'

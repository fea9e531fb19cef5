wb['量測紀錄']['J10'] = 20250410
wb['量測紀錄']['J10'].number_format = 'General'

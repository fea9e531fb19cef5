wb['量測紀錄']['F6'] = None

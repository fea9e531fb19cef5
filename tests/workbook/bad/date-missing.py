wb['量測紀錄']['J10'] = None

wb['量測紀錄']['I10'] = None

wb['人員']['C2'] = None

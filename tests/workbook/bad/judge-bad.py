wb['目標']['V2'] = 'yearly'

wb['目標']['B2'] = 'weekly'

wb['目標']['E4'] = 'four'

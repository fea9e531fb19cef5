wb['目標']['Z2'] = '2025Q2 50\nhalf-year fifty'

wb['目標']['W2'] = None
wb['目標']['X2'] = 'persons'

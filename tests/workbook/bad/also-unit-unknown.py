wb['目標']['Y2'] = 'u-hr\nu-nowhere'

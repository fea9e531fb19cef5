wb['單位']['B3'] = 'u-none'

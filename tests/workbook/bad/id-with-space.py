wb['單位']['A3'] = 'u sec'

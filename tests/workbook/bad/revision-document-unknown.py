wb['修訂']['A2'] = 'doc-none'

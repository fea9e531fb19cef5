wb['角色']['B2'] = 'member'

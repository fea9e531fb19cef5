wb['角色']['H2'] = None
wb['角色']['I2'] = 'Convener'

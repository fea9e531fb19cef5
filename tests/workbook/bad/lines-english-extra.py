wb['目標']['S2'] = 'one\ntwo\nthree'

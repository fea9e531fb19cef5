RAW = b'this is not a zip file\n'

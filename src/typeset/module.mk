# The typesetting specimen (tests/typeset/specimen.c), used by tests and the benchmark.
$(B)/tools/specimen: tests/typeset/specimen.c $(B)/libisms.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libisms.a $(PKG_LIBS)
all: $(B)/tools/specimen
$(B)/tools/textpdf: tests/typeset/textpdf.c $(B)/libisms.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libisms.a $(PKG_LIBS)
all: $(B)/tools/textpdf
$(B)/tools/bench-typeset: tests/bench/typeset.c $(B)/libisms.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libisms.a $(PKG_LIBS) -lz
all: $(B)/tools/bench-typeset
# The typesetting fuzzer as a plain program (random inputs for N seconds, or -n N
# inputs): tests/fuzz/suite runs it in make test; make fuzz-typeset runs libFuzzer.
$(B)/tools/typeset-fuzz: tests/fuzz/typeset_fuzz.c $(B)/libisms.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -DSTANDALONE -o $@ $< $(B)/libisms.a $(PKG_LIBS)
all: $(B)/tools/typeset-fuzz
$(B)/tools/keeps: tests/typeset/keeps.c $(B)/libisms.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libisms.a $(PKG_LIBS)
all: $(B)/tools/keeps

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
$(B)/tools/keeps: tests/typeset/keeps.c $(B)/libisms.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libisms.a $(PKG_LIBS)
all: $(B)/tools/keeps

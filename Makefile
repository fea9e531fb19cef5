# ismspack — build, test, demo, install.  `make help` lists the targets.
# Quiet by default; `make V=1` shows commands.  Under CI (CI=true) warnings are errors.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
Q       := $(if $(V),,@)

PKGS     := libxml-2.0 harfbuzz harfbuzz-subset fontconfig xlsxwriter libunibreak libcrypto libzip libp11 \
            libdeflate
# Debian packages: build dependencies, fonts, and the tools the tests read PDFs/XLSX with.
DEB_PKGS := build-essential pkg-config libxml2-dev libhpdf-dev libharfbuzz-dev \
            libfontconfig-dev libxlsxwriter-dev libunibreak-dev libssl-dev \
            fonts-cns11643-sung fonts-cns11643-kai fonts-noto-core fonts-droid-fallback \
            icc-profiles-free poppler-utils qpdf libxml2-utils python3 python3-openpyxl \
            openssl zlib1g-dev util-linux libhyphen-dev hyphen-en-us ghostscript \
            libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless \
            libzip-dev libdeflate-dev \
            libp11-dev libp11-kit-dev p11-kit softhsm2 opensc

WARN    := -std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Wshadow \
           -Wstrict-prototypes -Wno-unused-parameter
ifneq ($(CI),)
WARN    += -Werror
endif
CFLAGS  ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lhyphen -lm
ALL_CFLAGS = $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS) -DISMS_VERSION='"$(VERSION)"' \
             -DISMS_DATADIR='"$(DATADIR)"' $(P11_PROXY_DEF)
# The PKCS#11 module used when none is named: p11-kit's proxy (every configured module).
P11_PROXY := $(shell pkg-config --variable=proxy_module p11-kit-1 2>/dev/null)
P11_PROXY_DEF = $(if $(P11_PROXY),-DISMS_P11_PROXY='"$(P11_PROXY)"')
VERSION := 0.1.0
DATADIR ?= $(PREFIX)/share/ismspack

B        := build
LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/xsd_data.o $(B)/gen/template_xsd_data.o
BIN      := $(B)/ismspack
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps demo test check unit golden-update bench asan fuzz fuzz-typeset install uninstall clean help
all: $(BIN)

help:
	@echo "make deps           install missing Debian packages (apt-get; needs root)"
	@echo "make demo           build the sample packs into out/<sample>/"
	@echo "make test           run every test; ends with 'N passed, N failed'"
	@echo "make golden-update  rewrite golden files from current output"
	@echo "make bench          print speed and size figures"
	@echo "make asan           run the test suite under ASan/UBSan"
	@echo "make fuzz           libFuzzer over the loader; make fuzz-typeset over typesetting"
	@echo "make install        install to \$$(DESTDIR)\$$(PREFIX)"

# Install what is missing; a no-op when everything is there.
deps: $(B)/.deps-ok
$(B)/.deps-ok: Makefile
	$(Q)missing=""; for p in $(DEB_PKGS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing \
	    || { echo "make deps: apt-get failed" >&2; exit 1; }; \
	fi
	$(Q)mkdir -p $(B) && touch $@

$(B)/%.o: %.c $(B)/.deps-ok
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The schemas are compiled into the program, so validation never depends on the cwd.
# embed(symbol): a C array named symbol holding the prerequisite's bytes.
define embed
	@mkdir -p $(dir $@)
	$(Q){ echo '/* generated from $< */'; \
	  echo 'extern const unsigned char $(1)_data[]; extern const unsigned int $(1)_size;'; \
	  echo 'const unsigned char $(1)_data[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0};'; echo "const unsigned int $(1)_size = $$(wc -c < $<);"; } > $@
endef
$(B)/gen/xsd_data.c: xsd/ismspack.xsd
	$(call embed,isms_xsd)
$(B)/gen/template_xsd_data.c: xsd/template.xsd
	$(call embed,isms_template_xsd)

$(B)/gen/%.o: $(B)/gen/%.c
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libisms.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(B)/src/main.o $(B)/libisms.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/harness.h $(B)/libisms.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(B)/libisms.a $(PKG_LIBS)

-include $(LIB_OBJ:.o=.d) $(B)/src/main.d

# Modules may add their own targets and test suites (tests/*.suite scripts).
-include $(wildcard src/*/module.mk)

# --draft: a newer ismspack may word the templates differently from the pack an
# earlier `make demo` left in out/, under the samples' unchanged versions.
demo: $(BIN)
	$(Q)for s in samples/*/; do s=$${s%/}; n=$$(basename $$s); \
	  echo "  DEMO    out/$$n"; \
	  ./$(BIN) build $$s/organisation.xml --period 2025Q4 --out out/$$n --draft || exit 1; \
	done

unit: $(UNIT_BIN)

# Every suite prints PASS:/FAIL: lines; tests/run counts them and prints the total.
test check: all $(UNIT_BIN)
	$(Q)ISMSPACK=$(abspath $(BIN)) UNIT_DIR=$(abspath $(B)/tests) sh tests/run

golden-update: $(BIN)
	$(Q)ISMSPACK=$(abspath $(BIN)) sh tests/golden/update

bench: $(BIN)
	$(Q)if [ -f tests/bench/run ]; then ISMSPACK=$(abspath $(BIN)) sh tests/bench/run; fi
	$(Q)ISMSPACK=$(abspath $(BIN)) sh tests/bench/load
	$(Q)ISMSPACK=$(abspath $(BIN)) sh tests/bench/batch
	$(Q)ISMSPACK=$(abspath $(BIN)) sh tests/bench/whole

asan:
	$(Q)$(MAKE) B=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" test

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ismspack
	install -m 644 src/ismspack.1 $(DESTDIR)$(PREFIX)/share/man/man1/ismspack.1
	cp -R xsd fonts templates $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/ismspack $(DESTDIR)$(PREFIX)/share/man/man1/ismspack.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz out

# A libFuzzer run over the loader (clang): make fuzz FUZZ_SECONDS=60.  The corpus
# holds multi-file inputs (parts split at NUL bytes; see tests/fuzz/load_fuzz.c).
FUZZ_SECONDS ?= 30
fuzz:
	$(Q)$(MAKE) B=build-fuzz CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libisms.a
	$(Q)clang -O1 -g -fsanitize=fuzzer,address,undefined $(ALL_CFLAGS) tests/fuzz/load_fuzz.c \
	  build-fuzz/libisms.a $(PKG_LIBS) -o build-fuzz/load_fuzz
	$(Q)mkdir -p build-fuzz/corpus && cp tests/bad/*.xml build-fuzz/corpus/
	$(Q)for d in tests/bad/xinclude-*/; do n=$$(basename $$d); \
	  { sed 's/href="people.xml"/href="inc1.xml"/' $$d/organisation.xml; printf '\0'; \
	    sed 's#href="more/lin.xml"#href="inc2.xml"#' $$d/people.xml 2>/dev/null; printf '\0'; \
	    cat $$d/more/lin.xml 2>/dev/null || true; } >build-fuzz/corpus/multi-$$n; done
	$(Q)build-fuzz/load_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build-fuzz/corpus

# A libFuzzer run over typesetting and the PDF writer: make fuzz-typeset FUZZ_SECONDS=600
fuzz-typeset:
	$(Q)$(MAKE) B=build-fuzz CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libisms.a
	$(Q)clang -O1 -g -fsanitize=fuzzer,address,undefined $(ALL_CFLAGS) tests/fuzz/typeset_fuzz.c \
	  build-fuzz/libisms.a $(PKG_LIBS) -o build-fuzz/typeset_fuzz
	$(Q)mkdir -p build-fuzz/tcorpus
	$(Q)ISMSPACK_DATADIR=$(CURDIR) build-fuzz/typeset_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  -rss_limit_mb=4096 build-fuzz/tcorpus

/* libFuzzer entry for the loader: arbitrary bytes as an organisation must give a
 * model or located errors, never a crash.  The input is split at NUL bytes into a
 * main file and up to three files it may include (inc1.xml … inc3.xml), so nested
 * XInclude is fuzzed too; everything is written inside a private folder made with
 * mkdtemp and removed at exit.  Build: make fuzz (needs clang). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "load/load.h"

static char dir[64];

static void
quiet(void *ctx, enum isms_level level, const isms_loc *loc, const char *text)
{
}

static void
cleanup(void)
{
	static const char *const names[] = {"org.xml", "inc1.xml", "inc2.xml", "inc3.xml"};
	char p[128];
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

static void
write_part(const char *name, const uint8_t *data, size_t size)
{
	char p[128];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	if (!f)
		return;
	fwrite(data, 1, size, f);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/ismspack-fuzz-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		atexit(cleanup);
		isms_diag_set_sink(quiet, NULL);
	}
	static const char *const names[] = {"org.xml", "inc1.xml", "inc2.xml", "inc3.xml"};
	size_t start = 0;
	int part = 0;
	for (size_t i = 0; i <= size && part < 4; i++) {
		if (i == size || (data[i] == 0 && part < 3)) {
			write_part(names[part++], data + start, i - start);
			start = i + 1;
		}
	}
	for (; part < 4; part++)
		write_part(names[part], (const uint8_t *)"", 0);
	char path[128];
	snprintf(path, sizeof path, "%s/org.xml", dir);
	isms_org *org = NULL;
	if (isms_load(path, &org) == 0)
		isms_org_free(org);
	return 0;
}

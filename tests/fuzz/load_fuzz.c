/* libFuzzer entry for the loader: arbitrary bytes as an organisation file must give
 * a model or located errors, never a crash.  Build: make fuzz (needs clang). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/diag.h"
#include "load/load.h"

static void
quiet(void *ctx, enum isms_level level, const isms_loc *loc, const char *text)
{
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/ismspack-fuzz-%ld.xml", (long)getpid());
		isms_diag_set_sink(quiet, NULL);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	isms_org *org = NULL;
	if (isms_load(path, &org) == 0)
		isms_org_free(org);
	return 0;
}

/* Building packs (pack layer, the end of the flow): inputs, the output folder,
 * every document and workbook, signatures, manifest and publication; batches. */
#ifndef ISMS_BUILD_H
#define ISMS_BUILD_H

#include <stddef.h>
#include <time.h>

#include "model/model.h"
#include "pack/pack.h"

typedef struct isms_build_opts {
	const char *period_text; /* as resolved (2025Q4, 2025-05) */
	isms_period period;
	const char *out, *lang, *only, *templates;
	const isms_signer *signer; /* NULL: unsigned */
	int quiet, wait, jobs, shard_k, shard_n;
	int period_relative;       /* --period prev-quarter / prev-month */
	int unsigned_ok;           /* --unsigned: a signed pack may be rebuilt unsigned */
	int draft;                 /* --draft: a controlled document may change unversioned */
	const char *previous;      /* --previous DIR: the pack to compare controlled documents
	                            * with (default: the pack being replaced) */
	time_t when;               /* the build's time (isms_pack_clock) */
} isms_build_opts;

/* The output kinds --only accepts, comma-separated, for messages and --help. */
const char *isms_build_kinds(void);
/* Check a --only list; 0 ok, -1 after naming the unknown kind. */
int isms_build_check_only(const char *only);
/* Build the packs of the inputs named by args (files, or folders contributing their
 * *.xml and each subfolder's organisation.xml).  One input: the pack is o->out;
 * several, or a folder: o->out/<name>-<period> each.  Returns the worst exit
 * status, after reporting. */
int isms_build_run(const isms_build_opts *o, char *const *args, int nargs);

#endif

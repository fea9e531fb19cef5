/* The folder a pack is published to (pack layer): resolved once, locked, checked
 * to be replaceable, built in a private temporary folder and swapped in whole. */
#ifndef ISMS_OUTDIR_H
#define ISMS_OUTDIR_H

#include <stddef.h>

typedef struct isms_outdir isms_outdir;

/* Refuse an --out that names no pack folder ("", "/", ".", "..", "x/.."), with a
 * message.  0 ok, -1. */
int isms_outdir_name_ok(const char *out);
/* Resolve where (any spelling names one folder: trailing slashes, relative paths),
 * create the folders above it, take its lock (beside it, removed when done; wait
 * for it or fail with EXIT_TEMPFAIL), and check that what is there may be
 * replaced: nothing, an empty folder, or a pack ismspack wrote holding nothing the
 * manifest does not list; never a link, a file, or a folder holding an input.
 * Removes temporary folders of killed runs.  0 with *out set (free with
 * isms_outdir_free), or an exit status after reporting. */
int isms_outdir_open(isms_outdir **out, const char *where, char *const *inputs,
                     size_t ninputs, int wait);
/* The canonical path of the pack, and the user's spelling of it. */
const char *isms_outdir_path(const isms_outdir *o);
const char *isms_outdir_shown(const isms_outdir *o);
/* Create the private temporary folder the pack is written into; messages that
 * name it name the pack instead.  0 ok, -1 after reporting. */
int isms_outdir_begin(isms_outdir *o);
/* The temporary folder's path (NULL before begin). */
const char *isms_outdir_tmp(const isms_outdir *o);
/* Sync the temporary folder and swap it in for the pack (the old pack is removed,
 * never following a link).  0 ok, -1 after reporting (the old pack intact). */
int isms_outdir_publish(isms_outdir *o);
/* Remove the temporary folder if not published, release and remove the lock.
 * Accepts NULL. */
void isms_outdir_free(isms_outdir *o);

#endif

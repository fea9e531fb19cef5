/* ismspack diff (pack layer): what changed between two packs. */
#ifndef ISMS_DIFF_H
#define ISMS_DIFF_H

#include "base/buf.h"

/* Describe into out what changed from the pack old_dir to the pack new_dir: each
 * controlled document (version, clauses added ~ changed - removed) and each record
 * of the data (people, units, bodies, roles, documents, objectives …); with pdf,
 * also write the amendment tables there.  0 ok, or an exit status after reporting. */
int isms_pack_diff(const char *old_dir, const char *new_dir, const char *pdf, isms_buf *out);

#endif

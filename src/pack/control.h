/* Document control across rebuilds (pack layer): the text of each controlled
 * document kept in the pack (02-document-text.txt), compared with the previous
 * pack's, so that a content change under an unchanged version is refused and a new
 * version carries its amendment table (修正對照表). */
#ifndef ISMS_CONTROL_H
#define ISMS_CONTROL_H

#include <stddef.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "docs/docs.h"

#define ISMS_CTL_FILE "02-document-text.txt"

/* One controlled document as the pack recorded it. */
typedef struct isms_ctl_doc {
	const char *file, *number, *version, *title;
	const char *body; /* isms_doc_text lines */
} isms_ctl_doc;

typedef struct isms_ctl_text {
	isms_arena *a;
	const char *lang;
	isms_ctl_doc *docs;
	size_t n, cap;
} isms_ctl_text;

/* A new, empty record for documents in lang; free with isms_ctl_free. */
isms_ctl_text *isms_ctl_new(const char *lang);
void isms_ctl_free(isms_ctl_text *t);
/* Read dir/02-document-text.txt: 0 with *out set, 1 when the pack has none (a pack
 * of an earlier version, or no pack), -1 when it is malformed (reported). */
int isms_ctl_read(const char *dir, isms_ctl_text **out);
/* Add or replace a document's record (strings copied). */
void isms_ctl_set(isms_ctl_text *t, const char *file, const char *number,
                  const char *version, const char *title, const char *body);
const isms_ctl_doc *isms_ctl_find(const isms_ctl_text *t, const char *file);
/* The file's text. */
void isms_ctl_write(const isms_ctl_text *t, isms_buf *out);
/* Clause-by-clause differences between two bodies (clauses begin at "§ " lines and
 * are matched by their heading, so renumbering alone is not a change), as rows of
 * an amendment table in lang (zh, en or bi) allocated in a.  Returns the number of
 * rows (0: the same content). */
size_t isms_ctl_diff(const char *old_body, const char *new_body, const char *lang,
                     isms_arena *a, isms_amend_row **rows);

#endif

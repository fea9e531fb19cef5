/* Loading an organisation: XML files → validated model (the first stage of the flow). */
#ifndef ISMS_LOAD_H
#define ISMS_LOAD_H

#include <stdint.h>

#include "model/model.h"

/* Read, validate (XSD and semantic checks) and build the model of the organisation
 * in path.  Every problem is reported through isms_diag, all of them, not only the
 * first.  Returns 0 and sets *out (free with isms_org_free), or an ISMS_EXIT_* status
 * (DATAERR: invalid data; NOINPUT: unreadable file) with *out NULL. */
int isms_load(const char *path, isms_org **out);
/* Compile the built-in schemas now (a batch does it once before forking). */
void isms_load_prepare(void);

/* What the typesetter cannot print: why cp cannot be (NULL when it can).  Once set
 * (the build sets it before loading), every text of the data holding such a
 * character is an error at the text's file:line:col. */
typedef const char *(*isms_char_check)(uint32_t cp);
void isms_load_set_char_check(isms_char_check check);

#endif

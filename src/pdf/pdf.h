/* Laid-out pages → a PDF file through libharu (pdf layer).  HPDF_* stays here. */
#ifndef ISMS_PDF_H
#define ISMS_PDF_H

#include "typeset/pages.h"

/* Write the layout to path atomically (temporary name + rename): subset fonts
 * embedded with a correct ToUnicode map, /Ordering (Identity), compression on,
 * bookmarks, metadata from the document info, no wall-clock date, so the same
 * layout gives the same bytes.  0 ok, -1 after reporting. */
int isms_pdf_write(const isms_layout *l, const char *path);

/* Pages of a PDF this program wrote (its page tree's /Count), or -1. */
int isms_pdf_page_count(const char *path);

#endif

/* Laid-out pages → a PDF file through libharu (pdf layer).  HPDF_* stays here. */
#ifndef ISMS_PDF_H
#define ISMS_PDF_H

#include "typeset/pages.h"

/* Write the layout to path atomically (temporary name + rename): subset fonts
 * embedded with a correct ToUnicode map, /Ordering (Identity), compression on,
 * bookmarks, metadata from the document info, no wall-clock date, so the same
 * layout gives the same bytes.  0 ok, -1 after reporting. */
int isms_pdf_write(const isms_layout *l, const char *path);

/* The bytes of a subset font's ToUnicode CMap (each CID to the UTF-16BE of its
 * character, a surrogate pair outside the BMP, at most 100 entries a block) and of
 * its CIDSet (every CID 0..ncids-1 present), appended to out: shared by the PDF
 * writer and the signature appearance, which writes its objects itself. */
struct isms_buf;
void isms_pdf_tounicode(const isms_font_data *f, struct isms_buf *out);
void isms_pdf_cidset(const isms_font_data *f, struct isms_buf *out);

/* Pages of a PDF this program wrote (its page tree's /Count), or -1. */
int isms_pdf_page_count(const char *path);

#endif

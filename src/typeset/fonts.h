/* Fonts for typesetting (typeset layer, private): fontconfig finds the TrueType
 * files of each role, HarfBuzz gives coverage and advances (as libharu measures
 * them) and subsets each font to the characters a document uses. */
#ifndef ISMS_TYPESET_FONTS_H
#define ISMS_TYPESET_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "typeset/pages.h"

/* Find and open the fonts once per process.  0 ok, -1 after reporting. */
int fonts_init(void);
/* 1 when the role's font maps cp to a glyph. */
int fonts_has(int role, uint32_t cp);
/* Advance of cp in thousandths of an em, truncated per glyph as libharu does. */
int fonts_advance(int role, uint32_t cp);
/* The role a character is drawn with (bold: Latin bold where possible), or -1. */
int fonts_pick(uint32_t cp, int bold, int kai);
/* Subset of role's font to the code points in cps (n of them), as a new heap buffer
 * in *data (caller frees).  0 ok, -1 after reporting. */
int fonts_subset(int role, const uint32_t *cps, size_t n, unsigned char **data, size_t *len);
/* The file a role resolved to (for messages and the benchmark). */
const char *fonts_file(int role);

#endif

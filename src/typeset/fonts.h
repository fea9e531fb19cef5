/* Fonts for typesetting (typeset layer, private): fontconfig gives each role an
 * ordered fallback chain of TrueType files (Sung → Sung Ext-B → Sung Plus → others)
 * and the font of each character is the first of its chain that has it; HarfBuzz
 * gives advances (truncated per glyph, as written into /W) and subsets each font to
 * the characters a document uses, its glyph ids becoming the CIDs drawn. */
#ifndef ISMS_TYPESET_FONTS_H
#define ISMS_TYPESET_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/alloc.h"
#include "typeset/pages.h"

/* Find the fonts once per process.  0 ok; -1 after one message naming the roles no
 * installed font fills and the Debian packages that fill them. */
int fonts_init(void);
/* The font a character is drawn with (bold: a Latin bold face where there is one;
 * kai: the Kai chain first), or -1 when no installed font has it. */
int fonts_pick(uint32_t cp, int bold, int kai);
/* Advance of cp in font, thousandths of an em, truncated per glyph. */
int fonts_advance(int font, uint32_t cp);
/* 1 when font is a real bold face (no synthetic emboldening needed). */
int fonts_is_bold(int font);
/* Why cp cannot be typeset, or NULL when it can (some font has it, it is not a
 * right-to-left letter nor an invisible control that changes shaping). */
const char *fonts_refuse(uint32_t cp);
/* fonts_refuse without the font lookup: right-to-left letters and invisible
 * controls only. */
const char *fonts_unshapable(uint32_t cp);
/* Subset font to the n distinct code points cps and describe it for embedding in
 * *out (everything allocated in a); cid[i] receives the CID drawn for cps[i].
 * 0 ok, -1 after reporting. */
int fonts_embed(int font, const uint32_t *cps, size_t n, isms_arena *a, isms_font_data *out,
                uint16_t *cid);
/* The file a font was loaded from (messages and the benchmark). */
const char *fonts_file(int font);

#endif

/* Fonts (typeset layer): fontconfig lookup through fonts/fonts.conf, HarfBuzz faces
 * (mmapped), coverage, advances and hb-subset. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <harfbuzz/hb-subset.h>
#include <harfbuzz/hb.h>
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "base/fs.h"

typedef struct tfont {
	char *path;
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	unsigned upem;
} tfont;

static tfont fonts[ISMS_NFONTS];
static int state; /* 0 not tried, 1 ok, -1 failed */

static const char *const role_family[ISMS_NFONTS] = {
	"ismspack-cjk", "ismspack-kai", "ismspack-latin", "ismspack-latin", "ismspack-fallback",
};

static char *
find(FcConfig *cfg, int role)
{
	FcPattern *p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)role_family[role]);
	FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
	if (role == ISMS_FONT_LATIN_BOLD)
		FcPatternAddInteger(p, FC_WEIGHT, FC_WEIGHT_BOLD);
	FcConfigSubstitute(cfg, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult r;
	FcPattern *m = FcFontMatch(cfg, p, &r);
	char *path = NULL;
	FcChar8 *file = NULL;
	if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
		size_t l = strlen((const char *)file);
		/* libharu embeds TrueType only: refuse collections and CFF fonts */
		if (l > 4 && !strcmp((const char *)file + l - 4, ".ttf"))
			path = isms_xstrdup((const char *)file);
	}
	FcPatternDestroy(p);
	if (m)
		FcPatternDestroy(m);
	return path;
}

int
fonts_init(void)
{
	if (state)
		return state > 0 ? 0 : -1;
	state = -1;
	init_linebreak(); /* libunibreak's tables, once per process */
	char *conf = isms_data_path("fonts/fonts.conf");
	if (!conf) {
		isms_diag(ISMS_ERROR, NULL, "fonts/fonts.conf not found (set ISMSPACK_DATADIR to the "
		          "folder holding fonts/)");
		return -1;
	}
	FcConfig *cfg = FcConfigCreate();
	if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)conf, FcTrue) || !FcConfigBuildFonts(cfg)) {
		isms_loc loc = {conf, 0, 0};
		isms_diag(ISMS_ERROR, &loc, "fontconfig cannot load this configuration");
		free(conf);
		FcConfigDestroy(cfg);
		return -1;
	}
	free(conf);
	for (int r = 0; r < ISMS_NFONTS; r++) {
		tfont *f = &fonts[r];
		f->path = find(cfg, r);
		if (!f->path) {
			if (r == ISMS_FONT_CJK || r == ISMS_FONT_LATIN) {
				isms_diag(ISMS_ERROR, NULL, "no TrueType font for %s (install "
				          "fonts-cns11643-sung and fonts-noto-core: make deps)", role_family[r]);
				FcConfigDestroy(cfg);
				return -1;
			}
			continue;
		}
		f->blob = hb_blob_create_from_file_or_fail(f->path);
		if (!f->blob) {
			isms_diag(ISMS_ERROR, NULL, "cannot read font %s", f->path);
			FcConfigDestroy(cfg);
			return -1;
		}
		f->face = hb_face_create(f->blob, 0);
		f->font = hb_font_create(f->face);
		f->upem = hb_face_get_upem(f->face);
		hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	}
	FcConfigDestroy(cfg);
	state = 1;
	return 0;
}

const char *
fonts_file(int role)
{
	return fonts[role].path;
}

int
fonts_has(int role, uint32_t cp)
{
	hb_codepoint_t g;
	return fonts[role].font && hb_font_get_nominal_glyph(fonts[role].font, cp, &g) && g;
}

int
fonts_advance(int role, uint32_t cp)
{
	hb_codepoint_t g = 0;
	tfont *f = &fonts[role];
	if (!f->font)
		return 0;
	hb_font_get_nominal_glyph(f->font, cp, &g);
	long adv = hb_font_get_glyph_h_advance(f->font, g);
	return (int)(adv * 1000 / (long)f->upem);
}

static int
cjk_first(uint32_t cp)
{
	return cp >= 0x2E80 || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       0;
}

int
fonts_pick(uint32_t cp, int bold, int kai)
{
	int cjk = kai && fonts[ISMS_FONT_KAI].font ? ISMS_FONT_KAI : ISMS_FONT_CJK;
	if (!cjk_first(cp)) {
		if (bold && fonts_has(ISMS_FONT_LATIN_BOLD, cp))
			return ISMS_FONT_LATIN_BOLD;
		if (fonts_has(ISMS_FONT_LATIN, cp))
			return ISMS_FONT_LATIN;
	}
	if (fonts_has(cjk, cp))
		return cjk;
	if (fonts_has(ISMS_FONT_CJK, cp))
		return ISMS_FONT_CJK;
	if (fonts_has(ISMS_FONT_LATIN, cp))
		return ISMS_FONT_LATIN;
	if (fonts_has(ISMS_FONT_FALLBACK, cp))
		return ISMS_FONT_FALLBACK;
	return -1;
}

int
fonts_subset(int role, const uint32_t *cps, size_t n, unsigned char **data, size_t *len)
{
	tfont *f = &fonts[role];
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return -1;
	hb_set_t *u = hb_subset_input_unicode_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(u, cps[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	/* libharu draws by cmap and hmtx alone: layout and vertical tables are weight. */
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const char *const tags[] = {"GSUB", "GPOS", "GDEF", "vmtx", "vhea", "VORG", "DSIG",
		"kern", "BASE", "JSTF", "MATH", "morx", "kerx", "gasp", "hdmx", "LTSH", "VDMX"};
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
		hb_set_add(drop, hb_tag_from_string(tags[i], 4));
	hb_face_t *sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (!sub) {
		isms_diag(ISMS_ERROR, NULL, "hb-subset failed for %s", f->path);
		return -1;
	}
	hb_blob_t *b = hb_face_reference_blob(sub);
	unsigned l = 0;
	const char *d = hb_blob_get_data(b, &l);
	*data = isms_xmalloc(l ? l : 1);
	memcpy(*data, d, l);
	*len = l;
	hb_blob_destroy(b);
	hb_face_destroy(sub);
	return 0;
}

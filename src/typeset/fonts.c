/* Fonts (typeset layer): fontconfig lookup through fonts/fonts.conf into one
 * fallback chain per role, HarfBuzz faces (mmapped, opened on first use), coverage,
 * advances, and hb-subset into the CID fonts the PDF embeds. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <harfbuzz/hb-ot.h>
#include <harfbuzz/hb-subset.h>
#include <harfbuzz/hb.h>
#include <linebreak.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "base/fs.h"

/* The roles fonts.conf defines, in the order a character tries them. */
enum role { R_CJK, R_KAI, R_LATIN, R_LATIN_BOLD, R_FALLBACK, NROLES };
#define CHAIN_MAX 16

typedef struct tfont {
	char *path;
	FcCharSet *cs;      /* what fontconfig says the file covers */
	int bold;           /* a real bold face */
	int state;          /* 0 not opened, 1 open, -1 unreadable (skipped) */
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	unsigned upem;
} tfont;

static tfont fonts[ISMS_MAX_FONTS];
static int nfonts;
static int chain[NROLES][CHAIN_MAX], nchain[NROLES];
static int state; /* 0 not tried, 1 ok, -1 failed */

static const char *const role_family[NROLES] = {
	"ismspack-cjk", "ismspack-kai", "ismspack-latin", "ismspack-latin", "ismspack-fallback",
};

/* A font's slot, added on first sight of its file. */
static int
slot(FcPattern *m)
{
	FcChar8 *file = NULL;
	int index = 0;
	if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
		return -1;
	FcPatternGetInteger(m, FC_INDEX, 0, &index);
	size_t l = strlen((const char *)file);
	/* libharu-era constraint kept: TrueType outlines (glyf) only, no collections */
	if (index != 0 || l < 5 || strcmp((const char *)file + l - 4, ".ttf"))
		return -1;
	for (int i = 0; i < nfonts; i++)
		if (!strcmp(fonts[i].path, (const char *)file))
			return i;
	if (nfonts == ISMS_MAX_FONTS)
		return -1;
	tfont *f = &fonts[nfonts];
	FcCharSet *cs = NULL;
	if (FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) != FcResultMatch || !cs)
		return -1;
	int weight = 0;
	FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
	f->path = isms_xstrdup((const char *)file);
	f->cs = FcCharSetCopy(cs);
	f->bold = weight >= FC_WEIGHT_BOLD;
	return nfonts++;
}

/* The role's chain: fontconfig's order for the role's family (the preferred
 * families of fonts.conf first, then every other font that adds coverage). */
static void
find_chain(FcConfig *cfg, int role)
{
	FcPattern *p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)role_family[role]);
	FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
	if (role == R_LATIN_BOLD)
		FcPatternAddInteger(p, FC_WEIGHT, FC_WEIGHT_BOLD);
	FcConfigSubstitute(cfg, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult r;
	FcFontSet *set = FcFontSort(cfg, p, FcTrue, NULL, &r);
	nchain[role] = 0;
	/* Latin roles use their first font only: a few entries suffice */
	int max = role == R_LATIN || role == R_LATIN_BOLD ? 4 : CHAIN_MAX;
	for (int i = 0; set && i < set->nfont && nchain[role] < max; i++) {
		int s = slot(set->fonts[i]);
		if (s < 0)
			continue;
		if (role == R_LATIN_BOLD && !fonts[s].bold)
			continue;
		chain[role][nchain[role]++] = s;
	}
	if (set)
		FcFontSetDestroy(set);
	FcPatternDestroy(p);
}

static int
open_font(int s)
{
	tfont *f = &fonts[s];
	if (f->state)
		return f->state > 0;
	f->state = -1;
	f->blob = hb_blob_create_from_file_or_fail(f->path);
	if (!f->blob) {
		/* fontconfig's cache names a file that is gone: the chain goes on */
		isms_diag(ISMS_WARNING, NULL, "font %s cannot be read (fontconfig's cache is stale: "
		          "run fc-cache); using the next font", f->path);
		return 0;
	}
	f->face = hb_face_create(f->blob, 0);
	f->font = hb_font_create(f->face);
	f->upem = hb_face_get_upem(f->face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	f->state = 1;
	return 1;
}

static int
has(int s, uint32_t cp)
{
	hb_codepoint_t g;
	return FcCharSetHasChar(fonts[s].cs, cp) && open_font(s) &&
	       hb_font_get_nominal_glyph(fonts[s].font, cp, &g) && g;
}

/* The first font of the role's chain that has cp (only the first when first_only). */
static int
pick_in(int role, uint32_t cp, int first_only)
{
	for (int k = 0; k < nchain[role]; k++) {
		if (has(chain[role][k], cp))
			return chain[role][k];
		if (first_only)
			break;
	}
	return -1;
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
	for (int r = 0; r < NROLES; r++)
		find_chain(cfg, r);
	FcConfigDestroy(cfg);
	/* A role is filled when its chain has the role's own characters: 中 for the
	 * Chinese roles, A for Latin.  Kai and bold may fall back (Sung, synthetic bold). */
	int cjk = pick_in(R_CJK, 0x4E2D, 0) >= 0, latin = pick_in(R_LATIN, 'A', 0) >= 0;
	if (!cjk || !latin) {
		isms_diag(ISMS_ERROR, NULL, "no installed TrueType font for %s%s%s; install them "
		          "with: apt-get install %s%s(or: make deps), then run again",
		          cjk ? "" : "Chinese text (TW-Sung, TW-Kai)", !cjk && !latin ? " and " : "",
		          latin ? "" : "English text (Noto Serif)",
		          cjk ? "" : "fonts-cns11643-sung fonts-cns11643-kai ",
		          latin ? "" : "fonts-noto-core ");
		return -1;
	}
	state = 1;
	return 0;
}

const char *
fonts_file(int font)
{
	return font >= 0 && font < nfonts ? fonts[font].path : NULL;
}

int
fonts_is_bold(int font)
{
	return font >= 0 && font < nfonts && fonts[font].bold;
}

int
fonts_advance(int font, uint32_t cp)
{
	hb_codepoint_t g = 0;
	if (font < 0 || font >= nfonts || !open_font(font))
		return 0;
	tfont *f = &fonts[font];
	hb_font_get_nominal_glyph(f->font, cp, &g);
	long adv = hb_font_get_glyph_h_advance(f->font, g);
	return (int)(adv * 1000 / (long)f->upem);
}

static int
cjk_first(uint32_t cp)
{
	return cp >= 0x2E80 || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

static int
pick(uint32_t cp, int bold, int kai)
{
	int f;
	if (!cjk_first(cp)) {
		if (bold && (f = pick_in(R_LATIN_BOLD, cp, 1)) >= 0)
			return f;
		if ((f = pick_in(R_LATIN, cp, 1)) >= 0)
			return f;
	}
	if (kai && (f = pick_in(R_KAI, cp, 0)) >= 0)
		return f;
	if ((f = pick_in(R_CJK, cp, 0)) >= 0)
		return f;
	if ((f = pick_in(R_LATIN, cp, 0)) >= 0)
		return f;
	return pick_in(R_FALLBACK, cp, 0);
}

int
fonts_pick(uint32_t cp, int bold, int kai)
{
	/* a direct-mapped cache: documents reuse a few hundred characters */
	static struct { uint32_t key; int font; } cache[4096];
	uint32_t key = (cp << 2 | (uint32_t)(bold != 0) << 1 | (uint32_t)(kai != 0)) + 1;
	size_t h = (key * 2654435761u) >> 20 & 4095;
	if (cache[h].key == key)
		return cache[h].font;
	int f = pick(cp, bold, kai);
	cache[h].key = key;
	cache[h].font = f;
	return f;
}

const char *
fonts_unshapable(uint32_t cp)
{
	/* Letters of right-to-left scripts would need the bidirectional algorithm and
	 * (Arabic) joining: drawn left to right they print reversed and unjoined. */
	if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
	    (cp >= 0xFE70 && cp <= 0xFEFE) || (cp >= 0x10800 && cp <= 0x10FFF) ||
	    (cp >= 0x1E800 && cp <= 0x1EFFF))
		return "is right-to-left text, which ismspack cannot typeset";
	/* Scripts whose letters combine into clusters (Indic, Thai, Lao, Tibetan,
	 * Myanmar, Khmer, Mongolian): drawn one glyph after another they are wrong. */
	if ((cp >= 0x0900 && cp <= 0x0DFF) || (cp >= 0x0E00 && cp <= 0x0EFF) ||
	    (cp >= 0x0F00 && cp <= 0x109F) || (cp >= 0x1780 && cp <= 0x18AF) ||
	    (cp >= 0xA8E0 && cp <= 0xA8FF) || (cp >= 0x11000 && cp <= 0x11FFF))
		return "is in a script whose letters must be shaped into clusters, which ismspack "
		       "cannot do";
	/* Invisible characters that change shaping (joiners, direction marks and
	 * embeddings, variation selectors, soft hyphen): without a shaper they would be
	 * lost or drawn as boxes. */
	if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
	    cp == 0x00AD || cp == 0x180E || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xE0100 && cp <= 0xE01EF))
		return "is an invisible formatting character that ismspack cannot typeset (remove it)";
	if (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r')
		return "is a control character";
	return NULL;
}

const char *
fonts_refuse(uint32_t cp)
{
	const char *why = fonts_unshapable(cp);
	if (why || cp == '\n' || cp == '\t' || cp == '\r' || cp == ' ')
		return why;
	if (fonts_init() < 0)
		return NULL; /* already reported once */
	if (fonts_pick(cp, 0, 0) < 0)
		return "is in no installed font";
	return NULL;
}

/* ---------- embedding ---------- */

static int
be16(const char *d, unsigned off)
{
	return (int16_t)(((unsigned char)d[off] << 8) | (unsigned char)d[off + 1]);
}

static char *
postscript_name(hb_face_t *face, isms_arena *a, const char *path)
{
	char buf[64];
	unsigned len = sizeof buf;
	if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf) ||
	    !*buf) {
		const char *b = strrchr(path, '/');
		snprintf(buf, sizeof buf, "%s", b ? b + 1 : path);
	}
	/* a PDF name: printable ASCII without delimiters */
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p <= 32 || (unsigned char)*p >= 127 || strchr("()<>[]{}/%#", *p))
			*p = '-';
	return isms_arena_strdup(a, buf);
}

int
fonts_embed(int font, const uint32_t *cps, size_t n, isms_arena *a, isms_font_data *out,
            uint16_t *cid)
{
	tfont *f = &fonts[font];
	memset(out, 0, sizeof *out);
	if (!open_font(font))
		return -1;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return -1;
	hb_set_t *u = hb_subset_input_unicode_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(u, cps[i]);
	/* glyph ids renumbered densely: they are the CIDs (CIDToGIDMap /Identity) */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	/* the PDF draws by glyph id and /W alone: layout and vertical tables are weight */
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
	hb_font_t *sf = hb_font_create(sub);
	unsigned ng = hb_face_get_glyph_count(sub);
	/* CID = new glyph id; a second character on the same glyph gets a CID of its
	 * own past the glyphs, mapped through cid_gid, so each copies out as itself */
	size_t cap = ng + n + 1;
	uint16_t *gid_of = isms_arena_alloc(a, cap * sizeof *gid_of);
	uint32_t *uni = isms_arena_alloc(a, cap * sizeof *uni);
	int *w = isms_arena_alloc(a, cap * sizeof *w);
	memset(uni, 0, cap * sizeof *uni);
	for (unsigned g = 0; g < ng; g++) {
		gid_of[g] = (uint16_t)g;
		w[g] = (int)(hb_font_get_glyph_h_advance(sf, g) * 1000 / (long)f->upem);
	}
	size_t ncids = ng;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		hb_codepoint_t g = 0;
		if (!hb_font_get_nominal_glyph(sf, cps[i], &g) || !g || g >= ng || ncids >= 0xFFFF) {
			isms_diag(ISMS_ERROR, NULL, "the subset of %s lacks U+%04X", f->path, (unsigned)cps[i]);
			rc = -1;
			cid[i] = 0;
			continue;
		}
		size_t c = g;
		if (uni[g]) {
			c = ncids++;
			gid_of[c] = (uint16_t)g;
		}
		uni[c] = cps[i];
		w[c] = fonts_advance(font, cps[i]); /* as measured when laying out */
		cid[i] = (uint16_t)c;
	}
	out->ncids = (int)ncids;
	out->cid_gid = ncids > ng ? gid_of : NULL;
	out->cid_uni = uni;
	out->cid_width = w;

	/* descriptor metrics in thousandths of an em */
	long upem = (long)f->upem;
	hb_position_t v;
	out->ascent = hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)
		? (int)(v * 1000 / upem) : 800;
	out->descent = hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)
		? (int)(v * 1000 / upem) : -200;
	hb_glyph_extents_t ext;
	hb_codepoint_t hg;
	if (hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0)
		out->cap_height = (int)(v * 1000 / upem);
	else if (hb_font_get_nominal_glyph(f->font, 'H', &hg) && hg &&
	         hb_font_get_glyph_extents(f->font, hg, &ext))
		out->cap_height = (int)(ext.y_bearing * 1000 / upem);
	else
		out->cap_height = out->ascent * 7 / 10;
	hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hl = 0;
	const char *hd = hb_blob_get_data(head, &hl);
	if (hl >= 44)
		for (int k = 0; k < 4; k++)
			out->bbox[k] = (int)(be16(hd, 36 + 2 * (unsigned)k) * 1000 / upem);
	else
		out->bbox[1] = out->descent, out->bbox[2] = 1000, out->bbox[3] = out->ascent;
	hb_blob_destroy(head);
	out->stem_v = f->bold ? 120 : 80;
	out->flags = 4; /* symbolic: glyphs outside the standard Latin set */

	hb_blob_t *b = hb_face_reference_blob(sub);
	unsigned l = 0;
	const char *d = hb_blob_get_data(b, &l);
	unsigned char *data = isms_arena_alloc(a, l ? l : 1);
	memcpy(data, d, l);
	out->data = data;
	out->len = l;
	hb_blob_destroy(b);

	/* the subset tag: six letters from a digest of the glyph set, so that different
	 * subsets of one font never share a name when files are merged */
	uint64_t h = 1469598103934665603ull;
	for (unsigned k = 0; k < l; k++)
		h = (h ^ data[k]) * 1099511628211ull;
	for (size_t c = 0; c < ncids; c++)
		h = (h ^ uni[c]) * 1099511628211ull;
	char *ps = postscript_name(f->face, a, f->path);
	size_t pl = strlen(ps);
	char *name = isms_arena_alloc(a, pl + 8);
	for (int k = 0; k < 6; k++) {
		name[k] = (char)('A' + h % 26);
		h /= 26;
	}
	name[6] = '+';
	memcpy(name + 7, ps, pl + 1);
	out->name = name;
	hb_font_destroy(sf);
	hb_face_destroy(sub);
	return rc;
}

/* PDF output (pdf layer): libharu writes the file's structure, pages and shapes;
 * fonts and text are written here, because libharu 2.3 can only encode UCS-2 code
 * points: each font is a Type0/CIDFontType2 of the document's subset whose CIDs are
 * its glyph ids (/CIDToGIDMap /Identity, any character including Ext-B), with /W
 * as measured and a ToUnicode CMap from CID to UTF-16; outlines; UTF-16 Info.
 * Every stream is deflated here, once, by libdeflate (libharu's own deflate ran
 * zlib's level 6 through 4 KB buffers, a third of a pack's time). */
#define _GNU_SOURCE
#include "pdf.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pdfa.h>
#include <hpdf_streams.h>
#include <libdeflate.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/utf8.h"

static char *
isms_data_path_icc(void)
{
	static const char *const paths[] = {"/usr/share/color/icc/sRGB.icc",
		"/usr/share/color/icc/colord/sRGB.icc", "/usr/share/color/icc/ghostscript/srgb.icc"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		if (access(paths[i], R_OK) == 0)
			return isms_xstrdup(paths[i]);
	return isms_data_path("fonts/sRGB.icc");
}

static void
on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *ctx)
{
	const char *path = ctx;
	isms_loc loc = {path, 0, 0};
	isms_diag(ISMS_ERROR, &loc, "libharu error 0x%04X (detail %u)", (unsigned)error,
	          (unsigned)detail);
}

/* A number as PDF content wants it: at most 3 decimals, no trailing zeros. */
static char *
num(char *buf, double v)
{
	if (fabs(v) < 0.0005)
		v = 0;
	/* the thousandths as an integer, unless v*1000 lies so near a half that only
	 * printf's exact rounding decides (the same digits either way) */
	double m = v * 1000, r = nearbyint(m);
	if (fabs(m) < 1e15 && fabs(fabs(m - r) - 0.5) > 1e-6) {
		long long t = llabs((long long)r);
		char tmp[32];
		int k = 0;
		do {
			tmp[k++] = (char)('0' + t % 10);
			t /= 10;
		} while (t || k < 4); /* at least one digit before the point */
		char *o = buf;
		if (r < 0)
			*o++ = '-';
		while (k > 3)
			*o++ = tmp[--k];
		*o++ = '.';
		while (k > 0)
			*o++ = tmp[--k];
		*o = '\0';
	} else {
		snprintf(buf, 32, "%.3f", v);
	}
	char *e = buf + strlen(buf);
	while (e[-1] == '0')
		*--e = '\0';
	if (e[-1] == '.')
		e[-1] = '\0';
	return buf;
}

static HPDF_Dict
indirect_dict(HPDF_Doc pdf)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (d && HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/* The process's compressors.  Font programs (TrueType outlines, two thirds of a
 * pack's bytes) gain 3% from level 6 over level 1 at twice the time; content,
 * ToUnicode and the ICC profile gain 9% and are quick either way.  libdeflate is
 * about 3 times as fast as zlib at the same level, and a little smaller. */
#ifndef DEFLATE_LEVEL
#define DEFLATE_LEVEL 6
#endif
#ifndef DEFLATE_FONT_LEVEL
#define DEFLATE_FONT_LEVEL 1
#endif

static struct libdeflate_compressor *
deflater(int font)
{
	static struct libdeflate_compressor *c[2];
	if (!c[font])
		c[font] = libdeflate_alloc_compressor(font ? DEFLATE_FONT_LEVEL : DEFLATE_LEVEL);
	return c[font];
}

/* A stream deflated by us carries its /Filter through the dictionary's write hook:
 * libharu drops a /Filter key of a stream whose filter field says none. */
static HPDF_STATUS
flate_key(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Bytes libharu reads when it writes the file: a deflated stream is handed over
 * as it is (libharu's memory streams copy byte by byte, twice, in 4 KB pieces).
 * The current document's, freed after it is written. */
struct blob {
	unsigned char *data;
	size_t len, pos;
	struct blob *next;
};
static struct blob *blobs;

static HPDF_STATUS
blob_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
	struct blob *b = s->attr;
	size_t n = b->len - b->pos;
	if (n > *size)
		n = *size;
	memcpy(buf, b->data + b->pos, n);
	b->pos += n;
	int eof = n < *size;
	*size = (HPDF_UINT)n;
	return eof ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS
blob_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct blob *b = s->attr;
	long long to = mode == HPDF_SEEK_CUR ? (long long)b->pos + pos
	             : mode == HPDF_SEEK_END ? (long long)b->len - pos : pos;
	if (to < 0 || to > (long long)b->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	b->pos = (size_t)to;
	return HPDF_OK;
}

static HPDF_INT32
blob_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct blob *)s->attr)->pos;
}

static HPDF_UINT32
blob_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct blob *)s->attr)->len;
}

/* d's stream becomes data deflated (d's filter becomes ours); data is not kept. */
static int
put_deflated(HPDF_Dict d, const void *data, size_t len, int font)
{
	struct libdeflate_compressor *c = deflater(font);
	if (!c)
		return -1;
	size_t bound = libdeflate_zlib_compress_bound(c, len);
	struct blob *b = isms_xcalloc(1, sizeof *b);
	b->data = isms_xmalloc(bound);
	b->len = libdeflate_zlib_compress(c, data, len, b->data, bound);
	b->next = blobs;
	blobs = b;
	HPDF_Stream st = b->len ? HPDF_CallbackReader_New(d->mmgr, blob_read, blob_seek, blob_tell,
	                                                  blob_size, b) : NULL;
	if (!st)
		return -1;
	HPDF_Stream_Free(d->stream);
	d->stream = st;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = flate_key;
	return 0;
}

/* Deflate what libharu wrote into d's stream (page contents, the ICC profile). */
static int
deflate_in_place(HPDF_Dict d)
{
	HPDF_UINT32 len = HPDF_Stream_Size(d->stream);
	if (!len || d->write_fn)
		return 0;
	unsigned char *raw = isms_xmalloc(len);
	HPDF_UINT got = 0;
	if (HPDF_Stream_Seek(d->stream, 0, HPDF_SEEK_SET) == HPDF_OK) {
		got = len;
		HPDF_Stream_Read(d->stream, raw, &got); /* HPDF_STREAM_EOF at the end: fine */
	}
	int rc = got == len ? put_deflated(d, raw, len, 0) : -1;
	free(raw);
	return rc;
}

/* The written file, appended to as libharu writes it. */
static HPDF_STATUS
out_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	isms_buf_append(s->attr, ptr, size);
	return HPDF_OK;
}

/* A stream of data: compress 0 as it is, 1 deflated, FONT_PROGRAM deflated as one. */
#define FONT_PROGRAM 2

static HPDF_Dict
stream_of(HPDF_Doc pdf, const void *data, size_t len, int compress)
{
	HPDF_Dict d = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!d)
		return NULL;
	d->filter = HPDF_STREAM_FILTER_NONE;
	if (len && compress)
		return put_deflated(d, data, len, compress == FONT_PROGRAM) == 0 ? d : NULL;
	if (len && HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return d;
}

void
isms_pdf_tounicode(const isms_font_data *f, isms_buf *b)
{
	isms_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int k = 0, n = 0;
	for (int c = 0; c < f->ncids; c++)
		n += f->cid_uni[c] != 0;
	for (int c = 0; c < f->ncids; c++) {
		uint32_t u = f->cid_uni[c];
		if (!u)
			continue;
		if (k % 100 == 0)
			isms_buf_printf(b, "%d beginbfchar\n", n - k < 100 ? n - k : 100);
		if (u >= 0x10000)
			isms_buf_printf(b, "<%04X> <%04X%04X>\n", (unsigned)c,
			                (unsigned)(0xD800 + ((u - 0x10000) >> 10)),
			                (unsigned)(0xDC00 + ((u - 0x10000) & 0x3FF)));
		else
			isms_buf_printf(b, "<%04X> <%04X>\n", (unsigned)c, (unsigned)u);
		if (++k % 100 == 0 || k == n)
			isms_buf_puts(b, "endbfchar\n");
	}
	isms_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

void
isms_pdf_cidset(const isms_font_data *f, isms_buf *b)
{
	for (int c = 0; c < f->ncids; c += 8) {
		unsigned char byte = 0;
		for (int k = 0; k < 8 && c + k < f->ncids; k++)
			byte |= (unsigned char)(0x80u >> k);
		isms_buf_putc(b, (char)byte);
	}
}

static HPDF_Dict
tounicode(HPDF_Doc pdf, const isms_font_data *f)
{
	isms_buf b = {0};
	isms_pdf_tounicode(f, &b);
	HPDF_Dict d = stream_of(pdf, b.data, b.len, 1);
	isms_buf_free(&b);
	return d;
}

/* One embedded font: Type0 → CIDFontType2 → FontDescriptor → FontFile2. */
static HPDF_Dict
embed_font(HPDF_Doc pdf, const isms_font_data *f)
{
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_Dict file = stream_of(pdf, f->data, f->len, FONT_PROGRAM);
	HPDF_Dict desc = indirect_dict(pdf), cid = indirect_dict(pdf), type0 = indirect_dict(pdf);
	HPDF_Dict tu = tounicode(pdf, f);
	if (!file || !desc || !cid || !type0 || !tu)
		return NULL;
	HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)f->len);

	HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	HPDF_Dict_AddName(desc, "FontName", f->name);
	HPDF_Dict_AddNumber(desc, "Flags", f->flags);
	HPDF_Array bbox = HPDF_Array_New(mm);
	for (int k = 0; k < 4; k++)
		HPDF_Array_AddNumber(bbox, f->bbox[k]);
	HPDF_Dict_Add(desc, "FontBBox", bbox);
	HPDF_Dict_AddNumber(desc, "ItalicAngle", 0);
	HPDF_Dict_AddNumber(desc, "Ascent", f->ascent);
	HPDF_Dict_AddNumber(desc, "Descent", f->descent);
	HPDF_Dict_AddNumber(desc, "CapHeight", f->cap_height);
	HPDF_Dict_AddNumber(desc, "StemV", f->stem_v);
	HPDF_Dict_Add(desc, "FontFile2", file);
	/* CIDSet (PDF/A-1; allowed and exact in PDF/A-2): every CID 0..ncids-1 is present */
	isms_buf bits = {0};
	isms_pdf_cidset(f, &bits);
	HPDF_Dict set = stream_of(pdf, bits.data, bits.len, 1);
	isms_buf_free(&bits);
	if (!set)
		return NULL;
	HPDF_Dict_Add(desc, "CIDSet", set);

	HPDF_Dict_AddName(cid, "Type", "Font");
	HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cid, "BaseFont", f->name);
	HPDF_Dict info = HPDF_Dict_New(mm);
	HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	HPDF_Dict_AddNumber(info, "Supplement", 0);
	HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	HPDF_Dict_Add(cid, "FontDescriptor", desc);
	HPDF_Dict_AddNumber(cid, "DW", 1000);
	HPDF_Array w = HPDF_Array_New(mm);
	for (int c = 0; c < f->ncids; c += 4096) {
		HPDF_Array_AddNumber(w, c);
		HPDF_Array ws = HPDF_Array_New(mm);
		for (int k = c; k < f->ncids && k < c + 4096; k++)
			HPDF_Array_AddNumber(ws, f->cid_width[k]);
		HPDF_Array_Add(w, ws);
	}
	HPDF_Dict_Add(cid, "W", w);
	if (f->cid_gid) {
		unsigned char *m = isms_xmalloc(2 * (size_t)f->ncids + 1);
		for (int c = 0; c < f->ncids; c++) {
			m[2 * c] = (unsigned char)(f->cid_gid[c] >> 8);
			m[2 * c + 1] = (unsigned char)f->cid_gid[c];
		}
		HPDF_Dict map = stream_of(pdf, m, 2 * (size_t)f->ncids, 1);
		free(m);
		if (!map)
			return NULL;
		HPDF_Dict_Add(cid, "CIDToGIDMap", map);
	} else {
		HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
	}

	HPDF_Dict_AddName(type0, "Type", "Font");
	HPDF_Dict_AddName(type0, "Subtype", "Type0");
	HPDF_Dict_AddName(type0, "BaseFont", f->name);
	HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
	HPDF_Array desc_fonts = HPDF_Array_New(mm);
	HPDF_Array_Add(desc_fonts, cid);
	HPDF_Dict_Add(type0, "DescendantFonts", desc_fonts);
	HPDF_Dict_Add(type0, "ToUnicode", tu);
	return HPDF_Error_GetCode(&pdf->error) == HPDF_OK ? type0 : NULL;
}

/* The page's /Font resources, created on first use (as libharu does). */
static HPDF_Dict
page_fonts(HPDF_Page p)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)p->attr;
	if (!attr->fonts) {
		HPDF_Dict res = HPDF_Dict_GetItem(p, "Resources", HPDF_OCLASS_DICT);
		HPDF_Dict fd = HPDF_Dict_New(p->mmgr);
		if (!res || !fd || HPDF_Dict_Add(res, "Font", fd) != HPDF_OK)
			return NULL;
		attr->fonts = fd;
	}
	return attr->fonts;
}

/* The page's text, written as content operators: libharu's own text calls would
 * re-encode the characters as UCS-2 codes. */
static int
page_text(HPDF_Page p, const isms_page *pg, HPDF_Dict *fonts)
{
	HPDF_Stream st = ((HPDF_PageAttr)p->attr)->stream;
	HPDF_Dict used = NULL;
	isms_buf b = {0};
	int cur_font = -1, cur_bold = 0;
	double cur_size = -1, cur_cs = 0, cur_grey = 0;
	char n1[32], n2[32];
	isms_buf_puts(&b, "BT\n0 g\n0 G\n");
	for (size_t r = 0; r < pg->nruns; r++) {
		const isms_run *run = &pg->runs[r];
		if (!fonts[run->font] || !run->ncids)
			continue;
		if (run->font != cur_font || run->size != cur_size) {
			char key[16];
			snprintf(key, sizeof key, "F%d", run->font);
			if (!used && !(used = page_fonts(p)))
				goto fail;
			if (!HPDF_Dict_GetItem(used, key, HPDF_OCLASS_DICT) &&
			    HPDF_Dict_Add(used, key, fonts[run->font]) != HPDF_OK)
				goto fail;
			isms_buf_printf(&b, "/%s %s Tf\n", key, num(n1, run->size));
			cur_font = run->font;
			cur_size = run->size;
		}
		if (run->synth_bold != cur_bold) {
			if (run->synth_bold)
				isms_buf_printf(&b, "2 Tr %s w\n", num(n1, run->size * 0.035));
			else
				isms_buf_puts(&b, "0 Tr\n");
			cur_bold = run->synth_bold;
		}
		if (run->char_space != cur_cs) {
			isms_buf_printf(&b, "%s Tc\n", num(n1, run->char_space));
			cur_cs = run->char_space;
		}
		if (run->grey != cur_grey) {
			isms_buf_printf(&b, "%s g %s G\n", num(n1, run->grey), num(n2, run->grey));
			cur_grey = run->grey;
		}
		isms_buf_printf(&b, "1 0 0 1 %s %s Tm <", num(n1, run->x), num(n2, run->y));
		char hex[4 * 64];
		for (size_t k = 0; k < run->ncids;) {
			size_t h = 0;
			for (; k < run->ncids && h < sizeof hex; k++)
				for (int sh = 12; sh >= 0; sh -= 4)
					hex[h++] = "0123456789ABCDEF"[(run->cids[k] >> sh) & 15];
			isms_buf_append(&b, hex, h);
		}
		isms_buf_puts(&b, "> Tj\n");
	}
	isms_buf_puts(&b, "ET\n");
	if (HPDF_Stream_Write(st, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len) != HPDF_OK)
		goto fail;
	isms_buf_free(&b);
	return 0;
fail:
	isms_buf_free(&b);
	return -1;
}

/* A text string for Info and outlines: ASCII as is, else UTF-16BE with a BOM. */
static char *
pdf_text(const char *utf8, size_t *len)
{
	int ascii = 1;
	for (const char *p = utf8; *p; p++)
		ascii &= (unsigned char)*p < 0x80;
	if (ascii) {
		*len = strlen(utf8);
		return isms_xstrdup(utf8);
	}
	size_t n = strlen(utf8);
	char *o = isms_xmalloc(2 * n + 4);
	size_t k = 0;
	o[k++] = (char)0xFE;
	o[k++] = (char)0xFF;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t d = isms_utf8_decode(utf8 + i, n - i, &cp);
		i += d ? d : 1;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			uint32_t h = 0xD800 + (cp >> 10), l = 0xDC00 + (cp & 0x3FF);
			o[k++] = (char)(h >> 8), o[k++] = (char)h, o[k++] = (char)(l >> 8), o[k++] = (char)l;
		} else {
			o[k++] = (char)(cp >> 8);
			o[k++] = (char)cp;
		}
	}
	*len = k;
	return o;
}

/* A text string object: ASCII as a literal, anything else as a hex string in
 * UTF-16BE (a literal would stop at the first 00 byte, e.g. in 紀 U+7D00). */
static void *
text_string(HPDF_Doc pdf, const char *utf8)
{
	size_t len;
	char *t = pdf_text(utf8, &len);
	void *o;
	if (len >= 2 && (unsigned char)t[0] == 0xFE && (unsigned char)t[1] == 0xFF)
		o = HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)t, (HPDF_UINT)len);
	else
		o = HPDF_String_New(pdf->mmgr, t, NULL);
	free(t);
	return o;
}

static void
set_info(HPDF_Doc pdf, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	HPDF_Dict d = pdf->info;
	if (!d) {
		/* creating Info through the public call, then replacing the value */
		HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "ismspack");
		d = pdf->info;
	}
	if (d)
		HPDF_Dict_Add(d, key, text_string(pdf, value));
}

static void
xmp_escaped(isms_buf *b, const char *s)
{
	isms_buf_put_xml(b, s ? s : "");
}

static void
xmp_date(time_t t, char *buf, size_t size)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* PDF/A-2b: XMP metadata mirroring the Info dictionary (values XML-escaped), an
 * sRGB output intent, and a deterministic /ID.  Fonts are embedded and nothing is
 * transparent or encrypted by construction. */
static int
make_pdfa(HPDF_Doc pdf, const isms_layout *l, const char *producer, const char *creator)
{
	const isms_doc_info *in = l->info;
	char *icc = isms_data_path_icc();
	if (!icc) {
		isms_diag(ISMS_ERROR, NULL, "no sRGB ICC profile (install icc-profiles-free: make deps)");
		return -1;
	}
	HPDF_OutputIntent oi = HPDF_LoadIccProfileFromFile(pdf, icc, 3);
	free(icc);
	if (!oi || deflate_in_place(oi) < 0 ||
	    HPDF_PDFA_AppendOutputIntents(pdf, "sRGB IEC61966-2.1", oi) != HPDF_OK)
		return -1;

	char date[32];
	xmp_date(in->date, date, sizeof date);
	isms_buf x = {0};
	isms_buf_puts(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	                  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	                  "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	                  "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>\n"
	                  "  </rdf:Description>\n"
	                  "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	                  "   <dc:format>application/pdf</dc:format>\n");
	if (in->title && *in->title) {
		isms_buf_puts(&x, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xmp_escaped(&x, in->title);
		isms_buf_puts(&x, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (in->author && *in->author) {
		isms_buf_puts(&x, "   <dc:creator><rdf:Seq><rdf:li>");
		xmp_escaped(&x, in->author);
		isms_buf_puts(&x, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (in->subject && *in->subject) {
		isms_buf_puts(&x, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xmp_escaped(&x, in->subject);
		isms_buf_puts(&x, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	isms_buf_puts(&x, "  </rdf:Description>\n"
	                  "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	if (in->date)
		isms_buf_printf(&x, "   <xmp:CreateDate>%s</xmp:CreateDate>\n   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
		                    "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date);
	isms_buf_puts(&x, "   <xmp:CreatorTool>");
	xmp_escaped(&x, creator);
	isms_buf_puts(&x, "</xmp:CreatorTool>\n  </rdf:Description>\n"
	                  "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	                  "   <pdf:Producer>");
	xmp_escaped(&x, producer);
	isms_buf_puts(&x, "</pdf:Producer>\n");
	if (in->keywords && *in->keywords) {
		isms_buf_puts(&x, "   <pdf:Keywords>");
		xmp_escaped(&x, in->keywords);
		isms_buf_puts(&x, "</pdf:Keywords>\n");
	}
	isms_buf_puts(&x, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!meta) {
		isms_buf_free(&x);
		return -1;
	}
	meta->filter = HPDF_STREAM_FILTER_NONE; /* PDF/A: metadata stays readable */
	HPDF_Dict_AddName(meta, "Type", "Metadata");
	HPDF_Dict_AddName(meta, "Subtype", "XML");
	HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len);
	HPDF_Dict_Add(pdf->catalog, "Metadata", meta);

	/* /ID from the document's identity, never from the clock */
	uint64_t h1 = 1469598103934665603ull, h2 = 1099511628211ull * 31;
	isms_buf_printf(&x, "|%zu|%s|%s|%s", l->npages, in->number ? in->number : "",
	                in->version ? in->version : "", in->doc_title ? in->doc_title : "");
	for (size_t i = 0; i < l->npages; i++)
		isms_buf_printf(&x, "|%zu|%zu", l->pages[i].nruns, l->pages[i].nshapes);
	for (size_t i = 0; i < x.len; i++) {
		h1 = (h1 ^ (unsigned char)x.data[i]) * 1099511628211ull;
		h2 = (h2 ^ (unsigned char)x.data[i]) * 0x100000001B3ull + (h2 >> 29);
	}
	HPDF_BYTE id[16];
	for (int i = 0; i < 8; i++) {
		id[i] = (HPDF_BYTE)(h1 >> (8 * i));
		id[8 + i] = (HPDF_BYTE)(h2 >> (8 * i));
	}
	HPDF_Array ids = HPDF_Array_New(pdf->mmgr);
	HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, 16));
	HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, 16));
	HPDF_Dict_Add(pdf->trailer, "ID", ids);
	isms_buf_free(&x);
	return 0;
}

static HPDF_Date
pdf_date(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		tm.tm_sec, '+', 0, 0}; /* +00'00': 'Z00'00'' is refused by validators */
	return d;
}

/* The page's signature slots as its private data (a page-piece dictionary, PDF
 * 32000-1 14.5): /PieceInfo << /ismspack << /LastModified (date) /Private <<
 * /ApprovalBox << /drafter [x0 y0 x1 y1] ... >> /Lang (zh|en|bi) >> >> >>, where the
 * signer (src/pack) finds the cell and the language of a visible signature. */
static void
page_slots(HPDF_Doc pdf, HPDF_Page p, const isms_page *pg, time_t date, const char *lang)
{
	HPDF_MMgr mm = pdf->mmgr;
	char when[32];
	struct tm tm;
	gmtime_r(&date, &tm);
	strftime(when, sizeof when, "D:%Y%m%d%H%M%S+00'00'", &tm);
	HPDF_Dict box = HPDF_Dict_New(mm), priv = HPDF_Dict_New(mm), data = HPDF_Dict_New(mm),
	          piece = HPDF_Dict_New(mm);
	for (size_t i = 0; i < pg->nslots; i++) {
		const isms_slot *s = &pg->slots[i];
		HPDF_Array r = HPDF_Array_New(mm);
		HPDF_Array_AddReal(r, (HPDF_REAL)s->x);
		HPDF_Array_AddReal(r, (HPDF_REAL)s->y);
		HPDF_Array_AddReal(r, (HPDF_REAL)(s->x + s->w));
		HPDF_Array_AddReal(r, (HPDF_REAL)(s->y + s->h));
		HPDF_Dict_Add(box, s->name, r);
	}
	HPDF_Dict_Add(priv, "ApprovalBox", box);
	HPDF_Dict_Add(priv, "Lang", HPDF_String_New(mm, lang, NULL));
	HPDF_Dict_Add(data, "LastModified", HPDF_String_New(mm, when, NULL));
	HPDF_Dict_Add(data, "Private", priv);
	HPDF_Dict_Add(piece, "ismspack", data);
	HPDF_Dict_Add(p, "PieceInfo", piece);
	HPDF_Dict_Add(p, "LastModified", HPDF_String_New(mm, when, NULL));
}

int
isms_pdf_write(const isms_layout *l, const char *path)
{
	HPDF_Doc pdf = HPDF_New(on_hpdf_error, (void *)path);
	if (!pdf) {
		isms_diag(ISMS_ERROR, NULL, "libharu cannot start a document");
		return -1;
	}
	int rc = -1;
	HPDF_Dict fonts[ISMS_MAX_FONTS] = {0};
	/* no HPDF_SetCompressionMode: every stream is deflated by us */
	for (int f = 0; f < ISMS_MAX_FONTS; f++)
		if (l->fonts[f].data && !(fonts[f] = embed_font(pdf, &l->fonts[f]))) {
			isms_loc loc = {path, 0, 0};
			isms_diag(ISMS_ERROR, &loc, "libharu cannot hold the font %s (error 0x%04X)",
			          l->fonts[f].name, (unsigned)HPDF_GetError(pdf));
			goto done;
		}
	HPDF_Page *pages = isms_xcalloc(l->npages + 1, sizeof *pages);
	for (size_t i = 0; i < l->npages; i++) {
		const isms_page *pg = &l->pages[i];
		HPDF_Page p = pages[i] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(p, (HPDF_REAL)pg->w);
		HPDF_Page_SetHeight(p, (HPDF_REAL)pg->h);
		for (size_t s = 0; s < pg->nshapes; s++) {
			const isms_shape *sh = &pg->shapes[s];
			HPDF_Page_SetLineWidth(p, (HPDF_REAL)sh->width);
			if (sh->stroke >= 0)
				HPDF_Page_SetGrayStroke(p, (HPDF_REAL)sh->stroke);
			if (sh->fill >= 0)
				HPDF_Page_SetGrayFill(p, (HPDF_REAL)sh->fill);
			if (sh->dashed) {
				HPDF_UINT16 dash[] = {3, 2};
				HPDF_Page_SetDash(p, dash, 2, 0);
			}
			switch (sh->kind) {
			case ISMS_SH_RECT:
				HPDF_Page_Rectangle(p, (HPDF_REAL)sh->x, (HPDF_REAL)sh->y, (HPDF_REAL)sh->w,
				                    (HPDF_REAL)sh->h);
				break;
			case ISMS_SH_LINE:
				HPDF_Page_MoveTo(p, (HPDF_REAL)sh->pts[0], (HPDF_REAL)sh->pts[1]);
				HPDF_Page_LineTo(p, (HPDF_REAL)sh->pts[2], (HPDF_REAL)sh->pts[3]);
				break;
			case ISMS_SH_POLY:
				HPDF_Page_MoveTo(p, (HPDF_REAL)sh->pts[0], (HPDF_REAL)sh->pts[1]);
				for (int k = 1; k < 4; k++)
					HPDF_Page_LineTo(p, (HPDF_REAL)sh->pts[2 * k], (HPDF_REAL)sh->pts[2 * k + 1]);
				HPDF_Page_ClosePath(p);
				break;
			}
			if (sh->kind == ISMS_SH_LINE)
				HPDF_Page_Stroke(p);
			else if (sh->fill >= 0 && sh->stroke >= 0)
				HPDF_Page_FillStroke(p);
			else if (sh->fill >= 0)
				HPDF_Page_Fill(p);
			else
				HPDF_Page_Stroke(p);
			if (sh->dashed)
				HPDF_Page_SetDash(p, NULL, 0, 0);
			if (sh->kind == ISMS_SH_LINE && sh->arrow) {
				double dx = sh->pts[2] - sh->pts[0], dy = sh->pts[3] - sh->pts[1];
				double len = sqrt(dx * dx + dy * dy);
				if (len > 0) {
					double ux = dx / len, uy = dy / len, a = 6, b = 3;
					double bx = sh->pts[2] - ux * a, by = sh->pts[3] - uy * a;
					HPDF_Page_SetGrayFill(p, (HPDF_REAL)(sh->stroke >= 0 ? sh->stroke : 0));
					HPDF_Page_MoveTo(p, (HPDF_REAL)sh->pts[2], (HPDF_REAL)sh->pts[3]);
					HPDF_Page_LineTo(p, (HPDF_REAL)(bx - uy * b), (HPDF_REAL)(by + ux * b));
					HPDF_Page_LineTo(p, (HPDF_REAL)(bx + uy * b), (HPDF_REAL)(by - ux * b));
					HPDF_Page_ClosePath(p);
					HPDF_Page_Fill(p);
				}
			}
		}
		if (pg->nslots)
			page_slots(pdf, p, pg, l->info->date, l->info->bilingual ? "bi" : l->info->english ? "en" : "zh");
		HPDF_PageAttr attr = (HPDF_PageAttr)p->attr;
		if ((pg->nruns && page_text(p, pg, fonts) < 0) || deflate_in_place(attr->contents) < 0) {
			free(pages);
			goto done;
		}
		/* the page is complete: a write to it now would fail, never go astray */
		attr->stream = attr->contents->stream;
	}
	/* bookmarks, nested by level */
	HPDF_Outline parents[6] = {0};
	for (size_t i = 0; i < l->nmarks; i++) {
		const isms_mark *m = &l->marks[i];
		int lv = m->level < 1 ? 1 : m->level > 4 ? 4 : m->level;
		HPDF_Outline parent = NULL;
		for (int k = lv - 1; k >= 1 && !parent; k--)
			parent = parents[k];
		HPDF_Outline o = HPDF_CreateOutline(pdf, parent, "", NULL);
		if (!o)
			continue;
		HPDF_Dict_RemoveElement(o, "Type"); /* /Type /Outlines belongs to the root only */
		HPDF_Dict_Add(o, "Title", text_string(pdf, m->title));
		/* a direct destination array: [page /FitH top] */
		HPDF_Array dst = HPDF_Array_New(pdf->mmgr);
		HPDF_Array_Add(dst, pages[m->page]);
		HPDF_Array_AddName(dst, "FitH");
		HPDF_Array_AddReal(dst, (HPDF_REAL)(l->pages[m->page].h - m->y + 6));
		HPDF_Dict_Add(o, "Dest", dst);
		HPDF_Outline_SetOpened(o, lv < 2);
		parents[lv] = o;
		for (int k = lv + 1; k < 6; k++)
			parents[k] = NULL;
	}
	if (l->nmarks)
		HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	free(pages);

	const isms_doc_info *in = l->info;
	set_info(pdf, "Title", in->title);
	set_info(pdf, "Author", in->author);
	set_info(pdf, "Subject", in->subject);
	set_info(pdf, "Keywords", in->keywords);
	const char *creator = in->creator ? in->creator : "ismspack " ISMS_VERSION;
	const char *producer = "ismspack " ISMS_VERSION " with libharu";
	set_info(pdf, "Creator", creator);
	set_info(pdf, "Producer", producer);
	if (in->date) {
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, pdf_date(in->date));
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, pdf_date(in->date));
	}
	pdf->pdf_version = HPDF_VER_17;
	if (make_pdfa(pdf, l, producer, creator) < 0)
		goto done;
	isms_buf file = {0};
	pdf->stream = HPDF_CallbackWriter_New(pdf->mmgr, out_write, &file);
	if (!pdf->stream || HPDF_SaveToStream(pdf) != HPDF_OK) {
		isms_buf_free(&file);
		goto done;
	}
	if (isms_fs_write_atomic(path, file.data, file.len) < 0) {
		isms_loc loc = {path, 0, 0};
		isms_diag(ISMS_ERROR, &loc, "cannot write: %s", strerror(errno));
	} else {
		rc = 0;
	}
	isms_buf_free(&file);
done:
	HPDF_Free(pdf);
	while (blobs) {
		struct blob *b = blobs;
		blobs = b->next;
		free(b->data);
		free(b);
	}
	return rc;
}

int
isms_pdf_page_count(const char *path)
{
	size_t len;
	char *data = isms_fs_read_file(path, &len, 256u << 20);
	if (!data)
		return -1;
	/* libharu writes one page tree: << /Type /Pages /Kids [...] /Count N >> */
	int count = -1;
	const char *p = data;
	while ((p = memmem(p, len - (size_t)(p - data), "/Type /Pages", 12))) {
		const char *end = memmem(p, len - (size_t)(p - data), ">>", 2);
		const char *c = memmem(p, len - (size_t)(p - data), "/Count ", 7);
		if (c && (!end || c < end) && count < 0)
			count = atoi(c + 7);
		p += 12;
	}
	free(data);
	return count;
}

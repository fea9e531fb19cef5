/* PDF output (pdf layer): libharu with the defects measured on 2.3 mended: the
 * ToUnicode CMap replaced by a correct identity map, /Ordering (Identity), fonts
 * subset beforehand; outlines; Info strings as UTF-16. */
#define _GNU_SOURCE
#include "pdf.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pdfa.h>
#include <hpdf_streams.h>
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

/* Codes are UCS-2 code points, so the correct map is the identity over the BMP
 * (surrogates excluded), at most 100 ranges per block. */
static void
write_tounicode(HPDF_Stream s)
{
	isms_buf b = {0};
	isms_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int hi[256], n = 0;
	for (int h = 0; h < 256; h++)
		if (h < 0xD8 || h > 0xDF)
			hi[n++] = h;
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		isms_buf_printf(&b, "%d beginbfrange\n", k);
		for (int j = i; j < i + k; j++)
			isms_buf_printf(&b, "<%02X00> <%02XFF> <%02X00>\n", hi[j], hi[j], hi[j]);
		isms_buf_puts(&b, "endbfrange\n");
	}
	isms_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_Write(s, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	isms_buf_free(&b);
}

static void
mend_font(HPDF_Font font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (attr->cmap_stream && attr->cmap_stream->stream)
		write_tounicode(attr->cmap_stream->stream);
	if (attr->descendant_font) {
		HPDF_Dict info = HPDF_Dict_GetItem(attr->descendant_font, "CIDSystemInfo",
		                                   HPDF_OCLASS_DICT);
		if (info)
			HPDF_Dict_Add(info, "Ordering", HPDF_String_New(font->mmgr, "Identity", NULL));
	}
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
	if (!oi || HPDF_PDFA_AppendOutputIntents(pdf, "sRGB IEC61966-2.1", oi) != HPDF_OK)
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
		tm.tm_sec, 'Z', 0, 0};
	return d;
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
	int fds[ISMS_NFONTS];
	HPDF_Font fonts[ISMS_NFONTS] = {0};
	for (int f = 0; f < ISMS_NFONTS; f++)
		fds[f] = -1;
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	for (int f = 0; f < ISMS_NFONTS; f++) {
		if (!l->fonts[f].data)
			continue;
		/* libharu loads fonts from files: hand it the subset through a memfd */
		fds[f] = memfd_create("ismspack-font", MFD_CLOEXEC);
		if (fds[f] < 0 || write(fds[f], l->fonts[f].data, l->fonts[f].len) != (ssize_t)l->fonts[f].len) {
			isms_diag(ISMS_ERROR, NULL, "cannot pass a font to libharu: %s", strerror(errno));
			goto done;
		}
		char fp[64];
		snprintf(fp, sizeof fp, "/proc/self/fd/%d", fds[f]);
		const char *name = HPDF_LoadTTFontFromFile(pdf, fp, HPDF_TRUE);
		if (!name)
			goto done;
		fonts[f] = HPDF_GetFont(pdf, name, "UTF-8");
		if (!fonts[f])
			goto done;
		mend_font(fonts[f]);
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
		if (pg->nruns) {
			HPDF_Page_BeginText(p);
			int cur_font = -1, cur_bold = -1;
			double cur_size = -1, cur_cs = 0, cur_grey = 0;
			HPDF_Page_SetGrayFill(p, 0);
			HPDF_Page_SetGrayStroke(p, 0);
			for (size_t r = 0; r < pg->nruns; r++) {
				const isms_run *run = &pg->runs[r];
				if (!fonts[run->font])
					continue;
				if (run->font != cur_font || run->size != cur_size) {
					HPDF_Page_SetFontAndSize(p, fonts[run->font], (HPDF_REAL)run->size);
					cur_font = run->font;
					cur_size = run->size;
				}
				if (run->synth_bold != cur_bold) {
					HPDF_Page_SetTextRenderingMode(p, run->synth_bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
					if (run->synth_bold)
						HPDF_Page_SetLineWidth(p, (HPDF_REAL)(run->size * 0.035));
					cur_bold = run->synth_bold;
				}
				if (run->char_space != cur_cs) {
					HPDF_Page_SetCharSpace(p, (HPDF_REAL)run->char_space);
					cur_cs = run->char_space;
				}
				if (run->grey != cur_grey) {
					HPDF_Page_SetGrayFill(p, (HPDF_REAL)run->grey);
					HPDF_Page_SetGrayStroke(p, (HPDF_REAL)run->grey);
					cur_grey = run->grey;
				}
				HPDF_Page_TextOut(p, (HPDF_REAL)run->x, (HPDF_REAL)run->y, run->utf8);
			}
			HPDF_Page_EndText(p);
		}
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
		HPDF_Dict_Add(o, "Title", text_string(pdf, m->title));
		HPDF_Destination dst = HPDF_Page_CreateDestination(pages[m->page]);
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)(l->pages[m->page].h - m->y + 6));
		HPDF_Outline_SetDestination(o, dst);
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
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		goto done;
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	unsigned char *buf = isms_xmalloc(size ? size : 1);
	HPDF_UINT32 got = size;
	HPDF_ReadFromStream(pdf, buf, &got);
	if (isms_fs_write_atomic(path, buf, got) < 0) {
		isms_loc loc = {path, 0, 0};
		isms_diag(ISMS_ERROR, &loc, "cannot write: %s", strerror(errno));
	} else {
		rc = 0;
	}
	free(buf);
done:
	HPDF_Free(pdf);
	for (int f = 0; f < ISMS_NFONTS; f++)
		if (fds[f] >= 0)
			close(fds[f]);
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

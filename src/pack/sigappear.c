/* A visible signature's appearance (pack layer): the signer's name, role title and
 * signing time typeset by src/typeset (its fonts, shaping and subsets, so a Chinese
 * or Ext-B name prints as the documents do) and written as PDF objects: a Form
 * XObject scaled into the approval box cell, and Type0/CIDFontType2 fonts embedding
 * their subsets (PDF/A-2b: embedded, /W as measured, ToUnicode, CIDSet). */
#define _GNU_SOURCE
#include "signer.h"

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "pdf/pdf.h"
#include "typeset/pages.h"
#include "typeset/tree.h"

/* The signer's name as a reader knows it: the certificate subject's commonName
 * (a Taiwanese staff or citizen card carries the Chinese name there), else the
 * whole subject.  Malloc'd UTF-8. */
static char *
signer_name(X509 *cert)
{
	const X509_NAME *n = X509_get_subject_name(cert);
	int i = X509_NAME_get_index_by_NID(n, NID_commonName, -1);
	unsigned char *u = NULL;
	if (i >= 0 && ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i))) >= 0) {
		char *r = isms_xstrdup((char *)u);
		OPENSSL_free(u);
		return r;
	}
	char *line = X509_NAME_oneline(n, NULL, 0);
	char *r = isms_xstrdup(line ? line : "?");
	OPENSSL_free(line);
	return r;
}

const char *
isms_pack_role_title(const char *role, const char *lang)
{
	static const struct { const char *id, *zh, *en, *bi; } t[] = {
		{"drafter", "承辦人", "Drafter", "承辦人 Drafter"},
		{"reviewer", "審查人", "Reviewer", "審查人 Reviewer"},
		{"approver", "核准人", "Approver", "核准人 Approver"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(role, t[i].id))
			return !strcmp(lang, "en") ? t[i].en : !strcmp(lang, "bi") ? t[i].bi : t[i].zh;
	return NULL;
}

static char *
num(char *buf, double v)
{
	snprintf(buf, 32, "%.3f", v);
	/* trim trailing zeros: "12.500" -> "12.5", "3.000" -> "3" */
	char *e = buf + strlen(buf) - 1;
	while (e > buf && *e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	return buf;
}

static void
begin_obj(isms_buf *u, isms_xref *x, size_t *nx, long n)
{
	x[*nx].num = n;
	x[*nx].off = u->len;
	(*nx)++;
	isms_buf_printf(u, "%ld 0 obj\n", n);
}

static void
stream_obj(isms_buf *u, isms_xref *x, size_t *nx, long n, const char *extra, const void *data,
           size_t len)
{
	begin_obj(u, x, nx, n);
	isms_buf_printf(u, "<< /Length %zu%s >>\nstream\n", len, extra ? extra : "");
	isms_buf_append(u, data, len);
	isms_buf_puts(u, "\nendstream\nendobj\n");
}

/* The font's objects from number n: Type0 (n), CIDFontType2, FontDescriptor,
 * FontFile2, ToUnicode, CIDSet and, when CIDs are not glyph ids, the CIDToGIDMap.
 * Returns the count. */
static long
font_objs(isms_buf *u, isms_xref *x, size_t *nx, long n, const isms_font_data *f,
          const char *name)
{
	int map = f->cid_gid != NULL;
	long cid = n + 1, desc = n + 2, file = n + 3, tu = n + 4, set = n + 5, gid = n + 6;
	begin_obj(u, x, nx, n);
	isms_buf_printf(u, "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
	                "/DescendantFonts [%ld 0 R] /ToUnicode %ld 0 R >>\nendobj\n", name, cid, tu);
	begin_obj(u, x, nx, cid);
	isms_buf_printf(u, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo "
	                "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
	                "%ld 0 R /DW 1000 /W [0 [", name, desc);
	for (int c = 0; c < f->ncids; c++)
		isms_buf_printf(u, "%s%d", c ? " " : "", f->cid_width[c]);
	if (map)
		isms_buf_printf(u, "]] /CIDToGIDMap %ld 0 R >>\nendobj\n", gid);
	else
		isms_buf_puts(u, "]] /CIDToGIDMap /Identity >>\nendobj\n");
	begin_obj(u, x, nx, desc);
	isms_buf_printf(u, "<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] "
	                "/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 "
	                "%ld 0 R /CIDSet %ld 0 R >>\nendobj\n", name, f->flags, f->bbox[0],
	                f->bbox[1], f->bbox[2], f->bbox[3], f->ascent, f->descent, f->cap_height,
	                f->stem_v, file, set);
	char extra[48];
	snprintf(extra, sizeof extra, " /Length1 %zu", f->len);
	stream_obj(u, x, nx, file, extra, f->data, f->len);
	isms_buf m = {0};
	isms_pdf_tounicode(f, &m);
	stream_obj(u, x, nx, tu, NULL, m.data, m.len);
	m.len = 0;
	isms_pdf_cidset(f, &m);
	stream_obj(u, x, nx, set, NULL, m.data, m.len);
	if (map) {
		m.len = 0;
		for (int c = 0; c < f->ncids; c++) {
			isms_buf_putc(&m, (char)(f->cid_gid[c] >> 8));
			isms_buf_putc(&m, (char)(f->cid_gid[c] & 0xff));
		}
		stream_obj(u, x, nx, gid, NULL, m.data, m.len);
	}
	isms_buf_free(&m);
	return map ? 7 : 6;
}

/* Refuse what a name must not carry into the typesetter: control characters (the
 * tree's in-band marks among them) and characters no installed font has. */
static int
printable(const char *s, const char *what)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t d = isms_utf8_decode(s + i, n - i, &cp);
		const char *why = d == 0 ? "not UTF-8" : cp < 0x20 || cp == 0x7f ? "a control character"
		                  : isms_typeset_refuse(cp);
		if (why) {
			isms_diag(ISMS_ERROR, NULL, "--sign-visible: the %s \"%s\" cannot be drawn: "
			          "U+%04X is %s", what, s, d ? (unsigned)cp : 0u, why);
			return -1;
		}
		i += d;
	}
	return 0;
}

long
isms_pack_appearance(const isms_signer *s, time_t when, const char *lang, double w, double h,
                     long first, isms_buf *u, isms_xref *x, size_t *nx)
{
	if (isms_typeset_fonts() < 0)
		return -1;
	const char *title = isms_pack_role_title(s->role, lang);
	char *name = signer_name(s->cert);
	long rc = -1;
	isms_doc *doc = NULL;
	isms_layout *lay = NULL;
	isms_buf c = {0};
	if (!title || printable(name, "signer's name (certificate subject)") < 0)
		goto done;
	char at[40], line2[200], kept[600];
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(at, sizeof at, "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(line2, sizeof line2, "%s  %s", title, at);
	/* the name whole on one line (it is scaled to the cell, never broken) */
	snprintf(kept, sizeof kept, "%c%s%c", ISMS_KEEP_ON, name, ISMS_KEEP_OFF);
	isms_doc_info info = {.title = "signature", .date = when};
	doc = isms_doc_new(&info);
	isms_doc_section(doc, 1, 10);
	isms_doc_header(doc, 0);
	isms_doc_para(doc, ISMS_FIELD, 0, NULL, kept, ISMS_CENTER);
	isms_doc_para(doc, ISMS_SMALL, 0, NULL, line2, ISMS_CENTER);
	if (isms_typeset(doc, &lay) < 0 || lay->npages != 1 || !lay->pages[0].nruns) {
		isms_diag(ISMS_ERROR, NULL, "--sign-visible: cannot typeset the signer's name \"%s\"",
		          name);
		goto done;
	}
	const isms_page *pg = &lay->pages[0];
	/* The two lines (each paragraph is one: both are centred, never wrapped) are
	 * set closer than paragraphs are: the second baseline a little more than its
	 * ascent below the first's descent.  dy[r] moves run r there. */
	double *dy = isms_xcalloc(pg->nruns + 1, sizeof *dy);
	double line_y = 0, line_size = 0, placed = 0;
	for (size_t r = 0; r < pg->nruns; r++) {
		const isms_run *run = &pg->runs[r];
		if (r == 0 || run->y < line_y - 0.01) {
			double base = r == 0 ? run->y : placed - 0.22 * line_size - 0.9 * run->size - 1;
			line_y = run->y;
			line_size = run->size;
			placed = base;
		}
		if (run->size > line_size)
			line_size = run->size;
		dy[r] = placed - line_y;
	}
	double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
	for (size_t r = 0; r < pg->nruns; r++) {
		const isms_run *run = &pg->runs[r];
		double y = run->y + dy[r];
		if (run->x < x0) x0 = run->x;
		if (run->x + run->width > x1) x1 = run->x + run->width;
		if (y - 0.22 * run->size < y0) y0 = y - 0.22 * run->size;
		if (y + 0.9 * run->size > y1) y1 = y + 0.9 * run->size;
	}
	/* scaled to fit the cell with a little margin, centred; at most to the size
	 * that fits the room the layout keeps in every approval cell (about 18.5 pt:
	 * name 8.6 pt, then 7 pt), so that the signatures of one box match */
	double sc = (w - 2) / (x1 - x0);
	if ((h - 1) / (y1 - y0) < sc)
		sc = (h - 1) / (y1 - y0);
	if (sc > 0.78)
		sc = 0.78;
	char n1[32], n2[32], n3[32];
	isms_buf_printf(&c, "q\n%s 0 0 %s ", num(n1, sc), num(n2, sc));
	isms_buf_printf(&c, "%s %s cm\nBT\n0 g\n", num(n1, w / 2 - sc * (x0 + x1) / 2),
	                num(n3, h / 2 - sc * (y0 + y1) / 2));
	int cur_font = -1;
	double cur_size = -1, cur_cs = 0, cur_grey = 0;
	int fonts_used[ISMS_MAX_FONTS], nf = 0;
	for (size_t r = 0; r < pg->nruns; r++) {
		const isms_run *run = &pg->runs[r];
		if (!run->ncids)
			continue;
		int seen = 0;
		for (int k = 0; k < nf; k++)
			seen |= fonts_used[k] == run->font;
		if (!seen)
			fonts_used[nf++] = run->font;
		if (run->font != cur_font || run->size != cur_size) {
			isms_buf_printf(&c, "/F%d %s Tf\n", run->font, num(n1, run->size));
			cur_font = run->font;
			cur_size = run->size;
		}
		if (run->char_space != cur_cs) {
			isms_buf_printf(&c, "%s Tc\n", num(n1, run->char_space));
			cur_cs = run->char_space;
		}
		if (run->grey != cur_grey) {
			isms_buf_printf(&c, "%s g\n", num(n1, run->grey));
			cur_grey = run->grey;
		}
		isms_buf_printf(&c, "1 0 0 1 %s %s Tm <", num(n1, run->x), num(n2, run->y + dy[r]));
		for (size_t k = 0; k < run->ncids; k++)
			isms_buf_printf(&c, "%04X", run->cids[k]);
		isms_buf_puts(&c, "> Tj\n");
	}
	isms_buf_puts(&c, "ET\nQ\n");
	free(dy);
	/* the form, then each font it uses */
	long fobj[ISMS_MAX_FONTS], next = first + 1;
	for (int k = 0; k < nf; k++) {
		const isms_font_data *f = &lay->fonts[fonts_used[k]];
		fobj[k] = next;
		next += f->cid_gid ? 7 : 6;
	}
	begin_obj(u, x, nx, first);
	isms_buf_printf(u, "<< /Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources << /Font <<",
	                num(n1, w), num(n2, h));
	for (int k = 0; k < nf; k++)
		isms_buf_printf(u, " /F%d %ld 0 R", fonts_used[k], fobj[k]);
	isms_buf_printf(u, " >> >> /Length %zu >>\nstream\n", c.len);
	isms_buf_append(u, c.data, c.len);
	isms_buf_puts(u, "\nendstream\nendobj\n");
	for (int k = 0; k < nf; k++) {
		/* A subset tag of its own (PDF 32000-1 9.6.4): the same glyphs drawn by an
		 * earlier signer's appearance, or by the document, are another font file. */
		const isms_font_data *f = &lay->fonts[fonts_used[k]];
		const char *plus = strchr(f->name, '+');
		char fname[160];
		unsigned long long hsh = 1469598103934665603ull;
		for (const char *q = f->name; *q; q++)
			hsh = (hsh ^ (unsigned char)*q) * 1099511628211ull;
		hsh = (hsh ^ (unsigned long long)fobj[k]) * 1099511628211ull;
		for (const char *q = s->role; *q; q++)
			hsh = (hsh ^ (unsigned char)*q) * 1099511628211ull;
		char tag[7];
		for (int t = 0; t < 6; t++, hsh /= 26)
			tag[t] = (char)('A' + hsh % 26);
		tag[6] = '\0';
		snprintf(fname, sizeof fname, "%s+%s", tag, plus ? plus + 1 : f->name);
		font_objs(u, x, nx, fobj[k], f, fname);
	}
	rc = next - first;
done:
	isms_buf_free(&c);
	isms_layout_free(lay);
	isms_doc_free(doc);
	free(name);
	return rc;
}

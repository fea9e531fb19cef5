/* PAdES-B-B signatures embedded in PDFs (pack layer): an incremental update adds an
 * AcroForm signature field, its widget on the first page, and a /Sig dictionary
 * whose /Contents holds a detached CMS (SHA-256, signing-certificate-v2) over the
 * /ByteRange; verification checks the digest, the chain and that nothing follows. */
#define _GNU_SOURCE
#include "signer.h"

#include <errno.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "typeset/pages.h"

/* Room for the DER signature: RSA-4096 with a chain of a few certificates. */
#define SIG_BYTES 16384

static const char *
rfind(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (len < n)
		return NULL;
	for (size_t i = len - n + 1; i-- > 0;)
		if (!memcmp(hay + i, needle, n))
			return hay + i;
	return NULL;
}

/* The value after key in a dict text (e.g. "/Root 1 0 R" → object 1). */
static long
ref_after(const char *dict, const char *end, const char *key)
{
	size_t k = strlen(key);
	for (const char *p = dict; p + k < end; p++)
		if (!memcmp(p, key, k) && (p[k] == ' ' || p[k] == '\n' || p[k] == '\r'))
			return strtol(p + k, NULL, 10);
	return -1;
}

/* Find "N 0 obj" and return the span of its top-level dictionary "<< ... >>". */
static int
object_dict(const char *pdf, size_t len, long num, const char **start, const char **end)
{
	char head[32];
	int hl = snprintf(head, sizeof head, "%ld 0 obj", num);
	const char *p = NULL;
	/* The last definition wins (earlier incremental updates may have replaced it). */
	for (const char *q = pdf; (q = memmem(q, len - (size_t)(q - pdf), head, (size_t)hl));
	     q += hl)
		if (q == pdf || q[-1] == '\n' || q[-1] == '\r' || q[-1] == ' ')
			p = q;
	if (!p)
		return -1;
	p = memmem(p, len - (size_t)(p - pdf), "<<", 2);
	if (!p)
		return -1;
	int depth = 0;
	for (const char *q = p; q + 1 < pdf + len; q++) {
		if (q[0] == '<' && q[1] == '<') {
			depth++;
			q++;
		} else if (q[0] == '>' && q[1] == '>') {
			if (--depth == 0) {
				*start = p;
				*end = q + 2;
				return 0;
			}
			q++;
		}
	}
	return -1;
}

static void
pdf_date(time_t t, char *buf, size_t size)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "D:%Y%m%d%H%M%SZ", &tm);
}

static int
cmp_xref(const void *a, const void *b)
{
	long x = ((const isms_xref *)a)->num, y = ((const isms_xref *)b)->num;
	return (x > y) - (x < y);
}

/* The approval box cell of role on the page dictionary [ps, pe) (its page-piece
 * data, as src/pdf writes it: /ApprovalBox << /role [x0 y0 x1 y1] ... >> /Lang
 * (zh)) into box, and the document's language into lang (>= 3 bytes).  0 found. */
static int
approval_cell(const char *ps, const char *pe, const char *role, double box[4], char *lang)
{
	const char *ab = memmem(ps, (size_t)(pe - ps), "/ApprovalBox", 12);
	if (!ab || !*role)
		return -1;
	const char *ae = memmem(ab, (size_t)(pe - ab), ">>", 2);
	char key[80];
	int kl = snprintf(key, sizeof key, "/%s", role);
	for (const char *q = ab; ae && (q = memmem(q, (size_t)(ae - q), key, (size_t)kl)); q += kl) {
		const char *v = q + kl;
		while (v < ae && strchr(" \r\n", *v))
			v++;
		if (v >= ae || *v != '[')
			continue;
		char *e = (char *)v + 1;
		for (int k = 0; k < 4; k++) {
			const char *from = e;
			box[k] = strtod(from, &e);
			if (e == from)
				return -1;
		}
		if (box[2] <= box[0] || box[3] <= box[1])
			return -1;
		const char *lg = memmem(ab, (size_t)(pe - ab), "/Lang (", 7);
		if (lg && lg[9] == ')' && lg[7] >= 'a' && lg[7] <= 'z' && lg[8] >= 'a' && lg[8] <= 'z')
			snprintf(lang, 3, "%.2s", lg + 7);
		return 0;
	}
	return -1;
}

int
isms_pack_sign_pdf(const isms_signer *signer, const char *path, time_t when)
{
	const isms_signer *s = signer;
	size_t len;
	char *pdf = isms_fs_read_file(path, &len, 256u << 20);
	isms_loc where = {path, 0, 0};
	if (!pdf) {
		isms_diag(ISMS_ERROR, &where, "cannot read: %s", strerror(errno));
		return -1;
	}
	int rc = -1;
	isms_buf u = {0};
	isms_xref *xs = NULL;
	const char *sx = rfind(pdf, len, "startxref");
	const char *tr = sx ? rfind(pdf, (size_t)(sx - pdf), "trailer") : NULL;
	const char *ds, *de;
	if (!sx || !tr) {
		isms_diag(ISMS_ERROR, &where, "no classic xref trailer: cannot add a signature");
		goto done;
	}
	long prev = strtol(sx + 9, NULL, 10);
	const char *tend = sx;
	long size = ref_after(tr, tend, "/Size");
	long root = ref_after(tr, tend, "/Root");
	long info = ref_after(tr, tend, "/Info");
	const char *id = memmem(tr, (size_t)(tend - tr), "/ID", 3);
	if (size < 1 || root < 1 || object_dict(pdf, len, root, &ds, &de) < 0) {
		isms_diag(ISMS_ERROR, &where, "unexpected trailer or catalog: cannot sign");
		goto done;
	}
	/* A PDF signed before carries the form ismspack wrote (inline, one signature
	 * field per signer): the new field joins it, in a new revision. */
	const char *af = memmem(ds, (size_t)(de - ds), "/AcroForm", 9);
	const char *fields_end = NULL;
	int nfields = 0;
	if (af) {
		const char *f = memmem(af, (size_t)(de - af), "/Fields [", 9);
		fields_end = f ? memchr(f, ']', (size_t)(de - f)) : NULL;
		if (!f || f - af > 16 || !fields_end ||
		    !memmem(fields_end, (size_t)(de - fields_end), "] /SigFlags 3 >>", 16)) {
			isms_diag(ISMS_ERROR, &where, "has a form ismspack did not write: cannot add "
			          "a signature");
			goto done;
		}
		for (const char *q = f; q + 1 < fields_end; q++)
			nfields += q[0] == ' ' && q[1] == 'R';
	}
	long pages = ref_after(ds, de, "/Pages");
	const char *ps, *pe, *kids;
	long page = -1;
	double box[4];
	char lang[4] = "zh";
	int visible = 0;
	if (pages > 0 && object_dict(pdf, len, pages, &ps, &pe) == 0 &&
	    (kids = memmem(ps, (size_t)(pe - ps), "/Kids", 5)) != NULL) {
		const char *lb = memchr(kids, '[', (size_t)(pe - kids));
		if (lb)
			page = strtol(lb + 1, NULL, 10);
		/* visible: the page whose approval box has the signer's cell */
		const char *rb = lb ? memchr(lb, ']', (size_t)(pe - lb)) : NULL;
		for (const char *q = lb ? lb + 1 : NULL; s->visible && q && q < rb && !visible;) {
			char *e;
			long k = strtol(q, &e, 10);
			if (e == q)
				break;
			const char *r = memchr(e, 'R', (size_t)(rb - e));
			q = r ? r + 1 : rb;
			const char *ks, *ke;
			if (k > 0 && object_dict(pdf, len, k, &ks, &ke) == 0 &&
			    approval_cell(ks, ke, s->role, box, lang) == 0) {
				page = k;
				visible = 1;
			}
		}
	}
	const char *pgs = NULL, *pge = NULL;
	if (page < 1 || object_dict(pdf, len, page, &pgs, &pge) < 0) {
		isms_diag(ISMS_ERROR, &where, "cannot find the first page: cannot sign");
		goto done;
	}
	long field = size, sig = size + 1;
	size_t nx = 0;
	xs = isms_xmalloc((5 + 7 * ISMS_MAX_FONTS) * sizeof *xs);
	isms_buf_append(&u, pdf, len);
	if (u.data[u.len - 1] != '\n')
		isms_buf_putc(&u, '\n');

	xs[nx++] = (isms_xref){root, u.len};
	isms_buf_printf(&u, "%ld 0 obj\n", root);
	if (fields_end) {
		isms_buf_append(&u, ds, (size_t)(fields_end - ds));
		isms_buf_printf(&u, " %ld 0 R", field);
		isms_buf_append(&u, fields_end, (size_t)(de - fields_end));
		isms_buf_puts(&u, "\nendobj\n");
	} else {
		isms_buf_append(&u, ds, (size_t)(de - ds - 2));
		isms_buf_printf(&u, " /AcroForm << /Fields [%ld 0 R] /SigFlags 3 >> >>\nendobj\n", field);
	}

	xs[nx++] = (isms_xref){page, u.len};
	isms_buf_printf(&u, "%ld 0 obj\n", page);
	const char *annots = memmem(pgs, (size_t)(pge - pgs), "/Annots", 7);
	const char *lb = annots ? memchr(annots, '[', (size_t)(pge - annots)) : NULL;
	if (annots && lb && lb - annots < 12) {
		isms_buf_append(&u, pgs, (size_t)(lb + 1 - pgs));
		isms_buf_printf(&u, "%ld 0 R ", field);
		isms_buf_append(&u, lb + 1, (size_t)(pge - lb - 1));
	} else {
		isms_buf_append(&u, pgs, (size_t)(pge - pgs - 2));
		isms_buf_printf(&u, " /Annots [%ld 0 R] >>", field);
	}
	isms_buf_puts(&u, "\nendobj\n");

	char tname[32] = "ismspack";
	if (nfields)
		snprintf(tname, sizeof tname, "ismspack-%d", nfields + 1);
	xs[nx++] = (isms_xref){field, u.len};
	isms_buf_printf(&u, "%ld 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (%s) "
	                "/V %ld 0 R /Rect [", field, tname, sig);
	long nap = 0;
	if (visible) {
		/* the cell's rectangle; its appearance (sig + 1 ...) drawn to fit it */
		char n[4][32];
		for (int k = 0; k < 4; k++)
			snprintf(n[k], sizeof n[k], "%.2f", box[k]);
		isms_buf_printf(&u, "%s %s %s %s] /F 132 /P %ld 0 R /AP << /N %ld 0 R >> >>\nendobj\n",
		                n[0], n[1], n[2], n[3], page, sig + 1);
		nap = isms_pack_appearance(s, when, lang, strtod(n[2], NULL) - strtod(n[0], NULL),
		                           strtod(n[3], NULL) - strtod(n[1], NULL), sig + 1, &u, xs, &nx);
		if (nap < 0)
			goto done;
	} else {
		/* invisible: an empty rectangle, and an empty appearance, which PDF/A
		 * wants of every widget (PDFBox Preflight 5.3.1) */
		isms_buf_printf(&u, "0 0 0 0] /F 132 /P %ld 0 R /AP << /N %ld 0 R >> >>\nendobj\n",
		                page, sig + 1);
		xs[nx++] = (isms_xref){sig + 1, u.len};
		isms_buf_printf(&u, "%ld 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 0 0] "
		                "/Length 0 >>\nstream\n\nendstream\nendobj\n", sig + 1);
		nap = 1;
	}

	char mdate[32];
	pdf_date(when, mdate, sizeof mdate);
	xs[nx++] = (isms_xref){sig, u.len};
	isms_buf_printf(&u, "%ld 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter "
	                "/ETSI.CAdES.detached /M (%s) ", sig, mdate);
	/* The role id is plain ASCII (checked when the signer is loaded). */
	if (*s->role)
		isms_buf_printf(&u, "/Reason (%s) ", s->role);
	isms_buf_puts(&u, "/ByteRange [");
	size_t br_at = u.len;
	isms_buf_puts(&u, "0 0000000000 0000000000 0000000000] /Contents ");
	size_t contents_at = u.len;
	isms_buf_putc(&u, '<');
	for (int i = 0; i < 2 * SIG_BYTES; i++)
		isms_buf_putc(&u, '0');
	isms_buf_putc(&u, '>');
	size_t contents_end = u.len;
	isms_buf_puts(&u, " >>\nendobj\n");

	/* xref of the update: one subsection per run of consecutive numbers */
	qsort(xs, nx, sizeof *xs, cmp_xref);
	long xref_at = (long)u.len;
	isms_buf_puts(&u, "xref\n");
	for (size_t i = 0; i < nx;) {
		size_t j = i;
		while (j + 1 < nx && xs[j + 1].num == xs[j].num + 1)
			j++;
		isms_buf_printf(&u, "%ld %zu\n", xs[i].num, j - i + 1);
		for (size_t k = i; k <= j; k++)
			isms_buf_printf(&u, "%010zu 00000 n\r\n", xs[k].off);
		i = j + 1;
	}
	isms_buf_printf(&u, "trailer\n<< /Size %ld /Root %ld 0 R", size + 2 + nap, root);
	if (info > 0)
		isms_buf_printf(&u, " /Info %ld 0 R", info);
	if (id) {
		const char *ie = memchr(id, ']', (size_t)(tend - id));
		if (ie) {
			isms_buf_putc(&u, ' ');
			isms_buf_append(&u, id, (size_t)(ie + 1 - id));
		}
	}
	isms_buf_printf(&u, " /Prev %ld >>\nstartxref\n%ld\n%%%%EOF\n", prev, xref_at);

	/* Fill the byte range, then sign everything but the /Contents hex string. */
	char br[48];
	snprintf(br, sizeof br, "0 %010zu %010zu %010zu", contents_at, contents_end,
	         u.len - contents_end);
	memcpy(u.data + br_at, br, strlen(br));
	CMS_ContentInfo *cms = isms_pack_cms_sign(s, u.data, contents_at, u.data + contents_end,
	                                          u.len - contents_end, when, CMS_NOSMIMECAP);
	unsigned char *der = NULL;
	int derlen = cms ? i2d_CMS_ContentInfo(cms, &der) : -1;
	CMS_ContentInfo_free(cms);
	if (derlen <= 0 || derlen > SIG_BYTES) {
		ERR_clear_error();
		isms_diag(ISMS_ERROR, &where, derlen > SIG_BYTES ? "signature larger than its "
		          "placeholder (certificate chain too long)" : "cannot sign the PDF");
		OPENSSL_free(der);
		goto done;
	}
	for (int i = 0; i < derlen; i++) {
		static const char hex[] = "0123456789ABCDEF";
		u.data[contents_at + 1 + 2 * i] = hex[der[i] >> 4];
		u.data[contents_at + 2 + 2 * i] = hex[der[i] & 15];
	}
	OPENSSL_free(der);
	if (isms_fs_write_atomic(path, u.data, u.len) < 0) {
		isms_diag(ISMS_ERROR, &where, "cannot write: %s", strerror(errno));
		goto done;
	}
	rc = 0;
done:
	free(xs);
	isms_buf_free(&u);
	free(pdf);
	return rc;
}

/* Whitespace runs as one space, none next to delimiters: two texts of one object
 * written by different hands compare equal. */
static void
normalise(isms_buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t';
		if (sp) {
			while (i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\n' || s[i + 1] == '\r' ||
			                     s[i + 1] == '\t'))
				i++;
			char next = i + 1 < n ? s[i + 1] : '>';
			char prev = o->len ? o->data[o->len - 1] : '<';
			if (strchr("<>[]", next) || strchr("<>[]", prev))
				continue;
			isms_buf_putc(o, ' ');
		} else {
			isms_buf_putc(o, s[i]);
		}
	}
}

/* s[0..n) with key and its value (a dictionary, an array or a reference) removed. */
static void
without(isms_buf *o, const char *s, size_t n, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i < n; i++) {
		if (i + k < n && !memcmp(s + i, key, k) && strchr(" \r\n[<", s[i + k])) {
			size_t j = i + k;
			while (j < n && strchr(" \r\n", s[j]))
				j++;
			int depth = 0;
			if (j + 1 < n && s[j] == '<' && s[j + 1] == '<') {
				for (; j + 1 < n; j++) {
					if (s[j] == '<' && s[j + 1] == '<')
						depth++, j++;
					else if (s[j] == '>' && s[j + 1] == '>' && --depth == 0) {
						j += 2;
						break;
					} else if (s[j] == '>' && s[j + 1] == '>')
						j++;
				}
			} else if (j < n && s[j] == '[') {
				const char *rb = memchr(s + j, ']', n - j);
				j = rb ? (size_t)(rb - s) + 1 : n;
			} else {
				char *e;
				strtol(s + j, &e, 10);
				j = (size_t)(e - s);
				while (j < n && strchr(" 0123456789R", s[j]) && s[j] != '\0')
					if (s[j++] == 'R')
						break;
			}
			i = j - 1;
			continue;
		}
		isms_buf_putc(o, s[i]);
	}
}

/* Whether rect [x0 y0 x1 y1] is a cell of the approval box recorded on the page
 * dictionary [ps, pe) (within a hundredth of a point). */
static int
in_approval_box(const char *ps, const char *pe, const double rect[4])
{
	const char *ab = memmem(ps, (size_t)(pe - ps), "/ApprovalBox", 12);
	const char *ae = ab ? memmem(ab, (size_t)(pe - ab), ">>", 2) : NULL;
	for (const char *q = ab; ae && (q = memchr(q, '[', (size_t)(ae - q))); q++) {
		char *e = (char *)q + 1;
		int same = 1;
		for (int k = 0; k < 4; k++) {
			const char *from = e;
			double v = strtod(from, &e);
			same &= e != from && v - rect[k] < 0.01 && rect[k] - v < 0.01;
		}
		if (same)
			return 1;
	}
	return 0;
}

/* Whether the revision pdf[from..to) only adds a signature.  Its objects, read in
 * sequence (streams by their /Length), may be: a signature dictionary and its
 * widget as ismspack writes them, invisible or visible; a visible widget's
 * rectangle must be a cell of the approval box that the page carried before (its
 * appearance cannot be drawn elsewhere); new objects (numbers no earlier revision
 * used) of the kinds an appearance is made of (a form, fonts and their streams),
 * which nothing but a widget's /AP may reach; and objects of earlier revisions
 * that differ only in /AcroForm (signature fields only) or /Annots.  Anything
 * else (a changed content stream, another generation, an object the scan cannot
 * read) is content. */
static int
signature_only(const char *pdf, size_t from, size_t to)
{
	const char *p = pdf + from, *end = pdf + to;
	for (;;) {
		while (p < end && strchr(" \r\n", *p))
			p++;
		if ((size_t)(end - p) >= 4 && !memcmp(p, "xref", 4))
			break;
		char *e;
		long n = strtol(p, &e, 10);
		if (e == p || n < 1 || strncmp(e, " 0 obj", 6))
			return 0;
		p = e + 6;
		while (p < end && strchr(" \r\n", *p))
			p++;
		const char *ds = p, *de = NULL;
		int depth = 0;
		for (const char *q = ds; (size_t)(end - q) >= 2 && *ds == '<'; q++) {
			if (q[0] == '<' && q[1] == '<')
				depth++, q++;
			else if (q[0] == '>' && q[1] == '>') {
				q++;
				if (--depth == 0) {
					de = q + 1;
					break;
				}
			}
		}
		if (!de)
			return 0;
		size_t dl = (size_t)(de - ds);
		p = de;
		while (p < end && strchr(" \r\n", *p))
			p++;
		int is_stream = 0;
		if ((size_t)(end - p) >= 7 && !memcmp(p, "stream\n", 7)) {
			long slen = ref_after(ds, de, "/Length");
			if (slen < 0 || slen > end - p - 7)
				return 0;
			p += 7 + slen;
			while (p < end && strchr(" \r\n", *p))
				p++;
			if ((size_t)(end - p) < 9 || memcmp(p, "endstream", 9))
				return 0;
			p += 9;
			while (p < end && strchr(" \r\n", *p))
				p++;
			is_stream = 1;
		}
		if ((size_t)(end - p) < 6 || memcmp(p, "endobj", 6))
			return 0;
		p += 6;
		static const char sigd[] = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter "
		                           "/ETSI.CAdES.detached /M (";
		static const char wid[] = "<< /Type /Annot /Subtype /Widget /FT /Sig /T (";
		const char *os, *oe;
		int is_new = object_dict(pdf, from, n, &os, &oe) < 0;
		if (!is_stream && dl > sizeof sigd && !memcmp(ds, sigd, sizeof sigd - 1) &&
		    memmem(ds, dl, "/ByteRange", 10))
			continue;
		if (!is_stream && dl > sizeof wid && !memcmp(ds, wid, sizeof wid - 1)) {
			/* invisible: nothing is drawn in an empty rectangle */
			if (memmem(ds, dl, "/Rect [0 0 0 0] /F 132 /P ", 26))
				continue;
			const char *r = memmem(ds, dl, "/Rect [", 7);
			const char *f = memmem(ds, dl, "] /F 132 /P ", 12);
			const char *ps, *pe;
			double rect[4];
			char *q = r ? (char *)r + 7 : NULL;
			for (int k = 0; q && k < 4; k++) {
				const char *at = q;
				rect[k] = strtod(at, &q);
				if (q == at)
					q = NULL;
			}
			long page = f ? strtol(f + 12, &e, 10) : -1;
			if (q && q == f && page > 0 && !strncmp(e, " 0 R /AP << /N ", 15) &&
			    object_dict(pdf, from, page, &ps, &pe) == 0 && in_approval_box(ps, pe, rect))
				continue;
			return 0;
		}
		if (is_new) {
			static const char *const kinds[] = {"<< /Type /XObject /Subtype /Form /BBox [",
				"<< /Type /Font /Subtype /Type0 ", "<< /Type /Font /Subtype /CIDFontType2 ",
				"<< /Type /FontDescriptor ", "<< /Length "};
			int ok = 0;
			for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
				ok |= !strncmp(ds, kinds[k], strlen(kinds[k])) &&
				      (k == 0 || k == 4) == is_stream;
			if (!ok)
				return 0;
			continue;
		}
		if (is_stream)
			return 0;
		/* A changed form may only list signature fields. */
		const char *af = memmem(ds, dl, "/AcroForm", 9);
		if (af) {
			const char *q = af + 9;
			if (strncmp(q, " << /Fields [", 13))
				return 0;
			for (q += 13; *q >= '0' && *q <= '9';) {
				while (*q >= '0' && *q <= '9')
					q++;
				if (strncmp(q, " 0 R", 4))
					return 0;
				q += 4;
				if (*q == ' ')
					q++;
			}
			if (strncmp(q, "] /SigFlags 3 >>", 16))
				return 0;
		}
		isms_buf x = {0}, y = {0}, nx = {0}, ny = {0};
		isms_buf t = {0};
		without(&t, ds, dl, "/AcroForm");
		without(&x, t.data, t.len, "/Annots");
		t.len = 0;
		without(&t, os, (size_t)(oe - os), "/AcroForm");
		without(&y, t.data, t.len, "/Annots");
		normalise(&nx, x.data, x.len);
		normalise(&ny, y.data, y.len);
		int same = nx.len == ny.len && !memcmp(nx.data, ny.data, nx.len);
		isms_buf_free(&x);
		isms_buf_free(&y);
		isms_buf_free(&nx);
		isms_buf_free(&ny);
		isms_buf_free(&t);
		if (!same)
			return 0;
	}
	/* the rest is the update's xref and trailer: no object hides there */
	return !memmem(p, (size_t)(end - p), " obj", 4) && !memmem(p, (size_t)(end - p), "stream", 6);
}

/* Check the signature whose /ByteRange is at br: its range starts at 0, ends at the
 * end of a revision within the file, holds /Contents exactly as written, and
 * isms_pack_check_cms holds over it.  *covered gets the range's end.  0 ok, -1. */
static int
check_one(const char *pdf, size_t len, const char *br, const char *ca, isms_pdf_sig *sig)
{
	isms_sig_check *r = &sig->r;
	memset(r, 0, sizeof *r);
	long v[4] = {-1, -1, -1, -1};
	unsigned char *der = NULL;
	int rc = -1;
	sig->covered = 0;
	if (sscanf(br + 12, "%ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3]) != 4) {
		snprintf(r->reason, sizeof r->reason, "altered: the signature's /ByteRange is unreadable");
		goto done;
	}
	if (v[0] != 0 || v[1] <= 0 || v[2] <= v[1] || v[3] < 0 || (size_t)v[2] > len ||
	    (size_t)(v[2] + v[3]) > len || br > pdf + v[1]) {
		snprintf(r->reason, sizeof r->reason, "the signature does not cover the whole file "
		         "(bytes were added or removed after signing)");
		goto done;
	}
	sig->covered = (size_t)(v[2] + v[3]);
	const char *eof = pdf + sig->covered;
	while (eof > pdf && (eof[-1] == '\n' || eof[-1] == '\r'))
		eof--;
	if (eof - pdf < 5 || memcmp(eof - 5, "%%EOF", 5)) {
		snprintf(r->reason, sizeof r->reason, "the signature does not cover a whole revision "
		         "of the file (bytes were added or removed after signing)");
		goto done;
	}
	if (pdf[v[1]] != '<' || pdf[v[2] - 1] != '>' || (v[2] - v[1]) % 2) {
		snprintf(r->reason, sizeof r->reason, "altered: malformed signature /Contents");
		goto done;
	}
	/* /Contents is the DER signature in upper-case hex, then zeros to the end of the
	 * placeholder, exactly as written: any other byte there is a change. */
	size_t hexlen = (size_t)(v[2] - v[1] - 2);
	const char *hex = pdf + v[1] + 1;
	der = isms_xmalloc(hexlen / 2 + 1);
	for (size_t i = 0; i < hexlen; i += 2) {
		int hi = hex[i] >= '0' && hex[i] <= '9' ? hex[i] - '0' :
		         hex[i] >= 'A' && hex[i] <= 'F' ? hex[i] - 'A' + 10 : -1;
		int lo = hex[i + 1] >= '0' && hex[i + 1] <= '9' ? hex[i + 1] - '0' :
		         hex[i + 1] >= 'A' && hex[i + 1] <= 'F' ? hex[i + 1] - 'A' + 10 : -1;
		if (hi < 0 || lo < 0) {
			snprintf(r->reason, sizeof r->reason, "altered: byte %zu of the signature's "
			         "/Contents is not an upper-case hex digit", (size_t)v[1] + 1 + i +
			         (hi < 0 ? 0 : 1));
			goto done;
		}
		der[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	size_t dl = hexlen / 2, used = 0;
	if (dl >= 4 && der[0] == 0x30 && der[1] == 0x82)
		used = 4 + ((size_t)der[2] << 8 | der[3]);
	else if (dl >= 3 && der[0] == 0x30 && der[1] == 0x81)
		used = 3 + der[2];
	else if (dl >= 5 && der[0] == 0x30 && der[1] == 0x83)
		used = 5 + ((size_t)der[2] << 16 | (size_t)der[3] << 8 | der[4]);
	if (used == 0 || used > dl) {
		snprintf(r->reason, sizeof r->reason, "altered: the embedded signature is not a "
		         "CMS signature");
		goto done;
	}
	for (size_t i = used; i < dl; i++)
		if (der[i]) {
			snprintf(r->reason, sizeof r->reason, "altered: the zero padding after the "
			         "signature in /Contents was changed (at byte %zu of the file)",
			         (size_t)v[1] + 1 + 2 * i);
			goto done;
		}
	rc = isms_pack_check_cms(r, der, used, pdf, (size_t)v[1], pdf + v[2], (size_t)v[3], ca);
	if (rc < 0 && r->sig_intact && !r->content_intact)
		snprintf(r->reason, sizeof r->reason, "altered after signing: the PDF's bytes "
		         "differ from the ones signed");
done:
	free(der);
	return rc;
}

int
isms_pack_pdf_sigs(const char *path, const char *ca, isms_pdf_sig **out, size_t *n,
                   char *err, size_t esize)
{
	*out = NULL;
	*n = 0;
	size_t len;
	char *pdf = isms_fs_read_file(path, &len, 256u << 20);
	if (!pdf) {
		snprintf(err, esize, "cannot read: %s", strerror(errno));
		return -1;
	}
	size_t cap = 4;
	isms_pdf_sig *v = isms_xcalloc(cap, sizeof *v);
	int failures = 0;
	for (const char *br = pdf; (br = memmem(br, len - (size_t)(br - pdf), "/ByteRange [", 12));
	     br += 12) {
		if (*n == cap) {
			v = isms_xrealloc(v, (cap *= 2) * sizeof *v);
			memset(v + *n, 0, (cap - *n) * sizeof *v);
		}
		isms_pdf_sig *s = &v[(*n)++];
		s->ok = check_one(pdf, len, br, ca, s) == 0;
		/* the role: /Reason in the signature dictionary, also signed in the CMS */
		const char *ds = br;
		while (ds > pdf && memcmp(ds, "/Type /Sig ", 11))
			ds--;
		const char *rs = memmem(ds, (size_t)(br - ds), "/Reason (", 9);
		const char *re = rs ? memchr(rs + 9, ')', (size_t)(br - rs - 9)) : NULL;
		if (re && re - rs - 9 < (long)sizeof s->role)
			snprintf(s->role, sizeof s->role, "%.*s", (int)(re - rs - 9), rs + 9);
		/* shown in the approval box: the widget that points to this dictionary
		 * has an appearance in one of its cells */
		const char *on = ds;
		while (on > pdf && !(on[0] == '\n' && on[1] >= '0' && on[1] <= '9'))
			on--;
		long signum = strtol(on + 1, NULL, 10);
		char vref[40];
		int vl = snprintf(vref, sizeof vref, "/V %ld 0 R /Rect [", signum);
		const char *w = memmem(pdf, len, vref, (size_t)vl);
		const char *we = w ? memmem(w, len - (size_t)(w - pdf), ">>", 2) : NULL;
		if (w && we && memmem(w, (size_t)(we - w), "/AP << /N ", 10)) {
			double rect[4];
			char *q = (char *)w + vl;
			for (int k = 0; k < 4; k++)
				rect[k] = strtod(q, &q);
			long pg = strtol(strstr(q, "/P ") ? strstr(q, "/P ") + 3 : q, NULL, 10);
			const char *ps, *pe;
			static const char *const roles[] = {"drafter", "reviewer", "approver"};
			for (int k = 0; k < 3 && pg > 0 && object_dict(pdf, len, pg, &ps, &pe) == 0; k++) {
				double box[4];
				char lang[4];
				if (approval_cell(ps, pe, roles[k], box, lang) == 0 &&
				    box[0] - rect[0] < 0.01 && rect[0] - box[0] < 0.01 &&
				    box[1] - rect[1] < 0.01 && rect[1] - box[1] < 0.01) {
					s->visible = 1;
					snprintf(s->cell, sizeof s->cell, "%s", roles[k]);
				}
			}
		}
		if (s->visible && strcmp(s->cell, s->role)) {
			s->ok = 0;
			snprintf(s->r.reason, sizeof s->r.reason, "its appearance is drawn in the %s's "
			         "cell of the approval box, but it signs as %s", s->cell,
			         *s->role ? s->role : "no role");
		}
		if (*s->r.role && strcmp(s->r.role, s->role)) {
			s->ok = 0;
			snprintf(s->r.reason, sizeof s->r.reason, "altered: the role in /Reason (%s) is "
			         "not the one signed (%s)", s->role, s->r.role);
		}
	}
	/* What came after each signature: nothing, further signatures only, or content. */
	for (size_t i = 0; i < *n; i++) {
		isms_pdf_sig *s = &v[i];
		if (!s->covered)
			continue;
		if (s->covered == len) {
			snprintf(s->after, sizeof s->after, "covers the whole file");
			s->tail = ISMS_TAIL_NONE;
			continue;
		}
		size_t from = s->covered, added = 0;
		int content = 0;
		for (size_t k = i + 1; k < *n && !content; k++) {
			if (v[k].covered <= from)
				continue;
			if (!signature_only(pdf, from, v[k].covered))
				content = 1;
			else
				added++;
			from = v[k].covered;
		}
		if (content) {
			s->tail = ISMS_TAIL_CONTENT;
			snprintf(s->after, sizeof s->after, "a later revision added content after "
			         "this signature");
			s->ok = 0;
			snprintf(s->r.reason, sizeof s->r.reason, "content was added after this "
			         "signature (a later revision changes the document, not only signs it)");
		} else if (from < len) {
			s->tail = ISMS_TAIL_BYTES;
			snprintf(s->after, sizeof s->after, "bytes were added after the last signature");
			s->ok = 0;
			snprintf(s->r.reason, sizeof s->r.reason, "the signature does not cover the "
			         "whole file (bytes were added after signing)");
		} else {
			s->tail = ISMS_TAIL_SIGS;
			snprintf(s->after, sizeof s->after, "later revisions added only %zu further "
			         "signature%s", added, added == 1 ? "" : "s");
		}
	}
	for (size_t i = 0; i < *n; i++)
		failures += !v[i].ok;
	if (*n == 0)
		snprintf(err, esize, "no embedded signature");
	free(pdf);
	*out = v;
	return failures;
}

int
isms_pack_pdf_check(const char *path, const char *ca, isms_sig_check *r, int *present)
{
	memset(r, 0, sizeof *r);
	isms_pdf_sig *v;
	size_t n;
	int bad = isms_pack_pdf_sigs(path, ca, &v, &n, r->reason, sizeof r->reason);
	*present = n > 0;
	if (n)
		*r = v[n - 1].r;
	free(v);
	return bad == 0 && n ? 0 : -1;
}

/* One line per signature: "signature 2 of 3 (reviewer): signer ..., ...: valid ...;
 * later revisions added only 1 further signature". */
void
isms_pack_pdf_sig_text(const isms_pdf_sig *s, size_t i, size_t n, char *buf, size_t size)
{
	char head[64] = "";
	if (n > 1)
		snprintf(head, sizeof head, "signature %zu of %zu: ", i + 1, n);
	char shown[80] = "";
	if (s->visible)
		snprintf(shown, sizeof shown, "; shown in the approval box (%s's cell)", s->cell);
	snprintf(buf, size, "%s%s%s%s%s%s%s", head, s->r.signer, *s->r.signer ? ": " : "",
	         s->r.reason, shown, *s->after && s->ok ? "; " : "", s->ok ? s->after : "");
}

int
isms_pack_verify_pdf(const char *path, const char *ca, isms_verify_report report, void *ctx)
{
	isms_pdf_sig *v;
	size_t n;
	char err[300];
	int bad = isms_pack_pdf_sigs(path, ca, &v, &n, err, sizeof err);
	if (n == 0)
		report(ctx, path, 0, err);
	for (size_t i = 0; i < n; i++) {
		char line[2400];
		isms_pack_pdf_sig_text(&v[i], i, n, line, sizeof line);
		report(ctx, path, v[i].ok, line);
	}
	free(v);
	return bad == 0 && n ? 0 : -1;
}

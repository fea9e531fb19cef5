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
	if (memmem(ds, (size_t)(de - ds), "/AcroForm", 9)) {
		isms_diag(ISMS_ERROR, &where, "already has a form or a signature");
		goto done;
	}
	long pages = ref_after(ds, de, "/Pages");
	const char *ps, *pe, *kids;
	long page = -1;
	if (pages > 0 && object_dict(pdf, len, pages, &ps, &pe) == 0 &&
	    (kids = memmem(ps, (size_t)(pe - ps), "/Kids", 5)) != NULL) {
		const char *lb = memchr(kids, '[', (size_t)(pe - kids));
		if (lb)
			page = strtol(lb + 1, NULL, 10);
	}
	const char *pgs = NULL, *pge = NULL;
	if (page < 1 || object_dict(pdf, len, page, &pgs, &pge) < 0) {
		isms_diag(ISMS_ERROR, &where, "cannot find the first page: cannot sign");
		goto done;
	}
	long field = size, sig = size + 1;
	long off_root, off_page, off_field, off_sig;
	isms_buf_append(&u, pdf, len);
	if (u.data[u.len - 1] != '\n')
		isms_buf_putc(&u, '\n');

	off_root = (long)u.len;
	isms_buf_printf(&u, "%ld 0 obj\n", root);
	isms_buf_append(&u, ds, (size_t)(de - ds - 2));
	isms_buf_printf(&u, " /AcroForm << /Fields [%ld 0 R] /SigFlags 3 >> >>\nendobj\n", field);

	off_page = (long)u.len;
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

	off_field = (long)u.len;
	isms_buf_printf(&u, "%ld 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (ismspack) "
	                "/V %ld 0 R /Rect [0 0 0 0] /F 132 /P %ld 0 R >>\nendobj\n", field, sig, page);

	char mdate[32];
	pdf_date(when, mdate, sizeof mdate);
	off_sig = (long)u.len;
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
	struct { long num, off; } ent[4] = {{root, off_root}, {page, off_page},
		{field, off_field}, {sig, off_sig}};
	for (int i = 0; i < 4; i++)
		for (int j = i + 1; j < 4; j++)
			if (ent[j].num < ent[i].num) {
				long tn = ent[i].num, to = ent[i].off;
				ent[i] = ent[j];
				ent[j].num = tn;
				ent[j].off = to;
			}
	long xref_at = (long)u.len;
	isms_buf_puts(&u, "xref\n");
	for (int i = 0; i < 4;) {
		int j = i;
		while (j + 1 < 4 && ent[j + 1].num == ent[j].num + 1)
			j++;
		isms_buf_printf(&u, "%ld %d\n", ent[i].num, j - i + 1);
		for (int k = i; k <= j; k++)
			isms_buf_printf(&u, "%010ld 00000 n\r\n", ent[k].off);
		i = j + 1;
	}
	isms_buf_printf(&u, "trailer\n<< /Size %ld /Root %ld 0 R", size + 2, root);
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
	isms_buf_free(&u);
	free(pdf);
	return rc;
}

int
isms_pack_pdf_check(const char *path, const char *ca, isms_sig_check *r, int *present)
{
	memset(r, 0, sizeof *r);
	*present = 0;
	size_t len;
	char *pdf = isms_fs_read_file(path, &len, 256u << 20);
	if (!pdf) {
		snprintf(r->reason, sizeof r->reason, "cannot read: %s", strerror(errno));
		return -1;
	}
	int rc = -1;
	const char *br = rfind(pdf, len, "/ByteRange [");
	long v[4] = {-1, -1, -1, -1};
	unsigned char *der = NULL;
	if (!br) {
		snprintf(r->reason, sizeof r->reason, "no embedded signature");
		goto done;
	}
	*present = 1;
	if (sscanf(br + 12, "%ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3]) != 4) {
		snprintf(r->reason, sizeof r->reason, "altered: the signature's /ByteRange is unreadable");
		goto done;
	}
	if (v[0] != 0 || v[1] <= 0 || v[2] <= v[1] || v[3] < 0 || (size_t)v[2] > len ||
	    (size_t)(v[2] + v[3]) != len) {
		snprintf(r->reason, sizeof r->reason, "the signature does not cover the whole file "
		         "(bytes were added or removed after signing)");
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
	free(pdf);
	return rc;
}

int
isms_pack_verify_pdf(const char *path, const char *ca, char *reason, size_t size)
{
	isms_sig_check r;
	int present;
	int rc = isms_pack_pdf_check(path, ca, &r, &present);
	if (*r.signer)
		snprintf(reason, size, "%s: %s", r.signer, r.reason);
	else
		snprintf(reason, size, "%s", r.reason);
	return rc;
}

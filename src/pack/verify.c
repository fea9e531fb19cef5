/* Offline verification of a pack (pack layer): digests, missing and extra files, the
 * manifest's CMS signature and every PDF's embedded one.  A mismatch is blamed on the
 * file that is wrong: MANIFEST.sha256 is judged by its signature, or, unsigned, by
 * manifest.json, which lists the same digests a second time. */
#define _GNU_SOURCE
#include "signer.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/fs.h"

struct entry {
	char name[256];
	char hex[65];
	int line;
};

/* What the manifest's signature says about MANIFEST.sha256 itself. */
enum manifest_state {
	UNSIGNED,     /* no .p7s */
	SIGNED_SAME,  /* the signature holds over MANIFEST.sha256 as it is */
	SIGNED_OTHER, /* the signature is intact but signed other bytes: MANIFEST.sha256 changed */
	SIG_BROKEN    /* the .p7s itself is damaged: it tells nothing */
};

struct pack {
	const char *dir;
	struct entry *m;      /* MANIFEST.sha256, in order */
	size_t nm;
	struct entry *j;      /* manifest.json's file list */
	size_t nj;
	int json_read;        /* manifest.json parsed */
	struct entry *f;      /* the folder's files (digest computed), sorted */
	size_t nf;
};

static const struct entry *
find(const struct entry *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

/* MANIFEST.sha256's lines "<sha256>  <name>\n"; the numbers of malformed lines are
 * appended to bad (a text). */
static void
parse_manifest(struct pack *p, char *m, size_t len, isms_buf *bad)
{
	size_t cap = 16;
	p->m = isms_xmalloc(cap * sizeof *p->m);
	int line = 0;
	if (len && m[len - 1] != '\n')
		isms_buf_printf(bad, "%sthe last line has no newline", bad->len ? "; " : "");
	for (char *s = m, *next; s < m + len; s = next) {
		line++;
		char *nl = memchr(s, '\n', (size_t)(m + len - s));
		next = nl ? nl + 1 : m + len;
		size_t l = (size_t)((nl ? nl : m + len) - s);
		if (l < 67 || l - 66 >= sizeof p->m[0].name || s[64] != ' ' || s[65] != ' ' ||
		    strspn(s, "0123456789abcdef") != 64 || memchr(s + 66, '/', l - 66) ||
		    memchr(s + 66, '\0', l - 66)) {
			isms_buf_printf(bad, "%sline %d is malformed (expected \"<sha256>  <name>\")",
			                bad->len ? "; " : "", line);
			continue;
		}
		if (p->nm == cap)
			p->m = isms_xrealloc(p->m, (cap *= 2) * sizeof *p->m);
		struct entry *e = &p->m[p->nm++];
		memcpy(e->hex, s, 64);
		e->hex[64] = '\0';
		memcpy(e->name, s + 66, l - 66);
		e->name[l - 66] = '\0';
		e->line = line;
	}
}

/* manifest.json's "files" list as isms_pack_manifest writes it. */
static void
parse_json(struct pack *p)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/manifest.json", p->dir);
	size_t len;
	char *j = isms_fs_read_file(path, &len, 64u << 20);
	const char *s = j ? strstr(j, "\n  \"files\": [") : NULL;
	size_t cap = 16;
	p->j = isms_xmalloc(cap * sizeof *p->j);
	if (!s) {
		free(j);
		return;
	}
	static const char key[] = "{\"name\": \"";
	while ((s = strstr(s, key))) {
		s += sizeof key - 1;
		const char *q = strchr(s, '"');
		const char *h = q ? strstr(q, "\"sha256\": \"") : NULL;
		if (!q || !h || memchr(s, '\\', (size_t)(q - s)) || (size_t)(q - s) >= sizeof p->j[0].name)
			break;
		h += 11;
		if (strspn(h, "0123456789abcdef") != 64 || h[64] != '"')
			break;
		if (p->nj == cap)
			p->j = isms_xrealloc(p->j, (cap *= 2) * sizeof *p->j);
		struct entry *e = &p->j[p->nj++];
		memcpy(e->name, s, (size_t)(q - s));
		e->name[q - s] = '\0';
		memcpy(e->hex, h, 64);
		e->hex[64] = '\0';
		s = h + 64;
	}
	p->json_read = s == NULL;
	free(j);
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* Every entry of the folder but the manifest and its signature, with its digest
 * ("" when it cannot be read). */
static void
scan_folder(struct pack *p)
{
	size_t cap = 16;
	p->f = isms_xmalloc(cap * sizeof *p->f);
	DIR *d = opendir(p->dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, "MANIFEST.sha256") || isms_pack_signature_name(de->d_name) ||
		    strlen(de->d_name) >= sizeof p->f[0].name)
			continue;
		if (p->nf == cap)
			p->f = isms_xrealloc(p->f, (cap *= 2) * sizeof *p->f);
		struct entry *e = &p->f[p->nf++];
		snprintf(e->name, sizeof e->name, "%s", de->d_name);
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", p->dir, de->d_name);
		if (isms_sha256_file(path, e->hex, NULL) < 0)
			e->hex[0] = '\0';
		e->line = 0;
	}
	if (d)
		closedir(d);
	qsort(p->f, p->nf, sizeof *p->f, cmp_entry);
}

/* manifest.json agrees with the folder: the same files (besides itself) and digests. */
static int
json_matches_folder(const struct pack *p)
{
	if (!p->json_read)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < p->nf; i++) {
		if (!strcmp(p->f[i].name, "manifest.json"))
			continue;
		const struct entry *j = find(p->j, p->nj, p->f[i].name);
		if (!j || strcmp(j->hex, p->f[i].hex))
			return 0;
		n++;
	}
	return n == p->nj;
}

static int
ends_with_pdf(const char *name)
{
	size_t l = strlen(name);
	return l > 4 && !strcmp(name + l - 4, ".pdf");
}

/* A PDF that later signers signed (ismspack sign) has grown by revisions that only
 * add signatures: whether the revision that ends one of its signatures has the
 * digest hex (the one MANIFEST.sha256 lists) and everything after it only signs.
 * 1 yes, with what it is in why; 0 no. */
static int
grown_by_signatures(const char *path, const char *hex, char *why, size_t size)
{
	isms_pdf_sig *v;
	size_t n;
	char err[300];
	isms_pack_pdf_sigs(path, NULL, &v, &n, err, sizeof err);
	size_t len;
	char *pdf = n ? isms_fs_read_file(path, &len, 256u << 20) : NULL;
	int found = 0;
	for (size_t k = 0; pdf && k < n && !found; k++) {
		char h[65];
		if (!v[k].covered || v[k].covered > len)
			continue;
		isms_sha256_hex(pdf, v[k].covered, h);
		if (strcmp(h, hex))
			continue;
		found = v[k].tail == ISMS_TAIL_SIGS ? 1 : -1;
		if (found > 0)
			snprintf(why, size, "digest matches its revision %zu (bytes 0 to %zu, %s); the "
			         "%zu later revision%s only add%s signatures", k + 1, v[k].covered,
			         v[k].r.signer, n - k - 1, n - k - 1 == 1 ? "" : "s",
			         n - k - 1 == 1 ? "s" : "");
		else
			snprintf(why, size, "altered: its revision %zu (bytes 0 to %zu) is the one "
			         "MANIFEST.sha256 lists, but a later revision %s", k + 1, v[k].covered,
			         v[k].tail == ISMS_TAIL_CONTENT ? "changes the document (content, not "
			         "only signatures)" : "was not signed (bytes added)");
	}
	free(pdf);
	free(v);
	return found;
}

/* The signers of the manifest (each signature's "signer ..., signed on ... as role"
 * line, which the same run's PDF signatures repeat), for the check that every PDF
 * carries each one's signature. */
struct signer_list {
	char (*who)[768];
	char (*file)[32];
	size_t n;
};

static void
signer_add(struct signer_list *l, const char *who, const char *file)
{
	l->who = isms_xrealloc(l->who, (l->n + 1) * sizeof *l->who);
	l->file = isms_xrealloc(l->file, (l->n + 1) * sizeof *l->file);
	snprintf(l->who[l->n], sizeof l->who[0], "%s", who);
	snprintf(l->file[l->n], sizeof l->file[0], "%s", file);
	l->n++;
}

int
isms_pack_verify(const char *dir, const char *ca, isms_verify_report report, void *ctx,
                 char *verdict, size_t vsize)
{
	char path[4096];
	struct pack p = {dir, NULL, 0, NULL, 0, 0, NULL, 0};
	int failures = 0;
	snprintf(verdict, vsize, "FAILED");
	snprintf(path, sizeof path, "%s/MANIFEST.sha256", dir);
	size_t mlen;
	char *m = isms_fs_read_file(path, &mlen, 64u << 20);
	if (!m) {
		report(ctx, "MANIFEST.sha256", 0, errno == ENOENT ? "missing: this is not a pack "
		       "(or its manifest was deleted)" : strerror(errno));
		return 1;
	}

	/* The manifest's signature first: it decides whether MANIFEST.sha256 can be
	 * believed when a file and its line disagree. */
	snprintf(path, sizeof path, "%s/MANIFEST.sha256.p7s", dir);
	size_t slen;
	char *der = isms_fs_read_file(path, &slen, 16u << 20);
	int p7s_errno = errno;
	isms_sig_check sig;
	int sig_ok = -1;
	enum manifest_state state = UNSIGNED;
	if (der) {
		sig_ok = isms_pack_check_cms(&sig, (const unsigned char *)der, slen, m, mlen,
		                             NULL, 0, ca);
		state = sig.sig_intact && sig.content_intact ? SIGNED_SAME :
		        sig.sig_intact ? SIGNED_OTHER : SIG_BROKEN;
	}

	isms_buf mbad = {0};
	parse_manifest(&p, m, mlen, &mbad);
	parse_json(&p);
	scan_folder(&p);
	const struct entry *fj = find(p.f, p.nf, "manifest.json");
	const struct entry *mj = find(p.m, p.nm, "manifest.json");
	int json_fits = json_matches_folder(&p);
	/* Unsigned (or the signature tells nothing): manifest.json is the second witness,
	 * believed when MANIFEST.sha256 vouches for it, or when it agrees with every file
	 * while its own line in MANIFEST.sha256 does not. */
	int json_witness = state != SIGNED_SAME && p.json_read && fj &&
	                   (state == SIGNED_OTHER || (mj && !strcmp(mj->hex, fj->hex)) || json_fits);
	if (state == SIGNED_OTHER)
		isms_buf_printf(&mbad, "%saltered after signing: its SHA-256 differs from the one "
		                "signed in MANIFEST.sha256.p7s", mbad.len ? "; " : "");

	for (size_t i = 0; i < p.nm; i++) {
		const struct entry *e = &p.m[i];
		const struct entry *f = find(p.f, p.nf, e->name);
		const struct entry *j = find(p.j, p.nj, e->name);
		if (f && f->hex[0] && !strcmp(f->hex, e->hex)) {
			report(ctx, e->name, 1, "digest matches");
			continue;
		}
		if (f && !f->hex[0]) {
			report(ctx, e->name, 0, "cannot read it");
			failures++;
			continue;
		}
		char grown[1200];
		int g = f && ends_with_pdf(e->name) ? grown_by_signatures(
			(snprintf(path, sizeof path, "%s/%s", dir, e->name), path), e->hex, grown,
			sizeof grown) : 0;
		if (g) {
			report(ctx, e->name, g > 0, grown);
			failures += g < 0;
			continue;
		}
		int json_says_file = json_witness && f && j && !strcmp(j->hex, f->hex);
		int json_unknown = json_witness && !f && !j && strcmp(e->name, "manifest.json");
		if (json_says_file || json_unknown) {
			/* The file is as manifest.json lists it: the line is what changed. */
			isms_buf_printf(&mbad, "%sline %d (%s) %s", mbad.len ? "; " : "", e->line, e->name,
			                f ? "gives a digest that differs from the file and from "
			                    "manifest.json, which agree"
			                  : "names a file that neither the pack nor manifest.json has");
			if (f)
				report(ctx, e->name, 1, "matches manifest.json (its line in MANIFEST.sha256 "
				       "was altered)");
			continue;
		}
		if (!f) {
			report(ctx, e->name, 0, "missing");
		} else if (!strcmp(e->name, "manifest.json") && json_fits && state != SIGNED_SAME) {
			report(ctx, e->name, 0, "altered, or its line in MANIFEST.sha256 was: the two "
			       "differ (every file it lists matches it; the pack is unsigned, so which "
			       "one changed cannot be told)");
		} else {
			report(ctx, e->name, 0, "altered: SHA-256 differs from MANIFEST.sha256");
		}
		failures++;
	}
	for (size_t i = 0; i < p.nf; i++) {
		const struct entry *f = &p.f[i];
		if (find(p.m, p.nm, f->name))
			continue;
		const struct entry *j = find(p.j, p.nj, f->name);
		if (json_witness && f->hex[0] &&
		    ((j && !strcmp(j->hex, f->hex)) || (!strcmp(f->name, "manifest.json") && json_fits))) {
			isms_buf_printf(&mbad, "%sit does not list %s, %s", mbad.len ? "; " : "", f->name,
			                j ? "which manifest.json lists with this digest"
			                  : "which agrees with every file");
			report(ctx, f->name, 1, "matches manifest.json (its line in MANIFEST.sha256 "
			       "was altered)");
			continue;
		}
		report(ctx, f->name, 0, "extra: not listed in MANIFEST.sha256");
		failures++;
	}
	if (mbad.len) {
		report(ctx, "MANIFEST.sha256", 0, mbad.data);
		failures++;
	} else {
		snprintf(path, sizeof path, "well-formed, %zu files listed", p.nm);
		report(ctx, "MANIFEST.sha256", 1, path);
	}

	/* Every embedded PDF signature is checked, with or without --ca; in a signed
	 * pack every PDF must carry one. */
	int pdf_signed = 0, pdf_unsigned = 0;
	isms_buf pdf_signers = {0}; /* per PDF: "name\n" then one "\tsigner line\n" each */
	for (size_t i = 0; i < p.nf; i++) {
		if (!ends_with_pdf(p.f[i].name))
			continue;
		char label[300], reason[2400];
		isms_pdf_sig *v;
		size_t n;
		snprintf(path, sizeof path, "%s/%s", dir, p.f[i].name);
		snprintf(label, sizeof label, "%s (embedded signature)", p.f[i].name);
		int bad = isms_pack_pdf_sigs(path, ca, &v, &n, reason, sizeof reason);
		if (n == 0) {
			free(v);
			if (bad < 0) {
				report(ctx, label, 0, reason);
				failures++;
			} else {
				pdf_unsigned++;
			}
			continue;
		}
		pdf_signed++;
		isms_buf_printf(&pdf_signers, "%s\n", p.f[i].name);
		for (size_t k = 0; k < n; k++) {
			isms_pack_pdf_sig_text(&v[k], k, n, reason, sizeof reason);
			report(ctx, label, v[k].ok, reason);
			isms_buf_printf(&pdf_signers, "\t%s\n", v[k].r.signer);
		}
		failures += bad;
		free(v);
	}
	if ((der || pdf_signed) && pdf_unsigned) {
		for (size_t i = 0; i < p.nf; i++) {
			if (!ends_with_pdf(p.f[i].name))
				continue;
			isms_sig_check r;
			int present;
			snprintf(path, sizeof path, "%s/%s", dir, p.f[i].name);
			isms_pack_pdf_check(path, NULL, &r, &present);
			if (present)
				continue;
			char label[300];
			snprintf(label, sizeof label, "%s (embedded signature)", p.f[i].name);
			report(ctx, label, 0, "missing: the pack is signed but this PDF is not");
			failures++;
		}
	}

	int unsigned_pack = 0;
	if (!der) {
		if (p7s_errno != ENOENT) {
			snprintf(path, sizeof path, "cannot read: %s", strerror(p7s_errno));
			report(ctx, "MANIFEST.sha256.p7s", 0, path);
			failures++;
		} else if (pdf_signed) {
			report(ctx, "MANIFEST.sha256.p7s", 0, "missing: the pack's PDFs are signed but "
			       "the manifest's signature is not there (deleted?); MANIFEST.sha256 may "
			       "have been rewritten");
			failures++;
			unsigned_pack = 1;
		} else if (ca) {
			report(ctx, "MANIFEST.sha256.p7s", 0, "missing: the pack is not signed");
			failures++;
			unsigned_pack = 1;
		} else {
			report(ctx, "MANIFEST.sha256.p7s", 1, "absent: the pack is not signed (digests only)");
		}
	} else {
		char reason[2048];
		if (state == SIGNED_OTHER)
			snprintf(reason, sizeof reason, "%s: the signature itself is intact, but "
			         "MANIFEST.sha256 is not what it signed", sig.signer);
		else
			snprintf(reason, sizeof reason, "%s%s%s", sig.signer, *sig.signer ? ": " : "",
			         sig.reason);
		/* SIGNED_OTHER: the failure is MANIFEST.sha256's, reported above. */
		int ok = sig_ok == 0 || state == SIGNED_OTHER;
		report(ctx, "MANIFEST.sha256.p7s", ok, reason);
		failures += !ok;
	}
	/* Further signers (ismspack sign): MANIFEST.sha256.2.p7s, .3.p7s, ... each a
	 * detached signature over the same MANIFEST.sha256; numbered without gaps. */
	isms_buf names = {0};
	struct signer_list signers = {0};
	if (der && *sig.subject)
		isms_buf_printf(&names, "%s%s%s", sig.subject, *sig.role ? " as " : "", sig.role);
	int all_known = der && sig_ok == 0; /* every manifest signature holds */
	if (all_known)
		signer_add(&signers, sig.signer, "MANIFEST.sha256.p7s");
	int last = 1;
	for (int k = 2; k <= 99; k++) {
		char name[32];
		snprintf(name, sizeof name, "MANIFEST.sha256.%d.p7s", k);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		struct stat st;
		if (lstat(path, &st) == 0)
			last = k;
	}
	for (int k = 2; k <= last; k++) {
		char name[32], reason[2048];
		snprintf(name, sizeof name, "MANIFEST.sha256.%d.p7s", k);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		size_t len;
		char *d = isms_fs_read_file(path, &len, 16u << 20);
		if (!d) {
			report(ctx, name, 0, errno == ENOENT ? "missing: a later signature "
			       "exists, so this one was removed" : strerror(errno));
			failures++;
			all_known = 0;
			continue;
		}
		isms_sig_check r;
		int ok = isms_pack_check_cms(&r, (const unsigned char *)d, len, m, mlen, NULL, 0,
		                             ca) == 0;
		if (!der) {
			ok = 0;
			snprintf(r.reason, sizeof r.reason, "a further signature without the first "
			         "(MANIFEST.sha256.p7s)");
		}
		snprintf(reason, sizeof reason, "%s%s%s", r.signer, *r.signer ? ": " : "", r.reason);
		report(ctx, name, ok, reason);
		failures += !ok;
		all_known &= ok;
		if (ok) {
			isms_buf_printf(&names, "%s%s%s%s", names.len ? ", " : "", r.subject,
			                *r.role ? " as " : "", r.role);
			signer_add(&signers, r.signer, name);
		}
		free(d);
	}

	/* Who signed the manifest signed every PDF in the same run (build, then each
	 * ismspack sign): a PDF without one of them lost a signature (its later
	 * revisions cut off), and a PDF signature by no manifest signer was added
	 * outside the pack's signing. */
	for (const char *pf = pdf_signers.data; pf && *pf;) {
		const char *nl = strchr(pf, '\n'), *next = nl + 1;
		while (*next == '\t')
			next = strchr(next, '\n') + 1;
		char label[300];
		snprintf(label, sizeof label, "%.*s (embedded signature)", (int)(nl - pf), pf);
		for (size_t k = 0; k < signers.n; k++) {
			char line[800];
			snprintf(line, sizeof line, "\t%s\n", signers.who[k]);
			if (!memmem(nl, (size_t)(next - nl), line, strlen(line))) {
				char reason[1200];
				snprintf(reason, sizeof reason, "missing: %s signed the manifest (%s) but "
				         "not this PDF (a later revision removed?)", signers.who[k],
				         signers.file[k]);
				report(ctx, label, 0, reason);
				failures++;
			}
		}
		/* signed outside: only when every manifest signature could be read (a
		 * damaged one is the failure, not the PDFs it leaves unaccounted for) */
		for (const char *q = nl + 1; q < next; q = strchr(q, '\n') + 1) {
			const char *qe = strchr(q, '\n');
			int known = !all_known; /* a failed manifest signature says who not */
			for (size_t k = 0; k < signers.n && !known; k++)
				known = (size_t)(qe - q - 1) == strlen(signers.who[k]) &&
				        !memcmp(q + 1, signers.who[k], strlen(signers.who[k]));
			if (!known) {
				char reason[1200];
				snprintf(reason, sizeof reason, "%.*s signed this PDF but not the manifest "
				         "(signed outside ismspack build and ismspack sign)",
				         (int)(qe - q - 1), q + 1);
				report(ctx, label, 0, reason);
				failures++;
			}
		}
		pf = next;
	}
	isms_buf_free(&pdf_signers);
	free(signers.who);
	free(signers.file);

	if (unsigned_pack)
		snprintf(verdict, vsize, "unsigned: %s", pdf_signed
		         ? "its PDFs are signed but the manifest's signature is missing; the pack "
		           "is not known to be complete and unaltered"
		         : "--ca was given but the pack carries no signature");
	else if (failures)
		snprintf(verdict, vsize, "FAILED (%d problem%s)", failures, failures == 1 ? "" : "s");
	else if (der)
		snprintf(verdict, vsize, "complete and unaltered, signed by %s (%s)", names.len ? names.data : "?",
		         ca ? "chain trusted" : "signer not checked against a CA: give --ca");
	else
		snprintf(verdict, vsize, "complete and unaltered (not signed)");
	isms_buf_free(&mbad);
	isms_buf_free(&names);
	free(der);
	free(m);
	free(p.m);
	free(p.j);
	free(p.f);
	return failures;
}

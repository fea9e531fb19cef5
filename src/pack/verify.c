/* Offline verification of a pack (pack layer): digests, missing and extra files,
 * the manifest's CMS signature and chain. */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/fs.h"

struct entry {
	char name[256];
	char hex[65];
	int seen;
};

static int
verify_signature(const char *dir, const char *ca, const char *manifest, size_t mlen,
                 isms_verify_report report, void *ctx)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/MANIFEST.sha256.p7s", dir);
	size_t len;
	char *der = isms_fs_read_file(path, &len, 16u << 20);
	if (!der) {
		if (ca) {
			report(ctx, "MANIFEST.sha256.p7s", 0, "missing: the pack is not signed");
			return 1;
		}
		report(ctx, "MANIFEST.sha256.p7s", 1, "absent: the pack is not signed (digests only)");
		return 0;
	}
	int fail = 1;
	const unsigned char *p = (const unsigned char *)der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	X509_STORE *store = NULL;
	BIO *content = BIO_new_mem_buf(manifest, (int)mlen);
	char reason[300] = "";
	if (!cms) {
		snprintf(reason, sizeof reason, "not a DER CMS signature");
	} else if (!ca) {
		snprintf(reason, sizeof reason, "present but not checked: give --ca with the "
		         "organisation's CA certificate");
	} else {
		store = X509_STORE_new();
		if (X509_STORE_load_file(store, ca) != 1) {
			snprintf(reason, sizeof reason, "cannot read the CA file %s", ca);
		} else if (CMS_verify(cms, NULL, store, content, NULL, CMS_BINARY) == 1) {
			fail = 0;
			snprintf(reason, sizeof reason, "signature valid, chain trusted");
		} else {
			unsigned long e = ERR_peek_last_error();
			snprintf(reason, sizeof reason, "signature does not verify: %s",
			         e ? ERR_reason_error_string(e) : "unknown reason");
		}
	}
	ERR_clear_error();
	report(ctx, "MANIFEST.sha256.p7s", !fail, reason);
	X509_STORE_free(store);
	BIO_free(content);
	CMS_ContentInfo_free(cms);
	free(der);
	return fail;
}

int
isms_pack_verify(const char *dir, const char *ca, isms_verify_report report, void *ctx)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/MANIFEST.sha256", dir);
	size_t len;
	char *m = isms_fs_read_file(path, &len, 64u << 20);
	if (!m) {
		report(ctx, "MANIFEST.sha256", 0, strerror(errno));
		return 1;
	}
	char *orig = isms_xstrndup(m, len); /* the signed bytes; m is cut into lines */
	int failures = 0;
	size_t n = 0, cap = 16;
	struct entry *e = isms_xmalloc(cap * sizeof *e);
	for (char *line = m, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (n == cap)
			e = isms_xrealloc(e, (cap *= 2) * sizeof *e);
		if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ' ||
		    strspn(line, "0123456789abcdef") != 64 || strchr(line + 66, '/') ||
		    strlen(line + 66) >= sizeof e[n].name) {
			report(ctx, "MANIFEST.sha256", 0, "malformed line (expected \"<sha256>  <name>\")");
			failures++;
			continue;
		}
		memcpy(e[n].hex, line, 64);
		e[n].hex[64] = '\0';
		snprintf(e[n].name, sizeof e[n].name, "%s", line + 66);
		e[n].seen = 0;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		char hex[65];
		snprintf(path, sizeof path, "%s/%s", dir, e[i].name);
		if (isms_sha256_file(path, hex, NULL) < 0) {
			report(ctx, e[i].name, 0, errno == ENOENT ? "missing" : strerror(errno));
			failures++;
		} else if (strcmp(hex, e[i].hex)) {
			report(ctx, e[i].name, 0, "altered: SHA-256 differs from the manifest");
			failures++;
		} else {
			report(ctx, e[i].name, 1, "digest matches");
		}
	}
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, "MANIFEST.sha256") || !strcmp(de->d_name, "MANIFEST.sha256.p7s"))
			continue;
		int listed = 0;
		for (size_t i = 0; i < n && !listed; i++)
			listed = !strcmp(e[i].name, de->d_name);
		if (!listed) {
			report(ctx, de->d_name, 0, "extra: not listed in MANIFEST.sha256");
			failures++;
		}
	}
	if (d)
		closedir(d);
	/* A signed pack signs every PDF too: check each embedded signature. */
	snprintf(path, sizeof path, "%s/MANIFEST.sha256.p7s", dir);
	FILE *signed_pack = fopen(path, "rb");
	if (signed_pack) {
		fclose(signed_pack);
		for (size_t i = 0; i < n; i++) {
			size_t l = strlen(e[i].name);
			if (l < 4 || strcmp(e[i].name + l - 4, ".pdf"))
				continue;
			char reason[300], label[300];
			snprintf(path, sizeof path, "%s/%s", dir, e[i].name);
			snprintf(label, sizeof label, "%s (embedded signature)", e[i].name);
			int bad = isms_pack_verify_pdf(path, ca, reason, sizeof reason) < 0;
			report(ctx, label, !bad, reason);
			failures += bad;
		}
	}
	failures += verify_signature(dir, ca, orig, len, report, ctx);
	free(orig);
	free(e);
	free(m);
	return failures;
}

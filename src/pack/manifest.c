/* Manifest of the pack (pack layer): manifest.json and MANIFEST.sha256. */
#define _GNU_SOURCE
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"

void
isms_sha256_hex(const void *data, size_t len, char *hex)
{
	unsigned char md[32];
	unsigned int n = 0;
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (unsigned i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
	hex[64] = '\0';
}

int
isms_sha256_file(const char *path, char *hex, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	unsigned char buf[65536];
	size_t n, total = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		EVP_DigestUpdate(c, buf, n);
		total += n;
	}
	int err = ferror(f);
	fclose(f);
	unsigned char md[32];
	unsigned int mdlen = 0;
	EVP_DigestFinal_ex(c, md, &mdlen);
	EVP_MD_CTX_free(c);
	if (err) {
		errno = EIO;
		return -1;
	}
	for (unsigned i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
	hex[64] = '\0';
	if (size)
		*size = total;
	return 0;
}

/* Digests this process has taken of files it has not changed since: a pack build
 * digests each output for the index, then for manifest.json and MANIFEST.sha256.
 * An entry counts only while the file is the same inode with the same size and
 * times (every writer of a pack replaces a file by rename, so a rewritten file is
 * a new inode). */
struct digest {
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	char hex[65];
};
#define NDIGESTS 64 /* the latest: a pack's outputs and inputs (a batch moves on) */
static struct digest digests[NDIGESTS];
static size_t ndigests, next_digest;

static int
same_file(const struct digest *d, const struct stat *st)
{
	return d->dev == st->st_dev && d->ino == st->st_ino && d->size == st->st_size &&
	       d->mtime.tv_sec == st->st_mtim.tv_sec && d->mtime.tv_nsec == st->st_mtim.tv_nsec &&
	       d->ctime.tv_sec == st->st_ctim.tv_sec && d->ctime.tv_nsec == st->st_ctim.tv_nsec;
}

int
isms_sha256_file_once(const char *path, char *hex, size_t *size)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return -1;
	size_t i = 0;
	while (i < ndigests && strcmp(digests[i].path, path))
		i++;
	if (i < ndigests && same_file(&digests[i], &st)) {
		memcpy(hex, digests[i].hex, 65);
		if (size)
			*size = (size_t)st.st_size;
		return 0;
	}
	size_t got;
	if (isms_sha256_file(path, hex, &got) < 0)
		return -1;
	if (size)
		*size = got;
	struct stat after;
	if (stat(path, &after) < 0 || !same_file(&(struct digest){NULL, st.st_dev, st.st_ino,
	    st.st_size, st.st_mtim, st.st_ctim, ""}, &after) || (off_t)got != st.st_size)
		return 0; /* changed while read: not remembered */
	if (i == ndigests) {
		if (ndigests < NDIGESTS)
			ndigests++;
		i = next_digest;
		next_digest = (next_digest + 1) % NDIGESTS;
		free(digests[i].path);
		digests[i].path = isms_xstrdup(path);
	}
	struct digest *d = &digests[i];
	d->dev = st.st_dev;
	d->ino = st.st_ino;
	d->size = st.st_size;
	d->mtime = st.st_mtim;
	d->ctime = st.st_ctim;
	memcpy(d->hex, hex, 65);
	return 0;
}

int
isms_pack_inputs_json(const isms_org *org, isms_buf *out)
{
	char hex[65];
	int rc = 0;
	/* Inputs by name relative to the main file's folder, so the manifest does not
	 * depend on where the input was checked out. */
	const char *main_slash = strrchr(org->files[0], '/');
	size_t prefix = main_slash ? (size_t)(main_slash - org->files[0]) + 1 : 0;
	isms_buf_puts(out, "[");
	for (size_t i = 0; i < org->nfiles; i++) {
		if (isms_sha256_file_once(org->files[i], hex, NULL) < 0) {
			isms_diag(ISMS_ERROR, NULL, "cannot read %s: %s", org->files[i], strerror(errno));
			rc = -1;
			continue;
		}
		const char *name = strncmp(org->files[i], org->files[0], prefix) ? org->files[i]
		                                                                  : org->files[i] + prefix;
		isms_buf_printf(out, "%s\n    {\"file\": ", i ? "," : "");
		isms_buf_put_json(out, name);
		isms_buf_printf(out, ", \"sha256\": \"%s\"}", hex);
	}
	isms_buf_puts(out, "\n  ]");
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files of dir, sorted bytewise, skipping the manifest's own files. */
static char **
list_files(const char *dir, size_t *n, int with_manifest_json)
{
	DIR *d = opendir(dir);
	*n = 0;
	if (!d)
		return NULL;
	size_t cap = 16;
	char **v = isms_xmalloc(cap * sizeof *v);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (!strcmp(e->d_name, "MANIFEST.sha256") || isms_pack_signature_name(e->d_name))
			continue;
		if (!with_manifest_json && !strcmp(e->d_name, "manifest.json"))
			continue;
		if (*n == cap)
			v = isms_xrealloc(v, (cap *= 2) * sizeof *v);
		v[(*n)++] = isms_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(v, *n, sizeof *v, cmp_str);
	return v;
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
isms_pack_manifest(const char *dir, const isms_org *org, const char *period,
                   const char *lang, const char *role)
{
	isms_buf j = {0}, m = {0};
	char path[4096], hex[65];
	int rc = 0;
	size_t n;
	char **files = list_files(dir, &n, 0);

	isms_buf_puts(&j, "{\n  \"format\": \"ismspack-manifest/1\",\n  \"organisation\": {\"id\": ");
	isms_buf_put_json(&j, org->id);
	isms_buf_puts(&j, ", \"name\": ");
	isms_buf_put_json(&j, org->name.zh);
	isms_buf_puts(&j, "},\n  \"period\": ");
	isms_buf_put_json(&j, period);
	isms_buf_puts(&j, ",\n  \"lang\": ");
	isms_buf_put_json(&j, lang);
	isms_buf_puts(&j, ",\n  \"generator\": \"ismspack " ISMS_VERSION "\",");
	/* The build's signer's role; later signers' roles are in their own signatures
	 * (MANIFEST.sha256.N.p7s), since this file is itself signed. */
	if (role) {
		isms_buf_puts(&j, "\n  \"signedAs\": ");
		isms_buf_put_json(&j, role);
		isms_buf_putc(&j, ',');
	}
	isms_buf_puts(&j, "\n  \"inputs\": ");
	if (isms_pack_inputs_json(org, &j) < 0)
		rc = -1;
	isms_buf_puts(&j, ",\n  \"files\": [");
	for (size_t i = 0; i < n; i++) {
		size_t size;
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (isms_sha256_file_once(path, hex, &size) < 0) {
			isms_diag(ISMS_ERROR, NULL, "cannot read %s: %s", path, strerror(errno));
			rc = -1;
			continue;
		}
		isms_buf_printf(&j, "%s\n    {\"name\": ", i ? "," : "");
		isms_buf_put_json(&j, files[i]);
		isms_buf_printf(&j, ", \"size\": %zu, \"sha256\": \"%s\"}", size, hex);
	}
	isms_buf_puts(&j, "\n  ]\n}\n");
	free_list(files, n);
	snprintf(path, sizeof path, "%s/manifest.json", dir);
	if (rc == 0 && isms_fs_write_atomic(path, j.data, j.len) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, strerror(errno));
		rc = -1;
	}
	isms_buf_free(&j);
	if (rc)
		return rc;

	files = list_files(dir, &n, 1);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (isms_sha256_file_once(path, hex, NULL) < 0) {
			rc = -1;
			continue;
		}
		isms_buf_printf(&m, "%s  %s\n", hex, files[i]);
	}
	free_list(files, n);
	snprintf(path, sizeof path, "%s/MANIFEST.sha256", dir);
	if (rc == 0 && isms_fs_write_atomic(path, m.data ? m.data : "", m.len) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, strerror(errno));
		rc = -1;
	}
	isms_buf_free(&m);
	return rc;
}

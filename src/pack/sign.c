/* Signing the manifest (pack layer): key loading with permission checks, PEM or
 * PKCS#12, the certificate checked before any work, detached CMS (SHA-256) with the
 * build's signing time; isms_pack_was_signed for rebuilds. */
#include "signer.h"

#include <errno.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "base/fs.h"
#include "outdir.h"

static void
ssl_error(const char *what, const char *file)
{
	char reason[256] = "unknown reason";
	unsigned long e = ERR_peek_last_error();
	if (e)
		ERR_error_string_n(e, reason, sizeof reason);
	ERR_clear_error();
	isms_loc loc = {file, 0, 0};
	isms_diag(ISMS_ERROR, file ? &loc : NULL, "%s: %s", what, reason);
}

/* Files holding secrets are refused when group or others may read them. */
static int
private_enough(const char *path, const char *what)
{
	struct stat st;
	isms_loc loc = {path, 0, 0};
	if (stat(path, &st) < 0) {
		isms_diag(ISMS_ERROR, &loc, "cannot read the %s: %s", what, strerror(errno));
		return 0;
	}
	if (st.st_mode & 077) {
		isms_diag(ISMS_ERROR, &loc, "the %s is readable by group or others "
		          "(mode %04o); refusing to use it: run chmod 600 on it", what,
		          (unsigned)(st.st_mode & 07777));
		return 0;
	}
	return 1;
}

static char *
passphrase(const isms_sign_opts *o)
{
	if (o->pass_file) {
		if (!private_enough(o->pass_file, "passphrase file"))
			return NULL;
		size_t len;
		char *p = isms_fs_read_file(o->pass_file, &len, 4096);
		if (!p) {
			isms_loc loc = {o->pass_file, 0, 0};
			isms_diag(ISMS_ERROR, &loc, "cannot read the passphrase file: %s", strerror(errno));
			return NULL;
		}
		while (len && (p[len - 1] == '\n' || p[len - 1] == '\r'))
			p[--len] = '\0';
		return p;
	}
	if (o->pass_env) {
		const char *v = getenv(o->pass_env);
		if (!v) {
			isms_diag(ISMS_ERROR, NULL, "environment variable %s (the key's passphrase) "
			          "is not set", o->pass_env);
			return NULL;
		}
		return isms_xstrdup(v);
	}
	return isms_xstrdup("");
}

static X509 *
read_cert(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		isms_loc loc = {path, 0, 0};
		isms_diag(ISMS_ERROR, &loc, "cannot read the certificate: %s", strerror(errno));
		return NULL;
	}
	X509 *c = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (!c)
		ssl_error("not a PEM certificate", path);
	return c;
}

/* The chain file's certificates, appended to *chain: a file without any, or with a
 * damaged one, is an error rather than silently no chain. */
int
isms_signer_read_chain(const char *path, STACK_OF(X509) **chain)
{
	isms_loc loc = {path, 0, 0};
	BIO *b = BIO_new_file(path, "r");
	if (!b) {
		isms_diag(ISMS_ERROR, &loc, "cannot read the chain: %s", strerror(errno));
		ERR_clear_error();
		return -1;
	}
	if (!*chain)
		*chain = sk_X509_new_null();
	int n = 0;
	X509 *c;
	while ((c = PEM_read_bio_X509(b, NULL, NULL, NULL))) {
		sk_X509_push(*chain, c);
		n++;
	}
	unsigned long e = ERR_peek_last_error();
	int at_end = ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE;
	BIO_free(b);
	if (!at_end) {
		ssl_error("--sign-chain: a damaged certificate in this file", path);
		return -1;
	}
	if (n == 0) {
		ERR_clear_error();
		isms_diag(ISMS_ERROR, &loc, "--sign-chain: no PEM certificate "
		          "(\"-----BEGIN CERTIFICATE-----\") in this file");
		return -1;
	}
	ERR_clear_error();
	return 0;
}

/* A role id names a role in a few ASCII characters: it is written into signatures
 * and PDF text strings as is. */
static int
role_ok(const char *r)
{
	size_t n = strlen(r);
	return n >= 1 && n <= 64 && strspn(r, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                                      "0123456789-_.") == n;
}

static int load_files(isms_signer **out, const isms_sign_opts *o, time_t when);

int
isms_signer_load(isms_signer **out, const isms_sign_opts *o, time_t when)
{
	*out = NULL;
	if (o->role && !role_ok(o->role)) {
		isms_diag(ISMS_ERROR, NULL, "--sign-as takes a role id of 1 to 64 letters, digits, "
		          "'-', '_' or '.' (drafter, reviewer, approver, or the organisation's "
		          "own), not \"%s\"", o->role);
		return -1;
	}
	if (o->visible && (!o->role || !isms_pack_role_title(o->role, "zh"))) {
		isms_diag(ISMS_ERROR, NULL, "--sign-visible draws the signature into the approval "
		          "box's cell of the signer's role: give --sign-as drafter, reviewer or "
		          "approver%s%s%s", o->role ? " (not \"" : "", o->role ? o->role : "",
		          o->role ? "\")" : "");
		return -1;
	}
	int rc = o->pkcs11_uri ? isms_signer_load_pkcs11(out, o, when) : load_files(out, o, when);
	if (rc == 0 && o->role)
		snprintf((*out)->role, sizeof (*out)->role, "%s", o->role);
	if (rc == 0)
		(*out)->visible = o->visible;
	return rc;
}

const char *
isms_signer_role(const isms_signer *s)
{
	return s && *s->role ? s->role : NULL;
}

int
isms_pack_signature_name(const char *name)
{
	if (!strcmp(name, "MANIFEST.sha256.p7s"))
		return 1;
	int n = 0, end = 0;
	if (sscanf(name, "MANIFEST.sha256.%2d.p7s%n", &n, &end) != 1 || name[end] || n < 2 ||
	    n > 99)
		return 0;
	char canon[32];
	snprintf(canon, sizeof canon, "MANIFEST.sha256.%d.p7s", n);
	return !strcmp(canon, name);
}

static int
load_files(isms_signer **out, const isms_sign_opts *o, time_t when)
{
	*out = NULL;
	if (!o->key || !private_enough(o->key, "private key"))
		return -1;
	char *pass = passphrase(o);
	if (!pass)
		return -1;
	isms_signer *s = isms_xcalloc(1, sizeof *s);
	int rc = -1;
	BIO *b = BIO_new_file(o->key, "rb");
	if (!b) {
		ssl_error("cannot open the signing key", o->key);
		goto done;
	}
	if (!o->cert) {
		/* A PKCS#12 bundle: key, certificate and chain in one file. */
		PKCS12 *p12 = d2i_PKCS12_bio(b, NULL);
		if (!p12) {
			ssl_error("not a PKCS#12 file (give --sign-cert for a PEM key)", o->key);
			goto done;
		}
		int ok = PKCS12_parse(p12, pass, &s->key, &s->cert, &s->chain);
		PKCS12_free(p12);
		if (!ok || !s->key || !s->cert) {
			ssl_error("cannot open the PKCS#12 file (wrong passphrase?)", o->key);
			goto done;
		}
	} else {
		s->key = PEM_read_bio_PrivateKey(b, NULL, NULL, pass);
		if (!s->key) {
			ssl_error("cannot read the private key (wrong passphrase?)", o->key);
			goto done;
		}
		if (!(s->cert = read_cert(o->cert)))
			goto done;
		if (!X509_check_private_key(s->cert, s->key)) {
			isms_loc loc = {o->cert, 0, 0};
			isms_diag(ISMS_ERROR, &loc, "the certificate does not belong to the private key");
			goto done;
		}
	}
	if (o->chain && isms_signer_read_chain(o->chain, &s->chain) < 0)
		goto done;
	char why[512];
	if (isms_pack_cert_usable(s->cert, when, why, sizeof why) < 0) {
		isms_loc loc = {o->cert ? o->cert : o->key, 0, 0};
		char at[32];
		isms_diag(ISMS_ERROR, &loc, "refusing to sign at %s with this certificate: %s",
		          isms_pack_time_text(when, at, sizeof at), why);
		goto done;
	}
	rc = 0;
done:
	BIO_free(b);
	OPENSSL_cleanse(pass, strlen(pass));
	free(pass);
	if (rc)
		isms_signer_free(s);
	else
		*out = s;
	return rc;
}

void
isms_signer_free(isms_signer *s)
{
	if (!s)
		return;
	/* The key's operations need the module: free it before closing the module. */
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	isms_p11_free(s->p11);
	free(s);
}

/* CAdES signer-attributes-v2 (ETSI EN 319 122-1), holding the role as a claimed
 * attribute: SEQUENCE { [0] SEQUENCE { Attribute { id-at-role, SET { UTF8String } } } }. */
#define OID_SIGNER_ATTR_V2 "0.4.0.19122.1.1"

static int
role_attr(unsigned char *der, const char *role)
{
	size_t n = strlen(role); /* <= 64: every length below fits one byte */
	unsigned char *p = der;
	*p++ = 0x30; *p++ = (unsigned char)(n + 15);
	*p++ = 0xa0; *p++ = (unsigned char)(n + 13);
	*p++ = 0x30; *p++ = (unsigned char)(n + 11);
	*p++ = 0x30; *p++ = (unsigned char)(n + 9);
	*p++ = 0x06; *p++ = 3; *p++ = 0x55; *p++ = 0x04; *p++ = 0x48; /* 2.5.4.72 role */
	*p++ = 0x31; *p++ = (unsigned char)(n + 2);
	*p++ = 0x0c; *p++ = (unsigned char)n;
	memcpy(p, role, n);
	return (int)(p + n - der);
}

int
isms_pack_cms_role(CMS_SignerInfo *si, char *role, size_t size)
{
	*role = '\0';
	ASN1_OBJECT *obj = OBJ_txt2obj(OID_SIGNER_ATTR_V2, 1);
	int i = obj ? CMS_signed_get_attr_by_OBJ(si, obj, -1) : -1;
	ASN1_OBJECT_free(obj);
	if (i < 0)
		return 0;
	X509_ATTRIBUTE *a = CMS_signed_get_attr(si, i);
	ASN1_TYPE *t = a && X509_ATTRIBUTE_count(a) == 1 ? X509_ATTRIBUTE_get0_type(a, 0) : NULL;
	if (!t || t->type != V_ASN1_SEQUENCE)
		return -1;
	const unsigned char *d = ASN1_STRING_get0_data(t->value.sequence);
	int len = ASN1_STRING_length(t->value.sequence);
	size_t n = len > 17 ? (size_t)len - 17 : 0;
	unsigned char want[96];
	char got[65];
	if (n < 1 || n > 64)
		return -1;
	memcpy(got, d + 17, n);
	got[n] = '\0';
	if (role_attr(want, got) != len || memcmp(want, d, (size_t)len) || !role_ok(got))
		return -1;
	snprintf(role, size, "%s", got);
	return 0;
}

CMS_ContentInfo *
isms_pack_cms_sign(const isms_signer *s, const void *a, size_t alen, const void *b,
                   size_t blen, time_t when, unsigned extra)
{
	BIO *in = BIO_new(BIO_s_mem());
	BIO_write(in, a, (int)alen);
	if (blen)
		BIO_write(in, b, (int)blen);
	unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_CADES | extra;
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, s->chain, NULL, flags);
	CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, s->cert, s->key, EVP_sha256(),
	                                           flags & ~CMS_DETACHED) : NULL;
	ASN1_TIME *t = ASN1_TIME_set(NULL, when);
	ASN1_OBJECT *obj = *s->role ? OBJ_txt2obj(OID_SIGNER_ATTR_V2, 1) : NULL;
	unsigned char rder[96];
	int rlen = *s->role ? role_attr(rder, s->role) : 0;
	/* With signingTime present, OpenSSL does not stamp the current time. */
	if (!si || !t || !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1) ||
	    (*s->role && (!obj || !CMS_signed_add1_attr_by_OBJ(si, obj, V_ASN1_SEQUENCE, rder, rlen))) ||
	    !CMS_final(cms, in, NULL, flags)) {
		CMS_ContentInfo_free(cms);
		cms = NULL;
	}
	ASN1_OBJECT_free(obj);
	ASN1_TIME_free(t);
	BIO_free(in);
	return cms;
}

/* Sign dir/MANIFEST.sha256 into dir/name. */
static int
sign_manifest_as(const isms_signer *s, const char *dir, const char *name, time_t signing_time)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/MANIFEST.sha256", dir);
	size_t len;
	char *data = isms_fs_read_file(path, &len, 64u << 20);
	if (!data) {
		isms_diag(ISMS_ERROR, NULL, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	int rc = -1;
	CMS_ContentInfo *cms = isms_pack_cms_sign(s, data, len, NULL, 0, signing_time, 0);
	unsigned char *der = NULL;
	int derlen = 0;
	if (!cms || (derlen = i2d_CMS_ContentInfo(cms, &der)) <= 0) {
		ssl_error("cannot sign MANIFEST.sha256", NULL);
		goto done;
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (isms_fs_write_atomic(path, der, (size_t)derlen) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, strerror(errno));
		goto done;
	}
	rc = 0;
done:
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	free(data);
	return rc;
}

int
isms_pack_sign_manifest(const isms_signer *s, const char *dir, time_t signing_time)
{
	return sign_manifest_as(s, dir, "MANIFEST.sha256.p7s", signing_time);
}

int
isms_pack_later_signers(const char *pack_dir)
{
	int n = 0;
	for (int k = 2; k <= 99; k++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/MANIFEST.sha256.%d.p7s", pack_dir, k);
		n += lstat(path, &st) == 0;
	}
	return n;
}

int
isms_pack_was_signed(const char *pack_dir)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s/MANIFEST.sha256.p7s", pack_dir) >= (int)sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	struct stat st;
	if (lstat(path, &st) == 0)
		return 1;
	return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
}

static void
quiet_report(void *ctx, const char *file, int ok, const char *reason)
{
	if (!ok) {
		isms_buf *b = ctx;
		isms_buf_printf(b, "%s%s: %s", b->len ? "; " : "", file, reason);
	}
}

int
isms_pack_cosign(const isms_signer *s, const char *dir, time_t when, char *name)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof path, "%s/MANIFEST.sha256", dir);
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode) || lstat(path, &st) < 0) {
		isms_diag(ISMS_ERROR, NULL, "%s is not a pack (no MANIFEST.sha256)", dir);
		return ISMS_EXIT_NOINPUT;
	}
	isms_outdir *out = NULL;
	int rc = isms_outdir_open(&out, dir, NULL, 0, 0);
	if (rc)
		return rc;
	const char *pack = isms_outdir_path(out);
	rc = ISMS_EXIT_DATAERR;
	if (isms_pack_was_signed(pack) != 1) {
		isms_diag(ISMS_ERROR, NULL, "%s is not signed: the first signature is made by "
		          "build (with --sign-key or --sign-pkcs11), which also signs its PDFs", dir);
		goto done;
	}
	/* Only a pack that is as it was signed gets a further signature. */
	isms_buf why = {0};
	char verdict[1024];
	int failures = isms_pack_verify(pack, NULL, quiet_report, &why, verdict, sizeof verdict);
	if (failures) {
		isms_diag(ISMS_ERROR, NULL, "%s is not complete and unaltered, so it is not signed "
		          "again (%s); run ismspack verify on it", dir, why.len ? why.data : verdict);
		isms_buf_free(&why);
		goto done;
	}
	isms_buf_free(&why);
	int n;
	for (n = 2; n <= 99; n++) {
		snprintf(name, 32, "MANIFEST.sha256.%d.p7s", n);
		snprintf(path, sizeof path, "%s/%s", pack, name);
		if (lstat(path, &st) < 0 && errno == ENOENT)
			break;
	}
	if (n > 99) {
		isms_diag(ISMS_ERROR, NULL, "%s already carries 99 signatures", dir);
		goto done;
	}
	/* The signer signs every PDF too (a further revision each, so that the PDFs
	 * carry every signer's signature, visible in the approval box with
	 * --sign-visible) and then the manifest: all in a copy of the pack, swapped in
	 * whole, so a failure half-way (a token removed) leaves the pack as it was.
	 * MANIFEST.sha256 stays as the build wrote it: it lists each PDF's revision
	 * as built, which verify finds at the start of the grown PDF. */
	rc = ISMS_EXIT_CANTCREAT;
	if (isms_outdir_begin(out) < 0)
		goto done;
	const char *tmp = isms_outdir_tmp(out);
	DIR *d = opendir(pack);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		char from[4096], to[4096];
		if (de->d_name[0] == '.')
			continue;
		snprintf(from, sizeof from, "%s/%s", pack, de->d_name);
		snprintf(to, sizeof to, "%s/%s", tmp, de->d_name);
		if (isms_fs_copy(from, to) < 0) {
			isms_diag(ISMS_ERROR, NULL, "cannot copy %s: %s; %s is unchanged", from,
			          strerror(errno), dir);
			closedir(d);
			goto done;
		}
		size_t l = strlen(de->d_name);
		if (l > 4 && !strcmp(de->d_name + l - 4, ".pdf") && isms_pack_sign_pdf(s, to, when) < 0) {
			isms_diag(ISMS_ERROR, NULL, "%s is unchanged", dir);
			closedir(d);
			goto done;
		}
	}
	if (!d) {
		isms_diag(ISMS_ERROR, NULL, "cannot read %s: %s", dir, strerror(errno));
		goto done;
	}
	closedir(d);
	if (sign_manifest_as(s, tmp, name, when) < 0 || isms_outdir_publish(out) < 0)
		goto done;
	rc = 0;
done:
	isms_outdir_free(out);
	return rc;
}

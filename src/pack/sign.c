/* Signing the manifest (pack layer): key loading with permission checks, PEM or
 * PKCS#12, detached CMS (SHA-256) with a fixed signing time. */
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
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "base/fs.h"

static void
ssl_error(const char *what, const char *file)
{
	char reason[256] = "unknown reason";
	unsigned long e = ERR_get_error();
	if (e)
		ERR_error_string_n(e, reason, sizeof reason);
	ERR_clear_error();
	isms_loc loc = {file, 0, 0};
	isms_diag(ISMS_ERROR, file ? &loc : NULL, "%s: %s", what, reason);
}

static char *
passphrase(const isms_sign_opts *o)
{
	if (o->pass_file) {
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

static int
private_enough(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		isms_loc loc = {path, 0, 0};
		isms_diag(ISMS_ERROR, &loc, "cannot read the signing key: %s", strerror(errno));
		return 0;
	}
	if (st.st_mode & 077) {
		isms_loc loc = {path, 0, 0};
		isms_diag(ISMS_ERROR, &loc, "the private key is readable by group or others "
		          "(mode %04o); refusing to use it: run chmod 600 on it",
		          (unsigned)(st.st_mode & 07777));
		return 0;
	}
	return 1;
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

int
isms_signer_load(isms_signer **out, const isms_sign_opts *o)
{
	*out = NULL;
	if (!o->key || !private_enough(o->key))
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
	if (o->chain) {
		FILE *f = fopen(o->chain, "r");
		if (!f) {
			isms_loc loc = {o->chain, 0, 0};
			isms_diag(ISMS_ERROR, &loc, "cannot read the chain: %s", strerror(errno));
			goto done;
		}
		if (!s->chain)
			s->chain = sk_X509_new_null();
		X509 *c;
		while ((c = PEM_read_X509(f, NULL, NULL, NULL)))
			sk_X509_push(s->chain, c);
		ERR_clear_error();
		fclose(f);
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
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	free(s);
}

int
isms_pack_sign_manifest(const isms_signer *s, const char *dir, time_t signing_time)
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
	unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_CADES;
	BIO *in = BIO_new_mem_buf(data, (int)len);
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, s->chain, NULL, flags);
	CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, s->cert, s->key, EVP_sha256(),
	                                           CMS_BINARY | CMS_CADES) : NULL;
	ASN1_TIME *t = ASN1_TIME_set(NULL, signing_time);
	unsigned char *der = NULL;
	int derlen = 0;
	/* With signingTime present, OpenSSL does not stamp the current time. */
	if (!si || !t || !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1) ||
	    !CMS_final(cms, in, NULL, flags) || (derlen = i2d_CMS_ContentInfo(cms, &der)) <= 0) {
		ssl_error("cannot sign MANIFEST.sha256", NULL);
		goto done;
	}
	snprintf(path, sizeof path, "%s/MANIFEST.sha256.p7s", dir);
	if (isms_fs_write_atomic(path, der, (size_t)derlen) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, strerror(errno));
		goto done;
	}
	rc = 0;
done:
	OPENSSL_free(der);
	ASN1_TIME_free(t);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	free(data);
	return rc;
}

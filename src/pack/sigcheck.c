/* The rules a signature is held to (pack layer): which certificates may sign, and the
 * check of a detached CMS signature (the manifest's .p7s and each PDF's /Contents),
 * with every failure said in words: altered, expired, unknown CA, wrong purpose. */
#include "signer.h"

#include <dirent.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"

char *
isms_pack_time_text(time_t t, char *buf, size_t size)
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, size, "%lld seconds after 1970", (long long)t);
	return buf;
}

/* Seconds since 1970 of an ASN1_TIME; 0 ok. */
static int
asn1_time_t(const ASN1_TIME *a, time_t *out)
{
	struct tm tm;
	if (!a || !ASN1_TIME_to_tm(a, &tm))
		return -1;
	/* days from civil (Howard Hinnant), so that no time zone is involved */
	long y = tm.tm_year + 1900L - (tm.tm_mon < 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400, mp = (tm.tm_mon + 10) % 12; /* March = 0 */
	long doy = (153 * mp + 2) / 5 + tm.tm_mday - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	*out = (time_t)days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return 0;
}

static char *
asn1_time_text(const ASN1_TIME *a, char *buf, size_t size)
{
	time_t t;
	if (asn1_time_t(a, &t) < 0) {
		snprintf(buf, size, "(unreadable date)");
		return buf;
	}
	return isms_pack_time_text(t, buf, size);
}

static void
name_text(const X509_NAME *n, char *buf, size_t size)
{
	BIO *b = BIO_new(BIO_s_mem());
	X509_NAME_print_ex(b, n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	int len = BIO_read(b, buf, (int)size - 1);
	buf[len > 0 ? len : 0] = '\0';
	BIO_free(b);
}

/* documentSigning (RFC 9336) and Adobe's Authentic Documents Trust purpose. */
#define OID_DOCUMENT_SIGNING "1.3.6.1.5.5.7.3.36"
#define OID_ADOBE_DOCUMENTS "1.2.840.113583.1.1.5"

int
isms_pack_cert_usable(X509 *cert, time_t when, char *why, size_t size)
{
	char d[40], at[40];
	isms_pack_time_text(when, at, sizeof at);
	if (X509_cmp_time(X509_get0_notBefore(cert), &when) > 0) {
		snprintf(why, size, "not yet valid: the certificate is valid from %s, after the "
		         "signing time %s", asn1_time_text(X509_get0_notBefore(cert), d, sizeof d), at);
		return -1;
	}
	if (X509_cmp_time(X509_get0_notAfter(cert), &when) < 0) {
		snprintf(why, size, "expired: the certificate ended on %s, before the signing "
		         "time %s", asn1_time_text(X509_get0_notAfter(cert), d, sizeof d), at);
		return -1;
	}
	uint32_t flags = X509_get_extension_flags(cert);
	if (flags & EXFLAG_INVALID) {
		snprintf(why, size, "the certificate's extensions are malformed");
		return -1;
	}
	if (flags & EXFLAG_CA) {
		snprintf(why, size, "wrong purpose: a CA certificate (basicConstraints CA:TRUE) "
		         "certifies others and does not sign documents; use the certificate "
		         "issued to the signer");
		return -1;
	}
	if ((flags & EXFLAG_KUSAGE) &&
	    !(X509_get_key_usage(cert) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))) {
		snprintf(why, size, "wrong purpose: the certificate's key usage allows neither "
		         "digitalSignature nor nonRepudiation");
		return -1;
	}
	if (!(flags & EXFLAG_XKUSAGE))
		return 0;
	EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(cert, NID_ext_key_usage, NULL, NULL);
	char names[256] = "";
	int ok = 0;
	for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku); i++) {
		const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(eku, i);
		char oid[80];
		OBJ_obj2txt(oid, sizeof oid, o, 1);
		int nid = OBJ_obj2nid(o);
		if (nid == NID_email_protect || nid == NID_anyExtendedKeyUsage ||
		    !strcmp(oid, OID_DOCUMENT_SIGNING) || !strcmp(oid, OID_ADOBE_DOCUMENTS))
			ok = 1;
		size_t l = strlen(names);
		snprintf(names + l, sizeof names - l, "%s%s", l ? ", " : "",
		         nid != NID_undef ? OBJ_nid2sn(nid) : oid);
	}
	sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
	if (!ok) {
		snprintf(why, size, "wrong purpose: the certificate's extended key usage (%s) "
		         "does not include document signing (documentSigning "
		         OID_DOCUMENT_SIGNING ", emailProtection or anyExtendedKeyUsage)",
		         *names ? names : "empty");
		return -1;
	}
	return 0;
}

/* ---- the DER skeleton of what ismspack writes ---- */

/* A signature that differs from what ismspack writes was changed, or made by
 * another program (a pack's signatures are all ismspack's). */
#define NOT_OURS "altered (or not written by ismspack): "

/* One DER element at *p: its tag and content; *p moves past it.  0 ok. */
static int
tlv(const unsigned char **p, const unsigned char *end, int *tag,
    const unsigned char **val, size_t *vlen)
{
	const unsigned char *q = *p;
	if (end - q < 2)
		return -1;
	*tag = q[0];
	size_t n = q[1];
	q += 2;
	if (n & 0x80) {
		int k = (int)(n & 0x7f);
		if (k == 0 || k > 4 || end - q < k)
			return -1;
		for (n = 0; k--;)
			n = n << 8 | *q++;
	}
	if ((size_t)(end - q) < n)
		return -1;
	*val = q;
	*vlen = n;
	*p = q + n;
	return 0;
}

/* The parts of a SignedData that its signature does not cover, held to exactly what
 * ismspack writes (RFC 5652 SignedData, version 1, one SignerInfo of version 1 naming
 * the certificate by issuer and serial, the digest algorithm set equal to that
 * SignerInfo's, an empty encapsulated id-data, no CRLs, no unsigned attributes).
 * NULL when it holds, else what differs. */
static const char *
skeleton(const unsigned char *der, size_t len)
{
	const unsigned char *p = der, *end = der + len, *v, *x, *dset;
	size_t n, m, dsetn;
	int t;
	if (tlv(&p, end, &t, &v, &n) || t != 0x30 || p != end)
		return "not one DER SEQUENCE";
	p = v, end = v + n;
	if (tlv(&p, end, &t, &v, &n) || t != 0x06 || tlv(&p, end, &t, &v, &n) || t != 0xA0 ||
	    p != end)
		return "not a ContentInfo";
	p = v, end = v + n;
	if (tlv(&p, end, &t, &v, &n) || t != 0x30 || p != end)
		return "not a SignedData";
	p = v, end = v + n;
	if (tlv(&p, end, &t, &v, &n) || t != 0x02 || n != 1 || v[0] != 1)
		return "the SignedData version is not 1";
	if (tlv(&p, end, &t, &dset, &dsetn) || t != 0x31)
		return "no digest algorithm set";
	if (tlv(&p, end, &t, &v, &n) || t != 0x30)
		return "no encapsulated content info";
	x = v;
	const unsigned char *oid;
	if (tlv(&x, v + n, &t, &oid, &m) || t != 0x06 || x != v + n)
		return "the encapsulated content is not empty (the signature must be detached)";
	if (tlv(&p, end, &t, &v, &n))
		return "no signer";
	if (t == 0xA0 && tlv(&p, end, &t, &v, &n))
		return "no signer";
	if (t == 0xA1)
		return "it carries revocation lists (ismspack writes none)";
	if (t != 0x31 || p != end)
		return "unexpected elements in the SignedData";
	p = v, end = v + n;
	if (tlv(&p, end, &t, &v, &n) || t != 0x30 || p != end)
		return "not exactly one signer";
	p = v, end = v + n;
	if (tlv(&p, end, &t, &v, &n) || t != 0x02 || n != 1 || v[0] != 1)
		return "the SignerInfo version is not 1";
	if (tlv(&p, end, &t, &v, &n) || t != 0x30)
		return "the signer is not named by issuer and serial number";
	const unsigned char *alg = p;
	if (tlv(&p, end, &t, &v, &n) || t != 0x30)
		return "no digest algorithm";
	if ((size_t)(p - alg) != dsetn || memcmp(alg, dset, dsetn))
		return "the digest algorithm set differs from the signer's digest algorithm";
	if (tlv(&p, end, &t, &v, &n) || t != 0xA0)
		return "no signed attributes";
	if (tlv(&p, end, &t, &v, &n) || t != 0x30)
		return "no signature algorithm";
	if (tlv(&p, end, &t, &v, &n) || t != 0x04)
		return "no signature value";
	if (p != end)
		return "it carries unsigned attributes (ismspack writes none; they were added after signing)";
	return NULL;
}

/* Algorithm identifiers as ismspack (OpenSSL) writes them: SHA-256 without
 * parameters; RSA with NULL parameters, ECDSA without. */
static const char *
algorithms(CMS_SignerInfo *si)
{
	X509_ALGOR *dig = NULL, *sig = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig, &sig);
	const ASN1_OBJECT *o;
	int ptype;
	X509_ALGOR_get0(&o, &ptype, NULL, dig);
	if (OBJ_obj2nid(o) != NID_sha256 || ptype != V_ASN1_UNDEF)
		return "the digest algorithm is not SHA-256 as ismspack writes it";
	X509_ALGOR_get0(&o, &ptype, NULL, sig);
	switch (OBJ_obj2nid(o)) {
	case NID_rsaEncryption:
	case NID_sha256WithRSAEncryption:
		return ptype == V_ASN1_NULL ? NULL : "the RSA signature algorithm's parameters were changed";
	case NID_ecdsa_with_SHA256:
		return ptype == V_ASN1_UNDEF ? NULL : "the ECDSA signature algorithm's parameters were changed";
	default:
		return "a signature algorithm ismspack does not write";
	}
}

/* Every certificate besides the signer's must be a link of its chain: the issuer of
 * another one in the set, whose signature its key verifies (a self-signed one also
 * its own).  NULL when they hold, else the subject of the odd one out in buf. */
static const char *
stray_certificate(STACK_OF(X509) *certs, X509 *signer, char *buf, size_t size)
{
	for (int i = 0; i < sk_X509_num(certs); i++) {
		X509 *c = sk_X509_value(certs, i);
		if (c == signer)
			continue;
		EVP_PKEY *k = X509_get0_pubkey(c);
		int linked = 0;
		for (int j = 0; j < sk_X509_num(certs) && !linked; j++) {
			X509 *d = sk_X509_value(certs, j);
			linked = X509_check_issued(c, d) == X509_V_OK && k && X509_verify(d, k) == 1;
		}
		if (linked && X509_check_issued(c, c) == X509_V_OK)
			linked = k && X509_verify(c, k) == 1;
		if (!linked) {
			name_text(X509_get_subject_name(c), buf, size);
			return buf;
		}
	}
	ERR_clear_error();
	return NULL;
}

static X509_STORE *
load_ca(const char *ca)
{
	X509_STORE *store = X509_STORE_new();
	struct stat st;
	int loaded = 0;
	if (stat(ca, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* a folder of PEM files, hashed (c_rehash) or not */
		DIR *d = opendir(ca);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			char path[4096];
			struct stat fs;
			snprintf(path, sizeof path, "%s/%s", ca, e->d_name);
			if (e->d_name[0] != '.' && stat(path, &fs) == 0 && S_ISREG(fs.st_mode))
				loaded += X509_STORE_load_file(store, path) == 1;
		}
		if (d)
			closedir(d);
	} else {
		loaded = X509_STORE_load_file(store, ca) == 1;
	}
	ERR_clear_error();
	if (!loaded) {
		X509_STORE_free(store);
		return NULL;
	}
	return store;
}

/* Chain the signer to ca at the signing time; the failure in words into why. */
static int
chain_to_ca(X509 *signer, STACK_OF(X509) *certs, const char *ca, time_t when,
            char *why, size_t size)
{
	X509_STORE *store = load_ca(ca);
	if (!store) {
		snprintf(why, size, "cannot read a CA certificate from %s", ca);
		return -1;
	}
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int rc = -1;
	if (!ctx || !X509_STORE_CTX_init(ctx, store, signer, certs)) {
		snprintf(why, size, "cannot check the chain (out of memory)");
		goto done;
	}
	/* The signing time, not today: a signature made while the certificate was valid
	 * stays a signature of that day.  No purpose here: the signer's purpose is
	 * isms_pack_cert_usable's (documentSigning is not S/MIME's). */
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), when);
	if (X509_verify_cert(ctx) == 1) {
		STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(ctx);
		rc = 0;
		for (int i = 0; i < sk_X509_num(certs) && rc == 0; i++) {
			int in = 0;
			for (int j = 0; j < sk_X509_num(chain) && !in; j++)
				in = !X509_cmp(sk_X509_value(certs, i), sk_X509_value(chain, j));
			if (!in) {
				char s[256];
				name_text(X509_get_subject_name(sk_X509_value(certs, i)), s, sizeof s);
				snprintf(why, size, "altered: it carries a certificate outside the signer's "
				         "chain (%s)", s);
				rc = -1;
			}
		}
		goto done;
	}
	int err = X509_STORE_CTX_get_error(ctx);
	X509 *at = X509_STORE_CTX_get_current_cert(ctx);
	char subj[256] = "", iss[256] = "", d[40];
	if (at) {
		name_text(X509_get_subject_name(at), subj, sizeof subj);
		name_text(X509_get_issuer_name(at), iss, sizeof iss);
	}
	switch (err) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
		snprintf(why, size, "expired: the certificate of %s ended on %s, before the signing "
		         "time", subj, at ? asn1_time_text(X509_get0_notAfter(at), d, sizeof d) : "?");
		break;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		snprintf(why, size, "not yet valid: the certificate of %s starts on %s, after the "
		         "signing time", subj, at ? asn1_time_text(X509_get0_notBefore(at), d, sizeof d) : "?");
		break;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		snprintf(why, size, "unknown CA: %s is not certified by a CA in %s (issuer %s)",
		         subj, ca, iss);
		break;
	case X509_V_ERR_INVALID_PURPOSE:
	case X509_V_ERR_INVALID_CA:
		snprintf(why, size, "wrong purpose: %s may not act as a CA in this chain", subj);
		break;
	case X509_V_ERR_CERT_SIGNATURE_FAILURE:
		snprintf(why, size, "altered: the CA's signature on the certificate of %s does "
		         "not verify", subj);
		break;
	default:
		snprintf(why, size, "the chain does not verify: %s (at %s)",
		         X509_verify_cert_error_string(err), subj);
	}
done:
	ERR_clear_error();
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	return rc;
}

int
isms_pack_check_cms(isms_sig_check *r, const unsigned char *der, size_t len,
                    const void *a, size_t alen, const void *b, size_t blen, const char *ca)
{
	memset(r, 0, sizeof *r);
	const unsigned char *p = der;
	unsigned char *again = NULL;
	STACK_OF(X509) *certs = NULL;
	X509 *signer = NULL;
	ESS_SIGNING_CERT_V2 *ess = NULL;
	STACK_OF(X509) *leaf = NULL;
	const char *bad;
	char buf[256];
	int rc = -1;
	CMS_ContentInfo *cms = len < (1u << 30) ? d2i_CMS_ContentInfo(NULL, &p, (long)len) : NULL;
	if (!cms) {
		snprintf(r->reason, sizeof r->reason, "damaged: not a readable CMS signature");
		goto done;
	}
	/* Byte for byte what the parsed signature encodes to: no trailing bytes, no
	 * BER variants of a DER length or tag. */
	int n = i2d_CMS_ContentInfo(cms, &again);
	if (p != der + len || n != (int)len || memcmp(again, der, len)) {
		size_t at = 0;
		while (n > 0 && at < len && at < (size_t)n && again[at] == der[at])
			at++;
		snprintf(r->reason, sizeof r->reason, NOT_OURS "the encoding differs from its "
		         "canonical DER at byte %zu (a change outside the signed part)", at);
		goto done;
	}
	if ((bad = skeleton(der, len))) {
		snprintf(r->reason, sizeof r->reason, NOT_OURS "%s", bad);
		goto done;
	}
	STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
	CMS_SignerInfo *si = sis && sk_CMS_SignerInfo_num(sis) == 1 ? sk_CMS_SignerInfo_value(sis, 0) : NULL;
	ASN1_OCTET_STRING **content = CMS_get0_content(cms);
	if (OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed || !si ||
	    OBJ_obj2nid(CMS_get0_eContentType(cms)) != NID_pkcs7_data || (content && *content) ||
	    CMS_unsigned_get_attr_count(si) > 0) {
		snprintf(r->reason, sizeof r->reason, NOT_OURS "not a detached signature of "
		         "data by one signer");
		goto done;
	}
	if ((bad = algorithms(si))) {
		snprintf(r->reason, sizeof r->reason, NOT_OURS "%s", bad);
		goto done;
	}
	certs = CMS_get1_certs(cms);
	for (int i = 0; i < sk_X509_num(certs) && !signer; i++)
		if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0)
			signer = sk_X509_value(certs, i);
	if (!signer) {
		snprintf(r->reason, sizeof r->reason, "altered: the signer's certificate is not in "
		         "the signature");
		goto done;
	}
	char subj[256], iss[256], serial[128] = "?";
	name_text(X509_get_subject_name(signer), subj, sizeof subj);
	name_text(X509_get_issuer_name(signer), iss, sizeof iss);
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(signer), NULL);
	char *hex = bn ? BN_bn2hex(bn) : NULL;
	if (hex)
		snprintf(serial, sizeof serial, "%s", hex);
	OPENSSL_free(hex);
	BN_free(bn);
	snprintf(r->subject, sizeof r->subject, "%s", subj);
	int ti = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	X509_ATTRIBUTE *tattr = ti >= 0 ? CMS_signed_get_attr(si, ti) : NULL;
	ASN1_TYPE *tv = tattr ? X509_ATTRIBUTE_get0_type(tattr, 0) : NULL;
	if (tv && (tv->type == V_ASN1_UTCTIME || tv->type == V_ASN1_GENERALIZEDTIME) &&
	    asn1_time_t((const ASN1_TIME *)tv->value.ptr, &r->signed_at) == 0)
		r->has_time = 1;
	char when[40] = "at an unknown time";
	if (r->has_time) {
		char t[32];
		snprintf(when, sizeof when, "on %s", isms_pack_time_text(r->signed_at, t, sizeof t));
	}
	snprintf(r->signer, sizeof r->signer, "signer %s (issuer %s, serial %s), signed %s",
	         subj, iss, serial, when);
	if (isms_pack_cms_role(si, r->role, sizeof r->role) < 0) {
		snprintf(r->reason, sizeof r->reason, NOT_OURS "its signer-attributes (the role) "
		         "are not as ismspack writes them");
		goto done;
	}
	if (*r->role) {
		size_t l = strlen(r->signer);
		snprintf(r->signer + l, sizeof r->signer - l, " as %s", r->role);
	}

	CMS_SignerInfo_set1_signer_cert(si, signer);
	r->sig_intact = CMS_SignerInfo_verify(si) == 1;
	ERR_clear_error();
	unsigned char md[32];
	unsigned int mdlen = 0;
	EVP_MD_CTX *mc = EVP_MD_CTX_new();
	EVP_DigestInit_ex(mc, EVP_sha256(), NULL);
	EVP_DigestUpdate(mc, a, alen);
	if (blen)
		EVP_DigestUpdate(mc, b, blen);
	EVP_DigestFinal_ex(mc, md, &mdlen);
	EVP_MD_CTX_free(mc);
	ASN1_OCTET_STRING *signed_md = CMS_signed_get0_data_by_OBJ(si,
		OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	r->content_intact = signed_md && ASN1_STRING_length(signed_md) == (int)mdlen &&
	                    !memcmp(ASN1_STRING_get0_data(signed_md), md, mdlen);
	if (!r->sig_intact) {
		snprintf(r->reason, sizeof r->reason, "altered: the signature does not match its "
		         "signed attributes");
		goto done;
	}
	if (!r->content_intact) {
		snprintf(r->reason, sizeof r->reason, "altered after signing: the signed content's "
		         "SHA-256 differs from the one in the signature");
		goto done;
	}
	ASN1_OBJECT *ctype = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_contentType),
	                                                 -3, V_ASN1_OBJECT);
	if (!ctype || OBJ_obj2nid(ctype) != NID_pkcs7_data) {
		snprintf(r->reason, sizeof r->reason, "the signed content type is not data");
		goto done;
	}
	/* signing-certificate-v2 binds the whole signer certificate into the signature */
	ASN1_STRING *essv = CMS_signed_get0_data_by_OBJ(si,
		OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE);
	const unsigned char *ep = essv ? ASN1_STRING_get0_data(essv) : NULL;
	ess = ep ? d2i_ESS_SIGNING_CERT_V2(NULL, &ep, ASN1_STRING_length(essv)) : NULL;
	leaf = sk_X509_new_null();
	sk_X509_push(leaf, signer);
	if (!ess) {
		snprintf(r->reason, sizeof r->reason, "the signature does not name its certificate "
		         "(no signing-certificate-v2 attribute, which ismspack always writes)");
		goto done;
	}
	if (OSSL_ESS_check_signing_certs(NULL, ess, leaf, 1) <= 0) {
		ERR_clear_error();
		snprintf(r->reason, sizeof r->reason, "altered: the signer's certificate is not "
		         "the one named in the signed attributes (signing-certificate-v2)");
		goto done;
	}
	if (!r->has_time) {
		snprintf(r->reason, sizeof r->reason, "the signature carries no signing time "
		         "(ismspack always writes one)");
		goto done;
	}
	/* A few minutes of clock skew between signer and reader are no fault. */
	time_t now = time(NULL);
	if (r->signed_at > now + 600) {
		snprintf(r->reason, sizeof r->reason, "the signing time lies in the future (the "
		         "signer's clock or SOURCE_DATE_EPOCH was wrong)");
		goto done;
	}
	if (isms_pack_cert_usable(signer, r->signed_at, r->reason, sizeof r->reason) < 0)
		goto done;
	char since[320] = "";
	if (X509_cmp_time(X509_get0_notAfter(signer), &now) < 0)
		snprintf(since, sizeof since, "; the certificate has expired since, on %s",
		         asn1_time_text(X509_get0_notAfter(signer), buf, sizeof buf));
	if (ca) {
		if (chain_to_ca(signer, certs, ca, r->signed_at, r->reason, sizeof r->reason) < 0)
			goto done;
		snprintf(r->reason, sizeof r->reason, "valid, chain trusted (%s)%s", ca, since);
	} else {
		if ((bad = stray_certificate(certs, signer, buf, sizeof buf))) {
			snprintf(r->reason, sizeof r->reason, "altered: it carries a certificate "
			         "outside the signer's chain (%s)", bad);
			goto done;
		}
		snprintf(r->reason, sizeof r->reason, "intact; the signer is not checked against "
		         "a CA (give --ca)%s", since);
	}
	rc = 0;
done:
	ERR_clear_error();
	sk_X509_free(leaf);
	ESS_SIGNING_CERT_V2_free(ess);
	sk_X509_pop_free(certs, X509_free);
	OPENSSL_free(again);
	CMS_ContentInfo_free(cms);
	return rc;
}

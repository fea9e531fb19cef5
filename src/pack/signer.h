/* The signer's key and certificates, and the rules every signature is held to,
 * shared by the pack's signing and verifying files (private to src/pack/). */
#ifndef ISMS_PACK_SIGNER_H
#define ISMS_PACK_SIGNER_H

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "pack.h"

struct isms_signer {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain;
	struct isms_p11 *p11; /* the open PKCS#11 module when key lives on a token */
	char role[65];        /* --sign-as; "" when not given */
	int visible;          /* --sign-visible: draw into the approval box where a PDF has one */
};

/* An object's number and its offset in the file (an incremental update's xref). */
typedef struct isms_xref {
	long num;
	size_t off;
} isms_xref;

/* The title of role (drafter, reviewer, approver) in lang (zh, en, bi); NULL for
 * any other role. */
const char *isms_pack_role_title(const char *role, const char *lang);
/* Append to u the objects of s's visible signature drawn in a w x h box: a Form
 * XObject numbered first (the name, role title and signing time `when`, typeset
 * and scaled into the box), then the fonts it uses, numbered on from first + 1;
 * each object's number and offset in u are added to x (*nx of them; room for
 * 1 + 7 * ISMS_MAX_FONTS).  Returns the number of objects, -1 after reporting. */
long isms_pack_appearance(const isms_signer *s, time_t when, const char *lang, double w,
                          double h, long first, isms_buf *u, isms_xref *x, size_t *nx);

/* Sign the content (a, alen) + (b, blen) with a detached CMS (SHA-256, CAdES
 * signing-certificate-v2, signingTime = when, the role as a claimed attribute of
 * signer-attributes-v2 when there is one).  NULL after reporting nothing; the
 * caller reports. */
CMS_ContentInfo *isms_pack_cms_sign(const isms_signer *s, const void *a, size_t alen,
                                    const void *b, size_t blen, time_t when, unsigned extra);
/* The role in a signature's signer-attributes-v2 (claimed role) into role (>= 65
 * bytes); "" when it has none.  0 ok, -1 when present but malformed. */
int isms_pack_cms_role(CMS_SignerInfo *si, char *role, size_t size);


/* Load the signer named by o->pkcs11_uri (p11.c); as isms_signer_load. */
int isms_signer_load_pkcs11(isms_signer **out, const isms_sign_opts *o, time_t when);
/* Close the module and release its slots; accepts NULL. */
void isms_p11_free(struct isms_p11 *p);
/* Append the PEM certificates of the --sign-chain file at path to *chain; a file
 * without any, or with a damaged one, is an error.  0 ok, -1 after reporting. */
int isms_signer_read_chain(const char *path, STACK_OF(X509) **chain);

/* Whether cert may sign documents at time when: valid then (not expired, not yet
 * valid), not a CA certificate, a key usage (when present) allowing digitalSignature
 * or nonRepudiation, and an extended key usage (when present) naming documentSigning
 * (1.3.6.1.5.5.7.3.36), emailProtection, Adobe's document signing or any.  The one
 * rule for signing (build, sign-pdf) and for verify.  0 yes; -1 no, with the reason
 * in words in why. */
int isms_pack_cert_usable(X509 *cert, time_t when, char *why, size_t size);

/* "2026-11-26 01:03:45 UTC" into buf (>= 32 bytes); returns buf. */
char *isms_pack_time_text(time_t t, char *buf, size_t size);

/* What a detached CMS signature says, and whether it holds. */
typedef struct isms_sig_check {
	char signer[768];     /* subject, issuer and serial in words; "" when unknown */
	char subject[256];
	char role[65];        /* the role signed in signer-attributes-v2; "" when none */
	time_t signed_at;     /* the signingTime attribute */
	int has_time;
	int sig_intact;       /* the signature over the signed attributes holds */
	int content_intact;   /* the signed digest equals the content's */
	char reason[1024];    /* on failure: why, in words; on success: a summary */
} isms_sig_check;

/* Check a detached DER CMS signature (der, exactly len bytes) over the content made
 * of the pieces a (alen) and b (blen; may be empty): the encoding is exactly the DER
 * that ismspack writes (no unsigned attributes, no added certificates, versions and
 * algorithm parameters as written: a changed byte anywhere is refused), the
 * signature and the content digest hold, the certificate was usable for signing at
 * the signing time (isms_pack_cert_usable), and, with ca (a PEM file or a folder of
 * them), the signer chains to it at the signing time.  0 when everything holds,
 * -1 otherwise; r says which parts hold and why not. */
int isms_pack_check_cms(isms_sig_check *r, const unsigned char *der, size_t len,
                        const void *a, size_t alen, const void *b, size_t blen,
                        const char *ca);

/* Check the embedded signature of the PDF at path (the last one): it covers the
 * whole file, its /Contents is the DER signature and zero padding as written, and
 * isms_pack_check_cms holds over the byte range.  *present says whether the PDF
 * carries a signature at all.  0 ok, -1 with the reason in r. */
int isms_pack_pdf_check(const char *path, const char *ca, isms_sig_check *r, int *present);

/* One embedded signature of a PDF, as isms_pack_pdf_sigs found it. */
typedef struct isms_pdf_sig {
	isms_sig_check r;
	int ok;            /* holds, and nothing but further signatures follows it */
	size_t covered;    /* the end of the revision it signs (0: unreadable) */
	char role[65];     /* its /Reason (the --sign-as role), "" when none */
	char after[160];   /* what later revisions added, in words */
	enum { ISMS_TAIL_NONE, ISMS_TAIL_SIGS, ISMS_TAIL_CONTENT, ISMS_TAIL_BYTES } tail;
	                   /* the same as a value: nothing, further signatures only, content,
	                    * bytes after the last signature */
	int visible;       /* its widget draws it in the approval box */
	char cell[16];     /* which cell: drafter, reviewer, approver */
} isms_pdf_sig;

/* Every embedded signature of the PDF at path, in file order, into *out (free with
 * free()), *n of them: each checked as isms_pack_check_cms over its byte range,
 * which must end a revision; each later revision must add only a further signature
 * (a signature field, its widget and the catalog and page changed only by them),
 * and the last signature must cover the whole file.  Returns the number of
 * signatures that do not hold, or -1 when the file cannot be read (err says why;
 * also set to "no embedded signature" when *n is 0). */
int isms_pack_pdf_sigs(const char *path, const char *ca, isms_pdf_sig **out, size_t *n,
                       char *err, size_t esize);
/* The line verify prints for signature i of n. */
void isms_pack_pdf_sig_text(const isms_pdf_sig *s, size_t i, size_t n, char *buf, size_t size);

#endif

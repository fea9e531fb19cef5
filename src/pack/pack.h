/* The pack (last stage of the flow): manifest of digests, detached CMS signature,
 * offline verification.  OpenSSL types stay in src/pack/. */
#ifndef ISMS_PACK_H
#define ISMS_PACK_H

#include <stddef.h>
#include <time.h>

#include "base/buf.h"
#include "model/model.h"

/* SHA-256 of data as 64 lowercase hex digits into hex (>= 65 bytes). */
void isms_sha256_hex(const void *data, size_t len, char *hex);
/* SHA-256 of a file; 0 ok, -1 (errno set). */
int isms_sha256_file(const char *path, char *hex, size_t *size);
/* The same, reading the file only when this process has not digested it as it is
 * now (same inode, size and times): a pack's outputs are digested once for the
 * index, manifest.json and MANIFEST.sha256.  verify reads every file itself. */
int isms_sha256_file_once(const char *path, char *hex, size_t *size);

/* Write manifest.json (organisation, period, language, generator, the build signer's
 * role when given (NULL: none), digests of the input files,
 * every file with size and SHA-256) and MANIFEST.sha256 (sha256sum -c format, every
 * file including manifest.json) into dir.  0 ok, -1 after reporting. */
int isms_pack_manifest(const char *dir, const isms_org *org, const char *period,
                       const char *lang, const char *role);
/* The manifest's "inputs" array (every input file by name relative to the main
 * file's folder, with its SHA-256) appended to out.  0 ok, -1 after reporting. */
int isms_pack_inputs_json(const isms_org *org, isms_buf *out);

typedef struct isms_signer isms_signer;

typedef struct isms_sign_opts {
	const char *key;       /* PEM private key, or a PKCS#12 file (with cert NULL) */
	const char *cert;      /* PEM certificate */
	const char *chain;     /* PEM intermediate certificates, optional */
	const char *pass_file; /* passphrase for the key or PKCS#12 file, optional */
	const char *pass_env;  /* name of an environment variable holding it, optional */
	const char *pkcs11_uri;    /* a pkcs11: URI (RFC 7512) naming token and key, instead of key */
	const char *pkcs11_module; /* the PKCS#11 module; NULL: the URI's module-path or p11-kit */
	const char *role;      /* --sign-as: drafter, reviewer, approver or the organisation's own id */
	int visible;           /* --sign-visible: the signature drawn in the approval box */
} isms_sign_opts;

/* Load the signing key and certificates (from files, or with pkcs11_uri from a token,
 * where the key stays: its operations run on the token, and the certificate and chain
 * are read from it unless given) and check that the certificate may sign
 * documents at `when` (isms_pack_cert_usable).  A key or passphrase file readable by
 * group or others, and a chain file without certificates, are refused.  Call it
 * before any work, so that a refusal leaves everything as it was.  0 ok, -1 after
 * reporting. */
int isms_signer_load(isms_signer **out, const isms_sign_opts *o, time_t when);
void isms_signer_free(isms_signer *s);
/* Sign dir/MANIFEST.sha256 with a detached DER CMS signature (SHA-256) into
 * dir/MANIFEST.sha256.p7s; signing_time is stamped into the signature so the same
 * input and key give the same bytes (RSA keys).  0 ok, -1 after reporting. */
int isms_pack_sign_manifest(const isms_signer *s, const char *dir, time_t signing_time);

/* Add one more detached signature over an existing pack's MANIFEST.sha256 as
 * MANIFEST.sha256.N.p7s (the first free N from 2), under the pack's lock, after
 * checking that the pack is complete and unaltered.  Nothing already in the pack
 * changes.  *name receives the file's name (>= 32 bytes).  0 ok, or an exit status
 * after reporting. */
int isms_pack_cosign(const isms_signer *s, const char *dir, time_t when, char *name);
/* 1 when name is a manifest signature's file: MANIFEST.sha256.p7s (the first) or
 * MANIFEST.sha256.N.p7s (N from 2 to 99, further signers), else 0. */
int isms_pack_signature_name(const char *name);
/* How many later signers (MANIFEST.sha256.N.p7s, N >= 2) the pack at pack_dir
 * carries: 0 when none (or no pack). */
int isms_pack_later_signers(const char *pack_dir);
/* The role given with --sign-as, or NULL. */
const char *isms_signer_role(const isms_signer *s);

/* Sign the PDF at path in place with an embedded PAdES-B-B signature (incremental
 * update; /M and the CMS signing time are `when`).  0 ok, -1 after reporting. */
int isms_pack_sign_pdf(const isms_signer *s, const char *path, time_t when);
/* One verification finding: file may be "MANIFEST.sha256.p7s" etc. */
typedef void (*isms_verify_report)(void *ctx, const char *file, int ok, const char *reason);
/* Check the PDF's embedded signatures: the last covers the whole file, /Contents
 * exactly as written (zero padding included), the digests match, the certificates
 * could sign then, and (with ca, a PEM file or a folder of them) the signers chain
 * to ca.  Reports every signature of the PDF (in signing order), one report each: the signer
 * (subject, issuer, serial), role, signing time, status, and what later revisions
 * added after it (further signatures only, or content).  0 when all hold, -1 not
 * (also when the PDF carries no signature). */
int isms_pack_verify_pdf(const char *path, const char *ca, isms_verify_report report, void *ctx);
/* Recompute every digest, check for missing and extra files (blaming MANIFEST.sha256
 * when it is the file that changed), the manifest's signature (without ca: integrity
 * and signer only; with ca: also the chain) and every PDF's embedded signature.
 * verdict receives the one-line outcome: "complete and unaltered, signed by ...",
 * "complete and unaltered (not signed)", "unsigned: ..." or "FAILED (...)".
 * Returns the number of failures (0 = everything holds). */
int isms_pack_verify(const char *dir, const char *ca, isms_verify_report report, void *ctx,
                     char *verdict, size_t vsize);

/* ---- signing and verifying rules shared by build, sign-pdf and verify ---- */

/* The build's time: SOURCE_DATE_EPOCH when set (it must be a number of seconds up to
 * the end of the year 9999), else the real time.  0 ok, -1 after reporting. */
int isms_pack_clock(time_t *out);

/* 1 when the pack folder holds a signed pack (its MANIFEST.sha256.p7s exists), 0 when
 * not (or there is no pack), -1 when it cannot be told (errno set).  A rebuild
 * without --sign-* refuses a signed pack unless the user says --unsigned. */
int isms_pack_was_signed(const char *pack_dir);

#endif

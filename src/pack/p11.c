/* Signing with a key on a smart card or HSM (pack layer): an RFC 7512 pkcs11: URI
 * names token and key, libp11 opens the module and gives an EVP_PKEY whose private
 * operations run on the token; the result fills the same isms_signer as a key file. */
#define _GNU_SOURCE
#include "signer.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libp11.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "base/fs.h"

#ifndef ISMS_P11_PROXY
#define ISMS_P11_PROXY "p11-kit-proxy.so"
#endif

/* PKCS#11 return values libp11 puts in its error reasons (pkcs11.h values). */
#define RV_PIN_INCORRECT 0xa0
#define RV_PIN_LOCKED 0xa4
#define RV_PIN_EXPIRED 0xa3

struct isms_p11 {
	PKCS11_CTX *ctx;
	PKCS11_SLOT *slots;
	unsigned nslots;
};

/* The attributes of a pkcs11: URI this program uses, percent-decoded. */
struct uri {
	char *token, *manufacturer, *serial, *model, *object, *type;
	unsigned char id[128];
	size_t id_len;
	int has_id;
	char *pin_value, *pin_source, *module_path;
};

static void
uri_free(struct uri *u)
{
	free(u->token);
	free(u->manufacturer);
	free(u->serial);
	free(u->model);
	free(u->object);
	free(u->type);
	if (u->pin_value)
		OPENSSL_cleanse(u->pin_value, strlen(u->pin_value));
	free(u->pin_value);
	free(u->pin_source);
	free(u->module_path);
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent-decode s[0..n) into a new string; *len gets its length (it may hold NULs,
 * as an id does).  NULL on a malformed escape. */
static char *
pct_decode(const char *s, size_t n, size_t *len)
{
	char *o = isms_xmalloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			o[k++] = s[i];
			continue;
		}
		int hi = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
		int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
		if (hi < 0 || lo < 0) {
			free(o);
			return NULL;
		}
		o[k++] = (char)(hi << 4 | lo);
		i += 2;
	}
	o[k] = '\0';
	*len = k;
	return o;
}

/* Parse "pkcs11:path-attrs?query-attrs" (RFC 7512).  Unknown attributes are ignored,
 * as the RFC allows; the ones that name a token or key are matched.  0 ok, -1 with
 * the reason reported. */
static int
uri_parse(struct uri *u, const char *text)
{
	memset(u, 0, sizeof *u);
	if (strncmp(text, "pkcs11:", 7)) {
		isms_diag(ISMS_ERROR, NULL, "--sign-pkcs11 takes a pkcs11: URI (RFC 7512), "
		          "such as \"pkcs11:token=My%%20card;object=signer\", not \"%.*s\"",
		          (int)strcspn(text, "?"), text);
		return -1;
	}
	const char *p = text + 7;
	int in_query = 0;
	while (*p) {
		size_t n = strcspn(p, in_query ? "&" : ";?");
		const char *eq = memchr(p, '=', n);
		if (n && !eq) {
			isms_diag(ISMS_ERROR, NULL, "--sign-pkcs11: \"%.*s\" in the URI is not "
			          "name=value", (int)n, p);
			return -1;
		}
		if (n) {
			size_t kl = (size_t)(eq - p), vl;
			char *v = pct_decode(eq + 1, n - kl - 1, &vl);
			if (!v) {
				isms_diag(ISMS_ERROR, NULL, "--sign-pkcs11: a malformed %%-escape in "
				          "\"%.*s\"", (int)n, p);
				return -1;
			}
			char **slot = NULL;
#define KEY(name) (kl == strlen(name) && !memcmp(p, name, kl))
			if (!in_query) {
				if (KEY("token")) slot = &u->token;
				else if (KEY("manufacturer")) slot = &u->manufacturer;
				else if (KEY("serial")) slot = &u->serial;
				else if (KEY("model")) slot = &u->model;
				else if (KEY("object")) slot = &u->object;
				else if (KEY("type")) slot = &u->type;
				else if (KEY("id")) {
					if (vl > sizeof u->id) {
						free(v);
						isms_diag(ISMS_ERROR, NULL, "--sign-pkcs11: id is too long");
						return -1;
					}
					memcpy(u->id, v, vl);
					u->id_len = vl;
					u->has_id = 1;
				}
			} else {
				if (KEY("pin-value")) slot = &u->pin_value;
				else if (KEY("pin-source")) slot = &u->pin_source;
				else if (KEY("module-path")) slot = &u->module_path;
			}
#undef KEY
			if (slot) {
				free(*slot);
				*slot = v;
			} else {
				OPENSSL_cleanse(v, vl);
				free(v);
			}
		}
		p += n;
		if (*p == '?')
			in_query = 1;
		if (*p)
			p++;
	}
	if (u->type && strcmp(u->type, "private")) {
		isms_diag(ISMS_ERROR, NULL, "--sign-pkcs11: the URI names a %s object; name the "
		          "private key (type=private, or no type)", u->type);
		return -1;
	}
	if (!u->object && !u->has_id) {
		isms_diag(ISMS_ERROR, NULL, "--sign-pkcs11: the URI names no key; add object=LABEL "
		          "or id=%%NN (pkcs11-tool --list-objects shows them)");
		return -1;
	}
	return 0;
}

/* Read a PIN from the terminal with echo off; NULL when there is none. */
static char *
prompt_pin(const char *token)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct termios old, quiet;
	int restore = tcgetattr(fd, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	char msg[300];
	int ml = snprintf(msg, sizeof msg, "PIN for the token \"%s\": ", token);
	if (write(fd, msg, (size_t)ml) < 0) {
		/* nothing to do: the read below still works */
	}
	char buf[256];
	size_t n = 0;
	char c;
	while (n + 1 < sizeof buf && read(fd, &c, 1) == 1 && c != '\n' && c != '\r')
		buf[n++] = c;
	buf[n] = '\0';
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* as above */
	}
	close(fd);
	char *pin = isms_xstrdup(buf);
	OPENSSL_cleanse(buf, sizeof buf);
	return pin;
}

/* A PIN from a file: refused when others may read it; the first line. */
static char *
pin_from_file(const char *path, const char *what)
{
	isms_loc loc = {path, 0, 0};
	struct stat st;
	if (stat(path, &st) < 0) {
		isms_diag(ISMS_ERROR, &loc, "cannot read the %s: %s", what, strerror(errno));
		return NULL;
	}
	if (st.st_mode & 077) {
		isms_diag(ISMS_ERROR, &loc, "the %s is readable by group or others (mode %04o); "
		          "refusing to use it: run chmod 600 on it", what,
		          (unsigned)(st.st_mode & 07777));
		return NULL;
	}
	size_t len;
	char *p = isms_fs_read_file(path, &len, 4096);
	if (!p) {
		isms_diag(ISMS_ERROR, &loc, "cannot read the %s: %s", what, strerror(errno));
		return NULL;
	}
	p[strcspn(p, "\r\n")] = '\0';
	return p;
}

/* The PIN, in this order: the URI's pin-value, its pin-source (a file), --sign-pass-file,
 * --sign-pass-env, a prompt on the terminal.  NULL after reporting. */
static char *
find_pin(const struct uri *u, const isms_sign_opts *o, const char *token)
{
	if (u->pin_value)
		return isms_xstrdup(u->pin_value);
	if (u->pin_source) {
		const char *path = u->pin_source;
		if (!strncmp(path, "file:", 5)) {
			path += 5;
			if (!strncmp(path, "//", 2))
				path = strchr(path + 2, '/');
		}
		if (!path || *path != '/') {
			isms_diag(ISMS_ERROR, NULL, "--sign-pkcs11: pin-source must name a file by "
			          "its absolute path (file:/path/to/pin), not \"%s\"", u->pin_source);
			return NULL;
		}
		return pin_from_file(path, "PIN file (pin-source)");
	}
	if (o->pass_file)
		return pin_from_file(o->pass_file, "PIN file");
	if (o->pass_env) {
		const char *v = getenv(o->pass_env);
		if (!v) {
			isms_diag(ISMS_ERROR, NULL, "environment variable %s (the token's PIN) is "
			          "not set", o->pass_env);
			return NULL;
		}
		return isms_xstrdup(v);
	}
	char *pin = isatty(STDIN_FILENO) ? prompt_pin(token) : NULL;
	if (!pin)
		isms_diag(ISMS_ERROR, NULL, "the token \"%s\" needs a PIN and there is no terminal "
		          "to ask for it: give it with pin-source=file:/path in the URI, "
		          "--sign-pass-file FILE or --sign-pass-env VAR", token);
	return pin;
}

/* Load the module first ourselves: libp11 does not say why a module fails to load. */
static int
module_loadable(const char *path)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		isms_diag(ISMS_ERROR, NULL, "cannot load the PKCS#11 module %s: %s", path,
		          e ? e : "unknown reason");
		return -1;
	}
	int ok = dlsym(h, "C_GetFunctionList") != NULL;
	dlclose(h);
	if (!ok) {
		isms_diag(ISMS_ERROR, NULL, "%s is not a PKCS#11 module (no C_GetFunctionList)", path);
		return -1;
	}
	return 0;
}

static int
match(const char *want, const char *have)
{
	return !want || (have && !strcmp(want, have));
}

static int
key_matches(const PKCS11_KEY *k, const struct uri *u)
{
	return match(u->object, k->label) &&
	       (!u->has_id || (k->id_len == u->id_len && !memcmp(k->id, u->id, u->id_len)));
}

/* "label" (id 0a1b) for messages. */
static void
object_name(char *buf, size_t size, const char *label, const unsigned char *id, size_t id_len)
{
	int n = snprintf(buf, size, "\"%s\" (id ", label ? label : "");
	for (size_t i = 0; i < id_len && n + 3 < (int)size; i++)
		n += snprintf(buf + n, size - (size_t)n, "%02x", id[i]);
	if (n + 2 < (int)size)
		snprintf(buf + n, size - (size_t)n, ")");
}

/* Certificates on the token that complete the chain above cert (issuer by issuer,
 * stopping at a self-signed root, which the verifier brings itself). */
static void
chain_from_token(STACK_OF(X509) **chain, X509 *cert, PKCS11_CERT *certs, unsigned n)
{
	X509 *at = cert;
	for (int depth = 0; depth < 8; depth++) {
		X509 *up = NULL;
		for (unsigned i = 0; i < n && !up; i++)
			if (certs[i].x509 && X509_check_issued(certs[i].x509, at) == X509_V_OK &&
			    X509_cmp(certs[i].x509, at))
				up = certs[i].x509;
		if (!up || X509_check_issued(up, up) == X509_V_OK)
			return;
		if (!*chain)
			*chain = sk_X509_new_null();
		X509_up_ref(up);
		sk_X509_push(*chain, up);
		at = up;
	}
}

void
isms_p11_free(struct isms_p11 *p)
{
	if (!p)
		return;
	if (p->slots)
		PKCS11_release_all_slots(p->ctx, p->slots, p->nslots);
	if (p->ctx) {
		PKCS11_CTX_unload(p->ctx);
		PKCS11_CTX_free(p->ctx);
	}
	free(p);
}

int
isms_signer_load_pkcs11(isms_signer **out, const isms_sign_opts *o, time_t when)
{
	*out = NULL;
	struct uri u;
	if (uri_parse(&u, o->pkcs11_uri) < 0) {
		uri_free(&u);
		return -1;
	}
	isms_signer *s = isms_xcalloc(1, sizeof *s);
	struct isms_p11 *p = s->p11 = isms_xcalloc(1, sizeof *p);
	char *pin = NULL;
	int rc = -1;
	const char *module = o->pkcs11_module ? o->pkcs11_module :
	                     u.module_path ? u.module_path : ISMS_P11_PROXY;
	char what[300];
	/* Messages name the URI without its query: it may hold the PIN. */
	char shown[512];
	snprintf(shown, sizeof shown, "%.*s", (int)strcspn(o->pkcs11_uri, "?"), o->pkcs11_uri);
	if (module_loadable(module) < 0)
		goto done;
	p->ctx = PKCS11_CTX_new();
	if (!p->ctx || PKCS11_CTX_load(p->ctx, module) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot initialise the PKCS#11 module %s", module);
		goto done;
	}
	if (PKCS11_enumerate_slots(p->ctx, &p->slots, &p->nslots) < 0) {
		isms_diag(ISMS_ERROR, NULL, "the PKCS#11 module %s cannot list its slots", module);
		goto done;
	}
	PKCS11_SLOT *slot = NULL;
	char present[512] = "";
	size_t pl = 0;
	for (unsigned i = 0; i < p->nslots; i++) {
		PKCS11_TOKEN *t = p->slots[i].token;
		if (!t || !t->initialized)
			continue;
		if (!slot && match(u.token, t->label) && match(u.manufacturer, t->manufacturer) &&
		    match(u.serial, t->serialnr) && match(u.model, t->model))
			slot = &p->slots[i];
		if (pl + 8 < sizeof present)
			pl += (size_t)snprintf(present + pl, sizeof present - pl, "%s\"%s\"",
			                       pl ? ", " : "", t->label);
	}
	if (!slot) {
		isms_diag(ISMS_ERROR, NULL, "no token matching %s in the PKCS#11 module %s "
		          "(tokens present: %s)", shown,
		          module, pl ? present : "none; is the card inserted?");
		goto done;
	}
	PKCS11_TOKEN *tok = slot->token;
	if (tok->userPinLocked) {
		isms_diag(ISMS_ERROR, NULL, "the token \"%s\" is locked: its user PIN was entered "
		          "wrongly too many times; unblock it with the SO PIN (the card's PUK) "
		          "before signing", tok->label);
		goto done;
	}
	if (tok->loginRequired) {
		if (!(pin = find_pin(&u, o, tok->label)))
			goto done;
		if (PKCS11_login(slot, 0, pin) < 0) {
			unsigned long e = ERR_peek_last_error();
			int r = ERR_GET_REASON(e);
			ERR_clear_error();
			if (r == RV_PIN_LOCKED)
				isms_diag(ISMS_ERROR, NULL, "the token \"%s\" is locked: its user PIN "
				          "was entered wrongly too many times; unblock it with the SO "
				          "PIN (the card's PUK) before signing", tok->label);
			else if (r == RV_PIN_INCORRECT)
				isms_diag(ISMS_ERROR, NULL, "wrong PIN for the token \"%s\"%s; nothing "
				          "was signed", tok->label, tok->userPinFinalTry ?
				          " (one try left before the card locks)" : "");
			else if (r == RV_PIN_EXPIRED)
				isms_diag(ISMS_ERROR, NULL, "the PIN of the token \"%s\" has expired: "
				          "change it first", tok->label);
			else
				isms_diag(ISMS_ERROR, NULL, "cannot log in to the token \"%s\" "
				          "(PKCS#11 error 0x%x)", tok->label, (unsigned)r);
			goto done;
		}
	}
	PKCS11_KEY *keys = NULL, *key = NULL;
	unsigned nkeys = 0, nmatch = 0;
	if (PKCS11_enumerate_keys(tok, &keys, &nkeys) < 0)
		nkeys = 0;
	char have[512] = "";
	size_t hl = 0;
	for (unsigned i = 0; i < nkeys; i++) {
		if (key_matches(&keys[i], &u)) {
			key = key ? key : &keys[i];
			nmatch++;
		}
		object_name(what, sizeof what, keys[i].label, keys[i].id, keys[i].id_len);
		if (hl + strlen(what) + 3 < sizeof have)
			hl += (size_t)snprintf(have + hl, sizeof have - hl, "%s%s", hl ? ", " : "", what);
	}
	if (!key) {
		isms_diag(ISMS_ERROR, NULL, "no private key matching %s on the token \"%s\" "
		          "(private keys there: %s)", shown, tok->label, hl ? have : "none");
		goto done;
	}
	if (nmatch > 1) {
		isms_diag(ISMS_ERROR, NULL, "%u private keys on the token \"%s\" match %s (%s): "
		          "name one with object= and id=", nmatch, tok->label, shown, have);
		goto done;
	}
	object_name(what, sizeof what, key->label, key->id, key->id_len);
	if (!(s->key = PKCS11_get_private_key(key))) {
		isms_diag(ISMS_ERROR, NULL, "the token \"%s\" cannot use the key %s", tok->label, what);
		goto done;
	}
	PKCS11_CERT *certs = NULL;
	unsigned ncerts = 0;
	if (PKCS11_enumerate_certs(tok, &certs, &ncerts) < 0)
		ncerts = 0;
	if (o->cert) {
		FILE *f = fopen(o->cert, "r");
		if (!f || !(s->cert = PEM_read_X509(f, NULL, NULL, NULL))) {
			isms_loc loc = {o->cert, 0, 0};
			isms_diag(ISMS_ERROR, &loc, "cannot read the certificate: %s",
			          f ? "not a PEM certificate" : strerror(errno));
			if (f)
				fclose(f);
			ERR_clear_error();
			goto done;
		}
		fclose(f);
	} else {
		/* The key's certificate carries the key's id (and usually its label). */
		for (unsigned i = 0; i < ncerts && !s->cert; i++)
			if (certs[i].x509 && certs[i].id_len == key->id_len &&
			    !memcmp(certs[i].id, key->id, key->id_len) && X509_check_private_key(
			    certs[i].x509, s->key) == 1)
				s->cert = X509_dup(certs[i].x509);
		ERR_clear_error();
		if (!s->cert) {
			isms_diag(ISMS_ERROR, NULL, "no certificate for the key %s on the token "
			          "\"%s\": give it with --sign-cert FILE", what, tok->label);
			goto done;
		}
	}
	if (X509_check_private_key(s->cert, s->key) != 1) {
		ERR_clear_error();
		isms_diag(ISMS_ERROR, NULL, "the certificate does not belong to the key %s on the "
		          "token \"%s\"", what, tok->label);
		goto done;
	}
	if (o->chain) {
		if (isms_signer_read_chain(o->chain, &s->chain) < 0)
			goto done;
	} else {
		chain_from_token(&s->chain, s->cert, certs, ncerts);
	}
	char why[512];
	if (isms_pack_cert_usable(s->cert, when, why, sizeof why) < 0) {
		char at[32];
		isms_diag(ISMS_ERROR, NULL, "refusing to sign at %s with the certificate of the key "
		          "%s on the token \"%s\": %s", isms_pack_time_text(when, at, sizeof at),
		          what, tok->label, why);
		goto done;
	}
	rc = 0;
done:
	if (pin) {
		OPENSSL_cleanse(pin, strlen(pin));
		free(pin);
	}
	uri_free(&u);
	ERR_clear_error();
	if (rc)
		isms_signer_free(s);
	else
		*out = s;
	return rc;
}

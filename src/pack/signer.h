/* The signer's key and certificates, shared by the pack's signing files (private). */
#ifndef ISMS_PACK_SIGNER_H
#define ISMS_PACK_SIGNER_H

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "pack.h"

struct isms_signer {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain;
};

#endif

/* dc_sign.c — see dc_sign.h. OpenSSL 3's EVP interface only: the deprecated
 * declarations are hidden, so that a deprecated call does not compile. */
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED
#include "dc_sign.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

/* A PEM RSA key of 16384 bits is about 12 KiB: anything past this is no key. */
enum { KEY_FILE_MAX = 64 * 1024 };

struct dc_key {
	EVP_PKEY *pkey;
};

/* Reads all of FD (at most KEY_FILE_MAX bytes) into *BUF, *LEN. */
static enum dc_key_status
read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *p = OPENSSL_malloc(cap); /* freed and wiped by OPENSSL_clear_free */
	if (!p)
		return DC_KEY_NO_MEMORY;
	for (;;) {
		if (n == cap) {
			if (cap >= KEY_FILE_MAX) {
				OPENSSL_clear_free(p, cap);
				return DC_KEY_NOT_RSA;
			}
			char *grown = OPENSSL_clear_realloc(p, cap, cap * 2);
			if (!grown) {
				OPENSSL_clear_free(p, cap);
				return DC_KEY_NO_MEMORY;
			}
			p = grown, cap *= 2;
		}
		ssize_t got = read(fd, p + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			OPENSSL_clear_free(p, cap);
			return DC_KEY_UNREADABLE;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	*buf = p, *len = n;
	return DC_KEY_OK;
}

/* The pass-phrase callback: an encrypted key is refused rather than a
 * pass phrase asked for on the terminal. */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf, (void)size, (void)rwflag, (void)u;
	return -1;
}

/* The PEM private key in the LEN bytes at TEXT, when it is RSA. */
static enum dc_key_status
parse_key(const char *text, size_t len, EVP_PKEY **out)
{
	if (len > KEY_FILE_MAX)
		return DC_KEY_NOT_RSA;
	BIO *bio = BIO_new_mem_buf(text, (int)len);
	if (!bio)
		return DC_KEY_NO_MEMORY;
	EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	/* RSA only: an RSA-PSS key may not sign with PKCS#1 v1.5 padding. */
	if (!pkey || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA) {
		EVP_PKEY_free(pkey);
		return DC_KEY_NOT_RSA;
	}
	*out = pkey;
	return DC_KEY_OK;
}

enum dc_key_status
dc_key_load(const char *path, struct dc_key **out)
{
	enum dc_key_status status;
	char *text = NULL;
	size_t len = 0;
	struct stat st;
	EVP_PKEY *pkey = NULL;

	*out = NULL;
	/* A symbolic link is followed (administrators keep keys behind links,
	 * e.g. on a secrets mount): the mode checked is the opened file's own.
	 * O_NONBLOCK: a FIFO put there does not hang the open. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? DC_KEY_MISSING : DC_KEY_UNREADABLE;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		status = DC_KEY_UNREADABLE;
		goto out;
	}
	/* As ssh does for its keys: a key others may read is no secret, and
	 * one others may write is not ours; refused before a byte is read. */
	if (st.st_mode & 077) {
		status = DC_KEY_OPEN_TO_OTHERS;
		goto out;
	}
	status = read_all(fd, &text, &len);
	if (status == DC_KEY_OK)
		status = parse_key(text, len, &pkey);
	if (status == DC_KEY_OK && !(*out = malloc(sizeof(**out)))) {
		EVP_PKEY_free(pkey);
		status = DC_KEY_NO_MEMORY;
	}
	if (status == DC_KEY_OK)
		(*out)->pkey = pkey;
out:
	if (text)
		OPENSSL_clear_free(text, len);
	close(fd);
	return status;
}

void
dc_key_free(struct dc_key *key)
{
	if (!key)
		return;
	EVP_PKEY_free(key->pkey);
	free(key);
}

/* The RS256 signature over DATA into a new buffer *SIG, *SIGLEN. */
static bool
sign_raw(EVP_PKEY *pkey, const char *data, size_t len, unsigned char **sig, size_t *siglen)
{
	EVP_PKEY_CTX *pctx = NULL;
	bool ok = false;
	*sig = NULL;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), NULL, pkey) != 1 ||
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
	    EVP_DigestSign(ctx, NULL, siglen, (const unsigned char *)data, len) != 1)
		goto out;
	if (!(*sig = malloc(*siglen)))
		goto out;
	ok = EVP_DigestSign(ctx, *sig, siglen, (const unsigned char *)data, len) == 1;
out:
	EVP_MD_CTX_free(ctx);
	if (!ok) {
		free(*sig);
		*sig = NULL;
	}
	return ok;
}

char *
dc_sign(const struct dc_key *key, const char *data, size_t len)
{
	unsigned char *sig;
	size_t siglen;
	if (!key || !data || !sign_raw(key->pkey, data, len, &sig, &siglen))
		return NULL;
	/* RFC 4648 4: 4 characters for every 3 bytes begun, and the NUL. */
	char *b64 = siglen <= 4096 ? malloc(4 * ((siglen + 2) / 3) + 1) : NULL;
	if (b64)
		EVP_EncodeBlock((unsigned char *)b64, sig, (int)siglen);
	free(sig);
	return b64;
}

const char *
dc_key_status_name(enum dc_key_status status)
{
	switch (status) {
	case DC_KEY_OK: return "ok";
	case DC_KEY_MISSING: return "missing";
	case DC_KEY_UNREADABLE: return "unreadable";
	case DC_KEY_OPEN_TO_OTHERS: return "open-to-others";
	case DC_KEY_NOT_RSA: return "not-rsa";
	case DC_KEY_NO_MEMORY: return "no-memory";
	}
	return "?";
}

/* test-dc_sign.c — the signing key's checks (missing, open to others, not
 * RSA, …) and the RS256 signature of Domain Connect's apply link.
 *
 * The keys in tests/dns/data/ were made once with openssl genrsa / genpkey
 * for these tests only; DC_TEST_DATA names that folder. A fresh clone gives
 * them mode 0644, so each case copies its key to a temporary file of the
 * mode it needs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dc_sign.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* RS256 over "domain=example.de&host=mail" with dc-test-key.pem, made by
 *   printf 'domain=example.de&host=mail' |
 *     openssl dgst -sha256 -sign dc-test-key.pem | base64 -w0 */
static const char known_sig[] =
	"YdvH/KJ675Yn26u5z+y4O45YuF3Tz/XnjIN7S75gaFmSMAczjp9daCUX2i1DKIcjPdzDZgqEfrcLDnN3nWl9Y9Z+"
	"kQ/UYRD0ZyDHYJz59vuCNpYcNGreWnG7app5uphO2T/HwBEJURVbLsTBcYozO89u7vAE+DYInxy2L6EUQt0RFPB8"
	"Ul94Uf0b9HUQhd4EKMwUUZE9dxBHI9p48gSBFXYLRCGboTz0Sa21xS51RETj59/TtOgfBCLcZyMfbXIG6rD7sSos"
	"IXojw2WHr0TcWYvpFGnUkc6Y7cERnIBUsBw8KImIEAXzCxqcFplJ+xExp98fUEI04yZ2xRGZED1CYg==";

static char tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/test-dc_sign-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The path of NAME in the temporary folder (a static buffer). */
static const char *
tmp_path(const char *name)
{
	static char path[256];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

/* Writes LEN bytes of DATA to NAME in the temporary folder with MODE. */
static const char *
write_file(const char *name, const void *data, size_t len, mode_t mode)
{
	const char *path = tmp_path(name);
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

/* The test key DATA_NAME copied to NAME in the temporary folder with MODE. */
static const char *
copy_key(const char *data_name, const char *name, mode_t mode)
{
	const char *dir = getenv("DC_TEST_DATA");
	char src[512], buf[16384];
	assert_non_null(dir);
	snprintf(src, sizeof(src), "%s/%s", dir, data_name);
	FILE *f = fopen(src, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_true(n > 0 && n < sizeof(buf));
	return write_file(name, buf, n, mode);
}

static enum dc_key_status
load_status(const char *path)
{
	struct dc_key *key = (struct dc_key *)&key; /* must be reset */
	enum dc_key_status status = dc_key_load(path, &key);
	if (status != DC_KEY_OK)
		assert_null(key);
	else
		assert_non_null(key);
	dc_key_free(key);
	return status;
}

static const struct {
	const char *data; /* a file in tests/dns/data */
	mode_t mode;
	enum dc_key_status status;
} modes[] = {
	{"dc-test-key.pem", 0600, DC_KEY_OK},
	{"dc-test-key.pem", 0400, DC_KEY_OK},
	{"dc-test-key.pem", 0700, DC_KEY_OK},
	{"dc-test-key-pkcs1.pem", 0600, DC_KEY_OK},
	{"dc-test-key.pem", 0640, DC_KEY_OPEN_TO_OTHERS},
	{"dc-test-key.pem", 0604, DC_KEY_OPEN_TO_OTHERS},
	{"dc-test-key.pem", 0660, DC_KEY_OPEN_TO_OTHERS},
	{"dc-test-key.pem", 0644, DC_KEY_OPEN_TO_OTHERS},
	{"dc-test-key.pem", 0620, DC_KEY_OPEN_TO_OTHERS},
	{"dc-test-key.pem", 0602, DC_KEY_OPEN_TO_OTHERS},
	{"dc-test-key.pem", 0610, DC_KEY_OPEN_TO_OTHERS},
	{"dc-test-key.pem", 0601, DC_KEY_OPEN_TO_OTHERS},
	{"dc-test-ec-key.pem", 0600, DC_KEY_NOT_RSA},
	{"dc-test-pub.pem", 0600, DC_KEY_NOT_RSA},
	/* Refused, not a pass phrase asked for on the terminal. */
	{"dc-test-key-encrypted.pem", 0600, DC_KEY_NOT_RSA},
	/* The mode is checked first: a file open to others is refused
	 * whatever it holds. */
	{"dc-test-ec-key.pem", 0644, DC_KEY_OPEN_TO_OTHERS},
};

static void
key_statuses_by_mode_and_kind(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		const char *path = copy_key(modes[i].data, "key.pem", modes[i].mode);
		enum dc_key_status st = load_status(path);
		if (st != modes[i].status)
			fail_msg("case %zu (%s, %04o): %s", i, modes[i].data,
				 (unsigned)modes[i].mode, dc_key_status_name(st));
	}
}

static void
key_statuses_of_other_files(void **state)
{
	(void)state;
	assert_int_equal(load_status(tmp_path("none.pem")), DC_KEY_MISSING);
	assert_int_equal(load_status(tmp_path("none/key.pem")), DC_KEY_MISSING);
	assert_int_equal(load_status("/nonexistent/dc-key.pem"), DC_KEY_MISSING);

	const char *dir = tmp_path("dir.pem");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(load_status(dir), DC_KEY_UNREADABLE);

	/* A FIFO: refused without waiting for a writer. */
	const char *fifo = tmp_path("fifo.pem");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(load_status(fifo), DC_KEY_UNREADABLE);

	static const char garbage[] = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n"
				      "-----END PRIVATE KEY-----\n";
	assert_int_equal(load_status(write_file("garbage.pem", garbage, strlen(garbage), 0600)),
			 DC_KEY_NOT_RSA);
	assert_int_equal(load_status(write_file("empty.pem", "", 0, 0600)), DC_KEY_NOT_RSA);
	static const char bytes[] = "\x00\x01\x02\xff";
	assert_int_equal(load_status(write_file("bin.pem", bytes, 4, 0600)), DC_KEY_NOT_RSA);

	/* A symbolic link is followed; the mode checked is the key's own. */
	char key[256];
	strcpy(key, copy_key("dc-test-key.pem", "real.pem", 0600));
	assert_int_equal(symlink(key, tmp_path("link.pem")), 0);
	assert_int_equal(load_status(tmp_path("link.pem")), DC_KEY_OK);
	assert_int_equal(chmod(key, 0644), 0);
	assert_int_equal(load_status(tmp_path("link.pem")), DC_KEY_OPEN_TO_OTHERS);
}

static void
signature_is_the_known_one(void **state)
{
	(void)state;
	static const char query[] = "domain=example.de&host=mail";
	static const char *forms[] = {"dc-test-key.pem", "dc-test-key-pkcs1.pem"};
	for (size_t i = 0; i < 2; i++) {
		struct dc_key *key;
		assert_int_equal(dc_key_load(copy_key(forms[i], "sign.pem", 0600), &key),
				 DC_KEY_OK);
		char *sig = dc_sign(key, query, strlen(query));
		assert_non_null(sig);
		assert_string_equal(sig, known_sig);
		free(sig);
		/* Only LEN bytes are signed. */
		sig = dc_sign(key, "domain=example.de&host=mailXYZ", strlen(query));
		assert_string_equal(sig, known_sig);
		free(sig);
		/* Another query, another signature. */
		sig = dc_sign(key, "domain=example.de&host=mail2", strlen(query) + 1);
		assert_non_null(sig);
		assert_string_not_equal(sig, known_sig);
		assert_int_equal(strlen(sig), strlen(known_sig));
		free(sig);
		dc_key_free(key);
	}
	assert_null(dc_sign(NULL, query, strlen(query)));
	dc_key_free(NULL);
}

static void
status_names(void **state)
{
	(void)state;
	assert_string_equal(dc_key_status_name(DC_KEY_OK), "ok");
	assert_string_equal(dc_key_status_name(DC_KEY_MISSING), "missing");
	assert_string_equal(dc_key_status_name(DC_KEY_UNREADABLE), "unreadable");
	assert_string_equal(dc_key_status_name(DC_KEY_OPEN_TO_OTHERS), "open-to-others");
	assert_string_equal(dc_key_status_name(DC_KEY_NOT_RSA), "not-rsa");
	assert_string_equal(dc_key_status_name(DC_KEY_NO_MEMORY), "no-memory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_statuses_by_mode_and_kind),
		cmocka_unit_test(key_statuses_of_other_files),
		cmocka_unit_test(signature_is_the_known_one),
		cmocka_unit_test(status_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

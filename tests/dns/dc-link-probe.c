/* dc-link-probe.c — builds a Domain Connect apply link the way the program
 * does (dconnect_apply_query, dc_sign, dconnect_apply_url) and prints it, for
 * tests/dns/dc-link-verify.sh to check with openssl.
 *
 *   dc-link-probe KEY_FILE KEY_HOST URL_SYNC_UX PROVIDER_ID SERVICE_ID ZONE [HOST]
 *
 * Exit status 0 (the link on stdout), 1 when the key or the link fails (the
 * key's status on stderr), 64 on a usage error. */
#include "dc_sign.h"
#include "dconnect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	if (argc != 7 && argc != 8) {
		fprintf(stderr, "usage: dc-link-probe KEY_FILE KEY_HOST URL_SYNC_UX PROVIDER_ID "
				"SERVICE_ID ZONE [HOST]\n");
		return 64;
	}
	struct dc_key *key;
	enum dc_key_status st = dc_key_load(argv[1], &key);
	if (st != DC_KEY_OK) {
		fprintf(stderr, "dc-link-probe: key %s: %s\n", argv[1], dc_key_status_name(st));
		return 1;
	}
	struct dconnect_settings s = {.url_sync_ux = argv[3]};
	char *query = dconnect_apply_query(argv[6], argc == 8 ? argv[7] : NULL);
	char *sig = query ? dc_sign(key, query, strlen(query)) : NULL;
	char *url = sig ? dconnect_apply_url(&s, argv[4], argv[5], query, sig, argv[2]) : NULL;
	if (url)
		printf("%s\n", url);
	else
		fprintf(stderr, "dc-link-probe: no link\n");
	free(url);
	free(sig);
	free(query);
	dc_key_free(key);
	return url ? 0 : 1;
}

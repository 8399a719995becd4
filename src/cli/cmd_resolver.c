/* cmd_resolver.c — the resolvers a command asks: --resolver, else the
 * system's (/etc/resolv.conf). */
#include "commands.h"

#include "dns_resolver.h"
#include "i18n.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>

static const char *
address_message(enum dns_address_status st)
{
	switch (st) {
	case DNS_ADDRESS_OK: return "";
	case DNS_ADDRESS_EMPTY: return _("die Adresse fehlt");
	case DNS_ADDRESS_BAD_IP: return _("keine IPv4- oder IPv6-Adresse");
	case DNS_ADDRESS_BAD_PORT: return _("der Port muss zwischen 1 und 65535 liegen");
	case DNS_ADDRESS_BAD_BRACKETS: return _("IPv6 mit Port schreibt man [IPv6]:PORT");
	}
	return "?";
}

int
cmd_resolver_servers(const struct cli_args *args, struct dns_server **servers, size_t *n)
{
	*servers = NULL;
	*n = 0;
	if (args->nresolvers) {
		*servers = calloc(args->nresolvers, sizeof(**servers));
		if (!*servers) {
			output_error("%s", _("Nicht genug Arbeitsspeicher."));
			return CLI_EXIT_SOFTWARE;
		}
		for (size_t i = 0; i < args->nresolvers; i++) {
			enum dns_address_status st =
				dns_resolver_parse_address(args->resolvers[i], &(*servers)[i]);
			if (st != DNS_ADDRESS_OK) {
				output_error(_("--resolver „%s“: %s."), args->resolvers[i],
					     address_message(st));
				free(*servers);
				*servers = NULL;
				return CLI_EXIT_USAGE;
			}
		}
		*n = args->nresolvers;
		return CLI_EXIT_OK;
	}
	const char *conf = getenv("FLICONO_MAILSETUP_RESOLV_CONF");
	if (!conf || !conf[0])
		conf = "/etc/resolv.conf";
	switch (dns_resolver_read_conf(conf, servers, n)) {
	case DNS_RESOLV_CONF_OK:
		return CLI_EXIT_OK;
	case DNS_RESOLV_CONF_UNREADABLE:
		output_error(_("%s lässt sich nicht lesen. Geben Sie einen Resolver mit "
			       "--resolver IP an."),
			     conf);
		return CLI_EXIT_UNAVAILABLE;
	case DNS_RESOLV_CONF_NO_SERVER:
		output_error(_("In %s steht kein Resolver (nameserver). Geben Sie einen mit "
			       "--resolver IP an."),
			     conf);
		return CLI_EXIT_UNAVAILABLE;
	case DNS_RESOLV_CONF_NOMEM:
		break;
	}
	output_error("%s", _("Nicht genug Arbeitsspeicher."));
	return CLI_EXIT_SOFTWARE;
}

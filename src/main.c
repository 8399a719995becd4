/* main.c — locale, gettext, dispatch. */
#include "config.h"

#include <stdio.h>

int
main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s %s\n", PACKAGE, VERSION);
	return 0;
}

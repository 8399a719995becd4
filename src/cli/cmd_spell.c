/* cmd_spell.c — `spell TEXT`: the text for dictation on the phone, in
 * numbered groups, each character with its word (spell.h). Needs neither
 * DNS nor the profile. */
#include "commands.h"

#include "i18n.h"
#include "output.h"
#include "spell.h"

#include <string.h>

int
cmd_spell(const struct cli_args *args, const char *lang)
{
	struct spell sp;
	const char *text = args->args[0];

	if (!spell_make(text, strlen(text), spell_lang_of(lang), &sp)) {
		output_error("%s", _("Nicht genug Arbeitsspeicher."));
		return CLI_EXIT_SOFTWARE;
	}
	/* Through output: transliterated where the codeset is not UTF-8. */
	output_printf(stdout, "%s", sp.text);
	spell_clear(&sp);
	return CLI_EXIT_OK;
}

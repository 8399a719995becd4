#!/usr/bin/env bash
# Issue 13 in the wizard: what `check` names of a domain (weak or wasteful
# SPF records, the DMARC policy in each of its states) shows on the
# diagnosis, and for a record still to be fixed on the check screen, in
# German and English. The zones are lab-weak's and lab-dmarc's
# (tests/cli/zones), so the wizard and `check` are asked the same questions.
. "$(dirname "$0")/e2e-common.sh"
E2E_ZONES=$(cd "$(dirname "$0")/../cli/zones" && pwd)
start_lab

# diagnosis ADDRESS [VAR=VALUE…]: the wizard started with ADDRESS, at its
# diagnosis once the answer is in (the recommendation or "nothing to do").
diagnosis() {
  local address=$1
  shift
  start_wizard 80 40 "$@" -- --resolver "$RES" "$address"
  step "$address: address" wait_for "$address"
  keys Enter
  step "$address: diagnosis answered" wait_for_any "Empfehlung:" "Recommendation:" \
    "Es ist nichts zu tun." "There is nothing to do."
}
# wait_for_any TEXT…: until the pane shows one of them.
wait_for_any() {
  local deadline=$((SECONDS + 15)) t
  while [ "$SECONDS" -le "$deadline" ]; do
    for t in "$@"; do flat | grep -qF -- "$t" && return 0; done
    sleep 0.1
  done
  echo "timed out waiting for one of: $*"
  screen | sed 's/^/  | /'
  return 1
}

# Authorised, but weakly: ?all, ptr and mx on a name without MX.
diagnosis info@schwach.de
check "schwach: nothing to do" shows "Es ist nichts zu tun."
check "schwach: ?all" shows "„?all“ sagt nichts über andere Server"
check "schwach: ptr" shows "„ptr“ ist langsam und unzuverlässig; RFC 7208 rät davon ab."
check "schwach: void mx" shows "„mx“ fragt nach den Mailservern von schwach.de, dort gibt es aber keine."
diagnosis info@schwach.de LANG=en_US.UTF-8
check "schwach, English: ptr" shows "“ptr” is slow and unreliable; RFC 7208 advises against it."
check "schwach, English: void mx" shows "“mx” asks for the mail servers of schwach.de, but there are none."

# An include of a name without SPF and a: on a name without addresses.
diagnosis info@ohne-inc.de
check "ohne-inc: include without SPF" shows "Der Eintrag verweist auf _spf.ohne-inc.de, dort gibt es aber keinen SPF-Eintrag."
check "ohne-inc: void a" shows "„a“ fragt nach den Adressen von nix.ohne-inc.de, dort gibt es aber keine."
diagnosis info@ohne-inc.de LANG=en_US.UTF-8
check "ohne-inc, English" shows "The record refers to _spf.ohne-inc.de, but there is no SPF record there."

# +all in a record of 479 bytes.
diagnosis info@lang.de
check "lang: +all" shows "„+all“ erlaubt jedem Server der Welt"
check "lang: over 450" shows "Der Eintrag ist länger als 450 Zeichen."
diagnosis info@lang.de LANG=en_US.UTF-8
check "lang, English: over 450" shows "The record is longer than 450 characters."

# redirect= twice: a broken record, explained.
diagnosis info@zweimal.de
check "zweimal: broken" shows "Der SPF-Eintrag von zweimal.de ist fehlerhaft:"
check "zweimal: redirect twice" shows "redirect= oder exp= steht mehr als einmal darin"
diagnosis info@zweimal.de LANG=en_US.UTF-8
check "zweimal, English" shows "redirect= or exp= appears more than once"

# The DMARC policy in each state (p=reject: e2e-dmarc).
diagnosis info@dm-quar.de
check "quarantine: spam folder" shows "landen E-Mails, die Flicono in Ihrem Namen sendet, im Spam-Ordner."
check "quarantine: pct" shows "Die Richtlinie gilt für 30 % dieser E-Mails (pct=30)"
diagnosis info@dm-quar.de LANG=en_US.UTF-8
check "quarantine, English: pct" shows "The policy applies to 30 % of these e-mails (pct=30)"
diagnosis info@dm-none.de
check "none: reports only" shows "DMARC: dm-none.de hat die DMARC-Richtlinie p=none. Sie sammelt nur Berichte"
diagnosis info@leer.de
check "no record: nothing enforced" shows "DMARC: leer.de hat keine DMARC-Richtlinie: Empfänger-Mailserver setzen nichts durch."
diagnosis info@leer.de LANG=en_US.UTF-8
check "no record, English" shows "leer.de has no DMARC policy: receiving mail servers enforce nothing."
diagnosis info@post.dm-org.de
check "org domain: sp= applies" shows "DMARC: Für post.dm-org.de gilt die DMARC-Richtlinie der Domain dm-org.de (sp=reject)."
diagnosis info@post.dm-org.de LANG=en_US.UTF-8
check "org domain, English" shows "The DMARC policy of the domain dm-org.de applies to post.dm-org.de (sp=reject)."
diagnosis info@mail.dm-streng.de
check "aspf=s: named" shows "verlangt mit „aspf=s“, dass die Domain genau übereinstimmt"
check "aspf=s: authorised, not rejected" bash -c '! flat | grep -qF "weisen Empfänger-Mailserver E-Mails ab"'
diagnosis info@mail.dm-streng.de LANG=en_US.UTF-8
check "aspf=s, English" shows "With “aspf=s”, the policy of dm-streng.de requires the domain to match exactly"
diagnosis info@dm-kaputt.de
check "broken policy: named" shows "DMARC: Der DMARC-Eintrag von dm-kaputt.de ist fehlerhaft: „p=“ fehlt"
diagnosis info@dm-kaputt.de LANG=en_US.UTF-8
check "broken policy, English" shows "The DMARC record of dm-kaputt.de is broken"

# A weak record without Flicono, to be extended: named on the diagnosis and,
# while the old record is still served, on the check screen with the policy.
for lang in de en; do
  if [ "$lang" = de ]; then
    diagnosis info@schwach-alt.de
    check "schwach-alt: to be extended" shows "Empfehlung: den vorhandenen Eintrag um Flicono ergänzen."
    ptr="„ptr“ ist langsam"
    spam="im Spam-Ordner"
    checking="Namensserver (zuständig)"
  else
    diagnosis info@schwach-alt.de LANG=en_US.UTF-8
    check "schwach-alt, English: to be extended" shows "Recommendation: extend the existing record by Flicono."
    ptr="“ptr” is slow"
    spam="in the spam folder"
    checking="(Authoritative) name servers"
  fi
  check "schwach-alt ($lang): ptr on the diagnosis" shows "$ptr"
  check "schwach-alt ($lang): DMARC on the diagnosis" shows "$spam"
  keys 1 2 1 1
  step "schwach-alt ($lang): entry" wait_for "IN TXT"
  keys Enter
  step "schwach-alt ($lang): check screen" wait_for "$checking" 20
  check "schwach-alt ($lang): ptr on the check screen" shows "$ptr"
  check "schwach-alt ($lang): DMARC on the check screen" shows "$spam"
done
finish

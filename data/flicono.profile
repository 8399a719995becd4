# flicono.profile — who sends the customers' mail, and what their SPF record must allow.
# When Flicono's addresses change, only this file changes.
# INI: `# comment`, [section], key = value. A line holds at most 199 bytes.

[sender]
name = Flicono
domain = flicono.net

[spf]
# Merged into an existing SPF record, before its final all or redirect=.
merge = ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2
# Proposed as it is when the domain has no SPF record yet.
template = v=spf1 mx ip4:148.251.195.107 ip6:2a01:4f8:211:18e8::2 -all
# Seconds. Shown only when the customer's other records show a TTL.
ttl = 86400

# Alias mode: Flicono sends from an alias address of its own; nothing changes in DNS.
[alias]
summary = Flicono versendet Ihre E-Mails über eine eigene Alias-Adresse. Am DNS ändert sich nichts.
# The steps say only what Flicono's help page says: the switch is in the
# Voreinstellungen. Name the section here once it is known.
step = Öffnen Sie in Flicono die Voreinstellungen.
step = Schalten Sie dort die Alias-Funktion ein.
recipients = Ihre Empfänger sehen als Absender Ihren Firmennamen mit der Alias-Adresse („Ihre Firma <…>“).
replies = Antworten an die Alias-Adresse leitet der Server automatisch an Ihre eigene Adresse weiter.

[alias.en]
summary = Flicono sends your e-mails from an alias address of its own. Nothing changes in DNS.
step = Open the Preferences in Flicono.
step = Switch on the alias feature there.
recipients = Your recipients see your company name with the alias address as sender ("Your company <…>").
replies = The server forwards replies to the alias address to your own address automatically.

# Domain Connect: where the customer's DNS provider supports it, a signed link opens the
# provider's site, and after the customer confirms there, the provider writes the SPF record
# itself, merged with an existing one (Flicono's template: domainconnect/flicono.net.spf.json).
# This section stays last: a support terminal's copy of the profile appends its key lines.
[domain_connect]
# The template's providerId and serviceId, as registered with the DNS providers.
provider_id = flicono.net
service_id = spf
# The key that signs the link is never shipped. The support terminal's administrator keeps
# the PEM RSA private key in a file only the user running the program can read (mode 0600;
# anything more open is refused), and names it in a copy of this profile, passed with
# --profile:
#   key_file = /etc/flicono-mailsetup/dc-key.pem
#   key_host = _dck1
# key_file: relative paths are relative to the profile's directory. key_host: the TXT
# record below flicono.net (the template's syncPubKeyDomain) that holds the public key.

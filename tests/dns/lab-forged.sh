#!/usr/bin/env bash
# Forged replies (RFC 5452): before the genuine reply, a scripted server
# sends replies with a wrong ID, QR clear, another opcode, another question
# name, another type, 8 bytes, and one from another source port. All are
# ignored and the genuine one is taken (libldns 1.8.3 alone would take the
# first). A server that sends only matching but broken replies gives
# "bad-reply", and the seam moves on to the next resolver; so does a
# truncated reply whose TCP retry fails.
# shellcheck source=tests/dns/lab-common.sh
. "$(dirname "$0")/lab-common.sh"

FORGER=127.$NET.5
BROKEN=127.$NET.6
TRUNC=127.$NET.7
start_fake forge "$FORGER"
start_fake garbage "$BROKEN"
start_fake truncate "$TRUNC"

# Every forged reply that reaches the socket is dropped and counted (fake-dns
# sends 8 plus one from another port); the genuine "echt" is taken, never the
# forged "v=spf1 +all".
out=$(probe --timeout 1000 batch "$FORGER" beispiel-firma.de TXT "$FORGER" Nix.Kette.DE A)
expect "forged replies ignored, genuine one taken" <<E
#0 $FORGER beispiel-firma.de TXT state=answered rcode=0 aa=1 tcp=0 dropped=9
  status=ok count=1 ttl=60
  TXT strings=1 len=4 "echt" ttl=60
#1 $FORGER Nix.Kette.DE A state=answered rcode=0 aa=1 tcp=0 dropped=9
  status=nodata count=0 ttl=0
E

out=$(probe --no-ttl lookup "$FORGER" beispiel-firma.de TXT)
expect "seam through the forger: genuine answer" <<'E'
status=ok count=1
  TXT strings=1 len=4 "echt"
E

out=$(probe --timeout 600 batch "$BROKEN" beispiel-firma.de TXT)
expect "only broken replies: bad-reply" <<E
#0 $BROKEN beispiel-firma.de TXT state=bad-reply dropped=0
E

out=$(probe --no-ttl --timeout 600 lookup "$BROKEN,$RES" beispiel-firma.de MX)
expect "seam: broken resolver, next resolver" <<'E'
status=ok count=2
  MX 10 mx.beispiel-firma.de
  MX 20 mx2.beispiel-firma.de
E
# TC over UDP, but no TCP: the server answered, so neither "refused" nor
# "timeout" but "bad-reply".
out=$(probe --timeout 600 batch "$TRUNC" beispiel-firma.de TXT)
expect "truncated reply, TCP refused: bad-reply" <<E
#0 $TRUNC beispiel-firma.de TXT state=bad-reply dropped=0
E
finish

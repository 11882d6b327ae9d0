#!/bin/sh
# demo.sh KRING - the main job of `make run`: a fresh demo database
# (kring.db) with the example cases, four demo accounts with random
# passwords (printed here, once), then the server on 127.0.0.1:8080.
#
# The accounts: `demo` (worker, team demo, assigned to every example case),
# `lead` (lead of team demo), `analyst` (figures only) and `admin` (manages
# accounts, reads no case).  kring itself has no default accounts: these are
# made here with `kring user add`, with passwords drawn from /dev/urandom.
#
# The example cases are written to be seen as of 2026-12-01 (the demo date);
# the server uses today's date unless a request asks ?as_of=2026-12-01.
#
# Environment: KRING_DB (default kring.db), KRING_LISTEN (default
# 127.0.0.1:8080), KRING_DEMO_DATE (default 2026-12-01).
set -e
kring=$1
db=${KRING_DB:-kring.db}
listen=${KRING_LISTEN:-127.0.0.1:8080}
asof=${KRING_DEMO_DATE:-2026-12-01}

# 15 random bytes as 20 characters of base64url: no default, nothing to guess
newpw() {
	head -c 15 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n='
}

rm -f "$db" "$db-wal" "$db-shm"
"$kring" --db "$db" init
"$kring" --db "$db" --author demo import examples/*.json
echo

pw_demo=$(newpw)
pw_lead=$(newpw)
pw_analyst=$(newpw)
pw_admin=$(newpw)
printf '%s\n' "$pw_demo" | "$kring" --db "$db" --author make-run user add demo --role worker --team demo
printf '%s\n' "$pw_lead" | "$kring" --db "$db" --author make-run user add lead --role lead --team demo
printf '%s\n' "$pw_analyst" | "$kring" --db "$db" --author make-run user add analyst --role analyst
printf '%s\n' "$pw_admin" | "$kring" --db "$db" --author make-run user add admin --role admin
for f in examples/*.json; do
	"$kring" --db "$db" --author make-run assign "$(basename "$f" .json)" demo >/dev/null
done
echo
"$kring" --db "$db" list

cat <<EOF

Demo-accounts (wachtwoorden zijn willekeurig en worden alleen nu getoond):
Demo accounts (the passwords are random and shown only now):

  demo      $pw_demo    worker, alle voorbeelddossiers / all example cases
  lead      $pw_lead    lead of team demo
  analyst   $pw_analyst    only figures, no persons
  admin     $pw_admin    manages accounts, reads no case

De voorbeelden zijn bedoeld om te bekijken op $asof; de server gebruikt de
datum van vandaag, tenzij een verzoek ?as_of=$asof meegeeft.
The examples are meant to be seen as of $asof; the server uses today's date
unless a request asks ?as_of=$asof.

Ga naar / Go to:  http://$listen/
API: docs/api.md   (e.g. curl http://$listen/api/meta)
Stop: Ctrl-C

EOF
exec "$kring" --db "$db" serve --listen "$listen"

#!/bin/sh
# demo.sh KRING - the main job of `make run`: the server on 127.0.0.1:8080
# on the database kring.db, which is never deleted or overwritten.
#
# When the database exists, the server starts on it as it is: nothing is
# imported, no account is made, nothing is lost.  Only when there is none
# yet is a new demo database made and filled: the earlier states of some
# example cases (examples/history/REF.YYYY-MM-DD.json, imported with
# `kring import --recorded-at YYYY-MM-DD`, in date order, as a case from
# another system is brought in with its history), then the example cases
# as they are now (examples/*.json), after four demo accounts with random
# passwords (printed here, once) and the register of foster families
# (examples/families/*.json, whose own worker is `demo`).
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

serve() {
	cat <<EOT
Ga naar / Go to:  http://$listen/
API: docs/api.md   (e.g. curl http://$listen/api/meta)
Stop: Ctrl-C

EOT
	exec "$kring" --db "$db" serve --listen "$listen"
}

if [ -e "$db" ]; then
	cat <<EOT
Database $db bestaat al: de server start erop zoals hij is. Er wordt niets
gewist, ingelezen of aangemaakt; de accounts en wachtwoorden van eerder gelden
nog (een nieuw wachtwoord: $kring --db $db user passwd NAAM).
Een nieuwe demo-database: kies een bestand dat nog niet bestaat, bv.
KRING_DB=demo.db make run.

Database $db exists: the server starts on it as it is. Nothing is deleted,
imported or created; the accounts and passwords from before still hold (a new
password: $kring --db $db user passwd NAME).
For a new demo database, name a file that does not exist yet, e.g.
KRING_DB=demo.db make run.

EOT
	serve
fi

echo "Database $db bestaat nog niet: een nieuwe demo-database wordt gemaakt en gevuld."
echo "Database $db does not exist yet: a new demo database is made and filled."
echo
# Filled under a name of its own and put in place only when complete (ln
# refuses to replace a file), so a failed fill leaves nothing behind and
# never touches a database that appeared meanwhile.
new="$db.new.$$"
# The audit trail's key belongs next to the database's final name; a
# database that had to live without its key could not be checked later.
export KRING_AUDIT_KEY="$db.audit-key"
trap 'rm -f "$new" "$new-wal" "$new-shm"' EXIT
"$kring" --db "$new" init >/dev/null

pw_demo=$(newpw)
pw_lead=$(newpw)
pw_analyst=$(newpw)
pw_admin=$(newpw)
printf '%s\n' "$pw_demo" | "$kring" --db "$new" --author make-run user add demo --role worker --team demo
printf '%s\n' "$pw_lead" | "$kring" --db "$new" --author make-run user add lead --role lead --team demo
printf '%s\n' "$pw_analyst" | "$kring" --db "$new" --author make-run user add analyst --role analyst
printf '%s\n' "$pw_admin" | "$kring" --db "$new" --author make-run user add admin --role admin
# The register of foster families (examples/families/): before the cases,
# whose placements name them; after the accounts, since a family names its
# own worker's account.
for f in examples/families/*.json; do
	[ -f "$f" ] || continue
	"$kring" --db "$new" --author demo family import "$f" >/dev/null
done

# The earlier states, oldest first: one import per day, recorded at the end
# of that day (examples/README.md).
days=$(for f in examples/history/*.json; do
	[ -f "$f" ] || continue
	b=${f%.json}
	echo "${b##*.}"
done | sort -u)
for d in $days; do
	"$kring" --db "$new" --author demo import --recorded-at "$d" examples/history/*."$d".json
done
"$kring" --db "$new" --author demo import examples/*.json
# The family plans of siblings (examples/familyplans/): after the cases they
# link.
for f in examples/familyplans/*.json; do
	[ -f "$f" ] || continue
	"$kring" --db "$new" --author demo familyplan import "$f" >/dev/null
done
echo

for f in examples/*.json; do
	"$kring" --db "$new" --author make-run assign "$(basename "$f" .json)" demo >/dev/null
done
echo
"$kring" --db "$new" list
ln "$new" "$db"
rm -f "$new"
trap - EXIT

cat <<EOT

Demo-accounts (wachtwoorden zijn willekeurig en worden alleen nu getoond):
Demo accounts (the passwords are random and shown only now):

  demo      $pw_demo    worker, alle voorbeelddossiers / all example cases
  lead      $pw_lead    lead of team demo
  analyst   $pw_analyst    only figures, no persons
  admin     $pw_admin    manages accounts, reads no case

De voorbeelden zijn bedoeld om te bekijken op $asof; de server gebruikt de
datum van vandaag, tenzij een verzoek ?as_of=$asof meegeeft. Een volgende
make run start op deze database en laat hem zoals hij is.
The examples are meant to be seen as of $asof; the server uses today's date
unless a request asks ?as_of=$asof. The next make run starts on this
database and leaves it as it is.

EOT
serve

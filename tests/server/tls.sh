#!/bin/sh
# tls.sh KRING - `kring serve --tls-cert --tls-key` from the outside: a
# self-signed certificate made with openssl, then with curl over HTTPS:
# the health check answers, HSTS is sent, the session cookie is
# `__Host-kring_session` with `Secure`, a logged-in read works, and plain
# HTTP on the same port gets no answer.  Prints "tls: N passed, M failed".
K=${1:?usage: tests/server/tls.sh KRING}
case $K in /*) ;; *) K=$(pwd)/$K ;; esac
for tool in openssl curl; do
	command -v $tool >/dev/null || { echo "tls: $tool is missing"; exit 1; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/kring-tls.XXXXXX")
SP=""
cleanup() { [ -n "$SP" ] && kill -TERM "$SP" 2>/dev/null && wait "$SP" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM
pass=0 fail=0
check() { # check NAME COMMAND...
	if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); echo "ok   $name"
	else fail=$((fail + 1)); echo "FAIL $name"; fi
}

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
	-days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
"$K" --db "$T/t.db" init >/dev/null
"$K" --db "$T/t.db" import examples/PZ-2026-0101.json >/dev/null
printf 'Kastanjeboom-Rivier-73\n' | "$K" --db "$T/t.db" user add wendy --role worker >/dev/null
"$K" --db "$T/t.db" assign PZ-2026-0101 wendy >/dev/null
"$K" --db "$T/t.db" serve --listen 127.0.0.1:0 --web web \
	--tls-cert "$T/cert.pem" --tls-key "$T/key.pem" 2>"$T/log" &
SP=$!
port=""
for i in $(seq 1 100); do
	port=$(sed -n 's|.*listening on https://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/log")
	[ -n "$port" ] && break
	sleep 0.1
done
name="the server says it listens on https"; check test -n "$port"
U="https://127.0.0.1:$port"
C="curl -s --cacert $T/cert.pem"

name="GET /healthz over TLS"
check sh -c "$C $U/healthz | grep -q ok"
name="Strict-Transport-Security on every answer"
check sh -c "$C -D - -o /dev/null $U/healthz | grep -qi '^strict-transport-security: max-age='"
$C -D "$T/h" -o "$T/b" -H 'Content-Type: application/json' \
	-d '{"user":"wendy","password":"Kastanjeboom-Rivier-73"}' "$U/api/session"
name="login over TLS"; check grep -q '^HTTP/[0-9.]* 200' "$T/h"
name="the cookie is __Host-kring_session; Secure; HttpOnly; SameSite=Strict"
check sh -c "grep -i '^set-cookie: __Host-kring_session=' '$T/h' | grep -i 'secure' |
	grep -i 'httponly' | grep -qi 'samesite=strict'"
cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-kring_session=[^;]*\).*/\1/p' "$T/h")
name="a read with that cookie"
check sh -c "$C -H 'Cookie: $cookie' $U/api/cases/PZ-2026-0101 | grep -q '\"ref\":\"PZ-2026-0101\"'"
name="plain HTTP on the TLS port gets no HTTP answer"
check sh -c "! curl -s -m 3 http://127.0.0.1:$port/healthz | grep -q ok"
name="the certificate is checked (no --cacert: refused)"
check sh -c "! curl -s -m 3 $U/healthz"

echo "tls: $pass passed, $fail failed"
[ $fail -eq 0 ]

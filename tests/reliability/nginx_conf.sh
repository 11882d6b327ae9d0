#!/bin/sh
# nginx_conf.sh KRING - the nginx configuration of docs/deploy.md loads and
# does what the page says (issue 10, availability): both ```nginx blocks
# are taken from the page as they stand (only the certificate, log and
# listening addresses are pointed at a temporary folder, and the upstream at
# a closed port), checked with `nginx -t`, and run: a request with
# `Content-Length: abc` and one with a 30 KB header are answered by nginx
# itself with 400 as JSON with the security headers, as is kring not running
# (502), and the Server header names no version.  Needs nginx (Debian's
# nginx-light: `make deps`) and openssl; skipped with a message when nginx is
# missing.  Run from the repository root.
T=$(mktemp -d)
trap '[ -f "$T/nginx.pid" ] && kill "$(cat "$T/nginx.pid")" 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ] || ! command -v openssl >/dev/null; then
	echo "skip nginx_conf: nginx or openssl is not installed (make deps installs nginx-light)"
	exit 0
fi

# block FILE-NAME: the ```nginx block after the line naming FILE-NAME
block() {
	awk -v name="$1" 'index($0, "`" name "`") == 1 { found = 1; next }
		found && /^```nginx/ { inside = 1; next }
		inside && /^```/ { exit }
		inside { print }' docs/deploy.md
}
block /etc/nginx/conf.d/kring.conf >"$T/http.conf"
block /etc/nginx/sites-available/kring >"$T/site.conf"
check "docs/deploy.md has both nginx blocks" test -s "$T/http.conf" -a -s "$T/site.conf"
check "... log_format is in the http block, not in the server" \
	sh -c "grep -q log_format '$T/http.conf' && ! grep -q log_format '$T/site.conf'"

P1=$((20000 + $$ % 20000))
P2=$((P1 + 1))
sed -e "s|listen 80;|listen 127.0.0.1:$P2;|" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$P1 ssl http2;|" \
    -e "s|/etc/letsencrypt/live/kring.example.org/fullchain.pem|$T/cert.pem|" \
    -e "s|/etc/letsencrypt/live/kring.example.org/privkey.pem|$T/key.pem|" \
    -e "s|/var/log/nginx/kring.log|$T/kring.log|" \
    -e "s|http://127.0.0.1:8080|http://127.0.0.1:1|" "$T/site.conf" >"$T/site.test.conf"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 1 \
	-subj /CN=localhost >/dev/null 2>&1
mkdir -p "$T/tmp"
cat >"$T/nginx.conf" <<CONF
pid $T/nginx.pid;
error_log $T/error.log;
events { worker_connections 64; }
http {
    client_body_temp_path $T/tmp/body;
    proxy_temp_path $T/tmp/proxy;
    fastcgi_temp_path $T/tmp/fastcgi;
    uwsgi_temp_path $T/tmp/uwsgi;
    scgi_temp_path $T/tmp/scgi;
    include $T/http.conf;
    include $T/site.test.conf;
}
CONF
"$NGINX" -t -e "$T/error.log" -p "$T" -c "$T/nginx.conf" >"$T/t.out" 2>&1
check "nginx -t accepts the configuration of docs/deploy.md" grep -q "test is successful" "$T/t.out" ||
	cat "$T/t.out"
"$NGINX" -e "$T/error.log" -p "$T" -c "$T/nginx.conf" 2>>"$T/t.out"
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$T/nginx.pid" ] && break; sleep 0.2; done

# raw REQUEST-FILE: what nginx answers over TLS
raw() {
	timeout 10 openssl s_client -quiet -connect "127.0.0.1:$P1" -servername localhost \
		<"$1" 2>/dev/null | tr -d '\r'
}
# json_error FILE STATUS CODE: the answer is STATUS, JSON with that code, with
# every security header
json_error() {
	head -1 "$1" | grep -q "^HTTP/1.1 $2 " &&
		grep -qi '^Content-Type: application/json' "$1" &&
		grep -q "\"code\":\"$3\"" "$1" &&
		grep -qi "^Content-Security-Policy: default-src 'none'" "$1" &&
		grep -qi '^X-Content-Type-Options: nosniff' "$1" &&
		grep -qi '^Referrer-Policy: no-referrer' "$1" &&
		grep -qi '^X-Frame-Options: DENY' "$1" &&
		grep -qi '^Cache-Control: no-store' "$1" &&
		grep -qi '^Strict-Transport-Security: ' "$1" &&
		[ "$(grep -c '^HTTP/1.1 ' "$1")" -eq 1 ]
}
printf 'GET /api/meta HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n' >"$T/q1"
raw "$T/q1" >"$T/a1"
check "Content-Length: abc: one 400, JSON, with the security headers" json_error "$T/a1" 400 \
	bad_request || sed -n 1,20p "$T/a1"
check "... and the Server header names no version" grep -qx 'Server: nginx' "$T/a1"
{ printf 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: '; head -c 30000 /dev/zero | tr '\0' a
  printf '\r\n\r\n'; } >"$T/q2"
raw "$T/q2" >"$T/a2"
check "a 30 KB header: 400, JSON, with the security headers" json_error "$T/a2" 400 \
	bad_request || sed -n 1,20p "$T/a2"
printf 'GET /api/meta HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >"$T/q3"
raw "$T/q3" >"$T/a3"
check "kring not running: 502, JSON, with the security headers" json_error "$T/a3" 502 \
	unavailable || sed -n 1,20p "$T/a3"
echo "nginx_conf: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

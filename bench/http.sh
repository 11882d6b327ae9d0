#!/bin/sh
# http.sh [KRING] [SECONDS] - the HTTP benchmarks of issue 4, on loopback:
#
#  1. reads: wrk, 32 connections, GET /api/cases/{ref} of a 25-person case
#     (a generated case, seed 7) with a session cookie; every read is
#     checked for access and written to the audit trail;
#  2. the same bytes served by nginx as a static file, in the same run, and
#     the ratio kring / nginx;
#  3. writes: wrk, 4 connections, each PUTting the whole document of its own
#     25-person case with If-Match of the revision it got back last time:
#     revisions per second (every accepted PUT is a new revision with its
#     audit row in the same transaction, fsync'd: synchronous=FULL).
#
# Needs wrk, nginx (apt-get install nginx-light), curl, python3.  Prints the
# wrk output and a summary; the lead copies the numbers to BENCHMARKS.md.
# Runs everything in a temporary folder and stops what it started.
set -e
K=${1:-build/kring}
D=${2:-10}
case $K in /*) ;; *) K=$(pwd)/$K ;; esac
for tool in wrk nginx curl python3; do
	command -v $tool >/dev/null 2>&1 || [ -x /usr/sbin/$tool ] || {
		echo "http.sh: $tool is missing" >&2; exit 2; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
T=$(mktemp -d "${TMPDIR:-/tmp}/kring-bench.XXXXXX")
chmod 755 "$T"   # nginx workers run as another user
SP=""
cleanup() {
	[ -n "$SP" ] && kill -TERM "$SP" 2>/dev/null && wait "$SP" 2>/dev/null
	[ -f "$T/nginx.pid" ] && kill -QUIT "$(cat "$T/nginx.pid")" 2>/dev/null
	sleep 0.2
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
PW="Zonnebloem-akker-4281"

# --- data: one 25-person case to read, four more to write ---------------------
"$K" --db "$T/b.db" init >/dev/null
"$K" generate --cases 200 --seed 7 --anchor 2026-12-01 | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    if len(d["persons"]) == 25:
        break
ref = d["case"]["ref"]
open(sys.argv[1] + "/read.json", "w").write(json.dumps(d))
for k in range(1, 5):
    d["case"]["ref"] = "%s-W%d" % (ref, k)
    open(sys.argv[1] + "/w%d.json" % k, "w").write(json.dumps(d, separators=(",", ":")))
print(ref)
' "$T" > "$T/ref"
REF=$(cat "$T/ref")
"$K" --db "$T/b.db" --author bench import "$T/read.json" "$T"/w[1-4].json >/dev/null
printf '%s\n' "$PW" | "$K" --db "$T/b.db" user add bench --role worker >/dev/null
for r in "$REF" "$REF-W1" "$REF-W2" "$REF-W3" "$REF-W4"; do
	"$K" --db "$T/b.db" assign "$r" bench >/dev/null
done

# --- the server -------------------------------------------------------------------
mkdir -p "$T/web" "$T/www"
# the write limit per user (5 a second after 300) would measure itself: raise it
# when this build has it (builds before issue 10 have no limit)
UW=""
"$K" serve --help 2>&1 | grep -q -- --user-writes && UW="--user-writes 1000000"
"$K" --db "$T/b.db" serve --listen 127.0.0.1:0 --web "$T/web" --quiet $UW 2> "$T/server.log" &
SP=$!
for i in $(seq 100); do
	grep -q listening "$T/server.log" 2>/dev/null && break
	sleep 0.1
done
PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/server.log" | head -n 1)
curl -s -c "$T/jar" -H 'Content-Type: application/json' \
	-d "{\"user\":\"bench\",\"password\":\"$PW\"}" "http://127.0.0.1:$PORT/api/session" > "$T/login.json"
COOKIE=$(awk '$6 == "kring_session" { print $6 "=" $7 }' "$T/jar")
CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$T/login.json")
curl -s -b "$T/jar" "http://127.0.0.1:$PORT/api/cases/$REF" -o "$T/www/case.json"
BYTES=$(wc -c < "$T/www/case.json")

# --- nginx with the same bytes --------------------------------------------------------
NPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$T/nginx.conf" <<EOF
worker_processes auto;
pid $T/nginx.pid;
error_log $T/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $T/nb; proxy_temp_path $T/np; fastcgi_temp_path $T/nf;
    uwsgi_temp_path $T/nu; scgi_temp_path $T/ns;
    server {
        listen 127.0.0.1:$NPORT;
        location / { root $T/www; default_type application/json; add_header Cache-Control no-store; }
    }
}
EOF
"$NGINX" -p "$T" -c "$T/nginx.conf"
sleep 0.3

cat > "$T/read.lua" <<EOF
wrk.headers["Cookie"] = "$COOKIE"
EOF

echo "== kring: GET /api/cases/$REF ($BYTES bytes, 25 persons), 32 connections, ${D}s"
wrk -t2 -c32 -d"${D}s" --latency -s "$T/read.lua" "http://127.0.0.1:$PORT/api/cases/$REF" | tee "$T/kring.txt"
echo
echo "== nginx: the same $BYTES bytes as a static file, 32 connections, ${D}s"
wrk -t2 -c32 -d"${D}s" --latency "http://127.0.0.1:$NPORT/case.json" | tee "$T/nginx.txt"

# --- writes --------------------------------------------------------------------------------
cat > "$T/write.lua" <<EOF
local n = 0
function setup(thread)
    n = n + 1
    thread:set("k", n)
end
function init(args)
    local f = io.open("$T/w" .. k .. ".json", "rb")
    body = f:read("*a")
    f:close()
    ref = "$REF-W" .. k
    etag = '"1"'
end
function request()
    return wrk.format("PUT", "/api/cases/" .. ref, {
        ["Cookie"] = "$COOKIE", ["X-CSRF-Token"] = "$CSRF",
        ["Content-Type"] = "application/json", ["If-Match"] = etag }, body)
end
function response(status, headers, b)
    if headers["ETag"] then etag = headers["ETag"] end
end
EOF
echo
echo "== kring: PUT /api/cases/{ref} with If-Match, 4 connections (one case each), ${D}s"
wrk -t4 -c4 -d"${D}s" --latency -s "$T/write.lua" "http://127.0.0.1:$PORT/" | tee "$T/write.txt"

kill -TERM "$SP"
wait "$SP" || true
SP=""
REVS=$(python3 - "$T/b.db" "$REF" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT sum(head) - count(*) FROM cases WHERE ref LIKE ?", (sys.argv[2] + "-W%",)).fetchone()[0]
reads = db.execute("SELECT count(*) FROM audit WHERE action = 'R' AND case_ref = ?", (sys.argv[2],)).fetchone()[0]
print(n, reads)
EOF
)
rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
p99() { awk '$1 == "99%" { print $2 }' "$1"; }
K_RPS=$(rps "$T/kring.txt"); N_RPS=$(rps "$T/nginx.txt")
echo
echo "== summary"
echo "kring reads:  $K_RPS req/s, p99 $(p99 "$T/kring.txt")"
echo "nginx static: $N_RPS req/s, p99 $(p99 "$T/nginx.txt")"
python3 -c "import sys; print('ratio kring/nginx: %.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$K_RPS" "$N_RPS"
set -- $REVS
echo "writes: $1 new revisions in ${D}s = $(python3 -c "print(round($1 / $D))") revisions/s (p99 $(p99 "$T/write.txt"))"
echo "reads written to the audit trail: $2"

#!/usr/bin/env bash
# End-to-end check of `policykg push` against OpenLink Virtuoso (Debian's virtuoso-opensource):
# the graphs arrive over the SPARQL 1.1 Graph Store Protocol and the example queries answer the
# same rows there as on the embedded store.
#
# Usage: scripts/e2e/virtuoso.sh BIN
#   BIN: the policykg binary (e.g. target/debug/policykg).
#
# Starts its own virtuoso-t (not the system service) on two free loopback ports with a fresh
# database and ini under target/e2e/virtuoso/ (the package's ini with paths and ports replaced),
# ingests corpus/ into a fresh store, pushes it to /sparql-graph-crud-auth (HTTP digest as dba,
# the password of a new database), pushes again (every graph must be skipped), then runs each
# scripts/queries/*.rq on both (`BIN query @file --format csv`; Virtuoso's /sparql with Accept:
# text/csv) and compares the rows as sets (scripts/e2e/compare_csv.py, which says what it
# normalises). Stops Virtuoso on exit. Leaves push-{1,2}.txt, the CSV answers and virtuoso.log
# in target/e2e/virtuoso/. Needs virtuoso-opensource, curl and python3.
set -euo pipefail

BIN=${1:?usage: $0 BIN}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/target/e2e/virtuoso"
STORE="$OUT/store"
DB="$OUT/db"
cd "$ROOT"

fail() { echo "virtuoso e2e: FAIL: $*" >&2; exit 1; }

VIRTUOSO=$(command -v virtuoso-t) || fail "virtuoso-t not found (apt-get install virtuoso-opensource)"
INI_SRC=$(ls /etc/virtuoso-opensource-*/virtuoso.ini 2>/dev/null | head -1)
[[ -n $INI_SRC ]] || fail "no /etc/virtuoso-opensource-*/virtuoso.ini"

rm -rf "$OUT"
mkdir -p "$DB"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SQL_PORT=$(free_port)
HTTP_PORT=$(free_port)
# The package's ini with the database files, ports and web root moved here; the hosting
# plugins are left out (not needed), and the SPARQL result limit is raised above any answer.
sed -e "s#/var/lib/virtuoso-opensource-7/db/#$DB/#g" \
    -e "s#^ServerPort *= *1111#ServerPort = 127.0.0.1:$SQL_PORT#" \
    -e "s#^ServerPort *= *8890#ServerPort = 127.0.0.1:$HTTP_PORT#" \
    -e "s#^ServerRoot .*#ServerRoot = $DB#" \
    -e "s#^DefaultHost .*#DefaultHost = 127.0.0.1:$HTTP_PORT#" \
    -e "s#^ResultSetMaxRows .*#ResultSetMaxRows = 1000000#" \
    -e '/^\[Plugins\]/,$d' "$INI_SRC" >"$DB/virtuoso.ini"
grep -q "ServerPort = 127.0.0.1:$HTTP_PORT" "$DB/virtuoso.ini" || fail "could not set the HTTP port in the ini"

"$VIRTUOSO" +foreground +configfile "$DB/virtuoso.ini" >"$OUT/virtuoso.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT

"$BIN" ingest corpus --store "$STORE" >"$OUT/ingest.txt" 2>&1 \
  || { cat "$OUT/ingest.txt"; fail "ingest"; }

BASE="http://127.0.0.1:$HTTP_PORT"
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "$BASE/sparql?query=ASK%7B%7D" 2>/dev/null; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { cat "$OUT/virtuoso.log"; fail "virtuoso-t exited"; }
  sleep 0.1
done
curl -fsS -o /dev/null "$BASE/sparql?query=ASK%7B%7D" || { tail -20 "$OUT/virtuoso.log"; fail "no answer on $BASE/sparql"; }
echo "== Virtuoso $("$VIRTUOSO" -? 2>&1 | grep -m1 -o 'Version [0-9.]*' || true) on $BASE"

PUSH=("$BIN" push --store "$STORE" --endpoint "$BASE/sparql-graph-crud-auth"
      --query-endpoint "$BASE/sparql" --user dba:dba)

echo "== push"
"${PUSH[@]}" | tee "$OUT/push-1.txt"
graphs=$(sed -n 's/^policykg push: \([0-9]*\) graphs: .*/\1/p' "$OUT/push-1.txt")
[[ -n $graphs && $graphs -gt 0 ]] || fail "push summary unreadable"
grep -q ": $graphs sent" "$OUT/push-1.txt" || fail "first push did not send all $graphs graphs"

# Every triple arrived: the store's quads = Virtuoso's quads in the pushed graphs (less the
# manifest's one per graph).
local_n=$("$BIN" query --store "$STORE" 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --format csv | tail -1 | tr -d '\r')
remote_n=$(curl -fsS -H 'Accept: text/csv' --data-urlencode \
  'query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://policykg.org/id/graph/") || STRSTARTS(STR(?g), "https://policykg.org/id/expr/")) }' \
  "$BASE/sparql" | tail -1 | tr -d '\r"')
echo "quads: embedded $local_n, Virtuoso $remote_n (with $graphs manifest entries)"
[[ $remote_n -eq $((local_n + graphs)) ]] || fail "Virtuoso holds $remote_n quads, expected $local_n + $graphs"

echo "== push again (nothing changed)"
"${PUSH[@]}" | tee "$OUT/push-2.txt"
grep -q ": 0 sent .* $graphs skipped" "$OUT/push-2.txt" || fail "second push did not skip every graph"

echo "== example queries: embedded vs Virtuoso"
status=0
for q in scripts/queries/*.rq; do
  name=$(basename "$q" .rq)
  "$BIN" query --store "$STORE" "@$q" --format csv >"$OUT/$name.embedded.csv" \
    || fail "$name: embedded query failed"
  code=$(curl -sS -o "$OUT/$name.virtuoso.csv" -w '%{http_code}' -H 'Accept: text/csv' \
    --data-urlencode "query@$q" "$BASE/sparql")
  [[ $code == 200 ]] || { head -c 600 "$OUT/$name.virtuoso.csv"; echo; fail "$name: Virtuoso answered $code"; }
  python3 scripts/e2e/compare_csv.py "$OUT/$name.embedded.csv" "$OUT/$name.virtuoso.csv" "$name" || status=1
done
((status == 0)) || fail "some queries answer differently on Virtuoso"
echo "virtuoso e2e: passed"

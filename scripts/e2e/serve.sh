#!/usr/bin/env bash
# End-to-end check of `policykg serve` with real clients: Python's SPARQLWrapper, the query
# page and the Linked Data pages (/id/…) in headless Chromium, and rdflib reading an IRI as
# Turtle and JSON-LD.
#
# Usage: scripts/e2e/serve.sh BIN
#   BIN: the policykg binary (e.g. target/debug/policykg).
#
# Ingests corpus/ into a fresh store under target/e2e/, starts the server on a free loopback
# port, runs scripts/e2e/sparqlwrapper_test.py, query_page.mjs, linked_data.mjs and
# linked_data_rdflib.py against it and stops it. Leaves in target/e2e/: query-page.png,
# query-page-400.png, ld-{agency,task,policy}-{1280,400}.png (the screenshots) and serve.log
# (access log).
# Needs python3 with SPARQLWrapper and rdflib, node with scripts/e2e/node_modules (npm ci) and
# /usr/bin/chromium: .ci/run installs them.
set -euo pipefail

BIN=${1:?usage: $0 BIN}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/target/e2e"
STORE="$OUT/serve-store"
mkdir -p "$OUT"
cd "$ROOT"

fail() { echo "serve e2e: FAIL: $*" >&2; exit 1; }

rm -rf "$STORE"
"$BIN" ingest corpus tests/fixtures/versions/001_zhengqiu.txt --store "$STORE" >"$OUT/serve-ingest.txt" 2>&1 \
  || { cat "$OUT/serve-ingest.txt"; fail "ingest"; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --store "$STORE" --bind "127.0.0.1:$PORT" --log-format text 2>"$OUT/serve.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -fsS "$BASE/health" >/dev/null 2>&1; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { cat "$OUT/serve.log"; fail "the server exited"; }
  sleep 0.1
done
curl -fsS "$BASE/health" >/dev/null || fail "no answer on $BASE/health"

echo "== SPARQLWrapper against $BASE/sparql"
python3 scripts/e2e/sparqlwrapper_test.py --endpoint "$BASE/sparql"

echo "== query page in headless Chromium"
# The example answers the 11 tasks of seed 001's text in force (its draft, the fixture
# tests/fixtures/versions/001_zhengqiu.txt ingested beside the corpus above, is left out by
# `?e pkg:inView pkg:InForce`); the task label
# (id and heading, in place of the task IRI) shows the Chinese labels arrived.
node scripts/e2e/query_page.mjs --base "$BASE" \
  --example tasks-led-by-sheng-jingxinting.rq --expect-rows 11 \
  --expect-text "二/（一）/2 实施“五企”培育工程。" --expect-text 安徽省专精特新中小企业倍增行动方案 \
  --screenshot "$OUT/query-page.png" --narrow-screenshot "$OUT/query-page-400.png"

echo "== Linked Data pages in headless Chromium"
# 省经信厅 leads 11 tasks in the texts in force, as the example query answers.
node scripts/e2e/linked_data.mjs --base "$BASE" --agency 安徽省经济和信息化厅 --expect-lead 11 \
  --out "$OUT"

echo "== Linked Data with rdflib (Accept: text/turtle, application/ld+json)"
python3 scripts/e2e/linked_data_rdflib.py --base "$BASE" --agency 安徽省经济和信息化厅

# Graceful shutdown: SIGTERM ends the server with status 0.
kill -TERM "$SERVER"
wait "$SERVER" || fail "the server did not shut down cleanly"
trap - EXIT
grep -q '/sparql' "$OUT/serve.log" || fail "no access log lines in $OUT/serve.log"
grep -q '/id/agency/' "$OUT/serve.log" || fail "no /id/ requests in $OUT/serve.log"
echo "serve e2e: ok (screenshots $OUT/query-page.png, $OUT/ld-*.png)"

#!/usr/bin/env bash
# Load test of the SPARQL endpoint: wrk, 100 connections for 30 s on the tasks-led-by query
# (scripts/queries/tasks-led-by-sheng-jingxinting.rq), against `policykg serve` and then
# `oxigraph serve-read-only --union-default-graph` (the Oxigraph CLI of the same version,
# `pip install oxigraph==0.5.13`) on the same store, in one run.
#
# Usage: scripts/load-test.sh POLICYKG_BIN OXIGRAPH_BIN STORE [DURATION]
# POLICYKG_SERVE_ARGS adds flags to `policykg serve` (e.g. "--max-concurrent 4").
set -euo pipefail
BIN=${1:?usage: $0 POLICYKG_BIN OXIGRAPH_BIN STORE [DURATION]}
OX=${2:?}
STORE=${3:?}
DURATION=${4:-30s}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUERY_PATH=$(python3 -c 'import sys, urllib.parse; print("/query?query=" + urllib.parse.quote(open(sys.argv[1]).read()))' \
  "$ROOT/scripts/queries/tasks-led-by-sheng-jingxinting.rq")

wait_up() { for _ in $(seq 1 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# wrk prints "Non-2xx or 3xx responses" and socket errors when there are any.
run() { # run NAME URL
  local rows
  rows=$(curl -fsS -H 'Accept: text/csv' "$2$QUERY_PATH" | tail -n +2 | wc -l)
  echo "== $1: $rows rows per answer"
  wrk -t2 -c100 -d"$DURATION" --timeout 30s --latency -H 'Accept: application/sparql-results+json' "$2$QUERY_PATH"
}

"$BIN" serve --store "$STORE" --bind 127.0.0.1:7901 --max-rows 1000000 ${POLICYKG_SERVE_ARGS:-} 2>/dev/null &
P=$!
trap 'kill $P 2>/dev/null || true' EXIT
wait_up "http://127.0.0.1:7901/health"
run "policykg serve" "http://127.0.0.1:7901"
kill $P; wait $P 2>/dev/null || true

"$OX" serve-read-only --location "$STORE" --bind 127.0.0.1:7902 --union-default-graph 2>/dev/null &
P=$!
wait_up "http://127.0.0.1:7902/query?query=ASK%7B%7D"
run "oxigraph serve-read-only" "http://127.0.0.1:7902"
kill $P; wait $P 2>/dev/null || true
trap - EXIT

#!/usr/bin/env bash
# The main job on the bundled corpus: build policykg, ingest corpus/ into the default embedded
# store (.policykg/store at the repository root, or $POLICYKG_STORE), and show what a researcher
# asks first: which tasks 省经信厅 leads, who 省经信厅 is, and the answers of two example queries.
#
# Usage: scripts/main-job.sh [--release]
#   --release  build with optimisations (compiles RocksDB once more, ~16 min on 2 cores); the
#              default debug build is the one the tests use, so after `cargo test` it is ready.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PROFILE=debug
CARGO_FLAGS=()
if [[ "${1:-}" == "--release" ]]; then
  PROFILE=release
  CARGO_FLAGS=(--release)
fi

cargo build -p policykg "${CARGO_FLAGS[@]}"
BIN="$ROOT/target/$PROFILE/policykg"
export POLICYKG_STORE=${POLICYKG_STORE:-$ROOT/.policykg/store}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "policykg ingest corpus  (store: $POLICYKG_STORE; unchanged files are skipped)"
"$BIN" ingest corpus

step "policykg agencies 省经信厅"
"$BIN" agencies 省经信厅

step "policykg tasks --agency 省经信厅 --role lead"
"$BIN" tasks --agency 省经信厅 --role lead

step "policykg query @scripts/queries/agencies-ranked-by-led-tasks.rq  (first rows)"
"$BIN" query @scripts/queries/agencies-ranked-by-led-tasks.rq | head -n 12

step "policykg query @scripts/queries/targets-due-by-2025.rq  (first rows)"
"$BIN" query @scripts/queries/targets-due-by-2025.rq | head -n 12

cat <<EOF

More: the other questions in scripts/queries/ ($BIN query @FILE), the query page
($BIN serve, then http://127.0.0.1:7878/), exports ($BIN export --format turtle) and the
agency network ($BIN network --format graphml). The store stays at $POLICYKG_STORE.
EOF

#!/usr/bin/env bash
# The main job on the bundled corpus: build policykg, ingest corpus/ into the default embedded
# store (.policykg/store at the repository root, or $POLICYKG_STORE), and show what a researcher
# asks first: which tasks 省经信厅 leads, who 省经信厅 is, the answers of two example queries, the
# policies with several versions and what a revision changed.
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

# What the build needs, checked before the 15-minute RocksDB compile rather than after it:
# a Rust toolchain, and libclang for oxigraph's RocksDB bindings (installed here when this user
# can, as .ci/run does; otherwise the exact command to run, and stop).
if ! command -v cargo >/dev/null 2>&1; then
  echo "main-job: no Rust toolchain (cargo) on PATH. Install one with rustup:" >&2
  echo "  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh" >&2
  exit 2
fi
if ! dpkg -s libclang-dev >/dev/null 2>&1 && ! ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1; then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
  if command -v apt-get >/dev/null 2>&1 && { [[ -z "$SUDO" ]] || sudo -n true 2>/dev/null; }; then
    echo "main-job: installing libclang-dev (oxigraph's RocksDB bindings need it)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libclang-dev
  else
    echo "main-job: libclang is missing; oxigraph's RocksDB bindings need it, and the build would" >&2
    echo "fail only after compiling RocksDB (~15 min). Install it first, then run this again:" >&2
    echo "  sudo apt-get install libclang-dev      # Debian/Ubuntu (other systems: the clang package)" >&2
    exit 2
  fi
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

step "policykg query @scripts/queries/versions-of-policies.rq  (policies with several versions)"
"$BIN" query @scripts/queries/versions-of-policies.rq

# The 平潭 measure of 2015 and its 2018 修订: the ids of the two versions, then what changed.
VERSIONS=$("$BIN" query @scripts/queries/versions-of-policies.rq --format csv | grep '^[^,]*平潭' | cut -d, -f6)
OLD=$(sed -n 1p <<<"$VERSIONS")
NEW=$(sed -n 2p <<<"$VERSIONS")
if [[ -n "$OLD" && -n "$NEW" ]]; then
  # The summary only: the page's own lines (发布时间, links) come first in the full comparison.
  step "policykg diff ${OLD##*/} ${NEW##*/}  (the 2018 修订 against 2015; summary)"
  "$BIN" diff "${OLD##*/}" "${NEW##*/}" | head -n 4
fi

step "policykg query @scripts/queries/agencies-losing-lead-in-revisions.rq  (what the revisions changed)"
"$BIN" query @scripts/queries/agencies-losing-lead-in-revisions.rq

cat <<EOF

More: the other questions in scripts/queries/ ($BIN query @FILE), the query page
($BIN serve, then http://127.0.0.1:7878/), exports ($BIN export --format turtle) and the
agency network ($BIN network --format graphml). The store stays at $POLICYKG_STORE.
EOF

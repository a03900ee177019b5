#!/usr/bin/env bash
# Ingest against Oxigraph's bulk loader, and the two issue-15 queries, on the generated corpus,
# in one run (docs/benchmarks.md, "Graph store").
#
#   scripts/bench/ingest-10k.sh [WORK_DIR] [DOCUMENTS] [OLD_POLICYKG]
#
# WORK_DIR (default /tmp/pkg-bench) holds the corpus, the stores and the N-Quads export: about
# 12 GB free for 10,000 documents. OLD_POLICYKG, when given, is another build of policykg (the
# commit before a change) ingested the same way first, for a before/after in the same run.
# Builds the release binaries first; prints one line per measurement and keeps the details
# (/usr/bin/time -v, JSON reports) in WORK_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/pkg-bench}
count=${2:-10000}
old=${3:-}
mkdir -p "$work"
cargo build --release -p policykg
cargo build --release -p policykg-graph --examples
bin=target/release
corpus="$work/corpus-$count"
[ -d "$corpus" ] || python3 scripts/gen-corpus.py "$corpus" --count "$count"

timed() { # NAME COMMAND...: runs COMMAND under /usr/bin/time -v, prints wall time, CPU, peak RSS
  local name=$1; shift
  /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.time"
  awk -v n="$name" -F': ' '/Elapsed/ {w=$2} /Percent of CPU/ {c=$2}
    /Maximum resident/ {r=$2} END {printf "%s: wall %s, CPU %s, peak RSS %.2f GB\n", n, w, c, r/1048576}' \
    "$work/$name.time"
}

tasks_cli() { # STORE: the policykg tasks command, 30 runs
  python3 - "$bin/policykg" "$1" <<'EOF'
import subprocess, sys, time
binary, store = sys.argv[1:]
times = []
for _ in range(30):
    started = time.perf_counter()
    subprocess.run([binary, "tasks", "--agency", "省经信厅", "--jurisdiction", "安徽省",
                    "--role", "lead", "--store", store], check=True, capture_output=True)
    times.append((time.perf_counter() - started) * 1000)
times.sort()
print(f"policykg tasks --agency 省经信厅 --jurisdiction 安徽省 --role lead (whole command): "
      f"median {times[15]:.1f} ms, p95 {times[28]:.1f} ms over 30 runs")
EOF
}

if [ -n "$old" ]; then
  rm -rf "$work/store-old"
  timed ingest-old "$old" ingest "$corpus" --store "$work/store-old" --format json
  "$bin/examples/query_latency" "$work/store-old" 100
  rm -rf "$work/store-old"
fi

rm -rf "$work/store"
timed ingest "$bin/policykg" ingest "$corpus" --store "$work/store" --format json
python3 - "$work/ingest.out" <<'EOF'
import json, sys
w = json.load(open(sys.argv[1]))["written"]
d, q, s = w["documents"], w["triples"], w["seconds"]
print(f"ingest: {d} documents, {q} quads in {s:.1f} s = {d / s:.1f} documents/s, {q / s:.0f} quads/s")
EOF
"$bin/examples/query_latency" "$work/store" 100
tasks_cli "$work/store"

rm -rf "$work/bulk-store" "$work/all.nq"
"$bin/policykg" export --format nquads --store "$work/store" --out "$work/all.nq"
timed bulk-load "$bin/examples/bulk_load" "$work/all.nq" "$work/bulk-store"
cat "$work/bulk-load.out"
rm -rf "$work/bulk-store" "$work/all.nq"

timed ingest-again "$bin/policykg" ingest "$corpus" --store "$work/store" --format json

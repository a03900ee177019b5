#!/usr/bin/env bash
# The outputs as researchers load them: pandas reads the five CSV files of
# `extract --format csv` and joins them on their keys, and networkx reads the agency network's
# GraphML with numeric attributes as numbers (as Gephi does).
#
# Usage: scripts/e2e/researcher_tools.sh BIN
#   BIN: the policykg binary (e.g. target/debug/policykg). Needs python3 with pandas and
#   networkx (.ci/run installs them). Works under target/e2e/tools/. Ends with "N passed,
#   N failed"; exit status 0 only if all passed.
set -euo pipefail

BIN=${1:?usage: $0 BIN}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
OUT="$ROOT/target/e2e/tools"
rm -rf "$OUT"
mkdir -p "$OUT"

"$BIN" extract corpus --format csv --out "$OUT/csv" 2>"$OUT/extract.err" || {
  # 1: some files failed (the others were extracted); anything else is an error.
  status=$?
  [ "$status" -eq 1 ] || { cat "$OUT/extract.err" >&2; exit 1; }
}
"$BIN" ingest corpus --store "$OUT/store" >"$OUT/ingest.txt" 2>&1
"$BIN" network --format graphml --out "$OUT/agencies.graphml" --store "$OUT/store" 2>/dev/null

python3 - "$OUT" <<'PY'
import sys
from pathlib import Path

import networkx as nx
import pandas as pd

out = Path(sys.argv[1])
passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}: {detail}")


csv = out / "csv"
tables = {
    name: pd.read_csv(csv / f"{name}.csv", dtype={"version": str, "task": str})
    for name in ("documents", "tasks", "agencies", "targets", "amounts")
}
docs = tables["documents"]
check("documents.csv has one row per version", docs["version"].is_unique, docs["version"][docs["version"].duplicated()].tolist())
check(
    "documents.csv keeps every source file of a version",
    docs["sources"].str.contains(r"\|").any(),
    "no version with several files (the corpus has GBK / UTF-16 copies)",
)
# The bundled corpus: 83 files, 73 texts (since 021a joined corpus/dev); each edition of the real pairs of corpus/versions/ is
# a row of its own, and the draft fixture of tests/fixtures/ is not in it.
check("documents.csv: 73 versions of the corpus", len(docs) == 73, len(docs))
real = docs[docs["sources"].str.contains("corpus/versions/", regex=False)]
check(
    "documents.csv: the four editions of corpus/versions/ are four rows",
    len(real) == 4 and real["version"].is_unique,
    real["sources"].tolist(),
)
for name in ("tasks", "agencies", "targets", "amounts"):
    t = tables[name]
    check(
        f"{name}.csv joins documents.csv on version",
        t["version"].isin(docs["version"]).all(),
        t.loc[~t["version"].isin(docs["version"]), "version"].unique()[:5],
    )
tasks = tables["tasks"]
agencies = tables["agencies"]
# A task may have no heading (an attachment's line, 042's p33…), so the join is checked by
# which side each row was found on, not by a column of the task.
joined = agencies.merge(
    tasks[["version", "task"]], on=["version", "task"], how="left", indicator=True
)
check(
    "agencies.csv joins tasks.csv on (version, task)",
    (joined["_merge"] == "both").all(),
    joined.loc[joined["_merge"] != "both", ["version", "task"]].head().to_dict("records"),
)
check("tasks.csv has no duplicated (version, task)", not tasks.duplicated(["version", "task"]).any(), "")
for col in ("kind", "jurisdiction", "parent"):
    check(f"agencies.csv keeps {col}", col in agencies.columns and agencies[col].notna().any(), list(agencies.columns))
amounts = tables["amounts"]
check(
    "amounts.csv yuan reads as numbers",
    pd.api.types.is_numeric_dtype(amounts["yuan"]),
    amounts["yuan"].dtype,
)
check(
    "targets.csv value reads as numbers",
    pd.api.types.is_numeric_dtype(tables["targets"]["value"]),
    tables["targets"]["value"].dtype,
)
led = (
    agencies[(agencies["name"] == "安徽省经济和信息化厅") & (agencies["role"] == "lead")]
    .merge(docs[["version", "status"]], on="version")
)
in_force = led[led["status"].isna()]
check(
    "pandas counts the 11 lead tasks of 省经信厅 in the final text",
    in_force[["version", "task"]].drop_duplicates().shape[0] == 11,
    in_force[["version", "task"]].drop_duplicates().shape[0],
)

g = nx.read_graphml(out / "agencies.graphml")
check("the GraphML loads in networkx", g.number_of_nodes() > 0 and g.number_of_edges() > 0, (g.number_of_nodes(), g.number_of_edges()))
node = next(
    (d for _, d in g.nodes(data=True) if d.get("label") == "安徽省经济和信息化厅"),
    None,
)
check("安徽省经济和信息化厅 is a node", node is not None, "")
if node is not None:
    for attr in ("tasks", "lead_tasks"):
        check(
            f"{attr} is a number",
            isinstance(node.get(attr), int),
            type(node.get(attr)).__name__,
        )
    check("lead_tasks counts the text in force (11)", node.get("lead_tasks") == 11, node.get("lead_tasks"))
weights = [d.get("weight") for _, _, d in g.edges(data=True)]
check("edge weights are numbers", all(isinstance(w, int) for w in weights), {type(w).__name__ for w in weights})

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY

#!/usr/bin/env python3
"""Compare policykg's money extraction with JioNLP's on the same sentences, in one run.

1. exports the money sentences of the corpus with what policykg reads in each
   (`cargo run --release -p policykg-extract --example money_sentences`);
2. runs JioNLP (`jio.ner.extract_money(..., with_parsing=True)`) on the same sentences;
3. reports (a) agreement on yuan values, sentence by sentence (the multiset of values found),
   and (b) throughput, sentences per second, of both, with the ratio.

policykg sets size/eligibility thresholds ("5亿元以上企业", "投资额达到300万元") apart from
amounts; agreement is reported against policykg's amounts alone and against amounts plus
thresholds (JioNLP has no such distinction).

Scoring both against the money gold of corpus/gold (precision, recall, F1 per split, and where
each fails): `scripts/bench/money_gold.py`.

Usage: python3 scripts/bench/money_vs_jionlp.py [--rounds N] [--target-dir DIR]
Needs: `pip install jionlp` (1.5.x). Prints Markdown for docs/benchmarks.md.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cargo(args, target_dir):
    env = dict(os.environ, CARGO_TARGET_DIR=target_dir)
    cmd = ["cargo", "run", "-q", "--release", "-p", "policykg-extract",
           "--example", "money_sentences", "--"] + args
    out = subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return out.stdout


def norm(values):
    return sorted(Decimal(v).normalize() for v in values)


def jio_values(found):
    vals = []
    for m in found:
        num = m.get("detail", {}).get("num")
        if m.get("detail", {}).get("case") not in (None, "元"):
            continue  # foreign currency: policykg does not convert it either
        if isinstance(num, list):
            vals.extend(num)
        elif num is not None:
            vals.append(num)
    return vals


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200,
                    help="repeat the sentence set this many times when timing")
    ap.add_argument("--target-dir", default=os.environ.get("CARGO_TARGET_DIR",
                                                           os.path.join(ROOT, "target")))
    ap.add_argument("--show", action="store_true", help="print every disagreement")
    a = ap.parse_args()

    try:
        import jionlp as jio  # noqa: E402
    except ImportError as e:
        sys.exit(f"jionlp is not installed ({e}): pip install jionlp")

    rows = [json.loads(l) for l in cargo([], a.target_dir).splitlines() if l.strip()]
    sentences = [r["sentence"] for r in rows]
    if not sentences:
        sys.exit("no money sentences exported")

    # (a) agreement
    agree_amounts = agree_all = 0
    disagreements = []
    jio_found = []
    for r in rows:
        jv = norm(jio_values(jio.ner.extract_money(r["sentence"], with_parsing=True)))
        jio_found.append(jv)
        ours = norm(r["yuan"])
        ours_all = norm(r["yuan"] + r["thresholds"])
        agree_amounts += ours == jv
        agree_all += ours_all == jv
        if ours_all != jv:
            disagreements.append((r["doc"], r["sentence"], [str(v) for v in ours_all],
                                  [str(v) for v in jv]))

    # (b) throughput, same sentences, same number of rounds
    ours_t = json.loads(cargo(["--bench", str(a.rounds)], a.target_dir).strip().splitlines()[-1])
    start = time.perf_counter()
    for _ in range(a.rounds):
        for s in sentences:
            jio.ner.extract_money(s, with_parsing=True)
    jio_secs = time.perf_counter() - start
    jio_sps = len(sentences) * a.rounds / jio_secs
    ours_sps = ours_t["sentences_per_second"]

    n = len(rows)
    print(f"sentences: {n} (from corpus/seeds and corpus/extra), timing rounds: {a.rounds}")
    print()
    print("| measure | policykg | JioNLP |")
    print("|---|---|---|")
    print(f"| sentences where the yuan values agree (policykg amounts only) | {agree_amounts}/{n} | |")
    print(f"| sentences where the yuan values agree (amounts + thresholds) | {agree_all}/{n} | |")
    print(f"| yuan figures found | {sum(len(r['yuan']) for r in rows)} amounts + "
          f"{sum(len(r['thresholds']) for r in rows)} thresholds | {sum(len(j) for j in jio_found)} |")
    print(f"| throughput, sentences/s | {ours_sps:,.0f} | {jio_sps:,.0f} |")
    print(f"| ratio | {ours_sps / jio_sps:.1f}× | 1× |")
    if disagreements:
        print()
        print("Disagreements (policykg amounts+thresholds vs JioNLP):")
        print()
        for doc, s, ours, theirs in disagreements:
            short = s if len(s) <= 70 else s[:70] + "…"
            print(f"- {doc}: {short} — policykg {ours}, JioNLP {theirs}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Score policykg's and JioNLP's money extraction against the money gold, in one run.

For every gold file of `corpus/gold/` whose `amounts` is not null (rules in
`corpus/gold/README.md`):

- policykg: `target/debug/policykg extract DOC --format jsonl`, its `amounts`, each read as
  `policykg eval` reads it (crates/eval/src/score.rs, `amount_item`): `yuan`, else
  `min_yuan`–`max_yuan`, else `cap`, else `floor`; currency (CNY when absent); role.
- JioNLP: `jio.ner.extract_money(text, with_parsing=True)` over the document's text as policykg
  reads it (the text `policykg_read::read_path` gives, printed by the `read` example of
  crates/read: for an HTML page that is the page's text, not its bytes). `detail.num` becomes an
  exact decimal (a list of two is a range), `detail.case` a currency code (元 → CNY, 美元 → USD…).

Both are matched as the eval matches amounts (crates/eval/src/matching.rs, `match_multiset`):
one to one by (value, currency), values compared as exact decimals, a range equal only to the
same range; each gold amount in order takes the first free equal extracted amount, preferring
one with the same role. TP/FP/FN, precision, recall and F1 per split (dev, blind, all); the role
agreement of policykg's matches as the eval counts it (JioNLP has no roles).

The policykg counts are checked against `policykg eval corpus/gold --format json` (the same
binary): the script stops if they differ.

Then the failures, by category, counted by this script per split, with up to three example
snippets each from dev documents only (nobody reads blind documents' failures: blind counts are
numbers only; `--show-blind` adds their examples).

With `--speed N`: throughput on the same texts, N rounds each: `target/release/policykg extract`
over the gold documents (whole pipeline: reading, outline, every extractor, process start; only
if the release binary exists, it is never built here) against `extract_money` over their texts.

Usage: python3 scripts/bench/money_gold.py [--speed N] [--show-blind]
Needs: `pip install jionlp` (1.5.x), `cargo build -p policykg`. Prints Markdown.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal, InvalidOperation

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEBUG_BIN = os.path.join(ROOT, "target", "debug", "policykg")
RELEASE_BIN = os.path.join(ROOT, "target", "release", "policykg")
READ_EXAMPLE = os.path.join(ROOT, "target", "debug", "examples", "read")

# JioNLP's `case` (the currency word as written) → ISO 4217, as the gold writes currencies.
CURRENCIES = {
    "元": "CNY", "人民币": "CNY", "块": "CNY", "美元": "USD", "美金": "USD", "港元": "HKD",
    "港币": "HKD", "澳元": "AUD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP", "韩元": "KRW",
    "新台币": "TWD", "台币": "TWD", "卢布": "RUB", "法郎": "CHF", "新加坡元": "SGD",
}


# ---------------------------------------------------------------- values, as the eval has them

def dec(x):
    """An exact decimal from a JSON number (parsed as Decimal) or string; None if not one."""
    if x is None or isinstance(x, bool):
        return None
    try:
        return Decimal(str(x).strip())
    except InvalidOperation:
        return None


def parse_quantity(s):
    """`Quantity::parse`: "5000", "1.5", or a range "200000-2000000" (a leading '-' is a sign)."""
    s = s.strip()
    i = s.find("-", 1)
    if i > 0:
        return ("range", Decimal(s[:i].strip()), Decimal(s[i + 1:].strip()))
    return ("one", Decimal(s))


def show_q(q):
    if q is None:
        return "?"
    if q[0] == "one":
        return fmt(q[1])
    return f"{fmt(q[1])}-{fmt(q[2])}"


def fmt(d):
    d = d.normalize()
    return f"{d:f}"


def normalise(s):
    return "".join(c for c in s if not c.isspace())


def text_field(v, key):
    x = v.get(key)
    if x is None:
        return None
    if isinstance(x, str):
        return x
    if isinstance(x, dict) and isinstance(x.get("text"), str):
        return x["text"]
    return json.dumps(x)


def policykg_item(a):
    """`amount_item`: yuan, else min/max, else cap, else floor."""
    y, lo, hi = dec(a.get("yuan")), dec(a.get("min_yuan")), dec(a.get("max_yuan"))
    if y is not None:
        q = ("one", y)
    elif lo is not None and hi is not None:
        q = ("range", lo, hi)
    else:
        c = dec(a.get("cap"))
        if c is None:
            c = dec(a.get("floor"))
        q = ("one", c) if c is not None else None
    cur = text_field(a, "currency") or "CNY"
    span = a.get("value_span") or a.get("span") or {}
    return {
        "q": q, "cur": normalise(cur), "role": text_field(a, "role"),
        "start": span.get("start"), "end": span.get("end"),
        "text": a.get("text") or "",
    }


def jio_items(found):
    out = []
    for m in found:
        d = m.get("detail") or {}
        num = d.get("num")
        if isinstance(num, list):
            vals = [dec(v) for v in num]
            q = ("range", vals[0], vals[1]) if len(vals) == 2 and None not in vals else None
            if q is not None and q[1] == q[2]:
                q = ("one", q[1])
        else:
            v = dec(num)
            q = ("one", v) if v is not None else None
        case = d.get("case") or "元"
        start, end = (m.get("offset") or [None, None])[:2]
        out.append({
            "q": q, "cur": CURRENCIES.get(case, case), "role": None,
            "start": start, "end": end, "text": m.get("text") or "",
            "definition": d.get("definition"),
        })
    return out


def match(gold, extracted):
    """`match_multiset`: each gold item in order takes the first unclaimed equal extracted item,
    preferring one with the same role."""
    claimed = [False] * len(extracted)
    res = []
    for g in gold:
        free = [i for i, e in enumerate(extracted)
                if not claimed[i] and e["q"] is not None and e["q"] == g["q"]
                and e["cur"] == g["cur"]]
        best = next((i for i in free if extracted[i]["role"] == g["role"]),
                    free[0] if free else None)
        if best is not None:
            claimed[best] = True
        res.append(best)
    return res


# ---------------------------------------------------------------- reading the documents

def run(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True, **kw).stdout


def document_text(path):
    """The text policykg reads (`read_path(..).text`), from the `read` example's output: the lines
    after its header (`== source`, fields, warnings, `  N tables`)."""
    out = run([READ_EXAMPLE, path])
    lines = out.split("\n")
    for i, line in enumerate(lines):
        if re.fullmatch(r"  \d+ tables", line):
            text = "\n".join(lines[i + 1:])
            return text[:-1] if text.endswith("\n") else text
    sys.exit(f"{path}: no text in the read example's output")


def extract(path):
    out = run([DEBUG_BIN, "extract", path, "--format", "jsonl"])
    return json.loads(out, parse_float=Decimal)


def load_gold():
    docs = []
    for gf in sorted(glob.glob(os.path.join(ROOT, "corpus", "gold", "*.json"))):
        g = json.load(open(gf, encoding="utf-8"))
        if g.get("amounts") is None:
            continue
        doc = os.path.normpath(os.path.join(os.path.dirname(gf), g["file"]))
        amounts = []
        for a in g["amounts"]:
            amounts.append({
                "q": parse_quantity(str(a["value"])), "cur": normalise(a["currency"]),
                "role": a["role"], "snippet": a.get("snippet") or "",
            })
        docs.append({"id": os.path.basename(gf)[:-5], "split": g["split"],
                     "path": os.path.relpath(doc, ROOT), "gold": amounts})
    return docs


def locate(text, snippet):
    """Char intervals of the snippet in the text, whitespace ignored."""
    if not snippet:
        return []
    keep = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    flat = "".join(c for _, c in keep)
    needle = normalise(snippet)
    out, at = [], flat.find(needle)
    while at >= 0 and needle:
        out.append((keep[at][0], keep[at + len(needle) - 1][0] + 1))
        at = flat.find(needle, at + 1)
    return out


def context(text, start, end, before=12, after=8):
    if start is None:
        return "?"
    s = text[max(0, start - before):start] + "【" + text[start:end] + "】" + text[end:end + after]
    return s.replace("\n", " ")


# ---------------------------------------------------------------- failure categories

NOT_MONEY_UNIT = re.compile(r"元\s*(GDP|地区生产总值|生产总值|增加值|产值|能耗|工业增加值|营业收入|收入)")
PER_UNIT_BEFORE = re.compile(r"(每|单位|亿元|万元)\s*$")


def overlaps(a, b):
    return a[0] is not None and b[0] is not None and a[0] < b[1] and b[0] < a[1]


def classify_fn(g, doc, extracted, claimed):
    """Why a gold amount was not matched."""
    where = g["where"]
    near = [e for i, e in enumerate(extracted)
            if not claimed[i] and any(overlaps((e["start"], e["end"]), w) for w in where)]
    cur = "" if g["cur"] == "CNY" else f" ({g['cur']})"
    if not where:
        return "gold snippet not found in the text" + cur
    if not near:
        if g["q"][0] == "range":
            return "range: not found" + cur
        return f"not found (gold role {g['role']})" + cur
    e = near[0]
    if e["q"] is None:
        return "found, no value read" + cur
    if g["q"][0] == "range" and e["q"][0] == "one" and e["q"][1] in g["q"][1:]:
        return "range read as one of its ends" + cur
    if g["q"][0] == "one" and e["q"][0] == "range":
        return "one amount read as a range" + cur
    if e["cur"] != g["cur"]:
        return "currency differs" + cur
    if g["q"][0] == "one" and e["q"][0] == "one" and g["q"][1] != 0 and e["q"][1] != 0:
        r = e["q"][1] / g["q"][1]
        if r in (Decimal(10) ** k for k in range(-8, 9)):
            return "value off by a power of ten (scale)" + cur
    return "value misread" + cur


def classify_fp(e, doc, gold_all, matched_gold_q):
    text = doc["text"]
    span = (e["start"], e["end"])
    after = text[e["end"]:e["end"] + 8] if e["end"] is not None else ""
    before = text[max(0, (e["start"] or 0) - 6):e["start"] or 0]
    etext = e["text"]
    if e["q"] is None:
        return "no value"
    if "多元" in text[max(0, (e["start"] or 0) - 2):(e["end"] or 0) + 2] and not re.search(r"\d", etext):
        return "多元 / 元 without a numeral"
    if NOT_MONEY_UNIT.search(etext + after) and re.match(r"\s*(GDP|地区生产总值|生产总值|增加值|产值|能耗)", after):
        return "unit of measure (万元GDP, 万元产值…)"
    if not re.search(r"[0-9０-９一二三四五六七八九十百千万亿两零〇]", etext.replace("万元", "").replace("亿元", "")):
        return "no numeral (万元, 亿元, 过亿元)"
    if re.search(r"[%％]|年|月|日|号", etext):
        return "date, percentage or number joined to money"
    here = [g for g in gold_all if any(overlaps(span, w) for w in g["where"])]
    if any(g["q"][0] == "range" for g in here):
        return "part of a gold range (range split)"
    if any(g["q"] == e["q"] for g in here):
        return "right value here, but an earlier mention took the gold amount"
    if here:
        return "at a gold amount, other value"
    if e["q"] in matched_gold_q:
        return "repeat of a value the gold has elsewhere in the document"
    if e["q"][0] == "range":
        return "range, not in gold"
    return "not in gold"


# ---------------------------------------------------------------- scoring

def prf(c):
    tp, fp, fn = c
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return p, r, f


def score(docs, key):
    """Counts per split, failures per category, role agreement (policykg)."""
    counts = defaultdict(lambda: [0, 0, 0])
    roles = defaultdict(lambda: [0, 0, 0])  # agree, disagree, missing
    failures = defaultdict(lambda: defaultdict(list))  # split → (kind, category) → examples
    for d in docs:
        ex = d[key]
        m = match(d["gold"], ex)
        claimed = [False] * len(ex)
        for i in m:
            if i is not None:
                claimed[i] = True
        tp = sum(i is not None for i in m)
        fn = len(m) - tp
        fp = len(ex) - tp
        for s in (d["split"], "all"):
            c = counts[s]
            c[0] += tp
            c[1] += fp
            c[2] += fn
        for g, i in zip(d["gold"], m):
            if i is None:
                continue
            r = ex[i]["role"]
            slot = 0 if r == g["role"] else (1 if r is not None else 2)
            for s in (d["split"], "all"):
                roles[s][slot] += 1
        matched_q = [g["q"] for g, i in zip(d["gold"], m) if i is not None]
        for g, i in zip(d["gold"], m):
            if i is None:
                cat = classify_fn(g, d, ex, claimed)
                failures[d["split"]][("missed (FN)", cat)].append(
                    f"{d['id']}: {g['snippet']} → {show_q(g['q'])}")
        for i, e in enumerate(ex):
            if not claimed[i]:
                cat = classify_fp(e, d, d["gold"], matched_q)
                failures[d["split"]][("extra (FP)", cat)].append(
                    f"{d['id']}: {context(d['text'], e['start'], e['end'])} → {show_q(e['q'])}")
    return counts, roles, failures


def eval_counts():
    out = json.loads(run([DEBUG_BIN, "eval", "corpus/gold", "--format", "json"]))
    res = {}
    for s in out.get("summaries", []):
        f = s.get("fields", {}).get("amounts")
        r = s.get("amount_roles") or {}
        if f is not None:
            res[s["split"]] = ((f["tp"], f["fp"], f.get("fn", f.get("fn_"))),
                               (r.get("agree"), r.get("disagree"), r.get("missing")))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--speed", type=int, default=0, metavar="N",
                    help="also time both over the gold texts, N rounds each")
    ap.add_argument("--show-blind", action="store_true",
                    help="also list blind documents' failures (do not tune on them)")
    ap.add_argument("--examples", type=int, default=3)
    a = ap.parse_args()

    try:
        import jionlp as jio
    except ImportError as e:
        sys.exit(f"jionlp is not installed ({e}): pip install jionlp")
    for b in (DEBUG_BIN,):
        if not os.path.exists(b):
            sys.exit(f"{b} missing: cargo build -p policykg")
    if not os.path.exists(READ_EXAMPLE):
        run(["cargo", "build", "-q", "-p", "policykg-read", "--example", "read"])

    docs = load_gold()
    jio_secs = 0.0
    for d in docs:
        d["text"] = document_text(d["path"])
        x = extract(d["path"])
        d["policykg"] = [policykg_item(am) for am in x.get("amounts") or []]
        # Spans are char offsets into the same text: check it, so JioNLP reads what policykg reads.
        for am, it in zip(x.get("amounts") or [], d["policykg"]):
            sp = am.get("span") or {}
            if sp and normalise(d["text"][sp["start"]:sp["end"]]) != normalise(am.get("text") or ""):
                sys.exit(f"{d['path']}: the text differs from what policykg read "
                         f"(span {sp} is not {am.get('text')!r})")
        t0 = time.perf_counter()
        found = jio.ner.extract_money(d["text"], with_parsing=True)
        jio_secs += time.perf_counter() - t0
        d["jionlp"] = jio_items(found)
        for g in d["gold"]:
            g["where"] = locate(d["text"], g["snippet"])

    pk_counts, pk_roles, pk_fail = score(docs, "policykg")
    jio_counts, _, jio_fail = score(docs, "jionlp")

    ev = eval_counts()
    for s in ("dev", "blind", "all"):
        if s in ev and ev[s] != (tuple(pk_counts[s]), tuple(pk_roles[s])):
            sys.exit(f"policykg {s} counts {pk_counts[s]}, roles {pk_roles[s]} differ from "
                     f"policykg eval's {ev[s]}")
    same = all(s in ev for s in ("dev", "blind", "all"))

    n = defaultdict(int)
    for d in docs:
        n[d["split"]] += 1
        n["all"] += 1
    g_n = defaultdict(int)
    for d in docs:
        g_n[d["split"]] += len(d["gold"])
        g_n["all"] += len(d["gold"])

    print(f"money gold: {n['all']} documents ({n['dev']} dev, {n['blind']} blind), "
          f"{g_n['all']} amounts ({g_n['dev']} dev, {g_n['blind']} blind)")
    print()
    print("| split | extractor | TP | FP | FN | P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for s in ("blind", "dev", "all"):
        for name, c in (("policykg", pk_counts[s]), ("JioNLP", jio_counts[s])):
            p, r, f = prf(c)
            print(f"| {s} | {name} | {c[0]} | {c[1]} | {c[2]} | {p:.3f} | {r:.3f} | {f:.3f} |")
    print()
    for s in ("blind", "dev", "all"):
        ag, dis, mis = pk_roles[s]
        print(f"policykg amount roles agree on {ag} of {ag + dis + mis} matched amounts ({s})")
    print()
    print("policykg counts and role agreement equal `policykg eval corpus/gold`'s (dev, blind, all): "
          + ("yes" if same else "not checked (eval printed no amounts)"))

    for name, fail in (("JioNLP", jio_fail), ("policykg", pk_fail)):
        keys = set(fail["dev"]) | set(fail["blind"])
        print()
        print(f"{name} failures (examples from dev documents only"
              + (", blind ones too: --show-blind" if a.show_blind else "") + "):")
        print()
        print("| kind | category | dev | blind | examples |")
        print("|---|---|---|---|---|")
        order = sorted(keys, key=lambda k: (-len(fail["dev"][k]) - len(fail["blind"][k]), k))
        for k in order:
            ex = fail["dev"][k] + (fail["blind"][k] if a.show_blind else [])
            shown = "; ".join(e.replace("|", "\\|") for e in ex[:a.examples]) or "(blind only)"
            print(f"| {k[0]} | {k[1]} | {len(fail['dev'][k])} | {len(fail['blind'][k])} | {shown} |")

    if a.speed:
        chars = sum(len(d["text"]) for d in docs)
        mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
        t0 = time.perf_counter()
        for _ in range(a.speed):
            for d in docs:
                jio.ner.extract_money(d["text"], with_parsing=True)
        jio_t = (time.perf_counter() - t0) / a.speed
        print()
        print(f"speed over the {len(docs)} gold texts ({chars:,} chars, {mb:.2f} MB of UTF-8), "
              f"{a.speed} rounds each:")
        print()
        print("| extractor | seconds per round | MB/s | ratio |")
        print("|---|---|---|---|")
        if os.path.exists(RELEASE_BIN):
            paths = [d["path"] for d in docs]
            t0 = time.perf_counter()
            for _ in range(a.speed):
                subprocess.run([RELEASE_BIN, "extract", *paths, "--format", "jsonl"], cwd=ROOT,
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            pk_t = (time.perf_counter() - t0) / a.speed
            # The fixed cost of one process (start, bundled ontology) on a one-character file.
            with tempfile.TemporaryDirectory() as tmp:
                tiny = os.path.join(tmp, "x.txt")
                with open(tiny, "w", encoding="utf-8") as f:
                    f.write("x")
                t0 = time.perf_counter()
                for _ in range(a.speed):
                    subprocess.run([RELEASE_BIN, "extract", tiny, "--format", "jsonl"], cwd=ROOT,
                                   check=True, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
                start_t = (time.perf_counter() - t0) / a.speed
            print(f"| policykg extract, release (whole pipeline, one process) | {pk_t:.3f} | "
                  f"{mb / pk_t:.2f} | {jio_t / pk_t:.1f}× |")
            w = pk_t - start_t
            print(f"| the same less a one-character file's {start_t:.3f} s (process start, ontology) | "
                  f"{w:.3f} | {mb / w:.2f} | {jio_t / w:.1f}× |")
        else:
            print("| policykg | (target/release/policykg missing: not built here) | | |")
        print(f"| JioNLP extract_money | {jio_t:.3f} | {mb / jio_t:.2f} | 1× |")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# End-to-end check of `policykg diff` and its HTML 对照表, looked at in a real browser.
#
# Usage: scripts/e2e/diff_screenshot.sh BIN
#   BIN: the policykg binary (e.g. target/debug/policykg).
#
# Compares the Shanghai 优化营商环境条例 of 2020 and 2024 (corpus/extra/06a_*, 06b_*) in every
# format, checks what each must contain, renders the HTML report with headless Chromium (wide,
# 400 px wide with no horizontal scrolling, and printed) and leaves in target/e2e/:
#   diff-report.html  the report          diff-report.png   its screenshot (1280×2000)
#   diff-report-400.png  at 400 px        diff-report.pdf   as printed (nothing folded)
#   diff-report.json  the JSON output     diff-report.txt   the text output
#   diff-report.xlsx, diff-report.docx    the 对照表 to file
# Installs Debian's chromium when it is missing (needs root, as in CI).
set -euo pipefail

BIN=${1:?usage: $0 BIN}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/target/e2e"
mkdir -p "$OUT"
OLD=corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md
NEW=corpus/extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md
cd "$ROOT"

fail() { echo "diff_screenshot: FAIL: $*" >&2; exit 1; }
need() { # need FILE TEXT: FILE contains TEXT
  grep -qF -- "$2" "$1" || fail "$1 does not contain: $2"
}

"$BIN" diff "$OLD" "$NEW" --format html --out "$OUT/diff-report.html"
"$BIN" diff "$OLD" "$NEW" --format json --out "$OUT/diff-report.json"
NO_COLOR=1 "$BIN" diff "$OLD" "$NEW" --format text > "$OUT/diff-report.txt"
"$BIN" diff "$OLD" "$NEW" --format xlsx --out "$OUT/diff-report.xlsx"
"$BIN" diff "$OLD" "$NEW" --format docx --out "$OUT/diff-report.docx"

# Two unrelated documents: a warning and exit status 5, unless --force.
set +e
"$BIN" diff corpus/extra/03_national_guofa2018-39_jiuye.txt corpus/extra/04_national_guofa2018-42_nongjihua.txt \
  --format html --out "$OUT/unrelated.html" 2>"$OUT/unrelated.err"
STATUS=$?
set -e
[ "$STATUS" -eq 5 ] || fail "unrelated documents: exit status $STATUS, not 5"
need "$OUT/unrelated.err" "look unrelated"
[ ! -e "$OUT/unrelated.html" ] || fail "a report was written for unrelated documents"

# XLSX and DOCX: zip packages whose parts hold the table's header and the Chinese text.
python3 - "$OUT/diff-report.xlsx" "$OUT/diff-report.docx" <<'PY'
import sys, zipfile
x = zipfile.ZipFile(sys.argv[1])
strings = x.read("xl/sharedStrings.xml").decode("utf-8")
for text in ("序号", "修订前", "修订后", "说明", "企业等经营主体", "SHA-256"):
    assert text in strings, text
d = zipfile.ZipFile(sys.argv[2])
doc = d.read("word/document.xml").decode("utf-8")
assert doc.count("<w:tblHeader/>") == 1
for text in ("序号", "修订前", "修订后", "说明", "上海市优化营商环境条例", "企业等经营主体", "SHA-256"):
    assert text in doc, text
print("diff_screenshot: XLSX and DOCX ok:", doc.count("<w:tr>") - 1, "rows")
PY

# The HTML is one self-contained file: no script, no external stylesheet, image or font.
H="$OUT/diff-report.html"
need "$H" "<th>修订前</th><th>修订后</th>"
need "$H" "上海市优化营商环境条例"
need "$H" "2020-04-10"
need "$H" "2024-09-27"
need "$H" "全文统一修改"
need "$H" "将“<del class=sys>市场主体</del>”修改为“<ins class=sys>企业等经营主体</ins>”"
need "$H" "<ins>全面提升上海城市软实力，</ins>"
need "$H" "<label for=expand-all"
need "$H" "@media print"
need "$H" "生成信息"
if grep -qiE '<script|<link|src=|@import|url\(' "$H"; then
  fail "$H loads something from outside the file"
fi

# JSON: rows with spans in both versions, the split of 第五十六条, the systematic change.
J="$OUT/diff-report.json"
need "$J" '"kind": "split"'
need "$J" '"old": "市场主体"'
need "$J" '"new": "企业等经营主体"'
python3 - "$J" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
arts = lambda units: [u["number"] for u in units if u["kind"] == "article"]
added = [n for r in d["rows"] if r["kind"] == "added" for n in arts(r["new"])]
assert len(added) == 16 and added[0] == "第二十三条" and added[-1] == "第八十七条", added
split = [r for r in d["rows"] if r["kind"] == "split"]
assert [arts(r["old"]) for r in split] == [["第五十六条"]], split
assert arts(split[0]["new"]) == ["第六十六条", "第六十七条"]
for r in d["rows"]:
    for h in r["hunks"]:
        for side in ("old", "new"):
            for p in h[side]:
                assert p["span"]["end"] - p["span"]["start"] == len(p["text"]), p
print("diff_screenshot: JSON ok:", d["summary"]["added"], "added,", d["summary"]["modified"], "modified")
PY

# Text: no colour with NO_COLOR, word-diff marks instead.
T="$OUT/diff-report.txt"
need "$T" "throughout: 市场主体 → 企业等经营主体"
need "$T" "{+全面提升上海城市软实力，+}"
if grep -q $'\x1b\[' "$T"; then fail "$T has colour codes despite NO_COLOR"; fi

# The browser.
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "diff_screenshot: installing chromium" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  CHROMIUM=$(command -v chromium)
fi
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
rm -f "$OUT/diff-report.png"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$PROFILE" --hide-scrollbars --window-size=1280,2000 \
  --screenshot="$OUT/diff-report.png" "file://$H" 2>"$OUT/chromium.log" || {
  cat "$OUT/chromium.log" >&2
  fail "chromium could not render $H"
}
[ -s "$OUT/diff-report.png" ] || fail "no screenshot"
SIZE=$(stat -c %s "$OUT/diff-report.png")
# A blank 1280×2000 page compresses to a few KB; the report with text and colours is far larger.
[ "$SIZE" -gt 100000 ] || fail "screenshot is only $SIZE bytes: the page rendered blank?"

# 400 px: the report in a 400 px frame (a headless window is never narrower than ~500 px); the
# page must not scroll sideways (its scroll width is the frame's width less the scroll bar).
cat > "$OUT/diff-report-400.html" <<'HTML'
<!DOCTYPE html><html><head><style>body{margin:0}iframe{border:0;display:block}</style></head>
<body><iframe id=f src="diff-report.html#r10" width=400 height=2000></iframe><script>
document.getElementById('f').onload = function () {
  var e = this.contentDocument.documentElement;
  document.title = 'scroll ' + e.scrollWidth + ' client ' + e.clientWidth;
};</script></body></html>
HTML
WIDTHS=$(timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$PROFILE" --allow-file-access-from-files --virtual-time-budget=5000 \
  --window-size=600,900 --dump-dom "file://$OUT/diff-report-400.html" 2>>"$OUT/chromium.log" \
  | grep -o 'scroll [0-9]* client [0-9]*' || true)
read -r _ SCROLL _ CLIENT <<<"$WIDTHS"
[ -n "${SCROLL:-}" ] || fail "could not measure the page at 400 px"
[ "$SCROLL" -le "$CLIENT" ] || fail "at 400 px the page scrolls sideways ($SCROLL > $CLIENT px)"
rm -f "$OUT/diff-report-400.png"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$PROFILE" --allow-file-access-from-files --hide-scrollbars \
  --window-size=400,2000 --screenshot="$OUT/diff-report-400.png" "file://$OUT/diff-report-400.html" \
  2>>"$OUT/chromium.log" || fail "chromium could not render the 400 px page"
[ -s "$OUT/diff-report-400.png" ] || fail "no 400 px screenshot"

# Printed: every folded text unfolded, no control on paper.
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$PROFILE" --print-to-pdf="$OUT/diff-report.pdf" --no-pdf-header-footer \
  "file://$H" 2>>"$OUT/chromium.log" || fail "chromium could not print $H"
if command -v pdftotext >/dev/null; then
  pdftotext "$OUT/diff-report.pdf" "$OUT/diff-report.pdf.txt"
  if grep -qE '……展开|全部展开' "$OUT/diff-report.pdf.txt"; then fail "folded text on paper"; fi
  need "$OUT/diff-report.pdf.txt" "生成信息"
fi
echo "diff_screenshot: ok: $OUT/diff-report.png ($SIZE bytes), 400 px: $SCROLL px wide, printed: $OUT/diff-report.pdf"

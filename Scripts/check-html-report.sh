#!/usr/bin/env bash
# Renders a `pmce bench --html` page in headless Chromium and checks that it drew its charts.
#
#   Scripts/check-html-report.sh [REPORT.html] [SCREENSHOT.png]
#
# Without a report, runs a short benchmark on a generated corpus to make one. Needs Chromium
# (`apt-get install -y chromium`). Exits non-zero when Chromium fails, the screenshot is blank,
# or the rendered DOM lacks a scatter plot, a Pareto front or a memory chart per corpus.
set -euo pipefail

cd "$(dirname "$0")/.."
report="${1:-}"
screenshot="${2:-${TMPDIR:-/tmp}/pmce-report.png}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
    echo "error: Chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi

if [[ -z "$report" ]]; then
    report="$work/report.html"
    python3 - "$work/chat.ndjson" <<'PY'
import json, random, sys
r = random.Random(7)
with open(sys.argv[1], "w") as f:
    for i in range(800):
        words = " ".join(r.choice(["hello", "world", "typing", "online", "lunch", "deploy"]) for _ in range(r.randint(2, 20)))
        f.write(json.dumps({"type": "message", "id": i, "user": r.choice(["ann", "bob"]), "text": words}) + "\n")
PY
    swift build -c release --product pmce >/dev/null
    .build/release/pmce bench --corpus "$work/chat.ndjson" --repetitions 3 --time-budget 0 --html "$report" >/dev/null
fi
[[ -f "$report" ]] || { echo "error: no report at $report" >&2; exit 2; }
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile")
"$browser" "${flags[@]}" --window-size=1400,2000 --screenshot="$screenshot" "$url" 2>"$work/chromium.log" || {
    cat "$work/chromium.log" >&2; exit 1; }
"$browser" "${flags[@]}" --dump-dom "$url" 2>>"$work/chromium.log" >"$work/dom.html"

fail() { echo "FAIL: $*" >&2; exit 1; }
[[ -s "$screenshot" ]] || fail "Chromium wrote no screenshot"
sections=$(grep -o '<section class="corpus"' "$work/dom.html" | wc -l)
scatters=$(grep -o '<svg class="scatter"' "$work/dom.html" | wc -l)
bars=$(grep -o '<svg class="memory"' "$work/dom.html" | wc -l)
(( sections > 0 )) || fail "no corpus sections in the rendered page"
(( scatters == sections )) || fail "$scatters scatter plots for $sections corpora"
(( bars == sections )) || fail "$bars memory charts for $sections corpora"
grep -q 'class="pareto"' "$work/dom.html" || fail "no Pareto-optimal point highlighted"
# A blank page compresses to almost nothing; a page with charts does not.
python3 - "$screenshot" <<'PY' || fail "the screenshot looks blank"
import sys, zlib
data = open(sys.argv[1], "rb").read()
sys.exit(0 if len(data) > 20000 else 1)
PY
echo "OK: $sections corpora rendered with scatter, Pareto front and memory chart; screenshot: $screenshot"

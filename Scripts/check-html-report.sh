#!/usr/bin/env bash
# Renders `pmce bench --html` pages in headless Chromium, screenshots them and checks what they drew.
#
#   Scripts/check-html-report.sh [--width PX] [--height PX] [REPORT.html [SCREENSHOT.png]]
#   Scripts/check-html-report.sh [--width PX] [--height PX] [--scratch-path DIR] --sizes [DIRECTORY]
#
# With a report, checks that one page. Without, runs a short benchmark on a generated corpus to
# make one. With --sizes, makes two pages from the same corpus, the default 8-spec matrix and a
# 126-spec deflate sweep (window bits 9...15 × memory level 1...9 × takeover on/off), and writes
# DIRECTORY/html-8.png and DIRECTORY/html-126.png (DIRECTORY defaults to ${TMPDIR:-/tmp}).
# Screenshots are --width wide (default 1400 px) and --height tall (default 3000 px). The pages it
# makes come from `swift build -c release --product pmce` in --scratch-path (default .build).
#
# Needs Chromium (`apt-get install -y chromium`). Exits non-zero when Chromium fails, a screenshot
# is blank, or a page lacks per corpus: a scatter plot, a Pareto front, a memory chart or heatmaps;
# when a scatter of more than 16 points labels any point off the Pareto front; when the page refers
# to anything outside itself; or when its table script does not sort (keeping `↳` rows under their
# row) and filter in the browser.
set -euo pipefail

cd "$(dirname "$0")/.."
width=1400 height=3000 sizes=0 scratch=.build
while [[ $# -gt 0 ]]; do
    case "$1" in
    --width) width="$2"; shift 2 ;;
    --height) height="$2"; shift 2 ;;
    --sizes) sizes=1; shift ;;
    --scratch-path) scratch="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
    esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
    echo "error: Chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile")

fail() { echo "FAIL: $*" >&2; exit 1; }

# A generated chat corpus and a release pmce, for the pages this script makes itself.
make_corpus() {
    python3 - "$work/chat.ndjson" <<'PY'
import json, random, sys
r = random.Random(7)
with open(sys.argv[1], "w") as f:
    for i in range(800):
        words = " ".join(r.choice(["hello", "world", "typing", "online", "lunch", "deploy"]) for _ in range(r.randint(2, 20)))
        f.write(json.dumps({"type": "message", "id": i, "user": r.choice(["ann", "bob"]), "text": words}) + "\n")
PY
    swift build -c release --scratch-path "$scratch" --product pmce >"$work/build.log" 2>&1 || {
        tail -40 "$work/build.log" >&2; exit 1; }
    pmce="$scratch/release/pmce"
}

# check REPORT.html SCREENSHOT.png: renders, screenshots and checks one page.
check() {
    local report="$1" screenshot="$2"
    [[ -f "$report" ]] || { echo "error: no report at $report" >&2; exit 2; }
    local url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
    "$browser" "${flags[@]}" --window-size="$width,$height" --screenshot="$screenshot" "$url" 2>"$work/chromium.log" || {
        cat "$work/chromium.log" >&2; exit 1; }
    [[ -s "$screenshot" ]] || fail "Chromium wrote no screenshot of $report"
    # A blank page compresses to almost nothing; a page with charts does not.
    python3 - "$screenshot" <<'PY' || fail "the screenshot of $report looks blank"
import sys
sys.exit(0 if len(open(sys.argv[1], "rb").read()) > 20000 else 1)
PY
    # Nothing from elsewhere: no URL in an attribute, style or script.
    if grep -Eq '(src|href|xlink:href)="[^#"]|url\(|@import|<link|https?://' "$report"; then
        fail "$report refers to something outside itself: $(grep -Eo '(src|href|xlink:href)="[^#"][^"]*"|url\([^)]*\)|@import|<link|https?://[^" <]*' "$report" | head -3 | tr '\n' ' ')"
    fi
    # The page as the browser leaves it once its script has run, then again after a probe that
    # sorts the first table by ratio, descending, and filters it.
    "$browser" "${flags[@]}" --dump-dom "$url" 2>>"$work/chromium.log" >"$work/dom.html"
    python3 - "$report" "$work/probe.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
probe = r"""<script>
(function () {
  var table = document.querySelector("table.figures"), result = "OK";
  function fail(reason) { if (result === "OK") result = "FAIL: " + reason; }
  try {
    if (!table || !table.classList.contains("sortable")) fail("the table script did not run");
    else {
      var header = table.tHead.rows[0].cells[1];
      header.click(); header.click();
      if (header.getAttribute("aria-sort") !== "descending") fail("two clicks on ratio did not sort descending");
      var last = Infinity;
      Array.prototype.forEach.call(table.tBodies, function (group) {
        if (group.rows[0].classList.contains("reference")) fail("a group starts with a reference row");
        Array.prototype.forEach.call(group.rows, function (row, index) {
          if (index > 0 && !row.classList.contains("reference")) fail("two spec rows in one group");
        });
        var ratio = parseFloat(group.rows[0].cells[1].getAttribute("data-sort"));
        if (ratio > last + 1e-12) fail("ratios not descending after sorting");
        last = ratio;
      });
      var input = table.previousElementSibling.querySelector("input.filter");
      if (!input || table.previousElementSibling.hidden) fail("the filter box is not shown");
      else {
        var first = table.tBodies[0].getAttribute("data-label");
        input.value = first; input.dispatchEvent(new Event("input"));
        var shown = Array.prototype.filter.call(table.tBodies, function (group) { return !group.hidden; });
        if (shown.length < 1 || shown.some(function (group) { return group.getAttribute("data-label").toLowerCase().indexOf(first.toLowerCase()) < 0; }))
          fail("filtering by '" + first + "' kept other specs");
      }
    }
  } catch (error) { fail("the probe threw " + error); }
  document.body.setAttribute("data-probe", result);
})();
</script>
"""
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", probe + "</body>"))
PY
    "$browser" "${flags[@]}" --dump-dom "file://$work/probe.html" 2>>"$work/chromium.log" >"$work/probe-dom.html"
    local probe
    probe="$( (grep -o 'data-probe="[^"]*"' "$work/probe-dom.html" || true) | head -1 | sed 's/^data-probe="//; s/"$//')"
    [[ "$probe" == "OK" ]] || fail "table script in $report: ${probe:-the probe did not run}"
    # Per corpus: a scatter, a Pareto front, a memory chart or heatmaps; only the front labelled
    # in a scatter of more than 16 points.
    python3 - "$work/dom.html" "$report" <<'PY'
import re, sys
dom, name = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
sections = dom.split('<section class="corpus"')[1:]
if not sections: sys.exit(f"FAIL: no corpus sections in {name}")
for section in sections:
    corpus = re.search(r'<h2>(.*?)</h2>', section).group(1)
    scatter = section.split('<svg class="scatter"')[1].split("</svg>")[0] if '<svg class="scatter"' in section else None
    if scatter is None: sys.exit(f"FAIL: {corpus}: no scatter plot")
    if 'class="pareto"' not in scatter: sys.exit(f"FAIL: {corpus}: no Pareto-optimal point highlighted")
    heatmaps = section.count('<svg class="heatmap"')
    if '<svg class="memory"' not in section and heatmaps == 0: sys.exit(f"FAIL: {corpus}: neither a memory chart nor heatmaps")
    points, titles = scatter.count('<g class="point'), scatter.count("<title>")
    labels, front = scatter.count('<text class="label"'), scatter.count("pareto-point")
    if titles != points: sys.exit(f"FAIL: {corpus}: {titles} tooltips for {points} points")
    if points > 16 and labels != front: sys.exit(f"FAIL: {corpus}: {labels} labels for {front} Pareto points among {points}")
    bars = section.count('<g class="bar"')
    if bars > 16: sys.exit(f"FAIL: {corpus}: {bars} memory bars")
    print(f"  {corpus}: {points} points, {labels} labelled, {front} Pareto-optimal, {bars} memory bars, {heatmaps} heatmaps")
PY
    echo "OK: $report: $(grep -o '<section class="corpus"' "$work/dom.html" | wc -l) corpora; screenshot ${width}×${height}: $screenshot"
}

if (( sizes )); then
    directory="${1:-${TMPDIR:-/tmp}}"
    mkdir -p "$directory"
    make_corpus
    run=("$pmce" bench --corpus "$work/chat.ndjson" --repetitions 3 --time-budget 0)
    "${run[@]}" --html "$directory/html-8.html" >/dev/null
    "${run[@]}" --window-bits 9...15 --mem-level 1...9 --takeover both --html "$directory/html-126.html" >/dev/null
    check "$directory/html-8.html" "$directory/html-8.png"
    grep -q '<svg class="heatmap"' "$directory/html-8.html" && fail "the default 8-spec matrix drew heatmaps"
    check "$directory/html-126.html" "$directory/html-126.png"
    [[ $(grep -o '<svg class="heatmap"' "$directory/html-126.html" | wc -l) -eq 6 ]] || fail "the 126-spec sweep did not draw 3 metrics × 2 takeover modes of heatmaps"
    exit 0
fi

report="${1:-}"
screenshot="${2:-${TMPDIR:-/tmp}/pmce-report.png}"
if [[ -z "$report" ]]; then
    report="$work/report.html"
    make_corpus
    "$pmce" bench --corpus "$work/chat.ndjson" --repetitions 3 --time-budget 0 --html "$report" >/dev/null
fi
check "$report" "$screenshot"

#!/usr/bin/env bash
# Runs the package-benchmark targets in Benchmarks/ and checks them against the static
# thresholds in Benchmarks/Thresholds/, telling regressions from improvements.
#
# `swift package benchmark thresholds check` fails (exit 1) both when a metric got worse and
# when it got better, printing `error: benchmarkThresholdRegression` or
# `error: benchmarkThresholdImprovement`. This wrapper reads which one it was:
#
#   exit 0  every gated metric equals its threshold, or only improvements (a notice says to
#           refresh the thresholds with Scripts/benchmark-thresholds-update.sh)
#   exit 2  at least one regression (the table above names benchmark, metric, threshold, value)
#   exit 4  only improvements, with --fail-on-improvement (to force a threshold refresh)
#   exit 1  anything else: the build failed, a benchmark crashed or reported an error
#
# Usage: Scripts/benchmark-check.sh [--fail-on-improvement] [extra `benchmark` options...]
#   e.g. Scripts/benchmark-check.sh --filter 'compress_deflate.*'
set -uo pipefail

fail_on_improvement=0
if [[ "${1:-}" == "--fail-on-improvement" ]]; then
    fail_on_improvement=1
    shift
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../Benchmarks" || exit 1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

swift package benchmark thresholds check --no-progress "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

if [[ $status -eq 0 ]]; then
    echo "benchmark-check: all gated metrics equal their thresholds."
    exit 0
fi
if grep -q 'benchmarkThresholdRegression' "$log"; then
    echo "benchmark-check: REGRESSION: see 'Deviations worse than threshold' above." >&2
    exit 2
fi
if grep -q 'benchmarkThresholdImprovement' "$log"; then
    echo "benchmark-check: improvements only (see 'Deviations better than threshold' above)."
    echo "benchmark-check: refresh the thresholds with Scripts/benchmark-thresholds-update.sh and commit them."
    if [[ $fail_on_improvement -eq 1 ]]; then
        exit 4
    fi
    exit 0
fi
echo "benchmark-check: the benchmark run itself failed (exit $status); see the output above." >&2
exit 1

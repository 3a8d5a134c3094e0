#!/usr/bin/env bash
# Re-records the static thresholds in Benchmarks/Thresholds/ from a fresh run, keeping only
# the metrics that are deterministic and so gated exactly: mallocCountTotal and the custom
# compressedBytes. Time metrics (wallClock, throughput) are dropped from the files: an
# absolute time recorded on one machine means nothing on another, and on shared machines it
# moves by ±25 % between identical runs. They are still measured, printed and compared by
# `swift package benchmark baseline check A B` with the relaxed tolerance set in the code.
#
# Run it after a change that legitimately moves an allocation count or compressed size (or
# after a zlib / libbz2 / libsnappy upgrade), review `git diff Benchmarks/Thresholds`, commit.
#
# Usage: Scripts/benchmark-thresholds-update.sh [extra `benchmark` options...]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../Benchmarks"

swift package --allow-writing-to-package-directory benchmark thresholds update --no-progress "$@"

python3 - Thresholds <<'PY'
import json, pathlib, sys
gated = ("mallocCountTotal", "compressedBytes")
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.p90.json")):
    values = json.loads(path.read_text())
    kept = {key: values[key] for key in gated if key in values}
    path.write_text(json.dumps(kept, indent=2, sort_keys=True) + "\n")
    print(f"{path.name}: {kept}")
PY

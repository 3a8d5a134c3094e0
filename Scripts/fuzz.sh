#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/Targets/ with AddressSanitizer and runs each for a bounded
# time, printing executions, coverage and findings per target (Fuzz/README.md says what each
# target checks). The library is compiled once, instrumented, as a static library; each target
# is one Swift file linked against it. FramePathFuzz, the WebSocket integration's frame path,
# needs swift-nio and swift-websocket: SwiftPM builds it from its own package (Fuzz/FramePath),
# apart. Nothing goes into .build/: everything lands in $FUZZ_BUILD_DIR (.build-fuzz/ by default,
# git-ignored).
#
#   bash Scripts/fuzz.sh                 # every target, 60 s each
#   bash Scripts/fuzz.sh 300             # every target, 300 s each
#   bash Scripts/fuzz.sh 60 SnappyDecoderFuzz RoundTripFuzz
#   bash Scripts/fuzz.sh 600 FramePathFuzz
#   FUZZ_BUILD_ONLY=1 bash Scripts/fuzz.sh
#
# Environment: FUZZ_BUILD_DIR, FUZZ_SECONDS (when no argument), FUZZ_BUILD_ONLY=1,
# FUZZ_RUN_ONLY=1 (skip the build), FUZZ_FLAGS
# (more libFuzzer flags, such as -detect_leaks=0 or -runs=N).
# Exits non-zero when a target crashes, leaks, hangs or draws a sanitizer report; the input is
# kept in $FUZZ_BUILD_DIR/artifacts/ (replay it: $FUZZ_BUILD_DIR/bin/<Target> <file>).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
build="${FUZZ_BUILD_DIR:-.build-fuzz}"
mkdir -p "$build" && build="$(cd "$build" && pwd)"
seconds="${1:-${FUZZ_SECONDS:-60}}"
shift || true
all_targets=(ExtensionHeaderFuzz DeflateDecoderFuzz Bzip2DecoderFuzz SnappyDecoderFuzz RoundTripFuzz FramePathFuzz)
targets=("$@")
((${#targets[@]} > 0)) || targets=("${all_targets[@]}")
# The targets swiftc builds from Fuzz/Targets/ (all but FramePathFuzz, which SwiftPM builds).
swiftc_targets=()
for target in "${targets[@]}"; do
    [ "$target" = FramePathFuzz ] || swiftc_targets+=("$target")
done

mkdir -p "$build/lib" "$build/bin" "$build/module-maps/CCRC32C" "$build/seeds" "$build/corpus" "$build/artifacts" "$build/logs"

# --- Build -------------------------------------------------------------------------------------
build_all() {
((${#swiftc_targets[@]} == 0)) || build_swiftc_targets
[[ " ${targets[*]} " != *" FramePathFuzz "* ]] || build_frame_path

echo "==> seed corpora (Fuzz/make-seeds.py)"
python3 Fuzz/make-seeds.py "$build/seeds"
}

build_swiftc_targets() {
module_maps=()
for module in CZlib CBzip2 CSnappy CLibdeflate; do
    module_maps+=(-Xcc "-fmodule-map-file=$root/Sources/$module/module.modulemap")
done
# SwiftPM writes this module map for the C target; without SwiftPM, we do.
cat >"$build/module-maps/CCRC32C/module.modulemap" <<MAP
module CCRC32C {
    umbrella header "$root/Sources/CCRC32C/include/CCRC32C.h"
    export *
}
MAP
module_maps+=(-Xcc "-fmodule-map-file=$build/module-maps/CCRC32C/module.modulemap")
features=(-enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault)
# -O with debug info: the speed of a release build, stacks that name lines. The library is
# built whole-module (-wmo), as `swift build -c release` builds it.
swift_flags=(-O -g -sanitize=fuzzer,address -swift-version 6)

echo "==> CCRC32C (clang, ASan + coverage)"
clang -O2 -g -fsanitize=address,fuzzer-no-link -I Sources/CCRC32C/include \
    -c Sources/CCRC32C/CRC32C.c -o "$build/lib/CRC32C.o"

echo "==> PerMessageCompression (swiftc, ASan + coverage)"
rm -f "$build/lib/libPerMessageCompression.a"   # swiftc adds to an existing archive
mapfile -t library_sources < <(find Sources/PerMessageCompression -name '*.swift' | sort)
swiftc "${swift_flags[@]}" "${features[@]}" "${module_maps[@]}" \
    -wmo -parse-as-library -package-name swift_permessage_compression -module-name PerMessageCompression \
    -emit-library -static -o "$build/lib/libPerMessageCompression.a" \
    -emit-module -emit-module-path "$build/lib/PerMessageCompression.swiftmodule" \
    "${library_sources[@]}"

for target in "${swiftc_targets[@]}"; do
    echo "==> $target"
    swiftc "${swift_flags[@]}" "${module_maps[@]}" -parse-as-library -module-name "$target" \
        -I "$build/lib" -L "$build/lib" -lPerMessageCompression "$build/lib/CRC32C.o" \
        -lz -lbz2 -lsnappy -ldeflate \
        Fuzz/Support/*.swift "Fuzz/Targets/$target.swift" -o "$build/bin/$target" 2>&1 |
        { grep -v "Cannot export local symbol '__asan_" || true; }   # gold's noise about ASan's assembly helpers
    [ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
done
}

# FramePathFuzz: a SwiftPM package (Fuzz/FramePath) on the root package by path and on the
# swift-nio and swift-websocket versions the root asks for; release (-O, whole module, no
# -enable-testing, as users build the library) with debug info. SwiftPM hands swiftc its
# sanitizers as separate -sanitize= flags, of which swiftc keeps only the last: without the
# combined flag after them, the Swift code gets ASan but no coverage (or coverage but no ASan).
# The binary is linked into $build/bin like the others.
build_frame_path() {
echo "==> FramePathFuzz (SwiftPM, Fuzz/FramePath; a clean build takes a few minutes)"
local options=(-c release --package-path Fuzz/FramePath --scratch-path "$build/frame-path"
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -g)
swift build --quiet "${options[@]}" 2>&1 | { grep -v "Cannot export local symbol '__asan_" || true; }
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
ln -sf "$(swift build "${options[@]}" --show-bin-path)/FramePathFuzz" "$build/bin/FramePathFuzz"
}
# FUZZ_RUN_ONLY=1 reuses the last build (for runs side by side: one per core).
[ "${FUZZ_RUN_ONLY:-0}" = 1 ] || build_all

[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

# --- Run ---------------------------------------------------------------------------------------
# max_len per target: headers are short; decoder inputs hold a few compressed dataset lines.
max_len() {
    case "$1" in
    ExtensionHeaderFuzz) echo 1024 ;;
    *) echo 16384 ;;
    esac
}

# Fuzz/lsan-suppressions.txt names each false positive LeakSanitizer reports, and why.
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt:${LSAN_OPTIONS:-}"
failed=0
summary=()
for target in "${targets[@]}"; do
    echo "==> fuzzing $target for ${seconds}s"
    corpus="$build/corpus/$target"
    mkdir -p "$corpus"
    log="$build/logs/$target.log"
    status=0
    # detect_leaks: a leak is a finding. -timeout: an input that takes 20 s is a hang.
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}" \
        "$build/bin/$target" "$corpus" "$build/seeds/$target" \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" ${FUZZ_FLAGS:-} >"$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
    findings=$(grep -E '^(==[0-9]+==ERROR|SUMMARY: |.*Fatal error|.*deadly signal|.*-timeout|.*out-of-memory)' "$log" | head -n 3 || true)
    artifacts=$(find "$build/artifacts" -name "$target-*" | wc -l)
    if [ "$status" -ne 0 ] || [ -n "$findings" ]; then
        failed=1
        verdict="FINDING (exit $status, $artifacts artifact(s)); see $log"
        echo "$findings"
    else
        verdict="no findings"
    fi
    line=$(printf '%-20s %12s execs %8s exec/s  %-22s %s' "$target" "${executions:-?}" "${speed:-?}" "${coverage:-cov: ?}" "$verdict")
    echo "$line"
    summary+=("$line")
done

echo "==> summary (${seconds}s per target; logs in $build/logs)"
printf '%s\n' "${summary[@]}"
exit "$failed"

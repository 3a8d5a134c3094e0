#!/usr/bin/env bash
# Runs the tests of what connections share under ThreadSanitizer: the codec pool (CodecPool:
# concurrent borrowers), the WebSocket extension's per-connection state and statistics, the
# real-socket integration tests (many connections through one pool), the SwiftNIO handler (frames
# finished on the background pool and handed back to the event loop), and `pmce hostile` against
# a `pmce serve` process of each implementation (both binaries built with ThreadSanitizer, which
# fails either on a race).
# Builds into .build-tsan/ so the normal build is left alone (a first build takes several minutes
# on 2 cores).
#
#   bash Scripts/thread-sanitizer.sh            # the suites below
#   bash Scripts/thread-sanitizer.sh FILTER     # any other swift test --filter
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
filter="${1:-CodecPoolTests|ExtensionMemoryTests|SendPolicyExtensionTests|WebSocketIntegrationTests|RawFrameTests|NIOHandlerTests|HostileCommandTests}"
# halt_on_error: the first race fails the run with TSan's report. The suppressions file names
# each false positive it hides and why; the pmce child processes inherit it. PMCE_SANITIZER tells
# HostileCommandTests not to hold the server's memory to its allowance (ThreadSanitizer's
# allocator and shadow memory keep what glibc's would give back).
PMCE_SANITIZER=thread TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/Scripts/tsan-suppressions.txt ${TSAN_OPTIONS:-}" \
    swift test --scratch-path .build-tsan --sanitize=thread --filter "$filter"

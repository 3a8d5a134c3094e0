#!/usr/bin/env bash
# Runs the Autobahn|Testsuite (wstest 0.8.2; cases 12.* and 13.* test permessage-deflate) against
# a WebSocket server or client, and checks its report.
#
#   Scripts/autobahn-testsuite.sh install
#       install wstest and its pinned dependencies (Python 2.7) into .build-autobahn-testsuite/,
#       once; later calls skip it while the pins are unchanged
#   Scripts/autobahn-testsuite.sh server URL_OR_PORT [options]
#       `wstest -m fuzzingclient` against a server already listening at ws://HOST:PORT/...
#       (a bare PORT means ws://127.0.0.1:PORT), e.g. `pmce serve --port 9001`
#   Scripts/autobahn-testsuite.sh client PORT [options] -- CLIENT_COMMAND...
#       `wstest -m fuzzingserver` on 127.0.0.1:PORT; CLIENT_COMMAND runs once per case with
#       {url} replaced by ws://127.0.0.1:PORT/runCase?case=N&agent=AGENT, e.g.
#       -- pmce client {url} --echo    (also {case} = N, {case_id} = 12.1.3, {agent}, {port})
#   Scripts/autobahn-testsuite.sh pmce [options] [--pmce PATH]
#       both directions against this package's `pmce`, in one command: builds it (release) unless
#       --pmce names a binary; runs `pmce serve --extension deflate` on a free port and server
#       mode against it (and checks the server is still up after), then client mode with
#       `pmce client {url} --echo --extension deflate`; fails unless both pass. Run folders:
#       --outdir (default .build/autobahn-testsuite/reports/pmce) /servers and /clients
#   Scripts/autobahn-testsuite.sh check INDEX_JSON [--agent AGENT]
#       check an existing report again (with the run's selection, cases.txt, when beside it)
#   Scripts/autobahn-testsuite.sh list [--quick | --cases LIST] [--exclude LIST]
#       print the case ids a selection runs
#
# Options:
#   --cases LIST      case ids or patterns, comma or space separated, or a JSON array; default:
#                     1.* 2.* 3.* 4.* 5.* 6.* 7.* 9.* 12.* 13.* (every section but 10.*).
#                     wstest matches a pattern with '*' against the start of the case ids:
#                     "12.*.1" selects 12.1.1 and 12.1.10-12.1.18 too; "12.1.1" is one case
#   --exclude LIST    case ids or patterns to leave out
#   --quick           a representative subset (85 cases): 19 of 1.*-7.* (framing, pings,
#                     reserved bits and opcodes, fragments, UTF-8, closing) and each 12.x and
#                     13.x subsection at 16 B, 1 KiB, 8 KiB, 32 KiB and 8 KiB in 256 B fragments,
#                     plus larger messages for 12.1, 13.1 and the 9-bit windows of 13.3 and 13.5
#   --agent NAME      agent name in the report (default: pmce)
#   --outdir DIR      run folder: the spec, wstest's log, the selected case ids and the report
#                     (index.html is the readable one); emptied first. Default:
#                     .build/autobahn-testsuite/reports/servers or .../clients
#   --timeout S       bound on the whole run (default: 600 with --quick, 5400 otherwise)
#   --case-timeout S  client mode: bound on one CLIENT_COMMAND (default: 600; the 12.*/13.*
#                     cases end themselves after at most 480 s)
#   --wait S          server mode: how long to wait for the server to accept connections
#                     (default: 30)
#   --pmce PATH       pmce mode: the pmce binary to test (default: build it with -c release)
#
# After a run, the report's index.json is read (Scripts/autobahn-testsuite/check_report.py):
# per-section counts of each behavior and behaviorClose, the suite's duration, and the cases
# that did not pass. Exit status: 0 when every selected case is in the report and OK, NON-STRICT
# or INFORMATIONAL in both behavior and behaviorClose; 1 when some case is not; 2 for a usage
# error, a failed install or a run that left no report.
#
# Needs Python 2.7 with pip for wstest ($PYTHON2, python2.7, or pyenv's 2.7.*), and Python 3
# ($PYTHON3 or python3; the report checker and the fuzzingserver control client use only its
# standard library). Only the install uses the network (pip, PyPI). What the script starts
# listens on 127.0.0.1 only, is bounded in time, and is stopped when the script exits.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
helpers="$here/autobahn-testsuite"
install_dir="${AUTOBAHN_TESTSUITE_DIR:-$repo/.build-autobahn-testsuite}"
work_dir="$repo/.build/autobahn-testsuite"
requirements="$helpers/requirements-py27.txt"
requirements_accelerate="$helpers/requirements-py27-accelerate.txt"

full_cases='["1.*","2.*","3.*","4.*","5.*","6.*","7.*","9.*","12.*","13.*"]'
# Case ids, not patterns: see --cases. Case x.y.N sends 1000 messages of a size that grows with
# N: 1 = 16 B, 4 = 1 KiB, 6 = 8 KiB, 8 = 32 KiB, 9 = 64 KiB, 11 = 8 KiB auto-fragmented to 256 B,
# 17 = 128 KiB fragmented to 4 KiB. 12.1-12.5 are five data sets (JSON, bitmap, text, HTML, PDF)
# with the default offer; 13.1-13.7 seven offer/accept combinations (no context takeover, window
# bits 9 and 15) on the JSON data. Against an Autobahn|Python echo server on 2 cores it takes
# about 1.5 minutes (all of 12.* and 13.* about 14).
quick_cases='["1.1.1","1.1.6","1.1.8","1.2.6","2.1","2.6","3.1","3.7","4.1.1","4.2.5","5.1","5.6","5.15","6.1.3","6.3.1","7.1.1","7.5.1","7.7.1","7.9.1",
"12.1.1","12.1.4","12.1.6","12.1.8","12.1.9","12.1.11","12.1.17",
"12.2.1","12.2.4","12.2.6","12.2.8","12.2.11",
"12.3.1","12.3.4","12.3.6","12.3.8","12.3.11",
"12.4.1","12.4.4","12.4.6","12.4.8","12.4.11",
"12.5.1","12.5.4","12.5.6","12.5.8","12.5.11",
"13.1.1","13.1.4","13.1.6","13.1.8","13.1.9","13.1.11","13.1.17",
"13.2.1","13.2.4","13.2.6","13.2.8","13.2.11",
"13.3.1","13.3.4","13.3.6","13.3.8","13.3.9","13.3.11",
"13.4.1","13.4.4","13.4.6","13.4.8","13.4.11",
"13.5.1","13.5.4","13.5.6","13.5.8","13.5.9","13.5.11",
"13.6.1","13.6.4","13.6.6","13.6.8","13.6.11",
"13.7.1","13.7.4","13.7.6","13.7.8","13.7.11"]'

log() { printf '==> %s\n' "$*"; }
die() { printf 'autobahn-testsuite: %s\n' "$*" >&2; exit 2; }
rel() { printf '%s' "${1#"$repo"/}"; }

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# --- interpreters ---------------------------------------------------------------------------

find_python2() {
    local candidate
    for candidate in ${PYTHON2:-} python2.7 python2 \
        "${PYENV_ROOT:-${HOME:-/root}/.pyenv}"/versions/2.7*/bin/python2.7 \
        /usr/local/bin/python2.7 /usr/bin/python2.7; do
        [[ -n "$candidate" ]] || continue
        # pyenv's shim exists even when 2.7 is not an active version, and then fails: try it.
        if "$candidate" -c 'import sys; assert sys.version_info[:2] == (2, 7)' >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    die "Python 2.7 not found (set PYTHON2=/path/to/python2.7); wstest 0.8.2 runs on Python 2 only"
}

find_python3() {
    local candidate
    for candidate in ${PYTHON3:-} python3; do
        if "$candidate" -c 'import sys; assert sys.version_info >= (3, 6)' >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    die "Python 3 not found (set PYTHON3=/path/to/python3)"
}

# --- install --------------------------------------------------------------------------------

# The launcher's short commands (versions, list-cases, run --help), bounded to 2 minutes.
launcher() {
    PYTHONWARNINGS=ignore PYTHONNOUSERSITE=1 PYTHONDONTWRITEBYTECODE=1 timeout --kill-after=5 120 \
        "$py2" -u "$helpers/wstest_launcher.py" "$install_dir" "$@"
}

ensure_installed() {
    py2="$(find_python2)"
    local stamp stamp_file="$install_dir/.install-stamp"
    # What an install depends on: the pins and the interpreter.
    stamp="$( (cat "$requirements" "$requirements_accelerate"; "$py2" -c 'import sys; print(sys.version)') | cksum)"
    if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" ]]; then
        local versions
        versions="$(launcher versions | grep -iE '^(autobahntestsuite|autobahn|twisted|wsaccel)==' | tr '\n' ' ')"
        log "Autobahn|Testsuite already installed in $(rel "$install_dir"): ${versions}(python: $py2)"
        return 0
    fi

    log "installing Autobahn|Testsuite 0.8.2 into $(rel "$install_dir") (python: $py2)"
    local tmp="$install_dir.partial" pip_log="$work_dir/pip-install.log"
    rm -rf "$tmp"
    local pip=(env PYTHONWARNINGS=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
        PYTHONNOUSERSITE=1 timeout --kill-after=10 900 "$py2" -m pip install --no-deps
        --target "$tmp" --progress-bar off)
    if ! "${pip[@]}" -r "$requirements" >"$pip_log" 2>&1; then
        tail -n 30 "$pip_log" >&2
        rm -rf "$tmp"
        die "pip install failed (log: $(rel "$pip_log"))"
    fi
    if ! "${pip[@]}" -r "$requirements_accelerate" >>"$pip_log" 2>&1; then
        log "warning: the optional accelerators (wsaccel, ujson) did not install; wstest runs on pure-Python code paths (log: $(rel "$pip_log"))"
    fi
    # The load check: wstest starts, and resolves a case selection.
    printf '{"cases": ["1.1.1", "12.1.1", "13.7.18"]}\n' >"$tmp/.selftest-spec.json"
    local saved="$install_dir"
    install_dir="$tmp"
    if [[ "$(launcher list-cases "$tmp/.selftest-spec.json" 2>&1 | tr '\n' ' ')" != "1.1.1 12.1.1 13.7.18 " ]] || \
        ! launcher run --help >/dev/null 2>&1; then
        install_dir="$saved"
        die "the installed wstest does not load (left in $tmp; try: $py2 $helpers/wstest_launcher.py $tmp run --help)"
    fi
    install_dir="$saved"
    rm -f "$tmp/.selftest-spec.json"
    rm -rf "$install_dir"
    mv "$tmp" "$install_dir"
    printf '%s\n' "$stamp" >"$stamp_file"
    log "installed:"
    launcher versions | sed 's/^/    /'
}

# --- case selection, spec -------------------------------------------------------------------

# JSON array of case patterns from "12.*,13.1.*", "12.* 13.*" or '["12.*"]'.
patterns_json() {
    "$py3" - "$1" <<'EOF'
import json, re, sys
text = sys.argv[1].strip()
if text.startswith("["):
    patterns = json.loads(text)
else:
    patterns = [p for p in re.split(r"[,\s]+", text) if p]
bad = [p for p in patterns if not isinstance(p, str) or not re.fullmatch(r"[0-9*]+(\.[0-9*]+)*", p)]
if bad:
    sys.exit("autobahn-testsuite: not a case id or pattern: %s" % ", ".join(map(str, bad)))
print(json.dumps(patterns))
EOF
}

# resolve_cases FILE: the case ids that the selection resolves to, one a line, into FILE.
resolve_cases() {
    local probe="$1.select.json"
    "$py3" -c 'import json, sys; json.dump({"cases": json.loads(sys.argv[1]), "exclude-cases": json.loads(sys.argv[2])}, open(sys.argv[3], "w"))' \
        "$cases_json" "$exclude_json" "$probe"
    launcher list-cases "$probe" >"$1" || die "could not resolve the cases $cases_json"
    rm -f "$probe"
    [[ -s "$1" ]] || die "the selection $cases_json (exclude $exclude_json) matches no case"
}

# write_spec MODE FILE: the wstest spec for fuzzingclient (server mode) or fuzzingserver (client).
write_spec() {
    "$py3" - "$1" "$2" "$outdir" "$agent" "$target_url" "$cases_json" "$exclude_json" <<'EOF'
import json, sys
mode, path, outdir, agent, url, cases, exclude = sys.argv[1:]
spec = {"outdir": outdir, "cases": json.loads(cases), "exclude-cases": json.loads(exclude),
        "exclude-agent-cases": {}}
if mode == "fuzzingclient":
    spec["servers"] = [{"agent": agent, "url": url, "options": {}}]
else:
    spec["url"] = url
    spec["options"] = {}
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
EOF
}

# prepare_outdir: empties the run folder (only one that looks like ours) and writes the spec and
# the selected case ids there.
prepare_outdir() {
    local mode="$1"
    outdir="$(mkdir -p "$outdir" && cd "$outdir" && pwd)"
    if [[ -n "$(ls -A "$outdir")" && ! -f "$outdir/spec.json" && ! -f "$outdir/index.json" ]]; then
        die "$outdir is not empty and holds no earlier run: give an empty or new --outdir"
    fi
    find "$outdir" -mindepth 1 -delete
    spec="$outdir/spec.json"
    expected_file="$outdir/cases.txt"
    resolve_cases "$expected_file"
    write_spec "$mode" "$spec"
}

# --- processes ------------------------------------------------------------------------------

bg_pids=()
case_pid=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    local pid
    [[ -z "$case_pid" ]] || bg_pids+=("$case_pid")
    for pid in "${bg_pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    for pid in "${bg_pids[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
}

now() { date +%s.%N; }
elapsed() { "$py3" -c 'import sys; print("%.1f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$1" "$(now)"; }

# wait_for_tcp HOST PORT SECONDS
wait_for_tcp() {
    "$py3" - "$@" <<'EOF'
import socket, sys, time
host, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
deadline = time.monotonic() + seconds
while True:
    try:
        socket.create_connection((host, port), timeout=2).close()
        sys.exit(0)
    except OSError as error:
        if time.monotonic() > deadline:
            sys.exit("autobahn-testsuite: nothing accepts connections on %s:%d (%s) after %g s"
                     % (host, port, error, seconds))
        time.sleep(0.2)
EOF
}

port_is_free() {
    "$py3" -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Twisted does: TIME_WAIT is fine
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
' "$1"
}

# start_wstest ARGS...: starts wstest in the background (so that the EXIT trap can stop it),
# bounded to --timeout, its output in $outdir/wstest.log; sets wstest_pid.
start_wstest() {
    timeout --kill-after=10 "$run_timeout" \
        env PYTHONWARNINGS=ignore PYTHONNOUSERSITE=1 PYTHONDONTWRITEBYTECODE=1 \
        "$py2" -u "$helpers/wstest_launcher.py" "$install_dir" run "$@" \
        >"$outdir/wstest.log" 2>&1 </dev/null &
    wstest_pid=$!
    bg_pids+=("$wstest_pid")
}

check_report() {
    local wall="$1"
    log "report: $(rel "$outdir")/index.html"
    "$py3" "$helpers/check_report.py" "$outdir/index.json" --agent "$agent" \
        --expected-cases "$expected_file" --wall-seconds "$wall"
}

# --- modes ----------------------------------------------------------------------------------

run_server_mode() {
    local target="$1" target_host target_port started status=0 wall tail_pid
    if [[ "$target" =~ ^[0-9]+$ ]]; then
        target_url="ws://127.0.0.1:$target"
    elif [[ "$target" =~ ^wss?://[^/:]+(:[0-9]+)?(/.*)?$ ]]; then
        target_url="$target"
    else
        die "server: expected a port or ws://HOST[:PORT][/PATH], got $target"
    fi
    read -r target_host target_port < <("$py3" -c '
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
print(u.hostname, u.port or (443 if u.scheme == "wss" else 80))' "$target_url")
    outdir="${outdir:-$work_dir/reports/servers}"

    ensure_installed
    prepare_outdir fuzzingclient
    log "waiting up to ${wait_seconds} s for $target_url"
    wait_for_tcp "$target_host" "$target_port" "$wait_seconds" || exit 2
    log "wstest -m fuzzingclient: $(wc -l <"$expected_file") cases against $target_url as agent $agent, bounded to ${run_timeout} s (run folder $(rel "$outdir"))"
    started="$(now)"
    start_wstest -m fuzzingclient -s "$spec"
    tail -n +1 -f --pid="$wstest_pid" "$outdir/wstest.log" &
    tail_pid=$!
    bg_pids+=("$tail_pid")
    wait "$wstest_pid" || status=$?
    wait "$tail_pid" || true
    wall="$(elapsed "$started")"
    if [[ $status -eq 124 || $status -eq 137 ]]; then
        log "wstest did not finish within ${run_timeout} s"
    elif [[ $status -ne 0 ]]; then
        log "wstest exited with status $status (log: $(rel "$outdir")/wstest.log)"
    fi
    [[ -f "$outdir/index.json" ]] || die "wstest wrote no report ($(rel "$outdir")/index.json) in ${wall} s"
    check_report "$wall"
}

control() { timeout 300 "$py3" "$helpers/fuzzing_control.py" "$@"; }

run_client_mode() {
    local port="$1" started count deadline i case_id case_url word case_started client_status
    local note behavior wall client_log
    local -a command_line case_ids
    [[ "$port" =~ ^[0-9]+$ && "$port" -ge 1 && "$port" -le 65535 ]] || die "client: expected a port, got $port"
    [[ ${#client_command[@]} -gt 0 ]] || die "client: give the client command after --, with {url} for the case URL"
    printf '%s\n' "${client_command[@]}" | grep -q '{url}' || die "client: the client command has no {url} placeholder"
    target_url="ws://127.0.0.1:$port"
    outdir="${outdir:-$work_dir/reports/clients}"

    ensure_installed
    port_is_free "$port" || die "client: 127.0.0.1:$port is in use"
    prepare_outdir fuzzingserver
    client_log="$outdir/client-commands.log"
    : >"$client_log"
    started="$(now)"
    log "wstest -m fuzzingserver on $target_url, bounded to ${run_timeout} s (run folder $(rel "$outdir"))"
    start_wstest -m fuzzingserver -s "$spec" -u 0
    if ! control wait "$target_url" --timeout 60; then
        tail -n 20 "$outdir/wstest.log" >&2
        die "the fuzzingserver did not come up on $target_url"
    fi
    count="$(control case-count "$target_url")" || die "getCaseCount failed"
    [[ "$count" -eq "$(wc -l <"$expected_file")" ]] || die "the fuzzingserver has $count cases, the selection $(wc -l <"$expected_file")"
    log "running the client once per case ($count cases, each bounded to ${case_timeout} s; its output in $(rel "$client_log")): ${client_command[*]}"
    mapfile -t case_ids <"$expected_file"
    deadline="$("$py3" -c 'import sys; print(float(sys.argv[1]) + float(sys.argv[2]) - 30)' "$started" "$run_timeout")"
    for ((i = 1; i <= count; i++)); do
        case_id="${case_ids[$((i - 1))]}"
        if "$py3" -c 'import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)' "$(now)" "$deadline"; then
            log "the run is near its ${run_timeout} s bound: case $case_id and the ones after it do not run"
            break
        fi
        kill -0 "$wstest_pid" 2>/dev/null || die "the fuzzingserver stopped (log: $(rel "$outdir")/wstest.log)"
        case_url="$target_url/runCase?case=$i&agent=$agent"
        command_line=()
        for word in "${client_command[@]}"; do
            # Quoted replacements: bash 5.2 would read '&' in the URL as the matched text.
            word="${word//\{url\}/"$case_url"}"
            word="${word//\{case_id\}/"$case_id"}"
            word="${word//\{case\}/"$i"}"
            word="${word//\{agent\}/"$agent"}"
            word="${word//\{port\}/"$port"}"
            command_line+=("$word")
        done
        case_started="$(now)"
        printf '=== case %s (%d/%d): %s\n' "$case_id" "$i" "$count" "${command_line[*]}" >>"$client_log"
        client_status=0
        # In the background so that a signal to this script stops it at once (cleanup).
        timeout --kill-after=5 "$case_timeout" "${command_line[@]}" </dev/null >>"$client_log" 2>&1 &
        case_pid=$!
        wait "$case_pid" || client_status=$?
        case_pid=""
        note="exit $client_status"
        if [[ $client_status -eq 124 || $client_status -eq 137 ]]; then
            note="killed after ${case_timeout} s"
        fi
        # The server logs a case when its connection ends: its behavior is known by now.
        behavior="$(control case-status "$target_url" --case "$i" --agent "$agent" --timeout 15 2>/dev/null)" || behavior="no result"
        printf '    %-10s %4d/%-4d %-14s client %s, %s s\n' "$case_id" "$i" "$count" "$behavior" "$note" "$(elapsed "$case_started")"
    done
    log "updating the reports"
    # The reports are written before the answer; the server is stopped afterwards (cleanup):
    # with shutdownOnComplete it may stop before its answer is out.
    control update-reports "$target_url" --agent "$agent" --timeout 120 || log "updateReports failed"
    wall="$(elapsed "$started")"
    [[ -f "$outdir/index.json" ]] || die "wstest wrote no report ($(rel "$outdir")/index.json)"
    check_report "$wall"
}

# A free TCP port on 127.0.0.1 (bound, read and released: the caller binds it next).
free_port() {
    "$py3" -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# pmce mode: both directions against this package's pmce. Each direction is this script run
# again (server, then client mode) with the options given, so each keeps its own run folder,
# report and check; this only starts and stops `pmce serve` and sums up.
run_pmce_mode() {
    local pmce_bin="$pmce_path" base serve_log serve_pid port="" server_status=0 client_status=0
    local started waited
    if [[ -z "$pmce_bin" ]]; then
        log "building pmce (swift build -c release --product pmce)"
        (cd "$repo" && swift build -c release --product pmce) || die "swift build failed"
        pmce_bin="$(cd "$repo" && swift build -c release --show-bin-path)/pmce"
    fi
    [[ -x "$pmce_bin" ]] || die "pmce: $pmce_bin is not an executable file"
    base="${outdir:-$work_dir/reports/pmce}"
    mkdir -p "$base"
    base="$(cd "$base" && pwd)"
    ensure_installed

    serve_log="$base/serve.log"
    log "starting $(rel "$pmce_bin") serve --port 0 --extension deflate (its output in $(rel "$serve_log"))"
    "$pmce_bin" serve --host 127.0.0.1 --port 0 --extension deflate >"$serve_log" 2>&1 </dev/null &
    serve_pid=$!
    bg_pids+=("$serve_pid")
    started="$(now)"
    while [[ -z "$port" ]]; do
        port="$(sed -n 's|^pmce serve: listening on ws://127\.0\.0\.1:\([0-9][0-9]*\)/$|\1|p' "$serve_log" | head -n 1)"
        [[ -n "$port" ]] && break
        kill -0 "$serve_pid" 2>/dev/null || { cat "$serve_log" >&2; die "pmce serve exited before listening"; }
        waited="$(elapsed "$started")"
        [[ "${waited%.*}" -lt "$wait_seconds" ]] || die "pmce serve did not listen within $wait_seconds s"
        sleep 0.2
    done

    log "server mode: wstest -m fuzzingclient against pmce serve on port $port"
    # In the background, as every child here, so that a signal to this script stops it at once.
    bash "${BASH_SOURCE[0]}" server "$port" "${forward[@]}" --outdir "$base/servers" &
    bg_pids+=("$!")
    wait "$!" || server_status=$?
    if ! kill -0 "$serve_pid" 2>/dev/null; then
        log "pmce serve is no longer running after the fuzzingclient (its log: $(rel "$serve_log"))"
        [[ $server_status -ne 0 ]] || server_status=1
    fi
    kill -TERM "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true

    port="$(free_port)"
    log "client mode: wstest -m fuzzingserver on port $port, pmce client once per case"
    bash "${BASH_SOURCE[0]}" client "$port" "${forward[@]}" --outdir "$base/clients" \
        -- "$pmce_bin" client '{url}' --echo --extension deflate &
    bg_pids+=("$!")
    wait "$!" || client_status=$?

    log "pmce serve (server mode): $( ((server_status == 0)) && echo passed || echo "FAILED (status $server_status)")"
    log "pmce client (client mode): $( ((client_status == 0)) && echo passed || echo "FAILED (status $client_status)")"
    if ((server_status == 2 || client_status == 2)); then return 2; fi
    if ((server_status != 0 || client_status != 0)); then return 1; fi
    return 0
}

# --- arguments ------------------------------------------------------------------------------

main() {
    [[ $# -ge 1 ]] || usage
    local mode="$1" number
    shift
    py3="$(find_python3)"
    local -a positional=()
    cases_json=""
    exclude_json="[]"
    quick=0
    agent="pmce"
    agent_given=0
    outdir=""
    run_timeout=""
    case_timeout=600
    wait_seconds=30
    client_command=()
    pmce_path=""
    # The options pmce mode passes on to the server and client runs.
    forward=()
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --cases) [[ $# -ge 2 ]] || die "--cases needs a value"; cases_json="$(patterns_json "$2")"; forward+=("$1" "$2"); shift 2 ;;
            --cases=*) cases_json="$(patterns_json "${1#*=}")"; forward+=("$1"); shift ;;
            --exclude) [[ $# -ge 2 ]] || die "--exclude needs a value"; exclude_json="$(patterns_json "$2")"; forward+=("$1" "$2"); shift 2 ;;
            --exclude=*) exclude_json="$(patterns_json "${1#*=}")"; forward+=("$1"); shift ;;
            --quick) quick=1; forward+=("$1"); shift ;;
            --pmce) [[ $# -ge 2 ]] || die "--pmce needs a value"; pmce_path="$2"; shift 2 ;;
            --agent) [[ $# -ge 2 ]] || die "--agent needs a value"; agent="$2"; agent_given=1; forward+=("$1" "$2"); shift 2 ;;
            --outdir) [[ $# -ge 2 ]] || die "--outdir needs a value"; outdir="$2"; shift 2 ;;
            --timeout) [[ $# -ge 2 ]] || die "--timeout needs a value"; run_timeout="$2"; forward+=("$1" "$2"); shift 2 ;;
            --case-timeout) [[ $# -ge 2 ]] || die "--case-timeout needs a value"; case_timeout="$2"; forward+=("$1" "$2"); shift 2 ;;
            --wait) [[ $# -ge 2 ]] || die "--wait needs a value"; wait_seconds="$2"; forward+=("$1" "$2"); shift 2 ;;
            --) shift; client_command=("$@"); break ;;
            -h|--help) usage ;;
            -*) die "unknown option $1 (see --help)" ;;
            *) positional+=("$1"); shift ;;
        esac
    done
    for number in "$case_timeout" "$wait_seconds" ${run_timeout:+"$run_timeout"}; do
        [[ "$number" =~ ^[0-9]+$ ]] || die "not a whole number of seconds: $number"
    done
    [[ "$agent" =~ ^[A-Za-z0-9._-]+$ ]] || die "agent names are letters, digits, '.', '_' and '-': $agent"
    [[ -z "$cases_json" || $quick -eq 0 ]] || die "--cases and --quick exclude each other"
    if [[ $quick -eq 1 ]]; then
        cases_json="$quick_cases"
    elif [[ -z "$cases_json" ]]; then
        cases_json="$full_cases"
    fi
    if [[ -z "$run_timeout" ]]; then
        if [[ $quick -eq 1 ]]; then run_timeout=600; else run_timeout=5400; fi
    fi
    [[ "$mode" == client || ${#client_command[@]} -eq 0 ]] || die "only client mode takes a command after --"
    [[ "$mode" == pmce || -z "$pmce_path" ]] || die "only pmce mode takes --pmce"

    mkdir -p "$work_dir"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    case "$mode" in
        install)
            [[ ${#positional[@]} -eq 0 ]] || usage
            ensure_installed
            ;;
        list)
            [[ ${#positional[@]} -eq 0 ]] || usage
            ensure_installed >&2
            local list_file="$work_dir/list-cases.txt"
            resolve_cases "$list_file"
            cat "$list_file"
            echo "$(wc -l <"$list_file") cases" >&2
            ;;
        check)
            [[ ${#positional[@]} -eq 1 ]] || usage
            local -a args=("${positional[0]}")
            [[ $agent_given -eq 0 ]] || args+=(--agent "$agent")
            # A run folder of this script also holds the selected case ids.
            local cases_file
            cases_file="$(dirname "${positional[0]}")/cases.txt"
            [[ ! -f "$cases_file" ]] || args+=(--expected-cases "$cases_file")
            "$py3" "$helpers/check_report.py" "${args[@]}"
            ;;
        server)
            [[ ${#positional[@]} -eq 1 ]] || usage
            run_server_mode "${positional[0]}"
            ;;
        client)
            [[ ${#positional[@]} -eq 1 ]] || usage
            run_client_mode "${positional[0]}"
            ;;
        pmce)
            [[ ${#positional[@]} -eq 0 ]] || usage
            run_pmce_mode
            ;;
        *)
            usage
            ;;
    esac
}

# One line, so that bash has read all of it before running it (safe to edit while it runs).
main "$@"; exit $?

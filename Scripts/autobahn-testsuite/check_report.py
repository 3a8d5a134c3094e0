#!/usr/bin/env python3
"""Reads an Autobahn|Testsuite report (index.json and the per-case JSON files beside it),
prints per-section counts of each behavior and the suite's duration, and exits non-zero unless
every case passed.

    check_report.py OUTDIR/index.json [--agent AGENT] [--expected-cases FILE]
                    [--wall-seconds S] [--slowest N]

A case passes when both its `behavior` and its `behaviorClose` are OK, NON-STRICT or
INFORMATIONAL. With --expected-cases (one case id a line, as `wstest_launcher.py list-cases`
prints), a case missing from the report fails too, and so does a report with cases nobody
asked for. Exit status: 0 every case passed, 1 some case did not, 2 no usable report.
"""
import argparse
import collections
import json
import os
import sys

PASSING = ("OK", "NON-STRICT", "INFORMATIONAL")
# Display order; anything else the suite reports (e.g. "WRONG CODE", "UNCLEAN",
# "FAILED BY CLIENT") gets a column of its own after these.
ORDER = ("OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED", "WRONG CODE", "UNCLEAN",
         "FAILED BY CLIENT")
# A case "duration" above this (a day, in ms) is wstest's epoch-based value for a case whose
# WebSocket connection never opened.
NEVER_OPENED_MS = 24 * 3600 * 1000
# Subsections shown under their section: the permessage-deflate ones.
DETAILED_SECTIONS = ("12", "13")


def case_key(case_id):
    return tuple(int(part) for part in case_id.split("."))


def section_of(case_id, depth):
    return ".".join(case_id.split(".")[:depth])


def table(title, cases, field, durations=None):
    """Rows: sections (12 and 13 also by subsection) and a total; columns: the values of
    `field` in ORDER, then any others, and with `durations` (ms per case) the section's time."""
    values = [v for v in ORDER if any(c[field] == v for c in cases.values())]
    values += sorted({c[field] for c in cases.values()} - set(values))
    rows = collections.OrderedDict()
    times = collections.Counter()
    for case_id in sorted(cases, key=case_key):
        section = section_of(case_id, 1)
        keys = [section]
        if section in DETAILED_SECTIONS:
            keys.append(section_of(case_id, 2))
        for key in keys:
            rows.setdefault(key, collections.Counter())[cases[case_id][field]] += 1
            if durations is not None:
                times[key] += durations[case_id]
    total = collections.Counter(c[field] for c in cases.values())
    if durations is not None:
        times["total"] = sum(durations.values())

    label_width = max([len("section"), len("total")] + [len(k) + 2 for k in rows])
    widths = [max(len(v), 5) for v in values]
    print(title)
    time_column = "  %14s" % "time" if durations is not None else ""
    print("  %-*s %6s  %s%s" % (label_width, "section", "cases",
                                "  ".join("%*s" % (w, v) for w, v in zip(widths, values)), time_column))

    def line(label, key, counter):
        time = "  %14s" % format_ms(times[key]) if durations is not None else ""
        print("  %-*s %6d  %s%s" % (label_width, label, sum(counter.values()),
                                    "  ".join("%*s" % (w, counter.get(v, 0) or "-")
                                              for w, v in zip(widths, values)), time))

    for key, counter in rows.items():
        line(key if "." not in key else "  " + key, key, counter)
    line("total", "total", total)
    print()


def format_ms(ms):
    seconds = ms / 1000.0
    if seconds < 120:
        return "%.1f s" % seconds
    return "%d min %04.1f s" % (seconds // 60, seconds % 60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index")
    parser.add_argument("--agent")
    parser.add_argument("--expected-cases")
    parser.add_argument("--wall-seconds", type=float)
    parser.add_argument("--slowest", type=int, default=5)
    args = parser.parse_args()

    try:
        with open(args.index) as f:
            index = json.load(f)
    except (OSError, ValueError) as error:
        print("check_report: no usable report at %s: %s" % (args.index, error), file=sys.stderr)
        return 2
    if args.agent:
        if args.agent not in index:
            print("check_report: agent %r not in %s (agents: %s)"
                  % (args.agent, args.index, ", ".join(sorted(index)) or "none"), file=sys.stderr)
            return 2
        agent = args.agent
    elif len(index) == 1:
        agent = next(iter(index))
    else:
        print("check_report: %d agents in %s, pick one with --agent: %s"
              % (len(index), args.index, ", ".join(sorted(index))), file=sys.stderr)
        return 2
    cases = index[agent]
    outdir = os.path.dirname(os.path.abspath(args.index))

    print("Autobahn|Testsuite report %s, agent %s: %d cases" % (args.index, agent, len(cases)))
    print()
    # wstest counts a case whose connection never opened from the epoch: leave those out.
    durations = {case_id: c.get("duration") or 0 for case_id, c in cases.items()}
    never_opened = sorted((c for c, ms in durations.items() if ms > NEVER_OPENED_MS), key=case_key)
    for case_id in never_opened:
        durations[case_id] = 0
    if cases:
        table("behavior (messages), with the time the suite spent on each section:", cases, "behavior", durations)
        table("behaviorClose (closing handshake):", cases, "behaviorClose")
    total_ms = sum(durations.values())
    line = "duration: %s, the sum of the %d cases' durations" % (format_ms(total_ms), len(cases))
    if never_opened:
        line += " (%d whose connection never opened left out)" % len(never_opened)
    if args.wall_seconds is not None:
        line += "; %s wall clock for the whole run" % format_ms(args.wall_seconds * 1000)
    print(line)
    if args.slowest and cases:
        slowest = sorted(durations.items(), key=lambda kv: -kv[1])[:args.slowest]
        print("slowest: " + ", ".join("%s %s" % (c, format_ms(ms)) for c, ms in slowest))

    problems = []
    for case_id in sorted(cases, key=case_key):
        c = cases[case_id]
        if c["behavior"] in PASSING and c["behaviorClose"] in PASSING:
            continue
        detail = ""
        try:
            with open(os.path.join(outdir, c["reportfile"])) as f:
                report = json.load(f)
            detail = " | ".join(str(x) for x in (report.get("result"), report.get("resultClose"))
                                if x)
        except (OSError, ValueError, KeyError):
            pass
        problems.append("%s: behavior %s, behaviorClose %s, remote close code %s%s"
                        % (case_id, c["behavior"], c["behaviorClose"], c.get("remoteCloseCode"),
                           " - " + detail if detail else ""))

    if args.expected_cases:
        with open(args.expected_cases) as f:
            expected = [line.strip() for line in f if line.strip()]
        missing = [c for c in expected if c not in cases]
        unexpected = sorted(set(cases) - set(expected), key=case_key)
        for case_id in missing:
            problems.append("%s: missing from the report (the case did not run or did not finish)"
                            % case_id)
        for case_id in unexpected:
            problems.append("%s: in the report but not selected" % case_id)
        if not expected:
            problems.append("no case was selected")
    elif not cases:
        problems.append("the report has no case")

    print()
    if problems:
        print("FAILED: %d problem(s):" % len(problems))
        for problem in problems:
            print("  " + problem)
        return 1
    print("PASSED: all %d cases OK, NON-STRICT or INFORMATIONAL (behavior and behaviorClose)"
          % len(cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())

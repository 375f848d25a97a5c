#!/usr/bin/env python3
"""Prints scripts/bench's one table from the `SUMMARY key value` lines on stdin (the benchmarks'
machine-readable figures): each figure, its baseline, the ratio, the issue's target; then the
machine (CORES and FSYNC from the environment)."""

import os
import sys

# Measured before Apply's writes were gathered into one statement, on this machine (commit 427b778,
# apply_throughput 5 s, 2026-11-27 08:18 UTC, when pgbench's one-row INSERT ran 4,767 tps at one
# client): not of this run, so its ratio says as much about the disk then and now as about the
# engine. The same-run reference at one client is pgbench's INSERT (one commit, one fsync).
BEFORE_1_CLIENT_EPS = 278.0
BEFORE_STATEMENTS_PER_EVENT = 16.3
# The figure for the scheduler before (about 200 timers/s with a million pending).
BEFORE_TIMERS_PER_S = 200.0

figures = {}
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 3 and parts[0] == "SUMMARY":
        try:
            figures[parts[1]] = float(parts[2])
        except ValueError:
            pass


def get(key):
    return figures.get(key)


rows = []


def row(name, value, baseline_name, baseline, target, unit=""):
    ratio = value / baseline if value is not None and baseline else None
    rows.append((name, value, unit, baseline_name, baseline, ratio, target))


ceiling = get("ceiling_4")
row("Apply, 1 client, events/s", get("apply_eps_1"), "before (427b778)", BEFORE_1_CLIENT_EPS,
    ">= 2x")
row("Apply, 1 client, events/s", get("apply_eps_1"), "INSERT tps, this run", get("pgbench_insert_1"),
    "(fsync-bound)")
row("Apply, statements/event (1 client)", get("apply_statements_1"), "before (427b778)",
    BEFORE_STATEMENTS_PER_EVENT, "fewer")
for clients in (16, 64):
    row("Apply, %d clients, events/s" % clients, get("apply_eps_%d" % clients),
        "set-based ceiling", ceiling, ">= 0.5x")
    row("Apply, %d clients, p99 ms" % clients, get("apply_p99_%d" % clients), "", None,
        "<= 50 ms" if clients == 16 else "")
row("Timers fired/s (1,000,000 pending)", get("timers_per_s"), "issue: ~200/s before",
    BEFORE_TIMERS_PER_S, ">= 5,000/s")
row("  RSS while firing, start KiB", get("timers_rss_start_kb"), "", None, "")
row("  RSS peak KiB / end KiB", get("timers_rss_peak_kb"), "end", get("timers_rss_end_kb"),
    "flat")
for clients in (16, 64):
    row("HTTP events/s, %d connections" % clients, get("http_eps_%d" % clients),
        "in-process Apply", get("apply_eps_%d" % clients), ">= 0.7x")
    row("  HTTP p50 / p99 ms", get("http_p50_%d" % clients), "p99", get("http_p99_%d" % clients),
        "")
row("audit verify, records/s", get("verify_records_per_s"), "", None, "")
row("audit verify, MB/s", get("verify_mb_per_s"), "sha256sum MB/s", get("sha256_mb_per_s"), "")


def fmt(v):
    if v is None:
        return "-"
    return "%.2f" % v if abs(v) < 100 else "%.0f" % v


print()
print("%-38s %10s  %-20s %10s %8s  %s" % ("figure", "value", "baseline", "", "ratio", "target"))
for name, value, unit, baseline_name, baseline, ratio, target in rows:
    print("%-38s %10s  %-20s %10s %8s  %s" % (
        name, fmt(value), baseline_name, fmt(baseline) if baseline_name else "",
        ("%.2fx" % ratio) if ratio is not None and baseline_name not in ("", "end", "p99") else "",
        target))
print()
print("machine: %s cores; disk fsync rate %s fdatasync/s (pg_test_fsync, one 8 kB write)"
      % (os.environ.get("CORES", "?"), os.environ.get("FSYNC", "?") or "?"))

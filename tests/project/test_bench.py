"""The lookup benchmark runs, and the lookup beats a plain WRatio on the same queries."""

import json
import subprocess
import sys

from helpers.paths import ROOT


def test_bench_reports_latency_and_accuracy():
    output = subprocess.run([sys.executable, "bench/lookup.py", "--json", "--rounds", "1"],
                            cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    report = json.loads(output.stdout)
    assert report["cases"] >= 150 and report["directory"]["rows"] == 91
    assert 0 < report["latency"]["p50_ms"] <= report["latency"]["p99_ms"]
    accuracy = report["accuracy_percent"]
    assert accuracy["lookup"] == 100.0 and report["lookup_misses"] == []
    assert accuracy["plain_wratio"] < 60.0 and accuracy["plain_wratio_on_routable"] < accuracy["lookup_on_routable"]


def test_write_bench_runs_paced_and_saturated_loads():
    """Small: two agent processes, two cycles each; every timed action is counted."""
    output = subprocess.run([sys.executable, "bench/writes.py", "--json", "--processes", "1,2", "--cycles", "2",
                             "--pause-ms", "5"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    scenarios = json.loads(output.stdout)
    assert [(s["processes"], s["pause_ms"]) for s in scenarios] == [(1, 5), (2, 5), (2, 0)]
    for scenario in scenarios:
        for action in ("create", "claim", "resolve"):
            assert 0 < scenario[action]["p50_ms"] <= scenario[action]["p99_ms"]
        assert scenario["actions_per_second"] > 0


def test_soak_bench_drives_the_console_and_reports_each_checkpoint():
    """Small: two participants, a checkpoint after each; every figure the note reports is there."""
    output = subprocess.run([sys.executable, "bench/soak.py", "--json", "--tickets", "2", "--every", "1"],
                            cwd=ROOT, capture_output=True, text=True, check=True, timeout=300)
    report = json.loads(output.stdout)
    assert [point["tickets"] for point in report["checkpoints"]] == [1, 2]
    for point in report["checkpoints"]:
        assert point["memory_mb"] > 0 and point["lookup"]["keystrokes"] > 50
        assert point["queue_search"]["keystrokes"] > 20
        assert point["screens"] <= 4  # queue, intake, dashboard and the one ticket view at most
    assert report["right_field"] == {"tries": 16, "misplaced": 0, "percent": 100.0, "examples": []}
    assert set(report["actions"]) == {"save", "reply", "note", "resolve"}
    assert {row["what"].split(" ")[0] for row in report["verdicts"]} >= {"memory", "save"}

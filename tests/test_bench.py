"""The lookup benchmark runs, and the lookup beats a plain WRatio on the same queries."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_reports_latency_and_accuracy():
    output = subprocess.run([sys.executable, "bench/lookup.py", "--json", "--rounds", "1"],
                            cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    report = json.loads(output.stdout)
    assert report["cases"] >= 150 and report["directory"]["rows"] == 91
    assert 0 < report["latency"]["p50_ms"] <= report["latency"]["p99_ms"]
    accuracy = report["accuracy_percent"]
    assert accuracy["lookup"] == 100.0 and report["lookup_misses"] == []
    assert accuracy["plain_wratio"] < 60.0 and accuracy["plain_wratio_on_routable"] < accuracy["lookup_on_routable"]

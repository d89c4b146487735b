"""A bounded load test against a real server with the real model, while it ingests and reloads.

A small run of scripts/loadtest.py (the full run is documented in the README): 32 clients on
loopback, at least 300 requests, an incremental ingest beside them, then a reload by admin
call and one by SIGHUP. No request may fail, and server memory must stay within 10%.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_tiny_corpus

LOAD_TEST = ROOT / "scripts" / "loadtest.py"


@pytest.mark.slow
def test_server_under_load_loses_no_request_while_it_ingests_and_reloads(tmp_path: Path) -> None:
    corpus = write_tiny_corpus(tmp_path / "corpus")
    command = [sys.executable, str(LOAD_TEST), "--corpus", str(corpus), "--incremental", "--json"]
    command += [
        "--requests",
        "300",
        "--warmup",
        "64",
        "--concurrency",
        "32",
        "--max-seconds",
        "300",
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=420, check=False)
    assert run.stdout, run.stderr[-3000:]
    report = json.loads(run.stdout)
    assert report["failures"] == 0, report["errors"]
    assert report["requests"] >= 300
    assert report["requests_during_ingest"] > 0
    assert report["admin_reload_status"] == 200
    assert report["signal_reload_seen"]
    assert abs(report["rss_growth"]) <= 0.10
    assert report["passed"], report

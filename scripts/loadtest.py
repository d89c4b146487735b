"""Load-test a real `docqa serve` on loopback while an ingest runs and the index is reloaded.

Copies the corpus (and, with --index-from, a built index) to a temporary folder, starts the
server on a free 127.0.0.1 port with the real model, warms it up, then sends at least
--requests requests from --concurrency clients (a fixed mix of /ask, /search and browsing)
while `docqa ingest` runs beside it; when the ingest ends, the index is reloaded with
POST /admin/reload and again with SIGHUP, and the load goes on until both are done. Everything
stops at --max-seconds. It fails (exit 1) on any failed request, a failed reload, or server
memory (VmRSS) after the run more than --max-growth above its value after the warm-up.

    python scripts/loadtest.py                       # full: initial ingest, then --rebuild under load
    python scripts/loadtest.py --requests 400 --warmup 100 --incremental --index-from index
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit.launch import free_port, launched  # noqa: E402
from devkit.load import percentiles  # noqa: E402
from devkit.memory import read_memory  # noqa: E402

DOCQA = str(Path(sys.executable).with_name("docqa"))
QUESTIONS = [
    "Why does trust matter in a partnership?",
    "How should the results of a partnership be measured?",
    "What role do local organisations play?",
    "What makes multi-stakeholder partnerships fail?",
    "How can companies and NGOs work together?",
    "What is a multilateral partnership?",
    "Who funds development partnerships?",
    "What did the 2012 conference conclude about alliances?",
    "How do partners share risks?",
    "What did the Zanzibar summit decide?",
]
NEW_DOCUMENT = """# Orchard Cooperative Notes

## Shared Presses

Villages in the valley pooled their cider presses in a cooperative. Each member pays a
yearly fee, and the presses move between villages on a shared calendar.
"""


@dataclass
class Report:
    """What the run measured."""

    requests: int = 0
    failures: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    concurrency: int = 0
    seconds: float = 0.0
    requests_per_second: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0
    rss_growth: float = 0.0
    ingest_seconds: float = 0.0
    requests_during_ingest: int = 0
    index_before: str = ""
    build_after_admin_reload: str = ""
    admin_reload_status: int = 0
    signal_reload_seen: bool = False
    passed: bool = False


def prepare(folder: Path, corpus_from: Path, index_from: Path | None) -> tuple[Path, Path]:
    """Copy the corpus and, if given, an index into `folder`; build the index otherwise."""
    corpus, index = folder / "corpus", folder / "index"
    shutil.copytree(corpus_from, corpus)
    if index_from is not None:
        shutil.copytree(index_from, index, symlinks=True)
    else:
        print("Building the initial index with the real model…", file=sys.stderr)
        subprocess.run(
            [DOCQA, "ingest", "--corpus-dir", str(corpus), "--index-dir", str(index)], check=True
        )
    return corpus, index


def server_command(
    corpus: Path, index: Path, port: int, admin_key: str
) -> tuple[list[str], dict[str, str]]:
    """Return the `docqa serve` command and environment: loopback, rate limiting off, an admin key."""
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "DOCQA_ADMIN_KEY": admin_key,
        "DOCQA_RATE_LIMIT": "",
    }
    command = [DOCQA, "serve", "--no-build", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--corpus-dir", str(corpus), "--index-dir", str(index)]
    return command, env


class Load:
    """Concurrent clients sending a seeded mix of API requests and recording every outcome."""

    def __init__(
        self, base: str, concurrency: int, passage_ids: list[str], document_ids: list[str]
    ) -> None:
        self.base = base
        self.concurrency = concurrency
        self.passage_ids = passage_ids
        self.document_ids = document_ids
        self.rng = random.Random(6)
        self.statuses: Counter[str] = Counter()
        self.errors: list[str] = []
        self.latencies: list[float] = []

    def _next(self) -> tuple[str, str, dict[str, Any] | None]:
        roll = self.rng.random()
        if roll < 0.4:
            return "POST", "/ask", {"question": self.rng.choice(QUESTIONS)}
        if roll < 0.8:
            return "POST", "/search", {"query": self.rng.choice(QUESTIONS), "top_k": 5}
        if roll < 0.85:
            return "GET", "/documents", None
        if roll < 0.9:
            return "GET", f"/documents/{self.rng.choice(self.document_ids)}/passages?limit=20", None
        return "GET", f"/passages/{self.rng.choice(self.passage_ids)}?around=1", None

    async def run(self, count: int, keep_going: asyncio.Event | None, deadline: float) -> int:
        """Send at least `count` requests, and on until `keep_going` is set; return how many."""
        sent = 0
        # Drop idle connections before the server's keep-alive timeout (5 s) does: with equal
        # timeouts a request can be sent on a connection the server is closing (ReadError).
        limits = httpx.Limits(
            max_connections=self.concurrency,
            max_keepalive_connections=self.concurrency,
            keepalive_expiry=2.0,
        )
        async with httpx.AsyncClient(base_url=self.base, limits=limits, timeout=60) as client:

            async def worker() -> None:
                nonlocal sent
                while time.monotonic() < deadline and (
                    sent < count or (keep_going and not keep_going.is_set())
                ):
                    sent += 1
                    method, path, body = self._next()
                    started = time.perf_counter()
                    try:
                        response = await client.request(method, path, json=body)
                        self.statuses[str(response.status_code)] += 1
                        if response.status_code != 200:
                            self.errors.append(
                                f"{method} {path}: {response.status_code} {response.text[:200]}"
                            )
                    except httpx.HTTPError as exc:
                        self.statuses[type(exc).__name__] += 1
                        self.errors.append(
                            f"{time.strftime('%H:%M:%S')} {method} {path}: {exc!r} {exc.__cause__!r}"
                        )
                    self.latencies.append((time.perf_counter() - started) * 1000)

            await asyncio.gather(*(worker() for _ in range(self.concurrency)))
        return sent


@dataclass
class Scenario:
    """The server under test and where its corpus and index live."""

    base: str
    server: subprocess.Popen[bytes]
    corpus: Path
    index: Path
    admin_key: str
    incremental: bool


async def operate(scenario: Scenario, report: Report, load: Load, done: asyncio.Event) -> None:
    """Run the ingest beside the load, then reload by admin call and by SIGHUP."""
    try:
        if scenario.incremental:
            (scenario.corpus / "orchard-cooperative.md").write_text(NEW_DOCUMENT, encoding="utf-8")
        command = [
            DOCQA,
            "ingest",
            "--corpus-dir",
            str(scenario.corpus),
            "--index-dir",
            str(scenario.index),
        ]
        command += [] if scenario.incremental else ["--rebuild"]
        before = len(load.latencies)
        started = time.perf_counter()
        ingest = await asyncio.create_subprocess_exec(
            *command,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await ingest.communicate()
        report.ingest_seconds = round(time.perf_counter() - started, 1)
        report.requests_during_ingest = len(load.latencies) - before
        if ingest.returncode != 0:
            report.errors.append(f"ingest failed: {stderr.decode()[-500:]}")
            return
        async with httpx.AsyncClient(base_url=scenario.base, timeout=120) as client:
            response = await client.post("/admin/reload", headers={"X-API-Key": scenario.admin_key})
            report.admin_reload_status = response.status_code
            report.build_after_admin_reload = response.json().get("build", response.text[:200])
            scenario.server.send_signal(signal.SIGHUP)
            for _ in range(120):
                metrics = (await client.get("/metrics")).text
                if 'docqa_index_loads_total{outcome="loaded",trigger="signal"} 1.0' in metrics:
                    report.signal_reload_seen = True
                    break
                await asyncio.sleep(0.5)
    finally:
        done.set()


async def measure(scenario: Scenario, args: argparse.Namespace) -> Report:
    """Warm up, then load the server while it ingests and reloads; return the figures."""
    base = scenario.base
    report = Report(concurrency=args.concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        documents = [d["id"] for d in (await client.get("/documents")).json()["documents"]]
        pages = [
            await client.get(f"/documents/{d}/passages", params={"limit": 500}) for d in documents
        ]
        passages = [p["passage_id"] for page in pages for p in page.json()["passages"]]
        report.index_before = (await client.get("/readyz")).json()["detail"]
    deadline = time.monotonic() + args.max_seconds
    await Load(base, args.concurrency, passages, documents).run(args.warmup, None, deadline)
    report.rss_before_mb = round(read_memory(scenario.server.pid).rss_mib, 1)
    load = Load(base, args.concurrency, passages, documents)
    done = asyncio.Event()
    started = time.perf_counter()
    operations = asyncio.create_task(operate(scenario, report, load, done))
    report.requests = await load.run(args.requests, done, deadline)
    await operations
    report.seconds = round(time.perf_counter() - started, 1)
    await asyncio.sleep(1)
    report.rss_after_mb = round(read_memory(scenario.server.pid).rss_mib, 1)
    report.rss_growth = round(report.rss_after_mb / report.rss_before_mb - 1, 4)
    report.statuses = dict(load.statuses)
    report.failures = len(load.errors)
    report.errors += load.errors[:20]
    report.requests_per_second = round(report.requests / report.seconds, 1)
    latency = percentiles([ms / 1000 for ms in load.latencies])
    report.latency_ms = {
        "p50": round(latency.p50_ms, 1),
        "p95": round(latency.p95_ms, 1),
        "p99": round(latency.p99_ms, 1),
        "max": round(max(load.latencies, default=float("nan")), 1),
    }
    report.passed = (
        report.failures == 0
        and not report.errors
        and report.admin_reload_status == 200
        and report.signal_reload_seen
        and abs(report.rss_growth) <= args.max_growth
        and time.monotonic() < deadline
    )
    return report


def main() -> int:
    """Parse options, run the scenario, print the report; exit 1 unless it passed."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--requests", type=int, default=3000, help="Requests to send at least (default 3000)."
    )
    parser.add_argument(
        "--concurrency", type=int, default=32, help="Concurrent clients (default 32)."
    )
    parser.add_argument(
        "--warmup", type=int, default=300, help="Warm-up requests before memory is read."
    )
    parser.add_argument(
        "--max-seconds", type=float, default=900, help="Stop everything after this long."
    )
    parser.add_argument(
        "--max-growth",
        type=float,
        default=0.10,
        help="Allowed change of server VmRSS (0.10 = 10%%).",
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="Add a document and ingest it, instead of --rebuild.",
    )
    parser.add_argument(
        "--corpus", type=Path, default=ROOT / "corpus", help="Corpus to copy and serve."
    )
    parser.add_argument(
        "--index-from", type=Path, help="Copy this built index instead of building one first."
    )
    parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
    parser.add_argument("--keep-log", type=Path, help="Copy the server's log (JSON lines) here.")
    args = parser.parse_args()
    admin_key = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="docqa-load-") as tmp:
        folder = Path(tmp)
        corpus, index = prepare(folder, args.corpus, args.index_from)
        port, log = free_port(), folder / "server.log"
        command, env = server_command(corpus, index, port, admin_key)
        try:
            with launched(command, port, env, log, ready_seconds=180) as server:
                scenario = Scenario(
                    server.base_url, server.process, corpus, index, admin_key, args.incremental
                )
                report = asyncio.run(measure(scenario, args))
        finally:
            if args.keep_log:
                shutil.copyfile(log, args.keep_log)
    print(json.dumps(asdict(report), indent=1) if args.json else _table(report))
    return 0 if report.passed else 1


def _table(report: Report) -> str:
    rows = [f"{name:>26}: {value}" for name, value in asdict(report).items() if name != "errors"]
    rows += [f"{'error':>26}: {error}" for error in report.errors]
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())

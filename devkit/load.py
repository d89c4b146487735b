"""Concurrent HTTP load with async httpx, and the latency statistics reported from it."""

import asyncio
import itertools
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
import numpy as np


@dataclass(frozen=True)
class Latencies:
    """Latency percentiles in milliseconds."""

    p50_ms: float
    p95_ms: float
    p99_ms: float


@dataclass(frozen=True)
class LoadRun:
    """The outcome of one load run: throughput, latencies and failed requests."""

    requests: int
    rps: float
    latencies: Latencies
    errors: int


def percentiles(seconds: Sequence[float]) -> Latencies:
    """Return p50, p95 and p99 of durations given in seconds (NaN when there are none)."""
    if not seconds:
        return Latencies(float("nan"), float("nan"), float("nan"))
    p50, p95, p99 = np.percentile(np.asarray(seconds) * 1000, [50, 95, 99])
    return Latencies(float(p50), float(p95), float(p99))


def median_ms(call: Callable[[], object], repeats: int) -> float:
    """Run `call` `repeats` times and return the median duration in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return float(np.median(times) * 1000)


async def send_load(
    url: str, endpoint: str, bodies: Sequence[dict[str, Any]], concurrency: int, count: int
) -> LoadRun:
    """Send `count` requests with `concurrency` in flight: POST each body in turn, or GET."""
    latencies: list[float] = []
    errors = 0
    counter = itertools.count()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors
            while (i := next(counter)) < count:
                start = time.perf_counter()
                try:
                    if bodies:
                        sent = client.post(endpoint, json=bodies[i % len(bodies)])
                    else:
                        sent = client.get(endpoint)
                    ok = (await sent).status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - start)
                errors += not ok

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return LoadRun(count, count / wall, percentiles(latencies), errors)


def run_load(
    url: str, endpoint: str, bodies: Sequence[dict[str, Any]], concurrency: int, count: int
) -> LoadRun:
    """Run `send_load` to completion from synchronous code.

    The load gets an event loop of its own in a worker thread, so a caller whose thread
    already runs one (Playwright's sync API does, for a whole test session) can use it too.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(
            asyncio.run, send_load(url, endpoint, bodies, concurrency, count)
        ).result()

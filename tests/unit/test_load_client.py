"""The benchmark's load client runs from synchronous code, even where an event loop is running."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from devkit.launch import free_port
from devkit.load import LoadRun, run_load


def test_load_runs_from_a_thread_that_already_runs_an_event_loop() -> None:
    # Playwright's sync API keeps a loop running in the main thread for a whole test session.
    port = free_port()  # nothing listens there: every request fails, and is counted

    async def inside_a_loop() -> LoadRun:
        return run_load(f"http://127.0.0.1:{port}", "/ask", [{"question": "q"}], 2, 4)

    # A thread of its own, so the test does not depend on what else runs in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        run = pool.submit(asyncio.run, inside_a_loop()).result()
    assert run.requests == 4
    assert run.errors == 4

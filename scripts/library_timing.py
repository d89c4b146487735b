"""Upload each real document to a running server and time it until it is answerable.

    PYTHONPATH=. python scripts/library_timing.py [--backend auto|torch|onnx] [--docs eval/realdocs]

Builds the project corpus's index in a temporary folder, serves it with uvicorn on a free
loopback port (admin key set, rate limit off), then uploads the documents one by one and
reports, for each: upload-to-answerable seconds (from sending the file to the job being done,
which means its build is swapped in), where they went (the upload's checks until the job is
queued, then the job's steps: apply, read, embed, annotate, write, reload), and the texts
embedded per second, with the machine's one-minute load average at the end of each job (the
timings mean little on a busy machine).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from app.config import Settings
from app.ingest.build import build_index, discover
from app.retrieval.encoders import load_encoder
from devkit.launch import free_port, launched, uvicorn_command

ROOT = Path(__file__).resolve().parent.parent
KEY = "timing-admin"
FINAL = ("done", "failed", "rolled_back")
STEPS = ("apply", "read", "annotate", "write", "reload")


def upload_and_wait(client: httpx.Client, path: Path) -> dict[str, Any]:
    """Upload `path`, poll its job until it ends; return the job and the wall-clock seconds."""
    started = time.perf_counter()
    response = client.post(
        "/admin/documents", files={"file": (path.name, path.read_bytes())}, timeout=300
    )
    if response.status_code != 202:
        return {"state": f"HTTP {response.status_code}", "message": response.text, "wall": 0.0}
    job: dict[str, Any] = response.json()
    checked = time.perf_counter() - started
    while job["state"] not in FINAL:
        time.sleep(0.1)
        job = client.get(f"/admin/jobs/{job['id']}").json()
    job["wall"] = time.perf_counter() - started
    job["check"] = checked
    if job["state"] == "done":
        found = client.post(
            "/search", json={"query": path.stem.replace("-", " "), "document": job["document_id"]}
        )
        job["answerable"] = found.status_code == 200 and bool(found.json()["results"])
    return job


def main() -> int:
    """Run the timing and print one row per document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="auto", choices=["auto", "torch", "onnx"])
    parser.add_argument("--docs", type=Path, default=ROOT / "eval" / "realdocs")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="docqa-library-timing-"))
    try:
        shutil.copytree(ROOT / "corpus", folder / "corpus")
        settings = Settings(
            corpus_dir=folder / "corpus", index_dir=folder / "index", encoder_backend=args.backend
        )
        build_index(settings, lambda: load_encoder(settings))
        port = free_port()
        env = {
            **os.environ,
            "DOCQA_CORPUS_DIR": str(settings.corpus_dir),
            "DOCQA_INDEX_DIR": str(settings.index_dir),
            "DOCQA_ADMIN_KEY": KEY,
            "DOCQA_RATE_LIMIT": "",
            "DOCQA_ENCODER_BACKEND": args.backend,
            "HF_HUB_OFFLINE": "1",
        }
        command = uvicorn_command(port)
        with (
            launched(command, port, env, folder / "server.log", cwd=ROOT, ready_seconds=300) as srv,
            httpx.Client(base_url=srv.base_url, headers={"X-API-Key": KEY}) as client,
        ):
            rates = []
            print(f"backend={args.backend}")
            print(
                "document | bytes | state | upload→answerable s | check s | "
                + " | ".join(f"{step} s" for step in STEPS)
                + " | texts | embed s | texts/s | load"
            )
            for path in discover(args.docs):
                job = upload_and_wait(client, path)
                texts = job.get("progress", {}).get("texts_total", 0)
                seconds = job.get("seconds", {})
                embed = seconds.get("embed", 0.0)
                steps = " | ".join(f"{seconds.get(step, 0.0):.1f}" for step in STEPS)
                rate = texts / embed if embed else 0.0
                if rate:
                    rates.append(rate)
                print(
                    f"{path.name} | {path.stat().st_size} | {job['state']}"
                    f"{'' if job.get('answerable', True) else ' (not found)'} | "
                    f"{job['wall']:.1f} | {job.get('check', 0.0):.1f} | {steps} | "
                    f"{texts} | {embed:.1f} | {rate:.0f} | {os.getloadavg()[0]:.1f}"
                    + (f" | {job['message']}" if job["state"] != "done" else "")
                )
            if rates:
                print(f"median embedding rate: {statistics.median(rates):.0f} texts/s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark DocQA on this machine: the HTTP service against its floor, the query encoders,
ingestion, memory, and dense search at synthetic scale. Prints Markdown tables; --json
writes everything measured.

The service is the real one: `python -m uvicorn app.main:app` on a free loopback port with
the bundled model, serving an index of the real corpus that this script first builds with
`docqa ingest` into a temporary folder. Requests are dev-set questions sent with async
httpx at each concurrency. The floor is measured in this process with the encoder the
service loads (same settings, same thread count): the median time to embed one question
plus the median bare FAISS + BM25 search for it.

Examples:

    python scripts/bench.py --quick
    python scripts/bench.py --json artifacts/bench.json
    python scripts/bench.py --only http,floor --env DOCQA_ENCODER_BACKEND=torch --env DOCQA_QUERY_BATCH_SIZE=1
    python scripts/bench.py --only scale --sizes 10000,100000,1000000 --data clustered,uniform
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from app.config import Settings  # noqa: E402
from app.evaluation.devset import load_questions  # noqa: E402
from app.retrieval.encoders import load_encoder  # noqa: E402
from app.retrieval.index import load_index  # noqa: E402
from devkit.bench import SECTIONS, Results, progress  # noqa: E402
from devkit.bench.encoding import compare_encoders, measure_floor, measure_model  # noqa: E402
from devkit.bench.machine import describe_machine  # noqa: E402
from devkit.bench.report import ratios, report  # noqa: E402
from devkit.bench.scale import measure_scale  # noqa: E402
from devkit.bench.service import RunningServer, measure_http, measure_ingest  # noqa: E402
from devkit.launch import ServerStartError, free_port, launched, uvicorn_command  # noqa: E402


def ingest_command(corpus: Path, index_dir: Path, env: dict[str, str]) -> None:
    """Run `docqa ingest` in a child process, as a user would; exit with its output on failure."""
    command = [sys.executable, "-m", "app.ingest", "--corpus-dir", str(corpus)]
    command += ["--index-dir", str(index_dir)]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"docqa ingest failed:\n{done.stdout}\n{done.stderr}")


@contextmanager
def uvicorn_server(env: dict[str, str], log: Path, timeout: float = 180) -> Iterator[RunningServer]:
    """Start the service with uvicorn and wait until /readyz answers 200."""
    port = free_port()
    try:
        with launched(uvicorn_command(port), port, env, log, cwd=ROOT, ready_seconds=timeout) as s:
            yield RunningServer(s.process.pid, s.base_url)
    except ServerStartError as exc:
        sys.exit(str(exc))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small run, under a minute: fewer requests, 10k scale only",
    )
    parser.add_argument("--json", type=Path, help="write all results to this JSON file")
    parser.add_argument(
        "--questions",
        type=Path,
        default=ROOT / "eval" / "dev.jsonl",
        help="questions, JSON lines as eval/README.md describes [default: eval/dev.jsonl]",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=ROOT / "corpus",
        help="corpus folder to index [default: corpus]",
    )
    parser.add_argument(
        "--index",
        type=Path,
        help="serve this built index folder instead of building one (no ingest)",
    )
    parser.add_argument(
        "--requests",
        type=int,
        help="requests per endpoint and concurrency [default: 200, quick 30]",
    )
    parser.add_argument(
        "--concurrency",
        default="1,4,16",
        help="comma-separated concurrency levels [default: 1,4,16]",
    )
    parser.add_argument(
        "--sizes", help="synthetic passage counts [default: 10000,100000,1000000; quick 10000]"
    )
    parser.add_argument(
        "--data", default="clustered,uniform", help="synthetic vectors: clustered and/or uniform"
    )
    parser.add_argument(
        "--text-up-to",
        type=int,
        default=100_000,
        help="largest size at which BM25 and the full hybrid search are timed over generated "
        "text (0: never) [default: 100000]",
    )
    parser.add_argument(
        "--only", help=f"comma-separated sections to run, from {','.join(SECTIONS)}"
    )
    parser.add_argument("--skip", default="", help="comma-separated sections to skip")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="setting for the server and this process, e.g. DOCQA_ENCODER_BACKEND=torch (repeatable)",
    )
    return parser.parse_args(argv)


def chosen_sections(args: argparse.Namespace) -> list[str]:
    """Return the sections to run, refusing unknown names."""
    wanted = args.only.split(",") if args.only else list(SECTIONS)
    sections = [s for s in wanted if s not in args.skip.split(",")]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        sys.exit(
            f"Unknown sections: {', '.join(sorted(unknown))}. Choose from {', '.join(SECTIONS)}."
        )
    return sections


def main(argv: list[str] | None = None) -> None:
    """Run the chosen sections and report."""
    args = parse_args(argv)
    sections = chosen_sections(args)
    for pair in args.env:
        name, _, value = pair.partition("=")
        os.environ[name] = value
    count = args.requests or (30 if args.quick else 200)
    sizes = args.sizes or ("10000" if args.quick else "10000,100000,1000000")
    questions = load_questions(args.questions)
    texts = [q.question for q in questions]
    results: Results = {"machine": describe_machine(), "settings_env": args.env}
    results["quick"] = args.quick
    progress(
        f"machine: {results['machine']['cpu']}, load {results['machine']['loadavg_start']:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="docqa-bench-") as tmp:
        work = Path(tmp)
        shutil.copytree(args.corpus, work / "corpus")
        index_dir = args.index or work / "index"
        env = {
            **os.environ,
            "DOCQA_CORPUS_DIR": str(work / "corpus"),
            "DOCQA_INDEX_DIR": str(index_dir),
            # One client sends every request: the per-client rate limit would answer 429.
            "DOCQA_RATE_LIMIT": "",
        }
        settings = Settings(corpus_dir=work / "corpus", index_dir=index_dir)
        if args.index is None and {"ingest", "http", "floor", "encoders"} & set(sections):
            progress("ingest: cold build, then an unchanged re-run")
            results["ingest"] = measure_ingest(
                lambda: ingest_command(work / "corpus", index_dir, env), index_dir
            )
        if "http" in sections:
            levels = [int(c) for c in args.concurrency.split(",")]
            serve = lambda: uvicorn_server(env, work / "server.log")  # noqa: E731
            results["http"] = measure_http(serve, questions, levels, count)
        if {"floor", "encoders"} & set(sections):
            index = load_index(settings.index_dir, settings.model)
            if "floor" in sections:
                results["floor"] = measure_floor(settings, load_encoder(settings), index, texts)
                progress(f"floor {results['floor']['floor_ms']:.2f} ms")
            if "encoders" in sections:
                backends = ["torch", "onnx"] + ([] if args.quick else ["onnx-int8"])
                load = lambda backend: load_encoder(settings, backend)  # noqa: E731
                results["encoders"] = compare_encoders(settings, load, index, questions, backends)
        if "model" in sections:
            results["model"] = measure_model(load_encoder(settings), texts)
        if "scale" in sections:
            kinds = args.data.split(",")
            sizes_n = [int(s) for s in sizes.split(",")]
            results["scale"] = measure_scale(settings, sizes_n, kinds, args.text_up_to)
    results["ratios"] = ratios(results)
    results["machine"]["loadavg_end"] = os.getloadavg()[0]
    print(report(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

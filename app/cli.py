"""The `docqa` command line: build the index, serve the API and chat page, ask a question."""

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from app.config import Settings
from app.corpus import load_corpus_profile
from app.errors import DocQAError
from app.ingest.build import BuildReport, build_index
from app.ingest.progress import LineListener, Listener
from app.ops.server import uvicorn_options
from app.retrieval.embedder import SentenceTransformerEmbedder

cli = typer.Typer(
    help="Cited answers from your documents (corpus/catalog.toml describes them).",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)

CorpusOption = Annotated[Path | None, typer.Option(help="Folder of documents [default: corpus]")]
IndexOption = Annotated[Path | None, typer.Option(help="Index folder [default: index]")]
ModelOption = Annotated[str | None, typer.Option(help="Embedding model name or folder")]


def _settings(corpus_dir: Path | None, index_dir: Path | None, model: str | None) -> Settings:
    given = {"corpus_dir": corpus_dir, "index_dir": index_dir, "model": model}
    return Settings().model_copy(update={k: v for k, v in given.items() if v is not None})


class _ProgressListener(Listener):
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def reading(self, path: str, done: int, total: int) -> None:
        self.progress.console.log(f"reading {done}/{total}: {path}")

    def embedding(self, total: int) -> None:
        self.task = self.progress.add_task("Embedding passages and sentences", total=total)

    def advance(self, done: int) -> None:
        if self.task is not None:
            self.progress.advance(self.task, done)


def run_ingest(settings: Settings, strict: bool = False, rebuild: bool = False) -> BuildReport:
    """Build the index with a progress bar (plain log lines when stderr is not a terminal)
    and print the summary table."""

    def load() -> SentenceTransformerEmbedder:
        with console.status(f"Loading model {settings.model}"):
            return SentenceTransformerEmbedder(settings.model, settings.batch_size)

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    if not console.is_terminal:
        report = build_index(
            settings, load, strict=strict, rebuild=rebuild, listener=LineListener(console.print)
        )
        _print_report(report)
        return report
    with Progress(*columns, console=console, transient=True) as progress:
        report = build_index(
            settings, load, strict=strict, rebuild=rebuild, listener=_ProgressListener(progress)
        )
    _print_report(report)
    return report


def _print_report(report: BuildReport) -> None:
    table = Table(
        title="Index up to date, nothing to do" if report.up_to_date else "Ingest summary"
    )
    table.add_column("file")
    table.add_column("document id")
    table.add_column("passages", justify="right")
    table.add_column("furniture dropped", justify="right")
    table.add_column("table rows", justify="right")
    table.add_column("tables left out", justify="right")
    table.add_column("cut to fit", justify="right")
    table.add_column("status")
    for file in report.files:
        status = f"[red]skipped: {file.skipped}" if file.skipped else "[green]indexed"
        table.add_row(
            file.path,
            file.document_id,
            str(file.passages),
            str(file.furniture()),
            str(file.table_rows),
            str(file.tables_left_out()),
            str(file.oversize),
            status,
        )
    console.print(table)
    skipped = sum(1 for f in report.files if f.skipped)
    console.print(
        f"{report.passages} passages from {len(report.files) - skipped} files"
        f" ({skipped} skipped); {len(report.parsed)} files read anew, the others taken from"
        f" the parse cache; embedded {report.embedded} new texts, reused {report.reused};"
        f" analysed {report.annotated} new sentences in {report.analysis_seconds:.1f} s;"
        f" {report.seconds:.1f} s. Index: {report.build}"
    )


@cli.command()
def ingest(
    corpus_dir: CorpusOption = None,
    index_dir: IndexOption = None,
    model: ModelOption = None,
    strict: Annotated[bool, typer.Option(help="Fail the run on an unreadable file.")] = False,
    rebuild: Annotated[
        bool,
        typer.Option(
            help="Re-read, re-embed and re-analyse everything, ignoring the last build and "
            "the parse cache."
        ),
    ] = False,
) -> None:
    """Build or update the search index from the corpus folder.

    Reads .txt, .md, .pdf, .html and .docx files, cleans and splits them into passages, embeds
    what changed since the last build and swaps the new index in atomically. An
    unreadable file is reported and skipped (unless --strict).

    Examples:

        docqa ingest

        docqa ingest --corpus-dir ~/reports --index-dir /srv/docqa/index --strict
    """
    try:
        run_ingest(_settings(corpus_dir, index_dir, model), strict=strict, rebuild=rebuild)
    except DocQAError as exc:
        console.print(f"[red]Error:[/red] {exc}")
        raise typer.Exit(1) from None


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    corpus_dir: CorpusOption = None,
    index_dir: IndexOption = None,
    model: ModelOption = None,
    build: Annotated[bool, typer.Option(help="Build the index first if missing or stale.")] = True,
) -> None:
    """Serve the chat page and the API, building the index first when needed.

    Examples:

        docqa serve

        docqa serve --host 0.0.0.0 --port 8080
    """
    import uvicorn

    settings = _settings(corpus_dir, index_dir, model)
    if build:
        try:
            run_ingest(settings)
        except DocQAError as exc:
            console.print(
                f"[yellow]Index not built:[/yellow] {exc} Serving anyway; the API answers 503."
            )
    for name, value in (
        ("DOCQA_CORPUS_DIR", settings.corpus_dir),
        ("DOCQA_INDEX_DIR", settings.index_dir),
        ("DOCQA_MODEL", settings.model),
    ):
        os.environ[name] = str(value)
    profile = load_corpus_profile(settings.corpus_dir)
    console.print(f"{profile.title}: chat page and API on http://{host}:{port}/  (API docs: /docs)")
    uvicorn.run("app.main:app", host=host, port=port, **uvicorn_options(settings))


@cli.command()
def ask(
    questions: Annotated[list[str], typer.Argument(help="One or more questions to answer.")],
    index_dir: IndexOption = None,
    model: ModelOption = None,
) -> None:
    """Answer questions from the index in the terminal, each with its sources.

    Examples:

        docqa ask "Why does trust matter in a partnership?"

        docqa ask "What is blended finance?" "Who founded the Global Fund?"
    """
    from fastapi.testclient import TestClient

    from app.main import create_app

    # An answer in the terminal, not a server: no request log lines.
    settings = _settings(None, index_dir, model).model_copy(update={"log_level": "WARNING"})
    with TestClient(create_app(settings)) as client:
        for number, question in enumerate(questions):
            response = client.post("/ask", json={"question": question})
            body = response.json()
            if response.status_code != 200:
                console.print(f"[red]Error {response.status_code}:[/red] {body.get('detail')}")
                raise typer.Exit(1)
            if len(questions) > 1:
                typer.echo(f"{'' if number == 0 else chr(10)}Q: {question}")
            typer.echo(body["answer"])
            typer.echo("")
            for citation in body["citations"]:
                typer.echo(
                    f"[{citation['marker']}] {citation['title']} — {citation['section']} "
                    f"({citation['location']})"
                )


if __name__ == "__main__":
    cli()

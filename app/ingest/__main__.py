"""`python -m app.ingest`: the same command as `docqa ingest`."""

import typer

from app.cli import ingest

if __name__ == "__main__":
    typer.run(ingest)

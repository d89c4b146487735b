"""Serve the app with the fake embedder under uvicorn, with the options `docqa serve` uses.

    python -m tests.reliability.fake_server PORT

Settings come from DOCQA_ environment variables, as for `uvicorn app.main:app`.
"""

import sys

import uvicorn
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.ops.server import uvicorn_options
from tests.fakes import HashingEmbedder


def create_fake_app() -> FastAPI:
    """Build the app with settings from the environment and the hashing embedder."""
    return create_app(Settings(), embedder=HashingEmbedder())


if __name__ == "__main__":
    options = uvicorn_options(Settings())
    target = "tests.reliability.fake_server:create_fake_app"
    uvicorn.run(target, factory=True, host="127.0.0.1", port=int(sys.argv[1]), **options)

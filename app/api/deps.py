"""FastAPI dependencies: the settings, the loaded index, the embedder and the spaCy pipeline,
from lifespan state."""

from concurrent.futures import Executor
from typing import Annotated

from fastapi import Depends, Request
from spacy.language import Language

from app.config import Settings
from app.corpus import CorpusProfile
from app.errors import IndexUnavailableError
from app.retrieval.embedder import Embedder
from app.retrieval.index import Index
from app.serving import IndexHolder


def get_settings_dep(request: Request) -> Settings:
    """Return the app's settings."""
    settings: Settings = request.state.settings
    return settings


def get_holder(request: Request) -> IndexHolder:
    """Return the holder of the live index."""
    holder: IndexHolder = request.state.holder
    return holder


def get_index(request: Request) -> Index:
    """Return the live index, or raise IndexUnavailableError with the reason."""
    holder = get_holder(request)
    if holder.current is None:
        raise IndexUnavailableError(holder.reason or "The index is not loaded.")
    return holder.current


def get_corpus_profile(request: Request) -> CorpusProfile:
    """Return what the corpus's catalogue says about it, read at start-up."""
    profile: CorpusProfile = request.state.corpus
    return profile


def get_embedder(request: Request) -> Embedder:
    """Return the embedder loaded at start-up."""
    embedder: Embedder | None = request.state.embedder
    if embedder is None:
        raise IndexUnavailableError(request.state.holder.reason or "The model is not loaded.")
    return embedder


def get_language(request: Request) -> Language:
    """Return the spaCy pipeline loaded at start-up, to analyse questions."""
    language: Language | None = request.state.language
    if language is None:
        raise IndexUnavailableError(
            request.state.holder.reason or "The language pipeline is not loaded."
        )
    return language


def get_workers(request: Request) -> Executor:
    """Return the threads that embed questions beside the request's own work."""
    workers: Executor = request.state.workers
    return workers


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
HolderDep = Annotated[IndexHolder, Depends(get_holder)]
IndexDep = Annotated[Index, Depends(get_index)]
EmbedderDep = Annotated[Embedder, Depends(get_embedder)]
CorpusDep = Annotated[CorpusProfile, Depends(get_corpus_profile)]
LanguageDep = Annotated[Language, Depends(get_language)]
WorkersDep = Annotated[Executor, Depends(get_workers)]

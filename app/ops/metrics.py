"""Prometheus metrics: requests and latencies by route, plus abstentions, index size and loads."""

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fastapi import FastAPI, params
from prometheus_client import CollectorRegistry, Counter, Gauge
from prometheus_fastapi_instrumentator import Instrumentator
from prometheus_fastapi_instrumentator import metrics as instrumentations

logger = logging.getLogger("app")


@dataclass
class Metrics:
    """The service's own metrics, in a registry of their own so that each app starts at zero."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        self.abstentions = Counter(
            "docqa_abstentions", "Answers of /ask that abstained.", registry=self.registry
        )
        self.index_passages = Gauge(
            "docqa_index_passages", "Passages in the index being served.", registry=self.registry
        )
        self.model_load_seconds = Gauge(
            "docqa_model_load_seconds",
            "Seconds the embedding model took to load.",
            registry=self.registry,
        )
        self.index_loads = Counter(
            "docqa_index_loads",
            "Index loads by trigger (startup, admin, signal) and outcome (loaded, failed).",
            ["trigger", "outcome"],
            registry=self.registry,
        )
        self.index_fallback = Gauge(
            "docqa_index_fallback",
            "1 while an older build is served because the live one is damaged, else 0.",
            registry=self.registry,
        )
        self.index_load_seconds = Gauge(
            "docqa_index_load_seconds",
            "Seconds the last successful index load took.",
            registry=self.registry,
        )

    def watch_index(self, passages: Callable[[], int], fallback: Callable[[], bool]) -> None:
        """Read the served index's size and fallback state at each scrape, so a reload shows at once."""
        self.index_passages.set_function(lambda: float(passages()))
        self.index_fallback.set_function(lambda: float(fallback()))

    def count_abstention(self, info: instrumentations.Info) -> None:
        """Count the abstentions among successful /ask answers (an instrumentation hook)."""
        if (
            info.modified_handler != "/ask"
            or info.response is None
            or info.response.status_code != 200
        ):
            return
        try:
            abstained = json.loads(bytes(info.response.body)).get("abstained") is True
        except ValueError:
            logger.warning("Could not read an /ask answer to count abstentions")
            return
        if abstained:
            self.abstentions.inc()


def install_metrics(app: FastAPI, metrics: Metrics, dependencies: Sequence[params.Depends]) -> None:
    """Count and time every request by route and serve everything at GET /metrics."""
    instrumentator = Instrumentator(
        should_group_status_codes=False,
        excluded_handlers=["^/metrics$"],
        body_handlers=["^/ask$"],
        registry=metrics.registry,
    )
    instrumentator.add(
        instrumentations.default(registry=metrics.registry), metrics.count_abstention
    )
    instrumentator.instrument(app).expose(
        app, include_in_schema=False, dependencies=list(dependencies), tags=["operations"]
    )

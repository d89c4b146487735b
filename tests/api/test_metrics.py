"""GET /metrics: Prometheus text with requests by route and the service's own figures."""

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from app.config import Settings
from app.ingest.build import build_index
from tests.api.serving import client_with
from tests.fakes import HashingEmbedder


def _samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def _value(
    samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_requests_are_counted_and_timed_by_route_and_status(client: TestClient) -> None:
    for _ in range(3):
        client.post("/search", json={"query": "trust"})
    client.get("/documents/nope")
    samples = _samples(client)
    assert (
        _value(samples, "http_requests_total", handler="/search", method="POST", status="200") == 3
    )
    assert (
        _value(
            samples,
            "http_requests_total",
            handler="/documents/{document_id}",
            method="GET",
            status="404",
        )
        == 1
    )
    assert (
        _value(samples, "http_request_duration_seconds_count", handler="/search", method="POST")
        == 3
    )


def test_abstentions_are_counted(client: TestClient) -> None:
    client.post("/ask", json={"question": "How should results be measured at two levels?"})
    before = _value(_samples(client), "docqa_abstentions_total")
    abstained = client.post(
        "/ask", json={"question": "What did the Zanzibar summit decide?"}
    ).json()["abstained"]
    assert abstained
    assert _value(_samples(client), "docqa_abstentions_total") == before + 1


def test_index_size_model_load_time_and_loads_are_reported(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    build_index(settings, lambda: fake_embedder)
    with client_with(settings, fake_embedder, admin_key="adm") as client:
        client.post("/admin/reload", headers={"X-API-Key": "adm"})
        passages = int(client.get("/readyz").json()["detail"].split()[0])
        samples = _samples(client)
    assert _value(samples, "docqa_index_passages") == passages > 0
    assert ("docqa_model_load_seconds", frozenset()) in samples
    assert _value(samples, "docqa_index_loads_total", trigger="startup", outcome="loaded") == 1
    assert _value(samples, "docqa_index_loads_total", trigger="admin", outcome="loaded") == 1


def test_each_app_starts_its_metrics_at_zero(
    client: TestClient, settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    client.post("/search", json={"query": "trust"})
    with client_with(settings, fake_embedder) as fresh:
        assert (
            _value(
                _samples(fresh),
                "http_requests_total",
                handler="/search",
                method="POST",
                status="200",
            )
            == 0
        )

"""POST /ask through the app with the fake embedder."""

import threading

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.retrieval.embedder import Vectors
from app.retrieval.index import Index
from tests.fakes import HashingEmbedder


def test_answer_quotes_the_corpus_with_markers(client: TestClient) -> None:
    body = client.post(
        "/ask", json={"question": "How should results be measured at two levels?"}
    ).json()
    assert not body["abstained"]
    assert body["citations"]
    for citation in body["citations"]:
        assert f"[{citation['marker']}]" in body["answer"]
        assert (
            citation["text"][citation["quote_start"] : citation["quote_end"]] == citation["quote"]
        )
        assert citation["quote"] in body["answer"]


def test_question_naming_something_unknown_abstains(client: TestClient) -> None:
    body = client.post("/ask", json={"question": "What did the Zanzibar summit decide?"}).json()
    assert body["abstained"]
    assert "Zanzibar" in body["answer"]


def test_empty_question_is_422(client: TestClient) -> None:
    response = client.post("/ask", json={"question": "   "})
    assert response.status_code == 422


def test_question_over_1000_chars_is_422(client: TestClient) -> None:
    response = client.post("/ask", json={"question": "x" * 1001})
    assert response.status_code == 422


def test_top_k_out_of_range_is_422(client: TestClient) -> None:
    assert client.post("/ask", json={"question": "trust", "top_k": 0}).status_code == 422
    assert client.post("/ask", json={"question": "trust", "top_k": 51}).status_code == 422


def test_unknown_document_is_404_with_message(client: TestClient) -> None:
    response = client.post("/ask", json={"question": "trust", "document": "nope"})
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_question_padded_past_1000_chars_is_422(client: TestClient) -> None:
    response = client.post("/ask", json={"question": "trust" + " " * 1000})
    assert response.status_code == 422


def test_segments_and_quotes_locate_every_quoted_piece(client: TestClient) -> None:
    body = client.post(
        "/ask", json={"question": "How should results be measured at two levels?"}
    ).json()
    assert body["segments"] and body["reason"] == ""
    passages = {c["passage_id"]: c for c in body["citations"]}
    for segment in body["segments"]:
        citation = passages[segment["passage_id"]]
        assert citation["marker"] == segment["marker"]
        assert citation["text"][segment["start"] : segment["end"]] == segment["text"]
        assert {"start": segment["start"], "end": segment["end"]} in citation["quotes"]
        assert segment["text"] in body["answer"]


def test_a_decline_gives_its_reason_and_no_segments(client: TestClient) -> None:
    body = client.post("/ask", json={"question": "What did the Zanzibar summit decide?"}).json()
    assert body["abstained"]
    assert body["segments"] == []
    assert "Zanzibar" in body["reason"] and body["reason"] in body["answer"]
    assert all(c["quotes"] == [] for c in body["citations"])


def test_confidence_is_a_probability(client: TestClient) -> None:
    for question in ("How should results be measured at two levels?", "What did Zanzibar do?"):
        confidence = client.post("/ask", json={"question": question}).json()["confidence"]
        assert 0.0 <= confidence <= 1.0


class _ThreadRecordingEmbedder(HashingEmbedder):
    """The fake embedder, noting which thread embeds each question."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[str] = []

    def embed_query(self, text: str) -> Vectors:
        self.threads.append(threading.current_thread().name)
        return super().embed_query(text)


def test_question_is_embedded_on_a_worker_beside_the_parse(
    settings: Settings, built_index: Index
) -> None:
    embedder = _ThreadRecordingEmbedder()
    with TestClient(create_app(settings, built_index, embedder)) as client:
        body = client.post("/ask", json={"question": "How should results be measured?"}).json()
    assert body["citations"]
    assert len(embedder.threads) == 1 and embedder.threads[0].startswith("embed")


class _FailingEmbedder(HashingEmbedder):
    def embed_query(self, text: str) -> Vectors:
        raise RuntimeError(f"the model broke on {text!r}")


def test_a_failure_of_the_worker_embedding_reaches_the_request(
    settings: Settings, built_index: Index
) -> None:
    app = create_app(settings, built_index, _FailingEmbedder())
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/ask", json={"question": "How should results be measured?"})
    assert response.status_code == 500

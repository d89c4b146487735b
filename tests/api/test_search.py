"""POST /search through the app with the fake embedder."""

from fastapi.testclient import TestClient


def test_results_come_best_first_with_the_contract_fields(client: TestClient) -> None:
    results = client.post("/search", json={"query": "trust between partners", "top_k": 3}).json()[
        "results"
    ]
    assert 1 <= len(results) <= 3
    assert set(results[0]) >= {"passage_id", "document_id", "title", "section", "text", "score"}
    assert "trust" in results[0]["text"].lower()
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_document_filter_keeps_only_that_document(client: TestClient) -> None:
    results = client.post(
        "/search", json={"query": "ovens trust data", "document": "bakery-alliance"}
    ).json()
    assert {r["document_id"] for r in results["results"]} == {"bakery-alliance"}


def test_section_filter_matches_part_of_the_section_path(client: TestClient) -> None:
    results = client.post("/search", json={"query": "partners", "section": "measuring"}).json()[
        "results"
    ]
    assert results
    assert {r["section"] for r in results} == {"Measuring Results"}


def test_unknown_document_is_404(client: TestClient) -> None:
    response = client.post("/search", json={"query": "trust", "document": "missing-doc"})
    assert response.status_code == 404
    assert "missing-doc" in response.json()["detail"]


def test_missing_query_is_422(client: TestClient) -> None:
    assert client.post("/search", json={"top_k": 3}).status_code == 422


def test_non_json_body_is_422(client: TestClient) -> None:
    response = client.post(
        "/search", content=b"query=trust", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 422

"""Browsing the corpus: documents, passages in reading order, a passage in context."""

from fastapi.testclient import TestClient


def test_documents_are_listed_with_titles_and_passage_counts(client: TestClient) -> None:
    documents = {d["id"]: d for d in client.get("/documents").json()["documents"]}
    assert documents["field-notes"]["title"] == "Partnership Field Notes"
    assert documents["field-notes"]["passages"] > 0


def test_document_detail_lists_its_sections_in_reading_order(client: TestClient) -> None:
    detail = client.get("/documents/field-notes").json()
    assert detail["sections"] == ["Building Trust", "Measuring Results", "Local Context"]


def test_passages_page_in_reading_order_with_total(client: TestClient) -> None:
    page = client.get("/documents/field-notes/passages?offset=1&limit=1").json()
    assert page["total"] == 3
    assert [p["section"] for p in page["passages"]] == ["Measuring Results"]


def test_passage_comes_with_its_neighbours(client: TestClient) -> None:
    middle = client.get("/documents/field-notes/passages?offset=1&limit=1").json()["passages"][0]
    context = client.get(f"/passages/{middle['passage_id']}").json()
    assert context["passage"]["passage_id"] == middle["passage_id"]
    assert [p["section"] for p in context["previous"]] == ["Building Trust"]
    assert [p["section"] for p in context["next"]] == ["Local Context"]


def test_unknown_document_and_passage_are_404(client: TestClient) -> None:
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/documents/nope/passages").status_code == 404
    assert client.get("/passages/0000").status_code == 404


def test_path_traversal_in_an_id_is_rejected(client: TestClient) -> None:
    assert client.get("/documents/..%2F..%2Fetc").status_code in (404, 422)

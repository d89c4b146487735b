"""The real corpus with the real bundled model: structure, cleanliness, spans, answers."""

import re

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.evaluation.devset import Question, answer_segments, load_questions, normalise
from app.ingest.build import build_index
from app.retrieval.embedder import SentenceTransformerEmbedder
from app.retrieval.index import Index, load_index
from tests.conftest import DEV_SET

pytestmark = pytest.mark.slow


def _dev() -> list[Question]:
    return load_questions(DEV_SET)


@pytest.mark.parametrize(
    "section",
    [
        "Key Themes > Work to Build Trust",
        "The Future of Partnerships",
        "Successful Partnership Case Studies > The Extractive Industries Transparency Initiative (EITI)",
        "Lessons from Partnership Failures > Structural and Design Failures",
        "Defining Multilateral Partnerships > Scale and Scope Today",
    ],
)
def test_document_sections_appear_as_section_paths(real_index: Index, section: str) -> None:
    assert section in {p.section for p in real_index.passages}


@pytest.mark.parametrize(
    "instruction", ["word count", "deconstruct the request", "role:", "target ~", "reading time"]
)
def test_no_passage_carries_writing_instructions(real_index: Index, instruction: str) -> None:
    assert not [p.id for p in real_index.passages if instruction in p.text.lower()]


def test_no_passage_carries_a_sidebar_fragment_mid_sentence(real_index: Index) -> None:
    body = " ".join(p.text for p in real_index.passages if p.kind == "body")
    assert "winners-andbroader" not in body
    assert "Others see broader opportunities." in body
    assert "many corporations have been leading" in body


def test_pull_quotes_are_passages_of_their_own(real_index: Index) -> None:
    quotes = [p.text for p in real_index.passages if p.kind == "quote"]
    assert any(
        q.endswith("—John Forrer, Associate Director, Institute for Corporate Responsibility")
        for q in quotes
    )


def test_every_dev_evidence_span_lies_whole_in_a_passage(real_index: Index) -> None:
    texts = [normalise(p.text) for p in real_index.passages]
    spans = [e for q in _dev() for e in q.evidence]
    missing = [s for s in spans if not any(normalise(s) in t for t in texts)]
    assert spans and missing == []


def test_passages_fit_the_model_window(
    real_index: Index, real_embedder: SentenceTransformerEmbedder
) -> None:
    sizes = real_embedder.count_tokens([f"{p.section}\n{p.text}" for p in real_index.passages])
    assert max(sizes) <= real_embedder.max_tokens


def test_two_builds_give_the_same_ids_and_the_second_embeds_nothing(
    real_settings: Settings,
    real_index: Index,
    real_embedder: SentenceTransformerEmbedder,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    settings = real_settings.model_copy(
        update={"index_dir": tmp_path_factory.mktemp("again") / "index"}
    )
    build_index(settings, lambda: real_embedder)
    assert [p.id for p in load_index(settings.index_dir, real_embedder.name).passages] == [
        p.id for p in real_index.passages
    ]
    assert build_index(settings, lambda: real_embedder).up_to_date


@pytest.mark.parametrize("qid", ["d004", "d013", "d025", "d042", "d054", "d058"])
def test_dev_questions_retrieve_their_evidence(real_client: TestClient, qid: str) -> None:
    question = next(q for q in _dev() if q.id == qid)
    results = real_client.post("/search", json={"query": question.question, "top_k": 5}).json()[
        "results"
    ]
    spans = [normalise(e) for e in question.evidence]
    assert any(any(s in normalise(r["text"]) for s in spans) for r in results)


@pytest.mark.parametrize(
    "question",
    ["How do I reverse a linked list in Python?", "What stretches help with lower back pain?"],
)
def test_off_topic_question_abstains(real_client: TestClient, question: str) -> None:
    body = real_client.post("/ask", json={"question": question}).json()
    assert body["abstained"]
    assert body["answer"].startswith("The sources don't cover this.")


def test_every_answer_sentence_is_verbatim_in_its_citation(real_client: TestClient) -> None:
    checked = 0
    for question in [q for q in _dev() if q.answerable][::5]:
        body = real_client.post("/ask", json={"question": question.question}).json()
        citations = {c["marker"]: c["text"] for c in body["citations"]}
        for text, marker in answer_segments(body["answer"]):
            # A piece whose lead-in was cut is shown with a capital: the rest is verbatim.
            assert text in citations[marker] or text[:1].lower() + text[1:] in citations[marker]
            checked += 1
    assert checked >= 20


def test_quotes_never_open_in_the_writers_voice_or_mid_sentence(real_client: TestClient) -> None:
    body = real_client.post(
        "/ask",
        json={"question": "Why does trust matter between partners, and what does it save them?"},
    ).json()
    assert body["segments"]
    for segment in body["segments"]:
        text = segment["text"]
        assert not re.match(r"I['’]ll", text)
        if segment["cut"]:  # a lead-in left out: shown after "…", as a sentence
            assert f"… {text[:1].upper()}{text[1:]}" in body["answer"]
        else:
            assert not text[:1].islower()

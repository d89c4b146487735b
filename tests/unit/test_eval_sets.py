"""The held-out question sets and the hand-labelled sentence roles in `eval/` are sound:
well-formed lines, unique ids, and every evidence span and labelled sentence found in its
document after the normalisation that `eval/README.md` defines."""

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.evaluation.devset import normalise, unmarked

EVAL = Path(__file__).resolve().parents[2] / "eval"
ORIGINAL_CORPUS = EVAL.parent / "corpus"
REAL_DOCUMENTS = EVAL / "realdocs"

QUESTION_FIELDS = {"id", "question", "answerable", "evidence", "answer_terms", "document", "kind"}
KINDS = {"fact", "theme", "challenge", "case-study", "lesson", "definition", "out-of-scope"}
ROLE_FIELDS = {"id", "document", "text", "previous", "role", "leans_on_previous", "note"}
ROLES = {"content", "writer", "transition", "question", "fragment", "cutoff"}


def _source(document: str) -> Path:
    for folder in (ORIGINAL_CORPUS, REAL_DOCUMENTS):
        found = [p for p in folder.glob(f"{document}.*") if p.suffix != ".toml"]
        if found:
            return found[0]
    raise AssertionError(f"no document named {document!r}")


@cache
def document_text(document: str) -> str:
    """The document's text: the file itself, or what pypdfium2 / BeautifulSoup extract.

    PDF text comes from pypdfium2 (shipped with pdfplumber): pypdf reads the five PDFs in
    tens of seconds on this machine, pypdfium2 in about two. The PDF spans were also
    checked against pypdf's extraction, which ingest uses, when they were written.
    """
    path = _source(document)
    if path.suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    if path.suffix == ".html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text()
    return path.read_text(encoding="utf-8")


def _lines(name: str) -> list[dict[str, Any]]:
    with (EVAL / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


QUESTION_SETS = [
    "own-questions.jsonl",
    "own-realdocs-questions.jsonl",
    "fresh-questions.jsonl",
    "fresh-realdocs-questions.jsonl",
    "fresh3-questions.jsonl",
    "fresh3-realdocs-questions.jsonl",
    "fresh4-questions.jsonl",
    "fresh4-realdocs-questions.jsonl",
    "fresh5-questions.jsonl",
    "fresh5-realdocs-questions.jsonl",
    "fresh6-questions.jsonl",
    "fresh6-realdocs-questions.jsonl",
    "fresh7-questions.jsonl",
    "fresh7-realdocs-questions.jsonl",
    "fresh8-questions.jsonl",
    "fresh8-realdocs-questions.jsonl",
    "fresh9-questions.jsonl",
    "fresh9-realdocs-questions.jsonl",
    "fresh10-questions.jsonl",
    "fresh10-realdocs-questions.jsonl",
    "fresh11-questions.jsonl",
    "fresh11-realdocs-questions.jsonl",
    "fresh12-questions.jsonl",
    "fresh12-realdocs-questions.jsonl",
    "fresh13-questions.jsonl",
    "fresh13-realdocs-questions.jsonl",
]


@pytest.mark.parametrize("name", QUESTION_SETS)
def test_questions_are_well_formed_with_unique_ids(name: str) -> None:
    questions = _lines(name)
    assert [q for q in questions if set(q) != QUESTION_FIELDS] == []
    ids = [q["id"] for q in questions]
    assert len(ids) == len(set(ids))
    assert {q["kind"] for q in questions} <= KINDS
    for q in questions:
        assert q["question"].strip().endswith("?"), q["id"]
        if q["answerable"]:
            assert q["kind"] != "out-of-scope" and q["evidence"] and q["answer_terms"], q["id"]
        else:
            assert q["kind"] == "out-of-scope", q["id"]
            assert (q["evidence"], q["answer_terms"], q["document"]) == ([], [], None), q["id"]


@pytest.mark.parametrize("name", QUESTION_SETS)
def test_every_evidence_span_is_in_its_document(name: str) -> None:
    missing = [
        (q["id"], span)
        for q in _lines(name)
        if q["answerable"]
        for span in q["evidence"]
        if normalise(span) not in normalise(document_text(q["document"]))
    ]
    assert missing == []


@pytest.mark.parametrize("name", QUESTION_SETS)
def test_the_answer_terms_of_a_question_are_in_its_document(name: str) -> None:
    missing = [
        (q["id"], q["answer_terms"])
        for q in _lines(name)
        if q["answerable"]
        and not any(
            normalise(t) in normalise(document_text(q["document"])) for t in q["answer_terms"]
        )
    ]
    assert missing == []


def test_own_questions_cover_every_kind_and_many_unanswerable_ones() -> None:
    questions = _lines("own-questions.jsonl")
    answerable = [q for q in questions if q["answerable"]]
    assert len(questions) >= 60 and len(answerable) >= 30
    assert len(questions) - len(answerable) >= 25
    assert {q["kind"] for q in answerable} == KINDS - {"out-of-scope"}
    real = _lines("own-realdocs-questions.jsonl")
    assert sum(q["answerable"] for q in real) >= 12
    assert sum(not q["answerable"] for q in real) >= 8


def test_question_ids_are_unique_across_all_sets() -> None:
    ids = [
        q["id"]
        for name in ["dev.jsonl", "realdocs-dev.jsonl", *QUESTION_SETS]
        for q in _lines(name)
    ]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


@pytest.mark.parametrize(
    ("prefix", "corpus_sizes", "real_sizes"),
    [
        ("fresh4", (40, 25), (30, 18)),
        ("fresh5", (40, 25), (30, 18)),
        ("fresh6", (30, 18), (30, 20)),
        ("fresh7", (30, 20), (30, 20)),
        ("fresh8", (30, 20), (30, 20)),
        ("fresh9", (30, 20), (30, 20)),
        ("fresh10", (30, 20), (30, 20)),
        ("fresh11", (30, 20), (30, 20)),
        ("fresh12", (30, 20), (30, 20)),
        ("fresh13", (30, 20), (30, 20)),
    ],
)
def test_fresh_sets_mix_answerable_and_near_domain_unanswerable_questions(
    prefix: str, corpus_sizes: tuple[int, int], real_sizes: tuple[int, int]
) -> None:
    original = _lines(f"{prefix}-questions.jsonl")
    assert (len(original), sum(q["answerable"] for q in original)) == corpus_sizes
    assert {q["document"] for q in original if q["answerable"]} == {
        "uncommon-alliances-2012",
        "multilateral-partnership-development",
    }
    real = _lines(f"{prefix}-realdocs-questions.jsonl")
    assert (len(real), sum(q["answerable"] for q in real)) == real_sizes
    assert len({q["document"] for q in real if q["answerable"]}) >= 8


def test_new_questions_do_not_repeat_the_development_questions() -> None:
    seen = {
        normalise(q["question"])
        for name in ["dev.jsonl", "realdocs-dev.jsonl"]
        for q in _lines(name)
    }
    repeated = [
        q["id"] for name in QUESTION_SETS for q in _lines(name) if normalise(q["question"]) in seen
    ]
    assert repeated == []


def test_sentence_roles_are_well_formed_with_unique_ids() -> None:
    rows = _lines("sentence-roles.jsonl")
    assert len(rows) >= 240
    assert [r["id"] for r in rows if not set(r) >= ROLE_FIELDS] == []
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["role"] for r in rows} <= ROLES
    assert all(isinstance(r["leans_on_previous"], bool) for r in rows)
    assert all(r["previous"] or not r["leans_on_previous"] or r["note"] for r in rows)


def test_every_labelled_sentence_is_in_its_document() -> None:
    missing = [
        (r["id"], r["text"][:60])
        for r in _lines("sentence-roles.jsonl")
        if unmarked(r["text"]) not in unmarked(document_text(r["document"]))
    ]
    assert missing == []


def test_sentence_roles_sample_both_original_documents_and_the_real_ones() -> None:
    rows = _lines("sentence-roles.jsonl")
    per_document = {r["document"]: 0 for r in rows}
    for r in rows:
        per_document[r["document"]] += 1
    assert per_document["multilateral-partnership-development"] >= 100
    assert per_document["uncommon-alliances-2012"] >= 50
    real = sum(n for d, n in per_document.items() if _source(d).parent == REAL_DOCUMENTS)
    assert real >= 40

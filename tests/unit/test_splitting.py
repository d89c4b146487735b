"""Splitting: whole sentences, one section, inside the token budget, stable ids."""

from collections import Counter

from app.ingest.sections import Block
from app.ingest.splitting import split_document
from app.passages import Document
from tests.fakes import HashingEmbedder

DOC = Document("doc", "Doc", "doc.txt", "0")
COUNT = HashingEmbedder().count_tokens


def _block(text: str, section: tuple[str, ...] = ("Intro",), line: int = 1) -> Block:
    return Block(text, section, line, line)


def _sentence(i: int) -> str:
    return f"Sentence number {i} says something about partners and trust."


def test_passages_stay_within_the_budget_and_keep_whole_sentences() -> None:
    text = " ".join(_sentence(i) for i in range(40))
    passages = split_document(DOC, [_block(text)], COUNT, max_tokens=40, window=254)
    assert len(passages) > 1
    for passage in passages:
        assert sum(COUNT(passage.sentence_texts())) <= 40
        assert all(s in text for s in passage.sentence_texts())
        assert all(s.endswith("trust.") for s in passage.sentence_texts())


def test_consecutive_passages_in_a_paragraph_share_a_sentence() -> None:
    text = " ".join(_sentence(i) for i in range(12))
    first, second = split_document(DOC, [_block(text)], COUNT, max_tokens=40, window=254)[:2]
    assert first.sentence_texts()[-1] == second.sentence_texts()[0]


def test_a_passage_never_spans_two_sections() -> None:
    blocks = [_block("Trust matters here.", ("A",)), _block("Data matters there.", ("B",), 2)]
    passages = split_document(DOC, blocks, COUNT, max_tokens=200, window=254)
    assert [p.section for p in passages] == ["A", "B"]


def test_sentence_offsets_index_the_passage_text() -> None:
    blocks = [_block("One thing. Two things."), _block("Three things.", line=3)]
    (passage,) = split_document(DOC, blocks, COUNT, max_tokens=200, window=254)
    assert passage.sentence_texts() == ["One thing.", "Two things.", "Three things."]
    assert passage.location == "lines 1-3"


def test_same_text_gives_the_same_ids() -> None:
    blocks = [_block(" ".join(_sentence(i) for i in range(10)))]
    ids = [p.id for p in split_document(DOC, blocks, COUNT, 40, 254)]
    assert ids == [p.id for p in split_document(DOC, blocks, COUNT, 40, 254)]
    assert len(set(ids)) == len(ids)


def test_the_embedded_section_header_counts_against_the_window() -> None:
    long_section = ("word " * 30).strip()
    text = " ".join(_sentence(i) for i in range(10))
    passages = split_document(
        DOC, [_block(text, (long_section,))], COUNT, max_tokens=200, window=60
    )
    for passage in passages:
        assert sum(COUNT(passage.sentence_texts())) + 30 <= 60


def test_a_page_s_footnotes_share_a_passage_apart_from_the_body_and_other_pages_notes() -> None:
    def note(text: str, page: int) -> Block:
        return Block(text, ("Intro",), page, page, pages=(page, page), kind="note")

    blocks = [
        Block("Core funding fell in 2023.", ("Intro",), 1, 1, pages=(1, 1)),
        Block("It rose again in 2024.", ("Intro",), 2, 2, pages=(2, 2)),
        note("Figures are provisional.", 1),
        note("See the annex.", 1),
        note("Amounts are in dollars.", 2),
    ]
    passages = split_document(DOC, blocks, COUNT, max_tokens=200, window=254)
    assert [(p.kind, p.text) for p in passages] == [
        ("body", "Core funding fell in 2023.\n\nIt rose again in 2024."),
        ("note", "Figures are provisional.\n\nSee the annex."),
        ("note", "Amounts are in dollars."),
    ]


def _list(opener_at: int) -> list[Block]:
    """Paragraphs of prose, then a sentence announcing a list, then its items."""
    prose = [_block(_sentence(i), line=i) for i in range(opener_at)]
    opener = _block("Some of these areas include:", line=opener_at)
    items = [_block(f"Item {i}: partners share their data openly.", line=50 + i) for i in range(3)]
    return [*prose, opener, *items]


def test_a_sentence_announcing_a_list_stays_with_its_first_item() -> None:
    # The passage is full enough to close at a paragraph break, but not after "include:".
    passages = split_document(DOC, _list(3), COUNT, max_tokens=60, window=254)
    holding = [p for p in passages if "include:" in p.text]
    assert holding and all("Item 0:" in p.text for p in holding)


def test_a_full_passage_hands_a_list_s_announcement_on_to_the_next() -> None:
    # The announcement ends a paragraph that fills the passage to the brim.
    text = " ".join([*(_sentence(i) for i in range(4)), "Some of these areas include:"])
    items = [_block(f"Item {i}: partners share their data openly.", line=50 + i) for i in range(3)]
    passages = split_document(DOC, [_block(text), *items], COUNT, max_tokens=50, window=254)
    (first_item,) = [p for p in passages if "Item 0:" in p.text]
    assert "Some of these areas include:" in first_item.text


def test_a_passage_of_labels_is_left_out_and_counted() -> None:
    # A chart's axis and a diagram's boxes, read as blocks of their own sections.
    blocks = [
        _block("2.5; 3.0; 3.5; 4.0", ("Chart",)),
        _block("Consider; Legal", ("Diagram",), 2),
        _block("Trust matters here.", ("Text",), 3),
    ]
    counts: Counter[str] = Counter()
    passages = split_document(DOC, blocks, COUNT, max_tokens=200, window=254, counts=counts)
    assert [p.section for p in passages] == ["Text"]
    assert counts["label scraps"] == 2

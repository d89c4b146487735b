"""Ordinary documents go through untouched: the pull-quote, drafting-note and heading
heuristics written for two special documents must not eat a sentence of anyone else's."""

import pytest

from app.ingest.blocks import ParsedDocument, SourceBlock
from app.ingest.lines import number_lines
from app.ingest.plaintext import parse_text_lines, read_text
from app.ingest.sections import section_blocks
from app.ingest.sentences import split_sentences
from app.ingest.splitting import split_document
from app.passages import Document
from tests.fakes import HashingEmbedder

COUNT = HashingEmbedder().count_tokens

HARD_WRAPPED = """Annual Review of the Water Partnership

The partnership brought together four ministries, two private utilities and a
network of village committees. Each partner signed a memorandum that set out
its duties for five years. The committees collected fees and reported monthly
to the district office.

Funding came from three sources – a pooled fund, user fees and a loan – and
the pooled fund carried most of the cost in the first two years. By the third
year user fees covered maintenance.

Trust grew slowly. Trust grew slowly because early repairs were late. The
district office then published every repair request online.
more reliable funding
Partners said that more reliable funding would have helped in the first year.
"""

PROCEDURE = """How We Sign Partnership Agreements

1. Drafting of the agreement
The legal team prepares a first version from the template.
2. Negotiation with the partner
Both sides mark up the text until they agree on every clause.
3. Final review
The director reads the whole agreement before it is signed.
4. Drafting - Paragraph by paragraph checks
Each paragraph is checked against the policy.
5. Final Review: the board approves it.
The board meets every month.
"""

ASIDES = """Lessons From the Field

Protecting children's rights is not a short-term project
– it is a long-term commitment. That is why flexible,
multi-year funding matters so much to partners.
Outcomes funds pay only if pre-
specified outcomes are achieved.
– Not every fund works this way; some pay for activities.
--see the annex for the list of funds
The fund managers meet twice a year.
"""

NUMBERED_PARAGRAPHS = """Report of the Chair

27. The Chair thanks the members for their support over the year and for
their work on the new funding compact.
28. The Development Coordination Office in New York steers and oversees 1,151
programme staff in 130 countries through its regional desks.
29. Progress on Pooled Funding
"""


def _sentences_of(text: str) -> list[str]:
    """Sentences of the source as a reader would see them, line breaks joined."""
    prose = " ".join(text.split())
    return [prose[a:b] for a, b in split_sentences(prose)]


def _passage_text(text: str) -> str:
    document = Document("doc", "Doc", "doc.txt", "0")
    blocks = section_blocks(parse_text_lines(number_lines(text)))
    passages = split_document(document, blocks, COUNT, 160, 254)
    return " ".join(" ".join(p.text.split()) for p in passages)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            HARD_WRAPPED,
            [
                "Each partner signed a memorandum that set out its duties for five years.",
                "Funding came from three sources – a pooled fund, user fees and a loan – and "
                "the pooled fund carried most of the cost in the first two years.",
                "Trust grew slowly because early repairs were late.",
                "Partners said that more reliable funding would have helped in the first year.",
            ],
        ),
        (
            PROCEDURE,
            [
                "The legal team prepares a first version from the template.",
                "The director reads the whole agreement before it is signed.",
                "Each paragraph is checked against the policy.",
                "The board meets every month.",
            ],
        ),
        (
            ASIDES,
            [
                "Protecting children's rights is not a short-term project – it is a long-term "
                "commitment.",
                "That is why flexible, multi-year funding matters so much to partners.",
                "– Not every fund works this way; some pay for activities.",
                "The fund managers meet twice a year.",
            ],
        ),
        (
            NUMBERED_PARAGRAPHS,
            [
                "28. The Development Coordination Office in New York steers and oversees 1,151 "
                "programme staff in 130 countries through its regional desks.",
            ],
        ),
    ],
)
def test_every_sentence_of_an_ordinary_document_lands_in_a_passage(
    text: str, sentences: list[str]
) -> None:
    kept = _passage_text(text)
    for sentence in sentences:
        assert sentence in kept


@pytest.mark.parametrize("text", [HARD_WRAPPED, PROCEDURE, ASIDES, NUMBERED_PARAGRAPHS])
def test_no_line_of_an_ordinary_document_is_lost(text: str) -> None:
    kept = _passage_text(text).replace("pre- specified", "pre-specified")
    lines = [ln.strip() for ln in text.splitlines()[1:] if ln.strip()]
    headings = {b.text for b in parse_text_lines(number_lines(text)).blocks if b.kind == "heading"}
    for line in lines:
        assert line in kept or line.split(". ", 1)[-1] in headings, line


def test_ordinary_documents_make_no_quote_passages() -> None:
    for text in (HARD_WRAPPED, PROCEDURE, ASIDES, NUMBERED_PARAGRAPHS):
        kinds = {b.kind for b in parse_text_lines(number_lines(text)).blocks}
        assert "quote" not in kinds


def test_a_numbered_short_title_is_still_a_heading_but_a_paragraph_start_is_not() -> None:
    blocks = parse_text_lines(number_lines(NUMBERED_PARAGRAPHS)).blocks
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Progress on Pooled Funding"]


def test_the_catalogue_can_switch_drafting_notes_on() -> None:
    notes = (
        "Guide\n\n1. Deconstruct the Request:\n\nRole: writer.\n\n"
        "2. Drafting - Paragraph by Paragraph:\n\nThe body starts here.\n"
    )
    assert "Role: writer." in _passage_text(notes)
    blocks = parse_text_lines(number_lines(notes), formats=["drafting-notes"]).blocks
    texts = [b.text for b in blocks]
    assert "The body starts here." in texts
    assert "Role: writer." not in texts


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café partners – naïve “quotes”.\n".encode("cp1252"), "Café partners – naïve “quotes”."),
        ("Café partners.\n".encode("latin-1"), "Café partners."),
        ("\ufeffCafé partners.\n".encode("utf-16-le"), "Café partners."),
        ("Café partners.\n".encode("utf-16"), "Café partners."),
        ("\ufeffCafé partners.\n".encode("utf-8"), "Café partners."),
    ],
)
def test_text_in_any_common_encoding_is_read(data: bytes, expected: str) -> None:
    assert [b.text for b in read_text(data).blocks] == [expected]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_any_line_ending_convention_keeps_the_lines(newline: str) -> None:
    text = newline.join(["First paragraph.", "", "Second paragraph,", "wrapped here."])
    blocks = read_text(text.encode("utf-8")).blocks
    assert [(b.text, b.first_line, b.last_line) for b in blocks] == [
        ("First paragraph.", 1, 1),
        ("Second paragraph, wrapped here.", 3, 4),
    ]


def test_a_sentence_a_reader_broke_into_paragraphs_is_joined_again() -> None:
    broken = ParsedDocument(
        (
            SourceBlock("heading", "Funds", 1),
            SourceBlock("paragraph", "The outcomes are", page=1),
            SourceBlock("paragraph", "evaluated by an independent evaluator.", page=2),
            SourceBlock("paragraph", "Payment follows.", page=2),
            SourceBlock("list_item", "the list item stays apart", page=2),
        )
    )
    blocks = section_blocks(broken)
    assert [(b.text, b.pages) for b in blocks] == [
        ("The outcomes are evaluated by an independent evaluator.", (1, 2)),
        ("Payment follows.", (2, 2)),
        ("the list item stays apart", (2, 2)),
    ]

"""Sentences are read on their own, then with their document: a bare command is an
instruction to the writer in a document of drafting notes, and advice in a handbook; a
cross-reference or "Note that…" inside a statement is the writer's in notes, and the
statement itself in a report, where the writer talks only of the text ("This section…")."""

from spacy.language import Language

from app.language.annotate import annotate_passages, facts_by_sentence
from app.language.facts import SentenceFacts
from app.passages import Passage

COMMAND = "Move from high politics to practical cooperation."


def passage(document: str, sentences: list[str]) -> Passage:
    text, spans = "", []
    for sentence in sentences:
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        spans.append((start, start + len(sentence)))
    return Passage(f"{document}-1", document, document, "", text, tuple(spans), "")


NOTES = passage(
    "notes",
    [
        "I'll describe the Concert of Europe as a system of collective consultation.",
        COMMAND,
        "Introduce the League of Nations as the first attempt at collective security.",
        "The mid-to-late 19th century saw the first international organizations.",
    ],
)
HANDBOOK = passage(
    "handbook",
    [
        COMMAND,
        "Choosing the datasets to open is the first step.",
        "The data should be available in bulk.",
        "Agencies publish their data under an open licence.",
    ],
)


def roles(facts: tuple[SentenceFacts, ...]) -> list[str]:
    return [f.role for f in facts]


def test_a_bare_command_in_drafting_notes_is_the_writer_talking(nlp: Language) -> None:
    notes, handbook = annotate_passages(nlp, [NOTES, HANDBOOK])
    assert roles(notes) == ["writer", "writer", "writer", "content"]
    assert roles(handbook) == ["content"] * 4


def test_facts_kept_for_the_next_build_are_read_without_the_document(nlp: Language) -> None:
    passages = [NOTES, HANDBOOK]
    known = facts_by_sentence(passages, annotate_passages(nlp, passages))
    assert known[COMMAND].role == "content" and known[COMMAND].command
    # Reused in a handbook alone, the command is advice again.
    (handbook,) = annotate_passages(nlp, [HANDBOOK], known)
    assert roles(handbook) == ["content"] * 4


def test_a_command_closed_by_a_colon_before_a_quoted_clause_is_an_instruction(
    nlp: Language,
) -> None:
    # The small model hangs "Start" under the quoted clause's verb, not at the root.
    colon_command = (
        'Start with the transition: "The effectiveness of any partnership ultimately depends '
        'on the deliberate and skillful application of specific mechanisms."'
    )
    notes = passage("notes", [*NOTES.sentence_texts()[:3], colon_command])
    handbook = passage("handbook", [colon_command, *HANDBOOK.sentence_texts()[1:]])
    notes_facts, handbook_facts = annotate_passages(nlp, [notes, handbook])
    assert roles(notes_facts)[-1] == "writer"
    assert roles(handbook_facts)[0] == "content"


CROSS_REFERENCE = "As described in Section 2, most tests come directly from the IATI schemas."
NOTE_THAT = "Note that only IATI data is scored on frequency."
SIGNPOST = "This section provides an overview of the data sourcing strategy."
# A report's own statements: the writer talks in a few percent of a real report's sentences.
FINDINGS = [
    "Donors publish their data every quarter.",
    "Forty-six organisations were assessed in 2016.",
    "The Index ranks donors by the transparency of their aid.",
    "Ten donors improved by one category.",
    "Most agencies now publish to the IATI Registry.",
    "Forward budgets remain the weakest area.",
    "Recipient governments use the data to plan their budgets.",
    "The survey was sent to every organisation in April.",
    "Results are checked by independent reviewers.",
    "Each indicator is scored out of one hundred points.",
    "Publishing in a machine-readable format earns more points.",
    "The data collection period ran for six weeks.",
]


def test_a_report_s_cross_references_and_notes_are_statements(nlp: Language) -> None:
    report = passage("report", [CROSS_REFERENCE, NOTE_THAT, SIGNPOST, *FINDINGS])
    notes = passage("notes", [*NOTES.sentence_texts()[:3], CROSS_REFERENCE, NOTE_THAT])
    report_facts, notes_facts = annotate_passages(nlp, [report, notes])
    assert roles(report_facts) == ["content", "content", "writer"] + ["content"] * 12
    assert roles(notes_facts)[-2:] == ["writer", "writer"]


def test_a_statement_read_in_a_report_is_the_writer_s_again_in_notes(nlp: Language) -> None:
    report = passage("report", [CROSS_REFERENCE, *FINDINGS])
    known = facts_by_sentence([report], annotate_passages(nlp, [report]))
    assert known[CROSS_REFERENCE].role == "writer"
    notes = passage("notes", [*NOTES.sentence_texts()[:3], CROSS_REFERENCE])
    (notes_facts,) = annotate_passages(nlp, [notes], known)
    assert roles(notes_facts)[-1] == "writer"


def test_a_bibliographic_entry_s_cited_title_is_no_statement_of_the_document(
    nlp: Language,
) -> None:
    title = "“Humanitarian Data: OCHA launches ground-breaking data exchange platform.”"
    cited = passage(
        "case",
        [
            "HDX was announced in Berlin in July 2014.",
            f"\n\n{title}",
            "United Nations. July 15, 2014. http://www.unocha.org/hdx",
        ],
    )
    (facts,) = annotate_passages(nlp, [cited])
    assert roles(facts) == ["content", "fragment", "fragment"]
    assert title not in facts_by_sentence([cited], [facts])


def test_items_in_lower_case_of_an_announced_list_are_content_leaning_on_it(
    nlp: Language,
) -> None:
    sentences = [
        "Access to bulk data ensures that:",
        "there is no dependency on the original provider of the data.",
        "anyone else can obtain a copy and redistribute it.",
    ]
    text = "\n\n".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 2
    listing = Passage("bulk-1", "bulk", "bulk", "", text, tuple(spans), "")
    (facts,) = annotate_passages(nlp, [listing])
    assert roles(facts) == ["content", "content", "content"]
    assert [f.leans_on_previous for f in facts][1:] == [True, True]
    # The same words opening a passage, their list's announcement elsewhere, are a fragment.
    alone = passage("column", ["anyone else can obtain a copy and redistribute it."])
    assert roles(annotate_passages(nlp, [alone])[0]) == ["fragment"]

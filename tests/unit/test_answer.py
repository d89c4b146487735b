"""Answer building blocks: what may be quoted, what a typed question wants, declines."""

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import numpy as np
import pytest

from app.answer.abstain import (
    asks_present,
    holds_pinned,
    holds_present,
    holds_wanted,
    missing_type_reason,
    out_of_scope,
    pinned,
    unnamed_reason,
    wanted_type,
)
from app.answer.compose import Piece
from app.answer.extract import (
    Candidate,
    _labels,
    _name_of,
    _named_in,
    _overlap,
    _quotable_span,
    _unquotable,
    sentence_stems,
    unnamed_in,
)
from app.answer.quotes import speaks_as_writer, trim_sentence
from app.answer.respond import shown
from app.config import Settings
from app.language.facts import Entity, SentenceFacts
from app.language.question import QuestionAnalysis
from app.passages import Passage
from app.retrieval.index import Index
from app.retrieval.lexical import build_lexical, query_tokens
from app.retrieval.search import Hit
from tests.conftest import ingested
from tests.fakes import HashingEmbedder


def _trimmed(sentence: str) -> str:
    start, end = trim_sentence(sentence)
    return sentence[start:end]


def test_drafting_voice_is_trimmed_to_the_statement() -> None:
    sentence = (
        "I’ll argue that trust is the “lubricant” of a partnership, reducing costly monitoring."
    )
    assert (
        _trimmed(sentence)
        == "trust is the “lubricant” of a partnership, reducing costly monitoring."
    )


def test_a_label_before_a_colon_is_trimmed() -> None:
    assert (
        _trimmed("Realism: This is the pessimistic counterpoint to it.")
        == "This is the pessimistic counterpoint to it."
    )


def test_a_plain_sentence_is_left_whole() -> None:
    assert (
        _trimmed("Partners must be able to trust each other.")
        == "Partners must be able to trust each other."
    )


def test_a_trim_that_would_leave_too_little_is_not_made() -> None:
    assert _trimmed("Success Factor 1: Coordination.") == "Success Factor 1: Coordination."


def _analysis(text: str, asks_for: str = "description", subject: str = "GPEI") -> QuestionAnalysis:
    return QuestionAnalysis(
        text=text,
        words=(),
        stems=(),
        entities=(),
        asks_for=asks_for,  # type: ignore[arg-type]
        subject=(subject,),
        subject_stems=frozenset({subject.lower()}),
    )


def _candidate(text: str, labels: frozenset[str] = frozenset(), overlap: float = 0.6) -> Candidate:
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    return Candidate(
        0,
        passage,
        0,
        len(text),
        0,
        0.8,
        0.8,
        np.zeros(3, dtype=np.float32),
        labels=labels,
        overlap=overlap,
        overlap_in_context=overlap,
    )


def test_a_count_must_count_what_the_question_counts() -> None:
    analysis = replace(
        _analysis("By how many points did scores rise?", "number"),
        counted=frozenset({"points", "point"}),
    )
    reach = _candidate("The challenge reached 134,000 children.", frozenset({"CARDINAL"}))
    assert not holds_wanted(reach, analysis)
    rise = _candidate("Scores rose by 12 points in a year.", frozenset({"CARDINAL"}))
    assert holds_wanted(rise, analysis)


def test_a_deputy_does_not_answer_who_holds_the_office() -> None:
    analysis = _analysis("Who was the Director of the Institute at the time?", "person")
    deputy = _candidate("—John Forrer, Associate Director, Institute", frozenset({"PERSON"}))
    assert not holds_wanted(deputy, analysis)
    both = _candidate("Jane Roe, Director, and Jim Poe, Deputy Director", frozenset({"PERSON"}))
    assert holds_wanted(both, analysis)
    asked = _analysis("Who was the Deputy Director of the Institute?", "person")
    assert holds_wanted(deputy, asked)
    # Naming the deputy to set it aside still asks for the office itself.
    contrast = "Who was the Director, rather than the Deputy Director, of the Institute?"
    assert not holds_wanted(deputy, _analysis(contrast, "person"))


def test_an_amount_question_wants_a_money_entity() -> None:
    analysis = _analysis("How much did donors pledge to the GPEI?", "money")
    assert wanted_type(analysis) == "money"
    assert holds_wanted(_candidate("Donors pledged $4 billion.", frozenset({"MONEY"})), analysis)
    assert not holds_wanted(
        _candidate("It aims to lift 50 million people.", frozenset({"CARDINAL"})), analysis
    )


def test_a_sum_of_a_named_kind_is_told_only_by_a_sentence_naming_that_kind() -> None:
    analysis = _analysis("What price per outcome does the GPEI pay its providers?", "money")
    money = frozenset({"MONEY"})
    assert not holds_wanted(_candidate("The GPEI has a budget of US$18 million.", money), analysis)
    assert holds_wanted(_candidate("The GPEI pays a price of $40 per outcome.", money), analysis)
    # A question that names no kind of sum takes any amount.
    pledged = _analysis("How much did donors pledge to the GPEI?", "money")
    assert holds_wanted(_candidate("The GPEI has a budget of US$18 million.", money), pledged)


def test_a_typed_answer_must_say_what_was_asked_not_only_hold_the_type() -> None:
    analysis = _analysis("How many coordinators were dismissed for misconduct?", "number")
    staff = _candidate("54 per cent of the staff was female.", frozenset({"PERCENT"}), 0.1)
    assert not holds_wanted(staff, analysis)


def test_a_typed_answer_must_name_what_the_question_names() -> None:
    analysis = _analysis("How much did easyJet give to the fund in 2024?", "money")
    other = replace(_candidate("In 2024 the fund raised $17.5 million.", frozenset({"MONEY"})))
    assert holds_wanted(other, analysis)
    assert not holds_wanted(replace(other, names_all=False), analysis)


def test_the_decline_says_what_is_discussed_and_what_is_missing() -> None:
    analysis = _analysis("How much did donors pledge to the GPEI?", "money")
    assert missing_type_reason(analysis) == "The sources discuss the GPEI but give no amount."
    # The subject keeps the article the question gave it; a name written without one has none.
    bare = _analysis("How much did donors pledge to Gavi?", "money", subject="Gavi")
    assert missing_type_reason(bare) == "The sources discuss Gavi but give no amount."


def test_a_question_that_also_asks_why_is_not_typed() -> None:
    analysis = _analysis("When a project fails, why is blame hard to assign?", "date")
    assert wanted_type(analysis) is None


def test_an_untyped_question_wants_no_entity() -> None:
    assert wanted_type(_analysis("What are the lessons of the GPEI?")) is None


def test_a_lead_in_confirmed_at_ingest_is_cut_and_shown_after_an_ellipsis_with_a_capital() -> None:
    text = "I'll explain that trust is the lubricant of partnerships."
    lead = len("I'll explain that ")
    facts = SentenceFacts(0, len(text), "writer", False, lead, ())
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    assert _quotable_span(passage, facts, 0, len(text)) == (lead, len(text))
    piece = Piece(passage, lead, len(text), cut=True)
    assert shown(piece) == "… Trust is the lubricant of partnerships."
    assert piece.text == "trust is the lubricant of partnerships."  # the segment stays verbatim


def test_a_writer_sentence_without_a_confirmed_trim_is_not_quoted() -> None:
    text = "I'll describe formal mechanisms like mediation procedures."
    facts = SentenceFacts(0, len(text), "writer", False, None, ())
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    assert _quotable_span(passage, facts, 0, len(text)) is None


def test_a_lead_in_before_a_whole_sentence_is_cut() -> None:
    text = "Transition: Trust is the lubricant of partnerships."
    facts = SentenceFacts(0, len(text), "writer", False, len("Transition: "), ())
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    assert _quotable_span(passage, facts, 0, len(text)) == (len("Transition: "), len(text))


def test_only_content_is_quoted() -> None:
    text = "Introduce the GPEI as a quintessential example."
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    for role in ("writer", "fragment", "cutoff", "question", "transition"):
        facts = SentenceFacts(0, len(text), role, False, None, ())
        assert _quotable_span(passage, facts, 0, len(text)) is None
    content = SentenceFacts(0, len(text), "content", False, None, ())
    assert _quotable_span(passage, content, 0, len(text)) is None  # an instruction still
    plain = "The GPEI is a long-running public health partnership."
    passage = Passage("p", "d", "T", "S", plain, ((0, len(plain)),), "lines 1-1")
    content = SentenceFacts(0, len(plain), "content", False, None, ())
    assert _quotable_span(passage, content, 0, len(plain)) == (0, len(plain))


def test_an_entity_the_question_names_or_a_part_number_does_not_answer_it() -> None:
    text = "Kris Balderston opened the 2012 meeting (8.2) with Jim Thompson."
    entities = tuple(
        Entity(name, label, text.index(name), text.index(name) + len(name))
        for name, label in [
            ("Kris Balderston", "PERSON"),
            ("2012", "DATE"),
            ("8.2", "CARDINAL"),
            ("Jim Thompson", "PERSON"),
        ]
    )
    facts = SentenceFacts(0, len(text), "content", False, None, entities)
    assert _labels(facts, text, 0, len(text), "Who succeeded Kris Balderston?") == {
        "PERSON",
        "DATE",
    }
    assert _labels(facts, text, 0, 40, "Who succeeded Kris Balderston?") == {"DATE"}
    assert "CARDINAL" not in _labels(facts, text, 0, len(text), "How many meetings were held?")


def test_a_number_the_text_calls_per_cent_answers_a_percentage_question() -> None:
    text = "Only 33 per cent of offices were fully staffed."
    facts = SentenceFacts(
        0, len(text), "content", False, None, (Entity("Only 33", "CARDINAL", 0, 7),)
    )
    assert _labels(facts, text, 0, len(text), "What share of offices were staffed?") == {"PERCENT"}
    spent = "In 2024, 63 per cent of funding was spent on systems."
    money = Entity("63 per cent", "MONEY", spent.index("63"), spent.index(" of"))
    facts = SentenceFacts(0, len(spent), "content", False, None, (money,))
    assert _labels(facts, spent, 0, len(spent), "What share went to systems?") == {"PERCENT"}


def test_a_number_in_a_money_column_answers_an_amount_question() -> None:
    row = "Donor: Swedish Committee; Amount (US$): 390,034"
    other = "Donor: Swedish Committee; Schools: 390"
    for text, wanted in [(row, {"MONEY"}), (other, {"CARDINAL"})]:
        number = text.rsplit(": ", 1)[1]
        entity = Entity(number, "CARDINAL", text.index(number), len(text))
        facts = SentenceFacts(0, len(text), "content", False, None, (entity,))
        assert _labels(facts, text, 0, len(text), "How much did it give?") == wanted


def test_a_money_column_is_read_in_the_number_s_own_row() -> None:
    text = "Donor: Sweden; Amount (US$): 10\n\nSchools: 390; Donor: Norway"
    second = text.index("Schools")
    entity = Entity("390", "CARDINAL", text.index("390"), text.index("390") + 3)
    facts = SentenceFacts(second, len(text), "content", False, None, (entity,))
    assert _labels(facts, text, second, len(text), "How much did it give?") == {"CARDINAL"}


def test_the_number_of_a_list_item_is_not_a_count() -> None:
    text = "Indicator: 7. Adherence to Privacy; Requirement: comply with 12 laws."
    entities = (
        Entity("7", "CARDINAL", 11, 12),
        Entity("12", "CARDINAL", text.index("12"), text.index("12") + 2),
    )
    facts = SentenceFacts(0, len(text), "content", False, None, entities)
    assert _labels(facts, text, 0, len(text), "How many products?") == {"CARDINAL"}
    assert _labels(facts, text, 0, text.index(" Requirement"), "How many products?") == frozenset()


def test_a_year_question_is_not_answered_by_a_date_without_one() -> None:
    text = "Interest has grown in recent years."
    years = Entity("recent years", "DATE", text.index("recent"), len(text) - 1)
    facts = SentenceFacts(0, len(text), "content", False, None, (years,))
    assert _labels(facts, text, 0, len(text), "In what year was it founded?") == frozenset()
    assert _labels(facts, text, 0, len(text), "When did interest grow?") == {"DATE"}


@pytest.mark.parametrize(
    ("sentence", "date", "measures"),
    [
        ("In 2022, the government launched the challenge.", "2022", False),
        ("Over the course of three years, the fund will pay for outcomes.", "three years", True),
        ("Managers may approve renewable 12-month embargoes.", "12-month", True),
        ("The plan covers 2020-2024.", "2020-2024", True),
        ("The fund has run since 2008.", "2008", True),
    ],
)
def test_a_length_of_time_is_told_by_a_date_that_measures_one(
    sentence: str, date: str, measures: bool
) -> None:
    entity = Entity(date, "DATE", sentence.index(date), sentence.index(date) + len(date))
    facts = SentenceFacts(0, len(sentence), "content", False, None, (entity,))
    found = _labels(facts, sentence, 0, len(sentence), "Over what period?", "duration")
    assert found == ({"DATE"} if measures else frozenset())


def test_a_statement_opening_with_a_word_that_can_be_an_instruction_is_quotable() -> None:
    assert not speaks_as_writer("Open data is data that can be freely used by anyone.")
    assert not speaks_as_writer("Lead agencies coordinate the response in each country.")
    assert speaks_as_writer("Open with a quote from Kofi Annan on partnership.")
    assert speaks_as_writer("Contrast it with bilateralism.")


def test_the_writer_talking_mid_sentence_is_caught() -> None:
    assert speaks_as_writer("For large partnerships, I'll explain the host agreement.")
    assert speaks_as_writer("Problem Fit: Emphasize that the structure fits the problem.")
    assert speaks_as_writer("Don’t just say “early diplomacy.”")
    assert not speaks_as_writer("Partners must be able to trust each other.")
    assert not speaks_as_writer("Do not sign a contract before the legal review.")
    # A report's cross-reference is part of its statement; ingest's roles catch a draft's.
    assert not speaks_as_writer("As described in Section 2, most tests come from the schema.")


def test_a_name_the_index_never_mentions_is_declined_by_its_full_name() -> None:
    lexical = build_lexical(["The Global Fund pays for verified results in each country."])
    index = cast(Index, SimpleNamespace(lexical=lexical))
    analysis = replace(
        _analysis("How does the Millennium Challenge Corporation choose countries?"),
        entities=(Entity("the Millennium Challenge Corporation", "ORG", 13, 48),),
    )
    verdict = out_of_scope(index, analysis, [])
    assert verdict.abstain
    assert verdict.reason == "The sources never mention the Millennium Challenge Corporation."


def test_another_numbered_edition_of_a_named_plan_is_declined(built_index: Index) -> None:
    text = "The Administration is now issuing the third U.S. Open Government National Action Plan."
    passage = Passage("p", "d", "T", "S", text, ((0, len(text)),), "lines 1-1")
    hits = [Hit(passage, 1.0, 1.0, 1.0)]
    question = "When was the {} U.S. Open Government National Action Plan released?"
    later = out_of_scope(built_index, _analysis(question.format("fourth")), hits)
    assert later.reason == "The sources describe one plan, not the fourth one."
    assert not out_of_scope(built_index, _analysis(question.format("third")), hits).abstain
    # An edition described in lower case is no name: "the third action plan" may be asked of.
    lower = _analysis("What did the fourth action plan promise?")
    assert not out_of_scope(built_index, lower, hits).abstain


def test_a_name_whose_words_occur_only_apart_is_declined(built_index: Index) -> None:
    # The tiny corpus has "local", "monitoring" and "alliance", never together.
    assert not built_index.mentions("the Local Monitoring Alliance")
    assert built_index.mentions("Measured Results")  # "Results need to be measured"
    assert built_index.mentions("Partnership Field Notes")  # a document's title
    analysis = replace(
        _analysis("What does the Local Monitoring Alliance fund?"),
        entities=(Entity("the Local Monitoring Alliance", "ORG", 9, 38),),
    )
    verdict = out_of_scope(built_index, analysis, [])
    assert verdict.reason == "The sources never mention the Local Monitoring Alliance."


def test_a_document_that_names_a_place_all_through_is_about_it(
    tmp_path: Path, fake_embedder: HashingEmbedder
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    parts = [
        "Drought hits the Dry Corridor every few years and harvests fail.",
        "Lead time is the time between starting a project and delivering aid.",
        "Agencies in the Dry Corridor pre-arrange money for early action.",
        "Forecasts for the Dry Corridor come from the national weather service.",
        "Seeds and cash are handed out before the harvest fails.",
    ]
    (corpus / "plan.md").write_text(
        "".join(f"## Part {i}\n\n{text}\n\n" for i, text in enumerate(parts)), encoding="utf-8"
    )
    (corpus / "other.md").write_text("## Rains\n\nThe Dry Corridor is dry.\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", model="hashing-fake")
    index = ingested(settings, fake_embedder)
    stems = frozenset(query_tokens("Dry Corridor"))
    lead_time = next(p for p in index.passages if "Lead time" in p.text)
    assert index.names_throughout(lead_time, stems)  # three of its five passages name it
    elsewhere = next(p for p in index.passages if p.document_id == "other")
    assert not index.names_throughout(elsewhere, stems)  # one passage is not "all through"


def test_a_place_named_in_another_form_is_not_declined(built_index: Index) -> None:
    analysis = replace(
        _analysis("Which Local Valley towns merged routes?"),
        entities=(Entity("Local Valley", "LOC", 6, 18),),
    )
    assert not out_of_scope(built_index, analysis, []).abstain


def test_a_question_about_today_needs_a_sentence_about_the_present() -> None:
    analysis = _analysis("Who is the current director of the GPEI?", "person")
    assert asks_present(analysis)
    assert not asks_present(_analysis("Who was the first director of the GPEI?", "person"))
    assert holds_present(_candidate("Coordinators now come from 26 entities."))
    assert not holds_present(_candidate("In 2012 the director was Jane Smith."))


def test_a_year_that_ends_a_name_pins_nothing() -> None:
    assert pinned(_analysis("What does the African Union's Agenda 2063 stand for?")) == []
    assert pinned(_analysis("How did funding change in June 2024?")) == ["2024"]


def test_a_follow_up_event_is_named_only_by_its_whole_name(built_index: Index) -> None:
    analysis = _analysis("What did the Rio+20 conference decide about partnerships?")
    verdict = out_of_scope(built_index, analysis, [])
    assert verdict.abstain and "Rio+20" in verdict.reason


def test_a_decade_is_not_a_code_the_sources_must_name(built_index: Index) -> None:
    analysis = _analysis("Which problems of the 1990s pushed states to partner?")
    assert not out_of_scope(built_index, analysis, []).abstain


def test_a_span_of_years_is_pinned_whole() -> None:
    analysis = _analysis("What did the report for 2025–2026 conclude?")
    assert pinned(analysis) == ["2025-2026"]
    later = _candidate("It looks ahead to 2025 and to the plan for 2026-2029.")
    assert not holds_pinned(later, pinned(analysis))
    assert holds_pinned(
        _candidate("The 2025 - 2026 report concluded that funds fell."), ["2025-2026"]
    )


def test_a_year_set_earlier_in_the_passage_dates_the_sentences_after_it() -> None:
    text = "In 2024, UNICEF expanded case management. Primero was rolled out in 12 countries."
    passage = Passage("p", "d", "T", "S", text, ((0, 41), (42, len(text))), "page 9")
    second = replace(_candidate(text), passage=passage, start=42, sentence_index=1)
    assert holds_pinned(second, ["2024"])


def test_a_sentence_that_says_which_year_it_speaks_of_is_not_dated_by_another() -> None:
    # "How much did the programme raise in 2023?" is not answered for 2025.
    text = "New donors rose on 2023. For 2025, the programme is projecting $12.1 million."
    passage = Passage("p", "d", "T", "S", text, ((0, 24), (25, len(text))), "page 9")
    second = replace(_candidate(text), passage=passage, start=25, sentence_index=1)
    assert not holds_pinned(second, ["2023"])
    assert holds_pinned(second, ["2025"])
    aimed = "In 2023, partners pledged $46 billion to reach carbon neutrality by 2050."
    assert holds_pinned(_candidate(aimed), ["2023"])
    budget = "In 2024, the Assembly allocated $53 million from the 2025 regular budget."
    assert holds_pinned(_candidate(budget), ["2025"])


def test_a_year_named_after_the_sentence_does_not_date_it() -> None:
    text = "Primero was rolled out in 12 countries. In 2024, UNICEF expanded case management."
    passage = Passage("p", "d", "T", "S", text, ((0, 39), (40, len(text))), "page 9")
    first = replace(_candidate(text), passage=passage, end=39)
    assert not holds_pinned(first, ["2024"])


def test_a_year_in_the_document_title_dates_every_sentence_of_it() -> None:
    # "According to the 2012 conference report, has interest grown?" was declined as not
    # covering 2012.
    text = "The level of interest in multi-sectoral collaboration has increased tremendously."
    report = Passage(
        "p", "d", "Uncommon Alliances conference report (2012)", "S", text, ((0, len(text)),), ""
    )
    assert holds_pinned(replace(_candidate(text), passage=report), ["2012"])
    assert not holds_pinned(replace(_candidate(text), passage=report), ["2013"])


def test_a_name_is_found_under_its_acronym_and_an_acronym_under_its_longer_form() -> None:
    assert "un" in sentence_stems("Coordinators come from 26 United Nations entities.")
    assert "fao" in sentence_stems("the Food and Agriculture Organization said")
    assert "dpg" in sentence_stems("The DPGA council decides.")


def test_a_name_is_named_with_a_short_ending_or_by_its_initials_not_by_longer_words() -> None:
    assert _named_in(_name_of("Latin America"), "Latin American and Caribbean Models")
    assert _named_in(_name_of("Europe"), "the European Union")
    assert _named_in(_name_of("the United Nations"), "UN agencies work in silos.")
    assert not _named_in(_name_of("the United Nations"), "an un-coordinated response")
    assert not _named_in(_name_of("the Global Fund"), "a fundamental shift in globalization")


def test_the_tail_of_a_parenthesis_opened_in_another_sentence_is_not_quoted() -> None:
    # "(e.g. pandemics. Climate change is a global commons issue)." split into two sentences.
    assert _unquotable("Climate change is a global commons issue).")
    assert not _unquotable("Digital public goods must meet 9a) the privacy indicator in full.")
    assert not _unquotable("The fund (set up in 2012) pays providers for results.")


def test_a_sentence_that_only_points_to_a_web_address_is_not_quoted() -> None:
    assert _unquotable("Find more information on SLEIC at www.globalpartnership.org/blog/sleic.")
    assert _unquotable("The full list is at https://example.org/list.")
    assert not _unquotable(
        "The Danish site folketsting.dk tracks activity in parliament and the law making process."
    )


def test_a_name_without_a_letter_is_not_a_person_or_an_organisation() -> None:
    text = "In its resolution 79/258, the Assembly thanked Amina Mohammed."
    entities = tuple(
        Entity(name, label, text.index(name), text.index(name) + len(name))
        for name, label in [("79/258", "PERSON"), ("Amina Mohammed", "PERSON")]
    )
    facts = SentenceFacts(0, len(text), "content", False, None, entities)
    assert _labels(facts, text, 0, len(text), "Who proposed the levy?") == {"PERSON"}
    assert _labels(facts, text, 0, text.index(" the"), "Who proposed the levy?") == frozenset()


def test_an_answer_whose_passages_never_name_what_the_question_names_is_declined() -> None:
    index = cast(
        Index, SimpleNamespace(byline=lambda _: "", publisher=lambda _: "", subject=lambda _: "")
    )
    passage = Passage(
        "p",
        "d",
        "Results Data Initiative: Findings from Ghana",
        "Introduction",
        "This is the first of three country reports from the initiative.",
        ((0, 64),),
        "lines 1-1",
    )
    analysis = replace(
        _analysis("What did the Results Data Initiative find in Sri Lanka?"),
        entities=(
            Entity("the Results Data Initiative", "ORG", 9, 36),
            Entity("Sri Lanka", "GPE", 45, 54),
        ),
    )
    # The title names the initiative; nothing names Sri Lanka.
    assert unnamed_in(index, analysis, [passage]) == ["Sri Lanka"]
    # A description the tagger took for a name is no name.
    described = replace(analysis, entities=(Entity("the social affairs ministry", "ORG", 14, 41),))
    assert unnamed_in(index, described, [passage]) == []
    assert unnamed_reason(["Sri Lanka"]) == (
        "The passages that come closest never mention Sri Lanka."
    )
    # A name in another form ("Latin America", "Latin American") is named.
    region = replace(passage, section="Latin American and Caribbean Models")
    latin = replace(
        _analysis("How did Latin America integrate?"),
        entities=(Entity("Latin America", "LOC", 8, 21),),
    )
    assert unnamed_in(index, latin, [region]) == []
    # A name of several words is named by its initials in capitals.
    un = replace(passage, text="UN agencies report to the Council.")
    nations = replace(
        _analysis("What changed the United Nations?"),
        entities=(Entity("the United Nations", "ORG", 13, 31),),
    )
    assert unnamed_in(index, nations, [un]) == []
    # Who published the document is named by each of its passages: "the State Department's
    # conference" is the one its report is about.
    department = replace(
        _analysis("What did the State Department's conference conclude?"),
        entities=(Entity("the State Department's", "ORG", 9, 31),),
    )
    assert unnamed_in(index, department, [passage]) == ["the State Department's"]
    published = cast(
        Index,
        SimpleNamespace(
            byline=lambda _: "",
            publisher=lambda _: "U.S. Department of State",
            subject=lambda _: "",
        ),
    )
    assert unnamed_in(published, department, [passage]) == []


def test_a_name_the_document_s_title_gives_brings_a_sentence_no_closer_to_the_question() -> None:
    weights = {"uncommon": 3.0, "allianc": 3.0, "confer": 1.0, "demand": 2.0, "lead": 1.0}
    filler = "On June 4 partners met at the Uncommon Alliances conference."
    answer = "Leading a partnership is demanding work."
    title = frozenset({"uncommon", "allianc"})
    assert _overlap(weights, filler) > _overlap(weights, answer)
    assert _overlap(weights, filler, title) < _overlap(weights, answer, title)
    # The ignored words still count in the whole: a sentence holding them all is not complete.
    assert _overlap(weights, filler + " " + answer, title) == 0.4

"""The question is analysed once: what it asks for, its entities, subject, words and stems."""

import pytest
from spacy.language import Language

from app.config import Settings
from app.language.question import analyse_question
from app.retrieval.index import Index
from app.retrieval.lexical import query_tokens
from app.retrieval.search import search
from tests.fakes import HashingEmbedder


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("Who founded the Global Fund?", "person"),
        ("Who is the current Executive Director of UNFPA?", "person"),
        ("Who is the current Standards Lead at the alliance?", "person"),
        ("Who was the first Secretary-General of the assembly?", "person"),
        ("In general, who benefits from open data?", "actor"),
        ("Who sits on the standard's expert groups, and in what capacity?", "actor"),
        ("What return on investment did the speakers report?", "percent"),
        ("Who are the partners in the polio initiative?", "organisation"),
        ("Who summarised the day's discussion?", "person"),
        ("Who succeeded the envoy in the post?", "person"),
        ("What is the name of the woman who built the website?", "person"),
        ("How much did the company contribute to the fund?", "money"),
        ("Over what period will the challenge pay for outcomes?", "duration"),
        ("What percentage score did the agency receive in the review?", "percent"),
        ("What is stakeholder mapping and how is it used?", "description"),
        ("How much core funding did the agency receive?", "money"),
        ("How much material did the review draw on?", "number"),
        ("How much of the money passed on goes to local organisations?", "number"),
        ("How much could coordinated transfers cut the share of late samples?", "percent"),
        ("How much time do stakeholders have to comment?", "duration"),
        ("What was the name of the foundation that funded it?", "organisation"),
        ("Who loses out if the programme misses its targets?", "actor"),
        ("Whose judgement should decide whether a partnership has succeeded?", "actor"),
        ("How far have member states gone in pooling sovereignty?", "process"),
        ("Which agency leads the vaccine alliance?", "organisation"),
        ("Which named author is credited with writing the report?", "person"),
        ("Which partners joined the alliance?", "organisation"),
        ("When was the Global Fund created?", "date"),
        ("In what year did the alliance start?", "date"),
        ("When did the G20 become central to economic governance?", "date"),
        ("When are service providers paid in an outcomes fund?", "description"),
        ("When schools closed in the pandemic, who partnered to keep them open?", "actor"),
        ("When the review covers health, schools and roads, who pays for them?", "actor"),
        ("When a fund exports its grants, are the recipients' names published?", "description"),
        ("Should we keep a partnership's design when it starts changing?", "description"),
        ("How much did the donors pledge in 2012?", "money"),
        ("What was the budget of the programme?", "money"),
        ("How many countries joined the initiative?", "number"),
        ("How long can stakeholders comment on a proposed change?", "duration"),
        ("What percentage of funding came from the private sector?", "percent"),
        ("What rate of return did investors get?", "percent"),
        ("Where was the conference held?", "place"),
        ("Which country hosted the summit?", "place"),
        ("Which African countries withdrew from the alliance?", "place"),
        ("At which summit was the alliance proposed?", "event"),
        ("What is a development impact bond?", "definition"),
        ("What does blended finance mean?", "definition"),
        ("Why does trust matter in a partnership?", "reason"),
        ("What is the reason for the delays?", "reason"),
        ("How do impact bonds work?", "process"),
        ("What are the main challenges of multi-stakeholder partnerships?", "list"),
        ("List the partners of the alliance.", "list"),
        ("How should partnerships measure their results?", "advice"),
        ("What lessons can be drawn from the initiative?", "advice"),
        ("Tell me about partnerships in education.", "description"),
        # A word joined by hyphens describes; it names no kind of answer.
        ("Even when partners mean well, what day-to-day hurdles trip them up?", "description"),
        ("What multi-year commitments did donors make?", "description"),
        ("What dollar figure was pledged?", "money"),
        ("How large was the grant that funded the project?", "money"),
        ("How big is the network?", "number"),
        # A second question word asks for something else after the first is answered.
        ("Who was appointed to chair the committee, and how many members has it?", "person"),
    ],
)
def test_question_asks_for_the_kind_of_answer_its_wording_wants(
    nlp: Language, question: str, wanted: str
) -> None:
    assert analyse_question(nlp, question).asks_for == wanted


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("How many resident coordinator posts were vacant in 2024?", {"posts", "post"}),
        ("By how many points did literacy scores rise?", {"points", "point"}),
        ("How many of the stakeholders worked for governments?", {"stakeholders", "stakeholder"}),
        ("How many people attended the conference?", set()),
        ("What did the fund spend on schools?", set()),
    ],
)
def test_a_how_many_question_knows_what_it_counts(
    nlp: Language, question: str, words: set[str]
) -> None:
    assert analyse_question(nlp, question).counted == words


def test_named_entities_keep_their_types_and_offsets(nlp: Language) -> None:
    question = "How much did the World Bank lend to Kenya in 2019?"
    analysis = analyse_question(nlp, question)
    labels = {e.text: e.label for e in analysis.entities}
    assert labels.get("2019") == "DATE"
    assert any(label == "GPE" and "Kenya" in text for text, label in labels.items())
    assert all(question[e.start : e.end] == e.text for e in analysis.entities)


def test_a_country_s_government_is_named_as_the_country(nlp: Language) -> None:
    # A donor table's row says "Hungary", not "the Government of Hungary".
    question = "How much did the Government of Hungary contribute to the fund in 2024?"
    analysis = analyse_question(nlp, question)
    assert [(e.text, e.label) for e in analysis.names] == [("Hungary", "GPE")]
    assert all(question[e.start : e.end] == e.text for e in analysis.entities)
    assert analysis.topic == "Hungary"


def test_subject_is_what_the_question_is_about_not_what_it_asks_for(nlp: Language) -> None:
    analysis = analyse_question(nlp, "What was the budget of the Global Fund in 2020?")
    assert "Global Fund" in analysis.subject
    assert "budget" not in " ".join(analysis.subject)
    assert {"global", "fund"} <= analysis.subject_stems


def test_a_name_that_only_owns_the_subject_comes_after_it(nlp: Language) -> None:
    analysis = analyse_question(nlp, "How does China's Belt and Road Initiative choose projects?")
    assert analysis.topic == "Belt and Road Initiative"
    assert "China" in analysis.subject
    # A sentence about the initiative need not name its owner again (a donor table's row).
    assert analysis.owners == ("China",)


def test_the_asker_s_own_named_in_the_scene_before_the_question_is_not_what_it_asks_about(
    nlp: Language,
) -> None:
    analysis = analyse_question(
        nlp,
        "My CEO is convinced we can fix water shortages alone. "
        "What did the State Department's envoy say about going it alone?",
    )
    assert "CEO" not in {e.text for e in analysis.names}
    assert "State Department" in " ".join(e.text for e in analysis.names)
    # Named in the question itself, it is asked about.
    asked = analyse_question(nlp, "What did our NGO partners learn from the UNICEF review?")
    assert "UNICEF" in {e.text for e in asked.names}


def test_subject_of_a_question_without_names_is_its_noun_phrase(nlp: Language) -> None:
    analysis = analyse_question(nlp, "How do development impact bonds work?")
    assert analysis.subject == ("development impact bonds",)
    assert analysis.names == ()


def test_the_document_a_question_points_at_comes_after_what_it_asks_about(nlp: Language) -> None:
    analysis = analyse_question(nlp, "What does the guide say about a problem profile?")
    assert analysis.subject == ("problem profile", "guide")
    assert analysis.topic == "problem profile"
    alone = analyse_question(nlp, "Who wrote the report?")
    assert alone.topic == "the report"


def test_a_hyphenated_phrase_is_the_subject_whole_and_a_measure_is_none(nlp: Language) -> None:
    hyphenated = analyse_question(
        nlp, "Why were mid-20th-century development partnerships so top-down?"
    )
    assert hyphenated.topic == "mid-20th-century development partnerships"
    measured = analyse_question(nlp, "We spent a lot collecting a dataset - why give it away?")
    assert measured.topic == "dataset"


def test_stems_are_the_bm25_query_tokens(nlp: Language) -> None:
    question = "Why do partnerships between governments fail?"
    analysis = analyse_question(nlp, question)
    assert list(analysis.stems) == query_tokens(question)
    assert "partnership" in analysis.stems


def test_words_leave_out_question_and_stop_words(nlp: Language) -> None:
    analysis = analyse_question(nlp, "Why does trust matter in a partnership?")
    assert analysis.words == ("trust", "matter", "partnership")


def test_answer_labels_follow_what_is_asked(nlp: Language) -> None:
    assert "MONEY" in analyse_question(nlp, "How much was pledged?").answer_labels
    assert analyse_question(nlp, "Why does trust matter?").answer_labels == frozenset()


def test_search_scores_bm25_on_the_analysis_stems(
    built_index: Index, settings: Settings, fake_embedder: HashingEmbedder, nlp: Language
) -> None:
    question = "Why does trust matter in a partnership?"
    vector = fake_embedder.embed_query(question)
    plain = search(built_index, settings, question, vector, 5)
    analysed = search(
        built_index, settings, question, vector, 5, stems=analyse_question(nlp, question).stems
    )
    assert [(h.passage.id, h.lexical) for h in analysed] == [
        (h.passage.id, h.lexical) for h in plain
    ]
    about_ovens = search(built_index, settings, question, vector, 5, stems=("oven",))
    best = max(about_ovens, key=lambda h: h.lexical)
    assert "ovens" in best.passage.text


def test_a_name_the_small_model_misses_is_still_a_name(nlp: Language) -> None:
    analysis = analyse_question(nlp, "How much did easyJet give to the fund run by the DPGA?")
    names = {e.text for e in analysis.names}
    assert {"easyJet", "DPGA"} <= names
    assert not {e.text for e in analyse_question(nlp, "How do NGOs work together?").names}


def test_a_subject_parsed_with_the_question_auxiliary_leaves_it_out(nlp: Language) -> None:
    analysis = analyse_question(nlp, "How does REDD+ work as a partnership between countries?")
    assert not any(phrase.lower().startswith("does") for phrase in analysis.subject)

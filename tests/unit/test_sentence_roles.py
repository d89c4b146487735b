"""Each sentence's role, whether it leans on the one before, and where a lead-in ends."""

import pytest
from spacy.language import Language

from app.language.sentence_roles import read_sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Trust is built through shared information and kept promises.",
        "The alliance has twelve members and meets every month.",
        "In 2019, donors pledged $4 billion to the fund.",
        "We found that local organisations know the terrain best.",
        "Apply an open licence to the data before publishing it.",
        "It is important to measure results at two levels.",
        "The report is a good example of how partners can share data.",
        "Article 5 of the convention requires states to report every year.",
        "The draft agreement was signed by all twelve members.",
        "This covers the costs of the secretariat.",
        "This adds a layer of bureaucracy to every decision.",
        "The agreement covers three points.",
    ],
)
def test_ordinary_prose_is_content(nlp: Language, sentence: str) -> None:
    assert read_sentence(nlp(sentence)).role == "content"


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll explain the pay-for-success incentive structure.",
        "For impact bonds, I will describe how investors are repaid.",
        "I can also touch on the regional banks.",
        "Let me start with the history of the alliance.",
        "Introduce the vaccine alliance as an example of a long-running partnership.",
        "Crucially, explain how it addressed the coordination problem.",
        "Explain that donors pay only for results.",
        "This sets the stage for the partnerships discussed in Section 1.",
        "I'll link back to the challenges from Section 7.",
        "Transition: the next part turns from theory to practice.",
        "The tone should be timeless and profound.",
        "This creates a natural forward momentum for the reader.",
        "The 2030 Agenda is the perfect anchor.",
        "This is a masterclass in partnership design.",
        "This is a powerful, factual claim.",
        "This covers the points without just listing them.",
        "This adds a crucial layer of depth beyond just power or institutions.",
        "This makes the article more sophisticated and less like a simple cheerleading piece.",
        "The outline lists it as a success, but it is often criticized.",
        "The last sentence mentioned the institutional frameworks.",
        "I will:",
        "Add a fascinating detail or a specific outcome to make it memorable.",
        "My concluding sentence will be short.",
        "Talk about pandemics, climate change and economic crises.",
        "1.4 Scale and Scope Today: Time for some hard data.",
        "Something like: “These frameworks provide the architecture of multilateralism.”",
    ],
)
def test_the_writer_talking_about_the_text_is_writer(nlp: Language, sentence: str) -> None:
    assert read_sentence(nlp(sentence)).role == "writer"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("What makes partnerships succeed?", "question"),
        ("Why did the fund fail? (e.g. lack of donors)", "question"),
        ("Success Factor 2: Adaptability.", "fragment"),
        ("the World Bank and the IMF.", "fragment"),
        ("Impact measurement of policies", "fragment"),
        ("“Formal or informal collaborations involving three or more entities.”", "fragment"),
        ("Failure: The inability to prevent aggression due to weak enforcement.", "fragment"),
        ("Table 1: The 46 organisations included in the 2016 Index, with 2013 spend", "fragment"),
        ("Figure IV: United Nations country team members rated the support highly", "fragment"),
        ("Figure 4.1 shows an overview of the tasks and outputs discussed.", "content"),
        ("Leadership is less about", "cutoff"),
        ("This establishes the scale of the problem", "cutoff"),
        ("Partners share their data openly", "content"),
        ("Hard data convinces outsiders to support a project.", "content"),
        ("If a partnership brings in experts to perform tasks that could, and should,", "cutoff"),
        ("Below are some headline results for which the fund was a key contributor.", "transition"),
        (
            "three initiatives in particular – the NERC, HDX and GeoNode – show its promise.",
            "fragment",
        ),
        ("anyone else can obtain a copy and redistribute it.", "fragment"),
        ("iPhone apps let mappers survey streets offline.", "content"),
        (
            "Open Cities Kathmandu partnered with USAID and Imagery to the Crowd to release "
            "satellite photography for the Kathmandu Valley.",
            "content",
        ),
        ("The data collected by volunteers in Nepal.", "fragment"),
        (
            "Civil society can then use this data to ask critical questions: "
            "“Is the money being spent on schools, or is it disappearing?”",
            "content",
        ),
    ],
)
def test_questions_fragments_cutoffs_and_transitions(
    nlp: Language, sentence: str, role: str
) -> None:
    assert read_sentence(nlp(sentence)).role == role


@pytest.mark.parametrize(
    "sentence",
    [
        "This explains why partnerships are resilient.",
        "It didn't stop multilateralism, but it shaped it.",
        "However, the structures do not guarantee success.",
        "These partnerships rarely last longer than a decade.",
        "For example, suppliers are asked to be transparent.",
        "As a result, the programme was extended.",
        "They are the networks made manifest.",
        "But the donors withdrew in 2015.",
    ],
)
def test_openings_that_point_back_lean_on_the_previous_sentence(
    nlp: Language, sentence: str
) -> None:
    assert read_sentence(nlp(sentence)).leans_on_previous


@pytest.mark.parametrize(
    "sentence",
    [
        "The level of interest in partnerships has increased.",
        "It is common for partners to distrust each other at first.",
        "Local organisations know the terrain.",
        "In 2012, the conference brought partnership builders together.",
        "Partners that share data build trust faster.",
        "Too often, alliances that do not work out get swept under the rug.",
        "So many partners joined that the board doubled in size.",
        "Instead of a detailed plan, partnerships launch with a small pilot.",
        "Rather than compete, the agencies pooled their funds.",
    ],
)
def test_self_contained_openings_do_not_lean(nlp: Language, sentence: str) -> None:
    assert not read_sentence(nlp(sentence)).leans_on_previous


@pytest.mark.parametrize(
    ("sentence", "rest"),
    [
        ("I'll explain that trust is the lubricant of every partnership.", "trust is the"),
        ("Explain that donors pay only for verified results.", "donors pay"),
        ("I'll explain its core idea: institutions can overcome anarchy.", "institutions can"),
        ("I'll explain how capacity building can backfire.", "capacity building can"),
        (
            "I’ll state explicitly that the 17 goals are indivisible and cannot be met alone.",
            "the 17 goals",
        ),
        (
            "Participation: I’ll emphasize a crucial point: all partners must be able to take "
            "part on an equal footing.",
            "all partners must",
        ),
        (
            "I’ll describe its supranational character, where member states have ceded "
            "sovereignty to a central authority.",
            "member states have",
        ),
        (
            "I’ll add a fascinating detail about how modern partnerships are increasingly "
            "trying to integrate traditional cooperation mechanisms.",
            "modern partnerships are",
        ),
        (
            "I’ll highlight how, more than in other regions, social movements have become "
            "partners in development dialogues.",
            "more than in other regions, social movements",
        ),
        (
            "Explain that M&E is not just about reporting to donors; it's a management tool.",
            "M&E is not",
        ),
        (
            "Frame the problem: climate change and pollution are commons problems where the "
            "actions of one affect all.",
            "climate change and pollution",
        ),
    ],
)
def test_a_lead_in_is_trimmed_to_the_whole_sentence_it_reports(
    nlp: Language, sentence: str, rest: str
) -> None:
    reading = read_sentence(nlp(sentence), nlp)
    assert reading.trim is not None
    assert sentence[reading.trim :].startswith(rest)


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll explain the pay-for-success model clearly.",
        "I'll explain how many countries joined the compact.",
        "I'll explain how well-intentioned capacity-building efforts can sometimes backfire.",
        "I'll describe formal mechanisms like mediation procedures, which help manage disputes.",
        "I'll highlight a programme that trains nurses in rural clinics every year.",
        "I'll highlight its funding, where money follows results, linking it to Section 6.",
        "Trust is the lubricant of every partnership.",
        "Introduce the EITI and its core purpose: ensuring that citizens reap the benefits of "
        "their country's mineral wealth by increasing transparency.",
        "I'll define it simply: using public money to de-risk investments, attracting private "
        "capital for projects that wouldn't otherwise be viable.",
        "Explain the advantage of regional organizations: shared geography, history, and often "
        "culture, which can foster deeper trust than is possible at the global level.",
    ],
)
def test_no_trim_when_no_whole_sentence_follows_the_lead_in(nlp: Language, sentence: str) -> None:
    assert read_sentence(nlp(sentence), nlp).trim is None


def test_no_trim_when_the_reported_sentence_itself_points_back(nlp: Language) -> None:
    sentence = "I'll begin by stating that this is the craft of partnership building."
    assert read_sentence(nlp(sentence), nlp).trim is None

"""Plain-text cleaning: sidebars out of the body, drafting instructions dropped,
structure found, for the documents that show them."""

from app.ingest.lines import Line, number_lines
from app.ingest.plaintext import parse_text_lines
from app.ingest.sections import Block, section_blocks


def _lines(text: str) -> list[Line]:
    return number_lines(text)


def clean_document(lines: list[Line]) -> list[Block]:
    return section_blocks(parse_text_lines(lines))


REPORT = """KEY THEMES
Over the day, themes emerged in conversations and panel discussions:
1.

“There is no one sector or
company that can solve these
problems.”
--Kris Balderston
Special Representative for
Global Partnerships

Understand Motivations

Communication is key. Language is nuanced, so it is important to be aware of cultural
disconnects. In the past few years, many
“… the goal of governments
corporations have been leading their industry in how they view their role in
to work with firms is hard
society. Others see
“picking winners-andbroader opportunities. Regardless, partners should work together.
2. Break with Convention
Kris Balderston said: “There is no one sector or company that can solve these problems.”
John Forrer pointed out, “… the goal of governments to work with firms is hard
and avoids “picking winners-and-losers” in a partnership.”
--John Forrer
Associate Director
"""


def test_pull_quote_fragments_leave_the_body() -> None:
    blocks = clean_document(_lines(REPORT))
    body = " ".join(b.text for b in blocks if b.kind == "body")
    assert (
        "many corporations have been leading their industry in how they view their role in society."
        in body
    )
    assert "Others see broader opportunities." in body
    assert "company that can solve these problems.” Understand" not in body


def test_pull_quotes_are_kept_as_attributed_blocks() -> None:
    quotes = [b.text for b in clean_document(_lines(REPORT)) if b.kind == "quote"]
    assert quotes[0].startswith(
        "“There is no one sector or company that can solve these problems.”"
    )
    assert quotes[0].endswith("—Kris Balderston, Special Representative for Global Partnerships")


def test_caps_and_numbered_headings_make_section_paths() -> None:
    sections = {" > ".join(b.section) for b in clean_document(_lines(REPORT))}
    assert {
        "Key Themes",
        "Key Themes > Understand Motivations",
        "Key Themes > Break with Convention",
    } <= sections


ARTICLE = """Entry #:\t1.2.3
Word Count:\t900 words

Contents

1\tPartnerships\t2
1.1\tDefining Partnerships\t2
1.2\tCase Studies\t4

1 Partnerships

1.1 Defining Partnerships

1. Deconstruct the Request:

```
*  **Role:** Expert encyclopedia writer.
*  **Subsections:**
*    1.4 Scale and Scope Today
*  **Word Count:** Target ~833 words.
```

2. Initial Brainstorming & Strategy:

- **Hook:** Start with the *problem* they solve, citing the UN or

regional blocs like the **African Union**.
- **1.4 Scale and Scope Today:** Time for some data on the communi-

ties they serve, and on how many communities there are. This establishes the topic’s immense
scale and its sub-

stance

1.2 Case Studies

1. Deconstruct the Request:

*  **Subsections:**
*    2.1 The Global Polio Eradication Initiative (GPEI)
*    2.2 The Extractive Industries Transparency Initiative (EITI)

3. Drafting - Paragraph by Paragraph (following the subsections):

- **Paragraph 2 (2.2 - EITI):**
 - The EITI Standard requires governments to disclose what they receive.
4. **Final Review:** I’ll check the word count and flow.
"""


def _article() -> list[tuple[str, str]]:
    return [(" > ".join(b.section), b.text) for b in clean_document(_lines(ARTICLE))]


def test_writing_instructions_and_front_matter_are_not_content() -> None:
    text = " ".join(t for _, t in _article()).lower()
    for instruction in (
        "word count",
        "role:",
        "deconstruct",
        "entry #",
        "contents",
        "final review",
    ):
        assert instruction not in text


def test_subsection_number_inside_a_bullet_is_not_a_heading() -> None:
    sections = {s for s, _ in _article()}
    assert "Scale and Scope Today" not in sections
    assert "Defining Partnerships > Scale and Scope Today" in sections


def test_blank_line_inside_a_sentence_does_not_split_it() -> None:
    texts = [t for _, t in _article()]
    assert (
        "Hook: Start with the problem they solve, citing the UN or regional blocs like the African Union."
        in texts
    )


def test_word_hyphenated_across_a_page_break_is_rejoined() -> None:
    assert any("the communities they serve" in t for _, t in _article())


def test_hyphen_is_kept_when_the_joined_word_is_unknown() -> None:
    texts = " ".join(t for _, t in _article())
    assert "sub-stance" in texts


def test_drafting_bullets_take_the_subsection_they_name() -> None:
    pairs = _article()
    eiti = [s for s, t in pairs if t.startswith("The EITI Standard")]
    assert eiti == ["Case Studies > The Extractive Industries Transparency Initiative (EITI)"]

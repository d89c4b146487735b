"""The ingestion-quality measures: shingles, furniture lines, markup."""

from pathlib import Path

from app.evaluation.ingest_quality import (
    furniture_marks,
    has_furniture,
    has_markup,
    kept_share,
    line_shingles,
    markup_headings,
    measure_document,
    reference_pages,
    repeated_lines,
    rows_as_set,
    shingles,
    words,
)
from app.ingest.blocks import SourceBlock
from tests.pdfs import Text, make_pdf


def test_a_word_broken_at_a_line_end_counts_as_the_whole_word() -> None:
    assert words("pro-\ngramme and pre\ufffespecified") == ["programme", "and", "prespecified"]
    assert shingles("one two three four five six seven eight nine") == {
        ("one", "two", "three", "four", "five", "six", "seven", "eight"),
        ("two", "three", "four", "five", "six", "seven", "eight", "nine"),
    }


def test_lines_at_the_edge_of_many_pages_are_furniture_whatever_their_page_number() -> None:
    topics = ["water", "schools", "health", "roads", "budgets", "data"]
    pages = [
        f"UNICEF {n}\nOn {t}.\nMore on {t}.\nLast on {t}.\nUNICEF report"
        for n, t in enumerate(topics)
    ]
    assert repeated_lines(pages) == {f"unicef {n}" for n in range(6)} | {"unicef report"}


def test_a_line_repeated_inside_pages_is_not_furniture() -> None:
    pages = [f"Header {n}\nFirst\nProtection\nmatters\nSecond\nLast {n}" for n in range(2)]
    assert repeated_lines(pages) == set()


def test_a_line_of_text_that_recurs_inside_pages_as_often_as_at_their_edges_is_no_furniture() -> (
    None
):
    # Endnotes citing one interview many times: the same line, at a page's foot and within.
    note = "GovLab interview with Javier Teran, September 18, 2015."
    pages = [f"Notes\n{note}\nOther source.\n{note}\nMore notes.\n{note}" for _ in range(6)]
    assert note.lower() not in repeated_lines(pages)


def test_a_year_that_ends_a_furniture_line_is_no_mark_of_furniture() -> None:
    marks = furniture_marks({"annual report, may 2015."}, 20)
    assert not has_furniture("The earthquake struck in April 2015.", marks)
    assert has_furniture("growth annual report, may 2015. was strong", marks)


def test_line_shingles_stay_inside_lines_and_skip_a_word_broken_at_a_line_end() -> None:
    lines = ["one two three four five six seven eight nine pro-", "gramme ends", "a b c"]
    assert line_shingles(lines) == [
        "one two three four five six seven eight",
        "two three four five six seven eight nine",
        "a b c",
    ]


def test_furniture_marks_find_a_running_footer_and_a_page_of_pages() -> None:
    marks = furniture_marks({"dp/fpa/2025/11", "2/30 25-12740"}, 30)
    assert has_furniture("the 2024 survey DP/FPA/2025/11 2/30 confirmed", marks)
    assert has_furniture("reported in 25-12740 and", marks)
    assert not has_furniture("resolution 75/233 of 2024/19 and 3/300", marks)


def test_a_mark_is_furniture_only_inside_one_block_of_a_passage() -> None:
    marks = furniture_marks({"unicef 1"}, 12)
    assert has_furniture("Thanks to UNICEF 1 The fund grew", marks)
    assert not has_furniture("Director, UNICEF\n\n1 The fund grew", marks)


PAGE = """<html><head><title>Why Open Data? - Handbook</title></head><body>
<div class="navbar"><a href="/">Home</a> <a href="/about">About this handbook</a></div>
<div class="content"><h1>Why Open Data?</h1>
<p>Open data is a tremendous resource that is as yet largely untapped by anyone.</p></div>
<div class="sphinxsidebar"><h3>Donate</h3><p>Please consider making a small donation to us.</p></div>
<div role="contentinfo">Copyright and licence information for the whole site here.</div>
<div role="dialog"><div class="cookie-consent"><p>This site uses privacy-respecting
analytics unless you disable them.</p></div></div>
</body></html>"""


def test_a_page_s_sidebar_navigation_cookie_notice_and_title_are_neither_body_text_nor_headings(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    assert markup_headings(page) == ["Why Open Data?"]
    text = " ".join(reference_pages(page)[0].split())
    assert text == (
        "Why Open Data? Open data is a tremendous resource that is as yet largely untapped by anyone."
    )


def test_a_lone_bullet_glyph_read_as_a_letter_is_not_a_word_of_the_reference() -> None:
    assert line_shingles(["f Government leadership improves partnerships with many actors"]) == [
        "government leadership improves partnerships with many actors"
    ]


def test_a_word_the_reference_splits_counts_as_kept_whole_and_a_lost_word_does_not() -> None:
    wanted = line_shingles(["the office leveraged Unit ed Nations analysis for all its members"])
    assert (
        kept_share(wanted, ["The office leveraged United Nations analysis for all its members."])
        == 1
    )
    assert kept_share(wanted, ["The office leveraged Nations analysis for all its members."]) == 0


def _row(header: tuple[str, ...], cells: tuple[str, ...]) -> SourceBlock:
    text = "; ".join(f"{h}: {c}" for h, c in zip(header, cells, strict=True))
    return SourceBlock("table_row", text, cells=cells, header=header)


def test_a_self_described_row_kept_whole_counts_as_the_row_the_page_sets() -> None:
    header = ("Donor name", "Amount given in 2024", "Share of the total")
    rows = [
        _row(header, ("Norway", "4,678,581", "26.7%")),
        _row(header, ("Luxembourg Committee", "715,647", "4.1%")),
    ]
    wanted = line_shingles(
        [
            "Donor name Amount given in 2024 Share of the total",
            "Norway 4,678,581 26.7% and so on",
            "Luxembourg Committee 715,647 4.1% and so on",
        ]
    )
    passage = [f"Section\n{rows[0].text}\n\n{rows[1].text}"]
    assert kept_share(wanted, passage) < 0.5
    assert kept_share(wanted, passage + rows_as_set(rows, passage)) > kept_share(wanted, passage)
    assert rows_as_set(rows, passage) == [
        f"{' '.join(header)}\nNorway 4,678,581 26.7%",
        f"{' '.join(header)}\nLuxembourg Committee 715,647 4.1%",
    ]


def test_a_row_missing_from_the_passages_earns_nothing() -> None:
    header = ("Donor", "Amount")
    rows = [_row(header, ("Norway", "4,678,581")), _row(header, ("Chile", "12"))]
    assert rows_as_set(rows, [f"Section\n{rows[0].text}"]) == ["Donor Amount\nNorway 4,678,581"]


def test_a_one_word_running_title_counts_only_as_a_line_of_its_own() -> None:
    marks = furniture_marks({"academy"}, 28)
    assert has_furniture("The fund grew.\nACADEMY\nParticipants met weekly.", marks)
    assert not has_furniture("In contrast, 90% of the Academy participants finish.", marks)


def test_a_note_marker_set_against_a_word_is_not_a_word_of_the_text() -> None:
    lines = ["the risks rose in the long run.5 Donors then asked", "as in 2023. UNFPA and 4.2 of"]
    lines += ["to ‘fair’ (MCC).2 From that", "MCC and USAID.3 Although"]
    assert line_shingles(lines) == [
        "the risks rose in the long run donors",
        "risks rose in the long run donors then",
        "rose in the long run donors then asked",
        "as in 2023 unfpa and 4 2 of",
        "to fair mcc from that",
        "mcc and usaid although",
    ]


def test_a_short_line_with_a_number_repeated_inside_many_pages_is_furniture() -> None:
    pages = [f"T\nFirst line\nMay 2016 | 018\nFigure {n}\nThird\nLast {n}" for n in range(4)]
    assert "may 2016 | 018" in repeated_lines(pages)
    assert not any(line.startswith("figure") for line in repeated_lines(pages))


def test_the_reference_reads_ligatures_a_text_layer_leaves_unmapped(tmp_path: Path) -> None:
    # No extractor reads "bene!t" right; the reference must not count the reader's
    # "benefit" as lost text.
    path = tmp_path / "paper.pdf"
    path.write_bytes(make_pdf([[Text(72, 700, "$e bene!t is clear.", font="F6")]]))
    assert reference_pages(path)[0].strip() == "The benefit is clear."


def test_markup_is_told_from_a_table_s_significance_stars() -> None:
    assert has_markup("See the **Note** below.")
    assert has_markup("[the handbook](https://example.org)")
    assert not has_markup("Aid x Policy; 2.430***; 3.042**")
    assert not has_markup("* p < 0.1, ** p < 0.05, *** p < 0.01")


def test_a_markdown_page_s_front_matter_title_is_its_first_heading(tmp_path: Path) -> None:
    page = tmp_path / "guide.md"
    page.write_text(
        "---\nlang: en\ntitle: How to Open up Data\n---\n\nIntro.\n\n## Choose\n\nText.\n"
    )
    assert markup_headings(page) == ["How to Open up Data", "Choose"]


def test_word_s_o_bullet_before_a_figure_is_no_word_of_the_text() -> None:
    assert line_shingles(["o 5-minute welcome presentation for the volunteers"]) == [
        "5minute welcome presentation for the volunteers"
    ]


def test_a_heading_kept_as_the_document_s_title_counts_as_kept(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text("# Open Cities Field Guide\n\nPartners share data with every city team.\n")
    passage = {"section": "", "text": "Partners share data with every city team."}
    titled = {**passage, "title": "Open Cities Field Guide"}

    def kept(p: dict[str, str]) -> float:
        return measure_document(path, "guide.md", [p], [], lambda ts: [1] * len(ts)).body_kept

    assert kept(titled) == 1.0
    assert kept(passage) < 1.0

"""The reader's faults the evaluation flags in quoted pieces, and the calibration report."""

from spacy.language import Language

from app.evaluation.devset import Evaluation, fold_of, quoted_pieces
from app.evaluation.readability import Piece, faults_of, spacy_main_verb


def test_a_plain_content_sentence_has_no_fault() -> None:
    assert faults_of(Piece("UNICEF procures vaccines for the campaigns.")) == []


def test_a_statement_opening_with_a_word_that_can_be_an_instruction_is_no_writer_s_note() -> None:
    assert faults_of(Piece("Use of funds is reported to the board every year.")) == []
    assert "writer" in faults_of(Piece("Use the analogy of a highway for this."))


def test_a_comparison_opening_with_instead_of_does_not_dangle() -> None:
    assert faults_of(Piece("Instead of a multi-year plan, partnerships launch a pilot.")) == []
    assert "dangling" in faults_of(Piece("Instead, partnerships launch a pilot."))


def test_the_writer_talking_is_flagged() -> None:
    assert "writer" in faults_of(Piece("Introduce the GPEI as a quintessential example."))
    assert "writer" in faults_of(Piece("I'll explain the pay-for-success structure."))
    assert "writer" in faults_of(Piece("This sets the stage for the partnerships of Section 1."))


def test_a_lowercase_opening_is_a_fragment() -> None:
    assert "fragment" in faults_of(Piece("the World Bank and the IMF."))


def test_the_parser_check_flags_a_piece_without_a_main_verb() -> None:
    assert "fragment" in faults_of(Piece("Innovation labs and blended finance."), lambda _: False)
    assert faults_of(Piece("Labs test blended finance."), lambda _: True) == []


def test_the_parser_check_reads_a_verb_hung_on_the_noun_before_it_as_the_main_verb(
    nlp: Language,
) -> None:
    has_main_verb = spacy_main_verb(nlp)
    assert has_main_verb("Open Cities Kathmandu partnered with USAID to release imagery.")
    assert not has_main_verb("The data collected by volunteers in Nepal.")


def test_a_list_item_label_is_not_a_lower_case_opening() -> None:
    assert faults_of(Piece("(e) Note the importance of flexible funding;")) == []
    assert "fragment" in faults_of(Piece("note the importance of flexible funding;"))


def test_a_piece_that_breaks_off_is_cut_off() -> None:
    assert "cutoff" in faults_of(
        Piece("If a partnership brings in experts to do tasks that should,")
    )


def test_a_quotation_signed_by_its_speaker_is_not_cut_off() -> None:
    signed = "“Partners must trust each other.” —Jane Doe, Director, U.S. Department of State"
    assert "cutoff" not in faults_of(Piece(signed))
    assert "cutoff" in faults_of(Piece("“Partners must trust each other.” —Jane Doe, who"[:-4]))
    assert "cutoff" in faults_of(Piece("Partners must trust each — other"))


def test_an_opening_that_leans_on_what_is_not_quoted_dangles() -> None:
    assert "dangling" in faults_of(Piece("This explains why donors hesitate."))
    assert faults_of(Piece("This explains why donors hesitate.", follows_previous=True)) == []


def test_pieces_follow_each_other_only_when_adjacent_in_one_passage() -> None:
    body = {
        "segments": [
            {"text": "A b c.", "marker": 1, "passage_id": "p", "start": 0, "end": 6},
            {"text": "It d e.", "marker": 1, "passage_id": "p", "start": 7, "end": 14},
            {"text": "It f g.", "marker": 2, "passage_id": "q", "start": 7, "end": 14},
        ]
    }
    assert [p.follows_previous for _, _, p in quoted_pieces(body)] == [False, True, False]


def test_folds_are_stable_and_cover_every_fold() -> None:
    assert fold_of("d001") == fold_of("d001")
    assert {fold_of(f"d{i:03}") for i in range(30)} == {0, 1, 2}


def test_calibration_error_is_the_weighted_gap_between_confidence_and_accuracy() -> None:
    evaluation = Evaluation()
    for i, (confidence, right) in enumerate([(0.9, True), (0.9, False), (0.1, False)]):
        evaluation.answers[str(i)] = {"confidence": confidence, "right": right}
    metrics, table = evaluation.calibration(["0", "1", "2"])
    assert abs(metrics["ece"] - (2 / 3 * 0.4 + 1 / 3 * 0.1)) < 1e-9
    assert [(row["n"], row["accuracy"]) for row in table] == [(1, 0.0), (2, 0.5)]


def test_a_table_row_is_a_record_not_a_fragment() -> None:
    row = "Donor: Swedish Committee for UNICEF; Amount (US$): 390,034"
    assert faults_of(Piece(row, row=True), lambda _: False) == []
    assert faults_of(Piece(row), lambda _: False) == ["fragment", "cutoff"]

"""`docqa ask` answers each question it is given in the terminal, with numbered sources."""

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.config import Settings

pytestmark = pytest.mark.slow


@pytest.mark.usefixtures("real_index")  # the real corpus built into real_settings.index_dir
def test_each_question_gets_its_answer_and_sources(real_settings: Settings) -> None:
    questions = ["Why must partners trust each other?", "What is a good recipe for lasagne?"]
    result = CliRunner().invoke(
        cli, ["ask", *questions, "--index-dir", str(real_settings.index_dir)]
    )
    assert result.exit_code == 0, result.output
    first, second = result.output.split("\nQ: ")
    assert first.startswith(f"Q: {questions[0]}\n")
    assert "[1] " in first and "trust" in first.lower()
    assert second.startswith(questions[1])
    assert "The sources don't cover this." in second

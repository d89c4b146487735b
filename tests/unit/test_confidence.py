"""`confidence`: a logistic model over the response's features, read from a fitted file."""

from pathlib import Path

import pytest

from app.answer.confidence import FEATURES, Features, load_calibration
from app.evaluation.calibration import neutral, write


def test_every_feature_has_a_value_in_the_order_the_model_was_fitted_on() -> None:
    features = Features(1, 0.7, 0, 0, 0, only_notes=1)
    assert len(features.vector()) == len(FEATURES)
    assert features.vector()[FEATURES.index("only_notes")] == 1
    assert features.vector()[FEATURES.index("declined_support")] == pytest.approx(0.7)


def test_a_neutral_model_says_even_odds(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    write(path, neutral())
    assert load_calibration(path).probability(Features(0, 0.9, 1, 1, 2, 0.8)) == 0.5


def test_a_model_fitted_on_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    write(path, {"features": ["declined"], "intercept": 0.0, "coefficients": [1.0]})
    with pytest.raises(ValueError, match="fitted on other features"):
        load_calibration(path)

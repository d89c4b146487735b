"""Fit the confidence model: a logistic regression from response features to "was it right".

A response is right when it answers an answerable question with one of its answer terms, or
declines a question the sources cannot answer. The regularisation strength is chosen by
cross-validation on the questions given (the tuning fold only); other folds are for reporting.
"""

import json
from pathlib import Path
from typing import Any

import numpy as np

from app.answer.confidence import FEATURES, Features
from app.evaluation.devset import Question, normalise


def is_right(question: Question, answer_text: str, abstained: bool) -> bool:
    """Whether a response to `question` is right (see the module docstring)."""
    if not question.answerable:
        return abstained
    text = normalise(answer_text)
    return not abstained and any(normalise(t) in text for t in question.answer_terms)


def fit(features: list[Features], right: list[bool], folds: int = 4) -> dict[str, Any]:
    """Fit the logistic model, its L2 strength chosen by cross-validated log loss; return it
    as JSON data. Features are standardised for fitting and the result mapped back."""
    x = np.array([f.vector() for f in features], dtype=float)
    y = np.array(right, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    losses = {}
    for strength in (0.01, 0.1, 1.0, 10.0):
        loss = 0.0
        for k in range(folds):
            test = np.arange(len(y)) % folds == k
            w = _logistic(z[~test], y[~test], strength)
            loss += _log_loss(z[test], y[test], w)
        losses[strength] = loss
    strength = min(losses, key=lambda s: losses[s])
    w = _logistic(z, y, strength)
    coefficients = w[1:] / scale
    intercept = w[0] - float(np.sum(w[1:] * mean / scale))
    return {
        "features": list(FEATURES),
        "intercept": float(intercept),
        "coefficients": [float(c) for c in coefficients],
        "l2_strength": strength,
        "cv_log_loss": {str(k): round(v / len(y), 4) for k, v in losses.items()},
        "questions": len(right),
        "right": int(y.sum()),
    }


def _logistic(z: np.ndarray, y: np.ndarray, strength: float) -> np.ndarray:
    """Newton's method for L2-regularised logistic regression (intercept not penalised)."""
    design = np.hstack([np.ones((len(z), 1)), z])
    w = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * strength
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def _log_loss(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    p = 1 / (1 + np.exp(-(w[0] + z @ w[1:])))
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))


def neutral() -> dict[str, Any]:
    """A model that says 0.5 to everything: what answers are given with while the features
    change and the model is fitted again."""
    return {"features": list(FEATURES), "intercept": 0.0, "coefficients": [0.0] * len(FEATURES)}


def write(path: Path, fitted: dict[str, Any]) -> None:
    """Write the fitted model where the service reads it."""
    path.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")

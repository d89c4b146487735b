"""Fuse ranked lists from dense and lexical search into one ranking."""

from collections.abc import Sequence


def fuse_rankings(
    rankings: Sequence[Sequence[int]], weights: Sequence[float], k: int
) -> list[tuple[int, float]]:
    """Weighted reciprocal rank fusion: sum of weight / (k + rank), best first."""
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, row in enumerate(ranking, start=1):
            scores[row] = scores.get(row, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))

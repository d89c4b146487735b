"""Reciprocal rank fusion."""

from app.retrieval.fusion import fuse_rankings


def test_an_item_ranked_well_by_both_beats_one_ranked_first_by_one() -> None:
    fused = fuse_rankings([[1, 2, 3], [2, 3, 1]], [1.0, 1.0], k=10)
    assert fused[0][0] == 2


def test_zero_weight_ignores_a_ranking() -> None:
    fused = fuse_rankings([[1, 2], [2, 1]], [1.0, 0.0], k=10)
    assert [row for row, _ in fused] == [1, 2]


def test_items_found_by_one_ranking_only_are_kept() -> None:
    assert {row for row, _ in fuse_rankings([[1], [7]], [1.0, 1.0], k=10)} == {1, 7}

"""Extraction quality: floors on the shipped article and the test articles, scored by
``bench/score.py`` (``bench/extract.py`` prints the tables). Raise a floor when the extractor
gets better; a drop below one is a regression."""

from __future__ import annotations

import pytest

from helpers import ROOT, load_bench

score = load_bench("score")
bench = load_bench("extract")

# What the extractor reaches on these articles, less a small margin.
FLOORS = {
    "figures_recall": 0.97,
    "figures_precision": 0.96,
    "subjects": 0.87,
    "entities_recall": 0.89,
    "entities_precision": 0.89,
    "quotes_recall": 0.95,
    "quotes_precision": 0.95,
    "events_recall": 0.86,
    "events_precision": 0.95,
    "verbatim": 1.0,
}


@pytest.fixture(scope="module")
def results() -> list:
    return bench.run(ROOT / "tests" / "articles", shipped=True)


@pytest.mark.slow
@pytest.mark.parametrize("measure", list(FLOORS))
def test_extraction_keeps_its_floor(results: list, measure: str) -> None:
    total = score.total(s for _, s, _ in results)
    rate = getattr(total, measure).rate
    assert rate is not None and rate >= FLOORS[measure], (measure, str(getattr(total, measure)))


def test_the_scorer_can_fail() -> None:
    """An extraction that found nothing scores nothing (the floors above can be missed)."""
    gold = {
        "entity": [{"id": "company:a", "kind": "company", "name": "甲公司"}],
        "fact": [
            {"id": "a.x", "subject": "company:a", "kind": "quantity", "quote": "甲公司有80人",
             "text": "", "value": {"text": "80人", "number": 80, "unit": "人", "q": "exact"}},
        ],
    }  # fmt: skip
    empty = score.score(gold, [], "甲公司有80人")
    assert empty.figures_recall.rate == 0 and empty.entities_recall.rate == 0
    wrong = [
        {"table": "entities", "id": "company:a", "kind": "company", "name": "甲公司",
         "evidence": [], "aliases": []},
        {"table": "facts", "id": "f", "kind": "quantity", "subject": "company:a", "text": "",
         "evidence": {"source": "s", "paragraph": 1, "quote": "甲公司有80人"},
         "value": {"text": "80人", "number": 80, "unit": "个", "qualifier": "exact"}},
    ]  # fmt: skip
    got = score.score(gold, wrong, "甲公司有80人")
    assert got.figures_found.rate == 1 and got.figures_recall.rate == 0  # the unit is wrong

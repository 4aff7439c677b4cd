"""orders.Figures names every pair of figures two sources give differently for one thing, as a
plain grouping of every fact would, however the groups are held."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hightech_cli import orders


def _reference(facts: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Every group a dict of its first item of each (source, figure), pairs in store order."""
    groups: dict[Any, dict[Any, int]] = {}
    for n, fact in enumerate(facts):
        key = orders.figure_key(fact)
        if key is not None:
            groups.setdefault(key, {}).setdefault(
                (fact["evidence"]["source"], orders.figure(fact)), n
            )
    out = []
    for first in groups.values():
        ones = list(first.items())
        for i, ((source_a, figure_a), a) in enumerate(ones):
            for (source_b, figure_b), b in ones[i + 1 :]:
                if source_a != source_b and figure_a != figure_b:
                    out.append((a, b))
    return out


_FACT = st.builds(
    lambda subject, topic, source, number, kind: {
        "subject": subject,
        "kind": kind,
        "topic": topic,
        "value": {"number": number, "unit": "家"},
        "evidence": {"source": source},
    },
    st.sampled_from(["company:a", "company:b"]),
    st.sampled_from(["企业", "产值"]),
    st.sampled_from(["s1", "s2", "s3"]),
    st.sampled_from([1, 2, 2.0, 3]),
    st.sampled_from(["quantity", "quantity", "event"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_FACT, max_size=12))
def test_pairs_are_those_of_a_plain_grouping(facts: list[dict[str, Any]]) -> None:
    found = orders.Figures()
    for n, fact in enumerate(facts):
        found.add(n, fact)
    assert found.pairs() == _reference(facts)

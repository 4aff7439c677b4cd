"""link.NameTable finds, for a name, the ids the exact and alias tiers give, as names.resolve
does over every entity; a form most entities hold alone is filed as a pair, one several share
as a dict, and neither way changes the answer."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hightech_cli import names
from hightech_cli.sources.link import NameTable


class _Store:
    def __init__(self, entities: list[dict[str, Any]]) -> None:
        self.entities = entities


def _entity(eid: str, kind: str, name: str, *aliases: str) -> dict[str, Any]:
    return {"id": eid, "kind": kind, "name": name, "aliases": list(aliases)}


def test_a_form_one_entity_has_and_one_several_share() -> None:
    table = NameTable()
    store = _Store(
        [
            _entity("company:a", "company", "甲公司", "甲"),
            _entity("company:b", "company", "乙公司", "甲"),
            _entity("organisation:c", "organisation", "丙会", "甲"),
        ]
    )
    assert table.ids(store, "甲公司", {"company"}) == {"company:a"}
    assert table.ids(store, "甲", {"company"}) == {"company:a", "company:b"}
    assert table.ids(store, "甲", {"organisation"}) == {"organisation:c"}
    assert table.ids(store, "丁", {"company"}) == set()
    # Told of a batch: a later kind for the same id wins; a new id joins a shared form.
    table.add([_entity("company:a", "project", "甲公司"), _entity("company:d", "company", "丙会")])
    assert table.ids(store, "甲公司", {"company"}) == set()
    assert table.ids(store, "甲公司", {"project"}) == {"company:a"}
    assert table.ids(store, "丙会", {"company"}) == {"company:d"}


_NAMES = st.sampled_from(["甲", "乙", "甲公司", "Alpha", "ALPHA", "乙 公司"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["company", "organisation"]), _NAMES, st.lists(_NAMES, max_size=2)
        ),
        min_size=1,
        max_size=8,
    ),
    _NAMES,
)
def test_the_table_answers_as_the_tiers_over_every_entity(
    rows: list[tuple[str, str, list[str]]], query: str
) -> None:
    entities = [_entity(f"{k}:e{i}", k, n, *a) for i, (k, n, a) in enumerate(rows)]
    for kinds in ({"company"}, {"organisation"}, {"company", "organisation"}):
        matches = names.resolve(query, entities, kinds=kinds)
        tiered = {m.entity_id for m in matches if m.how in ("exact", "alias")}
        assert NameTable().ids(_Store(entities), query, kinds) == tiered


class _Indexed:
    """A store that offers its entities by name form, as ``splice.RowReader`` does from an
    index: every entity with a ``text`` form (``names.name_forms``) equal to the form."""

    def __init__(self, entities: list[dict[str, Any]]) -> None:
        self._entities = entities
        self.asked: list[str] = []

    def text_named(self, form: str) -> list[dict[str, Any]]:
        self.asked.append(form)
        return [e for e in self._entities if ("text", form) in names.name_forms(e) and form != ""]


_ROW = st.tuples(
    st.sampled_from(["company", "organisation", "project"]),
    st.integers(min_value=0, max_value=5),
    _NAMES,
    st.lists(_NAMES, max_size=2),
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(_ROW, min_size=1, max_size=6),
    st.lists(st.lists(_ROW, max_size=3), max_size=3),
    st.lists(_NAMES, min_size=1, max_size=4),
)
def test_asking_the_index_for_the_stores_names_answers_as_the_whole_table(
    stored: list[tuple[str, int, str, list[str]]],
    batches: list[list[tuple[str, int, str, list[str]]]],
    queries: list[str],
) -> None:
    def rows(found: list[tuple[str, int, str, list[str]]]) -> list[dict[str, Any]]:
        # Ids drawn from a few, so that a batch changes a stored entity's names or kind.
        return [_entity(f"e{i}", k, n, *a) for k, i, n, a in found]

    store = {e["id"]: e for e in rows(stored)}  # one row an id, as in a store
    whole, asked = NameTable(), NameTable()
    plain, indexed = _Store(list(store.values())), _Indexed(list(store.values()))
    for batch in [*batches, []]:
        for query in queries:
            for kinds in ({"company"}, {"organisation", "project"}):
                assert asked.ids(indexed, query, kinds) == whole.ids(plain, query, kinds)
        # Told of each batch's entities, as hz add tells it after linking one.
        asked.add(rows(batch))
        whole.add(rows(batch))
    assert indexed.asked  # the store's names were asked of the index, a form at a time

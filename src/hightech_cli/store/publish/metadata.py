"""The Datasette metadata of an export: titles, attribution, descriptions, facets, search.

Datasette reads it with ``datasette OUT.db -m OUT.metadata.json``. Table settings are keyed
by the database's name, which Datasette takes from the file name without its suffix.
"""

from __future__ import annotations

from typing import Any, Final

from hightech_cli.store.document import Document
from hightech_cli.store.publish.database import licence, sources
from hightech_cli.store.publish.tables import TABLES


def _attribution(source: dict[str, Any]) -> str:
    known = [str(source[k]) for k in ("publication", "date", "url") if source.get(k)]
    where = f" ({', '.join(known)})" if known else ""
    return f"{source.get('id')}: {source.get('title')}{where}; licence: {licence(source)}."


# Every fact beside the whole paragraph it rests on, for any term, even of one or two
# characters, which the trigram search cannot find.
EVIDENCE_QUERY: Final = {
    "title": "Facts with their paragraphs",
    "description": "Every fact whose text, subject or quote holds the term (any length, "
    "小优 included), with the whole paragraph its quote stands in.",
    "sql": (
        "SELECT f.id, f.subject_name, f.topic, f.text, f.value_text, f.amount_minor, "
        "f.currency, f.quote, f.source_id, f.paragraph, b.text AS paragraph_text\n"
        "FROM facts f JOIN blocks b ON b.id = f.block_id\n"
        "WHERE instr(f.text, :term) OR instr(f.subject_name, :term) OR instr(f.quote, :term)\n"
        "ORDER BY f.source_id, f.paragraph, f.id"
    ),
}


def metadata(name: str, doc: Document, *, search: bool) -> dict[str, Any]:
    """The metadata of the database called ``name`` in Datasette, exported from ``doc``."""
    articles = sources(doc)
    plural = "article" if len(articles) == 1 else "articles"
    description = (
        f"{len(doc['facts'])} facts about {len(doc['entities'])} entities from "
        f"{len(articles)} {plural}, each fact with its quote and paragraph. "
        + " ".join(_attribution(s) for s in articles)
    )
    if search:
        description += " Search finds any run of three or more characters."
    description += (
        " For one or two (小优, 投资), use the query 'Facts with their paragraphs' or a "
        "column's 'contains' filter."
    )
    tables: dict[str, Any] = {}
    for table in TABLES:
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {c.name: c.description for c in table.columns if c.description},
        }
        if table.facets:
            entry["facets"] = list(table.facets)
        if table.label:
            entry["label_column"] = table.label
        if search and table.search:
            entry["fts_table"] = f"{table.name}_fts"
            entry["fts_pk"] = "rowid"
        tables[table.name] = entry
    licences = {licence(s) for s in articles}
    single = articles[0] if len(articles) == 1 else None
    out: dict[str, Any] = {
        "title": f"{single.get('title')} · hz" if single else f"hz: {len(articles)} articles",
        "description": description,
        "license": licences.pop() if len(licences) == 1 else "see the sources table",
        "source": "; ".join(
            dict.fromkeys(str(s["publication"]) for s in articles if s.get("publication"))
        )
        or "the articles listed in the sources table",
        "databases": {
            name: {
                "description": description,
                "tables": tables,
                "queries": {"facts_with_paragraphs": EVIDENCE_QUERY},
            }
        },
    }
    if single and single.get("url"):
        out["source_url"] = single["url"]
    return out

"""What each command's table shows: columns and card layouts over the JSON shapes.

Every cell is computed from the same dict that ``--json`` prints (see ``views.py``), so the
table never shows what the JSON lacks. ``sources=True`` adds the paragraph and the verbatim
quote each row rests on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from hightech_cli.cli.render import Column, Section

if TYPE_CHECKING:
    from hightech_cli.store.reader import Reader

_T = TypeVar("_T")

Row = dict[str, Any]


def quantity_text(q: Row | None) -> str:
    """A figure as written, with its reading where the wording qualifies it.

    ``1600余家`` → ``1600余家 (>1600家)``; the reading is ``quantities.format_quantity``'s.
    """
    if not q:
        return ""
    if q["qualifier"] == "exact":
        return str(q["text"])
    # Imported here: only a table with a qualified figure needs the numeral grammar.
    from hightech_cli.numbers.quantities import format_quantity

    return f"{q['text']} ({format_quantity(q['number'], q['unit'], q['qualifier'])})"


def fact_value_text(fact: Row) -> str:
    value = quantity_text(fact.get("value"))
    if fact.get("before"):
        return f"{quantity_text(fact['before'])} → {value}"
    return value


def amount_text(amount: Row) -> str:
    """``4.5亿美元 (≈31.9亿元)``: the original, and the CNY conversion where there is one."""
    text = quantity_text(amount["value"])
    conv = amount.get("converted")
    if conv:
        text += f" (≈{approx_money(conv['minor'], conv['currency'])})"
    return text


def approx_money(minor: int, currency: str, digits: int = 3) -> str:
    """A converted amount rounded to ``digits`` significant figures: 31.905亿元 → 31.9亿元."""
    from hightech_cli.numbers.amounts import format_money

    size = len(str(abs(minor)))
    if size > digits:
        step = 10 ** (size - digits)
        minor = (minor + step // 2) // step * step
    return format_money(minor, currency)


class _Labels:
    """Whether a paragraph cell names its source: only in a store of several sources."""

    several = False


def label_sources(source_count: int) -> None:
    """Set for the command's store: with several sources ``¶12`` reads ``<source id> ¶12``."""
    _Labels.several = source_count > 1


def labelled(store: Reader, question: Callable[[Reader], _T]) -> _T:
    """The question's answer, with paragraph cells set to name their source if need be."""
    label_sources(len(store.source_ids()))
    return question(store)


def para(ev: Row | None) -> str:
    if not ev:
        return ""
    return f"{ev['source']} ¶{ev['paragraph']}" if _Labels.several else f"¶{ev['paragraph']}"


def mentions(entity: Row) -> str:
    """Where an entity is named: its first source's paragraphs, then each other source's."""
    first = " ".join(f"¶{n}" for n in entity.get("mentions", []))
    if _Labels.several and first and entity.get("evidence"):
        first = f"{entity['evidence'][0]['source']} {first}"
    others = [
        f"{m['source']} " + " ".join(f"¶{n}" for n in m["paragraphs"])
        for m in entity.get("other_mentions", [])
    ]
    return "; ".join([first, *others] if first else others)


def quote(ev: Row | None) -> str:
    return str(ev["quote"]) if ev else ""


def name_of(ref: Row | None) -> str:
    return str(ref["name"]) if ref else ""


def _first_ev(row: Row) -> Row | None:
    ev = row.get("evidence")
    if isinstance(ev, list):
        return ev[0] if ev else None
    return ev if isinstance(ev, dict) else None


def _with_sources(cols: list[Column], sources: bool) -> list[Column]:
    if sources:
        cols += [
            Column("¶", lambda r: para(_first_ev(r))),
            Column("依据 evidence", lambda r: quote(_first_ev(r)), wide=True),
        ]
    return cols


def fact_columns(sources: bool, *, subject: bool = False) -> list[Column]:
    cols = [
        Column("主题 topic", lambda r: r["topic"]),
        Column("事实 fact", lambda r: r["text"], wide=True),
        Column("数值 value", _value_marked),
    ]
    if subject:
        cols.insert(0, Column("对象 subject", lambda r: name_of(r["subject"])))
    if not sources:
        cols.append(Column("¶", lambda r: para(r["evidence"])))
    return _with_sources(cols, sources)


def _amounts(row: Row) -> str:
    parts = []
    for a in row.get("amounts", []):
        used = " *" if a["basis"] == row.get("measure") and len(row["amounts"]) > 1 else ""
        parts.append(f"{a['topic']} {amount_text(a)}{used}")
    return "; ".join(parts)


def project_columns(sources: bool) -> list[Column]:
    cols = [
        Column("项目 project", lambda r: r["name"], wide=True),
        Column("投资额 investment", _amounts, wide=True),
        Column("投资方 investor", lambda r: name_of(r.get("investor"))),
        Column("年份 year", lambda r: str(r.get("year") or r.get("when") or "")),
        Column("状态 status", lambda r: r.get("status", "")),
    ]
    if not sources:
        cols.append(Column("¶", lambda r: para(_first_ev(r))))
    return _with_sources(cols, sources)


def chart_value(row: Row) -> int | None:
    """The amount a project's bar shows: its measured figure, converted if need be."""
    for a in row.get("amounts", []):
        if a["basis"] == row.get("measure"):
            conv = a.get("converted")
            return int(conv["minor"] if conv else a["value"]["minor"])
    return None


def chart_label(row: Row) -> str:
    for a in row.get("amounts", []):
        if a["basis"] == row.get("measure"):
            return amount_text(a) + (f" ({a['topic']})" if len(row["amounts"]) > 1 else "")
    return ""  # the bar says "(no amount)"


def company_columns(sources: bool) -> list[Column]:
    cols = [
        Column("公司 company", lambda r: r["name"]),
        Column("行业 industry", lambda r: r.get("industry", "")),
        Column("概要 summary", lambda r: r["summary"], wide=True),
    ]
    if not sources:
        cols.append(Column("¶", lambda r: para(_first_ev(r))))
    return _with_sources(cols, sources)


def _quotes(row: Row) -> str:
    return " / ".join(f"“{q['text']}”" for q in row.get("quotes", []))


def person_columns(sources: bool) -> list[Column]:
    cols = [
        Column("姓名 name", lambda r: r["name"]),
        Column("职务 role", lambda r: r.get("role", "")),
        Column("单位 organisation", lambda r: name_of(r.get("organisation"))),
        Column("引语 quotes", _quotes, wide=True),
    ]
    if not sources:
        cols.append(Column("¶", lambda r: para(_first_ev(r))))
    return _with_sources(cols, sources)


def _figures(row: Row) -> str:
    return "; ".join(
        f"{f['topic']} {fact_value_text(f)}" for f in row.get("facts", []) if f.get("value")
    )


def policy_columns(sources: bool) -> list[Column]:
    cols = [
        Column("名称 name", lambda r: r["name"]),
        Column("类别 category", lambda r: r.get("category", "")),
        Column("概要 summary", lambda r: r["summary"], wide=True),
        Column("数据 figures", _figures),
    ]
    if not sources:
        cols.append(Column("¶", lambda r: para(_first_ev(r))))
    return _with_sources(cols, sources)


def timeline_columns(sources: bool) -> list[Column]:
    cols = [
        Column("时间 date", lambda r: r.get("date", str(r.get("year", "")))),
        Column("对象 subject", lambda r: name_of(r["subject"])),
        Column("事件 event", lambda r: r["text"], wide=True),
        Column("数值 value", fact_value_text),
    ]
    if not sources:
        cols.append(Column("¶", lambda r: para(r["evidence"])))
    return _with_sources(cols, sources)


def block_columns() -> list[Column]:
    return [
        Column("¶", lambda r: str(r["n"])),
        Column("类型 kind", lambda r: r["kind"]),
        Column("文本 text", lambda r: r["text"], wide=True),
    ]


def search_columns() -> list[Column]:
    return [
        Column("类型 kind", lambda r: r["kind"]),
        Column("对象 entity", lambda r: name_of(r.get("entity"))),
        Column(
            "¶",
            lambda r: (
                para({"source": r.get("source"), "paragraph": r["paragraph"]})
                if r.get("paragraph")
                else ""
            ),
        ),
        Column("匹配 match", lambda r: r["text"], wide=True, spans=lambda r: r["spans"]),
    ]


def _join(values: Sequence[str]) -> str:
    return ", ".join(v for v in values if v)


def entity_fields(
    extra: Sequence[tuple[str, Callable[[Row], str]]] = (),
) -> list[tuple[str, Callable[[Row], str]]]:
    return [
        ("名称 name", lambda r: r["name"]),
        (
            "别名 aliases",
            lambda r: _join([a for a in r.get("aliases", []) if a != r.get("english_name")]),
        ),
        ("英文名 English", lambda r: r.get("english_name", "")),
        *extra,
        ("概要 summary", lambda r: r.get("summary", "")),
        ("出处 evidence", lambda r: "; ".join(f"{para(e)} {quote(e)}" for e in r["evidence"])),
        ("提及 mentioned in", mentions),
        ("注 notes", lambda r: " ".join(r.get("notes", []))),
    ]


def company_card(sources: bool) -> tuple[list[tuple[str, Callable[[Row], str]]], list[Section]]:
    fields = entity_fields([("行业 industry", lambda r: r.get("industry", ""))])
    sections = [
        Section("事实 facts", lambda r: r["facts"], fact_columns(sources)),
        Section("项目 projects", lambda r: r["projects"], project_columns(sources)),
        Section("人物 people", lambda r: r["people"], person_columns(sources)),
        Section("引语 quotes", lambda r: r["quotes"], fact_columns(sources, subject=True)),
        Section(
            "政策与服务 policies",
            lambda r: r["policies"],
            [Column("名称 name", lambda r: r["name"]), Column("id", lambda r: r["id"])],
        ),
        Section(
            "相关 mentioned in", lambda r: r["mentioned_in"], fact_columns(sources, subject=True)
        ),
    ]
    return fields, sections


def person_card(sources: bool) -> tuple[list[tuple[str, Callable[[Row], str]]], list[Section]]:
    fields = entity_fields(
        [
            ("职务 role", lambda r: r.get("role", "")),
            ("单位 organisation", lambda r: name_of(r.get("organisation"))),
        ]
    )
    return fields, [Section("引语 quotes", lambda r: r["quotes"], fact_columns(sources))]


def policy_card(sources: bool) -> tuple[list[tuple[str, Callable[[Row], str]]], list[Section]]:
    fields = entity_fields([("类别 category", lambda r: r.get("category", ""))])
    return fields, [Section("事实 facts", lambda r: r["facts"], fact_columns(sources))]


def zone_card(sources: bool) -> tuple[list[tuple[str, Callable[[Row], str]]], list[Section]]:
    fields = entity_fields()
    return fields, [
        Section("概况 profile", lambda r: r["facts"], fact_columns(sources)),
        Section("统计 statistics", lambda r: r["statistics"], fact_columns(sources)),
    ]


def source_card() -> tuple[list[tuple[str, Callable[[Row], str]]], list[Section]]:
    fields: list[tuple[str, Callable[[Row], str]]] = [
        ("标题 title", lambda r: r["title"]),
        ("副标题 subtitle", lambda r: r["subtitle"]),
        ("署名 byline", lambda r: r["byline"]),
        ("图片 photos", lambda r: r["photo_credit"]),
        ("出处 publication", lambda r: r["publication"]),
        ("原文 original file", lambda r: f"{r['file']} (sha256 {r['sha256'][:12]}…)"),
    ]
    return fields, [Section("段落 paragraphs", lambda r: r["blocks"], block_columns())]


def block_card() -> tuple[list[tuple[str, Callable[[Row], str]]], list[Section]]:
    fields: list[tuple[str, Callable[[Row], str]]] = [
        ("¶", lambda r: str(r["n"])),
        ("类型 kind", lambda r: r["kind"]),
        ("文本 text", lambda r: r["text"]),
        ("原文行 lines", lambda r: ", ".join(str(n) for n in r["lines"])),
        ("修复 repair", lambda r: r.get("repair", "")),
    ]
    return fields, []


def sources_columns() -> list[Column]:
    """``hz sources``: each source and what rests on it."""
    return [
        Column("编号 id", lambda r: str(r["id"])),
        Column("标题 title", lambda r: str(r.get("title", "")), wide=True),
        Column("刊载 publication", lambda r: str(r.get("publication", ""))),
        Column("日期 date", lambda r: str(r.get("date", r.get("year", "")))),
        Column("段落 ¶", lambda r: str(r["paragraphs"])),
        Column("实体 entities", lambda r: str(r["entities"])),
        Column("事实 facts", lambda r: str(r["facts"])),
    ]


def _value_marked(fact: Row) -> str:
    """A fact's figure, marked where another source gives it otherwise (see hz conflicts)."""
    text = fact_value_text(fact)
    return (
        f"{text} ≠ (differs: {', '.join(fact['differs_from'])})"
        if fact.get("differs_from")
        else text
    )


def _cited(fact: Row) -> str:
    """Source and paragraph, always both: a conflict is between two sources."""
    return f"{fact['evidence']['source']} ¶{fact['evidence']['paragraph']}"


def conflict_columns() -> list[Column]:
    """``hz conflicts``: both figures of a pair, each with its source, paragraph and quote."""

    def side(i: int, get: Callable[[Row], str]) -> Callable[[Row], str]:
        return lambda r: get(r["facts"][i])

    return [
        Column("对象 subject", lambda r: name_of(r["subject"])),
        Column("主题 topic", lambda r: str(r["topic"])),
        Column("数值 A", side(0, fact_value_text)),
        Column("出处 A", side(0, _cited)),
        Column("依据 A", side(0, lambda f: quote(f["evidence"])), wide=True),
        Column("数值 B", side(1, fact_value_text)),
        Column("出处 B", side(1, _cited)),
        Column("依据 B", side(1, lambda f: quote(f["evidence"])), wide=True),
    ]

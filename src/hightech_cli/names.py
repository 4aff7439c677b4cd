"""Name matching: resolving what a user typed to one entity, and suggesting close names.

Standard library only, and cheap to import: the pinyin keys were computed when the store was
built (``tools/pinyin_keys.py``), so nothing here knows how to read a Han character.

Text is compared in :func:`hightech_cli.text.normalize`'s form.

**Resolution** (:func:`resolve`) tries these tiers in order and stops at the first that
yields anything, returning every entity of that tier (more than one means ambiguous):

1. ``exact``: the name, or the entity id (``company:xiaoyou``, so an id always disambiguates);
2. ``alias``: any alias, the full legal name or the English name;
3. ``pinyin``: a full pinyin key (``xiaoyouzhineng``; spaces, apostrophes and tone marks in
   the query are ignored, ``ü`` may be typed ``v``);
4. ``pinyin_prefix``: the start of a pinyin key, at least 3 letters (``xiaoyou``);
5. ``initials``: an initials key exactly, at least 2 letters (``xyzn``);
6. ``substring``: the query occurs inside the name or an alias (``小优``, ``润扬``).

Quotes and title marks around a pasted name (``“e企炬链”``, ``《…》``) are ignored. Typos
resolve to nothing; :func:`suggest` then proposes the closest names.

**Indexes.** Every tier compares the query with one of three kinds of string an entity holds
(:func:`name_forms`): a *text* form (the normalised name, id or an alias: tiers 1, 2 and 6), a
*pinyin* key or an *initials* key (tiers 3-5, compared as stored, with :func:`pinyin_form` of
the query). :func:`probes` states the tiers as tests on those forms, so a store that keeps
them in an index (``store/index.py``) can hand :func:`resolve` just the entities they find and
get the answer it would get from every entity.

**Generic words.** Full legal names all look alike (``青岛XX科技有限公司``), so a query made
only of their boilerplate must not pick an entity. The substring tier first deletes the
words of ``GENERIC_WORDS`` (青岛, 青岛市, 山东, 中国, 有限公司, 科技, 公司, 集团 …; for English
``qingdao``, ``co``, ``ltd``, ``technology`` …) from the query; what is left must hold at
least 2 letters or digits, or 3 when it is all ASCII. So ``青岛``, ``公司``, ``科技``,
``有限公司`` and a single character match nothing, while ``青岛小优`` still finds 小优智能.
Words such as 生物 or 医疗 are *not* generic: they are part of short names (汉唐生物, 海尔生物),
so ``生物`` lists every such company as ambiguous. Likewise the pinyin-prefix tier ignores a
query that is, or only barely extends, the pinyin of a leading place name (``qing``,
``qingdao``, ``qingdaoshi``, ``qingdaox``): it needs 3 letters beyond the place name.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Final, Literal

from hightech_cli.errors import Ambiguous, NotFound, UsageError
from hightech_cli.text import normalize

How = Literal["exact", "alias", "pinyin", "pinyin_prefix", "initials", "substring"]
TIERS: Final[tuple[How, ...]] = (
    "exact",
    "alias",
    "pinyin",
    "pinyin_prefix",
    "initials",
    "substring",
)
Test = Callable[[str], bool]

# Boilerplate of legal and place names, longest first so 青岛市 goes before 青岛.
GENERIC_WORDS: Final[tuple[str, ...]] = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "青岛市",
    "山东省",
    "青岛",
    "山东",
    "中国",
    "公司",
    "有限",
    "责任",
    "股份",
    "科技",
    "技术",
    "集团",
)
GENERIC_ENGLISH: Final[tuple[str, ...]] = (
    "qingdao",
    "shandong",
    "china",
    "co",
    "ltd",
    "limited",
    "inc",
    "corp",
    "corporation",
    "company",
    "group",
    "technology",
    "technologies",
    "tech",
    "the",
)
# Pinyin of place names that begin many full legal names, longest first.
GENERIC_PINYIN: Final[tuple[str, ...]] = (
    "qingdaoshi",
    "qingdao",
    "shandongsheng",
    "shandong",
    "zhongguo",
)
MIN_PREFIX: Final = 3  # letters of pinyin before a prefix may match
MIN_INITIALS: Final = 2
MIN_SUBSTRING: Final = 2  # meaningful characters left after generic words are removed
MIN_ASCII_SUBSTRING: Final = 3
SUGGEST_CUTOFF: Final = 0.5  # difflib ratio below which a name is not worth proposing (徐恺/徐凯)
SUGGEST_BAND: Final = 0.15  # and names this far behind the closest one are noise
SUGGEST_LIMIT: Final = 3  # names a did-you-mean proposes
AMBIGUOUS_LISTED: Final = 10  # names an ambiguity error lists; Ambiguous.candidates has all

_QUOTES: Final = "\"'《》〈〉<> "
_GENERIC_ENGLISH_RE: Final = re.compile(
    r"(?<![a-z0-9])(?:" + "|".join(GENERIC_ENGLISH) + r")(?![a-z0-9])"
)
_PINYIN_SEPARATORS: Final = re.compile(r"[\s'\-.·]")
_PINYIN_QUERY: Final = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")


class Match:
    """One entity a query resolved to, and how. (A plain class: a dataclass would import
    ``dataclasses`` and ``inspect`` on every lookup.)"""

    __slots__ = ("entity_id", "how", "matched", "name")

    def __init__(self, entity_id: str, name: str, how: How, matched: str) -> None:
        self.entity_id = entity_id
        self.name = name
        self.how = how
        self.matched = matched  # the name, alias or key that matched, as stored

    def _key(self) -> tuple[str, str, str, str]:
        return (self.entity_id, self.name, self.how, self.matched)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Match) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Match{self._key()!r}"


def query_form(query: str) -> str:
    """A normalised query without the quotes or title marks a name is often pasted with."""
    return normalize(query).strip(_QUOTES)


def _pool(
    entities: Sequence[Mapping[str, Any]], kinds: Collection[str] | None
) -> list[Mapping[str, Any]]:
    return [e for e in entities if kinds is None or e.get("kind") in kinds]


def _aliases(entity: Mapping[str, Any]) -> list[str]:
    """Aliases, then the full legal and English names where they are not aliases already."""
    found: list[str] = list(entity.get("aliases", []))
    for field in ("full_name", "english_name"):
        value = entity.get(field)
        if isinstance(value, str) and value not in found:
            found.append(value)
    return found


# What this module reads of an entity to suggest, complete or match a name: a store may keep
# just these of every entity for :func:`suggest` (``store/index.py``).
POOL_FIELDS: Final = ("id", "kind", "name", "aliases", "full_name", "english_name", "keys")


def pool_entry(entity: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an entity :func:`suggest` and :func:`complete` read."""
    return {k: entity[k] for k in POOL_FIELDS if k in entity}


def suggest_texts(entity: Mapping[str, Any]) -> list[str]:
    """The normalised name and aliases :func:`suggest` compares a query with."""
    return [normalize(c) for c in [str(entity["name"]), *_aliases(entity)]]


Side = Literal["core", "bare", "pinyin"]


def suggest_forms(
    entity: Mapping[str, Any], texts: Sequence[str] | None = None
) -> list[tuple[Side, str]]:
    """Every string of the entity :func:`suggest` may compare a query with, by the side of the
    query it is compared with (:func:`suggest_sides`): a text without its generic words
    (``core``), a text that is all generic words (``bare``, compared whole), a pinyin key.
    Empty strings are left out: their ratio with any query is 0. ``texts``: the entity's
    :func:`suggest_texts`, for a caller that has them already."""
    forms: list[tuple[Side, str]] = []
    for text in suggest_texts(entity) if texts is None else texts:
        core = substring_content(text)
        if core:
            forms.append(("core", core))
        elif text:
            forms.append(("bare", text))
    forms += [("pinyin", k) for k in _keys(entity, "pinyin") if k]
    return forms


def suggest_sides(query: str) -> dict[Side, str] | None:
    """What :func:`suggest` compares with each side of :func:`suggest_forms`: the query without
    generic words, the whole query, its pinyin form (for a query that reads as pinyin). None
    when the query is nothing but generic words: ``suggest`` then compares it whole with every
    text, which the forms do not keep."""
    q = query_form(query)
    q_core = substring_content(q)
    if not q_core:
        return None
    sides: dict[Side, str] = {"core": q_core, "bare": q}
    p = pinyin_form(q)
    if p is not None:
        sides["pinyin"] = p
    return sides


def suggest_chars(query: str) -> set[str] | None:
    """Characters of which an entity's :func:`suggest_texts` must hold one for ``suggest`` to
    propose it, so that a store may leave out every other; None if every entity is compared
    (a query that reads as pinyin is compared with every pinyin key)."""
    q = query_form(query)
    if not q or pinyin_form(q) is not None:
        return None
    return set(q)


def text_forms(entity: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The normalised strings the first two tiers compare a query with: the ``exact`` tier's
    (name and id) and the ``alias`` tier's, for a caller that keeps a table of them."""
    exact = [normalize(str(entity["name"])), normalize(str(entity["id"]))]
    return exact, [normalize(a) for a in _aliases(entity)]


def _keys(entity: Mapping[str, Any], which: str) -> list[str]:
    keys = entity.get("keys") or {}
    return [str(k) for k in keys.get(which, [])]


def pinyin_form(q: str) -> str | None:
    """The query as pinyin letters (separators and tone marks gone), or None if it is not."""
    s = unicodedata.normalize("NFD", q).replace("u\u0308", "v").replace("u:", "v")
    s = _PINYIN_SEPARATORS.sub("", "".join(c for c in s if not unicodedata.combining(c)))
    return s if _PINYIN_QUERY.fullmatch(s) else None


def name_forms(entity: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(type, form)`` for every string the tiers compare a query with (see Indexes above).

    ``text``: the name, the id and each alias, normalised; ``pinyin``/``initials``: the keys as
    stored. Duplicates are left in; an index may drop them.
    """
    texts = [str(entity["name"]), str(entity["id"]), *_aliases(entity)]
    forms = [("text", normalize(t)) for t in texts]
    forms += [("pinyin", k) for k in _keys(entity, "pinyin")]
    forms += [("initials", k) for k in _keys(entity, "initials")]
    return forms


def _generic_pinyin(p: str) -> bool:
    """True if ``p`` is a place-name prefix with fewer than ``MIN_PREFIX`` letters after it."""
    for place in GENERIC_PINYIN:
        if place.startswith(p):
            return True
        if p.startswith(place):
            return len(p) - len(place) < MIN_PREFIX
    return False


def prefix_allowed(p: str) -> bool:
    """Whether the pinyin-prefix tier applies to a query's pinyin form ``p``."""
    return len(p) >= MIN_PREFIX and not _generic_pinyin(p)


def substring_content(q: str) -> str:
    """The letters and digits of a normalised query once generic words are removed."""
    for word in GENERIC_WORDS:
        q = q.replace(word, "")
    q = _GENERIC_ENGLISH_RE.sub("", q)
    return "".join(c for c in q if c.isalnum())


def substring_allowed(q: str) -> bool:
    """Whether the substring tier applies to a normalised query (see Generic words above)."""
    content = substring_content(q)
    needed = MIN_ASCII_SUBSTRING if content.isascii() else MIN_SUBSTRING
    return len(content) >= needed


FormType = Literal["text", "pinyin", "initials"]


class Probe:
    """One comparison a tier makes, as a test on :func:`name_forms`: the forms of one type
    that equal, start with or contain ``value``."""

    __slots__ = ("form", "test", "value")

    def __init__(
        self, form: FormType, test: Literal["equal", "prefix", "contains"], value: str
    ) -> None:
        self.form = form
        self.test = test
        self.value = value


def probes(query: str) -> list[tuple[Probe, ...]]:
    """The tiers of :func:`resolve` as probes of :func:`name_forms`, grouped, in tier order.

    A backend that keeps every entity's name forms (``store/index.py``) finds the candidates
    for ``query`` by trying the groups in turn and stopping at the first that finds any: what
    that group finds holds every entity ``resolve`` would return over all of them.
    """
    q = query_form(query)
    if not q:
        return []
    groups: list[tuple[Probe, ...]] = [(Probe("text", "equal", q),)]  # exact, alias
    p = pinyin_form(q)
    if p is not None:
        groups.append((Probe("pinyin", "equal", p),))
        later = []
        if prefix_allowed(p):
            later.append(Probe("pinyin", "prefix", p))
        if len(p) >= MIN_INITIALS:
            later.append(Probe("initials", "equal", p))
        if later:
            groups.append(tuple(later))  # pinyin_prefix, initials
    if substring_allowed(q):
        groups.append((Probe("text", "contains", q),))
    return groups


def _tests(q: str, pin: str | None, substring: bool) -> dict[How, Test]:
    """For each tier that applies to ``q``, in tier order: how a candidate string is tried.

    ``pin`` and ``substring`` are ``pinyin_form(q)`` and ``substring_allowed(q)``, worked out
    once per query rather than once per entity.
    """
    tests: dict[How, Test] = {
        "exact": lambda c: normalize(c) == q,
        "alias": lambda c: normalize(c) == q,
    }
    if pin is not None:
        p: str = pin
        tests["pinyin"] = lambda c: c == p
        if prefix_allowed(p):
            tests["pinyin_prefix"] = lambda c: c.startswith(p)
        if len(p) >= MIN_INITIALS:
            tests["initials"] = lambda c: c == p
    if substring:
        tests["substring"] = lambda c: q in normalize(c)
    return tests


_TEXT_TIERS: Final = frozenset({"exact", "alias", "substring"})  # compare normalised text


def _candidates(how: How, entity: Mapping[str, Any]) -> list[str]:
    """The entity's strings a tier tries (see the tiers in the module docstring)."""
    if how == "exact":
        return [str(entity["name"]), str(entity["id"])]
    if how == "alias":
        return _aliases(entity)
    if how == "pinyin" or how == "pinyin_prefix":
        return _keys(entity, "pinyin")
    if how == "initials":
        return _keys(entity, "initials")
    return [str(entity["name"]), *_aliases(entity)]


def resolve(
    query: str,
    entities: Sequence[Mapping[str, Any]],
    *,
    kinds: Collection[str] | None = None,
) -> list[Match]:
    """Every entity of the first tier that matches ``query``, in store order; [] if none.

    One match is a resolved name, several are ambiguous; see the module docstring for tiers.
    A tier's strings are taken from an entity only when that tier is tried: most queries end
    at the first tier, having looked at each name and id once.
    """
    q = query_form(query)
    if not q:
        return []
    pool = _pool(entities, kinds)
    # Text of ASCII only normalises to ASCII only, so it cannot equal or contain a query that
    # has other characters: for a Chinese query the ids are never normalised.
    q_beyond_ascii = not q.isascii()
    for how, test in _tests(q, pinyin_form(q), substring_allowed(q)).items():
        skip_ascii = q_beyond_ascii and how in _TEXT_TIERS
        found: list[Match] = []
        for entity in pool:
            for c in _candidates(how, entity):
                if not (skip_ascii and c.isascii()) and test(c):
                    found.append(Match(str(entity["id"]), str(entity["name"]), how, c))
                    break
        if found:
            return found
    return []


def _core_pair(q: str, q_core: str, c: str) -> tuple[str, str]:
    """The query and a candidate without generic words, unless that empties either
    (``q_core`` is ``substring_content(q)``, worked out once per query)."""
    c_core = substring_content(c)
    return (q_core, c_core) if q_core and c_core else (q, c)


def suggest(
    query: str,
    entities: Sequence[Mapping[str, Any]],
    *,
    kinds: Collection[str] | None = None,
    limit: int = SUGGEST_LIMIT,
) -> list[str]:
    """Names close to ``query`` (a typo: 小尤智能, xiaoyouzhineg, AstraZenca), closest first.

    Compares the normalised query with each normalised name and alias (generic words removed
    from both), and a Latin query with the pinyin keys too, by difflib's ratio. Names below
    ``SUGGEST_CUTOFF``, or more than ``SUGGEST_BAND`` behind the closest, are left out.

    A name or key that shares no character with the query is not compared: removing generic
    words only removes characters, so the two strings compared would share none either, and
    their ratio is 0. In a big store most names share none, and comparing is the cost.
    """
    q = query_form(query)
    if not q or limit <= 0:
        return []
    p = pinyin_form(q)
    q_core, q_chars, p_chars = substring_content(q), set(q), set(p or "")
    best: dict[str, float] = {}
    top = 0.0
    for entity in _pool(entities, kinds):
        name = str(entity["name"])
        texts = suggest_texts(entity)
        # Boilerplate (青岛…科技有限公司) is compared away, or every legal name looks alike.
        forms = [_core_pair(q, q_core, t) for t in texts if not q_chars.isdisjoint(t)]
        if p is not None:
            forms += [(p, k) for k in _keys(entity, "pinyin") if not p_chars.isdisjoint(k)]
        # A pair whose ratio cannot reach the cutoff, nor the band below the closest so far
        # (which only rises), cannot be proposed: difflib's cheap upper bounds rule it out
        # before the ratio is worked out, as difflib.get_close_matches does.
        need = max(SUGGEST_CUTOFF, top - SUGGEST_BAND, best.get(name, 0.0))
        score = 0.0
        for a, b in forms:
            pair = difflib.SequenceMatcher(None, a, b)
            if pair.real_quick_ratio() >= need and pair.quick_ratio() >= need:
                score = max(score, pair.ratio())
        if score >= SUGGEST_CUTOFF and score > best.get(name, 0.0):
            best[name] = score
            top = max(top, score)
    ranked = sorted(best, key=lambda n: -best[n])  # stable: store order breaks ties
    floor = best[ranked[0]] - SUGGEST_BAND if ranked else 0.0
    return [n for n in ranked if best[n] >= floor][:limit]


def resolve_one(
    query: str,
    entities: Sequence[Mapping[str, Any]],
    *,
    kinds: Collection[str] | None = None,
) -> Mapping[str, Any]:
    """The one entity ``query`` names.

    Raises UsageError for an empty query, NotFound (with a did-you-mean hint where one is
    close) when nothing matches, and Ambiguous (candidates: the entity ids) for several.
    """
    if not query_form(query):
        raise UsageError("empty name", hint="give a name, alias, pinyin, initials or id")
    matches = resolve(query, entities, kinds=kinds)
    if not matches:
        raise not_found(query, entities, kinds=kinds)
    if len(matches) > 1:
        listed = ", ".join(f"{m.name} ({m.entity_id})" for m in matches[:AMBIGUOUS_LISTED])
        if len(matches) > AMBIGUOUS_LISTED:
            listed += f" and {len(matches) - AMBIGUOUS_LISTED} more"
        raise Ambiguous(
            f"{query!r} matches {len(matches)} entities: {listed}",
            candidates=[m.entity_id for m in matches],
            hint="give more of the name, or an id",
        )
    wanted = matches[0].entity_id
    return next(e for e in entities if e["id"] == wanted)


def not_found(
    query: str,
    entities: Sequence[Mapping[str, Any]],
    *,
    kinds: Collection[str] | None = None,
) -> NotFound:
    """The error for a query that resolves to nothing, with the names ``suggest`` finds close.

    A store that resolved over a few candidates passes every entity of the kinds here.
    """
    close = suggest(query, entities, kinds=kinds)
    what = " or ".join(sorted(kinds)) if kinds else "entity"
    hint = f"did you mean: {', '.join(close)}" if close else None
    return NotFound(f"no {what} matches {query!r}", hint=hint)


def complete(
    prefix: str,
    entities: Sequence[Mapping[str, Any]],
    kinds: Collection[str] | None = None,
) -> list[str]:
    """Names for shell completion: those starting with ``prefix`` (or whose pinyin or
    initials do) first, then those merely containing it; every name for an empty prefix."""
    q = query_form(prefix)
    pool = _pool(entities, kinds)
    p = pinyin_form(q) if q else None
    starts: list[str] = []
    contains: list[str] = []
    for entity in pool:
        name = str(entity["name"])
        forms = [normalize(c) for c in [name, *_aliases(entity)]]
        keys = _keys(entity, "pinyin") + _keys(entity, "initials")
        if any(f.startswith(q) for f in forms) or (
            p is not None and any(k.startswith(p) for k in keys)
        ):
            starts.append(name)
        elif any(q in f for f in forms):
            contains.append(name)
    return list(dict.fromkeys(starts + contains))

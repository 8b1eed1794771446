"""Score predicted article records against gold files, as ``ANNOTATION.md`` "Scoring" says.

Predicted records are article records like ``pipeline.records.Article.model_dump()``;
gold records are the dicts of :class:`pipeline.corpus.GoldArticle` (a field absent from
a gold record is not scored). Offsets in both index the normalised text
(:func:`pipeline.normalize.to_canonical`); they are used only to choose between
equally good pairings and to show context, never to decide a match.

Per list (people, directives, indicators) the records are matched one-to-one as a
multiset, then precision, recall and F1 are micro-averaged over the corpus (sums of
tp/fp/fn). On matched pairs, attributes are scored: accuracy = right / matched pairs
whose gold record has the field. Article fields (title, authors, published) are scored
as accuracies over the articles whose gold file has the field.

Scoring decisions
-----------------

Text normalisation (:func:`norm_text`, used for names, titles, doc types, article
titles, authors, qualifiers): ``to_canonical`` (NFC, ``Ð`` read as ``Đ``, invisible
characters dropped), one tone-mark placement, whitespace folded, a space after an
abbreviation's full stop (``TP.Hà Nội`` = ``TP. Hà Nội``), **case-insensitive
everywhere** (the brief asks it for names; a title's capital at the start of a sentence,
``Cựu Thứ trưởng``, is not an error worth scoring, and the guide never makes case part of
a value except the bylines' title-casing, which is therefore not scored), dash variants
(``–``, ``—``) read as ``-`` and spaces around a dash dropped (``Lao động-Thương binh`` =
``Lao động - Thương binh``), no space before ``,;:``. Titles get no abbreviation
expansion: ``Chủ tịch UBND tỉnh`` ≠ ``Chủ tịch Ủy ban nhân dân tỉnh`` (the guide's
abbreviation rule is stated for issuers only; a title is "as written").

People.
- Match on the normalised ``name``; a gold person without a name never matches.
- "A short mention never counts as an extra person": a predicted person left unmatched
  whose name is a proper leading or trailing part of a gold person's name in the same
  article (``Thái``, ``Đức Thái`` for ``Phan Đức Thái``; ``Hồ`` for ``Hồ Chí Minh``) is
  neither a true nor a false positive: it is counted in ``ignored`` only. It never
  matches the gold person either (matching is on the full name).
- Attribute: ``title`` (None == None is right).

Directives.
- A gold record with a (non-null) ``code`` matches a prediction whose code is equal
  after code normalisation: NFC, ``Ð``→``Đ``, dashes → ``-``, all whitespace removed,
  upper case, ``TƯ``/``T.Ư`` → ``TW`` (also inside a longer issuer code: ``BTCTƯ`` =
  ``BTCTW``). ``Đ`` and ``D`` stay distinct (``QD`` ≠ ``QĐ``) and leading zeros count
  (``05`` ≠ ``5``): the guide settles neither, and ``code`` is "as written officially".
  A prediction without a code never matches a coded gold record.
- Else, when gold has a ``number``, on (``doc_type``, ``number``, ``issuer``): doc type
  by text normalisation, number with spaces removed and case folded, issuer by
  :func:`norm_issuer`. A gold ``issuer`` null must meet a predicted null (the guide
  keys on the triple as it is). A component absent from the gold record (key missing)
  is left out of the key.
- Else (no code, no number), on the normalised ``name`` when gold has one; without a
  name either, on (doc_type, issuer).
- Issuer normalisation: expand ``UBND`` → Ủy ban nhân dân, ``HĐND`` → Hội đồng nhân
  dân, ``BCH`` → Ban Chấp hành, ``TW``/``TƯ``/``T.Ư`` → Trung ương (upper case only:
  lower-case ``tư`` is a word), and also ``MTTQ`` → Mặt trận Tổ quốc, ``UBKT`` → Ủy ban
  Kiểm tra, ``BTV`` → Ban Thường vụ, ``TP``/``TP.``/``Tp.`` → Thành phố (the guide says
  abbreviations equal their expansions; ``TP.`` is one, and real gold writes both
  ``TP. Hà Nội`` and ``TP Hà Nội``); drop the term (``khóa XI``, ``(khóa IX)``);
  parentheses dropped; ``Thủ tướng Chính phủ`` → ``Thủ tướng``; ``Ban Bí thư Trung
  ương``/``Ban Bí thư Trung ương Đảng`` → ``Ban Bí thư``; then text normalisation.
  ``Hội nghị Trung ương 5 (khóa IX)`` → ``hội nghị trung ương 5``.
- Attributes: ``doc_type``, ``issuer``, plus ``year`` (as integers) and ``code``
  (code normalisation), each where gold has the field.

Indicators.
- Match on ``value`` (relative tolerance 1e-9, absolute 1e-9), ``kind`` (case folded)
  and ``unit`` after unit normalisation: text normalisation, spaces around ``/``
  dropped, ``km2``/``m2``/``m3`` (and ``cm2``, ``dm3``, ``m^2`` …) → ``km²``/``m²``/``m³``,
  ``VNĐ``/``VND``/``đ`` → ``đồng`` as a whole word (also inside ``đ/lít``). For kind
  ``count`` (only; the guide says "count units"), two units also match when one is the
  other with one word added at the front or at the end (``hộ`` ~ ``hộ nghèo``,
  ``đảng viên`` ~ ``đảng viên mới``); a null unit matches only a null unit. A gold
  indicator without ``value`` never matches; a missing ``kind``/``unit`` key is left out
  of the key.
- Matching is a maximum bipartite matching (Hungarian algorithm per connected
  component), so the result never depends on record order; among matchings of maximum
  size it prefers pairs whose positions are closest (offsets, else the located
  ``evidence``/``text``), then pairs whose scored attributes agree. The same pairing is
  used for people and directives (there it only decides which duplicate pairs with which).
- Attributes: ``target`` (both null is right; else value within the tolerance and, where
  the gold target has ``unit``, unit as in matching, count word-add included),
  ``achievement_pct`` and ``total`` (tolerance), ``unit`` (exactly after unit
  normalisation: a word-add match scores the unit wrong), ``qualifier``, ``change``.
  ``period`` and ``subject`` are not scored (not in the guide's Scoring; loosely specified).

Arithmetic.
- P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2PR/(P+R). With nothing predicted P = 1.0, with
  nothing in gold R = 1.0 (vacuous), so an empty gold list with an empty prediction
  scores P = R = F1 = 1.0, and predictions against an empty gold list score P = 0,
  R = 1, F1 = 0. F1 is 0.0 when P + R = 0. Nothing divides by zero.
- An attribute or article field with no gold instance has accuracy None (shown ``-``).
- Article fields: ``title`` (text normalisation; None == None), ``authors`` (set equality
  after text normalisation), ``published`` (equal as ISO datetimes, so
  ``06:59+07:00`` = ``06:59:00+07:00``; else as strings).
- :func:`evaluate_predictions`: a gold article without a prediction scores against an
  empty record; predictions without a gold file are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import regex

from pipeline.corpus import GoldArticle, iter_gold
from pipeline.errors import CorpusError
from pipeline.normalize import match_key, to_canonical

__all__ = [
    "ArticleScore",
    "EvalReport",
    "ListCounts",
    "Miss",
    "evaluate",
    "evaluate_predictions",
    "format_report",
    "norm_code",
    "norm_issuer",
    "norm_text",
    "norm_unit",
    "score_article",
]

LISTS = ("people", "directives", "indicators")
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "people": ("title",),
    "directives": ("doc_type", "issuer", "year", "code"),
    "indicators": ("target", "achievement_pct", "total", "unit", "qualifier", "change"),
}
ARTICLE_FIELDS = ("title", "authors", "published")
REL_TOL = 1e-9
ABS_TOL = 1e-9
CONTEXT_WIDTH = 40

# --- normalisation -------------------------------------------------------------------

_ABBR_DOT = regex.compile(r"(?<=\p{L})\.(?=\p{L})")
_DASH = regex.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]\s*")
_SPACE_BEFORE_PUNCT = regex.compile(r"\s+([,;:])")


def norm_text(value: Any) -> str | None:
    """Comparison form of a text value (None stays None).

    >>> norm_text("Chủ tịch UBND TP.Hà Nội") == norm_text("chủ tịch UBND TP. Hà  Nội")
    True
    """
    if value is None:
        return None
    text = to_canonical(str(value))
    text = _ABBR_DOT.sub(". ", text)
    text = _DASH.sub("-", text)
    text = match_key(text)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)


def norm_code(value: Any) -> str | None:
    """Comparison form of a document symbol: ``217-QĐ/TƯ`` → ``217-QĐ/TW``.

    >>> norm_code("10 - CT/T.Ư") == norm_code("10-CT/TW")
    True
    """
    if value is None:
        return None
    text = to_canonical(str(value))
    text = _DASH.sub("-", text)
    text = regex.sub(r"\s+", "", text).upper()
    return text.replace("T.Ư", "TW").replace("TƯ", "TW")


_ISSUER_ABBREVIATIONS: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (regex.compile(pattern), expansion)
    for pattern, expansion in (
        (r"(?<!\p{L})(?:T\.\s?Ư|TƯ|TW)(?!\p{L})", "Trung ương"),
        (r"(?i)(?<!\p{L})UBND(?!\p{L})", "Ủy ban nhân dân"),
        (r"(?i)(?<!\p{L})HĐND(?!\p{L})", "Hội đồng nhân dân"),
        (r"(?i)(?<!\p{L})BCH(?!\p{L})", "Ban Chấp hành"),
        (r"(?i)(?<!\p{L})MTTQ(?!\p{L})", "Mặt trận Tổ quốc"),
        (r"(?i)(?<!\p{L})UBKT(?!\p{L})", "Ủy ban Kiểm tra"),
        (r"(?i)(?<!\p{L})BTV(?!\p{L})", "Ban Thường vụ"),
        (r"(?<!\p{L})(?:TP|Tp)(?:\.|(?!\p{L}))\s*", "Thành phố "),
    )
)
_TERM = regex.compile(r"\(?\s*khóa\s+[ivxlcdm\d]+\s*\)?")
_BAN_BI_THU = regex.compile(r"^ban bí thư trung ương(?: đảng(?: cộng sản việt nam)?)?$")


def norm_issuer(value: Any) -> str | None:
    """Comparison form of an issuer.

    >>> norm_issuer("Bộ Chính trị khóa XI") == norm_issuer("Bộ Chính trị")
    True
    >>> norm_issuer("Ban Bí thư Trung ương (Đảng)") == norm_issuer("Ban Bí thư")
    True
    """
    if value is None:
        return None
    text = to_canonical(str(value))
    text = _DASH.sub("-", text)
    for pattern, expansion in _ISSUER_ABBREVIATIONS:
        text = pattern.sub(expansion, text)
    text = norm_text(text) or ""
    text = _TERM.sub(" ", text)
    text = " ".join(text.replace("(", " ").replace(")", " ").split())
    text = regex.sub(r"(?<!\p{L})thủ tướng chính phủ(?!\p{L})", "thủ tướng", text)
    text = _BAN_BI_THU.sub("ban bí thư", text)
    return text.strip(" ,;:")


_POWER = regex.compile(r"(?<![\p{L}\d])([kcdhm]?m)\^?([23])(?![\p{L}\d])")
_DONG = regex.compile(r"(?<![\p{L}\d])(?:vnđ|vnd|đ)(?![\p{L}\d])")


def norm_unit(value: Any) -> str | None:
    """Comparison form of a unit: ``km2`` → ``km²``, ``VNĐ`` → ``đồng``, case and spaces folded.

    >>> norm_unit("VNĐ/ lít"), norm_unit("Km2")
    ('đồng/lít', 'km²')
    """
    if value is None:
        return None
    text = norm_text(value) or ""
    text = regex.sub(r"\s*/\s*", "/", text)
    text = _POWER.sub(lambda m: m.group(1) + ("²" if m.group(2) == "2" else "³"), text)
    return _DONG.sub("đồng", text)


def _count_units_match(a: str | None, b: str | None) -> bool:
    """Count units match when equal or one is the other with one word added at an end."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    wa, wb = a.split(), b.split()
    if abs(len(wa) - len(wb)) != 1:
        return False
    short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return bool(short) and (long[1:] == short or long[:-1] == short)


def _units_match(kind: str | None, a: Any, b: Any) -> bool:
    na, nb = norm_unit(a), norm_unit(b)
    if kind == "count":
        return _count_units_match(na, nb)
    return na == nb


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _close(a: Any, b: Any) -> bool:
    """Numbers equal within the tolerance; None equals None; a non-number equals nothing."""
    if a is None and b is None:
        return True
    na, nb = _number(a), _number(b)
    if na is None or nb is None:
        return False
    return math.isclose(na, nb, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def _year(value: Any) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def _norm_number(value: Any) -> str | None:
    if value is None:
        return None
    return regex.sub(r"\s+", "", norm_text(value) or "")


def _norm_published(value: Any) -> Any:
    if value is None:
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text


# --- records -------------------------------------------------------------------------


def _as_dict(obj: Any) -> dict[str, Any]:
    if obj is None:
        return {}
    if hasattr(obj, "model_dump"):
        return obj.model_dump()  # type: ignore[no-any-return]
    return dict(obj)


def _target(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    return _as_dict(value)


def _target_right(kind: str | None, gold: Any, pred: Any) -> bool:
    g, p = _target(gold), _target(pred)
    if g is None or p is None:
        return g is None and p is None
    if not _close(g.get("value"), p.get("value")) or g.get("value") is None:
        return False
    return "unit" not in g or _units_match(kind, g.get("unit"), p.get("unit"))


def _kind(record: Mapping[str, Any]) -> str | None:
    kind = record.get("kind")
    return None if kind is None else str(kind).strip().lower()


def _attribute_right(list_name: str, attr: str, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    g, p = gold.get(attr), pred.get(attr)
    if list_name == "people":
        return norm_text(g) == norm_text(p)
    if list_name == "directives":
        if attr == "issuer":
            return norm_issuer(g) == norm_issuer(p)
        if attr == "code":
            return norm_code(g) == norm_code(p)
        if attr == "year":
            return _year(g) == _year(p)
        return norm_text(g) == norm_text(p)
    if attr == "target":
        return _target_right(_kind(gold), g, p)
    if attr in ("achievement_pct", "total"):
        return _close(g, p)
    if attr == "unit":
        return norm_unit(g) == norm_unit(p)
    return norm_text(g) == norm_text(p)


def _person_key(record: Mapping[str, Any]) -> str | None:
    return norm_text(record.get("name")) or None


def _directive_compatible(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    if gold.get("code") is not None:
        return pred.get("code") is not None and norm_code(gold["code"]) == norm_code(pred["code"])
    if gold.get("number") is None and gold.get("name") is not None:
        return norm_text(gold["name"]) == norm_text(pred.get("name"))
    parts: list[bool] = []
    if "doc_type" in gold:
        parts.append(norm_text(gold["doc_type"]) == norm_text(pred.get("doc_type")))
    if "number" in gold:
        parts.append(_norm_number(gold["number"]) == _norm_number(pred.get("number")))
    if "issuer" in gold:
        parts.append(norm_issuer(gold["issuer"]) == norm_issuer(pred.get("issuer")))
    return all(parts)


def _indicator_compatible(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    if _number(gold.get("value")) is None or not _close(gold.get("value"), pred.get("value")):
        return False
    if "kind" in gold and _kind(gold) != _kind(pred):
        return False
    return "unit" not in gold or _units_match(_kind(gold), gold.get("unit"), pred.get("unit"))


def _compatible(list_name: str, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    if list_name == "people":
        key = _person_key(gold)
        return key is not None and key == _person_key(pred)
    if list_name == "directives":
        return _directive_compatible(gold, pred)
    return _indicator_compatible(gold, pred)


def _is_short_mention(pred: Mapping[str, Any], gold_people: Iterable[Mapping[str, Any]]) -> bool:
    key = _person_key(pred)
    if key is None:
        return False
    words = key.split()
    for gold in gold_people:
        full = (_person_key(gold) or "").split()
        if len(words) < len(full) and (full[-len(words) :] == words or full[: len(words)] == words):
            return True
    return False


# --- positions and context ---------------------------------------------------------

Span = tuple[int, int]


def _offsets(record: Mapping[str, Any], text: str | None) -> Span | None:
    start, end = record.get("start"), record.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return None
    if not 0 <= start <= end:
        return None
    if text is not None:
        if end > len(text):
            return None
        surface = record.get("text")
        if isinstance(surface, str) and text[start:end] != surface:
            return None
    return (start, end)


_LOCATE_KEYS = {
    "people": ("text", "evidence", "name"),
    "directives": ("text", "evidence", "name", "code"),
    "indicators": ("evidence", "text", "raw"),
}


def _positions(list_name: str, record: Mapping[str, Any], text: str | None, limit: int = 50) -> list[Span]:
    """Where the record is in the text: its offsets, else every place its quote occurs."""
    span = _offsets(record, text)
    if span is not None:
        return [span]
    if not text:
        return []
    for key in _LOCATE_KEYS[list_name]:
        quote = record.get(key)
        if not isinstance(quote, str) or not quote.strip():
            continue
        quote = to_canonical(quote)
        found: list[Span] = []
        at = text.find(quote)
        while at >= 0 and len(found) < limit:
            found.append((at, at + len(quote)))
            at = text.find(quote, at + 1)
        if found:
            return found
    return []


def _gap(a: Span, b: Span) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _context(text: str | None, spans: list[Span], width: int = CONTEXT_WIDTH) -> str:
    if not text or not spans:
        return ""
    start, end = spans[0]
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    out = ("…" if start > width else "") + left + "[" + text[start:end] + "]" + right
    out += "…" if end + width < len(text) else ""
    return out.replace("\n", " ⏎ ")


# --- matching ----------------------------------------------------------------------

_INCOMPATIBLE = 1e9


def _hungarian(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row to a distinct column (rows ≤ columns)."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return [(p[j] - 1, j - 1) for j in range(1, m + 1) if p[j]]


def _max_matching(
    n_gold: int,
    n_pred: int,
    compatible: Callable[[int, int], bool],
    cost: Callable[[int, int], float],
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching; among maximum ones, the cheapest (exact per component)."""
    edges = [(i, j) for i in range(n_gold) for j in range(n_pred) if compatible(i, j)]
    parent = list(range(n_gold + n_pred))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(i)] = find(n_gold + j)
    components: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(n_gold):
        components.setdefault(find(i), ([], []))[0].append(i)
    for j in range(n_pred):
        components.setdefault(find(n_gold + j), ([], []))[1].append(j)
    edge_set = set(edges)
    pairs: list[tuple[int, int]] = []
    for rows, cols in components.values():
        if not rows or not cols:
            continue
        if len(rows) == 1 and len(cols) == 1:
            pairs.append((rows[0], cols[0]))
            continue
        matrix = [[cost(i, j) if (i, j) in edge_set else _INCOMPATIBLE for j in cols] for i in rows]
        if len(rows) <= len(cols):
            assigned = [(rows[r], cols[c]) for r, c in _hungarian(matrix)]
        else:
            transposed = [list(col) for col in zip(*matrix)]
            assigned = [(rows[r], cols[c]) for c, r in _hungarian(transposed)]
        pairs.extend(pair for pair in assigned if pair in edge_set)
    return sorted(pairs)


# --- results -----------------------------------------------------------------------


@dataclass
class Miss:
    """One scoring difference, with ~40 characters of normalised text either side.

    ``record`` is the gold record (``missed``, ``attribute``) or the predicted one
    (``spurious``); for ``attribute`` misses ``attribute``, ``expected`` and ``got`` name
    the field and its two values and ``predicted`` is the matched prediction. Article
    fields are reported with ``list_name`` ``"article"``.
    """

    article_id: str
    list_name: str
    kind: Literal["missed", "spurious", "attribute"]
    record: dict[str, Any]
    context: str
    attribute: str | None = None
    expected: Any = None
    got: Any = None
    predicted: dict[str, Any] | None = None

    def summary(self) -> str:
        """A short description of the record."""
        return _summary(self.list_name, self.record)


@dataclass
class ListCounts:
    """True/false positives and false negatives of one list; ``ignored`` short mentions."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: ListCounts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.ignored += other.ignored

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "ignored": self.ignored,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


Tally = tuple[int, int, float | None]  # (right, total, accuracy or None when total is 0)


def _tally(right: int, total: int) -> Tally:
    return (right, total, right / total if total else None)


@dataclass
class ArticleScore:
    """The partial result of one article (summed by :func:`evaluate`).

    ``attributes[list][attr]`` and ``articles[field]`` are ``[right, total]``;
    ``pairs[list]`` are the matched (gold index, predicted index) pairs.
    """

    article_id: str
    counts: dict[str, ListCounts]
    attributes: dict[str, dict[str, list[int]]]
    articles: dict[str, list[int]]
    misses: list[Miss]
    pairs: dict[str, list[tuple[int, int]]]


@dataclass
class EvalReport:
    """Corpus scores: micro-averaged counts per list, attribute and article accuracies."""

    counts: dict[str, ListCounts]
    attributes: dict[str, dict[str, Tally]]
    articles: dict[str, Tally]
    misses: list[Miss]
    n_articles: int
    per_article: dict[str, ArticleScore] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``ensure_ascii=False`` keeps the Vietnamese readable)."""

        def tally(t: Tally) -> dict[str, Any]:
            return {"right": t[0], "total": t[1], "accuracy": t[2]}

        return {
            "n_articles": self.n_articles,
            "counts": {name: c.to_dict() for name, c in self.counts.items()},
            "attributes": {
                name: {attr: tally(t) for attr, t in attrs.items()} for name, attrs in self.attributes.items()
            },
            "articles": {name: tally(t) for name, t in self.articles.items()},
            "misses": [asdict(m) for m in self.misses],
        }


def _summary(list_name: str, record: Mapping[str, Any]) -> str:
    if list_name == "people":
        title = record.get("title")
        return f"{record.get('name')}" + (f" ({title})" if title else "")
    if list_name == "directives":
        key = record.get("code") or " ".join(
            str(x) for x in (record.get("doc_type"), record.get("number") or record.get("name")) if x
        )
        issuer = record.get("issuer")
        return f"{key}" + (f" / {issuer}" if issuer else "")
    if list_name == "indicators":
        value = _number(record.get("value"))
        if value is None:
            shown = str(record.get("value"))
        elif value.is_integer() and abs(value) < 1e18:
            shown = str(int(value))
        else:
            shown = f"{value:g}"
        return f"{shown} {record.get('unit') or ''} [{record.get('kind')}]".replace("  ", " ")
    return ", ".join(f"{k}={v!r}" for k, v in record.items())


# --- scoring -----------------------------------------------------------------------


def _gold_parts(gold: GoldArticle | Mapping[str, Any]) -> tuple[str, dict[str, Any], frozenset[str], str | None]:
    if isinstance(gold, GoldArticle):
        data = {
            "title": gold.title,
            "authors": gold.authors,
            "published": gold.published,
            "people": gold.people,
            "directives": gold.directives,
            "indicators": gold.indicators,
        }
        return gold.id, data, gold.annotated or frozenset(data), gold.text
    data = dict(gold)
    return str(data.get("id") or ""), data, frozenset(data), None


def _cost_fn(
    list_name: str,
    gold: list[dict[str, Any]],
    pred: list[dict[str, Any]],
    text: str | None,
) -> Callable[[int, int], float]:
    gold_pos = [_positions(list_name, g, text) for g in gold]
    pred_pos = [_positions(list_name, p, text) for p in pred]
    length = len(text) if text else max([e for spans in gold_pos + pred_pos for _, e in spans] or [0])
    attrs = ATTRIBUTES[list_name]

    def cost(i: int, j: int) -> float:
        gs, ps = gold_pos[i], pred_pos[j]
        position = min(_gap(a, b) for a in gs for b in ps) / (length + 1) if gs and ps else 0.5
        scored = [a for a in attrs if a in gold[i]]
        wrong = sum(not _attribute_right(list_name, a, gold[i], pred[j]) for a in scored)
        return 1000.0 * min(position, 1.0) + (wrong / len(scored) if scored else 0.0)

    return cost


def score_article(
    gold: GoldArticle | Mapping[str, Any],
    predicted: Mapping[str, Any] | Any,
    text: str | None = None,
) -> ArticleScore:
    """Score one predicted article record against its gold.

    Args:
        gold: a loaded gold article, or a gold record dict (its keys are the annotated
            fields).
        predicted: the predicted article record (a dict like ``Article.model_dump()``,
            or the model itself).
        text: the normalised article text, for context and for choosing between equal
            pairings; defaults to the gold article's text.

    Returns:
        The article's counts, attribute tallies, article-field tallies, misses and pairs.
    """
    article_id, gold_data, annotated, gold_text = _gold_parts(gold)
    text = text if text is not None else gold_text
    pred_data = _as_dict(predicted)
    article_id = article_id or str(pred_data.get("id") or "")

    counts: dict[str, ListCounts] = {}
    attributes: dict[str, dict[str, list[int]]] = {}
    misses: list[Miss] = []
    all_pairs: dict[str, list[tuple[int, int]]] = {}

    for list_name in LISTS:
        gold_records = [_as_dict(r) for r in gold_data.get(list_name) or []]
        pred_records = [_as_dict(r) for r in pred_data.get(list_name) or []]
        pairs = _max_matching(
            len(gold_records),
            len(pred_records),
            lambda i, j: _compatible(list_name, gold_records[i], pred_records[j]),
            _cost_fn(list_name, gold_records, pred_records, text),
        )
        all_pairs[list_name] = pairs
        matched_gold = {i for i, _ in pairs}
        matched_pred = {j for _, j in pairs}
        c = ListCounts(tp=len(pairs))
        for i, record in enumerate(gold_records):
            if i not in matched_gold:
                c.fn += 1
                misses.append(
                    Miss(article_id, list_name, "missed", record, _context(text, _positions(list_name, record, text)))
                )
        for j, record in enumerate(pred_records):
            if j in matched_pred:
                continue
            if list_name == "people" and _is_short_mention(record, gold_records):
                c.ignored += 1
                continue
            c.fp += 1
            misses.append(
                Miss(article_id, list_name, "spurious", record, _context(text, _positions(list_name, record, text)))
            )
        counts[list_name] = c

        tallies = {attr: [0, 0] for attr in ATTRIBUTES[list_name]}
        for i, j in pairs:
            g, p = gold_records[i], pred_records[j]
            for attr in ATTRIBUTES[list_name]:
                if attr not in g:
                    continue
                tallies[attr][1] += 1
                if _attribute_right(list_name, attr, g, p):
                    tallies[attr][0] += 1
                else:
                    spans = _positions(list_name, g, text) or _positions(list_name, p, text)
                    misses.append(
                        Miss(
                            article_id,
                            list_name,
                            "attribute",
                            g,
                            _context(text, spans),
                            attribute=attr,
                            expected=g.get(attr),
                            got=p.get(attr),
                            predicted=p,
                        )
                    )
        attributes[list_name] = tallies

    articles: dict[str, list[int]] = {name: [0, 0] for name in ARTICLE_FIELDS}
    for name in ARTICLE_FIELDS:
        if name not in annotated:
            continue
        g, p = gold_data.get(name), pred_data.get(name)
        if name == "title":
            right = norm_text(g) == norm_text(p)
        elif name == "authors":
            right = {norm_text(a) for a in g or []} == {norm_text(a) for a in p or []}
        else:
            right = _norm_published(g) == _norm_published(p)
        articles[name][1] += 1
        if right:
            articles[name][0] += 1
        else:
            misses.append(Miss(article_id, "article", "attribute", {name: g}, "", attribute=name, expected=g, got=p))

    return ArticleScore(article_id, counts, attributes, articles, misses, all_pairs)


def _aggregate(scores: list[ArticleScore]) -> EvalReport:
    counts = {name: ListCounts() for name in LISTS}
    attr_sums = {name: {attr: [0, 0] for attr in ATTRIBUTES[name]} for name in LISTS}
    article_sums = {name: [0, 0] for name in ARTICLE_FIELDS}
    misses: list[Miss] = []
    for score in scores:
        for name in LISTS:
            counts[name].add(score.counts[name])
            for attr, (right, total) in score.attributes[name].items():
                attr_sums[name][attr][0] += right
                attr_sums[name][attr][1] += total
        for name, (right, total) in score.articles.items():
            article_sums[name][0] += right
            article_sums[name][1] += total
        misses.extend(score.misses)
    return EvalReport(
        counts=counts,
        attributes={name: {a: _tally(*rt) for a, rt in attrs.items()} for name, attrs in attr_sums.items()},
        articles={name: _tally(*rt) for name, rt in article_sums.items()},
        misses=misses,
        n_articles=len(scores),
        per_article={s.article_id: s for s in scores},
    )


def evaluate(
    gold_root: str | Path,
    predict: Callable[[str, str], Mapping[str, Any] | Any],
    *,
    texts_dir: str | Path | None = None,
) -> EvalReport:
    """Run ``predict(raw_text, article_id)`` on every gold article's text and score it.

    ``predict`` receives the text file as read from disk (UTF-8, not normalised); the
    report's contexts come from the normalised text.

    Raises:
        CorpusError: a gold file is invalid or has no text to predict on.
    """
    scores = []
    for gold in iter_gold(gold_root, texts_dir=texts_dir):
        if gold.text_path is None:
            raise CorpusError(str(gold.path), None, f"no text {gold.id}.txt to run the extractor on")
        raw = gold.text_path.read_bytes().decode("utf-8")
        scores.append(score_article(gold, predict(raw, gold.id), gold.text))
    return _aggregate(scores)


def evaluate_predictions(
    gold_root: str | Path,
    predictions: Mapping[str, Mapping[str, Any] | Any],
    *,
    texts_dir: str | Path | None = None,
) -> EvalReport:
    """Score ready predictions (article id → article record) against the gold files.

    A gold article without a prediction is scored against an empty record.
    """
    scores = [
        score_article(gold, predictions.get(gold.id) or {"id": gold.id}, gold.text)
        for gold in iter_gold(gold_root, texts_dir=texts_dir)
    ]
    return _aggregate(scores)


# --- report ------------------------------------------------------------------------


def _fmt_acc(value: float | None) -> str:
    return "    -" if value is None else f"{value:.3f}"


def format_report(report: EvalReport, *, show_misses: bool = False) -> str:
    """A fixed-width text report: per-list P/R/F1, attribute and article accuracies, misses."""
    lines = [f"articles: {report.n_articles}", ""]
    lines.append(f"{'list':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}")
    for name, c in report.counts.items():
        lines.append(
            f"{name:<12}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>7}{c.fp:>7}{c.fn:>7}"
            + (f"   ({c.ignored} short mention(s) ignored)" if c.ignored else "")
        )
    lines += ["", f"{'attribute':<28}{'right':>7}{'total':>7}{'acc':>7}"]
    for name, attrs in report.attributes.items():
        for attr, (right, total, acc) in attrs.items():
            lines.append(f"{name + '.' + attr:<28}{right:>7}{total:>7}{_fmt_acc(acc):>7}")
    for name, (right, total, acc) in report.articles.items():
        lines.append(f"{'article.' + name:<28}{right:>7}{total:>7}{_fmt_acc(acc):>7}")
    if show_misses:
        lines += ["", f"misses ({len(report.misses)})"]
        for miss in report.misses:
            head = f"{miss.article_id:<14} {miss.list_name:<10} {miss.kind:<9}"
            if miss.kind == "attribute":
                body = f"{miss.attribute}: expected {miss.expected!r}, got {miss.got!r}"
                if miss.list_name != "article":
                    body = f"{miss.summary()} | {body}"
            else:
                body = miss.summary()
            lines.append(f"{head} {body}")
            if miss.context:
                lines.append(f"{'':<14}   {miss.context}")
    return "\n".join(lines)


def below_baseline(report: EvalReport, baseline: Mapping[str, Any]) -> list[str]:
    """Scores in ``report`` that fall below the floors of ``baseline``.

    ``baseline`` is ``{"counts": {list: {"precision"|"recall"|"f1": floor}},
    "attributes": {list: {attr: floor}}}`` (``corpus/baseline.json``).
    """
    failures = []
    for name, floors in baseline.get("counts", {}).items():
        counts = report.counts[name]
        for metric, floor in floors.items():
            value = getattr(counts, metric)
            if value + 1e-9 < floor:
                failures.append(f"{name}.{metric} = {value:.4f} < floor {floor:.4f}")
    for name, attrs in baseline.get("attributes", {}).items():
        for attr, floor in attrs.items():
            acc = report.attributes.get(name, {}).get(attr, (0, 0, None))[2]
            if acc is not None and acc + 1e-9 < floor:
                failures.append(f"{name}.{attr} accuracy = {acc:.4f} < floor {floor:.4f}")
    return failures

"""Article reader: headline, byline, publication time and body zones.

Works on canonical text (:func:`pipeline.normalize.to_canonical`); every zone's
offsets index that text. The layout the project reads is the one real files have:
headline on line 1 when a blank line follows it, a header line with the byline and/or
date (``HOÀNG SA 06:59, 02/02/2024``, ``Thứ Sáu, 02/02/2024 06:59 (GMT+7)``,
``02/02/2024 - 06:59``), paragraphs, photo captions and credits, and often a name line
(or a name glued to the last sentence) at the end.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Literal

import regex

from .normalize import match_key
from .ruleset import Example, RuleEntry, load_rules

ZoneKind = Literal["title", "header", "body", "caption", "byline", "chrome", "duplicate"]


class BylineEntry(RuleEntry):
    kind: Literal["outlet", "outlet_word", "not_author", "chrome", "credit", "byline_cue", "suffix"]
    surface: list[str]


@dataclass(frozen=True)
class Zone:
    start: int
    end: int
    kind: ZoneKind


@dataclass
class Layout:
    """What the reader found in one article."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    zones: list[Zone] = field(default_factory=list)

    def spans(self, *kinds: ZoneKind) -> list[tuple[int, int]]:
        return [(z.start, z.end) for z in self.zones if z.kind in kinds]


@dataclass(frozen=True)
class _Vocab:
    outlets: frozenset[str]
    outlet_openers: tuple[str, ...]
    outlet_words: frozenset[str]
    outlet_cut: regex.Pattern[str]
    not_authors: frozenset[str]
    chrome: tuple[str, ...]
    credit_re: regex.Pattern[str]
    cue_re: regex.Pattern[str]
    suffix_re: regex.Pattern[str]


def _alt(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    entries = load_rules("bylines", BylineEntry)
    by: dict[str, list[str]] = {}
    outlets: list[str] = []
    openers: list[str] = []
    for e in entries:
        if e.id == "outlet_bao":
            openers.extend(e.surface)
        elif e.kind == "outlet":
            outlets.extend(e.surface)
        else:
            by.setdefault(e.kind, []).extend(e.surface)
    return _Vocab(
        outlets=frozenset(match_key(o) for o in outlets),
        outlet_openers=tuple(match_key(o) for o in openers),
        outlet_words=frozenset(match_key(o) for o in by.get("outlet_word", [])),
        outlet_cut=regex.compile(r"\s+(?:" + _alt(openers + ["Thời báo", "Thời Báo"]) + r")\s+\p{Lu}.*$"),
        not_authors=frozenset(match_key(o) for o in by.get("not_author", [])),
        chrome=tuple(by.get("chrome", [])),
        credit_re=regex.compile(r"(?i)^\(?\s*(?:" + _alt(by.get("credit", [])) + r")"),
        cue_re=regex.compile(r"(?i)^(?:" + _alt(by.get("byline_cue", [])) + r")\s*:?\s*"),
        suffix_re=regex.compile(r"(?i)\s+(?:" + _alt(by.get("suffix", [])) + r")\s*$"),
    )


_UPPER = r"\p{Lu}"
_NAME_WORD = r"(?:\p{Lu}\.\s?\p{Lu}[\p{Ll}\p{M}]+|\p{Lu}[\p{Ll}\p{M}]*|\p{Lu}+)\.?"  # Đ.Chính, Hoàng, HOÀNG
_NAME = rf"{_NAME_WORD}(?:[ \-]{_NAME_WORD}){{0,4}}"
_DATE = r"(?P<d>\d{1,2})[/\-.](?P<m>\d{1,2})[/\-.](?P<y>\d{4})"
_TIME = r"(?P<H>\d{1,2})[:hg](?P<M>\d{2})"
_WEEKDAY = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy|\d)|Chủ\s+[Nn]hật|CN)"

_HEADER_FORMS = [
    # HOÀNG SA 06:59, 02/02/2024
    regex.compile(rf"^(?P<name>{_NAME}(?:\s*[-–,]\s*{_NAME})*)\s+{_TIME},?\s+{_DATE}\s*$"),
    # Thứ Sáu, 02/02/2024 06:59 (GMT+7)  /  Thứ Sáu, 02/02/2024, 06:59 GMT+7
    regex.compile(rf"^{_WEEKDAY},?\s*(?:ngày\s+)?{_DATE}[,\s-]*(?:{_TIME})?\s*(?:\(?GMT\s*\+\s*7\)?)?\s*$"),
    # 02/02/2024 - 06:59  /  02/02/2024 06:59
    regex.compile(rf"^{_DATE}\s*[-–|,]?\s*(?:{_TIME})?\s*(?:\(?GMT\s*\+\s*7\)?)?\s*$"),
    # 06:59 02/02/2024  /  | 17:05 20/05/2017
    regex.compile(rf"^\|?\s*{_TIME}\s*[,|-]?\s*(?:{_WEEKDAY},?\s*)?{_DATE}\s*(?:\(?GMT\s*\+\s*7\)?)?\s*$"),
]

_SENTENCE_END = regex.compile(r"[.!?…”\"»)]\s*$")


def _iso(m: regex.Match[str]) -> str | None:
    try:
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    except (IndexError, TypeError):
        return None
    if not (1 <= d <= 31 and 1 <= mo <= 12 and 1900 < y < 2100):
        return None
    h = m.groupdict().get("H")
    mi = m.groupdict().get("M")
    if h is not None and mi is not None and int(h) < 24 and int(mi) < 60:
        return f"{y:04d}-{mo:02d}-{d:02d}T{int(h):02d}:{int(mi):02d}:00+07:00"
    return f"{y:04d}-{mo:02d}-{d:02d}T00:00:00+07:00"


def title_case(name: str) -> str:
    """``HOÀNG SA`` → ``Hoàng Sa``; mixed-case names are kept."""
    if name.isupper():
        return " ".join(w[:1] + w[1:].lower() for w in name.split())
    return name


def _clean_name(raw: str) -> str | None:
    v = _vocab()
    s = v.suffix_re.sub("", raw.strip()).strip(" .,;:-–")
    s = regex.sub(r"\s*\([^)]*\)\s*$", "", s).strip()  # Khiếu Tư (TTXVN)
    s = regex.split(r"\s*/\s*", s)[0].strip()  # Vũ Dũng/VOV
    s = v.outlet_cut.sub("", s).strip()  # Theo Đức Nghiêm Thời Báo Ngân Hàng
    if any(match_key(w) in v.outlet_words for w in s.split()):
        return None  # Sky News, Reuters
    s = regex.sub(r"^(?:CTV|PV|BTV)\s+", "", s)
    key = match_key(s)
    if not s or key in v.not_authors or key in v.outlets or key.startswith(v.outlet_openers):
        return None
    if not regex.fullmatch(_NAME, s):
        return None
    words = s.split()
    if not 1 <= len(words) <= 5:
        return None
    return title_case(s)


def parse_byline(line: str) -> list[str] | None:
    """Authors named by a byline line, ``[]`` for a byline naming none, None if not a byline."""
    v = _vocab()
    s = line.strip()
    if not s or len(s) > 80:
        return None
    if v.credit_re.match(s):
        return None
    key = match_key(s)
    if key in v.not_authors or key in v.outlets:
        return []
    m = v.cue_re.match(s)
    if m:
        rest = s[m.end():]
        if match_key(rest).startswith(v.outlet_openers) or match_key(rest) in v.outlets:
            return []
        s = rest
    parts = [p for p in regex.split(r"\s+[-–]\s+|\s*;\s*|\s+và\s+", s) if p.strip()]
    names = [_clean_name(p) for p in parts]
    if m is None and any(n is None for n in names):
        return None
    return [n for n in names if n]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _header(line: str) -> tuple[list[str] | None, str | None] | None:
    for form in _HEADER_FORMS:
        m = form.match(line.strip())
        if m:
            authors = None
            if "name" in m.groupdict() and m.group("name"):
                authors = parse_byline(m.group("name")) or []
            return authors, _iso(m)
    return None


def _glued_byline(line: str) -> tuple[int, list[str]] | None:
    """A name glued after the last sentence of a paragraph (``… nhân dân. Đức Tuân``),
    sometimes printed twice by an aggregator (``./. Xuân Dần/VOV Xuân Dần/VOV``)."""
    theo = regex.search(rf"(?<=[.!?…”\"])\s+(?P<b>Theo\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,8}})\s*$", line)
    if theo:
        names = parse_byline(theo.group("b"))
        if names:
            return theo.start("b"), names
    twice = regex.search(r"(?<=[.!?…”\"])\s+(?P<b>\S.{2,40}?)\s+(?P=b)\s*$", line)
    if twice:
        names = parse_byline(twice.group("b"))
        if names:
            return twice.start("b"), names
    m = regex.search(rf"(?<=[.!?…”\"])\s+(?P<b>(?:Theo\s+)?{_NAME}(?:\s*\([^)]{{2,20}}\))?(?:\s*/\s*\S+)?(?:\s+thực hiện)?)\s*$", line)
    if not m:
        return None
    names = parse_byline(m.group("b"))
    if not names:
        return None
    return m.start("b"), names


def read_article(text: str) -> Layout:
    """Read the layout of a canonical article text.

    >>> lay = read_article("Tiêu đề\\n\\nHOÀNG SA 06:59, 02/02/2024\\n\\nNội dung bài.")
    >>> lay.title, lay.authors, lay.published
    ('Tiêu đề', ['Hoàng Sa'], '2024-02-02T06:59:00+07:00')
    """
    v = _vocab()
    lines = _lines(text)
    layout = Layout()
    zones: list[Zone] = []
    nonempty = [i for i, ln in enumerate(lines) if ln.text.strip()]
    if not nonempty:
        return layout
    first = nonempty[0]
    body_from = first
    ln = lines[first]
    if first + 1 < len(lines) and not lines[first + 1].text.strip() and len(ln.text) < 300:
        layout.title = ln.text.strip()
        zones.append(Zone(ln.start, ln.end, "title"))
        body_from = first + 1
    # Header lines right after the title: date lines and bylines.
    header_idx: set[int] = set()
    for i in nonempty:
        if i < body_from:
            continue
        if len(header_idx) >= 2:
            break
        h = _header(lines[i].text)
        if h is not None:
            authors, published = h
            if authors:
                layout.authors.extend(authors)
            if published and not layout.published:
                layout.published = published
            header_idx.add(i)
            continue
        if layout.title is not None and not header_idx:
            names = parse_byline(lines[i].text)
            if names is not None and len(lines[i].text.split()) <= 8 and not _SENTENCE_END.search(lines[i].text):
                layout.authors.extend(names)
                header_idx.add(i)
                continue
        break
    # Trailing byline: the last non-empty lines.
    tail_idx: set[int] = set()
    glued: tuple[int, int] | None = None
    for i in reversed(nonempty):
        if i in header_idx or i < body_from:
            break
        s = lines[i].text.strip()
        if any(s == c or s.replace(" ", "") == c.replace(" ", "") for c in v.chrome) or s.startswith("Nguồn:"):
            tail_idx.add(i)
            continue
        names = parse_byline(s)
        if names is not None and len(s.split()) <= 8 and not s.endswith("."):
            if not layout.authors:
                layout.authors.extend(names)
            tail_idx.add(i)
            continue
        g = _glued_byline(lines[i].text)
        if g is not None and not layout.authors:
            layout.authors.extend(g[1])
            glued = (lines[i].start + g[0], lines[i].end)
        break
    # Body zones.
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if not line.text.strip() or i < body_from:
            continue
        if i in header_idx:
            zones.append(Zone(line.start, line.end, "header"))
            continue
        if i in tail_idx:
            zones.append(Zone(line.start, line.end, "byline"))
            continue
        end = line.end
        if glued and glued[0] >= line.start and glued[1] == line.end:
            end = glued[0]
            zones.append(Zone(glued[0], glued[1], "byline"))
        s = text[line.start:end].strip()
        key = " ".join(s.split())
        kind: ZoneKind = "body"
        if v.credit_re.match(s) and len(s) < 80:
            kind = "caption"
        elif key in seen:
            kind = "duplicate"
        seen.setdefault(key, i)
        zones.append(Zone(line.start, end, kind))
    # A caption split over two lines then repeated whole ("… lãnh đạo \nvà …"): mark the pieces.
    _mark_split_repeats(text, zones)
    zones.sort(key=lambda z: z.start)
    layout.zones = zones
    seen_a: set[str] = set()
    layout.authors = [a for a in layout.authors if not (a in seen_a or seen_a.add(a))]
    return layout


def _mark_split_repeats(text: str, zones: list[Zone]) -> None:
    body = [k for k, z in enumerate(zones) if z.kind == "body"]
    by_text: dict[str, list[int]] = {}
    for c in body:
        zc = zones[c]
        by_text.setdefault(" ".join(text[zc.start : zc.end].split()), []).append(c)
    for a, b in zip(body, body[1:]):
        za, zb = zones[a], zones[b]
        joined = " ".join((text[za.start : za.end] + " " + text[zb.start : zb.end]).split())
        for c in by_text.get(joined, []):
            if c in (a, b):
                continue
            zc = zones[c]
            zones[c] = Zone(zc.start, zc.end, "duplicate")
            zones[a] = Zone(za.start, za.end, "caption")
            zones[b] = Zone(zb.start, zb.end, "caption")


def check_example(entry: BylineEntry, example: Example) -> None:
    """Rule-example runner for ``bylines.yaml``."""
    layout = read_article(example.text)
    for key, want in example.expect.items():
        got = getattr(layout, key)
        assert got == want, f"{entry.id}: {key} = {got!r}, want {want!r}"


def check_counterexample(entry: BylineEntry, text: str) -> None:
    layout = read_article(text)
    assert layout.authors == [], f"{entry.id}: authors {layout.authors!r} from {text!r}"

"""``vnx_indicators``: reported quantities (counts, percentages, money, measures, ratios).

Every numeral :func:`pipeline.numerals.find_numerals` reads in an eligible zone (body;
title and captions only for figures the body does not state) is looked at in its
context:

1. **What it counts.** The words right after it give the unit: ``%``, a currency
   (``tỷ đồng``, ``USD``, with a per-unit ``đồng/kg``), a measure (``ha``, ``tấn``), ``lần``,
   or a counted noun (``đảng viên``, ``tổ chức cơ sở đảng``). The counted noun is the
   noun phrase after the number, cut at punctuation, prepositions, verbs and particles;
   a lexicon of count nouns and stop words decides most cases and ``underthesea.pos_tag``
   is called only on the short window after the number when the lexicon is unsure.
   Nouns and adjectives extend the head (``đại biểu chính thức``, ``thành phố lớn``), so do
   words the data lists inside compounds (``trục không gian``); a lexicon noun after
   ``, `` joins when no figure follows in the clause (``hộ gia đình, cá nhân``); a
   container keeps its load out (``xe`` in ``8 xe nông sản``); a person classifier takes
   a capitalised title (``ông Ủy viên Trung ương``).
   A number with no unit is no indicator.
2. **What it is not.** Dates, years, times, durations, ages, ordinals and designations
   (``khóa XIII``, ``Quân khu 7``, ``Điều 5``), phone and document numbers, vague
   amounts (``hàng trăm``), ranks (``top 10``), numbers inside fixed names
   (``chính quyền địa phương 2 cấp``) and numbers inside document references.
3. **How it is qualified.** Qualifier (``khoảng`` → approx, ``hơn`` → min, ``tối đa`` →
   max; the cue next to the number wins), change (``tăng 12%`` → increase; ``giảm còn
   6,4%`` is a level, not a change), target (``(NQ 90%)``, ``so với kế hoạch 60.000 tỷ
   đồng``: part of the figure, not a record), achievement rate (``đạt 107,46% kế
   hoạch``: attached to the figure before it), total (``18/20 chỉ tiêu``,
   ``một trong 13 điểm``), period (``năm 2023``, ``6 tháng đầu năm``), ranges (two
   records, low ``min`` and high ``max``, both ``approx`` under ``khoảng``).

4. **Where it is stated.** Each body sentence stating a figure gives a record. Figures in
   the headline, the lead (first paragraph, or first sentences of a one-paragraph
   body), crossheads and captions (a paragraph ending with a photo credit, or a caption
   the crawl glued into the text without a full stop, found by a capitalised sentence
   opener after a lower-case word) count only when the body does not state them, rounded
   or not (``hơn 60 nghìn tỷ`` for ``60.160 tỷ``). A passage an aggregator printed twice
   states its figures once.

Work-arounds for :mod:`pipeline.numerals` (reported to its owner): the separator
convention is detected on the text with slashed numbers blanked (``Nghị quyết số
66.13/2026`` made ``detect_convention`` choose English and read ``1.300`` as 1.3);
dash lists before a measure (``86-61-93 cm``) and ``x/y`` before a counted noun that
reads like a date (``8/7 đảng viên``) are added back.

All vocabulary lives in ``rules/units.yaml``, ``rules/indicator_cues.yaml`` and
``rules/indicator_exclusions.yaml``; matching runs on a tone-folded, lower-cased copy of
the text of the same length, so offsets hold. Every record's ``text`` is
``doc.text[start:end]``: the numeral and its unit as written.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Any, Literal

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import doc_text, set_records

from ..normalize import fold_tones
from ..numerals import Numeral, detect_convention, find_numerals, find_ranges, parse_number_words, parse_numeral
from ..records import Indicator, Target
from ..ruleset import Example, RuleEntry, load_rules

# --- rule data ------------------------------------------------------------------------


class UnitEntry(RuleEntry):
    """One entry of ``rules/units.yaml``."""

    kind: Literal["percent", "currency", "measure", "multiple", "per_unit", "count_noun", "head_noun", "money_scale"]
    surface: list[str]
    canonical: str | None = None
    case_sensitive: bool = False
    bare_only: bool = False
    #: words before the number (a word may stand between) that lift ``bare_only``
    #: (`đạt 10 điểm môn Toán`: a score even when a lower-case word follows)
    cue_before: list[str] = []


class CueEntry(RuleEntry):
    """One entry of ``rules/indicator_cues.yaml``."""

    role: Literal[
        "qualifier",
        "qualifier_gap",
        "change",
        "change_level",
        "change_block",
        "target",
        "achievement",
        "achievement_link",
        "period",
        "subject_verb",
        "np_stop",
        "share_of",
        "multiple_cue",
        "level_pair",
        "caption_credit",
        "list_copula",
        "sentence_opener",
        "qualifier_block",
        "level_from",
        "share_whole",
        "per_each",
        "list_join",
        "np_compound",
        "np_container",
        "np_classifier",
        "respectively",
        "change_carry",
        "change_compare",
        "coord_block",
        "repeat_designation",
        "np_name_head",
        "plan_after",
        "qualifier_from_after",
        "np_status_adjective",
        "np_nominalizer",
        "np_verbal_noun",
    ]
    value: str | None = None
    side: Literal["before", "after"] = "before"
    surface: list[str] = []
    gap: int | None = None
    pattern: str | None = None
    kinds: list[str] = []


class ExclusionEntry(RuleEntry):
    """One entry of ``rules/indicator_exclusions.yaml``."""

    role: Literal["designation", "rank", "date", "age", "vague", "fixed_name", "pointer", "article"]
    before: list[str] = []
    after: list[str] = []
    after_unit: list[str] = []
    templates: list[str] = []
    clause_after: list[str] = []
    unless_before: list[str] = []
    unless_after: list[str] = []
    forms: list[Literal["digits", "words", "scaled"]] = []
    values: list[float] = []
    kinds: list[str] = []
    year_like: bool = False
    after_capital: bool = False
    before_capital: bool = False
    case_sensitive: bool = False


def rule_entry_model(file: str) -> type[RuleEntry]:
    """The entry model of each rule file this module checks."""
    return {"units": UnitEntry, "indicator_cues": CueEntry, "indicator_exclusions": ExclusionEntry}[file]


# --- helpers --------------------------------------------------------------------------

_L = r"\p{L}\p{M}"
_NOT_BEFORE = r"(?<![\p{L}\p{M}\p{N}])"
_NOT_AFTER = r"(?![\p{L}\p{M}\p{N}])"
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}²³]+(?:-[\p{L}\p{M}\p{N}]+)*|,")
_HARD_STOP = regex.compile(r"[.;:!?()\[\]{}\"“”‘’…\n/+=*<>|]|\s[-–—]\s|\d")
_CLAUSE_BREAK = regex.compile(r"[;!?\n…]|[.:](?=\s|$)")
_SENTENCE_BREAK = regex.compile(r"[;!?\n…]|\.(?=\s|$)")
_SLASHED = regex.compile(r"\d[\d.,]*\s*/\s*[\p{L}\d][\p{L}\d.\-/]*")
_SLOGAN = regex.compile(r"[“\"](?=[^“”\"]{1,24}[”\"])[^“”\"\n.;:!?]{1,24}[”\"]")
_LOWER_NEXT = regex.compile(r"\s*[\p{Ll}]")
_CAP_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*\s+$")
_CAP_AFTER = regex.compile(r"\s+\p{Lu}")
_DASH_GAP = regex.compile(r"\s*[-–]\s*")
_TAIL = regex.compile(r"[^.,;:()!?\n\d]{0,40}")
_DIGIT = regex.compile(r"\d")
# a digit that may start a figure: not a designation after a capitalised word (`Trung ương 3`)
_FIGURE_IN = regex.compile(r"(?<!\p{Lu}\p{L}*(?:\s\p{L}+)?\s)\d")
_DIGITS = regex.compile(r"\d[\d.,]*")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_SLASH_PAIR = regex.compile(r"(?<![\d/.,\-])(\d{1,4})/(\d{1,4})(?![\d/.,\-])")
_DASH_CHAIN = regex.compile(r"(?<![\d.,/\-\p{L}])\d{1,3}(?:-\d{1,3}){2,3}(?![\d.,/\-])")
_BARE_YEAR = regex.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,])")
_GLUE_TURN = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]*\s+\p{Lu}")
_THOUSANDS_SPLIT = regex.compile(r"^\d{3},\d+(?:\s|$)")
_SENT_B = regex.compile(r"[.!?…](?=\s)")
_LEAD_END = regex.compile(r"[.!?…](?=\s+[\p{Lu}“\"])")
_LIST_INTRO = regex.compile(r"\s*(?:[:(]|\p{Lu}|gồm|bao gồm|là\s+\p{Lu})")
_YEAR = r"(?:19|20)\d{2}"
_ROMAN = r"[ivxlc]{1,5}"


def _fold(text: str) -> str:
    """Tone-folded lower case of the same length (offsets hold)."""
    folded = fold_tones(text).lower()
    return folded if len(folded) == len(text) else text.lower()


def _alt(words: list[str] | set[str], fold: bool = True) -> str:
    forms = {(_fold(w) if fold else w) for w in words if w}
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms, key=len, reverse=True))


def _tokens(s: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _TOKEN.finditer(_fold(s)))


def _ends_with(words: list[str], fold: bool = True) -> regex.Pattern[str] | None:
    if not words:
        return None
    wordy = [w for w in words if regex.match(r"[\p{L}\p{N}]", w)]
    marks = [w for w in words if not regex.match(r"[\p{L}\p{N}]", w)]
    parts = []
    if wordy:
        parts.append(rf"(?:^|{_NOT_BEFORE})(?:{_alt(wordy, fold)})")
    if marks:
        parts.append(rf"(?:{_alt(marks, fold)})")
    return regex.compile(rf"(?:{'|'.join(parts)})\s*$", regex.REVERSE)


def _starts_with(words: list[str], fold: bool = True) -> regex.Pattern[str] | None:
    if not words:
        return None
    return regex.compile(rf"^\s*(?:{_alt(words, fold)}){_NOT_AFTER}")


@dataclass(frozen=True)
class _Exclusion:
    id: str
    before: regex.Pattern[str] | None
    after: regex.Pattern[str] | None
    after_unit: regex.Pattern[str] | None
    templates: tuple[tuple[regex.Pattern[str] | None, regex.Pattern[str] | None], ...]
    clause_after: regex.Pattern[str] | None
    role: str
    unless_before: regex.Pattern[str] | None
    unless_after: regex.Pattern[str] | None
    forms: frozenset[str]
    values: frozenset[float]
    kinds: frozenset[str]
    year_like: bool
    after_capital: bool
    before_capital: bool
    case_sensitive: bool


def _template(t: str) -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None]:
    pre, _, post = t.partition("{n}")

    def part(s: str) -> str:
        out = []
        for i, piece in enumerate(s.split("{m}")):
            if i:
                out.append(r"(?:[\d.,]+|[\p{L}\p{M}]+)")
            if piece.strip():
                out.append(regex.escape(_fold(piece.strip())).replace(r"\ ", r"\s+"))
        return r"\s*".join(out)

    left = regex.compile(rf"(?:^|{_NOT_BEFORE}){part(pre)}\s*$", regex.REVERSE) if pre.strip() else None
    right = regex.compile(rf"^\s*{part(post)}{_NOT_AFTER}") if post.strip() else None
    return left, right


class IndicatorRules:
    """Everything compiled from the three rule files (built once per pipeline)."""

    def __init__(self) -> None:
        units = load_rules("units", UnitEntry)
        cues = load_rules("indicator_cues", CueEntry)
        excl = load_rules("indicator_exclusions", ExclusionEntry)

        # Units: folded surface -> (kind, canonical, bare_only, id)
        self.unit_info: dict[str, tuple[str, str | None, bool, str]] = {}
        self.unit_info_cs: dict[str, tuple[str, str | None, bool, str]] = {}
        per: set[str] = set()
        self.per_canonical: dict[str, str] = {}
        self.count_nouns: set[tuple[str, ...]] = set()
        self.money_scales: set[str] = set()
        self.head_nouns: set[tuple[str, ...]] = set()
        self.unit_cue_before: dict[str, regex.Pattern[str]] = {}
        for u in units:
            if u.kind == "head_noun":
                self.head_nouns.update(_tokens(s) for s in u.surface)
                continue
            if u.cue_before:
                self.unit_cue_before[u.id] = regex.compile(
                    rf"(?:^|{_NOT_BEFORE})(?:{_alt(u.cue_before)})(?:\s+[{_L}]+)?\s+$", regex.REVERSE
                )
            if u.kind == "per_unit":
                per.update(u.surface)
                continue
            if u.kind == "count_noun":
                self.count_nouns.update(_tokens(s) for s in u.surface)
                continue
            if u.kind == "money_scale":
                self.money_scales.update(_fold(s) for s in u.surface)
                continue
            for s in u.surface:
                info = (u.kind, u.canonical or s, u.bare_only, u.id)
                if u.case_sensitive:
                    self.unit_info_cs[s] = info
                else:
                    self.unit_info[_fold(s)] = info
                if u.kind == "measure" and u.canonical:
                    self.per_canonical[_fold(s)] = u.canonical
        self.unit_re = regex.compile(rf"\s*(?P<u>{_alt(list(self.unit_info))}){_NOT_AFTER}")
        self.unit_cs_re = regex.compile(rf"\s*(?P<u>{_alt(list(self.unit_info_cs), fold=False)}){_NOT_AFTER}")
        self.per_re: regex.Pattern[str] | None = None  # built below, with the `mỗi` words of the cues
        self.max_noun = max((len(t) for t in self.count_nouns | self.head_nouns), default=1)

        def words(role: str, value: str | None = None, side: str | None = None) -> list[str]:
            out: list[str] = []
            for c in cues:
                if c.role == role and (value is None or c.value == value) and (side is None or c.side == side):
                    out.extend(c.surface)
            return out

        gaps = words("qualifier_gap")
        self.qual_before: list[tuple[regex.Pattern[str], str]] = []
        self.qual_before_gap: list[tuple[regex.Pattern[str], str]] = []
        self.qual_after: list[tuple[regex.Pattern[str], str]] = []
        for q in ("approx", "min", "max"):
            b = words("qualifier", q, "before")
            if b:
                self.qual_before.append((regex.compile(rf"(?:^|{_NOT_BEFORE})(?P<q>{_alt(b)})\s*$", regex.REVERSE), q))
                self.qual_before_gap.append(
                    (regex.compile(rf"(?:^|{_NOT_BEFORE})(?P<q>{_alt(b)})\s+(?:(?:{_alt(gaps)})\s+){{1,2}}$"), q)
                )
            a = words("qualifier", q, "after")
            if a:
                self.qual_after.append((regex.compile(rf"^\s*(?:{_alt(a)}){_NOT_AFTER}"), q))
        self.any_qual = regex.compile(
            rf"(?:(?:^|{_NOT_BEFORE})(?:{_alt(words('qualifier', side='before'))})\s*)+$"
        )
        self.change_cues: list[tuple[regex.Pattern[str], str, int, frozenset[str]]] = []
        for c in cues:
            if c.role == "change" and c.value:
                self.change_cues.append(
                    (
                        regex.compile(rf"{_NOT_BEFORE}(?:{_alt(c.surface)}){_NOT_AFTER}"),
                        c.value,
                        c.gap or 6,
                        frozenset(c.kinds),
                    )
                )
        self.qual_block = _ends_with(words("qualifier_block"))
        self.change_block = regex.compile(rf"^(?:{_alt(words('change_block'))}){_NOT_AFTER}")
        self.change_level = _ends_with(words("change_level"))
        self.targets: list[regex.Pattern[str]] = []
        for c in cues:
            if c.role == "target":
                self.targets.append(
                    regex.compile(
                        rf"^(?:(?:\s+[{_L}]+){{1,12}}\s*[,(]|[\s,;)]*(?:[{_L}]+\s+){{0,2}}(?:[(,–-])?)\s*(?:{_alt(c.surface)})"
                        rf"(?P<tail>(?:\s+[{_L}]+){{0,{c.gap or 3}}})\s*[:=(]?\s*$"
                    )
                )
        # `100% cấp ủy, … đơn vị (nghị quyết đề ra 90%)`: a bracketed target closes the clause
        # of the figure it belongs to, however long the clause is.
        target_words = [w for c in cues if c.role == "target" for w in c.surface]
        gap_max = max((c.gap or 3) for c in cues if c.role == "target") if target_words else 0
        self.bracket_target = regex.compile(
            rf"^[^;.!?\d()]*\(\s*(?:{_alt(target_words)})(?P<tail>(?:\s+[{_L}]+){{0,{gap_max}}})\s*[:=]?\s*$"
        )
        self.achievement_after = _starts_with(words("achievement"))
        self.link_word = regex.compile(rf"{_NOT_BEFORE}(?:{_alt(words('achievement_link'))}){_NOT_AFTER}")
        self.achievement_link = regex.compile(
            rf"^(?:(?:\s+[{_L}]+){{1,8}}\s*,|[\s,]*)\s*\(?\s*(?:{_alt(words('achievement_link'))})"
            rf"(?:\s+(?:{_alt(words('qualifier', side='before'))}))?\s*$"
        )
        self.periods: list[regex.Pattern[str]] = []
        for c in cues:
            if c.role == "period" and c.pattern:
                p = _fold(c.pattern).replace("{year}", _YEAR).replace("{roman}", _ROMAN).replace("{n}", r"\d{1,2}")
                self.periods.append(regex.compile(rf"{_NOT_BEFORE}{p}{_NOT_AFTER}"))
        self.subject_verbs = _ends_with(words("subject_verb"))
        self.np_stops: set[tuple[str, ...]] = {_tokens(w) for w in words("np_stop")}
        self.max_stop = max((len(t) for t in self.np_stops), default=1)
        self.np_compounds: set[tuple[str, ...]] = {_tokens(w) for w in words("np_compound")}
        self.max_compound = max((len(t) for t in self.np_compounds), default=1)
        self.np_containers: set[tuple[str, ...]] = {_tokens(w) for w in words("np_container")}
        resp = words("respectively")
        links = words("achievement_link")
        self.respectively = regex.compile(
            rf"^[\s,]*\(?\s*(?:{_alt(resp)})(?:\s+(?:{_alt(links)}))?\s*$" if resp else r"(?!)"
        )
        carry = words("change_carry")
        self.change_carry = regex.compile(rf"{_NOT_BEFORE}(?:{_alt(carry)}){_NOT_AFTER}") if carry else None
        compare = words("change_compare")
        self.change_compare = (
            regex.compile(rf"^\s*(?:{_alt(compare)}){_NOT_AFTER}[^,;:()]{{0,60}}?\s(?:là|ở mức|đạt|thêm|khoảng)\s*$")
            if compare
            else None
        )
        self.coord_block: set[tuple[str, ...]] = {_tokens(w) for w in words("coord_block")}
        self.np_classifiers: set[tuple[str, ...]] = {_tokens(w) for w in words("np_classifier")}
        self.np_nominalizers: set[tuple[str, ...]] = {_tokens(w) for w in words("np_nominalizer")}
        self.np_verbal_nouns: set[tuple[str, ...]] = {_tokens(w) for w in words("np_verbal_noun")}
        self.max_verbal = max((len(t) for t in self.np_verbal_nouns), default=1)
        self.coord_gap = regex.compile(rf"\s*(?:,|{_alt(['và', 'hoặc'])})\s*")
        self.status_adjectives: set[tuple[str, ...]] = {_tokens(w) for w in words("np_status_adjective")}
        self.name_heads: set[str] = {_fold(w) for w in words("np_name_head")}
        self.repeat_heads: set[tuple[str, ...]] = {_tokens(w) for w in words("repeat_designation")}
        self.max_repeat = max((len(t) for t in self.repeat_heads), default=1)
        plan = words("plan_after")
        self.plan_after = regex.compile(rf"\s*(?:{_alt(plan)}){_NOT_AFTER}") if plan else None
        from_after = words("qualifier_from_after")
        self.qual_from_after = [
            (regex.compile(rf"^\s*(?:{_alt(words('qualifier_from_after', q))}){_NOT_AFTER}"), q)
            for q in ("min", "max")
            if words("qualifier_from_after", q)
        ] if from_after else []
        self.level_pair = regex.compile(rf"^\s*(?:{_alt(words('level_pair'))})\s+$")
        self.level_between = regex.compile(rf"{_NOT_BEFORE}(?:{_alt(words('level_pair'))}){_NOT_AFTER}")
        self.level_from = regex.compile(rf"{_NOT_BEFORE}(?:{_alt(words('level_from'))})\s+(?:[{_L}]+\s+){{0,2}}$")
        self.caption_credit = regex.compile(rf"\(\s*(?:{_alt(words('caption_credit'))})[^()]*\)\s*[.]?\s*$")
        self.copulas: set[str] = {_fold(w) for w in words("list_copula")}
        openers = words("sentence_opener")
        self.glue = regex.compile(rf"(?<=[\p{{Ll}}\d%)] )(?:{_alt(openers, fold=False)}){_NOT_AFTER}")
        credit = [w.rstrip(" :") for w in words("caption_credit")]
        self.credit_start = regex.compile(rf"(?i)(?:{_alt(credit, fold=False)})\s*:")
        self.share_whole = regex.compile(rf"^(?:\s+[{_L}]+){{0,3}}\s*\(?\s*(?:{_alt(words('share_whole'))})\s+$")
        each = words("per_each")
        each_alt = rf"(?:(?:{_alt(each)})\s+)?" if each else ""
        self.per_re = regex.compile(rf"\s*/\s*{each_alt}(?P<p>{_alt(per)}){_NOT_AFTER}")
        joins = words("list_join")
        self.list_gap = regex.compile(rf"\s*(?:\(|,|[-–]{'|' + _alt(joins) if joins else ''})\s*")
        self.share_of_before = _ends_with(words("share_of")) or regex.compile(r"(?!)")
        self.share_of = regex.compile(rf"^\s*(?:{_alt(words('share_of'))})\s+$")
        mult = [c for c in cues if c.role == "multiple_cue" and c.side == "before"]
        self.multiple = regex.compile(
            rf"(?:^|{_NOT_BEFORE})(?:{_alt(words('multiple_cue', side='before'))})"
            rf"(?:\s+[{_L}]+){{0,{max((c.gap or 0) for c in mult) if mult else 0}}}\s*$"
        )
        self.multiple_after = _starts_with(words("multiple_cue", side="after"))

        self.exclusions: list[_Exclusion] = []
        for e in excl:
            cs = e.case_sensitive
            self.exclusions.append(
                _Exclusion(
                    id=e.id,
                    before=_ends_with(e.before, fold=not cs),
                    after=_starts_with(e.after, fold=not cs),
                    after_unit=_starts_with(e.after_unit),
                    templates=tuple(_template(t) for t in e.templates),
                    clause_after=(
                        regex.compile(rf"[^.;:!?()\n]{{0,80}}?{_NOT_BEFORE}(?:{_alt(e.clause_after)}){_NOT_AFTER}")
                        if e.clause_after
                        else None
                    ),
                    role=e.role,
                    unless_before=_ends_with(e.unless_before),
                    unless_after=_starts_with(e.unless_after),
                    forms=frozenset(e.forms),
                    values=frozenset(e.values),
                    kinds=frozenset(e.kinds),
                    year_like=e.year_like,
                    after_capital=e.after_capital,
                    before_capital=e.before_capital,
                    case_sensitive=cs,
                )
            )


# --- the figures -------------------------------------------------------------------------


@dataclass
class _Unit:
    kind: str | None  # percent/money/measure/count/ratio/None
    unit: str | None
    end: int
    rule: str


@dataclass
class _Fig:
    n: Numeral
    value: float
    start: int
    zone: int  # index into the zone list
    unit: _Unit
    total: float | None = None
    qualifier: str | None = None
    change: str | None = None
    target: Target | None = None
    achievement: float | None = None
    period: str | None = None
    subject: str | None = None
    drop: bool = False
    role: str = "body"
    range_part: str | None = None  # "low" / "high"
    partner: int | None = None
    rule: str = ""

    @property
    def end(self) -> int:
        return self.unit.end


class Extractor:
    """The spaCy component."""

    def __init__(self, rules: IndicatorRules) -> None:
        self.r = rules
        self._article_ids = frozenset(x.id for x in rules.exclusions if x.role == "article")
        self._pos_cache: dict[str, list[tuple[str, str]]] = {}
        self._fold_cache: dict[str, str] = {}

    def _fold_word(self, w: str) -> str:
        f = self._fold_cache.get(w)
        if f is None:
            if len(self._fold_cache) > 20000:
                self._fold_cache.clear()
            f = self._fold_cache[w] = _fold(w)
        return f

    # --- zones ------------------------------------------------------------------------

    def _zones(self, doc: Doc, text: str) -> list[tuple[int, int, str]]:
        """Eligible zones with their role: body, lead, title, caption or crosshead.

        Figures in the title, captions and crossheads count only when neither the body
        nor the lead states them; figures in the lead only when the body does not.
        """
        layout = doc._.vnx.get("layout")
        if layout is None:
            return self._split_captions(text, [(0, len(text), "body")])
        zones = [(z.start, z.end, z.kind) for z in layout.zones if z.kind in ("title", "body", "caption")]
        bodies = [i for i, z in enumerate(zones) if z[2] == "body"]
        out: list[tuple[int, int, str]] = []
        for i, (s, e, k) in enumerate(zones):
            role = {"title": "title", "caption": "caption"}.get(k, "body")
            chunk = text[s:e].rstrip()
            if k == "body" and self.r.caption_credit.search(_fold(chunk)):
                role = "caption"  # a caption ending with its photo credit
            elif k == "body" and len(bodies) >= 2:
                if i == bodies[0] and len(chunk) < 600:
                    role = "lead"
                elif len(chunk) < 120 and not regex.search(r"[.!?:;…\"”)]$", chunk):
                    role = "crosshead"
            elif k == "body" and len(bodies) == 1:
                # One running paragraph: its first sentences are the lead.
                lead_end = None
                for m in _LEAD_END.finditer(text, s, min(e, s + 600)):
                    lead_end = m.end()
                    if lead_end - s >= 150:
                        break
                if lead_end is not None and lead_end - s >= 60 and lead_end < e:
                    out.append((s, lead_end, "lead"))
                    s = lead_end
            out.append((s, e, role))
        return self._split_captions(text, out)

    def _split_captions(self, text: str, zones: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Cut the captions and crossheads a crawl ran into body text out of body zones."""
        out: list[tuple[int, int, str]] = []
        for s, e, role in zones:
            if role not in ("body", "lead"):
                out.append((s, e, role))
                continue
            caps = self._caption_ranges(text, s, e)
            pos = s
            for a, b in caps:
                if a > pos:
                    out.append((pos, a, role))
                out.append((a, b, "caption"))
                pos = b
            if pos < e:
                out.append((pos, e, role))
        return out

    def _caption_ranges(self, text: str, s: int, e: int) -> list[tuple[int, int]]:
        r = self.r
        bounds = [m.end() for m in _SENT_B.finditer(text, s, e)]
        glues = [m.start() for m in r.glue.finditer(text, s, e)]

        def sent_start(pos: int) -> int:
            i = bisect.bisect_right(bounds, pos) - 1
            return bounds[i] if i >= 0 else s

        def sent_end(pos: int) -> int:
            i = bisect.bisect_right(bounds, pos)
            return bounds[i] if i < len(bounds) else e

        found: list[tuple[int, int]] = []
        for g in glues:
            a = max([sent_start(g)] + [x for x in glues if x < g])
            found.append((a, g))
        for m in r.credit_start.finditer(text, s, e):
            st = m.start()
            if not (st == s or st in glues or regex.search(r"[.!?…]\s*$", text[max(s, st - 3) : st])):
                continue
            end = min([sent_end(st)] + [x for x in glues if x > st])
            found.append((st, end))
            if st > s:
                prev = max([sent_start(max(s, st - 2))] + [x for x in glues if x < st - 1])
                found.append((prev, st))
        found.sort()
        merged: list[tuple[int, int]] = []
        for a, b in found:
            if b <= a:
                continue
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged

    # --- unit -----------------------------------------------------------------------------

    def _pos_tag(self, window: str) -> list[tuple[str, str]]:
        cached = self._pos_cache.get(window)
        if cached is None:
            from underthesea import pos_tag

            try:
                cached = [(w, t) for w, t in pos_tag(window)]
            except Exception:  # noqa: BLE001 - a tagger failure only loses the noun phrase
                cached = []
            if len(self._pos_cache) > 5000:
                self._pos_cache.clear()
            self._pos_cache[window] = cached
        return cached

    def _lex_noun(self, folded: str, pos: int, limit: int) -> int | None:
        """End of the longest lexicon count noun starting at ``pos`` (no tagging)."""
        toks = [(t.start(), t.end(), t.group(0)) for t in _TOKEN.finditer(folded, pos, min(limit, pos + 60))]
        if not toks or toks[0][0] != pos:
            return None
        words = [t[2] for t in toks]
        stop = max((n for n in range(1, min(self.r.max_stop, len(words)) + 1) if tuple(words[:n]) in self.r.np_stops), default=0)
        for n in range(min(self.r.max_noun, len(words)), 0, -1):
            if tuple(words[:n]) in self.r.count_nouns or tuple(words[:n]) in self.r.head_nouns:
                return toks[n - 1][1] if n >= stop else None
        return None

    def _count_noun(self, text: str, folded: str, pos: int, limit: int, num_start: int) -> tuple[str, int] | None:
        """The counted noun phrase starting at ``pos``: (unit as written, end offset).

        The lexicon of count nouns (``units.yaml``) and of stop words
        (``indicator_cues.yaml``) decides where it can; ``underthesea.pos_tag`` is asked,
        on the short window after the number only, when a word is in neither list.
        Decisions are taken per tagged word, so a phrase never ends inside a word.
        """
        r = self.r
        m = _HARD_STOP.search(text, pos, min(limit, pos + 90))
        stop = m.start() if m else min(limit, pos + 90)
        toks = [(t.start(), t.end(), t.group(0)) for t in _TOKEN.finditer(folded, pos, stop)]
        if not toks or toks[0][2] == "," or toks[0][0] != pos:
            return None
        words = [t[2] for t in toks]

        def lex_at(i: int) -> int:
            for n in range(min(r.max_noun, len(words) - i), 0, -1):
                if tuple(words[i : i + n]) in r.count_nouns:
                    return n
            return 0

        def stop_at(i: int) -> bool:
            return stop_len(i) > 0

        def stop_len(i: int) -> int:
            for n in range(min(r.max_stop, len(words) - i), 0, -1):
                if tuple(words[i : i + n]) in r.np_stops:
                    return n
            return 0

        def is_cap(i: int) -> bool:
            return text[toks[i][0] : toks[i][0] + 1].isupper()

        tags: list[str] | None = None
        word_id: list[int] = []

        def tag(i: int) -> str:
            nonlocal tags, word_id
            if tags is None:
                tags = [""] * len(toks)
                word_id = list(range(len(toks)))
                w_end = toks[min(len(toks), 12) - 1][1]
                window = text[num_start:w_end]
                window_f = folded[num_start:w_end]
                at = 0
                for wi, (w, t) in enumerate(self._pos_tag(window)):
                    k = window_f.find(self._fold_word(w), at)
                    if k < 0:
                        continue
                    for j, (s0, _, _) in enumerate(toks):
                        if num_start + k <= s0 < num_start + k + len(w):
                            tags[j] = t
                            word_id[j] = 10_000 + wi
                    at = k + len(w)
            return tags[i]

        def word_end(i: int) -> int:
            """Index after the tagged word token ``i`` belongs to."""
            tag(i)
            j = i + 1
            while j < len(toks) and word_id[j] == word_id[i]:
                j += 1
            return j

        nounish = {"N", "Nc", "Ny", "Nb", "Nu", "Z"}

        def tagged_noun(i: int) -> bool:
            t = tag(i)
            # the tagger often says M for a noun at the end of a short window; a number word stays out
            return t in nounish or (t == "M" and not words[i].isdigit() and parse_number_words(words[i]) is None)

        def compound_at(i: int) -> int:
            for n in range(min(r.max_compound, len(words) - i), 0, -1):
                if tuple(words[i : i + n]) in r.np_compounds:
                    return n
            return 0

        def verbal_at(i: int) -> int:
            for n in range(min(r.max_verbal, len(words) - i), 0, -1):
                if tuple(words[i : i + n]) in r.np_verbal_nouns:
                    return n
            return 0

        def coordinated(i: int) -> int:
            """Length of a listed noun joined by `, ` at token ``i`` (the comma), else 0.

            `hộ gia đình, cá nhân sử dụng đất`: a lexicon count noun after the comma joins
            the unit when no figure follows in the clause (`230 học sinh, lớp chuyên là 35
            học sinh` opens the next list item).
            """
            j = i + 1
            if j >= len(toks) or toks[i][1] != toks[j][0] - 1 or is_cap(j):
                return 0
            k2 = lex_at(j)
            if not k2 or stop_len(j) > k2 or any(w == "," for w in words[j : j + k2]):
                return 0
            cb = _CLAUSE_BREAK.search(text, toks[i][1], min(len(text), toks[i][1] + 80))
            rest = text[toks[i][1] : cb.start() if cb else min(len(text), toks[i][1] + 80)]
            if _FIGURE_IN.search(rest):
                return 0
            if k2 < 3 and not tagged_noun(j):
                return 0  # `102 đảng bộ xã, phường, tổ chức thành công đại hội`: a verb
            nxt = j + k2
            if nxt < len(toks) and any(tuple(words[nxt : nxt + n]) in r.coord_block for n in (1, 2)):
                return 0  # `180.000 người, phường cần …`: the subject of the next clause
            return k2

        head = lex_at(0)
        for n in range(min(r.max_noun, len(words)), head, -1):
            if tuple(words[:n]) in r.head_nouns:
                head = n  # `12 báo cáo và 1 nghị quyết`: a noun only right after the number
                break
        if head and stop_len(0) > head:
            return None  # `giải ngân` is a verb, not the noun `giải`
        cap_head = is_cap(0)
        if head == 0:
            # an unknown capitalised word after a number is a name (`37 Luật …`, `47 Nguyễn …`)
            if cap_head or stop_at(0) or not tagged_noun(0):
                return None
            i = word_end(0)
        else:
            i = head
        first_len = i
        end_i = i
        if head and tuple(words[:head]) in r.np_containers:
            i = len(toks)  # `8 xe nông sản`: what follows a container is its load, not its kind
        classifier = any(tuple(words[:n]) in r.np_classifiers for n in (1, 2))
        # `cuộc thanh tra`, `quyết định xử phạt`: a classifier or document noun takes the
        # action it names, written as a verb
        verbal = bool(head) and (tuple(words[:head]) in r.np_nominalizers or tuple(words[:head]) in r.head_nouns)
        in_verbal = False
        verbal_from = 0
        verbal_slot = -1
        while i < len(toks) and i < 14:
            w = words[i]
            if w == ",":
                k2 = coordinated(i)
                if k2:
                    i += 1 + k2
                    end_i = i
                    continue
                if in_verbal and i + 1 < len(toks) and toks[i][1] == toks[i + 1][0] - 1:
                    v2 = verbal_at(i + 1)
                    if v2 and len(words[i + 1 : i + 1 + v2]) > 1:
                        i += 1 + v2  # `cuộc thanh tra, kiểm tra chuyên ngành`
                        end_i = i
                        continue
                break
            if (
                w == "và"
                and head
                and tuple(words[:head]) in r.head_nouns
                and i + 1 < len(toks)
                and any(tuple(words[i + 1 : i + 1 + n]) in r.head_nouns for n in (1, 2, 3))
            ):
                n2 = next(n for n in (3, 2, 1) if tuple(words[i + 1 : i + 1 + n]) in r.head_nouns)
                i += 1 + n2  # `kết luận và quyết định xử lý`: two document nouns, one count
                end_i = i
                verbal_slot = i
                continue
            if verbal and not is_cap(i) and (i in (first_len, verbal_slot) or in_verbal):
                v = verbal_at(i)
                if v:
                    if not in_verbal:
                        verbal_from = i
                    i += v
                    end_i = i
                    in_verbal = True
                    continue
            if in_verbal and lex_at(i) > 1:
                break  # `quyết định xử phạt … tổ chức, cá nhân`: the action's object stays out
            k = lex_at(i)
            if k and "," in words[i : i + k]:
                i += k  # a listed pair (`phòng, ban`)
                end_i = i
                continue
            if cap_head and is_cap(i) and i > 0 and toks[i - 1][1] == toks[i][0] - 1:
                i = word_end(i)  # a capitalised name goes on through its words (`Ban Chỉ huy …`)
                end_i = i
                continue
            if first_len >= 3 and i == first_len and any(tuple(words[i : i + n]) in r.status_adjectives for n in (1, 2, 3)):
                break  # `4 kiểm định viên chính thức`: a long head noun takes no trailing adjective
            c = compound_at(i)
            if c and not (is_cap(i) and not cap_head):
                i += c  # a word the data lists inside compounds (`không gian`, `hành nghề`)
                end_i = i
                continue
            if stop_at(i):
                break
            if is_cap(i) and not cap_head and words[i - 1] in r.name_heads and toks[i - 1][1] == toks[i][0] - 1:
                # `4 tỉnh miền Trung`: a region word takes its capitalised name
                while i < len(toks) and is_cap(i) and toks[i - 1][1] == toks[i][0] - 1:
                    i = word_end(i)
                end_i = i
                break
            if is_cap(i) and not cap_head:
                if classifier and k > 1:
                    i += k  # `ông Ủy viên Trung ương`
                    end_i = i
                    cap_head = True
                    continue
                break
            if k and (k > 1 or tagged_noun(i)):
                i += k  # a one-syllable lexicon word after the head must also be tagged a noun
                end_i = i
                continue
            if tagged_noun(i) or tag(i) == "A" or (cap_head and is_cap(i)):
                j = word_end(i)
                if j > i + 1 and any(stop_at(x) for x in range(i + 1, j)):
                    break
                i = j
                end_i = i
                continue
            break
        if (
            m is not None
            and text[m.start()].isdigit()
            and end_i == len(toks)
            and end_i > max(head, 1)
            and text[toks[end_i - 1][1] : m.start()] == " "
        ):
            # `5 học sinh lớp 12`: `lớp` names the next number; `5 đoàn kiểm tra 15 đơn vị`:
            # the action takes the next figure as its object
            end_i = verbal_from if in_verbal and verbal_from else end_i - 1
        end = toks[end_i - 1][1]
        return text[pos:end].strip(), end

    def _unit(
        self, text: str, folded: str, n: Numeral, limit: int, *, left: str
    ) -> _Unit:
        r = self.r
        pos = n.end
        best: tuple[int, tuple[str, str | None, bool, str]] | None = None
        m = r.unit_re.match(folded, pos, limit)
        if m:
            best = (m.end(), r.unit_info[" ".join(m.group("u").split())])
        m2 = r.unit_cs_re.match(text, pos, limit)
        if m2 and (best is None or m2.end() > best[0]):
            best = (m2.end(), r.unit_info_cs[" ".join(m2.group("u").split())])
        noun = None
        if best is not None:
            kind, canonical, bare_only, uid = best[1]
            end = best[0]
            # A longer counted noun wins (`đồng chí` over `đồng`).
            if kind in ("currency", "measure"):
                lex = self._lex_noun(folded, _skip_space(text, pos), limit)
                if lex is not None and lex > end:
                    noun = self._count_noun(text, folded, _skip_space(text, pos), limit, n.start)
                    if noun is not None:
                        return _Unit("count", noun[0], noun[1], "count_noun")
            cue = r.unit_cue_before.get(uid)
            if bare_only and _LOWER_NEXT.match(text, end, end + 3) and not (cue is not None and cue.search(left)):
                best = None
            else:
                if kind == "percent":
                    _, end = self._per_units(text, folded, "%", end, limit)  # `2%/năm` stays `%`
                    return _Unit("percent", "%", end, uid)
                if kind == "multiple":
                    after = folded[end : end + 30]
                    unit, end2 = self._per_units(text, folded, "lần", end, limit)  # `1,9 lần/người/năm`
                    if r.multiple.search(left) or (r.multiple_after is not None and r.multiple_after.match(after)):
                        return _Unit("ratio", unit, end2, uid)
                    return _Unit("count", unit, end2, uid)
                unit, end = self._per_units(text, folded, canonical or text[pos:end].strip(), end, limit)
                return _Unit("money" if kind == "currency" else "measure", unit, end, uid)
        if noun is None and pos < len(text) and text[pos] == " ":
            noun = self._count_noun(text, folded, _skip_space(text, pos), limit, n.start)
        if noun is not None:
            unit, end = self._per_units(text, folded, noun[0], noun[1], limit)
            return _Unit("count", unit, end, "count_noun")
        if n.scale and self._fold_word(n.scale) in r.money_scales:
            unit, end = self._per_units(text, folded, "đồng", n.end, limit)  # `176 triệu/lượng`
            return _Unit("money", unit, end, "money_scale")
        return _Unit(None, None, n.end, "")

    def _per_units(self, text: str, folded: str, unit: str, end: int, limit: int) -> tuple[str, int]:
        """Append the per-units written after a unit (``đồng/người/năm``, ``người/km²``)."""
        pers = []
        for _ in range(3):
            assert self.r.per_re is not None
            pm = self.r.per_re.match(folded, end, limit)
            if not pm:
                break
            p_raw = text[pm.start("p") : pm.end("p")]
            pers.append(self.r.per_canonical.get(" ".join(pm.group("p").split()), p_raw))
            end = pm.end()
        return (unit + "/" + "/".join(pers) if pers else unit), end

    # --- exclusions ---------------------------------------------------------------------------

    def _excluded(
        self, text: str, folded: str, n: Numeral, u: _Unit, ctx_start: int, *, pre: bool = False
    ) -> str | None:
        """The id of the exclusion rule that fires on ``n``, else None.

        With ``pre`` only the rules that need no unit are tried (before the unit is read).
        """
        left_f = folded[ctx_start : n.start]
        left_o = text[ctx_start : n.start]
        right_f = folded[n.end : n.end + 40]
        right_o = text[n.end : n.end + 40]
        after_unit = folded[u.end : u.end + 30]
        kind = u.kind or "none"
        for x in self.r.exclusions:
            if pre and (x.kinds or x.after_unit is not None):
                continue
            if x.forms and n.form not in x.forms:
                continue
            if x.values and not any(math.isclose(n.value, v) for v in x.values):
                continue
            if x.kinds and kind not in x.kinds:
                continue
            if x.year_like and not _year_like(n):
                continue
            if x.before_capital and not _CAP_BEFORE.search(left_o):
                continue
            left = left_o if x.case_sensitive else left_f
            right = right_o if x.case_sensitive else right_f
            anchor = left_f
            if x.before is not None:
                m = x.before.search(left)
                if not m:
                    continue
                anchor = left_f[: m.start()]
            if x.after is not None:
                am = x.after.match(right)
                if not am:
                    continue
                if x.after_capital and not _CAP_AFTER.match(right_o, am.end()):
                    continue
            if x.after_unit is not None and not x.after_unit.match(after_unit):
                continue
            if x.clause_after is not None and not x.clause_after.match(folded, n.end, n.end + 120):
                continue
            if x.templates:
                hit = False
                for lt, rt in x.templates:
                    if lt is not None and not lt.search(left_f):
                        continue
                    if rt is not None and not rt.match(right_f):
                        continue
                    hit = True
                    break
                if not hit:
                    continue
            if x.unless_before is not None and x.unless_before.search(anchor):
                continue
            if x.unless_after is not None and x.unless_after.match(right_f):
                continue
            return x.id
        return None

    # --- main ---------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        set_records(doc, "indicators", self.extract(doc, doc_text(doc)), "INDICATOR")
        return doc

    def extract(self, doc: Doc, text: str) -> list[Indicator]:
        """The indicator records of ``doc`` (``text`` is ``doc.text``, read once: it is costly)."""
        if not text:
            return []
        folded = _fold(text)
        zones = self._zones(doc, text)
        if not zones:
            return []
        zone_starts = [z[0] for z in zones]
        directive = sorted(doc._.vnx.get("directive_spans", []) or [])
        numerals = find_numerals(text, _convention(text))
        numerals = self._dash_chains(text, folded, numerals)
        numerals = self._split_thousands(text, numerals)
        ranges = find_ranges(text, numerals)
        range_of: dict[int, tuple[Numeral, Numeral, int]] = {}
        for lo, hi, rs, _ in ranges:
            range_of[lo.start] = (lo, hi, rs)
            range_of[hi.start] = (lo, hi, rs)

        def zone_of(pos: int) -> int | None:
            i = bisect.bisect_right(zone_starts, pos) - 1
            if i >= 0 and zones[i][0] <= pos < zones[i][1]:
                return i
            return None

        slogans = [(m.start(), m.end()) for m in _SLOGAN.finditer(text)]
        slogan_starts = [a for a, _ in slogans]

        def in_slogan(pos: int) -> bool:
            k = bisect.bisect_right(slogan_starts, pos) - 1
            return k >= 0 and slogans[k][0] < pos < slogans[k][1]

        def in_directive(s: int, e: int) -> bool:
            return any(ds < e and s < de for ds, de in directive)

        figs: list[_Fig] = []
        by_start: dict[int, _Fig] = {}
        nums = [n for n in numerals if zone_of(n.start) is not None and not in_directive(n.start, n.end)]
        for idx, n in enumerate(nums):
            zi = zone_of(n.start)
            assert zi is not None
            zs, ze, role = zones[zi]
            ctx_start = max(zs, n.start - 80)
            left = folded[ctx_start : n.start]
            if figs and n.start < figs[-1].unit.end and not figs[-1].drop:
                continue  # inside the unit of the figure before (`người/km 2`)
            if in_slogan(n.start):
                continue  # a slogan in quotes (`“4 tốt”`, `“3 ca, 4 kíp”`)
            # Contexts that need no unit (`Điều 5`, `5 năm`) are checked first: cheaper.
            excl = self._excluded(text, folded, n, _Unit(None, None, n.end, ""), ctx_start, pre=True)
            coord_one = False
            if excl and excl in self._article_ids and self._coordinated_one(text, folded, n, figs):
                excl, coord_one = None, True  # `49 khoa, phòng và một trung tâm`: `một` counts beside another count
            if excl:
                fig = _Fig(n=n, value=n.value, start=n.start, zone=zi, unit=_Unit(None, None, n.end, ""), role=role)
                fig.drop, fig.rule = True, excl
                figs.append(fig)
                by_start[n.start] = fig
                continue
            u = self._unit(text, folded, n, ze, left=left)
            fig = _Fig(n=n, value=n.value, start=n.start, zone=zi, unit=u, role=role, rule=u.rule)
            excl = self._excluded(text, folded, n, u, ctx_start)
            if excl and not (coord_one and excl in self._article_ids):
                fig.drop = True
                fig.rule = excl
            figs.append(fig)
            by_start[n.start] = fig

        order = {id(f): i for i, f in enumerate(figs)}
        consumed: set[int] = set()

        def next_fig(f: _Fig) -> _Fig | None:
            i = order[id(f)] + 1
            return figs[i] if i < len(figs) else None

        # Ranges: the low end takes the high end's unit and scale.
        for lo_n, hi_n, rs in {(v[0].start, v[1].start, v[2]): v for v in range_of.values()}.values():
            lo, hi = by_start.get(lo_n.start), by_start.get(hi_n.start)
            if lo is None or hi is None or hi.drop:
                continue
            if lo.unit.kind is None or lo.unit.kind == hi.unit.kind:
                if lo.n.scale is None and hi.n.scale is not None:
                    factor = _scale_factor(hi.n)
                    if factor:
                        lo.value = lo.value * factor
                own_end = lo.unit.end if lo.unit.kind == hi.unit.kind else lo.n.end
                lo.unit = _Unit(hi.unit.kind, hi.unit.unit, own_end, hi.unit.rule)
                lo.drop = False
            # a chain `86-61-93 cm` is a list, not a range
            nxt = next_fig(hi)
            chain = nxt is not None and _DASH_GAP.fullmatch(text, hi.n.end, nxt.start) is not None
            prev_i = order[id(lo)] - 1
            chain = chain or (prev_i >= 0 and _DASH_GAP.fullmatch(text, figs[prev_i].n.end, lo.start) is not None)
            if not chain:
                lo.range_part, hi.range_part = "low", "high"
                lo.partner, hi.partner = order[id(hi)], order[id(lo)]
        # `từ 401 xuống còn 208 đơn vị`: the first number takes the unit of the second.
        for i in range(len(figs) - 1):
            a, b = figs[i], figs[i + 1]
            if a.unit.kind is None and b.unit.kind is not None and a.zone == b.zone and not b.drop:
                if self.r.level_pair.match(folded[a.n.end : b.start]) and self.r.level_from.search(
                    folded[max(0, a.start - 30) : a.start]
                ):
                    a.unit = _Unit(b.unit.kind, b.unit.unit, a.n.end, b.unit.rule)
                    a.drop = False
        # Lists written with dashes (`86-61-93 cm`): bare members take the unit of the last.
        for i in range(len(figs) - 1, 0, -1):
            a, b = figs[i - 1], figs[i]
            if a.unit.kind is None and b.unit.kind is not None and not b.drop and a.range_part is None:
                if _DASH_GAP.fullmatch(text, a.n.end, b.start) and a.zone == b.zone:
                    a.unit = _Unit(b.unit.kind, b.unit.unit, a.n.end, b.unit.rule)

        # x/y: a share (total y) or, when x > y, an achievement against a plan (target y).
        for i in range(len(figs) - 1):
            a, b = figs[i], figs[i + 1]
            if a.drop or b.drop:
                continue
            if b.start - a.n.end == 1 and text[a.n.end] == "/" and a.n.form == "digits" and b.n.form == "digits":
                if b.unit.kind in (None, "count", "measure") and not b.drop:
                    consumed.add(b.start)
                    a.unit = _Unit(b.unit.kind, b.unit.unit, b.unit.end, b.unit.rule)
                    plan = self.r.plan_after is not None and self.r.plan_after.match(folded, b.unit.end, b.unit.end + 40)
                    if plan and a.unit.kind == "count":
                        # `40/45 doanh nghiệp của kế hoạch`: achieved against the plan
                        a.target = Target(value=b.value, unit=a.unit.unit, text=b.n.raw)
                    elif a.value <= b.value:
                        a.total = b.value
                        if a.unit.kind in ("count", "measure"):
                            a.unit = _Unit("ratio", a.unit.unit, a.unit.end, "share")
                    else:
                        a.target = Target(value=b.value, unit=a.unit.unit, text=b.n.raw)
                    a.drop = a.unit.kind is None
        # N trong (số) M unit: a share of M.
        for i in range(len(figs) - 1):
            a, b = figs[i], figs[i + 1]
            if a.unit.kind is None and b.unit.kind in ("count", None) and a.zone == b.zone:
                if self.r.share_of.match(folded[a.n.end : b.start]) and not b.drop:
                    consumed.add(b.start)
                    a.total = b.value
                    a.unit = _Unit("ratio", b.unit.unit, b.unit.end, "share_of") if b.unit.kind else a.unit
                    a.drop = b.unit.kind is None or self._rank_after(folded, b.unit.end) or a.drop

        # `Trong số 24 cán bộ được điều động, có 11 đồng chí …`: N is a share of M.
        for i in range(len(figs) - 1):
            a, b = figs[i], figs[i + 1]
            if a.drop or b.drop or a.unit.kind != "count" or b.unit.kind != "count" or a.zone != b.zone:
                continue
            if self.r.share_of_before.search(folded[max(0, a.start - 20) : a.start]) and regex.fullmatch(
                r"[^.;:!?\d]{0,50},\s*(?:\p{L}+\s+){0,1}", folded[a.end : b.start]
            ):
                if b.total is None and b.value <= a.value:
                    b.total = a.value

        # `2.472.000 người trên tổng số 11.077.000 người`: a share of the whole named after it.
        for i in range(len(figs) - 1):
            a, b = figs[i], figs[i + 1]
            if a.drop or b.drop or a.total is not None or a.unit.kind != "count" or a.zone != b.zone:
                continue
            if b.unit.kind in ("count", None) and self.r.share_whole.match(folded[a.end : b.start]) and a.value <= b.value:
                a.total = b.value

        # Targets and achievement rates that follow a figure. Digits of document symbols
        # between a figure and its target (`… theo Chỉ thị số 05-CT/TW … (NQ 100%)`) are masked.
        masked = folded
        if directive:
            chars = list(folded)
            for ds, de in directive:
                for k in range(max(0, ds), min(len(chars), de)):
                    if chars[k].isdigit():
                        chars[k] = "#"
            masked = "".join(chars)
        self._respectively(figs, masked, consumed)
        for f in figs:
            if f.drop or f.unit.kind is None or f.start in consumed:
                continue
            self._attach(f, figs, order, text, masked, consumed)

        # Qualifier, change, period, subject.
        for f in figs:
            if f.drop or f.unit.kind is None or f.start in consumed:
                continue
            zs, ze, _ = zones[f.zone]
            self._qualify(f, figs, order, text, folded, zs)

        live = [f for f in figs if not f.drop and f.unit.kind and f.start not in consumed]
        # `(13,26%)` restating a growth rate stated before takes its change.
        changed: dict[float, str] = {}
        for f in live:
            if f.unit.kind != "percent":
                continue
            if f.change is not None:
                changed.setdefault(f.value, f.change)
            elif f.value in changed and regex.search(r"\(\s*$", text[max(0, f.start - 3) : f.start]) and regex.match(
                r"\s*\)", text[f.end : f.end + 3]
            ):
                f.change = changed[f.value]
        # A crosshead or caption the crawl glued into a sentence (`… Ảnh: X Hơn 64,8 triệu tỷ đồng
        # cho quy hoạch Quy hoạch tính toán khoảng 64,8 triệu tỷ đồng …`): the same figure stated
        # again later in the same run of text, across a lower-case word followed by a capital,
        # is stated once, by the later sentence.
        glued: set[int] = set()
        for a_i, f in enumerate(live):
            for g in live[a_i + 1 : a_i + 4]:
                if g.start - f.end > 250:
                    break
                if g.unit.kind != f.unit.kind or not math.isclose(f.value, g.value, rel_tol=1e-9):
                    continue
                between = text[f.end : g.start]
                if _SENT_B.search(between) or "\n" in between:
                    continue
                turn = _GLUE_TURN.search(between, 0, 120)
                if turn is None or regex.search(r"[,;:()\[\]]", between[: turn.end()]):
                    continue  # a crosshead is a short phrase without commas before the glued sentence
                lead_in = text[max(0, f.start - 80) : f.start]
                cut = max((m.end() for m in regex.finditer(r"[.!?…:]\s|\n", lead_in)), default=None)
                if cut is None or regex.search(r"[,;()]", lead_in[cut:]) or len(lead_in) - cut > 50:
                    continue  # … and it opens right after a sentence end or a photo credit
                glued.add(f.start)
                break

        # Build records; restatements in title / lead / crossheads / captions are dropped.
        glued |= self._repeats([f for f in live if f.start not in glued], text, folded)
        # `Hai điểm sáng …` as a crosshead: a count in words there is a teaser, not a figure
        glued |= {f.start for f in live if f.role == "crosshead" and f.n.form == "words" and f.unit.kind == "count"}
        live = [f for f in live if f.start not in glued]
        body_figs = [f for f in live if f.role == "body"]
        lead_figs = [f for f in live if f.role == "lead"]
        # rates attached to body figures still state a figure a headline may repeat
        body_rates = [
            _Fig(n=f.n, value=f.achievement, start=f.start, zone=f.zone, unit=_Unit("percent", "%", f.end, ""))
            for f in body_figs
            if f.achievement is not None
        ]
        out: list[Indicator] = []
        seen_context: set[str] = set()  # (offset, sentence) of the figures kept
        for f in figs:
            if f.drop or f.unit.kind is None or f.start in consumed or f.start in glued:
                continue
            # A passage an aggregator printed twice states its figures once.
            sentence, offset = _sentence_around(text, f.start, f.end)
            context = f"{offset}:{sentence}"
            if len(sentence) >= 60 and context in seen_context:
                continue
            seen_context.add(context)
            if f.role == "lead" and any(_restates(f, b, same_noun=True) for b in body_figs + body_rates):
                continue
            if f.role not in ("body", "lead") and any(_restates(f, b) for b in body_figs + lead_figs + body_rates):
                continue
            consistency = None
            if f.target is not None and f.achievement is not None and f.target.value:
                pct = f.value / f.target.value * 100
                consistency = "agrees" if abs(pct - f.achievement) <= 0.5 else "disagrees"
            end = f.end
            out.append(
                Indicator(
                    value=f.value,
                    raw=f.n.raw,
                    kind=f.unit.kind,  # type: ignore[arg-type]
                    unit=f.unit.unit,
                    subject=f.subject,
                    qualifier=f.qualifier,  # type: ignore[arg-type]
                    target=f.target,
                    achievement_pct=f.achievement,
                    total=f.total,
                    change=f.change,  # type: ignore[arg-type]
                    period=f.period,
                    consistency=consistency,  # type: ignore[arg-type]
                    ambiguous=f.n.ambiguous,
                    start=f.start,
                    end=end,
                    text=text[f.start : end],
                    rule_id=f.rule or None,
                )
            )
        out.sort(key=lambda x: (x.start, x.end))
        return out

    def _dash_chains(self, text: str, folded: str, numerals: list[Numeral]) -> list[Numeral]:
        """Numbers find_numerals skips that the text uses as figures.

        A dash list before a measure (``86-61-93 cm``) and an ``x/y`` before a counted
        noun that reads like a date (``8/7 đảng viên``).
        """
        extra: list[Numeral] = []
        starts = [n.start for n in numerals]
        ends = [n.end for n in numerals]

        def taken(a: int, b: int) -> bool:
            i = bisect.bisect_left(starts, b)  # numerals starting before b
            return i > 0 and ends[i - 1] > a

        for m in _DASH_CHAIN.finditer(text):
            if taken(m.start(), m.end()):
                continue
            u = self.r.unit_re.match(folded, m.end())
            if not u or self.r.unit_info[" ".join(u.group("u").split())][0] != "measure":
                continue
            for part in regex.finditer(r"\d+", m.group(0)):
                extra.append(
                    Numeral(float(part.group(0)), m.start() + part.start(), m.start() + part.end(), part.group(0), "digits", None, None)
                )
        # `Đồng Cốc 8/7 đảng viên`: find_numerals reads d/m before a counted noun as a date
        for m in _SLASH_PAIR.finditer(text):
            if taken(m.start(), m.end()):
                continue
            after = _skip_space(text, m.end())
            if after == m.end() or m.group(1).startswith("0") or m.group(2).startswith("0"):
                continue
            if self._lex_noun(folded, after, min(len(text), after + 60)) is None:
                continue
            for g in (1, 2):
                extra.append(Numeral(float(m.group(g)), m.start(g), m.end(g), m.group(g), "digits", None, None))
        if not extra:
            return numerals
        return sorted(numerals + extra, key=lambda n: n.start)

    def _split_thousands(self, text: str, numerals: list[Numeral]) -> list[Numeral]:
        """``12. 633,596 triệu đồng``: a space typed after the thousands dot splits one number.

        find_numerals reads ``12`` and ``633,596 triệu``; a number of one to three digits,
        then ``. `` and a number of exactly three digits with decimals is one number
        (12 633,596 triệu).
        """
        out: list[Numeral] = []
        i = 0
        while i < len(numerals):
            a = numerals[i]
            b = numerals[i + 1] if i + 1 < len(numerals) else None
            if (
                b is not None
                and a.form == "digits"
                and a.raw.isdigit()
                and len(a.raw) <= 3
                and text[a.end : b.start] == ". "
                and _THOUSANDS_SPLIT.match(b.raw + " ")
            ):
                digits = _DIGITS.match(b.raw)
                parsed = parse_numeral(digits.group(0)) if digits else None
                if parsed and parsed[0]:
                    factor = b.value / parsed[0]
                    value = (a.value * 1000 + parsed[0]) * factor
                    out.append(Numeral(value, a.start, b.end, text[a.start : b.end], b.form, b.scale, b.ambiguous))
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out

    def _respectively(self, figs: list[_Fig], folded: str, consumed: set[int]) -> None:
        """``A và B, lần lượt tương đương 62% và 41% kế hoạch``: the rates pair with the figures."""
        r = self.r
        live = [f for f in figs if not f.drop and f.unit.kind is not None]
        for k in range(2, len(live) - 1):
            a, b, c, d = live[k - 2], live[k - 1], live[k], live[k + 1]
            if c.unit.kind != "percent" or d.unit.kind != "percent" or len({a.zone, b.zone, c.zone, d.zone}) > 1:
                continue
            if b.unit.kind == "percent" or a.unit.kind == "percent" or r.achievement_after is None:
                continue
            if not (
                r.respectively.match(folded[b.end : c.start])
                and r.list_gap.fullmatch(folded[a.end : b.start])
                and r.list_gap.fullmatch(folded[c.end : d.start])
                and r.achievement_after.match(folded[d.end : d.end + 30])
            ):
                continue
            if a.achievement is None and b.achievement is None:
                a.achievement, b.achievement = c.value, d.value
                consumed.update((c.start, d.start))

    def _coordinated_one(self, text: str, folded: str, n: Numeral, figs: list[_Fig]) -> bool:
        """``một`` joined by ``và`` / ``,`` right after another counted figure counts too."""
        if not figs or n.value != 1:
            return False
        prev = figs[-1]
        if prev.drop or prev.unit.kind != "count" or prev.unit.end > n.start:
            return False
        if not self.r.coord_gap.fullmatch(folded, prev.unit.end, n.start):
            return False
        pos = _skip_space(text, n.end)
        return pos > n.end and self._count_noun(text, folded, pos, min(len(text), n.end + 60), n.start) is not None

    def _repeats(self, live: list[_Fig], text: str, folded: str) -> set[int]:
        """Small counts of places and bodies that name a set already introduced.

        `4 tỉnh Hà Tĩnh, Quảng Bình, …` introduces the set; later `4 tỉnh miền Trung` in the
        same article names it again and points back. Of the counts (≤ 10) of one head noun
        (``repeat_designation`` in the cues) with one value, only the occurrence that
        introduces a list (a capitalised name, ``:``, ``gồm``, ``(`` after the noun; each
        such occurrence states its own set), else the first in the body, is kept.
        """
        r = self.r
        groups: dict[tuple[float, tuple[str, ...]], list[_Fig]] = {}
        for f in live:
            if f.unit.kind != "count" or not f.unit.unit or f.value > 10 or f.value < 2 or f.target or f.total:
                continue
            toks = _tokens(f.unit.unit)
            key = next((toks[:n] for n in range(min(r.max_repeat, len(toks)), 0, -1) if toks[:n] in r.repeat_heads), None)
            if key is None:
                continue
            groups.setdefault((f.value, key), []).append(f)
        out: set[int] = set()
        for (_, key), fs in groups.items():
            if len(fs) < 2:
                continue
            heads_end = []
            for f in fs:
                # the end of the head noun inside the unit
                pos = _skip_space(text, f.n.end)
                for _ in key:
                    m = _TOKEN.match(folded, _skip_space(text, pos))
                    pos = m.end() if m else pos
                heads_end.append(pos)
            intro = [f for f, e in zip(fs, heads_end) if _LIST_INTRO.match(text, e, e + 12)]
            body = [f for f in fs if f.role in ("body", "lead")]
            # each list-introducing occurrence states its own set (`4 xã (A, B, C, D)` … `4 xã (E, F, G, H)`)
            keep = [f for f in intro if f.role in ("body", "lead")] or intro[:1] or body[:1] or fs[:1]
            out.update(f.start for f in fs if all(f is not k for k in keep))
            for k in keep:
                if k.role == "lead":
                    k.role = "body"  # the later mentions point back to it: it is the statement
        return out

    def _rank_after(self, folded: str, pos: int) -> bool:
        for x in self.r.exclusions:
            if x.templates and x.after_unit is not None and x.after_unit.match(folded[pos : pos + 30]):
                return True
        return False

    # --- attachments ------------------------------------------------------------------

    def _attach(
        self, f: _Fig, figs: list[_Fig], order: dict[int, int], text: str, folded: str, consumed: set[int]
    ) -> None:
        r = self.r
        i = order[id(f)]
        if f.range_part == "low":
            return  # the high end carries the attachments; they are copied below
        j = i + 1
        cur_end = f.end
        for _ in range(2):
            if j >= len(figs):
                return
            g = figs[j]
            if g.drop or g.zone != f.zone or g.start in consumed:
                return
            between = folded[cur_end : g.start]
            bracket = r.bracket_target.match(between) if f.target is None and g.start - cur_end <= 500 else None
            if bracket is None and (g.start - cur_end > 100 or _CLAUSE_BREAK.search(between.replace("(", " "))):
                return
            # Target: `(NQ 90%)`, `, kế hoạch 67`, `so với kế hoạch 60.000 tỷ đồng`.
            # (`30% kế hoạch …` is a rate of the plan: its `kế hoạch` opens no target.)
            plan_rate = f.unit.kind == "percent" and r.achievement_after is not None and bool(
                r.achievement_after.match(between)
            )
            tm = None if f.target is not None or plan_rate else next(
                (m for m in (p.match(between) for p in r.targets) if m), bracket
            )
            if tm is not None and not r.link_word.search(tm.group("tail")):
                if g.unit.kind in (None, f.unit.kind) or (g.unit.kind == "count" and f.unit.kind == "ratio"):
                    unit = g.unit.unit if g.unit.kind else f.unit.unit
                    t_value = g.value
                    if g.unit.kind is None and g.n.scale is None and f.n.scale is not None:
                        factor = _scale_factor(f.n)
                        t_value = g.value * factor if factor else g.value
                    f.target = Target(value=t_value, unit=unit, text=text[g.start : max(g.end, g.n.end)])
                    consumed.add(g.start)
                    # a range against a range: pair the ends
                    if f.range_part == "high" and g.range_part == "low" and f.partner is not None and g.partner is not None:
                        lo, g_hi = figs[f.partner], figs[g.partner]
                        lo.target = Target(value=g.value, unit=unit, text=g.n.raw)
                        f.target = Target(value=g_hi.value, unit=g_hi.unit.unit or unit, text=g_hi.n.raw)
                        consumed.add(g_hi.start)
                        cur_end = g_hi.end
                        j = g.partner + 1
                    else:
                        cur_end = max(g.end, g.n.end)
                        j += 1
                    continue
            # Achievement rate: `đạt 107,46% kế hoạch`.
            if (
                f.achievement is None
                and g.unit.kind == "percent"
                and r.achievement_link.match(between)
                and r.achievement_after is not None
                and r.achievement_after.match(folded[g.end : g.end + 30])
            ):
                f.achievement = g.value
                consumed.add(g.start)
                am = r.achievement_after.match(folded[g.end : g.end + 30])
                cur_end = g.end + (am.end() if am else 0)
                j += 1
                continue
            return

    def _qualify(self, f: _Fig, figs: list[_Fig], order: dict[int, int], text: str, folded: str, zs: int) -> None:
        r = self.r
        i = order[id(f)]
        ctx = max(zs, f.start - 80)
        left = folded[ctx : f.start]
        # Clause start.
        cut = 0
        for m in _CLAUSE_BREAK.finditer(left):
            cut = m.end()
        clause = left[cut:]
        # Range low end: the qualifier cue stands before the range opener.
        range_left = clause
        if f.range_part == "high" and f.partner is not None:
            lo = figs[f.partner]
            range_left = folded[max(zs, lo.start - 80) : lo.start]
        qual = None
        for pats in (r.qual_before, r.qual_before_gap):
            for pat, q in pats:
                qm = pat.search(range_left)
                blocked = (
                    ((f.unit.unit or "").startswith("lần") or pats is r.qual_before_gap)
                    and r.qual_block is not None
                    and bool(r.qual_block.search(range_left[: qm.end("q")]))
                    if qm
                    else False
                )  # `cao hơn 3 lần`, `cao hơn mức 10%`: a comparison, not a qualifier
                if qm and not blocked:
                    qual = q
                    break
            if qual is not None:
                break
        after = folded[f.end : f.end + 20]
        for pat, q in r.qual_after:
            if pat.match(after):
                qual = q
                break
        else:
            from_hit = False
            for pat, q in r.qual_from_after if r.level_from.search(clause) else []:
                if pat.match(after):
                    qual, from_hit = q, True  # `từ 20 hải lý vào bờ`: within
                    break
            if not from_hit and r.level_from.search(clause):
                # `từ 95% đơn thư trở lên`: the cue may follow a few words later
                tail = _TAIL.match(folded, f.end, f.end + 40)
                for pat, q in r.qual_after:
                    if tail and any(pat.match(tail.group(0)[k.start() :]) for k in regex.finditer(r"(?<!\S)", tail.group(0))):
                        qual = q
                        break
        if f.range_part is not None:
            if qual == "approx":
                f.qualifier = "approx"
            else:
                f.qualifier = "min" if f.range_part == "low" else "max"
        else:
            f.qualifier = qual
        # Change.
        f.change = self._change(clause, f.unit.kind)
        if f.unit.kind == "ratio" and (f.unit.unit or "").startswith("lần"):
            f.change = None  # `tăng gấp 3 lần` is a multiple
        nxt = next((g for g in figs[i + 1 :] if not g.drop), None)
        if (
            f.change
            and nxt is not None
            and nxt.zone == f.zone
            and nxt.start - f.end < 60
            and r.level_between.search(folded[f.end : nxt.start])
            and r.level_from.search(clause)
        ):
            f.change = None  # `giảm từ 401 xuống còn 208`: levels, not changes
        if f.change is None and f.unit.kind == "percent" and r.change_carry is not None:
            # `tăng trưởng … ước đạt 8,4%, phấn đấu cả năm đạt 9%`: the goal is a growth rate too
            prev = next((g for g in reversed(figs[:i]) if not g.drop and g.unit.kind is not None), None)
            if prev is not None and prev.unit.kind == "percent" and prev.change and prev.zone == f.zone:
                gap = folded[prev.end : f.start]
                if len(gap) < 80 and not _SENTENCE_BREAK.search(gap) and r.change_carry.search(gap):
                    f.change = prev.change
        if f.change == "increase" and f.value < 0:
            f.change = "decrease"  # `tăng trưởng âm 1,8%`
        if f.change is None and i > 0:
            prev = figs[i - 1]
            if prev.change and not prev.drop and prev.zone == f.zone:
                gap = folded[prev.end : f.start]
                if r.list_gap.fullmatch(gap) or (
                    prev.range_part == "low" and f.range_part == "high"
                ):
                    f.change = prev.change
        if f.range_part == "low" and f.partner is not None:
            hi = figs[f.partner]
            if f.change is None:
                f.change = self._change(clause + " " + folded[f.n.end : hi.start], f.unit.kind)
        # Period: the nearest period expression in the sentence.
        f.period = self._period(text, folded, f, zs)
        # Subject: the verb right before the figure.
        if r.subject_verbs is not None:
            bare = r.any_qual.sub("", clause.rstrip()).rstrip()
            m = r.subject_verbs.search(bare)
            if m:
                verb = text[ctx + cut + m.start() : ctx + cut + m.end()].strip()
                f.subject = f"{verb} {f.unit.unit}" if f.unit.kind in ("count", "ratio") and f.unit.unit else verb

    def _change(self, clause: str, kind: str | None) -> str | None:
        r = self.r
        best: tuple[int, str, int, int, frozenset[str]] | None = None
        for pat, value, gap, kinds in r.change_cues:
            for m in pat.finditer(clause):
                if r.change_block.match(clause[m.start() :]):
                    continue
                if best is None or m.start() > best[0] or (m.start() == best[0] and m.end() > best[2]):
                    best = (m.start(), value, m.end(), gap, kinds)
        if best is None:
            return None
        start, value, end, gap, kinds = best
        if kinds and kind not in kinds:
            return None  # the longest cue here (`tăng trưởng`) is for rates only
        between = clause[end:]
        for p in r.periods:
            between = p.sub(" ", between)
        between = _BARE_YEAR.sub(" ", between)
        if _DIGIT.search(between) or between.lstrip().startswith(","):
            return None
        if r.change_compare is not None and r.change_compare.match(between):
            return value  # `tăng so với cùng kỳ năm trước là 761 tỷ đồng`
        stripped = r.any_qual.sub("", between.rstrip()).rstrip()
        if r.change_level is not None and r.change_level.search(" " + stripped.strip()):
            # `giảm còn`, `tăng lên`, `giảm từ`: the level reached, not the change
            if stripped.strip():
                return None
        words = _WORD.findall(stripped)
        if kind == "count":
            gap = min(gap, 3)  # a count takes the change verb right before it (`giảm được 9 đầu mối`)
        if len(words) > gap:
            return None
        return value

    def _period(self, text: str, folded: str, f: _Fig, zs: int) -> str | None:
        s = max(zs, f.start - 200)
        left = folded[s : f.start]
        cut = 0
        for m in _SENTENCE_BREAK.finditer(left):
            cut = m.end()
        s += cut
        e = f.end
        m2 = _SENTENCE_BREAK.search(folded, f.end, min(len(folded), f.end + 200))
        e = m2.start() if m2 else min(len(folded), f.end + 200)
        best: tuple[int, int, int] | None = None
        for pat in self.r.periods:
            for m in pat.finditer(folded, s, e):
                if m.start() <= f.start < m.end():
                    continue
                d = f.start - m.end() if m.end() <= f.start else (m.start() - f.end) * 2
                if best is None or d < best[0]:
                    best = (d, m.start(), m.end())
        if best is None:
            # else the last period named earlier in the same paragraph (`Năm 2023, … . … 72 đảng viên`)
            back = max(zs, s - 400)
            for pat in self.r.periods:
                for m in pat.finditer(folded, back, s):
                    if best is None or m.end() > best[2]:
                        best = (0, m.start(), m.end())
        if best is None:
            return None
        return text[best[1] : best[2]]


def _convention(text: str) -> str:
    """The separator convention, not misled by document symbols.

    ``detect_convention`` counts ``66.13`` in ``Nghị quyết số 66.13/2026`` as English
    evidence; numbers written before a slash (symbols, dates, ratios) say nothing about
    the article's separators, so they are blanked out first.
    """
    return detect_convention(_SLASHED.sub(" ", text))


def _sentence_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence holding ``text[start:end]`` (at most ~120 characters either side) and
    the offset of ``start`` in it."""
    a = max(0, start - 120)
    for m in _SENT_B.finditer(text, a, start):
        a = m.end()
    while a < start and text[a].isspace():
        a += 1
    m2 = _SENT_B.search(text, end, min(len(text), end + 120))
    b = m2.end() if m2 else min(len(text), end + 120)
    return text[a:b].rstrip(), start - a


def _year_like(n: Numeral) -> bool:
    return n.form == "digits" and len(n.raw) == 4 and n.raw.isdigit() and 1900 <= n.value <= 2100


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _scale_factor(n: Numeral) -> float | None:
    """The multiplier the scale word of ``n`` applied (``7,5 triệu`` → 1e6)."""
    m = _DIGITS.search(n.raw)
    if not m:
        return None
    parsed = parse_numeral(m.group(0))
    if not parsed or not parsed[0]:
        return None
    return n.value / parsed[0]


def _restates(f: _Fig, b: _Fig, same_noun: bool = False) -> bool:
    """``f`` (headline, lead, caption) states the body figure ``b`` again, maybe rounded."""
    if f.unit.kind != b.unit.kind and not {f.unit.kind, b.unit.kind} <= {"count", "ratio"}:
        return False
    if math.isclose(f.value, b.value, rel_tol=1e-9):
        if same_noun and f.unit.kind == b.unit.kind == "count" and abs(f.value) < 100 and f.unit.unit and b.unit.unit:
            # `2 gia đình` in the lead and `hai ngôi nhà` in the body: a small count of
            # other things is another figure, not a restatement (the lead states facts of its own)
            return bool(set(_fold(f.unit.unit).split()) & set(_fold(b.unit.unit).split()))
        return True
    big = max(abs(f.value), abs(b.value))
    tolerance = 0.1 if f.qualifier else 0.03  # `hơn 60 nghìn tỷ` for 60.160 tỷ
    return big >= 100 and abs(f.value - b.value) / big <= tolerance


# --- factory --------------------------------------------------------------------------------


@Language.factory("vnx_indicators", assigns=["doc.spans"])
def make_extractor(nlp: Language, name: str) -> Extractor:
    return Extractor(IndicatorRules())


# --- rule examples ----------------------------------------------------------------------------


def _matches(rec: dict[str, Any], expect: dict[str, Any]) -> bool:
    for key, want in expect.items():
        got = rec.get(key)
        if key == "target" and isinstance(want, dict):
            if got is None:
                return False
            for k, v in want.items():
                g = got.get(k)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    if g is None or not math.isclose(float(g), float(v), rel_tol=1e-9):
                        return False
                elif g != v:
                    return False
            continue
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            if got is None or not math.isclose(float(got), float(want), rel_tol=1e-9):
                return False
        elif got != want:
            return False
    return True


def _records(text: str) -> list[dict[str, Any]]:
    from ..extraction import extract

    return [i.model_dump() for i in extract(text).indicators]


def check_example(entry: RuleEntry, example: Example) -> None:
    """Rule-example runner: a record with the expected values is extracted."""
    recs = _records(example.text)
    if not any(_matches(r, example.expect) for r in recs):
        shown = [{k: r[k] for k in ("value", "kind", "unit", "qualifier", "change", "target", "achievement_pct", "total", "period", "subject")} for r in recs]
        raise AssertionError(f"{entry.id}: no record {example.expect} in {example.text!r}; got {shown}")


def check_counterexample(entry: RuleEntry, text: str) -> None:
    """Counterexample runner: the entry's words yield no such record."""
    recs = _records(text)
    bad: list[dict[str, Any]] = []
    if isinstance(entry, ExclusionEntry):
        bad = recs
    elif isinstance(entry, UnitEntry):
        units = {entry.canonical} if entry.canonical else set(entry.surface)
        if entry.kind == "money_scale":
            bad = [r for r in recs if r["kind"] == "money"]
        else:
            kind = {"percent": "percent", "currency": "money", "measure": "measure", "multiple": "ratio"}.get(entry.kind)
            bad = [
                r
                for r in recs
                if (r["unit"] in units or r["unit"] in entry.surface) and (kind is None or r["kind"] == kind)
            ]
    elif isinstance(entry, CueEntry):
        if entry.role in ("qualifier", "qualifier_from_after"):
            bad = [r for r in recs if r["qualifier"] == entry.value]
        elif entry.role == "change":
            bad = [r for r in recs if r["change"] == entry.value]
        elif entry.role == "target":
            bad = [r for r in recs if r["target"] is not None]
        elif entry.role == "achievement":
            bad = [r for r in recs if r["achievement_pct"] is not None]
        else:
            bad = recs
    if bad:
        raise AssertionError(f"{entry.id}: unexpected records from {text!r}: {[(r['value'], r['unit']) for r in bad]}")

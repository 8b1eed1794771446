"""Vietnamese numerals: digits with Vietnamese separators, scale words and number words.

This is the one place that knows how Vietnamese writes numbers:

* ``.`` groups thousands and ``,`` is the decimal mark (``2.257`` = 2257,
  ``107,46`` = 107.46). A few documents use the English convention; see
  :func:`detect_convention`.
* Scale words multiply (``1,2 tỷ`` = 1 200 000 000, ``2 vạn`` = 20 000,
  ``1 triệu 200 nghìn`` = 1 200 000, ``1,5 nghìn tỷ`` = 1.5e12).
* Number words count (``ba mươi hai`` = 32, ``một trăm linh năm`` = 105,
  ``hai nghìn không trăm hai mươi`` = 2020).

Every Vietnamese word the reader knows (digit words, scale words, the words that
block a reading, date cues, range connectors) lives in ``rules/numerals.yaml``; the code
holds the grammar only. The data is loaded on first use and the regular expressions are
compiled once from it.

Decisions worth knowing (each has a test):

* ``năm`` is five only where it is a number: at the start of a numeral followed by a
  counted noun (``năm đảng viên``), before ``mươi``/``trăm``/a scale word (``năm mươi``),
  after ``linh``/``lẻ`` (``một trăm linh năm``), or as the first of ``năm năm``. After
  ``mười``/``mươi``/``trăm`` or a scale word it is the noun *year* unless a multiplier
  follows: ``hai mươi năm`` is 20 (then "years"); 25 is written ``hai mươi lăm``. It is
  never a number right after another numeral (``5 năm``), before a year, a time word or
  punctuation (``năm 2023``, ``năm nay``, ``năm học``, ``hết năm.``) or after
  ``hằng``/``các``/``những``/….
* ``một`` alone is returned (the caller decides whether it is an article) except in
  fixed words (``một số``, ``một cách``, ``một nửa``, ``một cửa`` …).
* A number word written with a capital inside a sentence (``quận Ba Đình``,
  ``ông Nguyễn Văn Hai``, ``anh Tư``), or at the start of a sentence before another
  capitalised word (``Hai Bà Trưng``), is a name, not a number.
* Not returned: dates (``02/02/2024``, ``25/10``, ``20.4.2017``, ``6/2012``,
  ``ngày 5 tháng 3 năm 2024``), times (``06:59``, ``7h``, ``14h30``), phone numbers,
  document symbols (``10-CT/TW``, ``100/2019/NĐ-CP``, ``Nghị định 23/2020``) and
  alphanumeric codes (``B61-12``, ``QL1A``, ``Covid-19``, ``5G``). A bare year
  (``năm 2023``) and a month number (``tháng 6``) *are* returned: they are numerals,
  and the caller knows the word before them.
* ``d/m`` with ``d`` ≤ 31 and ``m`` ≤ 12 is a date when a date cue precedes it
  (``ngày``, ``sáng``, ``từ`` …), when it has a leading zero, when ``d > m``, or when
  no lower-case word follows it (``20/6,``); otherwise it is a ratio and gives two
  numerals (``đạt 8/9 chỉ tiêu``). ``d-m`` is a date after a cue or when ``d > m``;
  otherwise a range (``3-5 người``).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, NamedTuple

import regex
from pydantic import Field, model_validator

from .errors import RuleDataError
from .ruleset import Example, RuleEntry, load_rules

__all__ = [
    "Numeral",
    "NumeralRule",
    "check_counterexample",
    "check_example",
    "detect_convention",
    "find_numerals",
    "find_ranges",
    "parse_number_words",
    "parse_numeral",
]

# --- rule data -------------------------------------------------------------------------

Kind = Literal[
    "digit",
    "ten",
    "tens",
    "linh",
    "scale",
    "half",
    "sign",
    "block_after",
    "block_before",
    "date_cue",
    "date_follow",
    "date_word",
    "time_suffix",
    "range_connector",
    "range_opener",
]
Position = Literal["start", "after_ten", "after_tens", "after_linh", "abbrev", "before_hundred"]

_VOCAB_KINDS = frozenset({"digit", "ten", "tens", "linh", "scale", "half", "sign"})
_CONTEXT_KINDS = frozenset({"block_after", "block_before", "date_cue", "date_follow", "date_word", "time_suffix"})
_RANGE_KINDS = frozenset({"range_connector", "range_opener"})


class NumeralRule(RuleEntry):
    """One entry of ``rules/numerals.yaml`` (see the header of that file for the kinds)."""

    kind: Kind
    words: list[str] = Field(min_length=1)
    value: float | None = None
    positions: list[Position] = Field(default_factory=list)
    noun_reading: bool = False
    not_before: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)
    role: Literal["day", "month", "year"] | None = None
    minutes: Literal["optional", "required"] | None = None
    separators: list[Literal["/", "-", "."]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> NumeralRule:
        needs_value = {"digit", "ten", "tens", "scale", "half", "sign"}
        if self.kind in needs_value and self.value is None:
            raise ValueError(f"kind {self.kind!r} needs a value")
        if self.kind not in needs_value and self.value is not None:
            raise ValueError(f"kind {self.kind!r} takes no value")
        if self.kind == "digit" and not self.positions:
            raise ValueError("a digit word needs positions")
        if self.kind not in {"digit", "ten"} and self.positions:
            raise ValueError(f"kind {self.kind!r} takes no positions")
        if self.noun_reading and self.kind != "digit":
            raise ValueError("noun_reading is for digit words")
        if (self.kind == "date_word") != (self.role is not None):
            raise ValueError("role is required for, and only for, date_word")
        if (self.kind == "time_suffix") != (self.minutes is not None):
            raise ValueError("minutes is required for, and only for, time_suffix")
        if (self.kind == "date_cue") != bool(self.separators):
            raise ValueError("separators are required for, and only for, date_cue")
        if (self.not_before or self.not_after) and self.kind not in {"digit", "ten", "scale"}:
            raise ValueError(f"kind {self.kind!r} takes no not_before/not_after")
        return self


# --- public record -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Numeral:
    """A numeral found in text.

    Attributes:
        value: The number with scale words applied (``"1,2 tỷ"`` → 1 200 000 000.0).
        start: Offset of the first character in the string given to :func:`find_numerals`.
        end: Offset one past the last character.
        raw: ``text[start:end]`` (sign and scale words included, a following ``%`` not).
        form: ``"digits"``, ``"words"`` or ``"scaled"`` (digits or words with a scale word;
            in words, only ``nghìn``/``vạn``/``triệu``/``tỷ`` count as scale, ``trăm`` and
            ``chục`` being place values: ``ba trăm`` is ``words``, ``3 trăm`` ``scaled``).
        scale: The scale word(s) as written, lower case (``"tỷ"``, ``"nghìn tỷ"``), else None.
        ambiguous: A short note when the separator reading was a guess, else None.
    """

    value: float
    start: int
    end: int
    raw: str
    form: str
    scale: str | None
    ambiguous: str | None


# --- compiled grammar ------------------------------------------------------------------


class _Word(NamedTuple):
    kind: str
    value: Decimal
    positions: frozenset[str]
    noun_reading: bool
    not_before: tuple[str, ...]
    not_after: frozenset[str]


class _Tok(NamedTuple):
    kind: str  # "d" digits, "w" word
    start: int
    end: int
    word: str  # lower-case word ("" for digits)
    value: Decimal | int  # int when written without separators (cheaper)
    note: str | None


_B = r"(?<![\p{L}\p{M}\p{N}])"
_E = r"(?![\p{L}\p{M}\p{N}])"
_WORDCHARS = r"[\p{L}\p{M}\p{N}]"


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


def _alt(words: Any) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _trie(words: Any) -> str:
    """An alternation of ``words`` factored on first letters (much faster to scan)."""
    groups: dict[str, list[str]] = {}
    for w in set(words):
        groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for first, rests in sorted(groups.items()):
        tails = sorted(rests, key=lambda r: (-len(r), r))
        alts = "|".join(regex.escape(r) for r in tails if r)
        if "" in rests:
            alts = f"(?:{alts})?" if alts else ""
        else:
            alts = f"(?:{alts})"
        parts.append(regex.escape(first) + alts)
    return "|".join(parts)


class _Grammar:
    """Everything compiled from ``numerals.yaml``; built once (see :func:`_grammar`)."""

    def __init__(self, entries: tuple[NumeralRule, ...]) -> None:
        self.lex: dict[str, _Word] = {}
        self.block_after: set[str] = set()
        self.block_before: set[str] = set()
        self.date_cues: dict[str, set[str]] = {}
        self.date_follow: set[str] = set()
        date_words: dict[str, set[str]] = {"day": set(), "month": set(), "year": set()}
        time_parts: list[str] = []
        connectors: list[str] = []
        openers: list[str] = []
        for e in entries:
            words = [_nfc(w).lower() for w in e.words]
            if e.kind in _VOCAB_KINDS:
                for w in words:
                    if w in self.lex:
                        raise RuleDataError("numerals.yaml", e.id, f"word {w!r} defined twice")
                    self.lex[w] = _Word(
                        e.kind,
                        Decimal(str(e.value)) if e.value is not None else Decimal(0),
                        frozenset(e.positions) | ({"start"} if e.kind == "ten" else set()),
                        e.noun_reading,
                        tuple(_nfc(x).lower() for x in e.not_before),
                        frozenset(_nfc(x).lower() for x in e.not_after),
                    )
            elif e.kind == "block_after":
                self.block_after.update(words)
            elif e.kind == "block_before":
                self.block_before.update(words)
            elif e.kind == "date_cue":
                for w in words:
                    self.date_cues.setdefault(w, set()).update(e.separators)
            elif e.kind == "date_follow":
                self.date_follow.update(words)
            elif e.kind == "date_word":
                assert e.role is not None
                date_words[e.role].update(words)
            elif e.kind == "time_suffix":
                mins = r"\d{2}" if e.minutes == "required" else r"(?:\d{2})?"
                time_parts.append(_B + r"\d{1,2}(?i:" + _alt(words) + ")" + mins + _E)
            elif e.kind == "range_connector":
                connectors.extend(words)
            elif e.kind == "range_opener":
                openers.extend(words)
        for role, ws in date_words.items():
            if not ws:
                raise RuleDataError("numerals.yaml", None, f"no date_word with role {role!r}")
        if not connectors:
            raise RuleDataError("numerals.yaml", None, "no range_connector")
        self.numberish = frozenset(w for w, x in self.lex.items() if x.kind in {"digit", "ten", "tens", "scale", "linh"})
        self.noun_words = frozenset(w for w, x in self.lex.items() if x.noun_reading)
        day, month, year = (_trie(date_words[r]) for r in ("day", "month", "year"))
        # One pattern, compiled twice: case-sensitive for the lower-cased text (the usual
        # path, about a third faster) and case-insensitive for texts whose lower-casing
        # changes their length. Every branch opens with a cheap test on the current
        # character; the word branch has no left-boundary look-behind (the costliest
        # part of a scan) because _tokens checks the character before instead.
        digit_skip = "|".join(
            [
                # full dates 02/02/2024, 20.4.2017, 20-6-2024
                r"(?:0?[1-9]|[12][0-9]|3[01])(?P<s1>[/.\-])(?:0?[1-9]|1[0-2])(?P=s1)\d{2,4}(?!\p{N}|[.,]\p{N})",
                # times 06:59, 7h, 14h30, 6g30
                r"\d{1,2}:\d{2}(?::\d{2})?(?!\p{N})",
                *time_parts,
                # phone numbers
                r"0\d{8,10}" + _E,
                r"0\d{2,4}(?:[. ]\d{3,4}){2,3}" + _E,
                # document symbols 10-CT/TW, 100/2019/NĐ-CP, 1234/QĐ-UBND
                # (30a/2008/NQ-CP: one letter after the number only before "/<digits>")
                r"\d+(?:[.,]\d+)*(?:\p{L}(?=/\d))?(?:/\d+)*[-/]\p{L}[\p{L}\p{M}\p{N}]*(?:[-/.&][\p{L}\p{M}\p{N}]+)*",
                # number/year (documents) and month/year: 23/2020, 12/2016, 6.2012, 6-2017
                r"\d{1,4}(?:\.\d{1,3})?/(?:19|20)\d{2}(?!\p{N}|[.,]\p{N})",
                r"\d{1,2}[.\-](?:19|20)\d{2}(?!\p{N}|[.,/\-]\p{N})",
            ]
        )
        # Digits are not numerals when glued to letters before them (QL1A, COP26), nor
        # after a letter code and a hyphen or slash (B61-12, Covid-19, SARS-CoV-2).
        digit_start = r"(?<![\p{L}\p{M}\p{N}])(?<![\p{L}\p{M}][\p{L}\p{M}\p{N}]*[-/])"
        # A sign is a sign only where no number stands just before it ("3 - 5" is a range).
        sign = r"[-−+](?<![\p{N}%‰][ \t]{0,3}.)(?<![^\s(\[:;=\"“'].)(?=\p{N})"
        pattern = (
            r"(?=\p{N})" + digit_start + r"(?:"
            r"(?P<skip>" + digit_skip + r")"
            r"|(?P<dm>(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})" + _E + r"(?![.,/:\-]\p{N}))"
            # digits + one letter: 1A, 5G are codes; 5m, 5g are numerals (decided on case)
            r"|(?P<one>\d+)\p{L}" + _E + r""
            r"|(?P<num>\d+(?:[.,]\d+)*))"
            r"|(?P<snum>" + sign + r"\d+(?:[.,]\d+)*)"
            r"|(?P<word>(?:" + _trie(self.lex) + r")" + _E + r")"
        )
        self.master = regex.compile(pattern)
        self.master_ci = regex.compile(pattern, regex.IGNORECASE)
        # Dates in words: "ngày 5 tháng 3 (năm 2024)", "tháng 6 năm 2023" (checked at the digits).
        self.day_words = frozenset(date_words["day"])
        self.month_words = frozenset(date_words["month"])
        self.after_day = regex.compile(
            r"[ \t]+(?i:" + month + r")[ \t]+\d{1,2}(?:[ \t]*,?[ \t]*(?i:" + year + r")[ \t]+\d{2,4})?(?!\p{N})"
        )
        self.after_month = regex.compile(r"[ \t]*,?[ \t]*(?i:" + year + r")[ \t]+\d{4}(?!\p{N})")
        self.scale_words = frozenset(w for w, x in self.lex.items() if x.kind == "scale")
        word_conn = [c for c in connectors if regex.match(r"\p{L}", c)]
        sym_conn = [c for c in connectors if c not in word_conn]
        conn = []
        if word_conn:
            conn.append(r"(?<![\p{L}\p{M}])(?i:" + _alt(word_conn) + r")(?![\p{L}\p{M}])")
        if sym_conn:
            conn.append(r"(?:" + _alt(sym_conn) + r")")
        self.range_gap = regex.compile(
            r"[ \t]*(?P<unit>%|‰|[\p{L}\p{M}]{1,4}[23²³]?)?[ \t]*(?:" + "|".join(conn) + r")[ \t]*"
        )
        self.range_opener = (
            regex.compile(_B + r"(?i:" + _alt(openers) + r")[ \t]+$") if openers else None
        )


@functools.cache
def _grammar() -> _Grammar:
    return _Grammar(load_rules("numerals", NumeralRule))


# --- separators ------------------------------------------------------------------------

_DIGITS_RAW = regex.compile(r"[-−+]?[0-9]+(?:[.,][0-9]+)*")
_VI_THOUSANDS = regex.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_VI_DECIMAL = regex.compile(r"[0-9]+,[0-9]+")
_EN_THOUSANDS = regex.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_EN_DECIMAL = regex.compile(r"[0-9]+\.[0-9]+")
_AMBIG_COMMA = regex.compile(r"[1-9][0-9]{0,2},[0-9]{3}")
_AMBIG_DOT = regex.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")

# Evidence for a convention. Strong: numerals only one convention can read. Weak: one
# three-digit group (``1.300`` reads as thousands in vi, ``1,300`` in en; a decimal
# with three digits is rarer than a thousands group in either). Each alternative starts
# on the first digit, consumed before the look-behind checks the character before it
# (a scan that opens with a look-behind is many times slower). Numerals followed by a
# slash are document numbers (``Nghị quyết số 66.13/2026``) and do not count.
_CONVENTION_EVIDENCE = regex.compile(
    r"[0-9](?<![0-9.,/].)(?:"
    r"(?P<vi>[0-9]{0,2}(?:\.[0-9]{3}){2,}"  # 1.234.567
    r"|[0-9]{0,2}(?:\.[0-9]{3})+,[0-9]+"  # 1.234,5
    r"|[0-9]*,[0-9]{1,2}"  # 107,46  2,5
    r"|(?<=0),[0-9]+)"  # 0,257
    r"|(?P<en>[0-9]{0,2}(?:,[0-9]{3}){2,}"  # 1,234,567
    r"|[0-9]{0,2}(?:,[0-9]{3})+\.[0-9]+"  # 1,234.5
    r"|[0-9]*\.(?!0(?![0-9]))[0-9]{1,2}"  # 3.5 (not 4.0)
    r"|(?<=0)\.[0-9]+)"  # 0.257
    r"|(?P<weak_vi>[0-9]{0,2}\.[0-9]{3})"  # 1.300
    r"|(?P<weak_en>[0-9]{0,2},[0-9]{3})"  # 1,300
    r")(?![0-9/]|[.,][0-9])"
)


def _read_vi(s: str) -> Decimal | None:
    if _VI_THOUSANDS.fullmatch(s) or _VI_DECIMAL.fullmatch(s):
        return Decimal(s.replace(".", "").replace(",", "."))
    return None


def _read_en(s: str) -> Decimal | None:
    if _EN_THOUSANDS.fullmatch(s) or _EN_DECIMAL.fullmatch(s):
        return Decimal(s.replace(",", ""))
    return None


def _fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


def _parse_digits(raw: str, convention: str) -> tuple[Decimal | int, str | None] | None:
    if not _DIGITS_RAW.fullmatch(raw):
        return None
    neg = raw[0] in "-−"
    s = raw.lstrip("-−+")
    value: Decimal | int
    if s.isdigit():
        value, note = int(s), None
    else:
        vi, en = _read_vi(s), _read_en(s)
        mine, other = (vi, en) if convention == "vi" else (en, vi)
        other_name = "en" if convention == "vi" else "vi"
        if mine is not None:
            value, note = mine, None
            if other is not None and other != mine:
                # In a vi document the dot-thousands form is the norm: no note.
                if not (convention == "vi" and _AMBIG_DOT.fullmatch(s)):
                    note = f"{convention} separators assumed ({other_name} reading: {_fmt(other)})"
        elif other is not None:
            value, note = other, f"{other_name} separators (invalid as {convention})"
        else:
            return None
    return (-value if neg else value), note


# --- context helpers -------------------------------------------------------------------

_PREV_WORD = regex.compile(r"(?r)([\p{L}\p{M}\p{N}]+)[ \t]*\Z")
_NEXT_WORDS = regex.compile(r"[ \t]*([\p{L}\p{M}\p{N}]+)(?:[ \t]+([\p{L}\p{M}\p{N}]+))?")
_NEXT_LOWER = regex.compile(r"[ \t]+\p{Ll}")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
_SENTENCE_OPENERS = "\"“'‘([{ \t"
_SENTENCE_ENDS = ".!?…:;\n-–—•*+"


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def _next_words(text: str, pos: int) -> tuple[str, str, str]:
    """(first word lower, "first second" lower, first word as written) after ``pos``."""
    m = _NEXT_WORDS.match(text, pos)
    if not m:
        return "", "", ""
    w1 = m.group(1)
    w2 = m.group(2)
    first = w1.lower()
    return first, (first + " " + w2.lower()) if w2 else first, w1


def _is_title(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:] != word[1:].upper()


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in _SENTENCE_OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS


def _is_numberish(g: _Grammar, word: str) -> bool:
    return bool(word) and (word[0].isdigit() or word in g.numberish)


# --- tokenising --------------------------------------------------------------------------


def _tokens(text: str, g: _Grammar, convention: str) -> list[_Tok]:
    toks: list[_Tok] = []
    low = text.lower()
    same = len(low) == len(text)
    scan = g.master.finditer(low) if same else g.master_ci.finditer(text)
    skip_until = 0
    for m in scan:
        kind = m.lastgroup
        start, end = m.span()
        if kind == "skip" or start < skip_until:
            continue
        if kind == "word":
            word = low[start:end] if same else m.group().lower()
            if start and _WORD_CHAR.match(text[start - 1]):
                if text[start - 1].isdigit() and word in g.scale_words:
                    toks.append(_Tok("w", start, end, word, 0, None))  # "5tỷ"
                continue
            toks.append(_Tok("w", start, end, word, 0, None))
            continue
        if kind == "num" and end - start <= 2:
            # "ngày 5 tháng 3 năm 2024", "tháng 6 năm 2023": a date in words
            prev = _prev_word(text, start)
            d = None
            if prev in g.day_words:
                d = g.after_day.match(text, end)
            elif prev in g.month_words:
                d = g.after_month.match(text, end)
            if d is not None:
                skip_until = d.end()
                continue
        if kind == "dm":
            sa, sb, sep = m.group("a"), m.group("b"), m.group("sep")
            if _is_date(text, m, g, int(sa), int(sb), sa, sb, sep):
                continue
            if sep == ".":
                parsed = _parse_digits(m.group(), convention)
                if parsed is not None:
                    toks.append(_Tok("d", start, end, "", parsed[0], parsed[1]))
                continue
            toks.append(_Tok("d", m.start("a"), m.end("a"), "", int(sa), None))
            toks.append(_Tok("d", m.start("b"), m.end("b"), "", int(sb), None))
            continue
        if kind == "one":
            if not text[end - 1].isupper():  # 5m, 5g are numerals; 1A, 5G are codes
                toks.append(_Tok("d", start, m.end("one"), "", int(m.group("one")), None))
            continue
        raw = m.group()
        parsed = _parse_digits(raw, convention)
        if parsed is not None:
            toks.append(_Tok("d", start, end, "", parsed[0], parsed[1]))
        else:  # "3,4,5": a list, not one numeral
            for p in regex.finditer(r"\d+", raw):
                toks.append(_Tok("d", start + p.start(), start + p.end(), "", int(p.group()), None))
    return toks


def _is_date(text: str, m: Any, g: _Grammar, a: int, b: int, sa: str, sb: str, sep: str) -> bool:
    if not (1 <= a <= 31 and 1 <= b <= 12):
        return False
    if (len(sa) == 2 and sa[0] == "0") or (len(sb) == 2 and sb[0] == "0"):
        return True
    prev = _prev_word(text, m.start())
    if sep in g.date_cues.get(prev, ()):
        return True
    if sep == ".":
        return False
    if a > b:
        return True
    if sep == "-":
        return False
    if not _NEXT_LOWER.match(text, m.end()):
        return True
    return _next_words(text, m.end())[0] in g.date_follow


# --- the numeral reader ------------------------------------------------------------------


class _Reader:
    """Reads numerals from one run of adjacent tokens."""

    def __init__(self, text: str, toks: list[_Tok], g: _Grammar) -> None:
        self.text, self.toks, self.g, self.n = text, toks, g, len(toks)

    def lw(self, j: int) -> _Word | None:
        if j < self.n and self.toks[j].kind == "w":
            return self.g.lex.get(self.toks[j].word)
        return None

    def scale_ok(self, j: int) -> bool:
        """The scale word at ``j`` is not cancelled by the word after it (``tỷ lệ``)."""
        e = self.lw(j)
        if e is None or e.kind != "scale":
            return False
        if e.not_before:
            w1, w12, _ = _next_words(self.text, self.toks[j].end)
            if w1 in e.not_before or w12 in e.not_before:
                return False
        if e.not_after and _prev_word(self.text, self.toks[j].start) in e.not_after:
            return False
        return True

    def scale_chain(self, j: int, min_value: int) -> tuple[Decimal | None, int, str | None]:
        product: Decimal | None = None
        last = Decimal(0)
        words: list[str] = []
        while True:
            e = self.lw(j)
            if e is None or e.kind != "scale" or e.value < min_value or e.value <= last or not self.scale_ok(j):
                break
            product = e.value if product is None else product * e.value
            last = e.value
            words.append(self.toks[j].word)
            j += 1
        return product, j, (" ".join(words) if words else None)

    def continues(self, j: int) -> bool:
        e = self.lw(j)
        return e is not None and e.kind in {"tens", "scale"}

    def digit_at(self, j: int, position: str) -> _Word | None:
        """The digit word at ``j`` if it may stand in ``position``."""
        e = self.lw(j)
        if e is None or e.kind != "digit" or position not in e.positions:
            return None
        if e.value < 1 and position != "before_hundred":
            return None
        if e.noun_reading and position in {"after_ten", "after_tens", "abbrev"}:
            nxt = self.lw(j + 1)
            if nxt is None or nxt.kind != "scale" or nxt.value < 1000:
                return None
        return e

    # words ------------------------------------------------------------------------
    def tens(self, j: int, bare: bool) -> tuple[Decimal, int] | None:
        e = self.lw(j)
        if e is None:
            return None
        if e.kind == "ten":
            d = self.digit_at(j + 1, "after_ten")
            return (e.value + d.value, j + 2) if d else (e.value, j + 1)
        if e.kind == "digit" and "start" in e.positions and e.value >= 1:
            e1 = self.lw(j + 1)
            if e1 is not None and e1.kind == "tens" and e.value >= 2:
                d = self.digit_at(j + 2, "after_tens")
                v = e.value * e1.value
                return (v + d.value, j + 3) if d else (v, j + 2)
            if e1 is not None and e1.kind == "scale" and e1.value == 10 and self.scale_ok(j + 1):
                return e.value * e1.value, j + 2
            if bare:
                return e.value, j + 1
        return None

    def small(self, j: int, after_scale: bool) -> tuple[Decimal, int] | None:
        """A number below one thousand in words."""
        e = self.lw(j)
        if e is None:
            return None
        e1 = self.lw(j + 1)
        hundreds = e1 is not None and e1.kind == "scale" and e1.value == 100
        if hundreds and e.kind == "digit" and self.scale_ok(j + 1):
            ok = ("start" in e.positions and e.value >= 1) or ("before_hundred" in e.positions and after_scale)
            if ok:
                v = e.value * e1.value  # type: ignore[union-attr]
                m = j + 2
                e2 = self.lw(m)
                if e2 is not None and e2.kind == "linh":
                    d = self.digit_at(m + 1, "after_linh")
                    return (v + d.value, m + 2) if d else (v, m)
                t = self.tens(m, bare=False)
                if t is not None:
                    return v + t[0], t[1]
                d = self.digit_at(m, "abbrev")
                if d is not None and not self.continues(m + 1):
                    return v + d.value * 10, m + 1
                if e2 is not None and e2.kind == "half":
                    return v + e1.value * e2.value, m + 1  # type: ignore[union-attr]
                return v, m
        if e.kind == "linh" and after_scale:
            d = self.digit_at(j + 1, "after_linh")
            return (d.value, j + 2) if d else None
        return self.tens(j, bare=not after_scale)

    def words(self, k: int) -> tuple[Decimal, int, str | None] | None:
        total = Decimal(0)
        last: Decimal | None = None
        j = k
        scale: str | None = None
        while True:
            if last is not None:
                e = self.lw(j)
                if e is not None and e.kind == "half":
                    total += last * e.value
                    j += 1
                    break
                d = self.digit_at(j, "abbrev")
                if d is not None and not self.continues(j + 1):
                    total += d.value * last / 10
                    j += 1
                    break
            r = self.small(j, after_scale=last is not None)
            if r is None:
                break
            small, j2 = r
            chain, j3, words = self.scale_chain(j2, 1000)
            if chain is not None:
                if last is not None and chain >= last:
                    break
                total += small * chain
                last = chain
                scale = scale or words
                j = j3
                continue
            total += small
            j = j2
            break
        if j == k:
            return None
        return total, j, scale

    def words_context_ok(self, i: int, k: int, j: int) -> bool:
        """Whether the words numeral toks[k:j] (sign at i) is a number here."""
        text, g = self.text, self.g
        first = self.toks[k]
        written = text[first.start : first.end]
        prev = _prev_word(text, self.toks[i].start)
        w1, w12, w1_written = _next_words(text, self.toks[j - 1].end)
        if self.toks[i].start and text[self.toks[i].start - 1] == "/":
            return False  # a per-unit: "đồng/năm", "7%/năm"
        if _is_title(written):
            if not _sentence_start(text, self.toks[i].start) or _is_title(w1_written):
                return False
        if prev in g.block_after or w1 in g.block_before:
            return False
        if j - k != 1:
            return True
        e = g.lex[first.word]
        if e.noun_reading:
            if w1 in g.noun_words:
                return True  # "năm năm": the first is the number
            if _is_numberish(g, prev) or _is_numberish(g, w1) or not w1:
                return False  # "5 năm", "năm 2023", "hết năm."
        if prev in e.not_after:
            return False
        return not (w1 in e.not_before or w12 in e.not_before)

    # digits -----------------------------------------------------------------------
    def digits(self, k: int) -> tuple[Decimal, int, str | None, str | None]:
        t = self.toks[k]
        value, note = t.value, t.note
        chain, j, scale = self.scale_chain(k + 1, 0)
        if chain is None:
            return value, k + 1, None, note
        total = value * chain
        last = chain
        while j < self.n:
            e = self.lw(j)
            if e is not None and e.kind == "half":
                total += last * e.value if value >= 0 else -last * e.value
                j += 1
                break
            if self.toks[j].kind == "d" and self.toks[j].value >= 0:
                c2, j2, _ = self.scale_chain(j + 1, 0)
                if c2 is not None and c2 < last:
                    more = self.toks[j].value * c2
                    total += more if value >= 0 else -more
                    note = note or self.toks[j].note
                    last = c2
                    j = j2
                    continue
            break
        return total, j, scale, note

    def numeral(self, i: int) -> tuple[Numeral | None, int]:
        """Read a numeral starting at token ``i``: (numeral or None, next index)."""
        toks = self.toks
        k = i
        sign = Decimal(1)
        e = self.lw(i)
        if e is not None and e.kind == "sign":
            if i + 1 >= self.n:
                return None, i + 1
            sign = e.value
            k = i + 1
        if toks[k].kind == "d":
            value, j, scale, note = self.digits(k)
            form = "scaled" if scale else "digits"
        else:
            r = self.words(k)
            if r is None:
                return None, i + 1
            value, j, scale = r
            if not self.words_context_ok(i, k, j):
                return None, j
            form = "scaled" if scale else "words"
            note = None
        start, end = toks[i].start, toks[j - 1].end
        num = Numeral(
            value=float(value * sign),
            start=start,
            end=end,
            raw=self.text[start:end],
            form=form,
            scale=scale,
            ambiguous=note,
        )
        return num, j


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for t in toks:
        if cur:
            gap = text[cur[-1].end : t.start]
            joined = (gap != "" and not gap.strip(" \t")) or (gap == "" and t.kind == "w" and cur[-1].kind == "d")
            if not joined:
                runs.append(cur)
                cur = []
        cur.append(t)
    if cur:
        runs.append(cur)
    return runs


# --- public API --------------------------------------------------------------------------


def detect_convention(text: str) -> str:
    """Decide which separator convention a document uses.

    Counts the numerals that only one convention can read (``1.234.567``, ``107,46``,
    ``2,5 triệu`` for Vietnamese; ``1,234,567``, ``3.5%`` for English; weight 2) and the
    single three-digit groups that are far likelier thousands than decimals (``1.300``
    for Vietnamese, ``1,300`` for English; weight 1). A document is English only with at
    least one strong English numeral and a higher English score: the ambiguous
    ``2,257`` alone never turns a document English. Ties and documents without
    evidence are Vietnamese, the norm. ``x.0`` (``công nghiệp 4.0``) and numbers before
    a slash (``số 66.13/2026``) are not evidence.

    Args:
        text: The whole document.

    Returns:
        ``"vi"`` (dot groups thousands, comma is the decimal mark) or ``"en"``.

    Example:
        >>> detect_convention("Toàn tỉnh có 1.234.567 dân, tăng 2,5%.")
        'vi'
        >>> detect_convention("Tăng trưởng 6.5%, vốn 1,234,567 USD.")
        'en'
    """
    vi = en = 0
    strong_en = False
    for m in _CONVENTION_EVIDENCE.finditer(text):
        if m.start("vi") >= 0:
            vi += 2
        elif m.start("en") >= 0:
            en += 2
            strong_en = True
        elif m.start("weak_vi") >= 0:
            vi += 1
        else:
            en += 1
    return "en" if strong_en and en > vi else "vi"


def parse_numeral(raw: str, convention: str = "vi") -> tuple[float, str | None] | None:
    """Read one numeral written in digits (no scale words).

    Args:
        raw: The digits, with separators and an optional leading sign (``-``, ``−``, ``+``).
        convention: ``"vi"`` (``2.257`` = 2257, ``107,46`` = 107.46) or ``"en"``.

    Returns:
        ``(value, note)`` where ``note`` explains a guessed separator reading
        (``"2,257"`` in a ``vi`` document is 2.257, noted; ``"1.5"`` is read 1.5, noted),
        or None when ``raw`` is not a single numeral (``"1.2.3"``, ``"3,4,5"``, ``"ba"``).

    Example:
        >>> parse_numeral("2.257")
        (2257.0, None)
        >>> parse_numeral("107,46")
        (107.46, None)
        >>> parse_numeral("2,257")[0]
        2.257
    """
    if convention not in ("vi", "en"):
        raise ValueError(f"convention must be 'vi' or 'en', not {convention!r}")
    parsed = _parse_digits(raw.strip(), convention)
    if parsed is None:
        return None
    return float(parsed[0]), parsed[1]


def parse_number_words(words: str) -> float | None:
    """Read a phrase made only of Vietnamese number words.

    Follows the standard reading (``linh``/``lẻ`` for a zero tens digit, ``mốt``/``tư``/
    ``lăm`` after ``mươi``) and the colloquial short forms (``một trăm hai`` = 120,
    ``ba nghìn rưỡi`` = 3500). ``hai mươi năm`` is not a number phrase (it is "twenty
    years"; 25 is ``hai mươi lăm``), nor are ``một nửa`` and ``rưỡi`` alone.

    Args:
        words: The phrase, any case (``"HAI MƯƠI"``).

    Returns:
        The value, or None when the whole phrase is not one number.

    Example:
        >>> parse_number_words("ba mươi hai")
        32.0
        >>> parse_number_words("một trăm linh năm")
        105.0
        >>> parse_number_words("một nửa") is None
        True
    """
    g = _grammar()
    parts = _nfc(words).split()
    if not parts:
        return None
    pos = 0
    toks: list[_Tok] = []
    for p in parts:
        low = p.lower()
        if low not in g.lex:
            return None
        toks.append(_Tok("w", pos, pos + len(p), low, Decimal(0), None))
        pos += len(p) + 1
    text = " ".join(parts)
    reader = _Reader(text, toks, g)
    sign = Decimal(1)
    k = 0
    if g.lex[toks[0].word].kind == "sign":
        sign = g.lex[toks[0].word].value
        k = 1
    r = reader.words(k) if k < len(toks) else None
    if r is None or r[1] != len(toks):
        return None
    return float(r[0] * sign)


def find_numerals(text: str, convention: str | None = None) -> list[Numeral]:
    """Find every numeral in running text, in order, without overlaps.

    Digits with Vietnamese separators (an optional sign ``-5``, ``âm 1.285``), scale
    words after them (``1,2 tỷ``, ``500 triệu``, ``2 vạn``, ``1 triệu 200 nghìn``) and
    numbers in words (``ba mươi hai``, ``một triệu rưỡi``). Dates, times, phone numbers,
    document symbols and codes are skipped; ``18/20`` gives 18 and 20. See the module
    docstring for the ``năm``/``một`` decisions.

    Args:
        text: Any text (offsets index this string; pass the canonical article text).
        convention: ``"vi"`` or ``"en"``; None detects it from ``text``
            (:func:`detect_convention`).

    Returns:
        The numerals, sorted by ``start``.

    Example:
        >>> [(n.raw, n.value) for n in find_numerals("Kết nạp 72 đảng viên, đạt 107,46%.")]
        [('72', 72.0), ('107,46', 107.46)]
        >>> find_numerals("Vốn 1,2 tỷ đồng")[0].value
        1200000000.0
    """
    g = _grammar()
    conv = convention or detect_convention(text)
    if conv not in ("vi", "en"):
        raise ValueError(f"convention must be 'vi' or 'en', not {conv!r}")
    out: list[Numeral] = []
    for run in _runs(text, _tokens(text, g, conv)):
        reader = _Reader(text, run, g)
        i = 0
        while i < reader.n:
            num, i = reader.numeral(i)
            if num is not None:
                out.append(num)
    return out


def _share_scale(g: _Grammar, lo: Numeral, hi: Numeral) -> Numeral:
    """``7-9 triệu``: the high end's scale word also applies to a bare low end."""
    if hi.scale is None or lo.scale is not None or lo.form not in ("digits", "words"):
        return lo
    mult = Decimal(1)
    for w in hi.scale.split():
        entry = g.lex.get(w)
        if entry is None or entry.kind != "scale":
            return lo
        mult *= entry.value
    if not lo.value < hi.value / float(mult):
        return lo  # "từ 500 đến 2 triệu": 500 is not 500 triệu
    value = float(Decimal(repr(lo.value)) * mult)
    return dataclasses.replace(lo, value=value, form="scaled", scale=hi.scale)


def _is_year(n: Numeral) -> bool:
    return n.form == "digits" and len(n.raw) == 4 and n.raw.isdigit() and 1900 <= n.value <= 2100


def find_ranges(
    text: str, numerals: list[Numeral] | None = None
) -> list[tuple[Numeral, Numeral, int, int]]:
    """Find ranges written with two numerals.

    ``từ 3 đến 5``, ``3 tới 5``, ``3-5``, ``3 - 5``, ``8% - 9%``, ``3 ha đến 5 ha``. The low
    end must be smaller than the high end (``giảm từ 401 đến 208`` is not a range), a unit
    between the ends must repeat after the high end, and two years
    (``giai đoạn 2021-2025``) are a period, not a range. Dates are never ranges because
    they are never numerals. The high end's scale word also applies to a low end
    written without one when that keeps the order: in ``7-9 triệu`` the low end is
    returned with value 7 000 000 and scale ``triệu`` (its ``raw`` stays ``"7"``), but
    ``từ 500 đến 2 triệu`` stays 500.

    Args:
        text: The text the numerals were found in.
        numerals: The result of :func:`find_numerals` on ``text``; computed when None.

    Returns:
        ``(low, high, start, end)`` tuples: ``start`` is the opening word (``từ``) when
        present, else ``low.start``; ``end`` is ``high.end``.

    Example:
        >>> [(lo.value, hi.value) for lo, hi, s, e in find_ranges("Mỗi tổ từ 3 đến 5 người")]
        [(3.0, 5.0)]
    """
    g = _grammar()
    nums = find_numerals(text) if numerals is None else numerals
    out: list[tuple[Numeral, Numeral, int, int]] = []
    i = 0
    while i + 1 < len(nums):
        lo, hi = nums[i], nums[i + 1]
        m = g.range_gap.fullmatch(text, lo.end, hi.start)
        if m is not None and not m.group("unit"):
            lo = _share_scale(g, lo, hi)
        ok = m is not None and lo.value < hi.value and not (_is_year(lo) and _is_year(hi))
        # "86-61-93": a chain of three or more is a list of measures, not a range
        if ok and i > 0 and g.range_gap.fullmatch(text, nums[i - 1].end, lo.start):
            ok = False
        if ok and i + 2 < len(nums) and g.range_gap.fullmatch(text, hi.end, nums[i + 2].start):
            ok = False
        if ok and m is not None and m.group("unit"):
            unit = m.group("unit")
            after = text[hi.end : hi.end + len(unit) + 2].lstrip(" \t")
            ok = after.startswith(unit) and not regex.match(r"[\p{L}\p{M}]", after[len(unit) : len(unit) + 1])
        if ok:
            start = lo.start
            if g.range_opener is not None:
                o = g.range_opener.search(text, max(0, lo.start - 12), lo.start)
                if o:
                    start = o.start()
            out.append((lo, hi, start, hi.end))
            i += 2
        else:
            i += 1
    return out


# --- rule examples ---------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return math.isclose(a, float(b), rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def _fits(n: Numeral, expect: dict[str, Any]) -> bool:
    for key, want in expect.items():
        if key not in Numeral.__dataclass_fields__:
            raise AssertionError(f"unknown expect field {key!r} (fields: {', '.join(Numeral.__dataclass_fields__)})")
        if not _same(getattr(n, key), want):
            return False
    return True


def check_example(entry: NumeralRule, example: Example) -> None:
    """Assert that ``example.text`` yields what ``example.expect`` describes.

    For word and context entries, some numeral of :func:`find_numerals` must have every
    field in ``expect`` (``{value: 1200000000, raw: "1,2 tỷ"}``); for range entries,
    some range of :func:`find_ranges` must have ``low`` and ``high``.

    Args:
        entry: The rule entry the example belongs to.
        example: Its text and expected fields.

    Raises:
        AssertionError: When nothing matches (the message lists what was found).

    Example:
        >>> from pipeline.ruleset import Example
        >>> rule = NumeralRule(id="ty", kind="scale", words=["tỷ"], value=1e9)
        >>> check_example(rule, Example(text="Vốn 1,2 tỷ đồng", expect={"value": 1200000000}))
    """
    if entry.kind in _RANGE_KINDS:
        ranges = find_ranges(example.text)
        unknown = set(example.expect) - {"low", "high"}
        if unknown:
            raise AssertionError(f"unknown expect field(s) for a range: {sorted(unknown)}")
        for lo, hi, _, _ in ranges:
            if _same(lo.value, example.expect.get("low", lo.value)) and _same(hi.value, example.expect.get("high", hi.value)):
                return
        found = [(lo.raw, hi.raw) for lo, hi, _, _ in ranges]
        raise AssertionError(f"{entry.id}: no range {example.expect} in {example.text!r}; found {found}")
    nums = find_numerals(example.text)
    if not any(_fits(n, example.expect) for n in nums):
        found = [(n.raw, n.value, n.form, n.scale) for n in nums]
        raise AssertionError(f"{entry.id}: no numeral {example.expect} in {example.text!r}; found {found}")


def check_counterexample(entry: NumeralRule, text: str) -> None:
    """Assert that the entry yields nothing of its own in ``text``.

    For word entries: no numeral contains one of the entry's words. For context entries
    (blockers, date cues, date and time words): ``text`` yields no numeral at all. For
    range entries: no range.

    Args:
        entry: The rule entry.
        text: The counterexample sentence.

    Raises:
        AssertionError: When the entry fires.

    Example:
        >>> rule = NumeralRule(id="ty", kind="scale", words=["tỷ"], value=1e9)
        >>> check_counterexample(rule, "Tỷ lệ hộ nghèo giảm còn 3,2%.")
    """
    if entry.kind in _RANGE_KINDS:
        ranges = find_ranges(text)
        if ranges:
            raise AssertionError(f"{entry.id}: unexpected range(s) {[(lo.raw, hi.raw) for lo, hi, _, _ in ranges]} in {text!r}")
        return
    nums = find_numerals(text)
    if entry.kind in _CONTEXT_KINDS:
        bad = nums
    else:
        words = {_nfc(w).lower() for w in entry.words}
        bad = [n for n in nums if words & set(regex.findall(r"[\p{L}\p{M}]+", n.raw.lower()))]
    if bad:
        raise AssertionError(f"{entry.id}: unexpected numeral(s) {[(n.raw, n.value) for n in bad]} in {text!r}")

"""``vnx_people``: the people an article speaks of, with the titles the text gives them.

Reads ``doc.text`` (canonical text, see :func:`pipeline.normalize.to_canonical`) and the
reader's zones; writes :class:`~pipeline.records.Person` records to
``doc._.vnx["people"]`` and one ``PERSON`` span per record to ``doc.spans["people"]``.
Every offset indexes ``doc.text``; a record's ``text`` is ``doc.text[start:end]``.

How it reads (all vocabulary comes from ``pipeline/rules/``: honorifics, titles,
organisations, ranks, surnames, person_blocklist; bylines for credit suffixes):

1. The text is split into word and punctuation tokens (a regex, no model). Tokens
   outside the title, body and caption zones, and photo or source credits
   (``Ảnh: HẢI NGUYỄN``), are never read.
2. Runs of capitalised syllables are candidate names. A run is trimmed of what is not
   name: a capitalised honorific or office in front (``Ông``, ``Phó Chủ tịch``), a
   place (``… Tỉnh ủy Cà Mau Dương Thanh Bình``), words that never belong to names, and
   anything before the family name when one is found further in (a run after an
   administrative unit is a place unless a full name follows it: ``xã Mỹ Hòa Hưng``
   names no one, ``Chủ tịch UBND huyện Đạ Tẻh Nguyễn Văn A`` does).
3. A candidate is a person when something says so: an honorific, a rank or degree, an
   office before it (``<title> X``) or after it (``X, <title>,``, ``X - <title>``,
   ``X (<title>)``), a descriptor (``tài xế X``), a list cue (``các đồng chí: A, …;
   B, …``), or, with nothing beside it, a family name from ``surnames.yaml`` and three
   or more syllables (two bare syllables are too often places, years, products).
   Names inside fixed names (streets, schools, companies, ideas, places, historical
   figures used as street and ward names: ``person_blocklist.yaml``) are not people;
   nor are bylines left in the body (``… bên trong. Bùi Toàn - Hoàng Đức``,
   ``Kiều Minh (ghi)``, ``Vũ Dũng/VOV``) or anonymised initials (``bà N.T.H``).
   ``Chủ tịch Hồ Chí Minh`` and ``Bác Hồ`` are people only when they speak or act.
4. Titles: the parts before and after the name are joined with ``", "``; chains of
   offices are kept as written, but a chain never runs through another person's name
   or title (``Tổng Bí thư Nguyễn Phú Trọng, Chủ tịch nước Trần Đại Quang``). A title
   ends before verbs, auxiliaries and prepositions (``titles.yaml`` ``end``) and at
   punctuation that closes it. A lower-case syllable right after a capitalised one is
   kept when the two form one word of underthesea's Viet74K word list (``Bộ Quốc
   phòng``, ``Cục Đổi mới``); a short lower-case stretch at the very end of a title is
   kept unless ``underthesea.pos_tag`` on that short window reads it as a verb
   (``… Sở Y tế tỉnh Hà Nam xác nhận`` stops before ``xác nhận``; ``… Bộ NN&PTNT cũ,``
   keeps ``cũ``). POS tagging runs on a few short windows per article, never on the
   whole text; ``underthesea.ner`` is never used.
5. One record per person (key: :func:`~pipeline.normalize.match_key` of the name; names
   that differ only in diacritics are one person, as scraping typos are common). Short
   mentions (``ông Thắng``, ``Thượng tá Hà``, ``Thiên Hương``; ``ông Tập``, ``ông Trump``
   for names shortened to the family name) attach to the person they shorten; a given
   name with an honorific and no such person is a person named as given (``anh
   Quân``). The record's title is the one attached at the person's introduction (the
   first full-name mention outside the headline; its ``X được bầu giữ chức <title>``
   office when nothing is attached). A later full-name mention replaces it only when it
   writes the same post more fully (the introduction's rank and offices recur in it, in
   order: an abbreviation expanded, a rank or a concurrent office added); an old or new
   post later in the article does not. Only when the introduction has no title does the
   fullest later one count. A rank written before the name in the headline (``Đại tá X
   làm Giám đốc …``) is joined in front of it. Its honorific is the first one attached to the full name
   (else to a short mention); ``gender`` comes from ông/anh/thầy (male) and bà/chị/cô
   (female).

Decisions not fixed by ANNOTATION.md:

- A title written after a name (``ông A - <title>, ông B - …``) is that name's and is
  never read as a "before" part of the next person's title. ``Chủ tịch A, Chủ tịch B``
  (the same office, or an office and a non-Vietnamese name, after the comma) lists two
  people. A bare name after an ``object_marker`` (``… của X, Tổng Bí thư nhấn mạnh``)
  takes no title from an office that runs straight into a verb: it is the next
  clause's subject.
- An organisation's name runs over lower-case words up to a verb, a clause boundary or
  punctuation: a lower-case stretch right before a title-ending verb is kept when
  ``pos_tag`` reads it as nouns (``Tạp chí Cộng sản điện tử cho biết``; not ``…
  Viêng-chăn đặc biệt đánh giá``); ``số 471`` after a team's name stays in it.
- Offices and ranks match in any case (``Phó tổng Biên tập``, ``Phó bí thư``, ``đại
  tá``; a one-syllable rank abbreviation only as written). A generic ``weak`` office
  (``đại biểu``) before the name gives way to a title after it; ``đại biểu X (Tỉnh)``
  makes a person of a two-syllable name, and ``các đại biểu A (…), B (…)`` gives B the
  list's title.
- A run of capitalised words is cut before a word that opens sentences and is never a
  given name (``… Tô Lâm Trước đó``; ``person_blocklist.yaml`` ``openers_after_names``).

- `` -- `` (a doubled hyphen) is the dash `` - `` between a name and its title. A
  run of plain-Latin words after an office is an organisation, not a person, when
  its first word is Vietnamese written without diacritics (``Viet``: a closed
  syllable with no tone mark) or a word is a brand word, and it does not start with a
  family name (``Tổng Biên tập Viet Times``; ``Giám đốc điều hành Tim Cook`` is a
  person). A comma after an organisation head followed by lower-case words that
  run into an organisation word continues the name (``Ban Chính sách, chiến lược
  Trung ương``). A shorter rank ends a chain where the longest one would run past
  the name (``Giáo sư, tiến sĩ, Anh hùng lao động X``).
- ``name`` is the name as written, except that an ALL-CAPS name (``LÂM VĂN HÒA`` in a
  caption) is title-cased, as bylines are; when the same name also appears in mixed
  case, that spelling is used. ``text`` always keeps the span as written. An ALL-CAPS
  name counts only with a cue written in ordinary case (an all-caps headline would
  otherwise make people of its words).
- ``roles`` split the title at ``", "``, ``" kiêm "`` and ``" - "`` before an office;
  ranks and degrees are left out of roles; a former marker stays with its role
  (``nguyên Giám đốc``); an office ending in an organisation word (``Trưởng Ban``)
  lends it to the organisation (``Ban Tổ chức Trung ương``).
- A capitalised honorific after a lower-case word and before a full name opens a new
  sentence whose full stop was lost (``… Ban Kinh tế Trung ương Ông X sau đó …``): it is
  X's honorific, X takes no title from before it, and no title runs over it.
- Offices joined by a dash (``Chủ tịch UBND tỉnh – Bí thư Tỉnh ủy X``, ``X - Giám đốc
  Sở A - Chủ tịch Hội B``) are one chain written with ``", "`` in the title; a dash
  inside an organisation's name (``Bộ Thông tin - Truyền thông``) stays.
- ``<title> – ông X``: the chain from the last clause boundary up to the dash is X's title
  (a closing term and number such as ``năm 2013`` stays in it), unless the chain follows
  another name (``ông A -- <office>, <office> - ông X``).
- A fixed or historical name right after an administrative unit is the place, and a full
  name may follow it (``Chủ tịch HĐND TP. Hồ Chí Minh Nguyễn Văn A``).
- A lower-case role noun that needs an organisation (``đại diện``, ``cán bộ``, ``nhân
  viên``: ``titles.yaml`` ``needs_org``) is a title after a name's dash, comma or bracket
  when a named body follows (``ông X - đại diện Công ty Y``); never before a name.
- ``Bác Hồ`` acting is recorded under the name ``Bác Hồ`` (the text does not equate it
  with ``Hồ Chí Minh``).
- The canonical text is kept in ``doc._.vnx["text"]`` for the components after this one
  (``doc.text`` joins every token on each call).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import doc_text, set_records
from ..normalize import match_key, strip_diacritics
from ..records import Person, Role, Span
from ..ruleset import Example, RuleEntry, load_rules

# --- rule data models -------------------------------------------------------------------


class HonorificEntry(RuleEntry):
    """``honorifics.yaml``: forms of address, descriptors and list cues."""

    kind: Literal["honorific", "descriptor", "list_cue"]
    surface: list[str]
    gender: Literal["male", "female"] | None = None
    honorific: str | None = None
    title: str | None = None


class TitleEntry(RuleEntry):
    """``titles.yaml``: offices, their modifiers and the words that end a title."""

    kind: Literal[
        "role",
        "prefix",
        "qualifier",
        "former",
        "clause_role",
        "joins_offices",
        "joins_names",
        "term",
        "post_cue",
        "chain_breaker",
        "object_marker",
        "end",
    ]
    surface: list[str]
    needs_org: bool = False
    weak: bool = False
    bare_name: bool = False


class OrganisationEntry(RuleEntry):
    """``organisations.yaml``: organisation heads, administrative units, org-name words."""

    kind: Literal["body", "admin_unit", "org_word"]
    surface: list[str]
    expansion: str | None = None
    followed_by_place: bool = False


class RankEntry(RuleEntry):
    """``ranks.yaml``: ranks, degrees and honorary titles written before a name."""

    kind: Literal["military", "academic", "medical", "honour", "religious"]
    surface: list[str]


class BlocklistEntry(RuleEntry):
    """``person_blocklist.yaml``: what looks like a name but is not a person."""

    kind: Literal[
        "preceding",
        "fixed_name",
        "historical_name",
        "acting_only",
        "action",
        "speaking_cue",
        "place",
        "not_name_word",
        "brand",
        "sentence_starter",
        "clause_opener",
        "credit",
    ]
    surface: list[str]
    name: str | None = None
    title: str | None = None


class SurnameEntry(RuleEntry):
    """``surnames.yaml``: family names."""

    kind: Literal["common", "other", "ethnic"]
    surface: list[str]


_MODELS: dict[str, type[RuleEntry]] = {
    "honorifics": HonorificEntry,
    "titles": TitleEntry,
    "organisations": OrganisationEntry,
    "ranks": RankEntry,
    "person_blocklist": BlocklistEntry,
    "surnames": SurnameEntry,
}


def rule_entry_model(file_name: str) -> type[RuleEntry]:
    """The entry model of one of this module's rule files."""
    return _MODELS[file_name]


# --- tokens -------------------------------------------------------------------------------

# a doubled hyphen (`` -- ``, a typewriter dash) is one dash token
_TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-&][\p{L}\p{M}\p{N}]+)*|-{2,}|\S")
_HARD_PUNCT = frozenset(";:!?\"“”«»…")
_DASHES = frozenset(["-", "–", "—", "--", "---"])
_ROMAN = regex.compile(r"^[IVXLC]+$")


class Tok:
    """One word or punctuation token of the text."""

    __slots__ = ("start", "end", "text", "key", "word", "cap", "upper", "digit", "gap", "ok")

    def __init__(self, start: int, end: int, text: str, key: str, word: bool, cap: bool, upper: bool, digit: bool, gap: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.key = key  # match_key of a word, the character itself for punctuation
        self.word = word
        self.cap = cap  # first character upper case
        self.upper = upper  # two or more characters, all upper case
        self.digit = digit
        self.gap = gap  # the text between the previous token and this one
        self.ok = True  # in a zone people are read from

    def __repr__(self) -> str:
        return f"Tok({self.text!r}@{self.start})"


def _tokenize(text: str, keys: dict[str, Any] | None = None) -> list[Tok]:
    """Word and punctuation tokens; ``keys`` caches what is known of each token text
    (its :func:`match_key` and shape), which repeat a lot."""
    if keys is None:
        keys = {}
    out: list[Tok] = []
    append = out.append
    get = keys.get
    prev = 0
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        t = m.group()
        info = get(t)
        if info is None:
            if t[0].isalnum():
                digit = not t.isalpha() and any(c.isdigit() for c in t)
                info = (match_key(t), True, t[0].isupper(), len(t) >= 2 and t.isupper(), digit)
            else:
                info = (t, False, False, False, False)
            keys[t] = info
        append(Tok(s, e, t, info[0], info[1], info[2], info[3], info[4], text[prev:s] if s != prev else ""))
        prev = e
    return out


def _surface_keys(surface: str) -> tuple[str, ...]:
    return tuple(match_key(m.group()) if m.group()[0].isalnum() else m.group() for m in _TOKEN_RE.finditer(surface))


# Vietnamese syllable shape (tone marks removed, vowel qualities kept).
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"), None)
_VN_SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?$"
)


_CHECKED = regex.compile(r"(?:[cpt]|ch)$")
_BARE_DIPHTHONG = regex.compile(r"(?:ie|ye|uo)[cmnpt]|(?:ie|ye|uo)(?:ng|nh|ch)$")


def _unaccented_vn(text: str) -> bool:
    """``text`` is a Vietnamese syllable written without its diacritics (``Viet``,
    ``Quoc``, ``Nghiep``): plain ASCII letters in the shape of a syllable that Vietnamese
    spelling never leaves bare: a closed syllable ending in -c, -ch, -p, -t always carries
    a sắc or nặng tone, and ``iê``/``yê``/``uô`` before a final always carry their hats.
    Foreign names (``Tim``, ``Kim``, ``Cook``) do not have this shape."""
    if not text.isascii() or not text.isalpha() or len(text) < 2:
        return False
    low = text.lower()
    if not _VN_SYLLABLE.match(low):
        return False
    return bool(_CHECKED.search(low) or _BARE_DIPHTHONG.search(low))


def _vn_syllable(text: str) -> bool:
    """Whether ``text`` has the shape of one Vietnamese syllable (``Trump`` has not)."""
    base = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text.lower()).translate(_TONE_MARKS))
    return bool(_VN_SYLLABLE.match(base))


# --- phrase tables ---------------------------------------------------------------------------


class Phrases:
    """Phrases as token-key sequences; longest match at a token or ending at one."""

    def __init__(self) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._last: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, surface: str, value: Any = True) -> None:
        keys = _surface_keys(surface)
        if not keys:
            return
        for table, k in ((self._first, keys[0]), (self._last, keys[-1])):
            lst = table.setdefault(k, [])
            if all(existing != keys for existing, _ in lst):
                lst.append((keys, value))
                lst.sort(key=lambda kv: -len(kv[0]))

    @property
    def firsts(self) -> dict[str, Any]:
        """First token keys of the phrases (for a quick membership test)."""
        return self._first

    def add_all(self, surfaces: Iterable[str], value: Any = True) -> None:
        for s in surfaces:
            self.add(s, value)

    def at(self, toks: list[Tok], i: int) -> tuple[int, Any] | None:
        """Longest phrase starting at token ``i``: ``(length, value)``."""
        size = len(toks)
        if i >= size:
            return None
        t = toks[i]
        cands = self._first.get(t.key)
        if cands is None or not t.ok:
            return None
        for keys, value in cands:
            n = len(keys)
            if n == 1:
                return 1, value
            if i + n > size:
                continue
            k = 1
            while k < n:
                u = toks[i + k]
                if u.key != keys[k] or not u.ok or "\n" in u.gap:
                    break
                k += 1
            else:
                return n, value
        return None

    def all_at(self, toks: list[Tok], i: int) -> list[tuple[int, Any]]:
        """Every phrase starting at token ``i``, longest first: ``[(length, value)]``."""
        size = len(toks)
        if i >= size:
            return []
        t = toks[i]
        cands = self._first.get(t.key)
        if cands is None or not t.ok:
            return []
        out = []
        for keys, value in cands:
            n = len(keys)
            if i + n > size:
                continue
            k = 1
            while k < n:
                u = toks[i + k]
                if u.key != keys[k] or not u.ok or "\n" in u.gap:
                    break
                k += 1
            else:
                out.append((n, value))
        return out

    def ending(self, toks: list[Tok], j: int) -> tuple[int, Any] | None:
        """Longest phrase whose last token is ``j - 1``: ``(length, value)``."""
        if j <= 0:
            return None
        t = toks[j - 1]
        cands = self._last.get(t.key)
        if cands is None or not t.ok:
            return None
        for keys, value in cands:
            n = len(keys)
            if n == 1:
                return 1, value
            s = j - n
            if s < 0:
                continue
            k = 0
            while k < n - 1:
                u = toks[s + k]
                if u.key != keys[k] or not u.ok or (k and "\n" in u.gap):
                    break
                k += 1
            else:
                if "\n" in t.gap:
                    continue
                return n, value
        return None


# --- the lexicon compiled from the rule files ------------------------------------------------


@dataclass
class Lexicon:
    honorifics: Phrases = field(default_factory=Phrases)  # value: (honorific, gender)
    descriptors: Phrases = field(default_factory=Phrases)
    list_cues: Phrases = field(default_factory=Phrases)  # value: (honorific, title)
    roles: Phrases = field(default_factory=Phrases)  # value: needs_org
    prefixes: Phrases = field(default_factory=Phrases)
    qualifiers: Phrases = field(default_factory=Phrases)
    formers: Phrases = field(default_factory=Phrases)
    clause_roles: Phrases = field(default_factory=Phrases)
    joins_offices: Phrases = field(default_factory=Phrases)
    joins_names: Phrases = field(default_factory=Phrases)
    terms: Phrases = field(default_factory=Phrases)
    post_cues: Phrases = field(default_factory=Phrases)
    chain_breakers: Phrases = field(default_factory=Phrases)
    object_markers: Phrases = field(default_factory=Phrases)
    ends: Phrases = field(default_factory=Phrases)
    bodies: Phrases = field(default_factory=Phrases)
    admin: Phrases = field(default_factory=Phrases)
    org_words: Phrases = field(default_factory=Phrases)
    ranks: Phrases = field(default_factory=Phrases)
    preceding: Phrases = field(default_factory=Phrases)
    fixed_names: Phrases = field(default_factory=Phrases)
    historical: Phrases = field(default_factory=Phrases)
    acting: Phrases = field(default_factory=Phrases)  # value: BlocklistEntry
    actions: Phrases = field(default_factory=Phrases)
    speaking: Phrases = field(default_factory=Phrases)
    places: Phrases = field(default_factory=Phrases)
    not_name: Phrases = field(default_factory=Phrases)
    starters: Phrases = field(default_factory=Phrases)
    openers: Phrases = field(default_factory=Phrases)
    brands: Phrases = field(default_factory=Phrases)
    credits: Phrases = field(default_factory=Phrases)
    byline_suffixes: Phrases = field(default_factory=Phrases)
    surnames: Phrases = field(default_factory=Phrases)  # value: kind
    surname_skeletons: frozenset[str] = frozenset()  # family names without diacritics ("nguyen")
    org_last_words: frozenset[str] = frozenset()
    elem_firsts: frozenset[str] = frozenset()  # first words of offices, ranks and their modifiers
    middle_markers: frozenset[str] = frozenset()
    weak_roles: frozenset[str] = frozenset()  # match keys of offices that yield to a title after the name
    bare_name_roles: frozenset[str] = frozenset()  # offices before which two bare syllables are a name

    @classmethod
    def load(cls) -> Lexicon:
        lex = cls()
        for h in load_rules("honorifics", HonorificEntry):
            if h.kind == "honorific":
                for s in h.surface:
                    hon = "đồng chí" if match_key(s) in ("đ/c",) else s.lower()
                    lex.honorifics.add(s, (hon, h.gender))
            elif h.kind == "descriptor":
                lex.descriptors.add_all(h.surface)
            else:
                lex.list_cues.add_all(h.surface, (h.honorific, h.title))
        weak: set[str] = set()
        bare: set[str] = set()
        for t in load_rules("titles", TitleEntry):
            if t.weak:
                weak.update(match_key(x) for x in t.surface)
            if t.bare_name:
                bare.update(match_key(x) for x in t.surface)
            table = {
                "role": lex.roles,
                "prefix": lex.prefixes,
                "qualifier": lex.qualifiers,
                "former": lex.formers,
                "clause_role": lex.clause_roles,
                "joins_offices": lex.joins_offices,
                "joins_names": lex.joins_names,
                "term": lex.terms,
                "post_cue": lex.post_cues,
                "chain_breaker": lex.chain_breakers,
                "object_marker": lex.object_markers,
                "end": lex.ends,
            }[t.kind]
            table.add_all(t.surface, t.needs_org if t.kind == "role" else True)
        last_words: set[str] = set()
        for o in load_rules("organisations", OrganisationEntry):
            table = {"body": lex.bodies, "admin_unit": lex.admin, "org_word": lex.org_words}[o.kind]
            table.add_all(o.surface, o)
            if o.kind == "body":
                last_words.update(_surface_keys(s)[-1] for s in o.surface if len(_surface_keys(s)) == 1)
        lex.org_last_words = frozenset(last_words)
        lex.weak_roles = frozenset(weak)
        lex.bare_name_roles = frozenset(bare)
        for r in load_rules("ranks", RankEntry):
            lex.ranks.add_all(r.surface, r.kind)
        for b in load_rules("person_blocklist", BlocklistEntry):
            table = {
                "preceding": lex.preceding,
                "fixed_name": lex.fixed_names,
                "historical_name": lex.historical,
                "acting_only": lex.acting,
                "action": lex.actions,
                "speaking_cue": lex.speaking,
                "place": lex.places,
                "not_name_word": lex.not_name,
                "sentence_starter": lex.starters,
                "clause_opener": lex.openers,
                "brand": lex.brands,
                "credit": lex.credits,
            }[b.kind]
            if b.kind == "preceding":
                for surf in b.surface:
                    table.add(surf, surf[:1].isupper())
            else:
                table.add_all(b.surface, b)
        # the reader's byline vocabulary: "(ghi)", "thực hiện" after a name mark a byline
        from ..reader import BylineEntry

        for be in load_rules("bylines", BylineEntry):
            if be.kind == "suffix":
                lex.byline_suffixes.add_all(w.strip("()") for w in be.surface)
        skeletons: set[str] = set()
        for sn in load_rules("surnames", SurnameEntry):
            lex.surnames.add_all(sn.surface, sn.kind)
            skeletons.update(strip_diacritics(x.split()[0]).lower() for x in sn.surface)
        lex.surname_skeletons = frozenset(skeletons)
        lex.elem_firsts = frozenset(
            k
            for table in (lex.roles, lex.prefixes, lex.formers, lex.ranks, lex.clause_roles, lex.qualifiers)
            for k in table.firsts
        )
        return lex


# --- working records ---------------------------------------------------------------------------


@dataclass
class Mention:
    start: int  # token index of the name
    end: int
    name: str
    full: bool
    honorific: str | None = None
    gender: str | None = None
    title: str | None = None
    title_parts: tuple[str, ...] = ()
    rule: str = "name"
    post_title: str | None = None  # "X được bầu giữ chức <title>": used when no title is attached
    end_char: int | None = None  # the name ends inside its last token (a glued word follows)
    rank_before: str | None = None  # a rank written before the name ("Đại tá X")


@dataclass
class _Cand:
    a: int
    b: int
    hon: tuple[int, int, str, str | None] | None = None  # start, end, honorific, gender
    place_before: bool = False
    after_admin: bool = False
    run_start: int = 0
    rest: tuple[int, int] | None = None


# --- the component -------------------------------------------------------------------------------


class PeopleExtractor:
    """Finds people and their titles; see the module docstring."""

    labels = ("PERSON",)

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or Lexicon.load()
        self.words = _two_syllable_words()
        self._pos_tag: Any = None
        self._text = ""  # the text being read (set per call)
        self._headline: list[tuple[int, int]] = []  # the headline's character ranges (set per call)
        self._memo_toks: list[Tok] | None = None  # per-document memo of vocabulary matches
        self._role_memo: dict[int, int] = {}
        self._elem_memo: dict[int, tuple[int, str] | None] = {}
        self._seg_cache: dict[str, list[tuple[int, int, str]]] = {}
        self._keys: dict[str, Any] = {}  # what is known of each token text seen (bounded)
        self._pairs: dict[tuple[str, str], bool] = {}  # syllable pairs read as one word

    # ---- entry point ----
    def __call__(self, doc: Doc) -> Doc:
        set_records(doc, "people", self.extract(doc_text(doc), doc._.vnx.get("layout")), "PERSON")
        return doc

    def extract(self, text: str, layout: Any = None) -> list[Person]:
        if len(self._keys) > 200_000:
            self._keys.clear()
        toks = _tokenize(text, self._keys)
        if not toks:
            return []
        self._mark_zones(toks, layout)
        self._headline = [
            (z.start, z.end) for z in (getattr(layout, "zones", None) or []) if z.kind == "title"
        ]
        self._text = text
        self._seg_cache = {}
        self._memo_toks = toks
        self._role_memo = {}
        self._elem_memo = {}
        self._mark_credits(toks)
        mentions: list[Mention] = []
        consumed: set[int] = set()
        self._acting_only(toks, mentions, consumed)
        list_regions = self._list_regions(toks)
        shorts: list[tuple[Mention, int]] = []
        runs = list(self._runs(toks))
        runs.reverse()
        while runs:
            a, b = runs.pop()
            if a in consumed:
                continue
            if b - a == 1 and (a == 0 or not toks[a - 1].word or "\n" in toks[a].gap):
                continue  # one capitalised word opening a sentence or clause: no cue before it
            cand = self._trim_run(toks, a, b)
            if cand is None:
                continue
            if cand.rest is not None:
                runs.append(cand.rest)  # the words after an internal cut are read on their own
            self._judge(toks, cand, list_regions, mentions, shorts)
        return self._assemble(text, toks, mentions, shorts)

    # ---- zones and credits ----
    @staticmethod
    def _mark_zones(toks: list[Tok], layout: Any) -> None:
        """Tokens outside the title, body and caption zones are never read."""
        if layout is None or not getattr(layout, "zones", None):
            return
        allowed = sorted((z.start, z.end) for z in layout.zones if z.kind in ("title", "body", "caption"))
        j, n = 0, len(allowed)
        for t in toks:
            s = t.start
            while j < n and allowed[j][1] <= s:
                j += 1
            t.ok = j < n and allowed[j][0] <= s

    def _mark_credits(self, toks: list[Tok]) -> None:
        i, n = 0, len(toks)
        firsts = self.lex.credits.firsts
        while i < n:
            t = toks[i]
            if not t.cap or t.key not in firsts:
                i += 1
                continue
            m = self.lex.credits.at(toks, i) if t.cap else None
            if not m:
                i += 1
                continue
            paren = i > 0 and toks[i - 1].text == "("
            k = i + m[0]
            if toks[k - 1].word and not paren and not (k < n and toks[k].cap and toks[k].word):
                i += 1  # "Ảnh" without a colon is a credit only before a capitalised name
                continue
            if paren:
                while k < n and toks[k].text != ")" and "\n" not in toks[k].gap and k - i < 30:
                    k += 1
                k = min(k + 1, n)
            else:
                while k < n and "\n" not in toks[k].gap and k - i < 12:
                    x = toks[k]
                    if x.word and (x.cap or x.upper or x.digit):
                        if k > i + m[0] and (self.lex.honorifics.at(toks, k) or self._role_at(toks, k)):
                            break
                        k += 1
                    elif x.text in ("/", "&", "-", ".", ",") and not (x.text == "." and (k + 1 >= n or toks[k + 1].gap)):
                        k += 1
                    else:
                        break
            for q in range(i, k):
                toks[q].ok = False
            i = k

    # ---- "Chủ tịch Hồ Chí Minh" / "Bác Hồ" acting ----
    def _acting_only(self, toks: list[Tok], mentions: list[Mention], consumed: set[int]) -> None:
        lex = self.lex
        firsts = lex.acting.firsts
        for i, t in enumerate(toks):
            if t.key not in firsts:
                continue
            m = lex.acting.at(toks, i)
            if not m:
                continue
            n, entry = m
            for q in range(i, i + n):
                consumed.add(q)
            if lex.preceding.ending(toks, i) or lex.bodies.ending(toks, i):
                continue
            k = i + n
            quoted = k < len(toks) and toks[k].text in ('"', "“", ":")
            if not (lex.actions.at(toks, k) or quoted or lex.speaking.ending(toks, i)):
                continue
            name_start = i
            if entry.title:
                name_start = i + len(_surface_keys(entry.title))
            mentions.append(
                Mention(name_start, i + n, entry.name or t.text, True, title=entry.title, rule=f"acting:{entry.id}")
            )

    # ---- list cues ----
    def _list_regions(self, toks: list[Tok]) -> list[tuple[int, int, tuple[str | None, str | None]]]:
        out = []
        firsts = self.lex.list_cues.firsts
        for i, t in enumerate(toks):
            if t.key not in firsts:
                continue
            m = self.lex.list_cues.at(toks, i)
            if not m or not self._honorific_ok(toks, i):
                continue  # "Hai Bà Trưng" is a street, not "hai bà"
            k = i + m[0]
            while k < len(toks) and toks[k].text not in (".", "!", "?") and "\n" not in toks[k].gap and k - i < 150:
                k += 1
            out.append((i + m[0], k, m[1]))
        return out

    # ---- capitalised runs ----
    @staticmethod
    def _name_tok(t: Tok) -> bool:
        if not t.word or not t.cap or t.digit:
            return False
        if (t.upper or len(t.text) == 1) and _ROMAN.match(t.text) and t.text != "Y":
            return False  # "khóa XII", "Kiều Hạ I"
        if t.upper and not all(_vn_syllable(p) for p in regex.split(r"[-']", t.text) if p):
            return False  # ALL-CAPS abbreviations (UBND, HĐND, TP, GD-ĐT) are not name syllables
        return True

    def _runs(self, toks: list[Tok]) -> Iterable[tuple[int, int]]:
        i, n = 0, len(toks)
        while i < n:
            t = toks[i]
            if not t.cap or not (t.ok and self._name_tok(t)):
                i += 1
                continue
            j = i + 1
            style = "U" if toks[i].upper else ("M" if len(toks[i].text) > 1 else "")
            while j < n:
                t = toks[j]
                if not t.cap or not (t.ok and self._name_tok(t)) or t.gap not in (" ", "  "):
                    break
                ts = "U" if t.upper else ("M" if len(t.text) > 1 else "")
                if style and ts and ts != style:
                    break
                style = style or ts
                j += 1
            yield i, j
            i = j

    # ---- vocabulary helpers ----
    def _role_at(self, toks: list[Tok], i: int) -> int:
        """End index of an office starting at ``i`` (prefix + role), or 0."""
        if i < len(toks) and toks[i].key not in self.lex.elem_firsts:
            return 0
        if toks is self._memo_toks:
            got = self._role_memo.get(i)
            if got is None:
                got = self._role_memo[i] = self._role_at_uncached(toks, i)
            return got
        return self._role_at_uncached(toks, i)

    def _role_at_uncached(self, toks: list[Tok], i: int) -> int:
        lex = self.lex
        k = i
        p = None
        m = None
        for pc in lex.prefixes.all_at(toks, i):
            # "Phó Tổng" + "Giám đốc", or "Phó" + "tổng Biên tập"
            m = lex.roles.at(toks, i + pc[0])
            if m:
                p = pc
                k = i + pc[0]
                break
        if not m:
            # "Phó" alone is no office
            m = lex.roles.at(toks, k)
        if not m:
            return 0
        n, needs_org = m
        end = k + n
        body = lex.bodies.at(toks, k)
        if body and body[0] > n:
            return 0  # "đại sứ quán": an organisation's name, not the office "đại sứ"
        if needs_org:
            if not toks[k].cap and not p:
                return 0
            if not (end < len(toks) and toks[end].ok and (toks[end].cap or toks[end].upper) and toks[end].word):
                return 0
        # qualifiers that belong to the office: "Phó Bí thư Thường trực"
        q = lex.qualifiers.at(toks, end)
        while q and toks[end].cap:
            end += q[0]
            q = lex.qualifiers.at(toks, end)
        return end

    def _elem_at(self, toks: list[Tok], i: int) -> tuple[int, str] | None:
        """A title element at ``i``: (end, kind) with kind in role/rank/clause."""
        if i < len(toks) and toks[i].key not in self.lex.elem_firsts:
            return None
        if toks is self._memo_toks:
            if i in self._elem_memo:
                return self._elem_memo[i]
            got = self._elem_memo[i] = self._elem_at_uncached(toks, i)
            return got
        return self._elem_at_uncached(toks, i)

    def _elem_at_uncached(self, toks: list[Tok], i: int) -> tuple[int, str] | None:
        lex = self.lex
        f = lex.formers.at(toks, i)
        if f:
            e = self._role_at(toks, i + f[0])
            if e:
                return e, "role"
            return None
        e = self._role_at(toks, i)
        if e:
            return e, "role"
        r = lex.ranks.at(toks, i)
        if r and (toks[i].cap or toks[i].upper or r[0] >= 2):
            # a rank of two or more syllables counts in lower case too ("đại tá")
            return i + r[0], "rank"
        c = lex.clause_roles.at(toks, i)
        if c:
            return i + c[0], "clause"
        q = lex.qualifiers.at(toks, i)
        if q and toks[i].cap and self._body_at(toks, i + q[0]):
            return i + q[0], "role"  # "Thường trực Ban Bí thư"
        return None

    def _body_at(self, toks: list[Tok], i: int) -> int:
        """End of an organisation head at ``i`` written capitalised, or 0."""
        if i >= len(toks) or not toks[i].word or not (toks[i].cap or toks[i].upper):
            return 0
        m = self.lex.bodies.at(toks, i)
        if not m:
            return 0
        end = i + m[0]
        if m[0] == 1 and not toks[i].upper:
            # one-word heads (Bộ, Sở, Hội, Đoàn) open a name only when one follows
            if not (end < len(toks) and toks[end].word and (toks[end].cap or toks[end].upper or toks[end].digit)):
                return 0
        return end

    def _surname(self, toks: list[Tok], i: int, b: int) -> str | None:
        m = self.lex.surnames.at(toks, i)
        if m and i + m[0] < b:
            return str(m[1])
        if i + 1 < b and toks[i + 1].key in ("văn", "thị"):
            return "other"
        return None

    def _latin_org(self, toks: list[Tok], a: int, b: int) -> bool:
        """Capitalised words ``a..b`` written in plain Latin letters are an organisation's
        name, not a person's (``Tổng Biên tập Viet Times``, ``Giám đốc Samsung Vina``):
        no word carries a Vietnamese diacritic, the first is no family name written
        without diacritics (``Nguyen Van Nam`` is a person), and either the first word is
        Vietnamese written without its diacritics (``Viet``, see :func:`_unaccented_vn`)
        or a word is a company or brand word (``person_blocklist.yaml`` ``brand``).
        Foreign people's names (``Tim Cook``, ``Thomas Bach``) have neither."""
        if b <= a or not all(toks[k].text.isascii() for k in range(a, b)):
            return False
        if toks[a].text.lower() in self.lex.surname_skeletons:
            return False
        if _unaccented_vn(toks[a].text):
            return True
        return any(self.lex.brands.at(toks, k) for k in range(a, b))

    def _is_place(self, toks: list[Tok], a: int, b: int) -> int:
        m = self.lex.places.at(toks, a)
        return min(m[0], b - a) if m else 0

    # ---- trimming a run to a name ----
    def _trim_run(self, toks: list[Tok], a: int, b: int) -> _Cand | None:
        lex = self.lex
        cand = _Cand(a, b, run_start=a)
        if self._is_place(toks, a, b) == b - a:
            return None
        if self._preceded_by_fixed(toks, a):
            # "báo Đại Đoàn Kết", "đường Lê Lợi": a fixed name, unless a full name follows
            # it ("báo Nhân Dân Lê Quốc Minh")
            ks = [k for k in range(a + 2, b - 1) if self._surname(toks, k, b)]
            if not ks:
                return None
            cand.a, cand.place_before = ks[0], True
            return self._trim_tail(toks, cand)
        # a run right after an administrative unit is a place ("xã Mỹ Hòa Hưng"), or a
        # place followed by a full name ("huyện Đạ Tẻh Nguyễn Văn A", "tỉnh Đặng Văn A")
        admin = lex.admin.ending(toks, a)
        if admin and not self._element_ends_at(toks, a):  # not "Già làng Đinh Blưih"
            pl = self._is_place(toks, a, b)
            # "TP. Hồ Chí Minh Nguyễn Văn A", "phường Trần Hưng Đạo Lê Văn B": the fixed or
            # historical name is the place, a full name may follow it
            fx = lex.fixed_names.at(toks, a) or lex.historical.at(toks, a)
            if fx and fx[0] < b - a:
                pl = max(pl, fx[0])
            ks = [k for k in range(a + pl, b - 2) if self._surname(toks, k, b)]
            if not ks:
                return None
            k = a + 2 if a + 2 in ks else ks[0]
            cand.a, cand.b = k, b
            cand.place_before = k > a
            cand.after_admin = k == a
            return self._trim_tail(toks, cand)
        # leading: honorific, office, organisation, place, sentence starters
        changed = True
        while changed and a < b:
            changed = False
            h = lex.honorifics.at(toks, a)
            if h and a + h[0] < b and toks[a].cap and self._honorific_ok(toks, a):
                cand.hon = (a, a + h[0], h[1][0], h[1][1])
                a += h[0]
                changed = True
                continue
            e = self._elem_at(toks, a)
            if e and not self._surname(toks, a, b):
                a = max(a + 1, min(e[0], b))
                cand.hon = None
                changed = True
                continue
            be = self._body_at(toks, a)
            if be and not (self._surname(toks, a, b) and b - a >= 3):
                a = min(be, b)
                cand.hon = None
                changed = True
                continue
            pl = self._is_place(toks, a, b)
            if pl and (b - (a + pl) >= 2 or (b - (a + pl) == 1 and (pl >= 2 or not _vn_syllable(toks[b - 1].text)))):
                a += pl  # "Hà Nội Hiện …": a place and a word glued to it
                cand.place_before = True
                changed = True
                continue
            br = lex.brands.at(toks, a)
            if br and b - (a + br[0]) >= 2 and not self._surname(toks, a, b):
                a += br[0]  # "Giám đốc điều hành Apple Tim Cook": a company, then its head
                cand.place_before = True
                changed = True
                continue
            s = lex.starters.at(toks, a) or lex.not_name.at(toks, a)
            if s and a + s[0] <= b and not (lex.surnames.at(toks, a) and b - a >= 3 and not lex.not_name.at(toks, a)):
                a += s[0]
                changed = True
                continue
        if b - a < 1:
            return None
        # internal cuts: an office, a capitalised honorific, a non-name word, a place
        for k in range(a + 1, b):
            if (
                lex.not_name.at(toks, k)
                or (self._role_at(toks, k) and not (k + 1 < b and self._role_at(toks, k + 1) > self._role_at(toks, k)))
                or (lex.ranks.at(toks, k) and k - a >= 2)
                or ((self._body_at(toks, k) or 0) - k >= 2)
                or (lex.honorifics.at(toks, k) and k - a >= 2 and k + 1 < b and self._surname(toks, k + 1, b))
                or (k - a >= 2 and (lex.places.at(toks, k) or (0,))[0] >= 2)
            ):
                if k + 1 < b:
                    cand.rest = (k, b)
                b = k
                break
        if b - a < 1:
            return None
        # family name further in: "Cà Mau Dương Thanh Bình", "Lâm Đồng Trần Đức Quận"
        n = b - a
        if n >= 3 and not self._surname(toks, a, b):
            ks = [k for k in range(a + 1, b - 1) if self._surname(toks, k, b)]
            if ks:
                # place names mostly have two syllables: prefer the split after two
                a = a + 2 if a + 2 in ks else ks[0]
                cand.place_before = True
        elif n >= 5 and self._surname(toks, a, b):
            for k in range(a + 1, b - 1):
                if all(self._surname(toks, q, b) for q in range(a, k)):
                    continue  # "Lê Nguyễn Thị Ái Trâm": two family names
                if self._surname(toks, k, b) and 2 <= b - k <= 4:
                    a = k
                    cand.place_before = True
                    break
        cand.a, cand.b = a, b
        return self._trim_tail(toks, cand)

    def _trim_tail(self, toks: list[Tok], cand: _Cand) -> _Cand | None:
        a, b = cand.a, cand.b
        if b - a >= 3 and b < len(toks) and toks[b].digit and self.lex.starters.at(toks, b - 1):
            b -= 1  # "… Nguyễn Văn Thiện Chiều 8/6": a new sentence glued on
            cand.b = b
        if b - a < 1 or b - a > 5:
            return None
        if self._is_place(toks, a, b) == b - a:
            return None
        br = self.lex.brands.at(toks, a)
        if br and br[0] >= b - a:
            return None  # "Giám đốc Viettel"
        if b - a >= 2 and any(self.lex.brands.at(toks, k) for k in range(a + 1, b)):
            return None  # "Adrian Day Asset Management": a company
        # anonymised initials ("bà N.T.H") are not names
        if b < len(toks) and toks[b].text == "." and not toks[b].gap and b + 1 < len(toks) and toks[b + 1].word and not toks[b + 1].gap:
            return None
        return cand

    # ---- judging a candidate ----
    def _judge(
        self,
        toks: list[Tok],
        cand: _Cand,
        list_regions: list[tuple[int, int, tuple[str | None, str | None]]],
        mentions: list[Mention],
        shorts: list[tuple[Mention, int]],
    ) -> None:
        lex = self.lex
        a, b = cand.a, cand.b
        n = b - a
        if lex.fixed_names.at(toks, a):
            return
        # honorific, descriptor, rank immediately before the name
        hon = cand.hon
        desc = False
        p0 = a
        if hon is None:
            h = lex.honorifics.ending(toks, a)
            if h and self._honorific_ok(toks, a - h[0]):
                hon = (a - h[0], a, h[1][0], h[1][1])
        if hon is not None:
            p0 = hon[0]
        else:
            d = lex.descriptors.ending(toks, a)
            if d:
                desc = True
                p0 = a - d[0]
        # a name opening an item of a list after "các đồng chí:" takes its honorific
        in_list = False
        list_title: str | None = None
        if n >= 2 and a > 0 and (toks[a - 1].text in (":", ",", ";") or lex.joins_names.ending(toks, a)):
            for s, e, (lh, lt) in list_regions:
                if s <= a < e:
                    in_list = True
                    list_title = lt
                    if hon is None and lh:
                        hon = (a, a, lh, "male" if lh == "ông" else "female" if lh == "bà" else None)
                    break
        if n == 1 and hon is None and not desc and not self._element_ends_at(toks, a):
            pl = lex.places.ending(toks, a)
            if not (pl and self._element_ends_at(toks, a - pl[0])):  # "Tổng thống Ấn Độ Prasat"
                return  # a lone capitalised word with nothing that makes it a person
        restart = hon is not None and hon[1] > hon[0] and self._restart_hon(toks, hon[0])
        before = self._title_before(toks, p0, name_at_p=p0 == a) if not (desc or restart) else None
        if before is None and hon is not None and hon[0] == hon[1] - 1 and hon[0] > 0 and toks[hon[0] - 1].text == ",":
            before = self._title_before(toks, hon[0] - 1)
            if before is not None and self._after_name(toks, before[0]):
                before = None  # "ông A - <title>, ông B - …": the title is A's
        if (
            before is None
            and hon is not None
            and hon[1] > hon[0]
            and hon[0] > 1
            and not restart
            and toks[hon[0] - 1].text in _DASHES
            and toks[hon[0] - 1].gap
        ):
            before = self._dash_title(toks, hon[0] - 1)  # "<title> – ông X đã …"
        after = self._title_after(toks, b)
        if after is not None and before is not None and self._listed_person(toks, before, after):
            after = None  # "Chủ tịch A, Chủ tịch B": B is another person, not A's organisation
        if after is not None and hon is None and self._next_subject(toks, p0, b, after):
            after = None  # "Về trường hợp của X, Tổng Bí thư nhấn mạnh …": the next clause's subject
        surname = self._surname(toks, a, b)
        if after is not None and not self._title_start(toks, after[0], allow_body=False):
            # "Báo ảnh Đất Mũi, Tạp chí …": an organisation after a comma or dash is a title
            # only for someone an honorific marks as a person ("Ông X, Hiệp hội …, cho
            # rằng", "bà X - Tổng cục Thuế")
            if hon is None:
                after = None
        if self._preceded_by_fixed(toks, a):
            return
        if b < len(toks) and toks[b].text == "/" and not toks[b].gap:
            return  # a byline or credit: "Vũ Dũng/VOV"
        historical = lex.historical.at(toks, a)
        if historical and historical[0] == n:
            # "Trần Hưng Đạo", "Lê Lợi": streets and wards unless plainly a person
            if cand.after_admin or (hon is None and not desc and before is None):
                return
        body_before = bool(self._body_ending(toks, a)) and not cand.place_before
        all_vn = all(_vn_syllable(toks[k].text) for k in range(a, b))
        caps = toks[a].upper
        # a descriptor ("nông dân", "tài xế") is often followed by a place: it makes a
        # person only of a name with a family name
        desc_ok = desc and (bool(surname) or n >= 3 or not all(_vn_syllable(toks[q].text) for q in range(a, b)))
        strong = hon is not None or desc_ok or before is not None or after is not None or in_list
        if caps and (hon is None or toks[hon[0]].upper):
            # an ALL-CAPS name needs a cue written in ordinary case: in an all-caps
            # headline every word looks like a name ("NHÀ LÃNH ĐẠO KIỆT XUẤT")
            cues = [self._text[toks[x[0]].start : toks[x[1] - 1].end] for x in (before, after) if x is not None]
            if not cues or all(c.isupper() for c in cues):
                if hon is None or toks[hon[0]].upper:
                    return
        if (body_before or cand.after_admin) and hon is None:
            # "Công ty Hoàng Dân", "huyện Cao Phong": bodies and places, unless a full name
            # follows an office: "Chủ tịch UBND tỉnh Đặng Quốc Khánh", "Bộ trưởng Bộ Công an Tô Lâm"
            full = n >= 3 or (n == 2 and surname == "common" and body_before)
            # "… của Quốc hội Phan Xuân Dũng"; not "Huyện ủy Trần Văn Thời" (a district)
            alone = body_before and surname and n >= 3 and not caps and not self._place_body_ending(toks, a)
            if not ((before is not None and surname and full) or alone):
                return
        inside = "" if cand.place_before or hon is not None else self._inside_org(toks, a)
        if inside:
            # "Công ty … Xây dựng Hoàng Dân", "Báo ảnh Đất Mũi": the name of a body
            named_ok = surname == "common" and n >= 3 and before is not None  # "Giám đốc Công ty Nguyễn Mạnh Toán"
            if (inside == "named" and not named_ok) or not surname or (n == 2 and (before is None or surname != "common")):
                return
        foreign = not all_vn
        if n == 1:
            if hon is None and before is None and not desc:
                return
            w = toks[a].text
            if len(w) < 2 or not any(c.lower() in "aăâeêioôơuưy" for c in unicodedata.normalize("NFD", w)):
                return  # initials: "chị P.", "anh Tr."
            m = self._mention(toks, a, b, hon, before, None, full=False)
            shorts.append((m, 0 if hon is None else 1))
            return
        if not strong:
            if caps or not surname or foreign:
                return
            if n == 2:
                return  # two bare syllables are too often places, years, products ("Đinh Dậu")
            if self._listed_with_blocked(toks, a) or self._byline_like(toks, cand.run_start, b):
                return
        elif not surname and hon is None and not in_list and not desc:
            if self._latin_org(toks, a, b):
                return  # "Tổng Biên tập Viet Times": the organisation the office heads
            # no family name we know: a foreign or unusual name needs an office right before
            # it ("Tổng thống Mỹ Donald Trump") or one after it, not an organisation name
            # ending in capitalised words ("Tổng Biên tập Viet Times")
            role_after = after is not None and self._elem_at(toks, after[0]) is not None
            direct = before is not None and (cand.place_before or self._element_ends_at(toks, a))
            if not (role_after or direct):
                return
            if n == 2 and not foreign and not role_after and not self._deputy(toks, before, b):
                return  # two Vietnamese-looking syllables and no family name: "Nam Ninh"
        if list_title and hon is None and before is None and after is None and b < len(toks) and toks[b].text == "(":
            extra = list_title  # "các đại biểu A (Khánh Hòa), B (Quảng Trị)": B is a deputy too
        else:
            extra = None
        m = self._mention(toks, a, b, hon, before, after, full=True, extra=extra)
        self._unglue(toks, m)  # "Tô Lâmtrao": a verb glued to the name
        if not strong:
            m.rule = "surname"
        if m.title is None:
            m.post_title = self._post_title(toks, b)
        mentions.append(m)

    def _next_subject(self, toks: list[Tok], p0: int, b: int, after: tuple[int, int]) -> bool:
        """``… của X, Tổng Bí thư nhấn mạnh``: a bare name (no honorific) sits after a word
        that makes it an object (``titles.yaml`` ``object_marker``) and the office after
        the comma runs straight into a verb: the office is the subject of the next clause
        (``… của đồng chí X, Bí thư Tỉnh ủy đã …`` keeps its title)."""
        s, e = after
        if b >= len(toks) or toks[b].text != "," or s != b + 1:
            return False
        if e >= len(toks) or not toks[e].word or "\n" in toks[e].gap or not self._end_at(toks, e):
            return False
        return bool(self.lex.object_markers.ending(toks, p0))

    def _listed_person(self, toks: list[Tok], before: tuple[int, int], after: tuple[int, int]) -> bool:
        """``Chủ tịch Kaysone Phomvihane, Chủ tịch Souphanouvong``: the part after the comma
        is an office and a bare capitalised name, the same office as before the name (or a
        name that is not Vietnamese): a further person of a list."""
        s, e = after
        el = self._elem_at(toks, s)
        if el is None or el[1] != "role" or el[0] >= e or e - el[0] > 4:
            return False
        r = el[0]
        if not all(self._name_tok(toks[q]) and (q == r or toks[q].gap == " ") for q in range(r, e)):
            return False
        if self._body_at(toks, r) or self.lex.places.at(toks, r) or self.lex.brands.at(toks, r):
            return False
        b_el = self._elem_at(toks, before[0])
        same = b_el is not None and b_el[0] == before[1] and match_key(
            self._text[toks[before[0]].start : toks[b_el[0] - 1].end]
        ) == match_key(self._text[toks[s].start : toks[r - 1].end])
        foreign = not all(_vn_syllable(toks[q].text) for q in range(r, e)) and not self._latin_org(toks, r, e)
        return same or foreign

    def _deputy(self, toks: list[Tok], before: tuple[int, int] | None, b: int) -> bool:
        """``đại biểu Thuận Hữu (Cần Thơ)``: an office that names people by a bare name and a
        constituency in brackets (``titles.yaml`` ``bare_name``)."""
        if before is None or b + 2 >= len(toks) or toks[b].text != "(" or not toks[b + 1].cap:
            return False
        return match_key(self._text[toks[before[0]].start : toks[before[1] - 1].end]) in self.lex.bare_name_roles

    def _post_title(self, toks: list[Tok], b: int) -> str | None:
        """``X (35 tuổi) được bầu giữ chức Bí thư Chi bộ thôn …``: the office taken up."""
        k = b
        if k < len(toks) and toks[k].text == "(":
            while k < len(toks) and toks[k].text != ")" and k - b < 12:
                k += 1
            k += 1
        cue = self.lex.post_cues.at(toks, k)
        if not cue or "\n" in toks[k].gap:
            return None
        s = k + cue[0]
        if not self._elem_at(toks, s):
            return None
        e = self._own_title(toks, s, self._scan_title(toks, s, None))
        if e is None:
            return None
        return self._text[toks[e[0]].start : toks[e[1] - 1].end]

    def _unglue(self, toks: list[Tok], m: Mention) -> None:
        """``Tổng Bí thư Tô Lâmtrao quyết định``: a scraped text glued the next word to the
        name; the name ends inside its last token."""
        if m.end - m.start < 2:
            return
        last = toks[m.end - 1].text
        if _vn_syllable(last) or not all(_vn_syllable(toks[q].text) for q in range(m.start, m.end - 1)):
            return
        for cut in range(len(last) - 1, 0, -1):
            head, tail = last[:cut], last[cut:]
            if tail.islower() and _vn_syllable(head) and self.lex.ends.firsts.get(match_key(tail)):
                m.name = m.name[: len(m.name) - len(tail)]
                m.end_char = toks[m.end - 1].start + cut
                return

    def _element_ends_at(self, toks: list[Tok], j: int) -> bool:
        return any((self._elem_at(toks, k) or (0,))[0] == j for k in range(max(0, j - 6), j))

    def _byline_like(self, toks: list[Tok], a: int, b: int) -> bool:
        """A bare name alone at the end of a line after a sentence (``… bên trong. Bùi Toàn -
        Hoàng Đức``, ``Kiều Minh (ghi)``): a byline the reader left in the body."""
        if b + 2 < len(toks) and toks[b].text == "(" and self.lex.byline_suffixes.at(toks, b + 1):
            return True  # "Kiều Minh (ghi)"
        if not (a == 0 or "\n" in toks[a].gap or (toks[a - 1].text in (".", "!", "?", "…", ")", "”", '"') or toks[a - 1].text in _DASHES) or toks[a].key == "theo"):
            return False
        k = b
        rest = 0
        while k < len(toks) and "\n" not in toks[k].gap:
            t = toks[k]
            if t.word and not t.cap and not t.upper and not (k > 0 and toks[k - 1].text == "("):
                return False
            rest += 1
            if rest > 8:
                return False
            k += 1
        return True

    def _preceded_by_fixed(self, toks: list[Tok], a: int) -> bool:
        """``đường``, ``Trường THPT``, ``tư tưởng`` … right before ``a`` (not ``thành phố``)."""
        pre = self.lex.preceding.ending(toks, a)
        if not pre:
            return False
        s = a - pre[0]
        first = toks[s]
        if first.cap and not pre[1] and pre[0] == 1:
            return False  # "Côn Đảo Lê Văn Kiệt": a capitalised place, not "đảo"
        if pre[0] == 1 and s > 0 and toks[s - 1].word and not first.cap and self._same_word(toks, s - 1, s - 1, s):
            return False  # the tail of another word: "yêu cầu", "đối tượng", "gia đình"
        adm = self.lex.admin.ending(toks, a)
        return not (adm and adm[0] > pre[0])

    def _listed_with_blocked(self, toks: list[Tok], a: int) -> bool:
        """``đường Nguyễn Huệ, Lê Lợi, Trần Hưng Đạo``: later items of a list of streets."""
        k = a
        for _ in range(8):
            if k <= 0 or not (toks[k - 1].text == "," or self.lex.joins_names.ending(toks, k)):
                return False
            k -= 1
            j = k
            while j > 0 and self._name_tok(toks[j - 1]) and toks[j].gap == " ":
                j -= 1
            if j == k:
                return False
            if self._preceded_by_fixed(toks, j) or self._body_ending(toks, j):
                return True
            k = j
        return False

    def _honorific_ok(self, toks: list[Tok], i: int) -> bool:
        """A capitalised honorific counts only at the start of a sentence or clause."""
        t = toks[i]
        if not t.cap:
            return True
        if i == 0 or "\n" in t.gap:
            return True
        prev = toks[i - 1]
        if not prev.word or prev.text in (".", ",", ":", ";", "(", '"', "“") or prev.text in _DASHES:
            return True
        return self._restart_hon(toks, i)

    def _restart_hon(self, toks: list[Tok], i: int) -> bool:
        """A capitalised honorific after a lower-case word and before a full name opens a
        sentence whose full stop was lost (``… Ban Kinh tế Trung ương Ông Phạm Văn A sau
        đó …``): the honorific is the person's and nothing before it is their title."""
        t = toks[i]
        if i == 0 or not t.cap or t.upper or "\n" in t.gap:
            return False
        prev = toks[i - 1]
        if not prev.word or prev.cap or prev.upper:
            return False
        h = self.lex.honorifics.at(toks, i)
        if not h or i + h[0] >= len(toks):
            return False
        k = i + h[0]
        if not self._name_tok(toks[k]) or not self._person_at(toks, k):
            return False
        j = k
        while j < len(toks) and self._name_tok(toks[j]) and (j == k or toks[j].gap == " "):
            j += 1
        return j - k >= 2

    def _inside_org(self, toks: list[Tok], a: int) -> str:
        """Whether the capitalised words at ``a`` continue an organisation's name written
        before them: ``""`` (no), ``"body"``, or ``"named"`` when they are the first
        capitalised words after a head that takes a proper name (``Công ty bất động sản
        Danh Khôi Á Châu``)."""
        lex = self.lex
        k = a
        low = 0
        caps = False
        while k > 0 and a - k < 16:
            t = toks[k - 1]
            if not t.ok or "\n" in toks[k].gap:
                return ""
            bm = lex.bodies.ending(toks, k)
            if bm and (toks[k - bm[0]].cap or toks[k - bm[0]].upper):
                return "named" if not caps and lex.preceding.ending(toks, k) else "body"
            if not t.word:
                if (t.text in _DASHES and t.gap) or t.text == "&" or (t.text == "." and self._abbrev_dot(toks, k - 1)):
                    k -= 1
                    continue
                return ""
            m = lex.org_words.ending(toks, k) or lex.admin.ending(toks, k) or lex.joins_names.ending(toks, k)
            if m:
                k -= m[0]
                low = 0
                continue
            if t.cap or t.upper or t.digit:
                low = 0
                caps = True
            else:
                low += 1
                if low > 2 or lex.ends.at(toks, k - 1):
                    return ""
            k -= 1
        return ""

    def _place_body_ending(self, toks: list[Tok], j: int) -> bool:
        """A body whose name goes on with a place (``Huyện ủy``, ``UBND``) ends at ``j``."""
        m = self.lex.bodies.ending(toks, j)
        return bool(m) and bool(m[1].followed_by_place)

    def _body_ending(self, toks: list[Tok], j: int) -> bool:
        m = self.lex.bodies.ending(toks, j)
        if not m:
            return False
        s = j - m[0]
        return toks[s].cap or toks[s].upper

    # ---- titles ----
    def _barrier_back(self, toks: list[Tok], k: int) -> bool:
        t = toks[k]
        if not t.ok:
            return True
        if not t.word:
            if t.text == "," and (self._admin_cap(toks, k + 1) or self._enum_comma(toks, k)):
                return False  # "Bí thư Chi bộ thôn Trung Tiến, xã Cẩm Quan Trần Văn Hùng"
            if t.text in (",", ";", ":", "!", "?", "\"", "“", "”", "(", ")", "…", "*", "/"):
                return True
            if t.text == "." and not self._abbrev_dot(toks, k):
                return True
            return False
        if not t.cap and not t.upper and self._end_at(toks, k):
            # not a word inside an office written before it ("Giám đốc điều hành X")
            return not any((self._elem_at(toks, q) or (0,))[0] > k for q in range(max(0, k - 3), k))
        return False

    def _abbrev_dot(self, toks: list[Tok], k: int) -> bool:
        """A full stop inside an abbreviation (``TP.Hà``, ``TP. Hà Nội``, ``GS.TS``)."""
        if k == 0 or toks[k].gap:
            return False
        if k + 1 < len(toks) and not toks[k + 1].gap and toks[k + 1].word:
            return True
        prev_end = self.lex.admin.ending(toks, k + 1) or self.lex.ranks.ending(toks, k + 1)
        return bool(prev_end)

    def _title_before(self, toks: list[Tok], p: int, name_at_p: bool = False) -> tuple[int, int] | None:
        """The title written right before token ``p`` (``<title> X``): token range.

        ``name_at_p``: the name starts at ``p`` (a place run may end in it: ``Huyện ủy
        Châu Đức Nguyễn Thị Ngọc Hằng``)."""
        best: int | None = None
        k = p - 1
        lo = max(0, p - 40)
        if k >= 0 and "\n" in toks[p].gap if p < len(toks) else False:
            return None
        while k >= lo:
            if self._barrier_back(toks, k):
                break
            if k + 1 < len(toks) and "\n" in toks[k + 1].gap and k + 1 <= p - 1:
                break
            e = self._elem_at(toks, k)
            if e and e[0] > p and e[1] == "rank":
                # "Giáo sư, tiến sĩ, Anh hùng lao động X": the longest rank ("Giáo sư,
                # Tiến sĩ") runs past ``p``; a shorter one ("Giáo sư") ends there
                e = next(((k + m, "rank") for m, _ in self.lex.ranks.all_at(toks, k) if k + m == p), None)
            if e and e[0] <= p and (e[0] == p or self._middle_ok(toks, e[0], p, name_at_p)):
                if e[1] != "rank" or e[0] == p or self._elem_between(toks, e[0], p):
                    best = k
            k -= 1
        if best is None:
            return None
        s = best
        # former marker / rank right before; chains ", <office>" / " - <office>"
        while True:
            f = self.lex.formers.ending(toks, s)
            if f and not self._barrier_back(toks, s - 1):
                s -= f[0]
            r = self.lex.ranks.ending(toks, s)
            if r and (toks[s - r[0]].cap or toks[s - r[0]].upper or r[0] >= 2):
                s -= r[0]
            if s >= 2 and (toks[s - 1].text == "," or (toks[s - 1].text in _DASHES and toks[s - 1].gap)):
                prev = self._title_before(toks, s - 1)
                if (
                    prev is not None
                    and prev[1] == s - 1
                    and self._chain_ok(toks, prev[0], s - 1)
                    and not self._after_name(toks, prev[0])  # "ông A - <title>, ông B": A's
                ):
                    s = prev[0]
                    continue
            break
        return s, p

    def _dash_title(self, toks: list[Tok], d: int) -> tuple[int, int] | None:
        """``…, Trưởng ban soạn thảo Luật X năm 2013 – ông A đã …``: the chain of offices
        that runs from the last clause boundary up to the dash at ``d`` is A's title
        (a term with its number at the end, ``năm 2013``, stays in it)."""
        lo = max(0, d - 30)
        j = d - 1
        while j >= lo:
            t = toks[j]
            if not t.ok or "\n" in toks[j + 1].gap:
                break
            if not t.word and (t.text in (",", ";", ":", "!", "?", '"', "“", "”", "(", ")", "…") or t.text in _DASHES):
                break
            if t.text == "." and not self._abbrev_dot(toks, j):
                break
            j -= 1
        s = j + 1
        while s < d and (self.lex.openers.at(toks, s) or self.lex.starters.at(toks, s)) and not self._elem_at(toks, s):
            s += (self.lex.openers.at(toks, s) or self.lex.starters.at(toks, s))[0]
        if s >= d or not self._elem_at(toks, s) or self._after_name(toks, s):
            return None
        e = self._scan_title(toks, s, d)
        if e < d:
            # a term and its number closing the chain: "… năm 2013", "… khóa XIII"
            tm = self.lex.terms.at(toks, e) if e > s else None
            if not tm or not all(
                toks[q].digit or _ROMAN.match(toks[q].text) or toks[q].text in ("/", "-", "–")
                for q in range(e + tm[0], d)
            ) or e + tm[0] >= d:
                return None
        # earlier parts of the chain: ", <office>"
        while s >= 2 and toks[s - 1].text == ",":
            prev = self._title_before(toks, s - 1)
            if prev is None or prev[1] != s - 1 or not self._chain_ok(toks, prev[0], s - 1):
                break
            if self._after_name(toks, prev[0]):
                return None  # "ông A -- <office>, <office> - ông B": the chain is A's
            s = prev[0]
        return s, d

    def _after_name(self, toks: list[Tok], s: int) -> bool:
        """The title part starting at ``s`` follows a person's name after ``", "`` or
        ``" - "`` (``ông A - Giám đốc Sở X, …``): it is that person's title."""
        if s < 2:
            return False
        sep = toks[s - 1]
        if not (sep.text == "," or (sep.text in _DASHES and sep.gap)):
            return False
        k = s - 1
        if toks[k - 1].text == ")":  # "ông A (Hà Nội), …"
            j = k - 1
            while j > 0 and toks[j].text != "(" and k - j < 12:
                j -= 1
            if toks[j].text != "(":
                return False
            k = j
        j = k
        while j > 0 and self._name_tok(toks[j - 1]) and (j == k or toks[j].gap == " ") and k - j < 5:
            j -= 1
        if j == k:
            return False
        if self.lex.honorifics.ending(toks, j) and (k - j >= 1):
            return True
        return k - j >= 2 and self._person_at(toks, j)

    def _chain_ok(self, toks: list[Tok], s: int, e: int) -> bool:
        """An earlier part ``s..e`` of a chain of offices written before a name."""
        if s > 0 and toks[s - 1].ok:
            before = toks[s - 1]
            opener = (
                self.lex.openers.ending(toks, s)
                or self.lex.starters.ending(toks, s)
                or self.lex.not_name.ending(toks, s)
                or s - 1 == 0
                or "\n" in before.gap
                or not toks[s - 2].word
            )
            if before.word and (before.cap or before.upper) and not opener:
                return False  # "tại Phủ Chủ tịch, Chủ tịch nước X": the office is inside a name
            if self.lex.chain_breakers.ending(toks, s) or self.lex.chain_breakers.ending(toks, s + 1):
                return False  # "Thừa ủy quyền của Thủ tướng Chính phủ, Bộ trưởng X": another person
        el = self._elem_at(toks, s)
        if el is not None:
            rest = [t for t in toks[el[0] : e]]
            if rest and len(rest) <= 4 and all(self._name_tok(t) for t in rest) and not (
                self._body_at(toks, el[0]) or self.lex.places.at(toks, el[0]) or self.lex.admin.at(toks, el[0])
            ):
                return False  # "đại biểu Phương, Chủ tịch Quốc hội X": a name, not an organisation
        return True

    def _elem_between(self, toks: list[Tok], a: int, b: int) -> bool:
        return any(self._elem_at(toks, k) for k in range(a, b))

    def _middle_ok(self, toks: list[Tok], a: int, b: int, name_at_b: bool = False) -> bool:
        """Tokens ``a..b`` can be the organisation part of a title before a name."""
        lex = self.lex
        prevcap = True
        low = 0
        k = a
        while k < b:
            t = toks[k]
            if not t.ok:
                return False
            if not t.word:
                x = t.text
                if x in _DASHES and t.gap and k + 1 < b and toks[k + 1].cap:
                    k += 1
                    continue
                if x == "." and self._abbrev_dot(toks, k):
                    k += 1
                    continue
                if x == "," and (self._admin_cap(toks, k + 1) or self._enum_comma(toks, k)):
                    k += 1
                    continue
                if x == "(":
                    close = self._abbrev_paren(toks, k)
                    if close and close <= b:
                        k = close
                        continue
                return False
            if t.cap and k > a and self.lex.openers.at(toks, k) and not self._role_at(toks, k):
                return False  # "… Trung Quốc Tập Cận Bình Tại buổi hội kiến, …": a new sentence
            if t.cap and k > a and self._restart_hon(toks, k):
                return False  # "… Ban Kinh tế Trung ương Ông Phạm Văn A …": a new sentence
            if (t.cap or t.upper) and self._role_at(toks, k) and (k == a or (toks[k - 1].word and (toks[k - 1].cap or toks[k - 1].upper) and not self._body_ending(toks, k))):
                return False  # "báo cáo Thủ tướng Tổng Thanh tra Chính phủ X": two titles side by side
            if t.cap or t.upper or t.digit:
                starts_run = self._name_tok(t) and not (k > a and self._name_tok(toks[k - 1]) and t.gap == " ")
                if starts_run and not self._person_at(toks, k):
                    pl = self.lex.places.at(toks, k)  # "… Việt Nam Nguyễn Phú Trọng, …"
                    if pl and k + pl[0] < b and self._name_tok(toks[k + pl[0]]) and self._person_at(toks, k + pl[0]):
                        j = k + pl[0]
                        while j < b and self._name_tok(toks[j]):
                            j += 1
                        if j < b or not name_at_b:
                            return False
                if starts_run and self._person_at(toks, k):
                    # another person's name ("Tổng Bí thư Nguyễn Phú Trọng, Chủ tịch nước …"),
                    # unless it is the place run that ends in this name ("Huyện ủy Châu Đức")
                    j = k
                    while j < b and self._name_tok(toks[j]) and (j == k or toks[j].gap == " "):
                        j += 1
                    if j < b or not name_at_b:
                        return False
                prevcap, low = True, 0
                k += 1
                continue
            if self._end_at(toks, k):
                return False
            m = (
                lex.org_words.at(toks, k)
                or lex.admin.at(toks, k)
                or lex.qualifiers.at(toks, k)
                or lex.terms.at(toks, k)
            )
            if m:
                prevcap, low = True, 0
                k += m[0]
                continue
            e = self._role_at(toks, k)
            if e:
                prevcap, low = True, 0
                k = e
                continue
            if lex.joins_names.at(toks, k):
                if k + 1 < b and (toks[k + 1].cap or toks[k + 1].upper) and not self._elem_at(toks, k + 1):
                    k += 1
                    continue
                return False  # "… Hồ Chí Minh và Chủ tịch Kaysone …": two people's titles
            if lex.joins_offices.at(toks, k):
                if k + 1 < b and self._elem_at(toks, k + 1):
                    k += 1
                    continue
                return False
            if not prevcap:
                return False
            if low == 0:
                r = k
                while r < b and toks[r].word and not (toks[r].cap or toks[r].upper or toks[r].digit):
                    r += 1
                # two or more lower-case words that are not the tail of a capitalised
                # word: a verb among them ends the title ("… Hun Sen trách móc Thủ tướng …")
                if r - k >= 2 and not (toks[k - 1].cap and self._same_word(toks, a, k - 1, k)) and self._verbish(toks, a, k, r):
                    return False
            low += 1
            if low > 3:
                return False
            k += 1
        return True

    def _abbrev_paren(self, toks: list[Tok], k: int) -> int:
        """``(QLXDCT)``: index after the closing bracket when the brackets hold an abbreviation."""
        j = k + 1
        while j < len(toks) and j - k <= 4 and toks[j].text != ")":
            t = toks[j]
            if not (t.word and (t.upper or t.cap)) and t.text not in ("&", "-", "."):
                return 0
            j += 1
        if j < len(toks) and toks[j].text == ")" and j > k + 1 and any(toks[q].upper for q in range(k + 1, j)):
            return j + 1
        return 0

    def _title_start(self, toks: list[Tok], i: int, allow_body: bool) -> bool:
        if i >= len(toks) or not toks[i].ok or not toks[i].word:
            return False
        if self._elem_at(toks, i):
            return True
        q = self.lex.qualifiers.at(toks, i)
        if q and self._role_at(toks, i + q[0]) or (q and not toks[i].cap):
            return True
        if allow_body and self._body_at(toks, i) and not self._person_at(toks, i):
            return True
        return False

    def _title_after(self, toks: list[Tok], b: int) -> tuple[int, int] | None:
        """The title written after a name ending at token ``b``: token range."""
        n = len(toks)
        k = b
        if k >= n or not toks[k].ok or "\n" in toks[k].gap:
            return None
        if toks[k].text == "(":
            close = k + 1
            while close < n and toks[close].text != ")" and close - k < 40 and "\n" not in toks[close].gap:
                close += 1
            if close < n and toks[close].text == ")":
                if self._title_start(toks, k + 1, allow_body=False):
                    e = self._scan_title(toks, k + 1, close)
                    if e > k + 1:
                        return k + 1, e
                low = self._lower_role_title(toks, k + 1, close)
                if low is not None:
                    return low
                k = close + 1
                if k >= n or "\n" in toks[k].gap:
                    return None
            else:
                return None
        t = toks[k]
        if t.text == "," or (t.text in _DASHES and t.gap):
            if self._title_start(toks, k + 1, allow_body=True):
                # a title that is only an organisation ("Ông X, Hiệp hội …,") takes no
                # further organisations after it (a list of bodies is not a title)
                office = self._title_start(toks, k + 1, allow_body=False)
                e = self._scan_title(toks, k + 1, None, chain_bodies=office)
                return self._own_title(toks, k + 1, e)
            low = self._lower_role_title(toks, k + 1, None)
            if low is not None:
                return self._own_title(toks, *low)
            return None
        if t.word and (t.cap or self.lex.formers.at(toks, k)):
            el = self._elem_at(toks, k)
            if el and el[1] in ("role", "rank"):
                e = self._scan_title(toks, k, None)
                return self._own_title(toks, k, e)
        return None

    def _lower_role_title(self, toks: list[Tok], i: int, stop: int | None) -> tuple[int, int] | None:
        """``ông X - đại diện Công ty Y``, ``bà X, cán bộ Phòng Y``: a role noun that
        needs an organisation (``titles.yaml`` ``needs_org``) written in lower case is a
        title right after a name's comma, dash or bracket when a named body follows it."""
        n = len(toks) if stop is None else stop
        if i >= n or not toks[i].word or toks[i].cap or toks[i].upper:
            return None
        m = self.lex.roles.at(toks, i)
        if not m or not m[1]:
            return None
        e = i + m[0]
        if e >= n or not toks[e].ok or not toks[e].word or "\n" in toks[e].gap:
            return None
        nx = toks[e]
        if nx.cap or nx.upper:
            if self._person_at(toks, e):
                return None
        elif not (self._admin_cap(toks, e) or self.lex.org_words.at(toks, e)):
            return None
        end = self._scan_title(toks, e, stop)
        return (i, end) if end > e else None

    def _own_title(self, toks: list[Tok], s: int, e: int) -> tuple[int, int] | None:
        """``(s, e)`` unless its last part is the title of a name right after it
        (``Tô Lâm, Bộ trưởng Bộ Công an, Thượng tướng Lê Quý Vương, …``)."""
        if e <= s:
            return None
        nxt = e
        if nxt < len(toks) and toks[nxt].word and not toks[nxt].gap.count("\n") and self._person_at(toks, nxt):
            # cut back to the last comma of the chain; no comma: the whole is the next person's
            for c in range(e - 1, s, -1):
                if toks[c].text == ",":
                    return (s, c) if c > s else None
            return None
        return s, e

    def _person_at(self, toks: list[Tok], k: int) -> bool:
        """A person's full name starts at ``k`` (ends a title: ``… Ban 2 và Lê Văn Hiến``)."""
        if not self._name_tok(toks[k]):
            return False
        j = k + 1
        while j < len(toks) and j - k < 5 and self._name_tok(toks[j]) and toks[j].gap == " ":
            j += 1
        if self._preceded_by_fixed(toks, k):
            return False
        if self.lex.historical.at(toks, k) and not self.lex.admin.ending(toks, k):
            return True  # "Nguyên Tổng Bí thư Trường Chinh"
        sn = self._surname(toks, k, j)
        if not sn or self.lex.fixed_names.at(toks, k) or self.lex.places.at(toks, k):
            return False
        if self.lex.admin.ending(toks, k) or self._body_ending(toks, k):
            return j - k >= 3  # "Thủ tướng Chính phủ Nguyễn Xuân Phúc", not "Công ty Hoàng Dân"
        return j - k >= 3 or (j - k == 2 and sn == "common")

    def _scan_title(self, toks: list[Tok], i: int, stop: int | None, chain_bodies: bool = True) -> int:
        """End (exclusive) of a title phrase starting at ``i`` (not beyond ``stop``).

        ``chain_bodies``: a comma may open a further part that is only an organisation."""
        lex = self.lex
        n = len(toks) if stop is None else stop
        cl = lex.clause_roles.at(toks, i)
        if cl:
            # "người đứng đầu …": the title runs to the next punctuation
            k = i + cl[0]
            while k < n:
                t = toks[k]
                if not t.ok or "\n" in t.gap:
                    break
                if not t.word and not (t.text == "." and self._abbrev_dot(toks, k)) and t.text not in ("&", "/"):
                    break
                k += 1
            return k
        k = i
        last = i
        prevcap = True
        while k < n:
            t = toks[k]
            if not t.ok or (k > i and "\n" in t.gap):
                break
            if not t.word:
                x = t.text
                if x == ",":
                    if self._chain_start(toks, k + 1, chain_bodies) or self._enum_comma(toks, k):
                        k += 1
                        prevcap = True
                        continue
                    break
                if x in _DASHES and t.gap:
                    nx = k + 1
                    if nx < n and toks[nx].word and (toks[nx].cap or toks[nx].upper) and not self._person_at(toks, nx):
                        k = nx
                        continue
                    break
                if x == "(":
                    close = self._abbrev_paren(toks, k) or self._word_paren(toks, k)
                    if close:
                        k = close
                        last = k
                        continue
                    break
                if x == "." and self._abbrev_dot(toks, k):
                    k += 1
                    continue
                break
            if t.digit:
                # a designation: "Quân khu 7", "Ban 4", "khu vực 2"
                prev = toks[k - 1]
                nxt_low = (
                    k + 1 < n
                    and toks[k + 1].word
                    and not toks[k + 1].cap
                    and not toks[k + 1].upper
                    and not (self._end_at(toks, k + 1) or lex.joins_names.at(toks, k + 1) or lex.joins_offices.at(toks, k + 1))
                )
                if k > i and prev.word and not prev.digit and not nxt_low:
                    k += 1
                    last = k
                    prevcap = True
                    continue
                break
            if t.cap or t.upper:
                if k > i and self._name_tok(t) and self._person_at(toks, k):
                    break
                if k > i and lex.openers.at(toks, k):
                    break  # "… Quốc Cường Gia Lai Theo Cáo trạng …": a new sentence
                h = lex.honorifics.at(toks, k)
                if k > i and h and not toks[k - 1].cap and k + h[0] < n and self._name_tok(toks[k + h[0]]):
                    break  # "… Ban Kinh tế Trung ương Ông Phạm …": a new sentence
                prev = toks[k - 1]
                if (
                    k > i
                    and prev.word
                    and (prev.cap or prev.upper)
                    and t.gap == " "
                    and self._role_at(toks, k)
                    and not self._body_ending(toks, k)
                    and not self.lex.formers.ending(toks, k)
                    and not self.lex.prefixes.ending(toks, k)
                ):
                    break  # "… Chủ tịch nước CHXHCN Việt Nam Tổng Bí thư Trường Chinh": another title
                el = self._elem_at(toks, k)
                whole = el[0] if el else (k + self.lex.bodies.at(toks, k)[0] if self.lex.bodies.at(toks, k) else 0)
                k = max(k + 1, min(whole, n))
                last = k
                prevcap = True
                continue
            prev = toks[k - 1]
            if k > i and prev.word and prev.cap and not prev.upper and t.gap == " " and self._same_word(toks, i, k - 1, k):
                # the second syllable of a capitalised word: "Quốc phòng", "Đổi mới", "Tỉnh ủy"
                k += 1
                last = k
                prevcap = True
                continue
            if self._end_at(toks, k):
                break
            m = lex.org_words.at(toks, k) or lex.admin.at(toks, k) or lex.qualifiers.at(toks, k)
            if m:
                k += m[0]
                last = k
                prevcap = True
                continue
            e = self._role_at(toks, k)
            if not e and lex.formers.at(toks, k):
                e = self._role_at(toks, k + 1)
            if e:
                k = e
                last = k
                prevcap = True
                continue
            tm = lex.terms.at(toks, k)
            if tm:
                nxt = k + tm[0]
                if nxt < n and toks[nxt].word and (_ROMAN.match(toks[nxt].text) or toks[nxt].digit):
                    k = nxt + 1
                    last = k
                    continue
                # no number after it: an ordinary word ("Trung tâm Chuyển đổi số tỉnh")
            if lex.joins_names.at(toks, k):
                nx = k + 1
                if (
                    nx < n
                    and toks[nx].word
                    and (toks[nx].cap or toks[nx].upper)
                    and not self._person_at(toks, nx)
                    and not self._elem_at(toks, nx)  # "… và Thiếu tướng Trần Văn Phúc": another person
                ):
                    k += 1
                    continue
                break
            if lex.joins_offices.at(toks, k):
                if self._elem_at(toks, k + 1):
                    k += 1
                    continue
                break
            # an unknown lower-case stretch: kept inside an organisation's name, or at the
            # very end when it is not a verb ("Bộ NN&PTNT cũ,")
            r = k
            while r < n and toks[r].word and not toks[r].cap and not toks[r].upper and not toks[r].digit and "\n" not in toks[r].gap:
                if r > k and (self._end_at(toks, r) or lex.org_words.at(toks, r) or lex.admin.at(toks, r)):
                    break
                r += 1
            if not prevcap or r - k > 3:
                break
            if r < n and toks[r].word and "\n" not in toks[r].gap:
                nx = toks[r]
                if ((nx.cap or nx.upper) and not self._person_at(toks, r)) or lex.org_words.at(toks, r) or lex.admin.at(toks, r):
                    k = r
                    prevcap = False
                    continue
                if nx.digit and r - k <= 2:
                    k = r  # a designation: "Đoàn Kiểm tra số 12", "Tổ công tác số 3"
                    prevcap = False
                    continue
                if not self._end_at(toks, r) or not self._nounish(toks, i, k, r + 1):
                    break
                # the name runs up to a verb that ends the appositive ("… Cục Quản lý
                # dược phẩm cho biết"): the stretch is kept when it reads as nouns (not
                # "… Viêng-chăn đặc biệt đánh giá", "… Hà Nam trực tiếp chỉ đạo")
                k = r
                last = r
                prevcap = False
                continue
            if r < n and toks[r].text == "(" and self._abbrev_paren(toks, r):
                k = r
                continue
            if self._verbish(toks, i, k, r):
                break
            k = r
            last = r
            prevcap = False
        return last

    def _chain_start(self, toks: list[Tok], k: int, allow_body: bool = True) -> bool:
        """After a comma: a further office, an organisation, or a unit (``, xã Sà Phìn``)."""
        if k >= len(toks) or self._person_at(toks, k):
            return False
        if self._title_start(toks, k, allow_body=allow_body):
            return True
        return self._admin_cap(toks, k)

    def _enum_comma(self, toks: list[Tok], k: int) -> bool:
        """The comma at ``k`` separates parts of one organisation's name: a capitalised
        word follows and a "và" joins the last part within a few words (``Bộ Văn hóa,
        Thể thao và Du lịch``)."""
        j = k + 1
        if self._lower_org_comma(toks, k):
            return True
        if j >= len(toks) or not (toks[j].word and toks[j].cap) or toks[j].upper or self._role_at(toks, j) or self._person_at(toks, j):
            return False
        if k == 0 or not toks[k - 1].word or toks[k - 1].upper:
            return False
        commas = 0
        for q in range(j + 1, min(j + 12, len(toks) - 1)):
            t = toks[q]
            nx = toks[q + 1]
            if t.text == "," and commas < 3 and nx.word and nx.cap and not nx.upper and not self._role_at(toks, q + 1) and not self._person_at(toks, q + 1):
                commas += 1  # "Ủy ban Văn hóa, Giáo dục, Thanh niên và Nhi đồng"
                continue
            if not t.word or "\n" in t.gap:
                return False
            if self.lex.joins_names.at(toks, q) and not t.cap and nx.cap and not nx.upper:
                return True
            if q - j > 4 and not commas:
                return False
        return False

    def _lower_org_comma(self, toks: list[Tok], k: int) -> bool:
        """``Ban Chính sách, chiến lược Trung ương``: the comma at ``k`` sits inside an
        organisation's name that a capitalised head opened a few words before, and the
        lower-case words after it run into an organisation word (``Trung ương``, ``xã
        hội``) or a body: the name goes on past the comma."""
        lex = self.lex
        n = len(toks)
        if k < 2 or k + 2 >= n or not toks[k - 1].word:
            return False
        # a capitalised organisation head within the four words before the comma
        # ("Ban Chính sách,"), or an office ending in one ("Trưởng ban Chính sách,")
        head = False
        for q in range(k - 1, max(-1, k - 5), -1):
            if not toks[q].word or (q + 1 < k and "\n" in toks[q + 1].gap):
                break
            bm = lex.bodies.at(toks, q)
            if bm and (toks[q].cap or toks[q].upper) and q + bm[0] < k:
                head = True
                break
            if toks[q].key in lex.org_last_words and lex.roles.ending(toks, q + 1) and q + 1 < k:
                head = True
                break
        if not head:
            return False
        j = k + 1
        low = 0
        while j < n and low <= 4:
            t = toks[j]
            if not t.word or not t.ok or "\n" in t.gap:
                return False
            if low and (lex.org_words.at(toks, j) and (t.cap or j + 1 >= n or not toks[j + 1].word or toks[j + 1].cap)) or (
                low and self._body_at(toks, j)
            ):
                return True
            if t.cap or t.upper or t.digit:
                return False
            if self._end_at(toks, j) or self._elem_at(toks, j) or lex.honorifics.at(toks, j) or lex.admin.at(toks, j):
                return False
            low += 1
            j += 1
        return False

    def _admin_cap(self, toks: list[Tok], k: int) -> bool:
        """A lower-case administrative unit and its capitalised name at ``k`` (``xã Cẩm Quan``)."""
        m = self.lex.admin.at(toks, k)
        return bool(m) and not toks[k].cap and k + m[0] < len(toks) and toks[k + m[0]].cap

    def _end_at(self, toks: list[Tok], k: int) -> bool:
        """A word that ends a title starts at ``k`` (``dự`` ends it, ``dự án`` does not)."""
        lex = self.lex
        e = lex.ends.at(toks, k)
        if not e:
            return False
        o = lex.org_words.at(toks, k) or lex.admin.at(toks, k)
        if not o or o[0] < e[0]:
            return True
        if o[0] > e[0]:
            return False  # "dự án", not "dự"
        # a word that both ends titles and names bodies ("điều hành", "chỉ đạo"): inside a
        # name right after a body and before a capitalised word ("Hội đồng điều hành Trung tâm")
        j = k + o[0]
        if j < len(toks) and lex.joins_names.at(toks, j) and not toks[j].cap:
            j += 1  # "Trưởng đoàn kiểm tra của Bộ Tư lệnh"
        if j + 1 < len(toks) and lex.terms.at(toks, j) and toks[j + 1].digit:
            j += 1  # "Trưởng đoàn kiểm tra số 12"
        after_head = bool(lex.bodies.ending(toks, k)) or (
            bool(lex.roles.ending(toks, k)) and toks[k - 1].key in lex.org_last_words  # "Trưởng đoàn", "Trưởng ban"
        )
        inside = after_head and j < len(toks) and toks[j].word and (toks[j].cap or toks[j].upper or toks[j].digit)
        return not inside

    def _word_paren(self, toks: list[Tok], k: int) -> int:
        """``(cũ)``: brackets around organisation words stay in a title."""
        m = self.lex.org_words.at(toks, k + 1)
        if m and k + 1 + m[0] < len(toks) and toks[k + 1 + m[0]].text == ")":
            return k + 2 + m[0]
        return 0

    def _segments(self, text: str) -> list[tuple[int, int, str]]:
        """Words of a short window (underthesea ``pos_tag``) as (start, end, tag)."""
        if self._pos_tag is None:
            from underthesea import pos_tag

            self._pos_tag = pos_tag
        cached = self._seg_cache.get(text)
        if cached is not None:
            return cached
        out: list[tuple[int, int, str]] = []
        pos = 0
        for word, tag in self._pos_tag(text):
            at = text.find(word, pos)
            if at < 0:
                continue
            pos = at + len(word)
            out.append((at, pos, tag))
        self._seg_cache[text] = out
        return out

    def _window(self, toks: list[Tok], i: int, j: int) -> tuple[str, int]:
        j = min(j, len(toks))
        s = toks[i].start
        return self._text[s : toks[j - 1].end], s

    def _same_word(self, toks: list[Tok], i: int, a: int, b: int) -> bool:
        """Token ``b`` continues a word that starts at token ``a``: ``Quốc phòng``,
        ``Đổi mới``, ``Tỉnh ủy`` (not ``Lắk dự``, ``Cai trao``).

        Read from underthesea's word list (Viet74K) when it is installed; otherwise from
        the words ``pos_tag`` segments on a short window (a verb is then refused when
        ``b`` alone would end a title)."""
        pair = (toks[a].key, toks[b].key)
        if self.words is not None:
            end = self.lex.ends.at(toks, b)
            if end and end[0] > 1:
                return False  # "Bỉm Sơn đồng thời …": the syllable opens a longer word
            if self.lex.honorifics.at(toks, b):
                return False  # "… Sơn đồng chí …"
            return f"{pair[0]} {pair[1]}" in self.words
        known = self._pairs.get(pair)
        if known is not None:
            return known
        text, s = self._window(toks, max(i, a - 3), b + 3)
        pa, pb = toks[a].start - s, toks[b].end - s
        same = False
        for ws, we, tag in self._segments(text):
            if ws == pa and we >= pb:
                same = not (tag.startswith("V") and self.lex.ends.at(toks, b))
                break
        if len(self._pairs) > 50_000:
            self._pairs.clear()
        self._pairs[pair] = same
        return same

    def _nounish(self, toks: list[Tok], i: int, k: int, r: int) -> bool:
        """Whether the lower-case words ``k..r-1`` read as nouns (POS on a short window
        ``i..r``, the token at ``r - 1`` being the verb after them)."""
        text, s = self._window(toks, i, r)
        lo, hi = toks[k].start - s, toks[r - 2].end - s
        seen = False
        for ws, we, tag in self._segments(text):
            if we <= lo:
                continue
            if ws >= hi:
                break
            if not tag.startswith("N"):
                return False
            seen = True
        return seen

    def _verbish(self, toks: list[Tok], i: int, k: int, r: int) -> bool:
        """Whether the lower-case words ``k..r`` read as a verb phrase (POS on a short window)."""
        text, s = self._window(toks, i, r)
        target = toks[k].start - s
        for ws, we, tag in self._segments(text):
            if we > target:
                if ws < target:
                    continue  # the tail of a capitalised word
                return tag in ("V", "R", "E", "C", "CC", "P", "T", "Vb", "L")
        return False

    # ---- building mentions and records ----
    def _mention(
        self,
        toks: list[Tok],
        a: int,
        b: int,
        hon: tuple[int, int, str, str | None] | None,
        before: tuple[int, int] | None,
        after: tuple[int, int] | None,
        full: bool,
        extra: str | None = None,
    ) -> Mention:
        words = [toks[k].text for k in range(a, b)]
        name = " ".join(words)
        if all(toks[k].upper or len(toks[k].text) == 1 for k in range(a, b)):
            name = " ".join(_title_case_word(w) for w in words)
        parts: list[str] = []
        text = self._text

        def text_of(toks: list[Tok], s: int, e: int) -> str:
            # two offices joined by a dash are one chain written with ", " (Settled:
            # parts joined with ", "): "Chủ tịch UBND tỉnh – Bí thư Tỉnh ủy"
            out, at = [], s
            for k in range(s + 1, e - 1):
                d = toks[k]
                if d.text in _DASHES and d.gap and toks[k + 1].gap and toks[k + 1].word and (toks[k + 1].cap or toks[k + 1].upper):
                    el = self._elem_at(toks, k + 1)
                    if el and el[1] in ("role", "rank"):
                        out.append(text[toks[at].start : toks[k - 1].end])
                        at = k + 1
            out.append(text[toks[at].start : toks[e - 1].end])
            return ", ".join(out)

        rank_before = None
        if extra:
            parts.append(extra)
        if before is not None:
            s, e = before
            # the honorific inside a list region is not part of the title
            if hon is not None and s <= hon[0] < e:
                e = hon[0]
            weak = after is not None and match_key(text_of(toks, s, e)) in self.lex.weak_roles
            if e > s and not weak:  # "đại biểu X, Phó Trưởng Đoàn …": the title after the name
                parts.append(text_of(toks, s, e))
                r = self.lex.ranks.at(toks, s)
                if r and s + r[0] <= e and (toks[s].cap or toks[s].upper or r[0] >= 2):
                    rank_before = text_of(toks, s, s + r[0])
        if after is not None:
            parts.append(text_of(toks, after[0], after[1]))
        parts = [p.strip(" ,-–—") for p in parts if p.strip(" ,-–—")]
        title = ", ".join(parts) if parts else None
        return Mention(
            a,
            b,
            name,
            full,
            honorific=hon[2] if hon else None,
            gender=hon[3] if hon else None,
            title=title,
            title_parts=tuple(parts),
            rule="title" if title else ("honorific" if hon else "name"),
            rank_before=rank_before,
        )

    def _assemble(self, text: str, toks: list[Tok], mentions: list[Mention], shorts: list[tuple[Mention, int]]) -> list[Person]:
        groups: dict[str, list[Mention]] = {}
        skeleton: dict[str, str] = {}
        for m in sorted(mentions, key=lambda m: m.start):
            key = match_key(m.name)
            sk = strip_diacritics(key)
            if key not in groups and sk in skeleton:
                key = skeleton[sk]
            skeleton.setdefault(sk, key)
            groups.setdefault(key, []).append(m)
        # a two-syllable "full" name that is part of a longer one is a mention of it:
        # "Thiên Hương" (Bùi Lý Thiên Hương), "Y Sơn" (Y Sơn Niê)
        for key in list(groups):
            words = key.split()
            if len(words) != 2:
                continue
            common = self.lex.surnames.at(_tokenize(words[0]), 0)
            for other in groups:
                ow = other.split()
                if other != key and len(ow) > 2 and (ow[-2:] == words or (ow[:2] == words and not (common and common[1] == "common"))):
                    for m in groups[key]:
                        m.full = False
                    groups[other].extend(groups.pop(key))
                    break
        # short mentions
        last_word: dict[str, list[str]] = {}
        first_word: dict[str, list[str]] = {}
        for key in groups:
            last_word.setdefault(key.split()[-1], []).append(key)
            if len(key.split()) > 1:
                first_word.setdefault(key.split()[0], []).append(key)
        for m, _ in sorted(shorts, key=lambda x: x[0].start):
            key = match_key(m.name)
            # Vietnamese names are shortened to the given name ("ông Thắng"); Chinese,
            # Korean and Western ones to the family name ("ông Tập", "ông Trump")
            owners = last_word.get(key, []) or first_word.get(key, [])
            if owners:
                before = [o for o in owners if groups[o][0].start <= m.start] or owners
                groups[before[-1]].append(m)
                continue
            foreign = not _vn_syllable(m.name)
            if m.honorific in (None,) and not (m.title and foreign):
                continue
            if m.honorific is None and not foreign:
                continue
            m.full = True
            groups.setdefault(key, []).append(m)
            last_word.setdefault(key.split()[-1], []).append(key)
        people: list[Person] = []
        for key, ms in groups.items():
            ms.sort(key=lambda m: m.start)
            fulls = [m for m in ms if m.full] or ms
            first = fulls[0]
            name = first.name
            mixed = [m.name for m in fulls if not all(c.isupper() for c in m.name if c.isalpha())]
            if any(toks[k].upper for k in range(first.start, first.end)) and mixed:
                name = mixed[0]
            title = self._intro_title(toks, fulls)
            hon = next((m.honorific for m in fulls if m.honorific), None) or next((m.honorific for m in ms if m.honorific), None)
            gender = next((m.gender for m in fulls if m.gender), None) or next((m.gender for m in ms if m.gender), None)
            start, end = toks[first.start].start, first.end_char or toks[first.end - 1].end
            spans = []
            seen = set()
            for m in ms:
                s, e = toks[m.start].start, m.end_char or toks[m.end - 1].end
                if (s, e) not in seen:
                    seen.add((s, e))
                    spans.append(Span(start=s, end=e, text=text[s:e]))
            spans.sort(key=lambda sp: sp.start)
            people.append(
                Person(
                    name=name,
                    honorific=hon,
                    title=title,
                    roles=self._roles(title) if title else [],
                    gender=gender,  # type: ignore[arg-type]
                    start=start,
                    end=end,
                    text=text[start:end],
                    mentions=spans,
                    rule_id=f"people.{first.rule}",
                )
            )
        people.sort(key=lambda p: p.start)
        return people

    def _in_headline(self, toks: list[Tok], m: Mention) -> bool:
        s = toks[m.start].start
        return any(a <= s < b for a, b in self._headline)

    def _intro_title(self, toks: list[Tok], fulls: list[Mention]) -> str | None:
        """The title attached at the person's introduction: the first full-name mention
        outside the headline (its ``giữ chức`` office when nothing is attached); only
        when it has none, the fullest title attached to a later full-name mention. A
        rank written before the name in the headline (``Đại tá X làm Giám đốc …``) is
        joined in front of it."""
        body = [m for m in fulls if not self._in_headline(toks, m)]
        intro = (body or fulls)[0]
        title = intro.title or intro.post_title
        if title is None:
            titles = [m.title for m in fulls if m.title]
            if titles:
                title = max(titles, key=lambda t: (len(" ".join(t.split())), -titles.index(t)))
            else:
                title = next((m.post_title for m in fulls if m.post_title), None)
        elif intro.title:
            # the same post written more fully later (an abbreviation expanded, a rank or a
            # concurrent office added) is the fuller form of the introduction's title; a
            # different post (an old or a new one) is not
            sig = self._signature(title)
            for m in fulls:
                if m is intro or not m.title or self._in_headline(toks, m):
                    continue
                if len(" ".join(m.title.split())) > len(" ".join(title.split())) and _subsequence(sig, self._signature(m.title)):
                    title = m.title
                    sig = self._signature(title)
        if body:
            rank = next((m.rank_before for m in fulls if m.rank_before and self._in_headline(toks, m)), None)
            if rank and title and not match_key(title).startswith(match_key(rank)):
                title = f"{rank}, {title}"
        return title

    def _signature(self, title: str) -> list[str]:
        """What a title says, for comparing two forms of it: its leading rank and its
        offices in order (match keys, former markers dropped, organisations left out)."""
        toks = _tokenize(title)
        out: list[str] = []
        r = self.lex.ranks.at(toks, 0)
        if r:
            out.append(" ".join(t.key for t in toks[: r[0]]))
        for role in self._roles(title):
            rt = _tokenize(role.role)
            f = self.lex.formers.at(rt, 0)
            out.append(" ".join(t.key for t in rt[f[0] if f else 0 :]))
        return out

    def _roles(self, title: str) -> list[Role]:
        lex = self.lex
        toks = _tokenize(title)
        # split into parts at top-level ", " / " kiêm " / " - " that open an office
        parts: list[tuple[int, int]] = []
        start = 0
        depth = 0
        for k, t in enumerate(toks):
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                depth = max(0, depth - 1)
            if depth:
                continue
            if t.text == "," or (t.text in _DASHES and t.gap and self._title_start(toks, k + 1, allow_body=False)) or (
                lex.joins_offices.at(toks, k) and self._elem_at(toks, k + 1)
            ):
                if k > start:
                    parts.append((start, k))
                start = k + 1
        if start < len(toks):
            parts.append((start, len(toks)))
        roles: list[Role] = []
        for s, e in parts:
            k = s
            r = lex.ranks.at(toks, k)
            if r and k + r[0] <= e:
                k += r[0]
                while k < e and toks[k].text in (".", ","):
                    k += 1
                if k >= e:
                    continue
            f = lex.formers.at(toks, k)
            role_start = k
            if f:
                k += f[0]
            re_ = self._role_at(toks, k) or (lex.clause_roles.at(toks, k) or (0,))[0] and k + lex.clause_roles.at(toks, k)[0]
            if not re_ and k == s and not toks[k].cap:
                low = lex.roles.at(toks, k)  # "đại diện Công ty Y" (see _lower_role_title)
                if low and low[1] and k + low[0] < e:
                    re_ = k + low[0]
            if not re_:
                q = lex.qualifiers.at(toks, k)
                if q and roles:
                    continue
                org = title[toks[role_start].start : toks[e - 1].end]
                if roles:
                    prev = roles[-1]
                    joined = f"{prev.organization}, {org}" if prev.organization else org
                    roles[-1] = Role(role=prev.role, organization=joined)
                continue
            role = title[toks[role_start].start : toks[re_ - 1].end]
            org = title[toks[re_].start : toks[e - 1].end] if re_ < e else None
            last = toks[re_ - 1]
            if last.key in lex.org_last_words or lex.bodies.ending(toks, re_):
                head_len = (lex.bodies.ending(toks, re_) or (1,))[0]
                head = title[toks[re_ - head_len].start : toks[re_ - 1].end]
                if head.lower() != role.lower() and org:
                    org = f"{head[:1].upper()}{head[1:]} {org}"
            roles.append(Role(role=role, organization=org or None))
        return roles


@functools.lru_cache(maxsize=1)
def _two_syllable_words() -> frozenset[str] | None:
    """Two-syllable words of underthesea's Viet74K word list (matching keys), or None."""
    try:
        from importlib import resources

        path = resources.files("underthesea") / "corpus" / "data" / "Viet74K.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    # keys as match_key gives them; match_key is only needed where the tone mark of an
    # open diphthong can sit on either vowel (hoà/hòa), so it runs on those lines alone
    movable = regex.compile(r"[ou][àáảãạèéẻẽẹỳýỷỹỵ](?!\p{L})")
    out = set()
    for line in lines:
        if line.count(" ") != 1:
            continue
        low = line.lower()
        out.add(low)
        if movable.search(low):
            out.add(match_key(low))
    return frozenset(out)


def _subsequence(small: list[str], big: list[str]) -> bool:
    """Every item of ``small`` occurs in ``big`` in the same order."""
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def _title_case_word(w: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))


@Language.factory("vnx_people", assigns=["doc.spans"])
def make_extractor(nlp: Language, name: str) -> PeopleExtractor:
    return PeopleExtractor()


# --- rule-example runners -----------------------------------------------------------------------


def _people_of(text: str) -> list[Person]:
    from ..extraction import extract

    return list(extract(text).people)


def check_example(entry: RuleEntry, example: Example) -> None:
    """Assert that a person with the ``expect`` values is extracted from the example."""
    people = _people_of(example.text)
    want = example.expect
    for p in people:
        got = p.model_dump()
        if "name" in want and match_key(p.name) != match_key(want["name"]):
            continue
        if all(got.get(k) == v for k, v in want.items() if k != "name"):
            return
    raise AssertionError(f"{entry.id}: no person {want!r} in {[p.model_dump(include={'name', 'title', 'honorific', 'gender', 'roles'}) for p in people]!r}")


def check_counterexample(entry: RuleEntry, text: str) -> None:
    """Assert that the counterexample yields no person."""
    people = _people_of(text)
    assert not people, f"{entry.id}: unexpected people {[p.name for p in people]!r} in {text!r}"

"""Bytes to Unicode text: UTF-8/16/32, Windows-1258, TCVN3 (ABC) and VNI-Windows.

:func:`decode_bytes` is the only entry point the pipeline needs. It finds what the bytes
are, converts them to Unicode and refuses (with :class:`~pipeline.errors.InputError` or
:class:`~pipeline.errors.DecodeError`) rather than return mojibake:

1. empty or whitespace-only input → ``InputError("empty")``;
2. a UTF-32, UTF-8 or UTF-16 byte-order mark → that codec (strict);
3. BOM-less UTF-16, recognised by NUL bytes in every other position;
4. NUL bytes elsewhere, or many control bytes → ``InputError("binary")``;
5. strict UTF-8;
6. otherwise 8-bit legacy text: Windows-1258, TCVN3 and VNI are each tried and scored.

Unicode text is checked for legacy text typed in a legacy font and saved as Unicode
(``Ch¸nh phñ`` is TCVN3, ``Chính phuû`` is VNI, ``Viá»‡t`` is UTF-8 read as
Windows-1252): the text is turned back into its bytes and re-read, and the reading
wins when it is clearly better Vietnamese. The encoding is then reported as
``"utf-8+tcvn3"`` and the like.

Candidates are scored by the share of words carrying non-ASCII letters that are valid
Vietnamese syllables (onset + rhyme + at most one tone, a stop coda only with the sắc
or nặng tone): see :func:`vietnamese_score`.

The conversion tables are data, in ``pipeline/rules/legacy_encodings.yaml``.
TCVN3 stores a capital with a tone as its lower-case letter; :func:`decode_legacy`
restores case from context (all-caps words and runs, sentence starts, runs of
capitalised names), as the legacy fonts' users expected a reader to.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

import regex
from pydantic import Field

from .errors import DecodeError, InputError, RuleDataError
from .ruleset import Example, RuleEntry, load_rules

__all__ = [
    "Decoded",
    "LegacyEncodingEntry",
    "VietnameseScore",
    "check_counterexample",
    "check_example",
    "decode_bytes",
    "decode_legacy",
    "encode_legacy",
    "is_vietnamese_syllable",
    "vietnamese_score",
]

RULE_FILE = "legacy_encodings"


@dataclass(frozen=True)
class Decoded:
    """Text found in a byte string.

    Attributes:
        text: The Unicode text (not yet normalised; :func:`pipeline.normalize.to_canonical`
            runs after decoding).
        encoding: What was found and converted: ``utf-8``, ``utf-8-sig``, ``utf-16-le``,
            ``utf-16-be``, ``utf-32-le``, ``utf-32-be``, ``windows-1258``, ``tcvn3``,
            ``vni``, or ``<unicode codec>+<legacy>`` (``utf-8+tcvn3``, ``utf-8+vni``,
            ``utf-16-le+tcvn3``, ``utf-8+utf-8`` for doubly encoded UTF-8) when Unicode
            text turned out to be legacy text read as Windows-1252.
    """

    text: str
    encoding: str


# --- rule data ----------------------------------------------------------------


class LegacyEncodingEntry(RuleEntry):
    """One encoding of ``rules/legacy_encodings.yaml``.

    ``kind`` says how ``table`` is read: ``single_byte`` keys are bytes as two hex digits;
    ``base_plus_mark`` keys are the legacy bytes read as Windows-1252 text (one byte, or a
    base letter and a mark byte); ``codec`` names a Python codec in ``codec``.
    """

    kind: Literal["single_byte", "base_plus_mark", "codec"]
    codec: str | None = None
    table: dict[str, str] = Field(default_factory=dict)
    never_capitalised: list[str] = Field(default_factory=list)
    title_compounds: list[str] = Field(default_factory=list)
    cased_names: list[str] = Field(default_factory=list)


_NAMES = {"tcvn3": "tcvn3", "vni": "vni", "windows_1258": "windows-1258"}


@dataclass(frozen=True)
class _Tables:
    tcvn3_decode: tuple[str, ...]
    tcvn3_ambiguous: frozenset[str]
    tcvn3_encode: dict[str, int]
    never_capitalised: frozenset[str]
    title_compounds: frozenset[tuple[str, str]]
    cased_names: tuple[tuple[str, ...], ...]
    vni_pairs: dict[str, str]
    vni_singles: dict[str, str]
    vni_encode: dict[str, str]
    codec_1258: str


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five holes of Windows-1252 read as C1 controls


def _entries() -> dict[str, LegacyEncodingEntry]:
    return {e.id: e for e in load_rules(RULE_FILE, LegacyEncodingEntry)}


def _fail(entry: str, message: str) -> RuleDataError:
    return RuleDataError(f"{RULE_FILE}.yaml", entry, message)


def _single_letter(entry: str, key: str, value: str) -> None:
    if len(value) != 1 or unicodedata.normalize("NFC", value) != value or not value.isalpha():
        raise _fail(entry, f"table[{key!r}] must be one precomposed letter, got {value!r}")


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    entries = _entries()
    for need in _NAMES:
        if need not in entries:
            raise _fail(need, "entry missing")

    tcvn = entries["tcvn3"]
    if tcvn.kind != "single_byte":
        raise _fail("tcvn3", "kind must be single_byte")
    decode = [chr(b) if b < 0x80 else _cp1252_char(b) for b in range(256)]
    for b in range(0xA0, 0x100):
        if decode[b].isalpha():  # a Windows-1252 letter at a byte the font leaves unassigned
            decode[b] = "\ufffd"
    encode: dict[str, int] = {}
    for key, value in tcvn.table.items():
        if not regex.fullmatch(r"[0-9A-F]{2}", key) or int(key, 16) < 0x80:
            raise _fail("tcvn3", f"table key {key!r} must be a byte 80-FF as two upper-case hex digits")
        _single_letter("tcvn3", key, value)
        if value in encode:
            raise _fail("tcvn3", f"{value!r} appears twice in the table")
        decode[int(key, 16)] = value
        encode[value] = int(key, 16)
    ambiguous = frozenset(v for v in encode if v.islower() and v.upper() not in encode)
    for compound in tcvn.title_compounds:
        if len(compound.split()) != 2:
            raise _fail("tcvn3", f"title_compounds: {compound!r} must be two syllables")

    vni = entries["vni"]
    if vni.kind != "base_plus_mark":
        raise _fail("vni", "kind must be base_plus_mark")
    pairs: dict[str, str] = {}
    singles: dict[str, str] = {}
    vni_encode: dict[str, str] = {}
    for key, value in vni.table.items():
        _single_letter("vni", key, value)
        try:
            key.encode("cp1252")
        except UnicodeEncodeError as exc:
            raise _fail("vni", f"table key {key!r} is not Windows-1252 text") from exc
        if len(key) == 1:
            singles[key] = value
        elif len(key) == 2:
            pairs[key] = value
        else:
            raise _fail("vni", f"table key {key!r} must be one or two characters")
        if value in vni_encode:
            raise _fail("vni", f"{value!r} appears twice in the table")
        vni_encode[value] = key
    marks = {k[1] for k in pairs}
    if marks & set(singles):
        raise _fail("vni", "a mark byte is also a single-byte letter")
    # Accept a mark of the other case; the base letter decides the case.
    for key, value in list(pairs.items()):
        other = key[0] + key[1].swapcase()
        if other != key and other[1] in marks:
            pairs.setdefault(other, value)

    cp = entries["windows_1258"]
    if cp.kind != "codec" or not cp.codec:
        raise _fail("windows_1258", "kind must be codec, with a codec name")
    return _Tables(
        tcvn3_decode=tuple(decode),
        tcvn3_ambiguous=ambiguous,
        tcvn3_encode=encode,
        never_capitalised=frozenset(tcvn.never_capitalised),
        title_compounds=frozenset(tuple(c.split()) for c in tcvn.title_compounds),  # type: ignore[misc]
        cased_names=tuple(tuple(_LETTERS.findall(name)) for name in tcvn.cased_names),
        vni_pairs=pairs,
        vni_singles=singles,
        vni_encode=vni_encode,
        codec_1258=cp.codec,
    )


# --- Vietnamese syllables -----------------------------------------------------

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền sắc ngã hỏi nặng
_STOP_TONES = frozenset("\u0301\u0323")
_ONSETS = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split()
_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oen oeo oet oc oi om on ong ooc oong op ot
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc ui um un ung up ut uy uya uych uyên uyêt uynh uyt uyu
uê uêch uênh uơ uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
""".split()
_SYLLABLE = regex.compile(
    "(?P<onset>" + "|".join(_ONSETS) + ")?(?P<rhyme>" + "|".join(sorted(_RHYMES, key=len, reverse=True)) + ")"
)
_STOP_CODA = regex.compile(r"(?:c|ch|p|t)$")


@functools.lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (case-insensitive).

    A syllable is an optional onset, a rhyme from the closed list of Vietnamese rhymes,
    and at most one tone mark; a rhyme ending in a stop (``c ch p t``) takes the sắc or
    nặng tone only.

    Args:
        word: One written syllable, in any Unicode normal form.

    Returns:
        True for ``"nghiêng"``, ``"Quốc"``, ``"ĐẶNG"``; False for ``"Ch¸nh"``,
        ``"phuû"``, ``"été"``, ``"pré"``.
    """
    nfd = unicodedata.normalize("NFD", word.lower().replace("ð", "đ"))
    tones = [c for c in nfd if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS))
    m = _SYLLABLE.fullmatch(bare)
    if m is None:
        return False
    if _STOP_CODA.search(m.group("rhyme")) and (not tones or tones[0] not in _STOP_TONES):
        return False
    return True


@dataclass(frozen=True)
class VietnameseScore:
    """How Vietnamese a text reads.

    Attributes:
        good: Words with non-ASCII letters that are valid Vietnamese syllables.
        bad: Words with non-ASCII characters that are not (mojibake reads as these).
        words: All words with at least one letter.
    """

    good: int
    bad: int
    words: int

    @property
    def value(self) -> int:
        """Comparison key between readings of the same bytes: one bad word costs three good."""
        return self.good - 3 * self.bad

    @property
    def plausible(self) -> bool:
        """Whether the text reads as Vietnamese with diacritics at all."""
        return self.good >= 1 and self.good >= 4 * self.bad and (self.good * 7 >= self.words or self.good >= 50)


_EDGE_PUNCT = "\"'“”‘’„‚«»‹›()[]{}<>.,;:!?…–—-/\\*•·_~`|#@%&^=+"
_SPLIT = regex.compile(r"[\s\-‐‑–—/\\|_]+")
_WORDISH = regex.compile(r"^[\p{L}\p{M}]+$")


def vietnamese_score(text: str) -> VietnameseScore:
    """Score ``text`` as Vietnamese: see :class:`VietnameseScore`.

    Words are split on spaces, dashes and slashes and stripped of edge punctuation;
    words with digits and pure-ASCII words are counted in ``words`` only.

    Args:
        text: Any Unicode text.

    Returns:
        The counts of valid and invalid non-ASCII words.
    """
    good = bad = words = 0
    for raw in _SPLIT.split(text):
        tok = raw.strip(_EDGE_PUNCT)
        if not tok or any(c.isdigit() for c in tok):
            continue
        words += 1
        if tok.isascii():
            continue
        if _WORDISH.match(tok) and is_vietnamese_syllable(tok):
            good += 1
        else:
            bad += 1
    return VietnameseScore(good, bad, words)


# --- legacy codecs ------------------------------------------------------------


def _cp1258_form(text: str) -> str:
    """NFD for tones only: letters keep their shape marks (ê ơ ă) as Windows-1258 does."""
    out: list[str] = []
    cluster, tones = "", ""
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if ch in _TONE_MARKS:
                tones += ch
            else:
                cluster += ch
        else:
            out.append(unicodedata.normalize("NFC", cluster) + tones)
            cluster, tones = ch, ""
    out.append(unicodedata.normalize("NFC", cluster) + tones)
    return "".join(out)


def encode_legacy(text: str, encoding: str) -> bytes:
    """Encode Unicode ``text`` the way a legacy Vietnamese font user's file holds it.

    TCVN3 writes a toned capital as its lower-case letter's byte (the convention of the
    ``.VnTimeH`` fonts); Windows-1258 writes tones as combining marks. Used to make test
    samples and to round-trip the tables.

    Args:
        text: Unicode text.
        encoding: ``"tcvn3"``, ``"vni"`` or ``"windows-1258"``.

    Returns:
        The encoded bytes.

    Raises:
        ValueError: A character has no code in that encoding, or the encoding is unknown.
    """
    t = _tables()
    text = unicodedata.normalize("NFC", text)
    if encoding == "windows-1258":
        try:
            return _cp1258_form(text).encode(t.codec_1258)
        except UnicodeEncodeError as exc:
            raise ValueError(f"cannot encode {exc.object[exc.start]!r} in windows-1258") from exc
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        if encoding == "tcvn3":
            code = t.tcvn3_encode.get(ch)
            if code is None and ch.lower() in t.tcvn3_ambiguous:
                code = t.tcvn3_encode[ch.lower()]
            if code is not None:
                out.append(code)
                continue
        elif encoding == "vni":
            seq = t.vni_encode.get(ch)
            if seq is not None:
                out += seq.encode("cp1252")
                continue
        else:
            raise ValueError(f"unknown legacy encoding {encoding!r}")
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError as exc:
            raise ValueError(f"cannot encode {ch!r} in {encoding}") from exc
    return bytes(out)


def _decode_tcvn3(data: bytes) -> tuple[str, list[bool]]:
    t = _tables()
    table = t.tcvn3_decode
    text = "".join([table[b] for b in data])
    return text, [c in t.tcvn3_ambiguous for c in text]


def _latin_text(data: bytes) -> str:
    """Bytes read as Windows-1252, its holes as C1 controls (never fails)."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(_cp1252_char(b) if b >= 0x80 else chr(b) for b in data)


def _decode_vni(data: bytes) -> str:
    t = _tables()
    src = _latin_text(data)
    pairs, singles = t.vni_pairs, t.vni_singles
    out: list[str] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c.isascii() and not c.isalpha():
            out.append(c)
            i += 1
            continue
        if i + 1 < n:
            hit = pairs.get(src[i : i + 2])
            if hit is not None:
                out.append(hit)
                i += 2
                continue
        out.append(singles.get(c, c))
        i += 1
    return "".join(out)


def _decode_1258(data: bytes) -> str | None:
    try:
        return unicodedata.normalize("NFC", data.decode(_tables().codec_1258))
    except UnicodeDecodeError:
        return None


def _quick_decode(data: bytes, encoding: str) -> str | None:
    """A candidate reading for scoring (TCVN3 without case restoration); None when the
    bytes are not valid in ``encoding``."""
    if encoding == "tcvn3":
        return _decode_tcvn3(data)[0]
    if encoding == "vni":
        return _decode_vni(data)
    if encoding == "windows-1258":
        return _decode_1258(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode ``data`` as the named legacy encoding, with no detection.

    For TCVN3 the case of toned capitals is restored from context (see the module doc).

    Args:
        data: The bytes.
        encoding: ``"tcvn3"``, ``"vni"`` or ``"windows-1258"``.

    Returns:
        Unicode text (NFC for Windows-1258).

    Raises:
        DecodeError: The bytes are not valid in that encoding (Windows-1258 has holes).
        ValueError: The encoding is unknown.
    """
    if encoding == "tcvn3":
        text, amb = _decode_tcvn3(data)
        t = _tables()
        return _restore_case(text, amb, t.never_capitalised, t.title_compounds, t.cased_names)
    if encoding == "vni":
        return _decode_vni(data)
    if encoding == "windows-1258":
        text = _decode_1258(data)
        if text is None:
            raise DecodeError("bytes undefined in windows-1258")
        return text
    raise ValueError(f"unknown legacy encoding {encoding!r}")


# --- TCVN3 case restoration ---------------------------------------------------

_LETTERS = regex.compile(r"\p{L}+")
_HARD_BREAK = regex.compile(r"[.!?…:;\n\r]")
_OPEN_QUOTES = frozenset("“‘\"'«([")
_SKIP_BACK = _OPEN_QUOTES | frozenset(" \t-–—•*+")
_CLOSERS = frozenset("”’\"')]»")
_TERMINAL = frozenset(".!?…")


def _restore_case(
    text: str,
    amb: list[bool],
    never: frozenset[str],
    compounds: frozenset[tuple[str, str]] = frozenset(),
    names: tuple[tuple[str, ...], ...] = (),
) -> str:
    """Upper-case the TCVN3 letters that were capitals, judging from context.

    ``amb[i]`` is true where ``text[i]`` came from a toned lower-case byte, which a
    ``.VnTimeH`` font also draws as the capital. Words are classed by their other
    (unambiguous) letters: ``BáO`` is all caps, ``Phó`` is title case, ``Hộ`` may be
    either and follows its all-caps neighbours (``ỦNG HỘ``, but ``Bộ GD&ĐT``: an
    abbreviation is no evidence), ``ủy`` may be ``Ủy`` at a sentence start, in a run of
    capitalised names, in a title compound (``Ủy ban``) or as a label (``(Ảnh: ...)``);
    the letters of a known name (``Ấn Độ``, ``châu Á``) take the name's case.
    """
    if not any(amb):
        return text
    chars = list(text)
    spans = [(m.start(), m.end()) for m in _LETTERS.finditer(text)]
    kinds: list[str] = []
    for s, e in spans:
        amb_pos = [p for p in range(s, e) if amb[p]]
        fixed = [p for p in range(s, e) if not amb[p]]
        upper = [p for p in fixed if chars[p].isupper()]
        lower = [p for p in fixed if chars[p].islower()]
        if not amb_pos:
            if e - s >= 2 and not lower:
                kinds.append("caps")
            elif chars[s].isupper():
                kinds.append("title")
            else:
                kinds.append("lower")
        elif upper and not lower:
            # BáO, ứNG → caps; Hộ, Đạ → caps or title, decided by the neighbours.
            kinds.append("caps" if len(upper) >= 2 or max(upper) > amb_pos[0] else "cap_or_title")
        elif upper:
            kinds.append("title" if chars[s].isupper() else "mixed")
        elif lower:
            kinds.append("lower_or_title" if amb[s] else "lower")
        else:
            kinds.append("any")  # ở, ý: every letter ambiguous

    n = len(spans)
    gaps = [text[spans[i][1] : spans[i + 1][0]] for i in range(n - 1)]
    prev = [i - 1 if i > 0 and not _HARD_BREAK.search(gaps[i - 1]) else None for i in range(n)]
    nxt = [i + 1 if i + 1 < n and not _HARD_BREAK.search(gaps[i]) else None for i in range(n)]
    state = ["caps" if k == "caps" else None for k in kinds]

    def caps_evidence(j: int | None) -> bool:
        # An all-caps Vietnamese word; abbreviations (UBND, GD, TTXVN) are no evidence.
        if j is None or state[j] != "caps":
            return False
        s, e = spans[j]
        return e - s >= 2 and is_vietnamese_syllable(text[s:e])

    changed = True
    while changed:
        changed = False
        for i, kind in enumerate(kinds):
            if state[i] or kind not in ("cap_or_title", "any"):
                continue
            sides = (prev[i], nxt[i])
            evidence = [caps_evidence(j) for j in sides]
            if kind == "cap_or_title":
                ok = any(evidence) and not any(j is not None and kinds[j] == "title" for j in sides)
            else:
                ok = any(evidence) and all(ev or j is None for ev, j in zip(evidence, sides))
            if ok:
                state[i] = "caps"
                changed = True

    def upper_at(j: int | None) -> bool:
        return j is not None and (chars[spans[j][0]].isupper() or state[j] == "caps")

    def word(j: int | None) -> str:
        return "" if j is None else text[spans[j][0] : spans[j][1]].lower()

    for i, (s, e) in enumerate(spans):
        if state[i] == "caps":
            for p in range(s, e):
                if amb[p]:
                    chars[p] = chars[p].upper()
            continue
        if kinds[i] not in ("lower_or_title", "any"):
            continue
        w = text[s:e].lower()
        glued_prev = prev[i] is not None and gaps[i - 1] == " "
        if (
            _sentence_start(text, s, prev_caps=i > 0 and state[i - 1] == "caps")
            # a title compound (Ủy ban), unless glued to a capitalised word (Tỉnh ủy viên)
            or ((w, word(nxt[i])) in compounds and not (glued_prev and upper_at(prev[i])))
            # a label in brackets or after a dash: (Ảnh: TTXVN), - Ảnh: Minh Đức
            or (text[e : e + 1] == ":" and text[:s].rstrip(" ")[-1:] in ("(", "[", "-", "–", "—"))
            # inside a run of capitalised names (Nguyễn Ái Quốc), or a one-letter name
            # closing one (Đông Nam Á)
            or (
                w not in never
                and upper_at(prev[i])
                and (upper_at(nxt[i]) or (e - s == 1 and nxt[i] is None))
            )
        ):
            chars[s] = chars[s].upper()

    lowered = [text[s:e].lower() for s, e in spans]
    for name in names:
        k, first = len(name), name[0].lower()
        for i in range(n - k + 1):
            if lowered[i] != first or any(
                lowered[i + j] != name[j].lower() or gaps[i + j - 1].strip(" -–") for j in range(1, k)
            ):
                continue
            for j in range(k):
                s, e = spans[i + j]
                for p, want in zip(range(s, e), name[j]):
                    if amb[p] and want.isupper():
                        chars[p] = chars[p].upper()
    return "".join(chars)


def _sentence_start(text: str, pos: int, *, prev_caps: bool) -> bool:
    i = pos - 1
    quoted = False
    while i >= 0 and text[i] in _SKIP_BACK:
        quoted = quoted or text[i] in _OPEN_QUOTES
        i -= 1
    if i < 0 or text[i] in "\n\r":
        return True
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    if i >= 0 and text[i] in _TERMINAL:
        # not after an initial (cháu M. ở nhà)
        return not (text[i] == "." and i >= 1 and text[i - 1].isupper() and (i < 2 or not text[i - 2].isalpha()))
    # After a colon: a quotation, or the text after an all-caps heading (THÔNG BÁO:).
    return i >= 0 and text[i] == ":" and (quoted or prev_caps)


# --- detection ----------------------------------------------------------------

_ALLOWED_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1a")
_CONTROL_BYTES = frozenset(range(0x20)) - _ALLOWED_CONTROLS | {0x7F}
_UNICODE_CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


def _too_many_controls(count: int, length: int) -> bool:
    return count > max(2, length // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    nul_even, nul_odd = even.count(0), odd.count(0)
    if nul_odd >= 0.3 * half and nul_even <= 0.02 * half:
        return "utf-16-le"
    if nul_even >= 0.3 * half and nul_odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _legacy_bytes(text: str) -> bytes | None:
    """The bytes a legacy-font text was typed as, if it reads as Windows-1252."""
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        o = ord(ch)
        if o < 0x80 or 0x80 <= o <= 0x9F:
            out.append(o)
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)


def _from_unicode(text: str, label: str, path: str | None) -> Decoded:
    if not text.translate(_INVISIBLE).strip():
        raise InputError("empty", "the file holds no text", path)
    if _too_many_controls(len(_UNICODE_CONTROLS.findall(text)), len(text)) or "\x00" in text:
        raise InputError("binary", f"{label} text full of control characters: binary data?", path)
    if text.isascii():
        return Decoded(text, label)
    raw = _legacy_bytes(text)
    if raw is None:
        return Decoded(text, label)
    best, best_score = Decoded(text, label), vietnamese_score(text)
    for name in ("tcvn3", "vni", "utf-8"):
        cand = _quick_decode(raw, name)
        if cand is None:
            continue
        score = vietnamese_score(cand)
        if score.plausible and score.value > best_score.value:
            final = decode_legacy(raw, name) if name != "utf-8" else unicodedata.normalize("NFC", cand)
            best, best_score = Decoded(final, f"{label}+{name}"), score
    return best


def _from_8bit(data: bytes, path: str | None) -> Decoded:
    tried: list[str] = []
    best: tuple[str, str, VietnameseScore] | None = None
    for name in ("windows-1258", "tcvn3", "vni"):
        cand = _quick_decode(data, name)
        if cand is None:
            tried.append(f"{name} (undefined bytes)")
            continue
        score = vietnamese_score(cand)
        tried.append(f"{name} ({score.good} of {score.good + score.bad} non-ASCII words are Vietnamese syllables)")
        if best is None or score.value > best[2].value:
            best = (name, cand, score)
    if best is None or not best[2].plausible:
        raise DecodeError(
            "not UTF-8 or UTF-16, and no legacy Vietnamese encoding reads it as Vietnamese; tried "
            + ", ".join(tried),
            path,
        )
    name, cand, _ = best
    return Decoded(decode_legacy(data, name) if name == "tcvn3" else cand, name)


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes, *, path: str | None = None) -> Decoded:
    """Find the encoding of an article's bytes and return its Unicode text.

    Order: byte-order marks (UTF-32, UTF-8, UTF-16); BOM-less UTF-16 (NUL bytes in every
    other position); binary data; strict UTF-8; then Windows-1258, TCVN3 and VNI, each
    scored by :func:`vietnamese_score`, the best plausible reading winning. Unicode text
    that is really TCVN3 or VNI (or UTF-8) typed in a legacy font and saved as Unicode is
    converted too (``encoding="utf-8+tcvn3"``).

    Args:
        data: The file's bytes.
        path: The file's path, used only in error messages.

    Returns:
        The text and the encoding found.

    Raises:
        InputError: ``code="empty"`` for empty or whitespace-only input; ``code="binary"``
            for NUL bytes outside UTF-16/32, or many control bytes.
        DecodeError: The bytes are none of the supported encodings, or no reading gives
            plausible Vietnamese; the message names what was tried.

    Example:
        >>> decode_bytes("Chính phủ".encode()).encoding
        'utf-8'
        >>> decode_bytes(b"Ch\\xb8nh ph\\xf1 \\xae\\xb5 ph\\xea duy\\xd6t").text
        'Chánh phủ đà phờ duyệt'
    """
    if not data.strip():
        raise InputError("empty", "the file is empty or holds only whitespace", path)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :] if codec != "utf-8-sig" else data
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {codec} byte-order mark but is not {codec}: {exc.reason}", path) from exc
            return _from_unicode(text, codec, path)
    codec16 = _utf16_without_bom(data)
    if codec16:
        try:
            return _from_unicode(data.decode(codec16), codec16, path)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError("binary", "NUL bytes in a file that is not UTF-16: binary data", path)
    controls = sum(1 for b in data if b in _CONTROL_BYTES)
    if _too_many_controls(controls, len(data)):
        raise InputError("binary", f"{controls} control bytes in {len(data)}: binary data", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _from_8bit(data, path)
    return _from_unicode(text, "utf-8", path)


# --- rule examples (tests/test_rule_examples.py) --------------------------------


def _as_entry(entry: Any) -> LegacyEncodingEntry:
    return entry if isinstance(entry, LegacyEncodingEntry) else LegacyEncodingEntry.model_validate(entry)


def check_example(entry: Any, example: Any) -> bool:
    """Check one example of ``legacy_encodings.yaml``: its bytes decode to ``expect.unicode``.

    ``example.text`` is the legacy bytes read as Windows-1252 text; it is decoded with the
    entry's encoding (no detection) and, when the text is long enough to be detected,
    :func:`decode_bytes` must find that encoding too.

    Args:
        entry: The entry (model or mapping).
        example: The example (model or mapping with ``text`` and ``expect``).

    Returns:
        True when the example holds.

    Raises:
        AssertionError: It does not, with what was produced.
    """
    entry = _as_entry(entry)
    ex = example if isinstance(example, Example) else Example.model_validate(example)
    name = _NAMES[entry.id]
    raw = _legacy_bytes(ex.text)
    assert raw is not None, f"{entry.id}: example text {ex.text!r} is not Windows-1252 text"
    got = decode_legacy(raw, name)
    want = ex.expect["unicode"]
    assert got == want, f"{entry.id}: {ex.text!r} decoded to {got!r}, expected {want!r}"
    # Round trip: the Unicode text encodes back to the same bytes.
    assert encode_legacy(want, name) == raw, f"{entry.id}: {want!r} does not encode back to {raw!r}"
    return True


def check_counterexample(entry: Any, text: str) -> bool:
    """Check a counterexample: Unicode ``text`` as UTF-8 is not taken for this encoding.

    Args:
        entry: The entry (model or mapping).
        text: A Unicode text.

    Returns:
        True when :func:`decode_bytes` returns the text unchanged and does not report
        the entry's encoding.

    Raises:
        AssertionError: It does.
    """
    entry = _as_entry(entry)
    got = decode_bytes(text.encode("utf-8"))
    name = _NAMES[entry.id]
    assert name not in got.encoding.split("+"), f"{entry.id}: {text!r} was read as {got.encoding}"
    assert got.text == text, f"{entry.id}: {text!r} was changed to {got.text!r}"
    return True

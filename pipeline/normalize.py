"""The one place text changes.

:func:`to_canonical` turns any decoded article text into the canonical form every
record's offsets index: Unicode NFC, ``Ð``/``ð`` read as ``Đ``/``đ``, zero-width
characters and soft hyphens removed, HTML entities decoded, non-breaking and other
exotic spaces turned into plain spaces, line endings unified, word-segmented text
(``đảng_viên``) read as syllables, words glued by crawlers (``củaBộ``) split where
the split is certain, and decimal digits of other scripts read as ASCII digits.

:func:`match_key` gives the *matching key* of a string: canonical text further folded
to lower case and one tone-mark placement (``Thanh Hoá`` = ``Thanh Hóa``, ``Tỉnh uỷ`` =
``Tỉnh ủy``). It never changes length-sensitive data; it is only for comparison and for
``token.norm_``.
"""

from __future__ import annotations

import html
import unicodedata

import regex

# Characters that are invisible and carry no text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
# Space-like characters read as a plain space.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
_ETH = {0x00D0: "Đ", 0x00F0: "đ"}
_TABLE = {**_INVISIBLE, **_SPACES, **_ETH, ord("\t"): " ", ord("\r"): None}
_NEEDS_TABLE = regex.compile("[" + "".join(regex.escape(chr(c)) for c in _TABLE) + "]")

_ENTITY = regex.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SEGMENTED_JOIN = regex.compile(r"(?<=\p{L})_(?=\p{L})")
# A lower-case letter glued to an upper-case one (`củaBộ`, `trangTin`) and an
# all-caps abbreviation glued to a lower-case word (`UBNDtỉnh`).
_GLUED_LOWER_UPPER = regex.compile(r"(?<=\p{Ll}{2})(?=\p{Lu}\p{Ll})")
_GLUED_ABBR_LOWER = regex.compile(r"\b\p{Lu}{3,}(?=\p{Ll}{2,})")  # cut at the match end
# Words where lower→upper inside a word is normal spelling; never split.
_CAMEL_OK = ("iPhone", "iPad", "eKYC", "eGov", "mRNA", "iOS", "TikTok", "YouTube", "PetroVietnam", "OceanBank",
             "VietinBank", "VietcomBank", "Vietcombank", "FaceBook", "Facebook", "McDonald", "PhD", "MeKong")
_WORD_AROUND = regex.compile(r"[\p{L}\p{M}]+")


# Decimal digits of other scripts (full-width `１２`, Arabic-Indic, …) are read as ASCII
# digits, so that every number pattern and int() agree; one the Python runtime cannot
# read becomes U+FFFD rather than a number nothing can parse.
_OTHER_DIGIT = regex.compile(r"(?![0-9])\p{Nd}")


def _ascii_digit(m: regex.Match[str]) -> str:
    value = unicodedata.digit(m.group(), None)
    return str(value) if value is not None else "\ufffd"


def _decode_entities(text: str) -> str:
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def _is_word_segmented(text: str) -> bool:
    """Text from VnCoreNLP-style segmenters joins syllables with ``_`` everywhere."""
    joins = len(_SEGMENTED_JOIN.findall(text))
    return joins >= 5 and joins * 40 >= len(text.split()) if text else False


def _protected(text: str, pos: int) -> bool:
    left = pos
    while left > 0 and (text[left - 1].isalpha() or unicodedata.combining(text[left - 1])):
        left -= 1
    m = _WORD_AROUND.match(text, left)
    word = m.group(0) if m else ""
    return any(ok in word for ok in _CAMEL_OK)


def _split_glued(text: str) -> str:
    for pattern in (_GLUED_LOWER_UPPER, _GLUED_ABBR_LOWER):
        cuts = [m.end() for m in pattern.finditer(text) if not _protected(text, m.end())]
        if cuts:
            parts, last = [], 0
            for c in cuts:
                parts.append(text[last:c])
                last = c
            parts.append(text[last:])
            text = " ".join(parts)
    return text


def to_canonical(text: str) -> str:
    """Return the canonical form of ``text``; every record offset indexes it.

    >>> to_canonical("Ðảng_viên&nbsp;mới\\u200b")
    'Đảng viên mới'
    """
    text = _decode_entities(text)
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_TABLE.search(text):
        text = text.translate(_TABLE)
    if _OTHER_DIGIT.search(text):
        text = _OTHER_DIGIT.sub(_ascii_digit, text)
    if "_" in text and _is_word_segmented(text):
        text = _SEGMENTED_JOIN.sub(" ", text)
    text = _split_glued(text)
    # Fold runs of spaces inside lines; keep line structure; trim line ends.
    text = regex.sub(r" {2,}", " ", text)
    text = regex.sub(r" *\n *", "\n", text)
    text = regex.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --- matching keys -----------------------------------------------------------

# The open diphthongs oa, oe, uy take their tone mark on either vowel (hoà/hòa,
# khoẻ/khỏe, thuỷ/thủy). Keys use the placement on the first vowel, the more common
# one in the press. Closed syllables (hoàn, thuyền) have one placement only.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_SECOND_VOWEL_TONE = regex.compile(r"(?i)(?<![\p{L}\p{M}][ou][\p{M}]*[\p{L}]|q)([ou])([aey])([" + _TONES + r"])(?![\p{L}\p{M}])")


def _fix_tone_placement(nfd: str) -> str:
    return _SECOND_VOWEL_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), nfd)


def fold_tones(text: str) -> str:
    """Move tone marks to one placement: ``hoà``→``hòa``, ``uỷ``→``ủy`` (case kept)."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _fix_tone_placement(nfd))


def match_key(text: str) -> str:
    """The matching key: canonical, tone placement folded, lower case, spaces folded.

    >>> match_key("Tỉnh Uỷ  Thanh Hoá") == match_key("tỉnh ủy Thanh Hóa")
    True
    """
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    text = fold_tones(text).lower()
    return " ".join(text.split())


def strip_diacritics(text: str) -> str:
    """ASCII-ish skeleton (``Đảng`` → ``Dang``) used only for lenient code matching."""
    nfd = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in nfd if not unicodedata.combining(c))

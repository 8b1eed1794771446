"""Syllable tokenizer: the spaCy Doc is built on syllables, not CRF words.

A regex tokenizer (by default one compiled pattern; ``engine="underthesea"`` uses
underthesea's regex tokenizer with both normalisations off) splits the canonical text
into syllables, numbers and punctuation without changing a character; each token's
``norm_`` is its matching key (:func:`pipeline.normalize.match_key`), so phrase
patterns match ``Tỉnh uỷ``/``TỈNH ỦY``/``Tỉnh ủy`` alike while offsets stay on the text.
CRF word segmentation is used only on the spans that need it (see the extractors).
"""

from __future__ import annotations

import functools

import regex
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .errors import PipelineError
from .normalize import match_key


def _syllables_underthesea(text: str) -> list[str]:
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    # Normalisation off: the tokens must be substrings of the text as given.
    return list(tokenize(text, use_character_normalize=False, use_token_normalize=False))


# The same token classes as underthesea's regex tokenizer for this genre (syllables,
# numbers with Vietnamese separators, abbreviations with inner dots such as `T.Ư`,
# `TP.`, single punctuation), in one compiled pattern: underthesea's tokenizer tries a
# long alternation of URL, e-mail and date patterns at every position and was 56% of
# the pipeline's run time (see `python -m pipeline bench`).
_FAST = regex.compile(
    r"\d+(?:[.,]\d+)*"  # 2.257  107,46  1.234.567,8
    r"|\p{Lu}+(?:\.\p{Lu}+)+\.?"  # T.Ư  P.V.
    r"|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)?"  # syllables, H'Mông
    r"|[^\s]",
)


def _syllables_fast(text: str) -> list[str]:
    return _FAST.findall(text)


_ENGINES = {"regex": _syllables_fast, "underthesea": _syllables_underthesea}


def _syllables(text: str, engine: str = "regex") -> list[str]:
    return _ENGINES[engine](text)


@functools.lru_cache(maxsize=200_000)
def _token_norm(token: str) -> str | None:
    key = match_key(token)
    return None if key == token.lower() else key


def words_and_spaces(text: str, engine: str = "regex") -> tuple[list[str], list[bool]]:
    """Split ``text`` into syllable tokens and the spaces after them.

    Whitespace other than a single space (newlines, runs) becomes its own token, as in
    spaCy, so that ``Doc.text == text`` exactly.

    Raises:
        PipelineError: if the tokenizer produced a token that is not in the text.
    """
    if engine == "regex":
        return _words_and_spaces_fast(text)
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    n = len(text)
    for tok in _syllables(text, engine):
        start = text.find(tok, pos)
        if start < 0:
            raise PipelineError(f"tokenizer misaligned at offset {pos}: {tok!r}")
        if start > pos:
            gap = text[pos:start]
            if gap == " " and words and not spaces[-1]:
                spaces[-1] = True
            else:
                if words and not spaces[-1] and gap.startswith(" "):
                    spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
        words.append(tok)
        spaces.append(False)
        pos = start + len(tok)
        if pos < n and text[pos] == " " and (pos + 1 >= n or not text[pos + 1].isspace()):
            spaces[-1] = True
            pos += 1
    if pos < n:
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


_FAST_WS = regex.compile(_FAST.pattern + r"|\s+")


def _words_and_spaces_fast(text: str) -> tuple[list[str], list[bool]]:
    """:func:`words_and_spaces` for the regex engine: one pass, whitespace runs matched too."""
    words: list[str] = []
    spaces: list[bool] = []
    for piece in _FAST_WS.findall(text):
        if not piece[0].isspace():
            words.append(piece)
            spaces.append(False)
            continue
        if words and not spaces[-1] and piece[0] == " ":
            spaces[-1] = True
            piece = piece[1:]
        if piece:
            words.append(piece)
            spaces.append(False)
    return words, spaces


class SyllableTokenizer:
    """spaCy tokenizer producing syllable tokens with ``norm_`` = matching key."""

    def __init__(self, vocab: Vocab, engine: str = "regex") -> None:
        if engine not in _ENGINES:
            raise PipelineError(f"unknown tokenizer engine {engine!r}; use one of {sorted(_ENGINES)}")
        self.vocab = vocab
        self.engine = engine
        self._normed: set[str] = set()

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text, self.engine)
        # NORM is set once per word type on the lexeme (spaCy's lexeme-level NORM), so
        # every later token of that word reads it without a per-token loop.
        for word in set(words).difference(self._normed):
            key = _token_norm(word)
            if key is not None:
                self.vocab[word].norm_ = key
            self._normed.add(word)
        if "".join(w + " " if s else w for w, s in zip(words, spaces)) != text:
            raise PipelineError("syllable Doc does not reproduce the text")
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["vnx"] = {"text": text}  # read by pipeline.extensions.doc_text
        return doc

    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> SyllableTokenizer:
        return self

    def to_disk(self, path: object, **kwargs: object) -> None:
        return None

    def from_disk(self, path: object, **kwargs: object) -> SyllableTokenizer:
        return self


@registry.tokenizers("vnx.syllable_tokenizer.v1")
def create_syllable_tokenizer(engine: str = "regex"):  # type: ignore[no-untyped-def]
    """``engine``: ``"regex"`` (default, one compiled pattern) or ``"underthesea"``
    (underthesea's regex tokenizer with both normalisations off)."""

    def make(nlp):  # type: ignore[no-untyped-def]
        return SyllableTokenizer(nlp.vocab, engine)

    return make

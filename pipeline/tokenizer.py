"""Syllable tokenizer: the spaCy Doc is built on syllables, not CRF words.

underthesea's regex tokenizer (both normalisations off) splits the canonical text into
syllables, numbers and punctuation without changing a character; each token's
``norm_`` is its matching key (:func:`pipeline.normalize.match_key`), so phrase
patterns match ``Tỉnh uỷ``/``TỈNH ỦY``/``Tỉnh ủy`` alike while offsets stay on the text.
CRF word segmentation is used only on the spans that need it (see the extractors).
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .errors import PipelineError
from .normalize import match_key


def _syllables(text: str) -> list[str]:
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    # Normalisation off: the tokens must be substrings of the text as given.
    return list(tokenize(text, use_character_normalize=False, use_token_normalize=False))


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """Split ``text`` into syllable tokens and the spaces after them.

    Whitespace other than a single space (newlines, runs) becomes its own token, as in
    spaCy, so that ``Doc.text == text`` exactly.

    Raises:
        PipelineError: if the tokenizer produced a token that is not in the text.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    n = len(text)
    for tok in _syllables(text):
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


class SyllableTokenizer:
    """spaCy tokenizer producing syllable tokens with ``norm_`` = matching key."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if doc.text != text:
            raise PipelineError("syllable Doc does not reproduce the text")
        for token in doc:
            key = match_key(token.text)
            if key != token.lower_:
                token.norm_ = key
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
def create_syllable_tokenizer():  # type: ignore[no-untyped-def]
    def make(nlp):  # type: ignore[no-untyped-def]
        return SyllableTokenizer(nlp.vocab)

    return make

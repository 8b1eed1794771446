"""The spaCy pipeline: syllable tokenizer + article reader + the three extractors.

``make_nlp()`` builds a fresh :class:`spacy.Language`; ``load_nlp()`` returns a cached one
for this process. Components are registered factories (``vnx_article``,
``vnx_directives``, ``vnx_people``, ``vnx_indicators``) that a user can add to their own
``spacy.blank("vi")`` pipeline after setting the tokenizer to
``vnx.syllable_tokenizer.v1``. Each writes ``doc.spans[<key>]`` and its records to
``doc._.vnx[<key>]``.
"""

from __future__ import annotations

import functools
from typing import Any

import spacy
from spacy.language import Language

from . import extensions as _extensions  # noqa: F401  (Doc._.vnx and its msgpack round trip)
from . import extractors as _extractors  # noqa: F401  (registers the four factories)
from . import tokenizer as _tokenizer  # noqa: F401  (registers vnx.syllable_tokenizer.v1)

PIPE_NAMES = ("vnx_article", "vnx_directives", "vnx_people", "vnx_indicators")

DEFAULT_CONFIG: dict[str, Any] = {
    "nlp": {"tokenizer": {"@tokenizers": "vnx.syllable_tokenizer.v1"}},
}


def make_nlp() -> Language:
    """Build the pipeline: ``spacy.blank("vi")`` with the syllable tokenizer and the components."""
    nlp = spacy.blank("vi", config=DEFAULT_CONFIG)
    # No parser or NER model: memory grows linearly with the text, so long articles are fine.
    nlp.max_length = 100_000_000
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The process-wide pipeline (built on first use)."""
    return make_nlp()

"""Structured records from Vietnamese news articles: people, directives, indicators.

>>> from pipeline import extract
>>> record = extract(text, id="lamdong-2024-0001")   # doctest: +SKIP

Heavy modules (spaCy, underthesea) load on first use, so ``import pipeline`` is light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Directive",
    "ErrorRecord",
    "Indicator",
    "Person",
    "__version__",
    "extract",
    "extract_file",
    "extract_many",
    "load_nlp",
    "make_nlp",
]

_LAZY = {
    "extract": "pipeline.extraction",
    "extract_file": "pipeline.extraction",
    "extract_many": "pipeline.extraction",
    "load_nlp": "pipeline.language",
    "make_nlp": "pipeline.language",
    "Article": "pipeline.records",
    "Directive": "pipeline.records",
    "ErrorRecord": "pipeline.records",
    "Indicator": "pipeline.records",
    "Person": "pipeline.records",
}

if TYPE_CHECKING:
    from .extraction import extract, extract_file, extract_many
    from .language import load_nlp, make_nlp
    from .records import Article, Directive, ErrorRecord, Indicator, Person


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")

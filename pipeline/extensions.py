"""The Doc extension ``doc._.vnx`` and how its contents survive ``Doc.to_bytes``.

The components keep their results in ``doc.user_data["vnx"]`` (read through the
extension ``doc._.vnx``): the reader's :class:`~pipeline.reader.Layout` under
``"layout"`` and lists of :mod:`pipeline.records` models under ``"people"``,
``"directives"`` and ``"indicators"``. spaCy serialises ``user_data`` with msgpack
whenever a Doc crosses a process boundary (``nlp.pipe(texts, n_process=2)``) or goes into
a ``DocBin``; msgpack knows nothing of pydantic models or dataclasses. srsly's
``msgpack_encoders``/``msgpack_decoders`` registries are spaCy's hook for exactly this
(numpy arrays use it), so the records are encoded as tagged plain dicts and rebuilt by
validation on the way back. Only the classes named in ``_CLASSES`` are ever rebuilt:
decoding untrusted bytes cannot construct anything else.

Importing this module registers both; :mod:`pipeline.language` and
:mod:`pipeline.extractors` import it, so any route to the components sets it up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import srsly
from spacy.tokens import Doc

from . import records as _records_mod
from .reader import Layout, Zone

TAG = "__vnx__"

_CLASSES: dict[str, type[_records_mod.Record]] = {
    cls.__name__: cls
    for cls in (
        _records_mod.Article,
        _records_mod.Directive,
        _records_mod.ErrorInfo,
        _records_mod.ErrorRecord,
        _records_mod.Indicator,
        _records_mod.Person,
        _records_mod.Role,
        _records_mod.Span,
        _records_mod.Target,
    )
}


def doc_records(doc: Doc) -> dict[str, Any]:
    """The mutable dict behind ``doc._.vnx`` (created on first use)."""
    data: dict[str, Any] = doc.user_data.setdefault("vnx", {})
    for key, value in data.items():
        if type(value) is tuple:  # DocBin reads user_data back with use_list=False
            data[key] = list(value)
    return data


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy joins every token on each call, which cost the
    pipeline more than some extractors. The syllable tokenizer stores it at creation."""
    data = doc_records(doc)
    text = data.get("text")
    if text is None:
        text = data["text"] = doc.text
    return text  # type: ignore[no-any-return]


def set_records(doc: Doc, key: str, records: list[Any], label: str) -> None:
    """Store a component's records in ``doc._.vnx[key]`` and as ``doc.spans[key]``
    (label ``label``, ``span.id_`` the record's rule id)."""
    doc_records(doc)[key] = records
    spans = []
    for rec in records:
        span = doc.char_span(rec.start, rec.end, label=label, alignment_mode="expand")
        if span is not None:
            if getattr(rec, "rule_id", None):
                span.id_ = rec.rule_id
            spans.append(span)
    doc.spans[key] = spans


def register_extension() -> None:
    """Register ``Doc._.vnx`` unless it already is (idempotent)."""
    if not Doc.has_extension("vnx"):
        Doc.set_extension("vnx", getter=doc_records)


def encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """msgpack encoder: records and the layout become tagged plain dicts."""
    cls_name = type(obj).__name__
    if isinstance(obj, _records_mod.Record) and _CLASSES.get(cls_name) is type(obj):
        return {TAG: cls_name, "data": obj.model_dump(mode="python")}
    if isinstance(obj, Layout):
        return {
            TAG: "Layout",
            "data": {
                "title": obj.title,
                "authors": list(obj.authors),
                "published": obj.published,
                "zones": [[z.start, z.end, z.kind] for z in obj.zones],
            },
        }
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """msgpack object hook: the inverse of :func:`encode` (other maps pass through)."""
    if isinstance(obj, dict) and TAG in obj and "data" in obj:
        name = obj[TAG]
        data = obj["data"]
        if name == "Layout":
            return Layout(
                title=data["title"],
                authors=list(data["authors"]),
                published=data["published"],
                zones=[Zone(int(s), int(e), k) for s, e, k in data["zones"]],
            )
        cls = _CLASSES.get(name)
        if cls is not None:
            return cls.model_validate(data)
    return obj if chain is None else chain(obj)


register_extension()
srsly.msgpack_encoders.register("vnx", func=encode)
srsly.msgpack_decoders.register("vnx", func=decode)

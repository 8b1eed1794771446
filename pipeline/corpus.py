"""Gold files: load an annotated article, check it against its text.

A gold file ``<id>.gold.json`` holds the article record of ``ANNOTATION.md`` (``title``,
``authors``, ``published``, ``people``, ``directives``, ``indicators``). Its text is
``<id>.txt``, found beside the gold file or in a separate ``texts_dir``; it is read as
UTF-8 and passed through :func:`pipeline.normalize.to_canonical`, and every offset in
the gold file indexes that normalised text.

Two kinds of gold file are read:

* **Corpus gold** (the project's own, ``corpus/articles``): carries ``schema_version``,
  ``text_sha256`` (sha256 of the ``.txt`` file's raw bytes), ``start``/``end``/``text``
  on every record, ``known_failures`` and ``notes``. It is validated strictly against
  :class:`CorpusGold` (unknown keys are errors); :func:`corpus_gold_schema` gives its
  JSON schema.
* **External gold** (no ``schema_version``, e.g. ``shared/real/gold``): read leniently;
  keys the scorer does not know (``evidence``, ``notes`` …) are kept in the record
  dicts and ignored by the scorer, offsets are optional.

In both, a record that carries offsets must satisfy ``text[start:end] == record["text"]``
and, where the file has ``text_sha256``, the text file's bytes must hash to it. Every
failure raises :class:`pipeline.errors.CorpusError` naming the file and the record
(``indicators[3]``).

The records of a :class:`GoldArticle` are the gold file's dicts as written, so that a
field absent from a gold record stays absent (the scorer does not score it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.errors import CorpusError
from pipeline.normalize import to_canonical

GOLD_SUFFIX = ".gold.json"
TEXT_SUFFIX = ".txt"
LISTS = ("people", "directives", "indicators")

__all__ = [
    "GOLD_SUFFIX",
    "CorpusDirective",
    "CorpusGold",
    "CorpusIndicator",
    "CorpusPerson",
    "CorpusRole",
    "CorpusSpan",
    "CorpusTarget",
    "GoldArticle",
    "KnownFailure",
    "corpus_gold_schema",
    "gold_id",
    "iter_gold",
    "load_gold",
]

# --- the corpus gold format (strict) ------------------------------------------------

Offset = Annotated[int, Field(ge=0, description="Character offset into the normalised text.")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CorpusSpan(_Strict):
    """One place in the normalised text (half-open ``[start, end)``)."""

    start: Offset
    end: Offset
    text: str = Field(description="Exactly ``text[start:end]``.")


class CorpusRole(_Strict):
    """One office split into role and organisation."""

    role: str = Field(examples=["Phó Bí thư Thường trực"])
    organization: str | None = Field(default=None, examples=["Huyện ủy Đạ Tẻh"])


class CorpusPerson(_Strict):
    """A gold person: the name at its first full mention."""

    name: str = Field(description="Full name as first given.", examples=["Phan Đức Thái"])
    honorific: str | None = Field(default=None, examples=["đồng chí"])
    title: str | None = Field(
        default=None,
        description="Position(s) as the text attaches them (scored).",
        examples=["Phó Bí thư Thường trực Huyện ủy Đạ Tẻh"],
    )
    roles: list[CorpusRole] = Field(default_factory=list)
    gender: Literal["male", "female"] | None = None
    mentions: list[CorpusSpan] = Field(default_factory=list, description="Optional: every mention.")
    start: Offset
    end: Offset
    text: str = Field(description="The full name at its first full mention.")


class CorpusDirective(_Strict):
    """A gold reference to one Party or State document."""

    doc_type: str = Field(examples=["Chỉ thị"])
    number: str | None = Field(default=None, examples=["10"])
    type_code: str | None = Field(default=None, examples=["CT"])
    issuer_code: str | None = Field(default=None, examples=["TW"])
    year: int | None = None
    code: str | None = Field(default=None, examples=["10-CT/TW"])
    issuer: str | None = Field(default=None, examples=["Ban Bí thư"])
    date: str | None = Field(default=None, description="ISO date of issue.")
    name: str | None = Field(
        default=None,
        description="Named plenum/congress resolution or law by title.",
        examples=["Nghị quyết Trung ương 4 khóa XII"],
    )
    mentions: list[CorpusSpan] = Field(default_factory=list, description="Optional: every mention.")
    start: Offset
    end: Offset
    text: str = Field(examples=["Chỉ thị số 10-CT/TW"])


class CorpusTarget(_Strict):
    """The plan or resolution value set beside an indicator."""

    value: float
    unit: str | None = None
    text: str | None = None


class CorpusIndicator(_Strict):
    """A gold reported quantity."""

    value: float
    raw: str | None = Field(default=None, description="The numeral as written.")
    kind: Literal["count", "percent", "money", "measure", "ratio"]
    unit: str | None = None
    subject: str | None = None
    qualifier: Literal["approx", "min", "max"] | None = None
    target: CorpusTarget | None = None
    achievement_pct: float | None = None
    total: float | None = None
    change: Literal["increase", "decrease"] | None = None
    period: str | None = None
    start: Offset
    end: Offset
    text: str = Field(examples=["72 đảng viên"])


class KnownFailure(_Strict):
    """A record the extractor is known to get wrong (turned into an xfail)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    list_name: Literal["people", "directives", "indicators"] = Field(alias="list")
    index: int | None = Field(
        default=None, ge=0, description="Index of the gold record; null for a spurious prediction."
    )
    kind: Literal["missed", "spurious", "attribute"] = "missed"
    attribute: str | None = Field(default=None, description="For kind 'attribute': the field.")
    text: str | None = Field(default=None, description="For a spurious prediction: its text.")
    reason: str


class CorpusGold(_Strict):
    """A gold file of the project's own corpus (``corpus/articles/<id>.gold.json``)."""

    schema_version: Literal["1.0"]
    id: str
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the .txt file's bytes.")
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None
    people: list[CorpusPerson] = Field(default_factory=list)
    directives: list[CorpusDirective] = Field(default_factory=list)
    indicators: list[CorpusIndicator] = Field(default_factory=list)
    known_failures: list[KnownFailure] = Field(default_factory=list)
    notes: str | None = None


def corpus_gold_schema() -> dict[str, Any]:
    """The JSON schema of the corpus gold format (:class:`CorpusGold`)."""
    return CorpusGold.model_json_schema(by_alias=True)


# --- external gold (lenient) ----------------------------------------------------------


class _LenientGold(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None
    people: list[dict[str, Any]] = Field(default_factory=list)
    directives: list[dict[str, Any]] = Field(default_factory=list)
    indicators: list[dict[str, Any]] = Field(default_factory=list)
    known_failures: list[Any] = Field(default_factory=list)
    notes: Any = None
    text_sha256: str | None = None


# --- the loaded article ------------------------------------------------------------


class GoldArticle(BaseModel):
    """A gold file with its normalised text.

    ``people``/``directives``/``indicators`` are the gold records as written (dicts);
    ``annotated`` is the set of top-level keys the file has, so that an absent article
    field (``published`` …) is not scored. ``text`` is the normalised article text, or
    None when no text file was found; ``text_path`` is where it was read from.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: str
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None
    people: list[dict[str, Any]] = Field(default_factory=list)
    directives: list[dict[str, Any]] = Field(default_factory=list)
    indicators: list[dict[str, Any]] = Field(default_factory=list)
    known_failures: list[Any] = Field(default_factory=list)
    notes: Any = None
    text: str | None = None
    path: Path
    text_path: Path | None = None
    strict: bool = False
    annotated: frozenset[str] = frozenset()


def gold_id(path: str | Path) -> str:
    """The article id of a gold file: its name without ``.gold.json``."""
    name = Path(path).name
    return name[: -len(GOLD_SUFFIX)] if name.endswith(GOLD_SUFFIX) else Path(path).stem


def _find_text(path: Path, article_id: str, texts_dir: str | Path | None) -> Path | None:
    candidates = [path.with_name(article_id + TEXT_SUFFIX)]
    if texts_dir is not None:
        candidates.append(Path(texts_dir) / (article_id + TEXT_SUFFIX))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def _pydantic_label(loc: tuple[int | str, ...]) -> str | None:
    """``('indicators', 3, 'kind')`` → ``indicators[3]``; top-level fields by name."""
    if not loc:
        return None
    head = str(loc[0])
    if head in LISTS and len(loc) > 1 and isinstance(loc[1], int):
        return f"{head}[{loc[1]}]"
    if head == "known_failures" and len(loc) > 1 and isinstance(loc[1], int):
        return f"known_failures[{loc[1]}]"
    return head


def _raise_validation(file: str, exc: ValidationError) -> None:
    first = exc.errors()[0]
    loc = tuple(first["loc"])
    where = ".".join(str(p) for p in loc)
    raise CorpusError(file, _pydantic_label(loc), f"{where}: {first['msg']} ({exc.error_count()} error(s))") from exc


def _check_span(file: str, label: str, span: dict[str, Any], text: str) -> None:
    start, end = span.get("start"), span.get("end")
    if start is None and end is None:
        return
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise CorpusError(file, label, f"start/end must both be integers, got {start!r}, {end!r}")
    if not 0 <= start <= end <= len(text):
        raise CorpusError(file, label, f"offsets [{start}:{end}] outside the text (length {len(text)})")
    surface = span.get("text")
    if surface is not None and text[start:end] != surface:
        raise CorpusError(
            file, label, f"text[{start}:{end}] is {text[start:end]!r}, the record says {surface!r}"
        )


def _check_offsets(file: str, data: dict[str, Any], text: str) -> None:
    for list_name in LISTS:
        for i, record in enumerate(data.get(list_name) or []):
            label = f"{list_name}[{i}]"
            _check_span(file, label, record, text)
            for j, mention in enumerate(record.get("mentions") or []):
                if isinstance(mention, dict):
                    _check_span(file, f"{label}.mentions[{j}]", mention, text)


def load_gold(
    path: str | Path,
    *,
    texts_dir: str | Path | None = None,
    strict: bool | None = None,
) -> GoldArticle:
    """Read one gold file and its text, and check that they agree.

    Args:
        path: the ``<id>.gold.json`` file.
        texts_dir: where to look for ``<id>.txt`` when it is not beside the gold file.
        strict: validate against :class:`CorpusGold` (True), leniently (False), or
            decide by the presence of ``schema_version`` (None, the default).

    Returns:
        The gold article; ``text`` is None when no text file was found (allowed only
        for gold without ``text_sha256``).

    Raises:
        CorpusError: the file is unreadable or invalid, its id is not its file name,
            its text is missing or does not hash to ``text_sha256``, or a record's
            offsets do not point at its ``text``.
    """
    path = Path(path)
    file = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CorpusError(file, None, "gold file not found") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(file, None, f"not a UTF-8 JSON file: {exc}") from exc
    if not isinstance(data, dict):
        raise CorpusError(file, None, "the gold file must hold one JSON object")

    is_strict = ("schema_version" in data) if strict is None else strict
    try:
        if is_strict:
            CorpusGold.model_validate(data)
        lenient = _LenientGold.model_validate(data)
    except ValidationError as exc:
        _raise_validation(file, exc)
        raise  # pragma: no cover  (_raise_validation always raises)

    article_id = gold_id(path)
    if lenient.id is not None and lenient.id != article_id:
        raise CorpusError(file, "id", f"id {lenient.id!r} is not the file's name {article_id!r}")
    if is_strict:
        for i, failure in enumerate(data.get("known_failures") or []):
            index = failure.get("index")
            size = len(data.get(failure.get("list"), []) or [])
            if index is not None and index >= size:
                raise CorpusError(file, f"known_failures[{i}]", f"index {index} beyond {failure.get('list')} ({size} records)")

    text_path = _find_text(path, article_id, texts_dir)
    text: str | None = None
    if text_path is None:
        if lenient.text_sha256 is not None or is_strict:
            raise CorpusError(file, None, f"text {article_id + TEXT_SUFFIX} not found (beside the gold file or in texts_dir)")
    else:
        raw = text_path.read_bytes()
        if lenient.text_sha256 is not None:
            digest = hashlib.sha256(raw).hexdigest()
            if digest != lenient.text_sha256.lower():
                raise CorpusError(
                    file, "text_sha256", f"{text_path.name} hashes to {digest}, the gold file says {lenient.text_sha256}"
                )
        try:
            text = to_canonical(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise CorpusError(file, None, f"{text_path} is not UTF-8: {exc}") from exc
        _check_offsets(file, data, text)

    return GoldArticle(
        id=article_id,
        title=lenient.title,
        authors=lenient.authors,
        published=lenient.published,
        people=lenient.people,
        directives=lenient.directives,
        indicators=lenient.indicators,
        known_failures=lenient.known_failures,
        notes=lenient.notes,
        text=text,
        path=path,
        text_path=text_path,
        strict=is_strict,
        annotated=frozenset(data),
    )


def iter_gold(root: str | Path, *, texts_dir: str | Path | None = None) -> Iterator[GoldArticle]:
    """Every ``*.gold.json`` under ``root`` (recursive, sorted by path), loaded.

    ``root`` may also be a single gold file.
    """
    root = Path(root)
    paths = [root] if root.is_file() else sorted(root.rglob("*" + GOLD_SUFFIX))
    for path in paths:
        yield load_gold(path, texts_dir=texts_dir)

"""Output records: the article record and its three lists.

Field names follow ``ANNOTATION.md`` (the contract shared with the corpus and the
scorer); fields beyond it (``mentions``, ``rule_id``, ``raw``, ``consistency`` …) are
additions. Every record carries ``start``/``end``/``text``: half-open character
offsets into the normalised text produced by :func:`pipeline.normalize.to_canonical`,
with ``text == article_text[start:end]``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Offset = Annotated[int, Field(ge=0, description="Character offset into the normalised text.")]


class Record(BaseModel):
    """Base for every record: forbids unknown fields and is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(Record):
    """One place in the normalised text (half-open ``[start, end)``)."""

    start: Offset
    end: Offset
    text: str = Field(description="Exactly ``article_text[start:end]``.")


class Role(Record):
    """One office split into role and organisation."""

    role: str = Field(description="The office.", examples=["Phó Bí thư Thường trực"])
    organization: str | None = Field(
        default=None, description="The body the office belongs to.", examples=["Huyện ủy Đạ Tẻh"]
    )


class Person(Record):
    """A real individual the article speaks of."""

    name: str = Field(description="Full name as first given.", examples=["Phan Đức Thái"])
    honorific: str | None = Field(
        default=None, description="đồng chí, ông, bà, … in lower case.", examples=["đồng chí"]
    )
    title: str | None = Field(
        default=None,
        description="Position(s) exactly as the text attaches them, joined as written.",
        examples=["Phó Bí thư Thường trực Huyện ủy Đạ Tẻh"],
    )
    roles: list[Role] = Field(default_factory=list, description="The title split into role + organisation.")
    gender: Literal["male", "female"] | None = Field(default=None, description="From ông/bà where given.")
    start: Offset
    end: Offset
    text: str = Field(description="The name at its first full mention.")
    mentions: list[Span] = Field(default_factory=list, description="Every mention, first included.")
    rule_id: str | None = Field(default=None, description="The rule that found the person.")


class Directive(Record):
    """A reference to one specific Party or State document."""

    doc_type: str = Field(description="Full document type name.", examples=["Chỉ thị"])
    number: str | None = Field(default=None, description="The number as written.", examples=["10"])
    type_code: str | None = Field(default=None, description="Type code from the symbol.", examples=["CT"])
    issuer_code: str | None = Field(default=None, description="Issuer code from the symbol.", examples=["TW"])
    year: int | None = Field(default=None, description="Year from the symbol or the date.")
    code: str | None = Field(default=None, description="Canonical symbol.", examples=["10-CT/TW"])
    issuer: str | None = Field(default=None, description="Issuing body named in the text.", examples=["Ban Bí thư"])
    date: str | None = Field(default=None, description="ISO date of issue when the text gives it.")
    name: str | None = Field(
        default=None,
        description="Name of an unnumbered plenum/congress resolution or law.",
        examples=["Nghị quyết Trung ương 4 khóa XII"],
    )
    start: Offset
    end: Offset
    text: str
    mentions: list[Span] = Field(default_factory=list, description="Every mention, first included.")
    rule_id: str | None = None


class Target(Record):
    """A plan or resolution value set beside an indicator."""

    value: float
    unit: str | None = None
    text: str | None = Field(default=None, description="The target as written.")


Kind = Literal["count", "percent", "money", "measure", "ratio"]


class Indicator(Record):
    """A reported quantity."""

    value: float = Field(description="The number (money in its currency, đồng by default).")
    raw: str = Field(description="The numeral as written.", examples=["107,46"])
    kind: Kind
    unit: str | None = Field(default=None, description="%, đồng, measure unit or counted noun.")
    subject: str | None = Field(default=None, description="What is counted or measured, in context.")
    qualifier: Literal["approx", "min", "max"] | None = None
    target: Target | None = None
    achievement_pct: float | None = Field(default=None, description="`đạt 107,46% kế hoạch`.")
    total: float | None = Field(default=None, description="y in `x/y`.")
    change: Literal["increase", "decrease"] | None = None
    period: str | None = None
    consistency: Literal["agrees", "disagrees"] | None = Field(
        default=None,
        description="Whether value / target agrees with achievement_pct (within rounding).",
    )
    ambiguous: str | None = Field(default=None, description="Note when the numeral's reading was a guess.")
    start: Offset
    end: Offset
    text: str
    rule_id: str | None = None


class Article(Record):
    """The record of one article."""

    schema_name: Literal["Article"] = "Article"
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO 8601 with +07:00, or null.")
    encoding: str | None = Field(default=None, description="Source encoding and conversions applied.")
    people: list[Person] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)


class ErrorInfo(Record):
    code: str = Field(description="Machine-readable error code.", examples=["decode_error"])
    message: str


class ErrorRecord(Record):
    """The line written for an input that could not be read."""

    id: str
    path: str
    error: ErrorInfo

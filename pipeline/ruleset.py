"""Rule data: the Vietnamese vocabulary the extractors compile, and its validation.

Every file under ``pipeline/rules/*.yaml`` has the shape::

    checked_by: pipeline.extractors.directives   # module with check_example / check_counterexample
    entries:
      - id: chi_thi                               # ASCII slug, unique in the file
        ...fields of the file's entry model...
        examples:
          - text: "theo Chỉ thị số 10-CT/TW của Ban Bí thư"
            expect: {doc_type: "Chỉ thị", code: "10-CT/TW"}
        counterexamples:
          - "các chỉ thị, nghị quyết của Trung ương"

Files are read with :mod:`importlib.resources` and validated by pydantic models with
``extra="forbid"``; a bad file raises :class:`~pipeline.errors.RuleDataError` naming the
file and the entry. ``tests/test_rule_examples.py`` runs every example and
counterexample through the ``checked_by`` module's ``check_example(entry, example)``
and ``check_counterexample(entry, text)``.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import RuleDataError


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(Rule):
    """A sentence the entry must fire on, with the values it must produce."""

    text: str
    expect: dict[str, Any] = Field(default_factory=dict)


class RuleEntry(Rule):
    """Fields every entry has."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    examples: list[Example] = Field(default_factory=list)
    counterexamples: list[str] = Field(default_factory=list)
    note: str | None = None


E = TypeVar("E", bound=RuleEntry)


def rules_dir() -> Any:
    """The packaged ``rules`` folder (a Traversable)."""
    return resources.files("pipeline") / "rules"


def read_rule_yaml(name: str) -> dict[str, Any]:
    """Raw YAML of ``rules/<name>.yaml``."""
    path = rules_dir() / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RuleDataError(f"{name}.yaml", None, "file not found") from exc
    except yaml.YAMLError as exc:
        raise RuleDataError(f"{name}.yaml", None, f"invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleDataError(f"{name}.yaml", None, "top level must be a mapping")
    return data


@functools.lru_cache(maxsize=None)
def load_rules(name: str, entry_model: type[E]) -> tuple[E, ...]:
    """Load and validate ``rules/<name>.yaml`` with ``entry_model`` for its entries."""
    data = read_rule_yaml(name)
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise RuleDataError(f"{name}.yaml", None, "'entries' must be a list")
    out: list[E] = []
    seen: set[str] = set()
    for i, raw in enumerate(entries):
        try:
            entry = entry_model.model_validate(raw)
        except ValidationError as exc:
            ident = raw.get("id", i) if isinstance(raw, dict) else i
            raise RuleDataError(f"{name}.yaml", ident, str(exc)) from exc
        if entry.id in seen:
            raise RuleDataError(f"{name}.yaml", entry.id, "duplicate id")
        seen.add(entry.id)
        out.append(entry)
    return tuple(out)

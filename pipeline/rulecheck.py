"""Run every rule file's examples and counterexamples (used by ``rules-check`` and tests)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .ruleset import Example, RuleEntry, read_rule_yaml, rules_dir


@dataclass(frozen=True)
class RuleCase:
    file: str
    entry_id: str
    index: int
    counter: bool
    text: str
    expect: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.file}:{self.entry_id}:{'counter' if self.counter else 'example'}{self.index}"


def rule_files() -> list[str]:
    return sorted(p.name[: -len(".yaml")] for p in rules_dir().iterdir() if p.name.endswith(".yaml"))


def entry_model(module: Any, file: str) -> type[RuleEntry]:
    """The entry model a ``checked_by`` module uses for ``file``.

    A module with several rule files defines ``rule_entry_model(file)``; otherwise its
    single :class:`RuleEntry` subclass is used.
    """
    if hasattr(module, "rule_entry_model"):
        return module.rule_entry_model(file)  # type: ignore[no-any-return]
    models = {
        v
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, RuleEntry) and v is not RuleEntry and v.__module__ == module.__name__
    }
    if len(models) != 1:
        raise AssertionError(f"{module.__name__}: cannot tell the entry model for {file}.yaml")
    return models.pop()


def iter_cases() -> Iterator[RuleCase]:
    for name in rule_files():
        data = read_rule_yaml(name)
        for entry in data.get("entries", []):
            for i, ex in enumerate(entry.get("examples", []) or []):
                yield RuleCase(name, entry["id"], i, False, ex["text"], ex.get("expect", {}))
            for i, text in enumerate(entry.get("counterexamples", []) or []):
                yield RuleCase(name, entry["id"], i, True, text, {})


def run_case(case: RuleCase) -> None:
    """Run one case through its file's ``checked_by`` module; raises AssertionError on failure."""
    data = read_rule_yaml(case.file)
    module = importlib.import_module(data["checked_by"])
    model = entry_model(module, case.file)
    from .ruleset import load_rules

    entry = next(e for e in load_rules(case.file, model) if e.id == case.entry_id)
    if case.counter:
        module.check_counterexample(entry, case.text)
    else:
        module.check_example(entry, Example(text=case.text, expect=case.expect))


def run_all_examples() -> tuple[list[str], int]:
    failures, total = [], 0
    for case in iter_cases():
        total += 1
        try:
            run_case(case)
        except AssertionError as exc:
            failures.append(f"{case.id}: {exc}")
        except Exception as exc:  # a broken rule module is a failure of its cases, not a crash
            failures.append(f"{case.id}: {type(exc).__name__}: {exc}")
    return failures, total

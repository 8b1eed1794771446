"""JSON Schemas generated from the pydantic models (records, corpus gold, rule files)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _schemas() -> dict[str, dict[str, Any]]:
    from .records import Article, ErrorRecord

    out = {
        "article.schema.json": Article.model_json_schema(),
        "error_record.schema.json": ErrorRecord.model_json_schema(),
    }
    from .corpus import corpus_gold_schema

    out["annotated_article.schema.json"] = corpus_gold_schema()
    out["ruleset.schema.json"] = ruleset_schema()
    return out


def ruleset_schema() -> dict[str, Any]:
    """Schema of a rule file: the shared shape, with each file's entry model in ``$defs``.

    Editors use it through the ``yaml-language-server`` header of every rule file.
    """
    import importlib

    from .rulecheck import entry_model, rule_files
    from .ruleset import RuleEntry, read_rule_yaml

    defs: dict[str, Any] = {}
    for name in rule_files():
        module = importlib.import_module(read_rule_yaml(name)["checked_by"])
        model = entry_model(module, name)
        sub = model.model_json_schema()
        defs.update(sub.pop("$defs", {}))
        defs[f"{name}_entry"] = sub
    base = RuleEntry.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Rule file (pipeline/rules/*.yaml)",
        "type": "object",
        "required": ["checked_by", "entries"],
        "additionalProperties": False,
        "properties": {
            "checked_by": {"type": "string", "description": "Module with check_example / check_counterexample."},
            "entries": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id"],
                    "properties": base["properties"],
                    "description": "Fields common to every entry; each file's full entry model is in $defs as <file>_entry.",
                },
            },
        },
        "$defs": dict(sorted(defs.items())),
    }


def _dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in _schemas().items():
        path = out_dir / name
        path.write_text(_dump(schema), encoding="utf-8")
        written.append(path)
    return written


def check_schemas(out_dir: Path) -> list[str]:
    """Names of schema files in ``out_dir`` that are missing or differ from the models."""
    stale = []
    for name, schema in _schemas().items():
        path = out_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != _dump(schema):
            stale.append(name)
    return stale

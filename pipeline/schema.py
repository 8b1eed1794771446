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
    try:
        from .corpus import corpus_gold_schema

        out["annotated_article.schema.json"] = corpus_gold_schema()
    except ImportError:  # pragma: no cover - corpus module is part of the package
        pass
    return out


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

import json
from pathlib import Path

from pipeline.records import Article
from pipeline.schema import _schemas, check_schemas

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_schema_committed_files_are_current():
    stale = check_schemas(SCHEMAS)
    assert not stale, f"stale schemas {stale}: run `python -m pipeline schema`"


def test_schema_article_has_contract_fields():
    props = Article.model_json_schema()["properties"]
    for field in ("id", "title", "authors", "published", "people", "directives", "indicators", "schema_version"):
        assert field in props
    defs = Article.model_json_schema()["$defs"]
    for model, fields in {
        "Person": ["name", "honorific", "title", "roles", "start", "end", "text"],
        "Directive": ["doc_type", "number", "type_code", "issuer_code", "year", "code", "issuer", "date", "name"],
        "Indicator": ["value", "unit", "kind", "subject", "qualifier", "target", "achievement_pct", "total", "change", "period"],
    }.items():
        for f in fields:
            assert f in defs[model]["properties"], (model, f)


def test_schema_forbids_extra_fields():
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError):
        Article(id="x", surprise=1)
    assert _schemas()["article.schema.json"]["additionalProperties"] is False


def test_schema_files_are_valid_json():
    for path in SCHEMAS.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))

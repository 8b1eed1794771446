"""The gold-file loader: offsets, text hash, strict corpus format, lenient external gold."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from pipeline.corpus import CorpusGold, GoldArticle, corpus_gold_schema, iter_gold, load_gold
from pipeline.errors import CorpusError
from pipeline.evaluate import evaluate_predictions
from pipeline.normalize import to_canonical

TEXT = (
    "Đạ Tẻh: Công tác xây dựng Đảng tiếp tục được đổi mới\n"
    "\n"
    "HOÀNG SA 06:59, 02/02/2024\n"
    "\n"
    "Đồng chí Phan Đức Thái - Phó Bí thư Thường trực Huyện ủy Đạ Tẻh cho biết, thực hiện "
    "Chỉ thị số 10-CT/TW của Ban Bí thư, năm 2023 huyện kết nạp 72 đảng viên, đạt 107,46% kế hoạch.\n"
)


def span(text: str, surface: str) -> dict[str, Any]:
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface}


def corpus_gold(article_id: str, raw: str) -> dict[str, Any]:
    text = to_canonical(raw)
    return {
        "schema_version": "1.0",
        "id": article_id,
        "text_sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "title": "Đạ Tẻh: Công tác xây dựng Đảng tiếp tục được đổi mới",
        "authors": ["Hoàng Sa"],
        "published": "2024-02-02T06:59:00+07:00",
        "people": [
            {"name": "Phan Đức Thái", "honorific": "đồng chí",
             "title": "Phó Bí thư Thường trực Huyện ủy Đạ Tẻh",
             "roles": [{"role": "Phó Bí thư Thường trực", "organization": "Huyện ủy Đạ Tẻh"}],
             **span(text, "Phan Đức Thái")},
        ],
        "directives": [
            {"doc_type": "Chỉ thị", "number": "10", "type_code": "CT", "issuer_code": "TW", "year": None,
             "code": "10-CT/TW", "issuer": "Ban Bí thư", "date": None, **span(text, "Chỉ thị số 10-CT/TW")},
        ],
        "indicators": [
            {"value": 72, "kind": "count", "unit": "đảng viên", "qualifier": None, "target": None,
             "achievement_pct": 107.46, "total": None, "change": None, "period": "2023",
             **span(text, "72 đảng viên")},
            {"value": 107.46, "kind": "percent", "unit": "%", "qualifier": None, "target": None,
             "achievement_pct": None, "total": None, "change": None, "period": "2023",
             **span(text, "107,46%")},
        ],
        "known_failures": [],
        "notes": "written for the loader tests",
    }


def write(folder: Path, article_id: str, gold: dict[str, Any], raw: str | None = TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if raw is not None:
        (folder / f"{article_id}.txt").write_bytes(raw.encode("utf-8"))
    path = folder / f"{article_id}.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_corpus_loader_reads_valid_corpus_gold(tmp_path: Path) -> None:
    path = write(tmp_path, "lamdong-0001", corpus_gold("lamdong-0001", TEXT))
    gold = load_gold(path)
    assert isinstance(gold, GoldArticle)
    assert gold.id == "lamdong-0001" and gold.strict
    assert gold.text == to_canonical(TEXT)
    assert gold.path == path and gold.text_path == tmp_path / "lamdong-0001.txt"
    assert gold.authors == ["Hoàng Sa"] and gold.published == "2024-02-02T06:59:00+07:00"
    assert gold.indicators[1]["text"] == "107,46%"
    assert gold.notes == "written for the loader tests"
    assert "schema_version" in gold.annotated


def test_corpus_loader_offsets_index_the_normalised_text(tmp_path: Path) -> None:
    raw = unicodedata.normalize("NFD", TEXT).replace("\n", "\r\n").replace("Đảng", "\u00d0ảng")
    gold = corpus_gold("a", raw)  # offsets computed on to_canonical(raw)
    loaded = load_gold(write(tmp_path, "a", gold, raw))
    assert loaded.text is not None and loaded.text[gold["people"][0]["start"] :].startswith("Phan Đức Thái")


def test_corpus_loader_bad_offsets_name_file_and_record(tmp_path: Path) -> None:
    gold = corpus_gold("a", TEXT)
    gold["indicators"][1]["start"] += 1
    gold["indicators"][1]["end"] += 1
    path = write(tmp_path, "a", gold)
    with pytest.raises(CorpusError) as info:
        load_gold(path)
    assert info.value.file == str(path)
    assert info.value.record == "indicators[1]"
    assert "a.gold.json" in str(info.value) and "indicators[1]" in str(info.value)


def test_corpus_loader_wrong_surface_text(tmp_path: Path) -> None:
    gold = corpus_gold("a", TEXT)
    gold["people"][0]["text"] = "Phan Đức Thai"
    with pytest.raises(CorpusError) as info:
        load_gold(write(tmp_path, "a", gold))
    assert info.value.record == "people[0]"


def test_corpus_loader_offsets_beyond_the_text(tmp_path: Path) -> None:
    gold = corpus_gold("a", TEXT)
    gold["directives"][0]["end"] = 10_000
    with pytest.raises(CorpusError, match="outside the text") as info:
        load_gold(write(tmp_path, "a", gold))
    assert info.value.record == "directives[0]"


def test_corpus_loader_wrong_text_sha256(tmp_path: Path) -> None:
    gold = corpus_gold("a", TEXT)
    path = write(tmp_path, "a", gold, TEXT + "Một câu thêm vào sau.\n")  # the text was edited
    with pytest.raises(CorpusError, match="hashes to") as info:
        load_gold(path)
    assert info.value.file == str(path) and info.value.record == "text_sha256"


def test_corpus_loader_strict_rejects_unknown_keys(tmp_path: Path) -> None:
    gold = corpus_gold("a", TEXT)
    gold["indicators"][0]["evidence"] = "72 đảng viên"
    with pytest.raises(CorpusError, match="evidence") as info:
        load_gold(write(tmp_path, "a", gold))
    assert info.value.record == "indicators[0]"


@pytest.mark.parametrize(
    ("edit", "record"),
    [
        (lambda g: g["people"][0].pop("start"), "people[0]"),
        (lambda g: g["indicators"][1].update(kind="percentage"), "indicators[1]"),
        (lambda g: g.update(text_sha256="not-a-hash"), "text_sha256"),
        (lambda g: g.update(schema_version="2.0"), "schema_version"),
        (lambda g: g.update(known_failures=[{"list": "people", "index": 0}]), "known_failures[0]"),
        (lambda g: g.update(known_failures=[{"list": "people", "index": 5, "reason": "x"}]), "known_failures[0]"),
    ],
    ids=["no-offsets", "bad-kind", "bad-sha", "version", "failure-no-reason", "failure-index"],
)
def test_corpus_loader_strict_validation_errors(tmp_path: Path, edit: Any, record: str) -> None:
    gold = corpus_gold("a", TEXT)
    edit(gold)
    with pytest.raises(CorpusError) as info:
        load_gold(write(tmp_path, "a", gold))
    assert info.value.record == record


def test_corpus_loader_known_failures_accepted(tmp_path: Path) -> None:
    gold = corpus_gold("a", TEXT)
    gold["known_failures"] = [
        {"list": "indicators", "index": 1, "reason": "achievement read as its own record"},
        {"list": "people", "kind": "spurious", "text": "Đạ Tẻh", "reason": "place taken for a name"},
    ]
    assert len(load_gold(write(tmp_path, "a", gold)).known_failures) == 2


def test_corpus_loader_id_must_be_the_file_name(tmp_path: Path) -> None:
    gold = corpus_gold("other", TEXT)
    with pytest.raises(CorpusError, match="file's name") as info:
        load_gold(write(tmp_path, "a", gold))
    assert info.value.record == "id"


def test_corpus_loader_strict_needs_its_text(tmp_path: Path) -> None:
    path = write(tmp_path, "a", corpus_gold("a", TEXT), raw=None)
    with pytest.raises(CorpusError, match="not found"):
        load_gold(path)


def external_gold(article_id: str) -> dict[str, Any]:
    return {
        "id": article_id,
        "title": "Đạ Tẻh: Công tác xây dựng Đảng tiếp tục được đổi mới",
        "authors": ["Hoàng Sa"],
        "published": "2024-02-02T06:59:00+07:00",
        "people": [{"name": "Phan Đức Thái", "honorific": "đồng chí", "title": "Phó Bí thư Thường trực Huyện ủy Đạ Tẻh"}],
        "directives": [{"doc_type": "Chỉ thị", "number": "10", "code": "10-CT/TW", "issuer": "Ban Bí thư", "year": None}],
        "indicators": [
            {"value": 72, "kind": "count", "unit": "đảng viên", "qualifier": None, "target": None,
             "achievement_pct": 107.46, "total": None, "change": None, "evidence": "kết nạp 72 đảng viên"},
        ],
        "notes": "external gold: evidence, no offsets",
        "reviewer": "someone",
    }


def test_corpus_loader_lenient_external_gold(tmp_path: Path) -> None:
    gold = load_gold(write(tmp_path, "ext-1", external_gold("ext-1")))
    assert not gold.strict
    assert gold.indicators[0]["evidence"] == "kết nạp 72 đảng viên"
    assert gold.notes == "external gold: evidence, no offsets"
    assert gold.text == to_canonical(TEXT)
    assert gold.known_failures == []


def test_corpus_loader_external_gold_offsets_still_checked(tmp_path: Path) -> None:
    data = external_gold("ext-1")
    data["people"][0].update(start=0, end=13, text="Phan Đức Thái")
    with pytest.raises(CorpusError) as info:
        load_gold(write(tmp_path, "ext-1", data))
    assert info.value.record == "people[0]"


def test_corpus_loader_external_gold_bad_shape(tmp_path: Path) -> None:
    data = external_gold("ext-1")
    data["indicators"] = ["72 đảng viên"]
    with pytest.raises(CorpusError) as info:
        load_gold(write(tmp_path, "ext-1", data))
    assert info.value.record == "indicators[0]"


def test_corpus_loader_strict_forced_on_external_gold(tmp_path: Path) -> None:
    with pytest.raises(CorpusError):
        load_gold(write(tmp_path, "ext-1", external_gold("ext-1")), strict=True)


def test_corpus_loader_texts_dir_lookup(tmp_path: Path) -> None:
    gold_dir, texts_dir = tmp_path / "gold", tmp_path / "articles"
    path = write(gold_dir, "ext-1", external_gold("ext-1"), raw=None)
    texts_dir.mkdir()
    (texts_dir / "ext-1.txt").write_text(TEXT, encoding="utf-8")
    assert load_gold(path).text is None  # lenient gold without its text: allowed
    gold = load_gold(path, texts_dir=texts_dir)
    assert gold.text == to_canonical(TEXT) and gold.text_path == texts_dir / "ext-1.txt"
    # a strict gold file finds its text there too
    strict = write(tmp_path / "strict", "a", corpus_gold("a", TEXT), raw=None)
    (texts_dir / "a.txt").write_text(TEXT, encoding="utf-8")
    assert load_gold(strict, texts_dir=texts_dir).text == to_canonical(TEXT)


def test_corpus_loader_text_beside_gold_wins(tmp_path: Path) -> None:
    texts_dir = tmp_path / "elsewhere"
    texts_dir.mkdir()
    (texts_dir / "a.txt").write_text("something else", encoding="utf-8")
    gold = load_gold(write(tmp_path / "gold", "a", corpus_gold("a", TEXT)), texts_dir=texts_dir)
    assert gold.text == to_canonical(TEXT)


def test_corpus_loader_unreadable_gold(tmp_path: Path) -> None:
    path = tmp_path / "a.gold.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_gold(path)
    assert info.value.file == str(path) and info.value.record is None
    with pytest.raises(CorpusError, match="not found"):
        load_gold(tmp_path / "missing.gold.json")


def test_corpus_loader_iter_gold_recursive_sorted(tmp_path: Path) -> None:
    write(tmp_path / "b", "b-1", corpus_gold("b-1", TEXT))
    write(tmp_path / "a" / "deep", "z-1", external_gold("z-1"))
    write(tmp_path, "m-1", external_gold("m-1"))
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    ids = [g.id for g in iter_gold(tmp_path)]
    assert ids == ["z-1", "b-1", "m-1"]  # sorted by path: a/deep/…, b/…, m-1…
    assert [g.id for g in iter_gold(tmp_path / "m-1.gold.json")] == ["m-1"]


def test_corpus_loader_schema_is_strict() -> None:
    schema = corpus_gold_schema()
    assert schema["additionalProperties"] is False
    assert {"schema_version", "id", "text_sha256"} <= set(schema["required"])
    assert schema["$defs"]["CorpusIndicator"]["additionalProperties"] is False
    assert "list" in schema["$defs"]["KnownFailure"]["properties"]
    assert CorpusGold.model_config["extra"] == "forbid"


# --- the real gold -----------------------------------------------------------------------

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


@pytest.mark.skipif(not (REAL / "gold").is_dir(), reason="shared/real/gold not present")
def test_corpus_loader_real_gold_loads_and_scores_one_against_itself() -> None:
    gold_dir, texts = REAL / "gold", REAL / "articles"
    articles = list(iter_gold(gold_dir, texts_dir=texts))
    assert articles
    for gold in articles:
        assert gold.text, gold.id
        assert not gold.strict
        for record in gold.indicators:  # evidence quotes the normalised text
            assert "evidence" not in record or record["evidence"] in gold.text, (gold.id, record)
    predictions = {
        g.id: json.loads(g.path.read_text(encoding="utf-8")) for g in articles
    }
    report = evaluate_predictions(gold_dir, predictions, texts_dir=texts)
    assert report.n_articles == len(articles)
    assert {name: c.f1 for name, c in report.counts.items()} == {
        "people": 1.0, "directives": 1.0, "indicators": 1.0,
    }

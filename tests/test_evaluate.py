"""The scorer: every matching rule of ANNOTATION.md "Scoring", on hand-made pairs."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from pipeline.corpus import load_gold
from pipeline.evaluate import (
    ListCounts,
    evaluate,
    evaluate_predictions,
    format_report,
    norm_code,
    norm_issuer,
    norm_text,
    norm_unit,
    score_article,
)


def person(name: str, title: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"name": name, "title": title, **extra}


def directive(**fields: Any) -> dict[str, Any]:
    return {"doc_type": None, "number": None, "code": None, "issuer": None, "year": None, **fields}


def ind(value: float, kind: str, unit: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "value": value,
        "kind": kind,
        "unit": unit,
        "qualifier": None,
        "target": None,
        "achievement_pct": None,
        "total": None,
        "change": None,
        **extra,
    }


def score(list_name: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]], text: str | None = None):
    return score_article({"id": "a", list_name: gold}, {"id": "a", list_name: pred}, text)


def tp_fp_fn(result, list_name: str) -> tuple[int, int, int]:
    c = result.counts[list_name]
    return (c.tp, c.fp, c.fn)


# --- normalisation -----------------------------------------------------------------

# fmt: off
@pytest.mark.parametrize(("a", "b"), [
    ("Phan Đức Thái", "phan  đức THÁI"),
    ("Phan Đức Thái", unicodedata.normalize("NFD", "Phan Đức Thái")),
    ("Phan Đức Thái", "Phan \u00d0ức Thái"),          # Ð (U+00D0) read as Đ
    ("Nguyễn Thị Hoà", "Nguyễn Thị Hòa"),             # tone placement
    ("Lê Thuỷ", "Lê Thủy"),
    ("Chủ tịch UBND TP.Hà Nội", "Chủ tịch UBND TP. Hà Nội"),
    ("Bộ Lao động-Thương binh", "Bộ Lao động – Thương binh"),
], ids=["case-space", "nfd", "eth", "hoa", "thuy", "abbr-dot", "dash"])
# fmt: on
def test_evaluate_norm_text_equal(a: str, b: str) -> None:
    assert norm_text(a) == norm_text(b)


def test_evaluate_norm_text_keeps_differences() -> None:
    assert norm_text("Phan Đức Thái") != norm_text("Phan Duc Thai")
    assert norm_text("Chủ tịch UBND tỉnh") != norm_text("Chủ tịch Ủy ban nhân dân tỉnh")
    assert norm_text(None) is None


# fmt: off
@pytest.mark.parametrize(("a", "b", "equal"), [
    ("217-QĐ/TƯ", "217-QĐ/TW", True),
    ("10-CT/T.Ư", "10-CT/TW", True),
    ("10 - CT / TW", "10-CT/TW", True),
    ("12-hd/btctw", "12-HD/BTCTW", True),
    ("12-HD/BTCTƯ", "12-HD/BTCTW", True),
    ("100/2019/NĐ-CP", "100/2019/ND-CP", False),       # Đ and D stay distinct
    ("05-CT/TW", "5-CT/TW", False),                    # zeros as written
])
# fmt: on
def test_evaluate_norm_code(a: str, b: str, equal: bool) -> None:
    assert (norm_code(a) == norm_code(b)) is equal


# fmt: off
@pytest.mark.parametrize(("a", "b", "equal"), [
    ("Bộ Chính trị khóa XI", "Bộ Chính trị", True),
    ("Bộ Chính trị (khoá XII)", "Bộ Chính trị", True),
    ("Thủ tướng", "Thủ tướng Chính phủ", True),
    ("Ban Bí thư Trung ương (Đảng)", "Ban Bí thư", True),
    ("Ban Bí thư Trung ương Đảng", "Ban Bí thư", True),
    ("Ban Bí thư TW", "Ban Bí thư", True),
    ("UBND tỉnh Lâm Đồng", "Ủy ban nhân dân tỉnh Lâm Đồng", True),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh", True),
    ("BCH Trung ương", "Ban Chấp hành Trung ương", True),
    ("BCH T.Ư", "Ban Chấp hành Trung ương", True),
    ("UBND TP.Hà Nội", "Ủy ban nhân dân thành phố Hà Nội", True),
    ("Công an TP Hà Nội", "Công an Thành phố Hà Nội", True),
    ("Hội nghị Trung ương 5 (khóa IX)", "Hội nghị Trung ương 5", True),
    ("Bộ Chính trị", "Ban Bí thư", False),
    ("UBND tỉnh", "UBND huyện", False),
    ("Bộ Tư pháp", "Bộ Trung ương pháp", False),       # lower-case `tư` is a word
])
# fmt: on
def test_evaluate_norm_issuer(a: str, b: str, equal: bool) -> None:
    assert (norm_issuer(a) == norm_issuer(b)) is equal


# fmt: off
@pytest.mark.parametrize(("a", "b"), [
    ("km2", "km²"), ("m2", "m²"), ("m3", "m³"), ("M3", "m³"),
    ("VNĐ", "đồng"), ("VND", "đồng"), ("đ", "đồng"), ("đ/lít", "đồng/lít"), ("VNĐ / lít", "đồng/lít"),
    ("Đảng viên", "đảng viên"), ("đảng  viên", "đảng viên"),
])
# fmt: on
def test_evaluate_norm_unit(a: str, b: str) -> None:
    assert norm_unit(a) == norm_unit(b)


def test_evaluate_norm_unit_keeps_words_with_d() -> None:
    assert norm_unit("đơn vị") == "đơn vị"
    assert norm_unit("km") != norm_unit("km²")


# --- people --------------------------------------------------------------------------


def test_evaluate_people_match_on_normalised_name() -> None:
    gold = [person("Nguyễn Thị Hoà", "Bí thư Tỉnh ủy"), person("Phan Đức Thái", None)]
    pred = [person("nguyễn thị hòa", "Bí thư Tỉnh uỷ"), person("Phan \u00d0ức  Thái", None)]
    r = score("people", gold, pred)
    assert tp_fp_fn(r, "people") == (2, 0, 0)
    assert r.attributes["people"]["title"] == [2, 2]


def test_evaluate_people_title_scored_on_matched_pairs() -> None:
    gold = [
        person("A B", "Chủ tịch UBND TP.Hà Nội"),
        person("C D", "Bí thư"),
        person("E F", None),
        {"name": "G H"},  # no title field: not scored
        person("I K", "Giám đốc"),  # missed: not in the attribute total
    ]
    pred = [
        person("A B", "chủ tịch UBND TP. Hà Nội"),
        person("C D", "Phó Bí thư"),
        person("E F", None),
        person("G H", "Anything"),
    ]
    r = score("people", gold, pred)
    assert tp_fp_fn(r, "people") == (4, 0, 1)
    assert r.attributes["people"]["title"] == [2, 3]
    attr = [m for m in r.misses if m.kind == "attribute"]
    assert [(m.attribute, m.expected, m.got) for m in attr] == [("title", "Bí thư", "Phó Bí thư")]


def test_evaluate_people_title_none_vs_value_is_wrong() -> None:
    r = score("people", [person("A B", None)], [person("A B", "Bí thư")])
    assert r.attributes["people"]["title"] == [0, 1]


def test_evaluate_people_short_mention_is_not_an_extra_person() -> None:
    gold = [person("Phan Đức Thái"), person("Trần Văn Quân")]
    pred = [person("Phan Đức Thái"), person("Thái"), person("Đức Thái"), person("Lê Văn Nam")]
    r = score("people", gold, pred)
    c = r.counts["people"]
    assert (c.tp, c.fp, c.fn, c.ignored) == (1, 1, 1, 2)
    # a short mention never matches the full name either
    assert tp_fp_fn(score("people", [person("Phan Đức Thái")], [person("Thái")]), "people") == (0, 0, 1)


def test_evaluate_people_given_name_record_matches_exactly() -> None:
    r = score("people", [person("Quân"), person("Trần Văn Quân")], [person("Quân"), person("Trần Văn Quân")])
    assert tp_fp_fn(r, "people") == (2, 0, 0)


def test_evaluate_people_multiset_duplicates() -> None:
    gold = [person("Nguyễn Văn A"), person("Nguyễn Văn A")]
    assert tp_fp_fn(score("people", gold, [person("Nguyễn Văn A")]), "people") == (1, 0, 1)
    pred = [person("Nguyễn Văn A")] * 3
    assert tp_fp_fn(score("people", gold, pred), "people") == (2, 1, 0)


# --- directives ----------------------------------------------------------------------


def test_evaluate_directives_code_tu_equals_tw() -> None:
    gold = [directive(doc_type="Quy định", number="217", code="217-QĐ/TW", issuer="Bộ Chính trị")]
    pred = [directive(doc_type="Quyết định", number="217", code="217-QĐ/TƯ", issuer="Ban Bí thư")]
    r = score("directives", gold, pred)
    assert tp_fp_fn(r, "directives") == (1, 0, 0)
    # matched on the code, so doc_type and issuer are scored wrong, code right
    assert r.attributes["directives"]["doc_type"] == [0, 1]
    assert r.attributes["directives"]["issuer"] == [0, 1]
    assert r.attributes["directives"]["code"] == [1, 1]


def test_evaluate_directives_coded_gold_needs_equal_code() -> None:
    gold = [directive(doc_type="Chỉ thị", number="05", code="05-CT/TW", issuer="Bộ Chính trị")]
    assert tp_fp_fn(score("directives", gold, [directive(doc_type="Chỉ thị", number="05", issuer="Bộ Chính trị")]), "directives") == (0, 1, 1)
    assert tp_fp_fn(score("directives", gold, [directive(doc_type="Chỉ thị", number="5", code="5-CT/TW")]), "directives") == (0, 1, 1)
    gold = [directive(doc_type="Nghị định", number="100", code="100/2019/NĐ-CP")]
    assert tp_fp_fn(score("directives", gold, [directive(doc_type="Nghị định", number="100", code="100/2019/ND-CP")]), "directives") == (0, 1, 1)


def test_evaluate_directives_triple_fallback_with_issuer_normalisation() -> None:
    gold = [
        directive(doc_type="Chỉ thị", number="05", issuer="Bộ Chính trị"),
        directive(doc_type="Quyết định", number="43", issuer="UBND tỉnh Nghệ An"),
        directive(doc_type="Nghị quyết", number="21", issuer="Ban Bí thư Trung ương (Đảng)"),
        directive(doc_type="Nghị quyết", number="08", issuer=None, year=2017),
    ]
    pred = [
        directive(doc_type="chỉ thị", number="05", issuer="Bộ Chính trị khóa XII"),
        directive(doc_type="Quyết định", number="43", issuer="Ủy ban nhân dân tỉnh Nghệ An"),
        directive(doc_type="Nghị quyết", number="21", issuer="Ban Bí thư", code="21-NQ/TW"),
        directive(doc_type="Nghị quyết", number="08", issuer=None, year=2017),
    ]
    r = score("directives", gold, pred)
    assert tp_fp_fn(r, "directives") == (4, 0, 0)
    assert r.attributes["directives"]["code"] == [3, 4]  # gold code null, prediction invented one
    assert r.attributes["directives"]["year"] == [4, 4]


@pytest.mark.parametrize(
    "pred",
    [
        directive(doc_type="Chỉ thị", number="06", issuer="Bộ Chính trị"),  # number
        directive(doc_type="Nghị quyết", number="05", issuer="Bộ Chính trị"),  # doc_type
        directive(doc_type="Chỉ thị", number="05", issuer="Ban Bí thư"),  # issuer
        directive(doc_type="Chỉ thị", number="05", issuer=None),  # issuer missing
    ],
    ids=["number", "doc_type", "issuer", "issuer-null"],
)
def test_evaluate_directives_triple_must_agree(pred: dict[str, Any]) -> None:
    gold = [directive(doc_type="Chỉ thị", number="05", issuer="Bộ Chính trị")]
    assert tp_fp_fn(score("directives", gold, [pred]), "directives") == (0, 1, 1)


def test_evaluate_directives_name_fallback() -> None:
    gold = [
        directive(doc_type="Nghị quyết", name="Nghị quyết Trung ương 4 khóa XII"),
        directive(doc_type="Luật", name="Luật Đất đai", year=2024),
        directive(doc_type="Nghị quyết", name="nghị quyết Đại hội Đảng bộ tỉnh"),
    ]
    pred = [
        directive(doc_type="Nghị quyết", name="Nghị quyết Trung ương 4 khoá XII"),
        directive(doc_type="Luật", name="Luật Đất đai", year=2013),
        directive(doc_type="Nghị quyết", name="Nghị quyết Đại hội XIII"),
    ]
    r = score("directives", gold, pred)
    assert tp_fp_fn(r, "directives") == (2, 1, 1)
    assert r.attributes["directives"]["year"] == [1, 2]


def test_evaluate_directives_duplicate_mention_is_spurious() -> None:
    gold = [directive(doc_type="Chỉ thị", number="10", code="10-CT/TW", issuer="Ban Bí thư")]
    pred = gold * 2
    assert tp_fp_fn(score("directives", gold, pred), "directives") == (1, 1, 0)


# --- indicators ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_unit", "pred_unit", "matches"),
    [
        ("đảng viên", "đảng viên mới", True),
        ("đảng viên mới", "đảng viên", True),
        ("hộ", "hộ nghèo", True),
        ("hộ nghèo", "hộ", True),
        ("chi bộ", "các chi bộ", True),  # a leading word
        ("hộ", "hộ nghèo mới", False),  # two words
        ("hộ nghèo", "hộ gia đình", False),  # a different word, same length
        ("tổ chức cơ sở đảng", "tổ chức đảng", False),  # words dropped from the middle
        ("hộ", None, False),
    ],
)
def test_evaluate_indicators_count_unit_word_added(gold_unit: str, pred_unit: str | None, matches: bool) -> None:
    r = score("indicators", [ind(72, "count", gold_unit)], [ind(72, "count", pred_unit)])
    assert tp_fp_fn(r, "indicators") == ((1, 0, 0) if matches else (0, 1, 1))
    if matches:  # the unit itself is scored exactly
        assert r.attributes["indicators"]["unit"] == [0, 1]


def test_evaluate_indicators_word_added_only_for_counts() -> None:
    r = score("indicators", [ind(500, "measure", "tấn")], [ind(500, "measure", "tấn lúa")])
    assert tp_fp_fn(r, "indicators") == (0, 1, 1)


@pytest.mark.parametrize(
    ("gold", "pred"),
    [
        (ind(12, "measure", "km2"), ind(12, "measure", "km²")),
        (ind(3.5, "measure", "m3"), ind(3.5, "measure", "m³")),
        (ind(1.2e9, "money", "đồng"), ind(1_200_000_000, "money", "VNĐ")),
        (ind(25000, "money", "đồng/lít"), ind(25000, "money", "đ/lít")),
        (ind(107.46, "percent", "%"), ind(107.46000000000001, "PERCENT", " % ")),
    ],
    ids=["km2", "m3", "vnd", "per-unit", "tolerance-case"],
)
def test_evaluate_indicators_unit_folds(gold: dict[str, Any], pred: dict[str, Any]) -> None:
    r = score("indicators", [gold], [pred])
    assert tp_fp_fn(r, "indicators") == (1, 0, 0)
    assert r.attributes["indicators"]["unit"] == [1, 1]


@pytest.mark.parametrize(
    "pred",
    [ind(72.001, "count", "đảng viên"), ind(72, "percent", "đảng viên"), ind(72, "count", "chi bộ")],
    ids=["value", "kind", "unit"],
)
def test_evaluate_indicators_key_must_agree(pred: dict[str, Any]) -> None:
    assert tp_fp_fn(score("indicators", [ind(72, "count", "đảng viên")], [pred]), "indicators") == (0, 1, 1)


def test_evaluate_indicators_multiset_duplicates() -> None:
    usd = ind(200000, "money", "USD")
    assert tp_fp_fn(score("indicators", [usd, usd, usd], [usd, usd]), "indicators") == (2, 0, 1)
    assert tp_fp_fn(score("indicators", [usd], [usd, usd]), "indicators") == (1, 1, 0)


def test_evaluate_indicators_bipartite_not_greedy() -> None:
    # X fits both gold records, Y only the first: a greedy pass that gives X the first
    # gold record leaves Y unmatched; the maximum matching pairs X-B and Y-A.
    gold = [ind(5, "count", "hộ"), ind(5, "count", "hộ nghèo cũ")]
    x, y = ind(5, "count", "hộ nghèo"), ind(5, "count", "hộ dân")
    for pred in ([x, y], [y, x]):
        r = score("indicators", gold, pred)
        assert tp_fp_fn(r, "indicators") == (2, 0, 0)
    for g in (gold, gold[::-1]):
        assert tp_fp_fn(score("indicators", g, [x, y]), "indicators") == (2, 0, 0)


def test_evaluate_indicators_prefers_closest_offsets() -> None:
    text = "Năm nay có khoảng 10 hộ thoát nghèo. Năm sau có hơn 10 hộ thoát nghèo."
    first, second = text.index("10 hộ"), text.rindex("10 hộ")
    gold = [
        ind(10, "count", "hộ", qualifier="approx", evidence="khoảng 10 hộ thoát nghèo"),
        ind(10, "count", "hộ", qualifier="min", evidence="hơn 10 hộ thoát nghèo"),
    ]
    pred = [
        ind(10, "count", "hộ", qualifier="min", start=second, end=second + 5, text="10 hộ"),
        ind(10, "count", "hộ", qualifier="min", start=first, end=first + 5, text="10 hộ"),
    ]
    r = score("indicators", gold, pred, text)
    assert sorted(r.pairs["indicators"]) == [(0, 1), (1, 0)]
    assert r.attributes["indicators"]["qualifier"] == [1, 2]
    miss = next(m for m in r.misses if m.kind == "attribute")
    assert "[khoảng 10 hộ thoát nghèo]" in miss.context


def test_evaluate_indicators_attributes() -> None:
    gold = [
        ind(72, "count", "đảng viên", target={"value": 67, "unit": "đảng viên"}, achievement_pct=107.46),
        ind(18, "ratio", "chỉ tiêu", total=20),
        ind(12, "percent", "%", change="increase", qualifier="min"),
        ind(42, "count", "xã", target={"value": 40, "unit": "xã"}),
        {"value": 5, "kind": "count", "unit": "hộ"},  # of the attributes only `unit` is scored
    ]
    pred = [
        ind(72, "count", "đảng viên", target={"value": 67.0, "unit": "đảng viên mới", "text": "67"}, achievement_pct=107.46),
        ind(18, "ratio", "chỉ tiêu", total=None),
        ind(12, "percent", "%", change="decrease", qualifier="min"),
        ind(42, "count", "xã", target=None),
        ind(5, "count", "hộ", qualifier="approx"),
    ]
    r = score("indicators", gold, pred)
    a = r.attributes["indicators"]
    assert tp_fp_fn(r, "indicators") == (5, 0, 0)
    assert a["target"] == [3, 4]  # count target units match like the indicator; 42 lost its target
    assert a["achievement_pct"] == [4, 4]
    assert a["total"] == [3, 4]
    assert a["change"] == [3, 4]
    assert a["qualifier"] == [4, 4]
    assert a["unit"] == [5, 5]


def test_evaluate_target_value_must_agree() -> None:
    gold = [ind(95, "percent", "%", target={"value": 90, "unit": "%"})]
    r = score("indicators", gold, [ind(95, "percent", "%", target={"value": 80, "unit": "%"})])
    assert r.attributes["indicators"]["target"] == [0, 1]


# --- arithmetic --------------------------------------------------------------------


def test_evaluate_prf_arithmetic() -> None:
    c = ListCounts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (ListCounts(), (1.0, 1.0, 1.0)),  # nothing gold, nothing predicted
        (ListCounts(fp=2), (0.0, 1.0, 0.0)),  # predictions against an empty gold list
        (ListCounts(fn=2), (1.0, 0.0, 0.0)),  # nothing predicted
        (ListCounts(fp=1, fn=1), (0.0, 0.0, 0.0)),
    ],
    ids=["empty", "only-fp", "only-fn", "no-tp"],
)
def test_evaluate_prf_edge_cases(counts: ListCounts, expected: tuple[float, float, float]) -> None:
    assert (counts.precision, counts.recall, counts.f1) == expected


def write_article(folder: Path, article_id: str, text: str, gold: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    (folder / f"{article_id}.gold.json").write_text(
        json.dumps({"id": article_id, **gold}, ensure_ascii=False), encoding="utf-8"
    )


def test_evaluate_micro_average_over_articles(tmp_path: Path) -> None:
    write_article(tmp_path, "a1", "x", {"people": [person("A"), person("B")], "indicators": [ind(1, "count", "hộ")]})
    write_article(tmp_path, "a2", "y", {"people": [person("C")], "indicators": []})
    write_article(tmp_path, "a3", "z", {"people": [], "indicators": []})
    preds = {
        "a1": {"people": [person("A")], "indicators": [ind(1, "count", "hộ", target={"value": 2})]},
        "a2": {"people": [person("C"), person("D")]},
    }
    r = evaluate_predictions(tmp_path, preds)
    people = r.counts["people"]
    assert (people.tp, people.fp, people.fn) == (2, 1, 1)
    assert people.precision == pytest.approx(2 / 3) and people.recall == pytest.approx(2 / 3)
    assert r.counts["directives"].f1 == 1.0  # empty everywhere
    assert r.attributes["indicators"]["target"] == (0, 1, 0.0)
    assert r.attributes["directives"]["issuer"] == (0, 0, None)
    assert r.n_articles == 3
    assert set(r.per_article) == {"a1", "a2", "a3"}
    # a1 title/authors/published absent from gold: not scored
    assert r.articles["title"] == (0, 0, None)


def test_evaluate_missing_prediction_scores_as_empty(tmp_path: Path) -> None:
    write_article(tmp_path, "a1", "x", {"people": [person("A")], "title": "T"})
    r = evaluate_predictions(tmp_path, {})
    assert (r.counts["people"].tp, r.counts["people"].fn) == (0, 1)
    assert r.articles["title"] == (0, 1, 0.0)


# --- article fields ----------------------------------------------------------------


def test_evaluate_article_fields() -> None:
    gold = {"id": "a", "title": "Đạ Tẻh: Công tác xây dựng Đảng", "authors": ["Hoàng Sa", "Thu Hà"],
            "published": "2024-02-02T06:59:00+07:00"}
    pred = {"id": "a", "title": "Đạ Tẻh:  công tác xây dựng Đảng", "authors": ["Thu Hà", "hoàng sa"],
            "published": "2024-02-02T06:59+07:00"}
    r = score_article(gold, pred)
    assert r.articles == {"title": [1, 1], "authors": [1, 1], "published": [1, 1]}
    pred = {"id": "a", "title": None, "authors": ["Hoàng Sa"], "published": "2024-02-02T07:59:00+07:00"}
    r = score_article(gold, pred)
    assert r.articles == {"title": [0, 1], "authors": [0, 1], "published": [0, 1]}
    assert {m.attribute for m in r.misses if m.list_name == "article"} == {"title", "authors", "published"}
    r = score_article({"id": "a", "published": None, "authors": []}, {"id": "a"})
    assert r.articles == {"title": [0, 0], "authors": [1, 1], "published": [1, 1]}


# --- misses and report ---------------------------------------------------------------


def test_evaluate_miss_context() -> None:
    text = "Mở đầu. " * 10 + "Đồng chí Phan Đức Thái phát biểu. " + "Kết thúc. " * 10
    start = text.index("Phan Đức Thái")
    gold = {"id": "a", "people": [person("Phan Đức Thái")], "indicators": [ind(3, "count", "hộ", evidence="Kết thúc")]}
    pred = {"id": "a", "people": [person("Lê Văn Nam", start=start, end=start + 13, text="Phan Đức Thái")]}
    r = score_article(gold, pred, text)
    missed = next(m for m in r.misses if m.kind == "missed" and m.list_name == "people")
    assert "[Phan Đức Thái]" in missed.context
    assert missed.context.startswith("…") and len(missed.context) < 13 + 2 * 40 + 6
    spurious = next(m for m in r.misses if m.kind == "spurious")
    assert spurious.record["name"] == "Lê Văn Nam" and "[Phan Đức Thái]" in spurious.context
    ind_miss = next(m for m in r.misses if m.list_name == "indicators")
    assert "[Kết thúc]" in ind_miss.context


def test_evaluate_format_report_and_to_dict(tmp_path: Path) -> None:
    text = "Đồng chí Phan Đức Thái, Bí thư Huyện ủy, cho biết đã kết nạp 72 đảng viên."
    write_article(tmp_path, "a1", text, {
        "people": [person("Phan Đức Thái", "Bí thư Huyện ủy")],
        "indicators": [ind(72, "count", "đảng viên", evidence="72 đảng viên")],
    })
    r = evaluate_predictions(tmp_path, {"a1": {"people": [person("Phan Đức Thái", "Bí thư")]}})
    out = format_report(r, show_misses=True)
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("list"))
    assert header.split() == ["list", "P", "R", "F1", "tp", "fp", "fn"]
    assert any(line.split()[:1] == ["indicators"] and line.split()[-3:] == ["0", "0", "1"] for line in lines)
    assert "people.title" in out and "[72 đảng viên]" in out and "expected 'Bí thư Huyện ủy'" in out
    assert "misses" not in format_report(r)
    data = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
    assert data["counts"]["people"]["f1"] == 1.0
    assert data["counts"]["indicators"]["recall"] == 0.0
    assert data["attributes"]["people"]["title"] == {"right": 0, "total": 1, "accuracy": 0.0}
    assert len(data["misses"]) == 2


def test_evaluate_predict_receives_raw_text(tmp_path: Path) -> None:
    raw = "Ðồng chí Phan Ðức Thái\r\nphát biểu\u00a0tại hội nghị."
    write_article(tmp_path, "a1", raw, {"people": [person("Phan Đức Thái")]})
    seen: dict[str, str] = {}

    def predict(text: str, article_id: str) -> dict[str, Any]:
        seen[article_id] = text
        return {"id": article_id, "people": [{"name": "Phan Ðức Thái"}]}

    r = evaluate(tmp_path, predict)
    assert seen == {"a1": (tmp_path / "a1.txt").read_bytes().decode("utf-8")}
    assert r.counts["people"].f1 == 1.0
    assert load_gold(tmp_path / "a1.gold.json").text == "Đồng chí Phan Đức Thái\nphát biểu tại hội nghị."


def test_evaluate_accepts_pydantic_records() -> None:
    from pipeline.records import Article, Person

    pred = Article(id="a", people=[Person(name="Phan Đức Thái", start=0, end=13, text="Phan Đức Thái")])
    r = score_article({"id": "a", "people": [person("Phan Đức Thái")]}, pred, "Phan Đức Thái")
    assert tp_fp_fn(r, "people") == (1, 0, 0)


# --- the real gold ---------------------------------------------------------------------

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


@pytest.mark.skipif(not (REAL / "gold").is_dir(), reason="shared/real/gold not present")
def test_evaluate_real_gold_against_itself_scores_one() -> None:
    gold_dir, texts = REAL / "gold", REAL / "articles"
    predictions = {
        path.name.removesuffix(".gold.json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(gold_dir.glob("*.gold.json"))
    }
    assert predictions
    report = evaluate_predictions(gold_dir, predictions, texts_dir=texts)
    assert report.n_articles == len(predictions)
    for name, counts in report.counts.items():
        assert counts.f1 == 1.0, name
    for name, attrs in report.attributes.items():
        for attr, (_, _, acc) in attrs.items():
            assert acc in (1.0, None), f"{name}.{attr}"
    assert report.misses == []

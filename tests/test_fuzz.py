"""Property tests over random and mutated Vietnamese text.

CI runs a small budget; the long run (10 000 examples per property) is

    VNX_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py -q
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalize import to_canonical
from pipeline.records import Article

EXAMPLES = int(os.environ.get("VNX_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

PIECES = [
    "Đồng chí", "Nguyễn Văn An", "- Bí thư Huyện ủy", "Phó Chủ tịch UBND tỉnh", "ông", "bà", ",", ".", "(", ")",
    "Chỉ thị số 05-CT/TW", "của Bộ Chính trị", "Nghị định 100/2019/NĐ-CP", "Quyết định 1234/QĐ-UBND", "ngày 25/10/2017",
    "kết nạp", "72 đảng viên", "đạt 107,46% kế hoạch", "(NQ 90%)", "1,2 tỷ đồng", "2.257", "ha", "hơn", "khoảng",
    "từ 3 đến 5", "18/20 chỉ tiêu", "năm 2023", "khóa XIII", "Thành phố Hồ Chí Minh", "\n\n", "\n", "Ảnh:", "HOÀNG SA",
    "06:59, 02/02/2024", "Ð", "\u200b", "\u00ad", "&nbsp;", "đảng_viên", "củaBộ", "a\u0300", "Luật Đất đai", "ba mươi hai",
]

vietnamese_soup = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)
any_text = st.text(max_size=300)
mixed = st.one_of(vietnamese_soup, any_text, st.tuples(vietnamese_soup, any_text).map("".join))


def _check(text, nlp):
    from pipeline.extraction import extract

    art = extract(text, id="fuzz", nlp=nlp)
    canonical = to_canonical(text)
    for rec in [*art.people, *art.directives, *art.indicators]:
        assert 0 <= rec.start <= rec.end <= len(canonical)
        assert canonical[rec.start : rec.end] == rec.text
        for m in getattr(rec, "mentions", []):
            assert canonical[m.start : m.end] == m.text
    Article.model_validate_json(art.model_dump_json())
    again = extract(text, id="fuzz", nlp=nlp)
    assert again == art


@SETTINGS
@given(text=mixed)
def test_fuzz_extract_invariants(nlp, text):
    _check(text, nlp)


@SETTINGS
@given(text=vietnamese_soup, cut=st.integers(0, 50), junk=st.text(max_size=5))
def test_fuzz_mutated_text(nlp, text, cut, junk):
    pos = cut % (len(text) + 1)
    _check(text[:pos] + junk + text[pos:], nlp)


@SETTINGS
@given(text=any_text)
def test_fuzz_normalise_idempotent(text):
    once = to_canonical(text)
    assert to_canonical(once) == once

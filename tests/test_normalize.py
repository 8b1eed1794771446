import unicodedata

import pytest

from pipeline.normalize import match_key, to_canonical

# fmt: off
CANONICAL = [
    pytest.param("Ðảng ủy", "Đảng ủy", id="eth-upper"),
    pytest.param("ðồng chí", "đồng chí", id="eth-lower"),
    pytest.param("Đa\u0300 Na\u0306\u0303ng", "Đà Nẵng", id="nfd"),
    pytest.param("đảng\u200bviên", "đảngviên", id="zero-width"),
    pytest.param("chi\u00adbộ", "chibộ", id="soft-hyphen"),
    pytest.param("UBND&nbsp;tỉnh", "UBND tỉnh", id="nbsp-entity"),
    pytest.param("Tổ qu&ocirc;́c &amp; Đảng", "Tổ quốc & Đảng", id="html-entities"),
    pytest.param("UBND\u00a0tỉnh", "UBND tỉnh", id="nbsp"),
    pytest.param("kết nạp đảng_viên mới , chi_bộ , đảng_bộ , cấp_ủy , huyện_ủy", "kết nạp đảng viên mới , chi bộ , đảng bộ , cấp ủy , huyện ủy", id="word-segmented"),
    pytest.param("snake_case", "snake_case", id="single-underscore-kept"),
    pytest.param("Quyết định củaBộ Chính trị", "Quyết định của Bộ Chính trị", id="glued-lower-upper"),
    pytest.param("UBNDtỉnh Lâm Đồng", "UBND tỉnh Lâm Đồng", id="glued-abbr-lower"),
    pytest.param("điện thoại iPhone mới", "điện thoại iPhone mới", id="camel-kept"),
    pytest.param("a\r\nb", "a\nb", id="crlf"),
    pytest.param("  a   b  ", "a b", id="spaces"),
    pytest.param("a\n\n\n\nb", "a\n\nb", id="blank-lines"),
    pytest.param("kết nạp １２ đảng viên", "kết nạp 12 đảng viên", id="full-width-digits"),
    # Kawi digit zero: known to newer Unicode databases than some Pythons ship
    pytest.param("số \U00011f50", "số " + str(unicodedata.digit("\U00011f50", "\ufffd")), id="digit-newer-unicode"),
]
# fmt: on


@pytest.mark.parametrize("raw,expected", CANONICAL)
def test_normalize_to_canonical(raw, expected):
    assert to_canonical(raw) == expected


def test_normalize_is_idempotent():
    s = "Ðồng chí Phan Đức Thái&nbsp;- Phó Bí thư Thường trực Huyện ủy Đạ Tẻh"
    once = to_canonical(s)
    assert to_canonical(once) == once


# fmt: off
SAME_KEY = [
    ("Thanh Hoá", "Thanh Hóa"), ("Tỉnh uỷ", "Tỉnh ủy"), ("TỈNH ỦY", "tỉnh ủy"),
    ("khoẻ", "khỏe"), ("hoà bình", "hòa bình"), ("thuỷ lợi", "thủy lợi"), ("  Bí   thư ", "bí thư"),
]
DIFFERENT_KEY = [("hoàn", "hòan"), ("quý", "qúy"), ("Luật", "Lụât")]
# fmt: on


@pytest.mark.parametrize("a,b", SAME_KEY)
def test_normalize_match_key_folds(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize("a,b", DIFFERENT_KEY)
def test_normalize_match_key_keeps_closed_syllables(a, b):
    assert match_key(a) != match_key(b)

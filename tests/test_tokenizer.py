import pytest
from spacy.matcher import PhraseMatcher

from pipeline.tokenizer import words_and_spaces

# fmt: off
NAUGHTY = [
    "", " ", "\n\n", "a", "Chỉ thị số 10-CT/TW của Ban Bí thư", "107,46% và 2.257 đảng viên",
    "  hai  khoảng trắng  ", "tab\tvà\nxuống dòng\n", "T.Ư và TP. Hà Nội", "H'Mông, N’Thôn Hạ",
    "emoji 🎉 và ký tự lạ \u2028", "a\u0301 tổ hợp", "100/2019/NĐ-CP.", "…“trích dẫn”…",
]
# fmt: on


@pytest.mark.parametrize("engine", ["regex", "underthesea"])
@pytest.mark.parametrize("text", NAUGHTY)
def test_tokenizer_round_trip(nlp, text, engine):
    words, spaces = words_and_spaces(text, engine)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
    if engine == "regex":
        assert nlp.make_doc(text).text == text


def test_tokenizer_norm_matches_tone_and_case_variants(nlp):
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    matcher.add("ORG", [nlp.make_doc("Tỉnh ủy Thanh Hóa")])
    doc = nlp.make_doc("Tỉnh uỷ Thanh Hoá, TỈNH ỦY THANH HÓA và tỉnh ủy thanh hóa")
    spans = [doc[s:e].text for _, s, e in matcher(doc)]
    assert spans == ["Tỉnh uỷ Thanh Hoá", "TỈNH ỦY THANH HÓA", "tỉnh ủy thanh hóa"]


def test_tokenizer_numbers_and_symbols_are_tokens(nlp):
    doc = nlp.make_doc("đạt 107,46% với 2.257 đảng viên theo 10-CT/TW")
    assert [t.text for t in doc] == ["đạt", "107,46", "%", "với", "2.257", "đảng", "viên", "theo", "10", "-", "CT", "/", "TW"]

import pytest

from pipeline.extractors.directives import parse_code

# fmt: off
CASES = [
    pytest.param("Theo Chỉ thị số 05-CT/TW của Bộ Chính trị về học tập và làm theo.", {"code": "05-CT/TW", "doc_type": "Chỉ thị", "number": "05", "issuer": "Bộ Chính trị", "type_code": "CT", "issuer_code": "TW"}, id="party-chi-thi"),
    pytest.param("Thực hiện Hướng dẫn 12-HD/BTCTW về sinh hoạt chi bộ.", {"code": "12-HD/BTCTW", "doc_type": "Hướng dẫn"}, id="party-huong-dan-no-so"),
    pytest.param("Ban hành Quyết định 1234/QĐ-UBND ngày 5 tháng 6 năm 2023 của UBND tỉnh Gia Lai.", {"code": "1234/QĐ-UBND", "year": 2023, "date": "2023-06-05", "issuer": "UBND tỉnh Gia Lai"}, id="state-date-words"),
    pytest.param("Mức phạt theo Nghị định 100/2019/NĐ - CP được áp dụng.", {"code": "100/2019/NĐ-CP", "year": 2019}, id="spaces-around-hyphen"),
    pytest.param("Căn cứ Nghị định số 15/2020/ND-CP về xử phạt.", {"code": "15/2020/NĐ-CP"}, id="ascii-nd"),
    pytest.param("Trao Quyết định số 12-QĐ/TƯ của Ban Bí thư.", {"code": "12-QĐ/TW", "doc_type": "Quyết định"}, id="tu-spelling-with-word"),
    pytest.param("Kỷ luật theo 102-QĐ/TW về xử lý đảng viên vi phạm.", {"code": "102-QĐ/TW", "doc_type": "Quy định"}, id="party-qd-no-word-is-quy-dinh"),
    pytest.param("Quốc hội thông qua Nghị quyết số 1211/2016/UBTVQH13 về tiêu chuẩn.", {"number": "1211", "year": 2016}, id="ubtvqh-with-year"),
    pytest.param("Luật Đất đai 2013 vẫn được nhắc tới.", {"name": "Luật Đất đai", "year": 2013, "doc_type": "Luật"}, id="law-name-year"),
    pytest.param("Các cấp ủy quán triệt Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng.", {"name": "Nghị quyết Trung ương 4 khóa XII", "number": None}, id="named-plenum"),
    pytest.param("Thực hiện Nghị quyết số 08 năm 2017 của HĐND tỉnh.", {"number": "08", "year": 2017, "code": None, "issuer": "HĐND tỉnh"}, id="number-year-no-symbol"),
    pytest.param("Bộ Tài chính có Công văn số 3456/BTC-NSNN gửi các địa phương.", {"code": "3456/BTC-NSNN", "doc_type": "Công văn", "issuer": "Bộ Tài chính"}, id="cong-van-issuer-unit"),
    pytest.param("Chỉ thị 100/TTg đã được thay thế.", {"code": "100/TTg", "doc_type": "Chỉ thị"}, id="irregular-100-ttg"),
    pytest.param("Thực hiện Nghị quyết 57/TW-NQ của Bộ Chính trị.", {"code": "57-NQ/TW", "doc_type": "Nghị quyết", "issuer": "Bộ Chính trị"}, id="irregular-reversed-party-symbol"),
]
NEGATIVE = [
    pytest.param("Huyện ủy cụ thể hóa các chỉ thị, nghị quyết, kết luận của Trung ương.", id="generic-mention"),
    pytest.param("Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 92% (NQ 90%).", id="nq-target-shorthand"),
    pytest.param("Toàn huyện kết nạp 70 đảng viên, vượt kế hoạch 67 đảng viên.", id="lowercase-ke-hoach-target"),
    pytest.param("Ngày 02/02/2024 lúc 06:59 đoàn công tác lên đường.", id="dates-times"),
    pytest.param("Luật sư Nguyễn Văn Hải cho biết thêm.", id="luat-su-is-a-lawyer"),
    pytest.param("Mẫu TK01 và tên lửa B61-12 được nhắc tới.", id="form-and-model-codes"),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES)
def test_directives_table(nlp, text, expected):
    from pipeline.extraction import extract

    recs = [r.model_dump() for r in extract(text, nlp=nlp).directives]
    assert any(all(r.get(k) == v for k, v in expected.items()) for r in recs), recs


@pytest.mark.parametrize("text", NEGATIVE)
def test_directives_not_references(nlp, text):
    from pipeline.extraction import extract

    assert extract(text, nlp=nlp).directives == []


def test_directives_one_record_per_document(nlp):
    from pipeline.extraction import extract

    text = "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị. Sau 5 năm, Chỉ thị 05-CT/TW đã đi vào cuộc sống; Chỉ thị số 05 tiếp tục được quán triệt."
    recs = extract(text, nlp=nlp).directives
    assert len(recs) == 1 and len(recs[0].mentions) == 3
    for m in recs[0].mentions:
        assert text[m.start:m.end] == m.text


def test_directives_list_shares_type(nlp):
    from pipeline.extraction import extract

    recs = extract("HĐND đã ban hành Nghị quyết số 04 và 37 của Tỉnh ủy về phát triển.", nlp=nlp).directives
    assert [(r.doc_type, r.number, r.issuer) for r in recs] == [("Nghị quyết", "04", "Tỉnh ủy"), ("Nghị quyết", "37", "Tỉnh ủy")]


@pytest.mark.parametrize("code", ["10-CT/TW", "100/2019/NĐ-CP", "1234/QĐ-UBND", "916/NQ-UBTVQH13", "43/2022/QH15", "86-CTr/TU", "2978/BYT-BMTE"])
def test_directives_code_round_trips(code):
    parsed = parse_code(code)
    assert parsed is not None and parsed["code"] == code
    assert parse_code(parsed["code"]) == parsed


def test_directives_codes_round_trip_on_real_articles(real_dir, nlp):
    from pipeline.extraction import extract

    checked = 0
    for path in sorted((real_dir / "articles").glob("*.txt")):
        for rec in extract(path.read_text(encoding="utf-8"), path.stem, nlp=nlp).directives:
            if rec.code:
                again = parse_code(rec.code)
                assert again is not None, (path.name, rec.code)
                assert (again["code"], again["number"], again["issuer_code"]) == (rec.code, rec.number, rec.issuer_code), path.name
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("word", ["khóa", "khoá"])
def test_directives_stop_words_match_both_tone_placements(word):
    from pipeline.extractors.directives import directive_rules

    assert directive_rules().stop_re.match(word + " XII")

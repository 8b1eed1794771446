"""Tests of the ``vnx_people`` component on sentences written for the project."""

from __future__ import annotations

import pytest

from pipeline.extraction import extract
from pipeline.language import load_nlp
from pipeline.normalize import match_key
from pipeline.records import Person


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp()


def people_of(nlp, text: str) -> list[Person]:  # type: ignore[no-untyped-def]
    return list(extract(text, nlp=nlp).people)


def find(people: list[Person], name: str) -> Person:
    for p in people:
        if match_key(p.name) == match_key(name):
            return p
    raise AssertionError(f"no {name!r} in {[p.name for p in people]!r}")


# fmt: off
TITLE_SHAPES = [
    # (text, name, title, honorific)
    ("Đồng chí Lò Văn Sinh - Phó Bí thư Thường trực Huyện ủy Mường Tè cho biết, năm nay huyện kết nạp 60 đảng viên.",
     "Lò Văn Sinh", "Phó Bí thư Thường trực Huyện ủy Mường Tè", "đồng chí"),
    ("Bí thư Tỉnh ủy Cao Bằng Trần Hồng Minh kiểm tra công tác chuẩn bị đại hội.",
     "Trần Hồng Minh", "Bí thư Tỉnh ủy Cao Bằng", None),
    ("Ông Mai Văn Hải, Giám đốc Sở Nông nghiệp và Môi trường, cho biết diện tích lúa tăng.",
     "Mai Văn Hải", "Giám đốc Sở Nông nghiệp và Môi trường", "ông"),
    ("Bà Lê Thị Ngọc Mai - Phó Chủ tịch UBND quận Hải Châu - đã trao quà cho các hộ.",
     "Lê Thị Ngọc Mai", "Phó Chủ tịch UBND quận Hải Châu", "bà"),
    ("Đại tá Nguyễn Văn Quý, Giám đốc Công an tỉnh Sơn La, chỉ đạo điều tra.",
     "Nguyễn Văn Quý", "Đại tá, Giám đốc Công an tỉnh Sơn La", None),
    ("Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo Đinh Văn Hùng chủ trì hội nghị.",
     "Đinh Văn Hùng", "Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo", None),
    ("Tham dự có đồng chí Vũ Đức Bình, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh.",
     "Vũ Đức Bình", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh", "đồng chí"),
    ("Chủ tịch UBND tỉnh Hoàng Văn Đạt ký quyết định phê duyệt đề án.",
     "Hoàng Văn Đạt", "Chủ tịch UBND tỉnh", None),
    ("Anh Hờ A Dơ, Bí thư Chi đoàn bản Nậm Ngà, xã Pa Tần, dẫn đầu đội thanh niên.",
     "Hờ A Dơ", "Bí thư Chi đoàn bản Nậm Ngà, xã Pa Tần", "anh"),
    ("Thượng tá Đỗ Mạnh Cường - Trưởng Công an huyện Kỳ Sơn phát biểu tại buổi lễ.",
     "Đỗ Mạnh Cường", "Thượng tá, Trưởng Công an huyện Kỳ Sơn", None),
    ("Bị cáo Trương Văn Lực, nguyên Phó Giám đốc Sở Tài chính kiêm Giám đốc Quỹ Đầu tư phát triển, bị tuyên 6 năm tù.",
     "Trương Văn Lực", "nguyên Phó Giám đốc Sở Tài chính kiêm Giám đốc Quỹ Đầu tư phát triển", None),
    ("Theo ông Phí Quang Minh (Phó Trưởng phòng Kinh tế huyện), giá vật tư đã giảm.",
     "Phí Quang Minh", "Phó Trưởng phòng Kinh tế huyện", "ông"),
    ("Phó Thủ tướng Lưu Hoàng Nam yêu cầu các bộ tháo gỡ vướng mắc.",
     "Lưu Hoàng Nam", "Phó Thủ tướng", None),
    ("PGS.TS Hồ Sĩ Lâm, Phó Hiệu trưởng Trường Đại học Vinh, trình bày tham luận.",
     "Hồ Sĩ Lâm", "PGS.TS, Phó Hiệu trưởng Trường Đại học Vinh", None),
    ("Ông Tăng Văn Khôi, cựu Thứ trưởng Bộ Giao thông Vận tải cũ, bị khởi tố.",
     "Tăng Văn Khôi", "cựu Thứ trưởng Bộ Giao thông Vận tải cũ", "ông"),
    ("Bộ trưởng Bộ Thông tin - Truyền thông Lê Quang Tùng làm việc với tỉnh.",
     "Lê Quang Tùng", "Bộ trưởng Bộ Thông tin - Truyền thông", None),
    ("Tổng thống Hàn Quốc Lee Jae-myung sẽ sang thăm Việt Nam.",
     "Lee Jae-myung", "Tổng thống Hàn Quốc", None),
]
# fmt: on


@pytest.mark.parametrize("text,name,title,honorific", TITLE_SHAPES, ids=[r[1] for r in TITLE_SHAPES])
def test_people_title_shapes(nlp, text, name, title, honorific):  # type: ignore[no-untyped-def]
    p = find(people_of(nlp, text), name)
    assert p.title == title
    assert p.honorific == honorific


# fmt: off
NOT_PEOPLE = [
    ("idea", "Cán bộ, đảng viên học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."),
    ("city", "Đoàn công tác của Thành phố Hồ Chí Minh đã đến thăm tỉnh Kon Tum."),
    ("youth_union", "Đoàn viên Đoàn TNCS Hồ Chí Minh ra quân làm sạch bãi biển."),
    ("street", "Nhà hàng nằm trên đường Trần Hưng Đạo, gần chợ trung tâm."),
    ("street_list", "Các tuyến phố Hai Bà Trưng, Lê Lợi, Nguyễn Huệ được lát đá mới."),
    ("school", "Học sinh Trường THPT Lê Quý Đôn giành 5 huy chương vàng."),
    ("ward_named_after_hero", "Đảng bộ phường Lê Hồng Phong tổ chức đại hội nhiệm kỳ mới."),
    ("place_commune", "Đoàn kiểm tra làm việc tại xã Cao Phong và thị trấn Lương Sơn."),
    ("place_province", "Lâm Đồng và Đắk Nông đẩy mạnh trồng cà phê chất lượng cao."),
    ("company", "Công ty TNHH Đức Thịnh Phát vừa hoàn thành nhà xưởng mới."),
    ("company_after_office", "Phó Tổng giám đốc Viettel cho biết mạng 5G sẽ phủ toàn tỉnh."),
    ("year_name", "Dịp Tết Bính Ngọ, tỉnh tặng 20.000 suất quà cho hộ nghèo."),
    ("statue", "Đoàn đại biểu dâng hương tại tượng đài Bác Hồ ở quảng trường tỉnh."),
    ("two_bare_syllables", "Sản phẩm chè Thái Nguyên có mặt ở nhiều siêu thị."),
    ("initials", "Cơ quan điều tra đã làm việc với bà N.T.H về số tiền trên."),
    ("title_without_name", "Giám đốc Sở Y tế cho biết số ca mắc đã giảm."),
]
# fmt: on


@pytest.mark.parametrize("text", [r[1] for r in NOT_PEOPLE], ids=[r[0] for r in NOT_PEOPLE])
def test_people_not_people(nlp, text):  # type: ignore[no-untyped-def]
    assert people_of(nlp, text) == []


def test_people_bare_full_name_is_a_person(nlp):  # type: ignore[no-untyped-def]
    people = people_of(nlp, "Số tiền còn lại được chia cho Lương Văn Khải 200 triệu đồng và Đàm Thị Hoa 150 triệu đồng.")
    assert {p.name for p in people} == {"Lương Văn Khải", "Đàm Thị Hoa"}
    assert all(p.title is None for p in people)


def test_people_short_mentions_attach_to_one_record(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Tiêu đề bài viết\n\n"
        "Ông Khổng Văn Toàn, Chủ tịch UBND huyện Bảo Yên, cho biết đường đã thông xe.\n\n"
        "Theo ông Toàn, huyện sẽ làm thêm hai cây cầu. Chủ tịch Toàn nói thêm rằng vốn đã đủ."
    )
    people = people_of(nlp, text)
    assert [p.name for p in people] == ["Khổng Văn Toàn"]
    p = people[0]
    assert p.title == "Chủ tịch UBND huyện Bảo Yên"
    assert len(p.mentions) == 3
    assert p.gender == "male"


def test_people_given_name_alone_is_a_person(nlp):  # type: ignore[no-untyped-def]
    people = people_of(nlp, "Năm nay anh Quân trồng thêm 2 ha bưởi, anh Quân cho biết.")
    assert [(p.name, p.honorific) for p in people] == [("Quân", "anh")]


def test_people_fullest_title_wins(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Thứ trưởng Lại Văn Hòa thăm công trình\n\n"
        "Sáng 3/5, ông Lại Văn Hòa, Thứ trưởng Bộ Xây dựng, đã kiểm tra tiến độ cầu Bình Minh."
    )
    p = find(people_of(nlp, text), "Lại Văn Hòa")
    assert p.title == "Thứ trưởng Bộ Xây dựng"
    assert p.honorific == "ông"


def test_people_all_caps_name_is_title_cased(nlp):  # type: ignore[no-untyped-def]
    text = "Ông PHÙNG VĂN HẢI - Chủ tịch Hội Nông dân huyện trao đổi với phóng viên."
    p = find(people_of(nlp, text), "Phùng Văn Hải")
    assert p.name == "Phùng Văn Hải"
    assert p.text == "PHÙNG VĂN HẢI"
    assert p.title == "Chủ tịch Hội Nông dân huyện"


def test_people_all_caps_headline_gives_no_people(nlp):  # type: ignore[no-untyped-def]
    assert people_of(nlp, "NHÀ LÃNH ĐẠO TẬN TỤY, NGƯỜI THẦY MẪU MỰC CỦA NHIỀU THẾ HỆ") == []


def test_people_list_after_cac_dong_chi(nlp):  # type: ignore[no-untyped-def]
    text = "Dự hội nghị có các đồng chí: Hà Văn Thạch, Bí thư Huyện ủy; Lục Văn Bảo, Phó Bí thư Thường trực Huyện ủy."
    people = people_of(nlp, text)
    assert [(p.name, p.title, p.honorific) for p in people] == [
        ("Hà Văn Thạch", "Bí thư Huyện ủy", "đồng chí"),
        ("Lục Văn Bảo", "Phó Bí thư Thường trực Huyện ủy", "đồng chí"),
    ]


def test_people_titles_in_a_list_stay_with_their_names(nlp):  # type: ignore[no-untyped-def]
    text = "Cùng dự có Bí thư Tỉnh ủy Nông Văn Dũng, Chủ tịch UBND tỉnh Ma Văn Khánh và Giám đốc Sở Tài chính Sầm Thị Lý."
    got = {p.name: p.title for p in people_of(nlp, text)}
    assert got == {
        "Nông Văn Dũng": "Bí thư Tỉnh ủy",
        "Ma Văn Khánh": "Chủ tịch UBND tỉnh",
        "Sầm Thị Lý": "Giám đốc Sở Tài chính",
    }


def test_people_ho_chi_minh_acting_is_a_person(nlp):  # type: ignore[no-untyped-def]
    p = find(people_of(nlp, "Chủ tịch Hồ Chí Minh đã dạy: cán bộ là đầy tớ của nhân dân."), "Hồ Chí Minh")
    assert p.title == "Chủ tịch"


def test_people_byline_and_credit_are_not_people(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Huyện vùng cao vượt chỉ tiêu kết nạp đảng viên\n\n"
        "THANH HƯƠNG 07:30, 12/03/2025\n\n"
        "Đồng chí Sần Thị Mỷ, Bí thư Huyện ủy, cho biết kết quả năm nay rất khả quan.\n\n"
        "Lễ kết nạp đảng viên tại xã Tả Van. (Ảnh: Đỗ Minh Châu)\n\n"
        "Ngọc Lan"
    )
    assert [p.name for p in people_of(nlp, text)] == ["Sần Thị Mỷ"]


def test_people_roles_split_title(nlp):  # type: ignore[no-untyped-def]
    p = find(
        people_of(nlp, "Bà Khúc Thị Duyên, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy, phát biểu."),
        "Khúc Thị Duyên",
    )
    assert [(r.role, r.organization) for r in p.roles] == [
        ("Ủy viên", "Ban Thường vụ Tỉnh ủy"),
        ("Trưởng Ban", "Ban Tổ chức Tỉnh ủy"),
    ]


def test_people_offsets_index_the_text(nlp):  # type: ignore[no-untyped-def]
    from pipeline.normalize import to_canonical

    raw = "Tiêu đề\n\nÔng Tạ Quang Bửu, Giám đốc Sở Y tế, cho biết. Ông Bửu nói thêm."
    text = to_canonical(raw)
    for p in people_of(nlp, raw):
        assert text[p.start : p.end] == p.text
        for m in p.mentions:
            assert text[m.start : m.end] == m.text


def test_people_spans_on_doc(nlp):  # type: ignore[no-untyped-def]
    doc = nlp("Ông Tạ Quang Bửu, Giám đốc Sở Y tế, cho biết như vậy.")
    assert [s.text for s in doc.spans["people"]] == ["Tạ Quang Bửu"]
    assert all(s.label_ == "PERSON" for s in doc.spans["people"])


# fmt: off
MORE_TITLES = [
    ("enumeration_in_body_name",
     "Tiếp đoàn có ông Lò Văn Hùng, Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Điện Biên.",
     "Lò Văn Hùng", "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Điện Biên"),
    ("second_person_after_va",
     "Trung tướng Tạ Quốc Hùng, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an và Thiếu tướng Đào Văn Phúc dự lễ.",
     "Tạ Quốc Hùng", "Trung tướng, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an"),
    ("post_taken_up",
     "Đại hội bầu đồng chí Mùa A Sử (38 tuổi) giữ chức Bí thư Chi bộ bản Phiêng Luông nhiệm kỳ mới.",
     "Mùa A Sử", "Bí thư Chi bộ bản Phiêng Luông"),
    ("place_then_name_after_unit",
     "Chủ tịch UBND huyện Mường Nhé Lý Văn Tài yêu cầu rà soát hộ nghèo.",
     "Lý Văn Tài", "Chủ tịch UBND huyện Mường Nhé"),
    ("historical_name_with_rank",
     "Đại tướng Võ Nguyên Giáp là người chỉ huy chiến dịch.",
     "Võ Nguyên Giáp", "Đại tướng"),
    ("acting_on_behalf",
     "Thừa ủy quyền của Thủ tướng Chính phủ, Bộ trưởng Bộ Xây dựng Kiều Văn Dũng đọc tờ trình.",
     "Kiều Văn Dũng", "Bộ trưởng Bộ Xây dựng"),
    ("word_after_capital_syllable",
     "Thứ trưởng Bộ Quốc phòng Hoàng Xuân Chiến làm trưởng đoàn kiểm tra.",
     "Hoàng Xuân Chiến", "Thứ trưởng Bộ Quốc phòng"),
    ("verb_ends_title",
     "Ông Cù Văn Tân, Giám đốc Sở Y tế tỉnh Hòa Bình xác nhận có 3 ca mắc mới.",
     "Cù Văn Tân", "Giám đốc Sở Y tế tỉnh Hòa Bình"),
]
# fmt: on


@pytest.mark.parametrize("text,name,title", [r[1:] for r in MORE_TITLES], ids=[r[0] for r in MORE_TITLES])
def test_people_titles_end_where_the_text_ends_them(nlp, text, name, title):  # type: ignore[no-untyped-def]
    assert find(people_of(nlp, text), name).title == title


def test_people_list_of_offices_and_names(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Dự lễ có Tổng Bí thư Lưu Văn Khánh, Chủ tịch nước Đàm Quốc Bảo, "
        "Thủ tướng Chính phủ Tôn Thất Vinh và Chủ tịch Quốc hội Mẫn Thị Hoa."
    )
    got = {p.name: p.title for p in people_of(nlp, text)}
    assert got == {
        "Lưu Văn Khánh": "Tổng Bí thư",
        "Đàm Quốc Bảo": "Chủ tịch nước",
        "Tôn Thất Vinh": "Thủ tướng Chính phủ",
        "Mẫn Thị Hoa": "Chủ tịch Quốc hội",
    }


def test_people_place_after_unit_is_not_a_person(nlp):  # type: ignore[no-untyped-def]
    assert people_of(nlp, "Bà con xã Mỹ Hòa Hưng và xã Cao Sơn đã thu hoạch xong lúa.") == []


def test_people_family_name_mention_of_foreign_name(nlp):  # type: ignore[no-untyped-def]
    text = "Tổng thống Mỹ Donald Trump phát biểu tại Nhà Trắng. Ông Trump cho biết sẽ tăng thuế."
    people = people_of(nlp, text)
    assert [p.name for p in people] == ["Donald Trump"]
    assert len(people[0].mentions) == 2


def test_people_bylines_left_in_the_body_are_not_people(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Ông Diệp Văn Sơn, Chủ tịch UBND xã, cho biết nhiều hộ đã thoát nghèo. Xin cảm ơn ông! "
        "Kiều Minh Hạnh (ghi) Đó là chia sẻ bên lề hội nghị."
    )
    assert [p.name for p in people_of(nlp, text)] == ["Diệp Văn Sơn"]


def test_people_credit_without_colon(nlp):  # type: ignore[no-untyped-def]
    text = "Bí thư Tỉnh ủy phát biểu tại hội nghị. Ảnh Lương Thế Hòa Tới dự có đồng chí Bạch Văn Hiếu, Chủ tịch UBND tỉnh."
    assert [p.name for p in people_of(nlp, text)] == ["Bạch Văn Hiếu"]


def test_people_glued_verb_is_cut_from_the_name(nlp):  # type: ignore[no-untyped-def]
    text = "Chiều 3/2, Chủ tịch nước Lương Văn Khảitrao quyết định bổ nhiệm. Chủ tịch nước Lương Văn Khải nhấn mạnh yêu cầu."
    people = people_of(nlp, text)
    assert [p.name for p in people] == ["Lương Văn Khải"]
    assert people[0].text == "Lương Văn Khải"


def test_people_descriptor_before_a_place_is_no_person(nlp):  # type: ignore[no-untyped-def]
    assert people_of(nlp, "Sau cuộc đối thoại, nông dân Đồng Tháp đã đồng ý giao đất.") == []


def test_people_descriptor_before_a_full_name(nlp):  # type: ignore[no-untyped-def]
    p = find(people_of(nlp, "Nông dân Lường Văn Pọm trồng 2 ha mắc ca."), "Lường Văn Pọm")
    assert p.title is None and p.honorific is None


def test_people_chain_after_sentence_opener(nlp):  # type: ignore[no-untyped-def]
    text = "Theo Phó Bí thư Thành ủy, Chủ tịch UBND thành phố Giáp Văn Toản, nguồn thu đã tăng 12%."
    assert find(people_of(nlp, text), "Giáp Văn Toản").title == "Phó Bí thư Thành ủy, Chủ tịch UBND thành phố"


def test_people_chain_stops_at_an_office_inside_a_name(nlp):  # type: ignore[no-untyped-def]
    text = "Sáng nay, tại Phủ Chủ tịch, Chủ tịch nước Lã Văn Định đã tiếp các em học sinh."
    assert find(people_of(nlp, text), "Lã Văn Định").title == "Chủ tịch nước"


# fmt: off
# Titles on shapes seen in fresh text (sentences written for the project).
TITLE_SHAPES_FRESH = [
    # (id, text, name, title)
    ("list_after_dash_1",
     "Dự buổi làm việc có ông Đoàn Văn Tư - Giám đốc Sở Tài chính, ông Lã Minh Khoa - Phó Giám đốc Sở Xây dựng, ông Cù Đình Lâm - Trưởng phòng Quản lý đô thị.",
     "Lã Minh Khoa", "Phó Giám đốc Sở Xây dựng"),
    ("list_after_dash_2",
     "Dự buổi làm việc có ông Đoàn Văn Tư - Giám đốc Sở Tài chính, ông Lã Minh Khoa - Phó Giám đốc Sở Xây dựng, ông Cù Đình Lâm - Trưởng phòng Quản lý đô thị.",
     "Cù Đình Lâm", "Trưởng phòng Quản lý đô thị"),
    ("offices_joined_by_comma_dash",
     "Đoàn do đồng chí Phăn Văn Xay - Bí thư, Đô trưởng Thủ đô Viêng-chăn dẫn đầu đã đến thăm tỉnh.",
     "Phăn Văn Xay", "Bí thư, Đô trưởng Thủ đô Viêng-chăn"),
    ("offices_joined_by_comma",
     "Ông Khăm Phết Vông, Bí thư, Tỉnh trưởng tỉnh Chăm-pa-sắc, chúc mừng đoàn.",
     "Khăm Phết Vông", "Bí thư, Tỉnh trưởng tỉnh Chăm-pa-sắc"),
    ("org_lowercase_tail_before_verb",
     "Bà Lại Thu Hằng - Ủy viên Ban Biên tập, Trưởng ban Tạp chí Cộng sản điện tử cho biết tạp chí sẽ mở chuyên mục mới.",
     "Lại Thu Hằng", "Ủy viên Ban Biên tập, Trưởng ban Tạp chí Cộng sản điện tử"),
    ("org_lowercase_words",
     "Ông Lạc Văn Khiêm, Cục trưởng Cục Quản lý khám chữa bệnh cho biết bệnh viện phải báo cáo.",
     "Lạc Văn Khiêm", "Cục trưởng Cục Quản lý khám chữa bệnh"),
    ("org_numbered_team",
     "Đồng chí Mẫn Văn Đức, Trưởng đoàn Kiểm tra số 471 của Bộ Chính trị phát biểu kết luận.",
     "Mẫn Văn Đức", "Trưởng đoàn Kiểm tra số 471 của Bộ Chính trị"),
    ("org_after_team_office",
     "Thiếu tướng Hà Quang Vinh, Phó Tư lệnh Quân khu 7, Trưởng đoàn kiểm tra của Bộ Tư lệnh Quân khu phát biểu.",
     "Hà Quang Vinh", "Thiếu tướng, Phó Tư lệnh Quân khu 7, Trưởng đoàn kiểm tra của Bộ Tư lệnh Quân khu"),
    ("adverb_not_org",
     "Ông Xổm Xay, Bí thư, Đô trưởng thủ đô Viêng-chăn đặc biệt đánh giá cao vai trò của hiệp ước.",
     "Xổm Xay", "Bí thư, Đô trưởng thủ đô Viêng-chăn"),
    ("lower_pho_tong_bien_tap",
     "Phó tổng Biên tập Khúc Thị Mai trao giải cho các tác giả.", "Khúc Thị Mai", "Phó tổng Biên tập"),
    ("lower_pho_bi_thu",
     "Ông Phạm Minh Tuấn, Phó tổng Biên tập, Bí thư Đảng ủy cơ quan Tạp chí Cộng sản phát biểu khai mạc.",
     "Phạm Minh Tuấn", "Phó tổng Biên tập, Bí thư Đảng ủy cơ quan Tạp chí Cộng sản"),
    ("lower_pho_thu_tuong", "Phó thủ tướng Ninh Văn Tâm kiểm tra dự án.", "Ninh Văn Tâm", "Phó thủ tướng"),
    ("lower_rank_before", "Theo đại tá Giáp Văn Hòa, đơn vị đã sẵn sàng.", "Giáp Văn Hòa", "đại tá"),
    ("lower_rank_in_chain",
     "Ông Chu Văn Thắng, đại tá, Phó Chính ủy Bộ Chỉ huy Quân sự tỉnh, dự lễ.",
     "Chu Văn Thắng", "đại tá, Phó Chính ủy Bộ Chỉ huy Quân sự tỉnh"),
    ("chain_in_text_order",
     "Đồng chí Lục Văn Thành, Ủy viên Bộ Chính trị, Chánh Văn phòng Trung ương Đảng, Phó Bí thư Thường trực Thành ủy dự lễ.",
     "Lục Văn Thành", "Ủy viên Bộ Chính trị, Chánh Văn phòng Trung ương Đảng, Phó Bí thư Thường trực Thành ủy"),
    ("office_opens_next_clause",
     "Đối với trường hợp của Lưu Văn Quyết, Tổng Bí thư nhấn mạnh phải xử lý nghiêm.", "Lưu Văn Quyết", None),
    ("office_opens_next_clause_2",
     "Về vụ việc của Đào Văn Khởi, Chủ tịch UBND tỉnh yêu cầu làm rõ trách nhiệm.", "Đào Văn Khởi", None),
    ("object_with_honorific_keeps_title",
     "Nhờ sự chỉ đạo của đồng chí Mạc Đình Huấn, Bí thư Huyện ủy đã có nhiều đổi mới.", "Mạc Đình Huấn", "Bí thư Huyện ủy"),
    ("name_not_swallowing_truoc",
     "Tổng Bí thư Lương Văn Lâm Trước đó đã có buổi làm việc với tỉnh.", "Lương Văn Lâm", "Tổng Bí thư"),
    ("name_not_swallowing_sau",
     "Chủ tịch nước Hứa Quang Minh Sau khi nghe báo cáo đã chỉ đạo khẩn trương.", "Hứa Quang Minh", "Chủ tịch nước"),
    ("founder_ho_chi_minh",
     "Tình hữu nghị do Chủ tịch Hồ Chí Minh và Chủ tịch Kaysone Phomvihane xây dựng ngày càng bền chặt.", "Hồ Chí Minh", "Chủ tịch"),
    ("listed_leader_keeps_own_title",
     "Mối quan hệ đặc biệt do Chủ tịch Hồ Chí Minh, Chủ tịch Kaysone Phomvihane, Chủ tịch Souphanouvong dày công vun đắp.",
     "Kaysone Phomvihane", "Chủ tịch"),
    ("deputy_with_constituency", "Đại biểu Lò Thị Mai (Sơn La) đề nghị tăng mức hỗ trợ.", "Lò Thị Mai", "Đại biểu"),
    ("deputy_list_second",
     "Các đại biểu Lê Hữu Trí (Khánh Hòa), Hà Sỹ Đồng (Quảng Trị) góp ý vào dự thảo luật.", "Hà Sỹ Đồng", "đại biểu"),
    ("deputy_two_syllable_name", "Theo đại biểu Thuận Hữu (Cần Thơ), cần sửa quy định.", "Thuận Hữu", "đại biểu"),
    ("deputy_generic_yields_to_title",
     "Phát biểu tại hội trường, đại biểu Âu Văn Lực, Phó Trưởng Đoàn đại biểu Quốc hội tỉnh Bắc Kạn, nêu ý kiến.",
     "Âu Văn Lực", "Phó Trưởng Đoàn đại biểu Quốc hội tỉnh Bắc Kạn"),
]
# fmt: on


@pytest.mark.parametrize("text,name,title", [r[1:] for r in TITLE_SHAPES_FRESH], ids=[r[0] for r in TITLE_SHAPES_FRESH])
def test_people_title_shapes_fresh(nlp, text, name, title):  # type: ignore[no-untyped-def]
    assert find(people_of(nlp, text), name).title == title


# fmt: off
INTRO_TITLES = [
    # (id, article text, name, title): the title attached at the introduction
    ("headline_rank_joins_body_intro",
     "Đại tá Bạch Văn Khoa làm Giám đốc Công an tỉnh Hòa Bình\n\n"
     "Sáng 5/6, tại trụ sở Công an tỉnh, ông Bạch Văn Khoa, Phó Giám đốc Công an tỉnh, được bổ nhiệm giữ chức Giám đốc Công an tỉnh.\n\n"
     "Phát biểu nhận nhiệm vụ, Giám đốc Công an tỉnh Bạch Văn Khoa cảm ơn sự tin tưởng của lãnh đạo.",
     "Bạch Văn Khoa", "Đại tá, Phó Giám đốc Công an tỉnh"),
    ("new_post_later_is_not_the_title",
     "Tỉnh có tân Bí thư Tỉnh ủy\n\n"
     "Chiều 3/3, đồng chí Kim Văn Tường, Phó Bí thư Thường trực Tỉnh ủy, được Bộ Chính trị chỉ định giữ chức Bí thư Tỉnh ủy.\n\n"
     "Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo phòng chống tham nhũng tỉnh Kim Văn Tường hứa sẽ tiếp tục đổi mới.",
     "Kim Văn Tường", "Phó Bí thư Thường trực Tỉnh ủy"),
    ("same_post_written_fuller_later",
     "Bộ trưởng thăm nhà máy\n\n"
     "Ông Yên Văn Lộc, Thứ trưởng Bộ NN&PTNT, đã kiểm tra nhà máy.\n\n"
     "Thứ trưởng Bộ Nông nghiệp và Phát triển nông thôn Yên Văn Lộc đề nghị tăng công suất.",
     "Yên Văn Lộc", "Thứ trưởng Bộ Nông nghiệp và Phát triển nông thôn"),
    ("no_title_at_intro_takes_later",
     "Xử lý sai phạm ở công ty\n\n"
     "Cơ quan điều tra đã làm việc với ông Tạ Văn Bền về sai phạm.\n\n"
     "Ông Tạ Văn Bền, Giám đốc Công ty Cổ phần Sông Mã, thừa nhận sai phạm.",
     "Tạ Văn Bền", "Giám đốc Công ty Cổ phần Sông Mã"),
]
# fmt: on


@pytest.mark.parametrize("text,name,title", [r[1:] for r in INTRO_TITLES], ids=[r[0] for r in INTRO_TITLES])
def test_people_title_at_introduction(nlp, text, name, title):  # type: ignore[no-untyped-def]
    assert find(people_of(nlp, text), name).title == title


def test_people_founders_both_people(nlp):  # type: ignore[no-untyped-def]
    people = people_of(nlp, "Mối quan hệ đặc biệt do Chủ tịch Hồ Chí Minh, Chủ tịch Kaysone Phomvihane, Chủ tịch Souphanouvong dày công vun đắp.")
    assert {p.name for p in people} == {"Hồ Chí Minh", "Kaysone Phomvihane", "Souphanouvong"}
    assert all(p.title == "Chủ tịch" for p in people)


def test_people_name_with_given_name_hien_kept(nlp):  # type: ignore[no-untyped-def]
    # a given name that is also a sentence word is not cut off ("Hiện" is not a sentence opener here)
    p = find(people_of(nlp, "Ông Nguyễn Văn Hiện, Chủ tịch UBND xã, cho biết đường đã xong."), "Nguyễn Văn Hiện")
    assert p.title == "Chủ tịch UBND xã"


# fmt: off
SEPARATORS_AND_ORGS = [
    # (id, text, {name: title}, names that must not be people)
    ("double_hyphen_after_name",
     "Khách mời gồm bà Kiều Thu Trang -- Phó Giám đốc Sở Du lịch và ông Lạc Minh Quý -- Hiệu trưởng Trường THPT Phan Bội Châu.",
     {"Kiều Thu Trang": "Phó Giám đốc Sở Du lịch", "Lạc Minh Quý": "Hiệu trưởng Trường THPT Phan Bội Châu"}, []),
    ("office_opening_next_sentence_stays_there",
     "Ông Vĩnh Hữu Tâm -- Tổng biên tập báo Lao Động Thủ Đô. Nhà thơ Khổng Văn Thảo -- Giám đốc Nhà xuất bản Hội Nhà văn phát biểu sau đó.",
     {"Vĩnh Hữu Tâm": "Tổng biên tập báo Lao Động Thủ Đô", "Khổng Văn Thảo": "Nhà thơ, Giám đốc Nhà xuất bản Hội Nhà văn"}, []),
    ("nha_bao_before_and_office_after",
     "Buổi tọa đàm do nhà báo Mạc Thu Hằng -- Tổng Biên tập Viet Times điều phối.",
     {"Mạc Thu Hằng": "nhà báo, Tổng Biên tập Viet Times"}, ["Viet Times"]),
    ("latin_company_after_office",
     "Giám đốc Samsung Vina vừa ký biên bản hợp tác với nhà trường.",
     {}, ["Samsung Vina"]),
    ("unaccented_vietnamese_is_a_company",
     "Tổng Giám đốc Viet Capital cho biết quỹ sẽ mở rộng đầu tư.",
     {}, ["Viet Capital"]),
    ("foreign_person_after_office_is_a_person",
     "Giám đốc điều hành Tim Cook sẽ có bài phát biểu tại sự kiện.",
     {"Tim Cook": "Giám đốc điều hành"}, []),
    ("company_then_its_foreign_head",
     "Tổng Giám đốc Samsung Vina Park Min-soo dự lễ khánh thành nhà máy.",
     {"Park Min-soo": "Tổng Giám đốc Samsung Vina"}, ["Samsung Vina"]),
    ("unaccented_vietnamese_person_is_a_person",
     "Tổng Giám đốc Nguyen Van Khoa cho biết công ty sẽ tuyển thêm kỹ sư.",
     {"Nguyen Van Khoa": "Tổng Giám đốc"}, []),
    ("comma_inside_party_committee_name",
     "Dự buổi lễ có Phó Chủ tịch nước Mai Đức Hòa; Trưởng ban Chính sách, chiến lược Trung ương Đinh Khắc Lâm; Bộ trưởng Bộ Nội vụ Tạ Quang Hiển.",
     {"Mai Đức Hòa": "Phó Chủ tịch nước", "Đinh Khắc Lâm": "Trưởng ban Chính sách, chiến lược Trung ương",
      "Tạ Quang Hiển": "Bộ trưởng Bộ Nội vụ"}, []),
    ("comma_inside_ministry_name",
     "Thứ trưởng Bộ Lao động, Thương binh và Xã hội Hà Thị Yến làm việc với tỉnh.",
     {"Hà Thị Yến": "Thứ trưởng Bộ Lao động, Thương binh và Xã hội"}, []),
    ("comma_then_lower_case_office_is_a_second_office",
     "Đồng chí Ninh Văn Khải, Bí thư Tỉnh ủy, trưởng đoàn đại biểu Quốc hội tỉnh, dự buổi lễ.",
     {"Ninh Văn Khải": "Bí thư Tỉnh ủy, trưởng đoàn đại biểu Quốc hội tỉnh"}, []),
    ("chained_degrees_and_honour",
     "Công trình do Giáo sư, tiến sĩ, Anh hùng lao động Lục Văn Trí, giám đốc bệnh viện chủ trì.",
     {"Lục Văn Trí": "Giáo sư, tiến sĩ, Anh hùng lao động, giám đốc bệnh viện"}, []),
    ("chained_degrees_before_office",
     "Phó giáo sư, tiến sĩ Quách Thị Nhung, Viện trưởng Viện Dinh dưỡng, trình bày báo cáo.",
     {"Quách Thị Nhung": "Phó giáo sư, tiến sĩ, Viện trưởng Viện Dinh dưỡng"}, []),
    ("title_ends_before_sentence_opener",
     "Ông Mẫn Đức Toàn - Viện trưởng Viện Chiến lược giao thông Như vậy, kế hoạch phải điều chỉnh.",
     {"Mẫn Đức Toàn": "Viện trưởng Viện Chiến lược giao thông"}, []),
]
# fmt: on


@pytest.mark.parametrize("text,titles,absent", [r[1:] for r in SEPARATORS_AND_ORGS], ids=[r[0] for r in SEPARATORS_AND_ORGS])
def test_people_separators_and_latin_organisations(nlp, text, titles, absent):  # type: ignore[no-untyped-def]
    people = people_of(nlp, text)
    for name, title in titles.items():
        assert find(people, name).title == title
    keys = {match_key(p.name) for p in people}
    for name in absent:
        assert match_key(name) not in keys


# fmt: off
MORE_ORG_NAMES = [
    ("embassy_is_no_office",
     "Tới dự có Phó Chủ tịch nước Lò Thị Mai, đại sứ quán các nước và nhiều doanh nghiệp.",
     "Lò Thị Mai", "Phó Chủ tịch nước"),
    ("committee_with_several_commas",
     "Bà Lục Thu Hà - Phó Chủ nhiệm Ủy ban Văn hóa, Giáo dục, Thanh niên, Thiếu niên và Nhi đồng của Quốc hội, cho rằng cần sửa luật.",
     "Lục Thu Hà", "Phó Chủ nhiệm Ủy ban Văn hóa, Giáo dục, Thanh niên, Thiếu niên và Nhi đồng của Quốc hội"),
    ("office_word_inside_office",
     "Giám đốc điều hành Apple Tim Cook sẽ có bài phát biểu tại sự kiện.",
     "Tim Cook", "Giám đốc điều hành Apple"),
]
# fmt: on


@pytest.mark.parametrize("text,name,title", [r[1:] for r in MORE_ORG_NAMES], ids=[r[0] for r in MORE_ORG_NAMES])
def test_people_organisation_names_in_titles(nlp, text, name, title):  # type: ignore[no-untyped-def]
    assert find(people_of(nlp, text), name).title == title


# fmt: off
LOST_PUNCTUATION_AND_DASHES = [
    # (id, text, name, honorific, title)
    ("honorific_opens_sentence_after_lost_full_stop",
     "Năm 2015, ông được giao làm Phó trưởng Ban Nội chính Trung ương Ông Lạc Văn Tường sau đó đọc quyết định.",
     "Lạc Văn Tường", "ông", None),
    ("offices_joined_by_dash_before_name",
     "Dự buổi lễ có Chủ tịch UBND tỉnh Yên Bái – Bí thư Tỉnh ủy Yên Bái Khổng Văn Mạnh cùng nhiều đại biểu.",
     "Khổng Văn Mạnh", None, "Chủ tịch UBND tỉnh Yên Bái, Bí thư Tỉnh ủy Yên Bái"),
    ("offices_joined_by_dash_after_name",
     "Ông Ứng Văn Lộc - Giám đốc Sở Xây dựng - Chủ tịch Hội Kiến trúc sư tỉnh cho biết như vậy.",
     "Ứng Văn Lộc", "ông", "Giám đốc Sở Xây dựng, Chủ tịch Hội Kiến trúc sư tỉnh"),
    ("title_chain_before_dash_and_honorific",
     "Tại hội thảo, Phó Chủ tịch Quốc hội, Trưởng ban soạn thảo Luật Biển năm 2012 – ông Trịnh Văn Khang đã giải trình.",
     "Trịnh Văn Khang", "ông", "Phó Chủ tịch Quốc hội, Trưởng ban soạn thảo Luật Biển năm 2012"),
    ("title_before_dash_and_honorific",
     "Còn Phó Chủ tịch UBND tỉnh Quảng Bình – ông Lâm Quang Dũng cho biết tỉnh sẽ tăng vốn.",
     "Lâm Quang Dũng", "ông", "Phó Chủ tịch UBND tỉnh Quảng Bình"),
    ("name_after_city_named_for_a_person",
     "Phó Chủ tịch HĐND TP. Hồ Chí Minh Đàm Thị Hạnh phát biểu bế mạc kỳ họp.",
     "Đàm Thị Hạnh", None, "Phó Chủ tịch HĐND TP. Hồ Chí Minh"),
    ("lower_case_representative_after_dash",
     "Ông Giáp Văn Thuận - đại diện Công ty Xi măng Bỉm Sơn cho biết lò nung đã chạy lại.",
     "Giáp Văn Thuận", "ông", "đại diện Công ty Xi măng Bỉm Sơn"),
    ("lower_case_village_head_after_dash",
     "Bà Lã Thị Huệ - trưởng thôn Yên Khê cho biết cả thôn đã góp đất làm đường.",
     "Lã Thị Huệ", "bà", "trưởng thôn Yên Khê"),
    ("lower_case_cooperative_head_after_dash",
     "Ông Phùng Văn Tiến - chủ nhiệm hợp tác xã Đồng Tâm chia sẻ cách làm.",
     "Phùng Văn Tiến", "ông", "chủ nhiệm hợp tác xã Đồng Tâm"),
    ("lower_case_staff_after_comma",
     "Chị Khúc Thị Yến, nhân viên Trạm Y tế xã Minh Quang, hướng dẫn người dân khai báo.",
     "Khúc Thị Yến", "chị", "nhân viên Trạm Y tế xã Minh Quang"),
]
# fmt: on


@pytest.mark.parametrize(
    "text,name,honorific,title", [r[1:] for r in LOST_PUNCTUATION_AND_DASHES], ids=[r[0] for r in LOST_PUNCTUATION_AND_DASHES]
)
def test_people_lost_punctuation_and_dashes(nlp, text, name, honorific, title):  # type: ignore[no-untyped-def]
    p = find(people_of(nlp, text), name)
    assert p.title == title
    assert p.honorific == honorific


def test_people_representative_without_body_is_no_title(nlp):  # type: ignore[no-untyped-def]
    p = find(people_of(nlp, "Ông Giáp Văn Thuận - đại diện cho 40 hộ dân - gửi đơn lên xã."), "Giáp Văn Thuận")
    assert p.title is None


def test_people_title_after_previous_name_is_not_the_next_persons(nlp):  # type: ignore[no-untyped-def]
    text = "Khách mời: Ông Lạc Văn Hòa -- nguyên Ủy viên Trung ương Đảng, nguyên Bộ trưởng Bộ Tư pháp - Ông Mẫn Đức Tài -- Viện trưởng Viện Khoa học pháp lý."
    people = people_of(nlp, text)
    assert find(people, "Mẫn Đức Tài").title == "Viện trưởng Viện Khoa học pháp lý"

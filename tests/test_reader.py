import pytest

from pipeline.normalize import to_canonical
from pipeline.reader import parse_byline, read_article

BODY = "\n\nĐảng bộ xã kết nạp 12 đảng viên mới trong năm.\n\nCông tác kiểm tra được tăng cường."

# fmt: off
HEADERS = [
    pytest.param("Tiêu đề\n\nHOÀNG SA 06:59, 02/02/2024" + BODY, ["Hoàng Sa"], "2024-02-02T06:59:00+07:00", id="caps-name-time-date"),
    pytest.param("Tiêu đề\n\nThứ Sáu, 02/02/2024 06:59 (GMT+7)" + BODY, [], "2024-02-02T06:59:00+07:00", id="weekday-date-time-gmt"),
    pytest.param("Tiêu đề\n\n02/02/2024 - 06:59" + BODY, [], "2024-02-02T06:59:00+07:00", id="date-dash-time"),
    pytest.param("Tiêu đề\n\nChủ nhật, 14/7/2025" + BODY, [], "2025-07-14T00:00:00+07:00", id="sunday-date-only"),
    pytest.param("Tiêu đề\n\nĐỨC ANH - THU HÀ 10:30, 08/01/2024" + BODY, ["Đức Anh", "Thu Hà"], "2024-01-08T10:30:00+07:00", id="two-authors"),
    pytest.param("Tiêu đề" + BODY + "\n\nNgọc Lan", ["Ngọc Lan"], None, id="final-name-line"),
    pytest.param("Tiêu đề" + BODY + "\n\nKHÁNH VŨ", ["Khánh Vũ"], None, id="final-caps-name"),
    pytest.param("Tiêu đề" + BODY + "\n\nKhiếu Tư (TTXVN)", ["Khiếu Tư"], None, id="agency-suffix"),
    pytest.param("Tiêu đề" + BODY + "\n\nVũ Dũng/VOV", ["Vũ Dũng"], None, id="slash-outlet"),
    pytest.param("Tiêu đề" + BODY + "\n\nTheo Hữu Phúc / Báo Quảng Ngãi", ["Hữu Phúc"], None, id="theo-name-outlet"),
    pytest.param("Tiêu đề" + BODY + "\n\nTheo Báo Cà Mau", [], None, id="theo-outlet-only"),
    pytest.param("Tiêu đề" + BODY + "\n\nTin, ảnh: Văn Toàn", ["Văn Toàn"], None, id="tin-anh"),
    pytest.param("Tiêu đề" + BODY + "\n\nPV", [], None, id="pv-not-a-name"),
    pytest.param("Tiêu đề" + BODY + "\n\nẢnh: HẢI NGUYỄN", [], None, id="photo-credit-not-author"),
    pytest.param("Tiêu đề\n\nCông tác cán bộ được quan tâm, chất lượng ngày càng cao. Đức Tuân", ["Đức Tuân"], None, id="glued-final-byline"),
]
# fmt: on


@pytest.mark.parametrize("text,authors,published", HEADERS)
def test_reader_header_forms(text, authors, published):
    layout = read_article(to_canonical(text))
    assert layout.authors == authors
    assert layout.published == published


def test_reader_title_needs_blank_line():
    assert read_article("Tiêu đề\n\nThân bài.").title == "Tiêu đề"
    assert read_article("Câu mở đầu.\nThân bài tiếp theo.").title is None


def test_reader_repeated_caption_is_marked_duplicate():
    text = "Tiêu đề\n\nThân bài đầu tiên.\n\nCác chi bộ đăng ký mô hình mới\nvà được khen thưởng\nCác chi bộ đăng ký mô hình mới và được khen thưởng\n\nĐoạn cuối."
    layout = read_article(text)
    kinds = [z.kind for z in layout.zones]
    assert "duplicate" in kinds
    dup = next(z for z in layout.zones if z.kind == "duplicate")
    assert text[dup.start:dup.end].startswith("Các chi bộ")


def test_reader_zone_offsets_index_text():
    text = to_canonical("Tiêu đề\n\nHOÀNG SA 06:59, 02/02/2024" + BODY)
    for zone in read_article(text).zones:
        assert 0 <= zone.start <= zone.end <= len(text)


@pytest.mark.parametrize("line", ["Lãnh đạo tỉnh kiểm tra công trình.", "Ảnh: Minh Châu"])
def test_reader_not_bylines(line):
    assert not parse_byline(line)

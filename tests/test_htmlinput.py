"""pipeline.htmlinput: an HTML news page becomes title, byline and paragraphs."""

from __future__ import annotations

import pytest

pytest.importorskip("trafilatura")

from pipeline.errors import InputError  # noqa: E402
from pipeline.htmlinput import html_to_text  # noqa: E402

TITLE = "Đồng Văn vượt chỉ tiêu kết nạp đảng viên năm 2024"
PARAGRAPHS = [
    "Năm 2024, Đảng bộ huyện Đồng Văn kết nạp 186 đảng viên mới, đạt 116,25% kế hoạch; "
    "trong số này có 142 đảng viên là người dân tộc thiểu số ở các xã vùng cao biên giới.",
    "Đồng chí Hoàng Văn Sính, Phó Bí thư Thường trực Huyện ủy, cho biết toàn Đảng bộ huyện "
    "hiện có 41 tổ chức cơ sở đảng với 3.412 đảng viên, tăng so với cùng kỳ năm trước.",
    "Huyện ủy giao chỉ tiêu cụ thể tới từng đảng ủy xã, thị trấn, đồng thời gắn trách nhiệm "
    "của bí thư chi bộ với việc bồi dưỡng quần chúng ưu tú trong năm 2025.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{TITLE} - Báo Vùng Cao</title>
<script>var tracking = "Đăng nhập để đọc tiếp"; window.ads = [];</script>
<style>.menu {{ color: red }}</style></head>
<body>
<header class="site-header"><a href="/">Báo Vùng Cao</a> <span class="date">Thứ Hai, 20/01/2025</span>
<nav class="menu"><ul><li><a href="/thoi-su">Thời sự</a></li><li><a href="/kinh-te">Kinh tế</a></li>
<li><a href="/xa-hoi">Xã hội</a></li><li><a href="/dang-nhap">Đăng nhập</a></li></ul></nav></header>
<main><article>
<h1 class="title">{TITLE}</h1>
<div class="byline"><span class="author">Minh Đức</span>
<time datetime="2025-01-15T07:15:00+07:00">07:15, 15/01/2025</time></div>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<script>document.write("Quảng cáo chen giữa bài");</script>
<p>{PARAGRAPHS[2]}</p>
</article>
<aside class="related"><h3>Tin liên quan</h3><ul>
<li><a href="/a">Hà Giang tổng kết công tác xây dựng Đảng năm 2024</a></li>
<li><a href="/b">Mèo Vạc phát triển đảng viên vùng cao</a></li></ul></aside>
</main>
<footer class="site-footer"><p>© 2025 Báo Vùng Cao. Giấy phép số 123/GP-BTTTT.
Liên hệ quảng cáo: 0219 3861 234.</p></footer>
</body></html>"""


def test_page_becomes_title_byline_paragraphs() -> None:
    text = html_to_text(PAGE)
    blocks = text.strip().split("\n\n")
    assert blocks[0] == TITLE
    assert blocks[1] == "Minh Đức 07:15, 15/01/2025"
    assert blocks[2:] == PARAGRAPHS


def test_chrome_is_dropped() -> None:
    text = html_to_text(PAGE)
    for chrome in ("Thời sự", "Đăng nhập", "tracking", "Quảng cáo", "Tin liên quan", "Mèo Vạc",
                   "Giấy phép", "color: red", "Báo Vùng Cao", "Thứ Hai"):
        assert chrome not in text, chrome


def test_byline_from_metadata_when_not_marked_up() -> None:
    page = PAGE.replace('<div class="byline"><span class="author">Minh Đức</span>', "<div>").replace(
        '<time datetime="2025-01-15T07:15:00+07:00">07:15, 15/01/2025</time>', ""
    )
    page = page.replace("<head>", '<head><meta name="author" content="Thu Hà">'
                        '<meta property="article:published_time" content="2025-01-15T07:15:00+07:00">')
    blocks = html_to_text(page).strip().split("\n\n")
    assert blocks[0] == TITLE
    assert blocks[1] == "Thu Hà 15/01/2025"
    assert blocks[2:] == PARAGRAPHS


def test_page_without_text_is_empty() -> None:
    with pytest.raises(InputError) as err:
        html_to_text("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    assert err.value.code == "empty"


def test_htmlinput_headline_run_into_the_first_paragraph_is_dropped():
    page = (
        "<html><head><title>Tiêu đề</title></head><body><nav>Trang chủ | Thời sự</nav><article>"
        "<h1>Xã kết nạp 12 đảng viên</h1><p class='byline'>Minh Anh 07:15, 15/01/2025</p>"
        "<p>Năm 2024, Đảng bộ xã kết nạp 12 đảng viên mới, vượt kế hoạch đề ra.</p>"
        "</article><footer>Bản quyền</footer></body></html>"
    )
    text = html_to_text(page)
    assert text.count("12 đảng viên") == 2  # headline + body sentence, not the headline twice
    assert text.splitlines()[0] == "Xã kết nạp 12 đảng viên"
    assert "Năm 2024" in text.split("\n\n")[-1]

"""The review page: self-contained, escaped, highlighted, and rendered by headless Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch import discover
from pipeline.records import Article, Person, Span
from pipeline.review import LABELS, displacy_parses, highlight_spans, vn_number, write_review

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("review") / "review.html"
    paths = discover([str(CORPUS)]) + [str(CORPUS / "no-such-article.txt")]
    summary = write_review(paths, out, nlp=nlp)
    assert summary.articles == len(paths) - 1 and summary.failed == 1
    return out


def test_review_page_is_self_contained(corpus_page):
    page = corpus_page.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert not re.search(r"https?://", page)
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page, flags=re.I)
    assert not re.search(r"\b(src|srcset)\s*=", page)
    assert not re.search(r"@import|url\(", page)
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', page))


def test_review_page_has_legend_sections_tables_and_errors(corpus_page):
    page = corpus_page.read_text(encoding="utf-8")
    colours = [c for c, _ in LABELS.values()]
    assert len(set(colours)) == 3
    for colour in colours:
        assert page.count(colour) > 10  # legend, table headings and the highlights
    n_articles = len(discover([str(CORPUS)]))
    assert page.count('<section class="article"') == n_articles
    for header in ("<th>Person</th>", "<th>Title</th>", "<th>Organisation</th>", "<th>Code</th>", "<th>Type</th>",
                   "<th>Issuer</th>", "<th>Value</th>", "<th>Unit</th>", "<th>Target</th>", "<th>Achieved</th>",
                   "<th>Agreement</th>"):  # fmt: skip
        assert header in page
    assert "✓ agrees" in page
    assert ">PERSON<" in page and ">DIRECTIVE<" in page and ">INDICATOR<" in page
    assert "Đồng Văn: Vượt chỉ tiêu kết nạp đảng viên ở vùng cao núi đá" in page  # Vietnamese as is
    assert "no-such-article" in page and "not_found" in page


def test_review_escapes_article_text(tmp_path, nlp):
    art = tmp_path / "hostile.txt"
    art.write_text(
        'Tiêu đề <b onmouseover="x()">đậm</b> & "trích"\n\n'
        "Đồng chí Nguyễn Văn An - Bí thư Huyện ủy <script>alert(1)</script> cho biết, "
        "theo Chỉ thị số 5-CT/TW, huyện kết nạp 12 đảng viên.",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    write_review([str(art)], out, nlp=nlp)
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<b " not in page and "onmouseover=\"" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;" in page


def at(text: str, sub: str, label: str) -> tuple[int, int, str]:
    i = text.index(sub)
    return (i, i + len(sub), label)


LONG = "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ I, nhiệm kỳ 2025 - 2030"
# fmt: off
PARSE_CASES = [  # id, text, spans (as substrings), paragraphs expected
    ("plain", "Một đoạn văn.\n\nĐoạn hai.", [], 2),
    ("span-before-comma", "Đồng chí Nguyễn Văn An, Bí thư.", [("Nguyễn Văn An", "PERSON")], 1),
    ("overlap", "Theo Chỉ thị số 10-CT/TW năm 2007.", [("Chỉ thị số 10-CT/TW", "DIRECTIVE"), ("10-CT/TW năm", "INDICATOR")], 1),
    ("long-span", f"Theo {LONG} nhé.", [(LONG, "DIRECTIVE")], 1),
    ("break-inside-span", "A Bí thư\nHuyện ủy B\n\nĐoạn sau.", [("Bí thư\nHuyện ủy B", "PERSON")], 2),
]
# fmt: on


@pytest.mark.parametrize("text,subs,n_paragraphs", [c[1:] for c in PARSE_CASES], ids=[c[0] for c in PARSE_CASES])
def test_displacy_parses_cover_text_and_spans_exactly(text, subs, n_paragraphs):
    spans = [at(text, sub, label) for sub, label in subs]
    parses = displacy_parses(text, spans)
    assert len(parses) == n_paragraphs
    seen = []
    pos = 0
    for p in parses:
        assert "".join(p["tokens"]) == p["text"]
        base = text.index(p["text"], pos)
        pos = base + len(p["text"])
        offs = [base]
        for t in p["tokens"]:
            offs.append(offs[-1] + len(t))
        for sp in p["spans"]:
            seen.append((offs[sp["start_token"]], offs[sp["end_token"]], sp["label"]))
    assert sorted(seen) == sorted(spans)
    assert re.sub(r"\s", "", "".join(p["text"] for p in parses)) == re.sub(r"\s", "", text)


def test_highlight_spans_include_every_mention():
    text = "Ông An nói. Ông An đi."
    a = Article(
        id="x",
        people=[Person(name="An", start=4, end=6, text="An", mentions=[Span(start=4, end=6, text="An"), Span(start=16, end=18, text="An")])],
    )
    assert highlight_spans(a) == [(4, 6, "PERSON"), (16, 18, "PERSON")]
    assert text[16:18] == "An"


@pytest.mark.parametrize("value,want", [(2257.0, "2.257"), (107.46, "107,46"), (16420000000.0, "16.420.000.000"), (0.5, "0,5")])
def test_vn_number(value, want):
    assert vn_number(value) == want


def test_cli_show_writes_the_page(tmp_path):
    out = tmp_path / "review.html"
    res = subprocess.run(
        [sys.executable, "-m", "pipeline", "show", str(CORPUS / "pb-001.txt"), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "1 articles, 0 unreadable" in res.stderr
    assert "Hoàng Văn Sính" in out.read_text(encoding="utf-8")


# --- headless Chromium -----------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


def chromium_screenshot(page: Path, png: Path, tmp_path: Path) -> list[str]:
    """Render ``page`` headless into ``png``; return the console messages it logged."""
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing may come from the network
        f"--user-data-dir={tmp_path / 'chromium-profile'}", f"--screenshot={png}", "--window-size=1280,2000",
        "--hide-scrollbars", "--enable-logging=stderr", "--v=0", page.resolve().as_uri(),
    ]  # fmt: skip
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return [line for line in res.stderr.splitlines() if ":CONSOLE" in line]


def png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@needs_chromium
def test_chromium_detects_console_errors(tmp_path):
    """The check below is only worth something if a broken page makes it fail."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><meta charset="utf-8"><p>x</p><script>console.error("boom")</script>', encoding="utf-8")
    messages = chromium_screenshot(bad, tmp_path / "bad.png", tmp_path)
    assert any("boom" in m for m in messages)


@needs_chromium
def test_review_page_renders_in_headless_chromium(corpus_page, tmp_path):
    png = tmp_path / "review.png"
    messages = chromium_screenshot(corpus_page, png, tmp_path)
    assert messages == []
    assert png_size(png) == (1280, 2000)
    assert png.stat().st_size > 50_000  # a page of text and colour, not a blank screen

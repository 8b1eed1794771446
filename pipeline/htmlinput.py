"""HTML news pages to article text in the project's plain-text layout.

The layout is the one every article file has::

    Headline

    BYLINE / date line (when the page has one)

    First paragraph.

    Second paragraph.

The main content is found by `trafilatura <https://trafilatura.readthedocs.io>`_ (an
optional dependency, imported when the function runs), which drops scripts, styles,
navigation, related-article boxes, comments and footers. The byline/date line is the
page's own visible byline when one is marked up (``class="byline"``, ``author``,
``date``, ``<time>``...), else the author and date from the page's metadata.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import InputError

__all__ = ["html_to_text"]

_BYLINE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:byline|author|authors|tac-?gia|date|time|datetime|pubdate|publish|published|"
    r"posted|post-?date|entry-?date|source|nguon)(?:$|[\s_-])",
    re.IGNORECASE,
)
_DATEISH = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}")
# Not "form": ASP.NET pages wrap the whole body in one.
_SKIP_ANCESTORS = {"nav", "footer", "aside", "script", "style", "noscript", "template"}
_SPACES = re.compile(r"\s+")


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _iso_to_vn(date: str | None) -> str:
    """``2025-01-15`` → ``15/01/2025`` (the press's own order)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date or "")
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else ""


def _parse(html: str) -> Any:
    import lxml.html  # a dependency of trafilatura

    try:
        return lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several kinds on junk input
        return None


_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|sidebar|footer|share|social|related|comments?|"
    r"banner|advert|ads|tags)(?:$|[\s_-])",
    re.IGNORECASE,
)


def _chrome_texts(root: Any, body_chars: int) -> set[str]:
    """Texts of the site chrome (navigation, footers, sidebars...) and of its parts.

    An element holding the headline or the article, or much of the extracted text, is
    never chrome, whatever its class says (``<div class="post share-enabled">``).
    """
    texts: set[str] = set()
    if root is None:
        return texts
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        ancestors = {a.tag for a in el.iterancestors()}
        chrome = el.tag in _SKIP_ANCESTORS or (el.tag == "header" and not ancestors & {"article", "main"})
        chrome = chrome or bool(_CHROME_ATTR.search(f"{el.get('class') or ''} {el.get('id') or ''}"))
        if chrome and (
            any(True for _ in el.iter("h1", "article", "main"))
            or len(_clean(el.text_content())) > max(200, body_chars // 2)
        ):
            chrome = False
        if chrome:
            texts.update(t for t in (_clean(d.text_content()) for d in el.iter() if isinstance(d.tag, str)) if t)
    return texts


def _byline_from_markup(root: Any) -> str:
    """The page's visible byline/date text, if it is marked up as such."""
    if root is None:
        return ""
    found: list[Any] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or len(found) >= 2:
            continue
        if el.tag != "time" and not any(
            _BYLINE_ATTR.search(el.get(attr) or "") for attr in ("class", "id", "itemprop", "rel")
        ):
            continue
        ancestors = {a.tag for a in el.iterancestors()}
        if ancestors & _SKIP_ANCESTORS or ("header" in ancestors and not ancestors & {"article", "main"}):
            continue  # site chrome (a site header's clock is no byline)
        if any(f in el.iterancestors() for f in found):
            continue  # inside an element already taken
        text = _clean(el.text_content())
        if not 2 <= len(text) <= 150 or not re.search(r"\w", text):
            continue
        found.append(el)
    if not found:
        return ""
    parts = [_clean(found[0].text_content())]
    if len(found) > 1:
        second = _clean(found[1].text_content())
        first_has_date = bool(_DATEISH.search(parts[0]))
        second_has_date = bool(_DATEISH.search(second))
        if first_has_date != second_has_date and second not in parts[0]:
            parts.append(second)
    return " ".join(parts)


def html_to_text(html: str) -> str:
    """Turn an HTML news page into article text in the project's plain-text layout.

    Headline on line 1, a blank line, the byline/date line if the page has one, a blank
    line, then the paragraphs separated by blank lines. Scripts, styles, navigation,
    related-article boxes, comments and footers are dropped. The text is not normalised
    (:func:`pipeline.normalize.to_canonical` runs after this).

    Args:
        html: The page's HTML as text (decode its bytes first).

    Returns:
        The article text.

    Raises:
        InputError: ``code="empty"`` when the page has no article text.
        ImportError: trafilatura is missing (it is a dependency of the package).

    Example:
        >>> page = "<html><body><nav>Trang chủ</nav><h1>Tiêu đề</h1><p>" + "Đoạn văn. " * 30 + "</p></body></html>"
        >>> html_to_text(page).splitlines()[0]
        'Tiêu đề'
    """
    import trafilatura

    if not html or not html.strip():
        raise InputError("empty", "the HTML page is empty")
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
    )
    title = _clean(getattr(doc, "title", None)) if doc is not None else ""
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    root = _parse(html)
    if not title:
        title = _first_heading(root)
    chrome = _chrome_texts(root, len(body))
    paragraphs = [_clean(line) for line in body.splitlines()]
    paragraphs = [p for p in paragraphs if p and p not in chrome]

    byline = _byline_from_markup(root)
    if not byline and doc is not None:
        author = _clean(getattr(doc, "author", None))
        byline = " ".join(p for p in (author, _iso_to_vn(getattr(doc, "date", None))) if p)

    # The headline and the byline are often repeated at the top of the body, as their
    # own paragraphs or run into the first one (inline markup flattened by the extractor).
    while paragraphs:
        first = paragraphs[0]
        for lead in (title, byline):
            if lead and first != lead and first.startswith(lead + " "):
                first = first[len(lead) + 1 :].lstrip()
        if first in (title, byline):
            paragraphs.pop(0)
            continue
        if first == paragraphs[0]:
            break
        paragraphs[0] = first
    if not paragraphs:
        raise InputError("empty", "no article text found in the HTML page")
    blocks = [b for b in (title, byline) if b] + paragraphs
    return "\n\n".join(blocks) + "\n"


def _first_heading(root: Any) -> str:
    if root is None:
        return ""
    for el in root.iter("h1"):
        text = _clean(el.text_content())
        if text:
            return text
    return ""

"""The review page: one self-contained HTML file showing what was extracted, and where.

Each article's text is drawn with displaCy's span renderer (``style="span"``), people,
directives and indicators underlined in three colours, every mention included; beside it
the records as tables (people: name, title, organisation; directives: code, type, issuer;
indicators: value, unit, target, achievement and whether they agree). A legend and a table
of contents sit at the top, inputs that could not be read at the bottom.

The page needs nothing but itself: CSS is inline, there is no script, no font, image or
link outside the file (``<meta charset="utf-8">``; Vietnamese is written as is). Every
piece of text from an article or a record is HTML-escaped.

displaCy is fed "manual" parses rather than the Doc: it inserts a space after every token
and flattens line breaks, so each paragraph is rendered on its own, over tokens that are
the text's whitespace-separated words cut only where a highlighted span begins or ends.
"""

from __future__ import annotations

import bisect
import html
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .records import Article, ErrorInfo, ErrorRecord

#: Highlight label → (colour, legend text). Distinct hues, readable under black text.
LABELS: dict[str, tuple[str, str]] = {
    "PERSON": ("#f4a261", "person"),
    "DIRECTIVE": ("#7fb3f5", "directive"),
    "INDICATOR": ("#8fd694", "indicator"),
}

_CSS = """
:root { --person: %(PERSON)s; --directive: %(DIRECTIVE)s; --indicator: %(INDICATOR)s; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif;
       color: #1d1d1f; background: #f6f6f3; }
header.top { position: sticky; top: 0; z-index: 100; background: #fff; border-bottom: 1px solid #ddd;
             padding: .6rem 1.2rem; display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; align-items: baseline; }
header.top h1 { font-size: 1.15rem; margin: 0; }
.legend { display: flex; gap: 1rem; font-size: .9rem; }
.swatch { display: inline-block; width: 1.6em; height: .55em; border-radius: 3px; margin-right: .35em;
          vertical-align: middle; }
.counts { color: #555; font-size: .9rem; }
nav.toc { padding: .4rem 1.2rem; font-size: .85rem; columns: 3 18rem; background: #fff;
          border-bottom: 1px solid #ddd; }
nav.toc a { color: #1a5fb4; text-decoration: none; display: block; break-inside: avoid; }
section.article { background: #fff; margin: 1rem; padding: .8rem 1.2rem 1.2rem; border: 1px solid #ddd;
                  border-radius: 6px; }
section.article h2 { font-size: 1.1rem; margin: .2rem 0; }
.meta { color: #666; font-size: .82rem; margin: 0 0 .6rem; }
.meta code { background: #f0f0ec; padding: 0 .25em; border-radius: 3px; }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.4rem; }
.text .spans { font-size: 15px; margin: 0 0 .5rem; }
.records h3 { font-size: .92rem; margin: .8rem 0 .25rem; }
.records h3 .swatch { width: 1.1em; }
table { border-collapse: collapse; width: 100%%; font-size: .8rem; }
th, td { border-bottom: 1px solid #e6e6e1; padding: .2rem .35rem; text-align: left; vertical-align: top; }
th { background: #f3f3ef; font-weight: 600; }
table.indicators td:nth-child(2) { white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.none { color: #999; font-size: .8rem; margin: 0; }
.flag { padding: 0 .35em; border-radius: 3px; font-weight: 600; white-space: nowrap; }
.flag.agrees { background: #d7f2d9; color: #1b5e20; }
.flag.disagrees { background: #fbd5d5; color: #8e1b1b; }
section.errors { margin: 1rem; padding: .8rem 1.2rem; background: #fff4f4; border: 1px solid #e8b4b4;
                 border-radius: 6px; }
@media (max-width: 900px) { .cols { grid-template-columns: 1fr; } }
"""

_PARA_BREAK = re.compile(r"\n\s*")
_TEMPLATE_WS = re.compile(r"\s*\n\s*")
_WORD_OR_SPACE = re.compile(r"\S+|\s+")
_LONG_SPAN = 40  # characters; longer highlighted stretches are split into words


@dataclass
class ReviewItem:
    """One input as shown on the page: its text and record, or the error that stopped it."""

    path: str
    article: Article | None = None
    text: str = ""
    error: ErrorRecord | None = None


@dataclass
class ReviewSummary:
    articles: int = 0
    failed: int = 0


# --- reading -----------------------------------------------------------------------------------


def review_items(paths: Iterable[str], *, nlp: Any = None) -> Iterator[ReviewItem]:
    """Read and extract each input (in order); unreadable inputs become error items."""
    from .errors import InputError
    from .extraction import article_from_doc, input_id, read_input
    from .language import load_nlp
    from .normalize import to_canonical

    nlp = nlp or load_nlp()
    for path in paths:
        try:
            raw, encoding = read_input(path)
            text = to_canonical(raw)
            article = article_from_doc(nlp(text), input_id(path), encoding)
        except InputError as exc:
            err = ErrorRecord(id=input_id(path), path=str(path), error=ErrorInfo(code=exc.code, message=exc.message))
            yield ReviewItem(path=str(path), error=err)
            continue
        except Exception as exc:  # an extractor bug must not lose the rest of the page
            info = ErrorInfo(code="internal_error", message=f"{type(exc).__name__}: {exc}")
            yield ReviewItem(path=str(path), error=ErrorRecord(id=input_id(path), path=str(path), error=info))
            continue
        yield ReviewItem(path=str(path), article=article, text=text)


# --- highlighting ------------------------------------------------------------------------------


def highlight_spans(article: Article) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every mention to highlight, sorted."""
    out: set[tuple[int, int, str]] = set()
    for p in article.people:
        out.update((m.start, m.end, "PERSON") for m in (p.mentions or [p]))
    for d in article.directives:
        out.update((m.start, m.end, "DIRECTIVE") for m in (d.mentions or [d]))
    for x in article.indicators:
        out.add((x.start, x.end, "INDICATOR"))
    return sorted(s for s in out if s[0] < s[1])


def displacy_parses(text: str, spans: Sequence[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """Manual displaCy ``span`` parses, one per paragraph of ``text``.

    A paragraph break is a line break outside every span. Tokens are the stretches
    between span boundaries, so each span covers whole tokens and a highlighted name is
    one token (one unbroken underline); text outside spans keeps its own spaces.
    """
    inside = [False] * (len(text) + 1)
    for s, e, _ in spans:
        for i in range(s, min(e, len(text))):
            inside[i] = True
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        if any(inside[m.start() : m.end()]):
            continue
        if m.start() > pos:
            paragraphs.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        paragraphs.append((pos, len(text)))
    bounds = sorted({b for s, e, _ in spans for b in (s, e)})
    parses = []
    for ps, pe in paragraphs:
        cuts = [ps, *bounds[bisect.bisect_right(bounds, ps) : bisect.bisect_left(bounds, pe)], pe]
        tokens: list[tuple[int, int]] = []
        for a, b in zip(cuts, cuts[1:]):
            if not inside[a]:
                tokens.append((a, b))  # plain text, its spaces included: rendered as is
                continue
            # Highlighted: spaces at the edges go apart (an inline-block would drop them).
            seg = text[a:b]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg) - len(seg.rstrip())
            if lead:
                tokens.append((a, a + lead))
            core = (a + lead, b - trail)
            if core[1] - core[0] > _LONG_SPAN:
                # A long name as one inline-block could not wrap: split it at its spaces.
                tokens.extend(m.span() for m in _WORD_OR_SPACE.finditer(text, *core))
            elif core[0] < core[1]:
                tokens.append(core)
            if trail and b - trail >= a + lead:
                tokens.append((b - trail, b))
        starts = [t[0] for t in tokens]
        ends = [t[1] for t in tokens]
        para_spans = []
        for s, e, label in spans:
            if s < ps or e > pe:
                continue
            first = bisect.bisect_left(starts, s)
            last = bisect.bisect_right(ends, e) - 1
            if first >= len(tokens) or last < first:
                continue
            para_spans.append({"start_token": first, "end_token": last + 1, "label": label})
        parses.append({"text": text[ps:pe], "tokens": [text[s:e] for s, e in tokens], "spans": para_spans})
    return parses


def render_text(text: str, article: Article) -> str:
    """The article text as displaCy span markup (escaped by displaCy), paragraph by paragraph."""
    from spacy import displacy

    parses = displacy_parses(text, highlight_spans(article))
    if not parses:
        return '<p class="none">(empty text)</p>'
    colors = {label: colour for label, (colour, _) in LABELS.items()}
    options = {"colors": colors, "template": _span_templates()}
    return str(displacy.render(parses, style="span", manual=True, page=False, jupyter=False, options=options))


def _span_templates() -> dict[str, str]:
    """displaCy's own span templates without their line breaks.

    The stock template ends each highlighted token with a newline, which the browser
    shows as a space (`Bình , Phó`); the text around a span carries its own spaces here.
    """
    from spacy.displacy import templates as t

    def tight(tpl: str) -> str:
        return _TEMPLATE_WS.sub("", tpl.strip())

    return {"span": tight(t.TPL_SPAN), "slice": tight(t.TPL_SPAN_SLICE), "start": tight(t.TPL_SPAN_START)}


# --- tables --------------------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def vn_number(value: float | None) -> str:
    """A number written the Vietnamese way (``.`` thousands, ``,`` decimals): 2257 → ``2.257``."""
    if value is None:
        return ""
    if float(value).is_integer():
        s = f"{int(value):,}"
    else:
        s = f"{value:,.4f}".rstrip("0").rstrip(".")
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: frozenset[int] = frozenset(), cls: str = ""
) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _heading(label: str, title: str, n: int) -> str:
    colour = LABELS[label][0]
    return f'<h3><span class="swatch" style="background:{colour}"></span>{_e(title)} ({n})</h3>'


def people_table(article: Article) -> str:
    rows = []
    for p in article.people:
        orgs = list(dict.fromkeys(r.organization for r in p.roles if r.organization))
        name = _e(p.name) + (f' <span class="none">({_e(p.honorific)})</span>' if p.honorific else "")
        rows.append([name, _e(p.title), _e("; ".join(orgs)), str(len(p.mentions) or 1)])
    out = _heading("PERSON", "People", len(rows))
    return out + (_table(["Person", "Title", "Organisation", "Mentions"], rows, frozenset({3})) if rows else '<p class="none">none</p>')


def directives_table(article: Article) -> str:
    rows = []
    for d in article.directives:
        code = _e(d.code) if d.code else f"<i>{_e(d.name or d.text)}</i>"
        issuer = _e(d.issuer or d.issuer_code)
        when = _e(d.date or d.year)
        rows.append([code, _e(d.doc_type), issuer, when, str(len(d.mentions) or 1)])
    out = _heading("DIRECTIVE", "Directives", len(rows))
    headers = ["Code", "Type", "Issuer", "Date", "Mentions"]
    return out + (_table(headers, rows, frozenset({4})) if rows else '<p class="none">none</p>')


def _flag(consistency: str | None) -> str:
    if consistency == "agrees":
        return '<span class="flag agrees">✓ agrees</span>'
    if consistency == "disagrees":
        return '<span class="flag disagrees">✗ disagrees</span>'
    return ""


def indicators_table(article: Article) -> str:
    rows = []
    for x in article.indicators:
        value = f'<span title="{_e(x.subject or x.text)}">{_e(x.raw)}</span>'
        target = ""
        if x.target is not None:
            target = _e(vn_number(x.target.value) + (f" {x.target.unit}" if x.target.unit and x.target.unit != x.unit else ""))
        pct = _e(vn_number(x.achievement_pct) + "%") if x.achievement_pct is not None else ""
        rows.append([value, _e(x.unit), _e(x.subject), target, pct, _flag(x.consistency)])
    out = _heading("INDICATOR", "Indicators", len(rows))
    headers = ["Value", "Unit", "Subject", "Target", "Achieved", "Agreement"]
    return out + (_table(headers, rows, frozenset({0, 3, 4}), "indicators") if rows else '<p class="none">none</p>')


# --- page ----------------------------------------------------------------------------------------


def _anchor(article_id: str) -> str:
    return "art-" + re.sub(r"[^\w-]", "_", article_id)


def render_article(item: ReviewItem) -> str:
    a = item.article
    assert a is not None
    meta = [f"<code>{_e(a.id)}</code>", _e(item.path)]
    if a.published:
        meta.append(_e(a.published))
    if a.authors:
        meta.append(_e(", ".join(a.authors)))
    counts = f"{len(a.people)} people · {len(a.directives)} directives · {len(a.indicators)} indicators"
    return (
        f'<section class="article" id="{_anchor(a.id)}">'
        f"<h2>{_e(a.title or a.id)}</h2>"
        f'<p class="meta">{" · ".join(meta)} — {counts}</p>'
        f'<div class="cols"><div class="text">{render_text(item.text, a)}</div>'
        f'<div class="records">{people_table(a)}{directives_table(a)}{indicators_table(a)}</div></div>'
        "</section>"
    )


def render_page(items: Sequence[ReviewItem], *, title: str = "vnnews-extract review") -> str:
    """The whole page for ``items`` (already extracted)."""
    articles = [i for i in items if i.article is not None]
    errors = [i for i in items if i.error is not None]
    n_people = sum(len(i.article.people) for i in articles if i.article)
    n_dir = sum(len(i.article.directives) for i in articles if i.article)
    n_ind = sum(len(i.article.indicators) for i in articles if i.article)
    legend = "".join(
        f'<span><span class="swatch" style="background:{colour}"></span>{_e(LABELS[label][1])} '
        f"<small>({_e(label)})</small></span>"
        for label, (colour, _) in LABELS.items()
    )
    toc = "".join(
        f'<a href="#{_anchor(i.article.id)}">{_e(i.article.id)} — {_e(i.article.title or "")}</a>'
        for i in articles
        if i.article
    )
    counts = (
        f"{len(articles)} articles · {n_people} people · {n_dir} directives · {n_ind} indicators"
        + (f" · {len(errors)} unreadable" if errors else "")
    )
    err_html = ""
    if errors:
        rows = [[_e(i.error.id), _e(i.error.path), _e(i.error.error.code), _e(i.error.error.message)] for i in errors if i.error]
        err_html = f'<section class="errors"><h2>Inputs not read ({len(rows)})</h2>{_table(["Id", "Path", "Code", "Message"], rows)}</section>'
    css = _CSS % {label: colour for label, (colour, _) in LABELS.items()}
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<header class="top"><h1>{_e(title)}</h1><div class="legend">{legend}</div>'
        f'<div class="counts">{counts}</div></header>\n'
        f'<nav class="toc">{toc}</nav>\n'
        + "\n".join(render_article(i) for i in articles)
        + f"\n{err_html}\n</body>\n</html>\n"
    )


def write_review(
    paths: Sequence[str], out: Path, *, nlp: Any = None, title: str = "vnnews-extract review"
) -> ReviewSummary:
    """Extract ``paths`` and write the review page to ``out`` (atomically: a temp file, then rename)."""
    items = list(review_items(paths, nlp=nlp))
    page = render_page(items, title=title)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    return ReviewSummary(articles=sum(1 for i in items if i.article), failed=sum(1 for i in items if i.error))

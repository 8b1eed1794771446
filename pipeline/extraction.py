"""Library entry points: text or file in, :class:`~pipeline.records.Article` out.

Offsets in every record index ``to_canonical(text)``.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .errors import InputError
from .language import load_nlp
from .normalize import to_canonical
from .records import Article, ErrorInfo, ErrorRecord

#: Files larger than this are refused (bytes); override with VNX_MAX_BYTES.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def article_from_doc(doc: Doc, id: str, encoding: str | None = None) -> Article:
    """Assemble the article record from a processed Doc."""
    data = doc._.vnx
    layout = data.get("layout")
    return Article(
        id=id,
        title=layout.title if layout else None,
        authors=list(layout.authors) if layout else [],
        published=layout.published if layout else None,
        encoding=encoding,
        people=data.get("people", []),
        directives=data.get("directives", []),
        indicators=data.get("indicators", []),
    )


def extract(text: str, id: str | None = None, *, nlp: Language | None = None, encoding: str | None = None) -> Article:
    """Extract the article record from raw article text.

    >>> art = extract("Tiêu đề\\n\\nĐồng chí Phan Đức Thái - Phó Bí thư Huyện ủy cho biết.")
    >>> art.title
    'Tiêu đề'
    """
    canonical = to_canonical(text)
    doc = (nlp or load_nlp())(canonical)
    return article_from_doc(doc, id or "article", encoding)


def max_bytes() -> int:
    try:
        return int(os.environ.get("VNX_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_input(path: str | os.PathLike[str], *, limit: int | None = None) -> tuple[str, str]:
    """Read and decode one input file: ``(text, encoding)``.

    Raises:
        InputError: with a code naming the problem (not_found, not_a_file, too_large,
            unreadable, empty, binary, decode_error).
    """
    from .decoding import decode_bytes

    p = Path(path)
    limit = max_bytes() if limit is None else limit
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        code = "broken_symlink" if p.is_symlink() else "not_found"
        raise InputError(code, "file not found" if code == "not_found" else "broken symbolic link", str(p)) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symlink_loop", "symbolic link loop", str(p)) from exc
        raise InputError("unreadable", f"cannot stat: {exc.strerror or exc}", str(p)) from exc
    if not p.is_file():
        raise InputError("not_a_file", "not a regular file", str(p))
    if st.st_size > limit:
        raise InputError("too_large", f"{st.st_size} bytes exceeds the limit of {limit} bytes (VNX_MAX_BYTES)", str(p))
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError as exc:
        raise InputError("not_found", "file vanished before it could be read", str(p)) from exc
    except OSError as exc:
        raise InputError("unreadable", f"cannot read: {exc.strerror or exc}", str(p)) from exc
    if len(data) > limit:
        raise InputError("too_large", f"more than {limit} bytes (VNX_MAX_BYTES)", str(p))
    if p.suffix.lower() in (".html", ".htm"):
        decoded = decode_bytes(data, path=str(p))
        from .htmlinput import html_to_text

        return html_to_text(decoded.text), decoded.encoding + "+html"
    decoded = decode_bytes(data, path=str(p))
    return decoded.text, decoded.encoding


def input_id(path: str | os.PathLike[str]) -> str:
    """The record id of an input file: its stem."""
    return Path(path).stem


def extract_file(path: str | os.PathLike[str], *, nlp: Language | None = None) -> Article:
    """Read, decode and extract one file (id = the file's stem).

    Raises:
        InputError: when the file cannot be read as an article.
    """
    text, encoding = read_input(path)
    return extract(text, input_id(path), nlp=nlp, encoding=encoding)


def extract_or_error(path: str | os.PathLike[str], *, nlp: Language | None = None) -> Article | ErrorRecord:
    """Like :func:`extract_file`, but an unreadable input becomes an :class:`ErrorRecord`."""
    try:
        return extract_file(path, nlp=nlp)
    except InputError as exc:
        return ErrorRecord(id=input_id(path), path=str(path), error=ErrorInfo(code=exc.code, message=exc.message))


def extract_many(paths: Iterable[str | os.PathLike[str]], *, workers: int = 1) -> Iterator[Article | ErrorRecord]:
    """Stream records (or error records) for ``paths``, in input order.

    Args:
        paths: input files.
        workers: processes to use (1 = in this process).
    """
    from .batch import run_records

    yield from run_records([str(p) for p in paths], workers=workers)

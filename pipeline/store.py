"""SQLite output: the records of a batch run as normalised tables, through sqlite-utils.

Tables (foreign keys enforced, ``PRAGMA foreign_keys=ON``):

- ``articles(id PK, title, published, encoding, authors JSON, path, schema_version)``
- ``people(id PK, article_id → articles, seq, name, honorific, title, gender, start, end,
  text, mentions, rule_id)``
- ``roles(id PK, person_id → people, seq, role, organization)``
- ``directives(id PK, article_id → articles, seq, code, doc_type, number, type_code,
  issuer_code, issuer, year, date, name, start, end, text, mentions, rule_id)``
- ``indicators(id PK, article_id → articles, seq, value, raw, kind, unit, subject,
  qualifier, target_value, target_unit, target_text, achievement_pct, total, change,
  period, consistency, ambiguous, start, end, text, rule_id)``
- ``errors(id PK, path, code, message)``

``seq`` is the record's position in its article's list; ``mentions`` is how many times
the person or document is mentioned; ``start``/``end``/``text`` are the offsets of the
JSON record (into the normalised text). Indexes: every foreign key, ``directives.code``,
``people.name``, ``indicators.unit``.

The guarantees are those of :func:`pipeline.batch.run_to_jsonl`: one ``articles`` row or
one ``errors`` row per input id, in sorted input order whatever ``workers`` is; each
article (with all its people, roles, directives and indicators) is written in one
transaction, so a killed run never leaves half an article; ``resume=True`` skips the ids
already in ``articles`` or ``errors`` and never writes one twice.

sqlite-utils ≥ 4 is required for ``Database.atomic()``: the 3.x write methods commit on
their own, which would split one article over several transactions.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .batch import OutputError, ProgressFn, RunSummary, check_engine, iter_results, pending
from .records import Article, ErrorRecord

#: Column types of every table, in column order (sqlite-utils creates them).
TABLES: dict[str, dict[str, type]] = {
    "articles": {
        "id": str, "title": str, "published": str, "encoding": str, "authors": str, "path": str,
        "schema_version": str,
    },
    "people": {
        "id": int, "article_id": str, "seq": int, "name": str, "honorific": str, "title": str,
        "gender": str, "start": int, "end": int, "text": str, "mentions": int, "rule_id": str,
    },
    "roles": {"id": int, "person_id": int, "seq": int, "role": str, "organization": str},
    "directives": {
        "id": int, "article_id": str, "seq": int, "code": str, "doc_type": str, "number": str,
        "type_code": str, "issuer_code": str, "issuer": str, "year": int, "date": str, "name": str,
        "start": int, "end": int, "text": str, "mentions": int, "rule_id": str,
    },
    "indicators": {
        "id": int, "article_id": str, "seq": int, "value": float, "raw": str, "kind": str, "unit": str,
        "subject": str, "qualifier": str, "target_value": float, "target_unit": str, "target_text": str,
        "achievement_pct": float, "total": float, "change": str, "period": str, "consistency": str,
        "ambiguous": str, "start": int, "end": int, "text": str, "rule_id": str,
    },
    "errors": {"id": str, "path": str, "code": str, "message": str},
}

_FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "people": [("article_id", "articles", "id")],
    "roles": [("person_id", "people", "id")],
    "directives": [("article_id", "articles", "id")],
    "indicators": [("article_id", "articles", "id")],
}

_INDEXES: dict[str, list[list[str]]] = {
    "people": [["article_id"], ["name"]],
    "roles": [["person_id"]],
    "directives": [["article_id"], ["code"]],
    "indicators": [["article_id"], ["unit"]],
}

_NOT_NULL: dict[str, set[str]] = {
    "people": {"article_id", "name"},
    "roles": {"person_id", "role"},
    "directives": {"article_id", "doc_type"},
    "indicators": {"article_id", "value", "raw", "kind"},
    "errors": {"path", "code"},
}


def open_store(out: Path, *, recreate: bool = False) -> Any:
    """Open (or create) the store at ``out`` with every table and index in place.

    Returns:
        a ``sqlite_utils.Database`` with foreign keys enforced.
    """
    import sqlite_utils

    out.parent.mkdir(parents=True, exist_ok=True)
    if recreate:
        # The journal of an earlier, killed run must go with its database.
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(str(out) + suffix).unlink(missing_ok=True)
    try:
        db = sqlite_utils.Database(out)
        db.execute("PRAGMA foreign_keys = ON")
        with db.atomic():  # all tables and indexes, or none (a run killed here starts clean)
            for name, columns in TABLES.items():
                if not db[name].exists():
                    db[name].create(
                        columns,
                        pk="id",
                        foreign_keys=_FOREIGN_KEYS.get(name, []),
                        not_null=_NOT_NULL.get(name, set()),
                    )
                for cols in _INDEXES.get(name, []):
                    db[name].create_index(cols, if_not_exists=True)
    except sqlite3.DatabaseError as exc:
        raise OutputError(f"{out}: cannot use as a SQLite store ({exc})") from exc
    return db


def stored_ids(db: Any) -> set[str]:
    """Ids that already have an ``articles`` or an ``errors`` row."""
    done = {row["id"] for row in db["articles"].rows_where(select="id")}
    done.update(row["id"] for row in db["errors"].rows_where(select="id"))
    return done


def write_article(db: Any, article: Article, path: str | None = None) -> None:
    """Insert one article and all its records in one transaction (all or nothing)."""
    with db.atomic():
        db["articles"].insert(
            {
                "id": article.id,
                "title": article.title,
                "published": article.published,
                "encoding": article.encoding,
                "authors": json.dumps(article.authors, ensure_ascii=False),
                "path": path,
                "schema_version": article.schema_version,
            }
        )
        for seq, p in enumerate(article.people):
            person_id = db["people"].insert(
                {
                    "article_id": article.id, "seq": seq, "name": p.name, "honorific": p.honorific,
                    "title": p.title, "gender": p.gender, "start": p.start, "end": p.end, "text": p.text,
                    "mentions": len(p.mentions), "rule_id": p.rule_id,
                }
            ).last_pk
            if p.roles:
                db["roles"].insert_all(
                    {"person_id": person_id, "seq": i, "role": r.role, "organization": r.organization}
                    for i, r in enumerate(p.roles)
                )
        if article.directives:
            db["directives"].insert_all(
                {
                    "article_id": article.id, "seq": seq, "code": d.code, "doc_type": d.doc_type,
                    "number": d.number, "type_code": d.type_code, "issuer_code": d.issuer_code,
                    "issuer": d.issuer, "year": d.year, "date": d.date, "name": d.name, "start": d.start,
                    "end": d.end, "text": d.text, "mentions": len(d.mentions), "rule_id": d.rule_id,
                }
                for seq, d in enumerate(article.directives)
            )
        if article.indicators:
            db["indicators"].insert_all(
                {
                    "article_id": article.id, "seq": seq, "value": x.value, "raw": x.raw, "kind": x.kind,
                    "unit": x.unit, "subject": x.subject, "qualifier": x.qualifier,
                    "target_value": x.target.value if x.target else None,
                    "target_unit": x.target.unit if x.target else None,
                    "target_text": x.target.text if x.target else None,
                    "achievement_pct": x.achievement_pct, "total": x.total, "change": x.change,
                    "period": x.period, "consistency": x.consistency, "ambiguous": x.ambiguous,
                    "start": x.start, "end": x.end, "text": x.text, "rule_id": x.rule_id,
                }
                for seq, x in enumerate(article.indicators)
            )


def write_error(db: Any, err: ErrorRecord) -> None:
    """Insert the ``errors`` row of an input that could not be read."""
    with db.atomic():
        db["errors"].insert({"id": err.id, "path": err.path, "code": err.error.code, "message": err.error.message})


def run_to_sqlite(
    paths: Sequence[str],
    out: Path,
    *,
    workers: int = 1,
    resume: bool = False,
    progress: ProgressFn | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> RunSummary:
    """Process ``paths`` into the SQLite store ``out``. See the module docstring for guarantees.

    ``engine`` and ``scheduler`` are those of :func:`pipeline.batch.run_to_jsonl`.

    Raises:
        OutputError: ``out`` is not a usable SQLite file, or a write failed (disk full);
            every article committed before the failure stays complete.
    """
    check_engine(engine)
    summary = RunSummary(total=len(paths))
    db = open_store(out, recreate=not resume)
    try:
        # WAL with synchronous=NORMAL: a commit survives a killed process (the WAL is
        # replayed on the next open) without an fsync per article, which made writing
        # ten times slower. The file is turned back into one plain database at the end.
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        todo = pending(paths, stored_ids(db) if resume else set(), summary)
        t0 = time.perf_counter()
        results = iter_results(todo, workers=workers, engine=engine, scheduler=scheduler)
        closing = contextlib.closing(results)  # stops workers / cancels tasks on an early exit
        with closing:
            _write_results(db, out, todo, results, summary, progress, t0)
        summary.seconds = time.perf_counter() - t0
    finally:
        # Leaving WAL mode only tidies the file; a store left in WAL mode is still valid,
        # so a failure here must not hide the error that brought us here.
        with contextlib.suppress(sqlite3.DatabaseError):
            db.disable_wal()
        db.close()
    return summary


def _write_results(
    db: Any,
    out: Path,
    todo: Sequence[str],
    results: Iterator[tuple[str, str, bool]],
    summary: RunSummary,
    progress: ProgressFn | None,
    t0: float,
) -> None:
    for n, (path, (_id, line, ok)) in enumerate(zip(todo, results), 1):
        try:
            if ok:
                write_article(db, Article.model_validate_json(line), path)
            else:
                err = ErrorRecord.model_validate_json(line)
                write_error(db, err)
                summary.failed += 1
                summary.errors[err.error.code] = summary.errors.get(err.error.code, 0) + 1
        except sqlite3.DatabaseError as exc:
            raise OutputError(f"{out}: write failed ({exc}); every article before {_id!r} is complete") from exc
        summary.written += 1
        if progress:
            progress(n, len(todo), time.perf_counter() - t0)

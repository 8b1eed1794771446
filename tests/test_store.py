"""The SQLite store: one row per record, foreign keys, resume, atomic articles, README queries."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch import discover, run_to_jsonl
from pipeline.records import Article
from pipeline.store import TABLES, open_store, run_to_sqlite, write_article

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"

ARTICLE = (
    "Tiêu đề {n}\n\nĐồng chí Nguyễn Văn An - Bí thư Huyện ủy cho biết, theo Chỉ thị số {n}-CT/TW của "
    "Ban Bí thư, toàn huyện kết nạp {n} đảng viên, đạt 105% kế hoạch."
)


def rows(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(db_path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus_paths() -> list[str]:
    return discover([str(CORPUS)])


@pytest.fixture(scope="module")
def corpus_store(corpus_paths, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("store") / "results.sqlite"
    summary = run_to_sqlite(corpus_paths, out, workers=1)
    assert summary.written == len(corpus_paths) and summary.failed == 0
    return out


@pytest.fixture(scope="module")
def corpus_records(corpus_paths, tmp_path_factory) -> list[Article]:
    out = tmp_path_factory.mktemp("jsonl") / "results.jsonl"
    run_to_jsonl(corpus_paths, out, workers=1)
    return [Article.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_store_has_every_table_index_and_foreign_key(corpus_store):
    import sqlite_utils

    db = sqlite_utils.Database(corpus_store)
    assert set(TABLES) <= set(db.table_names())
    fks = {(t, fk.column, fk.other_table) for t in TABLES for fk in db[t].foreign_keys}
    assert fks == {
        ("people", "article_id", "articles"),
        ("roles", "person_id", "people"),
        ("directives", "article_id", "articles"),
        ("indicators", "article_id", "articles"),
    }
    indexed = {(t, tuple(ix.columns)) for t in TABLES for ix in db[t].indexes}
    for want in [
        ("people", ("article_id",)), ("people", ("name",)), ("roles", ("person_id",)),
        ("directives", ("article_id",)), ("directives", ("code",)),
        ("indicators", ("article_id",)), ("indicators", ("unit",)),
    ]:  # fmt: skip
        assert want in indexed, want
    assert rows(corpus_store, "PRAGMA foreign_key_check") == []
    assert rows(corpus_store, "PRAGMA journal_mode") == [("delete",)]  # one plain file after the run


def test_store_has_one_row_per_record(corpus_store, corpus_records):
    assert [r[0] for r in rows(corpus_store, "SELECT id FROM articles ORDER BY rowid")] == [a.id for a in corpus_records]
    for table, field in (("people", "people"), ("directives", "directives"), ("indicators", "indicators")):
        got = dict(rows(corpus_store, f"SELECT article_id, COUNT(*) FROM {table} GROUP BY article_id"))
        want = {a.id: len(getattr(a, field)) for a in corpus_records if getattr(a, field)}
        assert got == want, table
    n_roles = sum(len(p.roles) for a in corpus_records for p in a.people)
    assert rows(corpus_store, "SELECT COUNT(*) FROM roles") == [(n_roles,)]
    assert rows(corpus_store, "SELECT COUNT(*) FROM errors") == [(0,)]


def test_store_rows_carry_the_record_fields(corpus_store, corpus_records):
    art = next(a for a in corpus_records if a.indicators and any(x.target for x in a.indicators))
    x = next(x for x in art.indicators if x.target)
    seq = art.indicators.index(x)
    got = rows(
        corpus_store,
        "SELECT value, raw, unit, target_value, achievement_pct, consistency, start, \"end\", text "
        "FROM indicators WHERE article_id = ? AND seq = ?",
        (art.id, seq),
    )
    assert got == [(x.value, x.raw, x.unit, x.target.value, x.achievement_pct, x.consistency, x.start, x.end, x.text)]
    (authors,) = rows(corpus_store, "SELECT authors FROM articles WHERE id = ?", (art.id,))[0]
    assert json.loads(authors) == art.authors


def test_store_error_rows_and_resume(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for n in (1, 2, 3):
        (d / f"art{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)
    paths = discover([str(d)])
    out = tmp_path / "out.sqlite"

    assert [Path(p).stem for p in paths] == ["art1", "art2", "art3", "binary", "empty"]
    first = run_to_sqlite([paths[0], paths[3]], out)
    assert (first.written, first.failed) == (2, 1)
    again = run_to_sqlite(paths, out, resume=True)
    assert (again.skipped, again.written, again.failed) == (2, 3, 1)
    assert rows(out, "SELECT id, code FROM errors ORDER BY id") == [("binary", "binary"), ("empty", "empty")]
    ids = [r[0] for r in rows(out, "SELECT id FROM articles ORDER BY rowid")]
    assert ids == ["art1", "art2", "art3"]
    assert rows(out, "SELECT COUNT(*), COUNT(DISTINCT article_id) FROM directives") == [(3, 3)]
    # Without --resume the store starts afresh.
    fresh = run_to_sqlite(paths[-1:], out)
    assert fresh.written == 1 and rows(out, "SELECT COUNT(*) FROM articles") == [(0,)]


def test_store_article_is_all_or_nothing(tmp_path, corpus_records, monkeypatch):
    import sqlite_utils.db

    out = tmp_path / "atomic.sqlite"
    db = open_store(out, recreate=True)
    good, bad = [a for a in corpus_records if a.people and a.indicators][:2]
    write_article(db, good)
    real = sqlite_utils.db.Table.insert_all

    def failing(self, records, *args, **kwargs):
        if self.name == "indicators":
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, records, *args, **kwargs)

    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", failing)
    with pytest.raises(sqlite3.OperationalError):
        write_article(db, bad)
    db.close()
    assert rows(out, "SELECT id FROM articles") == [(good.id,)]
    assert rows(out, "SELECT COUNT(*) FROM people WHERE article_id = ?", (bad.id,)) == [(0,)]
    assert rows(out, "SELECT COUNT(*) FROM roles WHERE person_id NOT IN (SELECT id FROM people)") == [(0,)]


def test_store_not_a_database_is_an_output_error(tmp_path):
    from pipeline.batch import OutputError

    out = tmp_path / "notes.sqlite"
    out.write_text("not a database " * 100, encoding="utf-8")
    with pytest.raises(OutputError):
        run_to_sqlite([], out, resume=True)


def test_cli_extract_sqlite_resume_after_sigkill(tmp_path, nlp):
    from pipeline.extraction import extract

    d = tmp_path / "many"
    d.mkdir()
    for n in range(40):
        (d / f"a{n:03d}.txt").write_text("\n\n".join([ARTICLE.format(n=n + 1)] * 15), encoding="utf-8")
    out = tmp_path / "out.sqlite"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(d), "-o", str(out), "--workers", "1", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    deadline = time.time() + 120
    done = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(f"file:{out}?mode=ro", uri=True)  # never creates the file
            done = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            done = 0
        if done >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = rows(out, "SELECT COUNT(*) FROM articles")[0][0]
    assert 0 < partial < 40, "the run finished before it could be killed; make the input larger"
    res = subprocess.run([*cmd, "--resume"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    ids = [r[0] for r in rows(out, "SELECT id FROM articles ORDER BY rowid")]
    assert ids == [f"a{n:03d}" for n in range(40)]
    want = extract((d / "a000.txt").read_text(encoding="utf-8"), nlp=nlp)
    per_article = rows(
        out,
        "SELECT a.id, (SELECT COUNT(*) FROM people p WHERE p.article_id = a.id),"
        " (SELECT COUNT(*) FROM indicators i WHERE i.article_id = a.id) FROM articles a",
    )
    assert {(p, i) for _, p, i in per_article} == {(len(want.people), len(want.indicators))}


# --- the README's questions --------------------------------------------------------------------


def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## SQLite store", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_readme_has_three_sql_questions():
    assert len(readme_queries()) == 3


@pytest.mark.parametrize("index", range(3), ids=["documents-cited-most", "membership-vs-target", "who-holds-which-office"])
def test_readme_sql_runs_against_the_corpus_store(corpus_store, index):
    sql = readme_queries()[index]
    result = rows(corpus_store, sql)
    assert result, f"README query {index + 1} returned no rows"
    assert all(any(v is not None for v in r) for r in result)


"""The batch CLI: exit codes, error lines, deterministic order, workers, resume."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = "Tiêu đề {n}\n\nĐồng chí Nguyễn Văn An - Bí thư Huyện ủy cho biết, theo Chỉ thị số {n}-CT/TW của Ban Bí thư, toàn huyện kết nạp {n} đảng viên."


def run_cli(*args, check=False, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


def lines(path):
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    for n in range(1, 7):
        (d / ("sub" if n % 2 else "") / f"art{n:02d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    return d


def test_cli_help_lists_commands():
    out = run_cli("--help").stdout
    for cmd in ("extract", "eval", "schema", "rules-check"):
        assert cmd in out


def test_cli_extract_writes_one_line_per_file(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    res = run_cli("extract", folder, "-o", out, "--workers", "1", "--quiet")
    assert res.returncode == 0, res.stderr
    recs = lines(out)
    assert [r["id"] for r in recs] == sorted(r["id"] for r in recs) or len(recs) == 6
    assert len(recs) == 6
    assert {r["directives"][0]["code"] for r in recs} == {f"{n}-CT/TW" for n in range(1, 7)}


def test_cli_extract_error_lines_and_exit_status(folder, tmp_path):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    os.symlink(folder / "missing-target.txt", folder / "broken.txt")
    out = tmp_path / "out.jsonl"
    res = run_cli("extract", folder, "-o", out, "--workers", "1")
    assert res.returncode == 1
    recs = {r["id"]: r for r in lines(out)}
    assert len(recs) == 9
    assert recs["empty"]["error"]["code"] == "empty"
    assert recs["binary"]["error"]["code"] == "binary"
    assert recs["broken"]["error"]["code"] == "broken_symlink"
    for r in recs.values():
        if "error" in r:
            assert set(r) == {"id", "path", "error"} and r["error"]["message"]
    assert "3 failed" in res.stderr


def test_cli_workers_output_identical(folder, tmp_path):
    a, b = tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"
    assert run_cli("extract", folder, "-o", a, "--workers", "1", "-q").returncode == 0
    assert run_cli("extract", folder, "-o", b, "--workers", "2", "-q").returncode == 0
    assert a.read_bytes() == b.read_bytes()


def test_cli_resume_repairs_torn_line_and_skips_done(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    assert run_cli("extract", folder, "-o", out, "--workers", "1", "-q").returncode == 0
    full = out.read_bytes()
    first_two = b"".join(full.splitlines(keepends=True)[:2])
    out.write_bytes(first_two + b'{"id": "art0')  # a torn third line
    res = run_cli("extract", folder, "-o", out, "--workers", "1", "--resume")
    assert res.returncode == 0, res.stderr
    ids = [r["id"] for r in lines(out)]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 6
    assert "2 skipped" in res.stderr


def test_cli_resume_after_sigkill(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for n in range(60):
        (d / f"a{n:03d}.txt").write_text(ARTICLE.format(n=n + 1) * 20, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(d), "-o", str(out), "--workers", "1", "-q"], cwd=ROOT
    )
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.stat().st_size < 2000):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = len(out.read_bytes().splitlines()) if out.exists() else 0
    assert partial < 60, "the run finished before it could be killed; make the input larger"
    res = run_cli("extract", d, "-o", out, "--workers", "2", "--resume", "-q")
    assert res.returncode == 0, res.stderr
    ids = [r["id"] for r in lines(out)]
    assert len(ids) == 60 and len(set(ids)) == 60


def test_cli_schema_check_passes():
    assert run_cli("schema", "--check").returncode == 0


def test_cli_commands_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cmd in ("extract", "eval", "schema", "rules-check", "bench", "show"):
        assert re.search(rf"python -m pipeline {cmd}\b", readme), cmd


def test_cli_help_imports_nothing_heavy():
    code = "import sys; sys.argv=['vnextract','--help']\nimport pipeline.cli\nprint('spacy' in sys.modules, 'underthesea' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.split() == ["False", "False"]

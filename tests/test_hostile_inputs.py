"""Real-world input: every kind of bad file becomes one error line, decodable legacy
encodings give the same records as their UTF-8 twin, nothing is ever lost."""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.decoding import encode_legacy

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = (
    "Huyện ủy Đạ Huoai tổng kết công tác xây dựng Đảng\n\n"
    "Đồng chí Nguyễn Văn Bình - Phó Bí thư Thường trực Huyện ủy cho biết, thực hiện Chỉ thị số 05-CT/TW "
    "của Bộ Chính trị, năm 2023 toàn Đảng bộ kết nạp 45 đảng viên, đạt 112,5% kế hoạch. "
    "Có 96% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ (NQ 90%). Ông Bình nhấn mạnh thêm về công tác kiểm tra."
)


def run(*args, env=None, preexec=None):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=600, env=env, preexec_fn=preexec,
    )


def read_lines(path):
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def bad_folder(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b" \n\t\n")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (d / "latin1.txt").write_bytes("Der Präsident sprach über die Straße und das Gefäß. Ça été très émouvant.".encode("latin-1"))
    with open(d / "huge.txt", "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    os.symlink(d / "nowhere.txt", d / "broken.txt")
    os.symlink("loop.txt", d / "loop.txt")
    (d / "folder.txt").mkdir()
    os.mkfifo(d / "pipe.txt")
    return d


EXPECTED = {
    "good": None, "empty": "empty", "blank": "empty", "binary": "binary", "latin1": "decode_error",
    "huge": "too_large", "broken": "broken_symlink", "loop": "symlink_loop", "folder": None, "pipe": "not_a_file",
}


def test_hostile_inputs_one_line_each(bad_folder, tmp_path):
    out = tmp_path / "out.jsonl"
    res = run("extract", bad_folder, "-o", out, "--workers", "2")
    assert res.returncode == 1
    recs = {r["id"]: r for r in read_lines(out)}
    # folder.txt is a directory: discovery descends into it (it is empty), so it gives no line
    assert set(recs) == set(EXPECTED) - {"folder"}
    for rid, code in EXPECTED.items():
        if rid == "folder":
            continue
        if code is None:
            assert "error" not in recs[rid], recs[rid]
        else:
            assert recs[rid]["error"]["code"] == code, (rid, recs[rid])
            assert rid in recs[rid]["path"] and recs[rid]["error"]["message"]


def test_hostile_inputs_named_directory_and_missing_file(tmp_path):
    (tmp_path / "d.txt").mkdir()
    out = tmp_path / "out.jsonl"
    res = run("extract", tmp_path / "missing.txt", "-o", out, "--workers", "1", "-q")
    assert res.returncode == 1
    assert read_lines(out)[0]["error"]["code"] == "not_found"


def test_hostile_inputs_vanishing_file(tmp_path):
    from pipeline.batch import run_to_jsonl

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(ARTICLE, encoding="utf-8")
    paths = [str(a), str(b)]
    b.unlink()  # discovered, then gone before it is read
    out = tmp_path / "out.jsonl"
    summary = run_to_jsonl(paths, out, workers=1)
    recs = read_lines(out)
    assert [r["id"] for r in recs] == ["a", "b"] and recs[1]["error"]["code"] == "not_found"
    assert summary.failed == 1


def test_hostile_inputs_size_limit_is_configurable(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = run("extract", f, "-o", out, "-q", env={**os.environ, "VNX_MAX_BYTES": "100"})
    assert res.returncode == 1 and read_lines(out)[0]["error"]["code"] == "too_large"


ENCODINGS = ["utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni"]


def _encode(text, enc):
    if enc in ("tcvn3", "vni", "cp1258"):
        return encode_legacy(text, {"cp1258": "windows-1258"}.get(enc, enc))
    return text.encode(enc)


def test_hostile_inputs_encodings_give_same_records(tmp_path):
    from pipeline.extraction import extract_file

    base = tmp_path / "utf8.txt"
    base.write_text(ARTICLE, encoding="utf-8")
    want = extract_file(base).model_dump(exclude={"id", "encoding"})
    for enc in ENCODINGS:
        p = tmp_path / f"{enc}.txt"
        p.write_bytes(_encode(ARTICLE, enc))
        got = extract_file(p)
        assert got.encoding and got.encoding != "utf-8", enc
        assert got.model_dump(exclude={"id", "encoding"}) == want, enc


def test_hostile_inputs_full_disk_then_resume(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for n in range(30):
        (d / f"a{n:02d}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"

    def small_disk():  # a write limit: writes past 20 KB fail with EFBIG, like a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    res = run("extract", d, "-o", out, "--workers", "1", "-q", preexec=small_disk)
    assert res.returncode == 1 and "write failed" in res.stderr
    data = out.read_bytes()
    assert data and data.endswith(b"\n"), "output must end on a complete record"
    before = len(data.splitlines())
    assert 0 < before < 30
    for line in data.splitlines():
        json.loads(line)
    res = run("extract", d, "-o", out, "--workers", "2", "--resume", "-q")
    assert res.returncode == 0, res.stderr
    ids = [r["id"] for r in read_lines(out)]
    assert len(ids) == 30 and len(set(ids)) == 30

"""The pipeline on the real articles in ../shared/real (skipped where they are absent)."""

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

from pipeline.records import Article

ROOT = Path(__file__).resolve().parents[1]


def test_real_articles_all_extract_and_validate(real_dir, tmp_path):
    out = tmp_path / "real.jsonl"
    res = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(real_dir / "articles"), "-o", str(out), "--workers", "2", "-q"],
        capture_output=True, text=True, cwd=ROOT, timeout=900,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    lines = out.read_text(encoding="utf-8").splitlines()
    n_in = len(list((real_dir / "articles").glob("*.txt")))
    assert len(lines) == n_in
    ids = [Article.model_validate_json(line).id for line in lines]  # the schema's model, extra fields forbidden
    assert len(set(ids)) == n_in


def test_real_messy_inputs_come_out_normalised(real_dir, nlp):
    from pipeline.extraction import extract_file

    for path in sorted((real_dir / "messy").glob("*.txt")):
        art = extract_file(path, nlp=nlp)
        strings = [art.title or ""] + [p.name for p in art.people] + [p.title or "" for p in art.people]
        strings += [d.code or "" for d in art.directives] + [d.issuer or "" for d in art.directives]
        for s in strings:
            assert "\u00d0" not in s and "\u200b" not in s and "\u00ad" not in s, (path.name, s)
            assert unicodedata.normalize("NFC", s) == s, (path.name, s)
            assert "_" not in s, (path.name, s)


def test_real_gold_dev_set_scores(real_dir, nlp):
    """Not a floor for the held-out set: a guard that the dev-set scores stay sane."""
    from pipeline.evaluate import evaluate
    from pipeline.extraction import extract

    report = evaluate(real_dir / "gold", lambda t, i: extract(t, i, nlp=nlp).model_dump(mode="json"), texts_dir=real_dir / "articles")
    floors = json.loads((ROOT / "corpus" / "baseline-real.json").read_text(encoding="utf-8"))
    from pipeline.evaluate import below_baseline

    assert not below_baseline(report, floors)

"""The annotated corpus as the regression suite: loader checks, one test per article,
size requirements and score floors (corpus/baseline.json, raised deliberately)."""

import json
from pathlib import Path

import pytest

from pipeline.corpus import iter_gold, load_gold
from pipeline.evaluate import below_baseline, evaluate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"
GOLD_FILES = sorted(CORPUS.glob("*.gold.json"))


@pytest.fixture(scope="session")
def corpus_report(nlp):
    from pipeline.extraction import extract

    return evaluate(CORPUS, lambda text, id: extract(text, id, nlp=nlp).model_dump(mode="json"))


def test_corpus_size_requirements():
    gold = list(iter_gold(CORPUS))
    assert len(gold) >= 60
    assert sum(len(g.people) for g in gold) >= 200
    assert sum(len(g.directives) for g in gold) >= 150
    assert sum(len(g.indicators) for g in gold) >= 400


def _params():
    out = []
    for path in GOLD_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        marks = []
        if data.get("known_failures"):
            reasons = "; ".join(k["reason"] for k in data["known_failures"])
            marks.append(pytest.mark.xfail(strict=True, reason=reasons))
        out.append(pytest.param(path, marks=marks, id=path.name[: -len(".gold.json")]))
    return out


@pytest.mark.parametrize("path", _params())
def test_corpus_article(path, corpus_report):
    gold = load_gold(path)  # raises CorpusError naming file and record on bad offsets/hash
    score = corpus_report.per_article[gold.id]
    problems = [m for m in score.misses if m.kind in ("missed", "spurious") and m.list_name != "article"]
    assert not problems, "\n".join(f"{m.kind} {m.list_name}: {m.summary()}\n    {m.context}" for m in problems)


def test_corpus_scores_not_below_baseline(corpus_report):
    baseline = json.loads((ROOT / "corpus" / "baseline.json").read_text(encoding="utf-8"))
    assert not below_baseline(corpus_report, baseline)

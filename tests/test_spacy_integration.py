"""spaCy integration: a user-built pipeline gives extract()'s records, also across processes."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import pipeline.language  # noqa: F401  (registers the factories, as a user's import would)
from pipeline.batch import discover
from pipeline.extensions import decode, encode
from pipeline.extraction import article_from_doc, extract_file, input_id, read_input
from pipeline.language import PIPE_NAMES
from pipeline.normalize import to_canonical
from pipeline.reader import Layout, Zone
from pipeline.records import Indicator, Person, Role, Span, Target

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"
BLANK_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "vnx.syllable_tokenizer.v1"}}}


@pytest.fixture(scope="module")
def user_nlp():
    nlp = spacy.blank("vi", config=BLANK_CONFIG)
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp


@pytest.fixture(scope="module")
def corpus():
    """``(path, canonical text, encoding)`` for every corpus article."""
    out = []
    for path in discover([str(CORPUS)]):
        raw, encoding = read_input(path)
        out.append((path, to_canonical(raw), encoding))
    return out


def check_doc(doc: Doc, path: str, text: str) -> None:
    assert doc.text == text
    for key in ("people", "directives", "indicators"):
        records = doc._.vnx[key]
        assert all(type(r).__name__ in ("Person", "Directive", "Indicator") for r in records)
        assert [s.start_char for s in doc.spans[key]] == [r.start for r in records], (path, key)


@pytest.fixture(scope="module")
def user_articles(user_nlp, corpus):
    out = []
    for (path, text, encoding), doc in zip(corpus, user_nlp.pipe(text for _, text, _ in corpus)):
        check_doc(doc, path, text)
        out.append(article_from_doc(doc, input_id(path), encoding))
    return out


def test_user_pipeline_matches_extract_on_the_corpus(user_articles, corpus, nlp):
    assert len(user_articles) == len(corpus)
    for (path, _, _), mine in zip(corpus, user_articles):
        assert mine == extract_file(path, nlp=nlp), path


def test_user_pipeline_with_two_processes(user_nlp, corpus, user_articles):
    sample = corpus[:: max(1, len(corpus) // 10)][:10]
    want = {path: art for (path, _, _), art in zip(corpus, user_articles)}
    docs = list(user_nlp.pipe((text for _, text, _ in sample), n_process=2, batch_size=2))
    assert len(docs) == len(sample)
    for (path, text, encoding), doc in zip(sample, docs):
        check_doc(doc, path, text)
        assert article_from_doc(doc, input_id(path), encoding) == want[path], path


def test_records_survive_doc_bytes_and_docbin(user_nlp, corpus):
    _, text, _ = next(c for c in corpus if "đạt" in c[1])
    doc = user_nlp(text)
    again = Doc(user_nlp.vocab).from_bytes(doc.to_bytes())
    for key in ("layout", "people", "directives", "indicators"):
        assert again._.vnx[key] == doc._.vnx[key], key
    assert [(s.start_char, s.end_char, s.label_) for s in again.spans["indicators"]] == [
        (s.start_char, s.end_char, s.label_) for s in doc.spans["indicators"]
    ]
    bin_ = DocBin(store_user_data=True, docs=[doc])
    (restored,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(user_nlp.vocab)
    assert restored._.vnx["people"] == doc._.vnx["people"]


# fmt: off
ROUND_TRIP = [
    Person(name="Hà Văn Minh", honorific="đồng chí", title="Phó Bí thư Huyện ủy Bảo Lâm",
           roles=[Role(role="Phó Bí thư", organization="Huyện ủy Bảo Lâm")], start=0, end=11, text="Hà Văn Minh",
           mentions=[Span(start=0, end=11, text="Hà Văn Minh")]),
    Indicator(value=72.0, raw="72", kind="count", unit="đảng viên", target=Target(value=67.0, unit="đảng viên"),
              achievement_pct=107.46, consistency="agrees", start=0, end=2, text="72"),
    Layout(title="Tiêu đề", authors=["Minh Đức"], published=None, zones=[Zone(0, 7, "title")]),
]
# fmt: on


@pytest.mark.parametrize("obj", ROUND_TRIP, ids=lambda o: type(o).__name__)
def test_extension_codec_round_trips(obj):
    import srsly

    assert srsly.msgpack_loads(srsly.msgpack_dumps({"vnx": {"x": [obj]}}))["vnx"]["x"] == [obj]
    assert decode(encode(obj)) == obj


def test_extension_codec_leaves_other_maps_alone():
    forged = {"__vnx__": "os.system", "data": {"command": "true"}}
    assert decode(forged) == forged
    assert encode(3) == 3


def test_factories_are_declared_as_entry_points():
    eps = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="spacy_factories")}
    if "vnx_article" not in eps:
        pytest.skip("package metadata predates the entry points (re-run pip install -e .)")
    assert set(PIPE_NAMES) <= set(eps)
    tok = {ep.name for ep in importlib.metadata.entry_points(group="spacy_tokenizers")}
    assert "vnx.syllable_tokenizer.v1" in tok


def test_blank_pipeline_works_without_importing_pipeline():
    eps = {ep.name for ep in importlib.metadata.entry_points(group="spacy_factories")}
    if "vnx_article" not in eps:
        pytest.skip("package metadata predates the entry points (re-run pip install -e .)")
    code = (
        "import spacy, sys\n"
        f"nlp = spacy.blank('vi', config={BLANK_CONFIG!r})\n"
        f"for n in {PIPE_NAMES!r}: nlp.add_pipe(n)\n"
        "doc = nlp('Đồng chí Hà Văn Minh - Phó Bí thư Huyện ủy Bảo Lâm nhắc lại Chỉ thị số 10-CT/TW.')\n"
        "print([s.text for s in doc.spans['people']], doc._.vnx['directives'][0].code)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "['Hà Văn Minh'] 10-CT/TW"

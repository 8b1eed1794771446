import subprocess
import sys

import pipeline


def test_public_api_all_is_pinned():
    assert pipeline.__all__ == sorted(pipeline.__all__)
    assert set(pipeline.__all__) == {
        "Article", "Directive", "ErrorRecord", "Indicator", "Person", "__version__",
        "extract", "extract_file", "extract_many", "load_nlp", "make_nlp",
    }
    for name in pipeline.__all__:
        assert getattr(pipeline, name) is not None


def test_public_api_import_is_light():
    code = "import sys, pipeline; print('spacy' in sys.modules, 'underthesea' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_public_api_extract_returns_article():
    text = "Kết nạp đảng viên\n\nĐồng chí Phan Văn Hùng - Bí thư Huyện ủy cho biết theo Chỉ thị số 10-CT/TW của Ban Bí thư."
    art = pipeline.extract(text, id="demo")
    assert isinstance(art, pipeline.Article)
    assert art.id == "demo" and art.title == "Kết nạp đảng viên"
    assert [d.code for d in art.directives] == ["10-CT/TW"]
    from pipeline.normalize import to_canonical

    canonical = to_canonical(text)
    for rec in [*art.people, *art.directives, *art.indicators]:
        assert canonical[rec.start:rec.end] == rec.text


def test_public_api_extract_stays_a_function_after_submodule_imports():
    import pipeline.extraction  # noqa: F401  (importing the module must not shadow the function)

    assert callable(pipeline.extract) and pipeline.extract.__name__ == "extract"


def test_public_api_extract_file_and_many(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Tiêu đề\n\nThực hiện Nghị định 100/2019/NĐ-CP của Chính phủ.", encoding="utf-8")
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    art = pipeline.extract_file(good)
    assert art.id == "a" and art.directives[0].code == "100/2019/NĐ-CP"
    out = list(pipeline.extract_many([good, empty], workers=1))
    assert isinstance(out[0], pipeline.Article)
    assert isinstance(out[1], pipeline.ErrorRecord) and out[1].error.code == "empty"

"""Benchmark: the pipeline against underthesea on the same articles, in one run.

Prints medians over ``repeats`` of: the pipeline end to end (read, decode, normalise, all
extractors, validation, JSON serialisation) in articles/s and MB/s; underthesea's
``word_tokenize`` over the whole texts; underthesea's ``ner`` over a sample of sentences
(extrapolated per MB); the ratios; per-stage time shares; one worker vs two; the Dask
engine on a local two-worker cluster (cold and warm; skipped when Dask is absent); cost per
character of a 5 KB article vs the same text repeated to 1 MB; peak RSS; and the time of
``vnextract --help``.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _median_time(fn: Any, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(folder: Path, *, repeats: int = 3, limit: int | None = None, ner_sentences: int = 40) -> dict[str, Any]:
    from .batch import discover, run_records
    from .extraction import extract, read_input
    from .language import make_nlp
    from .normalize import to_canonical

    paths = discover([str(folder)])[:limit] if limit else discover([str(folder)])
    texts = [read_input(p)[0] for p in paths]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    nlp = make_nlp()
    extract(texts[0], nlp=nlp)  # warm up

    def pipeline_run() -> None:
        for p in paths:
            text, enc = read_input(p)
            extract(text, Path(p).stem, nlp=nlp, encoding=enc).model_dump_json()

    t_pipe = _median_time(pipeline_run, repeats)

    from underthesea import ner, word_tokenize

    word_tokenize(texts[0])

    def ut_run() -> None:
        for t in texts:
            word_tokenize(t)

    t_ut = _median_time(ut_run, repeats)
    sentences = [s for t in texts for s in t.split(". ") if len(s) > 40][:ner_sentences]
    ner(sentences[0])
    t0 = time.perf_counter()
    for s in sentences:
        ner(s)
    t_ner_per_sentence = (time.perf_counter() - t0) / max(1, len(sentences))
    n_sentences = sum(len([s for s in t.split(". ") if s.strip()]) for t in texts)
    t_ner_est = t_ner_per_sentence * n_sentences

    # per-stage shares
    stages: dict[str, float] = {"normalise": 0.0, "tokenizer": 0.0, "validate+json": 0.0}
    for name, _ in nlp.pipeline:
        stages[name] = 0.0
    for text in texts:
        t = time.perf_counter()
        canonical = to_canonical(text)
        stages["normalise"] += time.perf_counter() - t
        t = time.perf_counter()
        doc = nlp.make_doc(canonical)
        stages["tokenizer"] += time.perf_counter() - t
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            stages[name] += time.perf_counter() - t
        t = time.perf_counter()
        from .extraction import article_from_doc

        article_from_doc(doc, "x").model_dump_json()
        stages["validate+json"] += time.perf_counter() - t
    total_stage = sum(stages.values()) or 1.0

    # workers
    def batch(workers: int) -> float:
        t = time.perf_counter()
        for _ in run_records(paths, workers=workers):
            pass
        return time.perf_counter() - t

    t_w1 = batch(1)
    t_w2 = batch(2)
    dask_figures = _bench_dask(paths, n_workers=2)

    # scaling with article size
    base = max(texts, key=len)
    while len(base.encode()) < 5000:
        base += "\n\n" + base
    small = base[: max(5000, len(base))][:5000]
    big = (small + "\n\n") * (1_000_000 // (len(small) + 2) + 1)
    t_small = _median_time(lambda: extract(small, nlp=nlp), repeats) / len(small)
    t_big = _median_time(lambda: extract(big, nlp=nlp), 1) / len(big)

    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, check=True)
    t_help = time.perf_counter() - t

    return {
        "articles": len(texts),
        "megabytes": round(mb, 3),
        "pipeline": {"articles_per_s": len(texts) / t_pipe, "mb_per_s": mb / t_pipe, "seconds": t_pipe},
        "word_tokenize": {"articles_per_s": len(texts) / t_ut, "mb_per_s": mb / t_ut, "seconds": t_ut},
        "ner_estimate": {"seconds_per_sentence": t_ner_per_sentence, "mb_per_s": mb / t_ner_est if t_ner_est else None},
        "ratio_pipeline_vs_word_tokenize": t_ut / t_pipe,
        "ratio_pipeline_vs_ner": t_ner_est / t_pipe if t_ner_est else None,
        "stage_shares": {k: v / total_stage for k, v in stages.items()},
        "workers": {"one_s": t_w1, "two_s": t_w2, "speedup": t_w1 / t_w2 if t_w2 else None},
        "dask": dask_figures,
        "cost_per_char": {"5kb_us": t_small * 1e6, "1mb_us": t_big * 1e6, "ratio": t_big / t_small},
        "peak_rss_mb": _rss_mb(),
        "help_seconds": t_help,
    }


def _bench_dask(paths: list[str], *, n_workers: int = 2) -> dict[str, Any]:
    """The Dask engine on a local cluster of ``n_workers`` processes, same files as the local engine.

    ``cold_s`` is cluster start plus a first pass (each worker builds its pipeline);
    ``warm_s`` is a second pass on the same cluster, the steady state of a long run.
    """
    from .dask_engine import dask_available, iter_results_dask, local_cluster

    if not dask_available():
        return {"skipped": "Dask is not installed (pip install '.[dask]')"}

    def run(address: str) -> float:
        t = time.perf_counter()
        for _ in iter_results_dask(paths, scheduler=address):
            pass
        return time.perf_counter() - t

    t = time.perf_counter()
    with local_cluster(n_workers) as cluster:
        t_start = time.perf_counter() - t
        t_first = run(cluster.scheduler_address)
        t_warm = run(cluster.scheduler_address)
    n = len(paths)
    return {
        "workers": n_workers,
        "cold_s": t_start + t_first,
        "warm_s": t_warm,
        "cold_articles_per_s": n / (t_start + t_first),
        "articles_per_s": n / t_warm if t_warm else None,
    }


def _format_dask(r: dict[str, Any]) -> str:
    d = r.get("dask") or {"skipped": "not measured"}
    local = f"local engine 2 workers {r['articles'] / r['workers']['two_s']:.1f} articles/s incl. start"
    if "skipped" in d:
        return f"dask engine: skipped: {d['skipped']}  ({local})"
    return (
        f"dask engine, {d['workers']} local workers: {d['articles_per_s']:.1f} articles/s warm, "
        f"{d['cold_articles_per_s']:.1f} incl. cluster start ({d['cold_s']:.2f}s)  ({local})"
    )


def format_bench(r: dict[str, Any]) -> str:
    p, u = r["pipeline"], r["word_tokenize"]
    lines = [
        f"articles: {r['articles']}  ({r['megabytes']} MB)",
        f"pipeline end to end        {p['articles_per_s']:8.1f} articles/s  {p['mb_per_s']:6.3f} MB/s",
        f"underthesea.word_tokenize  {u['articles_per_s']:8.1f} articles/s  {u['mb_per_s']:6.3f} MB/s",
        f"underthesea.ner (sampled)  {r['ner_estimate']['seconds_per_sentence'] * 1000:8.1f} ms/sentence  "
        f"{(r['ner_estimate']['mb_per_s'] or 0):6.4f} MB/s (estimated)",
        f"ratio pipeline / word_tokenize throughput: {r['ratio_pipeline_vs_word_tokenize']:.2f}x",
        f"ratio pipeline / ner throughput:           {(r['ratio_pipeline_vs_ner'] or 0):.1f}x",
        "stage shares: " + ", ".join(f"{k} {v:.0%}" for k, v in r["stage_shares"].items()),
        f"workers: 1 -> {r['workers']['one_s']:.2f}s, 2 -> {r['workers']['two_s']:.2f}s, speed-up {r['workers']['speedup']:.2f}x",
        _format_dask(r),
        f"cost per char: 5 KB {r['cost_per_char']['5kb_us']:.3f} us, 1 MB {r['cost_per_char']['1mb_us']:.3f} us, "
        f"ratio {r['cost_per_char']['ratio']:.2f}",
        f"peak RSS: {r['peak_rss_mb']:.0f} MB",
        f"`vnextract --help`: {r['help_seconds']:.2f} s",
    ]
    return "\n".join(lines)


def main(folder: Path, repeats: int, limit: int | None, as_json: bool) -> str:
    r = run_bench(folder, repeats=repeats, limit=limit)
    return json.dumps(r, indent=2) if as_json else format_bench(r)

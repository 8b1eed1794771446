"""Command line: ``vnextract`` / ``python -m pipeline``.

Commands parse arguments, call the library and set the exit status; nothing else.
Exit status: 0 OK, 1 some input failed (or a score fell below its floor), 2 usage error.
Heavy imports (spaCy, underthesea) happen inside the commands, so ``--help`` is fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Extract people, directives and indicators from Vietnamese news articles.",
    pretty_exceptions_enable=False,
)


def _err(msg: str) -> None:
    sys.stderr.write(msg + "\n")


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, n: int, total: int, seconds: float) -> None:
        if not self.enabled:
            return
        rate = n / seconds if seconds > 0 else 0.0
        eta = (total - n) / rate if rate > 0 else 0.0
        width = 30
        filled = int(width * n / total) if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {n}/{total} {rate:.1f} art/s ETA {eta:.0f}s ")
        sys.stderr.flush()
        if n == total:
            sys.stderr.write("\n")


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Files or folders (searched recursively)."),
    output: Path = typer.Option(..., "-o", "--output", help="Output file: .jsonl (JSON lines) or .sqlite."),
    glob: str = typer.Option("*.txt", "--glob", help="Which files to take from folders."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0 = all cores)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run; skip ids already in OUTPUT."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    engine: str = typer.Option("local", "--engine", help="local (processes here) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="With --engine dask: scheduler address (tcp://host:8786); default: a local cluster."
    ),
) -> None:
    """Extract records from articles into OUTPUT (.jsonl: one line, .sqlite: one article row, per input file)."""
    from .batch import OutputError, discover, run_to_jsonl
    from .dask_engine import DaskEngineError, SchedulerUnreachable  # does not import Dask

    if engine not in ("local", "dask"):
        _err(f"error: --engine must be local or dask, not {engine!r}")
        raise typer.Exit(2)
    if scheduler is not None and engine != "dask":
        _err("error: --scheduler needs --engine dask")
        raise typer.Exit(2)
    if engine == "dask":
        from .dask_engine import INSTALL_HINT, dask_available

        if not dask_available():
            _err(f"error: --engine dask needs Dask, which is not installed: {INSTALL_HINT}")
            raise typer.Exit(2)
    paths = discover(inputs, glob)
    for item in inputs:
        if not os.path.lexists(item):
            _err(f"warning: {item}: no such file or folder (it gets an error line)")
    if not paths:
        _err("error: no input files found")
        raise typer.Exit(2)
    n_workers = workers if workers > 0 else (os.cpu_count() or 1)
    try:
        if output.suffix.lower() in (".sqlite", ".db", ".sqlite3"):
            from .store import run_to_sqlite

            write = run_to_sqlite
        else:
            write = run_to_jsonl
        summary = write(
            paths, output, workers=n_workers, resume=resume, progress=_Progress(not quiet), engine=engine, scheduler=scheduler
        )
    except OutputError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(1) from exc
    except DaskEngineError as exc:  # scheduler unreachable (2), or a batch failed for good (1)
        _err(f"error: {exc}")
        raise typer.Exit(2 if isinstance(exc, SchedulerUnreachable) else 1) from exc
    if not quiet:
        rate = summary.written / summary.seconds if summary.seconds else 0.0
        errs = ", ".join(f"{k}: {v}" for k, v in sorted(summary.errors.items()))
        _err(
            f"{summary.written} written, {summary.skipped} skipped (already done), {summary.failed} failed"
            + (f" ({errs})" if errs else "")
            + f" in {summary.seconds:.1f}s ({rate:.1f} articles/s) -> {output}"
        )
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def show(
    inputs: list[str] = typer.Argument(..., help="Files or folders (searched recursively)."),
    output: Path = typer.Option(..., "-o", "--output", help="The HTML page to write."),
    glob: str = typer.Option("*.txt", "--glob", help="Which files to take from folders."),
    title: str = typer.Option("vnnews-extract review", "--title", help="Page title."),
) -> None:
    """Write one self-contained HTML review page: texts highlighted, records beside them."""
    from .batch import discover
    from .review import write_review

    paths = discover(inputs, glob)
    if not paths:
        _err("error: no input files found")
        raise typer.Exit(2)
    summary = write_review(paths, output, title=title)
    _err(f"{summary.articles} articles, {summary.failed} unreadable -> {output}")
    raise typer.Exit(1 if summary.failed else 0)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="Folder of NAME.gold.json files (texts beside them or in --texts)."),
    texts: Optional[Path] = typer.Option(None, "--texts", help="Folder holding NAME.txt when apart from the gold."),
    show_misses: bool = typer.Option(False, "--show-misses", help="List every missed and spurious record."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    check_baseline: Optional[Path] = typer.Option(None, "--check-baseline", help="Fail (exit 1) below these floors."),
) -> None:
    """Score the extractor against gold annotations (precision, recall, F1 per record type)."""
    import json

    from .evaluate import evaluate, format_report
    from .extraction import extract

    def predict(text: str, id: str) -> dict:  # type: ignore[type-arg]
        return extract(text, id).model_dump(mode="json")

    report = evaluate(gold, predict, texts_dir=texts)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report, show_misses=show_misses) + "\n")
    if check_baseline is not None:
        from .evaluate import below_baseline

        failures = below_baseline(report, json.loads(check_baseline.read_text(encoding="utf-8")))
        for f in failures:
            _err(f"below floor: {f}")
        if failures:
            raise typer.Exit(1)


@app.command()
def schema(
    out_dir: Path = typer.Option(Path("schemas"), "--out", help="Where to write the JSON Schemas."),
    check: bool = typer.Option(False, "--check", help="Only check that the committed schemas are current."),
) -> None:
    """Write (or check) the JSON Schemas generated from the record models."""
    from .schema import check_schemas, export_schemas

    if check:
        stale = check_schemas(out_dir)
        for name in stale:
            _err(f"stale schema: {out_dir / name} (run: python -m pipeline schema)")
        raise typer.Exit(1 if stale else 0)
    for path in export_schemas(out_dir):
        _err(f"wrote {path}")


@app.command("rules-check")
def rules_check() -> None:
    """Validate every rule file and run its examples and counterexamples."""
    from .rulecheck import run_all_examples

    failures, total = run_all_examples()
    for f in failures:
        _err(f)
    _err(f"{total - len(failures)} of {total} rule examples pass")
    raise typer.Exit(1 if failures else 0)


@app.command()
def bench(
    folder: Optional[Path] = typer.Argument(None, help="Articles to run on (default ../shared/real/articles, else corpus/articles)."),
    repeats: int = typer.Option(3, "--repeats", help="Repeats per measurement (medians are printed)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Use only the first N articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Benchmark the pipeline against underthesea on the same articles."""
    from .bench import main as bench_main

    if folder is None:
        shared = Path("../shared/real/articles")
        folder = shared if shared.is_dir() else Path("corpus/articles")
    sys.stdout.write(bench_main(folder, repeats, limit, as_json) + "\n")


def main() -> None:
    """Console-script entry point."""
    app()
